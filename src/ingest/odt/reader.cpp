// The OpenDocument text reader: ODT (zipped) and flat ODF (.fodt), one
// walker for both; only where content, styles and metadata come from
// differs.
//
// ODF's surprises, compared with WordprocessingML:
// - whitespace in text is collapsed as in HTML; real extra spaces are
//   text:s elements, tabs text:tab, line breaks text:line-break;
// - list numbers belong to text:list elements (see list_style.hpp), heading
//   numbers to the document-wide outline style;
// - tracked changes are kept apart from the text: text:tracked-changes holds
//   each change's author and date and, for a deletion, the deleted content
//   itself; the body only marks where inserted text starts and ends
//   (text:change-start/-end, possibly across paragraphs) and where deleted
//   content stood (text:change);
// - notes are written inline, at their citation: the note body sits inside
//   the paragraph that cites it.
#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ingest/ledger.hpp"
#include "ingest/block_text.hpp"
#include "ingest/tracked_text.hpp"
#include "ingest/odt/list_style.hpp"
#include "ingest/odt/odf.hpp"
#include "ingest/odt/styles.hpp"
#include "ingest/readers.hpp"
#include "ingest/xml.hpp"
#include "onus/error.hpp"
#include "onus/text.hpp"
#include "package/zip_package.hpp"

namespace onus::odt {
namespace {

using ingest::Namespaces;
using ingest::Inline;
using ingest::join;
using ingest::labelled;
using ingest::Revision;
using ingest::RevisionInfo;
using ingest::removed_in;

constexpr const char* kTextMime = "application/vnd.oasis.opendocument.text";
constexpr const char* kTemplateMime = "application/vnd.oasis.opendocument.text-template";
// number-columns-repeated / number-rows-repeated are meant for spreadsheets'
// empty runs; a cell or row with text is repeated at most this many times.
constexpr std::size_t kMaxRepeat = 1000;

// A parsed XML part with its namespace scope.
struct Part {
    std::string name;
    std::unique_ptr<pugi::xml_document> doc;
    std::unique_ptr<Namespaces> ns;
    pugi::xml_node root;
};

Part parse_part(std::string_view bytes, const std::string& name, const LoadOptions& options) {
    Part part;
    part.name = name;
    ingest::XmlOptions xo;
    xo.forbid_doctype = true;
    xo.keep_whitespace = true;  // <text:span>a</text:span> <text:span>b</text:span> keeps its space
    xo.max_depth = options.limits.max_xml_depth;
    part.doc = ingest::parse_xml(bytes, name, xo);
    part.root = part.doc->document_element();
    part.ns = std::make_unique<Namespaces>(part.root);
    return part;
}

// Where the walker finds things: one part for flat ODF, three for ODT.
struct Sources {
    pugi::xml_node body;  // office:text
    const Namespaces* body_ns = nullptr;
    std::string body_part;
    pugi::xml_node masters;  // office:master-styles (headers and footers)
    const Namespaces* masters_ns = nullptr;
    std::string masters_part;
    pugi::xml_node meta;  // office:meta
    const Namespaces* meta_ns = nullptr;
};


// One text:changed-region.
struct Region {
    RevisionInfo info;
    pugi::xml_node deletion;  // text:deletion: the deleted content
    bool used = false;
};


// The running counters of one list (a top-level text:list, the lists nested
// in its items, and the lists that continue it).
struct ListState {
    ListCounters counters;
};

struct ListFrame {
    ListState* list = nullptr;
    std::string style;  // list style in force (inherited from outer lists when unnamed)
    int level = 0;      // 0-based
};

// The list item a paragraph opens, if any.
struct Item {
    bool numbered = true;  // false for text:list-header
    std::optional<int> start;  // text:start-value on the item
};

struct ParaProps {
    std::string style;
    bool heading = false;
    int outline_level = 0;  // text:h level, 1-based
    bool outline_numbered = false;
    std::optional<int> heading_restart;
    ListState* list = nullptr;  // set for the first paragraph of a list item
    std::string list_style;
    int list_level = -1;
    bool list_numbered = false;
    std::optional<int> start;
};

class Reader {
public:
    Reader(const Sources& src, const Styles& body_styles, const Styles& page_styles, const LoadOptions& options,
           Document& doc)
        : src_(src), body_styles_(body_styles), page_styles_(page_styles), options_(options), doc_(doc) {}

    void run() {
        load_title();
        ns_ = src_.body_ns;
        part_name_ = src_.body_part;
        styles_ = &body_styles_;
        if (pugi::xml_node tc = child(src_.body, Ns::text, "tracked-changes", *ns_)) load_changes(tc);
        std::vector<Block> body;
        walk_blocks(src_.body, body, BlockKind::paragraph);
        for (Block& b : body) doc_.blocks.push_back(std::move(b));
        count_unused_deletions();
        read_notes();
        read_comments();
        read_headers_footers();
        ledger_.finish(doc_);
    }

private:
    // ------------------------------------------------------------ metadata, changes

    void load_title() {
        if (!src_.meta) return;
        if (pugi::xml_node t = child(src_.meta, Ns::dc, "title", *src_.meta_ns)) doc_.title = t.text().get();
    }

    void load_changes(const pugi::xml_node& tracked) {
        for (pugi::xml_node region : tracked.children()) {
            if (!Element(region, *ns_).is(Ns::text, "changed-region")) continue;
            const char* id = attr(region, Ns::text, "id", *ns_);
            if (!id) id = attr(region, Ns::xml, "id", *ns_);
            if (!id) continue;
            Region r;
            for (pugi::xml_node c : region.children()) {
                Element e(c, *ns_);
                if (e.ns != Ns::text) continue;
                if (e.local == "insertion") r.info.kind = Revision::inserted;
                else if (e.local == "deletion") r.info.kind = Revision::deleted, r.deletion = c;
                else if (e.local != "format-change") continue;
                if (pugi::xml_node info = child(c, Ns::office, "change-info", *ns_)) {
                    if (pugi::xml_node a = child(info, Ns::dc, "creator", *ns_)) r.info.author = a.text().get();
                    if (pugi::xml_node d = child(info, Ns::dc, "date", *ns_)) r.info.date = d.text().get();
                }
            }
            regions_.emplace(id, std::move(r));
        }
    }

    // Deleted content no text:change points at is never shown.
    void count_unused_deletions() {
        for (auto& [id, r] : regions_) {
            if (r.info.kind != Revision::deleted || r.used) continue;
            std::size_t n = deleted_chars(r.deletion);
            ledger_.read += n;
            count_left_out("unreferenced deleted text", n);
        }
    }

    // Code points of the text in deleted content (its change-info aside).
    std::size_t deleted_chars(const pugi::xml_node& deletion) const {
        std::size_t n = 0;
        for (pugi::xml_node c : deletion.children()) {
            if (Element(c, *ns_).is(Ns::office, "change-info")) continue;
            for (pugi::xml_node d = c; d;) {
                if (d.type() == pugi::node_pcdata || d.type() == pugi::node_cdata)
                    n += count_code_points(sanitize_utf8(d.value()));
                if (d.first_child()) {
                    d = d.first_child();
                    continue;
                }
                while (d && d != c && !d.next_sibling()) d = d.parent();
                if (!d || d == c) break;
                d = d.next_sibling();
            }
        }
        return n;
    }

    // ------------------------------------------------------------ block level

    // Walk block-level content (body, cell, note body, text box, header).
    // Recursion is bounded: parse_xml() capped the tree's depth.
    void walk_blocks(const pugi::xml_node& container, std::vector<Block>& out, BlockKind kind) {
        for (pugi::xml_node c : container.children()) block(c, out, kind);
        flush_carry(out, kind);
    }

    void block(const pugi::xml_node& node, std::vector<Block>& out, BlockKind kind, const Item* item = nullptr) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            // Indentation between block elements is not text.
            std::string_view v = node.value();
            if (v.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
            std::size_t n = count_code_points(sanitize_utf8(v));
            ledger_.read += n;
            count_left_out("text outside paragraphs", n);
            return;
        }
        if (node.type() != pugi::node_element) return;
        Element e(node, *ns_);
        if (e.ns == Ns::text) {
            std::string_view n = e.local;
            if (n == "p" || n == "h") {
                paragraph(node, out, kind, item);
            } else if (n == "list") {
                list(node, out, kind);
            } else if (n == "tracked-changes" || n == "variable-decls" || n == "sequence-decls" ||
                       n == "user-field-decls" || n == "dde-connection-decls" || n == "soft-page-break" ||
                       n == "index-title-template" || (n.size() > 7 && n.substr(n.size() - 7) == "-source")) {
                // Declarations and index templates: no document text.
            } else {
                // text:section, text:numbered-paragraph, index bodies...
                for (pugi::xml_node c : node.children()) block(c, out, kind);
            }
        } else if (e.is(Ns::table, "table")) {
            flush_carry(out, kind);
            table(node, out);
        } else if (e.ns == Ns::draw || e.ns == Ns::office) {
            // Frames anchored to the page, text boxes, shapes; office:forms.
            if (e.is(Ns::office, "forms") || e.is(Ns::office, "annotation")) return;
            for (pugi::xml_node c : node.children()) block(c, out, kind);
        }
        // Other namespaces (svg:title, dc:creator...): metadata, not text.
    }

    // A text:list: its items in order, numbered by the list's counters.
    void list(const pugi::xml_node& node, std::vector<Block>& out, BlockKind kind) {
        ListFrame frame;
        frame.style = attr_or(node, Ns::text, "style-name", *ns_);
        if (!lists_stack_.empty()) {
            const ListFrame& outer = lists_stack_.back();
            frame.list = outer.list;
            frame.level = std::min(outer.level + 1, kLevels - 1);
            if (frame.style.empty()) frame.style = outer.style;
        } else {
            frame.list = top_level_list(node, frame.style);
        }
        lists_stack_.push_back(frame);
        for (pugi::xml_node c : node.children()) {
            Element e(c, *ns_);
            if (!e.is(Ns::text, "list-item") && !e.is(Ns::text, "list-header")) continue;
            Item item;
            item.numbered = e.local == "list-item";
            item.start = ingest::to_int(attr(c, Ns::text, "start-value", *ns_));
            bool first = true;
            for (pugi::xml_node inner : c.children()) {
                if (inner.type() != pugi::node_element) continue;
                Element ie(inner, *ns_);
                bool para = ie.is(Ns::text, "p") || ie.is(Ns::text, "h");
                // Only the item's first paragraph carries its number; later
                // ones continue the item, and an item that opens with a
                // nested list has no number of its own.
                block(inner, out, kind, para && first ? &item : nullptr);
                if (!ie.is(Ns::text, "soft-page-break")) first = false;
            }
        }
        lists_stack_.pop_back();
    }

    // Which counters a top-level list uses: a new list's, or those of the
    // list it continues (text:continue-list names it by xml:id;
    // text:continue-numbering means the previous list of the same style).
    ListState* top_level_list(const pugi::xml_node& node, const std::string& style) {
        ListState* state = nullptr;
        if (const char* id = attr(node, Ns::text, "continue-list", *ns_)) {
            auto it = lists_by_id_.find(id);
            if (it != lists_by_id_.end()) state = it->second;
        }
        if (!state && attr_or(node, Ns::text, "continue-numbering", *ns_) == "true") {
            auto it = last_list_by_style_.find(style);
            if (it != last_list_by_style_.end()) state = it->second;
        }
        if (!state) state = &list_states_.emplace_back();
        if (const char* id = attr(node, Ns::xml, "id", *ns_)) lists_by_id_[id] = state;
        last_list_by_style_[style] = state;
        return state;
    }

    void table(const pugi::xml_node& node, std::vector<Block>& out) {
        ++table_depth_;
        rows(node, out);
        --table_depth_;
    }

    void rows(const pugi::xml_node& node, std::vector<Block>& out) {
        for (pugi::xml_node c : node.children()) {
            Element e(c, *ns_);
            if (e.is(Ns::table, "table-row")) {
                row(c, out);
            } else if (e.is(Ns::table, "table-header-rows") || e.is(Ns::table, "table-rows") ||
                       e.is(Ns::table, "table-row-group")) {
                rows(c, out);
            }
        }
    }

    void row(const pugi::xml_node& tr, std::vector<Block>& out) {
        Block block;
        block.kind = BlockKind::table_row;
        block.table_depth = table_depth_;
        block.source = {part_name_, paragraph_index_, 0};
        std::size_t emitted_before = ledger_.emitted;
        bool any_text = false;
        for (pugi::xml_node tc : tr.children()) {
            Element e(tc, *ns_);
            if (e.is(Ns::table, "covered-table-cell")) {
                // Under a spanning cell: not shown. Text there (spreadsheets
                // keep some) is read and left out.
                std::vector<Block> hidden;
                std::string saved = std::exchange(leave_out_reason_, "covered table cells");
                walk_blocks(tc, hidden, BlockKind::paragraph);
                leave_out_reason_ = saved;
                continue;
            }
            if (!e.is(Ns::table, "table-cell")) continue;
            std::size_t cell_before = ledger_.emitted;
            std::string text = cell_text(tc, block);
            std::size_t repeat = repeat_count(tc, "number-columns-repeated");
            if (text.empty() || block.cells.size() >= kMaxRepeat) repeat = 1;
            repeat = std::min(repeat, kMaxRepeat - std::min(kMaxRepeat, block.cells.size()));
            repeat = std::max<std::size_t>(repeat, 1);
            repeated(ledger_.emitted - cell_before, repeat);
            any_text = any_text || !text.empty();
            for (std::size_t i = 0; i < repeat; ++i) block.cells.push_back(text);
        }
        // An empty row carries nothing worth a block (nor do its repeats).
        if (!any_text) return;
        block.text = join(block.cells, "\t");
        std::size_t repeat = std::min(repeat_count(tr, "number-rows-repeated"), kMaxRepeat);
        repeated(ledger_.emitted - emitted_before, repeat);
        for (std::size_t i = 0; i < repeat; ++i) {
            check_block_limit(out);
            out.push_back(block);
        }
    }

    // number-*-repeated, with the cap reported when a file asks for more.
    std::size_t repeat_count(const pugi::xml_node& node, std::string_view name) {
        auto n = ingest::to_int(attr(node, Ns::table, name, *ns_)).value_or(1);
        if (n < 1) return 1;
        if (static_cast<std::size_t>(n) > kMaxRepeat)
            warn(part_name_, "table:" + std::string(name) + " over " + std::to_string(kMaxRepeat) + " is capped");
        return static_cast<std::size_t>(n);
    }

    // Text shown `times` times was read from the source once, but each copy
    // is rendered source text: both sides of the accounting count it.
    void repeated(std::size_t chars, std::size_t times) {
        if (times <= 1) return;
        ledger_.read += chars * (times - 1);
        ledger_.emitted += chars * (times - 1);
    }

    std::string cell_text(const pugi::xml_node& tc, Block& row_block) {
        std::vector<Block> inner;
        walk_blocks(tc, inner, BlockKind::paragraph);
        std::string text = ingest::cell_text(inner, row_block.notes);
        return text;
    }



    // ------------------------------------------------------------ paragraphs

    ParaProps paragraph_props(const pugi::xml_node& p, const Item* item) {
        ParaProps props;
        props.style = attr_or(p, Ns::text, "style-name", *ns_);
        if (Element(p, *ns_).local == "h") {
            props.heading = true;
            int level = ingest::to_int(attr(p, Ns::text, "outline-level", *ns_)).value_or(0);
            if (level <= 0) level = styles_->outline_level_of(props.style);
            props.outline_level = std::clamp(level, 1, kLevels);
            props.outline_numbered = attr_or(p, Ns::text, "is-list-header", *ns_) != "true" && lists_stack_.empty();
            if (attr_or(p, Ns::text, "restart-numbering", *ns_) == "true")
                props.heading_restart = ingest::to_int(attr(p, Ns::text, "start-value", *ns_)).value_or(1);
        }
        if (!lists_stack_.empty()) {
            const ListFrame& frame = lists_stack_.back();
            props.list_level = frame.level;
            if (item) {
                props.list = frame.list;
                props.list_numbered = item->numbered;
                props.start = item->start;
                // The list's own style wins; a list without one takes the
                // style its paragraphs' style names.
                props.list_style = frame.style.empty() ? styles_->list_style_of(props.style) : frame.style;
            }
        }
        return props;
    }

    void paragraph(const pugi::xml_node& p, std::vector<Block>& out, BlockKind kind, const Item* item) {
        std::size_t index = paragraph_index_++;
        ParaProps props = paragraph_props(p, item);
        Inline content;
        std::vector<Inline> segments;  // paragraphs split off by multi-paragraph deletions
        std::vector<pugi::xml_node> anchored;
        Inline* saved_current = std::exchange(current_, &content);
        std::vector<Inline>* saved_segments = std::exchange(segments_, &segments);
        std::vector<pugi::xml_node>* saved_anchored = std::exchange(anchored_, &anchored);
        bool saved_collapse = std::exchange(collapse_, true);
        props_to_last_ = false;
        walk_inline(p);
        bool props_to_last = props_to_last_;
        current_ = saved_current;
        segments_ = saved_segments;
        anchored_ = saved_anchored;
        collapse_ = saved_collapse;

        // The paragraph mark stands inside an inserted range: the break
        // after this paragraph was inserted. Rejected, this paragraph joins
        // the next one, whose properties (and number) the joined paragraph
        // takes; a wholly inserted list item so never advances a counter.
        const RevisionInfo* mark = open_insertions_.empty() ? nullptr : &regions_[open_insertions_.back()].info;
        bool mark_removed = mark && removed_in(mark->kind, options_.changes);

        segments.push_back(std::move(content));
        joiner_.join_into(segments.front());
        std::size_t main = props_to_last ? segments.size() - 1 : 0;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            bool last = i + 1 == segments.size();
            if (last && mark_removed) {
                joiner_.carry(std::move(segments[i]), index);
                break;
            }
            ParaProps plain;
            plain.style = props.style;
            emit_paragraph(i == main ? props : plain, std::move(segments[i]), index, out, kind,
                           last ? mark : nullptr);
        }
        for (const pugi::xml_node& box : anchored) walk_blocks(box, out, kind);
    }

    // A paragraph whose mark was removed but that nothing followed in its
    // container (last paragraph of a cell or of the body) stands alone.
    void flush_carry(std::vector<Block>& out, BlockKind kind) {
        if (auto rest = joiner_.flush()) emit_paragraph(ParaProps{}, std::move(rest->first), rest->second, out, kind, nullptr);
    }

    void emit_paragraph(const ParaProps& props, Inline content, std::size_t index, std::vector<Block>& out,
                        BlockKind kind, const RevisionInfo* mark) {
        Block block;
        block.kind = kind;
        block.table_depth = table_depth_;
        block.source = {part_name_, index, 0};
        if (!props.style.empty()) block.style = styles_->display_name(props.style);
        if (props.heading) block.heading_level = std::min(props.outline_level, 9);
        if (props.list) {
            // Counters move only for paragraphs that are shown, in order.
            const ListStyle* style = styles_->list(props.list_style);
            int level = props.list_level;
            block.list_level = level;
            if (props.list_numbered) {
                props.list->counters.advance(style, level, props.start);
                if (style) {
                    bool known = true;
                    block.label = props.list->counters.label(*style, level, &known);
                    block.label_is_bullet = style->levels[static_cast<std::size_t>(level)].bullet;
                    if (!known) unknown_format(*style, level);
                }
            }
        } else if (props.heading && props.outline_numbered) {
            if (const ListStyle* outline = styles_->outline()) {
                int level = props.outline_level - 1;
                outline_.advance(outline, level, props.heading_restart);
                bool known = true;
                block.label = outline_.label(*outline, level, &known);
                if (!known) unknown_format(*outline, level);
                if (!block.label.empty()) block.list_level = level;
            }
        }
        if (options_.changes == ChangeView::markup && mark && content.changes.empty() && !content.text.empty())
            content.changes.push_back({ChangeMark::Kind::insertion, 0, content.text.size(), mark->author, mark->date});
        if (content.text.empty() && content.notes.empty() && block.label.empty()) return;
        block.text = std::move(content.text);
        block.changes = std::move(content.changes);
        block.notes = std::move(content.notes);
        check_block_limit(out);
        out.push_back(std::move(block));
    }

    void unknown_format(const ListStyle& style, int level) {
        warn(part_name_, "unknown number format \"" + style.levels[static_cast<std::size_t>(level)].format +
                             "\" in list style " + style.name + " rendered as decimal");
    }

    void check_block_limit(const std::vector<Block>& out) {
        if (doc_.blocks.size() + out.size() >= options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " paragraphs");
    }

    // ------------------------------------------------------------ inline level

    struct ScopedDeletion {
        Reader& reader;
        ScopedDeletion(Reader& r, const RevisionInfo& info) : reader(r) { reader.deletions_.push_back(info); }
        ~ScopedDeletion() { reader.deletions_.pop_back(); }
        ScopedDeletion(const ScopedDeletion&) = delete;
        ScopedDeletion& operator=(const ScopedDeletion&) = delete;
    };

    // The revision in force: deleted content being shown, else the
    // innermost open inserted range.
    const RevisionInfo* revision() const {
        if (!deletions_.empty()) return &deletions_.back();
        if (!open_insertions_.empty()) {
            auto it = regions_.find(open_insertions_.back());
            if (it != regions_.end()) return &it->second.info;
        }
        return nullptr;
    }

    void walk_inline(const pugi::xml_node& parent) {
        for (pugi::xml_node c : parent.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                text(c.value());
                continue;
            }
            if (c.type() != pugi::node_element) continue;
            Element e(c, *ns_);
            if (e.ns == Ns::text) {
                inline_text_element(e);
            } else if (e.ns == Ns::draw) {
                // Frames, text boxes and shapes anchored in this paragraph:
                // their paragraphs follow it.
                if (anchored_) anchored_->push_back(c);
            } else if (e.is(Ns::office, "annotation")) {
                comments_.push_back({c, ns_, part_name_});
            } else if (e.ns == Ns::other) {
                // Foreign elements (extensions): ODF says to read their content.
                walk_inline(c);
            }
            // office:annotation-end, dc:*, style:* and the like: no text.
        }
    }

    void inline_text_element(const Element& e) {
        std::string_view n = e.local;
        if (n == "s") {
            int count = std::clamp(ingest::to_int(attr(e.node, Ns::text, "c", *ns_)).value_or(1), 1, 10000);
            generated(std::string(static_cast<std::size_t>(count), ' '));
        } else if (n == "tab") {
            generated("\t");
        } else if (n == "line-break") {
            generated("\n");
        } else if (n == "note") {
            note_reference(e.node);
        } else if (n == "change-start") {
            const char* id = attr(e.node, Ns::text, "change-id", *ns_);
            auto it = id ? regions_.find(id) : regions_.end();
            if (it != regions_.end() && it->second.info.kind == Revision::inserted) open_insertions_.push_back(id);
        } else if (n == "change-end") {
            const char* id = attr(e.node, Ns::text, "change-id", *ns_);
            if (!id) return;
            auto it = std::find(open_insertions_.rbegin(), open_insertions_.rend(), std::string(id));
            if (it != open_insertions_.rend()) open_insertions_.erase(std::next(it).base());
        } else if (n == "change") {
            deleted_content(e.node);
        } else if (n == "ruby-text" || n == "hidden-text" || n == "hidden-paragraph") {
            // Annotations above ruby base text and conditionally hidden
            // text: not part of the line a reader reads.
            std::string saved = std::exchange(leave_out_reason_, n == "ruby-text" ? "ruby annotations" : "hidden text");
            walk_inline(e.node);
            leave_out_reason_ = saved;
        } else if (n == "soft-page-break" || n == "bookmark" || n == "bookmark-start" || n == "bookmark-end" ||
                   n == "reference-mark" || n == "reference-mark-start" || n == "reference-mark-end" ||
                   n == "toc-mark" || n == "alphabetical-index-mark" || n == "user-index-mark") {
            // Positions, not text.
        } else {
            // text:span, text:a, text:meta, fields (text:sequence,
            // text:bookmark-ref, text:date...) show their content.
            walk_inline(e.node);
        }
    }

    // text:change: deleted content stood here. Accepted, it is gone;
    // rejected or marked up, it is shown, and deleted paragraph breaks split
    // the paragraph again.
    void deleted_content(const pugi::xml_node& change) {
        const char* id = attr(change, Ns::text, "change-id", *ns_);
        auto it = id ? regions_.find(id) : regions_.end();
        if (it == regions_.end() || it->second.info.kind != Revision::deleted || it->second.used) return;
        Region& region = it->second;
        region.used = true;
        if (options_.changes == ChangeView::accept || !current_) {
            std::size_t n = deleted_chars(region.deletion);
            ledger_.read += n;
            count_left_out("deleted text", n);
            return;
        }
        std::vector<pugi::xml_node> paragraphs;
        collect_paragraphs(region.deletion, paragraphs);
        bool at_start = current_->text.empty() && segments_ && segments_->empty();
        ScopedDeletion scope(*this, region.info);
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
            if (i > 0 && segments_) {
                // A deleted paragraph break: what follows was another
                // paragraph. Deleted at the very start of this paragraph,
                // the deleted paragraphs come first and this one keeps its
                // number on its own (last) part.
                if (segments_->empty()) props_to_last_ = at_start;
                segments_->push_back(std::move(*current_));
                *current_ = Inline{};
                collapse_ = true;
            }
            walk_inline(paragraphs[i]);
        }
    }

    // The paragraphs of deleted content, in order, through lists and
    // sections (tables inside a deletion read as their cells' paragraphs).
    void collect_paragraphs(const pugi::xml_node& node, std::vector<pugi::xml_node>& out) const {
        for (pugi::xml_node c : node.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, *ns_);
            if (e.is(Ns::office, "change-info")) continue;
            if (e.is(Ns::text, "p") || e.is(Ns::text, "h"))
                out.push_back(c);
            else
                collect_paragraphs(c, out);
        }
    }

    void note_reference(const pugi::xml_node& note) {
        if (!current_) return;
        const RevisionInfo* rev = revision();
        bool shown = leave_out_reason_.empty() && !(rev && removed_in(rev->kind, options_.changes));
        std::string cls(attr_or(note, Ns::text, "note-class", *ns_, "footnote"));
        BlockKind kind = cls == "endnote" ? BlockKind::endnote : BlockKind::footnote;
        std::string id(attr_or(note, Ns::text, "id", *ns_));
        if (id.empty()) id = "n" + std::to_string(notes_.size() + 1);
        pugi::xml_node citation = child(note, Ns::text, "note-citation", *ns_);
        pugi::xml_node body = child(note, Ns::text, "note-body", *ns_);
        std::string label = citation ? citation.text().get() : "";
        if (shown) current_->notes.push_back({cls + ":" + id, current_->text.size()});
        // The citation is the mark a reader sees in the text, as Word's
        // footnote number is.
        if (citation) walk_inline(citation);
        if (body) notes_.push_back({body, ns_, part_name_, kind, cls + ":" + id, label, shown});
    }

    // Text from a text node: counted as read, then either emitted or left
    // out for a stated reason. ODF collapses whitespace: a run of spaces,
    // tabs and newlines is one space, and none at the start of a paragraph.
    void text(std::string_view raw) {
        std::string owned;
        raw = ledger_.repair(raw, owned, doc_, part_name_);
        std::size_t n = count_code_points(raw);
        ledger_.read += n;
        if (!current_) return count_left_out("text outside paragraphs", n);
        if (!leave_out_reason_.empty()) return count_left_out(leave_out_reason_, n);
        const RevisionInfo* rev = revision();
        if (rev && removed_in(rev->kind, options_.changes)) {
            // White space collapses as the source reads, whatever the view:
            // the space after removed text is not at the paragraph's start.
            if (!raw.empty()) collapse_ = raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r';
            return count_left_out(options_.changes == ChangeView::accept ? "deleted text" : "inserted text", n);
        }
        std::string collapsed;
        collapsed.reserve(raw.size());
        for (char ch : raw) {
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                if (!collapse_) collapsed += ' ';
                collapse_ = true;
            } else {
                collapsed += ch;
                collapse_ = false;
            }
        }
        std::size_t kept = count_code_points(collapsed);
        if (kept < n) count_left_out("collapsed white space", n - kept);
        ledger_.emitted += kept;
        append(collapsed, rev);
    }

    // Characters the reader generates (text:s, tabs, breaks).
    void generated(std::string_view s) {
        if (!current_ || !leave_out_reason_.empty()) return;
        const RevisionInfo* rev = revision();
        if (rev && removed_in(rev->kind, options_.changes)) return;
        collapse_ = false;
        append(s, rev);
    }

    void append(std::string_view s, const RevisionInfo* rev) {
        if (s.empty()) return;
        std::size_t start = current_->text.size();
        current_->text += s;
        if (options_.changes != ChangeView::markup || !rev || rev->kind == Revision::none) return;
        auto kind = rev->kind == Revision::deleted ? ChangeMark::Kind::deletion : ChangeMark::Kind::insertion;
        auto& marks = current_->changes;
        if (!marks.empty() && marks.back().end == start && marks.back().kind == kind &&
            marks.back().author == rev->author && marks.back().date == rev->date) {
            marks.back().end = current_->text.size();
        } else {
            marks.push_back({kind, start, current_->text.size(), rev->author, rev->date});
        }
    }

    // ------------------------------------------------------------ notes, comments, headers

    struct PendingNote {
        pugi::xml_node body;
        const Namespaces* ns;
        std::string part;
        BlockKind kind;
        std::string id;
        std::string label;
        bool shown;
    };

    struct PendingComment {
        pugi::xml_node node;
        const Namespaces* ns;
        std::string part;
    };

    void read_notes() {
        for (const PendingNote& note : notes_) {
            ns_ = note.ns;
            part_name_ = note.part;
            if (!note.shown) {
                // Cited from text removed in this view: not shown.
                std::string saved = std::exchange(leave_out_reason_, "notes of removed text");
                merged_block(note.body, note.kind);
                leave_out_reason_ = saved;
                continue;
            }
            Block block = merged_block(note.body, note.kind);
            block.note_id = note.id;
            block.label = note.label;
            doc_.blocks.push_back(std::move(block));
        }
    }

    void read_comments() {
        for (std::size_t i = 0; i < comments_.size(); ++i) {
            const PendingComment& c = comments_[i];
            ns_ = c.ns;
            part_name_ = c.part;
            Block block = merged_block(c.node, BlockKind::comment);
            std::string name(attr_or(c.node, Ns::office, "name", *ns_));
            block.note_id = "comment:" + (name.empty() ? std::to_string(i) : name);
            if (pugi::xml_node a = child(c.node, Ns::dc, "creator", *ns_)) block.author = a.text().get();
            doc_.blocks.push_back(std::move(block));
        }
    }

    void read_headers_footers() {
        if (!src_.masters) return;
        ns_ = src_.masters_ns;
        part_name_ = src_.masters_part;
        styles_ = &page_styles_;
        paragraph_index_ = 0;
        for (pugi::xml_node page : src_.masters.children()) {
            if (!Element(page, *ns_).is(Ns::style, "master-page")) continue;
            for (pugi::xml_node c : page.children()) {
                Element e(c, *ns_);
                if (e.ns != Ns::style) continue;
                bool header = e.local.substr(0, 6) == "header";
                bool footer = e.local.substr(0, 6) == "footer";
                if (!header && !footer) continue;
                Block block = merged_block(c, header ? BlockKind::header : BlockKind::footer);
                if (!block.text.empty()) doc_.blocks.push_back(std::move(block));
            }
        }
    }

    // A note, comment, header or footer: its paragraphs as one block,
    // separated by '\n'.
    Block merged_block(const pugi::xml_node& container, BlockKind kind) {
        std::vector<Block> inner;
        std::vector<ListFrame> saved_lists = std::exchange(lists_stack_, {});
        int saved_depth = std::exchange(table_depth_, 0);
        walk_blocks(container, inner, kind);
        lists_stack_ = std::move(saved_lists);
        table_depth_ = saved_depth;
        Block block;
        block.kind = kind;
        block.source = {part_name_, paragraph_index_, 0};
        for (Block& b : inner) {
            std::string piece = b.kind == BlockKind::table_row ? b.text : labelled(b);
            if (piece.empty()) continue;
            if (!block.text.empty()) block.text += '\n';
            if (block.text.empty()) block.source = b.source;
            std::size_t shift = block.text.size() + (b.label.empty() || b.kind == BlockKind::table_row ? 0 : b.label.size() + 1);
            block.text += piece;
            for (ChangeMark m : b.changes) {
                m.start += shift;
                m.end += shift;
                block.changes.push_back(m);
            }
        }
        return block;
    }

    // ------------------------------------------------------------ bookkeeping

    void count_left_out(const std::string& reason, std::size_t n) { ledger_.leave_out(reason, n); }

    void warn(const std::string& where, const std::string& message) {
        ingest::warn_once(doc_, where, message);
    }

    const Sources& src_;
    const Styles& body_styles_;
    const Styles& page_styles_;
    const LoadOptions& options_;
    Document& doc_;
    const Styles* styles_ = nullptr;
    const Namespaces* ns_ = nullptr;
    std::string part_name_;
    std::size_t paragraph_index_ = 0;
    int table_depth_ = 0;

    Inline* current_ = nullptr;
    std::vector<Inline>* segments_ = nullptr;
    std::vector<pugi::xml_node>* anchored_ = nullptr;
    bool collapse_ = true;       // the next source space is dropped (paragraph start, or after a space)
    bool props_to_last_ = false;  // a split paragraph keeps its number on its last part
    ingest::MarkJoiner joiner_;  // paragraphs whose mark this view removes

    std::map<std::string, Region> regions_;
    std::vector<std::string> open_insertions_;  // ids of inserted ranges open at this point
    std::vector<RevisionInfo> deletions_;        // deleted content being shown

    std::deque<ListState> list_states_;
    std::vector<ListFrame> lists_stack_;
    std::map<std::string, ListState*> lists_by_id_;
    std::map<std::string, ListState*> last_list_by_style_;
    ListCounters outline_;

    std::vector<PendingNote> notes_;
    std::vector<PendingComment> comments_;

    ingest::Ledger ledger_;  // characters read, emitted and left out
    std::string leave_out_reason_;  // when set, text is read and counted as left out
};

// The office:text inside office:body, or a malformed error.
pugi::xml_node office_text(const pugi::xml_node& root, const Namespaces& ns, const std::string& where) {
    pugi::xml_node body = child(root, Ns::office, "body", ns);
    pugi::xml_node text = body ? child(body, Ns::office, "text", ns) : pugi::xml_node{};
    if (!text) {
        if (body && body.first_child())
            throw Error(ErrorCode::unsupported, where,
                        std::string("not a text document (office:body holds <") + body.first_child().name() + ">)");
        throw Error(ErrorCode::malformed, where, "no office:body/office:text");
    }
    return text;
}

void add_styles(Styles& styles, const pugi::xml_node& root, const Namespaces& ns, std::string_view container,
                bool automatic) {
    if (!root) return;
    if (pugi::xml_node c = child(root, Ns::office, container, ns)) styles.add(c, ns, automatic);
}

// An encrypted package lists manifest:encryption-data under the entries
// it encrypted; their bytes are ciphertext, so nothing can be read.
bool manifest_declares_encryption(const Part& manifest) {
    for (pugi::xml_node entry : manifest.root.children())
        for (pugi::xml_node c : entry.children())
            if (c.type() == pugi::node_element && Element(c, *manifest.ns).is(Ns::manifest, "encryption-data"))
                return true;
    return false;
}

}  // namespace
}  // namespace onus::odt

namespace onus::ingest {

void read_odt(std::string_view bytes, const LoadOptions& options, Document& doc) {
    using namespace onus::odt;
    package::ZipPackage zip(bytes, doc.path, options.limits);
    if (!zip.contains("mimetype"))
        throw Error(ErrorCode::malformed, doc.path, "no mimetype entry: not an OpenDocument package");
    std::string mime = zip.read("mimetype");
    while (!mime.empty() && (mime.back() == '\n' || mime.back() == '\r' || mime.back() == ' ')) mime.pop_back();
    if (mime != kTextMime && mime != kTemplateMime)
        throw Error(ErrorCode::unsupported, doc.path, "not an OpenDocument text document (mimetype " + mime.substr(0, 80) + ")");
    if (zip.contains("META-INF/manifest.xml")) {
        Part manifest = parse_part(zip.read("META-INF/manifest.xml"), "META-INF/manifest.xml", options);
        if (manifest_declares_encryption(manifest)) throw Error(ErrorCode::unsupported, doc.path, "encrypted document");
    }
    if (!zip.contains("content.xml")) throw Error(ErrorCode::malformed, doc.path, "no content.xml");
    Part content = parse_part(zip.read("content.xml"), "content.xml", options);
    if (!Element(content.root, *content.ns).is(Ns::office, "document-content"))
        throw Error(ErrorCode::malformed, "content.xml", "root element is not office:document-content");
    Part styles, meta;
    if (zip.contains("styles.xml")) styles = parse_part(zip.read("styles.xml"), "styles.xml", options);
    if (zip.contains("meta.xml")) meta = parse_part(zip.read("meta.xml"), "meta.xml", options);

    Sources src;
    src.body = office_text(content.root, *content.ns, "content.xml");
    src.body_ns = content.ns.get();
    src.body_part = "content.xml";
    if (styles.root) {
        src.masters = child(styles.root, Ns::office, "master-styles", *styles.ns);
        src.masters_ns = styles.ns.get();
        src.masters_part = "styles.xml";
    }
    if (meta.root) {
        src.meta = child(meta.root, Ns::office, "meta", *meta.ns);
        src.meta_ns = meta.ns.get();
    }
    Styles body_styles, page_styles;
    add_styles(body_styles, content.root, *content.ns, "automatic-styles", true);
    if (styles.root) {
        add_styles(body_styles, styles.root, *styles.ns, "styles", false);
        add_styles(page_styles, styles.root, *styles.ns, "automatic-styles", true);
        add_styles(page_styles, styles.root, *styles.ns, "styles", false);
    }
    doc.format = "odt";
    Reader(src, body_styles, page_styles, options, doc).run();
}

void read_flat_odt(std::string_view bytes, const LoadOptions& options, Document& doc) {
    using namespace onus::odt;
    Part part = parse_part(bytes, doc.path, options);
    if (!Element(part.root, *part.ns).is(Ns::office, "document"))
        throw Error(ErrorCode::malformed, doc.path, "root element is not office:document");
    Sources src;
    src.body = office_text(part.root, *part.ns, doc.path);
    src.body_ns = src.masters_ns = src.meta_ns = part.ns.get();
    src.body_part = src.masters_part = doc.path;
    src.masters = child(part.root, Ns::office, "master-styles", *part.ns);
    src.meta = child(part.root, Ns::office, "meta", *part.ns);
    // One file: its automatic styles serve the body and the master pages.
    Styles styles;
    add_styles(styles, part.root, *part.ns, "automatic-styles", true);
    add_styles(styles, part.root, *part.ns, "styles", false);
    doc.format = "flat-odt";
    Reader(src, styles, styles, options, doc).run();
}

}  // namespace onus::ingest
