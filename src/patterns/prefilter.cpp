// patterns/prefilter.cpp: required literal atoms of a pattern, so that a rule
// whose words are absent from a clause costs a substring search instead of
// a regex run.
//
// A simplified take on RE2's FilteredRE2. The pattern (Perl syntax, as
// Boost reads it) is parsed into a summary per node:
//   - exact: the node matches exactly one of a small set of strings
//     ("shall", {"is", "are"}, {"", "s", "ed"} for `(s|ed)?`);
//   - otherwise a conjunction of clauses, each a set of atoms one of which
//     occurs in any text the node matches.
// Sequences multiply exact sets (up to kMaxExact strings) and otherwise AND
// their clauses; alternations unite exact sets and otherwise OR one clause
// from each branch; `?` adds "" to an exact set; `*`, classes, `.`, escapes
// like \w and anything non-ASCII match "anything" (no constraint). Only
// lower-cased ASCII goes into atoms: matching is case-insensitive on
// case-folded text. Whatever the parser does not know for sure (inline `x`
// flag, conditionals, recursion, verbs, unknown escapes) drops the whole
// prefilter: the regex then always runs. Dropping a clause is always safe;
// adding a wrong one never happens by construction.
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "patterns/pack_internal.hpp"

namespace onus::patterns_detail {

namespace {

constexpr std::size_t kMaxExact = 16;     // strings in an exact set
constexpr std::size_t kMinAtom = 2;       // shorter atoms filter nothing useful
constexpr std::size_t kMaxClauses = 4;    // keep the most selective ones

using Clause = std::set<std::string>;

struct Info {
    bool exact = false;
    std::set<std::string> strings;  // when exact
    std::vector<Clause> clauses;    // when not exact: all must hold
};

Info anything() { return Info{}; }
Info empty_string() { return Info{true, {std::string()}, {}}; }
Info literal(char c) {
    return Info{true, {std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c))))}, {}};
}

// Thrown when the pattern uses something the extractor does not model.
struct GiveUp {};

// The clauses an exact set implies: one clause of its strings, unless one
// of them is too short to be worth a search (then nothing).
std::vector<Clause> clauses_of(const Info& info) {
    if (!info.exact) return info.clauses;
    for (const std::string& s : info.strings)
        if (s.size() < kMinAtom) return {};
    return {Clause(info.strings.begin(), info.strings.end())};
}

std::size_t shortest(const Clause& clause) {
    std::size_t n = std::string::npos;
    for (const std::string& s : clause) n = std::min(n, s.size());
    return n;
}

Info concat(const Info& a, const Info& b) {
    if (a.exact && b.exact && a.strings.size() * b.strings.size() <= kMaxExact) {
        Info out{true, {}, {}};
        for (const std::string& x : a.strings)
            for (const std::string& y : b.strings) out.strings.insert(x + y);
        return out;
    }
    Info out;
    out.clauses = clauses_of(a);
    for (Clause& c : clauses_of(b)) out.clauses.push_back(std::move(c));
    return out;
}

Info alternate(const Info& a, const Info& b) {
    if (a.exact && b.exact) {
        Info out{true, a.strings, {}};
        out.strings.insert(b.strings.begin(), b.strings.end());
        if (out.strings.size() <= kMaxExact) return out;
    }
    // Either branch may be the one that matched: keep one clause from each
    // (the most selective) and require one atom of their union.
    std::vector<Clause> ca = clauses_of(a);
    std::vector<Clause> cb = clauses_of(b);
    if (ca.empty() || cb.empty()) return anything();
    auto best = [](const std::vector<Clause>& cs) {
        return *std::max_element(cs.begin(), cs.end(),
                                 [](const Clause& x, const Clause& y) { return shortest(x) < shortest(y); });
    };
    Clause merged = best(ca);
    const Clause other = best(cb);
    merged.insert(other.begin(), other.end());
    Info out;
    out.clauses.push_back(std::move(merged));
    return out;
}

// Apply a quantifier {min,max} (max = npos for unbounded).
Info repeat(const Info& a, std::size_t min, std::size_t max) {
    if (min == 0) {
        if (max == 1 && a.exact && a.strings.size() < kMaxExact) {
            Info out = a;
            out.strings.insert(std::string());
            return out;
        }
        return anything();
    }
    if (min == 1 && max == 1) return a;
    Info out;  // at least one copy of `a` occurs somewhere
    out.clauses = clauses_of(a);
    return out;
}

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

class Parser {
public:
    explicit Parser(std::string_view pattern) : p_(pattern) {}

    Info parse() {
        Info info = alternation();
        if (i_ != p_.size()) throw GiveUp{};  // a stray ')'
        return info;
    }

private:
    std::string_view p_;
    std::size_t i_ = 0;
    bool quoting_ = false;  // inside \Q...\E

    bool at_end() const { return i_ >= p_.size(); }
    char peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }

    Info alternation() {
        Info info = sequence();
        while (!at_end() && peek() == '|') {
            ++i_;
            info = alternate(info, sequence());
        }
        return info;
    }

    // Runs of exact items multiply into literal strings ("provider"); a
    // non-exact item ends the run, whose strings become a clause.
    Info sequence() {
        Info run = empty_string();
        Info out;  // the clauses of finished runs and non-exact items
        bool exact = true;
        while (!at_end()) {
            if (!quoting_ && (peek() == '|' || peek() == ')')) break;
            Info next = item();
            if (next.exact && run.strings.size() * next.strings.size() <= kMaxExact) {
                run = concat(run, next);
                continue;
            }
            exact = false;
            for (Clause& c : clauses_of(run)) out.clauses.push_back(std::move(c));
            run = next.exact ? next : empty_string();
            if (!next.exact)
                for (Clause& c : next.clauses) out.clauses.push_back(std::move(c));
        }
        if (exact) return run;
        for (Clause& c : clauses_of(run)) out.clauses.push_back(std::move(c));
        return out;
    }

    Info item() {
        Info info = atom();
        while (!quoting_ && !at_end()) {
            std::optional<std::pair<std::size_t, std::size_t>> q = quantifier();
            if (!q) break;
            info = repeat(info, q->first, q->second);
        }
        return info;
    }

    std::optional<std::pair<std::size_t, std::size_t>> quantifier() {
        std::pair<std::size_t, std::size_t> q;
        char c = peek();
        if (c == '*') q = {0, std::string::npos};
        else if (c == '+') q = {1, std::string::npos};
        else if (c == '?') q = {0, 1};
        else if (c == '{') return braces();
        else return std::nullopt;
        ++i_;
        if (peek() == '?' || peek() == '+') ++i_;  // lazy or possessive: same strings
        return q;
    }

    // {n}, {n,}, {n,m}; anything else in quantifier position is not modelled.
    std::optional<std::pair<std::size_t, std::size_t>> braces() {
        std::size_t j = i_ + 1;
        auto number = [&](std::size_t& out) {
            std::size_t start = j;
            out = 0;
            while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j])) && j - start < 6)
                out = out * 10 + static_cast<std::size_t>(p_[j++] - '0');
            return j > start;
        };
        std::size_t min = 0, max = 0;
        if (!number(min)) throw GiveUp{};
        if (j < p_.size() && p_[j] == ',') {
            ++j;
            if (!number(max)) max = std::string::npos;
        } else {
            max = min;
        }
        if (j >= p_.size() || p_[j] != '}') throw GiveUp{};
        i_ = j + 1;
        if (peek() == '?' || peek() == '+') ++i_;
        return std::make_pair(min, max);
    }

    Info atom() {
        if (quoting_) {
            if (peek() == '\\' && peek(1) == 'E') {
                i_ += 2;
                quoting_ = false;
                // `\Qab\E?` makes only the 'b' optional: not modelled.
                if (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{') throw GiveUp{};
                return empty_string();
            }
            return plain_char();
        }
        char c = peek();
        switch (c) {
            case '(': return group();
            case '[': skip_class(); return anything();
            case '.': ++i_; return anything();
            case '^':
            case '$': ++i_; return empty_string();
            case '\\': return escape();
            case '{': throw GiveUp{};  // a literal brace or a bad quantifier: not worth modelling
            default: return plain_char();
        }
    }

    // One character as itself (a non-ASCII one as a whole code point, which
    // a following quantifier applies to, and which constrains nothing here).
    Info plain_char() {
        char c = p_[i_++];
        if (is_ascii(c)) return literal(c);
        while (!at_end() && (static_cast<unsigned char>(peek()) & 0xC0) == 0x80) ++i_;
        return anything();
    }

    void skip_braced() {  // after \x, \p, \N, \g, \k: an optional {...}
        if (peek() != '{') return;
        std::size_t close = p_.find('}', i_);
        if (close == std::string_view::npos) throw GiveUp{};
        i_ = close + 1;
    }

    Info escape() {
        ++i_;  // the backslash
        if (at_end()) throw GiveUp{};
        char c = p_[i_++];
        if (!is_ascii(c)) {
            --i_;
            return plain_char();
        }
        switch (c) {
            // Zero-width assertions. In Boost, \< \> are word start and end,
            // \` and \' the start and end of the text: not characters.
            case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
            case '<': case '>': case '`': case '\'': case 'K': case 'E':
                return empty_string();
            case 'Q':
                quoting_ = true;
                return empty_string();
            // Classes and control characters: no constraint.
            case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H':
            case 'v': case 'V': case 'l': case 'L': case 'u': case 'U': case 'X': case 'C':
            case 'R': case 'n': case 'r': case 't': case 'f': case 'a': case 'e':
                return anything();
            case 'p': case 'P': case 'N':
                if (peek() == '{') skip_braced();
                else if (!at_end()) ++i_;  // \pL
                return anything();
            case 'x': return hex_char();
            case 'c':
                if (at_end()) throw GiveUp{};
                ++i_;
                return anything();
            case 'g': case 'k': return backreference();
            default: break;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {  // \1 or octal
            while (std::isdigit(static_cast<unsigned char>(peek()))) ++i_;
            return anything();
        }
        if (std::isalnum(static_cast<unsigned char>(c))) throw GiveUp{};  // an escape we do not know
        return literal(c);                                                 // \. \- \( ...
    }

    Info hex_char() {
        unsigned long value = 0;
        std::size_t digits = 0;
        if (peek() == '{') {
            std::size_t close = p_.find('}', i_);
            if (close == std::string_view::npos) throw GiveUp{};
            std::string_view hex = p_.substr(i_ + 1, close - i_ - 1);
            i_ = close + 1;
            if (hex.empty() || hex.size() > 6) return anything();
            for (char h : hex) {
                if (!std::isxdigit(static_cast<unsigned char>(h))) return anything();
                value = value * 16 + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(h))
                                                                    ? h - '0'
                                                                    : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
            }
            digits = hex.size();
        } else {
            while (digits < 2 && std::isxdigit(static_cast<unsigned char>(peek()))) {
                char h = p_[i_++];
                value = value * 16 + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(h))
                                                                    ? h - '0'
                                                                    : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
                ++digits;
            }
        }
        if (digits == 0 || value >= 0x80 || !std::isprint(static_cast<int>(value))) return anything();
        return literal(static_cast<char>(value));
    }

    Info backreference() {
        char open = peek();
        char close = open == '{' ? '}' : open == '<' ? '>' : open == '\'' ? '\'' : '\0';
        if (close != '\0') {
            std::size_t end = p_.find(close, i_ + 1);
            if (end == std::string_view::npos) throw GiveUp{};
            i_ = end + 1;
        } else {
            if (peek() == '-') ++i_;
            if (!std::isdigit(static_cast<unsigned char>(peek()))) throw GiveUp{};
            while (std::isdigit(static_cast<unsigned char>(peek()))) ++i_;
        }
        return anything();
    }

    void skip_class() {
        ++i_;  // '['
        if (peek() == '^') ++i_;
        if (peek() == ']') ++i_;  // a leading ']' is a member
        while (!at_end()) {
            char c = p_[i_];
            if (c == ']') {
                ++i_;
                return;
            }
            if (c == '\\') {
                i_ += 2;
                if (i_ <= p_.size() && i_ >= 1) {
                    char e = p_[i_ - 1];
                    if ((e == 'x' || e == 'p' || e == 'P' || e == 'N') && peek() == '{') skip_braced();
                }
                continue;
            }
            if (c == '[' && (peek(1) == ':' || peek(1) == '=' || peek(1) == '.')) {
                char kind = peek(1);
                std::size_t end = p_.find(std::string{kind, ']'}, i_ + 2);
                if (end == std::string_view::npos) throw GiveUp{};
                i_ = end + 2;
                continue;
            }
            ++i_;
        }
        throw GiveUp{};  // no closing ']'
    }

    Info group() {
        ++i_;  // '('
        bool zero_width = false;
        if (peek() == '*') throw GiveUp{};  // (*VERB)
        if (peek() == '?') {
            ++i_;
            char c = peek();
            if (c == ':' || c == '>' || c == '|') {
                ++i_;
            } else if (c == '=' || c == '!') {
                ++i_;
                zero_width = true;
            } else if (c == '<' && (peek(1) == '=' || peek(1) == '!')) {
                i_ += 2;
                zero_width = true;
            } else if (c == '<' || c == '\'' || (c == 'P' && peek(1) == '<')) {
                if (c == 'P') ++i_;
                char close = peek() == '\'' ? '\'' : '>';
                std::size_t end = p_.find(close, i_ + 1);
                if (end == std::string_view::npos) throw GiveUp{};
                i_ = end + 1;
            } else if (c == '#') {
                std::size_t end = p_.find(')', i_);
                if (end == std::string_view::npos) throw GiveUp{};
                i_ = end + 1;
                return empty_string();
            } else {
                // Inline flags (?i) (?-i) (?s:...). `x` changes what spaces
                // and '#' mean: not modelled. Conditionals, recursion: same.
                std::size_t j = i_;
                while (j < p_.size() && std::string_view("imsx-").find(p_[j]) != std::string_view::npos) {
                    if (p_[j] == 'x') throw GiveUp{};
                    ++j;
                }
                if (j == i_ || j >= p_.size()) throw GiveUp{};
                i_ = j + 1;
                if (p_[j] == ')') return empty_string();
                if (p_[j] != ':') throw GiveUp{};
            }
        }
        Info inner = alternation();
        if (peek() != ')') throw GiveUp{};
        ++i_;
        return zero_width ? empty_string() : inner;
    }
};

// Within a clause, an atom that contains another is implied by it: keep
// the shorter one ("encrypt" covers "encrypted").
Clause minimise(const Clause& clause) {
    Clause out;
    for (const std::string& s : clause) {
        bool covered = std::any_of(clause.begin(), clause.end(), [&](const std::string& t) {
            return t.size() < s.size() && s.find(t) != std::string::npos;
        });
        if (!covered) out.insert(s);
    }
    return out;
}

}  // namespace

Prefilter make_prefilter(std::string_view pattern) {
    std::vector<Clause> clauses;
    try {
        clauses = clauses_of(Parser(pattern).parse());
    } catch (const GiveUp&) {
        return Prefilter{};
    }
    for (Clause& c : clauses) c = minimise(c);
    // Most selective first (longest shortest atom), duplicates out, a few kept.
    std::sort(clauses.begin(), clauses.end(), [](const Clause& a, const Clause& b) {
        return shortest(a) != shortest(b) ? shortest(a) > shortest(b) : a < b;
    });
    clauses.erase(std::unique(clauses.begin(), clauses.end()), clauses.end());
    if (clauses.size() > kMaxClauses) clauses.resize(kMaxClauses);
    Prefilter filter;
    for (const Clause& c : clauses) filter.all_of.emplace_back(c.begin(), c.end());
    return filter;
}

namespace {

// Index of the ')' closing the group opened at `open`, or npos. Escapes and
// classes are stepped over; anything unusual inside is the caller's concern.
std::size_t group_end(std::string_view p, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\') {
            ++i;
        } else if (c == '[') {
            ++i;
            if (i < p.size() && p[i] == '^') ++i;
            if (i < p.size() && p[i] == ']') ++i;
            while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
            if (i >= p.size()) return std::string_view::npos;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return i;
        }
    }
    return std::string_view::npos;
}

bool plain_literal(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view(" '\"-,:;/&%@!=<>_~").find(c) != std::string_view::npos;
}

// Not \< \> \' \`: Boost reads those as word and buffer boundaries.
bool escaped_literal(char c) { return std::string_view(".-()[]{}|?*+^$\\/,;:# ").find(c) != std::string_view::npos; }

// Whether the pattern is an alternation at its top level ("a|b"): then no
// prefix of one branch holds for the others.
bool top_level_bar(std::string_view p) {
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\') {
            ++i;
        } else if (c == '(') {
            std::size_t close = group_end(p, i);
            if (close == std::string_view::npos) return true;  // malformed: unknown
            i = close;
        } else if (c == '[') {
            ++i;
            if (i < p.size() && p[i] == '^') ++i;
            if (i < p.size() && p[i] == ']') ++i;
            while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
        } else if (c == '|') {
            return true;
        }
    }
    return false;
}

// The literal characters `s` opens with, lower-cased, up to the first one
// that is optional or repeated, or anything that is not a plain literal.
std::string literal_run(std::string_view s) {
    std::string out;
    std::size_t k = 0;
    while (k < s.size()) {
        char c = s[k];
        std::size_t len = 1;
        if (c == '\\') {
            if (k + 1 >= s.size() || !escaped_literal(s[k + 1])) break;
            c = s[k + 1];
            len = 2;
        } else if (!plain_literal(c)) {
            break;
        }
        char after = k + len < s.size() ? s[k + len] : '\0';
        if (after == '?' || after == '*' || after == '{') break;  // optional: not part of every match
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (after == '+') break;  // at least once, but what follows varies
        k += len;
    }
    return out;
}

}  // namespace

std::vector<std::string> make_prefixes(std::string_view p) {
    // Inline flags (`x` changes what spaces mean, `-i` case) and quoting: not modelled.
    if (p.find("\\Q") != std::string_view::npos || top_level_bar(p)) return {};
    for (std::size_t at = p.find("(?"); at != std::string_view::npos; at = p.find("(?", at + 2)) {
        std::string_view rest = p.substr(at + 2);
        bool known = rest.rfind(":", 0) == 0 || rest.rfind("=", 0) == 0 || rest.rfind("!", 0) == 0 ||
                     rest.rfind("<=", 0) == 0 || rest.rfind("<!", 0) == 0;
        if (!known || (at > 0 && p[at - 1] == '\\')) return {};
    }
    std::size_t i = 0;
    // Zero-width openers: \b and lookarounds.
    for (;;) {
        std::string_view rest = p.substr(i);
        if (rest.rfind("\\b", 0) == 0) {
            i += 2;
            continue;
        }
        if (rest.rfind("(?<!", 0) == 0 || rest.rfind("(?<=", 0) == 0 || rest.rfind("(?=", 0) == 0 ||
            rest.rfind("(?!", 0) == 0) {
            std::size_t close = group_end(p, i);
            if (close == std::string_view::npos) return {};
            i = close + 1;
            if (i < p.size() && std::string_view("?*+{").find(p[i]) != std::string_view::npos) return {};
            continue;
        }
        break;
    }
    if (i >= p.size()) return {};
    std::vector<std::string> out;
    if (p[i] == '(') {
        std::size_t inner = p.substr(i).rfind("(?:", 0) == 0 ? i + 3 : i + 1;
        if (inner == i + 1 && inner < p.size() && p[inner] == '?') return {};
        std::size_t close = group_end(p, i);
        if (close == std::string_view::npos) return {};
        if (close + 1 < p.size() && std::string_view("?*{").find(p[close + 1]) != std::string_view::npos) return {};
        // Split the group's body at its top-level '|'.
        std::size_t from = inner;
        for (std::size_t k = inner; k <= close; ++k) {
            char c = p[k];
            if (c == '\\') {
                ++k;
                continue;
            }
            if (c == '(' || c == '[') {
                std::size_t end = c == '(' ? group_end(p, k) : std::string_view::npos;
                if (c == '[') {
                    end = k + 1;
                    if (end < p.size() && p[end] == '^') ++end;
                    if (end < p.size() && p[end] == ']') ++end;
                    while (end < p.size() && p[end] != ']') end += p[end] == '\\' ? 2 : 1;
                }
                if (end == std::string_view::npos || end >= close) return {};
                k = end;
                continue;
            }
            if (c == '|' || k == close) {
                std::string run = literal_run(p.substr(from, k - from));
                if (run.empty()) return {};
                out.push_back(std::move(run));
                from = k + 1;
            }
        }
    } else {
        std::string run = literal_run(p.substr(i));
        if (run.empty()) return {};
        out.push_back(std::move(run));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool Prefilter::may_match(std::string_view lowered_text) const {
    for (const std::vector<std::string>& clause : all_of) {
        bool found = std::any_of(clause.begin(), clause.end(), [&](const std::string& atom) {
            return lowered_text.find(atom) != std::string_view::npos;
        });
        if (!found) return false;
    }
    return true;
}

}  // namespace onus::patterns_detail
