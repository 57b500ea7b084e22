#include "report/json.hpp"

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

Json source_json(const SourceRef& s) {
    Json j{{"part", s.part}, {"index", s.index}};
    if (s.line) j["line"] = s.line;
    return j;
}

Json party_json(const Party& p) {
    Json aliases = Json::array();
    for (const auto& a : p.aliases) aliases.push_back({{"text", a.text}, {"learned", a.learned}});
    return {{"name", p.name}, {"aliases", aliases}};
}

}  // namespace

Json document_json(const Document& doc) {
    Json parties = Json::object();
    for (const Party& p : doc.parties) parties[p.role] = party_json(p);
    Json definitions = Json::array();
    for (const Definition& d : doc.definitions)
        definitions.push_back({{"term", d.term}, {"definition", d.definition}, {"clause", d.clause_id}});

    Json clauses = Json::array();
    for (const Clause& c : doc.clauses) {
        Json notes = Json::array();
        Json blocks = Json::array();
        for (std::size_t bi : c.blocks) {
            blocks.push_back(bi);
            for (const NoteRef& n : doc.blocks[bi].notes) notes.push_back(n.note_id);
        }
        clauses.push_back({{"id", c.id},
                           {"number", c.number},
                           {"heading", c.heading},
                           {"level", c.level},
                           {"parent", c.parent ? Json(doc.clauses[*c.parent].id) : Json(nullptr)},
                           {"text", c.text},
                           {"source", source_json(c.source)},
                           {"notes", notes},
                           {"blocks", blocks}});
    }

    Json blocks = Json::array();
    for (const Block& b : doc.blocks) {
        Json j{{"kind", to_string(b.kind)}, {"label", b.label}, {"text", b.text}};
        if (b.heading_level) j["heading_level"] = b.heading_level;
        if (b.list_level >= 0) j["list_level"] = b.list_level;
        if (!b.style.empty()) j["style"] = b.style;
        if (b.kind == BlockKind::table_row) j["cells"] = b.cells;
        if (b.table_depth) j["table_depth"] = b.table_depth;
        if (!b.note_id.empty()) j["id"] = b.note_id;
        if (!b.author.empty()) j["author"] = b.author;
        if (!b.changes.empty()) {
            Json changes = Json::array();
            for (const ChangeMark& m : b.changes)
                changes.push_back({{"kind", change_kind(m.kind)},
                                   {"start", m.start},
                                   {"end", m.end},
                                   {"author", m.author},
                                   {"date", m.date}});
            j["changes"] = changes;
        }
        j["source"] = source_json(b.source);
        blocks.push_back(std::move(j));
    }

    Json left_out = Json::object();
    for (const auto& [reason, n] : doc.stats.left_out) left_out[reason] = n;
    Json warnings = Json::array();
    for (const Diagnostic& d : doc.warnings) warnings.push_back({{"where", d.where}, {"message", d.message}});

    Json root{{"schema", "onus.document/1"},
              {"document",
               {{"path", doc.path}, {"format", doc.format}, {"title", doc.title},
                {"parties", parties},
                {"definitions", definitions}}},
              {"clauses", clauses},
              {"blocks", blocks},
              {"stats",
               {{"chars_read", doc.stats.chars_read},
                {"chars_emitted", doc.stats.chars_emitted},
                {"left_out", left_out},
                {"invalid_utf8_replaced", doc.stats.invalid_utf8_replaced}}},
              {"warnings", warnings}};
    return root;
}

void write_json(const Json& root, std::ostream& out) {
    // Text was sanitised at the reader boundary; `replace` is the second line.
    out << root.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_document_json(const Document& doc, std::ostream& out) { write_json(document_json(doc), out); }

}  // namespace onus
