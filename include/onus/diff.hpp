// onus/diff.hpp: compare two versions of an agreement: which clause became
// which (align_clauses), and what changed inside a clause, word by word
// (diff_words).
//
//   onus::Document before = onus::load("msa-2023.docx");
//   onus::Document after = onus::load("msa-2024.docx");
//   onus::Alignment a = onus::align_clauses(before, after);
//   for (const onus::ClausePair& p : a.pairs) {
//       std::cout << onus::to_string(p.kind) << ' ';
//       if (p.old_index) std::cout << before.clauses[*p.old_index].id;
//       std::cout << " -> ";
//       if (p.new_index) std::cout << after.clauses[*p.new_index].id;
//       std::cout << '\n';
//       if (p.kind == onus::ChangeKind::modified && p.old_index && p.new_index)
//           for (const onus::Edit& e : onus::diff_words(before.clauses[*p.old_index].text,
//                                                       after.clauses[*p.new_index].text))
//               if (e.op != onus::Edit::Op::equal)
//                   std::cout << "  " << onus::to_string(e.op) << " \"" << e.old_text
//                             << e.new_text << "\"\n";
//   }
//   // "renumbered 4.2 -> 5.2", "modified 7.1 -> 7.1",
//   //   "  delete \"thirty (30)\"", "  insert \"sixty (60)\"", "deleted 9.3 -> " ...
//
// Both work on a normalised view by default (onus::normalize: NFKC, case
// folded, curly/straight quotes and dashes unified, invisible characters
// dropped, whitespace runs collapsed), so re-wrapping a paragraph, swapping
// quote styles or a PDF's non-breaking spaces are not changes; `exact` makes
// every byte count. Case changes are therefore not changes either unless
// `exact`, so that align_clauses() and diff_words() always agree on whether a
// clause changed.
//
// Work is bounded for 1,000-page inputs: alignment finds candidate pairs
// through an index of rare word pairs and counts its text comparisons against
// a budget; the word diff caps Myers' edit distance and falls back to one
// delete+insert of the differing middle. All functions are pure and
// thread-safe. Texts must be valid UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onus/document.hpp"

namespace onus {

// ---------------------------------------------------------------- word diff

// One step of a word-level diff. Edits tile both texts: concatenating the
// old_text of every edit gives the old text exactly, and the new_text of
// every edit gives the new text exactly.
struct Edit {
    enum class Op { equal, insert, del };
    Op op = Op::equal;
    std::string old_text;  // equal, del: the old words ("" for insert)
    std::string new_text;  // equal, insert: the new words ("" for del)
};

const char* to_string(Edit::Op op) noexcept;  // "equal", "insert", "delete"

struct DiffOptions {
    // false: whitespace runs, re-wrapping, curly/straight quotes, dashes,
    // NBSP, zero-width characters and letter case are not changes (an
    // `equal` edit may then hold old_text != new_text). true: bytes compare.
    bool exact = false;
};

// Word-level diff of two texts. Tokens are onus::word_tokens (ICU word
// boundaries, spaces and punctuation kept). The result is cleaned up for a
// reader: a replaced phrase comes out as one `del` followed by one `insert`
// (edits separated only by spaces, punctuation or one short word are
// merged), never as alternating scraps; consecutive edits never share an op.
// Work is bounded: after trimming the common prefix and suffix, Myers' diff
// runs with a cap on the edit distance that shrinks as the texts grow; past
// it the differing middle is reported as one delete + one insert, so a
// 100,000-word clause cannot hang the differ.
std::vector<Edit> diff_words(std::string_view old_text, std::string_view new_text,
                             const DiffOptions& options = {});

// True when any edit is an insert or a delete.
bool has_changes(const std::vector<Edit>& edits);

// ----------------------------------------------------------- clause alignment

enum class ChangeKind {
    unchanged,   // same text, number and heading (modulo normalisation)
    modified,    // text or heading changed (number_changed says if it was renumbered too),
                 // or it was split/merged (also_old / also_new)
    added,       // only in the new document (new_index set)
    deleted,     // only in the old document (old_index set)
    moved,       // out of order relative to its neighbours; text_changed and
                 // number_changed say whether it also changed
    renumbered,  // same text and heading, different number ("4.2" -> "5.2")
};

const char* to_string(ChangeKind kind) noexcept;  // "unchanged", "modified", ...

// One row of the comparison: a clause of the old document and the clause of
// the new document it became, or only one side for an addition/deletion.
struct ClausePair {
    ChangeKind kind = ChangeKind::unchanged;
    std::optional<std::size_t> old_index;  // into old Document::clauses
    std::optional<std::size_t> new_index;  // into new Document::clauses
    // Merges: further old clauses that went into new_index (their text now
    // in it); splits: further new clauses that old_index became. Both lists
    // hold clauses adjacent to the main one, in document order.
    std::vector<std::size_t> also_old;
    std::vector<std::size_t> also_new;
    bool text_changed = false;     // the (normalised) text differs
    bool heading_changed = false;  // the (normalised) heading differs (trailing '.'/':' ignored)
    bool number_changed = false;   // the number label differs (trailing '.' ignored)
    bool moved = false;            // out of order (kind == moved)
    double similarity = 0;         // 0..1: TF-IDF cosine of the texts' words (1 for identical,
                                   // and for two empty texts); with splits/merges, of the joined texts
    // Which pass matched it: "identical", "number+heading", "heading",
    // "similar", "moved", "position"; "" for added/deleted.
    std::string pass;
};

struct AlignOptions {
    // Text comparisons (one TF-IDF cosine each) allowed in all; the
    // alignment stops looking for similar clauses when they run out and
    // sets Alignment::budget_hit. Linear-time passes (identical text, number
    // and heading) are not counted and always run.
    std::size_t comparison_budget = 4'000'000;
    // Cosine similarity for the "similar" and "moved" passes and for split/merge pieces.
    double similar_threshold = 0.5;
    // Cosine similarity to pair leftover clauses in order between two
    // aligned anchors ("position" pass): lower, since their place agrees.
    double position_threshold = 0.3;
    // An out-of-order match is reported as a move only when its similarity
    // beats every other candidate of either clause by this much; otherwise
    // it is left as a deletion and an addition.
    double move_margin = 0.1;
    // Compare raw text (no normalisation) in every pass.
    bool exact = false;
};

struct Alignment {
    // Every clause of both documents appears exactly once (as old_index,
    // new_index, or in also_old/also_new). Order: new-document order, with
    // deleted clauses placed right after the clause that preceded them in
    // the old document.
    std::vector<ClausePair> pairs;
    bool budget_hit = false;      // comparisons ran out: some similar clauses may be reported added+deleted
    std::size_t comparisons = 0;  // text comparisons made
};

// Align the clauses of two versions of a document, in passes, strictest
// first (each only sees clauses no earlier pass matched):
//   1. "identical": same normalised text (non-empty);
//   2. "number+heading": same number and same heading (both non-empty);
//   3. "heading": same non-empty heading;
//   4. "similar": TF-IDF cosine >= similar_threshold, candidates found
//      through an inverted index of rare word pairs (at most a few per clause);
//   then a longest increasing subsequence over the matched pairs decides
//   which are in order; out-of-order matches are moves, and those from pass
//   4 are kept ("moved") only if they beat the next best candidate by
//   move_margin;
//   5. "position": leftovers between two in-order anchors, paired in order
//      when cosine >= position_threshold.
// Finally an unmatched clause adjacent to a matched one is attached as a
// split (also_new) or merge (also_old) piece when at least half of its
// words (IDF-weighted) are in the other side's text beyond what the match
// already explains (30% for a lead-in ending in ':' before its list; the
// first bullet right after a matched lead-in always joins it), and the
// joined texts stay similar. A change's texts are its clauses joined in
// document order with '\n'. Groups of equal keys (the same heading twice)
// pair in order when both sides have the same count, else by closest
// relative position.
Alignment align_clauses(const Document& old_doc, const Document& new_doc,
                        const AlignOptions& options = {});

}  // namespace onus
