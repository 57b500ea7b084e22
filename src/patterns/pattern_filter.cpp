// patterns/pattern_filter.cpp: the prefilter check inverted (see the header).
#include "patterns/pattern_filter.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace onus::patterns_detail {

PatternFilter::Id PatternFilter::add(const Clauses& clauses) {
    if (clauses.size() > UINT16_MAX) throw std::length_error("PatternFilter: too many clauses in one pattern");
    const auto id = static_cast<Id>(required_.size());
    required_.push_back(static_cast<std::uint16_t>(clauses.size()));
    if (clauses.empty()) always_.push_back(id);
    for (const std::vector<LiteralScanner::Id>& clause : clauses) {
        const auto clause_id = static_cast<std::uint32_t>(pattern_of_clause_.size());
        pattern_of_clause_.push_back(id);
        for (LiteralScanner::Id atom : clause) {
            if (atom >= clauses_of_atom_.size()) clauses_of_atom_.resize(atom + 1);
            clauses_of_atom_[atom].push_back(clause_id);
        }
    }
    return id;
}

void PatternFilter::evaluate(const std::vector<unsigned char>& found, Scratch& scratch,
                             std::vector<unsigned char>& candidate) const {
    candidate.assign(required_.size(), 0);
    for (Id id : always_) candidate[id] = 1;
    scratch.clause_marked.assign(pattern_of_clause_.size(), 0);
    scratch.clauses_marked.assign(required_.size(), 0);
    const std::size_t atoms = std::min(found.size(), clauses_of_atom_.size());
    for (std::size_t atom = 0; atom < atoms; ++atom) {
        if (!found[atom]) continue;
        for (std::uint32_t clause : clauses_of_atom_[atom]) {
            if (scratch.clause_marked[clause]) continue;  // another of its atoms marked it already
            scratch.clause_marked[clause] = 1;
            const Id pattern = pattern_of_clause_[clause];
            if (++scratch.clauses_marked[pattern] == required_[pattern]) candidate[pattern] = 1;
        }
    }
}

}  // namespace onus::patterns_detail
