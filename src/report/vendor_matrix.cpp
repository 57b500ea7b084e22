// `onus matrix`: several agreements side by side, one column per vendor.
// Building the matrix (who holds each domain, the SLA numbers, where the
// vendors differ and who offers the customer most), and its text, JSON
// (onus.matrix/1) and CSV forms. The HTML page is vendor_matrix_html.cpp.
#include "onus/vendor_matrix.hpp"
#include "report/naming.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "onus/error.hpp"
#include "onus/patterns.hpp"
#include "onus/quantity.hpp"
#include "onus/report_formats.hpp"
#include "onus/text.hpp"
#include "report/json.hpp"

namespace onus {
namespace {

// The metrics in the order analysis.hpp lists them: the order a reader of
// an SLA expects (availability, then credits, then notices and support).
const std::vector<std::string>& metric_order() {
    static const std::vector<std::string> order{
        "uptime",         "measurement-period",  "maintenance-notice", "service-credit", "credit-cap",
        "claim-deadline", "notification-window", "support-response",   "support-hours",  "backup-frequency",
        "retention",      "deletion-period",     "termination-threshold"};
    return order;
}

// Which way the customer wants a metric to go: onus::customer_favours_larger,
// the same choice the differ makes, so that `matrix` and `diff` agree: more
// uptime, credit, time to claim, notice, support and backups; shorter
// notification, response and deletion, a shorter measurement period (a bad
// week is not averaged away over a quarter) and a termination right that
// needs fewer failing months.
std::string better_direction(const std::string& metric) {
    int favours = customer_favours_larger(metric);
    return favours > 0 ? "higher" : favours < 0 ? "lower" : "";
}

std::string file_stem(const std::string& path) {
    std::string stem = std::filesystem::path(path).stem().string();
    return stem.empty() ? path : stem;
}

std::string default_name(const Document& doc) {
    std::string label = report::provider_label(doc);
    return label.empty() ? doc.path : label;
}

// Two versions of one vendor's agreement share a provider name: the file
// tells them apart, and a counter when even that repeats.
void name_vendors(std::vector<VendorColumn>& vendors) {
    for (VendorColumn& v : vendors)
        if (v.vendor.empty()) v.vendor = default_name(*v.doc);
    std::map<std::string, int> count;
    for (const VendorColumn& v : vendors) ++count[v.vendor];
    for (VendorColumn& v : vendors)
        if (count[v.vendor] > 1) v.vendor += " [" + file_stem(v.doc->path) + "]";
    std::map<std::string, int> seen;
    for (VendorColumn& v : vendors) {
        int n = ++seen[v.vendor];
        if (n > 1) v.vendor += " #" + std::to_string(n);
    }
}

std::string clause_text(const Document& doc, const std::string& id) {
    for (const Clause& c : doc.clauses)
        if (c.id == id) return c.text.empty() ? c.heading : c.text;
    return "";
}

VendorRow domain_row(const std::string& domain, const std::vector<VendorColumn>& vendors) {
    VendorRow row{domain, {}, false};
    for (const VendorColumn& v : vendors) {
        auto it = v.analysis->matrix.find(domain);
        VendorCell cell;
        if (it == v.analysis->matrix.end()) {
            cell.holder = "unassigned";
            cell.status = "silent";
        } else {
            cell.holder = it->second.holder;
            cell.baseline = it->second.baseline;
            cell.status = it->second.status;
            cell.clauses = it->second.clauses;
        }
        if (!cell.clauses.empty()) cell.quote = clause_text(*v.doc, cell.clauses.front());
        row.cells.push_back(std::move(cell));
    }
    for (const VendorCell& c : row.cells) row.differs = row.differs || c.holder != row.cells.front().holder;
    return row;
}

bool same_value(const Quantity& a, const Quantity& b) {
    if (a.per != b.per) return false;
    Comparison c = compare(a, b);
    if (c.order == Order::equal) return true;
    return c.order == Order::unordered && a.kind == b.kind && describe(a) == describe(b);
}

// +1 when a is better for the customer than b, -1 worse, 0 equal, nullopt
// when they cannot be ordered.
std::optional<int> favour(const Quantity& a, const Quantity& b, const std::string& better) {
    Comparison c = compare(a, b);
    if (c.order == Order::unordered) return std::nullopt;
    if (c.order == Order::equal) return 0;
    bool greater = c.order == Order::greater;
    return (greater == (better == "higher")) ? 1 : -1;
}

std::vector<std::size_t> best_of(const SlaRow& row) {
    std::vector<std::size_t> best;
    if (row.better.empty()) return best;
    for (std::size_t i = 0; i < row.values.size(); ++i) {
        if (!row.values[i]) continue;
        bool top = true, beats_one = false;
        for (std::size_t j = 0; j < row.values.size() && top; ++j) {
            if (j == i || !row.values[j]) continue;
            std::optional<int> f = favour(row.values[i]->quantity, row.values[j]->quantity, row.better);
            if (!f || *f < 0) top = false;
            else if (*f > 0) beats_one = true;
        }
        if (top && beats_one) best.push_back(i);
    }
    return best;
}

// Metrics that measure a duty of the provider: a value in a clause that
// binds the customer ("Customer shall notify Provider without undue delay
// of any unauthorised use") is the customer's own duty, not the vendor's
// commitment, and is passed over while the provider commits to one.
bool provider_duty(const std::string& metric) {
    static const std::set<std::string> duties{"uptime",           "maintenance-notice", "notification-window",
                                              "support-response", "support-hours",      "backup-frequency",
                                              "retention",        "deletion-period"};
    return duties.count(metric) > 0;
}

// The clause binds the customer: every domain tag says so, or, untagged,
// its first binding does. The tags come first because they read each
// domain's own subject; the clause's first binding can take the object of
// a list item's verb ("(c) notify Provider ...") for its party.
bool binds_customer(const Analysis& a, const std::string& clause_id) {
    for (const ClauseAnalysis& c : a.clauses) {
        if (c.clause_id != clause_id) continue;
        if (c.tags.empty()) return c.party == "customer";
        return std::all_of(c.tags.begin(), c.tags.end(), [](const Tag& t) { return t.party == "customer"; });
    }
    return false;
}

// The vendor's first value of the metric (see provider_duty()); but
// "without undue delay and in any event within 48 hours" commits to the 48
// hours: an open limit followed by a fixed one of the same metric in the
// same clause gives way to it.
std::optional<SlaValue> first_value(const Analysis& a, const std::string& metric) {
    const std::vector<SlaValue>& sla = a.sla;
    auto is = [&](const SlaValue& s) { return s.metric == metric; };
    auto first = std::find_if(sla.begin(), sla.end(), is);
    if (first == sla.end()) return std::nullopt;
    if (provider_duty(metric)) {
        auto provider = std::find_if(first, sla.end(), [&](const SlaValue& s) {
            return is(s) && !binds_customer(a, s.clause_id);
        });
        if (provider != sla.end()) first = provider;
    }
    if (first->quantity.kind == QuantityKind::qualitative)
        for (auto it = std::next(first); it != sla.end() && it->clause_id == first->clause_id; ++it)
            if (is(*it) && it->quantity.kind != QuantityKind::qualitative) return *it;
    return *first;
}

SlaRow sla_row(const std::string& metric, const std::vector<VendorColumn>& vendors) {
    SlaRow row;
    row.metric = metric;
    row.better = better_direction(metric);
    for (const VendorColumn& v : vendors) row.values.push_back(first_value(*v.analysis, metric));
    const SlaValue* first = nullptr;
    for (const std::optional<SlaValue>& v : row.values) {
        if (!v) {
            row.differs = true;  // one vendor commits to it, another does not
            continue;
        }
        if (!first) first = &*v;
        else if (!same_value(first->quantity, v->quantity)) row.differs = true;
    }
    row.best = best_of(row);
    return row;
}

std::vector<std::string> sla_metrics(const std::vector<VendorColumn>& vendors) {
    std::vector<std::string> seen;
    for (const VendorColumn& v : vendors)
        for (const SlaValue& s : v.analysis->sla)
            if (std::find(seen.begin(), seen.end(), s.metric) == seen.end()) seen.push_back(s.metric);
    std::vector<std::string> out;
    for (const std::string& m : metric_order())
        if (std::find(seen.begin(), seen.end(), m) != seen.end()) out.push_back(m);
    for (const std::string& m : seen)
        if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    return out;
}

// ---- text -------------------------------------------------------------

// One line, at most `most` code points: document text can hold anything.
std::string flat(const std::string& text, std::size_t most) {
    std::string one = is_valid_utf8(text) ? text : sanitize_utf8(text);
    for (char& c : one)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
    if (count_code_points(one) <= most) return one;
    std::size_t cut = 0, points = 0;
    while (cut < one.size() && points < most - 3) {
        ++cut;
        while (cut < one.size() && (static_cast<unsigned char>(one[cut]) & 0xC0) == 0x80) ++cut;
        ++points;
    }
    return one.substr(0, cut) + "...";
}

// Padded by code points, not bytes, so that names with accents line up.
std::string pad(const std::string& text, std::size_t width) {
    std::size_t n = count_code_points(text);
    return n >= width ? text + " " : text + std::string(width - n, ' ');
}

std::string join_ids(const std::vector<std::string>& ids, const char* sep, std::size_t most = 6) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < most; ++i) out += (i ? sep : "") + ids[i];
    if (ids.size() > most) out += std::string(sep) + "+" + std::to_string(ids.size() - most);
    return out;
}

std::string value_text(const SlaValue& v) {
    return (v.quantity.bound.empty() ? "" : v.quantity.bound + " ") + describe(v.quantity);
}

bool is_best(const SlaRow& row, std::size_t i) { return std::find(row.best.begin(), row.best.end(), i) != row.best.end(); }

std::string column_label(std::size_t i) { return "[" + std::to_string(i + 1) + "]"; }

void text_vendors(const VendorMatrix& m, std::ostream& out) {
    out << "vendor matrix: " << m.vendors.size() << " agreement" << (m.vendors.size() == 1 ? "" : "s") << "\n\nvendors\n";
    for (std::size_t i = 0; i < m.vendors.size(); ++i) {
        const VendorColumn& v = m.vendors[i];
        out << "  " << pad(column_label(i), 5) << flat(v.vendor, 60) << "  " << flat(v.doc->path, 80) << "  model "
            << (v.analysis->model.empty() ? "none" : v.analysis->model)
            << (v.analysis->model_guessed ? " (guessed)" : "") << '\n';
    }
}

void text_domains(const VendorMatrix& m, std::ostream& out) {
    constexpr std::size_t kDomain = 18, kCell = 12;
    out << "\nresponsibility by domain (* the vendors differ)\n    " << pad("domain", kDomain);
    for (std::size_t i = 0; i < m.vendors.size(); ++i) out << pad(column_label(i), kCell);
    out << '\n';
    for (const VendorRow& r : m.domains) {
        out << (r.differs ? "  * " : "    ") << pad(r.domain, kDomain);
        for (const VendorCell& c : r.cells) out << pad(c.holder, kCell);
        out << '\n';
    }
    bool any = std::any_of(m.domains.begin(), m.domains.end(), [](const VendorRow& r) { return r.differs; });
    if (!any) return;
    out << "\nwhere the vendors differ\n";
    for (const VendorRow& r : m.domains) {
        if (!r.differs) continue;
        out << "  " << r.domain << '\n';
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            const VendorCell& c = r.cells[i];
            out << "    " << pad(column_label(i), 5) << pad(c.holder, kCell)
                << (c.clauses.empty() ? "-" : join_ids(c.clauses, ", ", 6)) << '\n';
            if (!c.quote.empty()) out << "         \"" << flat(c.quote, 110) << "\"\n";
        }
    }
}

void text_sla(const VendorMatrix& m, std::ostream& out) {
    out << "\nSLA numbers (" << m.sla.size() << " metrics; * the vendors differ, + most favourable to the customer)\n";
    if (m.sla.empty()) {
        out << "  none of the agreements commits to a number onus recognises\n";
        return;
    }
    constexpr std::size_t kMetric = 24, kMost = 30;
    std::size_t width = 8;
    for (const SlaRow& r : m.sla)
        for (const std::optional<SlaValue>& v : r.values)
            if (v) width = std::max(width, std::min(count_code_points(flat(value_text(*v), kMost)) + 4, kMost + 4));
    out << "    " << pad("metric", kMetric);
    for (std::size_t i = 0; i < m.vendors.size(); ++i) out << pad(column_label(i), width);
    out << '\n';
    for (const SlaRow& r : m.sla) {
        out << (r.differs ? "  * " : "    ") << pad(r.metric, kMetric);
        for (std::size_t i = 0; i < r.values.size(); ++i) {
            std::string cell = r.values[i] ? flat(value_text(*r.values[i]), kMost) : "-";
            if (is_best(r, i)) cell += " +";
            out << pad(cell, width);
        }
        out << '\n';
    }
}

// ---- JSON -------------------------------------------------------------

Json nullable(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json vendor_json(std::size_t index, const VendorColumn& v) {
    Json parties = Json::object();
    for (const Party& p : v.doc->parties)
        if (!p.role.empty()) parties[p.role] = p.name;
    std::size_t high = 0;
    for (const Finding& f : v.analysis->findings) high += f.severity == Severity::high;
    return {{"index", index},
            {"vendor", v.vendor},
            {"path", v.doc->path},
            {"format", v.doc->format},
            {"title", v.doc->title},
            {"parties", parties},
            {"model", nullable(v.analysis->model)},
            {"model_guessed", v.analysis->model_guessed},
            {"findings", v.analysis->findings.size()},
            {"high_findings", high}};
}

Json sla_value_json(const std::optional<SlaValue>& v) {
    if (!v) return nullptr;
    return {{"clause", v->clause_id},
            {"quantity", quantity_json(v->quantity)},
            {"sole_remedy", v->sole_remedy},
            {"evidence", v->evidence.text}};
}

Json matrix_json(const VendorMatrix& m) {
    Json root = Json::object();
    root["schema"] = "onus.matrix/1";
    Json vendors = Json::array();
    for (std::size_t i = 0; i < m.vendors.size(); ++i) vendors.push_back(vendor_json(i, m.vendors[i]));
    root["vendors"] = vendors;

    Json domains = Json::array();
    for (const VendorRow& r : m.domains) {
        Json cells = Json::array();
        for (const VendorCell& c : r.cells)
            cells.push_back({{"holder", c.holder},
                             {"baseline", nullable(c.baseline)},
                             {"status", c.status},
                             {"clauses", c.clauses},
                             {"text", nullable(c.quote)}});
        domains.push_back({{"domain", r.domain}, {"differs", r.differs}, {"cells", cells}});
    }
    root["domains"] = domains;

    Json sla = Json::array();
    for (const SlaRow& r : m.sla) {
        Json values = Json::array();
        for (const std::optional<SlaValue>& v : r.values) values.push_back(sla_value_json(v));
        sla.push_back({{"metric", r.metric},
                       {"better", nullable(r.better)},
                       {"differs", r.differs},
                       {"best", r.best},
                       {"values", values}});
    }
    root["sla"] = sla;

    std::size_t differing = 0, sla_differing = 0;
    for (const VendorRow& r : m.domains) differing += r.differs;
    for (const SlaRow& r : m.sla) sla_differing += r.differs;
    root["summary"] = {{"vendors", m.vendors.size()},
                       {"domains_differing", differing},
                       {"sla_metrics", m.sla.size()},
                       {"sla_differing", sla_differing}};
    return root;
}

// ---- CSV --------------------------------------------------------------

void csv_row(std::ostream& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
}

}  // namespace

VendorMatrix build_vendor_matrix(std::vector<VendorColumn> vendors) {
    for (const VendorColumn& v : vendors)
        if (!v.doc || !v.analysis)
            throw Error(ErrorCode::internal, "vendor matrix", "a column without its document or analysis");
    name_vendors(vendors);
    VendorMatrix m;
    for (const std::string& domain : domain_ids()) m.domains.push_back(domain_row(domain, vendors));
    for (const std::string& metric : sla_metrics(vendors)) m.sla.push_back(sla_row(metric, vendors));
    m.vendors = std::move(vendors);
    return m;
}

void write_vendor_matrix_text(const VendorMatrix& m, std::ostream& out) {
    text_vendors(m, out);
    text_domains(m, out);
    text_sla(m, out);
}

void write_vendor_matrix_json(const VendorMatrix& m, std::ostream& out) { write_json(matrix_json(m), out); }

void write_vendor_matrix_csv(const VendorMatrix& m, std::ostream& out) {
    csv_row(out, {"record", "key", "differs", "vendor_index", "vendor", "document", "holder", "baseline", "status",
                  "clauses", "value", "bound", "clause", "best"});
    for (const VendorRow& r : m.domains)
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            const VendorCell& c = r.cells[i];
            std::string ids;
            for (const std::string& id : c.clauses) ids += (ids.empty() ? "" : ";") + id;
            csv_row(out, {"domain", r.domain, r.differs ? "yes" : "no", std::to_string(i + 1), m.vendors[i].vendor,
                          m.vendors[i].doc->path, c.holder, c.baseline, c.status, ids, "", "", "", ""});
        }
    for (const SlaRow& r : m.sla)
        for (std::size_t i = 0; i < r.values.size(); ++i) {
            const std::optional<SlaValue>& v = r.values[i];
            csv_row(out, {"sla", r.metric, r.differs ? "yes" : "no", std::to_string(i + 1), m.vendors[i].vendor,
                          m.vendors[i].doc->path, "", "", "", "", v ? describe(v->quantity) : "",
                          v ? v->quantity.bound : "", v ? v->clause_id : "", is_best(r, i) ? "yes" : ""});
        }
}

}  // namespace onus
