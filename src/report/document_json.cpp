#include "report/json.hpp"
#include "report/json_stream.hpp"

namespace onus {
namespace {

const char* change_kind(ChangeMark::Kind k) {
    switch (k) {
        case ChangeMark::Kind::insertion: return "insertion";
        case ChangeMark::Kind::deletion: return "deletion";
        case ChangeMark::Kind::move_from: return "move-from";
        case ChangeMark::Kind::move_to: return "move-to";
    }
    return "insertion";
}

void write_source(JsonStream& w, const SourceRef& s) {
    w.begin_object();
    w.member("part", s.part);
    w.member("index", s.index);
    if (s.line) w.member("line", s.line);
    w.end_object();
}

void write_party(JsonStream& w, const Party& p) {
    w.begin_object();
    w.member("name", p.name);
    w.key("aliases");
    w.begin_array();
    for (const auto& a : p.aliases) {
        w.begin_object();
        w.member("text", a.text);
        w.member("learned", a.learned);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

// An object keyed by `key_of` over `items`: a key given twice keeps its first
// place and takes its last item, as assigning into a JSON object would.
template <typename Items, typename KeyOf, typename WriteValue>
void write_keyed(JsonStream& w, const Items& items, KeyOf key_of, WriteValue write_value) {
    w.begin_object();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& k = key_of(items[i]);
        bool seen = false;
        for (std::size_t e = 0; e < i && !seen; ++e) seen = key_of(items[e]) == k;
        if (seen) continue;
        std::size_t last = i;
        for (std::size_t l = i + 1; l < items.size(); ++l)
            if (key_of(items[l]) == k) last = l;
        w.key(k);
        write_value(items[last]);
    }
    w.end_object();
}

void write_header(JsonStream& w, const Document& doc) {
    w.begin_object();
    w.member("path", doc.path);
    w.member("format", doc.format);
    w.member("title", doc.title);
    w.key("parties");
    write_keyed(w, doc.parties, [](const Party& p) -> const std::string& { return p.role; },
                [&](const Party& p) { write_party(w, p); });
    w.key("definitions");
    w.begin_array();
    for (const Definition& d : doc.definitions) {
        w.begin_object();
        w.member("term", d.term);
        w.member("definition", d.definition);
        w.member("clause", d.clause_id);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

void write_clause(JsonStream& w, const Document& doc, const Clause& c, const ClauseAnalysis* analysis, bool blocks) {
    w.begin_object();
    w.member("id", c.id);
    w.member("number", c.number);
    w.member("heading", c.heading);
    w.member("level", c.level);
    w.key("parent");
    if (c.parent) w.value(doc.clauses[*c.parent].id);
    else w.null();
    w.member("text", c.text);
    w.key("source");
    write_source(w, c.source);
    w.key("notes");
    w.begin_array();
    for (std::size_t bi : c.blocks)
        for (const NoteRef& n : doc.blocks[bi].notes) w.value(n.note_id);
    w.end_array();
    if (blocks) {
        w.key("blocks");
        w.begin_array();
        for (std::size_t bi : c.blocks) w.value(bi);
        w.end_array();
    }
    if (analysis) write_tags_member(w, *analysis);
    w.end_object();
}

void write_block(JsonStream& w, const Block& b) {
    w.begin_object();
    w.member("kind", to_string(b.kind));
    w.member("label", b.label);
    w.member("text", b.text);
    if (b.heading_level) w.member("heading_level", b.heading_level);
    if (b.list_level >= 0) w.member("list_level", b.list_level);
    if (!b.style.empty()) w.member("style", b.style);
    if (b.kind == BlockKind::table_row) {
        w.key("cells");
        w.strings(b.cells);
    }
    if (b.table_depth) w.member("table_depth", b.table_depth);
    if (!b.note_id.empty()) w.member("id", b.note_id);
    if (!b.author.empty()) w.member("author", b.author);
    if (!b.changes.empty()) {
        w.key("changes");
        w.begin_array();
        for (const ChangeMark& m : b.changes) {
            w.begin_object();
            w.member("kind", change_kind(m.kind));
            w.member("start", m.start);
            w.member("end", m.end);
            w.member("author", m.author);
            w.member("date", m.date);
            w.end_object();
        }
        w.end_array();
    }
    w.key("source");
    write_source(w, b.source);
    w.end_object();
}

void write_stats(JsonStream& w, const ExtractStats& stats) {
    w.begin_object();
    w.member("chars_read", stats.chars_read);
    w.member("chars_emitted", stats.chars_emitted);
    w.key("left_out");
    using LeftOut = std::pair<std::string, std::size_t>;
    write_keyed(w, stats.left_out, [](const LeftOut& l) -> const std::string& { return l.first; },
                [&](const LeftOut& l) { w.value(l.second); });
    w.member("invalid_utf8_replaced", stats.invalid_utf8_replaced);
    w.end_object();
}

}  // namespace

void write_document_object(JsonStream& w, const Document& doc, const Analysis* analysis, bool blocks) {
    w.begin_object();
    w.member("schema", analysis ? "onus.analysis/1" : "onus.document/1");
    w.key("document");
    write_header(w, doc);
    w.key("clauses");
    w.begin_array();
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) {
        const ClauseAnalysis* tags = analysis && i < analysis->clauses.size() ? &analysis->clauses[i] : nullptr;
        write_clause(w, doc, doc.clauses[i], tags, blocks);
    }
    w.end_array();
    if (blocks) {
        w.key("blocks");
        w.begin_array();
        for (const Block& b : doc.blocks) write_block(w, b);
        w.end_array();
    }
    w.key("stats");
    write_stats(w, doc.stats);
    w.key("warnings");
    w.begin_array();
    for (const Diagnostic& d : doc.warnings) {
        w.begin_object();
        w.member("where", d.where);
        w.member("message", d.message);
        w.end_object();
    }
    w.end_array();
    if (analysis) write_analysis_members(w, *analysis);
    w.end_object();
}

void write_json(const Json& root, std::ostream& out) {
    // Text was sanitised at the reader boundary; `replace` is the second line.
    out << root.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// Pretty, as write_json prints a tree, passed on to `out` in pieces.
void write_document_json(const Document& doc, std::ostream& out) {
    JsonStream w(out, 2);
    write_document_object(w, doc, nullptr);
    w.raw("\n");
    w.flush();
}

}  // namespace onus
