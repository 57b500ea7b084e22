// onus/patterns.hpp: rule packs, the data the analysis runs on.
//
// A rule pack is a folder of YAML files (clause-patterns/ ships one; users
// add theirs with --patterns DIR). Each file declares one `kind` and a list
// of rules; each rule has an id, a description, patterns, and examples that
// must and must not match, so that legal staff can extend a pack and prove
// their change (docs/rule-packs.md is the reference):
//
//   kind: domain
//   rules:
//     - id: data.encryption
//       domain: data
//       description: Encryption of customer data at rest or in transit.
//       patterns: ['\bencrypt(s|ed|ion|ing)?\b', '\bat rest\b']
//       unless: ['\bconfidential information\b']
//       examples:
//         match: ["Provider shall encrypt Customer Data at rest."]
//         no_match: ["Each party shall protect Confidential Information."]
//
// Patterns are regular expressions (Perl syntax, Boost.Regex with ICU:
// Unicode classes, full case folding) matched against the normalised text
// of a clause (onus/text.hpp: case-folded, quotes and dashes unified, spaces
// collapsed), so they are written in lower case with straight quotes.
// Matches are mapped back to the original text for evidence.
//
//   onus::RulePack pack = onus::load_rule_pack({"clause-patterns"});  // throws Error{pattern}
//   for (const onus::RuleMatch& m : pack.match(onus::normalize(text), onus::RuleKind::domain)) ...
//
// Loading compiles every pattern once. Matching is bounded: a literal
// prefilter skips rules that cannot match, clause text is capped, and a
// pattern that backtracks past its budget is reported as a RuleFailure for
// that rule and clause instead of hanging. A loaded RulePack is immutable
// and safe to share between threads.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onus/error.hpp"
#include "onus/text.hpp"

namespace onus {

// The kinds of rule a file can declare (its top-level `kind:`).
enum class RuleKind {
    domain,    // a clause bears on a security domain: sets Rule::domain
    modality,  // how strongly a clause binds: sets Rule::modality
    party,     // words that name a party by role ("Provider", "Subscriber"): sets Rule::party
    carveout,  // exceptions and conditions ("except", "unless", "subject to")
    baseline,  // the default holder of each domain per delivery model (no patterns)
    model,     // words that describe the delivery model ("software as a service"): sets Rule::model
};
inline constexpr std::size_t kRuleKindCount = 6;

const char* to_string(RuleKind kind) noexcept;

// Where something stands in a rule file: for messages "file:line:column".
struct PackLocation {
    std::string file;
    int line = 0;    // 1-based
    int column = 0;  // 1-based
};

struct RuleExample {
    std::string text;
    bool should_match = true;
    PackLocation where;
};

struct Rule {
    std::string id;           // unique across the pack, e.g. "data.encryption"
    RuleKind kind = RuleKind::domain;
    std::string description;
    std::string domain;       // kind domain: one of the 12 domain ids
    std::string modality;     // kind modality: obligation, prohibition, efforts, permission, disclaimer, statement
    std::string party;        // kind party: provider, customer or shared ("each party")
    std::string model;        // kind model: saas, paas or iaas
    // kind modality: who ends up holding what the clause is about. "speaker"
    // (the default): the party the clause names ("Customer shall ...",
    // "at Customer's own risk"); "other": the other party, for wording with
    // which the named party pushes a burden away ("Provider is not
    // responsible for backups" leaves backups with the customer). "nobody":
    // the wording speaks about the agreement's own words ("terms used but
    // not defined have the meaning given in the GDPR"), and the domain
    // words it governs are only named, so they give no tag.
    std::string holder = "speaker";
    // kind domain: domains that take over a sentence in which this rule's
    // words are only mentioned. "GitHub will notify Customer of a breach
    // affecting Customer Data" is an incident duty, not a data one: the data
    // rule naming Customer Data yields to incident.
    std::vector<std::string> yields_to;
    int priority = 0;         // among overlapping matches of one kind, the higher wins
    std::vector<std::string> patterns;  // any of these matches...
    std::vector<std::string> unless;    // ...and none of these matches the same clause
    std::vector<RuleExample> examples;
    PackLocation where;       // the rule's `id:` line
};

// One hit of a rule in a text: the byte span in the ORIGINAL text.
struct RuleMatch {
    const Rule* rule = nullptr;
    std::size_t start = 0;
    std::size_t end = 0;
};

// A rule that could not be run to the end on some text (its pattern
// exceeded the matching budget): reported, never silently a "no match".
struct RuleFailure {
    const Rule* rule = nullptr;
    std::string message;
};

// The baseline matrix: holder ("provider", "customer" or "" for none) per
// delivery model ("saas", "paas", "iaas") and domain id. Every model a pack
// names has all 12 domain ids ("" where the pack gives no default holder).
using Baseline = std::map<std::string, std::map<std::string, std::string>>;

class RulePack;
RulePack load_rule_pack(const std::vector<std::string>& folders);

// A normalised text made ready for several RulePack::match() calls (one per
// rule kind, as the analysis makes for each clause): the literal words of
// every rule of the pack are looked for once, in one pass over the text,
// instead of once per call. Made by RulePack::prepare(); refers to the text
// and the pack, which must outlive it. Not to be shared between threads.
class PreparedText {
public:
    ~PreparedText();
    PreparedText(PreparedText&&) noexcept;
    PreparedText& operator=(PreparedText&&) noexcept;

    const NormalizedText& text() const noexcept;

    struct State;  // what the pack found (src/patterns/)
    explicit PreparedText(std::unique_ptr<State> state);  // src/patterns/ makes them
    State& state() const noexcept;                        // for src/patterns/

private:
    std::unique_ptr<State> state_;
};

class RulePack {
public:
    RulePack();  // an empty pack
    ~RulePack();
    RulePack(RulePack&&) noexcept;
    RulePack& operator=(RulePack&&) noexcept;

    const std::vector<Rule>& rules() const;
    const Baseline& baseline() const;

    // Every match of the rules of `kind` in `text`, in text order. Rules
    // whose `unless` patterns match the text yield nothing. A match that
    // overlaps a match of a higher-priority rule is dropped; within one rule,
    // a match inside a longer one is dropped. `text` must come from
    // normalize() (the prefilter relies on it). Only its first 100,000 bytes
    // are matched. Failures (budget exceeded, text cut, more than 1,000
    // matches of one rule) are appended to `failures` when given; a failure
    // about the text as a whole has rule == nullptr.
    std::vector<RuleMatch> match(const NormalizedText& text, RuleKind kind,
                                 std::vector<RuleFailure>* failures = nullptr) const;

    // The same for a text prepared by this pack: what a text's several
    // match() calls share is then done once (see PreparedText).
    PreparedText prepare(const NormalizedText& text) const;
    std::vector<RuleMatch> match(const PreparedText& text, RuleKind kind,
                                 std::vector<RuleFailure>* failures = nullptr) const;

    struct Impl;  // compiled patterns and prefilters (src/patterns/)
    explicit RulePack(std::unique_ptr<Impl> impl);  // src/patterns/ builds packs
    const Impl& impl() const noexcept;              // for src/patterns/ and its tests

private:
    friend RulePack load_rule_pack(const std::vector<std::string>& folders);
    std::unique_ptr<Impl> impl_;
};

// Load and compile every *.yaml / *.yml file under the given folders (in
// order; later packs add rules, and a rule id may not repeat; a later
// folder's baseline cells replace earlier ones). Within a folder, files are
// read recursively in sorted path order, skipping names that start with
// '.'; a path to a single file loads that file. Throws
// Error{ErrorCode::pattern} naming file:line:column for the first problem:
// unknown keys, missing fields, unknown ids (domain, modality, party,
// model), bad regular expressions, duplicate ids, oversized patterns, files
// over 4 MiB, more than 5,000 rules, a folder without rule files; and
// Error{ErrorCode::io} for a folder that does not exist or cannot be read.
RulePack load_rule_pack(const std::vector<std::string>& folders);

// A problem found by lint or test, located in a rule file.
struct PackIssue {
    PackLocation where;
    std::string rule_id;
    std::string message;
};

// Check the folders without stopping at the first problem: every loading
// problem above (one per rule at most), characters in patterns that the
// normalised text never holds (curly quotes, dashes, "ß"), plus every
// example that does not behave as declared. Sorted by file, line, column.
// Never throws for a problem in the pack.
std::vector<PackIssue> lint_rule_packs(const std::vector<std::string>& folders);

// Run every rule's examples: a `match` example the rule does not match, or a
// `no_match` example it does, is an issue. (Examples are normalised first.)
std::vector<PackIssue> test_rule_pack(const RulePack& pack);

// The ids the responsibility model fixes (../shared/docs/responsibility-model.md).
const std::vector<std::string>& domain_ids();    // 12 domains
const std::vector<std::string>& party_ids();     // provider, customer, shared, none
const std::vector<std::string>& modality_ids();  // 6 modalities
const std::vector<std::string>& model_ids();     // saas, paas, iaas

}  // namespace onus
