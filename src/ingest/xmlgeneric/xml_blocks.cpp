#include "ingest/ledger.hpp"
#include "ingest/block_text.hpp"
#include "ingest/xmlgeneric/xml_blocks.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <vector>

#include "ingest/xml.hpp"
#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus::ingest::xmlblocks {
namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_text(const pugi::xml_node& n) {
    return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

// "•", "–", "-": a list item's mark, not a number.
bool is_bullet(std::string_view label) {
    return !label.empty() &&
           std::none_of(label.begin(), label.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

bool all_space(std::string_view s) { return std::all_of(s.begin(), s.end(), is_xml_space); }

// "&name;" left in text: pugixml expands only the five predefined entities
// and character references, and leaves any other reference as it stands.
bool has_entity_reference(std::string_view s) {
    for (std::size_t at = s.find('&'); at != std::string_view::npos; at = s.find('&', at + 1)) {
        std::size_t i = at + 1;
        auto name_start = [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
        };
        if (i >= s.size() || !name_start(s[i])) continue;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == ':' ||
                                s[i] == '.' || s[i] == '-'))
            ++i;
        if (i < s.size() && s[i] == ';') return true;
    }
    return false;
}

// A paragraph being assembled. Source whitespace is not written at once: a
// run of it becomes one space only when more text follows, so that leading
// and trailing layout whitespace never reaches the text.
struct Inline {
    std::string text;
    std::vector<NoteRef> notes;
    bool pending_space = false;    // whitespace seen since the last character
    bool pending_counted = false;  // some of it came from a text node (else recovered from the source)
    std::size_t read = 0;     // code points taken from text nodes
    std::size_t emitted = 0;  // of those, code points kept in `text`
    pugi::xml_node origin;    // where the paragraph starts, for its line

    void add_source(std::string_view raw) {
        read += count_code_points(raw);
        for (char c : raw) {
            if (is_xml_space(c)) {
                pending_space = pending_counted = true;
                continue;
            }
            if (pending_space && !text.empty() && text.back() != '\n' && text.back() != ' ') {
                text += ' ';
                if (pending_counted) ++emitted;
            }
            pending_space = pending_counted = false;
            text += c;
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++emitted;
        }
    }

    // Characters the reader makes (note markers, separators): glued to
    // what precedes, not counted as read.
    void add_generated(std::string_view s) { text += s; }

    // Whitespace between two elements that the parser dropped.
    void recovered_space() { pending_space = true; }

    void line_break() {
        if (text.empty() || text.back() == '\n') return;
        text += '\n';
        pending_space = pending_counted = false;
    }

    void finish() {
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    }
};

// The source bytes as pugixml saw them, for what the tree does not keep:
// line numbers, and the whitespace-only text between two elements, which
// pugixml drops ("<b>a</b> <i>b</i>" has no text node between b and i) but
// which separates words in mixed content.
class SourceMap {
public:
    explicit SourceMap(std::string_view bytes) {
        auto b0 = bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]);
        auto b1 = bytes.size() > 1 ? static_cast<unsigned char>(bytes[1]) : 0;
        // parse_xml() converts UTF-16 to UTF-8 before pugixml sees it: its
        // offsets no longer match the file, so nothing is known.
        if (b0 == 0xFE || b0 == 0xFF || b0 == 0 || b1 == 0) return;
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // parse_xml() drops the BOM
        bytes_ = bytes;
        known_ = true;
        for (std::size_t i = 0; i < bytes.size(); ++i)
            if (bytes[i] == '\n') newlines_.push_back(i);
    }

    std::size_t line_of(const pugi::xml_node& node) const {
        std::ptrdiff_t offset = offset_of(node);
        if (offset < 0) return 0;
        auto at = std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
        return static_cast<std::size_t>(at - newlines_.begin()) + 1;
    }

    // True when whitespace stands right before the element's start tag.
    bool space_before(const pugi::xml_node& element) const {
        std::ptrdiff_t offset = offset_of(element);  // of the name, after '<'
        return offset >= 2 && is_xml_space(bytes_[static_cast<std::size_t>(offset) - 2]);
    }

    // True when the source holds an entity reference other than the five
    // predefined ones (outside the DOCTYPE, where entities are declared).
    // Checked in the source because pugixml turns "&amp;x;" into "&x;".
    bool has_entity_references() const {
        if (!known_) return true;  // cannot tell: trust the text
        if (!entities_) entities_ = scan_entities();
        return *entities_;
    }

private:
    bool scan_entities() const {
        std::string_view s = bytes_;
        if (std::size_t doctype = s.find("<!DOCTYPE"); doctype != std::string_view::npos) {
            std::size_t bracket = s.find('[', doctype), close = s.find('>', doctype);
            std::size_t end = bracket < close ? s.find("]>", bracket) : close;
            if (end != std::string_view::npos) s.remove_prefix(end);
        }
        for (std::size_t at = s.find('&'); at != std::string_view::npos; at = s.find('&', at + 1)) {
            std::size_t semi = s.find(';', at);
            if (semi == std::string_view::npos || semi - at > 64) continue;
            std::string_view name = s.substr(at + 1, semi - at - 1);
            if (name.empty() || name[0] == '#' || name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
                name == "apos")
                continue;
            if (has_entity_reference(s.substr(at, semi - at + 1))) return true;
        }
        return false;
    }

    std::ptrdiff_t offset_of(const pugi::xml_node& node) const {
        if (!known_ || !node) return -1;
        std::ptrdiff_t offset = node.offset_debug();
        return offset >= 0 && static_cast<std::size_t>(offset) < bytes_.size() ? offset : -1;
    }

    bool known_ = false;
    std::string_view bytes_;
    std::vector<std::size_t> newlines_;
    mutable std::optional<bool> entities_;
};

std::string attribute_of(const pugi::xml_node& e, std::initializer_list<const char*> local_names) {
    for (pugi::xml_attribute a : e.attributes())
        for (const char* name : local_names)
            if (local_name(a.name()) == name && *a.value()) return a.value();
    return {};
}

class Walker {
public:
    Walker(const Schema& schema, std::string_view source, const LoadOptions& options, Document& doc)
        : schema_(schema), source_(source), options_(options), doc_(doc) {}

    void run(const pugi::xml_node& root) {
        ctx_.out = &body_;
        block_element(root);
        flush();
        flush_pending_label();
        for (Block& b : body_) doc_.blocks.push_back(std::move(b));
        for (Block& b : notes_) doc_.blocks.push_back(std::move(b));
        ledger_.finish(doc_);
    }

private:
    // Where blocks go and what is open there: the body, a table cell or a
    // note each have their own.
    struct Pending {
        bool active = false;
        std::string label;
        int depth = 0;
        pugi::xml_node origin;
    };
    struct Context {
        std::vector<Block>* out = nullptr;
        Inline current;
        Pending pending;  // a clause number waiting for the clause's first paragraph
        int depth = 0;    // clause depth
        BlockKind kind = BlockKind::paragraph;
    };

    // ------------------------------------------------------------ block level

    void walk_block(const pugi::xml_node& parent, const ClauseParts* parts = nullptr) {
        for (pugi::xml_node child : parent.children()) {
            if (parts && (child == parts->number || child == parts->heading || child == parts->subheading)) continue;
            if (is_text(child)) {
                text(child, ctx_.current);
            } else if (child.type() == pugi::node_element) {
                block_element(child);
            }
        }
    }

    void block_element(const pugi::xml_node& e) {
        switch (schema_.block_role(e)) {
            case Role::skip:
            case Role::empty: break;
            case Role::inline_text:
                if (source_.space_before(e)) ctx_.current.recovered_space();
                walk_inline(e, ctx_.current);
                break;
            case Role::line_break: ctx_.current.line_break(); break;
            case Role::note: note(e, ctx_.current); break;
            case Role::note_ref: note_ref(e, ctx_.current); break;
            case Role::paragraph:
                flush();
                ctx_.current.origin = e;
                walk_inline(e, ctx_.current);
                flush();
                break;
            case Role::wrapper:
            case Role::block_break:
                flush();
                walk_block(e);
                flush();
                break;
            case Role::container: container(e); break;
            case Role::table:
                flush();
                flush_pending_label();
                table(e);
                break;
        }
    }

    // A clause: its heading line (or its number, carried by its first
    // paragraph), then its content one level deeper.
    void container(const pugi::xml_node& e) {
        flush();
        flush_pending_label();  // the enclosing clause had no paragraph before this one
        ClauseParts parts = schema_.clause_parts(e);
        std::string label = parts.number ? inline_string(parts.number) : parts.number_value;
        Inline heading;
        heading.origin = parts.heading ? parts.heading : parts.subheading;
        if (parts.heading) walk_inline(parts.heading, heading);
        if (parts.subheading) {
            Inline sub;
            walk_inline(parts.subheading, sub);
            settle(sub);
            sub.finish();
            if (!sub.text.empty()) {
                if (!heading.text.empty()) heading.add_generated(" \u2013 ");
                std::size_t shift = heading.text.size();
                heading.text += sub.text;
                for (NoteRef n : sub.notes) heading.notes.push_back({n.note_id, n.offset + shift});
            }
        }
        settle(heading);
        heading.finish();
        bool clause = !label.empty() || !heading.text.empty();
        if (clause) ++ctx_.depth;
        if (!heading.text.empty()) {
            Block b = make_block(std::move(heading));
            b.label = label;
            b.label_is_bullet = is_bullet(label);
            b.heading_level = std::min(ctx_.depth, 9);
            b.list_level = std::min(ctx_.depth - 1, 8);
            push(std::move(b));
        } else if (!label.empty()) {
            ctx_.pending = {true, label, ctx_.depth, e};
        }
        walk_block(e, &parts);
        flush();
        flush_pending_label();
        if (clause) --ctx_.depth;
    }

    // The paragraph being built becomes a block (if it holds anything).
    void flush() {
        Inline in = std::move(ctx_.current);
        ctx_.current = Inline{};
        settle(in);
        in.finish();
        if (in.text.empty() && in.notes.empty()) return;
        Block b = make_block(std::move(in));
        if (ctx_.pending.active) {
            b.label = std::move(ctx_.pending.label);
            b.list_level = std::min(ctx_.pending.depth - 1, 8);
            ctx_.pending = Pending{};
        }
        b.label_is_bullet = is_bullet(b.label);
        push(std::move(b));
    }

    // A clause number that no paragraph took: a block of its own.
    void flush_pending_label() {
        if (!ctx_.pending.active) return;
        Block b;
        b.kind = ctx_.kind;
        b.label = std::move(ctx_.pending.label);
        b.label_is_bullet = is_bullet(b.label);
        b.list_level = std::min(ctx_.pending.depth - 1, 8);
        b.table_depth = table_depth_;
        b.source = source_of(ctx_.pending.origin);
        ctx_.pending = Pending{};
        push(std::move(b));
    }

    Block make_block(Inline in) {
        Block b;
        b.kind = ctx_.kind;
        b.text = std::move(in.text);
        b.notes = std::move(in.notes);
        b.table_depth = table_depth_;
        b.source = source_of(in.origin);
        return b;
    }

    SourceRef source_of(const pugi::xml_node& origin) { return {doc_.path, block_index_++, source_.line_of(origin)}; }

    void push(Block b) {
        if (++blocks_made_ > options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " paragraphs");
        ctx_.out->push_back(std::move(b));
    }

    // ------------------------------------------------------------ tables

    void table(const pugi::xml_node& e) {
        ++table_depth_;
        table_part(e);
        --table_depth_;
    }

    void table_part(const pugi::xml_node& e) {
        for (pugi::xml_node child : e.children()) {
            if (is_text(child)) {
                stray_text(child);
                continue;
            }
            if (child.type() != pugi::node_element) continue;
            std::string_view name = local_name(child.name());
            if (name == "tr" || name == "row") {
                row(child);
            } else if (name == "thead" || name == "tbody" || name == "tfoot" || name == "tgroup") {
                table_part(child);
            } else {
                block_element(child);  // caption, colgroup...
                flush();
            }
        }
    }

    void row(const pugi::xml_node& tr) {
        Block row;
        row.kind = BlockKind::table_row;
        row.table_depth = table_depth_;
        row.source = source_of(tr);
        bool any_text = false;
        for (pugi::xml_node cell : tr.children()) {
            if (is_text(cell)) {
                stray_text(cell);
                continue;
            }
            if (cell.type() != pugi::node_element || schema_.block_role(cell) == Role::skip) continue;
            std::string text;
            std::vector<NoteRef> notes;
            cell_text(cell, text, notes);
            // Offsets in the row's text: cells are joined by tabs.
            std::size_t shift = row.cells.empty() ? 0 : row.text.size() + 1;
            for (NoteRef& n : notes) row.notes.push_back({n.note_id, n.offset + shift});
            if (!row.cells.empty()) row.text += '\t';
            row.text += text;
            any_text = any_text || !text.empty();
            row.cells.push_back(std::move(text));
        }
        if (any_text || !row.notes.empty()) push(std::move(row));
    }

    // A cell's blocks on one line, as the DOCX reader joins them.
    void cell_text(const pugi::xml_node& cell, std::string& text, std::vector<NoteRef>& notes) {
        std::vector<Block> inner = in_context(BlockKind::paragraph, [&] { walk_block(cell); });
        for (Block& b : inner) {
            std::string piece = b.kind == BlockKind::table_row ? join(b.cells, " ")
                                : b.label.empty()               ? b.text
                                                                : b.label + " " + b.text;
            if (piece.empty()) continue;
            if (!text.empty()) text += ' ';
            std::size_t shift = text.size() + (b.label.empty() || b.kind == BlockKind::table_row ? 0 : b.label.size() + 1);
            // Nested rows carry offsets into their tab-joined text, which
            // has the same length as the space-joined one.
            for (NoteRef& n : b.notes) notes.push_back({n.note_id, n.offset + shift});
            text += piece;
        }
        for (char& ch : text)
            if (ch == '\n' || ch == '\t') ch = ' ';
    }


    // Text directly inside a table or row, outside any cell: layout
    // whitespace, or text no renderer shows in the table.
    void stray_text(const pugi::xml_node& node) {
        std::string_view raw = node.value();
        std::size_t n = count_code_points(raw);
        ledger_.read += n;
        if (all_space(raw)) {
            ledger_.leave_out("whitespace (XML layout)", n);
        } else {
            ledger_.leave_out("text outside table cells", n);
            warn("text outside table cells is not read");
        }
    }

    // Walk `body` with a fresh context (a cell, a note) and return its blocks.
    template <typename F>
    std::vector<Block> in_context(BlockKind kind, F body) {
        std::vector<Block> inner;
        Context saved = std::move(ctx_);
        ctx_ = Context{};
        ctx_.out = &inner;
        ctx_.kind = kind;
        ctx_.depth = saved.depth;
        body();
        flush();
        flush_pending_label();
        ctx_ = std::move(saved);
        return inner;
    }

    // ------------------------------------------------------------ inline level

    void walk_inline(const pugi::xml_node& parent, Inline& in) {
        for (pugi::xml_node child : parent.children()) {
            if (is_text(child)) {
                text(child, in);
                continue;
            }
            if (child.type() != pugi::node_element) continue;
            if (source_.space_before(child)) in.recovered_space();
            switch (schema_.inline_role(child)) {
                case Role::skip:
                case Role::empty: break;
                case Role::line_break: in.line_break(); break;
                case Role::note: note(child, in); break;
                case Role::note_ref: note_ref(child, in); break;
                case Role::block_break:
                    if (&in == &ctx_.current) {
                        // The paragraph so far, the blocks, then a new
                        // paragraph for what follows.
                        flush();
                        walk_block(child);
                        flush();
                    } else {
                        walk_inline(child, in);
                    }
                    break;
                default: walk_inline(child, in); break;
            }
        }
    }

    std::string inline_string(const pugi::xml_node& e) {
        Inline in;
        walk_inline(e, in);
        settle(in);
        in.finish();
        for (char& c : in.text)
            if (c == '\n') c = ' ';
        return in.text;
    }

    void text(const pugi::xml_node& node, Inline& in) {
        std::string_view raw = node.value();
        std::string owned;
        if (!is_valid_utf8(raw)) {
            // Character references such as &#xD800; decode to invalid UTF-8
            // inside pugixml; keep the rest of the text and say so.
            std::size_t replaced = 0;
            owned = sanitize_utf8(raw, &replaced);
            doc_.stats.invalid_utf8_replaced += replaced;
            warn("invalid characters replaced by U+FFFD");
            raw = owned;
        }
        if (has_entity_reference(raw) && source_.has_entity_references())
            warn("text holds entity references that are never expanded (&name;): the text is incomplete");
        if (!in.origin && !all_space(raw)) in.origin = node;
        in.add_source(raw);
    }

    // Whatever an Inline read goes to the stats: kept, or whitespace dropped.
    void settle(const Inline& in) {
        ledger_.read += in.read;
        ledger_.emitted += in.emitted;
        if (in.read > in.emitted) ledger_.leave_out("whitespace (XML layout)", in.read - in.emitted);
    }

    // ------------------------------------------------------------ notes

    // A note written in place: a marker where it stands, its text after the body.
    void note(const pugi::xml_node& e, Inline& in) {
        std::string number = std::to_string(notes_.size() + 1);
        std::string id = attribute_of(e, {"eId", "id", "GUID"});
        std::string note_id = "footnote:" + (id.empty() ? "n" + number : id);
        std::string marker = attribute_of(e, {"marker", "label", "n"});
        if (marker.empty()) marker = number;
        in.notes.push_back({note_id, in.text.size()});
        in.add_generated(marker);
        add_note(e, note_id, marker);
    }

    // A reference to a note kept elsewhere (Akoma Ntoso: meta/notes/note).
    void note_ref(const pugi::xml_node& e, Inline& in) {
        pugi::xml_node target = schema_.referenced_note(e);
        std::string marker = attribute_of(e, {"marker"});
        if (!target) {
            warn("a note reference points to no note");
            in.add_generated(marker);
            return;
        }
        auto [it, fresh] = note_ids_.emplace(target.internal_object(), "");
        if (fresh) {
            std::string id = attribute_of(target, {"eId", "id", "GUID"});
            it->second = "footnote:" + (id.empty() ? "n" + std::to_string(notes_.size() + 1) : id);
        }
        if (marker.empty()) marker = std::to_string(notes_.size() + (fresh ? 1 : 0));
        in.notes.push_back({it->second, in.text.size()});
        in.add_generated(marker);
        if (fresh) add_note(target, it->second, marker);
    }

    void add_note(const pugi::xml_node& e, const std::string& note_id, const std::string& marker) {
        int saved_table_depth = table_depth_;
        table_depth_ = 0;
        std::vector<Block> inner = in_context(BlockKind::footnote, [&] { walk_block(e); });
        table_depth_ = saved_table_depth;
        Block note;
        note.kind = BlockKind::footnote;
        note.note_id = note_id;
        note.label = marker;
        note.source = source_of(e);
        for (Block& b : inner) {
            std::string piece = b.kind == BlockKind::table_row || b.label.empty() ? b.text : b.label + " " + b.text;
            if (piece.empty()) continue;
            if (!note.text.empty()) note.text += '\n';
            std::size_t shift = note.text.size() + (b.label.empty() || b.kind == BlockKind::table_row ? 0 : b.label.size() + 1);
            for (NoteRef& n : b.notes) note.notes.push_back({n.note_id, n.offset + shift});
            note.text += piece;
        }
        if (++blocks_made_ > options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " paragraphs");
        notes_.push_back(std::move(note));
    }

    // ------------------------------------------------------------ bookkeeping

    void warn(const std::string& message) {
        for (const Diagnostic& d : doc_.warnings)
            if (d.where == doc_.path && d.message == message) return;
        doc_.warnings.push_back({doc_.path, message});
    }

    const Schema& schema_;
    SourceMap source_;
    const LoadOptions& options_;
    Document& doc_;
    Context ctx_;
    std::vector<Block> body_, notes_;
    std::map<const void*, std::string> note_ids_;  // referenced note element -> its note id
    int table_depth_ = 0;
    std::size_t block_index_ = 0, blocks_made_ = 0;
    ingest::Ledger ledger_;  // characters read, emitted and left out
};

}  // namespace

void read_blocks(const pugi::xml_node& root, const Schema& schema, std::string_view source,
                 const LoadOptions& options, Document& doc) {
    Walker(schema, source, options, doc).run(root);
}

std::string collapse(std::string_view text) {
    Inline in;
    in.add_source(text);
    in.finish();
    return in.text;
}

bool has_direct_text(const pugi::xml_node& element) {
    for (pugi::xml_node c : element.children())
        if (is_text(c) && !all_space(c.value())) return true;
    return false;
}

std::string collapsed_text(const pugi::xml_node& element, std::string_view source) {
    // Iterative: titles are short, but the element is untrusted.
    SourceMap map(source);
    Inline in;
    for (pugi::xml_node n = element.first_child(); n;) {
        if (is_text(n)) in.add_source(n.value());
        if (n.type() == pugi::node_element && map.space_before(n)) in.recovered_space();
        if (n.type() == pugi::node_element && n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != element && !n.next_sibling()) n = n.parent();
        if (!n || n == element) break;
        n = n.next_sibling();
    }
    in.finish();
    return sanitize_utf8(in.text);
}

}  // namespace onus::ingest::xmlblocks
