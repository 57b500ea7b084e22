// WordprocessingML names: which namespace an element is in, matched by URI
// (transitional and strict both), so the reader never compares prefixes.
#pragma once

#include <string_view>

#include <pugixml.hpp>

#include "ingest/xml.hpp"

namespace onus::docx {

enum class Ns { other, w, mc, wps, v, wp, a, r, w14 };

inline Ns classify_ns(std::string_view uri) {
    if (uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
        uri == "http://purl.oclc.org/ooxml/wordprocessingml/main")
        return Ns::w;
    if (uri == "http://schemas.openxmlformats.org/markup-compatibility/2006") return Ns::mc;
    if (uri == "http://schemas.microsoft.com/office/word/2010/wordprocessingShape") return Ns::wps;
    if (uri == "urn:schemas-microsoft-com:vml") return Ns::v;
    if (uri == "http://schemas.openxmlformats.org/officeDocument/2006/relationships" ||
        uri == "http://purl.oclc.org/ooxml/officeDocument/relationships")
        return Ns::r;
    if (uri == "http://schemas.microsoft.com/office/word/2010/wordml") return Ns::w14;
    return Ns::other;
}

// An element seen through its namespace: `is(Ns::w, "p")`.
struct Element {
    pugi::xml_node node;
    Ns ns = Ns::other;
    std::string_view local;

    Element(pugi::xml_node n, const ingest::Namespaces& scope)
        : node(n), ns(classify_ns(scope.uri_of(n))), local(ingest::local_name(n.name())) {}
    bool is(Ns want, std::string_view name) const { return ns == want && local == name; }
    bool is_w(std::string_view name) const { return ns == Ns::w && local == name; }
};

// The first child in the w namespace with this local name.
inline pugi::xml_node w_child(const pugi::xml_node& parent, std::string_view name,
                              const ingest::Namespaces& scope) {
    for (pugi::xml_node c : parent.children())
        if (c.type() == pugi::node_element && ingest::local_name(c.name()) == name &&
            classify_ns(scope.uri_of(c)) == Ns::w)
            return c;
    return {};
}

// An attribute in the w namespace ("w:val"), whatever its prefix; strict
// documents and some producers also write it unqualified.
inline const char* w_attr(const pugi::xml_node& node, std::string_view name, const ingest::Namespaces& scope) {
    for (pugi::xml_attribute a : node.attributes()) {
        std::string_view qname = a.name();
        if (ingest::local_name(a.name()) != name) continue;
        std::string_view prefix = ingest::prefix_of(a.name());
        if (prefix.empty() || classify_ns(scope.uri(node, prefix)) == Ns::w) return a.value();
        (void)qname;
    }
    return nullptr;
}

// A w:onOff property (w:b, w:vanish, w:isLgl): present and not "false"/"0"/"off".
inline bool w_on(const pugi::xml_node& prop, const ingest::Namespaces& scope) {
    if (!prop) return false;
    const char* v = w_attr(prop, "val", scope);
    if (!v) return true;
    std::string_view s = v;
    return !(s == "0" || s == "false" || s == "off");
}

}  // namespace onus::docx
