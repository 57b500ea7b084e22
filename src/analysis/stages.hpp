// The stages of analyze() (include/onus/analysis.hpp), each in its own file.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/document.hpp"
#include "onus/patterns.hpp"

namespace onus::analysis {

// A place in a clause where a party is named: byte span in the clause's
// original text and the party ("provider", "customer" or "shared").
struct PartyMention {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string party;
    std::string rule;  // party rule id, "" for a name the reader learned
};

// The names of the two parties in one document: the aliases its reader
// learned ("GitHub", "we") and the pack's role words ("Provider", "each
// party"). Built once per document.
class PartyLexicon {
public:
    PartyLexicon(const Document& doc, const RulePack& pack);
    // Every mention in `text` (normalised from the clause's original text
    // and prepared by the pack), in text order, not overlapping; "Customer
    // and Provider" is one shared mention.
    std::vector<PartyMention> find(const std::string& original, const PreparedText& text) const;

private:
    struct Name {
        std::string normalized;  // lower case, as in NormalizedText
        std::string party;
    };
    const RulePack& pack_;
    std::vector<Name> names_;  // longest first
};

// Stage 1: the tags of one clause. `inherited` is the party the clause's
// parent binds (for list items that carry no subject: "(b) will not submit
// Sensitive Data"); empty when none.
struct ClauseContext {
    const Document& doc;
    const RulePack& pack;
    const PartyLexicon& parties;
};

struct Subject {
    std::string party;        // who the binding words bind: provider, customer, shared, or "" when none
    std::string holder;       // who ends up holding the domain (the other party after a disclaimer)
    std::string modality;     // of the clause's first binding words
    Evidence party_evidence;
    Evidence modality_evidence;
};

// `text` is normalize() of the clause's text, prepared by the pack: made
// once by the caller for this stage and the model's votes.
ClauseAnalysis tag_clause(const ClauseContext& context, std::size_t clause_index, const PreparedText& text,
                          const Subject& inherited, Subject& primary, std::vector<RuleFailure>& failures);

// The same for a piece of text that is not one of the document's clauses
// (a sentence of one, for the diff): `clause` need not be in `context.doc`.
ClauseAnalysis tag_text(const ClauseContext& context, const Clause& clause, const Subject& inherited, Subject& primary,
                        std::vector<RuleFailure>& failures);

// Reads single sentences of one document's clauses as the analysis reads
// whole clauses, with that document's party names: the diff asks what a
// sentence added to or dropped from a clause binds, and whom.
class SentenceReader {
public:
    SentenceReader(const Document& doc, const RulePack& pack);
    SentenceReader(const SentenceReader&) = delete;  // context_ refers to parties_
    SentenceReader& operator=(const SentenceReader&) = delete;
    // `sentence` is a span of `clause.text`; `whole` is the clause's own
    // analysis. The result's party and modality are the sentence's own
    // binding; the clause's party stands in only where the sentence opens
    // the clause or carries on one begun before it ("(b) will not submit
    // ..."): a later sentence without a party ("Any credits will only apply
    // to future invoices") binds nobody.
    ClauseAnalysis read(const Clause& clause, const ClauseAnalysis& whole, Span sentence) const;

private:
    PartyLexicon parties_;
    ClauseContext context_;
};

// Stage 2: the delivery model, when the options say "auto": the model
// rules' votes, read clause by clause alongside stage 1 (which normalises
// the same texts), then decided.
class ModelGuess {
public:
    // Count one clause's votes; `text` is normalize(clause.text), prepared
    // by `pack`. Failures go to `failures` in clause order, heading before text.
    void read(const Clause& clause, const PreparedText& text, const RulePack& pack,
              std::vector<RuleFailure>& failures);
    // Set the analysis's model (and its evidence) from the votes read.
    void decide(Analysis& analysis) const;

private:
    std::map<std::string, int> votes_;
    std::map<std::string, Evidence> first_;
};

// Stages 2 and 3: matrix and findings from the tags.
void build_matrix(const RulePack& pack, Analysis& analysis);
void find_findings(const Document& doc, Analysis& analysis);

}  // namespace onus::analysis
