// Sentence pairing inside a changed clause (diff/sentence_pairs.hpp).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diff/sentence_pairs.hpp"

namespace onus::diff {

std::vector<std::string> content_words(std::string_view text) {
    static const std::set<std::string> glue{"the", "and", "any", "for", "its", "with", "that", "this", "such",
                                            "all", "are", "will", "shall", "from", "into", "upon", "our", "your",
                                            "their", "has", "have", "been", "was", "were", "which", "under", "other"};
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

namespace {

double dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty()) return 0;
    std::multiset<std::string> rest(b.begin(), b.end());
    std::size_t common = 0;
    for (const std::string& w : a) {
        auto it = rest.find(w);
        if (it != rest.end()) {
            rest.erase(it);
            ++common;
        }
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

}  // namespace

SentencePairs pair_sentences(const std::vector<std::string>& old_sentences, const std::vector<std::string>& new_sentences) {
    std::vector<std::vector<std::string>> ow, nw;
    for (const std::string& s : old_sentences) ow.push_back(content_words(s));
    for (const std::string& s : new_sentences) nw.push_back(content_words(s));
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
            if (d >= 0.5) candidates.emplace_back(d, i, j);
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    for (const auto& [d, i, j] : candidates) {
        if (old_used[i] || new_used[j]) continue;
        out.matched.emplace_back(i, j);
        old_used[i] = new_used[j] = true;
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
