// onus/report_html.hpp: self-contained HTML reports, one file each, for a
// reviewer's browser.
//
//   onus::Document doc = onus::load("msa.docx");
//   std::ofstream out("msa.html");
//   onus::write_analysis_html(doc, onus::analyze(doc, pack), out);
//
// Each page carries its own CSS and a small script (no network, no external
// scripts, fonts or images; a Content-Security-Policy forbids them too) and
// prints cleanly. The markup is XHTML-compatible (every element closed,
// attributes quoted) so an XML parser can check it. Contract text is treated
// as hostile: every piece of it is escaped (& < > " '), it never goes inside
// the <script>, and the script reads only data-* attributes and form fields.
// Element ids for clauses are built from the clause id by a fixed, injective
// encoding (letters, digits, '-' and '.' kept, every other byte as _XX), so
// "9.2¶3" is id "c-9.2_C2_B63" and links to it are plain "#c-9.2_C2_B63".
#pragma once

#include <ostream>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/document.hpp"

namespace onus {

// What `scan --format html` writes: the document's path, title and parties,
// the delivery model (and the words a guess rests on), the responsibility
// matrix as a coloured grid (each cell linking to the clauses behind it),
// the findings grouped by severity, the SLA numbers, then the whole
// agreement with every clause anchored, its tagged words highlighted
// (<mark title="domain, party, modality, rule">) and its tags listed.
void write_analysis_html(const Document& doc, const Analysis& analysis, std::ostream& out);

// What `diff --format html` writes: counts by change kind, bar charts of the
// shifts by direction and by domain, a table of every shift, then each
// changed clause old | new with a word-level redline (<del>/<ins>) and its
// shift badges; a toggle between side-by-side and inline views, and filters
// by kind, domain, direction and shift type.
void write_comparison_html(const Document& old_doc, const Document& new_doc, const VersionDiff& diff,
                           std::ostream& out);

}  // namespace onus
