// SentenceReader (analysis/stages.hpp): one sentence read as a clause.
#include "analysis/stages.hpp"
#include "analysis/text_util.hpp"

namespace onus::analysis {

SentenceReader::SentenceReader(const Document& doc, const RulePack& pack)
    : parties_(doc, pack), context_{doc, pack, parties_} {}

ClauseAnalysis SentenceReader::read(const Clause& clause, const ClauseAnalysis& whole, Span sentence) const {
    Clause piece = clause;
    piece.text = clause.text.substr(sentence.start, sentence.end - sentence.start);
    Subject inherited, primary;
    if (sentence.start == 0 || continues_sentence(piece.text)) {
        inherited.party = inherited.holder = whole.party;
        inherited.modality = whole.modality;
    }
    std::vector<RuleFailure> failures;  // already reported by the clause's own analysis
    ClauseAnalysis out = tag_text(context_, piece, inherited, primary, failures);
    out.party = primary.party;
    if (!primary.modality_evidence.text.empty()) out.modality = primary.modality;
    return out;
}

}  // namespace onus::analysis
