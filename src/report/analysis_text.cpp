// `onus scan --format text`: what a reviewer reads in a terminal.
#include <iomanip>
#include <sstream>

#include "onus/report.hpp"

namespace onus {
namespace {

std::string join_ids(const std::vector<std::string>& ids, std::size_t most = 8) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < most; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > most) out += ", +" + std::to_string(ids.size() - most);
    return out.empty() ? "-" : out;
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// One line of a quote at most: evidence can be a whole sentence.
std::string shorten(const std::string& text, std::size_t most = 90) { return one_line(text, most); }

}  // namespace

void write_analysis_text(const Document& doc, const Analysis& a, std::ostream& out) {
    out << doc.path << '\n';
    out << "model: " << upper(a.model);
    if (a.model_guessed)
        out << (a.model_evidence.text.empty()
                    ? " (assumed: the agreement does not describe its service; use --model)"
                    : " (guessed from \"" + a.model_evidence.text + "\" in " + a.model_evidence.clause_id + ")");
    out << "\n\nresponsibility matrix\n";
    out << "  " << std::left << std::setw(16) << "domain" << std::setw(12) << "holder" << std::setw(10) << "baseline"
        << std::setw(13) << "status" << "clauses\n";
    for (const std::string& domain : domain_ids()) {
        const MatrixCell& c = a.matrix.at(domain);
        out << "  " << std::setw(16) << domain << std::setw(12) << c.holder << std::setw(10)
            << (c.baseline.empty() ? "-" : c.baseline) << std::setw(13) << c.status << join_ids(c.clauses) << '\n';
    }

    out << "\nfindings (" << a.findings.size() << ")\n";
    for (const Finding& f : a.findings)
        out << "  " << std::setw(7) << to_string(f.severity) << std::setw(11) << f.kind << shorten(f.message, 160)
            << '\n';

    out << "\nSLA numbers (" << a.sla.size() << ")\n";
    for (const SlaValue& v : a.sla) {
        std::string value = (v.quantity.bound.empty() ? "" : v.quantity.bound + " ") + describe(v.quantity);
        out << "  " << std::setw(22) << v.metric << std::setw(24) << value << v.clause_id << "  "
            << shorten(v.evidence.text) << (v.sole_remedy ? "  [sole remedy]" : "") << '\n';
    }
    for (const RuleFailure& f : a.failures)
        out << "warning: rule " << (f.rule ? f.rule->id : std::string("-")) << ": " << f.message << '\n';
}

}  // namespace onus
