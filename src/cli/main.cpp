// The onus command: subcommands over the library, one-line errors, and exit
// statuses that scripts can rely on (see README "Exit statuses").
#include <iostream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "onus/error.hpp"
#include "onus/ingest.hpp"
#include "onus/report.hpp"

namespace {

constexpr int kExitUsage = 2;

struct ExtractArgs {
    std::string file;
    std::string format = "text";
    std::string changes = "accept";
    std::vector<std::string> include;
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
    onus::Document doc = onus::load(args.file, options);
    print_warnings(doc);
    // Render to memory first: a failure half-way must not leave a partial
    // result on stdout.
    std::ostringstream out;
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
    std::cout << out.str();
    std::cout.flush();
    return std::cout ? 0 : static_cast<int>(onus::ErrorCode::io);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"onus: reads cloud agreements and tells who holds each security responsibility"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "onus 0.1.0");

    ExtractArgs extract;
    CLI::App* cmd_extract = app.add_subcommand("extract", "Print a document's text and numbered clauses");
    cmd_extract->add_option("FILE", extract.file, "DOCX or Flat OPC (Word XML) file")->required();
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : kExitUsage;
    }

    try {
        if (*cmd_extract) return run_extract(extract);
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
