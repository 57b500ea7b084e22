// The delivery model, guessed from how the agreement describes its service.
// The model rules (clause-patterns/models.yaml) name the cues; the model
// with the most cues wins, and the first cue of the winner is the evidence.
// An agreement that says nothing about its service is taken as SaaS (what
// most cloud agreements a reviewer reads are), and the report says so.
#include <array>
#include <map>

#include "analysis/stages.hpp"

namespace onus::analysis {

void ModelGuess::read(const Clause& c, const PreparedText& text, const RulePack& pack,
                      std::vector<RuleFailure>& failures) {
    for (const std::string* original : {&c.heading, &c.text}) {
        if (original->empty()) continue;
        const bool is_text = original == &c.text;
        const NormalizedText heading = is_text ? NormalizedText{} : normalize(*original);
        for (const RuleMatch& m : is_text ? pack.match(text, RuleKind::model, &failures)
                                          : pack.match(heading, RuleKind::model, &failures)) {
            ++votes_[m.rule->model];
            if (!first_.count(m.rule->model) && is_text)
                first_[m.rule->model] = {c.id, m.start, m.end, c.text.substr(m.start, m.end - m.start), m.rule->id};
            else if (!first_.count(m.rule->model))
                first_[m.rule->model] = {c.id, 0, 0, c.heading.substr(m.start, m.end - m.start), m.rule->id};
        }
    }
}

void ModelGuess::decide(Analysis& analysis) const {
    analysis.model_guessed = true;
    analysis.model = "saas";
    int best = 0;
    for (const std::string& model : model_ids()) {  // saas first: it wins ties
        auto v = votes_.find(model);
        if (v != votes_.end() && v->second > best) {
            best = v->second;
            analysis.model = model;
        }
    }
    if (best > 0) analysis.model_evidence = first_.at(analysis.model);
}

}  // namespace onus::analysis
