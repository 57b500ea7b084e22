// Tests for onus::extract_sla (onus/analysis.hpp): the SLA numbers of an
// agreement, named by what they measure. Phrasings are taken from the real
// agreements in ../shared/corpus/agreements (GitHub, Common Paper, Bonterms)
// and from common SLA drafting, written inline as small Documents; the
// corpus itself is read at the end when present.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/ingest.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

onus::Clause clause(const std::string& id, const std::string& heading, const std::string& text,
                    std::optional<std::size_t> parent = std::nullopt, const std::string& number = "") {
    onus::Clause c;
    c.id = id;
    c.number = number;
    c.heading = heading;
    c.text = text;
    c.parent = parent;
    c.level = parent ? 2 : 1;
    return c;
}

onus::Document doc_of(std::vector<onus::Clause> clauses) {
    onus::Document doc;
    doc.format = "text";
    doc.clauses = std::move(clauses);
    return doc;
}

// One line per value: "metric | bound describe() | clause id".
std::string line(const onus::SlaValue& v) {
    std::string bound = v.quantity.bound.empty() ? "" : v.quantity.bound + " ";
    return v.metric + " | " + bound + onus::describe(v.quantity) + " | " + v.clause_id;
}

std::vector<std::string> lines(const onus::Document& doc) {
    std::vector<std::string> out;
    for (const onus::SlaValue& v : onus::extract_sla(doc)) out.push_back(line(v));
    return out;
}

// The values of a one-clause document.
std::vector<std::string> lines(const std::string& heading, const std::string& text) {
    return lines(doc_of({clause("1", heading, text)}));
}

bool has(const std::vector<std::string>& values, const std::string& wanted) {
    return std::find(values.begin(), values.end(), wanted) != values.end();
}

// Every value's evidence is a span of its clause, trimmed, with the rule named after the metric.
void check_evidence(const onus::Document& doc, const std::vector<onus::SlaValue>& values) {
    for (const onus::SlaValue& v : values) {
        INFO(line(v));
        const onus::Clause* c = nullptr;
        for (const onus::Clause& k : doc.clauses)
            if (k.id == v.clause_id) c = &k;
        REQUIRE(c);
        CHECK(v.evidence.clause_id == v.clause_id);
        CHECK(v.evidence.rule == "sla." + v.metric);
        REQUIRE(v.evidence.start < v.evidence.end);
        REQUIRE(v.evidence.end <= c->text.size());
        CHECK(v.evidence.text == c->text.substr(v.evidence.start, v.evidence.end - v.evidence.start));
        CHECK(v.quantity.start >= v.evidence.start);
        CHECK(v.quantity.end <= v.evidence.end);
        CHECK(c->text.substr(v.quantity.start, v.quantity.end - v.quantity.start) == v.quantity.text);
    }
}

}  // namespace

TEST_CASE("uptime and the period it is measured over", "[sla]") {
    // GitHub Enterprise Cloud SLA: the period has no number ("a given calendar quarter").
    CHECK(lines("Uptime Guarantee",
                "\u201CUptime\u201D is the percentage of total possible minutes the applicable GitHub service was "
                "available in a given calendar quarter. GitHub commits to maintain at least 99.9% Uptime for the "
                "applicable GitHub service.") ==
          std::vector<std::string>{"measurement-period | 1 quarter | 1", "uptime | at least 99.9% | 1"});
    // "quarterly" and "monthly" become the period itself, comparable with "a calendar quarter".
    CHECK(lines("", "GitHub guarantees a 99.9% quarterly uptime commitment for the applicable GitHub service.") ==
          std::vector<std::string>{"uptime | 99.9% | 1", "measurement-period | 1 quarter | 1"});
    CHECK(lines("", "AWS will make the Service available with a Monthly Uptime Percentage of at least 99.99%.") ==
          std::vector<std::string>{"measurement-period | 1 month | 1", "uptime | at least 99.99% | 1"});
    // Bonterms: "of the time" is an uptime cue; "each month" a period.
    CHECK(lines("Availability", "Provider will use commercially reasonable efforts to make the Cloud Service "
                                "available for Customer's use 99.9% of the time in each month.") ==
          std::vector<std::string>{"uptime | 99.9% | 1", "measurement-period | 1 month | 1"});
    // Words and figures.
    CHECK(lines("", "The Service will be available ninety-nine point nine percent (99.9%) of the time.") ==
          std::vector<std::string>{"uptime | 99.9% | 1"});
    // Not uptime: an outage threshold, an error rate.
    CHECK(lines("", "\u201CUptime\u201D means the percentage of time where the Service is not interrupted by an "
                    "Outage affecting more than 50% of Active Users.") == std::vector<std::string>{});
    CHECK(lines("Uptime", "Storage Uptime = 100% - Average Error Rate.").empty());
}

TEST_CASE("the synthesised period keeps its span and words", "[sla]") {
    onus::Document doc = doc_of({clause("1", "", "Uptime is measured each calendar month.")});
    std::vector<onus::SlaValue> values = onus::extract_sla(doc);
    REQUIRE(values.size() == 1);
    CHECK(values[0].quantity.kind == onus::QuantityKind::duration);
    CHECK(values[0].quantity.unit == "month");
    CHECK(values[0].quantity.value == 720);
    CHECK(values[0].quantity.text == "calendar month");
    check_evidence(doc, values);
}

TEST_CASE("maintenance notice, not the maintenance window", "[sla]") {
    CHECK(lines("Scheduled Maintenance",
                "Provider will give Customer at least forty-eight (48) hours' notice of Scheduled Maintenance, "
                "which will not exceed four (4) hours per month.") ==
          std::vector<std::string>{"maintenance-notice | at least 48 hours | 1"});
    CHECK(lines("", "Planned downtime will be announced no less than 5 business days in advance.") ==
          std::vector<std::string>{"maintenance-notice | at least 5 business days | 1"});
}

TEST_CASE("service credits in prose: the share, not the thresholds", "[sla]") {
    // GitHub's credit cell: 10% and 25% are credits, 99.9% and 99.0% the tiers' thresholds.
    CHECK(lines("Service Credits",
                "A Service Credits claim may be based on either (not both) of the following calculations: 10% of "
                "the amount Customer paid for a Service Feature in a calendar quarter where the Uptime for that "
                "Service Feature was less than or equal to 99.9%, but greater than 99.0%. OR 25% of the amount "
                "Customer paid for a Service Feature in a calendar quarter where the Uptime of that Service "
                "Feature was less than 99.0%.") ==
          std::vector<std::string>{"service-credit | 10% | 1", "service-credit | 25% | 1"});
    CHECK(lines("", "If Provider misses the Target Uptime, Customer will receive a service credit of three (3) "
                    "days of service.") == std::vector<std::string>{"service-credit | 3 days | 1"});
    CHECK(lines("", "Customer will receive a Service Credit equal to five percent (5%) of the monthly fees.") ==
          std::vector<std::string>{"service-credit | 5% | 1"});
    CHECK(lines("", "If the Uptime drops below the guarantee, Customer is entitled to receive 25 times the amount that was "
                    "paid for the Outage time (\"Uptime Service Credit\").") ==
          std::vector<std::string>{"service-credit | 25 times | 1"});
}

TEST_CASE("credit tiers in a table", "[sla]") {
    // With a header row: the credit column is the one headed "credit".
    CHECK(lines("Service Credits",
                "Monthly Uptime Percentage\tService Credit Percentage\n"
                "Less than 99.9% but equal to or greater than 99.0%\t10%\n"
                "Less than 99.0%\t25%") ==
          std::vector<std::string>{"service-credit | 10% | 1", "service-credit | 25% | 1"});
    // Without one, under a credits heading: the last number of the row.
    CHECK(lines("Service Credits", "< 99.9%\t10%\n< 99.0%\t25%") ==
          std::vector<std::string>{"service-credit | 10% | 1", "service-credit | 25% | 1"});
    CHECK(lines("Service Credits", "99.0% - 99.9% | 10%") == std::vector<std::string>{"service-credit | 10% | 1"});
    // The same numbers in a table about something else are no credits.
    CHECK(lines("Results", "< 99.9%\t10%").empty());

    onus::Document doc = doc_of({clause("1", "Service Credits", "< 99.9%\t10%")});
    std::vector<onus::SlaValue> values = onus::extract_sla(doc);
    REQUIRE(values.size() == 1);
    CHECK(values[0].evidence.text == "< 99.9%\t10%");  // the row is the evidence
    CHECK(values[0].quantity.text == "10%");
    check_evidence(doc, values);
}

TEST_CASE("a key-value table row reads as one sentence", "[sla]") {
    CHECK(lines("Order Form", "Target Uptime\t99.9%\nSupport Hours\t24/7") ==
          std::vector<std::string>{"uptime | 99.9% | 1", "support-hours | 24/7 | 1"});
}

TEST_CASE("credit caps", "[sla]") {
    CHECK(lines("Service Credits Redemption",
                "Service Credits may take the form of a refund or credit to Customer\u2019s account, cannot be "
                "exchanged into a cash amount, are limited to a maximum of ninety (90) days of paid service per "
                "calendar quarter.") == std::vector<std::string>{"credit-cap | up to 90 days | 1"});
    // Common Paper: "will not accumulate ... more than 8%" is a cap, read "up to".
    CHECK(lines("Service Credit Limitations",
                "Service Credits will not accumulate within a single Subscription Period in an amount more than "
                "8% of Cloud Service Fees for that Subscription Period.") ==
          std::vector<std::string>{"credit-cap | up to 8% | 1"});
    CHECK(lines("Service Credits", "Service Credits in any month will be no more than 30% of the monthly fee.") ==
          std::vector<std::string>{"credit-cap | up to 30% | 1"});
}

TEST_CASE("claim deadlines", "[sla]") {
    // GitHub: the calendar quarter here ends the claim window, it is not the measurement period.
    CHECK(lines("Service Credits Redemption",
                "If GitHub does not meet this SLA, Customer may redeem Service Credits only upon written request "
                "to GitHub within thirty (30) days of the end of the calendar quarter.") ==
          std::vector<std::string>{"claim-deadline | within 30 days | 1"});
    CHECK(lines("Requesting A Service Credit",
                "To receive a Service Credit, Customer must notify Provider within 7 days of the end of the month "
                "in which Customer believes the Service Credit was earned.") ==
          std::vector<std::string>{"claim-deadline | within 7 days | 1"});
    // Not a credit: unused Professional Services Credits expire after twelve months.
    CHECK(lines("", "Any Professional Services Credits that remain unused at the end of twelve (12) months from "
                    "the date of purchase are automatically forfeited.")
              .empty());
}

TEST_CASE("security incident notification", "[sla]") {
    CHECK(lines("Security Incidents", "Provider will notify Customer of any Security Incident no later than "
                                      "seventy-two (72) hours after becoming aware of it.") ==
          std::vector<std::string>{"notification-window | no later than 72 hours | 1"});
    // Common Paper DPA: the qualitative limit is kept; "(c) promptly take reasonable steps" is no notice.
    CHECK(lines("Security Incident",
                "Upon becoming aware of any Security Incident, Provider will: (a) notify Customer without undue "
                "delay when feasible, but no later than 72 hours after becoming aware of the Security Incident; "
                "(b) provide timely information about the Security Incident as it becomes known; and (c) "
                "promptly take reasonable steps to contain and investigate the Security Incident.") ==
          std::vector<std::string>{"notification-window | without undue delay | 1",
                                   "notification-window | no later than 72 hours | 1"});
    CHECK(lines("", "GitHub shall notify Customer without undue delay after becoming aware of a Personal Data "
                    "breach.") == std::vector<std::string>{"notification-window | without undue delay | 1"});
    // A breach of contract is not a security incident.
    CHECK(lines("Termination", "Either party may terminate this Agreement for material breach upon thirty (30) "
                               "days' written notice if the breach remains uncured.")
              .empty());
}

TEST_CASE("support response and support hours", "[sla]") {
    CHECK(lines("Support", "Provider will respond to Severity 1 support requests within one (1) hour.") ==
          std::vector<std::string>{"support-response | within 1 hour | 1"});
    CHECK(lines("Support", "Provider will promptly respond to support tickets submitted through the portal.") ==
          std::vector<std::string>{"support-response | promptly | 1"});
    CHECK(lines("", "Enterprise Cloud includes an Organization account and 24/5 support with an 8-hour response "
                    "time.") == std::vector<std::string>{"support-hours | 24/5 | 1", "support-response | 8 hours | 1"});
    CHECK(lines("Support", "GitHub will provide standard technical Support for the Service at no additional "
                           "charge twenty-four (24) hours per day, five (5) days per week, excluding weekends.") ==
          std::vector<std::string>{"support-hours | 24/5 | 1"});
    // Responding to a subpoena is no support.
    CHECK(lines("Support", "Provider will respond to a subpoena within ten (10) days.").empty());
}

TEST_CASE("backups, retention and deletion", "[sla]") {
    CHECK(lines("Backups", "Provider performs daily backups of Customer Data. Backups are retained for thirty "
                           "(30) days.") ==
          std::vector<std::string>{"backup-frequency | daily | 1", "retention | 30 days | 1"});
    CHECK(lines("", "Upon Customer's request, Provider will delete Customer Content within 60 days.") ==
          std::vector<std::string>{"deletion-period | within 60 days | 1"});
    CHECK(lines("", "Upon termination, Provider will promptly delete all Customer Data.") ==
          std::vector<std::string>{"deletion-period | promptly | 1"});
    // A deadline to destroy stored data is not a retention period.
    CHECK(lines("", "Upon Customer's request, GitHub will return or destroy all Customer Data at all locations "
                    "where it is stored within 30 days of the request.") ==
          std::vector<std::string>{"deletion-period | within 30 days | 1"});
    // A notice clause's "return receipt requested" is no deletion.
    CHECK(lines("Notices", "Notices will be deemed given upon receipt if by registered mail (return receipt "
                           "requested) or one day after dispatch by courier; requests for termination must be in "
                           "writing.")
              .empty());
}

TEST_CASE("termination threshold", "[sla]") {
    CHECK(lines("Termination",
                "If the Cloud Service does not meet the Target Uptime for two (2) out of any three (3) consecutive "
                "months and Customer notified Provider of the failures within 7 days of the end of each impacted "
                "month, Customer may immediately terminate the affected Order Form by giving written notice.") ==
          std::vector<std::string>{"termination-threshold | 2 | 1", "termination-threshold | 3 months | 1"});
}

TEST_CASE("numbers that are no service levels", "[sla]") {
    onus::Document doc = doc_of({
        clause("1", "Service Level Agreement", "The subscription fee is $100 per month, payable in advance."),
        clause("2", "Termination for Convenience",
               "Either party may terminate this Agreement for convenience upon thirty (30) days' prior written "
               "notice to the other party."),
        clause("3", "Limitation of Liability",
               "In no event will either party's aggregate liability exceed the fees paid in the twelve (12) months "
               "preceding the claim or US$1,000,000, whichever is greater."),
        clause("4", "Children", "The Service is not directed to children under the age of 13."),
        clause("5", "Payment", "Invoices are due within thirty (30) days of receipt; late payments bear interest "
                               "of 1.5% per month."),
        clause("6", "Renewal", "This Agreement renews for successive twelve (12) month terms."),
    });
    CHECK(lines(doc).empty());
}

TEST_CASE("sole and exclusive remedy covers its section", "[sla]") {
    // GitHub: the remedy sentence is a paragraph unit of "Service Credits Redemption".
    onus::Document github = doc_of({
        clause("s1", "Uptime Guarantee", "GitHub commits to maintain at least 99.9% Uptime for the Service."),
        clause("s3", "Service Credits Redemption",
               "Customer may redeem Service Credits only upon written request to GitHub within thirty (30) days "
               "of the end of the calendar quarter."),
        clause("s3\u00B62", "",
               "Service Credits are limited to a maximum of ninety (90) days of paid service per calendar quarter. "
               "Service Credits are the sole and exclusive remedy for any failure by GitHub to meet any "
               "obligations in this SLA.",
               1),
    });
    std::vector<onus::SlaValue> values = onus::extract_sla(github);
    REQUIRE(values.size() == 3);
    CHECK(values[0].metric == "uptime");
    CHECK_FALSE(values[0].sole_remedy);
    CHECK(values[1].metric == "claim-deadline");
    CHECK(values[1].sole_remedy);
    CHECK(values[2].metric == "credit-cap");
    CHECK(values[2].sole_remedy);
    check_evidence(github, values);

    // Common Paper: "3.5 Exclusive Remedy" speaks for its siblings under "3 Remedies".
    onus::Document common = doc_of({
        clause("1", "Uptime", "Uptime is measured each calendar month.", std::nullopt, "1."),
        clause("3", "Remedies", "", std::nullopt, "3."),
        clause("3.3", "Service Credit Limitations",
               "Service Credits will not accumulate in an amount more than 8% of Cloud Service Fees.", 1, "3."),
        clause("3.5", "Exclusive Remedy",
               "This SLA describes Customer's exclusive remedy for any failure of the Cloud Service.", 1, "5."),
    });
    values = onus::extract_sla(common);
    REQUIRE(values.size() == 2);
    CHECK(values[0].metric == "measurement-period");
    CHECK_FALSE(values[0].sole_remedy);
    CHECK(values[1].metric == "credit-cap");
    CHECK(values[1].sole_remedy);

    // "only remedy" counts too; a clause without such words flags nothing.
    CHECK(onus::extract_sla(doc_of({clause("1", "", "Service Credits are limited to 30 days of paid service, per "
                                                    "quarter. Service Credits are Customer's only remedy.")}))
              .at(0)
              .sole_remedy);
    CHECK_FALSE(onus::extract_sla(doc_of({clause("1", "", "Service Credits are limited to 30 days of paid "
                                                          "service, per quarter.")}))
                    .at(0)
                    .sole_remedy);
}

TEST_CASE("evidence spans point at the sentence, curly quotes and all", "[sla]") {
    onus::Document doc = doc_of({clause("7.2", "SLA",
                                        "  Definitions apply. \u201CUptime\u201D\u00A0is measured monthly; Provider "
                                        "will keep the Service available 99.5% of the time.  \nAnother line.")});
    std::vector<onus::SlaValue> values = onus::extract_sla(doc);
    REQUIRE(values.size() == 2);
    check_evidence(doc, values);
    CHECK(values[0].metric == "measurement-period");
    CHECK(values[1].metric == "uptime");
    CHECK(values[1].evidence.text ==
          "\u201CUptime\u201D\u00A0is measured monthly; Provider will keep the Service available 99.5% of the time.");
}

TEST_CASE("markdown loaded through the reader", "[sla]") {
    const std::string md =
        "# Service Level Agreement\n\n"
        "## 1. Availability\n\n"
        "Provider will make the Service available 99.95% of the time, measured in a calendar month.\n\n"
        "## 2. Service Credits\n\n"
        "| Monthly Uptime | Service Credit |\n|---|---|\n| < 99.95% | 10% |\n| < 99.0% | 30% |\n\n"
        "Customer must request credits within 15 days of the end of the month. Service Credits are "
        "Customer's sole and exclusive remedy.\n";
    onus::Document doc = onus::load_bytes(md, "sla.md");
    std::vector<onus::SlaValue> values = onus::extract_sla(doc);
    check_evidence(doc, values);
    std::vector<std::string> got;
    for (const onus::SlaValue& v : values) got.push_back(v.metric + " " + onus::describe(v.quantity));
    CHECK(got == std::vector<std::string>{"uptime 99.95%", "measurement-period 1 month", "service-credit 10%",
                                          "service-credit 30%", "claim-deadline 15 days"});
    for (const onus::SlaValue& v : values)
        if (v.metric != "uptime" && v.metric != "measurement-period") CHECK(v.sole_remedy);
}

TEST_CASE("the real SLAs yield their facts", "[sla][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    fs::path agreements = onus::test::shared_dir() / "corpus" / "agreements";

    SECTION("GitHub Enterprise Cloud SLA (2021)") {
        onus::Document doc = onus::load((agreements / "github-enterprise-cloud-sla" / "v-20210111-097ecdd.md").string());
        std::vector<onus::SlaValue> values = onus::extract_sla(doc);
        check_evidence(doc, values);
        std::vector<std::string> got = lines(doc);
        CHECK(has(got, "uptime | at least 99.9% | s1"));
        CHECK(has(got, "measurement-period | 1 quarter | s1"));
        CHECK(has(got, "service-credit | 10% | s1\u00B63"));
        CHECK(has(got, "service-credit | 25% | s1\u00B63"));
        CHECK(has(got, "claim-deadline | within 30 days | s3"));
        CHECK(has(got, "credit-cap | up to 90 days | s3\u00B62"));
        for (const onus::SlaValue& v : values) {
            INFO(line(v));
            CHECK(v.quantity.value != 99.0);  // the 99.0% tier threshold is not a value
            CHECK(v.sole_remedy == (v.clause_id.rfind("s3", 0) == 0));
        }
        CHECK(values.size() == 9);
    }

    SECTION("Common Paper SLA v2.0") {
        onus::Document doc = onus::load((agreements / "commonpaper-sla" / "v-20240404-2a5d1e5-v2.0.md").string());
        std::vector<onus::SlaValue> values = onus::extract_sla(doc);
        check_evidence(doc, values);
        std::vector<std::string> got = lines(doc);
        CHECK(has(got, "measurement-period | 1 month | 1.1"));
        CHECK(has(got, "claim-deadline | within 7 days | 3.2"));
        CHECK(has(got, "credit-cap | up to 8% | 3.3"));
        CHECK(has(got, "termination-threshold | 2 | 3.4"));
        CHECK(has(got, "termination-threshold | 3 months | 3.4"));
        // The 7 days to report failures before terminating is no credit claim; "immediately" no value.
        CHECK(std::count_if(values.begin(), values.end(), [](const onus::SlaValue& v) {
                  return v.clause_id == "3.4";
              }) == 2);
        for (const onus::SlaValue& v : values) {
            INFO(line(v));
            CHECK(v.sole_remedy == (v.clause_id.rfind("3.", 0) == 0));
            CHECK(v.metric != "uptime");  // the Target Uptime is on the Order Form
        }
    }

    SECTION("Common Paper DPA: breach notification") {
        onus::Document doc = onus::load((agreements / "commonpaper-dpa" / "v-20250509-9f1c40d-v1.1.md").string());
        std::vector<std::string> got = lines(doc);
        CHECK(has(got, "notification-window | no later than 72 hours | 4.1"));
        CHECK(has(got, "notification-window | without undue delay | 4.1"));
        CHECK_FALSE(has(got, "notification-window | promptly | 4.1"));
    }
}

TEST_CASE("every agreement in the corpus: no throw, evidence inside its clause", "[sla][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    std::size_t files = 0;
    std::size_t values_seen = 0;
    for (const auto& family : fs::directory_iterator(onus::test::shared_dir() / "corpus" / "agreements")) {
        if (!family.is_directory()) continue;
        for (const auto& version : fs::directory_iterator(family.path())) {
            if (version.path().extension() != ".md") continue;
            INFO(version.path().string());
            onus::Document doc = onus::load(version.path().string());
            std::vector<onus::SlaValue> values;
            REQUIRE_NOTHROW(values = onus::extract_sla(doc));
            check_evidence(doc, values);
            values_seen += values.size();
            ++files;
        }
    }
    CHECK(files >= 20);
    CHECK(values_seen > 0);
}
