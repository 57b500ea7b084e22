// The DOCX reader: WordprocessingML parts -> Blocks, rendered the way Word
// shows them (automatic numbering, fields as their results, tracked changes
// in the chosen view, notes and comments kept apart from body text).
#pragma once

#include "ingest/opc.hpp"
#include "onus/document.hpp"
#include "onus/ingest.hpp"

namespace onus::docx {

// Fill doc.blocks, doc.title, doc.stats and doc.warnings from an OPC
// package holding a WordprocessingML document (zipped or Flat OPC).
// Throws Error: malformed when the package has no main document part.
void read(ingest::OpcPackage& package, const LoadOptions& options, Document& doc);

}  // namespace onus::docx
