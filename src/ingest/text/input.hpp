// Shared by the plain-text and Markdown readers: turning a text file's
// bytes into checked UTF-8, and mapping byte offsets back to line numbers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace onus::ingest::text_input {

// Longest line either reader accepts: a "line" longer than this is a
// minified blob or an attack on line-oriented code, not prose.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

// The bytes of a text file as UTF-8: a UTF-8 BOM is skipped; UTF-16 with a
// BOM (either order) is converted strictly. Throws Error malformed for
// invalid UTF-8 ("invalid UTF-8 at byte N", N counted from the start of
// the file), invalid UTF-16 or a NUL byte ("binary data, not text"), and
// Error limit for a line over kMaxLineBytes. `where` names the file.
std::string decode(std::string_view bytes, const std::string& where);

// Byte offset -> 1-based line number, by binary search over line starts.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    std::size_t line_of(std::size_t offset) const;

private:
    std::vector<std::size_t> starts_;
};

}  // namespace onus::ingest::text_input
