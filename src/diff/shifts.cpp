// Responsibility shifts: the changes between two versions of a clause that
// move a burden (include/onus/compare.hpp names the types).
//
// Each detector reads what changed (the word edits) through the analysis of
// both sides: a quantity inside changed words, binding words inside changed
// words, carve-out words inside changed words. Words that merely moved
// around a sentence do not count: a shift needs its evidence in an insert or
// a delete.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <tuple>

#include <boost/regex.hpp>

#include "diff/sentence_pairs.hpp"
#include "diff/shifts.hpp"
#include "onus/quantity.hpp"
#include "onus/text.hpp"

namespace onus::diff {

// Byte ranges of a text touched by the edits on one side.
struct Changed {
    std::vector<Span> old_spans;  // deleted ranges in the old text
    std::vector<Span> new_spans;  // inserted ranges in the new text
    std::string deleted, inserted;  // the words themselves, joined
    // Items added to or dropped from an enumeration ("store, parse" ->
    // "store, archive, parse"): short insertions or deletions with nothing
    // replaced beside them, next to a comma.
    std::vector<std::string> items_added, items_dropped;

    static bool overlaps(const std::vector<Span>& spans, std::size_t start, std::size_t end) {
        for (const Span& s : spans)
            if (start < s.end && s.start < end) return true;
        return false;
    }
};

static bool list_item(const std::vector<Edit>& edits, std::size_t i, const std::string& text) {
    // A replacement is no item, unless what it replaces is only spaces or
    // punctuation ("law[- -]{+, for automated scanning, +}or").
    auto replaces = [&](std::size_t j) {
        if (j >= edits.size()) return false;
        const Edit& e = edits[j];
        Edit::Op other = edits[i].op == Edit::Op::insert ? Edit::Op::del : Edit::Op::insert;
        const std::string& words = other == Edit::Op::del ? e.old_text : e.new_text;
        return e.op == other &&
               std::any_of(words.begin(), words.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); });
    };
    if ((i > 0 && replaces(i - 1)) || replaces(i + 1)) return false;
    if (std::count(text.begin(), text.end(), ' ') > 6) return false;
    if (std::none_of(text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return false;  // punctuation alone is no item
    // ", except for Customer-configured storage" is an exception, not an item.
    const std::string lower = normalize(text).text;
    for (const char* word : {"except", "unless", "excluding", "other than", "subject to", "provided that"})
        if (lower.find(word) != std::string::npos) return false;
    if (lower.rfind("if ", 0) == 0 || lower.find(" if ") != std::string::npos) return false;  // a condition
    // Items are separated by commas, or by semicolons in longer lists
    // ("(i) Scheduled Downtime; (ii) Customer's acts ..."), or joined to
    // their neighbour as an alternative ("violates any laws or GitHub
    // terms", "any GitHub terms or laws").
    auto ends_with_separator = [](const std::string& t) {
        std::size_t z = t.find_last_not_of(' ');
        return z != std::string::npos && (t[z] == ',' || t[z] == ';');
    };
    std::string_view bare(lower);
    while (!bare.empty() && bare.front() == ' ') bare.remove_prefix(1);
    while (!bare.empty() && bare.back() == ' ') bare.remove_suffix(1);
    const bool alternative = bare.size() > 3 && (bare.substr(bare.size() - 3) == " or" || bare.substr(0, 3) == "or ");
    const std::string& before = i > 0 ? edits[i - 1].new_text : std::string();
    // A bullet of its own ("Outages resulting from:\n[-• Scheduled Downtime-]").
    const std::size_t first = text.find_first_not_of(" \n\t");
    const bool bullet = first != std::string::npos && text.compare(first, 3, "\u2022") == 0;
    return bullet || alternative || text.find_first_of(",;") != std::string::npos || ends_with_separator(before);
}

static Changed changed_ranges(const std::vector<Edit>& edits) {
    Changed c;
    std::size_t o = 0, n = 0;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const Edit& e = edits[i];
        if (e.op == Edit::Op::del) {
            c.old_spans.push_back({o, o + e.old_text.size()});
            c.deleted += (c.deleted.empty() ? "" : " ... ") + e.old_text;
            if (list_item(edits, i, e.old_text)) c.items_dropped.push_back(e.old_text);
        }
        if (e.op == Edit::Op::insert) {
            c.new_spans.push_back({n, n + e.new_text.size()});
            c.inserted += (c.inserted.empty() ? "" : " ... ") + e.new_text;
            if (list_item(edits, i, e.new_text)) c.items_added.push_back(e.new_text);
        }
        o += e.old_text.size();
        n += e.new_text.size();
    }
    return c;
}

namespace {

// "Short version: You may have access to private repositories ...": a
// plain-language summary put before the terms, which the terms themselves
// govern.
bool is_summary(std::string_view text) {
    static const boost::regex opener(R"(^\W*(?:short version|summary|in short|tl;?dr)\s*:)", boost::regex::icase);
    return boost::regex_search(text.begin(), text.end(), opener);
}

// "the United States Department of Treasury Office of Foreign Assets
// Control" -> "OFAC": a name written out on one side and as its acronym on
// the other. An acronym in `short_text` (two to six capitals) whose letters
// are the initials of the tail of a run of capitalised words in
// `long_text` ("of", "the", "and" skipped) names that whole run: the
// acronym leaves `short_words` and the run's words leave `long_words`.
void drop_acronyms(const std::string& short_text, const std::string& long_text, std::vector<std::string>& short_words,
                   std::vector<std::string>& long_words) {
    static const boost::regex acronym(R"(\b[A-Z]{2,6}\b)");
    static const boost::regex run(R"(\b[A-Z][\w'-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w'-]*)+)");
    static const boost::regex capitalised(R"([A-Z][\w'-]*)");
    auto erase_one = [](std::vector<std::string>& ws, const std::string& w) {
        auto it = std::find(ws.begin(), ws.end(), w);
        if (it != ws.end()) ws.erase(it);
    };
    for (boost::sregex_iterator a(short_text.begin(), short_text.end(), acronym), end; a != end; ++a) {
        const std::string letters = normalize(a->str()).text;
        for (boost::sregex_iterator r(long_text.begin(), long_text.end(), run); r != end; ++r) {
            std::vector<std::string> words;  // the run's capitalised words, lower case
            const std::string name = r->str();
            for (boost::sregex_iterator w(name.begin(), name.end(), capitalised); w != end; ++w)
                words.push_back(normalize(w->str()).text);
            if (words.size() < letters.size()) continue;
            std::string initials;
            for (std::size_t k = words.size() - letters.size(); k < words.size(); ++k) initials += words[k][0];
            if (initials != letters) continue;
            erase_one(short_words, letters);
            for (const std::string& w : content_words(name)) erase_one(long_words, w);
            break;
        }
    }
}

// "we will only do so with the owner's consent", "may only access
// Customer's Private Repositories (i) with Customer's consent": the
// condition a party's act is held to. Returns the condition word's offset
// in the normalised text, or npos.
std::size_t condition_at(std::string_view normalized) {
    static const boost::regex only_when(
        R"(\b(?:will|shall|may|must|can) only (?:[\w'()]+ ){0,5}?(with|if|when|where|after|upon|to the extent)\b)");
    boost::match_results<std::string_view::const_iterator> m;
    if (!boost::regex_search(normalized.begin(), normalized.end(), m, only_when)) return std::string_view::npos;
    return static_cast<std::size_t>(m[1].first - normalized.begin());
}

// "These terms apply to Customers who licensed the Products prior to
// January 4, 2021", "This SLA applies only to the Enterprise plan": who or
// what the agreement covers at all. Put in or taken out, it moves no burden
// between the parties but changes whom the terms bind: a neutral scope shift.
bool states_applicability(std::string_view sentence) {
    static const boost::regex cue(
        R"(^\W*(?:these|this|the) (?:\w+ ){0,2}?(?:terms|sla|agreement|addendum|dpa|policy|schedule|exhibit)\b(?: \w+){0,2}? (?:only )?appl(?:y|ies) (?:only )?to\b)",
        boost::regex::icase);
    return boost::regex_search(sentence.begin(), sentence.end(), cue);
}

// "We guarantee a quarterly Uptime percentage of 99.95%. That means ...":
// a sentence that spells out the one before it adds no duty of its own.
bool restates_previous(std::string_view sentence) {
    static const boost::regex opener(R"(^\W*(?:that|this) means\b|^\W*in other words\b)", boost::regex::icase);
    return boost::regex_search(sentence.begin(), sentence.end(), opener);
}

// "described in our Privacy Statement", "as set out in GitHub's Acceptable
// Use Policies": a reference to a policy or page of the drafter's own,
// which it may change without the other party's signature.
bool delegates_to_own_document(std::string_view text) {
    static const boost::regex reference(
        R"(\b(?:described|set (?:forth|out)|specified|listed|defined|stated) (?:in|on) (?:our|its|the provider's|[a-z]+'s) (?:[a-z]+ ){0,3}?(?:statement|polic(?:y|ies)|terms|documentation|guidelines|page|website|site)\b)");
    const NormalizedText n = normalize(text);
    return boost::regex_search(n.text, reference);
}

int strength(const std::string& modality) {
    if (modality == "obligation" || modality == "prohibition") return 3;
    if (modality == "efforts") return 2;
    if (modality == "permission") return 1;
    return 0;
}

bool binds(const std::string& modality) { return strength(modality) >= 2; }

// Who is worse off when `party` carries more burden.
std::string burden_on(const std::string& party) {
    if (party == "provider") return "to-provider";
    if (party == "customer") return "to-customer";
    return "neutral";
}

std::string relief_of(const std::string& party) {
    if (party == "provider") return "to-customer";  // the provider does less: the customer is less protected
    if (party == "customer") return "to-provider";
    return "neutral";
}

// Who a disclaimer leaves holding the burden: the other party of the one
// that speaks ("Provider is not responsible for ..."), or the one it names
// ("at Customer's own risk"). Cloud agreements' disclaimers are the
// provider's unless the customer is the one speaking.
std::string left_holding(const Rule& rule, const std::string& speaker) {
    if (rule.holder == "other") return speaker == "customer" ? "provider" : "customer";
    return speaker == "provider" ? "provider" : "customer";
}

const RuleMatch* first_disclaimer(const std::vector<RuleMatch>& matches) {
    for (const RuleMatch& m : matches)
        if (m.rule->modality == "disclaimer") return &m;
    return nullptr;
}

// A list of exclusions ("Exclusions.", "What's excluded from our Uptime
// guarantee? Outages resulting from:"): an item added to it is an exception
// added to the commitment it limits.
bool lists_exclusions(const Side& side) {
    static const boost::regex cue(R"(\bexclu(?:de|ded|des|ding|sions?)\b|\bdoes not apply\b)", boost::regex::icase);
    return boost::regex_search(side.context, cue);
}

// How explanations name whose duty or right it is.
std::string possessive(const std::string& party) {
    if (party == "shared") return "both parties'";
    if (party.empty() || party == "none") return "the clause's";
    return "the " + party + "'s";
}

std::string first_domain(const ClauseAnalysis* a, const ClauseAnalysis* b) {
    if (b && !b->tags.empty()) return b->tags.front().domain;
    if (a && !a->tags.empty()) return a->tags.front().domain;
    return "";
}

// The holder the clause gives its domains: the first tag's party, else the
// party its binding words bind.
std::string holder_of(const ClauseAnalysis& a) {
    for (const Tag& t : a.tags)
        if (t.party == "provider" || t.party == "customer" || t.party == "shared") return t.party;
    return a.party;
}

std::string shorten(const std::string& text, std::size_t most = 160) { return one_line(text, most); }

// Does the clause's holder owe what it says? A duty does; so does a right
// the other party holds ("Customer is eligible to receive an Uptime
// Credit", held by the provider who owes it). The holder's own right does not.
bool holder_owes(const ClauseAnalysis& a) { return a.modality != "permission" || holder_of(a) != a.party; }

// One side's words clearly outnumber the other's: a change that adds (or
// drops) more than it replaces.
bool outweighs(std::size_t more, std::size_t fewer) { return more >= 2 * fewer + 2; }

// Does a larger value of this metric favour the customer? (+1 yes, -1 no, 0 unknown)
int larger_favours_customer(const std::string& metric, const std::string& bound_party, QuantityKind kind) {
    if (int known = customer_favours_larger(metric)) return known;
    // A time limit on a duty: longer is easier for whoever it binds.
    if (kind == QuantityKind::duration || kind == QuantityKind::qualitative) {
        if (bound_party == "provider") return -1;
        if (bound_party == "customer") return +1;
    }
    return 0;
}

std::string metric_at(const std::vector<const SlaValue*>& sla, const Quantity& q) {
    for (const SlaValue* v : sla)
        if (v->quantity.start < q.end && q.start < v->quantity.end) return v->metric;
    // An uptime threshold in a credit table ("Less than 99.9%") is not an
    // SLA value of its own, but moves the same way.
    if (q.kind == QuantityKind::percentage && q.value >= 90 && q.value <= 100) return "uptime";
    return "";
}

std::string metric_words(const std::string& metric) {
    if (metric.empty()) return "value";
    std::string out = metric;
    std::replace(out.begin(), out.end(), '-', ' ');
    return out;
}

}  // namespace

namespace {

// One sentence of a clause as a Side of its own: the sentence's text, what
// it binds read on its own, and the SLA numbers inside it (offsets moved).
struct SentenceSide {
    Clause clause;
    ClauseAnalysis analysis;
    std::vector<SlaValue> sla;

    std::string context;

    Side side() const {
        Side s{&clause, &analysis, {}, nullptr, context};
        for (const SlaValue& v : sla) s.sla.push_back(&v);
        return s;
    }
};

// `alone`: the sentence is all the clause says, and the clause's own
// analysis (with what it inherits from its lead-in) reads it best.
SentenceSide sentence_side(const Side& whole, Span span, bool alone = false) {
    SentenceSide out;
    // A lead-in and its list read under what the clause said before them
    // ("What's excluded from our Uptime guarantee? Outages resulting
    // from:\n• Scheduled Downtime").
    out.context = whole.context;
    const std::string_view sentence = std::string_view(whole.clause->text).substr(span.start, span.end - span.start);
    const std::string& text = whole.clause->text;
    const std::size_t lead_end = text.find_last_not_of(" \n\t", span.start == 0 ? std::string::npos : span.start - 1);
    const bool after_lead_in = span.start > 0 && lead_end != std::string::npos && text[lead_end] == ':';
    if (after_lead_in || sentence.find(":\n") != std::string_view::npos) out.context += "\n" + text.substr(0, span.start);
    out.clause = *whole.clause;
    out.clause.text = whole.clause->text.substr(span.start, span.end - span.start);
    out.analysis = alone || !whole.reader ? *whole.analysis : whole.reader->read(*whole.clause, *whole.analysis, span);
    // A sentence that names no domain of its own bears on its clause's
    // ("Platform hardening. ... Provider is responsible for the storage
    // systems, except for Customer-configured storage."), bound as it binds.
    if (out.analysis.tags.empty()) {
        for (Tag t : whole.analysis->tags) {
            t.party = out.analysis.party.empty() ? "none" : out.analysis.party;
            t.modality = out.analysis.modality;
            t.carveouts.clear();
            out.analysis.tags.push_back(std::move(t));
        }
    }
    for (const SlaValue* v : whole.sla) {
        if (v->quantity.start < span.start || v->quantity.end > span.end) continue;
        SlaValue moved = *v;
        moved.quantity.start -= span.start;
        moved.quantity.end -= span.start;
        out.sla.push_back(std::move(moved));
    }
    return out;
}

std::vector<std::string> texts_of(const std::string& text, const std::vector<Span>& spans) {
    std::vector<std::string> out;
    for (Span s : spans) out.push_back(text.substr(s.start, s.end - s.start));
    return out;
}

void append(std::vector<Shift>& out, std::vector<Shift> more) {
    for (Shift& s : more) out.push_back(std::move(s));
}

// One shift of each kind per change: a dropped clause of five customer
// duties is one "customer obligation removed", not five; but "provider
// obligation removed" and "customer obligation added" are two (the kind is
// the type, the direction and what the explanation says before its quote).
void keep_distinct(std::vector<Shift>& shifts) {
    auto kind = [](const Shift& s) { return s.type + '|' + s.direction + '|' + s.explanation.substr(0, s.explanation.find(':')); };
    std::vector<Shift> out;
    for (Shift& s : shifts) {
        bool seen = std::any_of(out.begin(), out.end(), [&](const Shift& t) { return kind(t) == kind(s); });
        if (!seen) out.push_back(std::move(s));
    }
    shifts = std::move(out);
}

// A disclaimer dropped from a clause and one on the same domain put in
// its place ("What's excluded from our Uptime guarantee? Outages resulting
// from:" -> "Excluded from the Uptime Calculation are failures resulting
// from ..."): the clause still disclaims; what it disclaims is read from
// its items, not from two opposite shifts.
void drop_restated_disclaimers(std::vector<Shift>& shifts) {
    std::vector<bool> gone(shifts.size(), false);
    auto disclaimer = [&](std::size_t k) { return !gone[k] && shifts[k].type == "disclaimer"; };
    for (std::size_t k = 0; k < shifts.size(); ++k) {
        if (!disclaimer(k) || !shifts[k].before.empty()) continue;  // an added one
        for (std::size_t r = 0; r < shifts.size(); ++r) {
            if (r == k || !disclaimer(r) || !shifts[r].after.empty()) continue;  // a removed one
            if (shifts[r].domain != shifts[k].domain || shifts[r].direction == shifts[k].direction) continue;
            gone[k] = gone[r] = true;
            break;
        }
    }
    std::vector<Shift> kept;
    for (std::size_t k = 0; k < shifts.size(); ++k)
        if (!gone[k]) kept.push_back(std::move(shifts[k]));
    shifts = std::move(kept);
}

}  // namespace

ShiftFinder::ShiftFinder(const RulePack& pack) : pack_(pack) {}

Shift quantity_shift(const std::string& metric, const Quantity& b, const Quantity& a, const std::string& bound_party,
                     const std::string& domain) {
    const Comparison c = compare(b, a);
    const int favour = larger_favours_customer(metric, bound_party, a.kind);
    std::string direction = "neutral";
    if (c.open_vs_fixed) {
        // A fixed limit became an open one: for a party's own deadline, looser.
        bool opened = b.kind != QuantityKind::qualitative && a.kind == QuantityKind::qualitative;
        direction = opened ? (favour < 0 ? "to-customer" : favour > 0 ? "to-provider" : "neutral")
                           : (favour < 0 ? "to-provider" : favour > 0 ? "to-customer" : "neutral");
    } else if (c.order == Order::less || c.order == Order::greater) {
        bool larger = c.order == Order::less;  // compare(b, a): b < a means it grew
        if (favour != 0) direction = (larger == (favour > 0)) ? "to-provider" : "to-customer";
    }
    Shift s;
    s.type = "quantity";
    s.direction = direction;
    s.domain = domain.empty() && !metric.empty() ? "availability" : domain;
    if (metric == "notification-window") s.domain = "incident";
    if (metric == "deletion-period" || metric == "retention" || metric == "backup-frequency") s.domain = "data";
    s.severity = direction == "neutral" ? Severity::low : Severity::medium;
    if (metric == "uptime" || metric == "notification-window") s.severity = direction == "neutral" ? Severity::low : Severity::high;
    s.before = b.text;
    s.after = a.text;
    s.explanation = metric_words(metric) + ": " + describe_change(b, a);
    s.rule = metric.empty() ? "shift.quantity" : "sla." + metric;
    return s;
}

void ShiftFinder::quantity_shifts(const Side& old_side, const Side& new_side, const Changed& changed,
                                  std::vector<Shift>& out) const {
    auto pick = [](const std::vector<Quantity>& all, const std::vector<Span>& spans) {
        std::vector<Quantity> q;
        for (const Quantity& x : all)
            if (Changed::overlaps(spans, x.start, x.end)) q.push_back(x);
        return q;
    };
    std::vector<Quantity> before = pick(find_quantities(old_side.clause->text), changed.old_spans);
    std::vector<Quantity> after = pick(find_quantities(new_side.clause->text), changed.new_spans);
    std::vector<bool> used(after.size(), false);
    for (const Quantity& b : before) {
        // The new quantity of the same kind (durations and open limits pair up).
        auto same_family = [&](const Quantity& a) {
            auto time = [](QuantityKind k) { return k == QuantityKind::duration || k == QuantityKind::qualitative; };
            return a.kind == b.kind || (time(a.kind) && time(b.kind));
        };
        // The value the same SLA term now takes, whatever its kind ("a
        // maximum of 1 month's fees" -> "a maximum of 8% of the fees"); else
        // the first of the same kind that is not another term's value (an
        // uptime threshold does not become a credit share).
        const std::string old_metric = metric_at(old_side.sla, b);
        auto first = [&](auto fits) {
            std::size_t k = 0;
            while (k < after.size() && (used[k] || !fits(after[k]))) ++k;
            return k;
        };
        std::size_t j = old_metric.empty() ? after.size()
                                           : first([&](const Quantity& a) { return metric_at(new_side.sla, a) == old_metric; });
        if (j == after.size())
            j = first([&](const Quantity& a) {
                const std::string m = metric_at(new_side.sla, a);
                return same_family(a) && (old_metric.empty() || m.empty() || m == old_metric);
            });
        if (j == after.size()) continue;
        used[j] = true;
        const Quantity& a = after[j];
        Comparison c = compare(b, a);
        if (c.order == Order::equal && !c.open_vs_fixed && !c.bound_differs) continue;
        std::string metric = metric_at(new_side.sla, a);
        if (metric.empty()) metric = old_metric;
        Shift s = quantity_shift(metric, b, a, new_side.analysis->party, first_domain(old_side.analysis, new_side.analysis));
        out.push_back(std::move(s));
    }
}

void ShiftFinder::binding_shifts(const Side& old_side, const Side& new_side, const Changed& changed,
                                 std::vector<Shift>& out) const {
    const ClauseAnalysis& oa = *old_side.analysis;
    const ClauseAnalysis& na = *new_side.analysis;
    const std::string domain = first_domain(&oa, &na);

    // Binding words that were themselves changed.
    auto changed_bindings = [&](const Side& side, const std::vector<Span>& spans) {
        std::vector<RuleMatch> out_matches;
        for (const RuleMatch& m : pack_.match(normalize(side.clause->text), RuleKind::modality))
            if (Changed::overlaps(spans, m.start, m.end) && m.rule->modality != "statement") out_matches.push_back(m);
        return out_matches;
    };
    std::vector<RuleMatch> gone = changed_bindings(old_side, changed.old_spans);
    std::vector<RuleMatch> come = changed_bindings(new_side, changed.new_spans);

    // Disclaimers added or removed.
    auto has_disclaimer = first_disclaimer;
    if (const RuleMatch* d = has_disclaimer(come); d && !has_disclaimer(gone)) {
        std::string holder = left_holding(*d->rule, na.party);
        Shift s{"disclaimer", burden_on(holder), domain, Severity::high,
                "", new_side.clause->text.substr(d->start, d->end - d->start), "", d->rule->id};
        s.explanation = "disclaimer added: \"" + shorten(s.after, 80) + "\"";
        out.push_back(std::move(s));
    } else if (const RuleMatch* d2 = has_disclaimer(gone); d2 && !has_disclaimer(come)) {
        std::string holder = left_holding(*d2->rule, oa.party);
        Shift s{"disclaimer", relief_of(holder), domain, Severity::medium,
                old_side.clause->text.substr(d2->start, d2->end - d2->start), "", "", d2->rule->id};
        s.explanation = "disclaimer removed: \"" + shorten(s.before, 80) + "\"";
        out.push_back(std::move(s));
    }

    // Strength of the binding words, for the same party.
    if (!gone.empty() || !come.empty()) {
        int before = strength(oa.modality), after = strength(na.modality);
        // Words that bound nobody now bind a party ("the terms of the DPA will
        // control each party's obligations" -> "each party will comply with
        // its obligations in the DPA"), or the other way round: a duty
        // added or removed, not a change of strength.
        const bool now_binds = before == 0 && binds(na.modality) && !na.party.empty() && oa.modality != "disclaimer";
        const bool no_longer = after == 0 && binds(oa.modality) && !oa.party.empty() && na.modality != "disclaimer";
        if (now_binds || no_longer) {
            const std::string& party = now_binds ? na.party : oa.party;
            Shift s{"obligation", now_binds ? burden_on(party) : relief_of(party), domain, Severity::medium,
                    shorten(old_side.clause->text, 200), shorten(new_side.clause->text, 200), "", "shift.obligation"};
            s.explanation = party + " " + (now_binds ? na.modality : oa.modality) + (now_binds ? " added" : " removed") +
                            ": \"" + shorten(now_binds ? new_side.clause->text : old_side.clause->text, 80) + "\"";
            out.push_back(std::move(s));
            return;
        }
        bool same_party = !oa.party.empty() && oa.party == na.party;
        if (same_party && before != after && oa.modality != "disclaimer" && na.modality != "disclaimer" &&
            (before > 0 || after > 0)) {
            bool weaker = after < before;
            Shift s;
            s.type = "modality";
            s.direction = weaker ? relief_of(na.party) : burden_on(na.party);
            s.domain = domain;
            s.severity = weaker && na.party == "provider" ? Severity::high : Severity::medium;
            s.before = gone.empty() ? oa.modality : old_side.clause->text.substr(gone.front().start, gone.front().end - gone.front().start);
            s.after = come.empty() ? na.modality : new_side.clause->text.substr(come.front().start, come.front().end - come.front().start);
            s.explanation = "the " + na.party + "'s commitment " + (weaker ? "weakened" : "strengthened") + " from " +
                            oa.modality + " (\"" + shorten(s.before, 40) + "\") to " + na.modality + " (\"" +
                            shorten(s.after, 40) + "\")";
            s.rule = come.empty() ? gone.front().rule->id : come.front().rule->id;
            out.push_back(std::move(s));
        }
    }

    // The holder of a domain changed hands.
    for (const Tag& nt : na.tags) {
        for (const Tag& ot : oa.tags) {
            if (ot.domain != nt.domain) continue;
            bool swapped = (ot.party == "provider" && nt.party == "customer") || (ot.party == "customer" && nt.party == "provider");
            bool words_changed = Changed::overlaps(changed.new_spans, nt.party_evidence.start, nt.party_evidence.end) ||
                                 Changed::overlaps(changed.new_spans, nt.modality_evidence.start, nt.modality_evidence.end);
            if (!swapped || !words_changed) continue;
            Shift s{"party", burden_on(nt.party), nt.domain, Severity::high, ot.party_evidence.text, nt.party_evidence.text,
                    nt.domain + " moved from the " + ot.party + " to the " + nt.party, nt.rule};
            out.push_back(std::move(s));
        }
    }
}

void ShiftFinder::exception_shifts(const Side& old_side, const Side& new_side, const Changed& changed,
                                   std::vector<Shift>& out) const {
    auto changed_carveouts = [&](const Side& side, const std::vector<Span>& spans) {
        std::vector<RuleMatch> ms;
        for (const RuleMatch& m : pack_.match(normalize(side.clause->text), RuleKind::carveout))
            if (Changed::overlaps(spans, m.start, m.end)) ms.push_back(m);
        return ms;
    };
    const std::string domain = first_domain(old_side.analysis, new_side.analysis);
    std::vector<RuleMatch> added = changed_carveouts(new_side, changed.new_spans);
    std::vector<RuleMatch> removed = changed_carveouts(old_side, changed.old_spans);
    // An exception to a duty relieves whoever owes it; an exception to a
    // right ("Provider may only share Usage Data if ...") holds its holder
    // back. A right of the other party ("Customer is eligible to receive an
    // Uptime Credit", held by the provider who owes it) is a duty.
    const auto relieves = holder_owes;
    if (!added.empty() && added.size() > removed.size()) {
        std::string holder = holder_of(*new_side.analysis);
        Shift s{"exception", relieves(*new_side.analysis) ? relief_of(holder) : burden_on(holder), domain, Severity::medium, "", shorten(changed.inserted, 200), "",
                added.front().rule->id};
        s.explanation = "exception added to " + possessive(holder) + " duty: \"" +
                        shorten(changed.inserted, 80) + "\"";
        out.push_back(std::move(s));
    } else if (!removed.empty() && removed.size() > added.size()) {
        std::string holder = holder_of(*old_side.analysis);
        Shift s{"exception", relieves(*old_side.analysis) ? burden_on(holder) : relief_of(holder), domain, Severity::medium, shorten(changed.deleted, 200), "", "",
                removed.front().rule->id};
        s.explanation = "exception removed from " + possessive(holder) + " duty" +
                        ": \"" + shorten(changed.deleted, 80) + "\"";
        out.push_back(std::move(s));
    }
}

// What a duty or right covers: content words added or removed, when nothing
// else explains the change.
void ShiftFinder::scope_shifts(const Side& old_side, const Side& new_side, const Changed& changed,
                               std::vector<Shift>& out) const {
    const ClauseAnalysis& na = *new_side.analysis;
    if (na.tags.empty() || na.party.empty() || strength(na.modality) == 0) return;
    // Words that only changed form or place are not scope, nor is a name
    // swapped for its acronym.
    auto net = [](const std::string& inserted, const std::string& deleted) {
        std::vector<std::string> gained = content_words(inserted), lost = content_words(deleted);
        drop_acronyms(inserted, deleted, gained, lost);
        drop_acronyms(deleted, inserted, lost, gained);
        std::multiset<std::string> g(gained.begin(), gained.end()), l(lost.begin(), lost.end());
        std::pair<std::vector<std::string>, std::vector<std::string>> moved;  // (gained, lost)
        for (const std::string& w : g)
            if (!l.count(w)) moved.first.push_back(w);
        for (const std::string& w : l)
            if (!g.count(w)) moved.second.push_back(w);
        return moved;
    };
    // Only words added or removed read as wider or narrower ("maintain,
    // improve, and enhance" -> "maintain, improve, enhance, and promote");
    // a phrase replaced by another is a rewording, unless items added to or
    // dropped from an enumeration say which way its reach moved.
    std::string inserted = changed.inserted, deleted = changed.deleted;
    auto [really_gained, really_lost] = net(inserted, deleted);
    // So is one that adds (or drops) clearly more than it replaces: "store,
    // parse, and display ... to render the Website" -> "store, archive,
    // parse, and display ..., including improving the Service over time".
    const bool lopsided = outweighs(really_gained.size(), really_lost.size()) ||
                          outweighs(really_lost.size(), really_gained.size());
    // Items that only came (or only went) say it whatever else was reworded.
    const bool items_say = changed.items_added.empty() != changed.items_dropped.empty();
    if (!really_gained.empty() && !really_lost.empty() && (!lopsided || items_say)) {
        if (!items_say) return;
        inserted.clear();
        deleted.clear();
        for (const std::string& t : changed.items_added) inserted += (inserted.empty() ? "" : " ... ") + t;
        for (const std::string& t : changed.items_dropped) deleted += (deleted.empty() ? "" : " ... ") + t;
        std::tie(really_gained, really_lost) = net(inserted, deleted);
    }
    if (really_gained.empty() && really_lost.empty()) return;
    bool wider = really_gained.size() >= really_lost.size();
    // A right of the provider that widens, or a duty of the provider that
    // narrows, leaves the customer worse off; the other way round for the customer.
    bool right = na.modality == "permission";
    // Whose duty or right: the holder ("Customer grants GitHub the right to
    // store ..." is GitHub's right), not the one speaking.
    const std::string holder = holder_of(na);
    std::string direction;
    if (holder == "provider") direction = (wider == right) ? "to-customer" : "to-provider";
    else if (holder == "customer") direction = (wider == right) ? "to-provider" : "to-customer";
    else direction = "neutral";
    Shift s{"scope", direction, na.tags.front().domain, Severity::low, shorten(deleted, 200), shorten(inserted, 200), "",
            "shift.scope"};
    // Name the words that came or went: the inserted phrase when nothing
    // was deleted, else only the words not found on the other side.
    auto joined = [](const std::vector<std::string>& ws) {
        std::string t;
        for (const std::string& w : ws) t += (t.empty() ? "" : ", ") + w;
        return t;
    };
    const std::string came = deleted.empty() ? inserted : joined(really_gained);
    const std::string went = inserted.empty() ? deleted : joined(really_lost);
    s.explanation = possessive(holder) + " " + (right ? "right" : "duty") +
                    " " + (wider ? "widened" : "narrowed") + (came.empty() ? "" : ": adds \"" + shorten(came, 60) + "\"") +
                    (went.empty() ? "" : std::string(came.empty() ? ":" : ";") + " drops \"" + shorten(went, 60) + "\"");
    (void)old_side;
    out.push_back(std::move(s));
}

std::vector<Shift> ShiftFinder::modified_sentence(const Side& old_side, const Side& new_side,
                                                  const std::vector<Edit>& edits) const {
    std::vector<Shift> out;
    if (!has_changes(edits)) return out;
    // Wording that bears on no security domain on either side (fees,
    // currency, invoicing) moves no security burden, whatever changed; nor
    // does a plain-language summary of the terms that follow.
    if (old_side.analysis && new_side.analysis && old_side.analysis->tags.empty() && new_side.analysis->tags.empty())
        return out;
    if (is_summary(old_side.clause->text) || is_summary(new_side.clause->text)) return out;
    Changed changed = changed_ranges(edits);
    quantity_shifts(old_side, new_side, changed, out);
    binding_shifts(old_side, new_side, changed, out);
    exception_shifts(old_side, new_side, changed, out);
    // Items added to or dropped from a list of exclusions.
    if (out.empty() && changed.items_added.empty() != changed.items_dropped.empty() && lists_exclusions(new_side)) {
        const bool added = !changed.items_added.empty();
        const std::string items = added ? changed.inserted : changed.deleted;
        Shift s{"exception", added ? "to-customer" : "to-provider", first_domain(old_side.analysis, new_side.analysis),
                Severity::medium, added ? "" : shorten(items, 200), added ? shorten(items, 200) : "", "", "shift.exclusion"};
        s.explanation = std::string(added ? "exclusion added: \"" : "exclusion removed: \"") + shorten(items, 80) + "\"";
        out.push_back(std::move(s));
        return out;
    }
    // Items added to (or dropped from) the list of a carve-out ("..., unless
    // for legal disclosure, ..., for automated scanning, or if in response
    // to a security threat"): exceptions to the duty, not its reach. The
    // rest of the rewording may still widen or narrow what it covers.
    const bool has_exception = std::any_of(out.begin(), out.end(), [](const Shift& x) { return x.type == "exception"; });
    if (!has_exception && changed.items_added.empty() != changed.items_dropped.empty()) {
        const bool added = !changed.items_added.empty();
        const Side& side = added ? new_side : old_side;
        if (!pack_.match(normalize(side.clause->text), RuleKind::carveout).empty()) {
            const std::vector<std::string>& items = added ? changed.items_added : changed.items_dropped;
            std::string listed;
            for (const std::string& t : items) listed += (listed.empty() ? "" : " ... ") + t;
            const std::string holder = holder_of(*side.analysis);
            const bool duty = holder_owes(*side.analysis);
            out.push_back({"exception", (added == duty) ? relief_of(holder) : burden_on(holder),
                           first_domain(old_side.analysis, new_side.analysis), Severity::medium,
                           added ? "" : shorten(listed, 200), added ? shorten(listed, 200) : "",
                           std::string(added ? "exception added to " : "exception removed from ") + possessive(holder) +
                               (duty ? " duty" : " right") + ": \"" + shorten(listed, 80) + "\"",
                           "shift.exception"});
            Changed rest = changed;
            rest.items_added.clear();
            rest.items_dropped.clear();
            for (const std::string& t : items) {
                std::string& from = added ? rest.inserted : rest.deleted;
                if (std::size_t at = from.find(t); at != std::string::npos) from.erase(at, t.size());
            }
            scope_shifts(old_side, new_side, rest, out);
            return out;
        }
    }
    // What a duty covers, spelled out before, now left to a document the
    // drafter keeps and may change ("may only access Customer's Private
    // Repositories (i) with Customer's consent ..." -> "... in the
    // situations described in our Privacy Statement").
    // The other way round, the terms come back into the agreement.
    const bool delegated = !changed.deleted.empty() && delegates_to_own_document(changed.inserted) &&
                           !delegates_to_own_document(old_side.clause->text);
    const bool taken_back = !changed.inserted.empty() && delegates_to_own_document(changed.deleted) &&
                            !delegates_to_own_document(new_side.clause->text);
    if (out.empty() && (delegated || taken_back)) {
        // The conditions spelled out may go with them ("may only access
        // ... (i) with Customer's consent" -> "... in the situations
        // described in our Privacy Statement"): a condition removed too.
        const NormalizedText old_norm = normalize(old_side.clause->text);
        const std::size_t condition = condition_at(old_norm.text);
        const std::string& party = old_side.analysis->party;
        if (delegated && condition != std::string_view::npos && (party == "provider" || party == "customer") &&
            condition_at(normalize(new_side.clause->text).text) == std::string_view::npos) {
            const std::size_t at = old_norm.to_original(Span{condition, condition + 1}).start;
            if (Changed::overlaps(changed.old_spans, at, at + 1))
                out.push_back({"exception", relief_of(party), first_domain(old_side.analysis, new_side.analysis),
                               Severity::medium, shorten(changed.deleted, 200), "",
                               "condition on the " + party + " removed: \"" + shorten(changed.deleted, 80) + "\"",
                               "shift.condition"});
        }
        Shift s{"scope", delegated ? "to-customer" : "to-provider", first_domain(old_side.analysis, new_side.analysis),
                Severity::medium, shorten(changed.deleted, 200), shorten(changed.inserted, 200),
                delegated ? "terms spelled out here are now left to another document: \"" + shorten(changed.inserted, 80) + "\""
                          : "terms left to another document are now spelled out here: \"" + shorten(changed.inserted, 80) + "\"",
                "shift.delegated"};
        out.push_back(std::move(s));
        return out;
    }
    // A sole-remedy clause that comes to cover more failures ("... entire
    // liability for any failure to meet the Target Uptime and for any
    // inability to meet the Target Response Time") takes more of the
    // customer's remedies away; covering fewer gives them back.
    static const boost::regex sole_remedy(R"(\b(?:sole|exclusive|only) (?:and exclusive )?remed(?:y|ies)\b|\bentire liability\b)");
    if (out.empty() && boost::regex_search(normalize(new_side.clause->text).text, sole_remedy)) {
        std::vector<std::string> gained = content_words(changed.inserted), lost = content_words(changed.deleted);
        const bool wider = outweighs(gained.size(), lost.size()), narrower = outweighs(lost.size(), gained.size());
        if (wider || narrower) {
            out.push_back({"scope", wider ? "to-customer" : "to-provider", first_domain(old_side.analysis, new_side.analysis),
                           Severity::medium, shorten(changed.deleted, 200), shorten(changed.inserted, 200),
                           std::string("sole remedy ") + (wider ? "extended: adds \"" + shorten(changed.inserted, 60)
                                                                  : "narrowed: drops \"" + shorten(changed.deleted, 60)) + "\"",
                           "shift.sole-remedy"});
            return out;
        }
    }
    // Scope when nothing else explains the change, or when items of an
    // enumeration came or went (those say which way the reach moved).
    if (out.empty() || changed.items_added.empty() != changed.items_dropped.empty())
        scope_shifts(old_side, new_side, changed, out);
    return out;
}

std::vector<Shift> ShiftFinder::one_sentence(const Side& side, bool added) const {
    std::vector<Shift> out;
    const ClauseAnalysis& a = *side.analysis;
    const std::string domain = first_domain(&a, nullptr);
    // A clause that bears on no security domain (fees, invoicing) moves no
    // security burden when it comes or goes, nor does a summary.
    const std::string text = shorten(side.clause->text, 200);
    if (states_applicability(side.clause->text)) {
        out.push_back({"scope", "neutral", domain, Severity::medium, added ? "" : text, added ? text : "",
                       std::string("who the terms apply to ") + (added ? "now stated" : "no longer stated") + ": \"" +
                           shorten(text, 80) + "\"",
                       "shift.applicability"});
        return out;
    }
    if (a.tags.empty() || is_summary(side.clause->text) || restates_previous(side.clause->text)) return out;
    // A sentence that disclaims is read as its disclaimer, whatever else it
    // binds ("Provider will provide the remedies in the SLA and will not be
    // responsible for any other remedies"): the disclaimer is its point.
    const NormalizedText normalized = normalize(side.clause->text);
    const std::vector<RuleMatch> bindings = pack_.match(normalized, RuleKind::modality);
    const RuleMatch* disclaimer = first_disclaimer(bindings);
    if (disclaimer || a.modality == "disclaimer" || (!a.tags.empty() && a.tags.front().modality == "disclaimer")) {
        const std::string holder = disclaimer ? left_holding(*disclaimer->rule, a.party) : holder_of(a);
        Shift s{"disclaimer", added ? burden_on(holder) : relief_of(holder), domain, added ? Severity::high : Severity::medium,
                added ? "" : text, added ? text : "", std::string("disclaimer ") + (added ? "added" : "removed") + ": \"" + shorten(text, 80) + "\"",
                "shift.disclaimer"};
        out.push_back(std::move(s));
        return out;
    }
    // An item of a list of exclusions, added or dropped.
    if (lists_exclusions(side) && !binds(a.modality)) {
        Shift s{"exception", added ? "to-customer" : "to-provider", domain, Severity::medium, added ? "" : text,
                added ? text : "", std::string(added ? "exclusion added" : "exclusion removed") + ": \"" + shorten(text, 80) + "\"",
                "shift.exclusion"};
        out.push_back(std::move(s));
        return out;
    }
    const std::string holder = holder_of(a);
    // A sentence that opens with "If ..." states when it applies: for a
    // sentence that came or went whole, that is its trigger, not an
    // exception to something (only a condition put in front of words that
    // were there before limits them).
    std::vector<RuleMatch> carve = pack_.match(normalized, RuleKind::carveout);
    carve.erase(std::remove_if(carve.begin(), carve.end(),
                               [&](const RuleMatch& m) { return m.start == 0 && normalized.text.rfind("if ", 0) == 0; }),
                carve.end());
    auto make = [&](const char* type, std::string direction, const std::string& what, std::string rule) {
        Shift s{type, std::move(direction), domain, Severity::medium, added ? "" : text, added ? text : "",
                what + (added ? " added" : " removed") + ": \"" + shorten(text, 80) + "\"", std::move(rule)};
        out.push_back(std::move(s));
        return out;
    };
    // "If Provider does not notify Customer about Scheduled Downtime ...,
    // that period of unavailability will not qualify as Scheduled Downtime
    // and will count as Downtime Minutes": time put back into the
    // commitment, an exception to its exclusions, which protects the customer.
    static const boost::regex counts_against(
        R"(\b(?:count|counts|counted|be treated|be considered|be deemed) (?:as|towards?) (?:\w+ ){0,2}?(?:downtime|unavailab\w*|outages?)\b|\bnot (?:qualify|count) as (?:\w+ ){0,2}?(?:scheduled|planned) (?:downtime|maintenance)\b)");
    if (boost::regex_search(normalized.text, counts_against))
        return make("exception", added ? "to-provider" : "to-customer", "exception to the exclusions", "shift.exclusion");
    const bool named = a.party == "provider" || a.party == "customer";
    // "If GitHub accesses a private repository for support reasons, we will
    // only do so with the owner's consent": a condition put on what the
    // party does, whatever its binding word; it binds the party it limits.
    if (named && condition_at(normalized.text) != std::string_view::npos)
        return make("exception", added ? burden_on(a.party) : relief_of(a.party), "condition on the " + a.party,
                    "shift.condition");
    if (a.modality == "permission" && named) {
        // A right held back ("Provider may only share Usage Data if it is
        // aggregated") binds its holder.
        if (!carve.empty())
            return make("exception", added ? burden_on(a.party) : relief_of(a.party), "limit on the " + a.party + "'s right",
                        carve.front().rule->id);
        // A right that opens "However, ..." is carved out of the rule before
        // it ("Any modification must be signed by each party. However,
        // Provider may update the SLA by giving 30 days' notice"): an
        // exception in its holder's favour.
        static const boost::regex carved_out(R"(^\W*(?:however|notwithstanding (?:the foregoing|anything to the contrary)|provided,? however)\b)");
        const bool exception = boost::regex_search(normalized.text, carved_out);
        // The customer's right (to credits, to an audit) is the provider's
        // duty to honour it; the provider's right (to use Usage Data, to
        // suspend) is what it may do to the customer.
        if (a.party == "customer")
            return make(exception ? "exception" : "obligation", added ? "to-provider" : "to-customer",
                        exception ? "exception for the customer" : "customer right",
                        exception ? "shift.exception" : "shift.obligation");
        return make(exception ? "exception" : "scope", added ? "to-customer" : "to-provider",
                    exception ? "exception for the provider" : "provider right", exception ? "shift.exception" : "shift.scope");
    }
    // A sentence of exceptions ("Excluded from the Uptime Calculation are
    // ...", "Any credits will only apply to future invoices") added or
    // removed: they limit what the provider owes.
    if (!binds(a.modality) || a.party.empty()) {
        if (!carve.empty()) return make("exception", added ? "to-customer" : "to-provider", "exception", carve.front().rule->id);
        return out;
    }
    Shift s;
    s.type = "obligation";
    s.direction = added ? burden_on(a.party) : relief_of(a.party);
    s.domain = domain;
    s.severity = (!added && a.party == "provider") || (added && a.party == "customer") ? Severity::high : Severity::medium;
    if (a.tags.empty()) s.severity = Severity::low;
    (added ? s.after : s.before) = text;
    s.explanation = std::string(a.party == "shared" ? "shared" : a.party) + " " + a.modality + " " +
                    (added ? "added" : "removed") + ": \"" + shorten(text, 80) + "\"";
    s.rule = "shift.obligation";
    out.push_back(std::move(s));
    return out;
}

std::vector<Shift> ShiftFinder::modified(const Side& old_side, const Side& new_side, const std::vector<Edit>& edits) const {
    if (!has_changes(edits) || is_summary(old_side.clause->text) || is_summary(new_side.clause->text)) return {};
    const std::vector<Span> os = sentence_spans(old_side.clause->text), ns = sentence_spans(new_side.clause->text);
    if ((os.size() <= 1 && ns.size() <= 1) || !old_side.reader || !new_side.reader)
        return modified_sentence(old_side, new_side, edits);
    const std::vector<std::string> ot = texts_of(old_side.clause->text, os), nt = texts_of(new_side.clause->text, ns);
    const SentencePairs pairs = pair_sentences(ot, nt);
    std::vector<Shift> out;
    // A sentence split in two (or two joined) is read as one on each side.
    auto through = [](const std::map<std::size_t, std::size_t>& joins, const std::vector<Span>& spans, std::size_t k) {
        auto it = joins.find(k);
        return Span{spans[k].start, spans[it == joins.end() ? k : it->second].end};
    };
    for (const auto& [i, j] : pairs.matched) {
        const Span o = through(pairs.old_through, os, i), n = through(pairs.new_through, ns, j);
        const std::string_view old_text = std::string_view(old_side.clause->text).substr(o.start, o.end - o.start);
        const std::string_view new_text = std::string_view(new_side.clause->text).substr(n.start, n.end - n.start);
        if (old_text == new_text) continue;
        const SentenceSide so = sentence_side(old_side, o), sn = sentence_side(new_side, n);
        append(out, modified_sentence(so.side(), sn.side(), diff_words(old_text, new_text)));
    }
    for (std::size_t j : pairs.only_new) append(out, one_sentence(sentence_side(new_side, ns[j]).side(), true));
    for (std::size_t i : pairs.only_old) append(out, one_sentence(sentence_side(old_side, os[i]).side(), false));
    keep_distinct(out);
    drop_restated_disclaimers(out);
    return out;
}

std::vector<Shift> ShiftFinder::one_side(const Side& side, bool added, const Counterparts& counterparts) const {
    if (is_summary(side.clause->text)) return {};
    const std::vector<Span> spans = sentence_spans(side.clause->text);
    if (counterparts.empty() && (spans.size() <= 1 || !side.reader)) return one_sentence(side, added);
    std::vector<Shift> out;
    for (std::size_t k = 0; k < spans.size(); ++k) {
        const SentenceSide here = sentence_side(side, spans[k], spans.size() == 1);
        auto other = counterparts.find(k);
        if (other == counterparts.end()) {
            append(out, one_sentence(here.side(), added));
        } else if (added) {
            const Side& was = other->second.side;
            const bool was_alone = sentence_spans(was.clause->text).size() == 1;
            const SentenceSide before = sentence_side(was, other->second.sentence, was_alone);
            append(out, modified_sentence(before.side(), here.side(), diff_words(before.clause.text, here.clause.text)));
        }
    }
    keep_distinct(out);
    return out;
}

}  // namespace onus::diff
