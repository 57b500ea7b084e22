// ODF styles, reduced to what decides a paragraph's number, heading level
// and name: paragraph styles (their parent chain, list style and default
// outline level), list styles and the outline style.
//
// Automatic styles (content.xml's office:automatic-styles, named "P1",
// "L1"...) shadow common styles (styles.xml's office:styles) for the body,
// and styles.xml has automatic styles of its own for the master pages with
// the same names: each scope gets its own Styles, filled most specific
// container first (the first definition of a name wins).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "ingest/xml.hpp"
#include "ingest/odt/list_style.hpp"
#include "ingest/odt/odf.hpp"

namespace onus::odt {

struct ParaStyle {
    std::string name;
    std::string display;      // style:display-name, may be empty
    std::string parent;       // style:parent-style-name
    std::string list_style;   // style:list-style-name
    int outline_level = 0;    // style:default-outline-level, 0 when absent
    bool automatic = false;
};

// ODF style names escape spaces and other characters as _xx_ (hex):
// "Heading_20_1" is "Heading 1".
inline std::string decode_style_name(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '_' && i + 3 < name.size() && name[i + 3] == '_' && std::isxdigit(static_cast<unsigned char>(name[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(name[i + 2]))) {
            out += static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16));
            i += 3;
        } else {
            out += name[i];
        }
    }
    return out;
}

class Styles {
public:
    // Read the styles in one container (office:styles or
    // office:automatic-styles).
    void add(const pugi::xml_node& container, const ingest::Namespaces& ns, bool automatic) {
        for (pugi::xml_node c : container.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns);
            if (e.is(Ns::style, "style")) {
                if (attr_or(c, Ns::style, "family", ns) != "paragraph") continue;
                ParaStyle s;
                s.name = attr_or(c, Ns::style, "name", ns);
                s.display = attr_or(c, Ns::style, "display-name", ns);
                s.parent = attr_or(c, Ns::style, "parent-style-name", ns);
                s.list_style = attr_or(c, Ns::style, "list-style-name", ns);
                s.outline_level = ingest::to_int(attr(c, Ns::style, "default-outline-level", ns)).value_or(0);
                s.automatic = automatic;
                paras_.emplace(s.name, s);
            } else if (e.is(Ns::text, "list-style")) {
                ListStyle ls = read_levels(c, ns);
                lists_.emplace(ls.name, std::move(ls));
            } else if (e.is(Ns::text, "outline-style") && !outline_) {
                outline_ = read_levels(c, ns);
            }
        }
    }

    // A list style by name. The outline style is one too: LibreOffice puts
    // numbered headings (and paragraphs that share their numbering) in
    // text:list elements that name it.
    const ListStyle* list(const std::string& name) const {
        auto it = lists_.find(name);
        if (it != lists_.end()) return &it->second;
        return outline_ && !name.empty() && outline_->name == name ? &*outline_ : nullptr;
    }
    const ListStyle* outline() const { return outline_ ? &*outline_ : nullptr; }

    // The list style a paragraph style names, through its parents.
    std::string list_style_of(const std::string& para_style) const {
        for (const ParaStyle* s : chain(para_style))
            if (!s->list_style.empty()) return s->list_style;
        return {};
    }

    int outline_level_of(const std::string& para_style) const {
        for (const ParaStyle* s : chain(para_style))
            if (s->outline_level > 0) return s->outline_level;
        return 0;
    }

    // The name a user sees: an automatic style ("P3") shows as the common
    // style it derives from ("Heading 1").
    std::string display_name(const std::string& para_style) const {
        for (const ParaStyle* s : chain(para_style)) {
            if (s->automatic) continue;
            return s->display.empty() ? decode_style_name(s->name) : s->display;
        }
        return decode_style_name(para_style);
    }

private:
    // The style and its ancestors; bounded, since a hostile file can make
    // the parent chain a loop.
    std::vector<const ParaStyle*> chain(const std::string& name) const {
        std::vector<const ParaStyle*> out;
        std::string at = name;
        while (!at.empty() && out.size() < 32) {
            auto it = paras_.find(at);
            if (it == paras_.end()) break;
            out.push_back(&it->second);
            at = it->second.parent;
        }
        return out;
    }

    static ListStyle read_levels(const pugi::xml_node& node, const ingest::Namespaces& ns) {
        ListStyle style;
        style.name = attr_or(node, Ns::style, "name", ns);
        for (pugi::xml_node c : node.children()) {
            if (c.type() != pugi::node_element) continue;
            Element e(c, ns);
            if (e.ns != Ns::text) continue;
            bool number = e.local == "list-level-style-number" || e.local == "outline-level-style";
            bool bullet = e.local == "list-level-style-bullet" || e.local == "list-level-style-image";
            if (!number && !bullet) continue;
            int level = ingest::to_int(attr(c, Ns::text, "level", ns)).value_or(0);
            if (level < 1 || level > kLevels) continue;
            LevelStyle& l = style.levels[static_cast<std::size_t>(level - 1)];
            l = LevelStyle{};
            l.defined = true;
            if (bullet) {
                l.bullet = true;
                const char* ch = attr(c, Ns::text, "bullet-char", ns);
                l.bullet_char = ch && *ch ? ch : "\u2022";
                continue;
            }
            l.format = attr_or(c, Ns::style, "num-format", ns);
            l.letter_sync = attr_or(c, Ns::style, "num-letter-sync", ns) == "true";
            l.prefix = attr_or(c, Ns::style, "num-prefix", ns);
            l.suffix = attr_or(c, Ns::style, "num-suffix", ns);
            l.display_levels = std::clamp(ingest::to_int(attr(c, Ns::text, "display-levels", ns)).value_or(1), 1, kLevels);
            l.start = ingest::to_int(attr(c, Ns::text, "start-value", ns)).value_or(1);
        }
        return style;
    }

    std::map<std::string, ParaStyle> paras_;
    std::map<std::string, ListStyle> lists_;
    std::optional<ListStyle> outline_;
};

}  // namespace onus::odt
