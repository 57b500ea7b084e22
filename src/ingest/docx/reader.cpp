#include "ingest/ledger.hpp"
#include "ingest/block_text.hpp"
#include "ingest/docx/reader.hpp"
#include "ingest/xml.hpp"
#include "ingest/xml_pieces.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ingest/docx/numbering.hpp"
#include "ingest/docx/styles.hpp"
#include "ingest/docx/wordml.hpp"
#include "ingest/readers.hpp"
#include "ingest/tracked_text.hpp"
#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus::docx {
namespace {

using ingest::Namespaces;
using ingest::Part;
using ingest::Inline;
using ingest::join;
using ingest::labelled;
using ingest::Revision;
using ingest::RevisionInfo;
using ingest::mark_kind;
using ingest::removed_in;

std::optional<Revision> revision_element(const Element& e) {
    if (e.ns != Ns::w) return std::nullopt;
    if (e.local == "ins") return Revision::inserted;
    if (e.local == "del") return Revision::deleted;
    if (e.local == "moveFrom") return Revision::moved_from;
    if (e.local == "moveTo") return Revision::moved_to;
    return std::nullopt;
}

// A paragraph's properties as far as numbering and headings are concerned.
struct ParagraphProps {
    std::string style;
    std::optional<std::string> num_id;
    std::optional<int> ilvl;
    std::optional<int> outline_level;
    Revision mark = Revision::none;  // revision of the paragraph mark itself
    RevisionInfo mark_info;
};

// Thrown when a main document read in pieces turns out to parse whole
// after all (the splitter misread it): read() starts over without pieces.
struct RetryWithoutPieces {};

class Reader {
public:
    Reader(ingest::OpcPackage& package, const LoadOptions& options, Document& doc, bool pieces_allowed)
        : pkg_(package), options_(options), doc_(doc), pieces_allowed_(pieces_allowed) {}

    void run() {
        auto main = pkg_.related("", "officeDocument");
        if (!main) throw Error(ErrorCode::malformed, pkg_.name(), "no main document part (officeDocument relationship)");
        main_name_ = *main;
        read_main_document();
        read_notes("footnotes", "footnote", BlockKind::footnote, footnote_order_);
        read_notes("endnotes", "endnote", BlockKind::endnote, endnote_order_);
        read_comments();
        read_headers_footers();
        if (!open_fields_.empty()) warn(main_name_, "a field is not closed (missing fldChar end)");
        ledger_.finish(doc_);
        for (Diagnostic& d : numbering_.warnings()) doc_.warnings.push_back(d);
    }

private:
    // ------------------------------------------------------------ parts

    // The main document: in pieces when it comes from a zip and the
    // splitter follows it (ingest/xml_pieces.hpp), else as one tree.
    void read_main_document() {
        std::optional<ingest::RawPart> raw = pieces_allowed_ ? pkg_.raw_part(main_name_) : std::nullopt;
        if (!raw) {
            Part document = pkg_.part(main_name_);
            if (!document)
                throw Error(ErrorCode::malformed, pkg_.name(), "main document part " + main_name_ + " is missing");
            read_main_tree(document.root, *document.ns, nullptr);
            // The main document's tree is by far the largest thing a read
            // holds: it goes (with `document`, which shares it) before the
            // notes and the rest are parsed.
            release(main_name_);
            return;
        }
        std::string text = ingest::checked_utf8_text(std::move(raw->bytes), raw->where);
        std::optional<ingest::XmlPieces> pieces;
        try {
            pieces = ingest::XmlPieces::split(text, raw->where, raw->xml, "body", kPieceBytes);
        } catch (const Error&) {
            pieces.reset();  // the whole parse below gives the error a whole parse gives
        }
        if (pieces) {
            Namespaces shell_ns(pieces->root());
            bool all_bodies = true;  // a split child in another namespace would go unchecked
            for (const auto& split : pieces->splits())
                all_bodies = all_bodies && Element(split.in_shell, shell_ns).is_w("body");
            if (all_bodies) {
                read_main_tree(pieces->root(), shell_ns, &*pieces);
                return;
            }
            text = pieces->release_text();
        }
        auto tree = ingest::parse_utf8_in_place(std::move(text), raw->where, raw->xml);
        Namespaces ns(tree->doc.document_element());
        read_main_tree(tree->doc.document_element(), ns, nullptr);
    }

    // Pieces hold about this much XML: their trees take about 2.5 times that.
    static constexpr std::size_t kPieceBytes = 256u << 10;

    // `root`: the main document's root element, whole or (with `pieces`)
    // the shell whose split w:body elements are read piece by piece.
    void read_main_tree(const pugi::xml_node& root, const Namespaces& ns, const ingest::XmlPieces* pieces) {
        if (classify_ns(ns.uri_of(root)) != Ns::w || ingest::local_name(root.name()) != "document")
            throw Error(ErrorCode::malformed, pkg_.name(), main_name_ + " is not a WordprocessingML document");

        load_styles();
        load_numbering();
        load_title();

        ns_ = &ns;
        part_name_ = main_name_;
        // Some producers write several w:body elements; Word shows only the
        // first, but dropping the others would lose text silently, so all
        // are read (as LibreOffice and POI do) and the oddity reported.
        int bodies = 0;
        for (pugi::xml_node child : root.children()) {
            if (!Element(child, ns).is_w("body")) continue;
            if (++bodies == 2) warn(main_name_, "the document has several w:body elements; all are read");
            const ingest::XmlPieces::Split* split = nullptr;
            if (pieces)
                for (const auto& s : pieces->splits())
                    if (s.in_shell == child) split = &s;
            if (split) {
                read_body_in_pieces(*pieces, *split);
                ns_ = &ns;
            } else {
                reserve_blocks(expected_blocks(child));
                walk_blocks(child, doc_.blocks, BlockKind::paragraph);
            }
        }
        ns_ = nullptr;
    }

    // A body's content, one piece at a time: each piece's tree is freed
    // before the next is parsed. A paragraph whose mark a tracked change
    // removed joins the next one across pieces, as in a whole body.
    void read_body_in_pieces(const ingest::XmlPieces& pieces, const ingest::XmlPieces::Split& split) {
        reserve_blocks(split.children.size());  // table rows not counted: the spare room usually covers them
        for (std::size_t i = 0; i < split.piece_starts.size(); ++i) {
            std::unique_ptr<ingest::XmlTree> piece;
            try {
                piece = pieces.parse_piece(split, i);
            } catch (const Error&) {
                // The part is malformed (or the splitter misread it): the
                // whole parse says which; if it parses after all, the read
                // starts over without pieces.
                ingest::parse_utf8_in_place(std::string(pieces.text()), pieces.where(), pieces.options());
                throw RetryWithoutPieces{};
            }
            pugi::xml_node piece_root = piece->doc.document_element();
            Namespaces piece_ns(piece_root);
            ns_ = &piece_ns;
            walk_children(piece_root.first_child(), doc_.blocks, BlockKind::paragraph);
            ns_ = nullptr;
        }
        flush_carry(doc_.blocks, BlockKind::paragraph);
    }

    // Room for `body_blocks` more blocks, with some to spare for the notes
    // and headers that follow. Saves moving every Block at each doubling
    // of the list (16,000 Blocks of 300 bytes for 1,000 pages, into fresh
    // memory each time). Capacity never used is never touched, so it costs
    // no resident memory; a guess too low only means growing as before.
    void reserve_blocks(std::size_t body_blocks) {
        std::size_t wanted = doc_.blocks.size() + body_blocks + body_blocks / 8 + 16;
        doc_.blocks.reserve(std::min<std::size_t>(wanted, options_.limits.max_blocks));
    }

    void load_styles() {
        if (auto name = pkg_.related(main_name_, "styles")) {
            Part part = pkg_.part(*name);
            if (part) styles_.load(part.root, *part.ns);
            release(*name);
        }
    }

    void load_numbering() {
        if (auto name = pkg_.related(main_name_, "numbering")) {
            Part part = pkg_.part(*name);
            if (part) {
                std::vector<Diagnostic> warnings;
                numbering_.load(part.root, warnings);
                for (auto& w : warnings) doc_.warnings.push_back(w);
            }
            release(*name);
        }
        // numStyleLink chains go through styles that carry a numId.
        for (const auto& [id, style] : styles_.all())
            if (style.num_id) numbering_.link_style(id, *style.num_id);
    }

    void load_title() {
        auto core = pkg_.related("", "core-properties");
        if (!core) return;
        Part part = pkg_.part(*core);
        if (!part) return;
        for (pugi::xml_node c : part.root.children())
            if (ingest::local_name(c.name()) == "title") doc_.title = c.text().get();
        release(*core);
    }

    // ------------------------------------------------------------ block level

    // About how many blocks `body` makes: its paragraphs, and the rows of
    // its tables (see reserve_blocks()).
    std::size_t expected_blocks(const pugi::xml_node& body) const {
        std::size_t n = 0;
        for (pugi::xml_node c : body.children()) {
            ++n;
            if (Element(c, *ns_).is_w("tbl"))
                n += static_cast<std::size_t>(std::distance(c.children().begin(), c.children().end()));
        }
        return n;
    }

    // Walk block-level content (body, cell, text box, note, header) into
    // `out`. Recursion is bounded: parse_xml() capped the tree's depth.
    void walk_blocks(const pugi::xml_node& container, std::vector<Block>& out, BlockKind kind) {
        walk_children(container, out, kind);
        flush_carry(out, kind);
    }

    // walk_blocks() without the flush at the end: for a body read in pieces.
    void walk_children(const pugi::xml_node& container, std::vector<Block>& out, BlockKind kind) {
        for (pugi::xml_node child : container.children()) {
            if (child.type() != pugi::node_element) continue;
            Element e(child, *ns_);
            if (e.is_w("p")) {
                paragraph(child, out, kind);
            } else if (e.is_w("tbl")) {
                flush_carry(out, kind);
                table(child, out);
            } else if (e.is_w("sdt")) {
                if (pugi::xml_node content = w_child(child, "sdtContent", *ns_)) walk_blocks(content, out, kind);
            } else if (e.is_w("customXml") || e.is_w("smartTag") || e.is_w("sdtContent")) {
                walk_blocks(child, out, kind);
            } else if (auto rev = revision_element(e)) {
                // Block-level w:ins/w:del wrap whole paragraphs or tables in
                // some producers' output.
                ScopedRevision scope(*this, *rev, child);
                walk_blocks(child, out, kind);
            } else if (e.is(Ns::mc, "AlternateContent")) {
                if (pugi::xml_node chosen = choose_alternate(child)) walk_blocks(chosen, out, kind);
            } else if (e.is_w("altChunk")) {
                warn(part_name_, "an embedded altChunk document is not read");
                count_left_out("embedded altChunk", 0);
            } else if (holds_text(child)) {
                // An element Word's schema does not have but that holds runs
                // of text: read it as a paragraph rather than lose its text.
                warn(part_name_, "unknown element <" + std::string(child.name()) + "> read as a paragraph");
                paragraph(child, out, kind);
            }
        }
    }

    // True when a w:t or w:delText stands somewhere below `node`.
    bool holds_text(const pugi::xml_node& node) const {
        for (pugi::xml_node n = node.first_child(); n;) {
            if (n.type() == pugi::node_element) {
                Element e(n, *ns_);
                if (e.is_w("t") || e.is_w("delText")) return true;
            }
            if (n.first_child()) {
                n = n.first_child();
                continue;
            }
            while (n && n != node && !n.next_sibling()) n = n.parent();
            if (!n || n == node) break;
            n = n.next_sibling();
        }
        return false;
    }

    // mc:AlternateContent: Word reads the first Choice it understands and
    // skips the rest; reading both would duplicate the text.
    pugi::xml_node choose_alternate(const pugi::xml_node& alt) {
        pugi::xml_node fallback;
        for (pugi::xml_node c : alt.children()) {
            Element e(c, *ns_);
            if (e.is(Ns::mc, "Choice")) return c;
            if (e.is(Ns::mc, "Fallback")) fallback = c;
        }
        return fallback;
    }

    void table(const pugi::xml_node& tbl, std::vector<Block>& out) {
        ++table_depth_;
        for (pugi::xml_node tr : tbl.children()) {
            Element e(tr, *ns_);
            if (e.is_w("sdt")) {  // rows wrapped in content controls
                if (pugi::xml_node content = w_child(tr, "sdtContent", *ns_))
                    for (pugi::xml_node inner : content.children())
                        if (Element(inner, *ns_).is_w("tr")) row(inner, out);
                continue;
            }
            if (e.is_w("tr")) row(tr, out);
        }
        --table_depth_;
    }

    void row(const pugi::xml_node& tr, std::vector<Block>& out) {
        std::optional<ScopedRevision> row_revision;
        if (pugi::xml_node trpr = w_child(tr, "trPr", *ns_)) {
            for (pugi::xml_node c : trpr.children())
                if (auto rev = revision_element(Element(c, *ns_))) row_revision.emplace(*this, *rev, c);
        }
        Block block;
        block.kind = BlockKind::table_row;
        block.table_depth = table_depth_;
        block.source = {part_name_, paragraph_index_, 0};
        bool any_text = false;
        for (pugi::xml_node tc : tr.children()) {
            Element e(tc, *ns_);
            pugi::xml_node cell = tc;
            if (e.is_w("sdt")) cell = w_child(w_child(tc, "sdtContent", *ns_), "tc", *ns_);
            if (!cell || !Element(cell, *ns_).is_w("tc")) continue;
            std::vector<Block> inner;
            walk_blocks(cell, inner, BlockKind::paragraph);
            std::string text = ingest::cell_text(inner, block.notes);
            any_text = any_text || !text.empty();
            block.cells.push_back(std::move(text));
        }
        // A row removed in this view is already counted as left out, char
        // by char; an empty row carries nothing worth a block.
        if (!any_text) return;
        if (row_revision && removed_in(revisions_.back().kind, options_.changes)) return;
        block.text = join(block.cells, "\t");
        out.push_back(std::move(block));
    }



    // ------------------------------------------------------------ paragraphs

    ParagraphProps paragraph_props(const pugi::xml_node& p) {
        ParagraphProps props;
        pugi::xml_node ppr = w_child(p, "pPr", *ns_);
        if (!ppr) return props;
        if (pugi::xml_node rpr = w_child(ppr, "rPr", *ns_)) {
            for (pugi::xml_node c : rpr.children()) {
                if (auto rev = revision_element(Element(c, *ns_))) {
                    props.mark = *rev;
                    props.mark_info = info_of(*rev, c);
                }
            }
        }
        // In the reject view the properties before the change apply: Word
        // keeps them in w:pPrChange.
        pugi::xml_node effective = ppr;
        if (options_.changes == ChangeView::reject)
            if (pugi::xml_node change = w_child(ppr, "pPrChange", *ns_))
                if (pugi::xml_node old = w_child(change, "pPr", *ns_)) effective = old;
        if (pugi::xml_node style = w_child(effective, "pStyle", *ns_))
            if (const char* v = w_attr(style, "val", *ns_)) props.style = v;
        pugi::xml_node numpr = w_child(effective, "numPr", *ns_);
        // Numbering added as a tracked change (w:numPr/w:ins) did not exist
        // before the change.
        if (numpr && options_.changes == ChangeView::reject && w_child(numpr, "ins", *ns_)) numpr = {};
        if (numpr) {
            if (pugi::xml_node num = w_child(numpr, "numId", *ns_))
                if (const char* v = w_attr(num, "val", *ns_)) props.num_id = v;
            if (pugi::xml_node lvl = w_child(numpr, "ilvl", *ns_))
                if (const char* v = w_attr(lvl, "val", *ns_)) props.ilvl = ingest::to_int(v);
        }
        if (pugi::xml_node outline = w_child(effective, "outlineLvl", *ns_))
            if (const char* v = w_attr(outline, "val", *ns_)) props.outline_level = ingest::to_int(v);
        return props;
    }

    void paragraph(const pugi::xml_node& p, std::vector<Block>& out, BlockKind kind) {
        std::size_t index = paragraph_index_++;
        ParagraphProps props = paragraph_props(p);
        Inline content;
        std::vector<pugi::xml_node> anchored;  // text boxes anchored in this paragraph
        current_ = &content;
        anchored_ = &anchored;
        walk_inline(p);
        current_ = nullptr;
        anchored_ = nullptr;

        // The paragraph mark removed in this view: Word joins this
        // paragraph's text to the next one, whose properties (and number)
        // the joined paragraph takes. A wholly deleted numbered paragraph
        // therefore never advances the numbering.
        bool mark_removed = removed_in(props.mark, options_.changes);
        joiner_.join_into(content);
        if (mark_removed) {
            joiner_.carry(std::move(content), index);
        } else {
            emit_paragraph(props, std::move(content), index, out, kind);
        }
        for (const pugi::xml_node& box : anchored) walk_blocks(box, out, kind);
    }

    // A paragraph whose mark was removed but that nothing followed in its
    // container (last paragraph of a cell or of the body) stands alone.
    void flush_carry(std::vector<Block>& out, BlockKind kind) {
        if (auto rest = joiner_.flush()) emit_paragraph(ParagraphProps{}, std::move(rest->first), rest->second, out, kind);
    }

    void emit_paragraph(const ParagraphProps& props, Inline content, std::size_t index, std::vector<Block>& out,
                        BlockKind kind) {
        Block block;
        block.kind = kind;
        block.style = props.style;
        block.table_depth = table_depth_;
        block.source = {part_name_, index, 0};
        ParagraphStyle style = styles_.resolve(props.style);
        if (!props.style.empty() && style.name.size()) block.style = style.name;
        block.heading_level = styles_.heading_level(props.style);
        if (props.outline_level && *props.outline_level >= 0 && *props.outline_level < 9)
            block.heading_level = *props.outline_level + 1;

        // Numbering: direct numPr wins over the style's; a level missing on
        // the paragraph comes from the style, or from the numbering level
        // linked to this style (how built-in headings are numbered).
        std::optional<std::string> num_id = props.num_id ? props.num_id : style.num_id;
        if (num_id && *num_id != "0") {
            int ilvl = 0;
            if (props.ilvl)
                ilvl = *props.ilvl;
            else if (!props.num_id && style.ilvl)
                ilvl = *style.ilvl;
            else if (int linked = numbering_.level_for_style(*num_id, style.id); linked >= 0)
                ilvl = linked;
            else if (style.ilvl)
                ilvl = *style.ilvl;
            ilvl = std::clamp(ilvl, 0, 8);
            // Numbered but empty paragraphs still take a number in Word,
            // unless removed by a tracked change (handled by the caller).
            block.label = numbering_.next(*num_id, ilvl);
            block.label_is_bullet = numbering_.is_bullet(*num_id, ilvl);
            block.list_level = ilvl;
        }
        if (options_.changes == ChangeView::markup && props.mark != Revision::none) {
            // A paragraph whose mark was inserted or deleted: mark the whole
            // paragraph so that a reader of the markup sees it.
            if (content.changes.empty() && !content.text.empty())
                content.changes.push_back({mark_kind(props.mark), 0, content.text.size(), props.mark_info.author,
                                           props.mark_info.date});
        }
        if (content.text.empty() && content.notes.empty() && block.label.empty()) return;
        if (kind == BlockKind::paragraph && doc_.title.empty() && styles_.is_title(props.style))
            doc_.title = content.text;
        block.text = std::move(content.text);
        block.changes = std::move(content.changes);
        block.notes = std::move(content.notes);
        std::size_t held = &out == &doc_.blocks ? out.size() : doc_.blocks.size() + out.size();
        if (held >= options_.limits.max_blocks)
            throw Error(ErrorCode::limit, pkg_.name(),
                        "more than " + std::to_string(options_.limits.max_blocks) + " paragraphs");
        out.push_back(std::move(block));
    }

    // ------------------------------------------------------------ inline level

    struct ScopedRevision {
        Reader& reader;
        ScopedRevision(Reader& r, Revision kind, const pugi::xml_node& node) : reader(r) {
            reader.revisions_.push_back(reader.info_of(kind, node));
        }
        ~ScopedRevision() { reader.revisions_.pop_back(); }
        ScopedRevision(const ScopedRevision&) = delete;
        ScopedRevision& operator=(const ScopedRevision&) = delete;
    };

    RevisionInfo info_of(Revision kind, const pugi::xml_node& node) const {
        RevisionInfo info;
        info.kind = kind;
        if (const char* a = w_attr(node, "author", *ns_)) info.author = a;
        if (const char* d = w_attr(node, "date", *ns_)) info.date = d;
        return info;
    }

    // The innermost revision in force. A deletion inside an insertion (one
    // author inserted, another deleted) is a deletion in every view.
    const RevisionInfo* revision() const {
        const RevisionInfo* found = nullptr;
        for (const RevisionInfo& r : revisions_) {
            if (!found || r.kind == Revision::deleted || r.kind == Revision::moved_from) found = &r;
        }
        return found;
    }

    void walk_inline(const pugi::xml_node& parent) {
        for (pugi::xml_node child : parent.children()) {
            if (child.type() != pugi::node_element) continue;
            Element e(child, *ns_);
            if (e.is_w("r")) {
                run(child);
            } else if (auto rev = revision_element(e)) {
                ScopedRevision scope(*this, *rev, child);
                walk_inline(child);
            } else if (e.is_w("hyperlink") || e.is_w("smartTag") || e.is_w("customXml") || e.is_w("fldSimple") ||
                       e.is_w("dir") || e.is_w("bdo") || e.is_w("sdtContent")) {
                walk_inline(child);
            } else if (e.is_w("sdt")) {
                if (pugi::xml_node content = w_child(child, "sdtContent", *ns_)) walk_inline(content);
            } else if (e.is(Ns::mc, "AlternateContent")) {
                if (pugi::xml_node chosen = choose_alternate(child)) walk_inline(chosen);
            } else if (!e.is_w("pPr") && holds_text(child)) {
                warn(part_name_, "unknown element <" + std::string(child.name()) + "> read for its text");
                walk_inline(child);
            }
        }
    }

    void run(const pugi::xml_node& r) {
        bool hidden = false;
        if (pugi::xml_node rpr = w_child(r, "rPr", *ns_)) hidden = w_on(w_child(rpr, "vanish", *ns_), *ns_);
        for (pugi::xml_node c : r.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, *ns_);
            if (e.ns == Ns::w) {
                run_child(e, hidden);
            } else if (e.is(Ns::mc, "AlternateContent")) {
                if (pugi::xml_node chosen = choose_alternate(c)) {
                    // A choice inside a run holds drawings or run content.
                    for (pugi::xml_node inner : chosen.children()) {
                        Element ie(inner, *ns_);
                        if (ie.ns == Ns::w) run_child(ie, hidden);
                    }
                }
            }
        }
    }

    void run_child(const Element& e, bool hidden) {
        std::string_view n = e.local;
        if (n == "t" || n == "delText") {
            text(e.node.text().get(), hidden);
        } else if (n == "instrText" || n == "delInstrText") {
            std::size_t chars = count_code_points(e.node.text().get());
            ledger_.read += chars;
            count_left_out("field instructions", chars);
        } else if (n == "fldChar") {
            const char* type = w_attr(e.node, "fldCharType", *ns_);
            std::string_view t = type ? type : "";
            if (t == "begin")
                open_fields_.push_back(true);
            else if (t == "separate" && !open_fields_.empty())
                open_fields_.back() = false;
            else if (t == "end" && !open_fields_.empty())
                open_fields_.pop_back();
        } else if (n == "tab" || n == "ptab") {
            generated("\t", hidden);
        } else if (n == "br") {
            const char* type = w_attr(e.node, "type", *ns_);
            // Page and column breaks separate; a text-wrapping break is a
            // line break inside the paragraph.
            generated(type && std::string_view(type) != "textWrapping" ? " " : "\n", hidden);
        } else if (n == "cr") {
            generated("\n", hidden);
        } else if (n == "noBreakHyphen") {
            generated("\u2011", hidden);
        } else if (n == "softHyphen") {
            generated("\u00AD", hidden);
        } else if (n == "sym") {
            symbol(e.node, hidden);
        } else if (n == "footnoteReference" || n == "endnoteReference") {
            note_reference(e.node, n == "footnoteReference", hidden);
        } else if (n == "drawing" || n == "pict" || n == "object") {
            find_text_boxes(e.node);
        }
    }

    // Text boxes sit inside drawings (wps:txbx) or VML shapes (v:textbox);
    // both hold a w:txbxContent with ordinary paragraphs, read after the
    // anchoring paragraph.
    void find_text_boxes(const pugi::xml_node& start) {
        if (!anchored_) return;
        std::vector<pugi::xml_node> stack{start};
        while (!stack.empty()) {
            pugi::xml_node n = stack.back();
            stack.pop_back();
            for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) {
                if (c.type() != pugi::node_element) continue;
                Element e(c, *ns_);
                if (e.is_w("txbxContent")) {
                    anchored_->push_back(c);
                } else if (e.is(Ns::mc, "AlternateContent")) {
                    if (pugi::xml_node chosen = choose_alternate(c)) stack.push_back(chosen);
                } else {
                    stack.push_back(c);
                }
            }
        }
    }

    void symbol(const pugi::xml_node& sym, bool hidden) {
        const char* hex = w_attr(sym, "char", *ns_);
        if (!hex) return;
        char32_t cp = 0;
        try {
            cp = static_cast<char32_t>(std::stoul(hex, nullptr, 16));
        } catch (...) {
            return;
        }
        // Symbol fonts put their glyphs at U+F020-U+F0FF; show the common
        // bullets and check marks as the characters they look like.
        switch (cp) {
            case 0xF0B7: cp = 0x2022; break;
            case 0xF0A7: cp = 0x25AA; break;
            case 0xF0FC: cp = 0x2713; break;
            case 0xF0FB: cp = 0x2717; break;
            case 0xF0A8: cp = 0x2610; break;
            case 0xF0FE: cp = 0x2611; break;
            default: break;
        }
        std::string s;
        append_utf8(s, cp);
        generated(s, hidden);
    }

    void note_reference(const pugi::xml_node& ref, bool footnote, bool hidden) {
        const char* id = w_attr(ref, "id", *ns_);
        if (!id || !current_) return;
        const RevisionInfo* rev = revision();
        if (hidden || in_instruction() || (rev && removed_in(rev->kind, options_.changes))) return;
        auto& order = footnote ? footnote_order_ : endnote_order_;
        std::string key = id;
        auto it = std::find(order.begin(), order.end(), key);
        std::size_t number = static_cast<std::size_t>(it - order.begin()) + 1;
        if (it == order.end()) order.push_back(key);
        // Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii.
        std::string mark = footnote ? std::to_string(number) : format_number(static_cast<int>(number), "lowerRoman");
        current_->notes.push_back({(footnote ? "footnote:" : "endnote:") + key, current_->text.size()});
        // With customMarkFollows the author typed the mark in the next run.
        const char* custom = w_attr(ref, "customMarkFollows", *ns_);
        bool custom_mark = custom && (std::string_view(custom) == "1" || std::string_view(custom) == "true");
        if (!custom_mark) current_->text += mark;
    }

    bool in_instruction() const {
        return std::any_of(open_fields_.begin(), open_fields_.end(), [](bool instr) { return instr; });
    }

    // Text from a text node: counted as read, then either emitted or left
    // out for a stated reason.
    void text(std::string_view raw, bool hidden) {
        std::string owned;
        raw = ledger_.repair(raw, owned, doc_, part_name_);
        std::size_t n = count_code_points(raw);
        ledger_.read += n;
        if (!current_) {
            count_left_out("text outside paragraphs", n);
            return;
        }
        if (!leave_out_reason_.empty()) {
            count_left_out(leave_out_reason_, n);
            return;
        }
        if (in_instruction()) {
            count_left_out("field instructions", n);
            return;
        }
        if (hidden) {
            count_left_out("hidden text", n);
            if (!warned_hidden_) warn(part_name_, "hidden text (w:vanish) is not shown, as in Word");
            warned_hidden_ = true;
            return;
        }
        const RevisionInfo* rev = revision();
        if (rev && removed_in(rev->kind, options_.changes)) {
            count_left_out(options_.changes == ChangeView::accept ? "deleted text" : "inserted text", n);
            return;
        }
        ledger_.emitted += n;
        append(raw, rev);
    }

    // Characters the reader generates (tabs, breaks, symbols): shown or not
    // by the same rules, but not counted as read from text nodes.
    void generated(std::string_view s, bool hidden) {
        if (!current_ || hidden || in_instruction()) return;
        const RevisionInfo* rev = revision();
        if (rev && removed_in(rev->kind, options_.changes)) return;
        append(s, rev);
    }

    void append(std::string_view s, const RevisionInfo* rev) {
        std::size_t start = current_->text.size();
        current_->text += s;
        if (options_.changes != ChangeView::markup || !rev || rev->kind == Revision::none) return;
        auto kind = mark_kind(rev->kind);
        auto& marks = current_->changes;
        if (!marks.empty() && marks.back().end == start && marks.back().kind == kind &&
            marks.back().author == rev->author && marks.back().date == rev->date) {
            marks.back().end = current_->text.size();
        } else {
            marks.push_back({kind, start, current_->text.size(), rev->author, rev->date});
        }
    }

    // ------------------------------------------------------------ notes, comments, headers

    void read_notes(const char* rel, const char* element, BlockKind kind, const std::vector<std::string>& order) {
        auto name = pkg_.related(main_name_, rel);
        if (!name) return;
        Part part = pkg_.part(*name);
        if (!part) return;
        use_part(part);
        std::map<std::string, pugi::xml_node> notes;
        for (pugi::xml_node n : part.root.children()) {
            if (!Element(n, *ns_).is_w(element)) continue;
            const char* type = w_attr(n, "type", *ns_);
            if (type && std::string_view(type) != "normal") continue;  // separators
            if (const char* id = w_attr(n, "id", *ns_)) notes[id] = n;
        }
        std::string prefix = std::string(element) + ":";
        for (std::size_t i = 0; i < order.size(); ++i) {
            auto it = notes.find(order[i]);
            if (it == notes.end()) {
                warn(*name, std::string(element) + " " + order[i] + " is referenced but missing");
                continue;
            }
            std::string label = kind == BlockKind::footnote ? std::to_string(i + 1)
                                                            : format_number(static_cast<int>(i + 1), "lowerRoman");
            Block block = merged_block(it->second, kind);
            block.note_id = prefix + order[i];
            block.label = label;
            doc_.blocks.push_back(std::move(block));
            notes.erase(it);
        }
        // Notes that no surviving reference points at (deleted with their
        // reference, or orphaned): their text is not shown by Word.
        leave_out_reason_ = "unreferenced notes";
        for (auto& [id, node] : notes) merged_block(node, kind);
        leave_out_reason_.clear();
        notes.clear();
        release(*name);
    }

    // A note, comment, header or footer: its paragraphs as one block, the
    // paragraphs separated by '\n'.
    Block merged_block(const pugi::xml_node& container, BlockKind kind) {
        std::vector<Block> inner;
        walk_blocks(container, inner, kind);
        Block block;
        block.kind = kind;
        block.source = {part_name_, paragraph_index_, 0};
        for (Block& b : inner) {
            std::string piece = b.kind == BlockKind::table_row ? b.text : labelled(b);
            if (piece.empty()) continue;
            if (!block.text.empty()) block.text += '\n';
            std::size_t shift = block.text.size() + (b.label.empty() || b.kind == BlockKind::table_row ? 0 : b.label.size() + 1);
            block.text += piece;
            for (ChangeMark m : b.changes) {
                m.start += shift;
                m.end += shift;
                block.changes.push_back(m);
            }
            if (inner.size() && block.source.index > b.source.index) block.source = b.source;
        }
        // Notes start with their number's run and a space, which the label
        // replaces.
        if (kind == BlockKind::footnote || kind == BlockKind::endnote) {
            std::size_t lead = block.text.find_first_not_of(" \t");
            lead = lead == std::string::npos ? block.text.size() : lead;
            block.text.erase(0, lead);
            for (ChangeMark& m : block.changes) {
                m.start = m.start > lead ? m.start - lead : 0;
                m.end = m.end > lead ? m.end - lead : 0;
            }
        }
        // (Word writes the note's own number as a w:footnoteRef run at its
        // start; run_child() ignores it since the block carries the number
        // as its label.)
        return block;
    }

    void read_comments() {
        auto name = pkg_.related(main_name_, "comments");
        if (!name) return;
        Part part = pkg_.part(*name);
        if (!part) return;
        use_part(part);
        for (pugi::xml_node c : part.root.children()) {
            if (!Element(c, *ns_).is_w("comment")) continue;
            Block block = merged_block(c, BlockKind::comment);
            if (const char* id = w_attr(c, "id", *ns_)) block.note_id = std::string("comment:") + id;
            if (const char* a = w_attr(c, "author", *ns_)) block.author = a;
            doc_.blocks.push_back(std::move(block));
        }
        release(*name);
    }

    void read_headers_footers() {
        for (const ingest::Relationship& rel : pkg_.relationships(main_name_)) {
            if (rel.external || rel.target.empty()) continue;
            std::string_view type = rel.type;
            bool header = type.size() > 7 && type.substr(type.size() - 7) == "/header";
            bool footer = type.size() > 7 && type.substr(type.size() - 7) == "/footer";
            if (!header && !footer) continue;
            Part part = pkg_.part(rel.target);
            if (!part) continue;
            use_part(part);
            Block block = merged_block(part.root, header ? BlockKind::header : BlockKind::footer);
            if (!block.text.empty()) doc_.blocks.push_back(std::move(block));
            release(rel.target);
        }
    }

    // Done with a part: its tree is freed once no Part holds it (see
    // OpcPackage::release). What was read from it is copied out: block
    // text, styles and numbering never point into a tree.
    void release(const std::string& part_name) {
        pkg_.release(part_name);
        ns_ = nullptr;
    }

    void use_part(const Part& part) {
        ns_ = part.ns;
        part_name_ = part.name;
        paragraph_index_ = 0;
    }

    // ------------------------------------------------------------ bookkeeping

    void count_left_out(const std::string& reason, std::size_t n) { ledger_.leave_out(reason, n); }

    void warn(const std::string& where, const std::string& message) {
        ingest::warn_once(doc_, where, message);
    }

    ingest::OpcPackage& pkg_;
    const LoadOptions& options_;
    Document& doc_;
    bool pieces_allowed_;
    Styles styles_;
    Numbering numbering_;
    std::string main_name_;
    const Namespaces* ns_ = nullptr;
    std::string part_name_;
    std::size_t paragraph_index_ = 0;
    int table_depth_ = 0;

    Inline* current_ = nullptr;
    std::vector<pugi::xml_node>* anchored_ = nullptr;
    ingest::MarkJoiner joiner_;  // paragraphs whose mark this view removes
    std::vector<RevisionInfo> revisions_;
    std::vector<bool> open_fields_;  // per open complex field: still in its instruction?
    std::vector<std::string> footnote_order_, endnote_order_;

    ingest::Ledger ledger_;  // characters read, emitted and left out
    bool warned_hidden_ = false;
    std::string leave_out_reason_;  // when set, text is read and counted as left out
};

}  // namespace

void read(ingest::OpcPackage& package, const LoadOptions& options, Document& doc) {
    const Document before = doc;  // path and format only, so far
    try {
        Reader(package, options, doc, true).run();
    } catch (const RetryWithoutPieces&) {
        doc = before;
        Reader(package, options, doc, false).run();
    }
}

}  // namespace onus::docx

namespace onus::ingest {

void read_docx(std::string_view bytes, const LoadOptions& options, Document& doc) {
    auto package = OpcPackage::from_zip(bytes, doc.path, options);
    if (!package.related("", "officeDocument"))
        throw Error(ErrorCode::malformed, doc.path, "zip archive is not a Word document (no main document relationship)");
    doc.format = "docx";
    docx::read(package, options, doc);
}

void read_flat_opc(std::string_view bytes, const LoadOptions& options, Document& doc) {
    auto package = OpcPackage::from_flat(bytes, doc.path, options);
    doc.format = "flat-opc";
    docx::read(package, options, doc);
}

}  // namespace onus::ingest
