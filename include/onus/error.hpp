// onus/error.hpp: the one error type every stage throws, and its codes.
//
// Library calls fail by throwing onus::Error; nothing else escapes the
// library (third-party exceptions are translated at the adapter that calls
// the library). The code says which class of failure it is, so that the CLI
// can map it to a distinct exit status; the message is one line meant for a
// person, naming what failed and where.
//
// Recoverable oddities (an unknown numbering format, an unknown element) are
// not errors: they travel as Diagnostic values beside the result.
#pragma once

#include <stdexcept>
#include <string>

namespace onus {

// Failure classes. The numeric values are the CLI's exit statuses, part of
// the command-line contract (documented in the README); 0-2 are taken by
// success, "findings present" and usage errors.
enum class ErrorCode : int {
    malformed = 3,    // the input is corrupt: not a zip, bad XML, invalid UTF-8, missing main part
    limit = 4,        // a safety limit was hit: zip bomb, nesting depth, size, entry count
    pattern = 5,      // a rule pack is invalid
    io = 6,           // the file cannot be read: missing, a directory, no permission
    unsupported = 7,  // readable but not something onus reads: encrypted, unknown format
    internal = 70,    // a bug in onus (EX_SOFTWARE)
};

// The short lower-case name of a code, as printed in JSON error objects.
const char* to_string(ErrorCode code) noexcept;

class Error : public std::runtime_error {
public:
    // `where` names the file, part or rule the problem is in (may be empty);
    // `what` is the problem in a few words.
    Error(ErrorCode code, std::string where, const std::string& what)
        : std::runtime_error(where.empty() ? what : where + ": " + what),
          code_(code),
          where_(std::move(where)) {}

    ErrorCode code() const noexcept { return code_; }
    const std::string& where() const noexcept { return where_; }

private:
    ErrorCode code_;
    std::string where_;
};

// A recoverable oddity found while reading: the result is still complete
// enough to use, but a person should know (printed as a warning on stderr).
struct Diagnostic {
    std::string where;    // part name or location, e.g. "word/numbering.xml"
    std::string message;  // one line
};

}  // namespace onus
