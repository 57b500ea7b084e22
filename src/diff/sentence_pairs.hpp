// Sentences of two versions of one clause, paired: a clause that gained a
// sentence ("Service Credits expire when the Order Form ends.") or lost one
// changed by that sentence, not by "the clause was rewritten".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onus/text.hpp"

namespace onus::diff {

// Content words of a text: letters, at least three, not the glue of legal
// prose ("the", "shall", "such"), normalised (case, typography).
std::vector<std::string> content_words(std::string_view text);

// A clause's sentences without the whitespace around them; empty ones
// dropped. A text without a sentence break is one sentence.
std::vector<Span> sentence_spans(std::string_view text);

// Dice coefficient of two sorted word lists, as multisets: 2 x common /
// (size of one + size of the other).
double dice(const std::vector<std::string>& a, const std::vector<std::string>& b);

struct SentencePairs {
    std::vector<std::pair<std::size_t, std::size_t>> matched;  // (old, new), same or reworded
    // A sentence split in two ("... sell Customer Content or otherwise
    // distribute it" became "... sell Customer Content. It also does not
    // ... distribute it, except ..."): the matched sentence on that side
    // runs through the next one. Keyed by the matched index.
    std::map<std::size_t, std::size_t> old_through, new_through;
    std::vector<std::size_t> only_old;  // dropped sentences
    std::vector<std::size_t> only_new;  // new sentences
};

// Pairs sentences with the same content words first, then reworded ones
// that share enough of their content words (Dice >= `least`, sentences of
// at least three content words), the best-sharing pair first. Order is not
// required: a sentence that moved still pairs.
SentencePairs pair_sentences(const std::vector<std::string>& old_sentences, const std::vector<std::string>& new_sentences,
                             double least = 0.5);

}  // namespace onus::diff
