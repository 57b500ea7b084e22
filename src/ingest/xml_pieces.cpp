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

// At '<' of a comment, CDATA section or processing instruction: past it.
// npos when `at` starts none of them, or it is unterminated.
std::size_t skip_non_element(std::string_view xml, std::size_t at) {
    if (starts_at(xml, at, "<!--")) return skip_past(xml, at, "<!--", "-->");
    if (starts_at(xml, at, "<![CDATA[")) return skip_past(xml, at, "<![CDATA[", "]]>");
    if (starts_at(xml, at, "<?")) return skip_past(xml, at, "<?", "?>");
    return npos;
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

// The element whose start tag is at `at`, through its end tag (found by
// depth: the parser checks that the names match).
std::optional<ElementExtent> element_at(std::string_view xml, std::size_t at) {
    ElementExtent e;
    bool ok = false;
    if (start_tag(xml, at, e, ok)) return e;
    if (!ok) return std::nullopt;
    std::size_t depth = 1;
    std::size_t i = e.content;
    while (true) {
        i = xml.find('<', i);
        if (i == npos) return std::nullopt;
        if (starts_at(xml, i, "</")) {
            std::size_t close = xml.find('>', i);
            if (close == npos) return std::nullopt;
            if (--depth == 0) {
                e.content_end = i;
                e.end = close + 1;
                return e;
            }
            i = close + 1;
        } else if (std::size_t past = skip_non_element(xml, i); past != npos) {
            i = past;
        } else if (starts_at(xml, i, "<!")) {
            return std::nullopt;  // a DOCTYPE or unterminated markup: not ours to judge
        } else {
            ElementExtent inner;
            bool inner_ok = false;
            bool empty = start_tag(xml, i, inner, inner_ok);
            if (!inner_ok) return std::nullopt;
            if (!empty) ++depth;
            i = inner.content;
        }
    }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view local_of(std::string_view qname) {
    auto colon = qname.find(':');
    return colon == npos ? qname : qname.substr(colon + 1);
}

}  // namespace

std::optional<ElementExtent> root_extent(std::string_view xml) {
    std::size_t i = 0;
    while (i < xml.size()) {
        if (is_space(xml[i])) {
            ++i;
        } else if (xml[i] != '<') {
            return std::nullopt;
        } else if (std::size_t past = skip_non_element(xml, i); past != npos) {
            i = past;
        } else if (starts_at(xml, i, "<!")) {
            return std::nullopt;
        } else {
            return element_at(xml, i);
        }
    }
    return std::nullopt;
}

std::optional<std::vector<ElementExtent>> child_extents(std::string_view xml, std::size_t from, std::size_t to) {
    std::vector<ElementExtent> out;
    std::size_t i = from;
    while (true) {
        i = xml.find('<', i);
        if (i == npos || i >= to) return out;
        if (std::size_t past = skip_non_element(xml, i); past != npos) {
            i = past;
        } else if (starts_at(xml, i, "<!") || starts_at(xml, i, "</")) {
            return std::nullopt;
        } else {
            auto e = element_at(xml, i);
            if (!e || e->end > to) return std::nullopt;
            out.push_back(*e);
            i = e->end;
        }
    }
}

std::optional<XmlPieces> XmlPieces::split(std::string& utf8, const std::string& where, const XmlOptions& options,
                                          std::string_view split_local, std::size_t piece_bytes) {
    std::string_view xml = utf8;
    auto root = root_extent(xml);
    if (!root) return std::nullopt;
    auto children = child_extents(xml, root->content, root->content_end);
    if (!children) return std::nullopt;

    XmlPieces pieces;
    std::string shell;  // the text without the split children's content
    std::size_t copied = 0;
    std::vector<ElementExtent> split_children;
    for (const ElementExtent& child : *children) {
        if (local_of(child.qname) != split_local || child.content == child.content_end) continue;
        auto inner = child_extents(xml, child.content, child.content_end);
        if (!inner) return std::nullopt;
        Split s;
        s.extent = child;
        s.children = std::move(*inner);
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
        if (index >= children->size()) return std::nullopt;
        if (next < pieces.splits_.size() && (*children)[index].start == pieces.splits_[next].extent.start)
            pieces.splits_[next++].in_shell = c;
        ++index;
    }
    if (index != children->size() || next != pieces.splits_.size()) return std::nullopt;

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
