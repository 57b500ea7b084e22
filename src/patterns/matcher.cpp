// patterns/matcher.cpp: compiling rule patterns and running them on
// normalised text, with a bounded effort.
//
// Boost.Regex with ICU (u32regex) over UTF-8, case-insensitive. Bounds:
//   - the text is capped at kMaxTextBytes per call (a RuleFailure says so);
//   - a pattern whose backtracking exceeds BOOST_REGEX_MAX_STATE_COUNT
//     makes Boost throw std::runtime_error (not regex_error): that rule is
//     reported as a RuleFailure for this text, never as a silent "no match";
//   - at most kMaxMatchesPerRule matches per rule per text;
//   - a literal prefilter (prefilter.cpp) skips a pattern whose required
//     words are absent, before any regex runs. The words of all the rules of
//     a kind are looked for in one pass over the text (literal_scanner.hpp),
//     not one search per word per pattern.
#if !defined(BOOST_REGEX_NO_EXTERNAL_TEMPLATES)
// Without it, Debian's Boost 1.74 uses its prebuilt matcher, which ignores
// BOOST_REGEX_MAX_STATE_COUNT: catastrophic patterns would take seconds.
#error "matcher.cpp must be compiled with -DBOOST_REGEX_NO_EXTERNAL_TEMPLATES (hostile-input.md)"
#endif

#include "patterns/compiled.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

namespace onus {

RulePack::RulePack() : impl_(std::make_unique<Impl>()) {}
RulePack::RulePack(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RulePack::~RulePack() = default;
RulePack::RulePack(RulePack&&) noexcept = default;
RulePack& RulePack::operator=(RulePack&&) noexcept = default;

const RulePack::Impl& RulePack::impl() const noexcept {
    static const Impl empty;  // a moved-from pack behaves as an empty one
    return impl_ ? *impl_ : empty;
}

const std::vector<Rule>& RulePack::rules() const { return impl().rules; }
const Baseline& RulePack::baseline() const { return impl().baseline; }

std::vector<RuleMatch> RulePack::match(const NormalizedText& text, RuleKind kind,
                                       std::vector<RuleFailure>* failures) const {
    return patterns_detail::match_rules(*this, text, kind, failures, patterns_detail::MatchOptions{});
}

PreparedText RulePack::prepare(const NormalizedText& text) const { return patterns_detail::prepare_text(impl(), text); }

std::vector<RuleMatch> RulePack::match(const PreparedText& text, RuleKind kind,
                                       std::vector<RuleFailure>* failures) const {
    return patterns_detail::match_rules(*this, text, kind, failures, patterns_detail::MatchOptions{});
}

PreparedText::PreparedText(std::unique_ptr<State> state) : state_(std::move(state)) {}
PreparedText::~PreparedText() = default;
PreparedText::PreparedText(PreparedText&&) noexcept = default;
PreparedText& PreparedText::operator=(PreparedText&&) noexcept = default;
const NormalizedText& PreparedText::text() const noexcept { return *state_->text; }
PreparedText::State& PreparedText::state() const noexcept { return *state_; }

namespace patterns_detail {

namespace {

using Utf8 = boost::u8_to_u32_iterator<const char*, UChar32>;
using Iterator = boost::regex_iterator<Utf8, UChar32, boost::icu_regex_traits>;

constexpr auto kSyntax = boost::regex::perl | boost::regex::icase;

// Boost's message, first sentence only: the rest repeats the pattern with
// ">>>HERE>>>" over several lines, and the rule file already locates it.
std::string describe(const boost::regex_error& e) {
    std::string what = e.what();
    std::size_t cut = what.find("  The error occurred");
    if (cut != std::string::npos) what.resize(cut);
    for (char& c : what)
        if (c == '\n' || c == '\r') c = ' ';
    return "bad regular expression: " + what + " (at character " + std::to_string(e.position()) + ")";
}

// Where a character set opened at `open` ("[") closes, or npos. Follows
// Perl's rules: "]" right after "[" or "[^" is a literal, "\\x" escapes one
// character, "[:alpha:]" (and "[=a=]", "[.a.]") nest inside a set.
std::size_t set_end(const std::string& p, std::size_t open) {
    std::size_t i = open + 1;
    if (i < p.size() && p[i] == '^') ++i;
    if (i < p.size() && p[i] == ']') ++i;
    while (i < p.size()) {
        char c = p[i];
        if (c == '\\') {
            i += 2;
        } else if (c == '[' && i + 1 < p.size() && (p[i + 1] == ':' || p[i + 1] == '=' || p[i + 1] == '.')) {
            std::size_t close = p.find(std::string(1, p[i + 1]) + "]", i + 2);
            if (close == std::string::npos) return std::string::npos;
            i = close + 2;
        } else if (c == ']') {
            return i;
        } else {
            ++i;
        }
    }
    return std::string::npos;
}

// Boost 1.74 reads past the end of a pattern whose character set is never
// closed ("[a-b", "[\\": found by fuzzing): such a pattern is refused here,
// before Boost sees it.
std::optional<std::string> unterminated_set(const std::string& p) {
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\\') {
            if (i + 1 < p.size() && (p[i + 1] == 'Q')) {  // \Q...\E quotes everything up to \E
                std::size_t e = p.find("\\E", i + 2);
                if (e == std::string::npos) return std::nullopt;
                i = e + 1;
            } else {
                ++i;
            }
        } else if (p[i] == '[') {
            std::size_t close = set_end(p, i);
            if (close == std::string::npos)
                return "bad regular expression: unterminated [ set (at character " + std::to_string(i) + ")";
            i = close;
        }
    }
    return std::nullopt;
}

std::optional<std::string> compile_into(const std::string& pattern, std::vector<RulePack::Impl::Pattern>& out) {
    if (std::optional<std::string> problem = unterminated_set(pattern)) return problem;
    try {
        out.push_back({boost::make_u32regex(pattern, kSyntax), make_prefilter(pattern), 0, make_prefixes(pattern)});
        return std::nullopt;
    } catch (const boost::regex_error& e) {
        return describe(e);
    } catch (const std::exception& e) {  // e.g. out of memory on a huge repeat
        return std::string("bad regular expression: ") + e.what();
    }
}

struct Hit {
    std::size_t start;
    std::size_t end;
    std::size_t rule;
    int priority;
};

// The text a call matches: at most kMaxTextBytes, cut at a character boundary.
std::string_view capped(const std::string& text) {
    std::size_t size = std::min(text.size(), kMaxTextBytes);
    while (size > 0 && size < text.size() && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
    return std::string_view(text).substr(0, size);
}

// The working memory of prepare() and match(), kept by each thread from one
// call to the next: a scan makes a few calls per clause, and allocating
// these afresh each time cost about as much as the prefilter itself.
struct Buffers {
    std::vector<unsigned char> found;  // per atom of the pack's scanner
    PatternFilter::Scratch scratch;
    std::vector<Hit> own;              // one rule's hits
};

Buffers& thread_buffers() {
    thread_local Buffers buffers;
    return buffers;
}

class Run {
public:
    Run(const RulePack::Impl& impl, PreparedText::State& prepared, std::vector<RuleFailure>* failures,
        const MatchOptions& options, MatchStats* stats)
        : impl_(impl), prepared_(prepared), text_(prepared.matched), failures_(failures), options_(options),
          stats_(stats), own_(thread_buffers().own),
          first_(text_.data(), text_.data(), text_.data() + text_.size()),
          last_(text_.data() + text_.size(), text_.data(), text_.data() + text_.size()) {}

    // The hits of one rule, nested hits of the same rule folded into the outer.
    void rule(std::size_t index, std::vector<Hit>& hits) {
        const Rule& r = impl_.rules[index];
        const RulePack::Impl::Compiled& c = impl_.compiled[index];
        failed_ = false;
        // No pattern of the rule can match: nothing to do (with `unless`
        // patterns, those still run below, for the failures they may report).
        if (options_.prefilter && c.unless.empty() && !any_may_match(c)) {
            if (stats_) stats_->skipped += c.patterns.size();
            return;
        }
        if (!options_.ignore_unless) {
            for (const RulePack::Impl::Pattern& u : c.unless) {
                if (!worth_running(u)) continue;
                try {
                    boost::match_results<Utf8> m;
                    if (search(u, 0, m)) return;
                } catch (const std::exception& e) {
                    fail(r, e);
                    return;  // cannot tell whether the rule is vetoed: report, yield nothing
                }
            }
        }
        std::vector<Hit>& own = own_;
        own.clear();
        for (const RulePack::Impl::Pattern& p : c.patterns) {
            if (!worth_running(p)) continue;
            try {
                if (p.prefixes.empty() || !options_.prefixes) {
                    for (Iterator it(first_, last_, p.regex), end; it != end; ++it)
                        if (!keep(r, index, offset((*it)[0].first), offset((*it)[0].second), own)) break;
                } else {
                    // What regex_iterator does (each search after the first
                    // starts at the previous match's end, seeing the text
                    // before it), each search started at the first place a
                    // match can start. A prefix is never empty: neither is a
                    // match, so match_not_initial_null never applies.
                    boost::match_results<Utf8> m;
                    for (std::size_t from = 0; search(p, from, m);) {
                        if (!keep(r, index, offset(m[0].first), offset(m[0].second), own)) break;
                        from = offset(m[0].second);
                    }
                }
            } catch (const std::exception& e) {
                fail(r, e);
            }
        }
        std::sort(own.begin(), own.end(),
                  [](const Hit& a, const Hit& b) { return a.start != b.start ? a.start < b.start : a.end > b.end; });
        std::size_t reach = 0;
        bool any = false;
        for (const Hit& h : own) {
            if (any && h.end <= reach) continue;  // inside a longer hit of the same rule
            hits.push_back(h);
            reach = std::max(reach, h.end);
            any = true;
        }
    }

private:
    // One hit of rule `index` into `own`; false (and reported) at the cap.
    bool keep(const Rule& r, std::size_t index, std::size_t start, std::size_t end, std::vector<Hit>& own) {
        if (own.size() >= kMaxMatchesPerRule) {
            report(r, "rule " + r.id + " stopped after " + std::to_string(kMaxMatchesPerRule) + " matches in one text");
            return false;
        }
        own.push_back({start, end, index, r.priority});
        return true;
    }

    // regex_search from byte `from` on, the text before `from` visible to
    // lookbehinds and \b (base = the text's start, as regex_iterator has
    // it), started at the first occurrence of one of the pattern's
    // prefixes: no match can start before it, so the first match found is
    // the same. No occurrence: no match.
    bool search(const RulePack::Impl::Pattern& p, std::size_t from, boost::match_results<Utf8>& m) {
        std::size_t at = from;
        if (options_.prefixes && !p.prefixes.empty()) {
            const std::string& lowered = lowered_text();
            at = std::string::npos;
            for (const std::string& prefix : p.prefixes) at = std::min(at, lowered.find(prefix, from));
            if (at == std::string::npos) return false;
        }
        Utf8 start(text_.data() + at, text_.data(), text_.data() + text_.size());
        return boost::regex_search(start, last_, m, p.regex, boost::match_default, first_);
    }

    // The text with ASCII letters lower-cased (made on first need, once per
    // prepared text), for finding prefixes as the case-insensitive regex
    // sees them.
    const std::string& lowered_text() {
        if (!prepared_.lowered_made) {
            prepared_.lowered.assign(text_);
            for (char& c : prepared_.lowered)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            prepared_.lowered_made = true;
        }
        return prepared_.lowered;
    }

    const RulePack::Impl& impl_;
    PreparedText::State& prepared_;
    std::string_view text_;  // prepared_.matched
    std::vector<RuleFailure>* failures_;
    const MatchOptions& options_;
    MatchStats* stats_;
    std::vector<Hit>& own_;  // from the thread's Buffers
    Utf8 first_;
    Utf8 last_;
    bool failed_ = false;

    std::size_t offset(const Utf8& at) const { return static_cast<std::size_t>(at.base() - text_.data()); }

    // Prefilter::may_match on the lower-cased text, answered by prepare().
    bool may_match(const RulePack::Impl::Pattern& p) const { return prepared_.candidate[p.filter_id] != 0; }

    // Whether some pattern of a rule may match: the rule's patterns have
    // consecutive filter ids, so this reads one run of bytes and not the
    // patterns themselves, scattered in memory.
    bool any_may_match(const RulePack::Impl::Compiled& c) const {
        if (c.patterns.empty()) return false;
        const auto first = prepared_.candidate.begin() + c.patterns.front().filter_id;
        return std::any_of(first, first + static_cast<std::ptrdiff_t>(c.patterns.size()),
                           [](unsigned char candidate) { return candidate != 0; });
    }

    bool worth_running(const RulePack::Impl::Pattern& p) {
        if (options_.prefilter && !may_match(p)) {
            if (stats_) ++stats_->skipped;
            return false;
        }
        if (stats_) ++stats_->regex_searches;
        return true;
    }

    void report(const Rule& r, std::string message) {
        if (failures_) failures_->push_back({&r, std::move(message)});
    }

    // Once per rule and text, however many of its patterns gave up.
    void fail(const Rule& r, const std::exception& e) {
        if (failed_) return;
        failed_ = true;
        const std::string size = std::to_string(count_code_points(text_));
        if (dynamic_cast<const std::runtime_error*>(&e))
            report(r, "rule " + r.id + " gave up on a text of " + size +
                          " characters: pattern too costly (catastrophic backtracking?)");
        else
            report(r, "rule " + r.id + " could not run on a text of " + size + " characters: " + e.what());
    }
};

// Among overlapping hits, one with a higher priority removes the others
// ("shall not" of a prohibition over the "shall" of an obligation). Equal
// priorities both stay: the analysis decides.
std::vector<Hit> resolve(std::vector<Hit> hits) {
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
    std::vector<std::size_t> reach(hits.size());  // max end of hits[0..i]
    for (std::size_t i = 0; i < hits.size(); ++i) reach[i] = std::max(i ? reach[i - 1] : 0, hits[i].end);
    auto beats = [](const Hit& g, const Hit& h) { return g.priority > h.priority && g.start < h.end && h.start < g.end; };
    std::vector<Hit> kept;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        bool beaten = false;
        for (std::size_t j = i + 1; j < hits.size() && hits[j].start < hits[i].end && !beaten; ++j)
            beaten = beats(hits[j], hits[i]);
        for (std::size_t j = i; j-- > 0 && reach[j] > hits[i].start && !beaten;) beaten = beats(hits[j], hits[i]);
        if (!beaten) kept.push_back(hits[i]);
    }
    return kept;
}

// Prefilter atoms are scanned for by their first 16 bytes only. Any part
// of the words a match needs is needed too, so the filter stays sound; the
// shipped pack's prefilters let exactly as many regular expressions run on
// the benchmark agreements as with whole atoms, while the scanner's
// automaton (a state per distinct prefix) has a third fewer states: less
// to build at load and to hold in cache while scanning.
constexpr std::size_t kMaxScannedAtom = 16;

// Give every prefilter atom an id in the pack's scanner and every pattern
// one in its filter (a rule's patterns consecutive), then build the scanner.
void index_atoms(RulePack::Impl& impl) {
    auto index = [&](RulePack::Impl::Pattern& p) {
        PatternFilter::Clauses clauses;
        for (const std::vector<std::string>& clause : p.prefilter.all_of) {
            std::vector<LiteralScanner::Id> ids;
            for (const std::string& atom : clause) ids.push_back(impl.scanner.add(std::string_view(atom).substr(0, kMaxScannedAtom)));
            clauses.push_back(std::move(ids));
        }
        p.filter_id = impl.filter.add(clauses);
    };
    for (RulePack::Impl::Compiled& c : impl.compiled) {
        for (RulePack::Impl::Pattern& p : c.patterns) index(p);
        for (RulePack::Impl::Pattern& p : c.unless) index(p);
    }
    impl.scanner.build();
}

}  // namespace

RulePack build_pack(std::vector<Rule> rules, Baseline baseline, std::vector<PatternProblem>& problems) {
    auto impl = std::make_unique<RulePack::Impl>();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        RulePack::Impl::Compiled compiled;
        bool ok = true;
        for (std::size_t j = 0; j < rules[i].patterns.size(); ++j)
            if (std::optional<std::string> error = compile_into(rules[i].patterns[j], compiled.patterns)) {
                problems.push_back({i, false, j, *error});
                ok = false;
            }
        for (std::size_t j = 0; j < rules[i].unless.size(); ++j)
            if (std::optional<std::string> error = compile_into(rules[i].unless[j], compiled.unless)) {
                problems.push_back({i, true, j, *error});
                ok = false;
            }
        if (!ok) continue;
        impl->by_kind[static_cast<std::size_t>(rules[i].kind)].push_back(impl->rules.size());
        impl->rules.push_back(std::move(rules[i]));
        impl->compiled.push_back(std::move(compiled));
    }
    index_atoms(*impl);
    impl->baseline = std::move(baseline);
    return RulePack(std::move(impl));
}

PreparedText prepare_text(const RulePack::Impl& impl, const NormalizedText& text) {
    auto state = std::make_unique<PreparedText::State>();
    state->text = &text;
    state->pack = &impl;
    state->matched = capped(text.text);
    Buffers& buffers = thread_buffers();
    buffers.found.clear();
    if (impl.scanner.size() > 0) impl.scanner.scan(state->matched, buffers.found);  // an empty pack has none built
    impl.filter.evaluate(buffers.found, buffers.scratch, state->candidate);
    return PreparedText(std::move(state));
}

std::vector<RuleMatch> match_rules(const RulePack& pack, const NormalizedText& text, RuleKind kind,
                                   std::vector<RuleFailure>* failures, const MatchOptions& options,
                                   MatchStats* stats) {
    return match_rules(pack, prepare_text(pack.impl(), text), kind, failures, options, stats);
}

std::vector<RuleMatch> match_rules(const RulePack& pack, const PreparedText& prepared, RuleKind kind,
                                   std::vector<RuleFailure>* failures, const MatchOptions& options,
                                   MatchStats* stats) {
    const RulePack::Impl& impl = pack.impl();
    PreparedText::State& state = prepared.state();
    if (state.pack != &impl) throw std::logic_error("RulePack::match: text prepared by another pack");
    const NormalizedText& text = *state.text;
    if (state.matched.size() < text.text.size() && failures)
        failures->push_back({nullptr, "text of " + std::to_string(text.text.size()) + " bytes is over the cap of " +
                                          std::to_string(kMaxTextBytes) + ": only its first " +
                                          std::to_string(state.matched.size()) + " bytes were matched"});
    Run run(impl, state, failures, options, stats);
    std::vector<Hit> hits;
    if (options.only) {
        if (options.only < impl.rules.data() || options.only >= impl.rules.data() + impl.rules.size()) return {};
        run.rule(static_cast<std::size_t>(options.only - impl.rules.data()), hits);
    } else {
        for (std::size_t index : impl.by_kind[static_cast<std::size_t>(kind)]) run.rule(index, hits);
    }
    if (options.resolve_priority) hits = resolve(std::move(hits));
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return std::tie(a.start, a.end, a.rule) < std::tie(b.start, b.end, b.rule);
    });
    std::vector<RuleMatch> out;
    out.reserve(hits.size());
    for (const Hit& h : hits) {
        Span original = text.to_original(Span{h.start, h.end});
        out.push_back({&impl.rules[h.rule], original.start, original.end});
    }
    return out;
}

}  // namespace patterns_detail

std::vector<PackIssue> test_rule_pack(const RulePack& pack) {
    using patterns_detail::match_rules;
    using patterns_detail::MatchOptions;
    std::vector<PackIssue> issues;
    for (const Rule& rule : pack.rules()) {
        MatchOptions alone;
        alone.only = &rule;
        alone.resolve_priority = false;
        for (const RuleExample& example : rule.examples) {
            NormalizedText text = normalize(example.text);
            std::vector<RuleFailure> failures;
            std::vector<RuleMatch> hits = match_rules(pack, text, rule.kind, &failures, alone);
            for (const RuleFailure& f : failures)
                issues.push_back({example.where, rule.id, "example could not be checked: " + f.message});
            if (!failures.empty()) continue;
            const std::string sentence = "\"" + example.text + "\"";
            if (example.should_match && hits.empty()) {
                MatchOptions bare = alone;
                bare.ignore_unless = true;
                bool vetoed = !match_rules(pack, text, rule.kind, nullptr, bare).empty();
                issues.push_back({example.where, rule.id,
                                  "rule " + rule.id + " does not match this 'match' example" +
                                      (vetoed ? " (one of its 'unless' patterns does)" : "") + ": " + sentence});
            } else if (!example.should_match && !hits.empty()) {
                std::string found = example.text.substr(hits[0].start, hits[0].end - hits[0].start);
                issues.push_back({example.where, rule.id,
                                  "rule " + rule.id + " matches \"" + found + "\" in this 'no_match' example: " + sentence});
            }
        }
    }
    return issues;
}

}  // namespace onus
