// compare_versions(): the shifts of the sample pair (samples/README.md lists
// what northwind-csa-v2 changes on purpose), the no-shift cases, and the
// edits that rebuild both texts.
#include <catch2/catch.hpp>

#include <string>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "support.hpp"

namespace {

const onus::RulePack& pack() {
    static const onus::RulePack p = onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

struct Pair {
    onus::Document before, after;
    onus::VersionDiff diff;
};

Pair compare_files(const std::string& old_name, const std::string& new_name) {
    Pair p{onus::load((onus::test::source_dir() / "samples" / old_name).string()),
           onus::load((onus::test::source_dir() / "samples" / new_name).string()), {}};
    p.diff = onus::compare_versions(p.before, onus::analyze(p.before, pack()), p.after, onus::analyze(p.after, pack()),
                                    pack());
    return p;
}

Pair compare_texts(const std::string& old_md, const std::string& new_md) {
    Pair p{onus::load_bytes(old_md, "old.md"), onus::load_bytes(new_md, "new.md"), {}};
    p.diff = onus::compare_versions(p.before, onus::analyze(p.before, pack()), p.after, onus::analyze(p.after, pack()),
                                    pack());
    return p;
}

// The shift of `type` on the change whose new (or old) clause has this id.
const onus::Shift* find_shift(const Pair& p, const std::string& clause_id, const std::string& type) {
    for (const onus::Change& c : p.diff.changes) {
        bool here = (c.new_index && p.after.clauses[*c.new_index].id == clause_id) ||
                    (!c.new_index && c.old_index && p.before.clauses[*c.old_index].id == clause_id);
        if (!here) continue;
        for (const onus::Shift& s : c.shifts)
            if (s.type == type) return &s;
    }
    return nullptr;
}

const std::string kPreamble =
    "# Cloud Services Agreement\n\nThis Agreement is between Acme Cloud Inc. (\"Provider\") and Beta Corp "
    "(\"Customer\").\n\n";

}  // namespace

TEST_CASE("the sample pair: every planted shift is named, with its direction", "[compare]") {
    Pair p = compare_files("northwind-csa.docx", "northwind-csa-v2.docx");

    const onus::Shift* window = find_shift(p, "6.1", "quantity");
    REQUIRE(window);
    CHECK(window->direction == "to-customer");
    CHECK(window->explanation.find("48 hours -> 72 hours is longer") != std::string::npos);

    const onus::Shift* weaker = find_shift(p, "4.6", "modality");
    REQUIRE(weaker);
    CHECK(weaker->direction == "to-customer");
    CHECK(weaker->explanation.find("weakened") != std::string::npos);

    const onus::Shift* swapped = find_shift(p, "4.8", "party");
    REQUIRE(swapped);
    CHECK(swapped->direction == "to-customer");
    CHECK(swapped->domain == "data");

    const onus::Shift* exception = find_shift(p, "4.3", "exception");
    REQUIRE(exception);
    CHECK(exception->direction == "to-customer");

    const onus::Shift* dropped = find_shift(p, "4.9", "obligation");
    REQUIRE(dropped);
    CHECK(dropped->direction == "to-customer");

    const onus::Shift* uptime = find_shift(p, "8.1", "quantity");
    REQUIRE(uptime);
    CHECK(uptime->direction == "to-customer");
    CHECK(uptime->explanation.find("99.9% -> 99.5% is lower") != std::string::npos);

    // The pure rewording of 3.1 and the renumbering of section 9 move nothing.
    for (const onus::Change& c : p.diff.changes) {
        if (c.kind == onus::ChangeKind::renumbered) CHECK(c.shifts.empty());
        if (c.new_index && p.after.clauses[*c.new_index].id == "3.1") CHECK(c.shifts.empty());
    }
    CHECK(p.diff.summary.to_customer >= 6);
}

TEST_CASE("a DOCX compared with its own Markdown copy shows no shift", "[compare]") {
    Pair p = compare_files("northwind-csa.docx", "northwind-csa.md");
    std::size_t shifts = 0;
    for (const onus::Change& c : p.diff.changes) shifts += c.shifts.size();
    CHECK(shifts == 0);
}

TEST_CASE("edits rebuild both versions of every changed clause", "[compare]") {
    Pair p = compare_files("northwind-csa.docx", "northwind-csa-v2.docx");
    for (const onus::Change& c : p.diff.changes) {
        if (!c.old_index || !c.new_index || !c.also_old.empty() || !c.also_new.empty()) continue;
        std::string old_text, new_text;
        for (const onus::Edit& e : c.edits) {
            old_text += e.old_text;
            new_text += e.new_text;
        }
        CHECK(old_text == p.before.clauses[*c.old_index].text);
        CHECK(new_text == p.after.clauses[*c.new_index].text);
    }
}

TEST_CASE("shift detectors on small agreements", "[compare]") {
    SECTION("a fixed limit that becomes an open one, on the provider's duty") {
        Pair p = compare_texts(kPreamble + "1. Provider shall notify Customer of a Security Incident within 24 hours.\n",
                               kPreamble + "1. Provider shall notify Customer of a Security Incident without undue delay.\n");
        const onus::Shift* s = find_shift(p, "1", "quantity");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
    }
    SECTION("a longer claim window for the customer favours the customer") {
        Pair p = compare_texts(kPreamble + "1. Customer must request Service Credits within 7 days of the end of the month.\n",
                               kPreamble + "1. Customer must request Service Credits within 30 days of the end of the month.\n");
        const onus::Shift* s = find_shift(p, "1", "quantity");
        REQUIRE(s);
        CHECK(s->direction == "to-provider");
    }
    SECTION("a disclaimer added") {
        Pair p = compare_texts(kPreamble + "1. Provider shall back up Customer Data daily.\n",
                               kPreamble + "1. Provider shall back up Customer Data daily. Provider is not responsible for "
                                           "restoring Customer Data.\n");
        const onus::Shift* s = find_shift(p, "1", "disclaimer");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
    }
    SECTION("a customer duty strengthened moves burden to the customer") {
        Pair p = compare_texts(kPreamble + "1. Customer may enable multi-factor authentication for its User accounts.\n",
                               kPreamble + "1. Customer must enable multi-factor authentication for its User accounts.\n");
        const onus::Shift* s = find_shift(p, "1", "modality");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
    }
    SECTION("re-wrapping and typography are not changes") {
        Pair p = compare_texts(kPreamble + "1. Provider shall encrypt \"Customer Data\" at rest.\n",
                               kPreamble + "1. Provider  shall encrypt\n“Customer Data” at rest.\n");
        for (const onus::Change& c : p.diff.changes) CHECK(c.shifts.empty());
        CHECK(p.diff.summary.modified == 0);
    }
}

TEST_CASE("clauses of several sentences are read sentence by sentence", "[compare]") {
    SECTION("a dropped clause gives each kind of burden it carried, once") {
        Pair p = compare_texts(
            kPreamble + "1. Service Level. Provider will provide the remedies in the SLA and will not be responsible for any "
                        "other remedies. Any credits earned under the SLA will only apply to future invoices. In any event, no "
                        "SLA remedies will accrue for outages beyond Provider's reasonable control.\n\n2. Fees. Customer will "
                        "pay the fees.\n",
            kPreamble + "2. Fees. Customer will pay the fees.\n");
        const onus::Shift* disclaimer = find_shift(p, "1", "disclaimer");
        REQUIRE(disclaimer);
        CHECK(disclaimer->direction == "to-provider");  // the provider's shield is gone
        const onus::Shift* exception = find_shift(p, "1", "exception");
        REQUIRE(exception);
        CHECK(exception->direction == "to-provider");
        std::size_t exceptions = 0;
        for (const onus::Change& c : p.diff.changes)
            for (const onus::Shift& s : c.shifts) exceptions += s.type == "exception";
        CHECK(exceptions == 1);  // two exception sentences, one shift
    }
    SECTION("a sentence added to a clause is read on its own") {
        Pair p = compare_texts(
            kPreamble + "1. Credits. Customer is eligible to receive a Service Credit for each month below the Target Uptime.\n",
            kPreamble + "1. Credits. Customer is eligible to receive a Service Credit for each month below the Target Uptime. "
                        "Service Credits expire when the applicable Order Form ends.\n");
        const onus::Shift* s = find_shift(p, "1", "exception");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
        CHECK(find_shift(p, "1", "obligation") == nullptr);  // the unchanged sentence says nothing new
    }
    SECTION("a condition put in front of a duty is an exception to it") {
        Pair p = compare_texts(kPreamble + "1. Uptime. Provider will use commercially reasonable efforts to make the Cloud "
                                           "Service available at the Target Uptime.\n",
                               kPreamble + "1. Uptime. If there is a Target Uptime, Provider will use commercially reasonable "
                                           "efforts to make the Cloud Service available at the Target Uptime.\n");
        const onus::Shift* s = find_shift(p, "1", "exception");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
    }
    SECTION("a word added to what a provider may do with data widens its right") {
        Pair p = compare_texts(kPreamble + "1. Usage Data. Provider may collect Usage Data. Provider may use Usage Data to "
                                           "maintain, improve, and enhance its products.\n",
                               kPreamble + "1. Usage Data. Provider may collect Usage Data. Provider may use Usage Data to "
                                           "maintain, improve, enhance, and promote its products.\n");
        const onus::Shift* s = find_shift(p, "1", "scope");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
        CHECK(s->explanation.find("adds \"promote\"") != std::string::npos);
    }
    SECTION("a sentence split in two with an exception in the second piece adds an exception") {
        Pair p = compare_texts(
            kPreamble + "1. License. Customer grants Provider the right to store Customer Content. This license does not "
                        "grant Provider the right to sell Customer Content or otherwise distribute it outside the Service.\n",
            kPreamble + "1. License. Customer grants Provider the right to store Customer Content. This license does not "
                        "grant Provider the right to sell Customer Content. It also does not grant Provider the right to "
                        "otherwise distribute it outside the Service, except that Provider may permit its partners to "
                        "archive Customer Content.\n");
        const onus::Shift* s = find_shift(p, "1", "exception");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
        CHECK(find_shift(p, "1", "obligation") == nullptr);  // the split restates, it does not add a duty
    }
    SECTION("terms spelled out and then left to the provider's own policy narrow the customer's protection") {
        Pair p = compare_texts(kPreamble + "1. Access. Provider personnel may only access Customer Content with Customer's "
                                           "consent, for support reasons.\n",
                               kPreamble + "1. Access. Provider personnel may only access Customer Content in the "
                                           "situations described in our Privacy Statement.\n");
        const onus::Shift* s = find_shift(p, "1", "scope");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
        CHECK(s->rule == "shift.delegated");
        Pair back = compare_texts(kPreamble + "1. Access. Provider personnel may only access Customer Content in the "
                                              "situations described in our Privacy Statement.\n",
                                  kPreamble + "1. Access. Provider personnel may only access Customer Content with "
                                              "Customer's consent, for support reasons.\n");
        const onus::Shift* b = find_shift(back, "1", "scope");
        REQUIRE(b);
        CHECK(b->direction == "to-provider");
    }
    SECTION("a rewording that adds clearly more than it replaces widens the right") {
        Pair p = compare_texts(kPreamble + "1. License. Provider needs the right to host Customer Content. Customer grants "
                                           "Provider the right to store and display Customer Content as necessary to render "
                                           "the Website.\n",
                               kPreamble + "1. License. Provider needs the right to host Customer Content. Customer grants "
                                           "Provider the right to store, archive and display Customer Content as necessary "
                                           "to provide the Service, including improving the Service over time.\n");
        const onus::Shift* s = find_shift(p, "1", "scope");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
    }
    SECTION("a change to wording that bears on no security domain names no shift") {
        Pair p = compare_texts(kPreamble + "1. Fees. Customer will pay the fees in US dollars. Invoices are monthly.\n",
                               kPreamble + "1. Fees. Unless the Order Form specifies a different currency, Customer will "
                                           "pay the fees in US dollars. Invoices are monthly.\n");
        REQUIRE(p.diff.changes.size() == 1);
        CHECK(p.diff.changes[0].shifts.empty());
    }
    SECTION("a plain-language summary that comes or goes names no shift") {
        Pair p = compare_texts(kPreamble + "## 1. Access\n\nShort version: You may have access to private repositories. "
                                           "Provider is responsible for securing them.\n\n## 2. Fees\n\nCustomer will pay "
                                           "the fees.\n",
                               kPreamble + "## 1. Access\n\n## 2. Fees\n\nCustomer will pay the fees.\n");
        REQUIRE_FALSE(p.diff.changes.empty());
        for (const onus::Change& c : p.diff.changes) CHECK(c.shifts.empty());
    }
    SECTION("a party named in an opening if-clause is not the subject of the main clause") {
        Pair p = compare_texts(kPreamble + "1. Fees. Customer will pay the fees.\n",
                               kPreamble + "1. Fees. Customer will pay the fees.\n\n2. Beta Products. If Provider gives "
                                           "Customer access to a Beta Product, the Beta Product is provided \"AS IS\".\n");
        const onus::Shift* s = find_shift(p, "2", "disclaimer");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
    }
}

TEST_CASE("restructured agreements: duties restated elsewhere are compared, not dropped and added", "[compare]") {
    SECTION("a sentence carried into a new clause is compared with its old self") {
        Pair p = compare_texts(
            kPreamble + "1. Security. Provider shall maintain a written information security programme. Provider shall "
                        "train its staff every year. Provider shall back up Customer Data every day and keep each backup "
                        "for 30 days.\n\n2. Fees. Customer will pay the fees.\n",
            kPreamble + "2. Fees. Customer will pay the fees.\n\n3. Keys. Customer is responsible for its encryption keys. "
                        "Customer shall configure access controls for its Users. Provider shall back up Customer Data every "
                        "day and keep each backup for 7 days.\n");
        REQUIRE(p.diff.summary.added + p.diff.summary.deleted >= 2);  // the clauses themselves do not align
        const onus::Shift* retention = nullptr;
        for (const onus::Change& c : p.diff.changes)
            for (const onus::Shift& s : c.shifts)
                if (s.type == "quantity") retention = &s;
        REQUIRE(retention);  // 30 days -> 7 days, found across clauses
        CHECK(retention->explanation.find("30 days -> 7 days") != std::string::npos);
    }
    SECTION("a duty dropped and a like duty added elsewhere cancel out") {
        Pair p = compare_texts(
            kPreamble + "1. Uptime. Provider guarantees a quarterly Uptime of 99.9% for the Service.\n\n2. Fees. Customer "
                        "will pay the fees.\n",
            kPreamble + "2. Fees. Customer will pay the fees.\n\n5. Service Level. Provider commits to a quarterly Uptime "
                        "commitment of 99.9% for each Service Feature, measured by Provider.\n");
        std::size_t obligations = 0;
        for (const onus::Change& c : p.diff.changes)
            for (const onus::Shift& s : c.shifts) obligations += s.type == "obligation";
        CHECK(obligations == 0);
    }
    SECTION("a section replaced by a reference to other named terms is a note, not dropped duties") {
        Pair p = compare_texts(
            kPreamble + "1. Fees. Customer will pay the fees.\n\n## 4. Supplemental Terms for Additional Features\n\n4.1 Pages. "
                        "Customer must not use Pages to host malware.\n\n4.2 Connect. Provider shall encrypt data sent "
                        "through Connect.\n",
            kPreamble + "1. Fees. Customer will pay the fees. Some features are subject to additional terms as set forth "
                        "in the Additional Product Terms.\n");
        std::size_t shifts = 0, notes = 0;
        for (const onus::Change& c : p.diff.changes) {
            if (c.kind != onus::ChangeKind::deleted) continue;
            shifts += c.shifts.size();
            notes += !c.note.empty();
        }
        CHECK(shifts == 0);
        CHECK(notes >= 2);
    }
}

TEST_CASE("an item dropped from a list of exclusions is an exception removed", "[compare]") {
    SECTION("items inside one clause") {
        Pair p = compare_texts(kPreamble + "## 7. Exclusions\n\n7.1 The Uptime Commitment does not cover: (i) Scheduled "
                                           "Downtime; (ii) Customer's acts or omissions; (iii) force majeure events.\n",
                               kPreamble + "## 7. Exclusions\n\n7.1 The Uptime Commitment does not cover: (i) Customer's "
                                           "acts or omissions; (ii) force majeure events.\n");
        const onus::Shift* s = find_shift(p, "7.1", "exception");
        REQUIRE(s);
        CHECK(s->direction == "to-provider");
        CHECK(s->explanation.find("Scheduled") != std::string::npos);
    }
    SECTION("a bullet under an exclusions lead-in") {
        Pair p = compare_texts(kPreamble + "1. Uptime. Provider will meet 99.9% Uptime.\n\nWhat is excluded from the Uptime "
                                           "commitment? Outages resulting from:\n\n- Scheduled Downtime\n- Customer's "
                                           "equipment\n",
                               kPreamble + "1. Uptime. Provider will meet 99.9% Uptime.\n\nWhat is excluded from the Uptime "
                                           "commitment? Outages resulting from:\n\n- Customer's equipment\n");
        std::size_t exceptions = 0;
        for (const onus::Change& c : p.diff.changes)
            for (const onus::Shift& s : c.shifts)
                if (s.type == "exception" && s.direction == "to-provider") ++exceptions;
        CHECK(exceptions == 1);
    }
}

TEST_CASE("a bulleted exclusion list rewritten as one sentence is read as one list", "[compare]") {
    // The lead-in and its bullets became one sentence: the lead-in goes with
    // its list, the texts are joined in document order, and the disclaimer
    // restated in other words is no shift.
    Pair p = compare_texts(
        kPreamble + "## 2. Uptime\n\nProvider will meet 99.9% Uptime each quarter.\n\nWhat's excluded from our Uptime "
                    "guarantee? Outages resulting from:\n\n- Customer's acts, omissions, or misuse of the Services, "
                    "including violations of the Agreement.\n- Failures of your internet connectivity\n",
        kPreamble + "## 2. Uptime\n\nProvider will meet 99.9% Uptime each quarter.\n\nExcluded from the Uptime Calculation "
                    "are Service failures resulting from (i) Customer's acts, omissions, or misuse of the Service including "
                    "violations of the Agreement; (ii) failure of Customer's internet connectivity.\n");
    const onus::Change* merged = nullptr;
    for (const onus::Change& c : p.diff.changes)
        if (c.kind == onus::ChangeKind::modified && c.also_old.size() == 2) merged = &c;
    REQUIRE(merged);
    std::string old_text, new_text;
    for (const onus::Edit& e : merged->edits) {
        old_text += e.old_text;
        new_text += e.new_text;
    }
    CHECK(old_text.rfind("What's excluded", 0) == 0);  // the lead-in first, as in the document
    CHECK(old_text.find("Failures of your internet") != std::string::npos);
    CHECK(new_text == p.after.clauses[*merged->new_index].text);
    for (const onus::Shift& s : merged->shifts) CHECK(s.type != "disclaimer");
}

TEST_CASE("sentences that bind nobody name no shift when they go", "[compare]") {
    SECTION("a sentence that spells out the one before it") {
        Pair p = compare_texts(kPreamble + "1. Uptime. Provider guarantees a quarterly Uptime of 99.95%. That means the "
                                           "Service will not be interrupted for more than .05% of the quarter.\n\n"
                                           "2. Fees. Customer will pay the fees.\n",
                               kPreamble + "1. Uptime. Provider guarantees a quarterly Uptime of 99.95%.\n\n"
                                           "2. Fees. Customer will pay the fees.\n");
        CHECK_FALSE(find_shift(p, "1", "obligation"));
        CHECK_FALSE(find_shift(p, "1", "scope"));
    }
    SECTION("a glossary entry") {
        Pair p = compare_texts(kPreamble + "## 1. Definitions\n\n- Service Credit: a dollar credit, calculated as set forth "
                                           "below, that we may credit back to an eligible account.\n- Uptime: means the "
                                           "share of minutes the Service is available.\n",
                               kPreamble + "## 1. Definitions\n\n- Uptime: means the share of minutes the Service is "
                                           "available.\n");
        std::size_t shifts = 0;
        for (const onus::Change& c : p.diff.changes) shifts += c.shifts.size();
        CHECK(shifts == 0);
    }
}

TEST_CASE("an SLA term whose value changes kind is a neutral quantity shift", "[compare]") {
    SECTION("in one clause") {
        Pair p = compare_texts(kPreamble + "## 5. Service Credits\n\n5.1 Service Credits will not accumulate in an amount "
                                           "more than 1 month's worth of Cloud Service fees.\n",
                               kPreamble + "## 5. Service Credits\n\n5.1 Service Credits will not accumulate in an amount "
                                           "more than 8% of Cloud Service Fees.\n");
        const onus::Shift* s = find_shift(p, "5.1", "quantity");
        REQUIRE(s);
        CHECK(s->direction == "neutral");  // a month's fees against a share of them: which is more depends on the term
        CHECK(s->explanation.find("different kind") != std::string::npos);
    }
    SECTION("across a rewritten SLA") {
        Pair p = compare_texts(
            kPreamble + "## 2. Credits\n\n2.1 If the quarterly Uptime drops below 99.95%, Customer is entitled to receive 25 "
                        "times the amount that was paid for the Outage time (\"Uptime Service Credit\").\n",
            kPreamble + "## 3. Service Level\n\n3.1 Service Credits: 10% of the amount Customer paid for a Service Feature in "
                        "a calendar quarter where the Uptime for that Service Feature was less than 99.9%.\n");
        const onus::Shift* credit = nullptr;
        for (const onus::Change& c : p.diff.changes)
            for (const onus::Shift& s : c.shifts)
                if (s.rule == "sla.service-credit") credit = &s;
        REQUIRE(credit);
        CHECK(credit->direction == "neutral");
        CHECK(credit->before == "25 times");
    }
}

TEST_CASE("a quantified commitment the new version no longer names is a duty removed", "[compare]") {
    const std::string fees = "## 3. Fees\n\n3.1 Customer will pay the fees in advance.\n";
    Pair p = compare_texts(kPreamble + "## 1. Plan\n\n1.1 The Enterprise plan includes single sign-on and 24/5 support "
                                       "with an 8-hour response time.\n\n" + fees,
                           kPreamble + fees);
    const onus::Shift* s = find_shift(p, "1.1", "obligation");
    REQUIRE(s);
    CHECK(s->direction == "to-customer");
    CHECK(s->rule.rfind("sla.support-", 0) == 0);

    SECTION("not when the new version still names it") {
        Pair kept = compare_texts(kPreamble + "## 1. Plan\n\n1.1 The Enterprise plan includes single sign-on and 24/5 "
                                              "support with an 8-hour response time.\n\n" + fees,
                                  kPreamble + fees + "\n## 4. Support\n\n4.1 Provider offers 24/5 support with an "
                                                     "8-hour response time for support requests.\n");
        const onus::Shift* none = find_shift(kept, "1.1", "obligation");
        CHECK((none == nullptr || none->rule.rfind("sla.", 0) != 0));
    }
}

TEST_CASE("an alternative added to what a right covers widens it, whatever else was reworded", "[compare]") {
    const std::string preamble = "# Terms\n\nThis Agreement is between GitHub, Inc. (\"GitHub\", \"we\") and you (\"You\").\n\n";
    Pair p = compare_texts(preamble + "1. Content. We do not pre-screen User-Generated Content, but we have the right (though "
                                      "not the obligation) to refuse or remove any User-Generated Content that violates any "
                                      "GitHub terms or policies.\n",
                           preamble + "1. Content. We have the right to refuse or remove any User-Generated Content that "
                                      "violates any laws or GitHub terms or policies.\n");
    const onus::Shift* s = find_shift(p, "1", "scope");
    REQUIRE(s);
    CHECK(s->direction == "to-customer");  // the provider may remove more
    CHECK(s->explanation.find("laws or") != std::string::npos);
    CHECK(s->explanation.find("pre") == std::string::npos);  // the reworded rest does not count
}

TEST_CASE("a statement of whom the terms apply to, put in or taken out, is a neutral scope shift", "[compare]") {
    const std::string body = "## 1. Uptime\n\n1.1 Provider will meet 99.9% Uptime each quarter.\n";
    Pair p = compare_texts(kPreamble + body,
                           kPreamble + "These terms apply to Customers who licensed the Products prior to January 4, "
                                       "2021.\n\n" + body);
    const onus::Shift* found = nullptr;
    for (const onus::Change& c : p.diff.changes)
        for (const onus::Shift& s : c.shifts)
            if (s.rule == "shift.applicability") found = &s;
    REQUIRE(found);
    CHECK(found->type == "scope");
    CHECK(found->direction == "neutral");
    CHECK(found->before.empty());
}

TEST_CASE("a condition a party's act is held to, dropped, is an exception removed", "[compare]") {
    const std::string preamble = "# Terms\n\nThis Agreement is between GitHub, Inc. (\"GitHub\", \"we\") and you (\"You\").\n\n";
    SECTION("with the sentence that held it") {
        Pair p = compare_texts(preamble + "1. Access. GitHub personnel may access private repositories for support.\n\n"
                                          "2. Support. If GitHub accesses a private repository for support reasons, we will "
                                          "only do so with the owner's consent and knowledge.\n",
                               preamble + "1. Access. GitHub personnel may access private repositories for support.\n");
        const onus::Shift* s = find_shift(p, "2", "exception");
        REQUIRE(s);
        CHECK(s->direction == "to-customer");
        CHECK(s->rule == "shift.condition");
    }
    SECTION("left to another document with the terms it qualified") {
        Pair p = compare_texts(preamble + "1. Access. GitHub personnel may only access your Private Repositories (i) with "
                                          "your consent and knowledge, for support reasons or (ii) when access is required "
                                          "for security reasons.\n",
                               preamble + "1. Access. GitHub personnel may only access your Private Repositories in the "
                                          "situations described in our Privacy Statement.\n");
        const onus::Shift* scope = find_shift(p, "1", "scope");
        const onus::Shift* condition = find_shift(p, "1", "exception");
        REQUIRE(scope);
        REQUIRE(condition);
        CHECK(scope->rule == "shift.delegated");
        CHECK(condition->direction == "to-customer");
    }
}

TEST_CASE("a name swapped for its acronym is no change of scope", "[compare]") {
    Pair p = compare_texts(kPreamble + "1. Export. Customer shall not export Customer Data in violation of the regulations of "
                                       "the Department of Treasury Office of Foreign Assets Control.\n",
                           kPreamble + "1. Export. Customer shall not export Customer Data in violation of the regulations of "
                                       "OFAC.\n");
    CHECK_FALSE(find_shift(p, "1", "scope"));
    SECTION("but a name dropped without one is") {
        Pair q = compare_texts(kPreamble + "1. Export. Customer shall not export Customer Data in violation of the regulations "
                                           "of the Department of Treasury Office of Foreign Assets Control or the Department "
                                           "of Commerce.\n",
                               kPreamble + "1. Export. Customer shall not export Customer Data in violation of the regulations "
                                           "of the Department of Commerce.\n");
        CHECK(find_shift(q, "1", "scope"));
    }
}

TEST_CASE("time put back into a commitment is an exception to its exclusions", "[compare]") {
    const std::string uptime = "## 1. Uptime\n\n1.1 Provider will use commercially reasonable efforts to make the Cloud "
                               "Service available 99.9% of the time. Scheduled Downtime is excluded.\n";
    Pair p = compare_texts(kPreamble + uptime + "\n1.2 If Provider does not notify Customer about Scheduled Downtime at least "
                                                "24 hours in advance, that period of unavailability will not qualify as "
                                                "Scheduled Downtime and will count as Downtime Minutes.\n",
                           kPreamble + uptime);
    const onus::Shift* s = find_shift(p, "1.2", "exception");
    REQUIRE(s);
    CHECK(s->direction == "to-customer");  // unannounced maintenance no longer counts against the provider
}

TEST_CASE("an exception added to the customer's entitlement relieves the provider who owes it", "[compare]") {
    Pair p = compare_texts(kPreamble + "## 3. Credits\n\n3.1 If Cloud Service availability falls below the Target Uptime, "
                                       "Customer is eligible to receive a Service Credit.\n",
                           kPreamble + "## 3. Credits\n\n3.1 If Cloud Service availability falls below the Target Uptime, "
                                       "Customer is eligible to receive a Service Credit, except for outages caused by "
                                       "Customer's equipment.\n");
    const onus::Shift* s = find_shift(p, "3.1", "exception");
    REQUIRE(s);
    CHECK(s->direction == "to-customer");
}

TEST_CASE("a sole remedy that comes to cover more failures takes remedies from the customer", "[compare]") {
    Pair p = compare_texts(kPreamble + "## 5. Exclusive Remedy\n\n5.1 This SLA describes Customer's exclusive remedy and "
                                       "Provider's entire liability for any failure of the Cloud Service to meet the Target "
                                       "Uptime.\n",
                           kPreamble + "## 5. Exclusive Remedy\n\n5.1 This SLA describes Customer's exclusive remedy and "
                                       "Provider's entire liability for any failure of the Cloud Service to meet the Target "
                                       "Uptime and for any inability to meet the Target Response Time.\n");
    const onus::Shift* s = find_shift(p, "5.1", "scope");
    REQUIRE(s);
    CHECK(s->direction == "to-customer");
    CHECK(s->rule == "shift.sole-remedy");
}

TEST_CASE("a right carved out of the rule before it ('However, Provider may ...') is an exception", "[compare]") {
    const std::string rule = "1. Changes. Any modification to the Agreement must be signed by each party.";
    Pair p = compare_texts(kPreamble + rule + " However, Provider may update Technical Support, the SLA, or the Security "
                                              "Policy by giving Customer 30 days prior notice.\n",
                           kPreamble + rule + "\n");
    const onus::Shift* s = find_shift(p, "1", "exception");
    REQUIRE(s);
    CHECK(s->direction == "to-provider");  // the provider can no longer change its security terms alone
    CHECK_FALSE(find_shift(p, "1", "scope"));
}

TEST_CASE("the first item of a list goes with its lead-in", "[compare]") {
    const std::string lead = "1. Uptime. Provider will meet 99.9% Uptime.\n\nWhat is excluded from the Uptime commitment? "
                             "Outages resulting from:\n\n";
    Pair p = compare_texts(kPreamble + lead + "- Scheduled Downtime\n- Customer's equipment\n",
                           kPreamble + lead + "- Customer's equipment\n");
    const onus::Change* change = nullptr;
    for (const onus::Change& c : p.diff.changes)
        if (c.kind == onus::ChangeKind::modified && c.also_old.size() == 1) change = &c;
    REQUIRE(change);  // the lead-in's list lost its item, read as one change
    CHECK(p.before.clauses[change->also_old.front()].text.find("Scheduled Downtime") != std::string::npos);
    REQUIRE(change->shifts.size() == 1);
    CHECK(change->shifts.front().type == "exception");
    CHECK(change->shifts.front().direction == "to-provider");
}

TEST_CASE("items added to a carve-out's list are exceptions, not reach", "[compare]") {
    Pair p = compare_texts(kPreamble + "1. Notice. Provider will notify Customer of any access to Customer Data, unless bound "
                                       "by requirements under law or in response to a security threat.\n",
                           kPreamble + "1. Notice. Provider will notify Customer of any access to Customer Data, unless bound "
                                       "by requirements under law, for automated scanning, or in response to a security "
                                       "threat.\n");
    const onus::Shift* s = find_shift(p, "1", "exception");
    REQUIRE(s);
    CHECK(s->direction == "to-customer");  // fewer accesses are notified
    CHECK(s->explanation.find("automated scanning") != std::string::npos);
    CHECK_FALSE(find_shift(p, "1", "scope"));
}
