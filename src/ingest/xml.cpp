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

}  // namespace

std::unique_ptr<pugi::xml_document> parse_xml(std::string_view bytes, const std::string& where,
                                              const XmlOptions& options) {
    if (bytes.empty()) throw Error(ErrorCode::malformed, where, "empty XML part");
    std::string converted;
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

    auto doc = std::make_unique<pugi::xml_document>();
    unsigned flags = pugi::parse_default | pugi::parse_doctype |
                     (options.keep_whitespace ? pugi::parse_ws_pcdata : pugi::parse_ws_pcdata_single);
    pugi::xml_parse_result result = doc->load_buffer(bytes.data(), bytes.size(), flags, pugi::encoding_utf8);
    if (!result)
        throw Error(ErrorCode::malformed, where,
                    std::string("malformed XML: ") + result.description() + " at byte " +
                        std::to_string(result.offset));
    std::size_t elements = 0;
    for (pugi::xml_node child : doc->children()) {
        if (child.type() == pugi::node_doctype && options.forbid_doctype)
            throw Error(ErrorCode::malformed, where, "DOCTYPE declarations are not allowed in a package part");
        if (child.type() == pugi::node_element) ++elements;
    }
    if (elements != 1)
        throw Error(ErrorCode::malformed, where,
                    elements == 0 ? "XML has no root element" : "XML has several root elements");
    check_depth(*doc, where, options.max_depth);
    return doc;
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
