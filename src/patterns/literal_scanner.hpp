// patterns/literal_scanner.hpp: which of a fixed set of literal atoms occur
// in a text, found in one pass (Aho-Corasick).
//
// The prefilter (pack_internal.hpp) asks, per pattern, whether some atoms
// occur in the lower-cased clause. Asked one substring search at a time,
// that costs a pass over the clause per atom per pattern per kind: most of
// a scan's run time. A pack builds one scanner per RuleKind over the atoms
// of all its patterns; one pass per (text, kind) then answers every
// pattern's prefilter. Free of Boost, like pack_internal.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace onus::patterns_detail {

class LiteralScanner {
public:
    using Id = std::uint32_t;

    // The id of `atom`, the same for the same bytes. Only before build().
    Id add(std::string_view atom);
    // Freeze the atom set: build the automaton. add() after build() is an error.
    void build();

    std::size_t size() const noexcept { return atoms_.size(); }
    const std::string& atom(Id id) const { return atoms_[id]; }
    // The automaton's states (the root and one per distinct atom prefix), once built.
    std::size_t states() const noexcept { return output_.size(); }

    // found[id] = 1 for every atom that occurs in `text` with its ASCII
    // letters lower-cased (other bytes as they are), 0 for the others:
    // exactly `ascii_lower(text).find(atom) != npos`, for every atom at once.
    // `found` is resized to size().
    void scan(std::string_view text, std::vector<unsigned char>& found) const;

private:
    static constexpr std::int32_t kNone = -1;

    template <typename Step>
    void walk(const std::vector<Step>& steps, std::string_view text, std::vector<unsigned char>& found) const;

    std::vector<std::string> atoms_;
    std::unordered_map<std::string, Id> ids_;  // until build()
    std::vector<Id> empty_atoms_;  // found in any text, even an empty one
    // The automaton, over a compact alphabet: class_of_[byte] is the byte's
    // column (0 for bytes that occur in no atom). States are numbered breadth
    // first (the root is 0), so the shallow states a scan spends most of its
    // time in share the first rows of the table.
    std::vector<std::uint16_t> class_of_;
    std::size_t columns_ = 1;
    std::vector<std::int32_t> output_;       // per state: the atom ending here, or kNone
    std::vector<std::int32_t> dict_suffix_;  // per state: nearest proper suffix state with an output, or kNone
    // states x columns, the complete transition table (see build()): one of
    // the two, by the number of states.
    static constexpr std::size_t kMaxNarrowStates = 1u << 15;
    std::vector<std::uint16_t> narrow_steps_;
    std::vector<std::uint32_t> wide_steps_;
    bool built_ = false;
};

}  // namespace onus::patterns_detail
