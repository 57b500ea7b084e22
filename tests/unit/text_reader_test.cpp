// The plain-text reader on small texts stated inline (one layout rule
// each) and on the sample agreement wrapped at 72 columns.
#include <catch2/catch.hpp>

#include <sstream>

#include "ingest/readers.hpp"
#include "onus/ingest.hpp"
#include "onus/structure.hpp"
#include "support.hpp"

namespace {

onus::Document read_text(const std::string& text, const onus::LoadOptions& options = {}) {
    onus::Document doc;
    doc.path = "test.txt";
    onus::ingest::read_plain_text(text, options, doc);
    return doc;
}

using Strings = std::vector<std::string>;

Strings texts(const onus::Document& doc) {
    Strings out;
    for (const onus::Block& b : doc.blocks) out.push_back(b.text);
    return out;
}

std::size_t left_out(const onus::Document& doc, const std::string& reason = "") {
    std::size_t n = 0;
    for (const auto& [r, count] : doc.stats.left_out)
        if (reason.empty() || r == reason) n += count;
    return n;
}

bool balanced(const onus::Document& doc) { return doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc); }

std::string error_message(const std::string& text, onus::ErrorCode* code, const onus::LoadOptions& options = {}) {
    try {
        read_text(text, options);
    } catch (const onus::Error& e) {
        *code = e.code();
        return e.what();
    }
    *code = onus::ErrorCode::internal;
    return {};
}

// A page of `lines` body lines of filler prose, for header/footer tests.
std::string filler(int page, int lines) {
    std::string out;
    for (int i = 0; i < lines; ++i)
        out += "Filler line " + std::to_string(i) + " of page " + std::to_string(page) +
               (i % 6 == 5 ? " ends here.\n\n" : " continues\n");
    return out;
}

}  // namespace

TEST_CASE("text: wrapped lines join into paragraphs separated by blank lines", "[text]") {
    onus::Document doc = read_text(
        "The Provider shall keep\n"
        "   the Services secure\n"
        "and available.\n"
        "\n"
        "\n"
        "Second paragraph.\n");
    CHECK(doc.format == "text");
    CHECK(texts(doc) == Strings{"The Provider shall keep the Services secure and available.", "Second paragraph."});
    CHECK(doc.blocks[0].source.line == 1);
    CHECK(doc.blocks[0].source.index == 0);
    CHECK(doc.blocks[1].source.line == 6);
    CHECK(doc.blocks[1].source.part == "test.txt");
    CHECK(balanced(doc));
}

TEST_CASE("text: CRLF and CR line ends", "[text]") {
    onus::Document doc = read_text("One\r\ntwo\r\n\r\nThree\rfour\r\rFive\n");
    CHECK(texts(doc) == Strings{"One two", "Three four", "Five"});
    CHECK(doc.blocks[2].source.line == 7);
}

TEST_CASE("text: a line starting with a typed number starts a block", "[text]") {
    onus::Document doc = read_text(
        "4. SECURITY\n"
        "4.1 Provider shall encrypt data.\n"
        "4.2 Provider shall patch, as set out in Section\n"
        "4.1 and in this\n"
        "Section 6 of the terms.\n"
        "(a) first item;\n"
        "(b) second item, and\n"
        "(c) third item.\n"
        "Section 5. Term\n"
        "ARTICLE IV\n"
        "Then 30 days\n"
        "2 business days later.\n");
    CHECK(texts(doc) == Strings{"4. SECURITY",
                                "4.1 Provider shall encrypt data.",
                                "4.2 Provider shall patch, as set out in Section 4.1 and in this Section 6 of the terms.",
                                "(a) first item;",
                                "(b) second item, and",
                                "(c) third item.",
                                "Section 5. Term",
                                "ARTICLE IV",
                                "Then 30 days 2 business days later."});
    CHECK(doc.blocks[1].source.line == 2);
    CHECK(doc.blocks[3].source.line == 6);
    onus::build_clauses(doc);
    CHECK(doc.blocks[1].label == "4.1");
    CHECK(doc.blocks[3].label == "(a)");
    CHECK(doc.blocks[7].label == "ARTICLE IV");
}

TEST_CASE("text: hyphenated line ends", "[text]") {
    onus::Document doc = read_text(
        "Provider is responsible for secu-\n"
        "rity of the Customer-\n"
        "Managed keys and the long -\n"
        "dash.\n");
    CHECK(texts(doc) == Strings{"Provider is responsible for security of the Customer-Managed keys and the long - dash."});
    CHECK(left_out(doc, "hyphens at line ends") == 1);
    CHECK(balanced(doc));
}

TEST_CASE("text: headings in capitals", "[text]") {
    onus::Document doc = read_text(
        "MASTER SERVICES AGREEMENT\n"
        "\n"
        "DATA SECURITY\n"
        "\n"
        "Provider shall protect data.\n"
        "\n"
        "CONFIDENTIALITY\n"
        "Each party shall keep secrets.\n"
        "\n"
        "THIS IS A SENTENCE IN CAPITALS THAT ENDS.\n"
        "\n"
        "DISCLAIMER. THE SERVICES ARE PROVIDED AS IS AND\n"
        "WITHOUT WARRANTY OF ANY KIND\n");
    REQUIRE(doc.blocks.size() == 7);
    CHECK(doc.title == "MASTER SERVICES AGREEMENT");
    CHECK(doc.blocks[0].heading_level == 1);
    CHECK(doc.blocks[1].heading_level == 1);
    CHECK(doc.blocks[2].heading_level == 0);
    // A capitals line directly over body text is a heading of its own.
    CHECK(doc.blocks[3].text == "CONFIDENTIALITY");
    CHECK(doc.blocks[3].heading_level == 1);
    CHECK(doc.blocks[4].text == "Each party shall keep secrets.");
    CHECK(doc.blocks[5].heading_level == 0);  // ends with a period
    CHECK(doc.blocks[6].heading_level == 0);  // two lines of capitals: body text
    CHECK(doc.blocks[6].text == "DISCLAIMER. THE SERVICES ARE PROVIDED AS IS AND WITHOUT WARRANTY OF ANY KIND");
}

TEST_CASE("text: the title is the first line standing alone", "[text]") {
    CHECK(read_text("Northwind Cloud Services Agreement\n\nThis Agreement is made.\n").title ==
          "Northwind Cloud Services Agreement");
    CHECK(read_text("This Agreement is made.\n\nSECURITY\n\nText.\n").title == "SECURITY");
    CHECK(read_text("1. Definitions\n\nText.\n").title.empty());
}

TEST_CASE("text: page headers, footers and numbers between form feeds are dropped", "[text]") {
    std::string text;
    for (int page = 1; page <= 4; ++page) {
        if (page > 1) text += "\f";
        text += "ACME Corp. Confidential\n\n";
        text += filler(page, 12);
        text += "\nPage " + std::to_string(page) + " of 4\n";
    }
    onus::Document doc = read_text(text);
    for (const onus::Block& b : doc.blocks) {
        INFO(b.text);
        CHECK(b.text.find("Confidential") == std::string::npos);
        CHECK(b.text.find("Page ") == std::string::npos);
    }
    CHECK(left_out(doc, "page headers and footers") == 4 * std::string("ACME Corp. Confidential").size() +
                                                           4 * std::string("Page 1 of 4").size());
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].message.find("8 page header") != std::string::npos);
    CHECK(balanced(doc));
}

TEST_CASE("text: repeated headers and bare page numbers without form feeds", "[text]") {
    std::string text;
    for (int page = 1; page <= 3; ++page) {
        text += "Northwind CSA v1 - " + std::to_string(2020 + page) + "\n\n";
        text += filler(page, 40);
        text += "\n- " + std::to_string(page) + " -\n\n";
    }
    text += "(a) Reserved.\n\n(b) Reserved.\n\n(c) Reserved.\n";
    onus::Document doc = read_text(text);
    for (const onus::Block& b : doc.blocks) {
        CHECK(b.text.find("Northwind CSA") == std::string::npos);
        CHECK(b.text.find("- 1 -") == std::string::npos);
    }
    // Close repeats are body text, not page furniture.
    CHECK(texts(doc).back() == "(c) Reserved.");
    CHECK(doc.warnings.size() == 1);
    CHECK(balanced(doc));

    // Bare numbers standing alone, a page apart, are page numbers; one
    // alone may be a clause number and stays.
    std::string numbered = filler(1, 30) + "\n1\n\n" + filler(2, 30) + "\n2\n\n" + filler(3, 5);
    onus::Document pages = read_text(numbered);
    for (const std::string& t : texts(pages)) CHECK(t != "2");
    CHECK(texts(read_text("Intro.\n\n7\n\nText.\n")) == Strings{"Intro.", "7", "Text."});
}

TEST_CASE("text: a paragraph cut by a page break is joined again", "[text]") {
    onus::Document doc = read_text(
        "Provider shall keep the\n"
        "Services secure and\n"
        "\n"
        "Page 1 of 2\n"
        "\f"
        "available at all times.\n"
        "\n"
        "Next paragraph.\n");
    CHECK(texts(doc) == Strings{"Provider shall keep the Services secure and available at all times.",
                                "Next paragraph."});
    CHECK(left_out(doc, "page headers and footers") == std::string("Page 1 of 2").size());

    // A form feed alone ends a paragraph that ended its sentence.
    CHECK(texts(read_text("First page ends.\fsecond page starts.\n")) ==
          Strings{"First page ends.", "second page starts."});
}

TEST_CASE("text: simple tables give table rows", "[text]") {
    onus::Document doc = read_text(
        "Credits:\n"
        "\n"
        "Tier    Uptime                Credit\n"
        "------  --------------------  ------\n"
        "Tier 1  Less than 99.9%       10%\n"
        "Tier 2  Less than 99.0%       25%\n"
        "Credits for any month shall not exceed\n"
        "the monthly fees.\n"
        "\n"
        "After.\n");
    REQUIRE(doc.blocks.size() == 6);
    CHECK(doc.blocks[1].kind == onus::BlockKind::table_row);
    CHECK(doc.blocks[1].cells == Strings{"Tier", "Uptime", "Credit"});
    CHECK(doc.blocks[2].text == "Tier 1\tLess than 99.9%\t10%");
    CHECK(doc.blocks[2].table_depth == 1);
    CHECK(doc.blocks[2].source.line == 5);
    // A line across the columns is a row spanning the table.
    CHECK(doc.blocks[4].cells == Strings{"Credits for any month shall not exceed the monthly fees."});
    CHECK(doc.blocks[5].text == "After.");
    CHECK(balanced(doc));
}

TEST_CASE("text: footnotes after a rule", "[text]") {
    onus::Document doc = read_text(
        "Provider holds a SOC 2 report[1] and an\n"
        "ISO certificate[2].\n"
        "\n"
        "--------------------\n"
        "[1] The report is issued\n"
        "    each year.\n"
        "[2] Second note.\n");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].text == "Provider holds a SOC 2 report and an ISO certificate.");
    REQUIRE(doc.blocks[0].notes.size() == 2);
    CHECK(doc.blocks[0].notes[0].note_id == "footnote:1");
    CHECK(doc.blocks[0].notes[1].offset == std::string("Provider holds a SOC 2 report and an ISO certificate").size());
    CHECK(doc.blocks[1].kind == onus::BlockKind::footnote);
    CHECK(doc.blocks[1].label == "1");
    CHECK(doc.blocks[1].text == "The report is issued each year.");
    CHECK(doc.blocks[2].note_id == "footnote:2");
    CHECK(balanced(doc));
    // Without a footnote section, brackets are text.
    CHECK(texts(read_text("See item[1] here.\n")) == Strings{"See item[1] here."});
}

TEST_CASE("text: encodings, binary data and limits", "[text][hostile]") {
    onus::ErrorCode code;
    SECTION("a UTF-8 BOM is skipped and characters are kept") {
        CHECK(texts(read_text("\xEF\xBB\xBF\u201CAccount\u201D\u00A0means.\n")) ==
              Strings{"\u201CAccount\u201D\u00A0means."});
    }
    SECTION("UTF-16 with a BOM is converted, strictly") {
        std::string le = std::string("\xFF\xFE", 2) + std::string("A\0\n\0\n\0\xE9\0", 8);
        CHECK(texts(read_text(le)) == Strings{"A", "\u00E9"});
        std::string lone = std::string("\xFE\xFF", 2) + std::string("\xDC\x00\0A", 4);
        CHECK(error_message(lone, &code).find("UTF-16") != std::string::npos);
        CHECK(code == onus::ErrorCode::malformed);
        CHECK(error_message(std::string("\xFF\xFE" "A", 3), &code).find("UTF-16") != std::string::npos);
    }
    SECTION("invalid UTF-8") {
        CHECK(error_message("abc\n\xE2\x82 def", &code).find("invalid UTF-8 at byte 4") != std::string::npos);
        CHECK(code == onus::ErrorCode::malformed);
        // Offsets count the BOM: they are offsets in the file.
        CHECK(error_message("\xEF\xBB\xBF" "ab\xFF", &code).find("at byte 5") != std::string::npos);
    }
    SECTION("NUL bytes") {
        CHECK(error_message(std::string("PK\0\0binary", 10), &code).find("binary data, not text") != std::string::npos);
        CHECK(code == onus::ErrorCode::malformed);
    }
    SECTION("limits") {
        error_message("short\n" + std::string((1u << 20) + 1, 'x') + "\n", &code);
        CHECK(code == onus::ErrorCode::limit);
        onus::LoadOptions options;
        options.limits.max_blocks = 2;
        error_message("a\n\nb\n\nc\n", &code, options);
        CHECK(code == onus::ErrorCode::limit);
    }
    SECTION("many short lines stay cheap") {
        std::string text;
        for (int i = 0; i < 50000; ++i) text += "x\n\n-\n\n";
        CHECK(read_text(text).blocks.size() == 100000);
    }
}

TEST_CASE("text: the sample agreement reads as the DOCX reader's expected text", "[text][samples]") {
    auto dir = onus::test::source_dir() / "samples";
    onus::Document doc;
    doc.path = "northwind-csa.txt";
    onus::ingest::read_plain_text(onus::test::read_file(dir / "northwind-csa.txt"), {}, doc);
    onus::build_clauses(doc);
    CHECK(doc.title == "Northwind Cloud Services Agreement");
    CHECK(balanced(doc));
    CHECK(doc.warnings.empty());
    std::ostringstream body;
    for (const onus::Block& b : doc.blocks) {
        if (b.kind != onus::BlockKind::paragraph && b.kind != onus::BlockKind::table_row) continue;
        body << (b.label.empty() ? "" : b.label + " ") << b.text << '\n';
    }
    std::string expected = onus::test::read_file(dir / "northwind-csa.expected.txt");
    CHECK(body.str() == expected);
    std::vector<std::string> numbers, expected_numbers;
    for (const onus::Clause& c : doc.clauses)
        if (!c.number.empty()) numbers.push_back(c.number);
    std::istringstream lines(expected);
    for (std::string line; std::getline(lines, line);)
        if (auto typed = onus::typed_number(line)) expected_numbers.push_back(typed->label);
    CHECK(numbers == expected_numbers);
    REQUIRE(doc.blocks.back().kind == onus::BlockKind::footnote);
    CHECK(doc.blocks.back().label == "1");
    // The mark in 7.1 points at it.
    bool referenced = false;
    for (const onus::Block& b : doc.blocks)
        for (const onus::NoteRef& n : b.notes) referenced |= n.note_id == doc.blocks.back().note_id;
    CHECK(referenced);
}

TEST_CASE("text: millions of one-character lines hit the line limit instead of memory", "[text][hostile]") {
    onus::LoadOptions options;
    options.limits.max_lines = 1000;
    std::string many;
    for (int i = 0; i < 2000; ++i) many += "x\n";
    try {
        onus::load_bytes(many, "lines.txt", options);
        FAIL("no limit error");
    } catch (const onus::Error& e) {
        CHECK(e.code() == onus::ErrorCode::limit);
        CHECK(std::string(e.what()).find("lines") != std::string::npos);
    }
}
