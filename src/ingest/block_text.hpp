// Helpers the readers share to turn nested content into block text.
#pragma once

#include <string>
#include <vector>

#include "onus/document.hpp"

namespace onus::ingest {

inline std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += separator;
        out += parts[i];
    }
    return out;
}

// A block's text with its number label in front, as a reader sees it.
inline std::string labelled(const Block& b) { return b.label.empty() ? b.text : b.label + " " + b.text; }

// The text of a table cell from the blocks read inside it: paragraphs (with
// their labels) and nested tables' rows joined by spaces, on one line so that
// cells can be separated by tabs. The note references found are appended to
// `notes`.
inline std::string cell_text(const std::vector<Block>& inner, std::vector<NoteRef>& notes) {
    std::string text;
    for (const Block& b : inner) {
        std::string piece = b.kind == BlockKind::table_row ? join(b.cells, " ") : labelled(b);
        if (piece.empty()) continue;
        if (!text.empty()) text += ' ';
        text += piece;
        for (const NoteRef& n : b.notes) notes.push_back(n);
    }
    for (char& ch : text)
        if (ch == '\n' || ch == '\t') ch = ' ';
    return text;
}

}  // namespace onus::ingest
