// The character ledger every reader keeps, so that a user can see nothing
// was lost: chars_read == chars_emitted + the sum of left_out, counting code
// points of the source's text (generated characters such as labels and
// tabs are not counted).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "onus/document.hpp"
#include "onus/text.hpp"

namespace onus::ingest {

// Record a warning once per (where, message).
inline void warn_once(Document& doc, const std::string& where, const std::string& message) {
    for (const Diagnostic& d : doc.warnings)
        if (d.where == where && d.message == message) return;
    doc.warnings.push_back({where, message});
}

struct Ledger {
    std::size_t read = 0;
    std::size_t emitted = 0;
    std::map<std::string, std::size_t> left_out;

    void leave_out(const std::string& reason, std::size_t n) { left_out[reason] += n; }

    // `raw` as valid UTF-8. XML character references such as &#xD800;
    // decode to invalid UTF-8 inside pugixml: the rest of the text is kept,
    // the bad sequences become U+FFFD (in `storage`), counted and reported.
    std::string_view repair(std::string_view raw, std::string& storage, Document& doc, const std::string& where) {
        if (is_valid_utf8(raw)) return raw;
        std::size_t replaced = 0;
        storage = sanitize_utf8(raw, &replaced);
        doc.stats.invalid_utf8_replaced += replaced;
        warn_once(doc, where, "invalid characters replaced by U+FFFD");
        return storage;
    }

    // Add the figures to doc.stats.
    void finish(Document& doc) const {
        doc.stats.chars_read += read;
        doc.stats.chars_emitted += emitted;
        for (const auto& [reason, count] : left_out) doc.stats.left_out.emplace_back(reason, count);
    }
};

}  // namespace onus::ingest
