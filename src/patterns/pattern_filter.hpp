// patterns/pattern_filter.hpp: which patterns of a rule kind may match a
// text, from the prefilter atoms found in it (literal_scanner.hpp).
//
// A pattern's prefilter is a conjunction of clauses, each a set of atoms one
// of which must occur (pack_internal.hpp, Prefilter). Checking every
// pattern's clauses against the found atoms costs a walk over all the
// patterns of the kind, scattered in memory, for every text: as much as the
// regular expressions that then run. A text holds few of the atoms, so the
// check is inverted here: each found atom marks the clauses it satisfies,
// and a pattern is a candidate once all its clauses are marked. The work is
// then in proportion to the atoms found, not to the size of the pack.
//
// Free of Boost, like pack_internal.hpp. Thread safety: evaluate() is const;
// the scratch it needs is the caller's (a RulePack is shared by threads).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "patterns/literal_scanner.hpp"

namespace onus::patterns_detail {

class PatternFilter {
public:
    using Id = std::uint32_t;
    using Clauses = std::vector<std::vector<LiteralScanner::Id>>;

    // Register a pattern by its prefilter clauses (atom ids in the kind's
    // scanner); no clause means "always a candidate". Ids count up from 0.
    Id add(const Clauses& clauses);
    std::size_t size() const noexcept { return required_.size(); }

    // Per-call working memory, reused across texts by one caller.
    struct Scratch {
        std::vector<unsigned char> clause_marked;
        std::vector<std::uint16_t> clauses_marked;  // per pattern
    };

    // candidate[id] = 1 for every pattern whose clauses each hold an atom
    // with found[atom] != 0 (`found` as LiteralScanner::scan fills it), 0
    // for the others. `candidate` is resized to size().
    void evaluate(const std::vector<unsigned char>& found, Scratch& scratch,
                  std::vector<unsigned char>& candidate) const;

private:
    std::vector<std::uint16_t> required_;                      // per pattern: its clauses
    std::vector<Id> always_;                                   // the patterns without a clause
    std::vector<Id> pattern_of_clause_;                        // per clause
    std::vector<std::vector<std::uint32_t>> clauses_of_atom_;  // per atom: the clauses it satisfies
};

}  // namespace onus::patterns_detail
