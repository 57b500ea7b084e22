// Rule packs: loading with located errors, lint, examples, matching (unless,
// priorities, case folding, spans in the original text), the regex budget
// and the literal prefilter.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "onus/patterns.hpp"
#include "patterns/pack_internal.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using onus::PackIssue;
using onus::RuleKind;
using onus::RuleMatch;
using onus::RulePack;

namespace {

// A scratch folder of rule files, removed at the end of the test.
class TempPack {
public:
    TempPack() {
        static std::atomic<int> counter{0};
        dir_ = fs::temp_directory_path() /
               ("onus-patterns-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::create_directories(dir_);
    }
    ~TempPack() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    TempPack(const TempPack&) = delete;
    TempPack& operator=(const TempPack&) = delete;

    std::string write(const std::string& name, const std::string& content) const {
        fs::path path = dir_ / name;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << content;
        return path.generic_string();
    }
    std::string dir() const { return dir_.generic_string(); }
    std::string file(const std::string& name) const { return (dir_ / name).generic_string(); }

private:
    fs::path dir_;
};

std::string starter_pack() { return (onus::test::source_dir() / "clause-patterns").string(); }

std::string describe(const std::vector<PackIssue>& issues) {
    std::ostringstream out;
    for (const PackIssue& i : issues) out << onus::patterns_detail::format_location(i.where) << ": " << i.message << "\n";
    return out.str();
}

// The single error load_rule_pack throws for a folder.
onus::Error load_error(const std::string& folder) {
    try {
        onus::load_rule_pack({folder});
    } catch (const onus::Error& e) {
        return e;
    }
    FAIL("load_rule_pack did not throw");
    throw;  // unreachable
}

// A minimal valid domain rule, for packs built inline.
const std::string kGoodDomainRule = R"(  - id: data.encryption
    domain: data
    description: Encryption of customer data.
    patterns: ['\bencrypt(s|ed|ion|ing)?\b']
    unless: ['\bconfidential information\b']
    examples:
      match: ["Provider shall encrypt Customer Data at rest."]
      no_match: ["Each party shall protect Confidential Information by encryption."]
)";

std::vector<std::string> matched_ids(const std::vector<RuleMatch>& matches) {
    std::vector<std::string> out;
    for (const RuleMatch& m : matches) out.push_back(m.rule->id);
    return out;
}

std::string excerpt(const std::string& original, const RuleMatch& m) { return original.substr(m.start, m.end - m.start); }

}  // namespace

// ---------------------------------------------------------------- the starter pack

TEST_CASE("the starter pack loads with its rules and the baseline matrix", "[patterns]") {
    RulePack pack = onus::load_rule_pack({starter_pack()});
    std::map<RuleKind, int> per_kind;
    for (const onus::Rule& r : pack.rules()) ++per_kind[r.kind];
    CHECK(per_kind[RuleKind::modality] >= 6);
    CHECK(per_kind[RuleKind::party] == 3);  // provider, customer, both
    CHECK(per_kind[RuleKind::carveout] >= 6);  // except, unless, subject to, to the extent, notwithstanding, provided that, ...
    CHECK(per_kind[RuleKind::model] == 3);  // saas, paas, iaas
    // Every domain of the responsibility model has at least one rule.
    std::set<std::string> domains;
    for (const onus::Rule& r : pack.rules())
        if (r.kind == RuleKind::domain) domains.insert(r.domain);
    CHECK(domains.size() == onus::domain_ids().size());

    std::set<std::string> modalities;
    for (const onus::Rule& r : pack.rules())
        if (r.kind == RuleKind::modality) {
            modalities.insert(r.modality);
            CHECK(r.where.file.find("modality.yaml") != std::string::npos);
            CHECK(r.where.line > 0);
        }
    CHECK(modalities.size() == onus::modality_ids().size());

    const onus::Baseline& b = pack.baseline();
    REQUIRE(b.size() == 3);
    // The matrix of responsibility-model.md, row by row: SaaS, PaaS, IaaS.
    const std::vector<std::pair<std::string, std::string>> rows{
        {"application", "PCC"}, {"platform", "PPC"}, {"endpoint", "CCC"}, {"data", "CCC"},        {"network", "PPC"},
        {"identity", "CCC"},    {"workloads", "CCC"}, {"apis", "PCC"},    {"infrastructure", "PPP"}};
    const std::vector<std::string> models{"saas", "paas", "iaas"};
    for (const auto& [domain, holders] : rows)
        for (std::size_t m = 0; m < 3; ++m) {
            INFO(models[m] << "." << domain);
            CHECK(b.at(models[m]).at(domain) == (holders[m] == 'P' ? "provider" : "customer"));
        }
    for (const std::string& model : models)
        for (const char* domain : {"compliance", "incident", "availability"}) CHECK(b.at(model).at(domain).empty());
}

TEST_CASE("every example of the starter pack behaves as declared", "[patterns]") {
    RulePack pack = onus::load_rule_pack({starter_pack()});
    std::vector<PackIssue> issues = onus::test_rule_pack(pack);
    INFO(describe(issues));
    CHECK(issues.empty());
    for (const onus::Rule& r : pack.rules()) {
        INFO(r.id);
        std::size_t match = 0, no_match = 0;
        for (const onus::RuleExample& e : r.examples) (e.should_match ? match : no_match)++;
        CHECK(match >= 2);
        CHECK(no_match >= 2);
    }
    std::vector<PackIssue> lint = onus::lint_rule_packs({starter_pack()});
    INFO(describe(lint));
    CHECK(lint.empty());
}

TEST_CASE("modality rules: prohibition beats obligation, disclaimer beats prohibition", "[patterns][match]") {
    RulePack pack = onus::load_rule_pack({starter_pack()});
    auto ids = [&](const std::string& text) {
        return matched_ids(pack.match(onus::normalize(text), RuleKind::modality));
    };
    CHECK(ids("Customer shall not share its password.") == std::vector<std::string>{"modality.prohibition"});
    CHECK(ids("Provider shall encrypt backups.") == std::vector<std::string>{"modality.obligation"});
    CHECK(ids("Provider shall not be liable for lost data.") == std::vector<std::string>{"modality.disclaimer"});
    CHECK(ids("Customer may not resell the Service.") == std::vector<std::string>{"modality.prohibition"});
    // "will use commercially reasonable efforts" is one efforts phrase: the
    // "will" inside it is not an obligation of its own.
    CHECK(ids("Provider will use commercially reasonable efforts to restore the Service.") ==
          std::vector<std::string>{"modality.efforts"});
    // Different words of one clause keep their own rules, in text order.
    CHECK(ids("Provider shall notify Customer and may suspend the Service.") ==
          std::vector<std::string>{"modality.obligation", "modality.permission"});
}

// ---------------------------------------------------------------- load errors

TEST_CASE("an unknown key is located and a close key suggested", "[patterns][load]") {
    TempPack t;
    t.write("bad.yaml", R"(kind: domain
rules:
  - id: data.encryption
    domain: data
    description: Encryption.
    patern: ['\bencrypt']
    examples:
      match: ["We encrypt."]
      no_match: ["Nothing."]
)");
    onus::Error e = load_error(t.dir());
    CHECK(e.code() == onus::ErrorCode::pattern);
    CHECK(e.where() == t.file("bad.yaml") + ":6:5");
    CHECK(std::string(e.what()) ==
          t.file("bad.yaml") + ":6:5: unknown key 'patern' in rule data.encryption (did you mean 'patterns'?)");
}

TEST_CASE("unknown keys at every level are refused", "[patterns][load]") {
    TempPack t;
    SECTION("top level") {
        t.write("a.yaml", "kind: domain\nrule: []\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":2:1: unknown key 'rule' at the top of the file (did you mean 'rules'?)");
    }
    SECTION("examples") {
        t.write("a.yaml", "kind: carveout\nrules:\n  - id: c.x\n    description: d\n    patterns: [x]\n"
                          "    examples:\n      matches: [x]\n      no_match: [y]\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":7:7: unknown key 'matches' in examples of rule c.x (did you mean 'match'?)");
    }
    SECTION("a key of another kind") {
        t.write("a.yaml", "kind: carveout\nrules:\n  - id: c.x\n    domain: data\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":4:5: 'domain' belongs in a rule of kind domain; this file's kind is carveout");
    }
    SECTION("columns count characters, after a byte order mark, with CRLF line ends") {
        t.write("a.yaml", "\xEF\xBB\xBFkind: carveout\r\nrules:\r\n  - {id: c.x, description: \"Gr\xC3\xB6\xC3\x9F" "e\", patern: [x]}\r\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":3:37: unknown key 'patern' in rule c.x (did you mean 'patterns'?)");
    }
    SECTION("baseline model") {
        t.write("b.yaml", "kind: baseline\nmodels:\n  sass:\n    data: customer\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("b.yaml") + ":3:3: unknown key 'sass' in models (did you mean 'saas'?)");
    }
    SECTION("baseline domain and holder") {
        t.write("b.yaml", "kind: baseline\nmodels:\n  saas:\n    data: custmer\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("b.yaml") +
                  ":4:11: holder of saas.data must be provider, customer or null, not 'custmer' (did you mean 'customer'?)");
    }
}

TEST_CASE("yields_to names other domains, in domain rules only", "[patterns][load]") {
    TempPack t;
    const std::string rule = "kind: domain\nrules:\n  - id: data.x\n    domain: data\n    description: d\n"
                             "    patterns: [x]\n    examples: {match: [x], no_match: [y]}\n";
    SECTION("accepted") {
        t.write("d.yaml", rule + "    yields_to: [incident, identity]\n");
        RulePack pack = onus::load_rule_pack({t.dir()});
        REQUIRE(pack.rules().size() == 1);
        CHECK(pack.rules()[0].yields_to == std::vector<std::string>{"incident", "identity"});
    }
    SECTION("an unknown domain") {
        t.write("d.yaml", rule + "    yields_to: [incidnet]\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("d.yaml") + ":8:17: unknown domain 'incidnet' in 'yields_to' in rule data.x (expected " +
                  "application, platform, endpoint, data, network, identity, workloads, apis, infrastructure, " +
                  "compliance, incident or availability) (did you mean 'incident'?)");
    }
    SECTION("its own domain") {
        t.write("d.yaml", rule + "    yields_to: data\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("d.yaml") + ":8:16: rule data.x cannot yield to its own domain 'data'");
    }
    SECTION("in another kind") {
        t.write("c.yaml", "kind: carveout\nrules:\n  - id: c.x\n    yields_to: [data]\n");
        CHECK(std::string(load_error(t.dir()).what()).find(":4:5: unknown key 'yields_to' in rule c.x") !=
              std::string::npos);
    }
}

TEST_CASE("ids are checked against the responsibility model", "[patterns][load]") {
    TempPack t;
    SECTION("domain") {
        t.write("d.yaml", "kind: domain\nrules:\n  - id: x\n    domain: date\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("d.yaml") +
                  ":4:13: unknown domain 'date' in rule x (expected application, platform, endpoint, data, network, "
                  "identity, workloads, apis, infrastructure, compliance, incident or availability) (did you mean 'data'?)");
    }
    SECTION("modality") {
        t.write("m.yaml", "kind: modality\nrules:\n  - id: x\n    modality: obligaton\n");
        CHECK(std::string(load_error(t.dir()).what()).find(":4:15: unknown modality 'obligaton' in rule x") !=
              std::string::npos);
    }
    SECTION("party") {
        t.write("p.yaml", "kind: party\nrules:\n  - id: x\n    party: none\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("p.yaml") + ":4:12: unknown party 'none' in rule x (expected provider, customer or shared)");
    }
    SECTION("kind") {
        t.write("k.yaml", "kind: domian\nrules: []\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("k.yaml") +
                  ":1:7: unknown kind 'domian' (expected domain, modality, party, carveout, baseline or model) (did you mean 'domain'?)");
    }
    SECTION("rule id spelling") {
        t.write("i.yaml", "kind: domain\nrules:\n  - id: Data Encryption\n");
        CHECK(std::string(load_error(t.dir()).what()).find(":3:9: rule id 'Data Encryption' must be lower-case") !=
              std::string::npos);
    }
}

TEST_CASE("missing keys, wrong types, bad regular expressions", "[patterns][load]") {
    TempPack t;
    SECTION("missing id") {
        t.write("a.yaml", "kind: domain\nrules:\n  - domain: data\n    description: d\n");
        CHECK(std::string(load_error(t.dir()).what()) == t.file("a.yaml") + ":3:5: missing key 'id' in rule #1");
    }
    SECTION("missing patterns") {
        t.write("a.yaml", "kind: domain\nrules:\n  - id: x\n    domain: data\n    description: d\n");
        CHECK(std::string(load_error(t.dir()).what()) == t.file("a.yaml") + ":3:5: missing key 'patterns' in rule x");
    }
    SECTION("priority not a number") {
        t.write("a.yaml", "kind: carveout\nrules:\n  - id: x\n    description: d\n    priority: high\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":5:15: 'priority' in rule x must be a whole number from -1000 to 1000, not 'high'");
    }
    SECTION("patterns a mapping") {
        t.write("a.yaml", "kind: carveout\nrules:\n  - id: x\n    description: d\n    patterns: {a: b}\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":5:15: 'patterns' in rule x must be a list of texts, not a mapping");
    }
    SECTION("rules not a list") {
        t.write("a.yaml", "kind: carveout\nrules: yes\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":2:8: 'rules' must be a list of rules, not a single value");
    }
    SECTION("bad regular expression") {
        t.write("a.yaml", "kind: carveout\nrules:\n  - id: x\n    description: d\n    patterns: ['ok', '(unclosed']\n"
                          "    examples: {match: [ok], no_match: [no]}\n");
        onus::Error e = load_error(t.dir());
        CHECK(e.where() == t.file("a.yaml") + ":5:22");
        CHECK(std::string(e.what()).find("bad regular expression: Unmatched marking parenthesis") != std::string::npos);
        CHECK(std::string(e.what()).find("in rule x") != std::string::npos);
    }
    SECTION("a character set never closed (Boost would read past the pattern: found by fuzzing)") {
        for (const char* pattern : {"[a-b", "[\\\\", "x[^]", "[[:alpha:]"}) {
            INFO(pattern);
            t.write("a.yaml", std::string("kind: carveout\nrules:\n  - id: x\n    description: d\n    patterns: ['") +
                                  pattern + "']\n    examples: {match: [ok], no_match: [no]}\n");
            onus::Error e = load_error(t.dir());
            CHECK(std::string(e.what()).find("bad regular expression: unterminated [ set") != std::string::npos);
        }
        // Closed sets, including the tricky ones, still load.
        for (const char* pattern : {"[]a]", "[^]a]", "[[:alpha:]]", "a\\[b", "[\\]]"}) {
            INFO(pattern);
            t.write("a.yaml", std::string("kind: carveout\nrules:\n  - id: x\n    description: d\n    patterns: ['") +
                                  pattern + "']\n    examples: {match: [a], no_match: ['-']}\n");
            CHECK_NOTHROW(onus::load_rule_pack({t.dir()}));
        }
    }
    SECTION("pattern over 1,000 characters") {
        t.write("a.yaml", "kind: carveout\nrules:\n  - id: x\n    description: d\n    patterns: ['" +
                              std::string(1001, 'a') + "']\n");
        CHECK(std::string(load_error(t.dir()).what()) ==
              t.file("a.yaml") + ":5:16: pattern of 1001 characters in rule x is over the limit of 1000");
    }
    SECTION("YAML syntax") {
        t.write("a.yaml", "kind: carveout\nrules: [\n");
        onus::Error e = load_error(t.dir());
        CHECK(e.code() == onus::ErrorCode::pattern);
        CHECK(std::string(e.what()).find(t.file("a.yaml") + ":3:1: YAML syntax error") == 0);
    }
    SECTION("file over 4 MiB") {
        t.write("big.yaml", "kind: carveout\n# " + std::string(4 * 1024 * 1024, 'x') + "\n");
        CHECK(std::string(load_error(t.dir()).what()).find("over the limit of 4194304 (4 MiB)") != std::string::npos);
    }
    SECTION("not UTF-8") {
        t.write("a.yaml", "kind: carveout\ndescription: caf\xE9\n");
        CHECK(std::string(load_error(t.dir()).what()) == t.file("a.yaml") + ":2:1: not valid UTF-8 (save the file as UTF-8)");
    }
}

TEST_CASE("a missing folder is an io error, an empty one a pattern error", "[patterns][load]") {
    TempPack t;
    onus::Error missing = load_error(t.dir() + "/nope");
    CHECK(missing.code() == onus::ErrorCode::io);
    CHECK(missing.where() == t.dir() + "/nope");
    onus::Error empty = load_error(t.dir());
    CHECK(empty.code() == onus::ErrorCode::pattern);
}

TEST_CASE("rule ids are unique across files and folders; files load in sorted order", "[patterns][load]") {
    TempPack t;
    t.write("b.yaml", "kind: domain\nrules:\n" + kGoodDomainRule);
    t.write("a.yaml", "kind: domain\n\nrules:\n" + kGoodDomainRule);
    onus::Error e = load_error(t.dir());
    // a.yaml is read first, so b.yaml holds the duplicate.
    CHECK(std::string(e.what()) == t.file("b.yaml") + ":3:5: duplicate rule id 'data.encryption' (first defined at " +
                                       t.file("a.yaml") + ":4:5)");

    TempPack other;
    other.write("x.yaml", "kind: domain\nrules:\n" + kGoodDomainRule);
    fs::remove(t.file("b.yaml"));
    CHECK_THROWS_AS(onus::load_rule_pack({t.dir(), other.dir()}), onus::Error);
    CHECK(onus::load_rule_pack({t.dir()}).rules().size() == 1);
}

TEST_CASE("a later folder refines the baseline; one folder may not set a cell twice", "[patterns][load]") {
    TempPack shipped, user;
    shipped.write("baseline.yaml", "kind: baseline\nmodels:\n  saas: {network: provider, data: customer}\n");
    user.write("mine.yaml", "kind: baseline\nmodels:\n  saas: {network: customer}\n");
    RulePack pack = onus::load_rule_pack({shipped.dir(), user.dir()});
    CHECK(pack.baseline().at("saas").at("network") == "customer");
    CHECK(pack.baseline().at("saas").at("data") == "customer");
    CHECK(pack.baseline().at("saas").at("incident").empty());  // filled in: no default holder

    shipped.write("more.yaml", "kind: baseline\nmodels:\n  saas:\n    data: provider\n");
    CHECK(std::string(load_error(shipped.dir()).what()) ==
          shipped.file("more.yaml") + ":4:5: baseline saas.data is already set at " + shipped.file("baseline.yaml") + ":3:29");
}

// ---------------------------------------------------------------- lint

TEST_CASE("lint reports every problem with its location, and failing examples", "[patterns][lint]") {
    TempPack t;
    t.write("a.yaml", "kind: domain\nrules:\n" + kGoodDomainRule + R"(  - id: data.backup
    domain: data
    description: Backups.
    patterns: ['\bback ?ups?\b']
    examples:
      match: ["Provider keeps daily backups.", "Provider keeps a copy."]
      no_match: ["Customer shall back up its data."]
  - id: x.bad
    domain: date
    description: d
  - domain: data
  - id: x.regex
    domain: data
    description: Broken.
    patterns: ['[z-a]']
    examples: {match: [a], no_match: [b]}
  - id: x.typed
    domain: data
    description: d
    priority: [1]
)");
    t.write("b.yaml", "kind: domain\nrules:\n" + kGoodDomainRule);
    t.write("c.yaml", "kind: modality\nrules:\n  - id: m.curly\n    modality: statement\n    description: d\n"
                      "    patterns: ['\xE2\x80\x9C\x64\x65\x66\xE2\x80\x9D']\n"
                      "    examples: {match: [a], no_match: [b]}\n");
    std::vector<PackIssue> issues = onus::lint_rule_packs({t.dir()});
    INFO(describe(issues));
    const std::string a = t.file("a.yaml"), b = t.file("b.yaml"), c = t.file("c.yaml");
    std::vector<std::string> got;
    for (const PackIssue& i : issues) got.push_back(onus::patterns_detail::format_location(i.where) + " " + i.rule_id + ": " + i.message);
    const std::vector<std::string> expected{
        a + ":16:48 data.backup: rule data.backup does not match this 'match' example: \"Provider keeps a copy.\"",
        a + ":17:18 data.backup: rule data.backup matches \"back up\" in this 'no_match' example: \"Customer shall back up its data.\"",
        a + ":19:13 x.bad: unknown domain 'date' in rule x.bad (expected application, platform, endpoint, data, network, "
            "identity, workloads, apis, infrastructure, compliance, incident or availability) (did you mean 'data'?)",
        a + ":21:5 : missing key 'id' in rule #4",
        a + ":25:16 x.regex: bad regular expression: Invalid character class name, collating name, or character range. "
            "(at character 5) in rule x.regex",
        a + ":30:15 x.typed: 'priority' in rule x.typed must be a whole number from -1000 to 1000, not a list",
        b + ":3:5 data.encryption: duplicate rule id 'data.encryption' (first defined at " + a + ":3:5)",
        c + ":6:16 m.curly: pattern in rule m.curly contains \xE2\x80\x9C, which never occurs in the normalised text (write \")",
        c + ":6:16 m.curly: pattern in rule m.curly contains \xE2\x80\x9D, which never occurs in the normalised text (write \")",
        c + ":7:24 m.curly: rule m.curly does not match this 'match' example: \"a\"",
    };
    CHECK(got == expected);
}

TEST_CASE("an unless pattern that vetoes a match example is named", "[patterns][lint]") {
    TempPack t;
    t.write("a.yaml", R"(kind: carveout
rules:
  - id: c.except
    description: d
    patterns: ['\bexcept\b']
    unless: ['\bexcept as\b']
    examples:
      match: ["All data except logs.", "Except as provided herein."]
      no_match: ["Nothing here."]
)");
    std::vector<PackIssue> issues = onus::lint_rule_packs({t.dir()});
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].where.line == 8);
    CHECK(issues[0].where.column == 40);
    CHECK(issues[0].message ==
          "rule c.except does not match this 'match' example (one of its 'unless' patterns does): \"Except as provided herein.\"");
}

// ---------------------------------------------------------------- matching

TEST_CASE("kind domain rules: any pattern, unless vetoes the whole text", "[patterns][match]") {
    TempPack t;
    t.write("domains.yaml", "kind: domain\nrules:\n" + kGoodDomainRule + R"(  - id: identity.mfa
    domain: identity
    description: Multi-factor authentication.
    patterns: ['\bmulti-factor\b', '\bmfa\b']
    examples: {match: ["Enable MFA."], no_match: ["Enable logging."]}
)");
    RulePack pack = onus::load_rule_pack({t.dir()});
    REQUIRE(onus::test_rule_pack(pack).empty());
    REQUIRE(pack.rules().size() == 2);
    CHECK(pack.rules()[0].domain == "data");
    CHECK(pack.rules()[0].unless == std::vector<std::string>{"\\bconfidential information\\b"});

    const std::string text = "Provider encrypts data and enforces multi-factor authentication (MFA).";
    std::vector<RuleMatch> m = pack.match(onus::normalize(text), RuleKind::domain);
    REQUIRE(m.size() == 3);
    CHECK(excerpt(text, m[0]) == "encrypts");
    CHECK(m[0].rule->id == "data.encryption");
    CHECK(excerpt(text, m[1]) == "multi-factor");
    CHECK(excerpt(text, m[2]) == "MFA");
    CHECK(pack.match(onus::normalize(text), RuleKind::modality).empty());

    // unless anywhere in the text silences the rule, not the others.
    const std::string vetoed = "Provider encrypts Confidential Information; MFA is required.";
    CHECK(matched_ids(pack.match(onus::normalize(vetoed), RuleKind::domain)) == std::vector<std::string>{"identity.mfa"});
}

TEST_CASE("priority: among overlapping matches the higher wins, equal ones both stay", "[patterns][match]") {
    TempPack t;
    t.write("m.yaml", R"(kind: modality
rules:
  - id: m.low
    modality: obligation
    description: d
    patterns: ['\bshall\b', '\bnotify\b']
    examples: {match: [shall], no_match: [may]}
  - id: m.high
    modality: prohibition
    priority: 5
    description: d
    patterns: ['\bshall not\b']
    examples: {match: [shall not], no_match: [may]}
  - id: m.same
    modality: statement
    description: d
    patterns: ['\bshall\b']
    examples: {match: [shall], no_match: [may]}
)");
    RulePack pack = onus::load_rule_pack({t.dir()});
    const std::string text = "Provider SHALL NOT delay and shall notify.";
    std::vector<RuleMatch> m = pack.match(onus::normalize(text), RuleKind::modality);
    REQUIRE(m.size() == 4);
    CHECK(m[0].rule->id == "m.high");
    CHECK(excerpt(text, m[0]) == "SHALL NOT");
    CHECK(m[1].rule->id == "m.low");  // the second "shall": same priorities, both kept
    CHECK(m[2].rule->id == "m.same");
    CHECK(excerpt(text, m[1]) == "shall");
    CHECK(excerpt(text, m[3]) == "notify");
}

TEST_CASE("case folding: upper case and sharp s match lower-case patterns", "[patterns][match]") {
    TempPack t;
    t.write("p.yaml", R"(kind: party
rules:
  - id: p.strasse
    party: provider
    description: d
    patterns: ['\bstrasse\b', 'grösse']
    examples: {match: ["Straße 1", "GRÖSSE"], no_match: [Weg]}
)");
    RulePack pack = onus::load_rule_pack({t.dir()});
    CHECK(onus::test_rule_pack(pack).empty());
    const std::string text = "STRASSE and Straße and GRÖSSE";
    std::vector<RuleMatch> m = pack.match(onus::normalize(text), RuleKind::party);
    REQUIRE(m.size() == 3);
    CHECK(excerpt(text, m[0]) == "STRASSE");
    CHECK(excerpt(text, m[1]) == "Straße");  // "strasse" in the normalised text, "Straße" in the original
    CHECK(excerpt(text, m[2]) == "GRÖSSE");
}

TEST_CASE("lint flags characters that normalised text never holds", "[patterns][lint]") {
    TempPack t;
    t.write("p.yaml", R"(kind: party
rules:
  - id: p.x
    party: provider
    description: d
    patterns: ['größe', 'Éclair', 'ﬁle', 'a–b']
    examples: {match: ["Größe", "ÉCLAIR"], no_match: [Weg]}
)");
    std::vector<PackIssue> issues = onus::lint_rule_packs({t.dir()});
    INFO(describe(issues));
    std::vector<std::string> got;
    for (const PackIssue& i : issues) got.push_back(std::to_string(i.where.column) + " " + i.message);
    CHECK(got == std::vector<std::string>{
                     "16 pattern in rule p.x contains ß, which never occurs in the normalised text (write ss)",
                     "35 pattern in rule p.x contains ﬁ, which never occurs in the normalised text (write fi)",
                     "42 pattern in rule p.x contains –, which never occurs in the normalised text (write -)",
                     "24 rule p.x does not match this 'match' example: \"Größe\""});
}

TEST_CASE("spans point into the original text across curly quotes and collapsed spaces", "[patterns][match]") {
    TempPack t;
    t.write("s.yaml", R"(kind: modality
rules:
  - id: s.def
    modality: statement
    description: d
    patterns: ['"customer data" means']
    examples: {match: ['"Customer Data" means x'], no_match: [y]}
)");
    RulePack pack = onus::load_rule_pack({t.dir()});
    const std::string text = "1.1  \u201CCustomer\u00A0Data\u201D   means all data.";
    std::vector<RuleMatch> m = pack.match(onus::normalize(text), RuleKind::modality);
    REQUIRE(m.size() == 1);
    CHECK(excerpt(text, m[0]) == "\u201CCustomer\u00A0Data\u201D   means");
    CHECK(m[0].start == 5);
}

TEST_CASE("a catastrophic pattern is reported as a failure, not a hang or a silent miss", "[patterns][match]") {
    TempPack t;
    t.write("c.yaml", R"(kind: carveout
rules:
  - id: c.evil
    description: d
    patterns: ['(a+)+$']
    examples: {match: [a], no_match: [b]}
  - id: c.fine
    description: d
    patterns: ['b$']
    examples: {match: [b], no_match: [a]}
)");
    RulePack pack = onus::load_rule_pack({t.dir()});
    const std::string text = std::string(10000, 'a') + "b";
    std::vector<onus::RuleFailure> failures;
    auto started = std::chrono::steady_clock::now();
    std::vector<RuleMatch> m = pack.match(onus::normalize(text), RuleKind::carveout, &failures);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO("(a+)+$ on 10,001 characters: " << seconds << " s");  // measured (shown with -s), never asserted
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].rule->id == "c.evil");
    CHECK(failures[0].message ==
          "rule c.evil gave up on a text of 10001 characters: pattern too costly (catastrophic backtracking?)");
    CHECK(matched_ids(m) == std::vector<std::string>{"c.fine"});  // the other rules still ran
    CHECK_NOTHROW(pack.match(onus::normalize(text), RuleKind::carveout));  // failures not asked for
}

TEST_CASE("text is matched up to 100,000 bytes and the cut is reported", "[patterns][match]") {
    TempPack t;
    t.write("c.yaml", R"(kind: carveout
rules:
  - id: c.except
    description: d
    patterns: ['\bexcept\b']
    examples: {match: [except], no_match: [b]}
)");
    RulePack pack = onus::load_rule_pack({t.dir()});
    std::string text;
    while (text.size() < 99990) text += "word ";
    text += "except é except";  // the first "except" ends before 100,000 bytes, the second after
    std::vector<onus::RuleFailure> failures;
    std::vector<RuleMatch> m = pack.match(onus::normalize(text), RuleKind::carveout, &failures);
    CHECK(m.size() == 1);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].rule == nullptr);
    CHECK(failures[0].message.find("over the cap of 100000") != std::string::npos);
}

TEST_CASE("an empty or moved-from pack matches nothing", "[patterns][match]") {
    RulePack empty;
    CHECK(empty.rules().empty());
    CHECK(empty.match(onus::normalize("shall"), RuleKind::modality).empty());
    RulePack pack = onus::load_rule_pack({starter_pack()});
    RulePack moved = std::move(pack);
    CHECK_FALSE(moved.rules().empty());
    CHECK(onus::to_string(RuleKind::carveout) == std::string("carveout"));
    CHECK(onus::domain_ids().size() == 12);
    CHECK(onus::party_ids().size() == 4);
    CHECK(onus::model_ids().size() == 3);
}

// ---------------------------------------------------------------- prefilter

TEST_CASE("prefilter atoms are the literal words a pattern requires", "[patterns][prefilter]") {
    using onus::patterns_detail::make_prefilter;
    using Atoms = std::vector<std::vector<std::string>>;
    CHECK(make_prefilter("\\bshall\\b").all_of == Atoms{{"shall"}});
    CHECK(make_prefilter("\\bencrypt(s|ed|ion|ing)?\\b").all_of == Atoms{{"encrypt"}});
    CHECK(make_prefilter("\\b(?:is|are) responsible for\\b").all_of ==
          Atoms{{"are responsible for", "is responsible for"}});
    CHECK(make_prefilter("Provider\\s+SHALL").all_of == Atoms{{"provider"}, {"shall"}});
    CHECK(make_prefilter("\\bshall|\\bmust\\b|\\bwill").all_of == Atoms{{"must", "shall", "will"}});
    CHECK(make_prefilter("at (?:its|your|[a-z]+'s) own risk").all_of == Atoms{{" own risk"}, {"at "}, {"'s", "its", "your"}});
    CHECK(make_prefilter("\\Qa.b\\E c").all_of == Atoms{{"a.b c"}});
    CHECK(make_prefilter("back ?ups?").all_of == Atoms{{"back up", "backup"}});
    // Nothing safe to require: always run.
    CHECK(make_prefilter("(?x) shall").all_of.empty());
    CHECK(make_prefilter("\\w+").all_of.empty());
    CHECK(make_prefilter("(?:shall)?").all_of.empty());
    CHECK(make_prefilter("shall|\\d+").all_of.empty());
    CHECK(make_prefilter("stra\u00DFe").all_of == Atoms{{"stra"}});  // non-ASCII stays out of atoms
}

TEST_CASE("the prefilter skips a rule whose words are absent", "[patterns][prefilter]") {
    RulePack pack = onus::load_rule_pack({starter_pack()});
    onus::patterns_detail::MatchStats with, without;
    onus::patterns_detail::MatchOptions on, off;
    off.prefilter = false;
    onus::NormalizedText text = onus::normalize("The Service is hosted in Frankfurt.");
    auto a = onus::patterns_detail::match_rules(pack, text, RuleKind::modality, nullptr, on, &with);
    auto b = onus::patterns_detail::match_rules(pack, text, RuleKind::modality, nullptr, off, &without);
    CHECK(a.empty());
    CHECK(b.empty());
    CHECK(with.regex_searches == 0);  // not one modality word: no regex ran
    CHECK(with.skipped > 30);
    CHECK(without.regex_searches == with.skipped);
}

// A text prepared once for all kinds gives each kind what a match() of the
// plain text gives, failures included.
TEST_CASE("a prepared text matches as the plain text does, for every kind", "[patterns][prefilter]") {
    RulePack pack = onus::load_rule_pack({starter_pack()});
    const std::vector<std::string> texts{
        "Provider shall encrypt Customer Data at rest, except as set out in Section 4.",
        "Customer is responsible for its passwords and may not share them.",
        "The Service is hosted in Frankfurt.", "", std::string(120000, 'a') + " shall"};
    for (const std::string& t : texts) {
        const onus::NormalizedText text = onus::normalize(t);
        const onus::PreparedText prepared = pack.prepare(text);
        CHECK(&prepared.text() == &text);
        for (RuleKind kind : {RuleKind::domain, RuleKind::modality, RuleKind::party, RuleKind::carveout,
                              RuleKind::model}) {
            std::vector<onus::RuleFailure> plain_failures, prepared_failures;
            auto plain = pack.match(text, kind, &plain_failures);
            auto from_prepared = pack.match(prepared, kind, &prepared_failures);
            REQUIRE(plain.size() == from_prepared.size());
            for (std::size_t i = 0; i < plain.size(); ++i) {
                CHECK(plain[i].rule == from_prepared[i].rule);
                CHECK(plain[i].start == from_prepared[i].start);
                CHECK(plain[i].end == from_prepared[i].end);
            }
            CHECK(plain_failures.size() == prepared_failures.size());
        }
    }
    RulePack other = onus::load_rule_pack({starter_pack()});
    const onus::NormalizedText text = onus::normalize("Provider shall encrypt.");
    CHECK_THROWS_AS(other.match(pack.prepare(text), RuleKind::modality), std::logic_error);
}

TEST_CASE("the prefilter never changes what matches", "[patterns][prefilter]") {
    // Patterns of every shape the extractor handles, over random texts from a
    // small vocabulary so that both hits and misses are frequent.
    const std::vector<std::string> patterns{
        "\\bshall\\b", "\\bshall not\\b", "\\b(?:is|are) (?:not )?responsible for\\b", "encrypt(s|ed|ion)?",
        "\\bback ?ups?\\b", "(?<!by )\\bmeans\\b", "provider\\s+shall", "\\bmay|\\bcan\\b", "at [a-z]+'s own risk",
        "\"as[ -]is\"", "\\b(?:shall|will) not be (?:liable|responsible)\\b", "(?i:KEY)s?\\b", "\\bnot(?!ice)",
        "data\\W+at rest", "[sz]ation\\b", "\\Qsub-processor\\E", "x{2,3}y", "\\bstra(ss|ß)e\\b", "ab+c", "(?:a|bc)d",
        "at (?:its|your|[a-z]+'s) own risk", "(?:provider\\s+shall|customer\\W+may)", "(?:\\d+ days|within \\w+ hours)",
    };
    const std::vector<std::string> vocabulary{
        "shall", "not", "notice", "is", "are", "responsible", "for", "encrypts", "encrypted", "back", "ups", "backup",
        "by", "means", "provider", "may", "can", "cannot", "at", "customer's", "own", "risk", "\"as", "is\"", "as-is",
        "will", "be", "liable", "key", "keys", "data", "rest", "-", "organisation", "sub-processor", "xxy", "xy",
        "straße", "strasse", "abbc", "ac", "ad", "bcd", "SHALL", "“as", "is”", ",", "its", "your", "24", "days",
        "within", "hours"};
    std::string yaml = "kind: carveout\nrules:\n";
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        std::string quoted;
        for (char c : patterns[i]) quoted += (c == '\'') ? std::string("''") : std::string(1, c);
        yaml += "  - id: r" + std::to_string(i) + "\n    description: d\n    patterns: ['" + quoted +
                "']\n    examples: {match: [a], no_match: [b]}\n";
    }
    TempPack t;
    t.write("p.yaml", yaml);
    RulePack pack = onus::load_rule_pack({t.dir()});
    REQUIRE(pack.rules().size() == patterns.size());

    std::mt19937 random(20240611);  // fixed: the same texts on every run
    std::uniform_int_distribution<std::size_t> word(0, vocabulary.size() - 1), length(1, 12);
    onus::patterns_detail::MatchOptions on, off;
    off.prefilter = false;
    on.resolve_priority = off.resolve_priority = false;
    onus::patterns_detail::MatchStats stats;
    std::size_t hits = 0;
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        for (std::size_t n = length(random); n > 0; --n) text += vocabulary[word(random)] + " ";
        onus::NormalizedText normalized = onus::normalize(text);
        auto a = onus::patterns_detail::match_rules(pack, normalized, RuleKind::carveout, nullptr, on, &stats);
        auto b = onus::patterns_detail::match_rules(pack, normalized, RuleKind::carveout, nullptr, off);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            INFO(text << " / " << a[i].rule->patterns[0]);
            CHECK(a[i].rule == b[i].rule);
            CHECK(a[i].start == b[i].start);
            CHECK(a[i].end == b[i].end);
        }
        hits += a.size();
    }
    CHECK(hits > 1000);         // the texts do exercise the patterns...
    CHECK(stats.skipped > 1000);  // ...and the prefilter does skip work
}
