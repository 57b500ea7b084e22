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

}  // namespace onus
