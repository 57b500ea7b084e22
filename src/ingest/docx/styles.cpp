#include "ingest/docx/styles.hpp"

#include <algorithm>
#include <cctype>

#include "ingest/docx/wordml.hpp"

namespace onus::docx {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<int> int_attr(const pugi::xml_node& node, const ingest::Namespaces& ns) {
    if (!node) return std::nullopt;
    const char* v = w_attr(node, "val", ns);
    if (!v || !*v) return std::nullopt;
    try {
        return std::stoi(v);
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace

void Styles::load(const pugi::xml_node& root, const ingest::Namespaces& ns) {
    for (pugi::xml_node s : root.children()) {
        if (!Element(s, ns).is_w("style")) continue;
        const char* type = w_attr(s, "type", ns);
        if (type && std::string_view(type) != "paragraph") continue;
        ParagraphStyle style;
        if (const char* id = w_attr(s, "styleId", ns)) style.id = id;
        if (pugi::xml_node name = w_child(s, "name", ns)) style.name = w_attr(name, "val", ns) ? w_attr(name, "val", ns) : "";
        if (pugi::xml_node based = w_child(s, "basedOn", ns))
            style.based_on = w_attr(based, "val", ns) ? w_attr(based, "val", ns) : "";
        if (pugi::xml_node ppr = w_child(s, "pPr", ns)) {
            if (pugi::xml_node numpr = w_child(ppr, "numPr", ns)) {
                if (pugi::xml_node num = w_child(numpr, "numId", ns))
                    if (const char* v = w_attr(num, "val", ns)) style.num_id = v;
                style.ilvl = int_attr(w_child(numpr, "ilvl", ns), ns);
            }
            style.outline_level = int_attr(w_child(ppr, "outlineLvl", ns), ns);
        }
        const char* is_default = w_attr(s, "default", ns);
        if (is_default && (std::string_view(is_default) == "1" || std::string_view(is_default) == "true"))
            default_id_ = style.id;
        styles_[style.id] = std::move(style);
    }
}

ParagraphStyle Styles::resolve(const std::string& style_id) const {
    auto it = styles_.find(style_id.empty() ? default_id_ : style_id);
    if (it == styles_.end()) return ParagraphStyle{style_id, {}, {}, {}, {}, {}};
    ParagraphStyle result = it->second;
    // Walk basedOn for what the style itself does not set; the cap guards
    // against cycles, which Word tolerates in broken files.
    std::string next = result.based_on;
    for (int hops = 0; hops < 32 && !next.empty(); ++hops) {
        auto base = styles_.find(next);
        if (base == styles_.end()) break;
        if (!result.num_id && base->second.num_id) {
            result.num_id = base->second.num_id;
            if (!result.ilvl) result.ilvl = base->second.ilvl;
        }
        if (!result.outline_level) result.outline_level = base->second.outline_level;
        next = base->second.based_on;
    }
    return result;
}

int Styles::heading_level(const std::string& style_id) const {
    if (style_id.empty()) return 0;
    ParagraphStyle style = resolve(style_id);
    if (style.outline_level && *style.outline_level >= 0 && *style.outline_level < 9)
        return *style.outline_level + 1;
    // Built-in heading styles are named "heading 1".."heading 9" whatever
    // the id (localised documents use ids like "berschrift1").
    std::string name = lower(style.name.empty() ? style.id : style.name);
    if (name.rfind("heading", 0) == 0) {
        std::string rest = name.substr(7);
        rest.erase(std::remove(rest.begin(), rest.end(), ' '), rest.end());
        if (rest.size() == 1 && rest[0] >= '1' && rest[0] <= '9') return rest[0] - '0';
    }
    return 0;
}

bool Styles::is_title(const std::string& style_id) const {
    if (style_id.empty()) return false;
    ParagraphStyle style = resolve(style_id);
    return lower(style.name.empty() ? style.id : style.name) == "title";
}

}  // namespace onus::docx
