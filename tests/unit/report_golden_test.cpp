// Golden report files: the CLI's reports on the shipped samples (scan,
// diff and matrix, in every text-like format) against reviewed outputs in
// tests/data/golden/reports/.
//
// The findings, shifts and SLA numbers in them follow the rule packs in
// clause-patterns/, so an improved rule legitimately changes them. To
// regenerate after such a change, in one command:
//
//     ONUS_ACCEPT=1 ./onus_tests "[golden-report]"
//
// then review the diff of tests/data/golden/reports/ like code.
//
// Reproducible by construction: the CLI runs from the source tree with
// relative paths (reports echo the paths they were given), and with
// SOURCE_DATE_EPOCH set (no report here stamps a time today; one that starts
// to must honour it). The one volatile field normalised below is the onus
// version in SARIF's tool.driver, which changes with every release.
// HTML is left out: 40-100 KB pages that are mostly style and script.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace fs = std::filesystem;

namespace {

// `onus ARGS` from the source tree, stdout only (stderr is not the report).
onus::test::CliRun run_onus(const std::string& args) { return onus::test::run_cli(args, "SOURCE_DATE_EPOCH=0"); }

// SARIF names the tool's version; the golden must not change with it.
std::string normalised(const std::string& report) {
    static const std::regex driver_version(R"(("name": "onus",\s*"version": ")[^"]*")");
    return std::regex_replace(report, driver_version, "$1VERSION\"");
}

void check_golden(const std::string& name, const std::string& got) {
    onus::test::check_golden(onus::test::data_dir() / "golden" / "reports" / name, got);
}

struct Case {
    std::string golden;  // file name under tests/data/golden/reports/
    std::string args;    // onus command line
};

const char* const kOld = "samples/northwind-csa.docx";
const char* const kNew = "samples/northwind-csa-v2.docx";

std::vector<Case> cases() {
    std::vector<Case> out;
    const std::vector<std::pair<std::string, std::string>> formats{
        {"text", "txt"}, {"json", "json"}, {"csv", "csv"}, {"sarif", "sarif"}};
    for (const char* sample : {kOld, kNew}) {
        const std::string base = fs::path(sample).filename().string();
        for (const auto& [format, ext] : formats)
            out.push_back({"scan." + base + "." + ext, "scan --format " + format + " " + sample});
    }
    for (const auto& [format, ext] : formats)
        out.push_back({"diff.northwind-csa.docx.v2." + ext,
                       "diff --format " + format + " " + std::string(kOld) + " " + kNew});
    for (const auto& [format, ext] : formats)
        if (format != "sarif")
            out.push_back({"matrix.northwind-csa.docx.v2." + ext,
                           "matrix --format " + format + " " + std::string(kOld) + " " + kNew});
    return out;
}

}  // namespace

TEST_CASE("golden: scan, diff and matrix reports on the samples read as reviewed", "[golden][golden-report]") {
    REQUIRE(fs::exists(onus::test::onus_binary()));
    for (const Case& c : cases()) {
        INFO("onus " << c.args);
        onus::test::CliRun r = run_onus(c.args);
        REQUIRE(r.status == 0);
        REQUIRE(!r.out.empty());
        check_golden(c.golden, normalised(r.out));
    }
}

TEST_CASE("golden reports: a second run gives the same bytes", "[golden][golden-report]") {
    // What the goldens rely on: nothing in a report depends on the run.
    for (const char* args : {"scan --format sarif samples/northwind-csa.docx",
                             "diff --format json samples/northwind-csa.docx samples/northwind-csa-v2.docx"}) {
        INFO(args);
        CHECK(run_onus(args).out == run_onus(args).out);
    }
}

TEST_CASE("golden reports: only the SARIF tool version is normalised", "[golden][golden-report]") {
    const std::string sarif = "\"driver\": {\n  \"name\": \"onus\",\n  \"version\": \"9.9.9\",\n  \"rules\": []";
    CHECK(normalised(sarif) == "\"driver\": {\n  \"name\": \"onus\",\n  \"version\": \"VERSION\",\n  \"rules\": []");
    // SARIF's own format version, and any other "version", stay.
    CHECK(normalised("{\"version\": \"2.1.0\"}") == "{\"version\": \"2.1.0\"}");
}
