// XML parts read safely: the one place onus calls pugixml's parser.
//
// pugixml is fast but not a well-formedness checker (../shared/docs/
// hostile-input.md): it hands back partial trees on errors, never expands
// entities, and keeps going on malformed encodings. parse_xml() puts the
// missing checks in front of it: strict UTF-8 (or UTF-16 converted
// strictly), no partial trees, no DOCTYPE where the packaging standard
// forbids one, and a cap on nesting depth so that recursive code downstream
// never sees a 100,000-deep tree.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "onus/ingest.hpp"

namespace onus::ingest {

// An attribute's integer value ("1", "-2"; leading digits of "3pt"), or
// nullopt when the attribute is absent or holds no number.
inline std::optional<int> to_int(const char* v) {
    if (!v) return std::nullopt;
    try {
        return std::stoi(v);
    } catch (...) {
        return std::nullopt;
    }
}

struct XmlOptions {
    bool forbid_doctype = true;  // OPC and ODF parts must not carry a DTD
    std::size_t max_depth = 256;
    // Keep whitespace-only text between elements. ODF and text-heavy XML put
    // meaningful spaces there (<span>a</span> <span>b</span>); WordprocessingML
    // never does, and keeping them would cost memory on every part.
    bool keep_whitespace = false;
};

// Parse `bytes` (the content of `where`). Throws Error: malformed (not
// well-formed, bad encoding, DOCTYPE where forbidden), limit (too deep).
// Whitespace-only text is kept where it is an element's only child (w:t
// holding a single space matters).
std::unique_ptr<pugi::xml_document> parse_xml(std::string_view bytes, const std::string& where,
                                              const XmlOptions& options);

// A parsed XML text together with the bytes it was parsed from. pugixml
// parses them in place (its strings point into `text`), so a large part is
// held once, not as the inflated bytes plus pugixml's own copy. Not movable:
// keep it behind the unique_ptr parse_xml_in_place() returns.
struct XmlTree {
    std::string text;
    pugi::xml_document doc;
};

// parse_xml() without the copy: takes over `bytes` (move them in) and parses
// them in place. Same checks, same errors.
std::unique_ptr<XmlTree> parse_xml_in_place(std::string bytes, const std::string& where, const XmlOptions& options);

// parse_xml_in_place() in two steps, for a caller that looks at the text
// before parsing it (XmlPieces). checked_utf8_text(): the bytes as UTF-8
// (UTF-16 converted), without a BOM; throws Error as parse_xml() does on a
// bad encoding. parse_utf8_in_place(): parses such text, with the checks
// parse_xml() makes after parsing.
std::string checked_utf8_text(std::string bytes, const std::string& where);
std::unique_ptr<XmlTree> parse_utf8_in_place(std::string utf8, const std::string& where, const XmlOptions& options);

// The local part of a qualified name: "w:p" -> "p".
inline std::string_view local_name(const char* qname) {
    std::string_view name(qname);
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The prefix of a qualified name: "w:p" -> "w", "p" -> "".
inline std::string_view prefix_of(const char* qname) {
    std::string_view name(qname);
    auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

// Resolves element and attribute prefixes to namespace URIs, so that OOXML
// is matched by namespace and not by the prefix a producer happened to use.
// When every xmlns declaration sits on the root element (nearly always), a
// lookup is a map hit; otherwise it walks up the ancestors.
class Namespaces {
public:
    explicit Namespaces(const pugi::xml_node& root);
    // The URI bound to `prefix` in scope at `node` ("" when unbound).
    std::string_view uri(const pugi::xml_node& node, std::string_view prefix) const;
    std::string_view uri_of(const pugi::xml_node& element) const {
        return uri(element, prefix_of(element.name()));
    }

private:
    std::vector<std::pair<std::string, std::string>> root_;
    bool scoped_ = false;  // some element below the root declares namespaces
};

}  // namespace onus::ingest
