// onus/ingest.hpp: turn a file into a Document. Start here.
//
//   onus::LoadOptions options;
//   options.changes = onus::ChangeView::reject;
//   onus::Document doc = onus::load("msa.docx", options);   // throws onus::Error
//   for (const onus::Clause& c : doc.clauses) std::cout << c.number << ' ' << c.text << '\n';
//
// The format is detected from the content (zip magic and its parts, XML root
// element, text), never from the file name. Every limit that keeps a hostile
// file from exhausting memory or time lives in Limits; hitting one throws
// Error{ErrorCode::limit}. Thread safety: load() keeps no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "onus/document.hpp"

namespace onus {

// How tracked changes are rendered.
enum class ChangeView {
    accept,  // the text as it reads with every change accepted (default)
    reject,  // the text as it was before the changes
    markup,  // both: deletions kept and marked beside insertions (Block::changes)
};

// Safety limits for untrusted input. Defaults follow Apache POI and libxml2.
struct Limits {
    std::uint64_t max_file_bytes = 512ull << 20;       // the input file itself
    std::uint64_t max_part_bytes = 64ull << 20;        // one inflated zip entry
    std::uint64_t max_total_inflated = 256ull << 20;   // all entries read, together
    double max_compression_ratio = 100.0;              // inflated/compressed, for entries over...
    std::uint64_t ratio_check_min_bytes = 100u << 10;  // ...this inflated size
    std::size_t max_entries = 1000;                    // zip entries
    std::size_t max_xml_depth = 256;                   // element nesting
    std::size_t max_blocks = 2'000'000;                // paragraphs and rows in one document
    std::size_t max_lines = 4'000'000;                 // non-blank lines of a text format (each costs ~48 bytes to index)
};

// For generic XML of a known schema: which elements are clauses and which
// child holds a clause's number and heading. Empty names mean "guess":
// an element with a number/title child or attribute is a clause.
struct XmlClauseHint {
    std::string clause_element;   // local name, e.g. "section"
    std::string number_element;   // child element or attribute holding the number, e.g. "num" or "@n"
    std::string heading_element;  // child element holding the heading, e.g. "title"
};

struct LoadOptions {
    ChangeView changes = ChangeView::accept;
    Limits limits;
    XmlClauseHint xml;
};

// Read the file at `path`. Throws Error: io (missing, a directory,
// unreadable), malformed, limit or unsupported (encrypted, unknown format).
Document load(const std::string& path, const LoadOptions& options = {});

// Read a document held in memory; `name` is used in messages and
// Document::path.
Document load_bytes(std::string_view bytes, const std::string& name,
                    const LoadOptions& options = {});

// The format name load() would pick for these bytes ("docx", "flat-opc",
// "ole2", ...) or "unknown". Looks at content only.
std::string sniff_format(std::string_view bytes);

}  // namespace onus
