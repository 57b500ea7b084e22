// analysis/quantity.cpp: quantities in contract text (onus/quantity.hpp).
//
// The text is normalised (lower case, dashes and quotes unified, spaces
// collapsed), cut into tokens (words, numbers, single symbols) and read
// with a small recursive grammar:
//
//   quantity   := open-limit | frequency | coverage | money | number-led
//   number-led := number ["or more"] ["-"] [modifiers] unit [duplicate]
//   number     := figures ["(" words ")"] | words ["(" figures ")"] | "a" | "an"
//
// Contracts write most numbers twice ("thirty (30) days"), glue units with
// hyphens ("12-month period", "24-hours-per-day") and scatter numbers that
// are not quantities at all (section numbers, years, SOC 2, ids in HTML
// left in Markdown). Rather than whitelisting quantities by regex, the
// scanner rejects numbers by what touches them: a reference word before,
// another number glued on with '.', ':', '/' or '-', a month name, a URL.
#include "onus/quantity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <optional>

#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus {

namespace {

// ---------------------------------------------------------------- tokens

enum class TokType { word, number, symbol };

struct Token {
    TokType type = TokType::word;
    std::size_t begin = 0;  // byte offsets in the normalised text
    std::size_t end = 0;
    std::string_view s;
    bool space_before = false;  // false: glued to the previous token
    double number = 0;          // TokType::number: its value
    bool thousands = false;     // "1,000": written with separators
    bool decimal = false;       // "99.95"
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Non-ASCII characters that are symbols rather than letters for our
// purpose: currency signs, the section sign, the multiplication sign
// ("24×7"). Returns the byte length of the sign at `at`, 0 if none.
std::size_t sign_length(std::string_view t, std::size_t at) {
    static const std::array<std::string_view, 6> signs = {"\u20AC", "\u00A3", "\u00A5", "\u00A7", "\u00D7",
                                                          "\u2044"};
    for (std::string_view s : signs)
        if (t.substr(at, s.size()) == s) return s.size();
    return 0;
}

// Figures: digits, thousands groups of exactly three ("1,000,000", not
// "1,2"), one decimal part ("99.95"). A second ".digit" stays outside, so
// that "1.1.2" can be recognised as a dotted label.
std::size_t scan_figures(std::string_view t, std::size_t i, Token& tok) {
    std::size_t j = i;
    while (j < t.size() && is_digit(t[j])) ++j;
    while (j + 3 < t.size() && t[j] == ',' && is_digit(t[j + 1]) && is_digit(t[j + 2]) && is_digit(t[j + 3]) &&
           (j + 4 >= t.size() || !is_digit(t[j + 4]))) {
        tok.thousands = true;
        j += 4;
    }
    if (j + 1 < t.size() && t[j] == '.' && is_digit(t[j + 1])) {
        tok.decimal = true;
        ++j;
        while (j < t.size() && is_digit(t[j])) ++j;
    }
    std::string digits;
    for (std::size_t k = i; k < j; ++k)
        if (t[k] != ',') digits += t[k];
    tok.number = std::strtod(digits.c_str(), nullptr);
    return j;
}

std::vector<Token> tokenize(std::string_view t) {
    std::vector<Token> out;
    bool space = true;
    std::size_t i = 0;
    while (i < t.size()) {
        if (t[i] == ' ') {
            space = true;
            ++i;
            continue;
        }
        Token tok;
        tok.begin = i;
        tok.space_before = space;
        space = false;
        std::size_t j = i;
        bool leading_point = t[i] == '.' && tok.space_before && i + 1 < t.size() && is_digit(t[i + 1]);  // ".05%"
        if (is_digit(t[i]) || leading_point) {
            tok.type = TokType::number;
            j = scan_figures(t, i, tok);
        } else if (std::size_t n = sign_length(t, i); n > 0) {
            tok.type = TokType::symbol;
            j = i + n;
        } else if (is_ascii_letter(t[i]) || static_cast<unsigned char>(t[i]) >= 0x80) {
            tok.type = TokType::word;
            while (j < t.size() && (is_ascii_letter(t[j]) || static_cast<unsigned char>(t[j]) >= 0x80) &&
                   sign_length(t, j) == 0)
                ++j;
        } else {
            tok.type = TokType::symbol;
            j = i + 1;
        }
        tok.end = j;
        tok.s = t.substr(i, j - i);
        out.push_back(tok);
        i = j;
    }
    return out;
}

// ---------------------------------------------------------------- tables

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Words before a number that make it a reference, not a quantity.
constexpr std::array<std::string_view, 38> reference_words = {
    "section", "sections", "clause", "clauses", "article", "articles", "art", "paragraph", "paragraphs", "para",
    "schedule", "exhibit", "annex", "appendix", "attachment", "addendum", "part", "chapter", "item", "version",
    "v", "soc", "iso", "iec", "nist", "pci", "no", "number", "page", "step", "rule", "regulation", "recital",
    "tier", "level", "severity", "priority", "phase"};

constexpr std::array<std::string_view, 12> month_names = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};

struct NumberWord {
    std::string_view word;
    int value;
};

constexpr std::array<NumberWord, 28> number_words = {{
    {"zero", 0},      {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},     {"five", 5},
    {"six", 6},       {"seven", 7},      {"eight", 8},      {"nine", 9},      {"ten", 10},     {"eleven", 11},
    {"twelve", 12},   {"thirteen", 13},  {"fourteen", 14},  {"fifteen", 15},  {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19},  {"twenty", 20},    {"thirty", 30},   {"forty", 40},   {"fifty", 50},
    {"sixty", 60},    {"seventy", 70},   {"eighty", 80},    {"ninety", 90},
}};

std::optional<int> number_word(std::string_view w) {
    // Asked of nearly every word of a text and nearly always "no": the
    // length and first letter rule most words out before the table walk.
    if (w.size() < 3 || w.size() > 9) return std::nullopt;
    switch (w.front()) {
        case 'z': case 'o': case 't': case 'f': case 's': case 'e': case 'n': break;
        default: return std::nullopt;
    }
    for (const NumberWord& n : number_words)
        if (n.word == w) return n.value;
    return std::nullopt;
}

std::optional<double> scale_word(std::string_view w) {
    if (w == "thousand") return 1e3;
    if (w == "million") return 1e6;
    if (w == "billion") return 1e9;
    return std::nullopt;
}

struct DurationUnit {
    std::string_view word;
    std::string_view unit;  // canonical
    double hours;
};

// Month = 30 days, quarter = 90, year = 365: the header's documented
// normalisation; compare() orders months against years exactly.
constexpr std::array<DurationUnit, 22> duration_units = {{
    {"second", "second", 1.0 / 3600}, {"seconds", "second", 1.0 / 3600}, {"secs", "second", 1.0 / 3600},
    {"minute", "minute", 1.0 / 60},   {"minutes", "minute", 1.0 / 60},   {"min", "minute", 1.0 / 60},
    {"mins", "minute", 1.0 / 60},     {"hour", "hour", 1},               {"hours", "hour", 1},
    {"hr", "hour", 1},                {"hrs", "hour", 1},                {"day", "day", 24},
    {"days", "day", 24},              {"week", "week", 168},             {"weeks", "week", 168},
    {"month", "month", 720},          {"months", "month", 720},          {"quarter", "quarter", 2160},
    {"quarters", "quarter", 2160},    {"year", "year", 8760},            {"years", "year", 8760},
    {"yrs", "year", 8760},
}};

double unit_hours(std::string_view unit) {
    for (const DurationUnit& u : duration_units)
        if (u.unit == unit) return u.hours;
    return 0;
}

// Months in a calendar unit, 0 for fixed-length units.
int unit_months(std::string_view unit) {
    if (unit == "month") return 1;
    if (unit == "quarter") return 3;
    if (unit == "year") return 12;
    return 0;
}

struct Currency {
    std::string_view word;
    std::string_view code;
};

// Currency words and signs. "$" alone is taken as USD (the agreements in
// view are US-drafted); "us$" and "u.s. dollars" are unambiguous.
constexpr std::array<Currency, 14> currency_words = {{
    {"$", "USD"},
    {"usd", "USD"},
    {"dollars", "USD"},
    {"dollar", "USD"},
    {"\u20AC", "EUR"},
    {"eur", "EUR"},
    {"euro", "EUR"},
    {"euros", "EUR"},
    {"\u00A3", "GBP"},
    {"gbp", "GBP"},
    {"\u00A5", "JPY"},
    {"jpy", "JPY"},
    {"chf", "CHF"},
    {"cad", "CAD"},
}};

std::optional<std::string_view> currency(std::string_view w) {
    for (const Currency& c : currency_words)
        if (c.word == w) return c.code;
    return std::nullopt;
}

struct Frequency {
    std::string_view word;
    std::string_view period;
    double times;
};

constexpr std::array<Frequency, 8> frequency_adverbs = {{
    {"hourly", "hour", 1},
    {"daily", "day", 1},
    {"weekly", "week", 1},
    {"fortnightly", "week", 0.5},
    {"monthly", "month", 1},
    {"quarterly", "quarter", 1},
    {"annually", "year", 1},
    {"yearly", "year", 1},
}};

struct Phrase {
    std::vector<std::string_view> words;  // tokens, symbols included
    std::string_view canonical;
};

// Bounds, in any order: bound_before() takes the longest phrase that ends
// right before the quantity ("no more than" over "more than").
const std::vector<Phrase>& bound_phrases() {
    static const std::vector<Phrase> phrases = {
        {{"within"}, "within"},
        {{"no", "later", "than"}, "no later than"},
        {{"not", "later", "than"}, "no later than"},
        {{"at", "least"}, "at least"},
        {{"not", "less", "than"}, "at least"},
        {{"no", "less", "than"}, "at least"},
        {{"not", "fewer", "than"}, "at least"},
        {{"no", "fewer", "than"}, "at least"},
        {{"a", "minimum", "of"}, "at least"},
        {{"minimum", "of"}, "at least"},
        {{"minimum"}, "at least"},
        {{"greater", "than", "or", "equal", "to"}, "at least"},
        {{"up", "to"}, "up to"},
        {{"no", "more", "than"}, "up to"},
        {{"not", "more", "than"}, "up to"},
        {{"not", "to", "exceed"}, "up to"},
        {{"not", "exceeding"}, "up to"},
        {{"a", "maximum", "of"}, "up to"},
        {{"maximum", "of"}, "up to"},
        {{"maximum"}, "up to"},
        {{"at", "most"}, "up to"},
        {{"less", "than", "or", "equal", "to"}, "up to"},
        {{"limited", "to"}, "up to"},
        {{"more", "than"}, "more than"},
        {{"longer", "than"}, "more than"},
        {{"exceeding"}, "more than"},
        {{"greater", "than"}, "more than"},
        {{"in", "excess", "of"}, "more than"},
        {{"exceeds"}, "more than"},
        {{"less", "than"}, "less than"},
        {{"fewer", "than"}, "less than"},
        {{"shorter", "than"}, "less than"},
        {{"below"}, "less than"},
        {{"under"}, "less than"},
    };
    return phrases;
}

// Open time limits. "immediately" is left out when it places rather than
// limits ("the 12 months immediately preceding the claim").
const std::vector<Phrase>& open_limits() {
    static const std::vector<Phrase> phrases = {
        {{"without", "undue", "delay"}, "without undue delay"},
        {{"without", "delay"}, "without delay"},
        {{"promptly"}, "promptly"},
        {{"immediately"}, "immediately"},
        {{"forthwith"}, "immediately"},
        {{"as", "soon", "as", "reasonably", "practicable"}, "as soon as practicable"},
        {{"as", "soon", "as", "is", "reasonably", "practicable"}, "as soon as practicable"},
        {{"as", "soon", "as", "commercially", "practicable"}, "as soon as practicable"},
        {{"as", "soon", "as", "practicable"}, "as soon as practicable"},
        {{"as", "soon", "as", "feasible"}, "as soon as practicable"},
        {{"as", "soon", "as", "reasonably", "possible"}, "as soon as possible"},
        {{"as", "soon", "as", "possible"}, "as soon as possible"},
        {{"in", "a", "timely", "manner"}, "in a timely manner"},
        {{"in", "a", "timely", "fashion"}, "in a timely manner"},
        {{"within", "a", "reasonable", "period", "of", "time"}, "reasonable time"},
        {{"within", "a", "reasonable", "period"}, "reasonable time"},
        {{"within", "a", "reasonable", "time"}, "reasonable time"},
        {{"within", "a", "reasonable", "timeframe"}, "reasonable time"},
    };
    return phrases;
}

constexpr double business_stretch = 7.0 / 5.0;

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// ---------------------------------------------------------------- scanner

// A number as read: its value and where it ends.
struct Number {
    double value = 0;
    std::size_t next = 0;       // token after the number (and its duplicate)
    bool words = false;         // written (also) as words
    bool figures = false;       // written (also) as figures
    bool paired = false;        // both: "thirty (30)"
    bool differ = false;        // the pair disagrees
    bool article = false;       // "a" / "an": one, only before a duration unit
    bool scaled = false;        // "700 million"
    bool year_like = false;     // a bare integer 1900..2100
};

// The part of a quantity after its number.
struct Core {
    QuantityKind kind = QuantityKind::count;
    double amount = 0;
    std::string unit;
    bool business = false;
    std::string bound;  // from "or more" / "or less"
    bool differ = false;
    std::size_t first = 0, next = 0;  // token range
};

class Scanner {
public:
    explicit Scanner(const NormalizedText& n) : toks_(tokenize(n.text)) {}

    std::vector<Quantity> run(const NormalizedText& n, std::string_view original) {
        std::vector<Quantity> out;
        std::size_t i = 0;
        while (i < toks_.size()) {
            if (std::size_t skip = url_end(i); skip != i) {
                i = skip;
                continue;
            }
            std::optional<Core> c = open_limit(i);
            if (!c) c = frequency(i);
            if (!c) c = coverage(i);
            if (!c) c = money_prefixed(i);
            if (!c) c = number_led(i);
            if (!c) {
                ++i;
                continue;
            }
            out.push_back(make(*c, n, original));
            i = c->next;
        }
        return out;
    }

private:
    struct Memo {
        bool known = false;
        std::optional<Number> number;
    };
    std::vector<Token> toks_;
    mutable std::vector<Memo> numbers_;  // number_at() per token, filled on first need

    // ----------------------------------------------------- token helpers

    bool word(std::size_t i, std::string_view w) const {
        return i < toks_.size() && toks_[i].type != TokType::number && toks_[i].s == w;
    }
    bool symbol(std::size_t i, std::string_view s) const {
        return i < toks_.size() && toks_[i].type == TokType::symbol && toks_[i].s == s;
    }
    bool glued(std::size_t i) const { return i < toks_.size() && !toks_[i].space_before; }
    std::string_view text(std::size_t i) const { return i < toks_.size() ? toks_[i].s : std::string_view{}; }

    // The phrase's words at i..: the token after it, or nullopt.
    std::optional<std::size_t> phrase_at(std::size_t i, const std::vector<std::string_view>& words) const {
        for (std::string_view w : words) {
            if (!word(i, w)) return std::nullopt;
            ++i;
        }
        return i;
    }

    // The phrase's words ending right before `i`.
    bool phrase_before(std::size_t i, const std::vector<std::string_view>& words) const {
        if (words.size() > i) return false;
        return phrase_at(i - words.size(), words).has_value();
    }

    // A URL ("https://...", "www.x") runs to the next space.
    std::size_t url_end(std::size_t i) const {
        bool url = ((word(i, "http") || word(i, "https")) && symbol(i + 1, ":") && glued(i + 1)) ||
                   (word(i, "www") && symbol(i + 1, ".") && glued(i + 1));
        if (!url) return i;
        ++i;
        while (i < toks_.size() && !toks_[i].space_before) ++i;
        return i;
    }

    // ----------------------------------------------------------- numbers

    // Spelled-out number: "seventy-two", "one hundred (and) twenty", "two
    // thousand", "ninety-nine point nine". Returns the value and the token
    // after it.
    std::optional<std::pair<double, std::size_t>> number_words_at(std::size_t i) const {
        double total = 0, current = 0;
        std::size_t j = i;
        enum { none, unit, tens, hundred, scale } last = none;
        while (j < toks_.size()) {
            std::size_t at = j;
            // "-" joins tens and units ("seventy-two"); "and" follows hundreds.
            if (last == tens && symbol(j, "-") && glued(j) && glued(j + 1)) at = j + 1;
            if ((last == hundred || last == scale) && word(j, "and")) at = j + 1;
            if (at >= toks_.size() || toks_[at].type != TokType::word) break;
            std::string_view w = toks_[at].s;
            if (std::optional<int> v = number_word(w)) {
                bool is_tens = *v >= 20;
                if (last == unit || (last == tens && (is_tens || *v >= 10))) break;
                if (at != j && last == tens && is_tens) break;
                current += *v;
                last = is_tens ? tens : unit;
            } else if (w == "hundred" && (last == unit || last == none) && current < 10) {
                if (last == none) break;  // "hundred" alone is not a number here
                current *= 100;
                last = hundred;
            } else if (std::optional<double> s = scale_word(w); s && (last != none)) {
                total += current * *s;
                current = 0;
                last = scale;
            } else {
                break;
            }
            j = at + 1;
        }
        if (last == none) return std::nullopt;
        double value = total + current;
        // "ninety-nine point nine": decimals as single digit words.
        if (word(j, "point") && j + 1 < toks_.size()) {
            std::size_t k = j + 1;
            double place = 0.1, frac = 0;
            while (k < toks_.size()) {
                std::optional<int> d = number_word(toks_[k].s);
                if (!d || *d > 9 || toks_[k].type != TokType::word) break;
                frac += *d * place;
                place /= 10;
                ++k;
            }
            if (k > j + 1) {
                value += frac;
                j = k;
            }
        }
        return std::pair{value, j};
    }

    // Figures at i that stand as a number, not as a reference, a date, a
    // time of day, a dotted label, an id or a part of a larger token.
    bool free_figures(std::size_t i) const {
        if (i >= toks_.size() || toks_[i].type != TokType::number) return false;
        if (i > 0) {
            const Token& prev = toks_[i - 1];
            if (!toks_[i].space_before) {
                if (prev.type != TokType::symbol) return false;  // "v2", "header_3"
                if (prev.s == "." || prev.s == ":" || prev.s == "/" || prev.s == "#" || prev.s == "\u00A7" ||
                    prev.s == "\u2044")
                    return false;
                // "SHA-256", "2021-01-04": a hyphen glued to a word or number before it.
                if (prev.s == "-" && i >= 2 && !prev.space_before) return false;
            }
            if (prev.type == TokType::word && (one_of(prev.s, reference_words) || one_of(prev.s, month_names)))
                return false;
            if (prev.s == "\u00A7") return false;
        }
        // A dotted label, a time, a date or a fraction continues after it.
        std::size_t n = i + 1;
        if (n + 1 < toks_.size() && glued(n) && glued(n + 1) && toks_[n + 1].type == TokType::number &&
            (symbol(n, ".") || symbol(n, ":") || symbol(n, "/") || symbol(n, "\u2044")))
            return false;
        if (n < toks_.size() && toks_[n].type == TokType::word && one_of(toks_[n].s, month_names)) return false;
        return true;
    }

    std::optional<Number> figures_at(std::size_t i) const {
        if (!free_figures(i)) return std::nullopt;
        Number num;
        num.figures = true;
        num.value = toks_[i].number;
        num.next = i + 1;
        const Token& t = toks_[i];
        num.year_like = !t.thousands && !t.decimal && t.s.size() == 4 && t.number >= 1900 && t.number <= 2100;
        if (std::optional<double> s = scale_word(text(num.next)); s && toks_[num.next].type == TokType::word) {
            num.value *= *s;
            num.scaled = true;
            num.year_like = false;
            ++num.next;
        }
        return num;
    }

    // A number in any written form, with its duplicate in parentheses.
    // Asked of most tokens more than once (frequency() and number_led() both
    // ask at every position), so each token's answer is kept.
    std::optional<Number> number_at(std::size_t i) const {
        if (i >= toks_.size()) return read_number_at(i);
        if (numbers_.empty()) numbers_.resize(toks_.size());
        Memo& m = numbers_[i];
        if (!m.known) {
            m.number = read_number_at(i);
            m.known = true;
        }
        return m.number;
    }

    std::optional<Number> read_number_at(std::size_t i) const {
        if (word(i, "a") || word(i, "an")) {
            Number num;
            num.value = 1;
            num.next = i + 1;
            num.article = true;
            return num;
        }
        if (std::optional<Number> f = figures_at(i)) {
            // "30 (thirty)"
            if (symbol(f->next, "(")) {
                if (auto w = number_words_at(f->next + 1); w && symbol(w->second, ")")) {
                    f->paired = f->words = true;
                    f->differ = !near(w->first, f->value);
                    if (f->differ) f->value = w->first;  // words control
                    f->next = w->second + 1;
                    f->year_like = false;
                }
            }
            return f;
        }
        if (i >= toks_.size() || toks_[i].type != TokType::word) return std::nullopt;
        // Number words first: asked of every word, it is the cheaper "no".
        auto w = number_words_at(i);
        if (!w) return std::nullopt;
        if (i > 0 && toks_[i - 1].type == TokType::word && one_of(toks_[i - 1].s, reference_words))
            return std::nullopt;
        Number num;
        num.words = true;
        num.value = w->first;
        num.next = w->second;
        // "thirty (30)"
        if (symbol(num.next, "(") && num.next + 2 < toks_.size() && toks_[num.next + 1].type == TokType::number &&
            symbol(num.next + 2, ")")) {
            num.paired = num.figures = true;
            num.differ = !near(toks_[num.next + 1].number, num.value);
            num.next += 3;
        }
        return num;
    }

    // ------------------------------------------------------------- units

    // A duration unit at i, after optional modifiers ("calendar",
    // "business", "consecutive"). Sets core.unit/business, returns next.
    std::optional<std::size_t> duration_unit(std::size_t i, Core& core, bool allow_second = true) const {
        bool business = false;
        for (int k = 0; k < 2 && i < toks_.size(); ++k) {
            std::string_view w = text(i);
            if (w == "business" || w == "working") {
                business = true;
            } else if (w != "calendar" && w != "consecutive" && w != "full" && w != "successive" && w != "clock") {
                break;
            }
            ++i;
        }
        if (i >= toks_.size() || toks_[i].type != TokType::word) return std::nullopt;
        std::string_view w = toks_[i].s;
        std::string_view unit;
        for (const DurationUnit& u : duration_units)
            if (u.word == w) unit = u.unit;
        // "24h": the bare letter only when glued to the figures.
        if (unit.empty() && w == "h" && !toks_[i].space_before && i > 0 && toks_[i - 1].type == TokType::number)
            unit = "hour";
        if (unit.empty() || (!allow_second && unit == "second")) return std::nullopt;
        if (business && unit != "day" && unit != "hour" && unit != "week") return std::nullopt;
        core.kind = QuantityKind::duration;
        core.unit = unit;
        core.business = business;
        return i + 1;
    }

    std::optional<std::size_t> percent_unit(std::size_t i) const {
        if (symbol(i, "%")) return i + 1;
        if (word(i, "percent")) return i + 1;
        if (word(i, "per") && word(i + 1, "cent")) return i + 2;
        return std::nullopt;
    }

    // A currency after the amount: "500.00 USD", "100 dollars", "50 €",
    // "U.S. Dollars", "US dollars".
    std::optional<std::size_t> currency_suffix(std::size_t i, std::string& code) const {
        std::size_t j = i;
        if (word(j, "u") && symbol(j + 1, ".") && word(j + 2, "s") && symbol(j + 3, "."))
            j += 4;
        else if (word(j, "us"))
            j += 1;
        if (j >= toks_.size()) return std::nullopt;
        std::optional<std::string_view> c = currency(toks_[j].s);
        if (!c || toks_[j].s == "$") return std::nullopt;
        if (j != i && *c != "USD") return std::nullopt;
        code = std::string(*c);
        return j + 1;
    }

    // "(5%)" after "five percent", "(30 days)" after "thirty days".
    std::size_t duplicate(std::size_t i, const Core& core) const {
        if (!symbol(i, "(") || i + 2 >= toks_.size() || toks_[i + 1].type != TokType::number) return i;
        if (!near(toks_[i + 1].number, core.amount)) return i;
        std::size_t j = i + 2;
        if (core.kind == QuantityKind::percentage) {
            if (std::optional<std::size_t> p = percent_unit(j)) j = *p;
        } else if (core.kind == QuantityKind::duration) {
            Core tmp;
            if (std::optional<std::size_t> d = duration_unit(j, tmp)) j = *d;
        }
        return symbol(j, ")") ? j + 1 : i;
    }

    // "or more" / "or less" / "or fewer" between a number and its unit.
    std::optional<std::size_t> or_more(std::size_t i, std::string& bound) const {
        if (!word(i, "or")) return std::nullopt;
        if (word(i + 1, "more") || word(i + 1, "greater") || word(i + 1, "longer")) {
            bound = "at least";
            return i + 2;
        }
        if (word(i + 1, "less") || word(i + 1, "fewer") || word(i + 1, "shorter")) {
            bound = "up to";
            return i + 2;
        }
        return std::nullopt;
    }

    // ------------------------------------------------------ quantities

    std::optional<Core> number_led(std::size_t i) const {
        std::optional<Number> num = number_at(i);
        if (!num) return std::nullopt;
        Core core;
        core.first = i;
        core.amount = num->value;
        core.differ = num->differ;
        std::size_t j = num->next;
        if (!num->article) {
            std::string b;
            if (std::optional<std::size_t> k = or_more(j, b)) {
                core.bound = b;
                j = *k;
            }
        }
        std::size_t after_number = j;
        if (symbol(j, "-") && glued(j)) ++j;  // "12-month", "one-hour"

        if (std::optional<std::size_t> d = duration_unit(j, core, !num->article)) {
            if (num->year_like && core.unit == "year") return std::nullopt;  // "the 2021 calendar year"
            core.next = duplicate(*d, core);
            if (!core.bound.empty() || !word(core.next, "or")) return core;
            std::string b;
            if (std::optional<std::size_t> k = or_more(core.next, b)) {  // "30 days or more"
                core.bound = b;
                core.next = *k;
            }
            return core;
        }
        if (num->article) return std::nullopt;
        j = after_number;
        if (std::optional<std::size_t> p = percent_unit(j)) {
            core.kind = QuantityKind::percentage;
            core.unit = "%";
            core.next = duplicate(*p, core);
            return core;
        }
        std::string code;
        if (std::optional<std::size_t> m = currency_suffix(j, code)) {
            core.kind = QuantityKind::money;
            core.unit = code;
            core.next = *m;
            return core;
        }
        // "25 times the amount that was paid", "ten (10) times the fees": a
        // multiple of an amount the text names next ("3 times each week" is
        // a frequency, read before this).
        if (word(j, "times") && (word(j + 1, "the") || word(j + 1, "its") || word(j + 1, "any"))) {
            core.kind = QuantityKind::multiple;
            core.unit = "times";
            core.next = j + 1;
            return core;
        }
        // A bare number: a count only when its writing or its bound says so
        // ("one or more Users" is boilerplate, not a limit).
        bool bounded = !bound_before(i).empty();
        if (num->year_like) return std::nullopt;
        if (!(num->paired || num->scaled || bounded)) return std::nullopt;
        core.kind = QuantityKind::count;
        core.next = after_number;
        return core;
    }

    // "$100", "US$1,000", "USD 1,000,000", "€50", "$500.00 USD", "$1 million".
    std::optional<Core> money_prefixed(std::size_t i) const {
        std::size_t j = i;
        std::string_view code;
        if (word(i, "us") && symbol(i + 1, "$") && glued(i + 1)) {
            code = "USD";
            j = i + 2;
        } else if (i < toks_.size() && toks_[i].type != TokType::number) {
            std::optional<std::string_view> c = currency(toks_[i].s);
            if (!c || toks_[i].s == "dollars" || toks_[i].s == "dollar" || toks_[i].s == "euro" ||
                toks_[i].s == "euros")
                return std::nullopt;
            code = *c;
            j = i + 1;
        } else {
            return std::nullopt;
        }
        if (j >= toks_.size() || toks_[j].type != TokType::number) return std::nullopt;
        // The sign makes the number an amount, whatever glues it.
        Number num;
        num.value = toks_[j].number;
        num.next = j + 1;
        if (std::optional<double> s = scale_word(text(num.next))) {
            num.value *= *s;
            ++num.next;
        }
        Core core;
        core.kind = QuantityKind::money;
        core.first = i;
        core.amount = num.value;
        core.unit = std::string(code);
        core.next = num.next;
        std::string suffix;
        if (std::optional<std::size_t> m = currency_suffix(core.next, suffix); m && suffix == core.unit)
            core.next = *m;  // "$500.00 USD"
        return core;
    }

    // The period after "per", "a", "an", "each" or "every" ("per calendar
    // quarter", "a day", "-per-day", "per annum"). Returns the canonical
    // unit and the token after it.
    std::optional<std::pair<std::string, std::size_t>> period_after(std::size_t i) const {
        std::size_t j = i;
        if (symbol(j, "-") && glued(j)) ++j;
        if (!(word(j, "per") || word(j, "a") || word(j, "an") || word(j, "each") || word(j, "every")))
            return std::nullopt;
        ++j;
        if (symbol(j, "-") && glued(j)) ++j;
        if (word(j - 1, "per") && word(j, "annum")) return std::pair{std::string("year"), j + 1};
        if (word(j, "calendar")) ++j;
        if (j >= toks_.size()) return std::nullopt;
        for (const DurationUnit& u : duration_units)
            if (u.word == toks_[j].s && toks_[j].type == TokType::word && u.unit != "second")
                return std::pair{std::string(u.unit), j + 1};
        return std::nullopt;
    }

    // "daily", "once a year", "twice per month", "one (1) time per year",
    // "3 times each week", "every 24 hours", "every month".
    std::optional<Core> frequency(std::size_t i) const {
        if (i >= toks_.size() || toks_[i].type == TokType::symbol) return std::nullopt;
        Core core;
        core.kind = QuantityKind::frequency;
        core.first = i;
        for (const Frequency& f : frequency_adverbs) {
            if (word(i, f.word)) {
                core.amount = f.times;
                core.unit = std::string(f.period);
                core.next = i + 1;
                return core;
            }
        }
        if (word(i, "semi") && symbol(i + 1, "-") && word(i + 2, "annually")) {
            core.amount = 2;
            core.unit = "year";
            core.next = i + 3;
            return core;
        }
        double times = 0;
        std::size_t j = i;
        if (word(i, "once") || word(i, "twice") || word(i, "thrice")) {
            times = word(i, "once") ? 1 : word(i, "twice") ? 2 : 3;
            j = i + 1;
            for (const Frequency& f : frequency_adverbs) {  // "once annually"
                if (word(j, f.word)) {
                    core.amount = times * f.times;
                    core.unit = std::string(f.period);
                    core.next = j + 1;
                    return core;
                }
            }
        } else if (word(i, "every")) {
            std::size_t k = i + 1;
            double n = 1;
            if (std::optional<Number> num = number_at(k); num && !num->article) {
                n = num->value;
                k = num->next;
            }
            Core unit;
            std::optional<std::size_t> d = duration_unit(k, unit);
            if (!d || unit.business || n <= 0) return std::nullopt;
            core.amount = 1 / n;
            core.unit = unit.unit;
            core.differ = false;
            core.next = *d;
            return core;
        } else if (std::optional<Number> num = number_at(i); num && !num->article) {
            if (!(word(num->next, "time") || word(num->next, "times"))) return std::nullopt;
            times = num->value;
            core.differ = num->differ;
            j = num->next + 1;
        } else {
            return std::nullopt;
        }
        std::optional<std::pair<std::string, std::size_t>> p = period_after(j);
        if (!p) return std::nullopt;
        core.amount = times;
        core.unit = p->first;
        core.next = p->second;
        return core;
    }

    // Support hours: "24/7", "24x5", "24 × 7", "24/7/365", and the long
    // form "twenty-four (24) hours per day, five (5) days per week".
    std::optional<Core> coverage(std::size_t i) const {
        Core core;
        core.kind = QuantityKind::coverage;
        core.first = i;
        if (free_figures_or_pair(i)) {
            std::size_t j = i + 1;
            bool sep = symbol(j, "/") || word(j, "x") || symbol(j, "\u00D7");
            if (sep && j + 1 < toks_.size() && toks_[j + 1].type == TokType::number) {
                double h = toks_[i].number, d = toks_[j + 1].number;
                bool tight = symbol(j, "/") ? glued(j) && glued(j + 1) : true;
                if (toks_[i].s[0] == '0' || toks_[j + 1].s[0] == '0') tight = false;  // "01/04": a date
                if (tight && h >= 1 && h <= 24 && d >= 1 && d <= 7 && !toks_[i].decimal && !toks_[j + 1].decimal) {
                    std::size_t next = j + 2;
                    // "24/7/365" is still 24/7; "1/2/2021" is a date.
                    if (symbol(next, "/") && glued(next) && next + 1 < toks_.size() &&
                        toks_[next + 1].type == TokType::number) {
                        if (toks_[next + 1].s != "365") return std::nullopt;
                        next += 2;
                    }
                    core.amount = h * d;
                    core.unit = format_hd(h, d);
                    core.next = next;
                    return core;
                }
            }
        }
        // Long form: two durations, each a rate.
        std::optional<Core> hours = number_led(i);
        if (!hours || hours->kind != QuantityKind::duration || hours->unit != "hour") return std::nullopt;
        std::optional<std::pair<std::string, std::size_t>> p1 = period_after(hours->next);
        if (!p1 || p1->first != "day") return std::nullopt;
        std::size_t j = p1->second;
        if (symbol(j, ",")) ++j;
        if (word(j, "and")) ++j;
        std::optional<Core> days = number_led(j);
        if (!days || days->kind != QuantityKind::duration || days->unit != "day") return std::nullopt;
        std::optional<std::pair<std::string, std::size_t>> p2 = period_after(days->next);
        if (!p2 || p2->first != "week") return std::nullopt;
        if (hours->amount > 24 || days->amount > 7) return std::nullopt;
        core.amount = hours->amount * days->amount;
        core.unit = format_hd(hours->amount, days->amount);
        core.next = p2->second;
        return core;
    }

    bool free_figures_or_pair(std::size_t i) const {
        // "24/7" is glued by design, so only the left side must be free.
        return i < toks_.size() && toks_[i].type == TokType::number &&
               (i == 0 || toks_[i].space_before || toks_[i - 1].type == TokType::symbol) &&
               !(i > 0 && (symbol(i - 1, "/") || symbol(i - 1, ".") || symbol(i - 1, ":")) && glued(i));
    }

    static std::string format_hd(double h, double d) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g/%g", h, d);
        return buf;
    }

    std::optional<Core> open_limit(std::size_t i) const {
        if (i >= toks_.size() || toks_[i].type != TokType::word) return std::nullopt;
        const Phrase* best = nullptr;
        std::size_t best_next = 0;
        for (const Phrase& p : open_limits()) {
            std::optional<std::size_t> n = phrase_at(i, p.words);
            if (n && (!best || *n > best_next)) {
                best = &p;
                best_next = *n;
            }
        }
        if (!best) return std::nullopt;
        if (best->canonical == "immediately" && best->words[0] == "immediately") {
            std::string_view next = text(best_next);
            if (next == "preceding" || next == "prior" || next == "following" || next == "before" ||
                next == "succeeding")
                return std::nullopt;
        }
        Core core;
        core.kind = QuantityKind::qualitative;
        core.unit = std::string(best->canonical);
        core.first = i;
        core.next = best_next;
        if (best->words[0] == "within") core.bound = "within";
        return core;
    }

    // ------------------------------------------------------ assembling

    std::string bound_before(std::size_t i) const {
        const Phrase* best = nullptr;
        for (const Phrase& p : bound_phrases())
            if (phrase_before(i, p.words) && (!best || p.words.size() > best->words.size())) best = &p;
        return best ? std::string(best->canonical) : std::string();
    }

    Quantity make(const Core& c, const NormalizedText& n, std::string_view original) const {
        Quantity q;
        q.kind = c.kind;
        q.amount = c.amount;
        q.unit = c.unit;
        q.business = c.business;
        q.words_figures_differ = c.differ;
        q.bound = !c.bound.empty() ? c.bound : bound_before(c.first);
        switch (c.kind) {
            case QuantityKind::duration: q.value = c.amount * unit_hours(c.unit); break;
            case QuantityKind::frequency: q.value = c.amount * 24 / unit_hours(c.unit); break;
            case QuantityKind::qualitative: q.value = 0; break;
            default: q.value = c.amount; break;
        }
        if (c.kind == QuantityKind::duration || c.kind == QuantityKind::percentage ||
            c.kind == QuantityKind::money) {
            if (auto p = period_after(c.next)) q.per = p->first;  // the rate's words stay outside the span
        }
        Span span = n.to_original(Span{toks_[c.first].begin, toks_[c.next - 1].end});
        q.start = span.start;
        q.end = span.end;
        q.text = std::string(original.substr(span.start, span.end - span.start));
        return q;
    }
};

// ---------------------------------------------------------------- output

std::string format_amount(double v, bool separators) {
    char buf[64];
    if (separators) v = std::round(v * 100) / 100;  // money: to the cent
    if (near(v, std::round(v)) && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(v)));
        std::string s = buf;
        if (separators) {
            for (int k = static_cast<int>(s.size()) - 3; k > (s[0] == '-' ? 1 : 0); k -= 3)
                s.insert(static_cast<std::size_t>(k), ",");
        }
        return s;
    }
    if (separators) {  // money: cents, and separators on the whole part
        double whole = std::trunc(v);
        std::snprintf(buf, sizeof buf, "%.2f", v - whole);
        return format_amount(whole, true) + (buf + (buf[0] == '-' ? 2 : 1));
    }
    std::snprintf(buf, sizeof buf, "%.6f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string plural(const std::string& unit, double amount) {
    return near(amount, 1) ? unit : unit + "s";
}

bool is_open(const Quantity& q) { return q.kind == QuantityKind::qualitative && q.unit != "immediately"; }

bool time_like(const Quantity& q) {
    return q.kind == QuantityKind::duration || q.kind == QuantityKind::qualitative;
}

Order order_of(double a, double b) {
    if (near(a, b)) return Order::equal;
    return a < b ? Order::less : Order::greater;
}

Comparison compare_durations(const Quantity& a, const Quantity& b) {
    Comparison r;
    int ma = unit_months(a.unit), mb = unit_months(b.unit);
    if (ma && mb) {  // months, quarters, years: exact in months
        r.order = order_of(a.amount * ma, b.amount * mb);
        return r;
    }
    double va = a.value, vb = b.value;
    if (a.business != b.business) {
        r.approximate = true;
        if (a.business) va *= business_stretch;
        if (b.business) vb *= business_stretch;
    }
    if ((ma != 0) != (mb != 0)) r.approximate = true;
    r.order = order_of(va, vb);
    return r;
}

Comparison compare_time_limits(const Quantity& a, const Quantity& b) {
    Comparison r;
    r.open_vs_fixed = is_open(a) != is_open(b);
    if (a.kind == QuantityKind::duration && b.kind == QuantityKind::duration) return compare_durations(a, b);
    if (a.kind == QuantityKind::qualitative && b.kind == QuantityKind::qualitative) {
        if (a.unit == b.unit)
            r.order = Order::equal;
        else if (a.unit == "immediately")
            r.order = Order::less;
        else if (b.unit == "immediately")
            r.order = Order::greater;
        return r;
    }
    // One open or immediate limit against a fixed duration: only
    // "immediately" (a zero delay) orders against numbers.
    const Quantity& q = a.kind == QuantityKind::qualitative ? a : b;
    const Quantity& d = a.kind == QuantityKind::qualitative ? b : a;
    if (q.unit != "immediately") return r;
    Order o = d.value > 0 ? Order::less : Order::equal;  // immediately against d
    if (&q == &b && o == Order::less) o = Order::greater;
    r.order = o;
    return r;
}

const char* more_word(QuantityKind kind, Order o) {
    bool up = o == Order::greater;
    switch (kind) {
        case QuantityKind::duration:
        case QuantityKind::qualitative: return up ? "longer" : "shorter";
        case QuantityKind::count: return up ? "more" : "fewer";
        case QuantityKind::multiple: return up ? "larger" : "smaller";
        case QuantityKind::frequency: return up ? "more often" : "less often";
        case QuantityKind::coverage: return up ? "wider" : "narrower";
        default: return up ? "higher" : "lower";
    }
}

std::string with_bound(const Quantity& q, bool show) {
    std::string d = describe(q);
    return show && !q.bound.empty() ? q.bound + " " + d : d;
}

}  // namespace

// ---------------------------------------------------------------- public

const char* to_string(QuantityKind kind) noexcept {
    switch (kind) {
        case QuantityKind::duration: return "duration";
        case QuantityKind::percentage: return "percentage";
        case QuantityKind::money: return "money";
        case QuantityKind::count: return "count";
        case QuantityKind::frequency: return "frequency";
        case QuantityKind::coverage: return "coverage";
        case QuantityKind::qualitative: return "qualitative";
        case QuantityKind::multiple: return "multiple";
    }
    return "?";
}

const char* to_string(Order order) noexcept {
    switch (order) {
        case Order::less: return "less";
        case Order::equal: return "equal";
        case Order::greater: return "greater";
        case Order::unordered: return "unordered";
    }
    return "?";
}

std::vector<Quantity> find_quantities(std::string_view text) {
    return find_quantities(text, normalize(text));
}

std::vector<Quantity> find_quantities(std::string_view text, const NormalizedText& normalized) {
    if (!is_valid_utf8(text)) throw Error(ErrorCode::malformed, "", "quantities: text is not valid UTF-8");
    Scanner scanner(normalized);
    return scanner.run(normalized, text);
}

Comparison compare(const Quantity& a, const Quantity& b) {
    Comparison r;
    if (time_like(a) && time_like(b)) {
        r = compare_time_limits(a, b);
    } else if (a.kind != b.kind || (a.kind == QuantityKind::money && a.unit != b.unit)) {
        r.order = Order::unordered;
    } else {
        r.order = order_of(a.value, b.value);
        if (a.kind == QuantityKind::frequency && (unit_months(a.unit) != 0) != (unit_months(b.unit) != 0))
            r.approximate = true;
    }
    r.bound_differs = a.bound != b.bound;
    return r;
}

std::string describe(const Quantity& q) {
    std::string out;
    switch (q.kind) {
        case QuantityKind::duration:
            out = format_amount(q.amount, false) + " " + (q.business ? "business " : "") + plural(q.unit, q.amount);
            break;
        case QuantityKind::percentage: out = format_amount(q.amount, false) + "%"; break;
        case QuantityKind::money: out = q.unit + " " + format_amount(q.amount, true); break;
        case QuantityKind::count: out = format_amount(q.amount, true); break;
        case QuantityKind::multiple: out = format_amount(q.amount, false) + " times"; break;
        case QuantityKind::coverage: out = q.unit; break;
        case QuantityKind::qualitative: out = q.unit == "reasonable time" ? "a reasonable time" : q.unit; break;
        case QuantityKind::frequency: {
            static const std::array<std::pair<std::string_view, std::string_view>, 6> adverbs = {{
                {"hour", "hourly"},
                {"day", "daily"},
                {"week", "weekly"},
                {"month", "monthly"},
                {"quarter", "quarterly"},
                {"year", "yearly"},
            }};
            if (near(q.amount, 1)) {
                for (const auto& [unit, adverb] : adverbs)
                    if (unit == q.unit) return std::string(adverb);
                return "once per " + q.unit;
            }
            if (near(q.amount, 2)) return "twice per " + q.unit;
            if (q.amount > 0 && q.amount < 1 && near(1 / q.amount, std::round(1 / q.amount))) {
                double every = std::round(1 / q.amount);
                return "every " + format_amount(every, false) + " " + plural(q.unit, every);
            }
            return format_amount(q.amount, false) + " times per " + q.unit;
        }
    }
    if (!q.per.empty()) out += " per " + q.per;
    return out;
}

std::string describe_change(const Quantity& before, const Quantity& after) {
    Comparison c = compare(before, after);
    bool show_bounds = c.bound_differs || c.open_vs_fixed;
    std::string head = with_bound(before, show_bounds) + " -> " + with_bound(after, show_bounds);
    if (c.open_vs_fixed)
        return head + (is_open(after) ? " is a change from a fixed to an open limit"
                                      : " is a change from an open to a fixed limit");
    std::string tail;
    switch (c.order) {
        case Order::equal: tail = c.approximate ? " is about the same" : " is the same"; break;
        case Order::less:
        case Order::greater: {
            tail = std::string(" is ") + more_word(before.kind, c.order == Order::less ? Order::greater : Order::less);
            break;
        }
        case Order::unordered:
            if (before.kind != after.kind && !(time_like(before) && time_like(after)))
                return head + " is a different kind of quantity";
            if (before.kind == QuantityKind::money) return head + " is in a different currency";
            return head + " is a different open limit";
    }
    if (c.approximate && c.order != Order::equal) {
        bool business = before.business != after.business;
        tail += business ? " (counting a business day as 7/5 days)" : " (taking a month as 30 days)";
    }
    if (c.bound_differs) tail += ", with a different bound";
    return head + tail;
}

}  // namespace onus
