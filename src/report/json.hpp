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

// The onus.document/1 object of a document.
Json document_json(const Document& doc);

// A quantity as JSON: kind, amount, unit, value, business, bound, per, text, description.
Json quantity_json(const Quantity& q);

// The onus.analysis/1 object: document_json() with tags, model, matrix, findings, sla.
Json analysis_json(const Document& doc, const Analysis& analysis);

// The onus.comparison/1 object.
Json comparison_json(const Document& old_doc, const Document& new_doc, const VersionDiff& c);

// Pretty-printed, with a final newline; invalid UTF-8 replaced (never thrown on).
void write_json(const Json& root, std::ostream& out);

}  // namespace onus
