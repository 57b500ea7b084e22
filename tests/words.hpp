// Word tokens and an order-aware similarity, the way the shared evaluation
// compares extracted text with an expected rendering: case-folded words and
// numbers, punctuation and invisible characters ignored.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace onus::test {

// ASCII-case-folded tokens: runs of letters (any non-ASCII byte counts as a
// letter) or digits with inner '.' or ','.
inline std::vector<std::string> word_tokens_of(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        while (!cur.empty() && (cur.back() == '.' || cur.back() == ',')) cur.pop_back();
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        // Soft hyphen, zero-width and BOM code points are invisible.
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xAD) { ++i; continue; }
        if (c == 0xEF && text.compare(i, 3, "\xEF\xBB\xBF") == 0) { i += 2; continue; }
        if (c == 0xE2 && (text.compare(i, 3, "\xE2\x80\x8B") == 0 || text.compare(i, 3, "\xE2\x80\x8C") == 0 ||
                          text.compare(i, 3, "\xE2\x80\x8D") == 0)) { i += 2; continue; }
        bool alnum = std::isalnum(c) || c >= 0x80;
        bool inner = (c == '.' || c == ',') && !cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back()));
        if (alnum || inner) {
            cur += static_cast<char>(std::tolower(c));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// 2 * LCS / (|a| + |b|): 1 for equal sequences, 0 for disjoint ones.
inline double similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() && b.empty()) return 1.0;
    std::vector<std::size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    return 2.0 * static_cast<double>(prev[b.size()]) / static_cast<double>(a.size() + b.size());
}

}  // namespace onus::test
