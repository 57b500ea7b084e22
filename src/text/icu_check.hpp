// text/icu_check.hpp: turn an ICU status into onus::Error (internal).
#pragma once

#include <unicode/utypes.h>

#include <string>

#include "onus/error.hpp"

namespace onus::text_detail {

// The text module only calls ICU with arguments it controls, so a failure
// (missing data, out of memory) is a bug or a broken install, not bad input:
// report it as ErrorCode::internal. Warnings (U_USING_DEFAULT_WARNING...) pass.
inline void icu_check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw Error(ErrorCode::internal, "icu", std::string(what) + ": " + u_errorName(status));
    }
}

}  // namespace onus::text_detail
