// Untrusted files are the normal case: each hostile input ends in one
// onus::Error with the right code and a message naming the problem; never
// a crash, a hang, or a silent partial result.
#include <catch2/catch.hpp>


#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli_support.hpp"
#include "flat_opc.hpp"
#include "onus/ingest.hpp"
#include "zip_writer.hpp"

using onus::ErrorCode;

namespace {

ErrorCode code_of(std::string_view bytes, const onus::LoadOptions& options = {}) {
    try {
        onus::load_bytes(bytes, "hostile", options);
    } catch (const onus::Error& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find('\n') == std::string::npos);  // one line
        return e.code();
    }
    FAIL("no error for hostile input");
    return ErrorCode::internal;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

onus::test::WordParts body_only(const std::string& body) {
    onus::test::WordParts parts;
    parts.body = body;
    return parts;
}

}  // namespace

TEST_CASE("missing files and directories are io errors", "[hostile]") {
    auto missing = std::filesystem::temp_directory_path() / "onus-no-such-file.docx";
    try {
        onus::load(missing.string());
        FAIL("loaded a missing file");
    } catch (const onus::Error& e) {
        CHECK(e.code() == ErrorCode::io);
        CHECK(std::string(e.what()).find("no such file") != std::string::npos);
    }
    try {
        onus::load(std::filesystem::temp_directory_path().string());
        FAIL("loaded a directory");
    } catch (const onus::Error& e) {
        CHECK(e.code() == ErrorCode::io);
    }
}

TEST_CASE("empty, unknown, and truncated inputs are refused", "[hostile]") {
    CHECK(code_of("") == ErrorCode::malformed);
    CHECK(code_of("PK\x03\x04 not really a zip") == ErrorCode::malformed);
    std::string zip = onus::test::make_zip(onus::test::minimal_docx("<w:p/>"));
    CHECK(code_of(zip.substr(0, zip.size() / 2)) == ErrorCode::malformed);
    CHECK(code_of(std::string("%PDF-1.7\n")) == ErrorCode::unsupported);
}

TEST_CASE("password-protected documents (OLE2) are reported as encrypted", "[hostile]") {
    std::string ole2 = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0');
    try {
        onus::load_bytes(ole2, "locked.docx");
        FAIL("no error");
    } catch (const onus::Error& e) {
        CHECK(e.code() == ErrorCode::unsupported);
        CHECK(std::string(e.what()).find("encrypted") != std::string::npos);
    }
}

TEST_CASE("a zip without a main document part is not a Word document", "[hostile]") {
    CHECK(code_of(onus::test::make_zip({{"hello.txt", "hi"}})) == ErrorCode::malformed);
    auto entries = onus::test::minimal_docx("<w:p/>");
    entries.pop_back();  // the relationship points at a missing part
    CHECK(code_of(onus::test::make_zip(entries)) == ErrorCode::malformed);
}

TEST_CASE("a decompression bomb inside a DOCX hits the ratio limit", "[hostile][zip]") {
    auto entries = onus::test::minimal_docx("<w:p><w:r><w:t>" + std::string(4u << 20, ' ') + "</w:t></w:r></w:p>");
    CHECK(code_of(onus::test::make_zip(entries)) == ErrorCode::limit);
}

TEST_CASE("DTDs and entities in package parts are refused, never expanded", "[hostile][xml]") {
    std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
        "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>";
    std::string flat = onus::test::flat_opc(body_only("<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>"));
    CHECK(code_of(laughs + flat.substr(flat.find("?>") + 2)) == ErrorCode::malformed);

    auto entries = onus::test::minimal_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    entries[2].data.insert(entries[2].data.find("?>") + 2, "<!DOCTYPE d SYSTEM \"http://example.invalid/x.dtd\">");
    CHECK(code_of(onus::test::make_zip(entries)) == ErrorCode::malformed);
}

TEST_CASE("nesting 100,000 deep is a limit error, not a stack overflow", "[hostile][xml]") {
    std::string deep = repeat("<w:sdt><w:sdtContent>", 100000) + repeat("</w:sdtContent></w:sdt>", 100000);
    CHECK(code_of(onus::test::make_zip(onus::test::minimal_docx(deep))) == ErrorCode::limit);
    CHECK(code_of(onus::test::flat_opc(body_only(deep))) == ErrorCode::limit);
}

TEST_CASE("malformed XML and bad encodings are refused", "[hostile][xml]") {
    CHECK(code_of(onus::test::make_zip(onus::test::minimal_docx("<w:p><w:r>"))) == ErrorCode::malformed);
    CHECK(code_of(onus::test::make_zip(onus::test::minimal_docx("<w:p><w:r><w:t>caf\xE9</w:t></w:r></w:p>"))) ==
          ErrorCode::malformed);
    // UTF-16 with a lone surrogate.
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("<a>")) utf16 += std::string{c, '\0'};
    utf16 += std::string("\x00\xD8", 2);
    auto entries = onus::test::minimal_docx("");
    entries[2].data = utf16;
    CHECK(code_of(onus::test::make_zip(entries)) == ErrorCode::malformed);
}

TEST_CASE("character references to surrogates are replaced and counted", "[hostile][xml]") {
    onus::Document doc =
        onus::load_bytes(onus::test::flat_opc(body_only("<w:p><w:r><w:t>a&#xD800;b</w:t></w:r></w:p>")), "x.xml");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.stats.invalid_utf8_replaced > 0);
    CHECK(doc.blocks[0].text.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("the command line gives one line and a distinct exit status per failure", "[hostile][cli]") {
    auto run = [](const std::string& args) {
        onus::test::CliRun r = onus::test::run_cli(args);
        return std::make_pair(r.status, r.err);
    };
    auto dir = std::filesystem::temp_directory_path() / "onus-cli-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "empty.docx").close();
    std::ofstream(dir / "locked.docx", std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

    auto [missing_rc, missing_msg] = run("extract " + (dir / "nope.docx").string());
    CHECK(missing_rc == 6);
    CHECK(missing_msg.rfind("onus: error: ", 0) == 0);
    CHECK(std::count(missing_msg.begin(), missing_msg.end(), '\n') == 1);
    CHECK(run("extract " + dir.string()).first == 6);
    CHECK(run("extract " + (dir / "empty.docx").string()).first == 3);
    CHECK(run("extract " + (dir / "locked.docx").string()).first == 7);
    CHECK(run("extract --format nonsense x").first == 2);
    CHECK(run("frobnicate").first == 2);
}

namespace {

// Overwrite a 32-bit little-endian field at `at`.
void put32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// Offsets of the local header and the central directory record of `name`.
std::pair<std::size_t, std::size_t> headers_of(const std::string& zip, const std::string& name) {
    std::size_t local = zip.find(std::string("PK\x03\x04", 4));
    while (local != std::string::npos && zip.compare(local + 30, name.size(), name) != 0)
        local = zip.find(std::string("PK\x03\x04", 4), local + 4);
    std::size_t central = zip.find(std::string("PK\x01\x02", 4));
    while (central != std::string::npos && zip.compare(central + 46, name.size(), name) != 0)
        central = zip.find(std::string("PK\x01\x02", 4), central + 4);
    return {local, central};
}

}  // namespace

TEST_CASE("a DOCX whose headers claim a 4 GiB part is refused before anything is allocated", "[hostile][zip]") {
    std::string zip = onus::test::make_zip(onus::test::minimal_docx("<w:p/>"));
    auto [local, central] = headers_of(zip, "word/document.xml");
    REQUIRE(local != std::string::npos);
    REQUIRE(central != std::string::npos);
    std::string consistent_lie = zip;
    put32(consistent_lie, local + 22, 0xFFFFFFF0u);
    put32(consistent_lie, central + 24, 0xFFFFFFF0u);
    CHECK(code_of(consistent_lie) == ErrorCode::limit);
    std::string central_only = zip;
    put32(central_only, central + 24, 0xFFFFFFF0u);
    CHECK(code_of(central_only) != ErrorCode::internal);
}

TEST_CASE("formats are sniffed from the content behind declarations, comments and DTDs", "[sniff]") {
    CHECK(onus::sniff_format("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<akomaNtoso/>") == "akoma-ntoso");
    CHECK(onus::sniff_format("\xEF\xBB\xBF<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \">\">]><w:wordDocument/>") ==
          "word2003");
    CHECK(onus::sniff_format("<pkg:package xmlns:pkg=\"x\"/>") == "flat-opc");
    CHECK(onus::sniff_format("<office:document/>") == "flat-odt");
    CHECK(onus::sniff_format("<agreement/>") == "xml");
    CHECK(onus::sniff_format("1. Services\nProvider shall...") == "text");
    CHECK(onus::sniff_format(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) == "ole2");
    CHECK(onus::sniff_format("%PDF-1.4") == "pdf");
}
