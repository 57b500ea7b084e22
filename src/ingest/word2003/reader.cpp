// The Word 2003 XML reader ("WordprocessingML 2003", root w:wordDocument):
// one XML file that Word 2003-2007 save as "XML Document".
//
// It is DOCX's ancestor, with these differences that matter here:
// - everything is in one file: lists (w:lists), styles, and the notes and
//   comments themselves, which stand inline where they are cited
//   (w:r/w:footnote holds the footnote's paragraphs);
// - lists: w:listPr (w:ilfo, w:ilvl) points at w:list (the instance) whose
//   w:ilst names a w:listDef; formats are numbers (w:nfc 0 = decimal, 4 =
//   lowerLetter, 23 = bullet...). They are translated into DOCX's model and
//   rendered by the DOCX numbering engine, so both formats number alike;
// - tracked changes and comments are aml:annotation elements (w:type
//   "Word.Insertion", "Word.Deletion", "Word.Comment"), their content in
//   aml:content;
// - Word wraps sections in wx:sect/wx:sub (auxiliary hints) and custom XML
//   in elements of the schema's own namespace; both are read through.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "ingest/ledger.hpp"
#include "ingest/block_text.hpp"
#include "ingest/tracked_text.hpp"
#include "ingest/docx/numbering.hpp"
#include "ingest/readers.hpp"
#include "ingest/xml.hpp"
#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus::word2003 {
namespace {

using ingest::Namespaces;
using ingest::Inline;
using ingest::join;
using ingest::labelled;
using ingest::Revision;
using ingest::RevisionInfo;
using ingest::removed_in;

enum class Ns { other, w, wx, aml, o, v };

Ns classify_ns(std::string_view uri) {
    if (uri == "http://schemas.microsoft.com/office/word/2003/wordml") return Ns::w;
    if (uri == "http://schemas.microsoft.com/office/word/2003/auxHint") return Ns::wx;
    if (uri == "http://schemas.microsoft.com/aml/2001/core") return Ns::aml;
    if (uri == "urn:schemas-microsoft-com:office:office") return Ns::o;
    if (uri == "urn:schemas-microsoft-com:vml") return Ns::v;
    return Ns::other;
}

struct Element {
    pugi::xml_node node;
    Ns ns = Ns::other;
    std::string_view local;

    Element(pugi::xml_node n, const Namespaces& scope)
        : node(n),
          ns(n.type() == pugi::node_element ? classify_ns(scope.uri_of(n)) : Ns::other),
          local(ingest::local_name(n.name())) {}
    bool is(Ns want, std::string_view name) const { return ns == want && local == name; }
    bool is_w(std::string_view name) const { return is(Ns::w, name); }
};

const char* attr(const pugi::xml_node& node, Ns ns, std::string_view name, const Namespaces& scope) {
    for (pugi::xml_attribute a : node.attributes()) {
        if (ingest::local_name(a.name()) != name) continue;
        std::string_view prefix = ingest::prefix_of(a.name());
        if (!prefix.empty() && classify_ns(scope.uri(node, prefix)) == ns) return a.value();
    }
    return nullptr;
}

pugi::xml_node child(const pugi::xml_node& parent, Ns ns, std::string_view name, const Namespaces& scope) {
    for (pugi::xml_node c : parent.children())
        if (c.type() == pugi::node_element && Element(c, scope).is(ns, name)) return c;
    return {};
}

// The w:val of a w child ("<w:ilvl w:val="1"/>"), or nullptr.
const char* child_val(const pugi::xml_node& parent, std::string_view name, const Namespaces& scope) {
    pugi::xml_node c = child(parent, Ns::w, name, scope);
    return c ? attr(c, Ns::w, "val", scope) : nullptr;
}

bool on(const pugi::xml_node& prop, const Namespaces& scope) {
    if (!prop) return false;
    const char* v = attr(prop, Ns::w, "val", scope);
    if (!v) return true;
    std::string_view s = v;
    return !(s == "0" || s == "false" || s == "off");
}

// w:nfc values (Word's numeric number formats) as DOCX numFmt names; unknown
// ones keep a name the numbering engine reports and renders as decimal.
std::string nfc_format(int nfc) {
    static const char* const names[] = {
        "decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText",
        "ordinalText", "hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha",
        "decimalFullWidth", "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand",
        "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth", "decimalZero", "bullet",
        "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen"};
    if (nfc >= 0 && nfc < static_cast<int>(std::size(names))) return names[nfc];
    if (nfc == 255) return "none";
    return "nfc " + std::to_string(nfc);
}

docx::Level read_level(const pugi::xml_node& lvl, const Namespaces& ns) {
    docx::Level level;
    // As in DOCX, Word reads a missing w:start as 0.
    level.start = ingest::to_int(child_val(lvl, "start", ns)).value_or(0);
    level.format = nfc_format(ingest::to_int(child_val(lvl, "nfc", ns)).value_or(0));
    if (const char* t = child_val(lvl, "lvlText", ns)) level.text = t;
    level.is_legal = on(child(lvl, Ns::w, "isLgl", ns), ns);
    level.restart = ingest::to_int(child_val(lvl, "lvlRestart", ns)).value_or(-1);
    if (const char* s = child_val(lvl, "suff", ns)) level.suffix = s;
    if (const char* s = child_val(lvl, "pStyle", ns)) level.style = s;
    if (pugi::xml_node rpr = child(lvl, Ns::w, "rPr", ns))
        if (pugi::xml_node fonts = child(rpr, Ns::w, "rFonts", ns))
            if (const char* f = attr(fonts, Ns::w, "ascii", ns)) level.font = f;
    return level;
}

// w:lists -> the DOCX numbering model: w:listDef is an abstractNum, w:list
// (keyed by w:ilfo) an instance.
void load_lists(const pugi::xml_node& lists, const Namespaces& ns, docx::Numbering& numbering) {
    for (pugi::xml_node c : lists.children()) {
        Element e(c, ns);
        if (e.is_w("listDef")) {
            docx::AbstractNum abs;
            if (const char* id = attr(c, Ns::w, "listDefId", ns)) abs.id = id;
            abs.levels.resize(9);
            for (pugi::xml_node lvl : c.children()) {
                if (!Element(lvl, ns).is_w("lvl")) continue;
                int ilvl = ingest::to_int(attr(lvl, Ns::w, "ilvl", ns)).value_or(-1);
                if (ilvl >= 0 && ilvl < 9) abs.levels[static_cast<std::size_t>(ilvl)] = read_level(lvl, ns);
            }
            if (const char* s = child_val(c, "listStyleLink", ns)) abs.num_style_link = s;
            if (const char* s = child_val(c, "styleLink", ns)) abs.style_link = s;
            numbering.add_abstract(std::move(abs));
        } else if (e.is_w("list")) {
            docx::NumInstance inst;
            if (const char* id = attr(c, Ns::w, "ilfo", ns)) inst.id = id;
            if (const char* a = child_val(c, "ilst", ns)) inst.abstract_id = a;
            for (pugi::xml_node o : c.children()) {
                if (!Element(o, ns).is_w("lvlOverride")) continue;
                int ilvl = ingest::to_int(attr(o, Ns::w, "ilvl", ns)).value_or(-1);
                if (ilvl < 0 || ilvl >= 9) continue;
                if (auto start = ingest::to_int(child_val(o, "startOverride", ns))) inst.start_overrides[ilvl] = *start;
                if (pugi::xml_node lvl = child(o, Ns::w, "lvl", ns)) inst.level_overrides[ilvl] = read_level(lvl, ns);
            }
            numbering.add_instance(std::move(inst));
        }
    }
}

struct Style {
    std::string id, name, based_on;
    std::optional<std::string> ilfo;
    std::optional<int> ilvl;
    std::optional<int> outline_level;  // 0-based
};

// w:styles, reduced to names, outline levels and list links, with the
// w:basedOn chain followed (bounded: a hostile chain can loop).
class Styles {
public:
    void load(const pugi::xml_node& styles, const Namespaces& ns) {
        for (pugi::xml_node c : styles.children()) {
            if (!Element(c, ns).is_w("style")) continue;
            const char* type = attr(c, Ns::w, "type", ns);
            if (type && std::string_view(type) != "paragraph") continue;
            Style s;
            if (const char* id = attr(c, Ns::w, "styleId", ns)) s.id = id;
            if (const char* n = child_val(c, "name", ns)) s.name = n;
            if (const char* b = child_val(c, "basedOn", ns)) s.based_on = b;
            if (pugi::xml_node ppr = child(c, Ns::w, "pPr", ns)) {
                s.outline_level = ingest::to_int(child_val(ppr, "outlineLvl", ns));
                if (pugi::xml_node lp = child(ppr, Ns::w, "listPr", ns)) {
                    if (const char* f = child_val(lp, "ilfo", ns)) s.ilfo = f;
                    s.ilvl = ingest::to_int(child_val(lp, "ilvl", ns));
                }
            }
            const char* is_default = attr(c, Ns::w, "default", ns);
            if (is_default && std::string_view(is_default) == "on") default_id_ = s.id;
            styles_.emplace(s.id, s);
        }
    }

    // The style with inherited list link and outline level filled in.
    Style resolve(const std::string& id) const {
        Style out;
        std::string at = id.empty() ? default_id_ : id;
        for (int guard = 0; guard < 32 && !at.empty(); ++guard) {
            auto it = styles_.find(at);
            if (it == styles_.end()) break;
            const Style& s = it->second;
            if (guard == 0) out.id = s.id, out.name = s.name;
            if (!out.ilfo && s.ilfo) out.ilfo = s.ilfo, out.ilvl = s.ilvl;
            if (!out.outline_level) out.outline_level = s.outline_level;
            at = s.based_on;
        }
        return out;
    }

    // 1-9 from an outline level or a built-in "heading N" name.
    int heading_level(const Style& s) const {
        if (s.outline_level && *s.outline_level >= 0 && *s.outline_level < 9) return *s.outline_level + 1;
        std::string lower;
        for (char c : s.name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower.size() == 9 && lower.compare(0, 8, "heading ") == 0 && lower[8] >= '1' && lower[8] <= '9')
            return lower[8] - '0';
        return 0;
    }

    const std::map<std::string, Style>& all() const { return styles_; }

private:
    std::map<std::string, Style> styles_;
    std::string default_id_;
};



struct ParagraphProps {
    std::string style;
    std::optional<std::string> ilfo;
    std::optional<int> ilvl;
    std::optional<int> outline_level;
    Revision mark = Revision::none;
    RevisionInfo mark_info;
};

class Reader {
public:
    Reader(const pugi::xml_node& root, const Namespaces& ns, const LoadOptions& options, Document& doc)
        : root_(root), ns_(ns), options_(options), doc_(doc) {}

    void run() {
        part_ = doc_.path;
        for (pugi::xml_node c : root_.children()) {
            Element e(c, ns_);
            if (e.is(Ns::o, "DocumentProperties")) {
                if (pugi::xml_node t = child(c, Ns::o, "Title", ns_)) doc_.title = t.text().get();
            } else if (e.is_w("styles")) {
                styles_.load(c, ns_);
            } else if (e.is_w("lists")) {
                load_lists(c, ns_, numbering_);
            }
        }
        for (const auto& [id, style] : styles_.all())
            if (style.ilfo) numbering_.link_style(id, *style.ilfo);
        pugi::xml_node body = child(root_, Ns::w, "body", ns_);
        if (!body) throw Error(ErrorCode::malformed, doc_.path, "no w:body in w:wordDocument");
        std::vector<Block> blocks;
        walk_blocks(body, blocks, BlockKind::paragraph);
        for (Block& b : blocks) doc_.blocks.push_back(std::move(b));
        read_notes();
        read_comments();
        read_headers_footers();
        if (!open_fields_.empty()) warn("a field is not closed (missing fldChar end)");
        ledger_.finish(doc_);
        for (Diagnostic& d : numbering_.warnings()) doc_.warnings.push_back(d);
    }

private:
    // ------------------------------------------------------------ block level

    void walk_blocks(const pugi::xml_node& container, std::vector<Block>& out, BlockKind kind) {
        for (pugi::xml_node c : container.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.is_w("p")) {
                paragraph(c, out, kind);
            } else if (e.is_w("tbl")) {
                flush_carry(out, kind);
                table(c, out);
            } else if (e.is_w("sectPr")) {
                section(c);
            } else if (e.ns == Ns::aml && e.local == "annotation") {
                block_annotation(c, out, kind);
            } else if (e.ns == Ns::wx || e.ns == Ns::other || e.is_w("cfChunk")) {
                // wx:sect / wx:sub section hints, custom XML wrappers.
                walk_blocks(c, out, kind);
            }
        }
        flush_carry(out, kind);
    }

    // A section's headers and footers (w:sectPr at the end of the body, or
    // in the last paragraph of each earlier section), read after the body.
    void section(const pugi::xml_node& sect) {
        for (pugi::xml_node hf : sect.children()) {
            Element e(hf, ns_);
            if (e.is_w("hdr") || e.is_w("ftr")) headers_.push_back(hf);
        }
    }

    // Block-level aml:annotation: an inserted or deleted table or
    // paragraph group; bookmarks and comment ranges hold no text.
    void block_annotation(const pugi::xml_node& a, std::vector<Block>& out, BlockKind kind) {
        auto rev = revision_of(a);
        pugi::xml_node content = child(a, Ns::aml, "content", ns_);
        if (!content) return;
        if (rev) {
            ScopedRevision scope(*this, *rev);
            walk_blocks(content, out, kind);
        }
    }

    std::optional<RevisionInfo> revision_of(const pugi::xml_node& a) const {
        const char* type = attr(a, Ns::w, "type", ns_);
        if (!type) return std::nullopt;
        std::string_view t = type;
        RevisionInfo info;
        if (t == "Word.Insertion")
            info.kind = Revision::inserted;
        else if (t == "Word.Deletion")
            info.kind = Revision::deleted;
        else
            return std::nullopt;
        if (const char* au = attr(a, Ns::aml, "author", ns_)) info.author = au;
        if (const char* d = attr(a, Ns::aml, "createdate", ns_)) info.date = d;
        return info;
    }

    void table(const pugi::xml_node& tbl, std::vector<Block>& out) {
        ++table_depth_;
        for (pugi::xml_node tr : tbl.children())
            if (Element(tr, ns_).is_w("tr")) row(tr, out);
        --table_depth_;
    }

    void row(const pugi::xml_node& tr, std::vector<Block>& out) {
        std::optional<ScopedRevision> row_revision;
        if (pugi::xml_node trpr = child(tr, Ns::w, "trPr", ns_))
            for (pugi::xml_node c : trpr.children())
                if (Element(c, ns_).is(Ns::aml, "annotation"))
                    if (auto rev = revision_of(c)) row_revision.emplace(*this, *rev);
        Block block;
        block.kind = BlockKind::table_row;
        block.table_depth = table_depth_;
        block.source = {part_, paragraph_index_, 0};
        bool any_text = false;
        for (pugi::xml_node tc : tr.children()) {
            if (!Element(tc, ns_).is_w("tc")) continue;
            std::vector<Block> inner;
            walk_blocks(tc, inner, BlockKind::paragraph);
            std::string text = ingest::cell_text(inner, block.notes);
            any_text = any_text || !text.empty();
            block.cells.push_back(std::move(text));
        }
        if (!any_text) return;
        if (row_revision && removed_in(revisions_.back().kind, options_.changes)) return;
        block.text = join(block.cells, "\t");
        check_block_limit(out);
        out.push_back(std::move(block));
    }



    // ------------------------------------------------------------ paragraphs

    ParagraphProps paragraph_props(const pugi::xml_node& p) {
        ParagraphProps props;
        pugi::xml_node ppr = child(p, Ns::w, "pPr", ns_);
        if (!ppr) return props;
        if (const char* s = child_val(ppr, "pStyle", ns_)) props.style = s;
        if (pugi::xml_node lp = child(ppr, Ns::w, "listPr", ns_)) {
            if (const char* f = child_val(lp, "ilfo", ns_)) props.ilfo = f;
            props.ilvl = ingest::to_int(child_val(lp, "ilvl", ns_));
        }
        props.outline_level = ingest::to_int(child_val(ppr, "outlineLvl", ns_));
        if (pugi::xml_node sect = child(ppr, Ns::w, "sectPr", ns_)) section(sect);
        // The paragraph mark's own revision: an empty aml:annotation in the
        // paragraph's run properties.
        if (pugi::xml_node rpr = child(ppr, Ns::w, "rPr", ns_))
            for (pugi::xml_node c : rpr.children())
                if (Element(c, ns_).is(Ns::aml, "annotation"))
                    if (auto rev = revision_of(c)) props.mark = rev->kind, props.mark_info = *rev;
        return props;
    }

    void paragraph(const pugi::xml_node& p, std::vector<Block>& out, BlockKind kind) {
        std::size_t index = paragraph_index_++;
        ParagraphProps props = paragraph_props(p);
        Inline content;
        std::vector<pugi::xml_node> anchored;
        Inline* saved_current = std::exchange(current_, &content);
        std::vector<pugi::xml_node>* saved_anchored = std::exchange(anchored_, &anchored);
        walk_inline(p);
        current_ = saved_current;
        anchored_ = saved_anchored;

        // As in DOCX: a removed paragraph mark joins this paragraph to the
        // next, which lends the joined paragraph its properties.
        bool mark_removed = removed_in(props.mark, options_.changes);
        joiner_.join_into(content);
        if (mark_removed) {
            joiner_.carry(std::move(content), index);
        } else {
            emit_paragraph(props, std::move(content), index, out, kind);
        }
        for (const pugi::xml_node& box : anchored) walk_blocks(box, out, kind);
    }

    void flush_carry(std::vector<Block>& out, BlockKind kind) {
        if (auto rest = joiner_.flush()) emit_paragraph(ParagraphProps{}, std::move(rest->first), rest->second, out, kind);
    }

    void emit_paragraph(const ParagraphProps& props, Inline content, std::size_t index, std::vector<Block>& out,
                        BlockKind kind) {
        Block block;
        block.kind = kind;
        block.table_depth = table_depth_;
        block.source = {part_, index, 0};
        Style style = styles_.resolve(props.style);
        block.style = style.name.empty() ? props.style : style.name;
        block.heading_level = styles_.heading_level(style);
        if (props.outline_level && *props.outline_level >= 0 && *props.outline_level < 9)
            block.heading_level = *props.outline_level + 1;
        std::optional<std::string> num = props.ilfo ? props.ilfo : style.ilfo;
        if (num && *num != "0") {
            int ilvl = 0;
            if (props.ilvl)
                ilvl = *props.ilvl;
            else if (!props.ilfo && style.ilvl)
                ilvl = *style.ilvl;
            else if (int linked = numbering_.level_for_style(*num, style.id); linked >= 0)
                ilvl = linked;
            ilvl = std::clamp(ilvl, 0, 8);
            block.label = numbering_.next(*num, ilvl);
            block.label_is_bullet = numbering_.is_bullet(*num, ilvl);
            block.list_level = ilvl;
        }
        if (options_.changes == ChangeView::markup && props.mark != Revision::none && content.changes.empty() &&
            !content.text.empty())
            content.changes.push_back({props.mark == Revision::deleted ? ChangeMark::Kind::deletion
                                                                       : ChangeMark::Kind::insertion,
                                       0, content.text.size(), props.mark_info.author, props.mark_info.date});
        if (content.text.empty() && content.notes.empty() && block.label.empty()) return;
        if (kind == BlockKind::paragraph && doc_.title.empty() && style.name == "Title") doc_.title = content.text;
        block.text = std::move(content.text);
        block.changes = std::move(content.changes);
        block.notes = std::move(content.notes);
        check_block_limit(out);
        out.push_back(std::move(block));
    }

    void check_block_limit(const std::vector<Block>& out) {
        if (doc_.blocks.size() + out.size() >= options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " paragraphs");
    }

    // ------------------------------------------------------------ inline level

    struct ScopedRevision {
        Reader& reader;
        ScopedRevision(Reader& r, const RevisionInfo& info) : reader(r) { reader.revisions_.push_back(info); }
        ~ScopedRevision() { reader.revisions_.pop_back(); }
        ScopedRevision(const ScopedRevision&) = delete;
        ScopedRevision& operator=(const ScopedRevision&) = delete;
    };

    // The innermost revision, a deletion winning over an enclosing insertion.
    const RevisionInfo* revision() const {
        const RevisionInfo* found = nullptr;
        for (const RevisionInfo& r : revisions_)
            if (!found || r.kind == Revision::deleted) found = &r;
        return found;
    }

    void walk_inline(const pugi::xml_node& parent) {
        for (pugi::xml_node c : parent.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.is_w("r")) {
                run(c);
            } else if (e.is(Ns::aml, "annotation")) {
                inline_annotation(c);
            } else if (e.is_w("hlink") || e.is_w("fldSimple") || e.ns == Ns::other || e.ns == Ns::wx) {
                walk_inline(c);
            }
        }
    }

    void inline_annotation(const pugi::xml_node& a) {
        const char* type = attr(a, Ns::w, "type", ns_);
        std::string_view t = type ? type : "";
        if (t == "Word.Comment") {
            comments_.push_back(a);
        } else if (auto rev = revision_of(a)) {
            if (pugi::xml_node content = child(a, Ns::aml, "content", ns_)) {
                ScopedRevision scope(*this, *rev);
                walk_inline(content);
            }
        }
        // Bookmarks, comment ranges, formatting changes: no text.
    }

    void run(const pugi::xml_node& r) {
        bool hidden = false;
        if (pugi::xml_node rpr = child(r, Ns::w, "rPr", ns_)) hidden = on(child(rpr, Ns::w, "vanish", ns_), ns_);
        for (pugi::xml_node c : r.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns_);
            if (e.ns == Ns::w)
                run_child(e, hidden);
            else if (e.is(Ns::aml, "annotation"))
                inline_annotation(c);
        }
    }

    void run_child(const Element& e, bool hidden) {
        std::string_view n = e.local;
        if (n == "t" || n == "delText") {
            text(e.node.text().get(), hidden);
        } else if (n == "instrText" || n == "delInstrText") {
            std::size_t chars = count_code_points(sanitize_utf8(e.node.text().get()));
            ledger_.read += chars;
            count_left_out("field instructions", chars);
        } else if (n == "fldChar") {
            const char* type = attr(e.node, Ns::w, "fldCharType", ns_);
            std::string_view t = type ? type : "";
            if (t == "begin")
                open_fields_.push_back(true);
            else if (t == "separate" && !open_fields_.empty())
                open_fields_.back() = false;
            else if (t == "end" && !open_fields_.empty())
                open_fields_.pop_back();
        } else if (n == "tab") {
            generated("\t", hidden);
        } else if (n == "br") {
            const char* type = attr(e.node, Ns::w, "type", ns_);
            generated(type && std::string_view(type) != "text-wrapping" ? " " : "\n", hidden);
        } else if (n == "cr") {
            generated("\n", hidden);
        } else if (n == "noBreakHyphen") {
            generated("\u2011", hidden);
        } else if (n == "softHyphen") {
            generated("\u00AD", hidden);
        } else if (n == "sym") {
            symbol(e.node, hidden);
        } else if (n == "footnote" || n == "endnote") {
            note_reference(e.node, n == "footnote", hidden);
        } else if (n == "pict") {
            find_text_boxes(e.node);
        }
    }

    void symbol(const pugi::xml_node& sym, bool hidden) {
        const char* hex = attr(sym, Ns::w, "char", ns_);
        if (!hex) return;
        char32_t cp = 0;
        try {
            cp = static_cast<char32_t>(std::stoul(hex, nullptr, 16));
        } catch (...) {
            return;
        }
        if (cp == 0xF0B7) cp = 0x2022;  // Symbol font bullet
        std::string s;
        append_utf8(s, cp);
        generated(s, hidden);
    }

    // Text boxes: v:textbox/w:txbxContent inside w:pict, read after the
    // anchoring paragraph.
    void find_text_boxes(const pugi::xml_node& start) {
        if (!anchored_) return;
        std::vector<pugi::xml_node> stack{start};
        while (!stack.empty()) {
            pugi::xml_node n = stack.back();
            stack.pop_back();
            for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) {
                if (c.type() != pugi::node_element) continue;
                if (Element(c, ns_).is_w("txbxContent"))
                    anchored_->push_back(c);
                else
                    stack.push_back(c);
            }
        }
    }

    // An inline w:footnote / w:endnote: the mark goes in the text, the
    // note's paragraphs after the body. Word numbers footnotes 1, 2, 3 and
    // endnotes i, ii, iii by default.
    void note_reference(const pugi::xml_node& note, bool footnote, bool hidden) {
        if (!current_) return;
        const RevisionInfo* rev = revision();
        bool shown = !hidden && !in_instruction() && !(rev && removed_in(rev->kind, options_.changes));
        auto& count = footnote ? footnotes_shown_ : endnotes_shown_;
        std::string id = (footnote ? "footnote:" : "endnote:") + std::to_string(notes_.size() + 1);
        std::string mark;
        if (shown) {
            ++count;
            mark = footnote ? std::to_string(count) : docx::format_number(count, "lowerRoman");
            current_->notes.push_back({id, current_->text.size()});
            append(mark, rev);
        }
        notes_.push_back({note, footnote ? BlockKind::footnote : BlockKind::endnote, id, mark, shown});
    }

    bool in_instruction() const {
        return std::any_of(open_fields_.begin(), open_fields_.end(), [](bool instr) { return instr; });
    }

    void text(std::string_view raw, bool hidden) {
        std::string owned;
        raw = ledger_.repair(raw, owned, doc_, part_);
        std::size_t n = count_code_points(raw);
        ledger_.read += n;
        if (!current_) return count_left_out("text outside paragraphs", n);
        if (!leave_out_reason_.empty()) return count_left_out(leave_out_reason_, n);
        if (in_instruction()) return count_left_out("field instructions", n);
        if (hidden) {
            count_left_out("hidden text", n);
            warn("hidden text (w:vanish) is not shown, as in Word");
            return;
        }
        const RevisionInfo* rev = revision();
        if (rev && removed_in(rev->kind, options_.changes))
            return count_left_out(options_.changes == ChangeView::accept ? "deleted text" : "inserted text", n);
        ledger_.emitted += n;
        append(raw, rev);
    }

    void generated(std::string_view s, bool hidden) {
        if (!current_ || hidden || in_instruction() || !leave_out_reason_.empty()) return;
        const RevisionInfo* rev = revision();
        if (rev && removed_in(rev->kind, options_.changes)) return;
        append(s, rev);
    }

    void append(std::string_view s, const RevisionInfo* rev) {
        std::size_t start = current_->text.size();
        current_->text += s;
        if (options_.changes != ChangeView::markup || !rev || rev->kind == Revision::none) return;
        auto kind = rev->kind == Revision::deleted ? ChangeMark::Kind::deletion : ChangeMark::Kind::insertion;
        auto& marks = current_->changes;
        if (!marks.empty() && marks.back().end == start && marks.back().kind == kind &&
            marks.back().author == rev->author && marks.back().date == rev->date)
            marks.back().end = current_->text.size();
        else
            marks.push_back({kind, start, current_->text.size(), rev->author, rev->date});
    }

    // ------------------------------------------------------------ notes, comments, headers

    struct PendingNote {
        pugi::xml_node node;
        BlockKind kind;
        std::string id;
        std::string label;
        bool shown;
    };

    void read_notes() {
        // Footnotes first, then endnotes, each in citation order, as the
        // DOCX reader lists them.
        for (BlockKind kind : {BlockKind::footnote, BlockKind::endnote}) {
            for (std::size_t i = 0; i < notes_.size(); ++i) {
                const PendingNote& note = notes_[i];
                if (note.kind != kind) continue;
                if (!note.shown) {
                    std::string saved = std::exchange(leave_out_reason_, "notes of removed text");
                    merged_block(note.node, kind);
                    leave_out_reason_ = saved;
                    continue;
                }
                Block block = merged_block(note.node, kind);
                block.note_id = note.id;
                block.label = note.label;
                doc_.blocks.push_back(std::move(block));
            }
        }
    }

    void read_comments() {
        for (const pugi::xml_node& c : comments_) {
            pugi::xml_node content = child(c, Ns::aml, "content", ns_);
            Block block = merged_block(content ? content : c, BlockKind::comment);
            if (const char* id = attr(c, Ns::aml, "id", ns_)) block.note_id = std::string("comment:") + id;
            if (const char* a = attr(c, Ns::aml, "author", ns_)) block.author = a;
            doc_.blocks.push_back(std::move(block));
        }
    }

    void read_headers_footers() {
        for (const pugi::xml_node& hf : headers_) {
            bool header = Element(hf, ns_).is_w("hdr");
            Block block = merged_block(hf, header ? BlockKind::header : BlockKind::footer);
            if (!block.text.empty()) doc_.blocks.push_back(std::move(block));
        }
    }

    Block merged_block(const pugi::xml_node& container, BlockKind kind) {
        std::vector<Block> inner;
        int saved_depth = std::exchange(table_depth_, 0);
        walk_blocks(container, inner, kind);
        table_depth_ = saved_depth;
        Block block;
        block.kind = kind;
        block.source = {part_, paragraph_index_, 0};
        for (Block& b : inner) {
            std::string piece = b.kind == BlockKind::table_row ? b.text : labelled(b);
            if (piece.empty()) continue;
            if (!block.text.empty()) block.text += '\n';
            if (block.text.empty()) block.source = b.source;
            std::size_t shift =
                block.text.size() + (b.label.empty() || b.kind == BlockKind::table_row ? 0 : b.label.size() + 1);
            block.text += piece;
            for (ChangeMark m : b.changes) {
                m.start += shift;
                m.end += shift;
                block.changes.push_back(m);
            }
        }
        // A note starts with its own mark (w:footnoteRef, not read) and a
        // space, which the label replaces.
        if (kind == BlockKind::footnote || kind == BlockKind::endnote) {
            std::size_t lead = block.text.find_first_not_of(" \t");
            lead = lead == std::string::npos ? block.text.size() : lead;
            block.text.erase(0, lead);
            for (ChangeMark& m : block.changes) {
                m.start = m.start > lead ? m.start - lead : 0;
                m.end = m.end > lead ? m.end - lead : 0;
            }
        }
        return block;
    }

    // ------------------------------------------------------------ bookkeeping

    void count_left_out(const std::string& reason, std::size_t n) { ledger_.leave_out(reason, n); }

    void warn(const std::string& message) {
        ingest::warn_once(doc_, part_, message);
    }

    pugi::xml_node root_;
    const Namespaces& ns_;
    const LoadOptions& options_;
    Document& doc_;
    std::string part_;
    Styles styles_;
    docx::Numbering numbering_;
    std::size_t paragraph_index_ = 0;
    int table_depth_ = 0;

    Inline* current_ = nullptr;
    std::vector<pugi::xml_node>* anchored_ = nullptr;
    ingest::MarkJoiner joiner_;  // paragraphs whose mark this view removes
    std::vector<RevisionInfo> revisions_;
    std::vector<bool> open_fields_;
    std::vector<PendingNote> notes_;
    int footnotes_shown_ = 0, endnotes_shown_ = 0;
    std::vector<pugi::xml_node> comments_;
    std::vector<pugi::xml_node> headers_;

    ingest::Ledger ledger_;  // characters read, emitted and left out
    std::string leave_out_reason_;
};

}  // namespace
}  // namespace onus::word2003

namespace onus::ingest {

void read_word2003(std::string_view bytes, const LoadOptions& options, Document& doc) {
    using namespace onus::word2003;
    XmlOptions xo;
    xo.forbid_doctype = true;  // Word never writes one; a DTD here is someone else's doing
    xo.max_depth = options.limits.max_xml_depth;
    auto xml = parse_xml(bytes, doc.path, xo);
    pugi::xml_node root = xml->document_element();
    Namespaces ns(root);
    if (!Element(root, ns).is_w("wordDocument"))
        throw Error(ErrorCode::malformed, doc.path, "root element is not a Word 2003 w:wordDocument");
    doc.format = "word2003";
    Reader(root, ns, options, doc).run();
}

}  // namespace onus::ingest
