// ODF list and outline numbering: level styles (text:list-level-style-*,
// text:outline-level-style), the running counters of one list, and the
// label a reader sees ("1.2.", "(a)", "IV.", "•").
//
// Unlike Word, ODF has no numbering instances: a list's counters belong to
// the text:list element (and the lists nested in its items, which are the
// same list one level down). A new top-level text:list starts afresh unless
// it says text:continue-numbering / text:continue-list. Each level carries
// its own prefix and suffix around the whole label, and text:display-levels
// says how many levels (ending at this one) the label shows, joined by ".".
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/docx/numbering.hpp"

namespace onus::odt {

constexpr int kLevels = 10;  // ODF lists have ten levels

struct LevelStyle {
    bool defined = false;
    bool bullet = false;
    std::string bullet_char;  // text:bullet-char
    std::string format;       // style:num-format: "1", "a", "A", "i", "I", "" (no number)
    bool letter_sync = false; // style:num-letter-sync: "aa, bb" instead of "aa, ab"
    std::string prefix;       // style:num-prefix
    std::string suffix;       // style:num-suffix
    int display_levels = 1;   // text:display-levels
    int start = 1;            // text:start-value
};

struct ListStyle {
    std::string name;
    std::array<LevelStyle, kLevels> levels;
};

// One number in an ODF num-format. Letters run a..z, aa, ab.. (spreadsheet
// style) unless letter_sync, which gives aa, bb..; unknown formats render as
// decimal and set *known to false.
inline std::string format_odf_number(int value, std::string_view format, bool letter_sync, bool* known = nullptr) {
    if (known) *known = true;
    if (format.empty()) return {};
    if (format == "1") return std::to_string(value);
    if (format == "i") return docx::format_number(value, "lowerRoman");
    if (format == "I") return docx::format_number(value, "upperRoman");
    if ((format == "a" || format == "A") && value > 0) {
        char base = format == "a" ? 'a' : 'A';
        std::string out;
        if (letter_sync) {
            out.assign(static_cast<std::size_t>((value - 1) / 26 + 1), static_cast<char>(base + (value - 1) % 26));
        } else {
            for (int n = value; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>(base + (n - 1) % 26));
        }
        return out;
    }
    if (format == "a" || format == "A") return std::to_string(value);
    if (known) *known = false;
    return std::to_string(value);
}

// The counters of one list (or of the document's headings, for the outline).
struct ListCounters {
    std::array<int, kLevels> value{};
    std::array<bool, kLevels> used{};

    // One more item at `level` (0-based): the first item of a level takes
    // the level's start value, later ones count on; deeper levels restart.
    void advance(const ListStyle* style, int level, std::optional<int> restart_at = std::nullopt) {
        if (level < 0 || level >= kLevels) return;
        int start = style ? style->levels[static_cast<std::size_t>(level)].start : 1;
        auto i = static_cast<std::size_t>(level);
        value[i] = restart_at ? *restart_at : used[i] ? value[i] + 1 : start;
        used[i] = true;
        for (std::size_t k = i + 1; k < kLevels; ++k) used[k] = false;
    }

    // The label of the item just counted at `level`.
    std::string label(const ListStyle& style, int level, bool* known = nullptr) const {
        if (level < 0 || level >= kLevels) return {};
        const LevelStyle& ls = style.levels[static_cast<std::size_t>(level)];
        if (ls.bullet) return ls.bullet_char;
        int first = std::max(0, level - std::max(1, ls.display_levels) + 1);
        std::string numbers;
        for (int k = first; k <= level; ++k) {
            const LevelStyle& lk = style.levels[static_cast<std::size_t>(k)];
            if (lk.bullet) continue;
            auto idx = static_cast<std::size_t>(k);
            // A level never reached shows its start value, as LibreOffice does.
            int v = used[idx] ? value[idx] : lk.start;
            bool ok = true;
            std::string n = format_odf_number(v, lk.format, lk.letter_sync, &ok);
            if (!ok && known) *known = false;
            if (n.empty()) continue;
            if (!numbers.empty()) numbers += '.';
            numbers += n;
        }
        if (numbers.empty() && ls.format.empty()) return ls.prefix.empty() && ls.suffix.empty() ? "" : ls.prefix + ls.suffix;
        return ls.prefix + numbers + ls.suffix;
    }
};

}  // namespace onus::odt
