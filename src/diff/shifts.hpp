// Responsibility shifts of one changed clause (src/diff/shifts.cpp).
#pragma once

#include <vector>

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
};

// A number that moved: its direction from which way the metric favours the
// customer (larger uptime, credits, claim windows favour it; longer
// notification and response windows do not), else from who the limit binds.
Shift quantity_shift(const std::string& metric, const Quantity& before, const Quantity& after,
                     const std::string& bound_party, const std::string& domain);

class ShiftFinder {
public:
    explicit ShiftFinder(const RulePack& pack);

    // A clause present in both versions whose words changed.
    std::vector<Shift> modified(const Side& old_side, const Side& new_side, const std::vector<Edit>& edits) const;
    // A clause only in the new version (added) or only in the old one.
    std::vector<Shift> one_side(const Side& side, bool added) const;

private:
    void quantity_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;
    void binding_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;
    void exception_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;
    void scope_shifts(const Side& o, const Side& n, const Changed& c, std::vector<Shift>& out) const;

    const RulePack& pack_;
};

}  // namespace onus::diff
