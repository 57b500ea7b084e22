// onus/report_formats.hpp: findings and shifts for other tools: SARIF 2.1.0
// for code-scanning dashboards and CI gates, CSV for spreadsheets.
//
//   onus::Analysis a = onus::analyze(doc, pack);
//   onus::write_analysis_sarif(doc, a, std::cout);   // GitHub code scanning, VS Code SARIF viewer
//   onus::write_analysis_csv(doc, a, std::cout);     // Excel, LibreOffice, pandas
//
// Like the other writers (onus/report.hpp) these format values computed
// upstream and recompute nothing.
//
// SARIF (one log, one run, tool.driver.name "onus"):
//   rules    every rule the writer knows, always in the same order (so that
//            ruleIndex is stable): "onus.finding.<kind>" for the findings of
//            a scan (deviation, gap, conflict, weak, carve-out) and
//            "onus.shift.<type>" for the shifts of a diff (party, modality,
//            quantity, exception, disclaimer, obligation, scope); each with
//            name, shortDescription, fullDescription, help and
//            defaultConfiguration.level. A kind the writer does not know
//            gets a plain rule of its own after those.
//   results  one per finding (scan) or per shift (diff): ruleId, ruleIndex,
//            level (severity high -> "error", medium -> "warning", low and
//            info -> "note"), message.text (the finding's message; a shift's
//            explanation followed by " [to-customer]" or " [to-provider]"
//            when it moves a burden), locations, relatedLocations,
//            partialFingerprints and properties.
//   location the clause: physicalLocation.artifactLocation.uri is the
//            document's path as a URI reference (relative paths stay
//            relative, absolute ones become file:///..., bytes outside
//            RFC 3986 "unreserved" and '/' percent-encoded),
//            physicalLocation.region.startLine is the clause's
//            SourceRef::line when the reader knew it (text and Markdown),
//            no region otherwise (DOCX, ODT...: a line means nothing there);
//            logicalLocations is [{name: clause id, kind: "clause"}].
//            A finding with several clauses has the first (in document
//            order) as its location and the others as relatedLocations; a
//            gap, which has no clause, is located on the document with
//            logicalLocations [{name: domain, kind: "domain"}]. A shift is
//            located on its new clause (the old one, in the old document,
//            for a deletion), with the old clause as a related location.
//   partialFingerprints["onus/v1"]
//            16 hex digits of FNV-1a 64 over: rule id, domain, the primary
//            clause id (the location's; "" for a gap), for a shift also its
//            direction and both clause ids, and the message reduced to its
//            lower-case letters (digits, punctuation and spacing dropped, so
//            that "48 hours" -> "72 hours" or a renumbered cross-reference
//            in the message keeps the identity). No index into the document
//            goes in, so edits elsewhere leave it alone; two results with
//            the same key in one run get "#2", "#3"... hashed in, in
//            output order.
//   properties (result)  domain, severity (onus's four-level scale), clauses;
//            for shifts also change, direction, before, after, rule.
//   properties (run)     scan: model, modelGuessed; diff: the summary counts.
//
// CSV (RFC 4180): a header row, then records; CRLF after every row, the
// last included; a field is quoted when it holds a comma, a double quote,
// CR or LF, with its quotes doubled; invalid UTF-8 is replaced with U+FFFD;
// no byte-order mark. Contract text can start with anything, so a field
// whose first character (after any leading spaces) is '=', '+', '-', '@',
// TAB or CR, or the full-width '＝', '＋', '－', '＠', gets a leading
// apostrophe so that no spreadsheet evaluates it as a formula
// (=HYPERLINK(...), @SUM(...), -2+3).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/document.hpp"

namespace onus {

// SARIF 2.1.0 log of a scan: the findings of `a`, located in `doc`.
void write_analysis_sarif(const Document& doc, const Analysis& a, std::ostream& out);

// Several scanned documents in one log (one run; each result's location
// names its own document), for `onus scan --format sarif A B`: SARIF logs
// cannot be concatenated.
struct ScannedDocument {
    const Document* doc = nullptr;
    const Analysis* analysis = nullptr;
};
void write_analysis_sarif(const std::vector<ScannedDocument>& docs, std::ostream& out);

// SARIF 2.1.0 log of a diff: one result per shift.
void write_comparison_sarif(const Document& old_doc, const Document& new_doc, const VersionDiff& d,
                            std::ostream& out);

struct CsvOptions {
    bool header = true;  // false to append the records of a further document under one header
};

// The scan as one table, header
//   document,record,domain,holder,baseline,status,kind,severity,clauses,message
// first the 12 matrix rows (record "matrix": domain, holder, baseline,
// status, clauses; kind, severity and message empty), in domain_ids()
// order, then one row per finding (record "finding": domain, kind,
// severity, clauses, message; holder, baseline and status empty), in the
// analysis' order (most severe first). `document` is the document's path;
// `clauses` is the clause ids joined by ';'.
void write_analysis_csv(const Document& doc, const Analysis& a, std::ostream& out,
                        const CsvOptions& options = {});

// The diff as one row per shift (a changed clause with no shift has no
// row), in the diff's order, header
//   change,old_clause,new_clause,type,direction,domain,severity,before,after,explanation,rule
// change is the clause's ChangeKind (modified, added...), old_clause and
// new_clause its ids on each side ("" on the side it is missing from),
// rule the pattern rule behind the shift ("" when none).
void write_comparison_csv(const Document& old_doc, const Document& new_doc, const VersionDiff& d,
                          std::ostream& out, const CsvOptions& options = {});

// One CSV field as written: neutralised, then quoted if needed (see above).
std::string csv_field(std::string_view text);

}  // namespace onus
