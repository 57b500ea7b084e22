// onus/vendor_matrix.hpp: several agreements side by side, one per vendor,
// for multi-cloud audits and vendor migrations (`onus matrix A B C`).
//
//   std::vector<onus::VendorColumn> cols;
//   for (std::size_t i = 0; i < docs.size(); ++i) cols.push_back({&docs[i], &analyses[i], ""});
//   onus::VendorMatrix m = onus::build_vendor_matrix(std::move(cols));
//   onus::write_vendor_matrix_text(m, std::cout);
//
// Per domain: who holds it under each agreement, the clauses that say so
// and whether the vendors differ. Per SLA metric: each vendor's first value,
// whether they differ, and which vendor commits to the most favourable value
// for the customer where the metric has a direction.
//
// Like the other writers this formats values computed upstream: the
// Documents and Analyses must outlive the VendorMatrix (columns point at them).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/document.hpp"

namespace onus {

struct VendorColumn {
    const Document* doc = nullptr;        // must not be null
    const Analysis* analysis = nullptr;   // must not be null
    // The column's name. Left empty, build_vendor_matrix() fills it with the
    // provider party's name (unless a template's role word like "Provider"
    // and the document has a title), else the document's title, else the
    // file stem.
    // Names are made unique: a repeated name (two versions of one vendor's
    // agreement) gets " [file stem]" appended, then " #2", " #3"... if still
    // repeated.
    std::string vendor;
};

struct VendorCell {
    std::string holder;                // provider, customer, shared, unassigned, conflict
    std::string baseline;              // provider, customer, or "" (the vendor's own delivery model)
    std::string status;                // agrees, deviates, silent, no-baseline
    std::vector<std::string> clauses;  // clause ids behind the holder, document order
    std::string quote;                 // the text of the first of `clauses` ("" when none)
};

struct VendorRow {
    std::string domain;             // one of domain_ids(), in that order
    std::vector<VendorCell> cells;  // parallel to VendorMatrix::vendors
    bool differs = false;           // the holders are not all equal
};

struct SlaRow {
    std::string metric;
    // Each vendor's first value, nullopt when it states none. For metrics
    // measuring a provider's duty (uptime, maintenance-notice,
    // notification-window, support-response, support-hours,
    // backup-frequency, retention, deletion-period) values in clauses that
    // bind the customer (all its tags name the customer; untagged, its
    // ClauseAnalysis::party does) are passed over while another
    // exists: "Customer shall notify Provider without undue delay" is not the
    // vendor's breach notice. An open limit followed by a fixed one in the
    // same clause ("without undue delay and in any event within 48 hours")
    // gives way to the fixed one.
    std::vector<std::optional<SlaValue>> values;
    // Some stated values are not equal by onus::compare() (the bound set
    // aside: "at least 99.9%" equals "99.9%"; "5 business days" equals "7
    // days", approximately), or some vendors state the metric and others
    // do not.
    bool differs = false;
    // "higher" or "lower" (the better value for the customer), "" when the
    // metric has no clear direction.
    std::string better;
    // Indices of the vendors whose value is most favourable to the customer:
    // ordered (compare()) against every other stated value, none better, and
    // strictly better than at least one. Empty when the direction is
    // unknown, the values cannot all be ordered, or all are equal. Several
    // when tied at the top. Vendors that state no value are not ranked.
    std::vector<std::size_t> best;
};

struct VendorMatrix {
    std::vector<VendorColumn> vendors;
    std::vector<VendorRow> domains;  // 12 rows, domain_ids() order
    std::vector<SlaRow> sla;         // metrics in the order analysis.hpp lists them, unknown ones after
};

// Throws Error{ErrorCode::internal} when a column lacks its document or analysis.
VendorMatrix build_vendor_matrix(std::vector<VendorColumn> vendors);

// A table for a terminal: vendors, holders per domain (differing rows
// starred), the clauses where they differ, the SLA numbers side by side.
void write_vendor_matrix_text(const VendorMatrix& m, std::ostream& out);

// onus.matrix/1 (docs/json-schema.md).
void write_vendor_matrix_json(const VendorMatrix& m, std::ostream& out);

// CSV (RFC 4180, fields as csv_field() writes them), one record per vendor
// per domain and per vendor per SLA metric, header
//   record,key,differs,vendor_index,vendor,document,holder,baseline,status,clauses,value,bound,clause,best
// record "domain" (key = domain; holder, baseline, status, clauses) or "sla"
// (key = metric; value = describe() of the quantity, bound, clause, best =
// "yes" for a most favourable vendor; empty fields when the vendor states
// none). differs is "yes" or "no"; vendor_index counts from 1 (the text
// report's [1], [2]...; JSON indices count from 0); clauses are joined by ';'.
void write_vendor_matrix_csv(const VendorMatrix& m, std::ostream& out);

// One self-contained page (see onus/report_html.hpp for the rules every
// page follows): the vendors, the domain grid coloured by holder with
// differing rows highlighted, the clauses behind each cell, the SLA numbers
// side by side with the most favourable marked, and a "differences only"
// filter.
void write_vendor_matrix_html(const VendorMatrix& m, std::ostream& out);

}  // namespace onus
