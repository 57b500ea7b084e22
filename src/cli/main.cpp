// The onus command: subcommands over the library, one-line errors, and exit
// statuses that scripts can rely on (see README "Exit statuses").
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/batch.hpp"
#include "cli/staged_output.hpp"
#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/error.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "onus/report.hpp"
#include "onus/report_docx.hpp"
#include "onus/report_formats.hpp"
#include "onus/report_grc.hpp"
#include "onus/report_html.hpp"
#include "onus/vendor_matrix.hpp"

namespace {

constexpr int kExitUsage = 2;

struct ExtractArgs {
    std::string file;
    std::string format = "text";
    std::string changes = "accept";
    std::vector<std::string> include;
    onus::XmlClauseHint xml;
};

onus::ChangeView parse_view(const std::string& s) {
    if (s == "reject") return onus::ChangeView::reject;
    if (s == "markup") return onus::ChangeView::markup;
    return onus::ChangeView::accept;
}

void print_warnings(const onus::Document& doc) {
    for (const onus::Diagnostic& d : doc.warnings)
        std::cerr << "onus: warning: " << doc.path << ": " << (d.where.empty() ? "" : d.where + ": ") << d.message
                  << '\n';
}

int run_extract(const ExtractArgs& args) {
    onus::LoadOptions options;
    options.changes = parse_view(args.changes);
    options.xml = args.xml;
    onus::Document doc = onus::load(args.file, options);
    print_warnings(doc);
    // Render in full first: a failure half-way must not leave a partial
    // result on stdout.
    onus::cli::StagedOutput staged;
    std::ostream out(&staged);
    if (args.format == "json") {
        onus::write_document_json(doc, out);
    } else {
        onus::TextOptions text;
        text.changes = options.changes;
        text.notes = args.include.empty();
        for (const std::string& what : args.include) {
            if (what == "notes") text.notes = true;
            if (what == "comments") text.comments = true;
            if (what == "headers") text.headers = true;
        }
        onus::write_document_text(doc, text, out);
    }
    return staged.commit(std::cout) ? 0 : static_cast<int>(onus::ErrorCode::io);
}

// The shipped rule pack: installed beside the executable's prefix
// (share/onus/clause-patterns), else the source tree it was built from.
std::string shipped_patterns(const char* argv0) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path exe = fs::canonical("/proc/self/exe", ec);
    if (ec) exe = fs::absolute(argv0, ec);
    fs::path installed = exe.parent_path().parent_path() / "share" / "onus" / "clause-patterns";
    if (fs::is_directory(installed, ec)) return installed.string();
    return ONUS_SOURCE_PATTERNS;
}

struct ScanArgs {
    std::vector<std::string> files;
    std::string model = "auto";
    std::string format = "text";
    std::string changes = "accept";
    std::vector<std::string> patterns;
    std::string fail_on = "none";
    std::string output;
    unsigned jobs = 1;
    bool unordered = false;
};

// The shipped pack and the user's own, in that order.
onus::RulePack load_packs(const std::vector<std::string>& user, const char* argv0) {
    std::vector<std::string> folders{shipped_patterns(argv0)};
    folders.insert(folders.end(), user.begin(), user.end());
    return onus::load_rule_pack(folders);
}

// The same, compiled on another thread while the caller reads its
// documents: compiling the pack and reading a document take comparable
// time and need nothing from each other, and the tool is meant for a
// two-core machine. get() gives the pack or throws what loading it threw;
// callers ask for it before they report a document's error, so that a bad
// pack is still the error reported first, as when it was loaded first.
std::shared_future<onus::RulePack> load_packs_in_background(const std::vector<std::string>& user, const char* argv0) {
    return std::async(std::launch::async, [user, argv0] { return load_packs(user, argv0); }).share();
}

// `onus scan FILE...`: exit 1 when a finding reaches --fail-on; a file that
// cannot be read is reported and the others still scanned (the exit status
// is then the first such error's).
// Rendered output goes to -o FILE when given, else stdout; written only once
// complete, so that a failure never leaves a partial result behind.
int emit(onus::cli::StagedOutput& rendered, const std::string& output) {
    if (output.empty() || output == "-") return rendered.commit(std::cout) ? 0 : static_cast<int>(onus::ErrorCode::io);
    std::ofstream file(output, std::ios::binary | std::ios::trunc);
    if (!rendered.commit(file)) throw onus::Error(onus::ErrorCode::io, output, "cannot write the report");
    file.close();
    if (!file) throw onus::Error(onus::ErrorCode::io, output, "cannot write the report");
    return 0;
}

int run_scan(const ScanArgs& args, const char* argv0) {
    const std::shared_future<onus::RulePack> packs = load_packs_in_background(args.patterns, argv0);
    onus::AnalysisOptions options;
    options.model = args.model;
    onus::Severity threshold = onus::Severity::info;
    const bool gate = args.fail_on != "none" && onus::parse_severity(args.fail_on, threshold);
    if (args.format == "jsonl") {
        // Batch mode: one JSON line per agreement as it finishes, streamed
        // (to -o as it goes), one bad file never stopping the others.
        onus::cli::BatchOptions batch;
        batch.inputs = args.files;
        batch.jobs = args.jobs;
        batch.unordered = args.unordered;
        batch.load.changes = parse_view(args.changes);
        batch.analysis = options;
        if (gate) batch.fail_on = threshold;
        batch.progress = ::isatty(STDERR_FILENO) != 0;
        batch.path_list = &std::cin;
        const onus::RulePack& pack = packs.get();
        if (args.output.empty() || args.output == "-") return onus::cli::run_batch(pack, batch, std::cout, std::cerr);
        std::ofstream file(args.output, std::ios::binary | std::ios::trunc);
        if (!file) throw onus::Error(onus::ErrorCode::io, args.output, "cannot write the report");
        return onus::cli::run_batch(pack, batch, file, std::cerr);
    }
    const bool many = args.files.size() > 1;
    if (many && (args.format == "html" || args.format == "oscal" || args.format == "caiq")) {
        packs.get();  // a bad pack is reported first, as when it was loaded first
        std::cerr << "onus: error: --format " << args.format << " takes one agreement; use json, sarif, csv or jsonl for several\n";
        return kExitUsage;
    }

    // Every file is read and analysed first; one that fails is reported and
    // the others still go into the report (the exit status says so).
    std::vector<std::pair<onus::Document, onus::Analysis>> scanned;
    int status = 0;
    for (const std::string& file : args.files) {
        std::optional<onus::Document> loaded;
        std::exception_ptr load_error;
        try {
            onus::LoadOptions load;
            load.changes = parse_view(args.changes);
            loaded = onus::load(file, load);
        } catch (...) {
            load_error = std::current_exception();
        }
        const onus::RulePack& pack = packs.get();  // outside the try: a bad pack ends the command
        try {
            if (load_error) std::rethrow_exception(load_error);
            onus::Document doc = std::move(*loaded);
            print_warnings(doc);
            onus::Analysis a = onus::analyze(doc, pack, options);
            for (const onus::Finding& f : a.findings)
                if (gate && f.severity >= threshold && status == 0) status = 1;
            scanned.emplace_back(std::move(doc), std::move(a));
        } catch (const onus::Error& e) {
            if (!many) throw;
            std::cerr << "onus: error: " << e.what() << '\n';
            if (status <= 1) status = static_cast<int>(e.code());
        }
    }

    onus::cli::StagedOutput staged;
    std::ostream out(&staged);
    if (args.format == "sarif") {
        std::vector<onus::ScannedDocument> docs;
        for (const auto& [doc, a] : scanned) docs.push_back({&doc, &a});
        onus::write_analysis_sarif(docs, out);
    } else if (args.format == "json" && many) {
        out << "[\n";
        for (std::size_t i = 0; i < scanned.size(); ++i) {
            if (i) out << ",\n";
            onus::write_analysis_json(scanned[i].first, scanned[i].second, out);
        }
        out << "]\n";
    } else {
        for (std::size_t i = 0; i < scanned.size(); ++i) {
            const auto& [doc, a] = scanned[i];
            if (args.format == "json") onus::write_analysis_json(doc, a, out);
            else if (args.format == "html") onus::write_analysis_html(doc, a, out);
            else if (args.format == "csv") onus::write_analysis_csv(doc, a, out, onus::CsvOptions{i == 0});
            else if (args.format == "oscal") onus::write_analysis_oscal(doc, a, out);
            else if (args.format == "caiq") onus::write_analysis_caiq(doc, a, out);
            else {
                if (i) out << '\n';
                onus::write_analysis_text(doc, a, out);
            }
        }
    }
    int written = emit(staged, args.output);
    return written ? written : status;
}

struct DiffArgs {
    std::string old_file, new_file;
    std::string format = "text";
    std::string changes = "accept";
    std::vector<std::string> patterns;
    std::string fail_on = "none";
    bool exact = false;
    std::string output;
};

// One version of an agreement, read and analysed on a thread of its own:
// the two versions need nothing from each other until they are compared.
// Each stage's error is kept apart, so that the command reports the one a
// run of the stages one after the other would have met first.
struct Version {
    onus::Document doc;
    onus::Analysis analysis;
    std::exception_ptr load_error;
    std::exception_ptr analysis_error;
};

Version read_version(const std::string& file, const onus::LoadOptions& load,
                     const std::shared_future<onus::RulePack>& packs) {
    Version v;
    try {
        v.doc = onus::load(file, load);
    } catch (...) {
        v.load_error = std::current_exception();
        return v;
    }
    const onus::RulePack* pack = nullptr;
    try {
        pack = &packs.get();
    } catch (...) {
        return v;  // the caller reports the pack's error
    }
    try {
        v.analysis = onus::analyze(v.doc, *pack);
    } catch (...) {
        v.analysis_error = std::current_exception();
    }
    return v;
}

// Give the memory freed so far back to the system. The versions of a diff
// are read on threads of their own, and what reading them freed (parse
// buffers, the analysis's scratch) stays in those threads' malloc arenas,
// which the comparison, on this thread, never reuses.
void release_freed_memory() {
#ifdef __GLIBC__
    ::malloc_trim(0);
#endif
}

// `onus diff OLD NEW`: exit 1 when a shift reaches --fail-on.
int run_diff(const DiffArgs& args, const char* argv0) {
    const std::shared_future<onus::RulePack> packs = load_packs_in_background(args.patterns, argv0);
    onus::LoadOptions load;
    load.changes = parse_view(args.changes);
    std::future<Version> reading_old = std::async(std::launch::async, [&] { return read_version(args.old_file, load, packs); });
    Version after_version = read_version(args.new_file, load, packs);
    Version before_version = reading_old.get();
    const onus::RulePack& pack = packs.get();
    for (const std::exception_ptr& e : {before_version.load_error, after_version.load_error})
        if (e) std::rethrow_exception(e);
    const onus::Document& before = before_version.doc;
    const onus::Document& after = after_version.doc;
    print_warnings(before);
    print_warnings(after);
    for (const std::exception_ptr& e : {before_version.analysis_error, after_version.analysis_error})
        if (e) std::rethrow_exception(e);
    const onus::Analysis& old_analysis = before_version.analysis;
    const onus::Analysis& new_analysis = after_version.analysis;
    onus::CompareOptions options;
    options.exact = args.exact;
    release_freed_memory();
    onus::VersionDiff c = onus::compare_versions(before, old_analysis, after, new_analysis, pack, options);

    onus::cli::StagedOutput staged;
    std::ostream out(&staged);
    if (args.format == "json") onus::write_comparison_json(before, after, c, out);
    else if (args.format == "html") onus::write_comparison_html(before, after, c, out);
    else if (args.format == "sarif") onus::write_comparison_sarif(before, after, c, out);
    else if (args.format == "csv") onus::write_comparison_csv(before, after, c, out);
    else if (args.format == "docx") onus::write_comparison_docx(before, after, c, out);
    else onus::write_comparison_text(before, after, c, out);
    if (int written = emit(staged, args.output)) return written;
    onus::Severity threshold = onus::Severity::info;
    if (args.fail_on == "none" || !onus::parse_severity(args.fail_on, threshold)) return 0;
    for (const onus::Change& ch : c.changes)
        for (const onus::Shift& sh : ch.shifts)
            if (sh.severity >= threshold) return 1;
    return 0;
}

struct MatrixArgs {
    std::vector<std::string> files;
    std::string model = "auto";
    std::string format = "text";
    std::string changes = "accept";
    std::vector<std::string> patterns;
    std::string output;
};

// `onus matrix FILE...`: one column per vendor's agreement.
int run_matrix(const MatrixArgs& args, const char* argv0) {
    const onus::RulePack pack = load_packs(args.patterns, argv0);
    onus::AnalysisOptions options;
    options.model = args.model;
    onus::LoadOptions load;
    load.changes = parse_view(args.changes);
    // The columns point into these: reserved so that they never move.
    std::vector<onus::Document> docs;
    std::vector<onus::Analysis> analyses;
    docs.reserve(args.files.size());
    analyses.reserve(args.files.size());
    for (const std::string& file : args.files) {
        docs.push_back(onus::load(file, load));
        print_warnings(docs.back());
        analyses.push_back(onus::analyze(docs.back(), pack, options));
    }
    std::vector<onus::VendorColumn> columns;
    for (std::size_t i = 0; i < docs.size(); ++i) columns.push_back({&docs[i], &analyses[i], ""});
    onus::VendorMatrix m = onus::build_vendor_matrix(std::move(columns));
    onus::cli::StagedOutput staged;
    std::ostream out(&staged);
    if (args.format == "json") onus::write_vendor_matrix_json(m, out);
    else if (args.format == "csv") onus::write_vendor_matrix_csv(m, out);
    else if (args.format == "html") onus::write_vendor_matrix_html(m, out);
    else onus::write_vendor_matrix_text(m, out);
    return emit(staged, args.output);
}

struct PatternsArgs {
    std::vector<std::string> folders;
};

// `onus patterns lint|test [DIR...]`: file:line:column: message, one per
// problem; exit 5 when there is any.
int run_patterns(bool lint, PatternsArgs args, const char* argv0) {
    if (args.folders.empty()) args.folders.push_back(shipped_patterns(argv0));
    std::vector<onus::PackIssue> issues;
    std::size_t rules = 0, examples = 0;
    if (lint) {
        issues = onus::lint_rule_packs(args.folders);
    } else {
        onus::RulePack pack = onus::load_rule_pack(args.folders);
        issues = onus::test_rule_pack(pack);
        rules = pack.rules().size();
        for (const onus::Rule& r : pack.rules()) examples += r.examples.size();
    }
    for (const onus::PackIssue& i : issues)
        std::cout << i.where.file << ':' << i.where.line << ':' << i.where.column << ": "
                  << (i.rule_id.empty() ? "" : i.rule_id + ": ") << i.message << '\n';
    if (!lint) {
        std::size_t failed = issues.size();
        std::cout << "patterns: " << rules << " rules, " << examples << " examples\n"
                  << (examples - failed) << " passed, " << failed << " failed\n";
    }
    return issues.empty() ? 0 : static_cast<int>(onus::ErrorCode::pattern);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"onus: reads cloud agreements and tells who holds each security responsibility"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "onus 0.1.0");

    ExtractArgs extract;
    CLI::App* cmd_extract = app.add_subcommand("extract", "Print a document's text and numbered clauses");
    cmd_extract->add_option("FILE", extract.file,
                            "DOCX, Word XML (Flat OPC or 2003), ODT/FODT, Akoma Ntoso, XML, Markdown or text")
        ->required();
    cmd_extract->add_option("--format", extract.format, "text: one paragraph per line; json: onus.document/1")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd_extract->add_option("--changes", extract.changes,
                            "tracked changes: accept (text after the changes), reject (before), "
                            "markup (both, marked [-deleted-] {+inserted+})")
        ->check(CLI::IsMember({"accept", "reject", "markup"}))
        ->capture_default_str();
    cmd_extract->add_option("--include", extract.include, "also print: notes, comments, headers (comma-separated)")
        ->delimiter(',')
        ->check(CLI::IsMember({"notes", "comments", "headers"}));
    cmd_extract->add_option("--xml-clause", extract.xml.clause_element,
                            "generic XML: the element that is a clause (local name), instead of guessing");
    cmd_extract->add_option("--xml-number", extract.xml.number_element,
                            "generic XML: the child element (or @attribute) holding a clause's number");
    cmd_extract->add_option("--xml-heading", extract.xml.heading_element,
                            "generic XML: the child element holding a clause's heading");

    ScanArgs scan;
    CLI::App* cmd_scan = app.add_subcommand("scan", "Who holds each security responsibility: matrix, findings, SLA numbers");
    cmd_scan->add_option("FILE", scan.files, "agreements in any format extract reads")->required();
    cmd_scan->add_option("--model", scan.model, "delivery model: saas, paas, iaas, or auto (guessed from the agreement)")
        ->check(CLI::IsMember({"auto", "saas", "paas", "iaas"}))
        ->capture_default_str();
    cmd_scan->add_option("--format", scan.format,
                         "text: matrix, findings, SLA numbers for a terminal\n"
                         "json: onus.analysis/1 (docs/json-schema.md)\n"
                         "html: one self-contained page: coloured matrix, findings, SLA numbers, the tagged agreement\n"
                         "sarif: SARIF 2.1.0 findings for code-scanning tools\n"
                         "csv: the matrix and the findings, spreadsheet-safe\n"
                         "jsonl: batch mode, one JSON line per agreement as it finishes (folders walked; - reads paths from stdin)\n"
                         "oscal: the matrix as an OSCAL 1.1.2 component definition (one agreement)\n"
                         "caiq: the matrix as CSV in the CSA CAIQ/STA-04 ownership style (onus's mapping, not CSA's answers)")
        ->check(CLI::IsMember({"text", "json", "html", "sarif", "csv", "jsonl", "oscal", "caiq"}))
        ->capture_default_str();
    cmd_scan->add_option("-o,--output", scan.output, "write the report to this file instead of stdout");
    cmd_scan->add_option("--jobs", scan.jobs, "jsonl: agreements analysed at once (0: one per core); output is the same for any N")
        ->capture_default_str();
    cmd_scan->add_flag("--unordered", scan.unordered, "jsonl: write each record as it finishes, not in input order");
    cmd_scan->add_option("--changes", scan.changes, "tracked changes: accept or reject before analysing")
        ->check(CLI::IsMember({"accept", "reject"}))
        ->capture_default_str();
    cmd_scan->add_option("--patterns", scan.patterns, "a rule pack folder of your own, used with the shipped one (repeatable)");
    cmd_scan->add_option("--fail-on", scan.fail_on, "exit 1 when a finding at or above this severity exists: info, low, medium, high, none")
        ->check(CLI::IsMember({"none", "info", "low", "medium", "high"}))
        ->capture_default_str();

    DiffArgs diff;
    CLI::App* cmd_diff = app.add_subcommand("diff", "Compare two versions: changed clauses and the responsibility shifts among them");
    cmd_diff->add_option("OLD", diff.old_file, "the earlier version (any format extract reads)")->required();
    cmd_diff->add_option("NEW", diff.new_file, "the later version (any format; a DOCX against a Markdown copy works)")->required();
    cmd_diff->add_option("--format", diff.format,
                         "text: summary and inline redline for a terminal\n"
                         "json: onus.comparison/1 (docs/json-schema.md)\n"
                         "html: one self-contained page: shift charts, side-by-side and inline redlines, filters\n"
                         "sarif: SARIF 2.1.0 shifts for code-scanning tools\n"
                         "csv: one row per shift, spreadsheet-safe\n"
                         "docx: a Word redline: NEW with tracked changes against OLD, a comment on each shift (use -o)")
        ->check(CLI::IsMember({"text", "json", "html", "sarif", "csv", "docx"}))
        ->capture_default_str();
    cmd_diff->add_option("-o,--output", diff.output, "write the report to this file instead of stdout");
    cmd_diff->add_option("--changes", diff.changes, "tracked changes in either file: accept or reject before comparing")
        ->check(CLI::IsMember({"accept", "reject"}))
        ->capture_default_str();
    cmd_diff->add_option("--patterns", diff.patterns, "a rule pack folder of your own, used with the shipped one (repeatable)");
    cmd_diff->add_option("--fail-on", diff.fail_on, "exit 1 when a shift at or above this severity exists: info, low, medium, high, none")
        ->check(CLI::IsMember({"none", "info", "low", "medium", "high"}))
        ->capture_default_str();
    cmd_diff->add_flag("--exact", diff.exact, "count whitespace, typography and letter case as changes");

    MatrixArgs matrix;
    CLI::App* cmd_matrix = app.add_subcommand("matrix", "Several vendors' agreements side by side: who holds each domain, SLA numbers");
    cmd_matrix->add_option("FILE", matrix.files, "one agreement per vendor, any format extract reads")->required();
    cmd_matrix->add_option("--model", matrix.model, "delivery model: saas, paas, iaas, or auto (guessed per agreement)")
        ->check(CLI::IsMember({"auto", "saas", "paas", "iaas"}))
        ->capture_default_str();
    cmd_matrix->add_option("--format", matrix.format,
                           "text: the grid for a terminal\n"
                           "json: onus.matrix/1 (docs/json-schema.md)\n"
                           "csv: one row per vendor and domain or SLA metric, spreadsheet-safe\n"
                           "html: one self-contained page, differing cells marked")
        ->check(CLI::IsMember({"text", "json", "csv", "html"}))
        ->capture_default_str();
    cmd_matrix->add_option("-o,--output", matrix.output, "write the report to this file instead of stdout");
    cmd_matrix->add_option("--changes", matrix.changes, "tracked changes: accept or reject before analysing")
        ->check(CLI::IsMember({"accept", "reject"}))
        ->capture_default_str();
    cmd_matrix->add_option("--patterns", matrix.patterns, "a rule pack folder of your own, used with the shipped one (repeatable)");

    PatternsArgs patterns;
    CLI::App* cmd_patterns = app.add_subcommand("patterns", "Check rule packs (clause-patterns/ by default)");
    cmd_patterns->require_subcommand(1);
    CLI::App* cmd_lint = cmd_patterns->add_subcommand("lint", "Report every problem in the packs: keys, ids, regexes, examples");
    CLI::App* cmd_test = cmd_patterns->add_subcommand("test", "Run every rule's match / no_match examples");
    for (CLI::App* sub : {cmd_lint, cmd_test})
        sub->add_option("DIR", patterns.folders, "rule pack folders (default: the shipped pack)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : kExitUsage;
    }

    try {
        if (*cmd_extract) return run_extract(extract);
        if (*cmd_scan) return run_scan(scan, argv[0]);
        if (*cmd_diff) return run_diff(diff, argv[0]);
        if (*cmd_matrix) return run_matrix(matrix, argv[0]);
        if (*cmd_lint) return run_patterns(true, patterns, argv[0]);
        if (*cmd_test) return run_patterns(false, patterns, argv[0]);
    } catch (const onus::Error& e) {
        std::cerr << "onus: error: " << e.what() << '\n';
        return static_cast<int>(e.code());
    } catch (const std::bad_alloc&) {
        std::cerr << "onus: error: out of memory\n";
        return static_cast<int>(onus::ErrorCode::limit);
    } catch (const std::exception& e) {
        std::cerr << "onus: internal error: " << e.what() << '\n';
        return static_cast<int>(onus::ErrorCode::internal);
    }
    return kExitUsage;
}
