#include "ingest/opc.hpp"

#include <algorithm>

#include "onus/error.hpp"
#include "package/zip_package.hpp"

namespace onus::ingest {

struct OpcPackage::Parsed {
    std::unique_ptr<XmlTree> tree;  // null for Flat OPC parts (owned by flat_)
    pugi::xml_node root;
    std::unique_ptr<Namespaces> ns;
};

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return out;
}

std::string strip_slash(std::string_view s) {
    while (!s.empty() && s.front() == '/') s.remove_prefix(1);
    return std::string(s);
}

constexpr std::string_view kPackageNs = "http://schemas.microsoft.com/office/2006/xmlPackage";

}  // namespace

std::string rels_part_for(const std::string& source) {
    if (source.empty()) return "_rels/.rels";
    auto slash = source.rfind('/');
    std::string dir = slash == std::string::npos ? "" : source.substr(0, slash + 1);
    std::string file = slash == std::string::npos ? source : source.substr(slash + 1);
    return dir + "_rels/" + file + ".rels";
}

OpcPackage::OpcPackage(OpcPackage&&) noexcept = default;
OpcPackage::~OpcPackage() = default;

OpcPackage OpcPackage::from_zip(std::string_view bytes, const std::string& name, const LoadOptions& options) {
    OpcPackage pkg;
    pkg.name_ = name;
    pkg.options_ = options;
    pkg.zip_ = std::make_unique<package::ZipPackage>(bytes, name, options.limits);
    return pkg;
}

OpcPackage OpcPackage::from_flat(std::string_view bytes, const std::string& name, const LoadOptions& options) {
    OpcPackage pkg;
    pkg.name_ = name;
    pkg.options_ = options;
    XmlOptions xml;
    xml.max_depth = options.limits.max_xml_depth + 4;  // pkg:package/pkg:part/pkg:xmlData wrap each part
    pkg.flat_ = parse_xml(bytes, name, xml);
    pugi::xml_node root = pkg.flat_->document_element();
    Namespaces ns(root);
    if (local_name(root.name()) != "package" || ns.uri_of(root) != kPackageNs)
        throw Error(ErrorCode::malformed, name, "not a Flat OPC package");
    for (pugi::xml_node part : root.children()) {
        if (local_name(part.name()) != "part") continue;
        std::string part_name;
        for (pugi::xml_attribute a : part.attributes())
            if (local_name(a.name()) == "name") part_name = strip_slash(a.value());
        pugi::xml_node content;
        for (pugi::xml_node child : part.children())
            if (local_name(child.name()) == "xmlData") content = child.find_child([](pugi::xml_node n) {
                    return n.type() == pugi::node_element;
                });
        if (part_name.empty() || !content) continue;  // binary parts (images) carry no text
        auto key = lower_ascii(part_name);
        if (pkg.flat_parts_.count(key))
            throw Error(ErrorCode::malformed, name, "duplicate part name " + part_name);
        pkg.flat_parts_[key] = content;
    }
    return pkg;
}

Part OpcPackage::part(const std::string& raw_name) {
    std::string name = strip_slash(raw_name);
    std::string key = lower_ascii(name);
    if (auto it = parsed_.find(key); it != parsed_.end())
        return Part{name, it->second->root, it->second->ns.get(), it->second};
    auto parsed = std::make_shared<Parsed>();
    if (zip_) {
        std::string stored = zip_->find(name);
        if (stored.empty()) return {};
        XmlOptions xml;
        xml.max_depth = options_.limits.max_xml_depth;
        parsed->tree = parse_xml_in_place(zip_->read(stored), name_ + ": " + stored, xml);
        parsed->root = parsed->tree->doc.document_element();
    } else {
        auto it = flat_parts_.find(key);
        if (it == flat_parts_.end()) return {};
        parsed->root = it->second;
    }
    parsed->ns = std::make_unique<Namespaces>(parsed->root);
    Part result{name, parsed->root, parsed->ns.get(), parsed};
    parsed_[key] = std::move(parsed);
    return result;
}

std::optional<RawPart> OpcPackage::raw_part(const std::string& raw_name) {
    if (!zip_) return std::nullopt;
    std::string stored = zip_->find(strip_slash(raw_name));
    if (stored.empty()) return std::nullopt;
    RawPart raw;
    raw.bytes = zip_->read(stored);
    raw.where = name_ + ": " + stored;
    raw.xml.max_depth = options_.limits.max_xml_depth;
    return raw;
}

void OpcPackage::release(const std::string& raw_name) { parsed_.erase(lower_ascii(strip_slash(raw_name))); }

std::vector<Relationship> OpcPackage::relationships(const std::string& source) {
    std::vector<Relationship> rels;
    Part part = this->part(rels_part_for(source));
    if (!part) return rels;
    for (pugi::xml_node r : part.root.children()) {
        if (local_name(r.name()) != "Relationship") continue;
        Relationship rel;
        rel.id = r.attribute("Id").value();
        rel.type = r.attribute("Type").value();
        rel.external = std::string_view(r.attribute("TargetMode").value()) == "External";
        if (!rel.external) rel.target = package::resolve_part_name(source, r.attribute("Target").value());
        rels.push_back(std::move(rel));
    }
    return rels;
}

std::optional<std::string> OpcPackage::related(const std::string& source, std::string_view suffix) {
    for (const Relationship& rel : relationships(source)) {
        std::string_view type = rel.type;
        if (rel.external || rel.target.empty() || type.size() <= suffix.size()) continue;
        if (type.substr(type.size() - suffix.size()) == suffix && type[type.size() - suffix.size() - 1] == '/')
            return rel.target;
    }
    return std::nullopt;
}

}  // namespace onus::ingest
