// Tests for batch mode (src/cli/batch.cpp): run_batch called directly over a
// temporary corpus of sample copies, a corrupt and an empty file, checked for
// record order, error records, exit statuses and byte-identical output
// whatever the number of threads.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/batch.hpp"
#include "onus/patterns.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const onus::RulePack& pack() {
    static const onus::RulePack p = onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

// A folder under the system temp dir, unique per process and per use,
// removed on destruction.
class TempDir {
public:
    explicit TempDir(const std::string& name) {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("onus-batch-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

    void write(const std::string& rel, const std::string& bytes) const {
        fs::create_directories((path_ / rel).parent_path());
        std::ofstream(path_ / rel, std::ios::binary) << bytes;
    }
    void copy(const std::string& sample, const std::string& rel) const {
        fs::create_directories((path_ / rel).parent_path());
        fs::copy_file(onus::test::source_dir() / "samples" / sample, path_ / rel);
    }

private:
    fs::path path_;
};

// A zip header then deterministic junk: the DOCX reader's "corrupt zip".
std::string corrupt_docx() {
    std::string bytes = "PK\x03\x04";
    unsigned x = 12345;
    for (int i = 0; i < 3000; ++i) {
        x = x * 1103515245u + 12345u;
        bytes.push_back(static_cast<char>((x >> 16) & 0xff));
    }
    return bytes;
}

// The mixed corpus: three good agreements, a corrupt DOCX, an empty file and
// things a folder walk must pass over (hidden file and folder, a PDF).
void mixed_corpus(const TempDir& dir) {
    dir.copy("northwind-csa.md", "a/northwind-csa.md");
    dir.copy("northwind-csa-v2.md", "b/deep/northwind-csa-v2.md");
    dir.copy("northwind-csa.docx", "b/northwind-csa.docx");
    dir.write("b/bad.docx", corrupt_docx());
    dir.write("c/empty.md", "");
    dir.copy("northwind-csa.md", ".hidden/skipped.md");
    dir.copy("northwind-csa.md", "a/.skipped.md");
    dir.write("a/scan.pdf", "%PDF-1.4 not read");
}

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

Result batch(const onus::cli::BatchOptions& options) {
    std::ostringstream out, err;
    Result r;
    r.status = onus::cli::run_batch(pack(), options, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

onus::cli::BatchOptions options_for(std::vector<std::string> inputs, unsigned jobs) {
    onus::cli::BatchOptions o;
    o.inputs = std::move(inputs);
    o.jobs = jobs;
    return o;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> paths_of(const std::string& jsonl) {
    std::vector<std::string> paths;
    for (const std::string& line : lines_of(jsonl)) paths.push_back(json::parse(line).at("path").get<std::string>());
    return paths;
}

// A short agreement with a clear high-severity shape: the customer holds
// physical security, which no delivery model gives it.
const char* kSmall =
    "# Small Cloud Agreement\n\n"
    "This agreement is between Acme Cloud, Inc. (\"Provider\") and the customer (\"Customer\").\n\n"
    "## 1. Security\n\n"
    "1.1 Provider shall encrypt Customer Data at rest and in transit.\n\n"
    "1.2 Customer is responsible for the physical security of the data centers.\n\n"
    "1.3 Customer shall manage its user accounts and passwords.\n";

}  // namespace

TEST_CASE("batch: a folder walk keeps the readable formats in sorted order and skips hidden entries") {
    TempDir dir("walk");
    mixed_corpus(dir);
    const std::string root = dir.str();
    const auto files = onus::cli::collect_batch_files(options_for({root}, 1));
    const std::vector<std::string> expected{
        root + "/a/northwind-csa.md", root + "/b/bad.docx", root + "/b/deep/northwind-csa-v2.md",
        root + "/b/northwind-csa.docx", root + "/c/empty.md"};
    CHECK(files == expected);

    // A file named explicitly is tried whatever its extension; inputs keep
    // their order; a missing input stays, to fail as an io error.
    const auto named = onus::cli::collect_batch_files(
        options_for({root + "/a/scan.pdf", root + "/c", root + "/missing.md"}, 1));
    CHECK(named == std::vector<std::string>{root + "/a/scan.pdf", root + "/c/empty.md", root + "/missing.md"});
}

TEST_CASE("batch: one record per file in path order, errors as records, the first failure's code") {
    TempDir dir("mixed");
    mixed_corpus(dir);
    const Result r = batch(options_for({dir.str()}, 1));
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 5);
    CHECK(paths_of(r.out) == onus::cli::collect_batch_files(options_for({dir.str()}, 1)));

    std::map<std::string, json> by_name;
    for (const std::string& line : lines) {
        json j = json::parse(line);  // each line is one complete JSON value
        by_name[fs::path(j.at("path").get<std::string>()).filename().string()] = j;
    }
    const json& good = by_name.at("northwind-csa.md");
    REQUIRE(good.contains("analysis"));
    CHECK(good["analysis"]["schema"] == "onus.analysis/1");
    CHECK(good["analysis"]["document"]["path"] == good["path"]);
    CHECK_FALSE(good["analysis"].contains("blocks"));
    REQUIRE_FALSE(good["analysis"]["clauses"].empty());
    CHECK_FALSE(good["analysis"]["clauses"][0].contains("blocks"));
    CHECK(good["analysis"]["matrix"].size() == 12);
    CHECK(by_name.at("northwind-csa.docx").contains("analysis"));
    CHECK(by_name.at("northwind-csa-v2.md").contains("analysis"));

    const json& bad = by_name.at("bad.docx");
    REQUIRE(bad.contains("error"));
    CHECK(bad["error"]["code"] == 3);
    CHECK(bad["error"]["kind"] == "malformed");
    CHECK(bad["error"]["message"].get<std::string>().find("bad.docx") != std::string::npos);
    CHECK(by_name.at("empty.md")["error"]["code"] == 3);

    CHECK(r.status == 3);
    // Failures are said on stderr too, one line each.
    CHECK(r.err.find("onus: error: " + (dir.path() / "b" / "bad.docx").string() + ": ") != std::string::npos);
    CHECK(r.err.find("onus: error: " + (dir.path() / "c" / "empty.md").string() + ": empty file\n") !=
          std::string::npos);
    CHECK(r.err.find("onus: scanned 5 files: 3 ok, 2 failed (") != std::string::npos);
    CHECK(r.err.find(" files/s)\n") != std::string::npos);
}

TEST_CASE("batch: the output is byte-identical whatever the number of jobs") {
    TempDir dir("jobs");
    mixed_corpus(dir);
    const Result one = batch(options_for({dir.str()}, 1));
    const Result two = batch(options_for({dir.str()}, 2));
    const Result four = batch(options_for({dir.str()}, 4));
    CHECK(one.out == two.out);
    CHECK(one.out == four.out);
    CHECK(one.status == two.status);
    CHECK(one.status == four.status);
}

TEST_CASE("batch: unordered mode gives the same set of lines") {
    TempDir dir("unordered");
    mixed_corpus(dir);
    const Result ordered = batch(options_for({dir.str()}, 1));
    auto options = options_for({dir.str()}, 3);
    options.unordered = true;
    const Result loose = batch(options);
    auto a = lines_of(ordered.out), b = lines_of(loose.out);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    CHECK(a == b);
    CHECK(loose.status == 3);  // the first failure in input order, not in finishing order
}

TEST_CASE("batch: fail_on gives 1 when a finding reaches it and no file failed") {
    TempDir dir("gate");
    dir.copy("northwind-csa.md", "one.md");
    dir.copy("northwind-csa.txt", "two.txt");
    auto options = options_for({dir.str()}, 2);
    CHECK(batch(options).status == 0);
    options.fail_on = onus::Severity::high;
    const Result gated = batch(options);
    REQUIRE(lines_of(gated.out).size() == 2);
    const json first = json::parse(lines_of(gated.out)[0]);
    bool high = false;
    for (const json& f : first["analysis"]["findings"]) high = high || f["severity"] == "high";
    REQUIRE(high);
    CHECK(gated.status == 1);

    // A failed file outranks the gate.
    dir.write("zz-empty.md", "");
    CHECK(batch(options).status == 3);
}

TEST_CASE("batch: a missing input and a missing path from the list are io error records") {
    TempDir dir("missing");
    dir.write("x.md", kSmall);
    std::istringstream list(dir.str() + "/x.md\r\n\n" + dir.str() + "/nope.md\n");
    auto options = options_for({dir.str() + "/absent.docx", "-"}, 2);
    options.path_list = &list;
    const Result r = batch(options);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(json::parse(lines[0])["error"]["code"] == 6);
    CHECK(json::parse(lines[0])["error"]["kind"] == "io");
    CHECK(json::parse(lines[1]).contains("analysis"));
    CHECK(json::parse(lines[2])["path"] == dir.str() + "/nope.md");
    CHECK(r.status == 6);
}

TEST_CASE("batch: an empty input list writes nothing and succeeds") {
    TempDir dir("empty");
    const Result r = batch(options_for({dir.str()}, 2));
    CHECK(r.out.empty());
    CHECK(r.status == 0);
    CHECK(r.err.find("onus: scanned 0 files: 0 ok, 0 failed") != std::string::npos);
}

TEST_CASE("batch: progress goes to err as one carriage-return line, never to out") {
    TempDir dir("progress");
    dir.write("x.md", kSmall);
    auto options = options_for({dir.str()}, 1);
    options.progress = true;
    const Result r = batch(options);
    CHECK(r.err.find("\r1/1, ") != std::string::npos);
    CHECK(r.err.find("x.md") != std::string::npos);
    CHECK(lines_of(r.out).size() == 1);
    CHECK(r.out.find('\r') == std::string::npos);
}

TEST_CASE("batch: two hundred files with two jobs, each path exactly once, in order") {
    TempDir dir("many");
    std::vector<std::string> expected;
    for (int i = 0; i < 200; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "d%d/agreement-%03d.md", i % 7, i);
        dir.write(name, kSmall);
        expected.push_back((dir.path() / name).string());
    }
    std::sort(expected.begin(), expected.end(),
              [](const std::string& a, const std::string& b) { return fs::path(a) < fs::path(b); });

    const Result ordered = batch(options_for({dir.str()}, 2));
    CHECK(paths_of(ordered.out) == expected);
    CHECK(ordered.status == 0);

    auto options = options_for({dir.str()}, 2);
    options.unordered = true;
    const Result loose = batch(options);
    std::multiset<std::string> seen;
    for (const std::string& p : paths_of(loose.out)) seen.insert(p);
    CHECK(seen.size() == 200);
    for (const std::string& p : expected) CHECK(seen.count(p) == 1);
    CHECK(loose.err.find("scanned 200 files: 200 ok, 0 failed") != std::string::npos);
}

TEST_CASE("batch: a closed output stops the batch with an io status") {
    TempDir dir("closed");
    for (int i = 0; i < 5; ++i) dir.write("f" + std::to_string(i) + ".md", kSmall);
    std::ostringstream out, err;
    out.setstate(std::ios::badbit);
    const int status = onus::cli::run_batch(pack(), options_for({dir.str()}, 2), out, err);
    CHECK(status == 6);
    CHECK(err.str().find("cannot write the output") != std::string::npos);
}
