// Tests for `onus scan` (src/cli/main.cpp): the built command run on the
// sample agreement, its JSON output checked against the onus.analysis/1
// schema (docs/json-schema.md), and its exit statuses.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onus/patterns.hpp"
#include "cli_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Run = onus::test::CliRun;

// Run `onus ARGS` from the source tree; stdout and stderr apart.
Run onus_cli(const std::string& args) { return onus::test::run_cli(args); }

const char* kSample = "samples/northwind-csa.md";

const json& sample_json() {
    static const json j = [] {
        Run r = onus_cli(std::string("scan --format json ") + kSample);
        REQUIRE(r.status == 0);
        return json::parse(r.out);
    }();
    return j;
}

bool one_of(const json& value, const std::set<std::string>& allowed) {
    return value.is_string() && allowed.count(value.get<std::string>()) > 0;
}

std::set<std::string> as_set(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

int severity_rank(const std::string& s) {
    const std::vector<std::string> order{"info", "low", "medium", "high"};
    return static_cast<int>(std::find(order.begin(), order.end(), s) - order.begin());
}

// An evidence object: null, or a span of the named clause's text.
void check_evidence(const json& e, const std::map<std::string, std::string>& clause_text) {
    if (e.is_null()) return;
    REQUIRE(e.is_object());
    for (const char* key : {"clause", "start", "end", "text", "rule"}) CHECK(e.contains(key));
    REQUIRE(e["clause"].is_string());
    REQUIRE(e["start"].is_number_unsigned());
    REQUIRE(e["end"].is_number_unsigned());
    REQUIRE(e["text"].is_string());
    CHECK(e["rule"].is_string());
    auto found = clause_text.find(e["clause"].get<std::string>());
    REQUIRE(found != clause_text.end());
    const std::size_t start = e["start"], end = e["end"];
    CHECK(start <= end);
    CHECK(end <= found->second.size());
    if (start < end) CHECK(found->second.substr(start, end - start) == e["text"].get<std::string>());
}

std::map<std::string, std::string> clause_texts(const json& j) {
    std::map<std::string, std::string> out;
    for (const json& c : j["clauses"]) out[c["id"].get<std::string>()] = c["text"].get<std::string>();
    return out;
}

}  // namespace

TEST_CASE("scan prints a matrix and exits 0", "[cli][scan]") {
    Run r = onus_cli(std::string("scan ") + kSample);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("responsibility matrix") != std::string::npos);
    for (const std::string& domain : onus::domain_ids()) CHECK(r.out.find(domain) != std::string::npos);
}

TEST_CASE("scan --format json is onus.analysis/1", "[cli][scan][json]") {
    const json& j = sample_json();
    REQUIRE(j.is_object());
    CHECK(j["schema"] == "onus.analysis/1");
    const auto texts = clause_texts(j);

    SECTION("the document fields of onus.document/1 are kept") {
        for (const char* key : {"document", "clauses", "blocks", "stats", "warnings"}) CHECK(j.contains(key));
        CHECK(j["document"]["path"] == kSample);
        CHECK(j["document"]["format"] == "markdown");
    }
    SECTION("model") {
        CHECK(one_of(j["model"], {"saas", "paas", "iaas"}));
        CHECK(j["model_guessed"] == true);  // no --model given
        CHECK((j["model_evidence"].is_null() || j["model_evidence"].is_object()));
    }
    SECTION("matrix: the 12 domains, each with holder, baseline, status, clauses") {
        const json& m = j["matrix"];
        REQUIRE(m.is_object());
        std::set<std::string> keys;
        for (const auto& [key, value] : m.items()) keys.insert(key);
        CHECK(keys == as_set(onus::domain_ids()));
        for (const auto& [domain, cell] : m.items()) {
            INFO(domain);
            CHECK(cell.size() == 4);
            CHECK(one_of(cell["holder"], {"provider", "customer", "shared", "unassigned", "conflict"}));
            CHECK((cell["baseline"].is_null() || one_of(cell["baseline"], {"provider", "customer"})));
            CHECK(one_of(cell["status"], {"agrees", "deviates", "silent", "no-baseline"}));
            REQUIRE(cell["clauses"].is_array());
            for (const json& id : cell["clauses"]) CHECK(texts.count(id.get<std::string>()) == 1);
            // The status follows from holder and baseline.
            if (cell["holder"] == "unassigned") CHECK(cell["status"] == "silent");
            if (cell["holder"] == "unassigned") CHECK(cell["clauses"].empty());
            if (cell["holder"] != "unassigned") CHECK_FALSE(cell["clauses"].empty());
            if (cell["baseline"].is_null() && cell["holder"] != "unassigned") CHECK(cell["status"] == "no-baseline");
            if (cell["holder"] == cell["baseline"]) CHECK(cell["status"] == "agrees");
        }
    }
    SECTION("every clause has a tags array of well-formed tags") {
        std::size_t tags = 0;
        for (const json& c : j["clauses"]) {
            INFO(c["id"]);
            REQUIRE(c.contains("tags"));
            REQUIRE(c["tags"].is_array());
            for (const json& t : c["tags"]) {
                ++tags;
                CHECK(one_of(t["domain"], as_set(onus::domain_ids())));
                CHECK(one_of(t["party"], as_set(onus::party_ids())));
                CHECK(one_of(t["modality"], as_set(onus::modality_ids())));
                CHECK(t["rule"].is_string());
                CHECK(t["negated"].is_boolean());
                REQUIRE(t["evidence"].is_object());
                check_evidence(t["evidence"], texts);
                check_evidence(t["party_evidence"], texts);
                check_evidence(t["modality_evidence"], texts);
                REQUIRE(t["carveouts"].is_array());
                for (const json& co : t["carveouts"]) {
                    CHECK(co["text"].is_string());
                    CHECK(co["rule"].is_string());
                    CHECK((co["refers_to"].is_null() || texts.count(co["refers_to"].get<std::string>()) == 1));
                    const std::size_t start = co["start"], end = co["end"];
                    CHECK(texts.at(c["id"].get<std::string>()).substr(start, end - start) == co["text"].get<std::string>());
                }
            }
        }
        CHECK(tags > 20);
    }
    SECTION("findings: kind, domain, severity, clauses, message; most severe first") {
        const json& f = j["findings"];
        REQUIRE(f.is_array());
        REQUIRE_FALSE(f.empty());
        int previous = 3;
        for (const json& x : f) {
            INFO(x.dump());
            CHECK(one_of(x["kind"], {"deviation", "gap", "conflict", "weak", "carve-out"}));
            CHECK(one_of(x["domain"], as_set(onus::domain_ids())));
            CHECK(one_of(x["severity"], {"info", "low", "medium", "high"}));
            REQUIRE(x["clauses"].is_array());
            for (const json& id : x["clauses"]) CHECK(texts.count(id.get<std::string>()) == 1);
            CHECK(x["message"].is_string());
            CHECK_FALSE(x["message"].get<std::string>().empty());
            REQUIRE(x["evidence"].is_array());
            for (const json& e : x["evidence"]) check_evidence(e, texts);
            const int rank = severity_rank(x["severity"].get<std::string>());
            CHECK(rank <= previous);
            previous = rank;
            // A finding about the matrix agrees with the matrix.
            const json& cell = j["matrix"][x["domain"].get<std::string>()];
            if (x["kind"] == "gap") CHECK(cell["holder"] == "unassigned");
            if (x["kind"] == "conflict") CHECK(cell["holder"] == "conflict");
            if (x["kind"] == "deviation") CHECK(cell["status"] == "deviates");
        }
    }
    SECTION("SLA numbers and rule failures") {
        REQUIRE(j["sla"].is_array());
        CHECK_FALSE(j["sla"].empty());
        for (const json& v : j["sla"]) {
            CHECK(v["metric"].is_string());
            CHECK(texts.count(v["clause"].get<std::string>()) == 1);
            CHECK(v["quantity"].is_object());
            CHECK(v["sole_remedy"].is_boolean());
            check_evidence(v["evidence"], texts);
        }
        REQUIRE(j["rule_failures"].is_array());
        CHECK(j["rule_failures"].empty());
    }
}

TEST_CASE("scan --fail-on exits 1 exactly when a finding reaches the threshold", "[cli][scan]") {
    const json& j = sample_json();
    auto any_at_least = [&](const std::string& threshold) {
        for (const json& f : j["findings"])
            if (severity_rank(f["severity"].get<std::string>()) >= severity_rank(threshold)) return true;
        return false;
    };
    for (const std::string threshold : {"info", "low", "medium", "high"}) {
        INFO(threshold);
        Run r = onus_cli("scan --fail-on " + threshold + " " + kSample);
        CHECK(r.status == (any_at_least(threshold) ? 1 : 0));
        CHECK_FALSE(r.out.empty());  // the report is printed either way
    }
    CHECK(onus_cli(std::string("scan --fail-on none ") + kSample).status == 0);
    CHECK(onus_cli(std::string("scan --fail-on severe ") + kSample).status == 2);
}

TEST_CASE("scan --model gives the model and rejects unknown ones", "[cli][scan]") {
    Run iaas = onus_cli(std::string("scan --format json --model iaas ") + kSample);
    REQUIRE(iaas.status == 0);
    json j = json::parse(iaas.out);
    CHECK(j["model"] == "iaas");
    CHECK(j["model_guessed"] == false);
    CHECK(j["matrix"]["network"]["baseline"] == "customer");

    Run bogus = onus_cli(std::string("scan --model bogus ") + kSample);
    CHECK(bogus.status == 2);
    CHECK(bogus.out.empty());
}

TEST_CASE("scan of a missing file exits 6 with one line on stderr", "[cli][scan]") {
    Run r = onus_cli("scan no-such-agreement.md");
    CHECK(r.status == 6);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("onus: error: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("no-such-agreement.md") != std::string::npos);
}

TEST_CASE("scan of several files gives a JSON array, one analysis each", "[cli][scan][json]") {
    Run r = onus_cli(std::string("scan --format json ") + kSample + " samples/northwind-csa-v2.md");
    REQUIRE(r.status == 0);
    json j = json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 2);
    CHECK(j[0]["schema"] == "onus.analysis/1");
    CHECK(j[1]["schema"] == "onus.analysis/1");
    CHECK(j[0]["document"]["path"] == kSample);
    CHECK(j[1]["document"]["path"] == "samples/northwind-csa-v2.md");
    CHECK(j[0] == sample_json());  // the same analysis as alone

    SECTION("a file that cannot be read is reported; the others are still scanned") {
        Run partial = onus_cli(std::string("scan --format json ") + kSample + " no-such-agreement.md");
        CHECK(partial.status == 6);
        CHECK(std::count(partial.err.begin(), partial.err.end(), '\n') == 1);
        json k = json::parse(partial.out);
        REQUIRE(k.is_array());
        REQUIRE(k.size() == 1);
        CHECK(k[0]["document"]["path"] == kSample);
    }
}
