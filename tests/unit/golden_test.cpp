// Golden files: the project's samples and small fixtures, extracted in every
// view, against reviewed expected outputs in tests/data/golden/. Run with
// ONUS_ACCEPT=1 to rewrite the expected files, then review the diff.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "cli_support.hpp"
#include "words.hpp"

namespace fs = std::filesystem;

namespace {


std::string render(const fs::path& file, onus::ChangeView view, bool json) {
    onus::LoadOptions options;
    options.changes = view;
    onus::Document doc = onus::load(file.string(), options);
    // Paths in the JSON are made relative so that golden files do not
    // depend on where the checkout lives.
    doc.path = file.filename().string();
    // Single-file formats name the file itself as the source part.
    for (onus::Block& b : doc.blocks)
        if (b.source.part == file.string()) b.source.part = doc.path;
    for (onus::Clause& c : doc.clauses)
        if (c.source.part == file.string()) c.source.part = doc.path;
    std::ostringstream out;
    if (json) {
        onus::write_document_json(doc, out);
    } else {
        onus::TextOptions text;
        text.changes = view;
        text.comments = text.headers = true;
        onus::write_document_text(doc, text, out);
    }
    return out.str();
}

void check_golden(const fs::path& source, const std::string& suffix, const std::string& got) {
    onus::test::check_golden(onus::test::data_dir() / "golden" / (source.filename().string() + "." + suffix), got);
}

std::vector<fs::path> golden_sources() {
    std::vector<fs::path> out;
    for (const fs::path& dir : {onus::test::source_dir() / "samples", onus::test::data_dir() / "docx"}) {
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir)) {
            // Every document in every format; not the READMEs nor the
            // generator's own expected texts.
            std::string name = e.path().filename().string();
            if (name == "README.md" || name.find(".expected.") != std::string::npos) continue;
            out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("golden: samples and fixtures extract as reviewed", "[golden]") {
    auto sources = golden_sources();
    REQUIRE(sources.size() >= 3);
    for (const fs::path& source : sources) {
        INFO(source.string());
        check_golden(source, "accept.txt", render(source, onus::ChangeView::accept, false));
        check_golden(source, "reject.txt", render(source, onus::ChangeView::reject, false));
        check_golden(source, "markup.txt", render(source, onus::ChangeView::markup, false));
        check_golden(source, "json", render(source, onus::ChangeView::accept, true));
    }
}

TEST_CASE("the sample DOCX and its Flat OPC twin read the same", "[golden]") {
    auto samples = onus::test::source_dir() / "samples";
    for (auto view : {onus::ChangeView::accept, onus::ChangeView::reject, onus::ChangeView::markup}) {
        CHECK(render(samples / "northwind-csa.docx", view, false) == render(samples / "northwind-csa.xml", view, false));
    }
}

TEST_CASE("the sample DOCX reads like the text it was generated from", "[golden]") {
    // samples/*.expected.txt is written by scripts/make_samples.py from the
    // same data as the DOCX, without notes: compare the body words.
    auto samples = onus::test::source_dir() / "samples";
    for (const char* name : {"northwind-csa", "northwind-csa-v2"}) {
        std::string got = render(samples / (std::string(name) + ".docx"), onus::ChangeView::accept, false);
        got = got.substr(0, got.find("[notes]"));
        std::string want = onus::test::read_file(samples / (std::string(name) + ".expected.txt"));
        auto a = onus::test::word_tokens_of(want), b = onus::test::word_tokens_of(got);
        INFO(name);
        CHECK(onus::test::similarity(a, b) > 0.998);  // the footnote mark "1" is the one difference
        // Every numbered line of the generator's text appears as onus renders it.
        std::istringstream lines(want);
        for (std::string line; std::getline(lines, line);) {
            if (line.empty() || !(std::isdigit(static_cast<unsigned char>(line[0])) || line[0] == '(')) continue;
            std::string label = line.substr(0, line.find(' '));
            CHECK(got.find(label + " ") != std::string::npos);
        }
    }
}
