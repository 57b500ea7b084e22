// onus/quantity.hpp: the numbers an agreement commits to, as typed values.
//
// SLAs and cloud agreements live on their numbers: uptime ("99.9% of the
// time in each month"), service-credit tiers and caps ("limited to a
// maximum of ninety (90) days of paid service"), claim deadlines ("within
// thirty (30) days of the end of the calendar quarter"), breach notification
// ("no later than 72 hours", "without undue delay"), support hours ("24/7"),
// backup frequency ("daily"), deletion periods, liability caps ("US$1,000").
// find_quantities() reads them out of a clause's text; compare() and
// describe_change() tell the differ how two versions differ ("24 hours ->
// 3 days is longer", "within 72 hours -> without undue delay is a change
// from a fixed to an open limit").
//
//   for (const onus::Quantity& q : onus::find_quantities(clause.text))
//       std::cout << q.bound << ' ' << onus::describe(q) << '\n';
//   // "GitHub will notify Customer within seventy-two (72) hours"
//   //   -> kind duration, amount 72, unit "hour", value 72, bound "within",
//   //      text "seventy-two (72) hours", describe() == "72 hours"
//   onus::Comparison c = onus::compare(before, after);   // Order::less, ...
//   std::string s = onus::describe_change(before, after); // "24 hours -> 3 days is longer"
//
// Matching runs on the normalised text (onus/text.hpp: case-folded, dashes
// and quotes unified) and is hand-written token scanning, not regular
// expressions: number words, "words (figures)" pairs and units are easier
// to get right, and to read, as a small grammar. Spans are mapped back to
// the original text. What is NOT a quantity: references ("Section 4.2",
// "Article 28", "Clause 5", "SOC 2", "ISO 27001", "version 2.0"), dates
// ("January 4, 2021", "2021"), times of day, list labels ("(a)", "(1)",
// "1."), identifiers ("header_3", "v2"), URLs, and bare numbers with no unit
// (formulas, headings): a bare number is a count only when written as words
// and figures ("two (2)"), after a bound ("more than 700 million"), or with
// a scale word.
//
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "onus/text.hpp"

namespace onus {

enum class QuantityKind {
    duration,     // "72 hours", "thirty (30) days", "5 business days", "a calendar month"
    percentage,   // "99.9%", "five percent (5%)", "ninety-nine point nine percent"
    money,        // "$100", "USD 1,000,000", "€50", "$500.00 USD", "$1 million"
    count,        // "two (2) out of any three", "more than 700 million"
    frequency,    // "daily", "every 24 hours", "once per month", "one (1) time per year"
    coverage,     // support hours: "24/7", "24x5", "twenty-four (24) hours per day, five (5) days per week"
    qualitative,  // open time limits: "promptly", "without undue delay", "within a reasonable time"
    multiple,     // a multiple of another amount: "25 times the amount that was paid", "ten (10) times the fees"
};

const char* to_string(QuantityKind kind) noexcept;  // "duration", "percentage", ...

// One quantity found in a text.
struct Quantity {
    QuantityKind kind = QuantityKind::count;

    // The number as written, words or figures: 72 for "seventy-two (72)
    // hours", 99.95 for "99.95%", 1000000 for "USD 1,000,000", 1 for "a
    // month" and for "daily"; for frequency the times per `unit` ("every 2
    // weeks" -> 0.5); for coverage the hours per week; 0 for qualitative.
    double amount = 0;

    // Canonical unit. duration: "second", "minute", "hour", "day", "week",
    // "month", "quarter", "year" (singular; describe() pluralises);
    // percentage: "%"; money: an ISO 4217 code ("USD", "EUR", "GBP", "JPY";
    // a bare "$" is taken as USD); count: ""; frequency: the period the
    // amount is per ("day", "week", ...); multiple: "times"; coverage: "24/7" style
    // (hours-per-day/days-per-week); qualitative: the canonical phrase,
    // one of "immediately" (also "forthwith"), "without delay", "promptly",
    // "without undue delay", "as soon as possible", "as soon as practicable"
    // (also "as soon as reasonably practicable"), "in a timely manner",
    // "reasonable time" ("within a reasonable time/period").
    std::string unit;

    // Normalised for comparison. duration: hours, taking a month as 30
    // days, a quarter as 90 and a year as 365 (compare() compares months,
    // quarters and years with each other exactly, in months), business
    // days and hours counted like calendar ones (see `business`);
    // percentage: the percent (99.9); money: currency units; count and
    // multiple: the number; frequency: times per day; coverage: hours per week;
    // qualitative: 0.
    double value = 0;

    // Business (working) days or hours: "5 business days" has value 120
    // with business == true. compare() stretches them by 7/5 (weekends).
    bool business = false;

    // The limit put on the number, canonical: "within", "no later than",
    // "at least" (also "not less than", "a minimum of", "N or more"), "up
    // to" (also "no more than", "not to exceed", "a maximum of", "less than
    // or equal to"), "more than" (also "greater than", "in excess of"),
    // "less than" (also "fewer than", "below", "under"); "" when none.
    std::string bound;

    // The period of a rate: "1.5% per month" -> "month", "twenty-four (24)
    // hours a day" -> "day"; "" when the quantity is not a rate.
    std::string per;

    // Words and figures disagree ("thirty (31) days"): `amount` follows
    // the words, as legal drafting convention has words control.
    bool words_figures_differ = false;

    // Byte span [start, end) in the ORIGINAL text and the words there,
    // covering both forms of "seventy-two (72) hours" (bound words and
    // `per` words are outside the span unless part of the phrase itself).
    std::size_t start = 0;
    std::size_t end = 0;
    std::string text;
};

// Every quantity in `text` (valid UTF-8), in text order, not overlapping.
// Throws Error{ErrorCode::malformed} on invalid UTF-8 (sanitize_utf8 first).
std::vector<Quantity> find_quantities(std::string_view text);

// The same, for a caller that has normalised `text` already (the SLA reader
// normalises each sentence for its own cue matching): `normalized` must be
// normalize(text). Saves normalising the text a second time; same result.
std::vector<Quantity> find_quantities(std::string_view text, const NormalizedText& normalized);

// How two quantities order by magnitude, the bound set aside.
enum class Order { less, equal, greater, unordered };

const char* to_string(Order order) noexcept;  // "less", "equal", "greater", "unordered"

struct Comparison {
    // a against b: durations shorter/longer, percentages, money and counts
    // lower/higher, frequencies less/more often, coverage narrower/wider.
    // unordered: different kinds, different currencies, or an open limit
    // ("promptly") against anything but the same phrase or "immediately".
    Order order = Order::unordered;
    // The order rests on a conversion: a month, quarter or year against
    // days, hours or weeks (month = 30 days, quarter = 90, year = 365), or
    // business against calendar time (one business day = 7/5 calendar
    // days: 5 business days ~ 7 days, reported equal and approximate;
    // holidays and office hours are ignored).
    bool approximate = false;
    // One side is an open limit ("without undue delay", "promptly") and
    // the other a fixed number or "immediately": the change the differ
    // reports as "from a fixed to an open limit" (or back).
    bool open_vs_fixed = false;
    // The bounds differ ("within 30 days" vs "at least 30 days").
    bool bound_differs = false;
};

// Compare a with b. "immediately" counts as a zero delay: less than any
// fixed duration above zero, less than every other open limit. Other open
// limits are not ordered against each other or against numbers.
// `per` is ignored (rates compare by their amount).
Comparison compare(const Quantity& a, const Quantity& b);

// The quantity in canonical words, without its bound: "72 hours", "99.9%",
// "3 business days", "1 month", "USD 1,000,000", "2", "daily", "twice per
// week", "every 2 weeks", "24/7", "without undue delay", "a reasonable
// time". A rate adds its period: "1.5% per month".
std::string describe(const Quantity& q);

// One line for the differ, bounds included where set: "24 hours -> 3 days
// is longer", "99.95% -> 99.9% is lower", "within 72 hours -> without
// undue delay is a change from a fixed to an open limit", "5 business days
// -> 7 days is about the same", "daily -> weekly is less often".
std::string describe_change(const Quantity& before, const Quantity& after);

}  // namespace onus
