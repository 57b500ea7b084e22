// The parties and the defined terms of an agreement (see find_parties() in
// onus/structure.hpp).
//
// Who "shall" do something is written many ways: a legal name once in the
// preamble ("GitHub, Inc."), a short name ("GitHub"), a role word
// ("Provider", "Subscriber"), pronouns ("we", "you"). This stage learns which
// of those words stand for which party, so that the analysis can resolve a
// subject to a side. A wrong alias sends an obligation to the wrong party,
// which is worse than a missing one: every rule below that guesses asks for
// more than one piece of evidence, and an alias both sides claim is dropped
// from the later claimant with a warning.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/regex.hpp>

#include "onus/structure.hpp"
#include "onus/text.hpp"

namespace onus {
namespace {

// ------------------------------------------------------------- small text

enum class Side { none, provider, customer };

Side other(Side s) {
    if (s == Side::provider) return Side::customer;
    if (s == Side::customer) return Side::provider;
    return Side::none;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

std::string trim(std::string_view s) {
    // Non-breaking spaces (C2 A0) count as space: agreements pad with them.
    auto nbsp_at = [&](std::size_t i) { return i + 1 < s.size() && s[i] == '\xC2' && s[i + 1] == '\xA0'; };
    std::size_t b = 0, e = s.size();
    while (b < e && (is_space(s[b]) || nbsp_at(b))) b += is_space(s[b]) ? 1 : 2;
    while (e > b && (is_space(s[e - 1]) || (e >= b + 2 && s[e - 2] == '\xC2' && s[e - 1] == '\xA0')))
        e -= is_space(s[e - 1]) ? 1 : 2;
    return std::string(s.substr(b, e - b));
}

// Readers strip bold and italics, but Markdown-ish text keeps `**"Customer"**`
// or `"**Customer**"` now and then; the markers carry no meaning here.
std::string strip_emphasis(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 1 < s.size() && ((s[i] == '*' && s[i + 1] == '*') || (s[i] == '_' && s[i + 1] == '_'))) {
            ++i;
            continue;
        }
        out += s[i];
    }
    return out;
}

// True when `s` holds one of kQ's quotation marks (" “ ” „). Every pattern
// built on kQ needs one, so text without any skips those searches: most
// clauses have no quotes, and a regex search fails slowly.
bool has_quote(std::string_view s) {
    if (s.find('"') != std::string_view::npos) return true;
    for (std::size_t at = s.find("\xE2\x80"); at != std::string_view::npos; at = s.find("\xE2\x80", at + 1))
        if (at + 2 < s.size() && s[at + 2] >= '\x9C' && s[at + 2] <= '\x9E') return true;  // U+201C-U+201E
    return false;
}

bool starts_with_quote(std::string_view s, std::size_t at) {
    if (at < s.size() && s[at] == '"') return true;
    return s.substr(at, 3) == "“" || s.substr(at, 3) == "”" || s.substr(at, 3) == "„";
}
bool ends_with_quote(std::string_view s, std::size_t end) {
    if (end >= 1 && s[end - 1] == '"') return true;
    return end >= 3 && (s.substr(end - 3, 3) == "“" || s.substr(end - 3, 3) == "”");
}

// Offsets of `word` as a whole word (ASCII letters and digits bound words;
// "Customer’s" holds "Customer").
std::vector<std::size_t> word_hits(std::string_view text, std::string_view word) {
    std::vector<std::size_t> out;
    if (word.empty()) return out;
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        std::size_t end = at + word.size();
        if (at > 0 && is_alnum(text[at - 1])) continue;
        if (end < text.size() && is_alnum(text[end])) continue;
        out.push_back(at);
    }
    return out;
}

// True when word_hits(text, word) would find one: stops at the first.
bool has_word(std::string_view text, std::string_view word) {
    if (word.empty()) return false;
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        std::size_t end = at + word.size();
        if ((at == 0 || !is_alnum(text[at - 1])) && (end >= text.size() || !is_alnum(text[end]))) return true;
    }
    return false;
}

std::string regex_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

// ------------------------------------------------------------- vocabulary

bool is_pronoun(std::string_view t) {
    std::string l = lower(t);
    return l == "we" || l == "us" || l == "our" || l == "ours" || l == "you" || l == "your" || l == "yours";
}

Side pronoun_side(std::string_view t) {
    std::string l = lower(t);
    if (l == "we" || l == "us" || l == "our" || l == "ours") return Side::provider;
    if (l == "you" || l == "your" || l == "yours") return Side::customer;
    return Side::none;
}

// Role words name a side by what it does. The weak ones ("Company",
// "Processor", ...) are also ordinary nouns or legal concepts: they count
// when an agreement defines a party by them, but are learned from plain use
// only when nothing better names that side.
struct RoleWord {
    const char* word;
    Side side;
    bool weak;
};
constexpr std::array<RoleWord, 17> kRoleWords{{
    {"Provider", Side::provider, false},
    {"Service Provider", Side::provider, false},
    {"Supplier", Side::provider, false},
    {"Vendor", Side::provider, false},
    {"Licensor", Side::provider, false},
    {"Seller", Side::provider, false},
    {"Processor", Side::provider, true},
    {"Data Processor", Side::provider, true},
    {"Company", Side::provider, true},
    {"Contractor", Side::provider, true},
    {"Customer", Side::customer, false},
    {"Subscriber", Side::customer, false},
    {"Licensee", Side::customer, false},
    {"Client", Side::customer, false},
    {"Buyer", Side::customer, false},
    {"Controller", Side::customer, true},
    {"Data Controller", Side::customer, true},
}};

Side role_word_side(std::string_view t) {
    std::string l = lower(t);
    for (const RoleWord& r : kRoleWords)
        if (l == lower(r.word)) return r.side;
    return Side::none;
}

// Never an alias: both parties are a "Party".
bool forbidden_alias(std::string_view t) {
    std::string l = lower(t);
    return l == "party" || l == "parties" || l == "the parties" || l == "each party" || l == "both parties";
}

// "The User" -> "User"; pronouns lower-case.
std::string canonical_alias(std::string_view term) {
    std::string t = trim(term);
    if (t.size() > 4 && lower(t.substr(0, 4)) == "the ") t = trim(t.substr(4));
    if (is_pronoun(t)) t = lower(t);
    return t;
}

// ------------------------------------------------------------- patterns

const std::string kQ = "(?:\"|“|”|„)";
// A quoted term: no quotes, brackets or line breaks inside, 80 bytes at most.
const std::string kQT = kQ + "((?:(?!\"|“|”|„)[^\\n()]){1,80}?)" + kQ;
// The same without a capture, for building larger patterns.
const std::string kQTn = kQ + "(?:(?!\"|“|”|„)[^\\n()]){1,80}?" + kQ;
// Quoted terms joined the ways agreements join them: “GitHub,” “We,” and
// “Us”; "Provider", "we" or "us"; “Customer” / “you”.
const std::string kGroup = "(?:" + kQTn + "(?:\\s*[,;/]?\\s*(?:(?:and|or|and/or)\\s+)?(?:the\\s+)?" + kQTn + ")*)";
const std::string kDefVerbs =
    "(?:shall\\s+mean|will\\s+mean|means|mean|shall\\s+refer\\s+to|refers?(?:,\\s*collectively,)?\\s+to|"
    "(?:shall\\s+|will\\s+)?ha(?:s|ve)\\s+the\\s+meanings?|is\\s+defined\\s+as)";
const std::string kCorpSuffix =
    "(?:Inc\\.?|Incorporated|LLC|L\\.L\\.C\\.|Ltd\\.?|Limited|Corp\\.?|Corporation|GmbH|AG|S\\.A\\.|SAS|B\\.V\\.|"
    "N\\.V\\.|plc|PLC|LLP|L\\.P\\.|Pty\\.?\\s+Ltd\\.?|Co\\.)";
const std::string kCorp = "((?:[A-Z][A-Za-z0-9&'’.\\-]*)(?:\\s+(?:[A-Z0-9][A-Za-z0-9&'’.\\-]*|of|de|la|&)){0,6}?,?\\s+" +
                          kCorpSuffix + ")(?![A-Za-z])";

const boost::regex& qt_re() {
    static const boost::regex re(kQT);
    return re;
}
const boost::regex& corp_re() {
    static const boost::regex re(kCorp);
    return re;
}

// The terms of a matched group, cleaned: "GitHub," -> "GitHub".
std::vector<std::string> group_terms(const std::string& group) {
    std::vector<std::string> out;
    for (boost::sregex_iterator it(group.begin(), group.end(), qt_re()), end; it != end; ++it) {
        std::string t = trim((*it)[1].str());
        while (!t.empty() && std::string_view(",.;:*_").find(t.back()) != std::string_view::npos) t.pop_back();
        while (!t.empty() && (t.front() == '*' || t.front() == '_')) t.erase(t.begin());
        t = trim(t);
        if (t.empty() || !is_alnum(t.front())) continue;
        if (std::count(t.begin(), t.end(), ' ') > 7) continue;
        out.push_back(t);
    }
    return out;
}

// A legal entity name: "GitHub, Inc.", "Northwind Cloud, Inc.". Leading
// sentence words the pattern takes in ("Between Acme Inc.") are dropped.
std::string clean_entity(std::string name) {
    static const std::set<std::string> lead = {"The", "This", "That", "Between", "By", "With", "From", "And", "Among"};
    for (;;) {
        std::size_t sp = name.find(' ');
        if (sp == std::string::npos || !lead.count(name.substr(0, sp))) break;
        name = trim(name.substr(sp + 1));
    }
    return name;
}

// "GitHub, Inc." -> "GitHub".
std::string short_name(const std::string& entity) {
    static const boost::regex suffix(",?\\s+" + kCorpSuffix + "$");
    return trim(boost::regex_replace(entity, suffix, ""));
}

// "meanings given in the Applicable Data Protection Laws": a legal concept,
// not a party, even when the term is a role word ("Controller").
bool legal_meaning(const std::string& definition) {
    static const boost::regex re(
        R"(\bmeanings?(?:\(s\))?\s+(?:given|set\s+(?:forth|out)|ascribed|assigned|defined|provided)|\bas\s+defined\s+(?:in|under|by)\b)",
        boost::regex::icase);
    return boost::regex_search(definition, re);
}

// ------------------------------------------------------------- parentheses

struct Paren {
    std::size_t start = 0;  // offset of '('
    std::size_t end = 0;    // offset after ')'
    std::string content;
};

std::vector<Paren> parens_in(const std::string& s) {
    std::vector<Paren> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '(') continue;
        int depth = 0;
        std::size_t j = i;
        for (; j < s.size(); ++j) {
            if (s[j] == '(') ++depth;
            if (s[j] == ')' && --depth == 0) break;
        }
        if (j >= s.size()) break;
        out.push_back({i, j + 1, s.substr(i + 1, j - i - 1)});
        i = j;
    }
    return out;
}

// The alias terms a parenthetical defines, if it is nothing but quoted terms
// and the words that join them: (“Provider”, “we” or “us”), (the
// “Agreement”), (each a "Security Incident"), (collectively, the "Products").
// Unquoted: (also referred to as Customer), (hereinafter Supplier).
std::optional<std::vector<std::string>> paren_terms(const std::string& content) {
    static const std::set<std::string> filler = {
        "the", "each", "a", "an", "collectively", "together", "individually", "jointly", "hereinafter", "hereafter",
        "herein", "also", "referred", "to", "as", "called", "and", "or", "respectively", "of", "which", "jointly"};
    std::vector<std::string> terms = group_terms(content);
    if (!terms.empty()) {
        std::string rest = boost::regex_replace(content, qt_re(), " ");
        std::string word;
        for (std::size_t i = 0; i <= rest.size(); ++i) {
            char c = i < rest.size() ? rest[i] : ' ';
            if (is_alnum(c)) {
                word += c;
                continue;
            }
            if (!word.empty() && !filler.count(lower(word))) return std::nullopt;
            word.clear();
            if (!is_space(c) && c != ',' && c != ';' && c != '/' && c != '.' && c != ' ') return std::nullopt;
        }
        return terms;
    }
    static const boost::regex unquoted(
        R"(^\s*(?:also\s+)?(?:referred\s+to\s+(?:herein\s+)?as|hereinafter(?:\s+referred\s+to\s+as|\s+called)?|hereafter)\s+(?:the\s+)?([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)\s*$)");
    boost::smatch m;
    if (boost::regex_match(content, m, unquoted)) return std::vector<std::string>{m[1].str()};
    return std::nullopt;
}

// ------------------------------------------------------------- candidates

// A set of names the agreement gives one party, and how it learned them.
struct Candidate {
    std::vector<std::string> terms;
    std::string entity;   // legal name, when the group names one
    std::string learned;  // "preamble" or "definition"
    std::string where;    // clause id
    Side side = Side::none;
};

class Finder {
public:
    explicit Finder(Document& doc) : doc_(doc) {}
    void run();

private:
    Document& doc_;
    // Calls f(text) on every clause's text, in order, emphasis stripped: the
    // uses of a name are counted clause by clause, not in a joined copy of
    // the whole document.
    template <typename F>
    void for_each_text(F f) const;
    std::vector<Candidate> candidates_;
    std::array<Party, 2> parties_;
    std::set<std::pair<std::string, std::string>> defined_;  // (term, clause) already recorded

    Party& party(Side s) { return parties_[s == Side::provider ? 0 : 1]; }
    void warn(const std::string& where, const std::string& message) { doc_.warnings.push_back({where, message}); }

    bool in_definitions_section(std::size_t clause) const;
    std::vector<bool> preamble_zone() const;
    void define(const std::string& term, const std::string& definition, const std::string& clause);

    void scan_clause(std::size_t ci, bool preamble);
    void scan_definition_heads(const std::string& text, const std::string& id, bool defs_section,
                               const std::vector<Span>* text_sentences = nullptr);
    void scan_sentence(const std::string& sentence, const std::string& id, bool preamble);
    void scan_table_row(const Block& b, const std::string& id, bool defs_section);
    void add_definition_candidate(const std::vector<std::string>& terms, const std::string& definition,
                                  const std::string& id);

    Side decide_side(Candidate& c);
    std::size_t subject_uses(const std::string& alias) const;
    std::size_t role_uses(const std::string& word) const;
    bool add_alias(Side s, const std::string& text, const std::string& learned, const std::string& where);
    bool holds(Side s, const std::string& alias) const;
    bool has_designation(Side s) const;
    void adopt(const Candidate& c, Side s);
    void role_word_fallback();
    void usage_fallback();
    void pronoun_convention();
};

template <typename F>
void Finder::for_each_text(F f) const {
    std::string stripped;
    for (const Clause& c : doc_.clauses) {
        if (c.text.find("**") == std::string::npos && c.text.find("__") == std::string::npos) {
            f(std::string_view(c.text));
        } else {
            stripped = strip_emphasis(c.text);
            f(std::string_view(stripped));
        }
    }
}

bool Finder::in_definitions_section(std::size_t clause) const {
    static const boost::regex re(R"(\bdefinitions?\b|\binterpretation\b|\bdefined\s+terms\b)", boost::regex::icase);
    // A heading line the clause builder kept as text (a table follows it).
    static const boost::regex line(R"(^\s*(?:definitions?|interpretation|defined\s+terms)\s*[.:]?\s*$)", boost::regex::icase);
    std::optional<std::size_t> at = clause;
    while (at) {
        const Clause& c = doc_.clauses[*at];
        if (!c.heading.empty() && boost::regex_search(c.heading, re)) return true;
        if (c.heading.empty() && !c.blocks.empty() && doc_.blocks[c.blocks[0]].kind == BlockKind::paragraph &&
            boost::regex_match(doc_.blocks[c.blocks[0]].text, line))
            return true;
        at = c.parent;
    }
    return false;
}

// The preamble: every clause before the first numbered one ("1.", "A.",
// "Section 1"); Markdown documents put headings and an introduction there.
std::vector<bool> Finder::preamble_zone() const {
    std::vector<bool> out(doc_.clauses.size(), false);
    for (std::size_t i = 0; i < doc_.clauses.size(); ++i) {
        if (!doc_.clauses[i].number.empty()) break;
        out[i] = true;
    }
    return out;
}

void Finder::define(const std::string& term, const std::string& definition, const std::string& clause) {
    std::string t = trim(term);
    if (t.empty() || !defined_.insert({t, clause}).second) return;
    doc_.definitions.push_back({t, trim(definition), clause});
}

void Finder::run() {
    doc_.parties.clear();
    doc_.definitions.clear();
    parties_[0].role = "provider";
    parties_[1].role = "customer";
    std::vector<bool> preamble = preamble_zone();
    for (std::size_t i = 0; i < doc_.clauses.size(); ++i) scan_clause(i, preamble[i]);

    // Groups that say whose they are first; then the ones that only name an
    // entity ("GitHub, Inc. (“GitHub”)"), which join the side that already
    // holds one of their names, or else become the provider when they act in
    // the text (standard terms name the provider, rarely the customer).
    for (Candidate& c : candidates_) {
        if (decide_side(c) != Side::none) adopt(c, c.side);
    }
    for (const Candidate& c : candidates_) {
        if (c.side != Side::none) continue;
        Side join = Side::none;
        for (Side s : {Side::provider, Side::customer}) {
            for (const std::string& t : c.terms)
                if (holds(s, canonical_alias(t))) join = s;
            if (!c.entity.empty() && (holds(s, c.entity) || holds(s, short_name(c.entity)))) join = s;
        }
        if (join == Side::none && party(Side::provider).name.empty()) {
            std::size_t uses = 0;
            for (const std::string& t : c.terms) uses += subject_uses(canonical_alias(t));
            if (!c.entity.empty()) uses += subject_uses(short_name(c.entity));
            if (uses >= 2) join = Side::provider;
        }
        if (join != Side::none) adopt(c, join);
    }
    role_word_fallback();
    usage_fallback();
    pronoun_convention();

    for (Party& p : parties_) {
        if (!p.name.empty()) continue;
        for (const Party::Alias& a : p.aliases)
            if (!is_pronoun(a.text)) {
                p.name = a.text;
                break;
            }
    }
    doc_.parties.assign(parties_.begin(), parties_.end());
}

void Finder::scan_clause(std::size_t ci, bool preamble) {
    const Clause& c = doc_.clauses[ci];
    bool defs = in_definitions_section(ci);
    bool table = false;
    for (std::size_t bi : c.blocks) {
        const Block& b = doc_.blocks[bi];
        if (b.kind == BlockKind::table_row && b.cells.size() >= 2) {
            table = true;
            scan_table_row(b, c.id, defs);
        }
    }
    if (table) return;
    std::string text = strip_emphasis(c.text);
    if (trim(text).empty()) return;
    // Outside the preamble, scan_sentence() reads only brackets and quoted
    // terms: a clause with neither is not split into sentences (ICU's
    // break iterator is the slowest step of this stage).
    if (!preamble && text.find('(') == std::string::npos && !has_quote(text)) {
        scan_definition_heads(text, c.id, defs);
        return;
    }
    std::vector<Span> spans = sentences(text);
    scan_definition_heads(text, c.id, defs, &spans);
    for (const Span& s : spans) scan_sentence(text.substr(s.start, s.end - s.start), c.id, preamble);
}

// Definitions at the head of a paragraph ("“Account” means ..."), anywhere
// in a sentence ('For this Section, "you" shall refer to ...'), and without
// quotes inside a Definitions section ("Customer Data means ...").
// `text_sentences`: sentences(text), when the caller has it already.
void Finder::scan_definition_heads(const std::string& text, const std::string& id, bool defs_section,
                                   const std::vector<Span>* text_sentences) {
    static const boost::regex head("^\\s*(?:(?:the|The)\\s+term\\s+|(?:the|The)\\s+)?(" + kGroup + ")\\s*,?\\s*(" +
                                   kDefVerbs + "|is|are|includes?)(?![A-Za-z])");
    static const boost::regex anywhere("(?:\\bthe\\s+term\\s+)?(" + kGroup + ")\\s*,?\\s*(" + kDefVerbs +
                                       ")(?![A-Za-z])");
    static const boost::regex unquoted(
        "^\\s*(?:The\\s+)?([A-Z][A-Za-z0-9’'\\-]*(?:\\s+(?:[A-Z][A-Za-z0-9’'\\-]*|of|and|or|for|to|in|the|on)){0,5})"
        "\\s*,?\\s*(" +
        kDefVerbs + ")(?![A-Za-z])");
    boost::smatch m;
    std::size_t head_end = 0;
    const bool quoted = has_quote(text);  // `head` and `anywhere` need a quoted term
    if (quoted && boost::regex_search(text, m, head, boost::match_continuous)) {
        std::vector<std::string> terms = group_terms(m[1].str());
        std::string definition = text.substr(static_cast<std::size_t>(m.position(2)));
        for (const std::string& t : terms) define(t, definition, id);
        add_definition_candidate(terms, definition, id);
        head_end = static_cast<std::size_t>(m.position() + m.length());
    } else if (defs_section && boost::regex_search(text, m, unquoted, boost::match_continuous)) {
        std::string term = trim(m[1].str());
        // The term ends with a capitalised word: "Customer Data", not "Customer of".
        std::size_t sp = term.rfind(' ');
        if (is_upper(term[sp == std::string::npos ? 0 : sp + 1])) {
            std::string definition = text.substr(static_cast<std::size_t>(m.position(2)));
            define(term, definition, id);
            add_definition_candidate({term}, definition, id);
        }
    }
    if (!quoted) return;
    std::vector<Span> computed;
    const std::vector<Span>& spans = text_sentences ? *text_sentences : (computed = sentences(text));
    for (boost::sregex_iterator it(text.begin() + static_cast<std::ptrdiff_t>(head_end), text.end(), anywhere), end;
         it != end; ++it) {
        std::size_t at = head_end + static_cast<std::size_t>(it->position(2));
        std::size_t stop = text.size();
        for (const Span& s : spans)
            if (s.start <= at && at < s.end) stop = s.end;
        std::vector<std::string> terms = group_terms((*it)[1].str());
        std::string definition = text.substr(at, stop - at);
        for (const std::string& t : terms) define(t, definition, id);
        add_definition_candidate(terms, definition, id);
    }
}

// A definition that names a party: its terms hold a pronoun or a role word
// ("“Customer” means the entity ..."), or it means a legal entity
// ("“GitHub” means GitHub, Inc., its Affiliates ...").
void Finder::add_definition_candidate(const std::vector<std::string>& terms, const std::string& definition,
                                      const std::string& id) {
    if (terms.empty() || legal_meaning(definition)) return;
    Candidate c;
    c.terms = terms;
    c.learned = "definition";
    c.where = id;
    static const boost::regex entity("^\\s*" + kDefVerbs + "\\s*,?\\s*(?:collectively,?\\s*)?" + kCorp);
    boost::smatch m;
    if (boost::regex_search(definition, m, entity, boost::match_continuous)) c.entity = clean_entity(m[1].str());
    bool signal = !c.entity.empty();
    for (const std::string& t : terms)
        signal = signal || pronoun_side(canonical_alias(t)) != Side::none || role_word_side(canonical_alias(t)) != Side::none;
    if (signal) candidates_.push_back(std::move(c));
}

void Finder::scan_table_row(const Block& b, const std::string& id, bool defs_section) {
    // "Term \t Definition" rows in a definitions table; a cell may also hold
    // a whole definition ("“Downtime” is a period ...").
    std::string first = strip_emphasis(trim(b.cells[0]));
    std::string second = strip_emphasis(trim(b.cells[1]));
    std::vector<std::string> quoted = group_terms(first);
    bool quoted_term = !quoted.empty() && boost::regex_match(first, boost::regex("^\\s*" + kGroup + "\\s*$"));
    std::string l = lower(first);
    bool header = l == "term" || l == "defined term" || l == "definition" || l == "terms";
    if (!header && !second.empty() && (quoted_term || defs_section) && !first.empty() &&
        std::count(first.begin(), first.end(), ' ') < 6 && first.back() != '.' && is_alnum(quoted_term ? 'a' : first.front())) {
        std::vector<std::string> terms = quoted_term ? quoted : std::vector<std::string>{first};
        for (const std::string& t : terms) define(t, second, id);
        add_definition_candidate(terms, second, id);
        return;
    }
    for (const std::string& cell : b.cells) scan_definition_heads(strip_emphasis(cell), id, false);
}

// Parenthetical groups and the "between A and B" of a preamble sentence.
void Finder::scan_sentence(const std::string& sentence, const std::string& id, bool preamble) {
    std::vector<Paren> parens = parens_in(sentence);
    std::vector<std::optional<std::vector<std::string>>> groups;
    for (const Paren& p : parens) groups.push_back(paren_terms(p.content));
    std::vector<bool> used(parens.size(), false);
    const std::string learned = preamble ? "preamble" : "definition";

    auto signal_of = [](const std::vector<std::string>& terms) {
        for (const std::string& t : terms) {
            std::string a = canonical_alias(t);
            if (pronoun_side(a) != Side::none || role_word_side(a) != Side::none) return true;
        }
        return false;
    };

    // Inline definitions: each term, defined by the words before it.
    std::size_t prev = 0;
    for (std::size_t i = 0; i < parens.size(); ++i) {
        if (!groups[i]) continue;
        std::string before = trim(sentence.substr(prev, parens[i].start - prev));
        while (!before.empty() && (before.front() == ',' || before.front() == ';')) before = trim(before.substr(1));
        if (before.size() > 4 && lower(before.substr(0, 4)) == "and ") before = trim(before.substr(4));
        for (const std::string& t : *groups[i]) define(t, before, id);
        prev = parens[i].end;
    }
    // "Provider and Customer are each a “Party” and together the “Parties”".
    static const boost::regex each("\\b(?:each|individually|together|collectively),?\\s+(?:a|an|the)?\\s*" + kQT);
    if (has_quote(sentence)) {  // `each` needs a quoted term
        for (boost::sregex_iterator it(sentence.begin(), sentence.end(), each), end; it != end; ++it) {
            std::size_t at = static_cast<std::size_t>(it->position());
            bool inside =
                std::any_of(parens.begin(), parens.end(), [&](const Paren& p) { return p.start < at && at < p.end; });
            if (!inside)
                for (const std::string& t : group_terms(it->str())) define(t, trim(sentence), id);
        }
    }

    // "between A and B": the two slots, split at the first "and" outside
    // brackets after "between".
    static const boost::regex between("\\bbetween\\s+", boost::regex::icase);
    boost::smatch bm;
    bool any_signal = false;
    for (const auto& g : groups) any_signal = any_signal || (g && signal_of(*g));
    if ((preamble || any_signal) && boost::regex_search(sentence, bm, between)) {
        std::size_t from = static_cast<std::size_t>(bm.position() + bm.length());
        auto top_and = [&](std::size_t start) {
            int depth = 0;
            for (std::size_t i = start; i + 5 <= sentence.size(); ++i) {
                if (sentence[i] == '(') ++depth;
                if (sentence[i] == ')') depth = std::max(0, depth - 1);
                if (depth == 0 && sentence.compare(i, 5, " and ") == 0) return i;
            }
            return std::string::npos;
        };
        std::size_t a_end = top_and(from);
        if (a_end != std::string::npos) {
            std::size_t b_start = a_end + 5;
            std::size_t b_end = top_and(b_start);
            if (b_end == std::string::npos) b_end = sentence.size();
            auto slot = [&](std::size_t s, std::size_t e) {
                Candidate c;
                c.learned = learned;
                c.where = id;
                std::string bare;
                std::size_t at = s;
                for (std::size_t i = 0; i < parens.size(); ++i) {
                    if (parens[i].start < s || parens[i].end > e) continue;
                    bare += sentence.substr(at, parens[i].start - at);
                    at = parens[i].end;
                    if (groups[i]) {
                        used[i] = true;
                        c.terms.insert(c.terms.end(), groups[i]->begin(), groups[i]->end());
                    }
                }
                bare += sentence.substr(at, e - at);
                bare = trim(bare);
                boost::smatch cm;
                std::string entity = boost::regex_search(bare, cm, corp_re()) ? cm[1].str() : std::string();
                while (!bare.empty() && std::string_view(",.;:").find(bare.back()) != std::string_view::npos)
                    bare = trim(bare.substr(0, bare.size() - 1));
                if (!entity.empty()) {
                    c.entity = clean_entity(entity);
                } else if (bare == "you" || bare.rfind("you ", 0) == 0) {
                    c.terms.insert(c.terms.begin(), "you");
                } else {
                    std::string b = bare.rfind("the ", 0) == 0 ? bare.substr(4) : bare;
                    // A capitalised role word or a one-word name ("GitHub"), as written.
                    bool one_word = !b.empty() && is_upper(b.front()) && b.find(' ') == std::string::npos &&
                                    std::all_of(b.begin(), b.end(), [](char ch) { return is_alnum(ch) || ch == '-'; });
                    if ((one_word || role_word_side(b) != Side::none) && is_upper(b.front()) && !forbidden_alias(b))
                        c.terms.insert(c.terms.begin(), b);
                }
                return c;
            };
            Candidate a = slot(from, a_end), b = slot(b_start, b_end);
            bool a_some = !a.terms.empty() || !a.entity.empty(), b_some = !b.terms.empty() || !b.entity.empty();
            Side sa = decide_side(a), sb = decide_side(b);
            if (a_some && b_some) {
                if (sa == Side::none && sb != Side::none) a.side = other(sb);
                if (sb == Side::none && sa != Side::none) b.side = other(sa);
                if (sa == Side::none && sb == Side::none && (!a.entity.empty() || !b.entity.empty())) {
                    a.side = Side::provider;
                    b.side = Side::customer;
                    warn(id, "party roles guessed from their order in \"between ... and ...\"");
                }
            }
            // A bare one-word name only counts with a counterpart whose role is clear.
            for (Candidate* c : {&a, &b}) {
                if (c->side == Side::none && c->entity.empty()) continue;
                if (!c->terms.empty() || !c->entity.empty()) candidates_.push_back(*c);
            }
        }
    }

    // Other groups: those that say whose they are, or follow a legal name
    // directly or after an appositive ("Northwind Cloud, Inc., a Delaware
    // corporation ... (“Provider”)").
    prev = 0;
    for (std::size_t i = 0; i < parens.size(); ++i) {
        std::size_t seg_start = prev;
        prev = parens[i].end;
        if (!groups[i] || used[i]) continue;
        Candidate c;
        c.terms = *groups[i];
        c.learned = learned;
        c.where = id;
        std::string segment = sentence.substr(seg_start, parens[i].start - seg_start);
        boost::smatch cm;
        std::string last;
        std::size_t last_end = 0;
        for (boost::sregex_iterator it(segment.begin(), segment.end(), corp_re()), end; it != end; ++it) {
            last = (*it)[1].str();
            last_end = static_cast<std::size_t>(it->position(1) + it->length(1));
        }
        if (!last.empty()) {
            std::string gap = trim(segment.substr(last_end));
            if ((gap.empty() || gap.front() == ',') && segment.size() - last_end <= 200) c.entity = clean_entity(last);
        }
        if (signal_of(c.terms) || !c.entity.empty()) candidates_.push_back(std::move(c));
    }
}

// The side a candidate's own words give: pronouns first, then role words.
// A group that names both sides is contradictory: its pronouns win and the
// other words are dropped.
Side Finder::decide_side(Candidate& c) {
    if (c.side != Side::none) return c.side;
    Side pron = Side::none, role = Side::none;
    bool pron_conflict = false, role_conflict = false;
    for (const std::string& t : c.terms) {
        std::string a = canonical_alias(t);
        Side p = pronoun_side(a), r = role_word_side(a);
        if (p != Side::none) {
            if (pron != Side::none && pron != p) pron_conflict = true;
            pron = p;
        }
        if (r != Side::none) {
            if (role != Side::none && role != r) role_conflict = true;
            role = r;
        }
    }
    if (pron_conflict || (role_conflict && pron == Side::none)) {
        warn(c.where, "a group of party names mixes both sides; ignored");
        c.terms.clear();
        c.entity.clear();
        return Side::none;
    }
    if (pron != Side::none && role != Side::none && role != pron) {
        warn(c.where, "role word and pronoun disagree in one group; the pronoun decides");
        c.terms.erase(std::remove_if(c.terms.begin(), c.terms.end(),
                                     [&](const std::string& t) { return role_word_side(canonical_alias(t)) == other(pron); }),
                      c.terms.end());
    }
    c.side = pron != Side::none ? pron : role;
    return c.side;
}

bool Finder::holds(Side s, const std::string& alias) const {
    std::string l = lower(alias);
    const Party& p = parties_[s == Side::provider ? 0 : 1];
    return std::any_of(p.aliases.begin(), p.aliases.end(), [&](const Party::Alias& a) { return lower(a.text) == l; });
}

bool Finder::add_alias(Side s, const std::string& text, const std::string& learned, const std::string& where) {
    std::string t = canonical_alias(text);
    if (t.empty() || forbidden_alias(t) || holds(s, t)) return false;
    if (holds(other(s), t)) {
        warn(where, "\"" + t + "\" names both parties; kept for the first");
        return false;
    }
    party(s).aliases.push_back({t, learned});
    return true;
}

bool Finder::has_designation(Side s) const {
    const Party& p = parties_[s == Side::provider ? 0 : 1];
    return std::any_of(p.aliases.begin(), p.aliases.end(), [](const Party::Alias& a) { return !is_pronoun(a.text); });
}

void Finder::adopt(const Candidate& c, Side s) {
    if (!c.entity.empty()) {
        if (party(s).name.empty() && !holds(other(s), c.entity)) party(s).name = c.entity;
        add_alias(s, c.entity, c.learned, c.where);
        // The short name the text goes on to use ("GitHub will ...").
        std::string brief = short_name(c.entity);
        if (brief != c.entity && !brief.empty()) {
            std::size_t uses = 0;
            for_each_text([&](std::string_view text) {
                for (std::size_t at : word_hits(text, brief)) {
                    std::string_view after = text.substr(at + brief.size(), 8);
                    if (after.rfind(", Inc", 0) != 0 && after.rfind(" Inc", 0) != 0 && after.rfind(",", 0) != 0) ++uses;
                }
            });
            if (uses >= 2) add_alias(s, brief, c.learned, c.where);
        }
    }
    for (const std::string& t : c.terms) add_alias(s, t, c.learned, c.where);
}

// "GitHub will", "Provider shall": the name acting as the subject.
std::size_t Finder::subject_uses(const std::string& alias) const {
    if (alias.empty()) return 0;
    boost::regex re("(?<![A-Za-z])" + regex_escape(alias) +
                    "\\s+(?:shall|will|must|may|agrees?|warrants?|represents?|commits?|guarantees?|makes?|provides?|"
                    "retains?|uses?|is\\s+responsible)\\b");
    std::size_t n = 0;
    for_each_text([&](std::string_view text) {
        n += static_cast<std::size_t>(
            std::distance(boost::cregex_iterator(text.data(), text.data() + text.size(), re), boost::cregex_iterator()));
    });
    return n;
}

// Uses of a role word as a name for a party: capitalised, not quoted (a
// definition or a cross-reference), not the head of a longer term
// ("Customer Data", "Provider Software").
std::size_t Finder::role_uses(const std::string& word) const {
    std::size_t n = 0;
    for_each_text([&](std::string_view text) {
        for (std::size_t at : word_hits(text, word)) {
            if (at > 0 && ends_with_quote(text, at)) continue;
            std::size_t end = at + word.size();
            if (end < text.size() && (text[end] == '-' || starts_with_quote(text, end))) continue;
            std::size_t next = end;
            while (next < text.size() && text[next] == ' ') ++next;
            if (next > end && next < text.size() && is_upper(text[next])) continue;
            ++n;
        }
    });
    return n;
}

// Role words the text uses as names, for a side nothing else names.
void Finder::role_word_fallback() {
    std::set<std::string> concepts;  // role words defined as legal concepts ("Processor" per the GDPR)
    for (const Definition& d : doc_.definitions)
        if (legal_meaning(d.definition)) concepts.insert(lower(d.term));
    for (Side s : {Side::provider, Side::customer}) {
        if (has_designation(s)) continue;
        for (bool weak : {false, true}) {
            std::vector<std::pair<std::size_t, std::string>> found;
            for (const RoleWord& r : kRoleWords) {
                if (r.side != s || r.weak != weak || concepts.count(lower(r.word)) || holds(other(s), r.word)) continue;
                // Weak words must act ("the Processor shall"), not just appear.
                std::size_t n = weak ? subject_uses(r.word) : role_uses(r.word);
                if (n >= 3) found.push_back({n, r.word});
            }
            std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
            for (const auto& f : found) add_alias(s, f.second, "role-word", "parties");
            if (!found.empty()) break;
        }
    }
}

// A provider named by its trade name only ("GitHub will ..."; its own DPA
// never defines it): the capitalised word most often acting as a subject,
// that the text also uses in the possessive and never defines as a thing.
// Learned as "role-word": the name plays the role word's part.
void Finder::usage_fallback() {
    if (has_designation(Side::provider)) return;
    static const std::set<std::string> stop = {
        "The", "This", "These", "Those", "That", "Each", "Either", "Neither", "Both", "Any", "All", "No", "None",
        "Such", "If", "It", "Its", "They", "He", "She", "Upon", "Nothing", "Notwithstanding", "Except", "Subject",
        "In", "To", "For", "Where", "When", "Unless", "Which", "Who", "What", "There", "We", "You", "I", "A", "An",
        "Nor", "Or", "And", "But", "Also", "Otherwise", "Please", "Note", "Party", "Parties", "Section", "Agreement",
        "Service", "Services", "User", "Users", "Affiliate", "Affiliates", "Data", "Content", "Software", "Product",
        "Products", "Order", "Fees", "Documentation", "Credits", "Terms", "Website", "Account", "Accounts", "Exporter",
        "Importer", "Subprocessor", "Subprocessors", "Sub-processor", "Sub-processors", "Law", "Laws", "One", "Some"};
    std::set<std::string> defined;
    for (const Definition& d : doc_.definitions) defined.insert(lower(d.term));
    static const boost::regex subject(
        R"(\b([A-Z][A-Za-z0-9]{1,30})\s+(?:will|shall|must|may|agrees|warrants|represents|commits|guarantees|makes|provides|uses|retains|acknowledges|acts|does|is\s+responsible)\b)");
    // Names seen in the possessive are candidates too: an SLA may only ever
    // say "GitHub's quarterly Uptime" (and "our ... guarantee").
    static const boost::regex possessive_re(R"(\b([A-Z][A-Za-z0-9]{1,30})(?:'s|’s)(?![A-Za-z]))");
    std::map<std::string, std::size_t> tally;
    std::map<std::string, std::size_t> possessive;
    for_each_text([&](std::string_view text) {
        const char* const b = text.data();
        const char* const e = b + text.size();
        for (boost::cregex_iterator it(b, e, subject), end; it != end; ++it) ++tally[(*it)[1].str()];
        for (boost::cregex_iterator it(b, e, possessive_re), end; it != end; ++it) ++possessive[(*it)[1].str()];
    });
    std::string best;
    std::size_t best_score = 0;
    for (const auto& [name, owned] : possessive) {
        std::size_t acts = tally.count(name) ? tally.at(name) : 0;
        // Acting and owned: three acts and one possessive, or five of both with two possessives.
        bool enough = (acts >= 3 && owned >= 1) || (acts + owned >= 5 && owned >= 2);
        if (!enough || acts + owned <= best_score || stop.count(name) || defined.count(lower(name))) continue;
        if (role_word_side(name) != Side::none || is_pronoun(name) || holds(Side::customer, name)) continue;
        best = name;
        best_score = acts + owned;
    }
    if (best.empty()) return;
    add_alias(Side::provider, best, "role-word", "parties");
    // Its legal name, if the text gives one ("GitHub, Inc. (as data importer)").
    if (!party(Side::provider).name.empty()) return;
    boost::regex legal("(?<![A-Za-z])(" + regex_escape(best) + ",?\\s+" + kCorpSuffix + ")(?![A-Za-z])");
    std::string name;
    for_each_text([&](std::string_view text) {
        boost::cmatch m;
        if (name.empty() && boost::regex_search(text.data(), text.data() + text.size(), m, legal)) name = m[1].str();
    });
    party(Side::provider).name = name;
}

// A provider's own terms say "we" and speak to the customer as "you". Also
// completes a family a definition started: "we" and "us" defined, "our" used.
void Finder::pronoun_convention() {
    struct Family {
        Side side;
        std::array<const char*, 3> words;
    };
    for (const Family& f : {Family{Side::provider, {"we", "us", "our"}}, Family{Side::customer, {"you", "your", "yours"}}}) {
        for (const char* w : f.words) {
            std::string word = w;
            std::string cap = word;
            cap[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[0])));
            std::string upper = word;
            for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            bool used = false;
            for_each_text([&](std::string_view text) { used = used || has_word(text, word) || has_word(text, cap); });
            if (!used && word != "us")  // "YOU ACCEPT", but "US" is a country
                for_each_text([&](std::string_view text) { used = used || has_word(text, upper); });
            if (!used || holds(other(f.side), word)) continue;
            add_alias(f.side, word, "convention", "parties");
        }
    }
}

}  // namespace

void find_parties(Document& doc) {
    Finder(doc).run();
}

}  // namespace onus
