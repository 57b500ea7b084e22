// patterns/literal_scanner.cpp: Aho-Corasick over the prefilter atoms.
//
// The automaton is a complete transition table (the failure links folded in
// at build time), so a scan is one table look-up per byte plus a walk of the
// dictionary-suffix chain where atoms end. The alphabet is compacted to the
// bytes the atoms use: a pack's atoms use some forty distinct bytes, so the
// table stays a few hundred kilobytes at most.
#include "patterns/literal_scanner.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

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

    // The trie, sparse: a node has a handful of children, and a dense table
    // grown node by node would be copied and zeroed over and over (that was
    // most of the cost of loading the shipped pack).
    struct Node {
        std::vector<std::pair<std::uint16_t, std::uint32_t>> children;  // column, node
        std::int32_t output = kNone;
    };
    std::vector<Node> trie(1);
    empty_atoms_.clear();
    for (std::size_t id = 0; id < atoms_.size(); ++id) {
        const std::string& a = atoms_[id];
        if (a.empty()) {
            empty_atoms_.push_back(static_cast<Id>(id));
            continue;
        }
        std::uint32_t node = 0;
        for (char ch : a) {
            const std::uint16_t column = column_of_byte[static_cast<unsigned char>(ch)];
            auto& children = trie[node].children;
            auto it = std::find_if(children.begin(), children.end(), [&](const auto& c) { return c.first == column; });
            if (it != children.end()) {
                node = it->second;
                continue;
            }
            const auto child = static_cast<std::uint32_t>(trie.size());
            children.emplace_back(column, child);
            trie.emplace_back();
            node = child;
        }
        trie[node].output = static_cast<std::int32_t>(id);
    }

    // Number the states breadth first, then fill the complete table in that
    // order: a state's failure state is shallower, so its row is complete
    // when the state's own row borrows its missing transitions from it.
    const std::size_t states = trie.size();
    std::vector<std::uint32_t> state_of(states, 0);  // trie node -> state
    std::vector<std::uint32_t> node_of;              // state -> trie node
    node_of.reserve(states);
    node_of.push_back(0);
    for (std::size_t head = 0; head < node_of.size(); ++head)
        for (const auto& [column, child] : trie[node_of[head]].children) {
            state_of[child] = static_cast<std::uint32_t>(node_of.size());
            node_of.push_back(child);
        }
    std::vector<std::uint32_t> fail(states, 0);
    output_.assign(states, kNone);
    dict_suffix_.assign(states, kNone);
    // The table scan() walks: state x column. Filled with the next state
    // first; once every state's outputs are known, each entry becomes the
    // next state shifted left once, with the low bit set when some atom ends
    // there. Two bytes an entry when the states allow (the shipped pack's
    // largest kind has some 6,000): half the memory to fault in and to keep
    // in cache.
    auto fill = [&](auto& next) {
        using Step = typename std::remove_reference_t<decltype(next)>::value_type;
        next.assign(states * columns_, 0);
        for (std::size_t s = 0; s < states; ++s) {
            const Node& node = trie[node_of[s]];
            output_[s] = node.output;
            Step* row = &next[s * columns_];
            if (s != 0) {
                const Step* fail_row = &next[fail[s] * columns_];
                std::copy(fail_row, fail_row + columns_, row);
            }
            for (const auto& [column, child_node] : node.children) {
                const std::uint32_t child = state_of[child_node];
                // The child's failure state: where the parent's failure state
                // goes on the same byte (the root's children fail to the root).
                fail[child] = s == 0 ? 0 : next[fail[s] * columns_ + column];
                row[column] = static_cast<Step>(child);
            }
        }
        // Breadth-first order again: a failure state comes before its states.
        for (std::size_t s = 1; s < states; ++s) {
            const std::uint32_t f = fail[s];
            dict_suffix_[s] = output_[f] != kNone ? static_cast<std::int32_t>(f) : dict_suffix_[f];
        }
        for (Step& to : next) {
            const bool reports = output_[to] != kNone || dict_suffix_[to] != kNone;
            to = static_cast<Step>((to << 1) | (reports ? 1u : 0u));
        }
    };
    if (states <= kMaxNarrowStates) fill(narrow_steps_);
    else fill(wide_steps_);
}

template <typename Step>
void LiteralScanner::walk(const std::vector<Step>& steps, std::string_view text, std::vector<unsigned char>& found) const {
    const Step* table = steps.data();
    const std::uint16_t* classes = class_of_.data();
    const std::size_t columns = columns_;
    std::size_t state = 0;
    for (char ch : text) {
        const Step step = table[state * columns + classes[static_cast<unsigned char>(ch)]];
        state = step >> 1;
        if ((step & 1u) == 0) continue;
        std::int32_t t = output_[state] != kNone ? static_cast<std::int32_t>(state) : dict_suffix_[state];
        while (t != kNone) {
            const auto u = static_cast<std::size_t>(t);
            found[static_cast<std::size_t>(output_[u])] = 1;
            t = dict_suffix_[u];
        }
    }
}

void LiteralScanner::scan(std::string_view text, std::vector<unsigned char>& found) const {
    if (!built_) throw std::logic_error("LiteralScanner::scan before build");
    found.assign(atoms_.size(), 0);
    for (Id id : empty_atoms_) found[id] = 1;
    if (output_.size() <= 1) return;  // no non-empty atom
    if (!narrow_steps_.empty()) walk(narrow_steps_, text, found);
    else walk(wide_steps_, text, found);
}

}  // namespace onus::patterns_detail
