// OSCAL and CAIQ writers (onus/report_grc.hpp): the OSCAL component
// definition checked against the OSCAL 1.1.2 model for the objects it
// emits (closed key sets, required keys, UUID and token formats, roles
// defined in metadata) and against the matrix it comes from; the CAIQ sheet
// read back by a strict RFC 4180 reader.
#include "onus/report_grc.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "csv_reader.hpp"
#include "support.hpp"

namespace {

using nlohmann::json;

const onus::RulePack& pack() {
    static const onus::RulePack p =
        onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

struct Scanned {
    onus::Document doc;
    onus::Analysis analysis;
};

Scanned scan(const std::string& name) {
    Scanned r{onus::load((onus::test::source_dir() / "samples" / name).string()), {}};
    r.analysis = onus::analyze(r.doc, pack());
    return r;
}

const Scanned& northwind() {
    static const Scanned s = scan("northwind-csa.md");
    return s;
}

std::string oscal_text(const Scanned& s, const onus::OscalOptions& options = {}) {
    std::ostringstream out;
    onus::write_analysis_oscal(s.doc, s.analysis, out, options);
    return out.str();
}

std::string caiq_text(const onus::Document& doc, const onus::Analysis& a) {
    std::ostringstream out;
    onus::write_analysis_caiq(doc, a, out);
    return out.str();
}

// ---------------------------------------------------------------------------
// The OSCAL 1.1.2 component-definition model, for the objects the writer
// emits (oscal_component_schema.json, release 1.1.2): each object's allowed
// and required keys. Every object is closed in OSCAL's JSON schema.
struct Shape {
    std::set<std::string> allowed;
    std::set<std::string> required;
};

const std::map<std::string, Shape>& shapes() {
    static const std::map<std::string, Shape> s = {
        {"component-definition",
         {{"uuid", "metadata", "import-component-definitions", "components", "capabilities", "back-matter"},
          {"uuid", "metadata"}}},
        {"metadata",
         {{"title", "published", "last-modified", "version", "oscal-version", "revisions", "document-ids", "props",
           "links", "roles", "locations", "parties", "responsible-parties", "actions", "remarks"},
          {"title", "last-modified", "version", "oscal-version"}}},
        {"role", {{"id", "title", "short-name", "description", "props", "links", "remarks"}, {"id", "title"}}},
        {"component",
         {{"uuid", "type", "title", "description", "purpose", "props", "links", "responsible-roles", "protocols",
           "control-implementations", "remarks"},
          {"uuid", "type", "title", "description"}}},
        {"control-implementation",
         {{"uuid", "source", "description", "props", "links", "set-parameters", "implemented-requirements"},
          {"uuid", "source", "description", "implemented-requirements"}}},
        {"implemented-requirement",
         {{"uuid", "control-id", "description", "props", "links", "set-parameters", "responsible-roles",
           "statements", "remarks"},
          {"uuid", "control-id", "description"}}},
        {"property", {{"name", "uuid", "ns", "value", "class", "group", "remarks"}, {"name", "value"}}},
        {"responsible-role", {{"role-id", "props", "links", "party-uuids", "remarks"}, {"role-id"}}},
    };
    return s;
}

void check_shape(const json& j, const std::string& type) {
    INFO(type << ": " << j.dump());
    REQUIRE(j.is_object());
    const Shape& s = shapes().at(type);
    for (const auto& [key, value] : j.items()) {
        CHECK(s.allowed.count(key) == 1);
        // OSCAL arrays have minItems 1: an empty one is invalid.
        if (value.is_array()) CHECK(!value.empty());
    }
    for (const std::string& key : s.required) CHECK(j.contains(key));
}

// OSCAL's datatypes, as its JSON schema writes them.
const std::regex uuid_re("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$");
const std::regex token_re("^[A-Za-z_][A-Za-z0-9.\\-_]*$");  // NCName, ASCII letters being enough here
const std::regex string_re("^\\S(.*\\S)?$");
const std::regex datetime_re("^(19|2[0-9])[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
                             "(Z|[+-][01][0-9]:[0-5][0-9])$");
const std::regex v5_re("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

bool matches(const json& j, const std::regex& re) {
    return j.is_string() && std::regex_match(j.get<std::string>(), re);
}

void check_props(const json& props) {
    for (const json& p : props) {
        check_shape(p, "property");
        CHECK(matches(p["name"], token_re));
        CHECK(matches(p["value"], string_re));
        CHECK(p["ns"] == "https://onus.example/ns");
    }
}

// Walks the whole definition: shapes, datatypes, and every role-id defined
// in metadata.roles. Returns the implemented requirements.
json check_oscal(const json& root) {
    REQUIRE(root.is_object());
    REQUIRE(root.size() == 1);
    const json& cd = root.at("component-definition");
    check_shape(cd, "component-definition");
    CHECK(matches(cd["uuid"], v5_re));

    const json& md = cd["metadata"];
    check_shape(md, "metadata");
    CHECK(md["oscal-version"] == "1.1.2");
    CHECK(matches(md["version"], string_re));
    CHECK(matches(md["last-modified"], datetime_re));
    CHECK(matches(md["title"], string_re));
    std::set<std::string> roles;
    for (const json& r : md["roles"]) {
        check_shape(r, "role");
        CHECK(matches(r["id"], token_re));
        roles.insert(r["id"].get<std::string>());
    }
    CHECK(roles == std::set<std::string>{"provider", "customer"});

    REQUIRE(cd["components"].size() == 1);
    const json& comp = cd["components"][0];
    check_shape(comp, "component");
    CHECK(matches(comp["uuid"], v5_re));
    CHECK(comp["type"] == "service");
    CHECK(matches(comp["title"], string_re));
    if (comp.contains("props")) check_props(comp["props"]);
    REQUIRE(comp["control-implementations"].size() == 1);
    const json& ci = comp["control-implementations"][0];
    check_shape(ci, "control-implementation");
    CHECK(matches(ci["uuid"], v5_re));
    CHECK(ci["source"] == "onus:responsibility-model");

    std::set<std::string> uuids{cd["uuid"].get<std::string>(), comp["uuid"].get<std::string>(),
                                ci["uuid"].get<std::string>()};
    for (const json& ir : ci["implemented-requirements"]) {
        check_shape(ir, "implemented-requirement");
        CHECK(matches(ir["uuid"], v5_re));
        CHECK(matches(ir["control-id"], token_re));
        CHECK(!ir["description"].get<std::string>().empty());
        check_props(ir["props"]);
        if (ir.contains("responsible-roles"))
            for (const json& r : ir["responsible-roles"]) {
                check_shape(r, "responsible-role");
                CHECK(roles.count(r["role-id"].get<std::string>()) == 1);
            }
        uuids.insert(ir["uuid"].get<std::string>());
    }
    CHECK(uuids.size() == 3 + ci["implemented-requirements"].size());  // all distinct
    return ci["implemented-requirements"];
}

std::string prop_value(const json& ir, const std::string& name) {
    for (const json& p : ir["props"])
        if (p["name"] == name) return p["value"];
    return "<missing>";
}

std::set<std::string> role_ids(const json& ir) {
    std::set<std::string> out;
    if (ir.contains("responsible-roles"))
        for (const json& r : ir["responsible-roles"]) out.insert(r["role-id"].get<std::string>());
    return out;
}

std::set<std::string> expected_roles(const std::string& holder) {
    if (holder == "provider") return {"provider"};
    if (holder == "customer") return {"customer"};
    if (holder == "shared" || holder == "conflict") return {"provider", "customer"};
    return {};
}


const char* expected_ownership(const std::string& holder) {
    if (holder == "provider") return "CSP-owned";
    if (holder == "customer") return "CSC-owned";
    if (holder == "shared") return "Shared CSP and CSC";
    if (holder == "conflict") return "Conflicting";
    return "Unassigned";
}

// A hand-made analysis: every domain unassigned but the ones given.
onus::Analysis synthetic(const std::map<std::string, onus::MatrixCell>& cells, const std::string& model) {
    onus::Analysis a;
    a.model = model;
    for (const std::string& d : onus::domain_ids()) a.matrix[d] = {"unassigned", "", "silent", {}};
    for (const auto& [d, c] : cells) a.matrix[d] = c;
    return a;
}

}  // namespace

TEST_CASE("OSCAL: a component definition of the OSCAL 1.1.2 model, one requirement per domain", "[report][oscal]") {
    const Scanned& s = northwind();
    json root = json::parse(oscal_text(s));
    json reqs = check_oscal(root);
    REQUIRE(reqs.size() == 12);
    const json& comp = root["component-definition"]["components"][0];
    CHECK(comp["title"] == "Northwind Cloud, Inc.");

    std::size_t i = 0;
    for (const std::string& domain : onus::domain_ids()) {
        INFO(domain);
        const onus::MatrixCell& cell = s.analysis.matrix.at(domain);
        const json& ir = reqs[i++];
        CHECK(ir["control-id"] == "onus-" + domain);
        CHECK(prop_value(ir, "responsibility") == cell.holder);
        CHECK(prop_value(ir, "baseline") == (cell.baseline.empty() ? "none" : cell.baseline));
        CHECK(prop_value(ir, "status") == cell.status);
        CHECK(role_ids(ir) == expected_roles(cell.holder));
        if (cell.clauses.empty()) {
            CHECK(!ir.contains("remarks"));
        } else {
            std::string remarks = "clauses: ";
            for (std::size_t k = 0; k < cell.clauses.size(); ++k) remarks += (k ? ", " : "") + cell.clauses[k];
            CHECK(ir["remarks"] == remarks);
            // The description names the clauses too: a reader of the
            // description alone sees why.
            CHECK(ir["description"].get<std::string>().find(cell.clauses.front()) != std::string::npos);
        }
    }
    // The sample has every kind of holder the roles depend on.
    std::set<std::string> holders;
    for (const auto& [d, c] : s.analysis.matrix) holders.insert(c.holder);
    CHECK(holders == std::set<std::string>{"provider", "customer", "shared", "unassigned", "conflict"});
}

TEST_CASE("OSCAL: same input, same bytes; the document uuid follows the content, the others the subject",
          "[report][oscal]") {
    const Scanned& s = northwind();
    const std::string first = oscal_text(s);
    CHECK(oscal_text(s) == first);
    Scanned again = scan("northwind-csa.md");  // a fresh load and analysis
    CHECK(oscal_text(again) == first);

    // A date changes the date only.
    json dated = json::parse(oscal_text(s, {"2025-01-31T12:00:00Z"}));
    json plain = json::parse(first);
    CHECK(dated["component-definition"]["metadata"]["last-modified"] == "2025-01-31T12:00:00Z");
    CHECK(plain["component-definition"]["metadata"]["last-modified"] == "1970-01-01T00:00:00Z");
    dated["component-definition"]["metadata"].erase("last-modified");
    plain["component-definition"]["metadata"].erase("last-modified");
    CHECK(dated == plain);

    // The next version of the agreement: a new document, the same
    // component and requirements (OSCAL's per-subject identifiers), so that
    // a diff of the two files shows what moved.
    Scanned v2 = scan("northwind-csa-v2.md");
    json next = json::parse(oscal_text(v2));
    check_oscal(next);
    const json& a = plain["component-definition"];
    const json& b = next["component-definition"];
    CHECK(a["uuid"] != b["uuid"]);
    CHECK(a["components"][0]["title"] == b["components"][0]["title"]);
    CHECK(a["components"][0]["uuid"] == b["components"][0]["uuid"]);
    const json& ra = a["components"][0]["control-implementations"][0]["implemented-requirements"];
    const json& rb = b["components"][0]["control-implementations"][0]["implemented-requirements"];
    REQUIRE(ra.size() == rb.size());
    for (std::size_t i = 0; i < ra.size(); ++i) CHECK(ra[i]["uuid"] == rb[i]["uuid"]);
}

TEST_CASE("OSCAL: a role-word provider, a padded title and no model still give valid strings", "[report][oscal]") {
    onus::Document doc;
    doc.path = "";
    doc.format = "text";
    doc.title = "  Acme Hosting Terms \n";
    doc.parties.push_back({"provider", "Provider", {}});
    onus::Analysis a = synthetic({{"data", {"customer", "customer", "agrees", {"4.1"}}},
                                  {"network", {"shared", "provider", "agrees", {"5.1", "5.2"}}}},
                                 "");
    std::ostringstream out;
    onus::write_analysis_oscal(doc, a, out);
    json root = json::parse(out.str());
    json reqs = check_oscal(root);
    REQUIRE(reqs.size() == 12);
    const json& comp = root["component-definition"]["components"][0];
    CHECK(comp["title"] == "Acme Hosting Terms");  // the title over the role word, trimmed
    for (const json& p : comp.value("props", json::array())) CHECK(p["name"] != "delivery-model");
    CHECK(role_ids(reqs[3]) == std::set<std::string>{"customer"});              // data
    CHECK(role_ids(reqs[4]) == std::set<std::string>{"provider", "customer"});  // network
    CHECK(!reqs[0].contains("responsible-roles"));                             // application: unassigned
    CHECK(prop_value(reqs[0], "baseline") == "none");
}

TEST_CASE("CAIQ: header and one row per domain, ownership from the holders", "[report][caiq]") {
    const Scanned& s = northwind();
    const std::string text = caiq_text(s.doc, s.analysis);
    auto rows = onus::test::read_csv(text);
    REQUIRE(rows.size() == 13);
    CHECK(rows[0] == std::vector<std::string>{"Question ID", "Domain", "Question", "CSP Implementation Ownership",
                                              "CSC Responsibilities", "Clause evidence"});
    for (const auto& r : rows) CHECK(r.size() == 6);

    const std::map<std::string, std::string> ccm = {
        {"application", "AIS"}, {"platform", "IVS"}, {"endpoint", "UEM"},       {"data", "DSP"},
        {"network", "IVS"},     {"identity", "IAM"}, {"workloads", "IVS"},      {"apis", "AIS"},
        {"infrastructure", "DCS"}, {"compliance", "A&A"}, {"incident", "SEF"}, {"availability", "BCR"}};
    std::size_t i = 1;
    for (const std::string& domain : onus::domain_ids()) {
        INFO(domain);
        const auto& r = rows[i++];
        const onus::MatrixCell& cell = s.analysis.matrix.at(domain);
        const std::string code = ccm.at(domain);
        CHECK(r[0].rfind(code + "-ONUS-", 0) == 0);
        CHECK(r[1].rfind(code + " - ", 0) == 0);
        CHECK(!r[2].empty());
        CHECK(r[3] == expected_ownership(cell.holder));
        CHECK(!r[4].empty());
        // One evidence line per clause behind the holder, id first.
        std::vector<std::string> lines;
        std::istringstream ev(r[5]);
        for (std::string line; std::getline(ev, line);) lines.push_back(line);
        REQUIRE(lines.size() == cell.clauses.size());
        for (std::size_t k = 0; k < lines.size(); ++k) CHECK(lines[k].rfind(cell.clauses[k] + ": ", 0) == 0);
    }
    CHECK(caiq_text(s.doc, s.analysis) == text);
}

TEST_CASE("CAIQ: hostile clause text stays inert and in its cell", "[report][caiq]") {
    onus::Document doc;
    onus::Clause c;
    c.id = "=1+1";
    c.text = "=HYPERLINK(\"http://x\",\"y\")\nsecond line, with \"quotes\"";
    doc.clauses.push_back(c);
    onus::Clause d;
    d.id = "7";
    d.text = std::string(300, 'x') + "\xC3\xA9";  // over the quote limit
    doc.clauses.push_back(d);
    onus::Analysis a = synthetic({{"data", {"customer", "customer", "agrees", {"=1+1", "7"}}}}, "saas");
    const std::string text = caiq_text(doc, a);
    auto rows = onus::test::read_csv(text);
    REQUIRE(rows.size() == 13);
    for (const auto& r : rows) CHECK(r.size() == 6);
    const auto& data = rows[4];
    CHECK(data[3] == "CSC-owned");
    // The cell starts with the formula-like clause id: neutralised.
    CHECK(data[5].rfind("'=1+1: =HYPERLINK(", 0) == 0);
    CHECK(data[5].find("second line, with \"quotes\"") != std::string::npos);
    CHECK(data[5].find("\n7: " + std::string(200, 'x') + "\u2026") != std::string::npos);
    CHECK(data[5].find(std::string(201, 'x')) == std::string::npos);
    // Unassigned with no baseline, and a model: still a sentence.
    CHECK(rows[1][3] == "Unassigned");
    CHECK(rows[1][4].rfind("Not stated", 0) == 0);
}
