// compare(): align, diff word by word, and name the shifts of every changed
// clause (include/onus/compare.hpp).
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <boost/regex.hpp>

#include "diff/sentence_pairs.hpp"
#include "diff/shifts.hpp"
#include "onus/compare.hpp"

namespace onus {
namespace {

std::vector<std::vector<const SlaValue*>> sla_by_clause(const Document& doc, const Analysis& a) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) index.emplace(doc.clauses[i].id, i);
    std::vector<std::vector<const SlaValue*>> out(doc.clauses.size());
    for (const SlaValue& v : a.sla) {
        auto it = index.find(v.clause_id);
        if (it != index.end()) out[it->second].push_back(&v);
    }
    return out;
}

// What a clause sits under (diff::Side::context): its heading, its
// ancestors' headings, and a parent that is a lead-in (ends with ':').
std::string context_of(const Document& doc, std::size_t index) {
    auto lead_in = [](const Clause& c) {
        std::size_t end = c.text.find_last_not_of(" \t\n");
        return end != std::string::npos && c.text[end] == ':';
    };
    const Clause& clause = doc.clauses[index];
    std::string out = clause.heading;
    // A bullet's lead-in is the paragraph before its list, a sibling. A
    // paragraph after the list ("What are Uptime Service Credits?") is not
    // one of its items.
    const bool bullet = clause.text.rfind("\u2022", 0) == 0;
    for (std::size_t k = index; bullet && k-- > 0 && doc.clauses[k].parent == clause.parent;) {
        if (lead_in(doc.clauses[k])) {
            out += "\n" + doc.clauses[k].text;
            break;
        }
        if (doc.clauses[k].text.rfind("\u2022", 0) != 0) break;  // not an item of the same list
    }
    for (std::optional<std::size_t> at = clause.parent; at; at = doc.clauses[*at].parent) {
        const Clause& c = doc.clauses[*at];
        out += "\n" + c.heading;
        if (lead_in(c)) out += "\n" + c.text;
    }
    return out;
}

// A side of a split or merge: the clauses' texts joined in document order
// (a lead-in before its list, the list after it), with each piece's tags
// and SLA numbers moved to where its text now starts. The main clause's
// own binding (party, modality) speaks for the whole.
struct JoinedSide {
    Clause clause;
    ClauseAnalysis analysis;
    std::vector<SlaValue> sla;

    std::vector<const SlaValue*> sla_refs() const {
        std::vector<const SlaValue*> out;
        for (const SlaValue& v : sla) out.push_back(&v);
        return out;
    }
};

void move_evidence(Evidence& e, std::size_t by) {
    e.start += by;
    e.end += by;
}

JoinedSide join(const Document& doc, const Analysis& a, const std::vector<std::vector<const SlaValue*>>& sla,
                std::size_t main, const std::vector<std::size_t>& also) {
    std::vector<std::size_t> order{main};
    order.insert(order.end(), also.begin(), also.end());
    std::sort(order.begin(), order.end());
    JoinedSide out;
    out.clause = doc.clauses[main];
    out.clause.text.clear();
    out.analysis = a.clauses[main];
    out.analysis.tags.clear();
    std::vector<Tag> later;  // the pieces' tags, kept for domains the main clause does not tag
    for (std::size_t k : order) {
        if (k != order.front()) out.clause.text += '\n';
        const std::size_t at = out.clause.text.size();
        out.clause.text += doc.clauses[k].text;
        for (Tag t : a.clauses[k].tags) {
            move_evidence(t.evidence, at);
            move_evidence(t.party_evidence, at);
            move_evidence(t.modality_evidence, at);
            for (Carveout& c : t.carveouts) move_evidence(c.evidence, at);
            (k == main ? out.analysis.tags : later).push_back(std::move(t));
        }
        for (const SlaValue* v : sla[k]) {
            SlaValue moved = *v;
            moved.quantity.start += at;
            moved.quantity.end += at;
            out.sla.push_back(std::move(moved));
        }
    }
    for (Tag& t : later) {
        auto same = [&](const Tag& x) { return x.domain == t.domain; };
        if (std::none_of(out.analysis.tags.begin(), out.analysis.tags.end(), same)) out.analysis.tags.push_back(std::move(t));
    }
    return out;
}

// A commitment the old version quantified and the new one no longer
// names at all ("24/5 support with an 8-hour response time" gone with its
// clause) is a duty removed, even when the sentence that held it reads as
// a description ("Enterprise Cloud includes ..."). Only the provider's
// commitments count; a deadline the customer must meet or the period a
// figure is measured over is no duty of the provider's.
void dropped_sla_terms(const Document& old_doc, const Analysis& old_a, const Analysis& new_a, VersionDiff& out) {
    static const std::set<std::string> commitments{"uptime",           "support-response", "support-hours",
                                                   "notification-window", "backup-frequency", "retention",
                                                   "deletion-period",  "service-credit",   "credit-cap",
                                                   "maintenance-notice"};
    std::set<std::string> kept;
    for (const SlaValue& v : new_a.sla) kept.insert(v.metric);
    std::set<std::string> done;
    for (const SlaValue& v : old_a.sla) {
        if (!commitments.count(v.metric) || kept.count(v.metric) || done.count(v.clause_id)) continue;
        for (Change& c : out.changes) {
            if (c.kind != ChangeKind::deleted || !c.old_index || old_doc.clauses[*c.old_index].id != v.clause_id) continue;
            if (!c.shifts.empty() || !c.note.empty()) break;  // already read, or moved to other terms
            const std::string text = one_line(old_doc.clauses[*c.old_index].text, 200);
            c.shifts.push_back({"obligation", "to-customer", v.metric == "notification-window" ? "incident" : "availability",
                                Severity::medium, text, "",
                                "provider commitment removed: " + v.metric + " (" + describe(v.quantity) +
                                    ") is no longer in the agreement",
                                "sla." + v.metric});
            done.insert(v.clause_id);
            break;
        }
    }
}

// The SLA numbers of the two versions, metric by metric: a rewritten SLA
// ("We guarantee 99.95% quarterly Uptime" became "GitHub commits to
// maintain at least 99.9% Uptime") has clauses too different to align, but
// its uptime still moved. A metric's first value on each side is compared;
// the shift goes on the change that holds the new value (else the old one),
// unless a change already reports that metric.
void sla_shifts(const Document& old_doc, const Analysis& old_a, const Document& new_doc, const Analysis& new_a,
                VersionDiff& out) {
    auto first_of = [](const Analysis& a, const std::string& metric) -> const SlaValue* {
        for (const SlaValue& v : a.sla)
            if (v.metric == metric) return &v;
        return nullptr;
    };
    auto change_holding = [&](const std::string& old_id, const std::string& new_id) -> Change* {
        for (Change& c : out.changes)
            if (c.new_index && new_doc.clauses[*c.new_index].id == new_id) return &c;
        for (Change& c : out.changes)
            if (c.old_index && old_doc.clauses[*c.old_index].id == old_id) return &c;
        return nullptr;
    };
    std::vector<std::string> metrics;
    for (const SlaValue& v : new_a.sla)
        if (std::find(metrics.begin(), metrics.end(), v.metric) == metrics.end()) metrics.push_back(v.metric);
    for (const std::string& metric : metrics) {
        const SlaValue* b = first_of(old_a, metric);
        const SlaValue* a = first_of(new_a, metric);
        if (!a || !b) continue;
        const Comparison c = compare(b->quantity, a->quantity);
        if (c.order == Order::equal && !c.open_vs_fixed) continue;
        // Values that cannot be ranked ("1 month's fees" -> "8% of fees",
        // "25 times the amount paid" -> "10% of the amount paid") still
        // changed the term: a neutral shift says so. Two open limits that
        // differ ("promptly" -> "without undue delay") are left alone.
        if (c.order == Order::unordered && !c.open_vs_fixed && b->quantity.kind == a->quantity.kind) continue;
        bool reported = false;
        for (const Change& ch : out.changes)
            for (const Shift& s : ch.shifts) reported = reported || s.rule == "sla." + metric;
        if (reported) continue;
        Change* holder = change_holding(b->clause_id, a->clause_id);
        if (!holder) continue;  // both values sit in unchanged clauses
        holder->shifts.push_back(diff::quantity_shift(metric, b->quantity, a->quantity, "", ""));
    }
    dropped_sla_terms(old_doc, old_a, new_a, out);
}


// Content words of a clause, for pairing rewritten clauses.
std::set<std::string> word_set(const std::string& text) {
    std::set<std::string> out;
    NormalizedText n = normalize(text);
    for (Span w : words(n.text))
        if (w.end - w.start >= 4) out.insert(n.text.substr(w.start, w.end - w.start));
    return out;
}

double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() || b.empty()) return 0;
    std::size_t common = 0;
    for (const std::string& w : a) common += b.count(w);
    return static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
}

// A clause rewritten beyond what the alignment calls similar ("We guarantee
// ... 99.95% quarterly Uptime" became "GitHub commits to maintain at least
// 99.9% Uptime") shows as a deletion and an addition. For reading shifts,
// an added clause is compared with the deleted clause that shares most of
// its content words, when that is most of the shorter one's: the shifts of
// a rewrite are its differences, not "an obligation removed, an obligation
// added". Bounded: at most 400 added x 400 deleted clauses are compared.
std::map<std::size_t, std::size_t> pair_rewrites(const Document& old_doc, const Document& new_doc,
                                                 const std::vector<ClausePair>& pairs) {
    std::vector<std::size_t> added, deleted;
    for (const ClausePair& p : pairs) {
        if (p.kind == ChangeKind::added && p.new_index) added.push_back(*p.new_index);
        if (p.kind == ChangeKind::deleted && p.old_index) deleted.push_back(*p.old_index);
    }
    std::map<std::size_t, std::size_t> out;  // new index -> old index
    if (added.empty() || deleted.empty() || added.size() > 400 || deleted.size() > 400) return out;
    std::vector<std::set<std::string>> old_words;
    for (std::size_t d : deleted) old_words.push_back(word_set(old_doc.clauses[d].text));
    std::set<std::size_t> taken;
    for (std::size_t a : added) {
        std::set<std::string> w = word_set(new_doc.clauses[a].text);
        if (w.size() < 4) continue;
        double best = 0.5;
        std::optional<std::size_t> pick;
        for (std::size_t i = 0; i < deleted.size(); ++i) {
            if (taken.count(i) || old_words[i].size() < 4) continue;
            double o = overlap(w, old_words[i]);
            if (o > best) best = o, pick = i;
        }
        if (pick) {
            taken.insert(*pick);
            out[a] = deleted[*pick];
        }
    }
    return out;
}

// A section the new version drops because a new or changed clause now
// incorporates other terms in its place: Section 4 "Supplemental Terms for
// Additional Applications and Features" gone, and "Some Service features
// may be subject to additional terms as set forth in the GitHub Additional
// Product Terms" added. Its clauses' deletions are not burdens dropped but
// terms moved to a document this comparison does not see: their shifts
// are withheld and the change says where to look. The section is matched
// by most of its heading's content words (at least three) appearing in
// the incorporating clause.
void moved_by_reference(const Document& old_doc, const Document& new_doc, VersionDiff& out) {
    // "subject to ... the GitHub Additional Product Terms": a named
    // document (capitalised words), not "the terms of this Agreement".
    static const boost::regex incorporates(
        R"((?i:\b(?:subject to|governed by|set (?:forth|out) in|described in|agrees? to|incorporated(?: herein)? by reference)\b)[^.]{0,100}?\b(?:[A-Z][\w-]*\s+){1,5}(?:Terms|Policy|Policies|Addendum|Schedule|Exhibit)\b)");
    std::vector<bool> deleted(old_doc.clauses.size(), false);
    for (const Change& c : out.changes)
        if (c.kind == ChangeKind::deleted && c.old_index) deleted[*c.old_index] = true;
    for (const Change& c : out.changes) {
        if (!c.new_index || (c.kind != ChangeKind::added && c.kind != ChangeKind::modified)) continue;
        const Clause& clause = new_doc.clauses[*c.new_index];
        if (!boost::regex_search(clause.text, incorporates)) continue;
        if (c.old_index && boost::regex_search(old_doc.clauses[*c.old_index].text, incorporates)) continue;  // not new
        const std::vector<std::string> here = diff::content_words(clause.text);
        const std::set<std::string> words(here.begin(), here.end());
        for (std::size_t i = 0; i < old_doc.clauses.size(); ++i) {
            const Clause& section = old_doc.clauses[i];
            if (!deleted[i] || section.heading.empty()) continue;
            std::size_t named = 0, found = 0;
            for (const std::string& w : diff::content_words(section.heading)) {
                if (w == "section" || w == "article") continue;
                ++named;
                found += words.count(w);
            }
            if (named < 3 || 2 * found < named) continue;
            // The section and everything under it that was deleted.
            auto inside = [&](std::size_t k) {
                for (std::optional<std::size_t> at = k; at; at = old_doc.clauses[*at].parent)
                    if (*at == i) return true;
                return false;
            };
            for (Change& d : out.changes) {
                if (d.kind != ChangeKind::deleted || !d.old_index || !inside(*d.old_index)) continue;
                d.shifts.clear();
                d.note = "section " + section.id + " moved out: " + clause.id +
                         " now refers to other terms for it; compare those terms";
            }
        }
    }
}

// Sentences restated across clauses: a section rewritten so that the old
// sentences sit in other clauses (the old SLA's bullets inside the new
// SLA's table rows) shows as clauses deleted and added; their sentences
// are paired as inside one clause (diff/sentence_pairs.hpp), so that a
// restated duty is compared with its old self rather than read as one duty
// dropped and another added. Bounded: at most 2,000 sentences a side.
struct Restated {
    std::map<std::size_t, diff::Counterparts> old_clauses, new_clauses;  // by clause index
};

Restated restated_sentences(const std::vector<std::size_t>& deleted, const std::vector<std::size_t>& added,
                            const std::function<diff::Side(std::size_t)>& old_side,
                            const std::function<diff::Side(std::size_t)>& new_side) {
    struct Ref {
        std::size_t clause, index;
        Span span;
    };
    auto collect = [](const std::vector<std::size_t>& clauses, const std::function<diff::Side(std::size_t)>& side,
                      std::vector<Ref>& refs, std::vector<std::string>& texts) {
        for (std::size_t c : clauses) {
            const std::string& text = side(c).clause->text;
            std::vector<Span> spans = diff::sentence_spans(text);
            for (std::size_t k = 0; k < spans.size(); ++k) {
                refs.push_back({c, k, spans[k]});
                texts.push_back(text.substr(spans[k].start, spans[k].end - spans[k].start));
            }
        }
    };
    Restated out;
    std::vector<Ref> old_refs, new_refs;
    std::vector<std::string> old_texts, new_texts;
    collect(deleted, old_side, old_refs, old_texts);
    collect(added, new_side, new_refs, new_texts);
    if (old_texts.empty() || new_texts.empty() || old_texts.size() > 2000 || new_texts.size() > 2000) return out;
    for (const auto& [i, j] : diff::pair_sentences(old_texts, new_texts).matched) {
        const Ref& o = old_refs[i];
        const Ref& n = new_refs[j];
        out.old_clauses[o.clause].emplace(o.index, diff::Counterpart{new_side(n.clause), n.span});
        out.new_clauses[n.clause].emplace(n.index, diff::Counterpart{old_side(o.clause), o.span});
    }
    return out;
}

// A duty (or a condition) dropped in one place and a like one added in
// another (same domain, same party, sharing a third of their words: "We
// guarantee ... quarterly Uptime" dropped, "GitHub guarantees a ...
// quarterly uptime commitment" added; "Uptime Service Credits ... may only
// be granted upon request" dropped, "Customer may redeem Service Credits
// only upon written request" added) is restated, not a burden moved:
// neither is reported. Best-sharing pairs first.
void restated_duties(VersionDiff& out) {
    struct Found {
        Change* change;
        std::size_t shift;
        std::vector<std::string> words;
    };
    std::vector<Found> dropped, added;
    for (Change& c : out.changes) {
        for (std::size_t k = 0; k < c.shifts.size(); ++k) {
            const Shift& s = c.shifts[k];
            if ((s.type != "obligation" && s.type != "exception") || s.direction == "neutral") continue;
            const bool gone = c.kind == ChangeKind::deleted || (s.after.empty() && !s.before.empty());
            const bool come = c.kind == ChangeKind::added || (s.before.empty() && !s.after.empty());
            if (gone == come) continue;  // a change of wording, not a duty that came or went
            std::vector<std::string> w = diff::content_words(gone ? s.before : s.after);
            std::sort(w.begin(), w.end());
            (gone ? dropped : added).push_back({&c, k, std::move(w)});
        }
    }
    if (dropped.empty() || added.empty() || dropped.size() * added.size() > 250000) return;
    std::vector<std::tuple<double, std::size_t, std::size_t>> candidates;
    for (std::size_t i = 0; i < dropped.size(); ++i)
        for (std::size_t j = 0; j < added.size(); ++j) {
            const Shift& d = dropped[i].change->shifts[dropped[i].shift];
            const Shift& a = added[j].change->shifts[added[j].shift];
            if (d.type != a.type || d.domain != a.domain || d.direction == a.direction) continue;  // same party: opposite directions
            double share = diff::dice(dropped[i].words, added[j].words);
            if (share >= 0.3) candidates.emplace_back(share, i, j);
        }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
    std::vector<bool> used_d(dropped.size(), false), used_a(added.size(), false);
    std::set<std::pair<Change*, std::size_t>> gone;
    for (const auto& [share, i, j] : candidates) {
        if (used_d[i] || used_a[j]) continue;
        used_d[i] = used_a[j] = true;
        gone.insert({dropped[i].change, dropped[i].shift});
        gone.insert({added[j].change, added[j].shift});
    }
    for (Change& c : out.changes) {
        std::vector<Shift> kept;
        for (std::size_t k = 0; k < c.shifts.size(); ++k)
            if (!gone.count({&c, k})) kept.push_back(std::move(c.shifts[k]));
        c.shifts = std::move(kept);
    }
}

void count_shifts(VersionDiff& out) {
    VersionDiffSummary& n = out.summary;
    n.to_customer = n.to_provider = n.neutral = 0;
    for (const Change& c : out.changes)
        for (const Shift& s : c.shifts) {
            if (s.direction == "to-customer") ++n.to_customer;
            else if (s.direction == "to-provider") ++n.to_provider;
            else ++n.neutral;
        }
}

}  // namespace

VersionDiff compare_versions(const Document& old_doc, const Analysis& old_analysis, const Document& new_doc,
                             const Analysis& new_analysis, const RulePack& pack, const CompareOptions& options) {
    AlignOptions align;
    align.exact = options.exact;
    Alignment alignment = align_clauses(old_doc, new_doc, align);
    const diff::ShiftFinder finder(pack);
    const auto old_sla = sla_by_clause(old_doc, old_analysis);
    const auto new_sla = sla_by_clause(new_doc, new_analysis);
    DiffOptions words_options;
    words_options.exact = options.exact;
    const std::map<std::size_t, std::size_t> rewrites = pair_rewrites(old_doc, new_doc, alignment.pairs);
    std::set<std::size_t> rewritten_old;
    for (const auto& [n, o] : rewrites) rewritten_old.insert(o);

    const analysis::SentenceReader old_reader(old_doc, pack), new_reader(new_doc, pack);
    auto side = [&](const Document& doc, const Analysis& a, const std::vector<std::vector<const SlaValue*>>& sla,
                    const Clause& clause, std::size_t index) {
        return diff::Side{&clause, &a.clauses[index], sla[index], &doc == &old_doc ? &old_reader : &new_reader,
                          context_of(doc, index)};
    };

    std::vector<std::size_t> deleted, added;
    for (const ClausePair& p : alignment.pairs) {
        if (p.kind == ChangeKind::deleted && p.old_index && !rewritten_old.count(*p.old_index)) deleted.push_back(*p.old_index);
        if (p.kind == ChangeKind::added && p.new_index && !rewrites.count(*p.new_index)) added.push_back(*p.new_index);
    }
    const Restated restated = restated_sentences(
        deleted, added, [&](std::size_t i) { return side(old_doc, old_analysis, old_sla, old_doc.clauses[i], i); },
        [&](std::size_t i) { return side(new_doc, new_analysis, new_sla, new_doc.clauses[i], i); });
    auto counterparts_of = [](const std::map<std::size_t, diff::Counterparts>& all, std::size_t clause) {
        auto it = all.find(clause);
        return it == all.end() ? diff::Counterparts{} : it->second;
    };

    VersionDiff out;
    out.budget_hit = alignment.budget_hit;
    for (const ClausePair& p : alignment.pairs) {
        VersionDiffSummary& n = out.summary;
        switch (p.kind) {
            case ChangeKind::unchanged: ++n.unchanged; continue;
            case ChangeKind::modified: ++n.modified; break;
            case ChangeKind::added: ++n.added; break;
            case ChangeKind::deleted: ++n.deleted; break;
            case ChangeKind::moved: ++n.moved; break;
            case ChangeKind::renumbered: ++n.renumbered; break;
        }
        Change change;
        change.kind = p.kind;
        change.old_index = p.old_index;
        change.new_index = p.new_index;
        change.also_old = p.also_old;
        change.also_new = p.also_new;
        if (p.old_index && p.new_index) {
            const JoinedSide o = join(old_doc, old_analysis, old_sla, *p.old_index, p.also_old);
            const JoinedSide w = join(new_doc, new_analysis, new_sla, *p.new_index, p.also_new);
            change.edits = diff_words(o.clause.text, w.clause.text, words_options);
            diff::Side before = side(old_doc, old_analysis, old_sla, o.clause, *p.old_index);
            diff::Side after = side(new_doc, new_analysis, new_sla, w.clause, *p.new_index);
            before.analysis = &o.analysis;
            before.sla = o.sla_refs();
            after.analysis = &w.analysis;
            after.sla = w.sla_refs();
            change.shifts = finder.modified(before, after, change.edits);
        } else if (p.new_index) {
            auto rewrite = rewrites.find(*p.new_index);
            const Clause& added_clause = new_doc.clauses[*p.new_index];
            if (rewrite != rewrites.end()) {
                const Clause& old_clause = old_doc.clauses[rewrite->second];
                std::vector<Edit> edits = diff_words(old_clause.text, added_clause.text, words_options);
                change.shifts = finder.modified(side(old_doc, old_analysis, old_sla, old_clause, rewrite->second),
                                                side(new_doc, new_analysis, new_sla, added_clause, *p.new_index), edits);
            } else {
                change.shifts = finder.one_side(side(new_doc, new_analysis, new_sla, added_clause, *p.new_index), true,
                                                counterparts_of(restated.new_clauses, *p.new_index));
            }
        } else if (p.old_index && !rewritten_old.count(*p.old_index)) {
            change.shifts = finder.one_side(
                side(old_doc, old_analysis, old_sla, old_doc.clauses[*p.old_index], *p.old_index), false,
                counterparts_of(restated.old_clauses, *p.old_index));
        }
        out.changes.push_back(std::move(change));
    }
    sla_shifts(old_doc, old_analysis, new_doc, new_analysis, out);
    moved_by_reference(old_doc, new_doc, out);
    restated_duties(out);
    count_shifts(out);
    return out;
}

}  // namespace onus
