// text/utf8.hpp: the strict UTF-8 decoder shared by the text module
// (internal; the public entry points are in onus/text.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace onus::text_detail {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
    char32_t cp;        // the code point, or U+FFFD for an ill-formed sequence
    std::uint32_t len;  // bytes consumed, >= 1
    bool valid;
};

// Decode the code point starting at s[i] (i < s.size()) by the table of
// well-formed sequences in Unicode chapter 3 (Table 3-7). An ill-formed
// sequence yields U+FFFD and consumes its maximal subpart: the lead byte and
// the continuation bytes that were still allowed after it, at least one byte.
// Checking the second byte's range against the lead byte (E0 A0..BF, ED
// 80..9F, F0 90..BF, F4 80..8F) is what rules out overlongs, surrogates and
// code points past U+10FFFF without decoding them first.
inline Decoded decode_utf8(std::string_view s, std::size_t i) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    const unsigned b0 = p[i];
    if (b0 < 0x80) return {b0, 1, true};

    unsigned need = 0;
    char32_t cp = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the next byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;  // overlong below U+0800
        if (b0 == 0xED) hi = 0x9F;  // surrogates D800..DFFF
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;  // overlong below U+10000
        if (b0 == 0xF4) hi = 0x8F;  // past U+10FFFF
    } else {
        return {kReplacement, 1, false};  // continuation byte, C0/C1 or F5..FF as a lead
    }
    std::uint32_t len = 1;
    for (unsigned k = 0; k < need; ++k) {
        if (i + len >= n) return {kReplacement, len, false};  // truncated
        const unsigned b = p[i + len];
        if (b < lo || b > hi) return {kReplacement, len, false};
        cp = static_cast<char32_t>((cp << 6) | (b & 0x3Fu));
        lo = 0x80;
        hi = 0xBF;
        ++len;
    }
    return {cp, len, true};
}

// Length of the pure-ASCII prefix of s, eight bytes at a time: documents are
// mostly ASCII, so this is the fast path of every scan.
inline std::size_t ascii_prefix(std::string_view s) noexcept {
    std::size_t i = 0;
    const std::size_t n = s.size();
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    return i;
}

// Append cp (a scalar value) as UTF-8.
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace onus::text_detail
