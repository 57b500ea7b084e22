// A large XML part parsed one piece at a time, so that its whole tree is
// never held at once.
//
// pugixml builds a tree of about 2.5 times the XML's size, and a 1,000-page
// agreement's word/document.xml is 6 MB: holding that tree while the model
// is built was the largest part of a read's peak memory. Here the part is
// parsed as a shell (the whole text without the content of the elements to
// split, e.g. w:body), then that content in pieces of whole elements, each
// wrapped in copies of the root's and the split element's start tags, so
// that every node has the same ancestors, namespace declarations and depth
// as in the whole part. Each piece goes through parse_xml_in_place()'s
// checks; the shell carries the prolog and everything outside the split
// content, so together they are checked as the whole part would be.
//
// The elements are located by a small scanner over the text (tags, quoted
// attribute values, comments, CDATA, processing instructions), not by a
// parser: it declines (split() returns nullopt) anything it does not
// follow, and a piece that fails to parse means the part is malformed.
// Either way the caller parses the whole part instead, which gives the
// error (or the result) a whole parse gives.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/xml.hpp"

namespace onus::ingest {

// Where an element stands in XML text: its start tag is [start, content),
// its content [content, content_end), its end tag [content_end, end); an
// empty-element tag (<x/>) has content == content_end == end.
struct ElementExtent {
    std::size_t start = 0;
    std::size_t content = 0;
    std::size_t content_end = 0;
    std::size_t end = 0;
    std::string_view qname;
};

// The document's root element, after the prolog (declaration, comments,
// processing instructions; a DOCTYPE is declined). nullopt when the
// scanner does not follow the text.
std::optional<ElementExtent> root_extent(std::string_view xml);

// The elements directly inside [from, to) of `xml`, in order, skipping
// text, comments, CDATA and processing instructions between them. nullopt
// when the scanner does not follow the text.
std::optional<std::vector<ElementExtent>> child_extents(std::string_view xml, std::size_t from, std::size_t to);

class XmlPieces {
public:
    // The root's children whose local name is `split_local` are split;
    // pieces hold about `piece_bytes` of their content each (at least one
    // element). Takes over `utf8` (checked UTF-8 without a BOM, see
    // parse_xml_in_place()). nullopt when the scanner declines the text or
    // no child is split; the text is then handed back in `utf8`. Throws
    // Error when the shell does not parse (the part is malformed).
    static std::optional<XmlPieces> split(std::string& utf8, const std::string& where, const XmlOptions& options,
                                          std::string_view split_local, std::size_t piece_bytes);

    // The part's root element; split children are there without content.
    pugi::xml_node root() const { return shell_->doc.document_element(); }

    struct Split {
        pugi::xml_node in_shell;                // the split child in the shell tree
        ElementExtent extent;                   // where it stands in the text
        std::vector<ElementExtent> children;    // its child elements
        std::vector<std::size_t> piece_starts;  // index in `children` where each piece starts
    };
    const std::vector<Split>& splits() const { return splits_; }

    // Piece `index` of `split`: a tree whose root element copies the part's
    // root, holding one element that copies the split child, holding that
    // piece's elements. Throws Error when the piece does not parse.
    std::unique_ptr<XmlTree> parse_piece(const Split& split, std::size_t index) const;

    // The text, for a caller that falls back to parsing the whole part.
    std::string release_text() { return std::move(text_); }
    std::string_view text() const { return text_; }
    const std::string& where() const { return where_; }
    const XmlOptions& options() const { return options_; }

private:
    XmlPieces() = default;
    std::string text_;
    std::string where_;
    XmlOptions options_;
    ElementExtent root_;
    std::unique_ptr<XmlTree> shell_;
    std::vector<Split> splits_;
};

}  // namespace onus::ingest
