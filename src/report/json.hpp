// JSON building blocks shared by the writers: every schema starts from the
// document's own fields (onus.document/1) and adds its own.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/document.hpp"
#include "onus/quantity.hpp"

namespace onus {

using Json = nlohmann::ordered_json;

class JsonStream;  // report/json_stream.hpp

// The onus.document/1 object of a document, or with `analysis` the
// onus.analysis/1 object (the document's fields with tags on every clause,
// then model, matrix, findings, sla), streamed to `w` (no tree is built:
// these are the large reports). `blocks` false leaves out the "blocks"
// array and each clause's block indices (batch records).
void write_document_object(JsonStream& w, const Document& doc, const Analysis* analysis, bool blocks = true);

// The parts of onus.analysis/1 that write_document_object adds: one
// clause's "tags" member, and the members after the document's own.
void write_tags_member(JsonStream& w, const ClauseAnalysis& clause);
void write_analysis_members(JsonStream& w, const Analysis& analysis);

// A quantity as JSON: kind, amount, unit, value, business, bound, per, text, description.
Json quantity_json(const Quantity& q);

// The onus.comparison/1 object.
Json comparison_json(const Document& old_doc, const Document& new_doc, const VersionDiff& c);

// Pretty-printed, with a final newline; invalid UTF-8 replaced (never thrown on).
void write_json(const Json& root, std::ostream& out);

}  // namespace onus
