// Responsibility shifts of one changed clause (src/diff/shifts.cpp).
#pragma once

#include <map>
#include <vector>

#include "analysis/stages.hpp"
#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/diff.hpp"
#include "onus/document.hpp"
#include "onus/patterns.hpp"

namespace onus::diff {

struct Changed;

// One version of a clause with what the analysis says about it.
struct Side {
    const Clause* clause = nullptr;
    const ClauseAnalysis* analysis = nullptr;
    std::vector<const SlaValue*> sla;  // the SLA numbers found in this clause
    // Reads the clause's sentences one by one (its document's party names).
    const analysis::SentenceReader* reader = nullptr;
    // What the clause sits under: its own and its ancestors' headings, and
    // the lead-in it finishes ("What's excluded from our Uptime guarantee?
    // Outages resulting from:"). Says when a list is a list of exclusions.
    std::string context;
};

// A number that moved: its direction from which way the metric favours the
// customer (larger uptime, credits, claim windows favour it; longer
// notification and response windows do not), else from who the limit binds.
Shift quantity_shift(const std::string& metric, const Quantity& before, const Quantity& after,
                     const std::string& bound_party, const std::string& domain);

// A sentence restated in another clause of the other version (a section
// rewritten across clauses: the old SLA's bullet "We guarantee ... 99.95%"
// inside the new SLA's table row): the other version's clause and the
// sentence in it.
struct Counterpart {
    Side side;
    Span sentence;
};
using Counterparts = std::map<std::size_t, Counterpart>;  // by sentence index (sentence_spans) in the clause read

// A clause of more than one sentence is read sentence by sentence: its
// sentences are paired across the versions (diff/sentence_pairs.hpp), a
// reworded sentence is compared with its old self, and a sentence added or
// dropped is read as a whole duty, disclaimer or exception added or
// dropped. A change reports one shift of each type and direction.
class ShiftFinder {
public:
    explicit ShiftFinder(const RulePack& pack);

    // A clause present in both versions whose words changed.
    std::vector<Shift> modified(const Side& old_side, const Side& new_side, const std::vector<Edit>& edits) const;
    // A clause only in the new version (added) or only in the old one. Its
    // sentences with a counterpart are compared with it (added) or left to
    // the clause that restates them (deleted).
    std::vector<Shift> one_side(const Side& side, bool added, const Counterparts& counterparts = {}) const;

private:
    std::vector<Shift> modified_sentence(const Side& o, const Side& n, const std::vector<Edit>& edits) const;
    std::vector<Shift> one_sentence(const Side& side, bool added) const;
    void quantity_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;
    void binding_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;
    void exception_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;
    void scope_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;

    const RulePack& pack_;
};

}  // namespace onus::diff
