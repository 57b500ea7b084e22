// The Markdown reader: CommonMark with GitHub's tables, parsed by md4c, and
// turned into the blocks a reader sees on the rendered page.
//
// What the format does that a renderer hides, and what this file does
// about it:
// - YAML front matter and Liquid template tags ({% ... %}, {{ ... }}, as in
//   GitHub's site-policy repository) are not part of the page. md4c knows
//   neither, so they are removed from the source first (keeping every
//   newline, so line numbers stay right) and counted as left out.
// - Raw HTML passes through md4c as tags. Inline tags are dropped (a line
//   break or block tag becomes a space); an HTML block is split into blocks
//   at its block-level tags, with its <ol>/<li> labels rendered as a browser
//   would ("a.", "ii.").
// - md4c reports no source positions, but its text pointers point into the
//   buffer it was given: the first text of a block gives its line.
// - GitHub footnotes ([^1]) are not CommonMark: md4c leaves them as text.
//   Marks whose definition exists become NoteRefs, definitions become
//   footnote blocks after the body, numbered in order of first reference as
//   GitHub renders them.
// - Ordered lists are renumbered from their start number, as rendered:
//   "1." written for every item still shows 1, 2, 3.
#include <md4c.h>
#include <unicode/utf8.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ingest/ledger.hpp"
#include "ingest/docx/numbering.hpp"
#include "ingest/readers.hpp"
#include "ingest/text/input.hpp"
#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus::ingest {
namespace {

constexpr std::size_t npos = std::string::npos;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Code points, not counting line breaks: removed markup keeps its newlines.
std::size_t count_without_newlines(std::string_view s) {
    return count_code_points(s) - static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

// ------------------------------------------------------------ source cleanup

// The source as md4c gets it: front matter and template markup blanked out
// (newlines kept), with what was removed counted.
struct Cleaned {
    std::string source;
    std::string title;              // front matter "title:", if any
    std::size_t front_matter = 0;   // code points removed
    std::size_t template_markup = 0;
    std::size_t template_tags = 0;
};

void keep_newlines(std::string& out, std::string_view removed) {
    out.append(static_cast<std::size_t>(std::count(removed.begin(), removed.end(), '\n')), '\n');
}

std::string_view line_at(std::string_view s, std::size_t pos, std::size_t* next) {
    std::size_t end = s.find('\n', pos);
    *next = end == npos ? s.size() : end + 1;
    std::string_view line = s.substr(pos, (end == npos ? s.size() : end) - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::string_view rtrim(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// The front matter's "title:", read by yaml-cpp; empty when the YAML is
// invalid (Jekyll would refuse the page, but its text is still worth
// reading) or the title is not a plain value. yaml-cpp guards its own
// recursion depth; the size cap keeps a hostile block cheap.
std::string front_matter_title(std::string_view yaml) {
    if (yaml.size() > (64u << 10)) return {};
    try {
        YAML::Node root = YAML::Load(std::string(yaml));
        if (!root.IsMap()) return {};
        YAML::Node title = root["title"];
        if (title && title.IsScalar()) return title.Scalar();
    } catch (const std::exception&) {  // YAML::Exception, DeepRecursion: no title
    }
    return {};
}

// Front matter: "---" on the very first line, closed by "---" or "...".
// Without a closing line it is not front matter but a thematic break.
// Returns the offset after the closing line, or 0.
std::size_t front_matter_end(std::string_view s, std::string* title) {
    std::size_t pos = 0;
    if (rtrim(line_at(s, 0, &pos)) != "---") return 0;
    std::size_t body = pos;
    while (pos < s.size()) {
        std::size_t next;
        std::string_view bare = rtrim(line_at(s, pos, &next));
        if (bare == "---" || bare == "...") {
            if (title) *title = front_matter_title(s.substr(body, pos - body));
            return next;
        }
        pos = next;
    }
    return 0;
}

// Finds Liquid tags, for positions that only move forward. Each search
// remembers the next closer and the next blank line it found, so that a
// file of unclosed "{{" stays linear.
class LiquidScanner {
public:
    explicit LiquidScanner(std::string_view s) : s_(s) {}

    // The end of the tag opened at `from` ("{%" or "{{"), or npos when the
    // opener is not closed before a blank line: then it is literal text.
    std::size_t tag_end(std::size_t from) {
        std::size_t& cached = s_[from + 1] == '%' ? next_percent_ : next_brace_;
        std::string_view closer = s_[from + 1] == '%' ? "%}" : "}}";
        if (cached == kUnset || (cached != npos && cached < from + 2)) cached = s_.find(closer, from + 2);
        if (cached == npos) return npos;
        if (next_blank_ == kUnset || (next_blank_ != npos && next_blank_ < from)) next_blank_ = s_.find("\n\n", from);
        if (next_blank_ != npos && next_blank_ < cached) return npos;
        return cached + 2;
    }

    // The tag's name: "{%- raw -%}" -> "raw".
    std::string name(std::size_t from, std::size_t end) const {
        std::string_view tag = s_.substr(from + 2, end - from - 2);
        while (!tag.empty() && (tag.front() == '-' || is_space(tag.front()))) tag.remove_prefix(1);
        std::size_t n = 0;
        while (n < tag.size() && !is_space(tag[n]) && tag[n] != '-' && tag[n] != '%') ++n;
        return std::string(tag.substr(0, n));
    }

    // Position of the first "{% name %}" at or after `from`.
    std::size_t find_tag(std::size_t from, std::string_view wanted) {
        for (std::size_t at = s_.find("{%", from); at != npos; at = s_.find("{%", at + 2)) {
            std::size_t end = tag_end(at);
            if (end != npos && name(at, end) == wanted) return at;
        }
        return npos;
    }

private:
    std::string_view s_;
    static constexpr std::size_t kUnset = npos - 1;
    std::size_t next_percent_ = kUnset, next_brace_ = kUnset, next_blank_ = kUnset;
};

Cleaned clean_source(std::string_view s) {
    Cleaned out;
    LiquidScanner liquid(s);
    std::size_t start = front_matter_end(s, &out.title);
    out.front_matter = count_without_newlines(s.substr(0, start));
    out.source.reserve(s.size());
    keep_newlines(out.source, s.substr(0, start));
    std::size_t i = start;
    auto remove = [&](std::size_t from, std::size_t to) {
        std::string_view removed = s.substr(from, to - from);
        out.template_markup += count_without_newlines(removed);
        keep_newlines(out.source, removed);
    };
    while (i < s.size()) {
        std::size_t at = s.find('{', i);
        while (at != npos && at + 1 < s.size() && s[at + 1] != '%' && s[at + 1] != '{') at = s.find('{', at + 1);
        if (at == npos || at + 1 >= s.size()) break;
        out.source.append(s.substr(i, at - i));
        std::size_t end = liquid.tag_end(at);
        if (end == npos) {
            out.source += s[at];
            i = at + 1;
            continue;
        }
        ++out.template_tags;
        std::string name = s[at + 1] == '%' ? liquid.name(at, end) : "";
        remove(at, end);
        i = end;
        if (name == "raw" || name == "comment") {
            // {% raw %} shows its content literally; {% comment %} hides it.
            std::size_t close = liquid.find_tag(i, name == "raw" ? "endraw" : "endcomment");
            if (close == npos) continue;
            std::size_t close_end = liquid.tag_end(close);
            if (name == "raw")
                out.source.append(s.substr(i, close - i));
            else
                remove(i, close);
            remove(close, close_end);
            ++out.template_tags;
            i = close_end;
        }
    }
    if (i < s.size()) out.source.append(s.substr(i));
    return out;
}

// Ids of GitHub footnote definitions: "[^id]: text" at a line start.
std::set<std::string> footnote_definitions(std::string_view s) {
    std::set<std::string> ids;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t next;
        std::string_view line = line_at(s, pos, &next);
        pos = next;
        std::size_t indent = 0;
        while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
        line.remove_prefix(indent);
        if (!starts_with(line, "[^")) continue;
        std::size_t close = line.find(']');
        if (close == npos || close == 2 || close + 1 >= line.size() || line[close + 1] != ':') continue;
        std::string_view id = line.substr(2, close - 2);
        if (std::none_of(id.begin(), id.end(), [](char c) { return is_space(c); })) ids.emplace(id);
    }
    return ids;
}

// ------------------------------------------------------------ HTML

// md4c hands entities over verbatim ("&amp;"). These are the named ones
// agreements use; an unknown one stays as written.
std::optional<std::string> decode_entity(std::string_view e) {
    if (e.size() < 3 || e.front() != '&' || e.back() != ';') return std::nullopt;
    std::string_view body = e.substr(1, e.size() - 2);
    std::string out;
    if (body.front() == '#') {
        bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 8) return std::nullopt;
        unsigned long value = 0;
        for (char c : digits) {
            int d = (c >= '0' && c <= '9') ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                   : -1;
            if (d < 0) return std::nullopt;
            value = value * (hex ? 16 : 10) + static_cast<unsigned long>(d);
        }
        // CommonMark: U+0000 and invalid code points become U+FFFD.
        append_utf8(out, value == 0 || value > 0x10FFFF ? char32_t{0xFFFD} : static_cast<char32_t>(value));
        return out;
    }
    static const std::map<std::string_view, char32_t> named = {
        {"amp", U'&'},      {"lt", U'<'},       {"gt", U'>'},       {"quot", U'"'},     {"apos", U'\''},
        {"nbsp", 0x00A0},   {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009}, {"shy", 0x00AD},
        {"ndash", 0x2013},  {"mdash", 0x2014},  {"minus", 0x2212},  {"hellip", 0x2026}, {"bull", 0x2022},
        {"middot", 0x00B7}, {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"sbquo", 0x201A},  {"ldquo", 0x201C},
        {"rdquo", 0x201D},  {"bdquo", 0x201E},  {"laquo", 0x00AB},  {"raquo", 0x00BB},  {"sect", 0x00A7},
        {"para", 0x00B6},   {"copy", 0x00A9},   {"reg", 0x00AE},    {"trade", 0x2122},  {"deg", 0x00B0},
        {"plusmn", 0x00B1}, {"times", 0x00D7},  {"divide", 0x00F7}, {"euro", 0x20AC},   {"pound", 0x00A3},
        {"yen", 0x00A5},    {"cent", 0x00A2},   {"dagger", 0x2020}, {"Dagger", 0x2021}, {"zwj", 0x200D},
        {"zwnj", 0x200C},   {"le", 0x2264},     {"ge", 0x2265},     {"frac12", 0x00BD}, {"frac14", 0x00BC},
        {"frac34", 0x00BE}, {"sup1", 0x00B9},   {"sup2", 0x00B2},   {"sup3", 0x00B3},   {"larr", 0x2190},
        {"rarr", 0x2192},   {"check", 0x2713},  {"iexcl", 0x00A1},  {"iquest", 0x00BF}, {"ordm", 0x00BA},
        {"ordf", 0x00AA},   {"eacute", 0x00E9}, {"egrave", 0x00E8}, {"aacute", 0x00E1}, {"uuml", 0x00FC},
        {"ouml", 0x00F6},   {"auml", 0x00E4},   {"szlig", 0x00DF},  {"ccedil", 0x00E7},
    };
    auto it = named.find(body);
    if (it == named.end()) return std::nullopt;
    append_utf8(out, it->second);
    return out;
}

// One tag of raw HTML, as far as this reader cares.
struct Tag {
    std::string name;  // lower-case; empty for a comment or declaration
    bool closing = false;
    bool comment = false;
    std::string_view comment_text;
    std::vector<std::pair<std::string, std::string>> attributes;  // names lower-case

    std::string attribute(std::string_view key) const {
        for (const auto& [k, v] : attributes)
            if (k == key) return v;
        return {};
    }
};

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':';
}

// Parse the tag at the start of `s` (s[0] == '<'): its length, or 0 when
// it is not a tag (a lone '<' in text).
std::size_t parse_tag(std::string_view s, Tag& tag) {
    tag = Tag{};
    if (starts_with(s, "<!--")) {
        std::size_t end = s.find("-->", 4);
        if (end == npos) return 0;
        tag.comment = true;
        tag.comment_text = s.substr(4, end - 4);
        return end + 3;
    }
    if (starts_with(s, "<!") || starts_with(s, "<?")) {
        std::size_t end = s.find('>');
        return end == npos ? 0 : end + 1;
    }
    std::size_t i = 1;
    if (i < s.size() && s[i] == '/') {
        tag.closing = true;
        ++i;
    }
    std::size_t name_start = i;
    if (i >= s.size() || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return 0;
    while (i < s.size() && is_name_char(s[i])) ++i;
    tag.name = lower(s.substr(name_start, i - name_start));
    while (i < s.size()) {
        while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
        if (i >= s.size()) return 0;
        if (s[i] == '>') return i + 1;
        std::size_t key_start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
        std::string key = lower(s.substr(key_start, i - key_start));
        std::string value;
        while (i < s.size() && is_space(s[i])) ++i;
        if (i < s.size() && s[i] == '=') {
            ++i;
            while (i < s.size() && is_space(s[i])) ++i;
            if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
                std::size_t close = s.find(s[i], i + 1);
                if (close == npos) return 0;
                value = std::string(s.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                std::size_t value_start = i;
                while (i < s.size() && !is_space(s[i]) && s[i] != '>') ++i;
                value = std::string(s.substr(value_start, i - value_start));
            }
        }
        if (!key.empty()) tag.attributes.emplace_back(std::move(key), std::move(value));
    }
    return 0;
}

// Tags that start a new block in a browser (HTML's block-level elements).
bool is_block_tag(const std::string& name) {
    static const std::set<std::string> block = {
        "address", "article", "aside",  "blockquote", "caption", "center", "dd",     "details", "div",
        "dl",      "dt",      "figure", "figcaption", "footer",  "form",   "h1",     "h2",      "h3",
        "h4",      "h5",      "h6",     "header",     "hr",      "li",     "main",   "nav",     "ol",
        "p",       "pre",     "section", "summary",   "table",   "tbody",  "td",     "tfoot",   "th",
        "thead",   "tr",      "ul",
    };
    return block.count(name) > 0;
}

int heading_tag_level(const std::string& name) {
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
    return 0;
}

// The numFmt (as docx::format_number knows them) an <ol> renders with:
// type="a" or CSS list-style-type.
std::string html_list_format(const Tag& tag) {
    std::string type = tag.attribute("type");
    if (type == "a") return "lowerLetter";
    if (type == "A") return "upperLetter";
    if (type == "i") return "lowerRoman";
    if (type == "I") return "upperRoman";
    std::string style = lower(tag.attribute("style"));
    std::size_t at = style.find("list-style-type");
    if (at != npos) {
        std::string_view value = std::string_view(style).substr(at + 15);
        value = value.substr(0, value.find(';'));
        if (value.find("lower-alpha") != npos || value.find("lower-latin") != npos) return "lowerLetter";
        if (value.find("upper-alpha") != npos || value.find("upper-latin") != npos) return "upperLetter";
        if (value.find("lower-roman") != npos) return "lowerRoman";
        if (value.find("upper-roman") != npos) return "upperRoman";
    }
    return "decimal";
}

int parse_int(const std::string& s, int fallback) {
    if (s.empty() || s.size() > 6) return fallback;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return fallback;
        v = v * 10 + (c - '0');
    }
    return v;
}

// ------------------------------------------------------------ the reader

const char* const kFootnoteMarks = "footnote marks";

// Lettered and roman items typed on lines of their own inside a paragraph,
// as Pandoc's fancy lists read them and as agreements write sub-clauses:
//
//     5. Effect of Termination. Upon any expiration or termination:
//         a. Customer will no longer have any right to use the Product.
//         b. Upon Customer's request, Provider will delete Customer Content.
//
// CommonMark knows only numbered lists, so md4c joins these lines into one
// paragraph. A line that starts with the next label of a sequence opened by
// "a", "i" (or "A", "I"), in one delimiter style ("a.", "a)", "(a)"),
// starts an item of its own; any other line stays part of the paragraph.
class ItemSequence {
public:
    bool continues_at(std::string_view line) {
        Label label;
        if (!parse(line, label)) return false;
        const bool same_kind = last_.value > 0 && label.style == last_.style && label.upper == last_.upper;
        const int letter = letter_value(label.text), roman = roman_value(label.text);
        // "i." after "h." is the ninth letter; "ii." after "i." the second roman.
        if (same_kind && !last_.roman && letter == last_.value + 1) {
            label.value = letter;
        } else if (same_kind && last_.roman && roman == last_.value + 1) {
            label.roman = true;
            label.value = roman;
        } else if (letter == 1 || roman == 1) {
            label.roman = roman == 1;
            label.value = 1;
        } else {
            return false;
        }
        last_ = label;
        return true;
    }

private:
    struct Label {
        std::string text;  // the letters, without delimiters
        char style = 0;    // '.' for "a.", ')' for "a)", '(' for "(a)"
        bool upper = false;
        bool roman = false;
        int value = 0;     // position in its sequence, from 1
    };

    static int letter_value(const std::string& s) {
        return s.size() == 1 ? std::tolower(static_cast<unsigned char>(s[0])) - 'a' + 1 : 0;
    }

    static int roman_value(const std::string& s) {
        static const char* const numerals[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
        std::string lower;
        for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (int n = 0; n < 12; ++n)
            if (lower == numerals[n]) return n + 1;
        return 0;
    }

    // "a. Text", "(iv) Text", "B) Text": a label of one case, its
    // delimiter, one space, then text.
    static bool parse(std::string_view line, Label& out) {
        std::size_t i = 0;
        const bool paren = !line.empty() && line[0] == '(';
        if (paren) ++i;
        const std::size_t begin = i;
        while (i < line.size() && i - begin < 5 && std::isalpha(static_cast<unsigned char>(line[i]))) ++i;
        if (i == begin || i >= line.size()) return false;
        const char delimiter = line[i];
        if (paren ? delimiter != ')' : delimiter != '.' && delimiter != ')') return false;
        if (i + 2 >= line.size() || line[i + 1] != ' ' || line[i + 2] == ' ') return false;
        out.text = std::string(line.substr(begin, i - begin));
        out.style = paren ? '(' : delimiter;
        out.upper = std::isupper(static_cast<unsigned char>(out.text[0])) != 0;
        return std::all_of(out.text.begin(), out.text.end(), [&](char c) {
            return (std::isupper(static_cast<unsigned char>(c)) != 0) == out.upper;
        });
    }

    Label last_;
};

class MarkdownReader {
public:
    MarkdownReader(const Cleaned& cleaned, const LoadOptions& options, Document& doc)
        : src_(cleaned.source),
          lines_(cleaned.source),
          options_(options),
          doc_(doc),
          footnote_ids_(footnote_definitions(cleaned.source)) {}

    void run() {
        if (src_.size() > UINT_MAX) throw Error(ErrorCode::limit, doc_.path, "file too large for the Markdown parser");
        MD_PARSER parser{};
        // No indented code blocks: agreements hold no code, and a clause
        // indented four spaces too deep (common in Common Paper's lists) must
        // still read as text, with its inline HTML stripped.
        parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOINDENTEDCODEBLOCKS;
        parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) {
            return static_cast<MarkdownReader*>(self)->guard([&] { static_cast<MarkdownReader*>(self)->enter_block(t, d); });
        };
        parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* self) {
            return static_cast<MarkdownReader*>(self)->guard([&] { static_cast<MarkdownReader*>(self)->leave_block(t, d); });
        };
        parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
        parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
        parser.text = [](MD_TEXTTYPE t, const MD_CHAR* p, MD_SIZE n, void* self) {
            return static_cast<MarkdownReader*>(self)->guard(
                [&] { static_cast<MarkdownReader*>(self)->text(t, std::string_view(p, n)); });
        };
        int rc = md_parse(src_.data(), static_cast<MD_SIZE>(src_.size()), &parser, this);
        if (failure_) std::rethrow_exception(failure_);
        if (rc != 0) throw Error(ErrorCode::limit, doc_.path, "the Markdown parser ran out of memory");
        finish_notes();
        ledger_.finish(doc_);
    }

    const std::string& first_h1() const { return first_h1_; }

private:
    // md4c is C: an exception must not unwind through it. Keep the first
    // one and stop the parse; run() rethrows it.
    template <typename F>
    int guard(F&& f) {
        try {
            f();
            return 0;
        } catch (...) {
            if (!failure_) failure_ = std::current_exception();
            return 1;
        }
    }

    // ---------------------------------------------------------- blocks

    void enter_block(MD_BLOCKTYPE type, void* detail) {
        flush_leaf();
        switch (type) {
            case MD_BLOCK_QUOTE: ++quote_depth_; break;
            case MD_BLOCK_UL:
            case MD_BLOCK_OL: {
                emit_bare_label();
                List list;
                if (type == MD_BLOCK_OL) {
                    auto* ol = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
                    list.ordered = true;
                    list.next = ol->start;
                    list.delimiter = ol->mark_delimiter;
                }
                lists_.push_back(list);
                break;
            }
            case MD_BLOCK_LI: {
                if (lists_.empty()) break;
                List& list = lists_.back();
                Item item;
                if (list.ordered) {
                    // Rendered numbering: start, start+1, ... whatever the
                    // source typed for the later items.
                    item.label = std::to_string(list.next++) + list.delimiter;
                } else {
                    item.label = "\u2022";
                    item.bullet = true;
                }
                item.level = list_level();
                items_.push_back(item);
                break;
            }
            case MD_BLOCK_H: open_leaf(static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level), ""); break;
            case MD_BLOCK_CODE:
                open_leaf(0, "code");
                in_code_ = true;
                break;
            case MD_BLOCK_HTML:
                in_html_ = true;
                html_raw_.clear();
                html_chunks_.clear();
                break;
            case MD_BLOCK_P: open_leaf(0, ""); break;
            case MD_BLOCK_TR: row_.clear(); row_offset_ = npos; row_emitted_ = 0; break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD: open_leaf(0, ""); break;
            default: break;
        }
    }

    void leave_block(MD_BLOCKTYPE type, void*) {
        switch (type) {
            case MD_BLOCK_QUOTE:
                flush_leaf();
                --quote_depth_;
                break;
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                flush_leaf();
                if (!lists_.empty()) lists_.pop_back();
                break;
            case MD_BLOCK_LI:
                flush_leaf();
                emit_bare_label();
                if (!items_.empty()) items_.pop_back();
                break;
            case MD_BLOCK_CODE:
                flush_leaf();
                in_code_ = false;
                break;
            case MD_BLOCK_HTML:
                in_html_ = false;
                html_block();
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD: {
                std::string cell;
                for (Finished& piece : finish_leaf()) {
                    if (row_offset_ == npos) row_offset_ = piece.offset;
                    row_emitted_ += piece.emitted;
                    cell += (cell.empty() ? "" : " ") + piece.text;
                }
                row_.push_back(std::move(cell));
                break;
            }
            case MD_BLOCK_TR: emit_row(); break;
            default: flush_leaf(); break;
        }
    }

    int list_level() const { return static_cast<int>(lists_.size() + html_lists_.size()) - 1; }

    // ---------------------------------------------------------- text

    void text(MD_TEXTTYPE type, std::string_view s) {
        if (in_html_) {
            html_chunks_.push_back({html_raw_.size(), offset_of(s)});
            html_raw_.append(s);
            return;
        }
        switch (type) {
            case MD_TEXT_NORMAL:
            case MD_TEXT_LATEXMATH: append(s, offset_of(s), true); break;
            case MD_TEXT_CODE:
                // In a code block md4c sends each line break as a chunk of
                // its own: layout, not text.
                if (in_code_ && s == "\n")
                    pending('\n');
                else
                    append(s, offset_of(s), true);
                break;
            case MD_TEXT_NULLCHAR: append("\uFFFD", npos, true); break;
            case MD_TEXT_BR: pending('\n'); break;
            case MD_TEXT_SOFTBR: pending(' '); break;
            case MD_TEXT_ENTITY: {
                auto decoded = decode_entity(s);
                append(decoded ? std::string_view(*decoded) : s, offset_of(s), true);
                break;
            }
            case MD_TEXT_HTML: inline_html(s); break;
        }
    }

    std::size_t offset_of(std::string_view s) const {
        if (s.empty() || s.data() < src_.data() || s.data() >= src_.data() + src_.size()) return npos;
        return static_cast<std::size_t>(s.data() - src_.data());
    }

    // A separator the renderer shows between two pieces of text: '\n' for
    // a hard break, ' ' for a soft one. Written only when more text follows,
    // so that no block starts or ends with one.
    void pending(char c) {
        if (!leaf_.open) return;
        if (c == '\n' || leaf_.pending == 0) leaf_.pending = c;
    }

    void append(std::string_view s, std::size_t offset, bool counted) {
        if (s.empty()) return;
        if (!leaf_.open) open_leaf(0, "");
        if (leaf_.offset == npos) leaf_.offset = offset;
        if (leaf_.pending) {
            bool redundant = leaf_.pending == ' ' &&
                             (leaf_.text.empty() || is_space(leaf_.text.back()) || is_space(s.front()));
            if (!leaf_.text.empty() && !redundant) {
                leaf_.generated.push_back(leaf_.text.size());
                leaf_.text += leaf_.pending;
            }
            leaf_.pending = 0;
        }
        leaf_.text.append(s);
        if (counted) {
            std::size_t n = count_code_points(s);
            ledger_.read += n;
            leaf_.emitted += n;
        }
    }

    void left_out(const std::string& reason, std::size_t n) {
        if (n) ledger_.leave_out(reason, n);
    }

    // An HTML comment hides its text from the reader of the page: read,
    // and left out.
    void html_comment(std::string_view body) {
        std::size_t n = count_code_points(trim(body));
        ledger_.read += n;
        left_out("HTML comments", n);
    }

    void inline_html(std::string_view s) {
        Tag tag;
        if (!parse_tag(s, tag)) return;
        if (tag.comment) {
            html_comment(tag.comment_text);
        } else if (tag.name == "br" || is_block_tag(tag.name)) {
            pending(' ');
        }
    }

    // ---------------------------------------------------------- HTML blocks

    std::size_t html_source_offset(std::size_t raw_pos) const {
        auto it = std::upper_bound(html_chunks_.begin(), html_chunks_.end(), raw_pos,
                                   [](std::size_t pos, const Chunk& c) { return pos < c.raw; });
        if (it == html_chunks_.begin()) return npos;
        --it;
        return it->source == npos ? npos : it->source + (raw_pos - it->raw);
    }

    void html_block() {
        std::string_view raw = html_raw_;
        std::size_t i = 0;
        while (i < raw.size()) {
            if (raw[i] == '<') {
                Tag tag;
                if (std::size_t n = parse_tag(raw.substr(i), tag)) {
                    i += n;
                    if (!tag.closing && (tag.name == "script" || tag.name == "style")) {
                        // Not shown: skip to the closing tag.
                        std::size_t close = lower(raw.substr(i)).find("</" + tag.name);
                        i = close == npos ? raw.size() : i + close;
                        continue;
                    }
                    html_tag(tag);
                    continue;
                }
            }
            std::size_t j = raw.find('<', i + 1);
            if (j == npos) j = raw.size();
            html_text(raw.substr(i, j - i), i);
            i = j;
        }
        flush_leaf();
        while (!html_lists_.empty()) close_html_list();
    }

    // Text between tags: HTML collapses whitespace, so runs of it are
    // separators (not counted as text); entities are decoded.
    void html_text(std::string_view s, std::size_t raw_pos) {
        std::size_t i = 0;
        while (i < s.size()) {
            if (is_space(s[i])) {
                pending(' ');
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < s.size() && !is_space(s[j]) && s[j] != '&') ++j;
            if (j == i) {  // an entity
                std::size_t semi = s.find(';', i);
                std::optional<std::string> decoded;
                if (semi != npos && semi - i <= 32) decoded = decode_entity(s.substr(i, semi - i + 1));
                if (decoded) {
                    append(*decoded, html_source_offset(raw_pos + i), true);
                    i = semi + 1;
                    continue;
                }
                j = i + 1;
            }
            append(s.substr(i, j - i), html_source_offset(raw_pos + i), true);
            i = j;
        }
    }

    void html_tag(const Tag& tag) {
        if (tag.comment) {
            html_comment(tag.comment_text);
            return;
        }
        if (tag.name == "br") {
            pending(' ');
            return;
        }
        if (!is_block_tag(tag.name)) return;
        flush_leaf();
        if (tag.name == "ol" || tag.name == "ul") {
            if (tag.closing) {
                close_html_list();
            } else {
                emit_bare_label();
                HtmlList list;
                list.ordered = tag.name == "ol";
                list.format = html_list_format(tag);
                list.next = parse_int(tag.attribute("start"), 1);
                list.items_depth = items_.size();
                html_lists_.push_back(list);
            }
        } else if (tag.name == "li") {
            close_html_item();
            if (!tag.closing) open_html_item(tag);
        } else if (int level = heading_tag_level(tag.name); level && !tag.closing) {
            open_leaf(level, "");
        }
    }

    void open_html_item(const Tag& tag) {
        Item item;
        item.html = true;
        item.level = std::max(0, list_level());
        if (!html_lists_.empty() && html_lists_.back().ordered) {
            HtmlList& list = html_lists_.back();
            list.next = parse_int(tag.attribute("value"), list.next);
            item.label = docx::format_number(list.next++, list.format) + ".";
        } else {
            item.label = "\u2022";
            item.bullet = true;
        }
        items_.push_back(item);
    }

    // </li>, or the next <li> or </ol> that ends an item left open.
    void close_html_item() {
        std::size_t floor = html_lists_.empty() ? 0 : html_lists_.back().items_depth;
        if (items_.size() > floor && items_.back().html) {
            emit_bare_label();
            items_.pop_back();
        }
    }

    void close_html_list() {
        if (html_lists_.empty()) return;
        close_html_item();
        std::size_t depth = html_lists_.back().items_depth;
        while (items_.size() > depth && items_.back().html) items_.pop_back();
        html_lists_.pop_back();
    }

    // ---------------------------------------------------------- emitting

    struct Finished {
        std::string text;
        std::vector<NoteRef> notes;
        std::size_t offset = npos;
        std::size_t emitted = 0;
        std::string footnote_id;  // set for a footnote definition "[^id]: ..."
        int heading = 0;
        std::string style;
    };

    void open_leaf(int heading, const std::string& style) {
        flush_leaf();
        leaf_ = Leaf{};
        leaf_.open = true;
        leaf_.heading = heading;
        leaf_.style = !style.empty() ? style : quote_depth_ > 0 ? "blockquote" : "";
    }

    // Close the open leaf: its final text, with footnote marks taken out.
    // Usually one piece; more when footnote definitions written on
    // consecutive lines ran into one paragraph (GitHub splits them).
    std::vector<Finished> finish_leaf() {
        std::vector<Finished> pieces;
        if (!leaf_.open) return pieces;
        Leaf leaf = std::move(leaf_);
        leaf_ = Leaf{};
        std::string_view text = leaf.text;
        std::size_t lead = 0;
        while (lead < text.size() && is_space(text[lead])) ++lead;
        std::string_view bare = trim(text);
        if (bare.size() != text.size()) {
            // Separators are never written at the edges: this is text.
            std::size_t n = count_code_points(text) - count_code_points(bare);
            left_out("whitespace at block edges", n);
            leaf.emitted -= n;
        }
        // Generated soft breaks before a footnote definition or before the
        // next item of a lettered list typed on lines of their own.
        std::vector<std::size_t> cuts;
        ItemSequence items;
        for (std::size_t at : leaf.generated) {
            if (at < lead || at - lead >= bare.size()) continue;
            std::size_t rel = at - lead;
            if (bare[rel] != ' ') continue;
            if (definition_at(bare, rel + 1) || items.continues_at(bare.substr(rel + 1))) cuts.push_back(rel);
        }
        std::size_t start = 0;
        cuts.push_back(bare.size());
        for (std::size_t cut : cuts) {
            Finished f;
            f.offset = leaf.offset;
            f.heading = leaf.heading;
            f.style = leaf.style;
            f.text = std::string(bare.substr(start, cut - start));
            // Code points from the source: all but the separators written.
            std::size_t generated = static_cast<std::size_t>(std::count_if(
                leaf.generated.begin(), leaf.generated.end(),
                [&](std::size_t at) { return at >= lead + start && at < lead + cut; }));
            f.emitted = cuts.size() == 1 ? leaf.emitted : count_code_points(f.text) - generated;
            take_footnotes(f);
            pieces.push_back(std::move(f));
            start = cut + 1;  // past the separator
        }
        return pieces;
    }

    // "[^id]:" of a known definition at `at`.
    bool definition_at(std::string_view text, std::size_t at) const {
        if (text.substr(at, 2) != "[^") return false;
        std::size_t close = text.find(']', at + 2);
        return close != npos && close + 1 < text.size() && text[close + 1] == ':' &&
               footnote_ids_.count(std::string(text.substr(at + 2, close - at - 2))) > 0;
    }

    void take_footnotes(Finished& f) {
        if (footnote_ids_.empty()) return;
        auto mark_at = [&](std::size_t at, std::string* id) -> std::size_t {
            if (f.text.compare(at, 2, "[^") != 0) return 0;
            std::size_t close = f.text.find(']', at + 2);
            if (close == npos) return 0;
            *id = f.text.substr(at + 2, close - at - 2);
            return footnote_ids_.count(*id) ? close + 1 - at : 0;
        };
        auto drop = [&](std::size_t at, std::size_t len) {
            std::size_t n = count_code_points(std::string_view(f.text).substr(at, len));
            left_out(kFootnoteMarks, n);
            f.emitted -= n;
            f.text.erase(at, len);
        };
        std::string id;
        if (std::size_t len = mark_at(0, &id); len && len < f.text.size() && f.text[len] == ':') {
            std::size_t end = len + 1;
            while (end < f.text.size() && is_space(f.text[end])) ++end;
            drop(0, end);
            f.footnote_id = id;
        }
        for (std::size_t at = f.text.find("[^"); at != npos; at = f.text.find("[^", at)) {
            if (std::size_t len = mark_at(at, &id)) {
                drop(at, len);
                f.notes.push_back({"footnote:" + id, at});
                if (std::find(note_order_.begin(), note_order_.end(), id) == note_order_.end())
                    note_order_.push_back(id);
            } else {
                at += 2;
            }
        }
    }

    void flush_leaf() {
        if (!leaf_.open) return;
        for (Finished& piece : finish_leaf()) emit(std::move(piece));
    }

    SourceRef source_at(std::size_t offset) {
        std::size_t line = offset == npos ? last_line_ : lines_.line_of(offset);
        line = std::max({line, last_line_, std::size_t{1}});
        last_line_ = line;
        return SourceRef{doc_.path, line - 1, line};
    }

    void push(Block block) {
        if (doc_.blocks.size() + notes_.size() >= options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " blocks");
        doc_.blocks.push_back(std::move(block));
    }

    void emit(Finished f) {
        Item* item = !items_.empty() && !items_.back().used ? &items_.back() : nullptr;
        if (!f.footnote_id.empty()) {
            Block b;
            b.kind = BlockKind::footnote;
            b.note_id = "footnote:" + f.footnote_id;
            b.text = std::move(f.text);
            b.notes = std::move(f.notes);
            b.source = source_at(f.offset);
            notes_.push_back({std::move(b), f.footnote_id, f.emitted});
            return;
        }
        if (f.text.empty()) return;  // e.g. a paragraph that held only a comment
        Block b;
        b.text = std::move(f.text);
        b.notes = std::move(f.notes);
        b.heading_level = f.heading;
        b.style = std::move(f.style);
        if (item) {
            b.label = item->label;
            b.label_is_bullet = item->bullet;
            b.list_level = item->level;
            item->used = true;
        }
        b.source = source_at(f.offset);
        if (b.heading_level == 1 && first_h1_.empty()) first_h1_ = b.text;
        ledger_.emitted += f.emitted;
        push(std::move(b));
    }

    // A numbered item whose first content is not text (a nested list, or
    // nothing): its number is still shown, so it gets a block of its own.
    void emit_bare_label() {
        if (items_.empty() || items_.back().used || items_.back().bullet) return;
        Item& item = items_.back();
        Block b;
        b.label = item.label;
        b.list_level = item.level;
        b.source = source_at(npos);
        item.used = true;
        push(std::move(b));
    }

    void emit_row() {
        Block b;
        b.kind = BlockKind::table_row;
        b.table_depth = 1;
        // A row whose last cells are empty reads as its filled cells (the
        // usual way to write a merged row in a GFM table).
        std::size_t used = row_.size();
        while (used > 0 && row_[used - 1].empty()) --used;
        for (std::size_t i = 0; i < used; ++i) b.text += (i ? "\t" : "") + row_[i];
        b.cells = std::move(row_);
        row_.clear();
        b.source = source_at(row_offset_);
        ledger_.emitted += row_emitted_;
        push(std::move(b));
    }

    // Footnotes follow the body, numbered in the order they are first
    // referenced; one never referenced is not shown.
    void finish_notes() {
        for (std::size_t n = 0; n < note_order_.size(); ++n) {
            for (Note& note : notes_) {
                if (note.id != note_order_[n] || note.done) continue;
                note.block.label = std::to_string(n + 1);
                note.done = true;
                ledger_.emitted += note.emitted;
                push_note(std::move(note.block));
                break;
            }
        }
        for (Note& note : notes_)
            if (!note.done) left_out("unreferenced footnotes", note.emitted);
        notes_.clear();
    }

    void push_note(Block block) {
        if (doc_.blocks.size() >= options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " blocks");
        doc_.blocks.push_back(std::move(block));
    }

    // ---------------------------------------------------------- state

    struct List {
        bool ordered = false;
        unsigned next = 1;
        char delimiter = '.';
    };
    struct HtmlList {
        bool ordered = false;
        std::string format = "decimal";
        int next = 1;
        std::size_t items_depth = 0;  // items_.size() when the list opened
    };
    struct Item {
        std::string label;
        bool bullet = false;
        bool html = false;
        int level = 0;
        bool used = false;  // the label went to a block
    };
    struct Leaf {
        bool open = false;
        std::string text;
        char pending = 0;
        int heading = 0;
        std::string style;
        std::size_t offset = npos;  // source offset of its first text
        std::size_t emitted = 0;
        std::vector<std::size_t> generated;  // byte offsets of the separators written
    };
    struct Chunk {
        std::size_t raw;     // offset in html_raw_
        std::size_t source;  // offset in the source, or npos
    };
    struct Note {
        Block block;
        std::string id;
        std::size_t emitted = 0;
        bool done = false;
    };

    std::string_view src_;
    text_input::LineIndex lines_;
    const LoadOptions& options_;
    Document& doc_;
    std::set<std::string> footnote_ids_;
    std::exception_ptr failure_;

    std::vector<List> lists_;
    std::vector<HtmlList> html_lists_;
    std::vector<Item> items_;
    Leaf leaf_;
    int quote_depth_ = 0;
    bool in_code_ = false;
    bool in_html_ = false;
    std::string html_raw_;
    std::vector<Chunk> html_chunks_;
    std::vector<std::string> row_;
    std::size_t row_offset_ = npos;
    std::size_t row_emitted_ = 0;
    std::vector<Note> notes_;
    std::vector<std::string> note_order_;
    std::size_t last_line_ = 1;
    std::string first_h1_;

    ingest::Ledger ledger_;  // characters read, emitted and left out
};

// ------------------------------------------------------------ sniffing

bool atx_heading(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    return n >= 1 && n <= 6 && n < line.size() && (line[n] == ' ' || line[n] == '\t');
}

bool table_separator(std::string_view line) {
    line = trim(line);
    if (line.find('|') == npos || line.find("---") == npos) return false;
    return std::all_of(line.begin(), line.end(),
                       [](char c) { return c == '|' || c == '-' || c == ':' || c == ' ' || c == '\t'; });
}

bool strong_emphasis(std::string_view line) {
    for (std::string_view marker : {"**", "__"}) {
        std::size_t open = line.find(marker);
        while (open != npos && open + 2 < line.size()) {
            std::size_t close = line.find(marker, open + 3);
            if (close == npos) break;
            if (!is_space(line[open + 2]) && !is_space(line[close - 1])) return true;
            open = line.find(marker, open + 2);
        }
    }
    return false;
}

bool inline_link(std::string_view line) {
    for (std::size_t at = line.find("]("); at != npos; at = line.find("](", at + 2)) {
        std::size_t open = line.rfind('[', at);
        std::size_t close = line.find(')', at + 2);
        if (open == npos || close == npos || close == at + 2) continue;
        std::string_view target = line.substr(at + 2, close - at - 2);
        if (target.find(' ') == npos) return true;
    }
    return false;
}

}  // namespace

bool looks_like_markdown(std::string_view text) {
    std::string converted;
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        std::size_t n = std::min<std::size_t>(text.size() - 2, 64u << 10) & ~std::size_t{1};
        // Cutting may split a surrogate pair: drop a unit and try again.
        bool big_endian = text[0] == '\xFE';
        if (!utf16_to_utf8(text.substr(2, n), big_endian, converted) &&
            !(n >= 2 && utf16_to_utf8(text.substr(2, n - 2), big_endian, converted)))
            return false;
        text = converted;
    }
    if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
    text = text.substr(0, 64u << 10);
    if (front_matter_end(text, nullptr) > 0) return true;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t next;
        std::string_view line = line_at(text, pos, &next);
        pos = next;
        std::size_t indent = 0;
        while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
        std::string_view body = line.substr(indent);
        if (atx_heading(body) || starts_with(body, "```") || starts_with(body, "~~~")) return true;
        if (table_separator(line) || strong_emphasis(line) || inline_link(line)) return true;
    }
    return false;
}

void read_markdown(std::string_view bytes, const LoadOptions& options, Document& doc) {
    std::string text = text_input::decode(bytes, doc.path);
    doc.format = "markdown";
    Cleaned cleaned = clean_source(text);
    doc.stats.chars_read = cleaned.front_matter + cleaned.template_markup;
    if (cleaned.front_matter) doc.stats.left_out.emplace_back("front matter", cleaned.front_matter);
    if (cleaned.template_markup) doc.stats.left_out.emplace_back("template markup", cleaned.template_markup);
    if (cleaned.template_tags)
        doc.warnings.push_back({doc.path, std::to_string(cleaned.template_tags) +
                                              " Liquid template tag(s) removed; their values are not known"});
    MarkdownReader reader(cleaned, options, doc);
    reader.run();
    doc.title = !cleaned.title.empty() ? cleaned.title : reader.first_h1();
}

}  // namespace onus::ingest
