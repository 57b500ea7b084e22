#include "ingest/xml.hpp"

#include <string>

#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus::ingest {
namespace {

void check_depth(const pugi::xml_document& doc, const std::string& where, std::size_t max_depth) {
    // Iterative: the point of the check is that recursion over a hostile
    // tree overflows the stack.
    std::size_t depth = 0;
    pugi::xml_node node = doc.first_child();
    while (node) {
        if (node.first_child()) {
            node = node.first_child();
            if (++depth > max_depth)
                throw Error(ErrorCode::limit, where,
                            "XML nested deeper than " + std::to_string(max_depth) + " levels");
            continue;
        }
        while (node && !node.next_sibling()) {
            node = node.parent();
            if (depth == 0) return;
            --depth;
        }
        if (node) node = node.next_sibling();
    }
}

// The checks before parsing: `bytes` must be UTF-8 or UTF-16 with a BOM or
// a leading '<' (then converted into `converted`, which the result points
// into). Returns the text to parse, without a UTF-8 BOM.
std::string_view checked_utf8(std::string_view bytes, std::string& converted, const std::string& where) {
    if (bytes.empty()) throw Error(ErrorCode::malformed, where, "empty XML part");
    auto b0 = static_cast<unsigned char>(bytes[0]);
    auto b1 = bytes.size() > 1 ? static_cast<unsigned char>(bytes[1]) : 0;
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
        if (!utf16_to_utf8(bytes.substr(2), b0 == 0xFE, converted))
            throw Error(ErrorCode::malformed, where, "invalid UTF-16");
        bytes = converted;
    } else if (bytes.size() >= 2 && ((b0 == 0 && b1 == '<') || (b0 == '<' && b1 == 0))) {
        if (!utf16_to_utf8(bytes, b0 == 0, converted))
            throw Error(ErrorCode::malformed, where, "invalid UTF-16");
        bytes = converted;
    } else if (!is_valid_utf8(bytes)) {
        throw Error(ErrorCode::malformed, where, "invalid UTF-8");
    }
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return bytes;
}

unsigned parse_flags(const XmlOptions& options) {
    return pugi::parse_default | pugi::parse_doctype |
           (options.keep_whitespace ? pugi::parse_ws_pcdata : pugi::parse_ws_pcdata_single);
}

// The checks after parsing: no partial tree, no forbidden DOCTYPE, one root
// element, bounded depth.
void check_parsed(const pugi::xml_document& doc, const pugi::xml_parse_result& result, const std::string& where,
                  const XmlOptions& options) {
    if (!result)
        throw Error(ErrorCode::malformed, where,
                    std::string("malformed XML: ") + result.description() + " at byte " +
                        std::to_string(result.offset));
    std::size_t elements = 0;
    for (pugi::xml_node child : doc.children()) {
        if (child.type() == pugi::node_doctype && options.forbid_doctype)
            throw Error(ErrorCode::malformed, where, "DOCTYPE declarations are not allowed in a package part");
        if (child.type() == pugi::node_element) ++elements;
    }
    if (elements != 1)
        throw Error(ErrorCode::malformed, where,
                    elements == 0 ? "XML has no root element" : "XML has several root elements");
    check_depth(doc, where, options.max_depth);
}

}  // namespace

std::unique_ptr<pugi::xml_document> parse_xml(std::string_view bytes, const std::string& where,
                                              const XmlOptions& options) {
    std::string converted;
    bytes = checked_utf8(bytes, converted, where);
    auto doc = std::make_unique<pugi::xml_document>();
    pugi::xml_parse_result result = doc->load_buffer(bytes.data(), bytes.size(), parse_flags(options), pugi::encoding_utf8);
    check_parsed(*doc, result, where, options);
    return doc;
}

std::string checked_utf8_text(std::string bytes, const std::string& where) {
    std::string converted;
    std::string_view utf8 = checked_utf8(bytes, converted, where);
    bool in_bytes = utf8.data() >= bytes.data() && utf8.data() <= bytes.data() + bytes.size();
    std::string& holder = in_bytes ? bytes : converted;
    holder.erase(0, static_cast<std::size_t>(utf8.data() - holder.data()));  // the BOM, if any
    return std::move(holder);
}

std::unique_ptr<XmlTree> parse_utf8_in_place(std::string utf8, const std::string& where, const XmlOptions& options) {
    auto tree = std::make_unique<XmlTree>();
    tree->text = std::move(utf8);
    pugi::xml_parse_result result =
        tree->doc.load_buffer_inplace(tree->text.data(), tree->text.size(), parse_flags(options), pugi::encoding_utf8);
    check_parsed(tree->doc, result, where, options);
    return tree;
}

std::unique_ptr<XmlTree> parse_xml_in_place(std::string bytes, const std::string& where, const XmlOptions& options) {
    return parse_utf8_in_place(checked_utf8_text(std::move(bytes), where), where, options);
}

Namespaces::Namespaces(const pugi::xml_node& root) {
    for (pugi::xml_attribute a : root.attributes()) {
        std::string_view name = a.name();
        if (name == "xmlns")
            root_.emplace_back("", a.value());
        else if (name.substr(0, 6) == "xmlns:")
            root_.emplace_back(std::string(name.substr(6)), a.value());
    }
    // One pass to learn whether any other element declares a namespace; if
    // none does, every lookup can use the root's declarations.
    for (pugi::xml_node n = root.first_child(); n && !scoped_;) {
        if (n.type() == pugi::node_element) {
            for (pugi::xml_attribute a : n.attributes()) {
                std::string_view name = a.name();
                if (name == "xmlns" || name.substr(0, 6) == "xmlns:") {
                    scoped_ = true;
                    break;
                }
            }
        }
        if (n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != root && !n.next_sibling()) n = n.parent();
        if (!n || n == root) break;
        n = n.next_sibling();
    }
}

std::string_view Namespaces::uri(const pugi::xml_node& node, std::string_view prefix) const {
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    if (scoped_) {
        std::string attr = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
        for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
            if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
        }
        return {};
    }
    for (const auto& [p, u] : root_)
        if (p == prefix) return u;
    return {};
}

}  // namespace onus::ingest
