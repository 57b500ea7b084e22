#include <algorithm>
#include <string>

#include "onus/report.hpp"

namespace onus {
namespace {

// A block's text on one line: line breaks inside a paragraph become spaces
// so that "one paragraph per line" holds.
std::string one_line(std::string_view text) {
    std::string out(text);
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    return out;
}

// Markup view: deletions as [-text-], insertions as {+text+} (the notation
// of `git diff --word-diff`), then who made them.
std::string with_marks(const Block& b) {
    if (b.changes.empty()) return b.text;
    std::string out;
    std::size_t at = 0;
    std::vector<std::string> who;
    for (const ChangeMark& m : b.changes) {
        std::size_t start = std::min(m.start, b.text.size()), end = std::min(m.end, b.text.size());
        if (start < at) continue;
        out.append(b.text, at, start - at);
        bool removal = m.kind == ChangeMark::Kind::deletion || m.kind == ChangeMark::Kind::move_from;
        out += removal ? "[-" : "{+";
        out.append(b.text, start, end - start);
        out += removal ? "-]" : "+}";
        at = end;
        std::string by = m.author + (m.date.empty() ? "" : " " + m.date);
        if (!by.empty() && std::find(who.begin(), who.end(), by) == who.end()) who.push_back(by);
    }
    out.append(b.text, at, std::string::npos);
    if (!who.empty()) {
        out += "  (changes by ";
        for (std::size_t i = 0; i < who.size(); ++i) out += (i ? "; " : "") + who[i];
        out += ")";
    }
    return out;
}

void line(const Block& b, ChangeView view, std::ostream& out) {
    std::string text = one_line(view == ChangeView::markup ? with_marks(b) : b.text);
    if (!b.label.empty()) out << b.label << (text.empty() ? "" : " ");
    out << text << '\n';
}

}  // namespace

void write_document_text(const Document& doc, const TextOptions& options, std::ostream& out) {
    for (const Block& b : doc.blocks)
        if (b.kind == BlockKind::paragraph || b.kind == BlockKind::table_row) line(b, options.changes, out);
    auto section = [&](const char* title, auto wanted) {
        bool first = true;
        for (const Block& b : doc.blocks) {
            if (!wanted(b)) continue;
            if (first) out << '[' << title << "]\n";
            first = false;
            if (b.kind == BlockKind::comment) out << '[' << b.author << "] ";
            line(b, options.changes, out);
        }
    };
    if (options.notes)
        section("notes", [](const Block& b) { return b.kind == BlockKind::footnote || b.kind == BlockKind::endnote; });
    if (options.comments) section("comments", [](const Block& b) { return b.kind == BlockKind::comment; });
    if (options.headers)
        section("headers", [](const Block& b) { return b.kind == BlockKind::header || b.kind == BlockKind::footer; });
}

}  // namespace onus
