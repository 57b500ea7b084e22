// CSV (RFC 4180) tables of a scan and of a diff, with every field made safe
// to open in a spreadsheet. Columns and rules: onus/report_formats.hpp.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "onus/patterns.hpp"
#include "onus/report_formats.hpp"
#include "onus/text.hpp"

namespace onus {
namespace {

// Excel, LibreOffice and Google Sheets read a cell starting with one of
// these as a formula (an '@', '+' or '-' too: Lotus-style entry), and a
// leading TAB or CR can hide the character that follows from a reader who
// trims. Japanese and Chinese input methods type the full-width forms,
// which Excel also accepts as formula starts.
bool starts_formula(std::string_view text) {
    std::size_t i = text.find_first_not_of(' ');
    if (i == std::string_view::npos) return false;
    std::string_view rest = text.substr(i);
    switch (rest[0]) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            break;
    }
    for (std::string_view wide :
         {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"})  // ＝ ＋ － ＠
        if (rest.substr(0, wide.size()) == wide) return true;
    return false;
}

std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ";") + id;
    return out;
}

void write_row(std::ostream& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
        if (!first) out << ',';
        first = false;
        out << csv_field(f);
    }
    out << "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
    std::string value = is_valid_utf8(text) ? std::string(text) : sanitize_utf8(text);
    if (starts_formula(value)) value.insert(0, 1, '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void write_analysis_csv(const Document& doc, const Analysis& a, std::ostream& out,
                        const CsvOptions& options) {
    if (options.header)
        write_row(out, {"document", "record", "domain", "holder", "baseline", "status", "kind", "severity",
                        "clauses", "message"});
    for (const std::string& domain : domain_ids()) {
        auto it = a.matrix.find(domain);
        if (it == a.matrix.end()) continue;
        const MatrixCell& c = it->second;
        write_row(out,
                  {doc.path, "matrix", domain, c.holder, c.baseline, c.status, "", "", join(c.clauses), ""});
    }
    for (const Finding& f : a.findings)
        write_row(out, {doc.path, "finding", f.domain, "", "", "", f.kind, to_string(f.severity),
                        join(f.clauses), f.message});
}

void write_comparison_csv(const Document& old_doc, const Document& new_doc, const VersionDiff& d,
                          std::ostream& out, const CsvOptions& options) {
    if (options.header)
        write_row(out, {"change", "old_clause", "new_clause", "type", "direction", "domain", "severity",
                        "before", "after", "explanation", "rule"});
    for (const Change& ch : d.changes) {
        std::string old_id = ch.old_index ? old_doc.clauses[*ch.old_index].id : "";
        std::string new_id = ch.new_index ? new_doc.clauses[*ch.new_index].id : "";
        for (const Shift& s : ch.shifts)
            write_row(out, {to_string(ch.kind), old_id, new_id, s.type, s.direction, s.domain,
                            to_string(s.severity), s.before, s.after, s.explanation, s.rule});
    }
}

}  // namespace onus
