// onus.analysis/1: the document's own fields (onus.document/1) with tags on
// every clause, and the model, matrix, findings and SLA numbers. Documented
// in docs/json-schema.md.
#include "onus/report.hpp"
#include "report/json.hpp"
#include "report/json_stream.hpp"

namespace onus {
namespace {

// null when there is no evidence.
void write_evidence(JsonStream& w, const Evidence& e) {
    if (e.text.empty() && e.rule.empty()) {
        w.null();
        return;
    }
    w.begin_object();
    w.member("clause", e.clause_id);
    w.member("start", e.start);
    w.member("end", e.end);
    w.member("text", e.text);
    w.member("rule", e.rule);
    w.end_object();
}

void write_nullable(JsonStream& w, const std::string& s) {
    if (s.empty()) w.null();
    else w.value(s);
}

void write_tag(JsonStream& w, const Tag& t) {
    w.begin_object();
    w.member("domain", t.domain);
    w.member("party", t.party);
    w.member("modality", t.modality);
    w.member("rule", t.rule);
    w.member("negated", t.negated);
    w.key("evidence");
    write_evidence(w, t.evidence);
    w.key("party_evidence");
    write_evidence(w, t.party_evidence);
    w.key("modality_evidence");
    write_evidence(w, t.modality_evidence);
    w.key("carveouts");
    w.begin_array();
    for (const Carveout& c : t.carveouts) {
        w.begin_object();
        w.member("text", c.evidence.text);
        w.member("start", c.evidence.start);
        w.member("end", c.evidence.end);
        w.member("rule", c.evidence.rule);
        w.key("refers_to");
        write_nullable(w, c.refers_to);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

void write_matrix(JsonStream& w, const Analysis& a) {
    w.begin_object();
    for (const std::string& domain : domain_ids()) {
        const MatrixCell& c = a.matrix.at(domain);
        w.key(domain);
        w.begin_object();
        w.member("holder", c.holder);
        w.key("baseline");
        write_nullable(w, c.baseline);
        w.member("status", c.status);
        w.key("clauses");
        w.strings(c.clauses);
        w.end_object();
    }
    w.end_object();
}

void write_findings(JsonStream& w, const Analysis& a) {
    w.begin_array();
    for (const Finding& f : a.findings) {
        w.begin_object();
        w.member("kind", f.kind);
        w.member("domain", f.domain);
        w.member("severity", to_string(f.severity));
        w.key("clauses");
        w.strings(f.clauses);
        w.member("message", f.message);
        w.key("evidence");
        w.begin_array();
        for (const Evidence& e : f.evidence) write_evidence(w, e);
        w.end_array();
        w.end_object();
    }
    w.end_array();
}

void write_sla(JsonStream& w, const Analysis& a) {
    w.begin_array();
    for (const SlaValue& v : a.sla) {
        w.begin_object();
        w.member("metric", v.metric);
        w.member("clause", v.clause_id);
        w.key("quantity");
        w.value(quantity_json(v.quantity));  // few values; one definition of the quantity's fields
        w.member("sole_remedy", v.sole_remedy);
        w.key("evidence");
        write_evidence(w, v.evidence);
        w.end_object();
    }
    w.end_array();
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

void write_tags_member(JsonStream& w, const ClauseAnalysis& clause) {
    w.key("tags");
    w.begin_array();
    for (const Tag& t : clause.tags) write_tag(w, t);
    w.end_array();
}

void write_analysis_members(JsonStream& w, const Analysis& a) {
    w.member("model", a.model);
    w.member("model_guessed", a.model_guessed);
    w.key("model_evidence");
    write_evidence(w, a.model_evidence);
    w.key("matrix");
    write_matrix(w, a);
    w.key("findings");
    write_findings(w, a);
    w.key("sla");
    write_sla(w, a);
    w.key("rule_failures");
    w.begin_array();
    for (const RuleFailure& f : a.failures) {
        w.begin_object();
        w.key("rule");
        if (f.rule) w.value(f.rule->id);
        else w.null();
        w.member("message", f.message);
        w.end_object();
    }
    w.end_array();
}

// Pretty, as write_json prints a tree, passed on to `out` in pieces.
void write_analysis_json(const Document& doc, const Analysis& analysis, std::ostream& out) {
    JsonStream w(out, 2);
    write_document_object(w, doc, &analysis);
    w.raw("\n");
    w.flush();
}

}  // namespace onus
