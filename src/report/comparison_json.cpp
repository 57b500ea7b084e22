// onus.comparison/1: the two documents, every changed clause with its word
// edits and responsibility shifts, and a summary. Documented in docs/json-schema.md.
#include <algorithm>

#include "onus/report.hpp"
#include "report/json.hpp"

namespace onus {
namespace {

Json document_summary(const Document& doc) {
    Json parties = Json::object();
    for (const Party& p : doc.parties) parties[p.role] = p.name;
    return {{"path", doc.path}, {"format", doc.format}, {"title", doc.title}, {"clauses", doc.clauses.size()},
            {"parties", parties}};
}

// A side's text is what the edits tile: the main clause and its merged or
// split pieces in document order, joined by '\n' (as compare_versions
// diffs them). `joined` names the pieces.
Json side(const Document& doc, const std::optional<std::size_t>& index, const std::vector<std::size_t>& also) {
    if (!index) return nullptr;
    std::vector<std::size_t> order{*index};
    order.insert(order.end(), also.begin(), also.end());
    std::sort(order.begin(), order.end());
    std::string text;
    for (std::size_t i : order) text += (i == order.front() ? "" : "\n") + doc.clauses[i].text;
    Json pieces = Json::array();
    for (std::size_t i : also) pieces.push_back(doc.clauses[i].id);
    const Clause& c = doc.clauses[*index];
    Json j{{"id", c.id}, {"number", c.number}, {"heading", c.heading}, {"text", text}};
    if (!pieces.empty()) j["joined"] = pieces;
    return j;
}

}  // namespace

Json comparison_json(const Document& old_doc, const Document& new_doc, const VersionDiff& c) {
    Json changes = Json::array();
    for (const Change& ch : c.changes) {
        Json edits = Json::array();
        for (const Edit& e : ch.edits)
            edits.push_back({{"op", to_string(e.op)}, {"text", e.op == Edit::Op::del ? e.old_text : e.new_text}});
        Json shifts = Json::array();
        for (const Shift& s : ch.shifts)
            shifts.push_back({{"type", s.type},
                              {"direction", s.direction},
                              {"domain", s.domain.empty() ? Json(nullptr) : Json(s.domain)},
                              {"severity", to_string(s.severity)},
                              {"before", s.before},
                              {"after", s.after},
                              {"explanation", s.explanation},
                              {"rule", s.rule}});
        Json change{{"kind", to_string(ch.kind)},
                    {"old", side(old_doc, ch.old_index, ch.also_old)},
                    {"new", side(new_doc, ch.new_index, ch.also_new)},
                    {"edits", edits},
                    {"shifts", shifts}};
        if (!ch.note.empty()) change["note"] = ch.note;
        changes.push_back(std::move(change));
    }
    const VersionDiffSummary& s = c.summary;
    return {{"schema", "onus.comparison/1"},
            {"old", document_summary(old_doc)},
            {"new", document_summary(new_doc)},
            {"changes", changes},
            {"summary",
             {{"modified", s.modified},
              {"added", s.added},
              {"deleted", s.deleted},
              {"moved", s.moved},
              {"renumbered", s.renumbered},
              {"unchanged", s.unchanged},
              {"shifts", {{"to-customer", s.to_customer}, {"to-provider", s.to_provider}, {"neutral", s.neutral}}},
              {"budget_hit", c.budget_hit}}}};
}

void write_comparison_json(const Document& old_doc, const Document& new_doc, const VersionDiff& c, std::ostream& out) {
    write_json(comparison_json(old_doc, new_doc, c), out);
}

}  // namespace onus
