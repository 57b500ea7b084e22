// Sentence pairing inside a changed clause (diff/sentence_pairs.hpp).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diff/sentence_pairs.hpp"

namespace onus::diff {

std::vector<std::string> content_words(std::string_view text) {
    // Glue of legal prose, connectives that only link sentences, and list
    // labels typed in the text ("(iii)" -> "(c)") say nothing of a duty.
    static const std::set<std::string> glue{
        "the", "and", "any", "for", "its", "with", "that", "this", "such", "all", "are", "will", "shall", "from",
        "into", "upon", "our", "your", "their", "has", "have", "been", "was", "were", "which", "under", "other",
        "addition", "however", "further", "furthermore", "also", "avoidance", "doubt", "foregoing", "hereby",
        "herein", "hereof", "hereunder", "thereof", "therefore", "accordingly", "iii", "vii", "viii", "xii"};
    std::vector<std::string> out;
    NormalizedText n = normalize(text);
    for (Span w : words(n.text)) {
        std::string word = n.text.substr(w.start, w.end - w.start);
        // A note marker glued to its word ("report1") is not a new word.
        if (std::any_of(word.begin(), word.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
            word.erase(std::remove_if(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }),
                       word.end());
        bool letters = std::all_of(word.begin(), word.end(),
                                   [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); });
        if (letters && word.size() >= 3 && !glue.count(word)) out.push_back(word);
    }
    return out;
}

std::vector<Span> sentence_spans(std::string_view text) {
    std::vector<Span> out;
    for (Span s : sentences(text)) {
        while (s.start < s.end && std::isspace(static_cast<unsigned char>(text[s.start]))) ++s.start;
        while (s.end > s.start && std::isspace(static_cast<unsigned char>(text[s.end - 1]))) --s.end;
        if (s.end > s.start) out.push_back(s);
    }
    if (out.empty() && !text.empty()) out.push_back({0, text.size()});
    return out;
}

double dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty()) return 0;
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) ++i;
        else if (b[j] < a[i]) ++j;
        else ++common, ++i, ++j;
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

SentencePairs pair_sentences(const std::vector<std::string>& old_sentences, const std::vector<std::string>& new_sentences,
                             double least) {
    std::vector<std::vector<std::string>> ow, nw;
    for (const std::string& s : old_sentences) ow.push_back(content_words(s));
    for (const std::string& s : new_sentences) nw.push_back(content_words(s));
    for (auto* side : {&ow, &nw})
        for (std::vector<std::string>& w : *side) std::sort(w.begin(), w.end());
    std::vector<bool> old_used(ow.size(), false), new_used(nw.size(), false);
    SentencePairs out;

    // Same words: the first unused equal sentence, in order.
    for (std::size_t i = 0; i < ow.size(); ++i)
        for (std::size_t j = 0; j < nw.size(); ++j)
            if (!new_used[j] && ow[i] == nw[j]) {
                out.matched.emplace_back(i, j);
                old_used[i] = new_used[j] = true;
                break;
            }

    // Reworded: best-sharing pairs first.
    std::vector<std::tuple<double, std::size_t, std::size_t>> candidates;
    for (std::size_t i = 0; i < ow.size(); ++i) {
        if (old_used[i] || ow[i].size() < 3) continue;
        for (std::size_t j = 0; j < nw.size(); ++j) {
            if (new_used[j] || nw[j].size() < 3) continue;
            double d = dice(ow[i], nw[j]);
            if (d >= least) candidates.emplace_back(d, i, j);
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    for (const auto& [d, i, j] : candidates) {
        if (old_used[i] || new_used[j]) continue;
        out.matched.emplace_back(i, j);
        old_used[i] = new_used[j] = true;
    }
    // Splits and joins: a matched sentence whose next neighbour on one side
    // is unpaired and shares clearly more with the other side once joined.
    auto joined = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
        std::vector<std::string> both = a;
        both.insert(both.end(), b.begin(), b.end());
        std::sort(both.begin(), both.end());
        return both;
    };
    // Measured by how much of the whole sentence the two pieces cover: the
    // second piece may add words of its own ("..., except that ...").
    auto covered = [](const std::vector<std::string>& whole, const std::vector<std::string>& part) {
        return whole.empty() ? 0.0 : dice(whole, part) * static_cast<double>(whole.size() + part.size()) /
                                         (2.0 * static_cast<double>(whole.size()));
    };
    for (const auto& [i, j] : out.matched) {
        if (j + 1 < nw.size() && !new_used[j + 1] && covered(ow[i], nw[j]) < 0.8 &&
            covered(ow[i], joined(nw[j], nw[j + 1])) >= covered(ow[i], nw[j]) + 0.2) {
            new_used[j + 1] = true;
            out.new_through[j] = j + 1;
        } else if (i + 1 < ow.size() && !old_used[i + 1] && covered(nw[j], ow[i]) < 0.8 &&
                   covered(nw[j], joined(ow[i], ow[i + 1])) >= covered(nw[j], ow[i]) + 0.2) {
            old_used[i + 1] = true;
            out.old_through[i] = i + 1;
        }
    }
    std::sort(out.matched.begin(), out.matched.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    for (std::size_t i = 0; i < ow.size(); ++i)
        if (!old_used[i]) out.only_old.push_back(i);
    for (std::size_t j = 0; j < nw.size(); ++j)
        if (!new_used[j]) out.only_new.push_back(j);
    return out;
}

}  // namespace onus::diff
