// onus.analysis/1: the document's own fields (onus.document/1) with tags on
// every clause, and the model, matrix, findings and SLA numbers. Documented
// in docs/json-schema.md.
#include "onus/report.hpp"
#include "report/json.hpp"

namespace onus {
namespace {

Json evidence_json(const Evidence& e) {
    if (e.text.empty() && e.rule.empty()) return nullptr;
    return {{"clause", e.clause_id}, {"start", e.start}, {"end", e.end}, {"text", e.text}, {"rule", e.rule}};
}

Json tag_json(const Tag& t) {
    Json carveouts = Json::array();
    for (const Carveout& c : t.carveouts)
        carveouts.push_back({{"text", c.evidence.text},
                             {"start", c.evidence.start},
                             {"end", c.evidence.end},
                             {"rule", c.evidence.rule},
                             {"refers_to", c.refers_to.empty() ? Json(nullptr) : Json(c.refers_to)}});
    return {{"domain", t.domain},
            {"party", t.party},
            {"modality", t.modality},
            {"rule", t.rule},
            {"negated", t.negated},
            {"evidence", evidence_json(t.evidence)},
            {"party_evidence", evidence_json(t.party_evidence)},
            {"modality_evidence", evidence_json(t.modality_evidence)},
            {"carveouts", carveouts}};
}

Json nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json quantity_json(const Quantity& q) {
    return {{"kind", to_string(q.kind)},
            {"amount", q.amount},
            {"unit", q.unit},
            {"value", q.value},
            {"business", q.business},
            {"bound", nullable(q.bound)},
            {"per", nullable(q.per)},
            {"text", q.text},
            {"description", describe(q)}};
}

Json analysis_json(const Document& doc, const Analysis& a) {
    Json root = document_json(doc);
    root["schema"] = "onus.analysis/1";
    Json& clauses = root["clauses"];
    for (std::size_t i = 0; i < a.clauses.size() && i < clauses.size(); ++i) {
        Json tags = Json::array();
        for (const Tag& t : a.clauses[i].tags) tags.push_back(tag_json(t));
        clauses[i]["tags"] = tags;
    }
    root["model"] = a.model;
    root["model_guessed"] = a.model_guessed;
    root["model_evidence"] = evidence_json(a.model_evidence);

    Json matrix = Json::object();
    for (const std::string& domain : domain_ids()) {
        const MatrixCell& c = a.matrix.at(domain);
        matrix[domain] = {{"holder", c.holder},
                          {"baseline", nullable(c.baseline)},
                          {"status", c.status},
                          {"clauses", c.clauses}};
    }
    root["matrix"] = matrix;

    Json findings = Json::array();
    for (const Finding& f : a.findings) {
        Json evidence = Json::array();
        for (const Evidence& e : f.evidence) evidence.push_back(evidence_json(e));
        findings.push_back({{"kind", f.kind},
                            {"domain", f.domain},
                            {"severity", to_string(f.severity)},
                            {"clauses", f.clauses},
                            {"message", f.message},
                            {"evidence", evidence}});
    }
    root["findings"] = findings;

    Json sla = Json::array();
    for (const SlaValue& v : a.sla) {
        Json j = quantity_json(v.quantity);
        sla.push_back({{"metric", v.metric},
                       {"clause", v.clause_id},
                       {"quantity", j},
                       {"sole_remedy", v.sole_remedy},
                       {"evidence", evidence_json(v.evidence)}});
    }
    root["sla"] = sla;

    Json failures = Json::array();
    for (const RuleFailure& f : a.failures)
        failures.push_back({{"rule", f.rule ? Json(f.rule->id) : Json(nullptr)}, {"message", f.message}});
    root["rule_failures"] = failures;
    return root;
}

void write_analysis_json(const Document& doc, const Analysis& analysis, std::ostream& out) {
    write_json(analysis_json(doc, analysis), out);
}

}  // namespace onus
