// The delivery model, guessed from how the agreement describes its service.
// The model rules (clause-patterns/models.yaml) name the cues; the model
// with the most cues wins, and the first cue of the winner is the evidence.
// An agreement that says nothing about its service is taken as SaaS (what
// most cloud agreements a reviewer reads are), and the report says so.
#include <array>
#include <map>

#include "analysis/stages.hpp"

namespace onus::analysis {

void guess_model(const Document& doc, const RulePack& pack, Analysis& analysis) {
    std::map<std::string, int> votes;
    std::map<std::string, Evidence> first;
    for (const Clause& c : doc.clauses) {
        for (const std::string* text : {&c.heading, &c.text}) {
            if (text->empty()) continue;
            for (const RuleMatch& m : pack.match(normalize(*text), RuleKind::model, &analysis.failures)) {
                ++votes[m.rule->model];
                if (!first.count(m.rule->model) && text == &c.text)
                    first[m.rule->model] = {c.id, m.start, m.end, c.text.substr(m.start, m.end - m.start), m.rule->id};
                else if (!first.count(m.rule->model))
                    first[m.rule->model] = {c.id, 0, 0, c.heading.substr(m.start, m.end - m.start), m.rule->id};
            }
        }
    }
    analysis.model_guessed = true;
    analysis.model = "saas";
    int best = 0;
    for (const std::string& model : model_ids())  // saas first: it wins ties
        if (votes[model] > best) {
            best = votes[model];
            analysis.model = model;
        }
    if (best > 0) analysis.model_evidence = first[analysis.model];
}

}  // namespace onus::analysis
