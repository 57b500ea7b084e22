#include "ingest/xml_pieces.hpp"

#include "onus/error.hpp"

namespace onus::ingest {
namespace {

constexpr auto npos = std::string_view::npos;

bool starts_at(std::string_view xml, std::size_t at, std::string_view s) { return xml.substr(at, s.size()) == s; }

// Past the construct that starts with `open` at `at` and ends with `close`
// (a comment, CDATA, processing instruction); npos when unterminated.
std::size_t skip_past(std::string_view xml, std::size_t at, std::string_view open, std::string_view close) {
    std::size_t found = xml.find(close, at + open.size());
    return found == npos ? npos : found + close.size();
}

// At '<' of a comment, CDATA section or processing instruction: true, with
// `past` after it (npos when it is unterminated). False for anything else.
bool non_element(std::string_view xml, std::size_t at, std::size_t& past) {
    if (starts_at(xml, at, "<!--")) past = skip_past(xml, at, "<!--", "-->");
    else if (starts_at(xml, at, "<![CDATA[")) past = skip_past(xml, at, "<![CDATA[", "]]>");
    else if (starts_at(xml, at, "<?")) past = skip_past(xml, at, "<?", "?>");
    else return false;
    return true;
}

bool is_name_end(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>'; }

// A start tag at `at` ('<' then a name): sets qname and `content` (past the
// '>'); true for an empty-element tag. Quoted attribute values may hold
// '>' and '/'. False in `ok` when the tag is unterminated or has no name.
bool start_tag(std::string_view xml, std::size_t at, ElementExtent& e, bool& ok) {
    ok = false;
    std::size_t i = at + 1;
    while (i < xml.size() && !is_name_end(xml[i])) ++i;
    if (i == at + 1) return false;
    e.start = at;
    e.qname = xml.substr(at + 1, i - at - 1);
    for (; i < xml.size(); ++i) {
        char c = xml[i];
        if (static_cast<unsigned char>(c) > '>') continue;  // letters and the like: nothing to see
        if (c == '"' || c == '\'') {
            i = xml.find(c, i + 1);
            if (i == npos) return false;
        } else if (c == '>') {
            e.content = i + 1;
            ok = true;
            return false;
        } else if (c == '/' && i + 1 < xml.size() && xml[i + 1] == '>') {
            e.content = e.content_end = e.end = i + 2;
            ok = true;
            return true;
        } else if (c == '<') {
            return false;  // not XML: leave it to the parser
        }
    }
    return false;
}

// Every element in [from, to), reported to visit(depth, extent) once its
// end tag is found (so children before their parent; depth 0 for the
// outermost), in one pass. End tags are matched by depth only: the parser
// checks the names. False when the scanner does not follow the text or
// an element is left open at `to`.
template <class Visit>
bool scan_tree(std::string_view xml, std::size_t from, std::size_t to, Visit&& visit) {
    struct Open {
        std::size_t start, content;
        std::string_view qname;
    };
    std::vector<Open> open;
    std::size_t i = from;
    while (true) {
        i = xml.find('<', i);
        if (i == npos || i >= to) return open.empty();
        std::size_t past = npos;
        if (starts_at(xml, i, "</")) {
            std::size_t close = xml.find('>', i);
            if (close == npos || close >= to || open.empty()) return false;
            Open o = open.back();
            open.pop_back();
            visit(open.size(), ElementExtent{o.start, o.content, i, close + 1, o.qname});
            i = close + 1;
        } else if (non_element(xml, i, past)) {
            if (past == npos || past > to) return false;
            i = past;
        } else if (starts_at(xml, i, "<!")) {
            return false;  // a DOCTYPE or unknown markup: not ours to judge
        } else {
            ElementExtent e;
            bool ok = false;
            bool empty = start_tag(xml, i, e, ok);
            if (!ok || e.content > to) return false;
            if (empty)
                visit(open.size(), e);
            else
                open.push_back({e.start, e.content, e.qname});
            i = e.content;
        }
    }
}

// Past the prolog (white space, declaration, comments, PIs) to the root's
// '<'; npos when there is anything else (a DOCTYPE included).
std::size_t root_start(std::string_view xml) {
    std::size_t i = 0;
    while (i < xml.size()) {
        std::size_t past = npos;
        if (xml[i] == ' ' || xml[i] == '\t' || xml[i] == '\r' || xml[i] == '\n') {
            ++i;
        } else if (xml[i] != '<') {
            return npos;
        } else if (non_element(xml, i, past)) {
            if (past == npos) return npos;
            i = past;
        } else if (starts_at(xml, i, "<!")) {
            return npos;
        } else {
            return i;
        }
    }
    return npos;
}

std::string_view local_of(std::string_view qname) {
    auto colon = qname.find(':');
    return colon == npos ? qname : qname.substr(colon + 1);
}

}  // namespace

std::optional<ElementExtent> root_extent(std::string_view xml) {
    std::size_t at = root_start(xml);
    if (at == npos) return std::nullopt;
    std::optional<ElementExtent> root;
    bool followed = scan_tree(xml, at, xml.size(), [&](std::size_t depth, const ElementExtent& e) {
        if (depth == 0 && !root) root = e;
    });
    if (!followed) return std::nullopt;
    return root;
}

std::optional<std::vector<ElementExtent>> child_extents(std::string_view xml, std::size_t from, std::size_t to) {
    std::vector<ElementExtent> out;
    bool followed = scan_tree(xml, from, to, [&](std::size_t depth, const ElementExtent& e) {
        if (depth == 0) out.push_back(e);
    });
    if (!followed) return std::nullopt;
    return out;
}

std::optional<XmlPieces> XmlPieces::split(std::string& utf8, const std::string& where, const XmlOptions& options,
                                          std::string_view split_local, std::size_t piece_bytes) {
    std::string_view xml = utf8;
    // One pass: the root, its children, and the children of those to split
    // (collected while inside a root child, kept if it is one to split).
    std::size_t at = root_start(xml);
    if (at == npos) return std::nullopt;
    std::optional<ElementExtent> root;
    std::vector<ElementExtent> children;
    std::vector<std::vector<ElementExtent>> inner_of;  // per root child: its children when split, else empty
    std::vector<ElementExtent> pending;
    bool followed = scan_tree(xml, at, xml.size(), [&](std::size_t depth, const ElementExtent& e) {
        if (root) return;  // past the root: several roots are the parser's to refuse
        if (depth == 0) {
            root = e;
        } else if (depth == 1) {
            children.push_back(e);
            inner_of.emplace_back();
            if (local_of(e.qname) == split_local) inner_of.back().swap(pending);
            pending.clear();
        } else if (depth == 2) {
            pending.push_back(e);
        }
    });
    if (!followed || !root) return std::nullopt;

    XmlPieces pieces;
    std::string shell;  // the text without the split children's content
    std::size_t copied = 0;
    for (std::size_t c = 0; c < children.size(); ++c) {
        const ElementExtent& child = children[c];
        if (local_of(child.qname) != split_local || child.content == child.content_end) continue;
        Split s;
        s.extent = child;
        s.children = std::move(inner_of[c]);
        std::size_t bytes = 0;
        if (s.children.empty()) s.piece_starts.push_back(0);  // text or comments only: still parsed, once
        for (std::size_t k = 0; k < s.children.size(); ++k) {
            if (k == 0 || bytes >= piece_bytes) {
                s.piece_starts.push_back(k);
                bytes = 0;
            }
            bytes += s.children[k].end - s.children[k].start;
        }
        shell.append(xml, copied, child.content - copied);
        copied = child.content_end;
        pieces.splits_.push_back(std::move(s));
    }
    if (pieces.splits_.empty()) return std::nullopt;
    shell.append(xml, copied, npos);

    pieces.shell_ = parse_utf8_in_place(std::move(shell), where, options);
    // Match each split child with its element in the shell: the root's
    // element children, in the same order as the scanner found them.
    std::size_t next = 0, index = 0;
    for (pugi::xml_node c : pieces.root().children()) {
        if (c.type() != pugi::node_element) continue;
        if (index >= children.size()) return std::nullopt;
        if (next < pieces.splits_.size() && children[index].start == pieces.splits_[next].extent.start)
            pieces.splits_[next++].in_shell = c;
        ++index;
    }
    if (index != children.size() || next != pieces.splits_.size()) return std::nullopt;

    pieces.text_ = std::move(utf8);
    pieces.where_ = where;
    pieces.options_ = options;
    pieces.root_ = *root;
    return pieces;
}

std::unique_ptr<XmlTree> XmlPieces::parse_piece(const Split& split, std::size_t index) const {
    std::string_view xml = text_;
    std::size_t first = split.piece_starts[index];
    std::size_t last = index + 1 < split.piece_starts.size() ? split.piece_starts[index + 1] : split.children.size();
    // From the split child's content start for the first piece, and through
    // its content end for the last, so that comments and text between the
    // elements are parsed (and checked) too.
    std::size_t from = index == 0 ? split.extent.content : split.children[first].start;
    std::size_t to = last == split.children.size() ? split.extent.content_end : split.children[last].start;
    std::string piece;
    piece.reserve((root_.content - root_.start) + (split.extent.content - split.extent.start) + (to - from) +
                  split.extent.qname.size() + root_.qname.size() + 6);
    piece.append(xml, root_.start, root_.content - root_.start);
    piece.append(xml, split.extent.start, split.extent.content - split.extent.start);
    piece.append(xml, from, to - from);
    piece.append("</").append(split.extent.qname).append(">");
    piece.append("</").append(root_.qname).append(">");
    return parse_utf8_in_place(std::move(piece), where_, options_);
}

}  // namespace onus::ingest
