// Tests for onus::analyze (onus/analysis.hpp) with the shipped rule pack:
// who a clause binds, how strongly, over which domain, and on which words;
// then the matrix against the baseline, the findings, and the delivery-model
// guess. Agreements are small Markdown texts written inline; the shared
// corpus, when present, checks that every evidence span is the clause's own
// words.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/error.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

const onus::RulePack& shipped_pack() {
    static const onus::RulePack pack = onus::load_rule_pack({ONUS_SOURCE_DIR "/clause-patterns"});
    return pack;
}

// A Markdown agreement with the usual preamble; `body` holds the clauses.
const char* kPreamble =
    "# Master Agreement\n\n"
    "This agreement is between Acme Cloud Inc. (\"Provider\") and Beta Corp (\"Customer\").\n\n"
    "1. Terms\n\n";

struct Scanned {
    onus::Document doc;
    onus::Analysis analysis;
};

Scanned scan_markdown(const std::string& markdown, const std::string& model = "saas",
                      const onus::RulePack& pack = shipped_pack()) {
    Scanned s{onus::load_bytes(markdown, "agreement.md"), {}};
    onus::AnalysisOptions options;
    options.model = model;
    s.analysis = onus::analyze(s.doc, pack, options);
    return s;
}

Scanned scan_clauses(const std::string& body, const std::string& model = "saas") {
    return scan_markdown(std::string(kPreamble) + body, model);
}

const onus::Clause* clause_by_id(const onus::Document& doc, const std::string& id) {
    for (const onus::Clause& c : doc.clauses)
        if (c.id == id) return &c;
    return nullptr;
}

// Evidence names real words: the slice [start, end) of its clause's text.
void check_span(const onus::Document& doc, const onus::Evidence& e) {
    INFO("evidence '" << e.text << "' in clause " << e.clause_id << " [" << e.start << ", " << e.end << ")");
    const onus::Clause* c = clause_by_id(doc, e.clause_id);
    REQUIRE(c);
    REQUIRE(e.start <= e.end);
    REQUIRE(e.end <= c->text.size());
    CHECK(c->text.substr(e.start, e.end - e.start) == e.text);
}

void check_span(const onus::Document& doc, const onus::Evidence& e, const std::string& clause_id,
                const std::string& text) {
    CHECK(e.clause_id == clause_id);
    CHECK(e.text == text);
    check_span(doc, e);
}

// `id` is `clause_id` or one of the clauses above it.
bool is_self_or_ancestor(const onus::Document& doc, const std::string& id, const std::string& clause_id) {
    const onus::Clause* c = clause_by_id(doc, clause_id);
    while (c) {
        if (c->id == id) return true;
        c = c->parent ? &doc.clauses[*c->parent] : nullptr;
    }
    return false;
}

const onus::Tag& tag_of(const Scanned& s, const std::string& clause_id, const std::string& domain) {
    for (std::size_t i = 0; i < s.analysis.clauses.size(); ++i) {
        if (s.analysis.clauses[i].clause_id != clause_id) continue;
        for (const onus::Tag& t : s.analysis.clauses[i].tags)
            if (t.domain == domain) return t;
    }
    FAIL("no " << domain << " tag on clause " << clause_id);
    throw std::logic_error("unreachable");
}

std::vector<const onus::Finding*> findings_of(const onus::Analysis& a, const std::string& kind,
                                              const std::string& domain) {
    std::vector<const onus::Finding*> out;
    for (const onus::Finding& f : a.findings)
        if (f.kind == kind && f.domain == domain) out.push_back(&f);
    return out;
}

using Strings = std::vector<std::string>;

// The domains clause `clause_id` is tagged with, in tag order.
Strings domains_of(const Scanned& s, const std::string& clause_id) {
    Strings out;
    for (const onus::ClauseAnalysis& c : s.analysis.clauses)
        if (c.clause_id == clause_id)
            for (const onus::Tag& t : c.tags) out.push_back(t.domain);
    return out;
}

}  // namespace

// ------------------------------------------------------------ attribution

TEST_CASE("the subject before the binding words is the party bound", "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Customer shall keep its passwords confidential.\n\n"
        "1.2 Provider will encrypt Customer Data at rest.\n");

    SECTION("Customer shall") {
        const onus::Tag& t = tag_of(s, "1.1", "identity");
        CHECK(t.party == "customer");
        CHECK(t.modality == "obligation");
        CHECK_FALSE(t.negated);
        CHECK(t.rule == "identity.credentials");
        check_span(s.doc, t.evidence, "1.1", "passwords");
        check_span(s.doc, t.party_evidence, "1.1", "Customer");
        check_span(s.doc, t.modality_evidence, "1.1", "shall");
        CHECK(t.modality_evidence.rule == "modality.obligation");
        CHECK(t.party_evidence.rule == "");  // "Customer" was learned from the preamble
    }
    SECTION("Provider will") {
        const onus::Tag& t = tag_of(s, "1.2", "data");
        CHECK(t.party == "provider");
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.evidence, "1.2", "encrypt");
        check_span(s.doc, t.party_evidence, "1.2", "Provider");
        check_span(s.doc, t.modality_evidence, "1.2", "will");
    }
    SECTION("one tag per domain") {
        for (const onus::ClauseAnalysis& ca : s.analysis.clauses)
            for (std::size_t i = 0; i < ca.tags.size(); ++i)
                for (std::size_t j = i + 1; j < ca.tags.size(); ++j) CHECK(ca.tags[i].domain != ca.tags[j].domain);
    }
}

TEST_CASE("role words bind without a preamble defining them", "[analysis][party]") {
    Scanned s = scan_markdown("# Terms\n\n1. Security\n\n1.1 The Supplier shall patch the operating system.\n");
    const onus::Tag& t = tag_of(s, "1.1", "platform");
    CHECK(t.party == "provider");
    check_span(s.doc, t.party_evidence, "1.1", "Supplier");
    CHECK(t.party_evidence.rule == "party.provider");
}

TEST_CASE("pronouns defined in the preamble name the parties", "[analysis][party]") {
    // "we"/"you" become aliases when the preamble puts them in the party's
    // parenthesis; "our"/"your" follow as the same family.
    Scanned s = scan_markdown(
        "# Master Agreement\n\n"
        "This agreement is between Acme Cloud Inc. (\"Provider\", \"we\" or \"us\") and Beta Corp "
        "(\"Customer\" or \"you\").\n\n"
        "1. Terms\n\n"
        "1.1 You are responsible for your passwords.\n\n"
        "1.2 We will encrypt Customer Data in transit.\n\n"
        "1.3 Customer may ask us to patch the operating system.\n",
        "saas");

    SECTION("You are responsible for") {
        const onus::Tag& t = tag_of(s, "1.1", "identity");
        CHECK(t.party == "customer");
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.evidence, "1.1", "passwords");
        check_span(s.doc, t.party_evidence, "1.1", "You");
        check_span(s.doc, t.modality_evidence, "1.1", "are responsible for");
    }
    SECTION("we will") {
        const onus::Tag& t = tag_of(s, "1.2", "data");
        CHECK(t.party == "provider");
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.party_evidence, "1.2", "We");
        check_span(s.doc, t.modality_evidence, "1.2", "will");
    }
    SECTION("a pronoun after the binding words is an object, not the subject") {
        const onus::Tag& t = tag_of(s, "1.3", "platform");
        CHECK(t.party == "customer");
        CHECK(t.modality == "permission");
        check_span(s.doc, t.party_evidence, "1.3", "Customer");
    }
}

TEST_CASE("the party after the binding words is bound in passive and 'responsibility of' wording",
          "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Patching the hypervisor is the responsibility of Provider.\n\n"
        "1.2 Customer Data shall be encrypted by Provider.\n\n"
        "1.3 Customer acknowledges that Customer Data in a Beta Product may be deleted at Provider's sole discretion.\n");

    SECTION("is the responsibility of Provider") {
        for (const char* domain : {"platform", "infrastructure"}) {
            const onus::Tag& t = tag_of(s, "1.1", domain);
            CHECK(t.party == "provider");
            CHECK(t.modality == "obligation");
            check_span(s.doc, t.party_evidence, "1.1", "Provider");
            check_span(s.doc, t.modality_evidence, "1.1", "is the responsibility of");
        }
        check_span(s.doc, tag_of(s, "1.1", "platform").evidence, "1.1", "Patching");
        check_span(s.doc, tag_of(s, "1.1", "infrastructure").evidence, "1.1", "hypervisor");
    }
    SECTION("shall be encrypted by Provider") {
        const onus::Tag& t = tag_of(s, "1.2", "data");
        CHECK(t.party == "provider");  // not "Customer" of "Customer Data", which is another term
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.evidence, "1.2", "Customer Data");
        check_span(s.doc, t.party_evidence, "1.2", "Provider");
        check_span(s.doc, t.modality_evidence, "1.2", "shall");
    }
    SECTION("may be deleted at Provider's discretion") {
        const onus::Tag& t = tag_of(s, "1.3", "data");
        CHECK(t.party == "provider");  // not the Customer who acknowledges it
        CHECK(t.modality == "permission");
        check_span(s.doc, t.party_evidence, "1.3", "Provider");
    }
}

TEST_CASE("wording that binds both parties is shared", "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Each party shall comply with all applicable laws.\n\n"
        "1.2 Neither party shall disclose Customer Data.\n\n"
        "1.3 Customer and Provider shall each protect their passwords.\n\n"
        "1.4 Provider shall encrypt Customer Data and Customer shall encrypt its own devices.\n");

    SECTION("Each party shall") {
        const onus::Tag& t = tag_of(s, "1.1", "compliance");
        CHECK(t.party == "shared");
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.evidence, "1.1", "comply with all applicable laws");
        check_span(s.doc, t.party_evidence, "1.1", "Each party");
        CHECK(t.party_evidence.rule == "party.both");
        check_span(s.doc, t.modality_evidence, "1.1", "shall");
    }
    SECTION("Neither party") {
        const onus::Tag& t = tag_of(s, "1.2", "data");
        CHECK(t.party == "shared");
        check_span(s.doc, t.evidence, "1.2", "Customer Data");
        check_span(s.doc, t.party_evidence, "1.2", "Neither party");
    }
    SECTION("Customer and Provider shall") {
        const onus::Tag& t = tag_of(s, "1.3", "identity");
        CHECK(t.party == "shared");
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.evidence, "1.3", "passwords");
        check_span(s.doc, t.party_evidence, "1.3", "Customer and Provider");
        check_span(s.doc, t.modality_evidence, "1.3", "shall");
    }
    SECTION("each party with its own duty over one domain in one sentence") {
        const onus::Tag& t = tag_of(s, "1.4", "data");
        CHECK(t.party == "shared");
        CHECK(t.modality == "obligation");
        check_span(s.doc, t.evidence, "1.4", "encrypt");
    }
}

TEST_CASE("each party holds a domain only through the binding words that govern it", "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Provider will delete Customer Data and each party will delete the other's Confidential Information.\n");
    const onus::Tag& t = tag_of(s, "1.1", "data");
    CHECK(t.party == "provider");
    check_span(s.doc, t.party_evidence, "1.1", "Provider");
}

TEST_CASE("a sentence of details that names no domain binds its party to the clause's one domain", "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Provider shall remediate the Security Incident. Customer is responsible for notifying its own "
        "end users.\n\n"
        "1.2 Provider shall remediate the Security Incident and encrypt its backups. Customer is responsible "
        "for notifying its own end users.\n");
    CHECK(tag_of(s, "1.1", "incident").party == "shared");
    // With a second domain in the clause, the details cannot be told apart.
    CHECK(tag_of(s, "1.2", "incident").party == "provider");
}

TEST_CASE("a run-in heading is bound as the sentence after it binds", "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Calculating Response Time. Provider and Customer agree to calculate the response time from the "
        "support request.\n\n"
        "1.2 Support. Provider will answer every support request.\n");
    const onus::Tag& agreed = tag_of(s, "1.1", "availability");
    CHECK(agreed.party == "none");
    CHECK(agreed.modality == "statement");
    CHECK(tag_of(s, "1.2", "availability").party == "provider");
}

TEST_CASE("customer data named in an incident clause is the incident's", "[analysis][domain]") {
    Scanned s = scan_clauses(
        "1.1 Provider will notify Customer of a Security Incident affecting Customer Data within 48 hours. "
        "The notice describes the data subjects concerned.\n\n"
        "1.2 Provider will encrypt Customer Data at rest.\n");
    CHECK(domains_of(s, "1.1") == Strings{"incident"});
    CHECK(tag_of(s, "1.2", "data").party == "provider");
}

TEST_CASE("words about the agreement's own words and names of the agreement tag nothing", "[analysis][domain]") {
    Scanned s = scan_clauses(
        "1.1 Terms used but not defined in this DPA, such as \"personal data breach\" and \"processing\", "
        "have the meaning given in the GDPR.\n\n"
        "1.2 \"SLA\" means these SLA Standard Terms as incorporated into the Order Form.\n\n"
        "1.3 \"Uptime\" means the percentage of minutes in a month in which the Service is available.\n\n"
        "1.4 If Customer requires Support for earlier Releases, Customer must pay for that Support.\n");
    CHECK(domains_of(s, "1.1").empty());
    CHECK(domains_of(s, "1.2").empty());
    CHECK(tag_of(s, "1.3", "availability").party == "none");
    // A duty to pay is not a hold on what is paid for.
    const onus::Tag& support = tag_of(s, "1.4", "availability");
    CHECK(support.party == "none");
    CHECK(support.modality == "statement");
}

TEST_CASE("a disclaimer leaves the domain with the other party", "[analysis][modality]") {
    Scanned s = scan_clauses(
        "1.1 Provider is not responsible for Customer's backups.\n\n"
        "1.2 Provider is not required to monitor network traffic.\n\n"
        "1.3 The Service is provided \"AS IS\".\n");

    SECTION("is not responsible for") {
        const onus::Tag& t = tag_of(s, "1.1", "data");
        CHECK(t.party == "customer");  // the holder, not the party named
        CHECK(t.modality == "disclaimer");
        CHECK(t.negated);
        CHECK(t.rule == "data.backup");
        check_span(s.doc, t.evidence, "1.1", "backups");
        check_span(s.doc, t.party_evidence, "1.1", "Provider");
        check_span(s.doc, t.modality_evidence, "1.1", "is not responsible for");
        CHECK(t.modality_evidence.rule == "modality.disclaimer");
    }
    SECTION("is not required to") {
        const onus::Tag& t = tag_of(s, "1.2", "network");
        CHECK(t.party == "customer");
        CHECK(t.modality == "disclaimer");
        CHECK(t.negated);
        check_span(s.doc, t.evidence, "1.2", "network traffic");
        check_span(s.doc, t.modality_evidence, "1.2", "is not required to");
    }
    SECTION("AS IS with nobody named is the provider's disclaimer") {
        const onus::Tag& t = tag_of(s, "1.3", "application");
        CHECK(t.party == "customer");
        CHECK(t.modality == "disclaimer");
        CHECK(t.party_evidence.text.empty());
        check_span(s.doc, t.modality_evidence);
        CHECK(t.modality_evidence.text.find("AS IS") != std::string::npos);
    }
}

TEST_CASE("own-risk and sole-responsibility wording leaves the domain with the party named",
          "[analysis][modality]") {
    Scanned s = scan_clauses(
        "1.1 Customer uses third-party integrations at its own risk.\n\n"
        "1.2 Customer is solely responsible for its passwords.\n\n"
        "1.3 Securing endpoints is the sole responsibility of the Customer.\n");

    SECTION("at its own risk") {
        const onus::Tag& t = tag_of(s, "1.1", "apis");
        CHECK(t.party == "customer");
        CHECK(t.modality == "disclaimer");
        CHECK_FALSE(t.negated);
        check_span(s.doc, t.evidence, "1.1", "third-party integrations");
        check_span(s.doc, t.party_evidence, "1.1", "Customer");
        check_span(s.doc, t.modality_evidence, "1.1", "at its own risk");
        CHECK(t.modality_evidence.rule == "modality.own-risk");
    }
    SECTION("solely responsible") {
        const onus::Tag& t = tag_of(s, "1.2", "identity");
        CHECK(t.party == "customer");
        CHECK(t.modality == "disclaimer");
        check_span(s.doc, t.modality_evidence, "1.2", "solely responsible");
    }
    SECTION("the sole responsibility of the Customer") {
        const onus::Tag& t = tag_of(s, "1.3", "endpoint");
        CHECK(t.party == "customer");
        CHECK(t.modality == "disclaimer");
        check_span(s.doc, t.evidence, "1.3", "endpoints");
        check_span(s.doc, t.party_evidence, "1.3", "Customer");
        check_span(s.doc, t.modality_evidence, "1.3", "sole responsibility");
    }
}

TEST_CASE("efforts, permission and prohibition", "[analysis][modality]") {
    Scanned s = scan_clauses(
        "1.1 Provider will use commercially reasonable efforts to make the Service available 99.9% of the time.\n\n"
        "1.2 Customer may export Customer Data at any time.\n\n"
        "1.3 Customer shall not share its passwords.\n");

    SECTION("commercially reasonable efforts") {
        const onus::Tag& t = tag_of(s, "1.1", "availability");
        CHECK(t.party == "provider");
        CHECK(t.modality == "efforts");  // the efforts phrase takes its "will" with it
        CHECK_FALSE(t.negated);
        check_span(s.doc, t.evidence, "1.1", "make the Service available");
        check_span(s.doc, t.party_evidence, "1.1", "Provider");
        check_span(s.doc, t.modality_evidence, "1.1", "will use commercially reasonable efforts");
        CHECK(t.modality_evidence.rule == "modality.efforts");
    }
    SECTION("may") {
        const onus::Tag& t = tag_of(s, "1.2", "data");
        CHECK(t.party == "customer");
        CHECK(t.modality == "permission");
        check_span(s.doc, t.evidence, "1.2", "export Customer Data");
        check_span(s.doc, t.party_evidence, "1.2", "Customer");
        check_span(s.doc, t.modality_evidence, "1.2", "may");
    }
    SECTION("shall not") {
        const onus::Tag& t = tag_of(s, "1.3", "identity");
        CHECK(t.party == "customer");
        CHECK(t.modality == "prohibition");  // one prohibition, not "shall" plus "not"
        CHECK(t.negated);
        check_span(s.doc, t.evidence, "1.3", "passwords");
        check_span(s.doc, t.modality_evidence, "1.3", "shall not");
        CHECK(t.modality_evidence.rule == "modality.prohibition");
    }
}

TEST_CASE("the negation flag follows the binding words", "[analysis][modality]") {
    Scanned s = scan_clauses(
        "1.1 Provider shall notify Customer of Security Incidents.\n\n"
        "1.2 Provider is not required to notify Customer of Security Incidents caused by Customer.\n\n"
        "1.3 Provider will not access Customer Data.\n");
    CHECK_FALSE(tag_of(s, "1.1", "incident").negated);
    CHECK(tag_of(s, "1.1", "incident").modality == "obligation");
    CHECK(tag_of(s, "1.2", "incident").negated);
    CHECK(tag_of(s, "1.2", "incident").modality == "disclaimer");
    CHECK(tag_of(s, "1.2", "incident").party == "customer");
    CHECK(tag_of(s, "1.3", "data").negated);
    CHECK(tag_of(s, "1.3", "data").modality == "prohibition");
    check_span(s.doc, tag_of(s, "1.3", "data").modality_evidence, "1.3", "will not");
}

TEST_CASE("a definition binds nobody", "[analysis][modality]") {
    Scanned s = scan_clauses(
        "1.1 “Customer Data” means all data that Customer shall submit to the Service.\n");
    const onus::Tag& t = tag_of(s, "1.1", "data");
    CHECK(t.party == "none");  // whatever "Customer shall" inside the definition says
    CHECK(t.modality == "statement");
    CHECK_FALSE(t.negated);
    check_span(s.doc, t.evidence, "1.1", "Customer Data");
    CHECK(t.party_evidence.text.empty());
}

TEST_CASE("a glossary entry binds nobody, nor does the clause", "[analysis][modality]") {
    Scanned s = scan_clauses("1.1 Service Credit: a dollar credit, calculated as set forth below, that Provider may credit "
                             "back against the Uptime commitment.\n");
    const onus::Tag& t = tag_of(s, "1.1", "availability");
    CHECK(t.party == "none");
    CHECK(t.modality == "statement");
    CHECK(s.analysis.clauses.front().modality.empty());  // "may" inside the definition is not the clause's binding
}

TEST_CASE("'guarantee' binds as a verb, not as a noun", "[analysis][modality]") {
    Scanned s = scan_clauses(
        "1.1 Provider guarantees a quarterly Uptime of 99.9%.\n\n"
        "1.2 If Provider does not meet its Uptime guarantee, Provider may issue Service Credits.\n");
    CHECK(tag_of(s, "1.1", "availability").modality == "obligation");
    const onus::Tag& t = tag_of(s, "1.2", "availability");
    CHECK(t.modality == "permission");
    check_span(s.doc, t.modality_evidence, "1.2", "may");
}

TEST_CASE("a list item takes the subject of its lead-in", "[analysis][party]") {
    Scanned s = scan_clauses(
        "1.1 Customer:\n\n"
        "(a) will not share credentials with third parties;\n\n"
        "(b) will enable multi-factor authentication.\n");
    REQUIRE(clause_by_id(s.doc, "1.1(a)"));

    const onus::Tag& a = tag_of(s, "1.1(a)", "identity");
    CHECK(a.party == "customer");
    CHECK(a.modality == "prohibition");
    CHECK(a.negated);
    check_span(s.doc, a.evidence, "1.1(a)", "credentials");
    check_span(s.doc, a.party_evidence, "1.1", "Customer");  // the lead-in's words
    check_span(s.doc, a.modality_evidence, "1.1(a)", "will not");

    const onus::Tag& b = tag_of(s, "1.1(b)", "identity");
    CHECK(b.party == "customer");
    CHECK(b.modality == "obligation");
    check_span(s.doc, b.evidence, "1.1(b)", "multi-factor");
    check_span(s.doc, b.party_evidence, "1.1", "Customer");
}

TEST_CASE("a list item names its object, not its subject, after its lead-in's verb", "[analysis][party]") {
    // "Customer shall: (c) notify Provider ..." binds the customer; Provider
    // is whom it notifies.
    Scanned s = scan_clauses(
        "1.1 Customer shall:\n\n"
        "(a) keep its passwords confidential; and\n\n"
        "(b) notify Provider without undue delay of any unauthorized use of its accounts.\n");
    REQUIRE(clause_by_id(s.doc, "1.1(b)"));
    const onus::Tag& b = tag_of(s, "1.1(b)", "incident");
    CHECK(b.party == "customer");
    for (const onus::ClauseAnalysis& ca : s.analysis.clauses)
        if (ca.clause_id == "1.1(b)") CHECK(ca.party == "customer");
}

TEST_CASE("carve-outs are kept with the reference they point at", "[analysis][carveout]") {
    Scanned s = scan_clauses(
        "1.1 Provider shall encrypt Customer Data, except as set out in Section 12.3, using AES-256.\n\n"
        "1.2 Provider shall maintain firewalls, unless Customer requests otherwise.\n\n"
        "1.3 Provider shall encrypt its backups, except as set out in Section 9.9, daily.\n\n"
        "1.4 Provider shall patch the operating system.\n\n"
        "12. Exceptions\n\n"
        "12.3 Archived data is kept unencrypted.\n");
    REQUIRE(clause_by_id(s.doc, "12.3"));

    SECTION("a reference to a clause that exists") {
        const onus::Tag& t = tag_of(s, "1.1", "data");
        REQUIRE(t.carveouts.size() == 1);
        const onus::Carveout& c = t.carveouts[0];
        check_span(s.doc, c.evidence, "1.1", "except as set out in Section 12.3");
        CHECK(c.evidence.rule == "carveout.except");
        CHECK(c.refers_to == "12.3");
        auto found = findings_of(s.analysis, "carve-out", "data");
        REQUIRE(found.size() == 2);  // 1.1 and 1.3
        CHECK(found[0]->severity == onus::Severity::low);
        CHECK(found[0]->clauses == Strings{"1.1", "12.3"});
        REQUIRE(found[0]->evidence.size() == 1);
        check_span(s.doc, found[0]->evidence[0], "1.1", "except as set out in Section 12.3");
    }
    SECTION("a condition with no reference") {
        const onus::Tag& t = tag_of(s, "1.2", "network");
        REQUIRE(t.carveouts.size() == 1);
        CHECK(t.carveouts[0].evidence.rule == "carveout.unless");
        CHECK(t.carveouts[0].refers_to.empty());
        check_span(s.doc, t.carveouts[0].evidence);
        CHECK(t.carveouts[0].evidence.text.rfind("unless Customer requests otherwise", 0) == 0);
    }
    SECTION("a reference to a clause that does not exist") {
        const onus::Tag& t = tag_of(s, "1.3", "data");
        REQUIRE(t.carveouts.size() == 1);
        check_span(s.doc, t.carveouts[0].evidence, "1.3", "except as set out in Section 9.9");
        CHECK(t.carveouts[0].refers_to.empty());
    }
    SECTION("no carve-out words, no carve-out") {
        CHECK(tag_of(s, "1.4", "platform").carveouts.empty());
    }
}

// ---------------------------------------------------------------- matrix

TEST_CASE("a domain only the provider holds agrees with the SaaS baseline", "[analysis][matrix]") {
    Scanned s = scan_clauses(
        "1.1 Provider shall maintain firewalls.\n\n"
        "1.2 Provider shall monitor network traffic.\n");
    const onus::MatrixCell& cell = s.analysis.matrix.at("network");
    CHECK(cell.holder == "provider");
    CHECK(cell.baseline == "provider");
    CHECK(cell.status == "agrees");
    CHECK(cell.clauses == Strings{"1.1", "1.2"});
    CHECK(findings_of(s.analysis, "deviation", "network").empty());
    CHECK(findings_of(s.analysis, "gap", "network").empty());
}

TEST_CASE("a provider domain the customer holds deviates, with a high finding", "[analysis][matrix]") {
    Scanned s = scan_clauses("1.1 Customer shall configure firewalls for its network.\n");
    const onus::MatrixCell& cell = s.analysis.matrix.at("network");
    CHECK(cell.holder == "customer");
    CHECK(cell.baseline == "provider");
    CHECK(cell.status == "deviates");
    CHECK(cell.clauses == Strings{"1.1"});
    auto found = findings_of(s.analysis, "deviation", "network");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->severity == onus::Severity::high);
    CHECK(found[0]->clauses == Strings{"1.1"});
    CHECK(found[0]->message.find("network") != std::string::npos);
    // Most severe first.
    REQUIRE_FALSE(s.analysis.findings.empty());
    CHECK(s.analysis.findings.front().severity == onus::Severity::high);
}

TEST_CASE("a model decides the baseline the same words are measured against", "[analysis][matrix]") {
    const std::string body = "1.1 Customer shall configure firewalls for its network.\n";
    CHECK(scan_clauses(body, "saas").analysis.matrix.at("network").status == "deviates");
    const onus::Analysis iaas = scan_clauses(body, "iaas").analysis;
    CHECK(iaas.matrix.at("network").baseline == "customer");
    CHECK(iaas.matrix.at("network").status == "agrees");
    CHECK(findings_of(iaas, "deviation", "network").empty());
}

TEST_CASE("a domain no clause touches is unassigned and a gap", "[analysis][matrix]") {
    Scanned s = scan_clauses("1.1 Customer shall keep its passwords confidential.\n");
    REQUIRE(s.analysis.matrix.size() == onus::domain_ids().size());
    const onus::MatrixCell& platform = s.analysis.matrix.at("platform");
    CHECK(platform.holder == "unassigned");
    CHECK(platform.baseline == "provider");
    CHECK(platform.status == "silent");
    CHECK(platform.clauses.empty());
    auto gap = findings_of(s.analysis, "gap", "platform");
    REQUIRE(gap.size() == 1);
    CHECK(gap[0]->severity == onus::Severity::medium);
    CHECK(gap[0]->clauses.empty());

    // A domain with no default holder is silent too, not "no-baseline".
    const onus::MatrixCell& incident = s.analysis.matrix.at("incident");
    CHECK(incident.holder == "unassigned");
    CHECK(incident.baseline.empty());
    CHECK(incident.status == "silent");
    CHECK(findings_of(s.analysis, "gap", "incident").size() == 1);
    CHECK(findings_of(s.analysis, "gap", "identity").empty());
}

TEST_CASE("a control promised and disclaimed is a conflict", "[analysis][matrix]") {
    Scanned s = scan_clauses(
        "1.1 Provider shall back up Customer Data daily.\n\n"
        "1.2 Provider is not responsible for Customer's backups.\n");
    CHECK(tag_of(s, "1.1", "data").party == "provider");
    CHECK(tag_of(s, "1.2", "data").party == "customer");
    const onus::MatrixCell& cell = s.analysis.matrix.at("data");
    CHECK(cell.holder == "conflict");
    CHECK(cell.clauses == Strings{"1.1", "1.2"});
    auto found = findings_of(s.analysis, "conflict", "data");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->severity == onus::Severity::high);
    CHECK(found[0]->clauses == Strings{"1.1", "1.2"});
    CHECK(findings_of(s.analysis, "deviation", "data").empty());  // the conflict says it
}

TEST_CASE("permissions and statements do not assign a domain", "[analysis][matrix]") {
    Scanned s = scan_clauses(
        "1.1 Provider may maintain firewalls.\n\n"
        "1.2 “Firewall Rules” means the rules Provider shall configure for its firewalls.\n");
    CHECK(tag_of(s, "1.1", "network").modality == "permission");
    CHECK(tag_of(s, "1.2", "network").modality == "statement");
    CHECK(s.analysis.matrix.at("network").holder == "unassigned");
    CHECK(findings_of(s.analysis, "gap", "network").size() == 1);
}

TEST_CASE("efforts on availability is a weak finding", "[analysis][findings]") {
    Scanned s = scan_clauses(
        "1.1 Provider will use commercially reasonable efforts to make the Service available 99.9% of the time.\n");
    CHECK(s.analysis.matrix.at("availability").holder == "provider");
    auto weak = findings_of(s.analysis, "weak", "availability");
    REQUIRE(weak.size() == 1);
    CHECK(weak[0]->severity == onus::Severity::medium);
    CHECK(weak[0]->clauses == Strings{"1.1"});
    REQUIRE(weak[0]->evidence.size() == 1);
    check_span(s.doc, weak[0]->evidence[0], "1.1", "will use commercially reasonable efforts");
    CHECK(weak[0]->message.find("commercially reasonable efforts") != std::string::npos);

    Scanned firm = scan_clauses("1.1 Provider shall make the Service available 99.9% of the time.\n");
    CHECK(findings_of(firm.analysis, "weak", "availability").empty());
}

TEST_CASE("findings are ordered most severe first", "[analysis][findings]") {
    Scanned s = scan_clauses(
        "1.1 Provider will use commercially reasonable efforts to make the Service available.\n\n"
        "1.2 Customer shall configure firewalls for its network.\n");
    REQUIRE(s.analysis.findings.size() >= 2);
    for (std::size_t i = 1; i < s.analysis.findings.size(); ++i)
        CHECK(s.analysis.findings[i - 1].severity >= s.analysis.findings[i].severity);
    for (const onus::Finding& f : s.analysis.findings) {
        CHECK_FALSE(f.message.empty());
        CHECK(std::find(onus::domain_ids().begin(), onus::domain_ids().end(), f.domain) != onus::domain_ids().end());
    }
}

// ----------------------------------------------------------- model guess

TEST_CASE("the delivery model is guessed from the agreement's words", "[analysis][model]") {
    SECTION("software as a service") {
        Scanned s = scan_clauses("1.1 Provider offers the Service as software as a service.\n", "auto");
        CHECK(s.analysis.model == "saas");
        CHECK(s.analysis.model_guessed);
        CHECK(s.analysis.model_evidence.rule == "model.saas");
        check_span(s.doc, s.analysis.model_evidence, "1.1", "software as a service");
    }
    SECTION("virtual machines, twice") {
        Scanned s = scan_clauses(
            "1.1 Customer may launch virtual machines in any region.\n\n"
            "1.2 Customer is responsible for its virtual machines.\n",
            "auto");
        CHECK(s.analysis.model == "iaas");
        CHECK(s.analysis.model_guessed);
        CHECK(s.analysis.model_evidence.rule == "model.iaas");
        check_span(s.doc, s.analysis.model_evidence, "1.1", "virtual machines");
        CHECK(s.analysis.matrix.at("network").baseline == "customer");  // the iaas baseline is used
    }
    SECTION("no cue: SaaS, with no evidence") {
        Scanned s = scan_clauses("1.1 Customer shall pay the fees.\n", "auto");
        CHECK(s.analysis.model == "saas");
        CHECK(s.analysis.model_guessed);
        CHECK(s.analysis.model_evidence.text.empty());
        CHECK(s.analysis.model_evidence.rule.empty());
        CHECK(s.analysis.model_evidence.start == s.analysis.model_evidence.end);
    }
    SECTION("an explicit model wins over the cues") {
        Scanned s = scan_clauses(
            "1.1 Customer may launch virtual machines in any region.\n\n"
            "1.2 Customer is responsible for its virtual machines.\n",
            "paas");
        CHECK(s.analysis.model == "paas");
        CHECK_FALSE(s.analysis.model_guessed);
        CHECK(s.analysis.model_evidence.text.empty());
        CHECK(s.analysis.matrix.at("apis").baseline == "customer");
        CHECK(s.analysis.matrix.at("platform").baseline == "provider");
    }
    SECTION("a model the pack has no baseline for is refused") {
        onus::Document doc = onus::load_bytes(std::string(kPreamble) + "1.1 Customer shall pay.\n", "a.md");
        onus::AnalysisOptions options;
        options.model = "faas";
        CHECK_THROWS_AS(onus::analyze(doc, shipped_pack(), options), onus::Error);
        try {
            onus::analyze(doc, shipped_pack(), options);
        } catch (const onus::Error& e) {
            CHECK(e.code() == onus::ErrorCode::pattern);
        }
    }
}

// ------------------------------------------------------------ robustness

TEST_CASE("a catastrophic user pattern is a rule failure, not a hang", "[analysis][failures]") {
    const fs::path dir = fs::temp_directory_path() / "onus-analysis-test-evil-pack";
    fs::create_directories(dir);
    std::ofstream(dir / "evil.yaml") << "kind: domain\n"
                                        "rules:\n"
                                        "  - id: evil.nested\n"
                                        "    domain: network\n"
                                        "    description: Nested open-ended repetition.\n"
                                        "    patterns: ['(a+)+$']\n"
                                        "    examples:\n"
                                        "      match: [\"aaa\"]\n"
                                        "      no_match: [\"bbb\"]\n";
    const onus::RulePack pack = onus::load_rule_pack({ONUS_SOURCE_DIR "/clause-patterns", dir.string()});

    const std::string agreement = std::string(kPreamble) + "1.1 " + std::string(5000, 'a') + "b\n\n"
                                  "1.2 Provider shall maintain firewalls.\n";
    const auto started = std::chrono::steady_clock::now();
    Scanned s = scan_markdown(agreement, "saas", pack);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(seconds < 10.0);

    bool reported = false;
    for (const onus::RuleFailure& f : s.analysis.failures)
        if (f.rule && f.rule->id == "evil.nested") {
            reported = true;
            CHECK_FALSE(f.message.empty());
        }
    CHECK(reported);
    // The rest of the analysis went on.
    CHECK(tag_of(s, "1.2", "network").party == "provider");
    fs::remove_all(dir);
}

TEST_CASE("analyze leaves the document and the pack as they were", "[analysis]") {
    onus::Document doc = onus::load_bytes(std::string(kPreamble) + "1.1 Provider shall encrypt Customer Data.\n", "a.md");
    const std::size_t clauses = doc.clauses.size();
    const std::string text = doc.clauses.back().text;
    onus::Analysis a = onus::analyze(doc, shipped_pack(), {});
    onus::Analysis b = onus::analyze(doc, shipped_pack(), {});
    CHECK(doc.clauses.size() == clauses);
    CHECK(doc.clauses.back().text == text);
    REQUIRE(a.clauses.size() == doc.clauses.size());
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) CHECK(a.clauses[i].clause_id == doc.clauses[i].id);
    CHECK(a.findings.size() == b.findings.size());
    CHECK(a.model == b.model);
}

// ---------------------------------------------------------------- corpus

TEST_CASE("every evidence span in the shared agreements is its clause's own words", "[analysis][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus not present: skipped");
        return;
    }
    const fs::path root = onus::test::shared_dir() / "corpus" / "agreements";
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE_FALSE(files.empty());

    std::size_t spans = 0, tags = 0;
    for (const fs::path& file : files) {
        INFO(file.string());
        onus::Document doc = onus::load(file.string());
        onus::Analysis a = onus::analyze(doc, shipped_pack(), {});
        REQUIRE(a.clauses.size() == doc.clauses.size());
        auto check = [&](const onus::Evidence& e) {
            if (e.text.empty() && e.rule.empty()) return;  // no evidence
            check_span(doc, e);
            ++spans;
        };
        for (const onus::ClauseAnalysis& ca : a.clauses)
            for (const onus::Tag& t : ca.tags) {
                ++tags;
                // A list item or table row that continues its lead-in
                // carries the lead-in's tags, evidence included.
                CHECK(is_self_or_ancestor(doc, t.evidence.clause_id, ca.clause_id));
                CHECK_FALSE(t.evidence.text.empty());
                check(t.evidence);
                check(t.party_evidence);
                check(t.modality_evidence);
                for (const onus::Carveout& c : t.carveouts) check(c.evidence);
            }
        for (const onus::Finding& f : a.findings)
            for (const onus::Evidence& e : f.evidence) check(e);
        for (const onus::SlaValue& v : a.sla) check(v.evidence);
        for (const auto& [domain, cell] : a.matrix)
            for (const std::string& id : cell.clauses) CHECK(clause_by_id(doc, id));
    }
    CHECK(tags > 1000);
    CHECK(spans > tags);
}

TEST_CASE("an unnamed actor: the provider for the customer's data, the customer for other restrictions", "[analysis]") {
    Scanned s = scan_clauses(
        "1.1 Machine Learning. Customer Content may be used to train machine learning models.\n\n"
        "1.2 Credits. Service Credits may not be exchanged for cash.\n");
    auto tag_of = [&](const std::string& id, const std::string& domain) -> const onus::Tag* {
        for (std::size_t i = 0; i < s.doc.clauses.size(); ++i)
            if (s.doc.clauses[i].id == id)
                for (const onus::Tag& t : s.analysis.clauses[i].tags)
                    if (t.domain == domain) return &t;
        return nullptr;
    };
    const onus::Tag* ml = tag_of("1.1", "data");
    REQUIRE(ml);
    CHECK(ml->party == "provider");
    CHECK(ml->modality == "permission");
    const onus::Tag* credits = tag_of("1.2", "availability");
    REQUIRE(credits);
    CHECK(credits->party == "customer");
    CHECK(credits->modality == "prohibition");
}
