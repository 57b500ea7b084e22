// styles.xml, reduced to what decides a paragraph's number and heading
// level: a style's numbering (w:numPr), outline level, name, and the
// w:basedOn chain those inherit through.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "ingest/xml.hpp"

namespace onus::docx {

struct ParagraphStyle {
    std::string id;
    std::string name;
    std::string based_on;
    std::optional<std::string> num_id;  // w:numPr/w:numId, inherited through basedOn
    std::optional<int> ilvl;            // w:numPr/w:ilvl
    std::optional<int> outline_level;   // w:outlineLvl, 0-based; 9 means body text
};

class Styles {
public:
    void load(const pugi::xml_node& root, const ingest::Namespaces& ns);

    // The style with its inherited numbering and outline level filled in;
    // an empty style id means the default paragraph style.
    ParagraphStyle resolve(const std::string& style_id) const;

    // Heading level 1-9 for a style (from its outline level, or a built-in
    // "heading N" name), 0 for body styles.
    int heading_level(const std::string& style_id) const;

    bool is_title(const std::string& style_id) const;

    const std::map<std::string, ParagraphStyle>& all() const { return styles_; }

private:
    std::map<std::string, ParagraphStyle> styles_;
    std::string default_id_;
};

}  // namespace onus::docx
