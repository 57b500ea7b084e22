// The plain-text reader: agreements saved as .txt, typed or produced by a
// PDF-to-text tool, which hard-wraps lines and repeats page headers.
//
// Plain text has no markup, so every structure is a guess from layout:
// - A paragraph is a run of lines between blank lines; its wrapped lines
//   are joined with a space ("secu-" + "rity" joins to "security" when the
//   next line starts in lower case, "Customer-" + "Managed" keeps its
//   hyphen).
// - A line that starts with a typed clause number ("4.2 ", "(a) ",
//   "Section 5.", "ARTICLE IV") starts a new block even without a blank
//   line before it, unless the line before ends with a word that needs a
//   number after it ("as set out in Section" / "4.2 ...").
// - A short line in capitals with no final period is a heading.
// - Page furniture (form feeds, repeated running headers and footers, bare
//   page numbers) is dropped and counted, and a paragraph cut by a page
//   break is joined again.
// - A "simple table" (a header line over a rule of dash groups, rows
//   aligned to the groups) becomes table rows; a footnote section after a
//   rule ("[1] text") becomes footnote blocks, and "[1]" marks in the body
//   become NoteRefs.
//
// Accounting: a line's text is what it holds without its indentation and
// trailing spaces; separators the reader writes when joining lines are
// generated; rule lines ("-----") and table padding are layout.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ingest/ledger.hpp"
#include "ingest/readers.hpp"
#include "ingest/text/input.hpp"
#include "onus/error.hpp"
#include "onus/structure.hpp"
#include "onus/text.hpp"

namespace onus::ingest {

// ------------------------------------------------------------ text_input

namespace text_input {

std::string decode(std::string_view bytes, const std::string& where) {
    std::string text;
    std::size_t base = 0;  // bytes skipped before `text` starts (the BOM)
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        // Strict: an odd length or a lone surrogate is corruption, not
        // something to repair.
        if (!utf16_to_utf8(bytes.substr(2), bytes[0] == '\xFE', text))
            throw Error(ErrorCode::malformed, where, "invalid UTF-16 (odd length or lone surrogate)");
    } else {
        if (bytes.substr(0, 3) == "\xEF\xBB\xBF") base = 3;
        text.assign(bytes.substr(base));
    }
    if (text.find('\0') != std::string::npos) throw Error(ErrorCode::malformed, where, "binary data, not text");
    // ICU's U8_NEXT refuses overlongs, surrogates and truncated sequences.
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    int32_t length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
    if (text.size() > static_cast<std::size_t>(INT32_MAX))
        throw Error(ErrorCode::limit, where, "text larger than 2 GiB");
    for (int32_t i = 0; i < length;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(p, i, length, c);
        if (c < 0) throw Error(ErrorCode::malformed, where, "invalid UTF-8 at byte " + std::to_string(base + at));
    }
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end - start > kMaxLineBytes)
            throw Error(ErrorCode::limit, where,
                        "a line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB at line " +
                            std::to_string(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(start), '\n') + 1));
        start = end + 1;
    }
    return text;
}

LineIndex::LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') starts_.push_back(i + 1);
}

std::size_t LineIndex::line_of(std::size_t offset) const {
    return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
}

}  // namespace text_input

namespace {

constexpr std::size_t npos = std::string::npos;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

UChar32 first_code_point(std::string_view s) {
    if (s.empty()) return -1;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(p, i, static_cast<int32_t>(std::min<std::size_t>(s.size(), 8)), c);
    return c;
}

UChar32 code_point_before(std::string_view s, std::size_t end) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t i = static_cast<int32_t>(end);
    UChar32 c;
    U8_PREV(p, 0, i, c);
    return c;
}

// Byte offset of every code point of `s`, and s.size() at the end: the
// columns of a monospaced line.
std::vector<std::size_t> columns(std::string_view s) {
    std::vector<std::size_t> at;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t n = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < n;) {
        at.push_back(static_cast<std::size_t>(i));
        UChar32 c;
        U8_NEXT(p, i, n, c);
    }
    at.push_back(s.size());
    return at;
}

// Letters, none of them lower case: "SECURITY", "ARTICLE IV - TERM".
bool all_caps(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    int32_t n = static_cast<int32_t>(s.size());
    int letters = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (u_islower(c)) return false;
        if (u_isalpha(c)) ++letters;
    }
    return letters >= 2;
}

// A line that reads as a heading on its own: capitals, short, no final
// punctuation of a sentence.
bool caps_heading(std::string_view s) {
    if (s.empty() || !all_caps(s) || count_code_points(s) > 80) return false;
    if (std::count(s.begin(), s.end(), ' ') > 11) return false;
    char last = s.back();
    return last != '.' && last != ',' && last != ';' && last != ':';
}

// A separator line of one repeated mark: "-----", "=====", "* * *".
bool rule_line(std::string_view s) {
    if (s.size() < 3) return false;
    char mark = s.front();
    if (mark != '-' && mark != '=' && mark != '_' && mark != '*' && mark != '~') return false;
    return std::all_of(s.begin(), s.end(), [&](char c) { return c == mark || c == ' '; }) &&
           std::count(s.begin(), s.end(), mark) >= 3;
}

// "Page 3 of 12", digits turned to '#' and spaces collapsed: the shape
// repeated headers and footers share.
std::string shape_key(std::string_view s) {
    std::string key;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (key.empty() || key.back() != '#') key += '#';
        } else if (is_space(c)) {
            if (!key.empty() && key.back() != ' ') key += ' ';
        } else {
            key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    return key;
}

bool bare_number(const std::string& key) { return key == "#"; }

// "Page 3", "Page 3 of 12", "3 of 12", "3/12", "- 3 -", "— 3 —".
bool page_number_shape(const std::string& key) {
    static const std::set<std::string> shapes = {
        "page #", "page # of #", "page #/#", "# of #", "#/#", "- # -", "-#-", "\u2013 # \u2013", "\u2014 # \u2014",
        "[#]",    "p. #",        "pg. #",
    };
    return shapes.count(key) > 0;
}

// The words after which a line-initial number continues the sentence
// ("... as set out in Section" / "4.2 of the Order Form") rather than
// starting a clause.
bool needs_number_after(std::string_view line) {
    std::size_t space = line.find_last_of(" \t");
    std::string word(line.substr(space == npos ? 0 : space + 1));
    for (char& c : word) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    static const std::set<std::string> words = {
        "section", "sections", "article", "articles", "clause",  "clauses", "paragraph", "paragraphs",
        "schedule", "annex",   "exhibit", "appendix", "part",    "parts",   "of",        "to",
        "in",      "under",    "with",    "see",      "than",    "per",     "at",        "by",
        "within",  "the",      "a",       "an",       "item",    "items",   "no.",       "subsection",
        "this",    "that",     "such",    "said",
    };
    if (words.count(word)) return true;
    // "(a) ... and" / "(b)" is the next item of a list; "terms and" /
    // "(b)" is not, but an "and" with no list punctuation before it is.
    if (word == "and" || word == "or") {
        std::string_view before = line.substr(0, space == npos ? 0 : space);
        before = trim(before);
        return !before.empty() && before.back() != ';' && before.back() != ',';
    }
    return false;
}

bool ends_sentence(std::string_view s) {
    s = trim(s);
    if (s.empty()) return true;
    static const std::string_view closers[] = {".", ":", ";", "!", "?", "\u201D", "\"", ")"};
    for (std::string_view c : closers)
        if (s.size() >= c.size() && s.substr(s.size() - c.size()) == c) return true;
    return false;
}

// "[1] text" at a line start: the id, and where the text starts.
std::optional<std::pair<std::string, std::size_t>> footnote_entry(std::string_view s) {
    if (s.size() < 4 || s[0] != '[') return std::nullopt;
    std::size_t close = s.find(']');
    if (close == npos || close < 2 || close > 5 || close + 1 >= s.size() || !is_space(s[close + 1])) return std::nullopt;
    std::string_view id = s.substr(1, close - 1);
    if (!std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || c == '*'; }))
        return std::nullopt;
    std::size_t text = close + 1;
    while (text < s.size() && is_space(s[text])) ++text;
    return std::make_pair(std::string(id), text);
}

// One line of the file, kept small: a text may have millions of them.
struct Line {
    const char* start = nullptr;  // the whole line, for table columns
    std::uint32_t length = 0;
    std::uint32_t lead = 0;         // bytes of indentation
    std::uint32_t text_length = 0;  // without indentation and trailing spaces
    std::uint32_t page = 0;
    std::size_t number = 0;  // 1-based line in the file
    bool page_break = false;  // a form feed stands before this line
    bool removed = false;     // page header, footer or number

    std::string_view raw() const { return {start, length}; }
    std::string_view text() const { return {start + lead, text_length}; }
    std::size_t indent() const { return lead; }
    bool blank() const { return text_length == 0; }
};

// The lines of `s`, a run of blank lines kept as one (they only separate).
std::vector<Line> split_lines(std::string_view s, const LoadOptions& options, const std::string& where) {
    std::vector<Line> lines;
    lines.reserve(static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) / 2 + 1);
    std::size_t number = 1, pos = 0;
    std::uint32_t page = 0;
    bool page_break = false;
    auto add = [&](std::string_view raw) {
        Line l;
        l.start = raw.data();
        l.length = static_cast<std::uint32_t>(raw.size());
        std::size_t lead = 0;
        while (lead < raw.size() && is_space(raw[lead])) ++lead;
        l.lead = static_cast<std::uint32_t>(lead);
        l.text_length = static_cast<std::uint32_t>(trim(raw).size());
        l.number = number;
        l.page = page;
        l.page_break = page_break;
        if (l.blank() && !page_break && !lines.empty() && lines.back().blank()) return;
        if (lines.size() >= options.limits.max_lines)
            throw Error(ErrorCode::limit, where,
                        "more than " + std::to_string(options.limits.max_lines) + " lines of text");
        page_break = false;
        lines.push_back(l);
    };
    while (pos <= s.size()) {
        std::size_t end = s.find_first_of("\r\n", pos);
        std::string_view line = s.substr(pos, (end == npos ? s.size() : end) - pos);
        // A form feed starts a new page, wherever it stands in the line.
        for (std::size_t ff = line.find('\f'); ff != npos; ff = line.find('\f')) {
            if (!trim(line.substr(0, ff)).empty()) add(line.substr(0, ff));
            ++page;
            page_break = true;
            line.remove_prefix(ff + 1);
        }
        add(line);
        if (end == npos) break;
        pos = end + (s[end] == '\r' && end + 1 < s.size() && s[end + 1] == '\n' ? 2 : 1);
        ++number;
    }
    while (!lines.empty() && lines.back().blank() && !lines.back().page_break) lines.pop_back();
    return lines;
}

// A paragraph being assembled from lines.
struct Para {
    std::string text;
    std::size_t first = 0;  // index into lines_
    std::size_t line_count = 0;
    std::size_t emitted = 0;
    std::vector<NoteRef> notes;
    bool page_gap = false;  // only page furniture since the previous paragraph
};

class TextReader {
public:
    TextReader(std::string_view text, const LoadOptions& options, Document& doc)
        : lines_(split_lines(text, options, doc.path)), options_(options), doc_(doc) {}

    void run() {
        remove_page_furniture();
        collect_footnote_ids();
        std::size_t i = 0;
        while (i < lines_.size()) i = step(i);
        end_paragraph();
        emit_held();
        for (Block& b : notes_) push(std::move(b));
        ledger_.finish(doc_);
    }

private:
    // ---------------------------------------------------------- page furniture

    bool standalone(std::size_t i) const {
        bool before = i == 0 || lines_[i - 1].blank() || lines_[i].page_break;
        bool after = i + 1 >= lines_.size() || lines_[i + 1].blank() || lines_[i + 1].page_break;
        return before && after;
    }

    // Among the first or last three non-blank lines of its page.
    bool at_page_edge(std::size_t i) const {
        int seen = 0;
        for (std::size_t j = i; j-- > 0;) {
            if (lines_[j + 1].page_break) break;
            if (!lines_[j].blank() && ++seen >= 3) break;
        }
        bool near_top = seen < 3 && (lines_[i].page_break || page_count_ > 1);
        seen = 0;
        for (std::size_t j = i + 1; j < lines_.size(); ++j) {
            if (lines_[j].page_break) break;
            if (!lines_[j].blank() && ++seen >= 3) break;
        }
        bool near_bottom = seen < 3 && page_count_ > 1;
        return near_top || near_bottom;
    }

    // Running headers and footers repeat at page boundaries (the same text
    // but for page numbers), 3 times or more; bare page numbers stand alone.
    // With form feeds the pages are known; without, a repeated line counts
    // only when its repeats are spread like pages (20+ lines apart, evenly).
    void remove_page_furniture() {
        page_count_ = lines_.empty() ? 0 : lines_.back().page + 1;
        bool paged = page_count_ > 1;
        std::map<std::string, std::vector<std::size_t>> repeats;
        std::vector<std::size_t> bare;
        std::size_t removed = 0;
        auto remove = [&](std::size_t i) {
            if (lines_[i].removed) return;
            lines_[i].removed = true;
            std::size_t n = count_code_points(lines_[i].text());
            ledger_.read += n;
            left_out("page headers and footers", n);
            ++removed;
        };
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const Line& l = lines_[i];
            if (l.blank() || rule_line(l.text()) || count_code_points(l.text()) > 120) continue;
            std::string key = shape_key(l.text());
            if (paged && !at_page_edge(i)) {
                // Body text repeating the shape disqualifies it.
                if (!page_number_shape(key) && !bare_number(key)) repeats[key].push_back(npos);
                continue;
            }
            if (standalone(i) && page_number_shape(key)) {
                remove(i);
            } else if (bare_number(key)) {
                if (standalone(i) && l.text().size() <= 4) bare.push_back(i);
            } else if (!typed_number(l.text())) {
                repeats[key].push_back(i);
            }
        }
        for (auto& [key, at] : repeats) {
            if (at.size() < 3) continue;
            if (paged) {
                // Once per page, at its top or bottom, on 3 pages or more.
                if (std::find(at.begin(), at.end(), npos) != at.end()) continue;
                std::set<std::size_t> pages;
                for (std::size_t i : at) pages.insert(lines_[i].page);
                if (pages.size() != at.size()) continue;
            } else {
                std::size_t min_gap = npos, max_gap = 0;
                for (std::size_t k = 1; k < at.size(); ++k) {
                    std::size_t gap = lines_[at[k]].number - lines_[at[k - 1]].number;
                    min_gap = std::min(min_gap, gap);
                    max_gap = std::max(max_gap, gap);
                }
                if (min_gap < 20 || max_gap * 2 > min_gap * 5) continue;
            }
            for (std::size_t i : at) remove(i);
        }
        // Bare numbers: page numbers when pages are known, or when several
        // stand alone at page-like distances; else possibly a clause number.
        bool spread = bare.size() >= 2;
        for (std::size_t k = 1; k < bare.size(); ++k)
            if (lines_[bare[k]].number - lines_[bare[k - 1]].number < 20) spread = false;
        if (paged || spread)
            for (std::size_t i : bare) remove(i);
        if (removed)
            warn(std::to_string(removed) + " page header, footer and page number line(s) removed");
    }

    // ---------------------------------------------------------- footnotes

    // A footnote section: a rule line, then "[1] text" entries.
    bool footnote_section_at(std::size_t i) const {
        if (!rule_line(lines_[i].text()) || lines_[i].removed) return false;
        std::size_t j = i + 1;
        while (j < lines_.size() && lines_[j].blank()) ++j;
        return j < lines_.size() && footnote_entry(lines_[j].text()).has_value();
    }

    // The ids of every footnote section, before the body is read: the
    // marks come before their notes.
    void collect_footnote_ids() {
        for (std::size_t i = 0; i < lines_.size(); ++i)
            if (footnote_section_at(i)) i = read_footnotes(i, true) - 1;
    }

    // Read the section's entries (continuation lines follow an entry
    // directly or are indented); returns the first line after it. With
    // `ids_only`, only learn the entries' ids.
    std::size_t read_footnotes(std::size_t i, bool ids_only = false) {
        std::size_t j = i + 1;
        std::optional<Para> note;
        std::string note_id;
        bool after_blank = false;
        auto finish = [&] {
            if (!note) return;
            Block b;
            b.kind = BlockKind::footnote;
            b.label = note_id;
            b.note_id = "footnote:" + note_id;
            b.text = std::move(note->text);
            b.source = source(note->first);
            ledger_.emitted += note->emitted;
            notes_.push_back(std::move(b));
            note.reset();
        };
        for (; j < lines_.size(); ++j) {
            const Line& l = lines_[j];
            if (l.removed) continue;
            if (l.blank()) {
                after_blank = true;
                continue;
            }
            if (rule_line(l.text())) break;
            auto entry = footnote_entry(l.text());
            if (entry && l.indent() == 0) {
                if (ids_only) {
                    footnote_ids_.insert(entry->first);
                } else {
                    finish();
                    note.emplace();
                    note->first = j;
                    note_id = entry->first;
                    std::string_view mark = l.text().substr(0, entry->second);
                    std::size_t n = count_code_points(mark);
                    ledger_.read += n;
                    left_out("footnote marks", n);
                    add_text(*note, l.text().substr(entry->second));
                }
            } else if ((note || ids_only) && (!after_blank || l.indent() > 0)) {
                if (!ids_only) add_text(*note, l.text());
            } else {
                break;
            }
            after_blank = false;
        }
        finish();
        return j;
    }

    // "report[1] and": the mark of a known footnote, glued to the word
    // before it, becomes a NoteRef.
    void take_note_marks(Para& p) {
        if (footnote_ids_.empty()) return;
        for (std::size_t at = p.text.find('['); at != npos; at = p.text.find('[', at)) {
            std::size_t close = p.text.find(']', at);
            if (at == 0 || is_space(p.text[at - 1]) || close == npos || close - at > 6) {
                ++at;
                continue;
            }
            std::string id = p.text.substr(at + 1, close - at - 1);
            if (!footnote_ids_.count(id)) {
                ++at;
                continue;
            }
            std::size_t n = close + 1 - at;
            left_out("footnote marks", n);
            p.emitted -= n;
            p.text.erase(at, n);
            p.notes.push_back({"footnote:" + id, at});
        }
    }

    // ---------------------------------------------------------- tables

    // The column starts of a rule of dash groups under a table's header
    // ("-----  ------"), or nothing when the line is not one.
    std::vector<std::pair<std::size_t, std::size_t>> dash_groups(const Line& l) const {
        std::vector<std::pair<std::size_t, std::size_t>> groups;  // [start, end) columns
        std::string_view raw = l.raw();
        if (l.blank() || raw.find_first_not_of("- \t") != npos) return {};
        for (std::size_t i = 0; i < raw.size();) {
            if (raw[i] != '-') {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < raw.size() && raw[j] == '-') ++j;
            if (j - i < 2) return {};
            groups.emplace_back(i, j);
            i = j;
        }
        if (groups.size() < 2) return {};
        return groups;
    }

    bool table_at(std::size_t i) const {
        return i + 1 < lines_.size() && !lines_[i].blank() && !lines_[i + 1].page_break && !lines_[i + 1].removed &&
               !dash_groups(lines_[i + 1]).empty() && (i == 0 || lines_[i - 1].blank() || lines_[i].page_break);
    }

    std::size_t read_table(std::size_t i) {
        auto groups = dash_groups(lines_[i + 1]);
        std::optional<Para> spanning;
        auto finish_spanning = [&] {
            if (!spanning) return;
            emit_row({spanning->text}, spanning->first, spanning->emitted);
            spanning.reset();
        };
        std::size_t j = i;
        for (; j < lines_.size(); ++j) {
            const Line& l = lines_[j];
            if (j == i + 1) continue;  // the rule
            if (l.blank() || l.removed || (j > i && l.page_break) || rule_line(l.text())) break;
            std::vector<std::size_t> col = columns(l.raw());
            auto char_at = [&](std::size_t c) { return c + 1 < col.size() ? l.raw()[col[c]] : ' '; };
            // Text in the gap between two groups: a row spanning the table.
            bool crosses = false;
            for (std::size_t g = 0; g + 1 < groups.size() && !crosses; ++g)
                for (std::size_t c = groups[g].second; c < groups[g + 1].first; ++c)
                    if (!is_space(char_at(c))) crosses = true;
            if (crosses) {
                if (spanning && !ends_sentence(spanning->text)) {
                    add_text(*spanning, l.text());
                } else {
                    finish_spanning();
                    spanning.emplace();
                    spanning->first = j;
                    add_text(*spanning, l.text());
                }
                continue;
            }
            finish_spanning();
            std::vector<std::string> cells;
            std::size_t emitted = 0;
            for (std::size_t g = 0; g < groups.size(); ++g) {
                std::size_t from = std::min(groups[g].first, col.size() - 1);
                std::size_t to = g + 1 < groups.size() ? std::min(groups[g + 1].first, col.size() - 1) : col.size() - 1;
                std::string_view cell = trim(l.raw().substr(col[from], col[to] - col[from]));
                std::size_t n = count_code_points(cell);
                ledger_.read += n;
                emitted += n;
                cells.emplace_back(cell);
            }
            emit_row(std::move(cells), j, emitted);
        }
        finish_spanning();
        return j;
    }

    void emit_row(std::vector<std::string> cells, std::size_t line, std::size_t emitted) {
        Block b;
        b.kind = BlockKind::table_row;
        b.table_depth = 1;
        for (std::size_t c = 0; c < cells.size(); ++c) b.text += (c ? "\t" : "") + cells[c];
        b.cells = std::move(cells);
        b.source = source(line);
        ledger_.emitted += emitted;
        push(std::move(b));
    }

    // ---------------------------------------------------------- paragraphs


    // One line's text onto a paragraph: joined by a space, or, when the
    // line ends in a hyphen after a letter, without one: "secu-" + "rity"
    // is "security" (the hyphen only broke the word), "Customer-" +
    // "Managed" is "Customer-Managed".
    void add_text(Para& p, std::string_view text) {
        std::size_t n = count_code_points(text);
        ledger_.read += n;
        p.emitted += n;
        if (!p.text.empty()) {
            std::size_t size = p.text.size();
            bool word_break = size >= 2 && p.text[size - 1] == '-' && u_isalpha(code_point_before(p.text, size - 1));
            if (word_break && u_islower(first_code_point(text))) {
                p.text.pop_back();
                p.emitted -= 1;
                left_out("hyphens at line ends", 1);
            } else if (!word_break) {
                p.text += ' ';
            }
        }
        p.text.append(text);
        ++p.line_count;
    }

    std::size_t step(std::size_t i) {
        const Line& l = lines_[i];
        if (l.page_break) boundary(true);
        if (l.removed) {
            boundary(true);
            return i + 1;
        }
        if (l.blank()) {
            boundary(false);
            return i + 1;
        }
        if (footnote_section_at(i)) {
            boundary(false);
            return read_footnotes(i);
        }
        if (rule_line(l.text())) {
            boundary(false);
            return i + 1;
        }
        if (table_at(i)) {
            end_paragraph();
            emit_held();
            return read_table(i);
        }
        if (para_ && starts_block(i)) end_paragraph();
        if (!para_) start_paragraph(i);
        add_text(*para_, l.text());
        return i + 1;
    }

    // Does line i start a block of its own inside a run of lines?
    bool starts_block(std::size_t i) const {
        const Line& l = lines_[i];
        const Line& prev = lines_[i - 1];
        // "SECURITY" over "Provider shall ..." with no blank line between.
        if (para_->line_count == 1 && caps_heading(prev.text()) && !all_caps(l.text())) return true;
        if (auto typed = typed_number(l.text())) {
            // "Section 6 do not apply" or "4.2 of the Order Form": a wrapped
            // reference; clause text after a number or keyword starts in
            // capitals (lower case after "(a)" is normal).
            bool lettered = typed->label.front() == '(' || typed->label.back() == ')';
            if (!lettered && u_islower(first_code_point(l.text().substr(typed->text_start)))) return false;
            return !needs_number_after(prev.text());
        }
        for (std::string_view bullet : {"\u2022 ", "\u25E6 ", "\u25AA ", "\u2023 "})
            if (starts_with(l.text(), bullet)) return true;
        return false;
    }

    // A blank line or page furniture ends the paragraph; page furniture
    // (or a form feed) leaves a gap the paragraph may continue across.
    void boundary(bool page) {
        if (para_) end_paragraph();
        if (page) page_gap_ = true;
    }

    void start_paragraph(std::size_t i) {
        const Line& l = lines_[i];
        // A paragraph cut by a page break continues in lower case (or
        // after a hyphen): join it to the held one.
        if (held_ && page_gap_ && !held_heading_ && !ends_sentence(held_->text) &&
            (u_islower(first_code_point(l.text())) || held_->text.back() == '-')) {
            para_ = std::move(held_);
            held_.reset();
        } else {
            emit_held();
            para_.emplace();
            para_->first = i;
        }
        page_gap_ = false;
    }

    void end_paragraph() {
        if (!para_) return;
        emit_held();
        held_ = std::move(para_);
        para_.reset();
        const Line& first = lines_[held_->first];
        held_heading_ = held_->line_count == 1 && caps_heading(first.text());
        page_gap_ = false;
    }

    void emit_held() {
        if (!held_) return;
        Para p = std::move(*held_);
        held_.reset();
        bool heading = p.line_count == 1 && caps_heading(p.text);
        take_note_marks(p);
        if (p.text.empty()) return;
        Block b;
        b.text = std::move(p.text);
        b.notes = std::move(p.notes);
        b.heading_level = heading ? 1 : 0;
        b.source = source(p.first);
        ledger_.emitted += p.emitted;
        // The title: a first line standing alone that reads like one
        // ("Northwind Cloud Services Agreement"), else the first heading.
        if (doc_.blocks.empty() && p.line_count == 1 && !ends_sentence(b.text) && count_code_points(b.text) <= 100 &&
            !typed_number(b.text))
            doc_.title = b.text;
        if (heading && doc_.title.empty()) doc_.title = b.text;
        push(std::move(b));
    }

    // ---------------------------------------------------------- output

    SourceRef source(std::size_t line_index) const {
        std::size_t line = lines_[line_index].number;
        return SourceRef{doc_.path, line - 1, line};
    }

    void push(Block block) {
        if (doc_.blocks.size() >= options_.limits.max_blocks)
            throw Error(ErrorCode::limit, doc_.path,
                        "more than " + std::to_string(options_.limits.max_blocks) + " blocks");
        doc_.blocks.push_back(std::move(block));
    }

    void left_out(const std::string& reason, std::size_t n) {
        if (n) ledger_.leave_out(reason, n);
    }

    void warn(std::string message) { doc_.warnings.push_back({doc_.path, std::move(message)}); }

    std::vector<Line> lines_;
    const LoadOptions& options_;
    Document& doc_;
    std::size_t page_count_ = 0;
    std::set<std::string> footnote_ids_;
    std::optional<Para> para_;
    std::optional<Para> held_;  // ended, not yet emitted: a page break may continue it
    bool held_heading_ = false;
    bool page_gap_ = false;
    std::vector<Block> notes_;
    ingest::Ledger ledger_;  // characters read, emitted and left out
};

}  // namespace

void read_plain_text(std::string_view bytes, const LoadOptions& options, Document& doc) {
    std::string text = text_input::decode(bytes, doc.path);
    doc.format = "text";
    TextReader(text, options, doc).run();
}

}  // namespace onus::ingest
