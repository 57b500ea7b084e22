// Real documents from other projects' test suites (../shared/corpus), when
// present: every file reads or fails cleanly, extracted text matches the
// expected rendering, and tracked-change triples agree. Skips when the
// shared folder is absent (a fresh clone).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "support.hpp"
#include "words.hpp"

namespace fs = std::filesystem;

namespace {

std::string extract(const fs::path& path, onus::ChangeView view = onus::ChangeView::accept) {
    onus::LoadOptions options;
    options.changes = view;
    onus::Document doc = onus::load(path.string(), options);
    std::ostringstream out;
    onus::TextOptions text;
    text.changes = view;
    onus::write_document_text(doc, text, out);
    return out.str();
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ext) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("every corpus DOCX reads in every view, or fails with a clean error", "[corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    // The broken files in the corpus, and why each must be refused.
    const std::map<std::string, onus::ErrorCode> refusals = {
        {"mammoth__empty.zip.docx", onus::ErrorCode::malformed},               // a zip without a document
        {"poi__ExternalEntityInText.docx", onus::ErrorCode::malformed},        // a DTD inside a package part
        {"poi__bug53475-password-is-pass.docx", onus::ErrorCode::unsupported},  // encrypted (OLE2)
        {"poi__crash-517626e815e0afa9decd0ebb6d1dee63fb9907dd.docx", onus::ErrorCode::malformed},
        {"poi__stress025.docx", onus::ErrorCode::malformed},      // main part is not WordprocessingML
        {"poi__truncated62886.docx", onus::ErrorCode::malformed},
        {"tika__testWORD_truncated.docx", onus::ErrorCode::malformed},
    };
    auto corpus = onus::test::shared_dir() / "corpus";
    std::size_t read = 0;
    for (const char* sub : {"docx", "docx-pairs"}) {
        for (const fs::path& file : files_in(corpus / sub, ".docx")) {
            auto refusal = refusals.find(file.filename().string());
            for (auto view : {onus::ChangeView::accept, onus::ChangeView::reject, onus::ChangeView::markup}) {
                INFO(file.filename().string());
                try {
                    onus::LoadOptions options;
                    options.changes = view;
                    onus::Document doc = onus::load(file.string(), options);
                    CHECK(refusal == refusals.end());
                    std::size_t left_out = 0;
                    for (auto& [reason, n] : doc.stats.left_out) left_out += n;
                    // Every character read is either emitted or accounted for.
                    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out);
                    ++read;
                } catch (const onus::Error& e) {
                    INFO(e.what());
                    REQUIRE(refusal != refusals.end());
                    CHECK(e.code() == refusal->second);
                }
            }
        }
    }
    CHECK(read > 300);
}

TEST_CASE("corpus DOCX text matches LibreOffice's rendering", "[corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    auto dir = onus::test::shared_dir() / "corpus" / "docx";
    double total = 0;
    std::size_t n = 0;
    for (const fs::path& file : files_in(dir, ".docx")) {
        fs::path expected = file;
        expected.replace_extension(".expected.txt");
        if (!fs::exists(expected)) continue;
        std::string got;
        try {
            got = extract(file);
        } catch (const onus::Error& e) {
            got.clear();
        }
        double s = onus::test::similarity(onus::test::word_tokens_of(onus::test::read_file(expected)),
                                          onus::test::word_tokens_of(got));
        INFO(file.filename().string() << " similarity " << s);
        CHECK(s >= 0.80);
        total += s;
        ++n;
    }
    REQUIRE(n > 50);
    double mean = total / static_cast<double>(n);
    INFO("mean similarity " << mean);
    CHECK(mean >= 0.97);
}

TEST_CASE("tracked-change triples: accept reads like accepted, reject like rejected", "[corpus][changes]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    auto dir = onus::test::shared_dir() / "corpus" / "docx-pairs";
    std::ifstream tsv(dir / "PAIRS.tsv");
    std::string line;
    std::size_t triples = 0;
    while (std::getline(tsv, line)) {
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
        if (cols.size() < 5 || cols[1].find("RevisionProcessor") == std::string::npos) continue;
        INFO(cols[0]);
        auto words = [](const std::string& s) { return onus::test::word_tokens_of(s); };
        CHECK(words(extract(dir / cols[2], onus::ChangeView::accept)) == words(extract(dir / cols[3])));
        CHECK(words(extract(dir / cols[2], onus::ChangeView::reject)) == words(extract(dir / cols[4])));
        ++triples;
    }
    CHECK(triples == 5);
}
