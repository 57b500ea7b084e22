// patterns/literal_scanner.cpp: Aho-Corasick over the prefilter atoms.
//
// The automaton is a complete transition table (the failure links folded in
// at build time), so a scan is one table look-up per byte plus a walk of the
// dictionary-suffix chain where atoms end. The alphabet is compacted to the
// bytes the atoms use: a pack's atoms use some forty distinct bytes, so the
// table stays a few hundred kilobytes at most.
#include "patterns/literal_scanner.hpp"

#include <stdexcept>

namespace onus::patterns_detail {

namespace {

unsigned char ascii_lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c; }

}  // namespace

LiteralScanner::Id LiteralScanner::add(std::string_view atom) {
    if (built_) throw std::logic_error("LiteralScanner::add after build");
    auto [it, fresh] = ids_.try_emplace(std::string(atom), static_cast<Id>(atoms_.size()));
    if (fresh) atoms_.emplace_back(atom);
    return it->second;
}

void LiteralScanner::build() {
    built_ = true;
    ids_.clear();
    // Columns: one per distinct byte in the atoms, 0 for every other byte.
    std::vector<std::uint16_t> column_of_byte(256, 0);
    columns_ = 1;
    for (const std::string& a : atoms_)
        for (char ch : a) {
            auto b = static_cast<unsigned char>(ch);
            if (column_of_byte[b] == 0) column_of_byte[b] = static_cast<std::uint16_t>(columns_++);
        }
    // The text is read with its ASCII letters lower-cased: fold that into the
    // byte classes. An atom holding an upper-case letter can then never be
    // found, as `lowered.find(atom)` never finds it.
    class_of_.assign(256, 0);
    for (unsigned b = 0; b < 256; ++b) class_of_[b] = column_of_byte[ascii_lower(static_cast<unsigned char>(b))];

    // The trie.
    next_.assign(columns_, kNone);
    output_.assign(1, kNone);
    empty_atoms_.clear();
    for (std::size_t id = 0; id < atoms_.size(); ++id) {
        const std::string& a = atoms_[id];
        if (a.empty()) {
            empty_atoms_.push_back(static_cast<Id>(id));
            continue;
        }
        std::size_t state = 0;
        for (char ch : a) {
            std::size_t slot = state * columns_ + column_of_byte[static_cast<unsigned char>(ch)];
            if (next_[slot] == kNone) {
                next_[slot] = static_cast<std::int32_t>(output_.size());
                output_.push_back(kNone);
                next_.resize(next_.size() + columns_, kNone);
            }
            state = static_cast<std::size_t>(next_[slot]);
        }
        output_[state] = static_cast<std::int32_t>(id);
    }

    // Failure links, breadth first; missing transitions borrow the failure
    // state's, which is complete already (it is shallower).
    const std::size_t states = output_.size();
    std::vector<std::int32_t> fail(states, 0);
    dict_suffix_.assign(states, kNone);
    std::vector<std::size_t> queue;
    queue.reserve(states);
    for (std::size_t c = 0; c < columns_; ++c) {
        std::int32_t& to = next_[c];
        if (to == kNone) {
            to = 0;
        } else {
            fail[static_cast<std::size_t>(to)] = 0;
            queue.push_back(static_cast<std::size_t>(to));
        }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::size_t s = queue[head];
        const auto f = static_cast<std::size_t>(fail[s]);
        for (std::size_t c = 0; c < columns_; ++c) {
            std::int32_t& to = next_[s * columns_ + c];
            const std::int32_t via_fail = next_[f * columns_ + c];
            if (to == kNone) {
                to = via_fail;
                continue;
            }
            const auto child = static_cast<std::size_t>(to);
            fail[child] = via_fail;
            const auto g = static_cast<std::size_t>(via_fail);
            dict_suffix_[child] = output_[g] != kNone ? via_fail : dict_suffix_[g];
            queue.push_back(child);
        }
    }

    // The table scan() walks: each entry is the next state's row offset,
    // shifted left once, with the low bit set when some atom ends in that
    // state. A byte then costs one dependent load and a shift, not a
    // multiply and two loads (the scan is bound by that chain's latency).
    steps_.resize(next_.size());
    for (std::size_t slot = 0; slot < next_.size(); ++slot) {
        const auto to = static_cast<std::size_t>(next_[slot]);
        const bool reports = output_[to] != kNone || dict_suffix_[to] != kNone;
        steps_[slot] = static_cast<std::uint32_t>((to * columns_) << 1) | (reports ? 1u : 0u);
    }
    std::vector<std::int32_t>().swap(next_);  // steps_ replaces it
}

void LiteralScanner::scan(std::string_view text, std::vector<unsigned char>& found) const {
    if (!built_) throw std::logic_error("LiteralScanner::scan before build");
    found.assign(atoms_.size(), 0);
    for (Id id : empty_atoms_) found[id] = 1;
    if (output_.size() <= 1) return;  // no non-empty atom
    const std::uint32_t* steps = steps_.data();
    const std::uint16_t* classes = class_of_.data();
    std::size_t row = 0;
    for (char ch : text) {
        const std::uint32_t step = steps[row + classes[static_cast<unsigned char>(ch)]];
        row = step >> 1;
        if ((step & 1u) == 0) continue;
        const std::size_t state = row / columns_;
        std::int32_t t = output_[state] != kNone ? static_cast<std::int32_t>(state) : dict_suffix_[state];
        while (t != kNone) {
            const auto u = static_cast<std::size_t>(t);
            found[static_cast<std::size_t>(output_[u])] = 1;
            t = dict_suffix_[u];
        }
    }
}

}  // namespace onus::patterns_detail
