// Stages 2 and 3: the responsibility matrix and the findings.
//
// A domain's holder is read from the clauses that bind somebody over it
// (obligation, prohibition, efforts, disclaimer): one party alone holds it;
// both, each with its own duty, share it; and it is a conflict when one
// control (one domain rule) is promised by the provider in one clause and
// disclaimed onto the customer in another. Permissions and statements
// discuss a domain without assigning it.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "analysis/stages.hpp"

namespace onus::analysis {
namespace {

bool binds(const Tag& t) {
    return t.modality == "obligation" || t.modality == "prohibition" || t.modality == "efforts" ||
           t.modality == "disclaimer";
}

bool is_party(const std::string& p) { return p == "provider" || p == "customer" || p == "shared"; }

struct DomainTags {
    std::vector<std::pair<std::size_t, const Tag*>> tags;  // clause index, tag
};

// Clause indices (into Analysis::clauses), each once, in index order: a
// large agreement has thousands of tags per domain, so the cell's clause list
// is gathered in a set, never by searching the list for each tag.
using ClauseSet = std::set<std::size_t>;

bool promises(const Tag& t) { return t.party == "provider" && (t.modality == "obligation" || t.modality == "prohibition"); }
bool disclaims_onto_customer(const Tag& t) { return t.party == "customer" && t.modality == "disclaimer"; }

// One control promised by the provider and disclaimed onto the customer:
// every clause that promises or disclaims such a control. Found through the
// rules on each side, not by comparing every pair of tags.
bool find_conflict(const DomainTags& d, ClauseSet& clauses) {
    std::set<std::string_view> promised, disclaimed;
    for (const auto& [ci, t] : d.tags) {
        if (promises(*t)) promised.insert(t->rule);
        if (disclaims_onto_customer(*t)) disclaimed.insert(t->rule);
    }
    for (const auto& [ci, t] : d.tags)
        if ((promises(*t) && disclaimed.count(t->rule)) || (disclaims_onto_customer(*t) && promised.count(t->rule)))
            clauses.insert(ci);
    return !clauses.empty();
}

std::string holder_of(const DomainTags& d, ClauseSet& clauses) {
    if (find_conflict(d, clauses)) return "conflict";
    std::map<std::string, int> count;
    for (const auto& [ci, t] : d.tags) {
        if (!binds(*t) || !is_party(t->party)) continue;
        ++count[t->party];
        clauses.insert(ci);
    }
    int p = count["provider"], c = count["customer"], s = count["shared"];
    if (p + c + s == 0) return "unassigned";
    // A clear majority holds it: a domain that one party carries in nine
    // clauses is not "shared" because of one cross-reference to the other.
    if (s == 0 && 4 * c <= p) return "provider";
    if (s == 0 && 4 * p <= c) return "customer";
    return "shared";
}

std::string status_of(const MatrixCell& cell) {
    if (cell.baseline.empty()) return cell.holder == "unassigned" ? "silent" : "no-baseline";
    if (cell.holder == "unassigned") return "silent";
    if (cell.holder == cell.baseline || cell.holder == "shared") return "agrees";
    return "deviates";
}

}  // namespace

void build_matrix(const RulePack& pack, Analysis& analysis) {
    std::map<std::string, DomainTags> by_domain;
    for (std::size_t ci = 0; ci < analysis.clauses.size(); ++ci)
        for (const Tag& t : analysis.clauses[ci].tags) by_domain[t.domain].tags.push_back({ci, &t});
    const auto& baseline = pack.baseline();
    auto model = baseline.find(analysis.model);
    for (const std::string& domain : domain_ids()) {
        MatrixCell cell;
        if (model != baseline.end()) {
            auto b = model->second.find(domain);
            if (b != model->second.end()) cell.baseline = b->second;
        }
        ClauseSet clauses;
        cell.holder = holder_of(by_domain[domain], clauses);
        // Document order, as MatrixCell promises: Analysis::clauses is
        // parallel to Document::clauses, so index order is document order.
        for (std::size_t ci : clauses) cell.clauses.push_back(analysis.clauses[ci].clause_id);
        cell.status = status_of(cell);
        analysis.matrix[domain] = std::move(cell);
    }
}

namespace {

std::string list(const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < 5; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > 5) out += " and " + std::to_string(ids.size() - 5) + " more";
    return out;
}

void matrix_findings(const Analysis& a, std::vector<Finding>& out) {
    for (const auto& [domain, cell] : a.matrix) {
        if (cell.holder == "conflict") {
            out.push_back({"conflict", domain, Severity::high, cell.clauses,
                           domain + ": the provider commits to a control that another clause disclaims onto the customer (" +
                               list(cell.clauses) + ")",
                           {}});
        } else if (cell.status == "deviates") {
            bool onto_customer = cell.baseline == "provider";
            out.push_back({"deviation", domain, onto_customer ? Severity::high : Severity::info, cell.clauses,
                           domain + ": held by the " + cell.holder + ", where the " + a.model +
                               " model puts it on the " + cell.baseline + " (" + list(cell.clauses) + ")",
                           {}});
        } else if (cell.holder == "unassigned") {
            Severity s = cell.baseline == "provider" ? Severity::medium
                         : cell.baseline.empty()     ? (domain == "compliance" ? Severity::low : Severity::medium)
                                                     : Severity::low;
            std::string expected = cell.baseline.empty() ? "each party answers for its own side"
                                                         : "the " + a.model + " model expects the " + cell.baseline;
            out.push_back({"gap", domain, s, {},
                           domain + ": no clause says who is responsible (" + expected +
                               "): a gray area to clarify before signing",
                           {}});
        }
    }
}

// Weak wording and carve-outs, clause by clause.
void tag_findings(const Analysis& a, std::vector<Finding>& out) {
    for (const ClauseAnalysis& ca : a.clauses) {
        for (const Tag& t : ca.tags) {
            const MatrixCell& cell = a.matrix.at(t.domain);
            bool provider_side = cell.baseline == "provider" || t.domain == "availability" || t.domain == "incident";
            if (provider_side && t.party == "provider" && (t.modality == "efforts" || t.modality == "permission")) {
                bool efforts = t.modality == "efforts";
                out.push_back({"weak", t.domain, efforts ? Severity::medium : Severity::low, {ca.clause_id},
                               t.domain + ": the provider only " + (efforts ? "promises efforts" : "has an option") +
                                   " (\"" + t.modality_evidence.text + "\" in " + ca.clause_id + ")",
                               {t.modality_evidence}});
            } else if (provider_side && t.party == "customer" && t.modality == "disclaimer") {
                out.push_back({"weak", t.domain, Severity::medium, {ca.clause_id},
                               t.domain + ": a disclaimer leaves it with the customer (\"" + t.modality_evidence.text +
                                   "\" in " + ca.clause_id + ")",
                               {t.modality_evidence}});
            }
            if (t.party == "provider" && (t.modality == "obligation" || t.modality == "prohibition")) {
                for (const Carveout& c : t.carveouts) {
                    std::string msg = t.domain + ": the provider's commitment in " + ca.clause_id + " is limited: \"" +
                                      c.evidence.text + "\"";
                    std::vector<std::string> clauses{ca.clause_id};
                    if (!c.refers_to.empty()) {
                        msg += " (see " + c.refers_to + ")";
                        clauses.push_back(c.refers_to);
                    }
                    out.push_back({"carve-out", t.domain, Severity::low, clauses, msg, {c.evidence}});
                }
            }
        }
    }
}

}  // namespace

void find_findings(const Document& doc, Analysis& analysis) {
    std::vector<Finding> out;
    matrix_findings(analysis, out);
    tag_findings(analysis, out);
    std::map<std::string, std::size_t> order;
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) order.emplace(doc.clauses[i].id, i);
    auto first_clause = [&](const Finding& f) {
        return f.clauses.empty() ? std::size_t{0} : order[f.clauses.front()];
    };
    std::stable_sort(out.begin(), out.end(), [&](const Finding& x, const Finding& y) {
        if (x.severity != y.severity) return x.severity > y.severity;
        return first_clause(x) < first_clause(y);
    });
    analysis.findings = std::move(out);
}

}  // namespace onus::analysis
