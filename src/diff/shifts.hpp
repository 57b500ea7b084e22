// Responsibility shifts of one changed clause (src/diff/shifts.cpp).
#pragma once

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
};

// A number that moved: its direction from which way the metric favours the
// customer (larger uptime, credits, claim windows favour it; longer
// notification and response windows do not), else from who the limit binds.
Shift quantity_shift(const std::string& metric, const Quantity& before, const Quantity& after,
                     const std::string& bound_party, const std::string& domain);

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
    // A clause only in the new version (added) or only in the old one.
    std::vector<Shift> one_side(const Side& side, bool added) const;

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
