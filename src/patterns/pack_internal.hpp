// patterns/pack_internal.hpp: what the rule-pack files share with each other
// and with their tests. Free of Boost on purpose: only the translation units
// that compile or run regular expressions include Boost.Regex (they need the
// state-count macros, see compiled.hpp), so tests can include this header
// without them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "onus/patterns.hpp"

namespace onus::patterns_detail {

// Caps (docs/rule-packs.md, "Limits"); hostile-input.md explains why a rule
// pack from a user is treated as hostile input.
inline constexpr std::size_t kMaxFileBytes = 4u * 1024u * 1024u;
inline constexpr std::size_t kMaxPatternChars = 1000;  // code points
inline constexpr std::size_t kMaxRules = 5000;
inline constexpr std::size_t kMaxTextBytes = 100000;   // per match() call
inline constexpr std::size_t kMaxMatchesPerRule = 1000;  // per rule per text

// "file:line:column", or just "file" when the line is unknown.
std::string format_location(const PackLocation& where);

// The literal prefilter of one pattern (like RE2's FilteredRE2, simplified):
// a conjunction of clauses, each a set of lower-case ASCII atoms of which at
// least one must occur in the text for the pattern to have any chance of
// matching. No clause means "always run the regex". Sound only on
// normalised text (onus::normalize), where every ASCII letter a
// case-insensitive pattern can match is a plain ASCII letter.
struct Prefilter {
    std::vector<std::vector<std::string>> all_of;

    // `lowered_text`: the text with ASCII letters lower-cased.
    bool may_match(std::string_view lowered_text) const;
};

// Extract the prefilter of a pattern that compiled. Anything the extractor
// does not fully understand gives the empty prefilter (always run).
Prefilter make_prefilter(std::string_view pattern);

// The strings one of which every match of a pattern starts with (lower-case
// ASCII), when the pattern opens with zero-width assertions (\b,
// lookarounds) and then a literal or a group of literal alternatives:
// `(?<!\bat )\bwill\b` gives {"will"}, `\b(?:is|are) entitled` gives
// {"is", "are"}. Empty when unknown. A search can then start at the first
// place one of them occurs instead of trying every position (same result:
// no match can start before it). Sound on normalised text, like Prefilter.
std::vector<std::string> make_prefixes(std::string_view pattern);

// Counters for tests: how much work a match() did.
struct MatchStats {
    std::size_t regex_searches = 0;  // regex runs started
    std::size_t skipped = 0;         // patterns the prefilter ruled out
};

struct MatchOptions {
    bool prefilter = true;          // off only to prove it changes nothing
    bool prefixes = true;           // start searches at a prefix (make_prefixes); same proof
    const Rule* only = nullptr;     // run this rule alone (examples)
    bool resolve_priority = true;   // drop matches overlapped by a higher priority
    bool ignore_unless = false;     // to explain why a `match` example fails
};

// RulePack::prepare.
PreparedText prepare_text(const RulePack::Impl& impl, const NormalizedText& text);

// RulePack::match with the knobs above.
std::vector<RuleMatch> match_rules(const RulePack& pack, const NormalizedText& text, RuleKind kind,
                                   std::vector<RuleFailure>* failures, const MatchOptions& options,
                                   MatchStats* stats = nullptr);
std::vector<RuleMatch> match_rules(const RulePack& pack, const PreparedText& text, RuleKind kind,
                                   std::vector<RuleFailure>* failures, const MatchOptions& options,
                                   MatchStats* stats = nullptr);

// A pattern that failed to compile, by position in the rules given to build_pack.
struct PatternProblem {
    std::size_t rule = 0;
    bool in_unless = false;
    std::size_t index = 0;
    std::string message;  // "bad regular expression: ..."
};

// Compile the rules' patterns into a pack. Rules with a pattern that does
// not compile are left out and reported in `problems`.
RulePack build_pack(std::vector<Rule> rules, Baseline baseline, std::vector<PatternProblem>& problems);

}  // namespace onus::patterns_detail
