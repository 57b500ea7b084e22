// compare(): align, diff word by word, and name the shifts of every changed
// clause (include/onus/compare.hpp).
#include <map>

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

// A split or merge compares the joined texts: what the pieces say together.
Clause joined(const Document& doc, std::size_t main, const std::vector<std::size_t>& also) {
    Clause c = doc.clauses[main];
    for (std::size_t i : also) c.text += "\n" + doc.clauses[i].text;
    return c;
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
    DiffOptions words;
    words.exact = options.exact;

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
            Clause o = joined(old_doc, *p.old_index, p.also_old);
            Clause w = joined(new_doc, *p.new_index, p.also_new);
            change.edits = diff_words(o.text, w.text, words);
            diff::Side old_side{&o, &old_analysis.clauses[*p.old_index], old_sla[*p.old_index]};
            diff::Side new_side{&w, &new_analysis.clauses[*p.new_index], new_sla[*p.new_index]};
            change.shifts = finder.modified(old_side, new_side, change.edits);
        } else if (p.new_index) {
            diff::Side side{&new_doc.clauses[*p.new_index], &new_analysis.clauses[*p.new_index], new_sla[*p.new_index]};
            change.shifts = finder.one_side(side, true);
        } else if (p.old_index) {
            diff::Side side{&old_doc.clauses[*p.old_index], &old_analysis.clauses[*p.old_index], old_sla[*p.old_index]};
            change.shifts = finder.one_side(side, false);
        }
        for (const Shift& s : change.shifts) {
            if (s.direction == "to-customer") ++n.to_customer;
            else if (s.direction == "to-provider") ++n.to_provider;
            else ++n.neutral;
        }
        out.changes.push_back(std::move(change));
    }
    return out;
}

}  // namespace onus
