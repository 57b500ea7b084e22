// text/utf8.cpp: UTF-8 validation, repair and counting.
#include "text/utf8.hpp"

#include "onus/text.hpp"

namespace onus {

using text_detail::ascii_prefix;
using text_detail::decode_utf8;

bool is_valid_utf8(std::string_view bytes) noexcept {
    std::size_t i = 0;
    while (true) {
        i += ascii_prefix(bytes.substr(i));
        if (i >= bytes.size()) return true;
        const auto d = decode_utf8(bytes, i);
        if (!d.valid) return false;
        i += d.len;
    }
}

std::string sanitize_utf8(std::string_view bytes, std::size_t* replaced) {
    if (replaced) *replaced = 0;
    if (is_valid_utf8(bytes)) return std::string(bytes);

    std::string out;
    out.reserve(bytes.size() + 16);
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t run = ascii_prefix(bytes.substr(i));
        out.append(bytes.data() + i, run);
        i += run;
        if (i >= bytes.size()) break;
        const auto d = decode_utf8(bytes, i);
        if (d.valid) {
            out.append(bytes.data() + i, d.len);
        } else {
            // One U+FFFD per maximal subpart (Unicode's recommended practice,
            // also what ICU and WHATWG decoders do), so counts agree with them.
            out += "\xEF\xBF\xBD";
            ++count;
        }
        i += d.len;
    }
    if (replaced) *replaced = count;
    return out;
}

// On ill-formed input every maximal subpart counts as one code point, so that
// count_code_points(s) == count_code_points(sanitize_utf8(s)).
std::size_t count_code_points(std::string_view utf8) noexcept {
    std::size_t count = 0;
    std::size_t i = 0;
    while (true) {
        const std::size_t run = ascii_prefix(utf8.substr(i));
        count += run;
        i += run;
        if (i >= utf8.size()) return count;
        i += decode_utf8(utf8, i).len;
        ++count;
    }
}

void append_utf8(std::string& out, char32_t code_point) {
    bool scalar = code_point < 0x110000 && !(code_point >= 0xD800 && code_point <= 0xDFFF);
    text_detail::append_utf8(out, scalar ? code_point : char32_t{0xFFFD});
}

bool utf16_to_utf8(std::string_view bytes, bool big_endian, std::string& out) {
    if (bytes.size() % 2 != 0) return false;
    out.clear();
    out.reserve(bytes.size() * 3 / 2);
    auto unit = [&](std::size_t i) -> char32_t {
        auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
        return big_endian ? char32_t(a << 8 | b) : char32_t(b << 8 | a);
    };
    for (std::size_t i = 0; i < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 3 >= bytes.size()) return false;
            char32_t low = unit(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
        }
        text_detail::append_utf8(out, cp);
    }
    return true;
}

std::string one_line(std::string_view utf8, std::size_t most) {
    std::string one;
    one.reserve(std::min(utf8.size(), most + 3));
    for (char c : utf8) one += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
    std::size_t a = one.find_first_not_of(' '), z = one.find_last_not_of(' ');
    one = a == std::string::npos ? std::string() : one.substr(a, z - a + 1);
    if (one.size() <= most) return one;
    std::size_t cut = most;
    while (cut > 0 && (static_cast<unsigned char>(one[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return one.substr(0, cut) + "...";
}

}  // namespace onus
