// onus/compare.hpp: what changed between two versions of an agreement, and
// which changes move a burden between the parties.
//
//   onus::RulePack pack = onus::load_rule_pack({"clause-patterns"});
//   onus::Document before = onus::load("msa-2023.docx"), after = onus::load("msa-2024.md");
//   onus::VersionDiff c = onus::compare_versions(before, onus::analyze(before, pack),
//                                      after, onus::analyze(after, pack), pack);
//   for (const onus::Change& ch : c.changes)
//       for (const onus::Shift& s : ch.shifts)
//           std::cout << s.type << ' ' << s.direction << ": " << s.explanation << '\n';
//   // "quantity to-customer: notification window lengthened from 48 hours to 72 hours"
//
// Clauses are aligned and diffed word by word (onus/diff.hpp); every changed,
// added or deleted clause then has the analyses of its two sides compared
// (tags, parties, modality, quantities, carve-outs), and each difference that
// moves responsibility is named as a Shift:
//
//   party       the holder of a domain changed
//   modality    how strongly the clause binds changed (shall -> may,
//               will -> commercially reasonable efforts, or back)
//   quantity    a number, time limit, percentage or amount changed, compared
//               with units (24 hours -> 3 days is longer), or a fixed limit
//               became an open one ("within 72 hours" -> "without undue delay")
//   exception   an exception, exclusion or condition added or removed
//   disclaimer  a disclaimer added or removed
//   obligation  a whole duty added or removed
//   scope       what a duty or right covers widened or narrowed
//
// Direction says who is worse off: `to-customer` (the customer carries more
// burden or gets less protection), `to-provider`, or `neutral`. Changes that
// only renumber, re-wrap or reformat produce no shift.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/diff.hpp"
#include "onus/document.hpp"
#include "onus/patterns.hpp"

namespace onus {

struct Shift {
    std::string type;       // party, modality, quantity, exception, disclaimer, obligation, scope
    std::string direction;  // to-customer, to-provider, neutral
    std::string domain;     // the domain it bears on ("" when the clause has none)
    Severity severity = Severity::info;
    std::string before;     // the old wording (the words that changed, or the old value)
    std::string after;      // the new wording
    std::string explanation;  // one line a lawyer would accept
    std::string rule;       // the rule id behind it (a modality, carve-out or SLA rule), "" when none
};

// One changed clause (unchanged clauses are not listed).
struct Change {
    ChangeKind kind = ChangeKind::modified;  // modified, added, deleted, moved, renumbered
    std::optional<std::size_t> old_index;    // into the old Document::clauses
    std::optional<std::size_t> new_index;    // into the new Document::clauses
    std::vector<std::size_t> also_old, also_new;  // merged / split pieces (see ClausePair)
    std::vector<Edit> edits;                 // word diff of the texts (empty for added/deleted)
    std::vector<Shift> shifts;
    // Why a change carries no shift though it would read as one: a section
    // dropped from the agreement because a new clause now incorporates
    // other terms that take its place ("Some Service features may be
    // subject to additional terms as set forth in the Additional Product
    // Terms"). Those terms are not in the comparison: check them. "" when
    // none.
    std::string note;
};

struct VersionDiffSummary {
    std::size_t modified = 0, added = 0, deleted = 0, moved = 0, renumbered = 0, unchanged = 0;
    std::size_t to_customer = 0, to_provider = 0, neutral = 0;  // shifts by direction
};

struct VersionDiff {
    std::vector<Change> changes;  // in new-document order, deletions where they stood
    VersionDiffSummary summary;
    bool budget_hit = false;      // the alignment ran out of comparisons (see Alignment)
};

struct CompareOptions {
    bool exact = false;  // whitespace, typography and case count as changes
};

// Compare two analysed versions. `pack` supplies the carve-out and modality
// rules used to read the changed words.
VersionDiff compare_versions(const Document& old_doc, const Analysis& old_analysis, const Document& new_doc,
                   const Analysis& new_analysis, const RulePack& pack, const CompareOptions& options = {});

}  // namespace onus
