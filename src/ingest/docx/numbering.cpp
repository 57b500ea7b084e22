// Word's automatic numbering: definitions from numbering.xml, counters, labels.
//
// Where Word and the standard (ECMA-376 Part 1, 17.9) disagree, or the
// standard is silent, this follows what Word (and, where they agree,
// LibreOffice) shows. Each such choice is commented where it is made.
#include "ingest/docx/numbering.hpp"

#include "onus/text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <set>
#include <string_view>

namespace onus::docx {

namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrictNs = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kMcNs = "http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr const char* kPart = "word/numbering.xml";
constexpr int kLevels = 9;

// ---------------------------------------------------------------- namespaces
// pugixml knows nothing of namespaces, so a name is split at its colon and
// the prefix resolved through the xmlns declarations in scope. Files use
// "w:" almost always, but nothing obliges them to (strict files written by
// other tools use "w:" for the strict URI, some generators "ns0:").

std::string_view prefix_of(std::string_view qname) {
    const auto colon = qname.find(':');
    return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

std::string_view local_of(std::string_view qname) {
    const auto colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view namespace_of(pugi::xml_node node, std::string_view prefix) {
    std::string decl = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
    for (pugi::xml_node n = node; n; n = n.parent()) {
        if (n.type() != pugi::node_element) continue;
        if (pugi::xml_attribute a = n.attribute(decl.c_str())) return a.value();
    }
    return {};
}

bool is_word_ns(std::string_view uri) { return uri == kWordNs || uri == kWordStrictNs; }

bool is_elem(pugi::xml_node node, std::string_view ns, std::string_view local) {
    if (node.type() != pugi::node_element) return false;
    const std::string_view name = node.name();
    if (local_of(name) != local) return false;
    const std::string_view uri = namespace_of(node, prefix_of(name));
    return ns == kWordNs ? is_word_ns(uri) : uri == ns;
}

bool is_w(pugi::xml_node node, std::string_view local) { return is_elem(node, kWordNs, local); }

// Attributes without a prefix are in no namespace (XML Namespaces 6.2), so
// a bare val="..." is not w:val and is ignored, as Word ignores it.
pugi::xml_attribute w_attr(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_attribute a : node.attributes()) {
        const std::string_view name = a.name();
        const std::string_view prefix = prefix_of(name);
        if (prefix.empty() || prefix == "xmlns" || local_of(name) != local) continue;
        if (is_word_ns(namespace_of(node, prefix))) return a;
    }
    return {};
}

// The w:<local> child of `node`. Word 2010+ wraps some level properties in
// mc:AlternateContent; a consumer that does not claim the Choice's
// namespaces reads the Fallback, which is what we do here (numFmt, the one
// place where the Choice matters, is handled by numfmt_candidates).
pugi::xml_node w_child(pugi::xml_node node, std::string_view local) {
    for (pugi::xml_node c : node.children())
        if (is_w(c, local)) return c;
    for (pugi::xml_node ac : node.children()) {
        if (!is_elem(ac, kMcNs, "AlternateContent")) continue;
        for (pugi::xml_node branch : ac.children()) {
            if (!is_elem(branch, kMcNs, "Fallback")) continue;
            for (pugi::xml_node c : branch.children())
                if (is_w(c, local)) return c;
        }
    }
    return {};
}

std::optional<int> to_int(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '+')) s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<int> w_int(pugi::xml_node node, std::string_view local) {
    pugi::xml_attribute a = w_attr(node, local);
    if (!a) return std::nullopt;
    return to_int(a.value());
}

std::string w_val(pugi::xml_node node) { return w_attr(node, "val").value(); }

// ST_OnOff: an element with no w:val is on; strict writes true/false,
// transitional also 1/0 and on/off.
bool w_on(pugi::xml_node node, std::string_view attr = "val") {
    pugi::xml_attribute a = w_attr(node, attr);
    if (!a) return true;
    const std::string_view v = a.value();
    return !(v == "0" || v == "false" || v == "off");
}

// ---------------------------------------------------------------- formats

// Word 2013+ writes custom formats as <w:numFmt w:val="custom"
// w:format="001, 002, 003, ..."/>: a sample of the sequence. The zero-padded
// decimal samples are the ones we can render; they map onto decimalZero
// (two digits) or stay as the pattern, which format_number understands.
std::optional<std::string> custom_format(std::string_view sample) {
    const auto comma = sample.find(',');
    std::string_view first = sample.substr(0, comma);
    while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
    while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
    if (first.empty() || first.back() != '1') return std::nullopt;
    if (!std::all_of(first.begin(), first.end() - 1, [](char c) { return c == '0'; })) return std::nullopt;
    if (first.size() == 1) return std::string("decimal");
    if (first.size() == 2) return std::string("decimalZero");
    return std::string(sample);
}

// Width of a zero-padded pattern "001, 002, ..." given as a format, or 0.
std::size_t pattern_width(std::string_view format) {
    if (format.empty() || format.front() != '0') return 0;
    const auto comma = format.find(',');
    const std::string_view first = format.substr(0, comma);
    if (first.size() < 2 || first.back() != '1') return 0;
    if (!std::all_of(first.begin(), first.end() - 1, [](char c) { return c == '0'; })) return 0;
    return first.size();
}

std::string resolve_numfmt(pugi::xml_node numfmt) {
    std::string val = w_val(numfmt);
    pugi::xml_attribute format = w_attr(numfmt, "format");
    if (format && (val.empty() || val == "custom")) {
        if (auto f = custom_format(format.value())) return *f;
        return val.empty() ? std::string("custom") : val;
    }
    return val.empty() ? std::string("decimal") : val;
}

bool format_known(const std::string& format) {
    bool known = true;
    (void)format_number(1, format, &known);
    return known;
}

// All numFmt elements a level offers, best first: a direct child, then each
// mc:Choice (Word's custom formats), then the mc:Fallback.
std::vector<pugi::xml_node> numfmt_candidates(pugi::xml_node lvl) {
    std::vector<pugi::xml_node> out;
    std::vector<pugi::xml_node> fallbacks;
    for (pugi::xml_node c : lvl.children()) {
        if (is_w(c, "numFmt")) out.push_back(c);
        if (!is_elem(c, kMcNs, "AlternateContent")) continue;
        for (pugi::xml_node branch : c.children()) {
            const bool choice = is_elem(branch, kMcNs, "Choice");
            if (!choice && !is_elem(branch, kMcNs, "Fallback")) continue;
            for (pugi::xml_node f : branch.children())
                if (is_w(f, "numFmt")) (choice ? out : fallbacks).push_back(f);
        }
    }
    out.insert(out.end(), fallbacks.begin(), fallbacks.end());
    return out;
}

// Parse one w:lvl. A missing w:start is 0 (17.9.25), not 1; a missing
// w:lvlText is an empty label, which is what Word shows.
Level parse_level(pugi::xml_node lvl) {
    Level level;
    level.start = 0;
    level.text.clear();
    if (pugi::xml_node n = w_child(lvl, "start")) level.start = w_int(n, "val").value_or(0);

    const auto fmts = numfmt_candidates(lvl);
    if (!fmts.empty()) {
        level.format = resolve_numfmt(fmts.front());
        for (pugi::xml_node f : fmts) {
            std::string resolved = resolve_numfmt(f);
            if (format_known(resolved)) {
                level.format = std::move(resolved);
                break;
            }
        }
    }
    if (pugi::xml_node n = w_child(lvl, "lvlText")) {
        // w:null="on" marks a deliberately empty level text.
        const bool null_text = w_attr(n, "null") && w_on(n, "null");
        level.text = null_text ? std::string() : w_val(n);
    }
    if (pugi::xml_node n = w_child(lvl, "isLgl")) level.is_legal = w_on(n);
    if (pugi::xml_node n = w_child(lvl, "lvlRestart")) level.restart = w_int(n, "val").value_or(-1);
    if (pugi::xml_node n = w_child(lvl, "suff")) level.suffix = w_val(n);
    if (pugi::xml_node n = w_child(lvl, "pStyle")) level.style = w_val(n);
    if (pugi::xml_node rpr = w_child(lvl, "rPr")) {
        if (pugi::xml_node fonts = w_child(rpr, "rFonts")) {
            level.font = w_attr(fonts, "ascii").value();
            if (level.font.empty()) level.font = w_attr(fonts, "hAnsi").value();
        }
    }
    return level;
}

// ---------------------------------------------------------------- UTF-8

// Decode one code point at s[i], advancing i; malformed bytes come back as
// themselves (the reader validates UTF-8 elsewhere; here we only must not loop).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += len;
    return cp;
}

// Bullets in Symbol and Wingdings are stored as the font's own byte,
// usually shifted into the private-use area (U+F0xx), which renders as a
// box without the font. Show the glyph the author saw instead.
std::string_view symbol_glyph(char32_t pua) {
    switch (pua) {
        case 0xF0B7: return "\u2022";  // Symbol bullet
        case 0xF0A7: return "\u25AA";  // Wingdings small square
        case 0xF06F: return "o";       // Courier New "o" stored as PUA
        case 0xF0D8: return "\u27A2";  // Wingdings arrowhead
        case 0xF0FC: return "\u2713";  // Wingdings check mark
        default: return "\u2022";
    }
}

bool is_symbol_font(std::string_view font) {
    std::string f(font);
    std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return f == "symbol" || f.rfind("wingdings", 0) == 0;
}

std::string map_symbols(std::string_view text, std::string_view font) {
    const bool symbol_font = is_symbol_font(font);
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = next_code_point(text, i);
        if (cp >= 0xF000 && cp <= 0xF0FF) {
            out += symbol_glyph(cp);
        } else if (symbol_font && (cp == 0xB7 || cp == 0xA7 || cp == 0xD8 || cp == 0xFC)) {
            // The same glyphs written as plain Latin-1 bytes with the font
            // named in w:rFonts ("§" in Wingdings is a square bullet).
            out += symbol_glyph(0xF000 + cp);
        } else {
            append_utf8(out, cp);
        }
    }
    return out;
}

// ---------------------------------------------------------------- number words

constexpr const char* kOnes[] = {"Zero",    "One",     "Two",       "Three",    "Four",
                                 "Five",    "Six",     "Seven",     "Eight",    "Nine",
                                 "Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
                                 "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
constexpr const char* kTens[] = {"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"};

std::string words_below_1000(int n) {
    std::string out;
    if (n >= 100) {
        out = std::string(kOnes[n / 100]) + " Hundred";
        n %= 100;
        if (n == 0) return out;
        out += ' ';
    }
    if (n < 20) return out + kOnes[n];
    out += kTens[n / 10];
    if (n % 10 != 0) out += std::string("-") + kOnes[n % 10];
    return out;
}

// US English as Word writes it: "One Hundred One", no "and"; every word
// capitalised, including after the hyphen ("Twenty-One").
std::string cardinal_text(int n) {
    if (n == 0) return kOnes[0];
    static constexpr std::pair<int, const char*> kScales[] = {
        {1'000'000'000, " Billion"}, {1'000'000, " Million"}, {1'000, " Thousand"}};
    std::string out;
    for (const auto& [scale, name] : kScales) {
        if (n >= scale) {
            out += words_below_1000(n / scale) + name;
            n %= scale;
            if (n != 0) out += ' ';
        }
    }
    if (n != 0) out += words_below_1000(n);
    return out;
}

std::string ordinal_text(int n) {
    std::string card = cardinal_text(n);
    // Only the last word changes: "Twenty-One" -> "Twenty-First".
    const auto cut = card.find_last_of(" -");
    const std::string head = cut == std::string::npos ? std::string() : card.substr(0, cut + 1);
    const std::string last = cut == std::string::npos ? card : card.substr(cut + 1);
    static const std::map<std::string, std::string> kIrregular = {
        {"One", "First"}, {"Two", "Second"}, {"Three", "Third"}, {"Five", "Fifth"},
        {"Eight", "Eighth"}, {"Nine", "Ninth"}, {"Twelve", "Twelfth"}};
    if (auto it = kIrregular.find(last); it != kIrregular.end()) return head + it->second;
    if (last.back() == 'y') return head + last.substr(0, last.size() - 1) + "ieth";
    return head + last + "th";
}

std::string roman(int n, bool upper) {
    static constexpr std::pair<int, const char*> kRoman[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    std::string out;
    for (const auto& [value, digits] : kRoman) {
        while (n >= value) {
            out += digits;
            n -= value;
        }
    }
    if (upper)
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

// Formats whose digits are already Arabic: isLgl leaves them alone, so the
// Article/Section template's decimalZero level still shows "1.01".
bool is_arabic(const std::string& format) {
    return format == "decimal" || format == "decimalZero" || pattern_width(format) != 0;
}

}  // namespace

// ---------------------------------------------------------------- format_number

std::string format_number(int value, const std::string& format, bool* known) {
    if (known) *known = true;
    const std::string decimal = std::to_string(value);
    if (format == "decimal" || format == "decimalHalfWidth") return decimal;
    if (format == "bullet" || format == "none") return {};
    if (format == "decimalZero" || pattern_width(format) != 0) {
        const std::size_t width = format == "decimalZero" ? 2 : pattern_width(format);
        if (value < 0 || decimal.size() >= width) return decimal;
        return std::string(width - decimal.size(), '0') + decimal;
    }
    // Sequences that have no zero or negative terms fall back to digits;
    // so do absurd values, rather than building megabyte labels from a
    // hostile w:start.
    const bool positive = value > 0;
    if (format == "upperLetter" || format == "lowerLetter") {
        // Word repeats the letter (27 -> AA, 28 -> BB), it does not count
        // in base 26 like a spreadsheet column.
        if (!positive || value > 26 * 1000) return decimal;  // labels stay under 1,000 characters
        const char base = format == "upperLetter" ? 'A' : 'a';
        return std::string(static_cast<std::size_t>((value - 1) / 26 + 1), static_cast<char>(base + (value - 1) % 26));
    }
    if (format == "upperRoman" || format == "lowerRoman") {
        if (!positive || value >= 100'000) return decimal;  // past 3999 Word writes more M's
        return roman(value, format == "upperRoman");
    }
    if (format == "ordinal") {
        if (value < 0) return decimal;
        const int tens = value % 100;
        const int units = value % 10;
        const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                             : units == 1               ? "st"
                             : units == 2               ? "nd"
                             : units == 3               ? "rd"
                                                        : "th";
        return decimal + suffix;
    }
    if (format == "cardinalText") return value < 0 ? decimal : cardinal_text(value);
    if (format == "ordinalText") return value < 0 ? decimal : ordinal_text(value);
    if (format == "decimalEnclosedParen") return "(" + decimal + ")";
    if (format == "decimalEnclosedCircle" || format == "decimalEnclosedFullstop") {
        // Unicode has enclosed forms for 1..20 only; Word falls back to digits.
        if (!positive || value > 20) return decimal;
        std::string out;
        append_utf8(out, static_cast<char32_t>((format == "decimalEnclosedCircle" ? 0x2460 : 0x2488) + value - 1));
        return out;
    }
    if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
        std::string out;
        for (char c : decimal) append_utf8(out, c == '-' ? U'\uFF0D' : static_cast<char32_t>(0xFF10 + (c - '0')));
        return out;
    }
    if (format == "numberInDash") return "- " + decimal + " -";
    if (format == "chicago") {
        // *, †, ‡, §, then doubled: **, ††, ...
        if (!positive || value > 4 * 100) return decimal;
        static constexpr const char* kMarks[] = {"*", "\u2020", "\u2021", "\u00A7"};
        std::string out;
        for (int i = 0; i < (value - 1) / 4 + 1; ++i) out += kMarks[(value - 1) % 4];
        return out;
    }
    if (known) *known = false;
    return decimal;
}

// ---------------------------------------------------------------- Numbering

void Numbering::note_format(const std::string& format, std::vector<Diagnostic>& sink) {
    if (format_known(format)) return;
    if (std::find(reported_formats_.begin(), reported_formats_.end(), format) != reported_formats_.end()) return;
    reported_formats_.push_back(format);
    sink.push_back({kPart, "numbering format '" + format + "' is not supported; numbers shown as decimal"});
}

void Numbering::load(const pugi::xml_node& numbering_root, std::vector<Diagnostic>& warnings) {
    invalidate();
    if (!numbering_root) return;
    for (pugi::xml_node node : numbering_root.children()) {
        if (is_w(node, "abstractNum")) {
            AbstractNum abs;
            abs.id = w_attr(node, "abstractNumId").value();
            abs.levels.resize(kLevels);
            for (pugi::xml_node c : node.children()) {
                if (is_w(c, "lvl")) {
                    const auto ilvl = w_int(c, "ilvl");
                    if (!ilvl || *ilvl < 0 || *ilvl >= kLevels) continue;
                    // Keep the first w:lvl of an ilvl, like the first definition of an id.
                    if (!abs.levels[*ilvl]) abs.levels[*ilvl] = parse_level(c);
                } else if (is_w(c, "numStyleLink")) {
                    abs.num_style_link = w_val(c);
                } else if (is_w(c, "styleLink")) {
                    abs.style_link = w_val(c);
                }
            }
            for (const auto& l : abs.levels)
                if (l) note_format(l->format, warnings);
            add_abstract(std::move(abs));
        } else if (is_w(node, "num")) {
            NumInstance inst;
            inst.id = w_attr(node, "numId").value();
            inst.abstract_id = w_val(w_child(node, "abstractNumId"));
            for (pugi::xml_node c : node.children()) {
                if (!is_w(c, "lvlOverride")) continue;
                const auto ilvl = w_int(c, "ilvl");
                if (!ilvl || *ilvl < 0 || *ilvl >= kLevels) continue;
                if (pugi::xml_node so = w_child(c, "startOverride"))
                    if (auto v = w_int(so, "val")) inst.start_overrides[*ilvl] = *v;
                if (pugi::xml_node lvl = w_child(c, "lvl")) {
                    Level l = parse_level(lvl);
                    note_format(l.format, warnings);
                    inst.level_overrides.emplace(*ilvl, std::move(l));
                }
            }
            add_instance(std::move(inst));
        }
    }
}

void Numbering::add_abstract(AbstractNum abstract) {
    invalidate();
    if (abstract.levels.size() < kLevels) abstract.levels.resize(kLevels);
    const std::string id = abstract.id;
    abstracts_.emplace(id, std::move(abstract));
}

void Numbering::add_instance(NumInstance instance) {
    invalidate();
    const std::string id = instance.id;
    instances_.emplace(id, std::move(instance));
}

void Numbering::link_style(const std::string& style_id, const std::string& num_id) {
    invalidate();
    style_nums_[style_id] = num_id;
}

const NumInstance* Numbering::instance(const std::string& num_id) const {
    // numId 0 is how a paragraph or style switches inherited numbering off.
    if (num_id.empty() || num_id == "0") return nullptr;
    auto it = instances_.find(num_id);
    return it == instances_.end() ? nullptr : &it->second;
}

// Follow w:numStyleLink to the abstract that really holds the levels: the
// link names a numbering style, the style names a numId (styles.xml), and
// that instance's abstract carries the levels (and w:styleLink back to the
// style). When the reader has not linked the style, the abstract whose
// w:styleLink names it is the same definition.
const AbstractNum* Numbering::resolve_abstract(const std::string& abstract_id) const {
    auto it = abstracts_.find(abstract_id);
    if (it == abstracts_.end()) return nullptr;
    const AbstractNum* current = &it->second;
    std::set<std::string> seen{current->id};
    while (!current->num_style_link.empty()) {
        const std::string& style = current->num_style_link;
        const AbstractNum* target = nullptr;
        if (auto s = style_nums_.find(style); s != style_nums_.end()) {
            if (auto n = instances_.find(s->second); n != instances_.end())
                if (auto a = abstracts_.find(n->second.abstract_id); a != abstracts_.end()) target = &a->second;
        }
        if (!target || seen.count(target->id)) {
            target = nullptr;
            for (const auto& [id, abs] : abstracts_)
                if (abs.style_link == style && !seen.count(id)) {
                    target = &abs;
                    break;
                }
        }
        if (!target || seen.count(target->id)) break;  // unresolved or a cycle: keep what we have
        seen.insert(target->id);
        current = target;
    }
    return current;
}

const Level* Numbering::level(const std::string& num_id, int ilvl) const {
    if (ilvl < 0 || ilvl >= kLevels) return nullptr;
    const NumInstance* inst = instance(num_id);
    if (!inst) return nullptr;
    const auto key = std::make_pair(num_id, ilvl);
    if (auto it = effective_.find(key); it != effective_.end()) return it->second ? &*it->second : nullptr;

    std::optional<Level> result;
    if (auto o = inst->level_overrides.find(ilvl); o != inst->level_overrides.end()) {
        result = o->second;
    } else if (const AbstractNum* abs = resolve_abstract(inst->abstract_id)) {
        if (ilvl < static_cast<int>(abs->levels.size())) result = abs->levels[ilvl];
    }
    if (result)
        if (auto s = inst->start_overrides.find(ilvl); s != inst->start_overrides.end()) result->start = s->second;
    auto& slot = effective_[key];
    slot = std::move(result);
    return slot ? &*slot : nullptr;
}

bool Numbering::is_bullet(const std::string& num_id, int ilvl) const {
    const Level* l = level(num_id, ilvl);
    return l && l->format == "bullet";
}

int Numbering::level_for_style(const std::string& num_id, const std::string& style_id) const {
    if (style_id.empty()) return -1;
    for (int i = 0; i < kLevels; ++i)
        if (const Level* l = level(num_id, i); l && l->style == style_id) return i;
    return -1;
}

// Instances of one abstract number are one list in Word and LibreOffice:
// a second w:num pointing at the same abstractNum continues the count, even
// when it replaces whole levels (w:lvlOverride with w:lvl changes how the
// numbers look, not where they are). Only w:startOverride moves the count,
// and it does so in the shared list (see advance).
std::string Numbering::counter_key(const NumInstance& inst) const {
    const AbstractNum* abs = resolve_abstract(inst.abstract_id);
    return abs ? abs->id : inst.abstract_id;
}

void Numbering::advance(const std::string& num_id, int ilvl, Counters& c) const {
    const Level* here = level(num_id, ilvl);
    const NumInstance* inst = instance(num_id);
    if (!here || !inst) return;
    // A skipped parent level is shown at its start value ("2.a.I" right
    // after "2.") and Word counts that as its use: the next paragraph at
    // the skipped level is "2.b", not "2.a".
    for (int parent = 0; parent < ilvl; ++parent) {
        if (c.used[parent]) continue;
        if (const Level* p = level(num_id, parent)) {
            c.value[parent] = p->start;
            c.used[parent] = true;
            if (inst->start_overrides.count(parent)) c.overrides_applied.emplace(num_id, parent);
        }
    }
    // "Restart numbering" is a new w:num with a startOverride: the first
    // paragraph of that instance at that level takes the override value;
    // after that the shared list simply continues, in every instance.
    const bool override_due = inst->start_overrides.count(ilvl) && !c.overrides_applied.count({num_id, ilvl});
    if (override_due || !c.used[ilvl]) {
        c.value[ilvl] = here->start;
        c.used[ilvl] = true;
        if (override_due) c.overrides_applied.emplace(num_id, ilvl);
    } else if (c.value[ilvl] < INT_MAX) {
        ++c.value[ilvl];
    }
    // lvlRestart n: the level restarts when a level 1..n (1-based) occurs,
    // i.e. any ilvl < n. 0: never. Absent, or n naming this level or a
    // deeper one (which 17.9.10 says to ignore): any higher level.
    for (int deeper = ilvl + 1; deeper < kLevels; ++deeper) {
        const Level* d = level(num_id, deeper);
        const int restart = d ? d->restart : -1;
        if (restart == 0) continue;
        const int threshold = (restart > 0 && restart <= deeper) ? restart : deeper;
        if (ilvl < threshold) c.used[deeper] = false;
    }
}

// %1..%9 show the current value of that level of the same list; a deeper
// level not used since its restart shows its start value. A paragraph of
// an isLgl level shows every number as Arabic.
std::string Numbering::render(const std::string& num_id, int ilvl, const Counters& c) const {
    const Level* here = level(num_id, ilvl);
    if (!here) return {};
    const std::string text = map_symbols(here->text, here->font);
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const int k = text[i + 1] - '1';
            ++i;
            const Level* lk = level(num_id, k);
            if (!lk) continue;  // a placeholder for an undefined level shows nothing
            const int value = c.used[k] ? c.value[k] : lk->start;
            const std::string& fmt = (here->is_legal && !is_arabic(lk->format)) ? std::string("decimal") : lk->format;
            out += format_number(value, fmt);
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string Numbering::next(const std::string& num_id, int ilvl) {
    const NumInstance* inst = instance(num_id);
    const Level* here = level(num_id, ilvl);
    if (!inst || !here) return {};
    // Formats of definitions that did not come through load() are only
    // checked here; a load()ed unknown format was reported already.
    for (int k = 0; k < kLevels; ++k)
        if (const Level* l = level(num_id, k)) note_format(l->format, warnings_);
    Counters& c = counters_[counter_key(*inst)];
    advance(num_id, ilvl, c);
    return render(num_id, ilvl, c);
}

std::string Numbering::peek(const std::string& num_id, int ilvl) const {
    const NumInstance* inst = instance(num_id);
    if (!inst || !level(num_id, ilvl)) return {};
    Counters c;
    if (auto it = counters_.find(counter_key(*inst)); it != counters_.end()) c = it->second;
    advance(num_id, ilvl, c);
    return render(num_id, ilvl, c);
}

}  // namespace onus::docx
