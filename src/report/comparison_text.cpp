// `onus diff --format text`: a summary, then each changed clause with an
// inline redline ([-deleted-] {+inserted+}) and its shifts.
#include "onus/report.hpp"

namespace onus {
namespace {

std::string label(const Document& doc, const std::optional<std::size_t>& i) {
    return i ? doc.clauses[*i].id : std::string("-");
}

}  // namespace

void write_comparison_text(const Document& old_doc, const Document& new_doc, const VersionDiff& c, std::ostream& out) {
    const VersionDiffSummary& s = c.summary;
    out << old_doc.path << " -> " << new_doc.path << '\n';
    out << s.modified << " modified, " << s.added << " added, " << s.deleted << " deleted, " << s.moved << " moved, "
        << s.renumbered << " renumbered, " << s.unchanged << " unchanged\n";
    out << (s.to_customer + s.to_provider + s.neutral) << " responsibility shifts: " << s.to_customer
        << " to the customer, " << s.to_provider << " to the provider, " << s.neutral << " neutral\n";
    if (c.budget_hit) out << "note: the comparison budget ran out; some moved clauses may show as added and deleted\n";
    for (const Change& ch : c.changes) {
        out << '\n' << to_string(ch.kind) << ' ' << label(old_doc, ch.old_index) << " -> " << label(new_doc, ch.new_index) << '\n';
        if (!ch.edits.empty() && !has_changes(ch.edits)) {
            // Renumbered or moved as it stood: the words are the same.
        } else if (!ch.edits.empty()) {
            out << "  ";
            for (const Edit& e : ch.edits) {
                if (e.op == Edit::Op::equal) out << e.new_text;
                else if (e.op == Edit::Op::del) out << "[-" << e.old_text << "-]";
                else out << "{+" << e.new_text << "+}";
            }
            out << '\n';
        } else if (ch.new_index && !new_doc.clauses[*ch.new_index].text.empty()) {
            out << "  {+" << new_doc.clauses[*ch.new_index].text << "+}\n";
        } else if (!ch.new_index && ch.old_index && !old_doc.clauses[*ch.old_index].text.empty()) {
            out << "  [-" << old_doc.clauses[*ch.old_index].text << "-]\n";
        }
        if (!ch.note.empty()) out << "  note: " << ch.note << '\n';
        for (const Shift& sh : ch.shifts)
            out << "  >> " << sh.type << ' ' << sh.direction << " (" << to_string(sh.severity)
                << (sh.domain.empty() ? "" : ", " + sh.domain) << "): " << sh.explanation << '\n';
    }
}

}  // namespace onus
