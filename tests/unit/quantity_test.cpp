// Tests for onus/quantity.hpp: quantities in contract text, their
// comparison and description. Phrases are short excerpts of the agreements
// in ../shared/corpus/agreements (GitHub, Common Paper, Bonterms), written
// inline; the corpus itself is scanned at the end when present.
#include "onus/quantity.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "onus/error.hpp"
#include "support.hpp"

namespace {

using onus::Order;
using onus::Quantity;
using onus::QuantityKind;

// One line per quantity: "kind | bound | describe() | [text as written]".
std::string summary(const Quantity& q) {
    return std::string(onus::to_string(q.kind)) + " | " + q.bound + " | " + onus::describe(q) + " | [" + q.text + "]";
}

std::vector<std::string> summaries(std::string_view text) {
    std::vector<std::string> out;
    for (const Quantity& q : onus::find_quantities(text)) out.push_back(summary(q));
    return out;
}

// The single quantity in a phrase (fails the test if there is not exactly one).
Quantity one(std::string_view text) {
    std::vector<Quantity> qs = onus::find_quantities(text);
    INFO(text);
    REQUIRE(qs.size() == 1);
    return qs[0];
}

struct Case {
    const char* text;
    std::vector<std::string> expected;
};

void check_cases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(summaries(c.text) == c.expected);
    }
}

}  // namespace

TEST_CASE("durations as figures, words and both", "[quantity]") {
    check_cases({
        {"GitHub will notify Customer without undue delay when feasible, but no later than 72 hours after",
         {"qualitative |  | without undue delay | [without undue delay]",
          "duration | no later than | 72 hours | [72 hours]"}},
        {"notify the Supervisory Authority within seventy-two (72) hours",
         {"duration | within | 72 hours | [seventy-two (72) hours]"}},
        {"You must pay the Fees within thirty (30) days of the date of the invoice",
         {"duration | within | 30 days | [thirty (30) days]"}},
        {"fails to cure a material breach of the Agreement within 30 days after receiving notice",
         {"duration | within | 30 days | [30 days]"}},
        {"been able to provide an alternative solution within ninety days.",
         {"duration | within | 90 days | [ninety days]"}},
        {"one hundred twenty days", {"duration |  | 120 days | [one hundred twenty days]"}},
        {"one hundred and twenty (120) days", {"duration |  | 120 days | [one hundred and twenty (120) days]"}},
        {"twenty-four hours", {"duration |  | 24 hours | [twenty-four hours]"}},
        {"(iii) five (5) business days after it is sent by registered or certified mail",
         {"duration |  | 5 business days | [five (5) business days]"}},
        {"Provider will notify Customer at least 10 business days in advance",
         {"duration | at least | 10 business days | [10 business days]"}},
        {"within ten working days", {"duration | within | 10 business days | [ten working days]"}},
        {"during the twelve (12) months preceding the claim", {"duration |  | 12 months | [twelve (12) months]"}},
        {"FEES ACTUALLY PAID TO GITHUB BY YOU DURING THE TWELVE (12) MONTHS PRECEDING THE CLAIM",
         {"duration |  | 12 months | [TWELVE (12) MONTHS]"}},
        {"Each Subscription Term will last for an initial 12-month period",
         {"duration |  | 12 months | [12-month]"}},
        {"the parties will seek to resolve the dispute over a 15-day discussion period",
         {"duration |  | 15 days | [15-day]"}},
        {"24/5 support with an 8-hour response time",
         {"coverage |  | 24/5 | [24/5]", "duration |  | 8 hours | [8-hour]"}},
        {"If the Total Storage Transactions in a given one-hour interval is zero",
         {"duration |  | 1 hour | [one-hour]"}},
        {"the total number of minutes in a calendar month", {"duration |  | 1 month | [a calendar month]"}},
        {"in any event within one month of suspension", {"duration | within | 1 month | [one month]"}},
        {"for two (2) out of any three (3) consecutive months",
         {"count |  | 2 | [two (2)]", "duration |  | 3 months | [three (3) consecutive months]"}},
        {"for 15 or more consecutive days", {"duration | at least | 15 days | [15 or more consecutive days]"}},
        {"for 30 days or more", {"duration | at least | 30 days | [30 days or more]"}},
        {"the Actions history log did not capture any output five (5) minutes after",
         {"duration |  | 5 minutes | [five (5) minutes]"}},
        {"audit reports and any assessment work for a minimum of three years.",
         {"duration | at least | 3 years | [three years]"}},
        {"A User must be at least 13 years of age.", {"duration | at least | 13 years | [13 years]"}},
        {"respond within 24h", {"duration | within | 24 hours | [24h]"}},
        {"in an amount more than 1 months\u2019 worth of Cloud Service fees",
         {"duration | more than | 1 month | [1 months]"}},
        {"for Invoice Periods shorter than one year", {"duration | less than | 1 year | [one year]"}},
        {"Service Credits are limited to 30 days of paid service, per quarter.",
         {"duration | up to | 30 days | [30 days]"}},
        {"limited to a maximum of ninety (90) days of paid service per calendar quarter",
         {"duration | up to | 90 days | [ninety (90) days]"}},
        {"thirty days' prior written notice", {"duration |  | 30 days | [thirty days]"}},
        {"terminate under Section 5 within 30 days", {"duration | within | 30 days | [30 days]"}},
        {"see Section 30 days", {}},  // a reference word wins over a unit after it
    });
}

TEST_CASE("percentages, money and counts", "[quantity]") {
    check_cases({
        {"GitHub guarantees a 99.9% quarterly uptime commitment",
         {"percentage |  | 99.9% | [99.9%]", "frequency |  | quarterly | [quarterly]"}},
        {"GitHub commits to maintain at least 99.9% Uptime", {"percentage | at least | 99.9% | [99.9%]"}},
        {"a quarterly Uptime percentage of 99.95%.", {"frequency |  | quarterly | [quarterly]",
                                                      "percentage |  | 99.95% | [99.95%]"}},
        {"less than or equal to 99.9%, but greater than 99.0%.",
         {"percentage | up to | 99.9% | [99.9%]", "percentage | more than | 99% | [99.0%]"}},
        {"the error rate exceeds five percent (5%) in a given minute",
         {"percentage | more than | 5% | [five percent (5%)]"}},
        {"having more than fifty percent (50%) ownership", {"percentage | more than | 50% | [fifty percent (50%)]"}},
        {"for more than .05% of the quarter", {"percentage | more than | 0.05% | [.05%]"}},
        {"99.9 percent", {"percentage |  | 99.9% | [99.9 percent]"}},
        {"99.9 per cent", {"percentage |  | 99.9% | [99.9 per cent]"}},
        {"ninety-nine point nine percent", {"percentage |  | 99.9% | [ninety-nine point nine percent]"}},
        {"charge interest on past due amounts at 1.5% per month",
         {"percentage |  | 1.5% per month | [1.5%]"}},
        {"in an amount more than 8% of Cloud Service Fees", {"percentage | more than | 8% | [8%]"}},
        {"its liability for Trials and Betas will not exceed US$1,000.", {"money |  | USD 1,000 | [US$1,000]"}},
        {"is limited to direct damages up to $5,000.00 USD.", {"money | up to | USD 5,000 | [$5,000.00 USD]"}},
        {"USD 1,000,000", {"money |  | USD 1,000,000 | [USD 1,000,000]"}},
        {"a fee of \u20AC50", {"money |  | EUR 50 | [\u20AC50]"}},
        {"\u00A3 2,500.50", {"money |  | GBP 2,500.50 | [\u00A3 2,500.50]"}},
        {"1,000 U.S. dollars", {"money |  | USD 1,000 | [1,000 U.S. dollars]"}},
        {"$1 million", {"money |  | USD 1,000,000 | [$1 million]"}},
        {"the number of monthly active users is less than 700 million",
         {"frequency |  | monthly | [monthly]", "count | less than | 700,000,000 | [700 million]"}},
        {"you may not have more than one free Account", {"count | more than | 1 | [one]"}},
        {"must have at least one (1) account on GitHub.com", {"count | at least | 1 | [one (1)]"}},
        {"A User can be a member of one or more Organizations.", {}},
        {"Customer is entitled to receive 25 times the amount that was paid for the Outage time",
         {"multiple |  | 25 times | [25 times]"}},
        {"a credit of ten (10) times the fees for the affected period", {"multiple |  | 10 times | [ten (10) times]"}},
        {"backups are taken 3 times each week", {"frequency |  | 3 times per week | [3 times each week]"}},
    });
}

TEST_CASE("frequencies and support coverage", "[quantity]") {
    check_cases({
        {"backups are taken daily", {"frequency |  | daily | [daily]"}},
        {"Upon Customer's written request and no more than once annually",
         {"frequency | up to | yearly | [once annually]"}},
        {"on a commercially reasonable basis but no less than one (1) time per year",
         {"frequency | at least | yearly | [one (1) time per year]"}},
        {"in no case less frequently than once a week", {"frequency |  | weekly | [once a week]"}},
        {"which shall be updated at least once a year", {"frequency | at least | yearly | [once a year]"}},
        {"twice per month", {"frequency |  | twice per month | [twice per month]"}},
        {"3 times each week", {"frequency |  | 3 times per week | [3 times each week]"}},
        {"snapshots every 24 hours", {"frequency |  | every 24 hours | [every 24 hours]"}},
        {"every 2 weeks", {"frequency |  | every 2 weeks | [every 2 weeks]"}},
        {"reviewed every month", {"frequency |  | monthly | [every month]"}},
        {"semi-annually", {"frequency |  | twice per year | [semi-annually]"}},
        {"Support is available 24/7/365.", {"coverage |  | 24/7 | [24/7/365]"}},
        {"24x7 monitoring and 24 x 5 support",
         {"coverage |  | 24/7 | [24x7]", "coverage |  | 24/5 | [24 x 5]"}},
        {"Support at no additional charge twenty-four (24) hours per day, five (5) days per week, excluding",
         {"coverage |  | 24/5 | [twenty-four (24) hours per day, five (5) days per week]"}},
        {"escalation processes on a 24-hours-per-day, 7-days-per-week basis",
         {"coverage |  | 24/7 | [24-hours-per-day, 7-days-per-week]"}},
    });
}

TEST_CASE("open time limits", "[quantity]") {
    check_cases({
        {"GitHub will promptly and without undue delay (1) notify Customer",
         {"qualitative |  | promptly | [promptly]", "qualitative |  | without undue delay | [without undue delay]"}},
        {"notify us in writing of any such Claim as soon as reasonably practicable",
         {"qualitative |  | as soon as practicable | [as soon as reasonably practicable]"}},
        {"stored within a reasonable time and in any event within one month of suspension",
         {"qualitative | within | a reasonable time | [within a reasonable time]",
          "duration | within | 1 month | [one month]"}},
        {"GitHub will notify Customer in writing immediately.", {"qualitative |  | immediately | [immediately]"}},
        {"Either Party may terminate this Agreement forthwith", {"qualitative |  | immediately | [forthwith]"}},
        {"shall deal with enquiries in a timely fashion", {"qualitative |  | in a timely manner | [in a timely fashion]"}},
        {"as soon as possible", {"qualitative |  | as soon as possible | [as soon as possible]"}},
        // "immediately" that places rather than limits.
        {"payable in the 12 months immediately preceding the first incident",
         {"duration |  | 12 months | [12 months]"}},
    });
}

TEST_CASE("numbers that are not quantities", "[quantity]") {
    const std::vector<const char*> negatives = {
        "as set out in Section 4.2",
        "Sections 4.2 and 5 survive",
        "pursuant to Section 7.1;",
        "under Article 28(3) of the GDPR",
        "Clause 5 (j) applies",
        "GitHub maintains SOC 1 and SOC 2 Type 2 reports",
        "certified under ISO 27001 and ISO/IEC 27018:2019",
        "These terms apply to Customers who licensed the Products prior to January 4, 2021.",
        "effective 4 January 2021",
        "the 2021 calendar year",
        "on 2021-01-04 or 01/04/2021",
        "Regulation (EU) 2016/679",
        "(a) a Force Majeure Event; (b) general Internet connectivity issues; (1) GitHub",
        "1. Uptime 2. Response Time",
        "version 2.0 of the terms; v2.1",
        "See https://commonpaper.com/standards/service-level-agreement/2.0/ for details",
        "<span class=\"header_3\" id=\"1.1\">Target Uptime.</span>",
        "(Total Triggered Executions - Unavailable Executions) / (Total Triggered Executions) x 100",
        "at 10:30 local time",
        "SHA-256 and TLS 1.2",
        "Once the Suspension Event is resolved",
        "the total number of hours in a calendar quarter",
    };
    for (const char* text : negatives) {
        INFO(text);
        std::vector<std::string> got = summaries(text);
        // The last two hold a real period each: the duration, nothing else.
        if (std::string_view(text).find("calendar quarter") != std::string_view::npos)
            CHECK(got == std::vector<std::string>{"duration |  | 1 quarter | [a calendar quarter]"});
        else
            CHECK(got.empty());
    }
}

TEST_CASE("values and spans", "[quantity]") {
    SECTION("durations in hours, months as 30 days") {
        CHECK(one("72 hours").value == 72);
        CHECK(one("3 days").value == 72);
        CHECK(one("2 weeks").value == 336);
        CHECK(one("1 month").value == 720);
        CHECK(one("a quarter").value == 2160);
        CHECK(one("one year").value == 8760);
        CHECK(one("90 minutes").value == Approx(1.5));
        Quantity b = one("5 business days");
        CHECK(b.value == 120);
        CHECK(b.business);
        CHECK(b.unit == "day");
        CHECK(b.amount == 5);
    }
    SECTION("frequencies in times per day") {
        CHECK(one("daily").value == 1);
        CHECK(one("every 24 hours").value == Approx(1));
        CHECK(one("hourly").value == 24);
        CHECK(one("weekly").value == Approx(1.0 / 7));
    }
    SECTION("the span covers both forms and maps to the original bytes") {
        // Double spaces, a non-breaking hyphen and a no-break space:
        // normalised for matching, given back as written.
        std::string text = "Provider  SHALL notify \u201Cwithin  Seventy\u2011Two (72)\u00A0Hours\u201D, promptly.";
        std::vector<Quantity> qs = onus::find_quantities(text);
        REQUIRE(qs.size() == 2);
        CHECK(qs[0].bound == "within");
        CHECK(qs[0].text == "Seventy\u2011Two (72)\u00A0Hours");
        CHECK(text.substr(qs[0].start, qs[0].end - qs[0].start) == qs[0].text);
        CHECK(qs[0].amount == 72);
        CHECK(qs[1].text == "promptly");
        CHECK(text.substr(qs[1].start, qs[1].end - qs[1].start) == "promptly");
    }
    SECTION("words and figures that disagree: the words control") {
        Quantity q = one("within thirty (31) days");
        CHECK(q.words_figures_differ);
        CHECK(q.amount == 30);
        CHECK_FALSE(one("within thirty (30) days").words_figures_differ);
    }
    SECTION("a rate keeps its period outside the span") {
        Quantity q = one("1.5% per month");
        CHECK(q.per == "month");
        CHECK(q.text == "1.5%");
    }
    SECTION("invalid UTF-8 is refused") {
        CHECK_THROWS_AS(onus::find_quantities("within 30 days \xC3"), onus::Error);
    }
    SECTION("empty and number-free text") {
        CHECK(onus::find_quantities("").empty());
        CHECK(onus::find_quantities("Provider shall encrypt Customer Data.").empty());
    }
}

TEST_CASE("compare orders quantities of one kind", "[quantity]") {
    struct Row {
        const char* a;
        const char* b;
        Order order;
        bool approximate;
        bool open_vs_fixed;
    };
    const std::vector<Row> rows = {
        {"24 hours", "3 days", Order::less, false, false},
        {"72 hours", "3 days", Order::equal, false, false},
        {"seventy-two (72) hours", "72 hours", Order::equal, false, false},
        {"2 weeks", "14 days", Order::equal, false, false},
        {"99.95%", "99.9%", Order::greater, false, false},
        {"99.9 percent", "99.9%", Order::equal, false, false},
        // Months against years are exact; against days they rest on 30 days.
        {"12 months", "one year", Order::equal, false, false},
        {"a quarter", "3 months", Order::equal, false, false},
        {"1 month", "30 days", Order::equal, true, false},
        {"1 month", "31 days", Order::less, true, false},
        {"one year", "365 days", Order::equal, true, false},
        // A business day is 7/5 calendar days: 5 business days ~ 7 days.
        {"5 business days", "7 days", Order::equal, true, false},
        {"5 business days", "5 days", Order::greater, true, false},
        {"3 business days", "10 days", Order::less, true, false},
        {"5 business days", "five (5) business days", Order::equal, false, false},
        // Open limits.
        {"immediately", "24 hours", Order::less, false, false},
        {"72 hours", "immediately", Order::greater, false, false},
        {"immediately", "promptly", Order::less, false, true},
        {"within 72 hours", "without undue delay", Order::unordered, false, true},
        {"promptly", "without undue delay", Order::unordered, false, false},
        {"promptly", "promptly", Order::equal, false, false},
        // Across kinds and currencies.
        {"30 days", "30%", Order::unordered, false, false},
        {"$100", "\u20AC100", Order::unordered, false, false},
        {"$100", "USD 250", Order::less, false, false},
        {"daily", "every 24 hours", Order::equal, false, false},
        {"daily", "weekly", Order::greater, false, false},
        {"monthly", "every 30 days", Order::equal, true, false},
        {"24/7", "twenty-four (24) hours per day, five (5) days per week", Order::greater, false, false},
        {"two (2)", "three (3)", Order::less, false, false},
    };
    for (const Row& r : rows) {
        INFO(r.a << " vs " << r.b);
        onus::Comparison c = onus::compare(one(r.a), one(r.b));
        CHECK(onus::to_string(c.order) == std::string(onus::to_string(r.order)));
        CHECK(c.approximate == r.approximate);
        CHECK(c.open_vs_fixed == r.open_vs_fixed);
    }
    SECTION("the order is antisymmetric") {
        onus::Comparison ab = onus::compare(one("24 hours"), one("3 days"));
        onus::Comparison ba = onus::compare(one("3 days"), one("24 hours"));
        CHECK(ab.order == Order::less);
        CHECK(ba.order == Order::greater);
    }
    SECTION("bounds are set aside but flagged") {
        onus::Comparison c = onus::compare(one("within 30 days"), one("at least 30 days"));
        CHECK(c.order == Order::equal);
        CHECK(c.bound_differs);
        CHECK_FALSE(onus::compare(one("within 30 days"), one("within thirty (30) days")).bound_differs);
    }
}

TEST_CASE("describe and describe_change", "[quantity]") {
    const std::vector<std::pair<const char*, const char*>> described = {
        {"seventy-two (72) hours", "72 hours"},
        {"99.9%", "99.9%"},
        {"three (3) business days", "3 business days"},
        {"one business day", "1 business day"},
        {"a calendar month", "1 month"},
        {"without undue delay", "without undue delay"},
        {"within a reasonable period of time", "a reasonable time"},
        {"USD 1,000,000", "USD 1,000,000"},
        {"$0.50", "USD 0.50"},
        {"once a year", "yearly"},
        {"24/7", "24/7"},
    };
    for (const auto& [text, expected] : described) {
        INFO(text);
        CHECK(onus::describe(one(text)) == expected);
    }

    const std::vector<std::vector<const char*>> changes = {
        {"24 hours", "3 days", "24 hours -> 3 days is longer"},
        {"99.95%", "99.9%", "99.95% -> 99.9% is lower"},
        {"within 72 hours", "without undue delay",
         "within 72 hours -> without undue delay is a change from a fixed to an open limit"},
        {"promptly", "within 48 hours", "promptly -> within 48 hours is a change from an open to a fixed limit"},
        {"5 business days", "7 days", "5 business days -> 7 days is about the same"},
        {"10 business days", "7 days", "10 business days -> 7 days is shorter (counting a business day as 7/5 days)"},
        {"1 month", "45 days", "1 month -> 45 days is longer (taking a month as 30 days)"},
        {"daily", "weekly", "daily -> weekly is less often"},
        {"24/7", "24/5", "24/7 -> 24/5 is narrower"},
        {"$100", "\u20AC100", "USD 100 -> EUR 100 is in a different currency"},
        {"30 days", "30%", "30 days -> 30% is a different kind of quantity"},
        {"promptly", "as soon as possible", "promptly -> as soon as possible is a different open limit"},
        {"within 30 days", "at least 30 days", "within 30 days -> at least 30 days is the same, with a different bound"},
        {"thirty (30) days", "30 days", "30 days -> 30 days is the same"},
    };
    for (const auto& row : changes) {
        INFO(row[0] << " -> " << row[1]);
        CHECK(onus::describe_change(one(row[0]), one(row[1])) == row[2]);
    }
}

TEST_CASE("random phrases: no crash, spans in order and exact", "[quantity]") {
    // Pieces that end or interrupt the grammar at every point.
    const std::vector<std::string> pool = {
        "within", "every", "once", "a", "per", "calendar", "business", "days", "hours", "month", "%", "$", "US$",
        "(", ")", "30", "(30)", "thirty", "-", "seventy-two", "24/", "24/7", "/365", "or more", "Section", "4.2",
        ".05", "1,000", "million", "without undue", "delay", "immediately", "point", "nine", "hundred", "and",
        "x", "5", "€", "£", "https://x.example/30", " ", "“", "time", "times", "twice", "2021",
        "annum", "semi-", "annually", ",", "."};
    std::mt19937 rng(20240404);
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        int n = static_cast<int>(rng() % 12) + 1;
        for (int k = 0; k < n; ++k) {
            text += pool[rng() % pool.size()];
            if (rng() % 3 != 0) text += ' ';
        }
        INFO(text);
        std::vector<Quantity> qs;
        REQUIRE_NOTHROW(qs = onus::find_quantities(text));
        std::size_t last_end = 0;
        for (const Quantity& q : qs) {
            REQUIRE(q.start < q.end);
            REQUIRE(q.end <= text.size());
            REQUIRE(q.start >= last_end);
            REQUIRE(text.substr(q.start, q.end - q.start) == q.text);
            REQUIRE_FALSE(onus::describe(q).empty());
            last_end = q.end;
        }
    }
}

TEST_CASE("the shared corpus: every agreement scans, the SLAs yield their numbers", "[quantity][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus not present: skipped");
        return;
    }
    namespace fs = std::filesystem;
    const fs::path root = onus::test::shared_dir() / "corpus" / "agreements";
    int files = 0;
    for (const fs::directory_entry& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        for (const fs::directory_entry& f : fs::directory_iterator(dir.path())) {
            if (f.path().extension() != ".md") continue;
            ++files;
            std::string text = onus::test::read_file(f.path());
            INFO(f.path().string());
            std::vector<Quantity> qs;
            REQUIRE_NOTHROW(qs = onus::find_quantities(text));
            std::size_t last_end = 0;
            for (const Quantity& q : qs) {
                REQUIRE(q.start < q.end);
                REQUIRE(q.end <= text.size());
                REQUIRE(q.start >= last_end);  // in order, not overlapping
                REQUIRE(text.substr(q.start, q.end - q.start) == q.text);
                last_end = q.end;
            }
        }
    }
    CHECK(files > 0);

    // Common Paper SLA 2.0: the uptime target itself is a cover-page
    // variable ("Target Uptime"), so the percentage in the text is the
    // credit cap; the claim period is "within 7 days".
    const fs::path cp = root / "commonpaper-sla" / "v-20240404-2a5d1e5-v2.0.md";
    if (fs::exists(cp)) {
        std::vector<Quantity> qs = onus::find_quantities(onus::test::read_file(cp));
        bool percentage = false, claim = false, month = false;
        for (const Quantity& q : qs) {
            percentage |= q.kind == QuantityKind::percentage && q.amount == 8 && q.bound == "more than";
            claim |= q.kind == QuantityKind::duration && q.unit == "day" && q.amount == 7 && q.bound == "within";
            month |= q.kind == QuantityKind::duration && q.text == "a calendar month";
        }
        CHECK(percentage);
        CHECK(claim);
        CHECK(month);
    }

    // GitHub Enterprise Cloud SLA (2021): 99.9% quarterly, 10%/25% credit
    // tiers, claims within thirty (30) days, capped at ninety (90) days.
    const fs::path gh = root / "github-enterprise-cloud-sla" / "v-20210111-097ecdd.md";
    if (fs::exists(gh)) {
        std::vector<std::string> got;
        for (const Quantity& q : onus::find_quantities(onus::test::read_file(gh))) got.push_back(summary(q));
        auto has = [&](const std::string& s) { return std::find(got.begin(), got.end(), s) != got.end(); };
        CHECK(has("percentage | at least | 99.9% | [99.9%]"));
        CHECK(has("frequency |  | quarterly | [quarterly]"));
        CHECK(has("percentage |  | 10% | [10%]"));
        CHECK(has("percentage |  | 25% | [25%]"));
        CHECK(has("duration | within | 30 days | [thirty (30) days]"));
        CHECK(has("duration | up to | 90 days | [ninety (90) days]"));
    }
}
