// onus/report.hpp: writers. Each formats values computed upstream and
// recomputes nothing.
//
//   onus::Document doc = onus::load("msa.docx");
//   onus::write_document_text(doc, {}, std::cout);   // what `onus extract` prints
//   onus::write_document_json(doc, std::cout);       // schema "onus.document/1"
//   onus::write_analysis_json(doc, onus::analyze(doc, pack), std::cout);  // "onus.analysis/1"
#pragma once

#include <ostream>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/document.hpp"
#include "onus/ingest.hpp"

namespace onus {

// What `extract --format text` shows besides the body.
struct TextOptions {
    bool notes = true;      // footnotes and endnotes after the body, each with its number
    bool comments = false;  // reviewers' comments, with their authors
    bool headers = false;   // page headers and footers
    ChangeView changes = ChangeView::accept;  // markup: show [-deleted-] and {+inserted+} text
};

// Plain text: one paragraph per line in reading order, each numbered
// paragraph with its number label first; table rows with cells separated by
// tabs; then the notes after a "[notes]" line, each as "LABEL text".
void write_document_text(const Document& doc, const TextOptions& options, std::ostream& out);

// JSON, schema "onus.document/1" (documented in docs/json-schema.md):
// document (path, format, title, parties), clauses (id, number, heading,
// level, parent, text, source, notes), blocks (every block with its kind,
// label, text, change marks), stats and warnings.
void write_document_json(const Document& doc, std::ostream& out);

// What `scan --format text` prints: the model (and what the guess rests
// on), the responsibility matrix as a table, the findings most severe first,
// then the SLA numbers; every line cites its clause ids.
void write_analysis_text(const Document& doc, const Analysis& analysis, std::ostream& out);

// JSON, schema "onus.analysis/1" (docs/json-schema.md): the onus.document/1
// fields, each clause with its `tags`, then `model`, `model_guessed`,
// `model_evidence`, `matrix` (keyed by the 12 domain ids), `findings`,
// `sla` and `rule_failures`.
void write_analysis_json(const Document& doc, const Analysis& analysis, std::ostream& out);

// What `diff --format text` prints: counts, shifts by direction, then each
// changed clause with an inline redline ([-old-] {+new+}) and its shifts.
void write_comparison_text(const Document& old_doc, const Document& new_doc, const VersionDiff& c, std::ostream& out);

// JSON, schema "onus.comparison/1" (docs/json-schema.md): `old` and `new`
// document summaries, `changes` (kind, old, new, edits, shifts) and `summary`.
void write_comparison_json(const Document& old_doc, const Document& new_doc, const VersionDiff& c, std::ostream& out);

}  // namespace onus
