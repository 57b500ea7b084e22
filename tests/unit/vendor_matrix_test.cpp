// The multi-vendor matrix: Northwind v1 against v2 (same vendor, different
// SLA), then two real agreements from the shared corpus; every writer's
// output parsed back (JSON, strict RFC 4180 CSV, HTML as XML) and a hostile
// vendor name escaped everywhere.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/error.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "onus/vendor_matrix.hpp"
#include "csv_reader.hpp"
#include "support.hpp"

namespace {

const onus::RulePack& pack() {
    static const onus::RulePack p = onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

struct Scanned {
    onus::Document doc;
    onus::Analysis analysis;
};

Scanned scan(const std::string& path) {
    Scanned s{onus::load(path), {}};
    s.analysis = onus::analyze(s.doc, pack());
    return s;
}

std::string sample(const std::string& name) { return (onus::test::source_dir() / "samples" / name).string(); }

std::vector<onus::VendorColumn> columns(const std::vector<Scanned>& scanned) {
    std::vector<onus::VendorColumn> out;
    for (const Scanned& s : scanned) out.push_back({&s.doc, &s.analysis, ""});
    return out;
}

const onus::SlaRow* row_of(const onus::VendorMatrix& m, const std::string& metric) {
    for (const onus::SlaRow& r : m.sla)
        if (r.metric == metric) return &r;
    return nullptr;
}

template <typename Writer>
std::string render(const onus::VendorMatrix& m, Writer write) {
    std::ostringstream out;
    write(m, out);
    return out.str();
}


// Parsed as XML; ids unique; every in-page link lands; nothing but our own
// script.
void parse_page(const std::string& page, pugi::xml_document& dom) {
    pugi::xml_parse_result parsed = dom.load_string(page.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
    INFO("offset " << parsed.offset << ": " << page.substr(parsed.offset > 80 ? parsed.offset - 80 : 0, 160));
    REQUIRE(parsed.status == pugi::status_ok);
    REQUIRE(std::string(dom.document_element().name()) == "html");
    std::set<std::string> ids;
    std::vector<std::string> hrefs;
    std::size_t scripts = 0;
    for (const pugi::xpath_node& x : dom.select_nodes("//*")) {
        pugi::xml_node n = x.node();
        if (pugi::xml_attribute id = n.attribute("id")) CHECK(ids.insert(id.value()).second);
        if (pugi::xml_attribute href = n.attribute("href")) hrefs.push_back(href.value());
        scripts += std::string(n.name()) == "script";
        for (const pugi::xml_attribute& a : n.attributes()) CHECK(std::string(a.name()).rfind("on", 0) != 0);
    }
    CHECK(scripts == 1);
    for (const std::string& href : hrefs) {
        INFO("href " << href);
        REQUIRE(href.size() > 1);
        CHECK(href[0] == '#');
        CHECK(ids.count(href.substr(1)) == 1);
    }
}

void check_consistent(const onus::VendorMatrix& m) {
    REQUIRE(m.domains.size() == 12);
    CHECK(m.domains.size() == onus::domain_ids().size());
    for (std::size_t d = 0; d < m.domains.size(); ++d) {
        const onus::VendorRow& r = m.domains[d];
        CHECK(r.domain == onus::domain_ids()[d]);
        REQUIRE(r.cells.size() == m.vendors.size());
        std::set<std::string> holders;
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            holders.insert(r.cells[i].holder);
            const onus::MatrixCell& source = m.vendors[i].analysis->matrix.at(r.domain);
            CHECK(r.cells[i].holder == source.holder);
            CHECK(r.cells[i].clauses == source.clauses);
            CHECK(r.cells[i].quote.empty() == source.clauses.empty());
        }
        INFO("domain " << r.domain);
        CHECK(r.differs == (holders.size() > 1));
    }
    for (const onus::SlaRow& r : m.sla) {
        REQUIRE(r.values.size() == m.vendors.size());
        bool stated = false;
        for (std::size_t i = 0; i < r.values.size(); ++i) {
            if (!r.values[i]) continue;
            stated = true;
            CHECK(r.values[i]->metric == r.metric);
            // The first value of the metric in that vendor's analysis (in a
            // clause not binding the customer, for a provider's duty), or a
            // fixed limit after an open one in the same clause.
            const onus::Analysis& a = *m.vendors[i].analysis;
            auto binds_customer = [&](const std::string& id) {
                for (const onus::ClauseAnalysis& c : a.clauses)
                    if (c.clause_id == id)
                        return !c.tags.empty() && std::all_of(c.tags.begin(), c.tags.end(), [](const onus::Tag& t) {
                                   return t.party == "customer";
                               });
                return false;
            };
            auto first = std::find_if(a.sla.begin(), a.sla.end(), [&](const onus::SlaValue& v) {
                static const std::set<std::string> duties{"uptime",           "maintenance-notice", "notification-window",
                                                          "support-response", "support-hours",      "backup-frequency",
                                                          "retention",        "deletion-period"};
                return v.metric == r.metric && !(duties.count(r.metric) && binds_customer(v.clause_id));
            });
            if (first == a.sla.end())  // only the customer's own duties: the first of them
                first = std::find_if(a.sla.begin(), a.sla.end(), [&](const onus::SlaValue& v) { return v.metric == r.metric; });
            REQUIRE(first != a.sla.end());
            CHECK(first->clause_id == r.values[i]->clause_id);
            if (first->quantity.start != r.values[i]->quantity.start) {
                CHECK(first->quantity.kind == onus::QuantityKind::qualitative);
                CHECK(r.values[i]->quantity.kind != onus::QuantityKind::qualitative);
                CHECK(r.values[i]->quantity.start > first->quantity.start);
            }
        }
        CHECK(stated);
        for (std::size_t b : r.best) {
            REQUIRE(b < r.values.size());
            CHECK(r.values[b].has_value());
        }
        if (!r.best.empty()) CHECK(r.differs);
    }
    std::set<std::string> names;
    for (const onus::VendorColumn& v : m.vendors) CHECK(names.insert(v.vendor).second);
}

void check_writers(const onus::VendorMatrix& m) {
    nlohmann::json j = nlohmann::json::parse(render(m, onus::write_vendor_matrix_json));
    CHECK(j["schema"] == "onus.matrix/1");
    REQUIRE(j["vendors"].size() == m.vendors.size());
    REQUIRE(j["domains"].size() == 12);
    REQUIRE(j["sla"].size() == m.sla.size());
    for (std::size_t d = 0; d < 12; ++d) {
        CHECK(j["domains"][d]["domain"] == m.domains[d].domain);
        CHECK(j["domains"][d]["differs"] == m.domains[d].differs);
        REQUIRE(j["domains"][d]["cells"].size() == m.vendors.size());
    }

    auto rows = onus::test::read_csv(render(m, onus::write_vendor_matrix_csv));
    REQUIRE(rows.size() == 1 + m.vendors.size() * (12 + m.sla.size()));
    CHECK(rows[0][0] == "record");
    for (const auto& row : rows) CHECK(row.size() == rows[0].size());

    std::string text = render(m, onus::write_vendor_matrix_text);
    for (const onus::VendorRow& r : m.domains) CHECK(text.find(r.domain) != std::string::npos);

    pugi::xml_document dom;
    parse_page(render(m, onus::write_vendor_matrix_html), dom);
    for (const onus::VendorRow& r : m.domains) {
        pugi::xml_node tr = dom.find_node([&](const pugi::xml_node& n) {
            return std::string(n.name()) == "tr" && std::string(n.attribute("data-differs").value()).size() &&
                   n.child("th").text().get() == r.domain;
        });
        REQUIRE(tr);
        CHECK(std::string(tr.attribute("data-differs").value()) == (r.differs ? "yes" : "no"));
        CHECK(std::string(tr.attribute("class").value()) == (r.differs ? "differs" : ""));
    }
}

}  // namespace

TEST_CASE("vendor matrix: northwind v1 against v2", "[report][matrix]") {
    std::vector<Scanned> scanned;
    scanned.push_back(scan(sample("northwind-csa.md")));
    scanned.push_back(scan(sample("northwind-csa-v2.md")));
    onus::VendorMatrix m = onus::build_vendor_matrix(columns(scanned));
    check_consistent(m);
    check_writers(m);

    // One vendor, two versions: the names are told apart by file.
    REQUIRE(m.vendors.size() == 2);
    CHECK(m.vendors[0].vendor != m.vendors[1].vendor);
    CHECK(m.vendors[0].vendor.find("northwind-csa]") != std::string::npos);
    CHECK(m.vendors[1].vendor.find("northwind-csa-v2]") != std::string::npos);

    const onus::SlaRow* uptime = row_of(m, "uptime");
    REQUIRE(uptime);
    REQUIRE(uptime->values[0]);
    REQUIRE(uptime->values[1]);
    CHECK(uptime->values[0]->quantity.value == Approx(99.9));
    CHECK(uptime->values[1]->quantity.value == Approx(99.5));
    CHECK(uptime->differs);
    CHECK(uptime->better == "higher");
    CHECK(uptime->best == std::vector<std::size_t>{0});

    // "without undue delay and in any event within 48 hours" became 72
    // hours: the fixed limit is compared, and shorter is better.
    const onus::SlaRow* notice = row_of(m, "notification-window");
    REQUIRE(notice);
    REQUIRE(notice->values[0]);
    REQUIRE(notice->values[1]);
    CHECK(onus::describe(notice->values[0]->quantity) == "48 hours");
    CHECK(onus::describe(notice->values[1]->quantity) == "72 hours");
    CHECK(notice->differs);
    CHECK(notice->better == "lower");
    CHECK(notice->best == std::vector<std::size_t>{0});

    // A metric both versions state alike neither differs nor has a best.
    for (const onus::SlaRow& r : m.sla) {
        if (r.values[0] && r.values[1] && onus::compare(r.values[0]->quantity, r.values[1]->quantity).order ==
                                               onus::Order::equal) {
            INFO(r.metric);
            CHECK(!r.differs);
            CHECK(r.best.empty());
        }
    }

    std::string text = render(m, onus::write_vendor_matrix_text);
    CHECK(text.find("* uptime") != std::string::npos);
    CHECK(text.find("99.9% +") != std::string::npos);

    // The same agreement twice: nothing differs, no best anywhere.
    std::vector<onus::VendorColumn> same{{&scanned[0].doc, &scanned[0].analysis, ""},
                                         {&scanned[0].doc, &scanned[0].analysis, ""}};
    onus::VendorMatrix twin = onus::build_vendor_matrix(same);
    check_consistent(twin);
    CHECK(twin.vendors[1].vendor.size() > twin.vendors[0].vendor.size());  // " #2"
    for (const onus::VendorRow& r : twin.domains) CHECK(!r.differs);
    for (const onus::SlaRow& r : twin.sla) {
        CHECK(!r.differs);
        CHECK(r.best.empty());
    }
}

TEST_CASE("vendor matrix: northwind against two real agreements", "[report][matrix][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared not found: skipping the corpus vendor matrix");
        return;
    }
    auto agreements = onus::test::shared_dir() / "corpus" / "agreements";
    std::vector<Scanned> scanned;
    scanned.push_back(scan(sample("northwind-csa.md")));
    scanned.push_back(scan((agreements / "github-enterprise-cloud-sla" / "v-20210111-097ecdd.md").string()));
    scanned.push_back(scan((agreements / "commonpaper-cloud-service-agreement" / "v-20241105-aaaa282-v2.1.md").string()));
    scanned.push_back(scan(sample("northwind-csa-v2.md")));
    onus::VendorMatrix m = onus::build_vendor_matrix(columns(scanned));
    check_consistent(m);
    check_writers(m);
    REQUIRE(m.vendors.size() == 4);

    std::size_t differing = 0;
    for (const onus::VendorRow& r : m.domains) differing += r.differs;
    CHECK(differing > 0);  // an SLA, a cloud agreement and Northwind do not assign alike

    // GitHub's SLA commits to uptime: 99.9%, equal to Northwind v1, so v1
    // and GitHub tie at the top against v2's 99.5% where all three state it.
    const onus::SlaRow* uptime = row_of(m, "uptime");
    REQUIRE(uptime);
    REQUIRE(uptime->values[1]);
    CHECK(uptime->differs);
    CHECK(std::find(uptime->best.begin(), uptime->best.end(), 3) == uptime->best.end());
    CHECK(std::find(uptime->best.begin(), uptime->best.end(), 0) != uptime->best.end());
}

TEST_CASE("vendor matrix: hostile vendor names are escaped in every format", "[report][matrix][hostile]") {
    std::vector<Scanned> scanned;
    scanned.push_back(scan(sample("northwind-csa.md")));
    scanned.push_back(scan(sample("northwind-csa-v2.md")));
    const std::string evil = "=HYPERLINK(\"x\"),</td><script>alert(1)</script>&amp;\"'\r\n]]><!--";
    std::vector<onus::VendorColumn> cols = columns(scanned);
    cols[0].vendor = evil;
    scanned[1].doc.path = "<img src=x onerror=alert(2)>.md";
    onus::VendorMatrix m = onus::build_vendor_matrix(cols);
    REQUIRE(m.vendors[0].vendor == evil);  // a given name is kept as given

    std::string page = render(m, onus::write_vendor_matrix_html);
    pugi::xml_document dom;
    parse_page(page, dom);
    CHECK(page.find("<script>alert") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("onerror=alert(2)>") == std::string::npos);
    // The name is on the page as text, decoded back to itself (CR LF aside:
    // XML normalises line ends).
    bool found = false;
    for (const pugi::xpath_node& x : dom.select_nodes("//td[@class='vendor-name']"))
        found = found || std::string(x.node().text().get()).find("</td><script>alert(1)</script>&amp;\"'") !=
                             std::string::npos;
    CHECK(found);

    nlohmann::json j = nlohmann::json::parse(render(m, onus::write_vendor_matrix_json));
    CHECK(j["vendors"][0]["vendor"] == evil);

    auto rows = onus::test::read_csv(render(m, onus::write_vendor_matrix_csv));
    for (const auto& row : rows) CHECK(row.size() == rows[0].size());
    CHECK(rows[1][4] == "'" + evil);  // a formula start is neutralised, the rest kept

    std::string text = render(m, onus::write_vendor_matrix_text);
    CHECK(text.find('\r') == std::string::npos);  // one line per vendor
}

TEST_CASE("vendor matrix: a column without its analysis is refused", "[report][matrix]") {
    onus::Document doc;
    std::vector<onus::VendorColumn> cols{{&doc, nullptr, ""}};
    CHECK_THROWS_AS(onus::build_vendor_matrix(cols), onus::Error);
    onus::VendorMatrix empty = onus::build_vendor_matrix({});
    CHECK(empty.domains.size() == 12);
    CHECK(empty.sla.empty());
    nlohmann::json j = nlohmann::json::parse(render(empty, onus::write_vendor_matrix_json));
    CHECK(j["vendors"].empty());
    pugi::xml_document dom;
    parse_page(render(empty, onus::write_vendor_matrix_html), dom);
}
