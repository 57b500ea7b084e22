// Names of the model's enumerations, as they appear in JSON and messages.
#include "onus/document.hpp"
#include "onus/error.hpp"

namespace onus {

const char* to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::malformed: return "malformed";
        case ErrorCode::limit: return "limit";
        case ErrorCode::pattern: return "pattern";
        case ErrorCode::io: return "io";
        case ErrorCode::unsupported: return "unsupported";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

const char* to_string(BlockKind kind) noexcept {
    switch (kind) {
        case BlockKind::paragraph: return "paragraph";
        case BlockKind::table_row: return "table-row";
        case BlockKind::footnote: return "footnote";
        case BlockKind::endnote: return "endnote";
        case BlockKind::comment: return "comment";
        case BlockKind::header: return "header";
        case BlockKind::footer: return "footer";
    }
    return "paragraph";
}

}  // namespace onus
