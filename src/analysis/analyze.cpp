// analyze(): the stages of include/onus/analysis.hpp in order.
#include <future>
#include <unordered_map>
#include <vector>

#include "analysis/stages.hpp"
#include "analysis/text_util.hpp"
#include "onus/analysis.hpp"

namespace onus {
namespace {

// A list item that finishes its lead-in's sentence ("Customer shall not
// provide any Personal Data: • relating to criminal convictions ...") or a
// row of a table under a clause says nothing on its own: it bears on what
// the clause that introduces it bears on.
bool continues_lead_in(const Clause& c) {
    if (c.text.find('\t') != std::string::npos && c.number.empty()) return true;
    return analysis::continues_sentence(c.text);
}

// The lead-in's tags, bound as the item itself binds when it has binding
// words of its own ("(a) use every reasonable effort to ...").
std::vector<Tag> inherit_tags(const ClauseAnalysis& parent, const analysis::Subject& own) {
    std::vector<Tag> out;
    out.reserve(parent.tags.size());
    for (Tag t : parent.tags) {
        if (!own.modality.empty() && !own.party.empty()) {
            t.modality = own.modality;
            t.modality_evidence = own.modality_evidence;
            if (!own.holder.empty() && t.party != "shared") t.party = own.holder;
        }
        t.carveouts.clear();
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

const char* to_string(Severity severity) noexcept {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::low: return "low";
        case Severity::medium: return "medium";
        case Severity::high: return "high";
    }
    return "info";
}

bool parse_severity(const std::string& text, Severity& out) noexcept {
    for (Severity s : {Severity::info, Severity::low, Severity::medium, Severity::high})
        if (text == to_string(s)) {
            out = s;
            return true;
        }
    return false;
}

Analysis analyze(const Document& doc, const RulePack& pack, const AnalysisOptions& options) {
    // The SLA numbers (stage 4) need nothing from the other stages and cost
    // about as much as the tags: read on a thread of their own meanwhile, so
    // that a single agreement uses the machine's second core.
    std::future<std::vector<SlaValue>> sla = std::async(std::launch::async, [&doc] { return extract_sla(doc); });
    Analysis a;
    const bool guess = options.model == "auto" || options.model.empty();
    auto check_baseline = [&] {
        if (!pack.baseline().count(a.model))
            throw Error(ErrorCode::pattern, "analyze", "the rule pack has no baseline for the model '" + a.model + "'");
    };
    if (!guess) {
        a.model = options.model;
        check_baseline();
    }

    // Tags, clause by clause in tree order: a clause's parent comes before
    // it, so the party a lead-in binds is known when its items are read.
    // The model's votes are read in the same pass, from the same
    // normalised text; its rule failures still come before the tags'.
    const analysis::PartyLexicon parties(doc, pack);
    const analysis::ClauseContext context{doc, pack, parties};
    analysis::ModelGuess model;
    std::vector<RuleFailure> tag_failures;
    // The subject a clause's children inherit, kept from the clause until
    // its last child is read, not for every clause to the end.
    std::vector<std::size_t> last_child(doc.clauses.size(), 0);
    for (std::size_t i = 0; i < doc.clauses.size(); ++i)
        if (const auto& p = doc.clauses[i].parent; p && *p < i) last_child[*p] = i;
    std::unordered_map<std::size_t, analysis::Subject> parents;
    a.clauses.reserve(doc.clauses.size());
    for (std::size_t i = 0; i < doc.clauses.size(); ++i) {
        const Clause& c = doc.clauses[i];
        // Normalised once, and its rule words found once for every kind of rule.
        const NormalizedText normalized = normalize(c.text);
        const PreparedText text = pack.prepare(normalized);
        if (guess) model.read(c, text, pack, a.failures);
        const bool has_parent = c.parent && *c.parent < i;
        analysis::Subject inherited;
        if (has_parent) inherited = parents.at(*c.parent);
        analysis::Subject primary;
        a.clauses.push_back(analysis::tag_clause(context, i, text, inherited, primary, tag_failures));
        // Kept to the end: no room to spare (a Tag is about 500 bytes).
        a.clauses.back().tags.shrink_to_fit();
        if (a.clauses.back().tags.empty() && has_parent && continues_lead_in(c))
            a.clauses.back().tags = inherit_tags(a.clauses[*c.parent], primary);
        a.clauses.back().party = primary.party;
        // Only the clause's own binding words: a table row or list item that
        // merely sits under a binding lead-in does not bind by itself.
        if (primary.modality_evidence.clause_id == c.id) a.clauses.back().modality = primary.modality;
        if (has_parent && last_child[*c.parent] == i) parents.erase(*c.parent);
        if (last_child[i] > i) parents.emplace(i, std::move(primary));
    }
    if (guess) {
        model.decide(a);
        check_baseline();
    }
    a.failures.insert(a.failures.end(), tag_failures.begin(), tag_failures.end());

    analysis::build_matrix(pack, a);
    analysis::find_findings(doc, a);
    a.sla = sla.get();
    return a;
}

}  // namespace onus
