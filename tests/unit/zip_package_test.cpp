// Tests for package/zip_package.hpp: zip containers read under the safety
// limits. Every archive is built here, in memory: well-formed ones with
// libzip's writer, hostile ones by patching the bytes libzip wrote (header
// lies, duplicate names, flipped data), since no honest writer makes them.
// The hostile cases follow ../shared/docs/hostile-input.md, "Zip containers".
#include <catch2/catch.hpp>

#include <zip.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "onus/error.hpp"
#include "package/zip_package.hpp"

namespace {

using onus::Error;
using onus::ErrorCode;
using onus::Limits;
using onus::package::resolve_part_name;
using onus::package::ZipPackage;

constexpr const char* kArchive = "test.docx";

// ---------------------------------------------------------------------------
// Building archives with libzip's writer.

struct Entry {
    std::string name;
    std::string data;
    bool store = false;                    // ZIP_CM_STORE instead of deflate
    zip_uint16_t encryption = ZIP_EM_NONE;  // e.g. ZIP_EM_AES_256
};

std::string drain(zip_source_t* source) {
    REQUIRE(zip_source_open(source) == 0);
    std::string out;
    char buffer[4096];
    zip_int64_t n;
    while ((n = zip_source_read(source, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
    REQUIRE(n == 0);
    zip_source_close(source);
    return out;
}

// The archive's bytes. A package only views the bytes it is given: keep
// the result in a variable that outlives the package.
std::string make_zip(const std::vector<Entry>& entries) {
    // libzip writes nothing for an archive without entries (it deletes it):
    // the empty archive is a lone end-of-central-directory record.
    if (entries.empty()) return std::string("PK\x05\x06", 4) + std::string(18, '\0');
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    REQUIRE(buffer != nullptr);
    zip_source_keep(buffer);  // outlive zip_close, which writes into it
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    for (const Entry& e : entries) {
        zip_source_t* data = zip_source_buffer(archive, e.data.data(), e.data.size(), 0);
        REQUIRE(data != nullptr);
        const zip_int64_t index = zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8);
        REQUIRE(index >= 0);
        const auto i = static_cast<zip_uint64_t>(index);
        REQUIRE(zip_set_file_compression(archive, i, e.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) == 0);
        if (e.encryption != ZIP_EM_NONE) REQUIRE(zip_file_set_encryption(archive, i, e.encryption, "secret") == 0);
    }
    REQUIRE(zip_close(archive) == 0);
    std::string bytes = drain(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return bytes;
}

std::string text_of_size(std::size_t n) {
    std::string s;
    s.reserve(n);
    while (s.size() < n) s += "The Customer shall indemnify the Provider. ";
    s.resize(n);
    return s;
}

// Incompressible bytes, so that compression ratios stay near 1.
std::string random_bytes(std::size_t n) {
    std::mt19937 rng(42);
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
}

// ---------------------------------------------------------------------------
// Patching the bytes libzip wrote. Small archives from libzip carry no zip64
// fields, so the classic header layout applies.

std::uint16_t get16(const std::string& b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b.at(at)) |
                                      static_cast<unsigned char>(b.at(at + 1)) << 8);
}
std::uint32_t get32(const std::string& b, std::size_t at) {
    return static_cast<std::uint32_t>(get16(b, at)) | static_cast<std::uint32_t>(get16(b, at + 2)) << 16;
}
void put16(std::string& b, std::size_t at, std::uint16_t v) {
    b.at(at) = static_cast<char>(v & 0xff);
    b.at(at + 1) = static_cast<char>(v >> 8);
}
void put32(std::string& b, std::size_t at, std::uint32_t v) {
    put16(b, at, static_cast<std::uint16_t>(v & 0xffff));
    put16(b, at + 2, static_cast<std::uint16_t>(v >> 16));
}

struct Headers {
    std::size_t local;
    std::size_t central;
};

// The local and central headers of `entry`, found through the central
// directory.
Headers headers_of(const std::string& zip, std::string_view entry) {
    const std::string_view signature("PK\x01\x02", 4);
    for (std::size_t at = zip.find(signature); at != std::string::npos; at = zip.find(signature, at + 1)) {
        if (std::string_view(zip).substr(at + 46, get16(zip, at + 28)) == entry) return {get32(zip, at + 42), at};
    }
    FAIL("no central header for " << entry);
    return {};
}

std::size_t data_offset(const std::string& zip, const Headers& h) {
    return h.local + 30 + get16(zip, h.local + 26) + get16(zip, h.local + 28);
}

// Both headers must agree, or ZIP_CHECKCONS refuses the archive at open.
void patch_uncompressed_size(std::string& zip, std::string_view entry, std::uint32_t size) {
    const Headers h = headers_of(zip, entry);
    put32(zip, h.local + 22, size);
    put32(zip, h.central + 24, size);
}

void patch_method(std::string& zip, std::string_view entry, std::uint16_t method) {
    const Headers h = headers_of(zip, entry);
    put16(zip, h.local + 8, method);
    put16(zip, h.central + 10, method);
}

void set_flag_bits(std::string& zip, std::string_view entry, std::uint16_t bits) {
    const Headers h = headers_of(zip, entry);
    put16(zip, h.local + 6, static_cast<std::uint16_t>(get16(zip, h.local + 6) | bits));
    put16(zip, h.central + 8, static_cast<std::uint16_t>(get16(zip, h.central + 8) | bits));
}

// Rewrites every occurrence (local header, central header) of a name.
void rename_in_place(std::string& zip, std::string_view from, std::string_view to) {
    REQUIRE(from.size() == to.size());
    int count = 0;
    for (std::size_t at = zip.find(from); at != std::string::npos; at = zip.find(from, at + 1), ++count)
        zip.replace(at, to.size(), to);
    REQUIRE(count == 2);
}

// ---------------------------------------------------------------------------
// Expecting errors.

// Runs `f`, which must throw onus::Error of `code` whose message names the
// archive and contains `needle` (the entry name, usually).
template <typename F>
Error expect_error(F&& f, ErrorCode code, std::string_view needle) {
    try {
        f();
    } catch (const Error& e) {
        INFO(e.what());
        CHECK(e.code() == code);
        const std::string_view what = e.what();
        CHECK(what.find(kArchive) != std::string_view::npos);
        CHECK(what.find(needle) != std::string_view::npos);
        CHECK(what.find('\n') == std::string_view::npos);
        return e;
    }
    FAIL("no onus::Error thrown (expected one containing \"" << needle << "\")");
    throw;  // unreachable
}

Limits small_limits() {
    Limits limits;
    limits.max_part_bytes = 1000;
    limits.max_total_inflated = 2500;
    limits.max_entries = 3;
    return limits;
}

}  // namespace

// ---------------------------------------------------------------------------

TEST_CASE("zip: a well-formed archive round-trips", "[zip]") {
    const std::string document = text_of_size(5000);
    const std::string bytes = make_zip({{"[Content_Types].xml", "<Types/>"},
                                        {"word/document.xml", document},
                                        {"word/media/", ""},
                                        {"word/media/image1.png", random_bytes(300), true}});
    ZipPackage zip(bytes, kArchive, Limits{});
    CHECK(zip.names() == std::vector<std::string>{"[Content_Types].xml", "word/document.xml", "word/media/",
                                                  "word/media/image1.png"});
    CHECK(zip.read("word/document.xml") == document);
    CHECK(zip.read("[Content_Types].xml") == "<Types/>");
    CHECK(zip.read("word/media/image1.png") == random_bytes(300));
    CHECK(zip.read("word/media/").empty());
    CHECK(zip.inflated_total() == 5000 + 8 + 300);

    ZipPackage moved(std::move(zip));
    CHECK(moved.read("word/document.xml") == document);
    CHECK(moved.inflated_total() == 2 * 5000 + 8 + 300);
}

TEST_CASE("zip: an archive without entries opens", "[zip]") {
    const std::string bytes = make_zip({});
    ZipPackage zip(bytes, kArchive, Limits{});
    CHECK(zip.names().empty());
    CHECK(zip.find("word/document.xml").empty());
}

TEST_CASE("zip: reading an absent entry is an error naming it", "[zip]") {
    const std::string bytes = make_zip({{"a.xml", "<a/>"}});
    ZipPackage zip(bytes, kArchive, Limits{});
    expect_error([&] { zip.read("word/missing.xml"); }, ErrorCode::malformed, "word/missing.xml");
}

TEST_CASE("zip: find() is ASCII-case-insensitive and ignores a leading slash; contains() is exact", "[zip]") {
    const std::string bytes = make_zip({{"word/document.xml", "<w/>"}, {"[Content_Types].xml", "<T/>"}});
    ZipPackage zip(bytes, kArchive, Limits{});
    CHECK(zip.find("word/document.xml") == "word/document.xml");
    CHECK(zip.find("WORD/Document.XML") == "word/document.xml");
    CHECK(zip.find("/word/document.xml") == "word/document.xml");
    CHECK(zip.find("/[content_types].XML") == "[Content_Types].xml");
    CHECK(zip.find("word/document.xm").empty());
    CHECK(zip.find("word").empty());
    CHECK(zip.contains("word/document.xml"));
    CHECK_FALSE(zip.contains("WORD/DOCUMENT.XML"));
    CHECK_FALSE(zip.contains("/word/document.xml"));
    CHECK(zip.read("/WORD/document.xml") == "<w/>");  // read() looks up the way find() does
}

TEST_CASE("zip: input that is not a zip is malformed", "[zip]") {
    SECTION("text") {
        expect_error([] { ZipPackage("Hello, this is a plain text contract.", kArchive, Limits{}); },
                     ErrorCode::malformed, "not a zip archive");
    }
    SECTION("empty input") {
        expect_error([] { ZipPackage(std::string_view(), kArchive, Limits{}); }, ErrorCode::malformed,
                     "not a zip archive");
    }
    SECTION("an OLE2 compound file (how a password-protected DOCX looks)") {
        std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
        ole.resize(1024, '\0');
        expect_error([&] { ZipPackage(ole, kArchive, Limits{}); }, ErrorCode::malformed, "password-protected");
    }
}

TEST_CASE("zip: a truncated archive is malformed", "[zip]") {
    const std::string whole = make_zip({{"word/document.xml", text_of_size(3000)}, {"b.xml", "<b/>"}});
    for (std::size_t keep : {whole.size() - 1, whole.size() - 10, whole.size() / 2, std::size_t{30}}) {
        INFO("kept " << keep << " of " << whole.size() << " bytes");
        const std::string cut = whole.substr(0, keep);
        expect_error([&] { ZipPackage(cut, kArchive, Limits{}); }, ErrorCode::malformed,
                     "truncated or corrupt zip archive");
    }
}

TEST_CASE("zip: a ratio bomb is refused before inflating", "[zip]") {
    // 2 MiB of zeros deflate to about 2 KiB: a ratio near 1000:1.
    const std::string bytes = make_zip({{"word/document.xml", std::string(2u << 20, '\0')}});
    ZipPackage zip(bytes, kArchive, Limits{});
    const Error e = expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::limit, "word/document.xml");
    CHECK(std::string_view(e.what()).find("compression ratio") != std::string_view::npos);
    CHECK(zip.inflated_total() == 0);
}

TEST_CASE("zip: the ratio rule spares small parts and ordinary ratios", "[zip]") {
    const std::string zeros(50u << 10, '\0');  // highly compressible, but under the 100 KiB grace size
    const std::string noise = random_bytes(200u << 10);
    const std::string bytes = make_zip({{"small.xml", zeros}, {"big.bin", noise}});
    ZipPackage zip(bytes, kArchive, Limits{});
    CHECK(zip.read("small.xml") == zeros);
    CHECK(zip.read("big.bin") == noise);
}

TEST_CASE("zip: a part over the part cap is refused", "[zip]") {
    const Limits limits = small_limits();
    const std::string bytes =
        make_zip({{"word/at-cap.xml", text_of_size(1000), true}, {"word/big.xml", text_of_size(1001), true}});
    ZipPackage zip(bytes, kArchive, limits);
    CHECK(zip.read("word/at-cap.xml").size() == 1000);
    expect_error([&] { zip.read("word/big.xml"); }, ErrorCode::limit,
                 "word/big.xml: inflated size exceeds the 1000 bytes part limit");
    CHECK(zip.inflated_total() == 1000);
}

TEST_CASE("zip: the default part cap reads as 64 MiB in messages", "[zip]") {
    // A stored entry that declares 100 MiB: the 64 MiB cap applies before any
    // allocation or inflation.
    std::string bytes = make_zip({{"word/document.xml", text_of_size(500), true}});
    patch_uncompressed_size(bytes, "word/document.xml", 100u << 20);
    ZipPackage zip(bytes, kArchive, Limits{});
    expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::limit,
                 "test.docx: word/document.xml: inflated size exceeds the 64 MiB part limit");
    CHECK(zip.inflated_total() == 0);
}

TEST_CASE("zip: the total budget spans every read", "[zip]") {
    const Limits limits = small_limits();  // 2500 bytes in all
    const std::string bytes = make_zip({{"a.xml", text_of_size(1000), true},
                                        {"b.xml", text_of_size(1000), true},
                                        {"c.xml", text_of_size(1000), true}});
    ZipPackage zip(bytes, kArchive, limits);
    zip.read("a.xml");
    zip.read("b.xml");
    CHECK(zip.inflated_total() == 2000);
    expect_error([&] { zip.read("c.xml"); }, ErrorCode::limit, "c.xml: inflating 1000 more bytes would exceed");
    // Re-reading counts too: this is what stops overlapping-entry bombs, whose
    // entries all inflate the same compressed data.
    expect_error([&] { zip.read("a.xml"); }, ErrorCode::limit, "a.xml");
    CHECK(zip.inflated_total() == 2000);
}

TEST_CASE("zip: too many entries is a limit error", "[zip]") {
    const Limits limits = small_limits();  // 3 entries
    const std::string three = make_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}});
    CHECK(ZipPackage(three, kArchive, limits).names().size() == 3);
    const std::string four = make_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}});
    expect_error([&] { ZipPackage(four, kArchive, limits); },
                 ErrorCode::limit, "4 entries exceed the limit of 3");
}

TEST_CASE("zip: an entry longer than its header says is cut off and refused", "[zip]") {
    // The bomb shape: headers declare little, the data inflates to much more.
    // libzip would keep inflating; we stop one byte past the declared size.
    const std::string document = text_of_size(20000);
    for (bool store : {false, true}) {
        INFO((store ? "stored" : "deflated"));
        std::string bytes = make_zip({{"word/document.xml", document, store}});
        patch_uncompressed_size(bytes, "word/document.xml", 100);
        ZipPackage zip(bytes, kArchive, Limits{});
        expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::malformed,
                     "word/document.xml: entry longer than its header says");
        CHECK(zip.inflated_total() <= 101);
    }
}

TEST_CASE("zip: an entry shorter than its header says is refused", "[zip]") {
    const std::string document = text_of_size(2000);
    for (bool store : {false, true}) {
        INFO((store ? "stored" : "deflated"));
        std::string bytes = make_zip({{"word/document.xml", document, store}});
        patch_uncompressed_size(bytes, "word/document.xml", 3000);
        ZipPackage zip(bytes, kArchive, Limits{});
        expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::malformed,
                     "word/document.xml: entry shorter than its header says");
    }
}

TEST_CASE("zip: a CRC mismatch is found at the end of the entry", "[zip]") {
    const std::string document = text_of_size(2000);
    SECTION("a flipped data byte") {
        std::string bytes = make_zip({{"word/document.xml", document, true}});
        const std::size_t data = data_offset(bytes, headers_of(bytes, "word/document.xml"));
        REQUIRE(bytes.substr(data, 20) == document.substr(0, 20));
        bytes[data + 1000] = static_cast<char>(bytes[data + 1000] ^ 0x20);
        ZipPackage zip(bytes, kArchive, Limits{});
        expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::malformed, "word/document.xml: CRC mismatch");
    }
    SECTION("a wrong CRC in both headers") {
        std::string bytes = make_zip({{"word/document.xml", document}});
        const Headers h = headers_of(bytes, "word/document.xml");
        const std::uint32_t crc = get32(bytes, h.local + 14) ^ 1u;
        put32(bytes, h.local + 14, crc);
        put32(bytes, h.central + 16, crc);
        ZipPackage zip(bytes, kArchive, Limits{});
        expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::malformed, "word/document.xml: CRC mismatch");
    }
}

TEST_CASE("zip: local and central headers that disagree are refused at open", "[zip]") {
    std::string bytes = make_zip({{"word/document.xml", text_of_size(500), true}});
    put32(bytes, headers_of(bytes, "word/document.xml").local + 22, 400);  // local header only
    expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::malformed,
                 "truncated or corrupt zip archive");
}

TEST_CASE("zip: duplicate entry names are refused", "[zip]") {
    std::string bytes = make_zip({{"word/aaa.xml", "<first/>"}, {"word/bbb.xml", "<second/>"}});
    rename_in_place(bytes, "word/bbb.xml", "word/aaa.xml");
    expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::malformed,
                 "duplicate entry name word/aaa.xml");
}

TEST_CASE("zip: case-variant duplicate names are refused", "[zip]") {
    // ZIP_CHECKCONS lets these through; OPC forbids them.
    const std::string bytes = make_zip({{"word/document.xml", "<a/>"}, {"WORD/DOCUMENT.XML", "<b/>"}});
    expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::malformed,
                 "WORD/DOCUMENT.XML: entry name differs only in case from word/document.xml");
}

TEST_CASE("zip: unsafe entry names are refused", "[zip]") {
    for (const char* name : {"../evil.txt", "word/../../evil.txt", "word/..", "..", "/etc/passwd",
                             "word\\document.xml", "C:/evil.txt"}) {
        INFO(name);
        const std::string bytes = make_zip({{"word/document.xml", "<w/>"}, {name, "x"}});
        expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::malformed,
                     std::string(name) + ": unsafe entry name");
    }
}

TEST_CASE("zip: names that only look unsafe are accepted", "[zip]") {
    const std::string bytes = make_zip({{"a..b/c..d.xml", "1"}, {"word/.hidden", "2"}, {"...", "3"}});
    ZipPackage zip(bytes, kArchive, Limits{});
    CHECK(zip.names().size() == 3);
}

TEST_CASE("zip: a NUL inside a stored name never shortens it", "[zip]") {
    // libzip 1.7.3 turns the NUL into a space; whatever it does, the name must
    // not alias "word/document.xml".
    std::string bytes = make_zip({{"word/document.xmlXevil", "<w/>"}});
    rename_in_place(bytes, "word/document.xmlXevil", std::string_view("word/document.xml\0evil", 22));
    ZipPackage zip(bytes, kArchive, Limits{});
    REQUIRE(zip.names().size() == 1);
    CHECK(zip.names()[0].size() == 22);
    CHECK(zip.find("word/document.xml").empty());
}

TEST_CASE("zip: control characters in names stay out of the one-line message", "[zip]") {
    const std::string bytes = make_zip({{"evil\n/../x.xml", "x"}});
    const Error e = expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::malformed,
                                 "evil\\x0a/../x.xml: unsafe entry name");
    CHECK(e.where() == "test.docx: evil\\x0a/../x.xml");
}

TEST_CASE("zip: encrypted entries are unsupported", "[zip]") {
    SECTION("WinZip AES, written by libzip") {
        if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
            WARN("this libzip cannot write AES: skipped");
            return;
        }
        const std::string bytes =
            make_zip({{"word/document.xml", "<w/>"}, {"word/secret.xml", text_of_size(300), false, ZIP_EM_AES_256}});
        expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::unsupported,
                     "word/secret.xml: encrypted entry");
    }
    SECTION("traditional PKWARE: general-purpose flag bit 0") {
        std::string bytes = make_zip({{"word/document.xml", text_of_size(300), true}});
        set_flag_bits(bytes, "word/document.xml", 0x0001);
        expect_error([&] { ZipPackage(bytes, kArchive, Limits{}); }, ErrorCode::unsupported,
                     "word/document.xml: encrypted entry");
    }
}

TEST_CASE("zip: an unknown compression method is unsupported", "[zip]") {
    std::string bytes = make_zip({{"word/document.xml", text_of_size(300), true}});
    // 98 is PPMd, which Debian's libzip does not inflate. (99 would not do:
    // it marks WinZip AES, and libzip refuses it at open without the AES
    // extra field.)
    patch_method(bytes, "word/document.xml", 98);
    ZipPackage zip(bytes, kArchive, Limits{});
    expect_error([&] { zip.read("word/document.xml"); }, ErrorCode::unsupported,
                 "word/document.xml: compression method not supported");
}

TEST_CASE("resolve_part_name: OPC relative resolution", "[zip]") {
    CHECK(resolve_part_name("word/document.xml", "media/a.png") == "word/media/a.png");
    CHECK(resolve_part_name("word/document.xml", "styles.xml") == "word/styles.xml");
    CHECK(resolve_part_name("word/document.xml", "./styles.xml") == "word/styles.xml");
    CHECK(resolve_part_name("/word/document.xml", "styles.xml") == "word/styles.xml");
    CHECK(resolve_part_name("word/document.xml", "/word/x.xml") == "word/x.xml");
    CHECK(resolve_part_name("word/document.xml", "/customXml/item1.xml") == "customXml/item1.xml");
    CHECK(resolve_part_name("word/document.xml", "../customXml/item1.xml") == "customXml/item1.xml");
    CHECK(resolve_part_name("word/sub/part.xml", "../../x.xml") == "x.xml");
    CHECK(resolve_part_name("word/document.xml", "a/b/../../c/./d.xml") == "word/c/d.xml");
    CHECK(resolve_part_name("word/document.xml", "media//a.png") == "word/media/a.png");
    // The package relationships (_rels/.rels) belong to the root.
    CHECK(resolve_part_name("", "word/document.xml") == "word/document.xml");
    CHECK(resolve_part_name("", "/word/document.xml") == "word/document.xml");
    CHECK(resolve_part_name("document.xml", "styles.xml") == "styles.xml");
}

TEST_CASE("resolve_part_name: targets outside the package resolve to nothing", "[zip]") {
    CHECK(resolve_part_name("word/document.xml", "../../etc/passwd").empty());
    CHECK(resolve_part_name("word/document.xml", "a/../../../x.xml").empty());
    CHECK(resolve_part_name("word/document.xml", "/../x.xml").empty());
    CHECK(resolve_part_name("", "../x.xml").empty());
    CHECK(resolve_part_name("word/document.xml", "..").empty());
    CHECK(resolve_part_name("word/document.xml", "http://example.com/a.png").empty());
    CHECK(resolve_part_name("word/document.xml", "file:///etc/passwd").empty());
    CHECK(resolve_part_name("word/document.xml", "").empty());
}
