// Small text helpers shared by the analysis stages.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include <boost/regex.hpp>

#include "onus/text.hpp"

namespace onus::analysis {

// A letter or digit byte, counting every byte of a multi-byte UTF-8
// character as one (normalised text is case-folded, so non-ASCII bytes are
// letters for our purpose).
inline bool is_word_byte(char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80 || u == '_';
}

// [start, end) of `text` is a whole word or phrase: no word character
// touches it on either side.
inline bool word_boundary(std::string_view text, std::size_t start, std::size_t end) {
    return (start == 0 || !is_word_byte(text[start - 1])) && (end >= text.size() || !is_word_byte(text[end]));
}

// The offset in the normalised text of an offset in the original: the first
// normalised byte whose chunk starts at or after it.
inline std::size_t to_normalized(const NormalizedText& n, std::size_t original) {
    auto it = std::lower_bound(n.origin.begin(), n.origin.end(), original);
    return static_cast<std::size_t>(it - n.origin.begin()) > n.text.size() ? n.text.size()
                                                                             : static_cast<std::size_t>(it - n.origin.begin());
}

// The words of `text` between two original offsets, trimmed.
inline std::string trimmed(std::string_view text, std::size_t start, std::size_t end) {
    end = std::min(end, text.size());
    while (start < end && static_cast<unsigned char>(text[start]) <= ' ') ++start;
    while (end > start && static_cast<unsigned char>(text[end - 1]) <= ' ') --end;
    return std::string(text.substr(start, end - start));
}

// The text goes on with a sentence begun before it: after bullets and a
// list label typed in the text ("i. The optional clause" is not; "relating
// to criminal convictions" and "• assist Customer" are), it starts with a
// lower-case letter.
inline bool continues_sentence(const std::string& text) {
    static const boost::regex lead(
        "^(?:\\s|\xE2\x80\xA2|\xC2\xB7|[*-])*"  // spaces, bullets (UTF-8 bytes of U+2022, U+00B7)
        "(?:(?:[ivx]{1,4}|[a-z]|\\d{1,2})[.)]\\s+|\\((?:[ivx]{1,4}|[a-z]|\\d{1,2})\\)\\s+)?");
    boost::smatch m;
    std::size_t i = boost::regex_search(text, m, lead) ? static_cast<std::size_t>(m.length(0)) : 0;
    return i < text.size() && text[i] >= 'a' && text[i] <= 'z';
}

}  // namespace onus::analysis
