// analysis/sla.cpp: the numbers an agreement commits to, named by what they
// measure (onus/analysis.hpp, extract_sla).
//
// find_quantities() finds every number with a unit; most of them are not
// service levels (fees, liability caps, notice periods, ages). A quantity is
// kept only when the words around it say which SLA metric it is. The
// decision is a table (rules() below), read top to bottom, first match wins:
// each row names the kinds of quantity it takes and the cue phrases that must
// appear in
//   said    the sentence itself (normalised: lower case, quotes and dashes
//           unified),
//   topic   the sentence, the clause's and its ancestors' headings and, in a
//           table, the column header,
//   near    the few words beside the number (clipped at the neighbouring
//           numbers so that one number's cue does not leak onto the next),
// and the phrases that veto it. Precision matters more than recall: a
// reviewer trusts the list, so every row asks for more than one cue.
//
// Units of reading: a sentence (onus::sentences) of a paragraph or of a
// table cell. Tables come in two shapes in SLAs: prose cells (GitHub puts
// whole definitions in cells) read like paragraphs, and credit-tier rows
// ("< 99.9%\t10%") that hold nothing but numbers; the latter are read by
// column, see tier_values().
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/quantity.hpp"
#include "onus/text.hpp"

namespace onus {

namespace {

using Cues = std::vector<std::string_view>;
using K = QuantityKind;

// ------------------------------------------------------------ cue matching

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80;
}

// A cue matches at the start of a word; it is a whole word (or phrase)
// unless it ends in '*', which makes it a prefix: "terminat*" covers
// terminate, termination; "availab*" covers availability but not
// "unavailable", which is exactly the point.
bool mentions(std::string_view text, std::string_view cue) {
    bool prefix = !cue.empty() && cue.back() == '*';
    if (prefix) cue.remove_suffix(1);
    if (cue.empty()) return false;
    for (std::size_t at = text.find(cue); at != std::string_view::npos; at = text.find(cue, at + 1)) {
        bool starts = at == 0 || !is_word_char(cue.front()) || !is_word_char(text[at - 1]);
        std::size_t after = at + cue.size();
        bool ends = prefix || after >= text.size() || !is_word_char(cue.back()) || !is_word_char(text[after]);
        if (starts && ends) return true;
    }
    return false;
}

bool mentions_any(std::string_view text, const Cues& cues) {
    return std::any_of(cues.begin(), cues.end(), [&](std::string_view c) { return mentions(text, c); });
}

// Every group must be mentioned (one cue of each); no groups: no demand.
bool mentions_each(std::string_view text, const std::vector<Cues>& groups) {
    return std::all_of(groups.begin(), groups.end(), [&](const Cues& g) { return mentions_any(text, g); });
}

// ------------------------------------------------------------ shapes

// Hours in the calendar units a measurement period is given in, as
// quantity.hpp counts them (month 30 days, quarter 90, year 365).
std::optional<double> period_hours(std::string_view unit) {
    if (unit == "month") return 30.0 * 24;
    if (unit == "quarter") return 90.0 * 24;
    if (unit == "year") return 365.0 * 24;
    return std::nullopt;
}

Quantity period(const std::string& unit, double hours) {
    Quantity q;
    q.kind = K::duration;
    q.amount = 1;
    q.unit = unit;
    q.value = hours;
    return q;
}

// A shape says whether a rule takes the quantity, and as what.
using Shape = std::optional<Quantity> (*)(const Quantity&);

std::optional<Quantity> as_is(const Quantity& q) { return q; }

// "less than 99.9%" is the threshold of a credit tier, not a commitment;
// uptime commitments are in the nineties, so a smaller percentage beside
// uptime words is something else ("an Outage affecting more than 50% of
// Active Users", "an error rate of 5%").
std::optional<Quantity> committed(const Quantity& q) {
    constexpr double lowest_uptime = 90;
    if (q.bound == "less than" || q.value < lowest_uptime || q.value > 100) return std::nullopt;
    return q;
}

// A cap is a maximum however it is worded: "will not accumulate ... in an
// amount more than 8%" and "limited to a maximum of" both read "up to".
std::optional<Quantity> maximum(const Quantity& q) {
    Quantity m = q;
    m.bound = "up to";
    return m;
}

// A credit is a figure: not a rate, and not compared ("less than 99.0%" in
// a credit sentence is a tier's threshold, not the credit).
std::optional<Quantity> plain(const Quantity& q) {
    if (!q.per.empty() || q.bound == "less than" || q.bound == "more than" || q.bound == "at least")
        return std::nullopt;
    return q;
}

// A notice is no rate: "will not exceed four (4) hours per month" is the
// maintenance window's length.
std::optional<Quantity> not_rate(const Quantity& q) {
    if (!q.per.empty()) return std::nullopt;
    return q;
}

// One calendar period: "a calendar month", or "monthly"/"quarterly", which
// find_quantities reads as frequencies; given as the duration 1 month /
// 1 quarter so that two versions of an agreement compare ("a calendar
// quarter" vs "quarterly" are the same period).
std::optional<Quantity> one_period(const Quantity& q) {
    std::optional<double> hours = period_hours(q.unit);
    if (!hours || q.amount != 1 || !q.per.empty()) return std::nullopt;
    if (q.kind == K::duration && q.bound.empty()) return q;
    if (q.kind != K::frequency) return std::nullopt;
    Quantity p = period(q.unit, *hours);
    p.start = q.start;
    p.end = q.end;
    p.text = q.text;
    return p;
}

// ------------------------------------------------------------ the table

struct Rule {
    const char* metric;
    std::vector<QuantityKind> kinds;
    Shape shape = as_is;
    std::vector<Cues> said = {};   // groups the sentence must mention
    std::vector<Cues> part = {};   // groups the number's part of the sentence (between ';') must mention
    std::vector<Cues> topic = {};  // groups the sentence, headings or column must mention
    std::vector<Cues> near = {};   // groups the words beside the number must mention
    Cues veto = {};                // the sentence must mention none
    Cues near_veto = {};           // the words beside the number must mention none
};

// Cue sets used by several rows.
// "of the time": "available 99.9% of the time in each month".
const Cues uptime_words = {"uptime*", "up time", "availability", "available", "service level*", "of the time"};
// For the measurement period "available" alone is too weak ("the number of
// monthly active users of the services made available by you").
const Cues measured_words = {"uptime*",    "up time",         "availability",      "unavailab*",
                             "downtime*",  "service level*",  "available minutes", "of the time"};
const Cues credit_words = {"credit*"};
const Cues backup_words = {"backup*", "back up*", "backed up", "back-up*", "snapshot*"};
// A credit is a share of what was paid, or a stretch of service.
const Cues fee_share = {"of the", "of your", "of customer*", "fee*", "charge*", "paid", "credit*", "of service"};
const Cues notify_words = {"notif*", "notice", "inform*", "report*", "alert*"};
const Cues delete_words = {"delet*", "destroy*", "destruction", "eras*", "purg*", "return*", "dispos*", "deidentif*"};
const Cues data_words = {"data", "content*", "information", "personal data", "personal information", "record*",
                         "cop*", "material*"};

const std::vector<Rule>& rules() {
    static const std::vector<Rule> table = {
        // "two (2) out of any three (3) consecutive months" below target:
        // the counts of a termination right. Before uptime and credits,
        // whose words these sentences also use.
        {.metric = "termination-threshold",
         .kinds = {K::count, K::duration},
         .said = {{"terminat*"}},
         .topic = {{"uptime*", "availab*", "service level*", "target*", "sla"}},
         .near = {{"out of", "consecutive", "in any"}}},

        // The maximum credit: "limited to a maximum of ninety (90) days of
        // paid service", "will not accumulate ... more than 8% of Cloud
        // Service Fees". A cap word before the number, a fee or service after.
        {.metric = "credit-cap",
         .kinds = {K::percentage, K::money, K::duration},
         .shape = maximum,
         .topic = {credit_words},
         .near = {{"maximum", "limited to", "more than", "exceed*", "cap*", "up to", "in no event", "aggregate"},
                  {"fee*", "paid", "charge*", "service", "amount*"}}},

        // Credit shares: "10% of the amount Customer paid". A percentage
        // compared, or beside uptime words, is a tier's threshold ("where the
        // Uptime ... was less than or equal to 99.9%, but greater than 99.0%").
        {.metric = "service-credit",
         .kinds = {K::percentage},
         .shape = plain,
         .topic = {credit_words},
         .near = {fee_share},
         .near_veto = {"uptime*", "availab*", "error rate*", "within", "notice", "end of", "unused", "expir*",
                       "from the date"}},

        // Credit amounts: days of service or money ("a service credit of three
        // (3) days of service"). "Professional Services Credits that remain
        // unused at the end of twelve (12) months" is an expiry.
        {.metric = "service-credit",
         .kinds = {K::money, K::duration},
         .shape = plain,
         .topic = {credit_words},
         .near = {{"credit*", "of service", "of paid service", "refund*"}},
         .near_veto = {"within", "notice", "end of", "unused", "expir*", "from the date", "calendar"}},

        // Credit as a multiple of what was paid: "25 times the amount that
        // was paid for the Outage time".
        {.metric = "service-credit",
         .kinds = {K::multiple},
         .shape = plain,
         .topic = {credit_words},
         .near = {{"amount*", "fee*", "paid", "charge*"}}},

        // Time to ask for a credit: "written request ... within thirty (30)
        // days of the end of the calendar quarter".
        {.metric = "claim-deadline",
         .kinds = {K::duration},
         .part = {{"request*", "claim*", "notify", "notif*", "submit*", "redeem*", "apply", "must"}},
         .topic = {credit_words},
         .near = {{"within", "of the end", "after", "following", "no later than"}},
         .near_veto = {"paid service", "of service", "fee*"}},

        // The committed uptime percentage. Not when the sentence is about
        // credits or fees (those percentages are tiers or shares), nor an
        // error-rate formula ("100% - Average Error Rate").
        {.metric = "uptime",
         .kinds = {K::percentage},
         .shape = committed,
         .said = {uptime_words},
         .veto = {"credit*", "error rate*", "refund*", "fee*", "paid"}},

        // The period uptime is measured over: "in a given calendar quarter",
        // "quarterly uptime", "measured in a calendar month". Not the end of
        // a period that starts a deadline ("within 30 days of the end of
        // the calendar quarter").
        {.metric = "measurement-period",
         .kinds = {K::duration, K::frequency},
         .shape = one_period,
         .said = {measured_words},
         .veto = {"credit*", "paid", "fee*", "refund*", "error rate*"},
         .near_veto = {"within", "after", "following", "notice", "prior", "end of", "preceding"}},

        // Notice before scheduled maintenance: the notice word beside the
        // number, so that the length of a maintenance window is not taken.
        {.metric = "maintenance-notice",
         .kinds = {K::duration},
         .shape = not_rate,
         .said = {{"maintenance", "scheduled downtime", "planned downtime", "scheduled outage*", "planned outage*"}},
         .near = {{"notice", "notif*", "advance", "prior", "before", "inform*", "announce*"}},
         .near_veto = {"exceed*", "duration", "window*", "last*"}},

        // Notice of a security incident or breach: "no later than 72 hours",
        // "without undue delay", in the item that notifies ("(c) promptly
        // take reasonable steps to contain" is not notice). A bare "breach"
        // is a contract breach ("terminate for material breach upon 30
        // days' notice"): not a cue, and termination vetoes.
        {.metric = "notification-window",
         .kinds = {K::duration, K::qualitative},
         .said = {{"security incident*", "security breach*", "personal data breach*", "data breach*",
                   "breach of security", "unauthori*", "incident*", "misuse"}},
         .part = {notify_words},
         .veto = {"terminat*", "cure*", "support request*", "severity", "priority"}},

        // Response time to support requests; "respond to a subpoena" is not.
        {.metric = "support-response",
         .kinds = {K::duration, K::qualitative},
         .part = {{"respon*", "acknowledg*"}},
         .topic = {{"support*", "ticket*", "severity", "priority", "help desk", "service request*"}},
         .veto = {"subpoena*", "legal process", "law enforcement", "government*", "audit*", "breach*"}},

        // Support coverage: "24/7", "twenty-four (24) hours per day, five (5)
        // days per week". Coverage of monitoring alone is not support.
        {.metric = "support-hours",
         .kinds = {K::coverage},
         .topic = {{"support*", "help*", "ticket*", "service desk", "customer service", "contact*", "phone*",
                    "telephone*", "email*"}}},

        {.metric = "backup-frequency", .kinds = {K::frequency}, .said = {backup_words}},

        // Backups, logs or data kept for N days: the keeping word beside the
        // number. Records of compliance kept for audits are not data.
        {.metric = "retention",
         .kinds = {K::duration},
         .said = {{"backup*", "back up*", "backed up", "back-up*", "snapshot*", "log*", "data", "content*"}},
         .near = {{"retain*", "retention", "kept", "keep*", "store*", "preserve*", "maintain*", "held", "hold*"}},
         // "destroy all Customer Data ... where it is stored within 30 days": a deadline, not a retention.
         .near_veto = {"within", "no later than"}},

        // Delete or return data within N days after termination or request,
        // the deleting words in the number's own item. A notice period beside
        // the number ("upon thirty (30) days' prior written notice") is not a
        // deletion period, nor a notice clause's "return receipt requested".
        {.metric = "deletion-period",
         .kinds = {K::duration, K::qualitative},
         .said = {{"terminat*", "expir*", "request*", "end of", "cessation", "conclusion"}},
         .part = {delete_words, data_words},
         .veto = {"refund*", "prepaid", "invoice*", "return receipt", "deemed"},
         .near_veto = {"notice", "prior"}},
    };
    return table;
}

const Rule& rule_for(std::string_view metric) {
    for (const Rule& r : rules())
        if (metric == r.metric) return r;
    return rules().front();  // not reached: callers name rows of the table
}

// ------------------------------------------------------------ reading units

struct Range {
    std::size_t start = 0;
    std::size_t end = 0;
};

// What a quantity is read against.
struct Context {
    std::string_view said;   // normalised sentence
    std::string_view part;   // the number's part of it: "(b) ...;" in an enumeration
    std::string_view topic;  // said + column header + headings
    std::string near;        // the words beside the number, number included
};

std::optional<Quantity> classify(const Quantity& q, const Context& c, const Rule& r) {
    if (std::find(r.kinds.begin(), r.kinds.end(), q.kind) == r.kinds.end()) return std::nullopt;
    if (!mentions_each(c.said, r.said) || !mentions_each(c.part, r.part) || !mentions_each(c.topic, r.topic) ||
        !mentions_each(c.near, r.near))
        return std::nullopt;
    if (mentions_any(c.said, r.veto) || mentions_any(c.near, r.near_veto)) return std::nullopt;
    return r.shape(q);
}

Range trimmed(std::string_view text, Range s) {
    auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'; };
    while (s.start < s.end && space(text[s.start])) ++s.start;
    while (s.end > s.start && space(text[s.end - 1])) --s.end;
    // A no-break space (U+00A0) is whitespace to a reader too.
    while (s.end >= s.start + 2 && text.substr(s.end - 2, 2) == "\xC2\xA0") s.end -= 2;
    return s;
}

// Collects values for one clause, dropping a repeat of the same value in
// the same sentence ("total minutes in a calendar quarter - Downtime) /
// total minutes in a calendar quarter").
class Collector {
public:
    Collector(const Clause& clause, std::vector<SlaValue>& out) : clause_(clause), out_(out), first_(out.size()) {}

    void add(const char* metric, const Quantity& q, Range sentence) {
        for (std::size_t i = first_; i < out_.size(); ++i) {
            const SlaValue& v = out_[i];
            if (v.metric == metric && v.evidence.start == sentence.start && v.quantity.bound == q.bound &&
                describe(v.quantity) == describe(q))
                return;
        }
        SlaValue v;
        v.metric = metric;
        v.quantity = q;
        v.clause_id = clause_.id;
        v.evidence.clause_id = clause_.id;
        v.evidence.start = sentence.start;
        v.evidence.end = sentence.end;
        v.evidence.text = clause_.text.substr(sentence.start, sentence.end - sentence.start);
        v.evidence.rule = std::string("sla.") + metric;
        out_.push_back(std::move(v));
    }

private:
    const Clause& clause_;
    std::vector<SlaValue>& out_;
    std::size_t first_;
};

// Offset in the normalised text of original offset `at` (relative to the
// normalised string's source): the first normalised byte produced at or
// after it.
std::size_t normalised_offset(const NormalizedText& n, std::size_t at) {
    auto it = std::lower_bound(n.origin.begin(), n.origin.end(), at);
    return std::min<std::size_t>(static_cast<std::size_t>(it - n.origin.begin()), n.text.size());
}

// Calendar periods find_quantities does not read as quantities ("in a
// given calendar quarter", "each calendar month"): measurement periods
// only, so they are offered to that row alone.
std::vector<Quantity> synthetic_periods(std::string_view original, const NormalizedText& n,
                                        const std::vector<Range>& taken) {
    static const std::vector<std::pair<std::string_view, std::string>> phrases = {
        {"calendar month", "month"}, {"calendar quarter", "quarter"}, {"calendar year", "year"},
        {"given month", "month"},    {"given quarter", "quarter"},    {"each month", "month"},
        {"each quarter", "quarter"}};
    std::vector<Quantity> out;
    for (const auto& [phrase, unit] : phrases) {
        for (std::size_t at = n.text.find(phrase); at != std::string::npos; at = n.text.find(phrase, at + 1)) {
            std::size_t end = at + phrase.size();
            if (end < n.text.size() && is_word_char(n.text[end])) continue;  // "calendar months"
            bool overlaps = std::any_of(taken.begin(), taken.end(),
                                        [&](const Range& t) { return at < t.end && t.start < end; });
            if (overlaps) continue;
            Quantity q = period(unit, *period_hours(unit));
            Span s = n.to_original(Span{at, end});
            q.start = s.start;
            q.end = s.end;
            q.text = std::string(original.substr(s.start, s.end - s.start));
            out.push_back(std::move(q));
        }
    }
    return out;
}

// The words beside a number (at, in the normalised sentence): up to 60
// bytes before and 50 after, cut at the neighbouring numbers (others) so
// that "10% of the amount" does not lend its fee words to the 99.9% that
// follows. A number in a table cell takes its meaning from the column too.
std::string beside(const std::string& sentence, Range at, const std::vector<Range>& others,
                   const std::string& column) {
    constexpr std::size_t before_width = 60;
    constexpr std::size_t after_width = 50;
    std::size_t from = at.start > before_width ? at.start - before_width : 0;
    std::size_t to = std::min(sentence.size(), at.end + after_width);
    for (const Range& o : others) {
        if (o.end <= at.start) from = std::max(from, o.end);
        if (o.start >= at.end) to = std::min(to, o.start);
    }
    std::string near = sentence.substr(from, to - from);
    if (!column.empty()) near = column + " | " + near;
    return near;
}

// The part of a sentence a number stands in: enumerations put several
// obligations in one sentence ("Provider will: (a) notify Customer ...
// no later than 72 hours ...; (b) ...; and (c) promptly take reasonable
// steps to contain ..."), and only the number's own item says what it times.
std::string_view part_of(std::string_view sentence, Range at) {
    std::size_t from = sentence.rfind(';', at.start);
    from = from == std::string_view::npos ? 0 : from + 1;
    std::size_t to = sentence.find(';', at.end);
    if (to == std::string_view::npos) to = sentence.size();
    return sentence.substr(from, to - from);
}

// One sentence (or one short table row) of a clause.
struct Unit {
    Range evidence;             // trimmed, in Clause::text
    Range scan;                 // where its quantities are looked for
    std::string column;         // normalised column header, "" outside tables
};

void read_unit(const Clause& clause, const Unit& unit, const std::string& headings, Collector& out) {
    std::string_view text = clause.text;
    std::string_view sentence = text.substr(unit.evidence.start, unit.evidence.end - unit.evidence.start);
    NormalizedText n = normalize(sentence);
    std::string topic = n.text + " | " + unit.column + " | " + headings;

    // A sentence is scanned whole: its normalised form is the one just made.
    bool whole = unit.scan.start == unit.evidence.start && unit.scan.end == unit.evidence.end;
    std::string_view scan = text.substr(unit.scan.start, unit.scan.end - unit.scan.start);
    std::vector<Quantity> found = whole ? find_quantities(scan, n) : find_quantities(scan);
    // Offsets: in Clause::text for the value, in the normalised sentence for the words beside it.
    std::vector<Range> where;
    for (Quantity& q : found) {
        q.start += unit.scan.start;
        q.end += unit.scan.start;
        where.push_back({normalised_offset(n, q.start - unit.evidence.start),
                         normalised_offset(n, q.end - unit.evidence.start)});
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        Context c{n.text, part_of(n.text, where[i]), topic, beside(n.text, where[i], where, unit.column)};
        for (const Rule& r : rules()) {
            if (std::optional<Quantity> kept = classify(found[i], c, r)) {
                out.add(r.metric, *kept, unit.evidence);
                break;
            }
        }
    }

    const Rule& period_rule = rule_for("measurement-period");
    for (Quantity& q : synthetic_periods(sentence, n, where)) {
        Range at{normalised_offset(n, q.start), normalised_offset(n, q.end)};
        q.start += unit.evidence.start;
        q.end += unit.evidence.start;
        Context c{n.text, part_of(n.text, at), topic, beside(n.text, at, where, unit.column)};
        if (std::optional<Quantity> kept = classify(q, c, period_rule)) out.add(period_rule.metric, *kept, unit.evidence);
    }
}

// ------------------------------------------------------------ tables

// A line of a clause that is a table row: cells separated by tabs (how the
// readers join cells) or " | " (Markdown-like text).
std::vector<Range> cells_of(std::string_view text, Range line) {
    std::string_view s = text.substr(line.start, line.end - line.start);
    std::string_view sep = s.find('\t') != std::string_view::npos ? "\t" : " | ";
    if (s.find(sep) == std::string_view::npos) return {};
    std::vector<Range> cells;
    std::size_t from = 0;
    for (std::size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, from)) {
        cells.push_back({line.start + from, line.start + at});
        from = at + sep.size();
    }
    cells.push_back({line.start + from, line.end});
    return cells;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// A cell holding a number and hardly anything else: "< 99.9%", "10%",
// "Less than 99.0% but at least 95.0%".
bool bare_cell(std::string_view text, Range cell) {
    constexpr std::size_t short_cell = 60;
    Range t = trimmed(text, cell);
    std::string_view s = text.substr(t.start, t.end - t.start);
    return s.size() <= short_cell && s.find(". ") == std::string_view::npos && !find_quantities(s).empty();
}

struct Table {
    std::vector<std::string> header;  // normalised column headers, empty when the table has none
    bool about_credit = false;        // the headers or headings speak of credits
};

// A credit-tier row: two or more cells of bare numbers in a table about
// credits ("< 99.9%\t10%"). The credit column is the one whose header says
// credit (and not uptime); without headers, the last number cell, as tier
// tables put the threshold first. The other cells are thresholds: dropped.
bool tier_values(const Clause& clause, Range line, const std::vector<Range>& cells, const Table& table,
                 Collector& out) {
    std::string_view text = clause.text;
    std::vector<std::size_t> numbers;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        Range t = trimmed(text, cells[i]);
        if (t.start == t.end) continue;
        if (!bare_cell(text, cells[i])) {
            if (has_digit(text.substr(t.start, t.end - t.start))) return false;  // prose with numbers: not a tier row
            continue;
        }
        numbers.push_back(i);
    }
    if (!table.about_credit || numbers.size() < 2) return false;

    std::optional<std::size_t> column;
    for (std::size_t i : numbers) {
        if (i < table.header.size() && mentions(table.header[i], "credit*") &&
            !mentions_any(table.header[i], uptime_words))
            column = i;
    }
    if (!column) column = numbers.back();

    Range cell = cells[*column];
    for (Quantity q : find_quantities(text.substr(cell.start, cell.end - cell.start))) {
        if (q.kind != K::percentage && q.kind != K::money && q.kind != K::duration) continue;
        q.start += cell.start;
        q.end += cell.start;
        out.add("service-credit", q, trimmed(text, line));
    }
    return true;
}

// ------------------------------------------------------------ clauses

std::vector<Range> lines_of(std::string_view text) {
    std::vector<Range> lines;
    std::size_t from = 0;
    while (from <= text.size()) {
        std::size_t at = text.find('\n', from);
        if (at == std::string_view::npos) at = text.size();
        lines.push_back({from, at});
        from = at + 1;
    }
    return lines;
}

// The clause's heading and its ancestors', normalised: "service credits
// redemption | ...". A table under "Service Credits" is about credits.
// Each clause's heading is normalised once, however many clauses sit under it.
class Headings {
public:
    explicit Headings(const Document& doc) : doc_(doc), normalized_(doc.clauses.size()) {}
    const std::string& of(std::size_t i) {
        if (!normalized_[i]) normalized_[i] = normalize(doc_.clauses[i].heading).text;
        return *normalized_[i];
    }

private:
    const Document& doc_;
    std::vector<std::optional<std::string>> normalized_;
};

std::string headings_of(const Document& doc, std::size_t index, Headings& cache) {
    std::string out;
    for (std::optional<std::size_t> i = index; i && *i < doc.clauses.size(); i = doc.clauses[*i].parent) {
        if (!doc.clauses[*i].heading.empty()) out += cache.of(*i) + " | ";
        if (doc.clauses[*i].parent == i) break;  // a malformed tree must not loop
    }
    return out;
}

void read_sentences(const Clause& clause, Range piece, const std::string& column, const std::string& headings,
                    Collector& out) {
    std::string_view text = clause.text;
    for (Span s : sentences(text.substr(piece.start, piece.end - piece.start))) {
        Range span = trimmed(text, {piece.start + s.start, piece.start + s.end});
        if (span.start == span.end) continue;
        read_unit(clause, Unit{span, span, column}, headings, out);
    }
}

// Each table row is a clause of its own (a paragraph unit): the header row
// read in one clause applies to the rows in the clauses after it.
struct TableState {
    Table table;
    bool first_row = true;
};

bool is_table_row(const Document& doc, const Clause& c) {
    return !c.blocks.empty() && c.blocks.front() < doc.blocks.size() &&
           doc.blocks[c.blocks.front()].kind == BlockKind::table_row;
}

void read_clause(const Document& doc, std::size_t index, std::vector<SlaValue>& values, TableState& state,
                 Headings& cache) {
    const Clause& clause = doc.clauses[index];
    std::string_view text = clause.text;
    std::string headings = headings_of(doc, index, cache);
    Collector out(clause, values);

    if (!is_table_row(doc, clause)) state = TableState{};
    Table& table = state.table;
    bool& first_row = state.first_row;
    std::vector<Range> lines = lines_of(text);
    for (Range line : lines) {
        std::vector<Range> cells = cells_of(text, line);
        if (cells.empty()) {
            first_row = true;  // a new table may follow
            read_sentences(clause, line, "", headings, out);
            continue;
        }
        // A header row: the first row of a table, with no figures in it.
        if (first_row) {
            first_row = false;
            table = Table{};
            std::string_view row = text.substr(line.start, line.end - line.start);
            if (!has_digit(row)) {
                for (Range c : cells) {
                    Range t = trimmed(text, c);
                    table.header.push_back(normalize(text.substr(t.start, t.end - t.start)).text);
                }
            }
            std::string all;
            for (const std::string& h : table.header) all += h + " | ";
            table.about_credit = mentions(all + headings, "credit*");
            if (!table.header.empty()) continue;
        }
        if (tier_values(clause, line, cells, table, out)) continue;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::string column = i < table.header.size() ? table.header[i] : "";
            Range cell = trimmed(text, cells[i]);
            if (cell.start == cell.end) continue;
            if (bare_cell(text, cells[i])) {
                // "Target Uptime\t99.9%": the row is the sentence.
                read_unit(clause, Unit{trimmed(text, line), cell, column}, headings, out);
            } else {
                read_sentences(clause, cell, column, headings, out);
            }
        }
    }
}

// ------------------------------------------------------------ sole remedy

// "sole and exclusive remedy", "exclusive remedy", "Customer's only remedy".
const Cues sole_remedy_words = {"exclusive remed*", "sole remed*", "only remed*"};

// The clause at the head of a clause's section: a paragraph unit or a
// numbered sub-clause belongs with its parent ("3.5 Exclusive Remedy"
// speaks for all of 3 Remedies); any other clause heads its own.
std::size_t section_head(const Document& doc, std::size_t index) {
    const Clause& c = doc.clauses[index];
    if (!c.parent || *c.parent >= doc.clauses.size()) return index;
    const Clause& parent = doc.clauses[*c.parent];
    bool paragraph_unit = c.number.empty() && c.id.find("\xC2\xB6") != std::string::npos;
    if (paragraph_unit || !parent.number.empty()) return *c.parent;
    return index;
}

bool within(const Document& doc, std::size_t index, std::size_t head) {
    std::size_t steps = 0;
    for (std::optional<std::size_t> i = index; i && *i < doc.clauses.size() && steps <= doc.clauses.size();
         i = doc.clauses[*i].parent, ++steps)
        if (*i == head) return true;
    return false;
}

// Whether normalising `text` cannot give "remed", which every sole-remedy
// cue holds: an ASCII text normalises by lower-casing and collapsing
// whitespace only, so it would have to hold "remed" in some case already.
// (Saves normalising every clause a second time; any other text is
// normalised and read as before.)
bool cannot_mention_remedy(std::string_view text) {
    bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) return false;
    constexpr std::string_view stem = "remed";
    for (std::size_t at = 0; at + stem.size() <= text.size(); ++at) {
        std::size_t k = 0;
        while (k < stem.size() && (text[at + k] | 0x20) == stem[k]) ++k;
        if (k == stem.size()) return false;
    }
    return true;
}

// Clauses whose values the sole-remedy words cover.
std::vector<bool> sole_remedy_clauses(const Document& doc) {
    std::vector<std::size_t> heads;
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) {
        if (cannot_mention_remedy(doc.clauses[i].text)) continue;
        if (mentions_any(normalize(doc.clauses[i].text).text, sole_remedy_words)) heads.push_back(section_head(doc, i));
    }
    std::vector<bool> covered(doc.clauses.size(), false);
    for (std::size_t i = 0; i < doc.clauses.size(); ++i)
        for (std::size_t h : heads)
            if (within(doc, i, h)) covered[i] = true;
    return covered;
}

}  // namespace

std::vector<SlaValue> extract_sla(const Document& doc) {
    std::vector<SlaValue> values;
    std::vector<bool> sole = sole_remedy_clauses(doc);
    TableState table;
    Headings headings(doc);
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) {
        std::size_t first = values.size();
        read_clause(doc, i, values, table, headings);
        // Synthetic periods and tier cells are found after the rest of their sentence: back to text order.
        std::stable_sort(values.begin() + static_cast<std::ptrdiff_t>(first), values.end(),
                         [](const SlaValue& a, const SlaValue& b) { return a.quantity.start < b.quantity.start; });
        for (std::size_t v = first; v < values.size(); ++v) values[v].sole_remedy = sole[i];
    }
    return values;
}

int customer_favours_larger(const std::string& metric) noexcept {
    static const char* const higher[] = {"uptime",        "service-credit",   "credit-cap", "claim-deadline",
                                         "maintenance-notice", "support-hours", "backup-frequency", "retention"};
    static const char* const lower[] = {"notification-window", "support-response", "deletion-period",
                                        "termination-threshold", "measurement-period"};
    for (const char* m : higher)
        if (metric == m) return +1;
    for (const char* m : lower)
        if (metric == m) return -1;
    return 0;
}

}  // namespace onus
