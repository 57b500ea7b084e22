// Responsibility shifts: the changes between two versions of a clause that
// move a burden (include/onus/compare.hpp names the types).
//
// Each detector reads what changed (the word edits) through the analysis of
// both sides: a quantity inside changed words, binding words inside changed
// words, carve-out words inside changed words. Words that merely moved
// around a sentence do not count: a shift needs its evidence in an insert or
// a delete.
#include <algorithm>
#include <cmath>
#include <set>

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
    auto op = [&](std::size_t j) { return j < edits.size() ? edits[j].op : Edit::Op::equal; };
    Edit::Op other = edits[i].op == Edit::Op::insert ? Edit::Op::del : Edit::Op::insert;
    if ((i > 0 && op(i - 1) == other) || op(i + 1) == other) return false;  // a replacement
    if (std::count(text.begin(), text.end(), ' ') > 6) return false;
    // ", except for Customer-configured storage" is an exception, not an item.
    const std::string lower = normalize(text).text;
    for (const char* word : {"except", "unless", "excluding", "other than", "subject to", "provided that"})
        if (lower.find(word) != std::string::npos) return false;
    auto ends_with_comma = [](const std::string& t) {
        std::size_t z = t.find_last_not_of(' ');
        return z != std::string::npos && t[z] == ',';
    };
    const std::string& before = i > 0 ? edits[i - 1].new_text : std::string();
    return text.find(',') != std::string::npos || ends_with_comma(before);
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

// Content words of a text: letters, at least three, not the glue of legal prose.
std::vector<std::string> content_words(const std::string& text) {
    static const std::set<std::string> glue{"the", "and", "any", "for", "its", "with", "that", "this", "such",
                                            "all", "are", "will", "shall", "from", "into", "upon", "our", "your",
                                            "their", "has", "have", "been", "was", "were", "which", "under", "other"};
    std::vector<std::string> out;
    NormalizedText n = normalize(text);
    for (Span w : words(n.text)) {
        std::string word = n.text.substr(w.start, w.end - w.start);
        bool letters = std::all_of(word.begin(), word.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); });
        if (letters && word.size() >= 3 && !glue.count(word)) out.push_back(word);
    }
    return out;
}

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
    return "";
}

std::string metric_words(const std::string& metric) {
    if (metric.empty()) return "value";
    std::string out = metric;
    std::replace(out.begin(), out.end(), '-', ' ');
    return out;
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
        std::size_t j = 0;
        while (j < after.size() && (used[j] || !same_family(after[j]))) ++j;
        if (j == after.size()) continue;
        used[j] = true;
        const Quantity& a = after[j];
        Comparison c = compare(b, a);
        if (c.order == Order::equal && !c.open_vs_fixed && !c.bound_differs) continue;
        std::string metric = metric_at(new_side.sla, a);
        if (metric.empty()) metric = metric_at(old_side.sla, b);
        // An uptime threshold in a credit table ("Less than 99.9%") is not
        // an SLA value of its own, but moves the same way.
        if (metric.empty() && a.kind == QuantityKind::percentage && a.value >= 90 && a.value <= 100) metric = "uptime";
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
    auto has_disclaimer = [](const std::vector<RuleMatch>& ms) {
        for (const RuleMatch& m : ms)
            if (m.rule->modality == "disclaimer") return &m;
        return static_cast<const RuleMatch*>(nullptr);
    };
    // Who a disclaimer leaves holding the burden: the other party of the one
    // that speaks ("Provider is not responsible for ..."), or the one it
    // names ("at Customer's own risk"). Cloud agreements' disclaimers are the
    // provider's unless the customer is the one speaking.
    auto burdened = [](const Rule& rule, const std::string& speaker) {
        if (rule.holder == "other") return speaker == "customer" ? std::string("provider") : std::string("customer");
        return speaker == "provider" ? std::string("provider") : std::string("customer");
    };
    if (const RuleMatch* d = has_disclaimer(come); d && !has_disclaimer(gone)) {
        std::string holder = burdened(*d->rule, na.party);
        Shift s{"disclaimer", burden_on(holder), domain, Severity::high,
                "", new_side.clause->text.substr(d->start, d->end - d->start), "", d->rule->id};
        s.explanation = "disclaimer added: \"" + shorten(s.after, 80) + "\"";
        out.push_back(std::move(s));
    } else if (const RuleMatch* d2 = has_disclaimer(gone); d2 && !has_disclaimer(come)) {
        std::string holder = burdened(*d2->rule, oa.party);
        Shift s{"disclaimer", relief_of(holder), domain, Severity::medium,
                old_side.clause->text.substr(d2->start, d2->end - d2->start), "", "", d2->rule->id};
        s.explanation = "disclaimer removed: \"" + shorten(s.before, 80) + "\"";
        out.push_back(std::move(s));
    }

    // Strength of the binding words, for the same party.
    if (!gone.empty() || !come.empty()) {
        int before = strength(oa.modality), after = strength(na.modality);
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
    if (!added.empty() && added.size() > removed.size()) {
        std::string holder = holder_of(*new_side.analysis);
        Shift s{"exception", relief_of(holder), domain, Severity::medium, "", shorten(changed.inserted, 200), "",
                added.front().rule->id};
        s.explanation = "exception added to the " + (holder.empty() ? std::string("clause") : holder + "'s duty") + ": \"" +
                        shorten(changed.inserted, 80) + "\"";
        out.push_back(std::move(s));
    } else if (!removed.empty() && removed.size() > added.size()) {
        std::string holder = holder_of(*old_side.analysis);
        Shift s{"exception", burden_on(holder), domain, Severity::medium, shorten(changed.deleted, 200), "", "",
                removed.front().rule->id};
        s.explanation = "exception removed from the " + (holder.empty() ? std::string("clause") : holder + "'s duty") +
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
    // Only a pure addition or removal of words reads as wider or narrower
    // ("store, parse" -> "store, archive, parse"); a replaced phrase is a
    // rewording unless another detector has found more in it.
    std::string inserted = changed.inserted, deleted = changed.deleted;
    if (!inserted.empty() && !deleted.empty()) {
        // Within a rewritten clause, only items added to or dropped from an
        // enumeration say which way its reach moved.
        if (changed.items_added.empty() == changed.items_dropped.empty()) return;
        inserted.clear();
        deleted.clear();
        for (const std::string& t : changed.items_added) inserted += (inserted.empty() ? "" : " ... ") + t;
        for (const std::string& t : changed.items_dropped) deleted += (deleted.empty() ? "" : " ... ") + t;
    }
    std::vector<std::string> gained = content_words(inserted), lost = content_words(deleted);
    // Words that only changed form or place are not scope.
    std::multiset<std::string> g(gained.begin(), gained.end()), l(lost.begin(), lost.end());
    std::vector<std::string> really_gained, really_lost;
    for (const std::string& w : g)
        if (!l.count(w)) really_gained.push_back(w);
    for (const std::string& w : l)
        if (!g.count(w)) really_lost.push_back(w);
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
    s.explanation = std::string("the ") + (holder.empty() ? std::string("clause") : holder) + "'s " + (right ? "right" : "duty") + " " +
                    (wider ? "widened" : "narrowed") + (inserted.empty() ? "" : ": \"" + shorten(inserted, 60) + "\"") +
                    (deleted.empty() ? "" : (inserted.empty() ? ": \"" : " replaces \"") + shorten(deleted, 60) + "\"");
    (void)old_side;
    out.push_back(std::move(s));
}

std::vector<Shift> ShiftFinder::modified(const Side& old_side, const Side& new_side, const std::vector<Edit>& edits) const {
    std::vector<Shift> out;
    if (!has_changes(edits)) return out;
    Changed changed = changed_ranges(edits);
    quantity_shifts(old_side, new_side, changed, out);
    binding_shifts(old_side, new_side, changed, out);
    exception_shifts(old_side, new_side, changed, out);
    // Scope when nothing else explains the change, or when items of an
    // enumeration came or went (those say which way the reach moved).
    if (out.empty() || changed.items_added.empty() != changed.items_dropped.empty())
        scope_shifts(old_side, new_side, changed, out);
    return out;
}

std::vector<Shift> ShiftFinder::one_side(const Side& side, bool added) const {
    std::vector<Shift> out;
    const ClauseAnalysis& a = *side.analysis;
    const std::string domain = first_domain(&a, nullptr);
    // A clause that bears on no security domain (fees, invoicing) moves no
    // security burden when it comes or goes.
    if (a.tags.empty()) return out;
    const std::string holder = holder_of(a);
    const std::string text = shorten(side.clause->text, 200);
    if (a.modality == "disclaimer" || (!a.tags.empty() && a.tags.front().modality == "disclaimer")) {
        Shift s{"disclaimer", added ? burden_on(holder) : relief_of(holder), domain, added ? Severity::high : Severity::medium,
                added ? "" : text, added ? text : "", std::string("disclaimer ") + (added ? "added" : "removed") + ": \"" + shorten(text, 80) + "\"",
                "shift.disclaimer"};
        out.push_back(std::move(s));
        return out;
    }
    // A clause full of exceptions ("Excluded from the Uptime Calculation
    // are ...") added or removed.
    std::vector<RuleMatch> carve = pack_.match(normalize(side.clause->text), RuleKind::carveout);
    if (!binds(a.modality) || a.party.empty()) {
        if (!carve.empty() && !a.tags.empty()) {
            Shift s{"exception", added ? "to-customer" : "to-provider", domain, Severity::medium, added ? "" : text,
                    added ? text : "", std::string("exception ") + (added ? "added" : "removed") + ": \"" + shorten(text, 80) + "\"",
                    carve.front().rule->id};
            out.push_back(std::move(s));
        }
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

}  // namespace onus::diff
