// onus/report_grc.hpp: the responsibility matrix for GRC tools: an OSCAL
// component definition (compliance-as-code pipelines, FedRAMP-style
// tooling) and a CAIQ-style ownership sheet (vendor questionnaires).
//
//   onus::Analysis a = onus::analyze(doc, pack);
//   onus::write_analysis_oscal(doc, a, std::cout);   // OSCAL 1.1.2 JSON
//   onus::write_analysis_caiq(doc, a, std::cout);    // CSV, CAIQ v4 / STA-04 ownership style
//
// Like the other writers (onus/report.hpp) these format values computed
// upstream and recompute nothing.
//
// OSCAL (1.1.2, component-definition model, JSON):
//   component-definition
//     uuid, metadata {title, last-modified, version, oscal-version "1.1.2",
//                     roles [provider, customer]}
//     components[1]  the service: type "service", title = the provider's name
//                    (the document's title when the provider has no name or
//                    only a role word such as "Provider"), description, props
//                    (model, and the document's path and format)
//       control-implementations[1]  source "onus:responsibility-model"
//         implemented-requirements: one per domain, in domain_ids() order:
//           control-id   "onus-<domain>" (the domain ids of
//                        ../shared/docs/responsibility-model.md: there is no
//                        OSCAL catalog of them, so the source is onus's own URI)
//           description  who holds it and why (the holder, the clauses behind
//                        it, the baseline of the delivery model)
//           props        responsibility (holder), baseline (provider, customer
//                        or "none"), status; ns "https://onus.example/ns"
//           responsible-roles  provider | customer | both (shared, conflict) |
//                        none (unassigned)
//           remarks      "clauses: 4.2, 4.8" (absent when there are none)
//   OSCAL 1.1.2 has no provided/responsibility assemblies in a component
//   definition (they exist in the SSP's by-component export and in NIST's
//   shared-responsibility prototype only), so the split is carried by
//   responsible-roles and the responsibility prop.
//
//   UUIDs are name-based (RFC 4122 version 5, SHA-1, Boost.Uuid), under a
//   namespace derived from "https://onus.example/ns/oscal" in the URL
//   namespace, so that the same input gives the same file and two versions of
//   one agreement can be diffed:
//     component, control-implementation, implemented-requirement
//               from the component's title (and the domain): per subject,
//               stable across versions of the agreement, as OSCAL asks;
//     document  from everything else written (metadata but the uuid,
//               components): it changes exactly when the content does.
//   last-modified is OscalOptions::last_modified; left empty it is the fixed
//   "1970-01-01T00:00:00Z" (a writer has no clock: a caller that wants the
//   time, or the file's date, passes it).
//
// CAIQ (CSV, RFC 4180 as onus::csv_field writes it, CRLF rows, header first):
//   Question ID,Domain,Question,CSP Implementation Ownership,CSC Responsibilities,Clause evidence
//   one row per onus domain, in domain_ids() order, each placed under the
//   CSA CCM v4 domain it is closest to:
//     application AIS, platform IVS, endpoint UEM, data DSP, network IVS,
//     identity IAM, workloads IVS, apis AIS, infrastructure DCS,
//     compliance A&A, incident SEF, availability BCR.
//   This is onus's mapping and onus's questions, not CSA's official CAIQ
//   questions or answers: the Question ID is "<CCM code>-ONUS-<domain>"
//   ("DSP-ONUS-DATA") so that it cannot be taken for a CAIQ question id
//   ("DSP-01.1").
//   Ownership (STA-04 vocabulary where it has one): provider "CSP-owned",
//   customer "CSC-owned", shared "Shared CSP and CSC", unassigned
//   "Unassigned", conflict "Conflicting" (the agreement both commits the
//   provider and disclaims onto the customer: no CSA value says that).
//   CSC Responsibilities: what the customer carries under the agreement, one
//   sentence. Clause evidence: each clause behind the holder as
//   "<id>: <its text, cut at 200 characters>", one per line.
#pragma once

#include <ostream>
#include <string>

#include "onus/analysis.hpp"
#include "onus/document.hpp"

namespace onus {

struct OscalOptions {
    // metadata.last-modified, an RFC 3339 date-time with a time zone
    // ("2025-01-31T12:00:00Z"); "" for the fixed 1970-01-01T00:00:00Z.
    std::string last_modified;
};

// OSCAL 1.1.2 component-definition JSON of the responsibility matrix.
void write_analysis_oscal(const Document& doc, const Analysis& a, std::ostream& out,
                          const OscalOptions& options = {});

// The matrix as a CAIQ v4 / STA-04 style ownership sheet (CSV).
void write_analysis_caiq(const Document& doc, const Analysis& a, std::ostream& out);

}  // namespace onus
