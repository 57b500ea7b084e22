// OpenDocument names: which namespace an element or attribute is in,
// matched by URI (the prefixes "text:", "table:" are conventions, not
// rules), so the reader never compares prefixes.
#pragma once

#include <string_view>

#include <pugixml.hpp>

#include "ingest/xml.hpp"

namespace onus::odt {

enum class Ns { other, office, text, table, style, draw, dc, meta, fo, xml, loext, manifest };

inline Ns classify_ns(std::string_view uri) {
    constexpr std::string_view odf = "urn:oasis:names:tc:opendocument:xmlns:";
    if (uri.substr(0, odf.size()) == odf) {
        std::string_view rest = uri.substr(odf.size());
        if (rest == "office:1.0") return Ns::office;
        if (rest == "text:1.0") return Ns::text;
        if (rest == "table:1.0") return Ns::table;
        if (rest == "style:1.0") return Ns::style;
        if (rest == "drawing:1.0") return Ns::draw;
        if (rest == "meta:1.0") return Ns::meta;
        if (rest == "xsl-fo-compatible:1.0") return Ns::fo;
        if (rest == "manifest:1.0") return Ns::manifest;
        return Ns::other;
    }
    if (uri == "http://purl.org/dc/elements/1.1/") return Ns::dc;
    if (uri == "http://www.w3.org/XML/1998/namespace") return Ns::xml;
    if (uri == "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0") return Ns::loext;
    return Ns::other;
}

// An element seen through its namespace: `e.is(Ns::text, "p")`.
struct Element {
    pugi::xml_node node;
    Ns ns = Ns::other;
    std::string_view local;

    Element(pugi::xml_node n, const ingest::Namespaces& scope)
        : node(n),
          ns(n.type() == pugi::node_element ? classify_ns(scope.uri_of(n)) : Ns::other),
          local(ingest::local_name(n.name())) {}
    bool is(Ns want, std::string_view name) const { return ns == want && local == name; }
};

// An attribute by namespace and local name ("text:style-name"); nullptr
// when absent. The "xml" prefix is bound by definition.
inline const char* attr(const pugi::xml_node& node, Ns ns, std::string_view name, const ingest::Namespaces& scope) {
    for (pugi::xml_attribute a : node.attributes()) {
        if (ingest::local_name(a.name()) != name) continue;
        std::string_view prefix = ingest::prefix_of(a.name());
        if (prefix.empty()) continue;
        if (prefix == "xml" ? ns == Ns::xml : classify_ns(scope.uri(node, prefix)) == ns) return a.value();
    }
    return nullptr;
}

inline std::string_view attr_or(const pugi::xml_node& node, Ns ns, std::string_view name,
                                const ingest::Namespaces& scope, std::string_view fallback = {}) {
    const char* v = attr(node, ns, name, scope);
    return v ? std::string_view(v) : fallback;
}

// The first child element with this namespace and local name.
inline pugi::xml_node child(const pugi::xml_node& parent, Ns ns, std::string_view name,
                            const ingest::Namespaces& scope) {
    for (pugi::xml_node c : parent.children())
        if (c.type() == pugi::node_element && Element(c, scope).is(ns, name)) return c;
    return {};
}

}  // namespace onus::odt
