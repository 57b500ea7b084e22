// The readers, one per format, each in its own folder under src/ingest/.
// load() sniffs the bytes and calls one of them (the table in load.cpp).
//
// Contract shared by every reader: fill doc.blocks in reading order (and
// doc.title, doc.stats, doc.warnings where the format has them) from
// `bytes`; doc.path already holds the name to use in messages. Throw
// onus::Error (malformed, limit, unsupported) for input that cannot be read
// faithfully; never return a silently partial document. Clauses, parties
// and definitions are built afterwards by the structure stage.
#pragma once

#include <string_view>

#include "onus/document.hpp"
#include "onus/ingest.hpp"

namespace onus::ingest {

void read_docx(std::string_view bytes, const LoadOptions& options, Document& doc);      // docx/
void read_flat_opc(std::string_view bytes, const LoadOptions& options, Document& doc);  // docx/
void read_odt(std::string_view bytes, const LoadOptions& options, Document& doc);       // odt/ (zipped)
void read_flat_odt(std::string_view bytes, const LoadOptions& options, Document& doc);  // odt/ (.fodt)
void read_word2003(std::string_view bytes, const LoadOptions& options, Document& doc);  // word2003/
void read_akoma_ntoso(std::string_view bytes, const LoadOptions& options, Document& doc);  // akoma/
void read_generic_xml(std::string_view bytes, const LoadOptions& options, Document& doc);  // xmlgeneric/
void read_markdown(std::string_view bytes, const LoadOptions& options, Document& doc);  // markdown/
void read_plain_text(std::string_view bytes, const LoadOptions& options, Document& doc);  // text/

// True when text looks like Markdown rather than plain text (front matter,
// ATX headings, emphasis, links, tables): picks read_markdown.
bool looks_like_markdown(std::string_view text);

}  // namespace onus::ingest
