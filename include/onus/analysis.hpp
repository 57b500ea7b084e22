// onus/analysis.hpp: who holds each security responsibility, from the
// agreement's own words.
//
//   onus::Document doc = onus::load("msa.docx");
//   onus::RulePack pack = onus::load_rule_pack({"clause-patterns"});
//   onus::Analysis a = onus::analyze(doc, pack, {});
//   for (const auto& [domain, cell] : a.matrix) std::cout << domain << ": " << cell.holder << '\n';
//
// Stage by stage: every clause is tagged with the domains it bears on
// (domain rules), the party bound (the grammatical subject of the binding
// verb, resolved through the parties' aliases), and how strongly
// (modality rules); each tag carries its evidence. Tags roll up into the
// responsibility matrix, which is compared with the baseline of the
// delivery model; departures become findings. Quantities (uptime, windows,
// credits) are extracted as typed values.
//
// analyze() reads the Document and the RulePack and changes neither;
// Analysis is a plain value that the report writers and the differ read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onus/document.hpp"
#include "onus/patterns.hpp"
#include "onus/quantity.hpp"

namespace onus {

// The words that justify a claim: a span of a clause's text and the rule
// that matched it.
struct Evidence {
    std::string clause_id;
    std::size_t start = 0;  // byte offsets in Clause::text
    std::size_t end = 0;
    std::string text;       // the words themselves
    std::string rule;       // rule id
};

// One responsibility read from a clause.
struct Tag {
    std::string domain;    // one of domain_ids()
    std::string party;     // provider, customer, shared, none
    std::string modality;  // obligation, prohibition, efforts, permission, disclaimer, statement
    std::string rule;      // the domain rule that fired
    Evidence evidence;     // the domain words
    Evidence party_evidence;     // the subject that names the party (may be empty)
    Evidence modality_evidence;  // the binding words (may be empty)
    std::vector<std::string> carveouts;  // carve-out phrases limiting this tag ("except as set out in 12.3")
    std::vector<std::string> carveout_refs;  // clause ids those carve-outs point at
};

struct ClauseAnalysis {
    std::string clause_id;
    std::vector<Tag> tags;
};

struct MatrixCell {
    std::string holder;    // provider, customer, shared, unassigned, conflict
    std::string baseline;  // provider, customer, or "" where the model sets none
    std::string status;    // agrees, deviates, silent, no-baseline
    std::vector<std::string> clauses;  // clause ids behind the holder
};

struct Finding {
    std::string kind;      // deviation, gap, conflict, weak, carve-out
    std::string domain;
    std::string severity;  // info, low, medium, high
    std::vector<std::string> clauses;
    std::string message;
};

struct SlaValue {
    std::string name;       // uptime, credit, claim-deadline, notification-window, maintenance-notice, ...
    Quantity quantity;
    std::string clause_id;
};

struct AnalysisOptions {
    std::string model = "auto";  // saas, paas, iaas, or auto (guessed from the service description)
};

struct Analysis {
    const Document* document = nullptr;  // the analysed document (must outlive the Analysis)
    std::string model;                   // the delivery model used
    bool model_guessed = false;          // true when "auto" picked it
    std::string model_evidence;          // the words the guess rests on
    std::vector<ClauseAnalysis> clauses; // parallel to document->clauses
    std::map<std::string, MatrixCell> matrix;  // keyed by the 12 domain ids
    std::vector<Finding> findings;
    std::vector<SlaValue> sla;
    std::vector<RuleFailure> failures;   // rules that gave up on some clause
};

Analysis analyze(const Document& doc, const RulePack& pack, const AnalysisOptions& options);

}  // namespace onus
