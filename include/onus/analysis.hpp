// onus/analysis.hpp: who holds each security responsibility, from the
// agreement's own words.
//
//   onus::Document doc = onus::load("msa.docx");
//   onus::RulePack pack = onus::load_rule_pack({"clause-patterns"});
//   onus::Analysis a = onus::analyze(doc, pack, {});
//   for (const auto& [domain, cell] : a.matrix) std::cout << domain << ": " << cell.holder << '\n';
//
// Stage by stage (src/analysis/):
//   1. tag      every clause gets the domains it bears on (domain rules),
//               and for each the party bound and how strongly: the modality
//               rules find the binding words ("shall", "is not responsible
//               for"), the party mentions before them name the subject
//               (aliases the reader learned: "we", "GitHub", role words
//               from the party rules), passive "by X" and "responsibility
//               of X" look after them; "each party" is shared; a wording
//               whose rule says `holder: other` gives the domain to the
//               other party. Every tag carries its evidence.
//   2. matrix   tags roll up per domain into a holder, compared with the
//               baseline of the delivery model (given, or guessed from the
//               agreement's description of the service by the model rules).
//   3. findings departures from the baseline, gaps, conflicts, weak
//               wording, carve-outs.
//   4. sla      the numbers the agreement commits to (uptime, credits,
//               notification windows...), as typed quantities.
//
// analyze() reads the Document and the RulePack and changes neither;
// Analysis is a plain value that the report writers and the differ read.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "onus/document.hpp"
#include "onus/patterns.hpp"
#include "onus/quantity.hpp"

namespace onus {

// The words that justify a claim: a span of a clause's text and the rule
// that matched it. Empty (rule == "", start == end) when there are none, e.g.
// a party inherited from the clause that introduces a list.
struct Evidence {
    std::string clause_id;
    std::size_t start = 0;  // byte offsets in Clause::text
    std::size_t end = 0;
    std::string text;       // the words themselves
    std::string rule;       // rule id ("" for a party alias the reader learned)
};

// A carve-out limiting a tag: "except as set out in Section 12.3".
struct Carveout {
    Evidence evidence;       // the carve-out's words ("except as set out in Section 12.3")
    std::string refers_to;   // clause id the carve-out points at, "" when none or not found
};

// One responsibility read from a clause.
struct Tag {
    std::string domain;    // one of domain_ids()
    std::string party;     // provider, customer, shared, none
    std::string modality;  // obligation, prohibition, efforts, permission, disclaimer, statement
    std::string rule;      // the domain rule that fired
    Evidence evidence;            // the domain words
    Evidence party_evidence;      // the words that name the party (may be empty)
    Evidence modality_evidence;   // the binding words (may be empty)
    bool negated = false;         // the binding words are negated ("is not required to")
    std::vector<Carveout> carveouts;  // exceptions in the same sentence
};

struct ClauseAnalysis {
    std::string clause_id;
    std::vector<Tag> tags;  // at most one per domain, in domain order of first evidence
    // The clause's own first binding, whatever domains it bears on: who it
    // binds (provider, customer, shared, or "" when none; inherited from the
    // clause that introduces a list item) and how strongly ("" when it has
    // no binding words of its own). The differ compares these between versions.
    std::string party;
    std::string modality;
};

// One row of the responsibility matrix.
struct MatrixCell {
    std::string holder;    // provider, customer, shared, unassigned, conflict
    std::string baseline;  // provider, customer, or "" where the model sets none
    std::string status;    // agrees, deviates, silent, no-baseline
    std::vector<std::string> clauses;  // clause ids behind the holder, in document order
};

enum class Severity { info, low, medium, high };
const char* to_string(Severity severity) noexcept;  // "info", "low", "medium", "high"
// Parse "info", "low", "medium", "high"; false on anything else.
bool parse_severity(const std::string& text, Severity& out) noexcept;

struct Finding {
    std::string kind;      // deviation, gap, conflict, weak, carve-out
    std::string domain;
    Severity severity = Severity::info;
    std::vector<std::string> clauses;
    std::string message;   // one line a reviewer reads
    std::vector<Evidence> evidence;
};

// A number the agreement commits to, named by what it measures.
struct SlaValue {
    // uptime, measurement-period, maintenance-notice, service-credit,
    // credit-cap, claim-deadline, notification-window, support-response,
    // support-hours, backup-frequency, retention, deletion-period,
    // termination-threshold
    std::string metric;
    Quantity quantity;
    std::string clause_id;
    Evidence evidence;     // the sentence's words around the number
    bool sole_remedy = false;  // the clause makes credits the sole/exclusive remedy
};

struct AnalysisOptions {
    std::string model = "auto";  // saas, paas, iaas, or auto (guessed from the agreement)
};

struct Analysis {
    std::string model;                   // the delivery model used ("" when auto found no cue)
    bool model_guessed = false;          // true when "auto" picked it
    Evidence model_evidence;             // the words the guess rests on
    std::vector<ClauseAnalysis> clauses; // parallel to Document::clauses
    std::map<std::string, MatrixCell> matrix;  // keyed by the 12 domain ids
    std::vector<Finding> findings;       // most severe first, then document order
    std::vector<SlaValue> sla;           // document order
    std::vector<RuleFailure> failures;   // rules that gave up on some clause
};

// Analyse a document whose clauses are built (load() builds them).
// Throws Error{ErrorCode::pattern} when the pack has no baseline for the
// requested model.
Analysis analyze(const Document& doc, const RulePack& pack, const AnalysisOptions& options = {});

// The SLA numbers alone (stage 4), for callers that need no tags.
std::vector<SlaValue> extract_sla(const Document& doc);

// Which way an SLA metric favours the customer: +1 when a larger value does
// (uptime, service credits and their cap, claim deadlines, maintenance
// notice, support hours, backup frequency, retention), -1 when a smaller one
// does (notification and support-response windows, deletion periods, the
// measurement period, the failing months a termination right needs), 0 for
// an unknown metric. The differ and the vendor matrix both rank by it.
int customer_favours_larger(const std::string& metric) noexcept;

}  // namespace onus
