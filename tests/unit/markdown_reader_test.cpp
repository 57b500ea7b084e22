// The Markdown reader on small documents stated inline (one rule each), on
// the sample agreement, and on the real agreements in ../shared/corpus.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/readers.hpp"
#include "onus/ingest.hpp"
#include "onus/structure.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

onus::Document read_md(const std::string& source, const onus::LoadOptions& options = {}) {
    onus::Document doc;
    doc.path = "test.md";
    onus::ingest::read_markdown(source, options, doc);
    return doc;
}

std::vector<std::string> texts(const onus::Document& doc) {
    std::vector<std::string> out;
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

onus::ErrorCode error_code(const std::string& source, const onus::LoadOptions& options = {}) {
    try {
        read_md(source, options);
    } catch (const onus::Error& e) {
        return e.code();
    }
    return onus::ErrorCode::internal;  // no error: never expected by the callers
}

std::string error_message(const std::string& source) {
    try {
        read_md(source);
    } catch (const onus::Error& e) {
        return e.what();
    }
    return {};
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("markdown: paragraphs, headings and line breaks", "[markdown]") {
    onus::Document doc = read_md(
        "# The Agreement\n"
        "\n"
        "First line\n"
        "continues here.  \n"
        "After a hard break.\n"
        "\n"
        "Setext Heading\n"
        "--------------\n"
        "\n"
        "### 4. Security\n");
    CHECK(doc.format == "markdown");
    CHECK(doc.title == "The Agreement");
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[0].heading_level == 1);
    // Soft breaks are spaces, hard breaks are newlines.
    CHECK(doc.blocks[1].text == "First line continues here.\nAfter a hard break.");
    CHECK(doc.blocks[1].heading_level == 0);
    CHECK(doc.blocks[2].text == "Setext Heading");
    CHECK(doc.blocks[2].heading_level == 2);
    // Typed numbers stay in the text: the structure stage splits them off.
    CHECK(doc.blocks[3].text == "4. Security");
    CHECK(doc.blocks[3].heading_level == 3);
    CHECK(doc.blocks[3].label.empty());
    // Source lines, 1-based.
    CHECK(doc.blocks[0].source.line == 1);
    CHECK(doc.blocks[1].source.line == 3);
    CHECK(doc.blocks[2].source.line == 7);
    CHECK(doc.blocks[3].source.line == 10);
    CHECK(doc.blocks[3].source.part == "test.md");
    CHECK(balanced(doc));
}

TEST_CASE("markdown: emphasis, links, images and code spans keep only their text", "[markdown]") {
    onus::Document doc = read_md(
        "**4.2** *Security.* Provider shall follow [the policy](https://example.com/p \"t\") "
        "and ![the diagram](d.png) using `tls --strict` ~~never~~.\n");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].text ==
          "4.2 Security. Provider shall follow the policy and the diagram using tls --strict never.");
    onus::build_clauses(doc);
    CHECK(doc.blocks[0].label == "4.2");
    CHECK(doc.clauses.at(0).number == "4.2");
}

TEST_CASE("markdown: YAML front matter is skipped and gives the title", "[markdown]") {
    onus::Document doc = read_md(
        "---\n"
        "title: 'GitHub Terms of Service'\n"
        "redirect_from:\n"
        "  - /tos\n"
        "---\n"
        "# Heading One\n"
        "\n"
        "Body text.\n");
    CHECK(doc.title == "GitHub Terms of Service");
    CHECK(texts(doc) == Strings{"Heading One", "Body text."});
    CHECK(left_out(doc, "front matter") > 30);
    // Line numbers still count the front matter's lines.
    CHECK(doc.blocks[0].source.line == 6);
    CHECK(balanced(doc));

    // The title is YAML: quoted, folded; invalid YAML gives none.
    CHECK(read_md("---\ntitle: \"Terms \\\"A\\\"\"\n---\nx\n").title == "Terms \"A\"");
    CHECK(read_md("---\ntitle: >-\n  Data Protection\n  Agreement\n---\nx\n").title == "Data Protection Agreement");
    onus::Document invalid = read_md("---\ntitle: [unclosed\n---\n# H\n");
    CHECK(invalid.title == "H");
    CHECK(texts(invalid) == Strings{"H"});

    // Without a closing line, "---" is a thematic break, not front matter.
    onus::Document open = read_md("---\ntitle: x\n\nText.\n");
    CHECK(left_out(open, "front matter") == 0);
    CHECK(texts(open) == Strings{"title: x", "Text."});
}

TEST_CASE("markdown: Liquid template markup is dropped", "[markdown]") {
    onus::Document doc = read_md(
        "{% note %}\n"
        "\n"
        "Contact {{ site.data.variables.contact.contact_support }} today.\n"
        "\n"
        "{% endnote %}\n"
        "\n"
        "Keep {% raw %}{{ literally }}{% endraw %} this.\n"
        "\n"
        "{% comment %}A hidden draft sentence.{% endcomment %}Visible.\n"
        "\n"
        "A lone {{ brace stays.\n");
    CHECK(texts(doc) == Strings{"Contact  today.", "Keep {{ literally }} this.", "Visible.", "A lone {{ brace stays."});
    CHECK(left_out(doc, "template markup") > 50);
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].message.find("Liquid") != std::string::npos);
    CHECK(doc.blocks[0].source.line == 3);
    CHECK(balanced(doc));
}

TEST_CASE("markdown: inline HTML is stripped to its text", "[markdown]") {
    onus::Document doc = read_md(
        "<a name=\"x\"></a>\n"
        "\n"
        "1.1 <span class=\"header_3\">Access and Use.</span> Provider may<br>act<BR/>now"
        "<!-- a reviewer's note -->.\n");
    REQUIRE(doc.blocks.size() == 1);  // the anchor alone makes no block
    CHECK(doc.blocks[0].text == "1.1 Access and Use. Provider may act now.");
    CHECK(left_out(doc, "HTML comments") == std::string("a reviewer's note").size());
    CHECK(balanced(doc));
}

TEST_CASE("markdown: HTML blocks keep their text, split at block tags, with list labels", "[markdown]") {
    onus::Document doc = read_md(
        "<p>First &amp; <b>only</b>\n"
        "paragraph</p>\n"
        "<div>Second</div>\n"
        "\n"
        "<ol style=\"list-style-type:lower-alpha\">\n"
        "    <li>Purpose.</li>\n"
        "    <li>The Parties:\n"
        "    <ol type=\"i\">\n"
        "        <li>the exporter;</li>\n"
        "        <li>the importer,</li>\n"
        "    </ol>\n"
        "    have agreed.</li>\n"
        "</ol>\n");
    REQUIRE(doc.blocks.size() == 7);
    CHECK(texts(doc) == Strings{"First & only paragraph", "Second", "Purpose.", "The Parties:", "the exporter;",
                                "the importer,", "have agreed."});
    CHECK(doc.blocks[2].label == "a.");
    CHECK(doc.blocks[2].list_level == 0);
    CHECK(doc.blocks[3].label == "b.");
    CHECK(doc.blocks[4].label == "i.");
    CHECK(doc.blocks[4].list_level == 1);
    CHECK(doc.blocks[5].label == "ii.");
    CHECK(doc.blocks[6].label.empty());  // the item's text after its nested list
    CHECK(doc.blocks[0].source.line == 1);
    CHECK(doc.blocks[4].source.line == 9);
    CHECK(balanced(doc));
}

TEST_CASE("markdown: ordered lists are renumbered from their start, as rendered", "[markdown]") {
    onus::Document doc = read_md(
        "3. Third\n"
        "1. Fourth\n"
        "1. Fifth\n"
        "\n"
        "Text between.\n"
        "\n"
        "1) One\n"
        "1) Two\n");
    REQUIRE(doc.blocks.size() == 6);
    CHECK(doc.blocks[0].label == "3.");
    CHECK(doc.blocks[1].label == "4.");
    CHECK(doc.blocks[2].label == "5.");
    CHECK(doc.blocks[2].text == "Fifth");
    CHECK(doc.blocks[3].label.empty());
    CHECK(doc.blocks[4].label == "1)");
    CHECK(doc.blocks[5].label == "2)");
    for (int i : {0, 1, 2, 4, 5}) {
        CHECK(doc.blocks[static_cast<std::size_t>(i)].list_level == 0);
        CHECK_FALSE(doc.blocks[static_cast<std::size_t>(i)].label_is_bullet);
        CHECK_FALSE(doc.blocks[static_cast<std::size_t>(i)].label_typed);
    }
}

TEST_CASE("markdown: bullets, nesting levels and later paragraphs of an item", "[markdown]") {
    onus::Document doc = read_md(
        "- Outer\n"
        "  - Inner\n"
        "    1. Deepest\n"
        "- Loose item\n"
        "\n"
        "  Its second paragraph.\n"
        "\n"
        "1. ## Service\n"
        "\n"
        "   Body of the service item.\n"
        "2.\n"
        "   - nested right away\n");
    REQUIRE(doc.blocks.size() == 9);
    CHECK(doc.blocks[0].label == "\u2022");
    CHECK(doc.blocks[0].label_is_bullet);
    CHECK(doc.blocks[0].list_level == 0);
    CHECK(doc.blocks[1].list_level == 1);
    CHECK(doc.blocks[2].label == "1.");
    CHECK(doc.blocks[2].list_level == 2);
    CHECK(doc.blocks[3].text == "Loose item");
    CHECK(doc.blocks[3].list_level == 0);
    // A later paragraph of the item is a block of its own, without a label.
    CHECK(doc.blocks[4].text == "Its second paragraph.");
    CHECK(doc.blocks[4].label.empty());
    CHECK(doc.blocks[4].list_level == -1);
    // An item whose first content is a heading: the heading carries the number.
    CHECK(doc.blocks[5].text == "Service");
    CHECK(doc.blocks[5].label == "1.");
    CHECK(doc.blocks[5].heading_level == 2);
    CHECK(doc.blocks[6].label.empty());
    // A numbered item that starts with a nested list still shows its number.
    CHECK(doc.blocks[7].label == "2.");
    CHECK(doc.blocks[7].text.empty());
    CHECK(doc.blocks[8].text == "nested right away");
    CHECK(doc.blocks[8].list_level == 1);
}

TEST_CASE("markdown: lettered items typed on lines of their own become clauses of their own", "[markdown]") {
    // Common Paper's agreements: CommonMark joins the lines into one
    // paragraph; a reader (and Pandoc's fancy lists) sees items (a), (b).
    onus::Document doc = read_md(
        "5. Effect of Termination. Upon any termination:\n"
        "    a. Customer will no longer have any right to use the Product.\n"
        "    b. Provider will delete Customer Content within 60 days.\n"
        "    c. Each Recipient will return Confidential Information.\n"
        "6. Survival. The sections listed\n"
        "    a. wrapped line that only looks like a label stays, as does\n"
        "    c. a label out of sequence.\n"
        "7. Romans:\n"
        "    (i) first;\n"
        "    (ii) second.\n");
    CHECK(texts(doc) == Strings{"Effect of Termination. Upon any termination:",
                                "a. Customer will no longer have any right to use the Product.",
                                "b. Provider will delete Customer Content within 60 days.",
                                "c. Each Recipient will return Confidential Information.",
                                "Survival. The sections listed",
                                "a. wrapped line that only looks like a label stays, as does c. a label out of sequence.",
                                "Romans:", "(i) first;", "(ii) second."});
    CHECK(balanced(doc));
    onus::build_clauses(doc);
    std::vector<std::string> ids;
    for (const onus::Clause& c : doc.clauses) ids.push_back(c.id);
    CHECK(ids == Strings{"5", "5(a)", "5(b)", "5(c)", "6", "6(a)", "7", "7(i)", "7(ii)"});
}

TEST_CASE("markdown: GFM tables give one table_row block per row", "[markdown]") {
    onus::Document doc = read_md(
        "Credits:\n"
        "\n"
        "| Tier | Uptime | **Credit** |\n"
        "|---|:---:|---:|\n"
        "| 1 | < 99.9% | 10% |\n"
        "| Credits are capped at 50% of the fees. | | |\n");
    REQUIRE(doc.blocks.size() == 4);
    const onus::Block& header = doc.blocks[1];
    CHECK(header.kind == onus::BlockKind::table_row);
    CHECK(header.table_depth == 1);
    CHECK(header.cells == Strings{"Tier", "Uptime", "Credit"});
    CHECK(header.text == "Tier\tUptime\tCredit");
    CHECK(doc.blocks[2].cells == Strings{"1", "< 99.9%", "10%"});
    CHECK(doc.blocks[2].source.line == 5);
    // Trailing empty cells (a merged row written GFM's way) stay in cells
    // but not in the text.
    CHECK(doc.blocks[3].cells.size() == 3);
    CHECK(doc.blocks[3].text == "Credits are capped at 50% of the fees.");
    CHECK(balanced(doc));
}

TEST_CASE("markdown: GitHub footnotes become note references and footnote blocks", "[markdown]") {
    onus::Document doc = read_md(
        "Provider holds a SOC 2 report[^soc] and more[^2].\n"
        "\n"
        "[^2]: Second note.\n"
        "[^soc]: The SOC 2 report is issued yearly.\n"
        "\n"
        "[^unused]: Never referenced.\n");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].text == "Provider holds a SOC 2 report and more.");
    REQUIRE(doc.blocks[0].notes.size() == 2);
    CHECK(doc.blocks[0].notes[0].note_id == "footnote:soc");
    CHECK(doc.blocks[0].notes[0].offset == std::string("Provider holds a SOC 2 report").size());
    // Notes follow the body, numbered by first reference as GitHub shows them.
    CHECK(doc.blocks[1].kind == onus::BlockKind::footnote);
    CHECK(doc.blocks[1].note_id == "footnote:soc");
    CHECK(doc.blocks[1].label == "1");
    CHECK(doc.blocks[1].text == "The SOC 2 report is issued yearly.");
    CHECK(doc.blocks[2].label == "2");
    CHECK(doc.blocks[2].text == "Second note.");
    CHECK(left_out(doc, "unreferenced footnotes") == std::string("Never referenced.").size());
    CHECK(balanced(doc));
}

TEST_CASE("markdown: entities are decoded", "[markdown]") {
    onus::Document doc = read_md("AT&amp;T &sect; 4 &#8220;x&#x201D; a&nbsp;b &unknownentity;\n");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].text == "AT&T \u00A7 4 \u201Cx\u201D a\u00A0b &unknownentity;");
    CHECK(balanced(doc));
}

TEST_CASE("markdown: fenced code is kept; indented text is not code", "[markdown]") {
    onus::Document doc = read_md(
        "```\n"
        "line one\n"
        "  line two\n"
        "```\n"
        "\n"
        "Intro.\n"
        "\n"
        "        <span>Deep</span> clause text.\n");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].text == "line one\n  line two");
    CHECK(doc.blocks[0].style == "code");
    // Agreements hold no code: an over-indented clause still reads as text.
    CHECK(doc.blocks[2].text == "Deep clause text.");
    CHECK(doc.blocks[2].style.empty());
    CHECK(balanced(doc));
}

TEST_CASE("markdown: block quotes are body text", "[markdown]") {
    onus::Document doc = read_md("> Quoted clause\n> continues.\n");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].text == "Quoted clause continues.");
    CHECK(doc.blocks[0].style == "blockquote");
}

TEST_CASE("markdown: encodings, binary data and limits", "[markdown][hostile]") {
    SECTION("a UTF-8 BOM is skipped") {
        onus::Document doc = read_md("\xEF\xBB\xBF# Title\n");
        CHECK(doc.title == "Title");
    }
    SECTION("UTF-16 with a BOM is converted") {
        std::string le = std::string("\xFF\xFE", 2) + std::string("#\0 \0T\0\xE9\0\n\0", 10);
        CHECK(read_md(le).title == "T\u00E9");
        std::string be = std::string("\xFE\xFF", 2) + std::string("\0#\0 \0T\0\xE9\0\n", 10);
        CHECK(read_md(be).title == "T\u00E9");
    }
    SECTION("a lone surrogate in UTF-16 is malformed") {
        std::string lone = std::string("\xFF\xFE", 2) + std::string("A\0\x00\xD8" "B\0", 6);
        CHECK(error_code(lone) == onus::ErrorCode::malformed);
    }
    SECTION("invalid UTF-8 is malformed, with its byte offset") {
        CHECK(error_code("ok \xC3\x28 bad\n") == onus::ErrorCode::malformed);
        CHECK(error_message("ok \xC3\x28 bad\n").find("invalid UTF-8 at byte 3") != std::string::npos);
        CHECK(error_message("\xED\xA0\x80 surrogate\n").find("at byte 0") != std::string::npos);
        CHECK(error_message("\xC0\xAF overlong\n").find("invalid UTF-8") != std::string::npos);
    }
    SECTION("a NUL byte is binary data") {
        CHECK(error_code(std::string("text\0more", 9)) == onus::ErrorCode::malformed);
        CHECK(error_message(std::string("text\0more", 9)).find("binary data") != std::string::npos);
    }
    SECTION("a line over 1 MiB is refused") {
        CHECK(error_code(std::string((1u << 20) + 10, 'a')) == onus::ErrorCode::limit);
    }
    SECTION("more blocks than the limit") {
        onus::LoadOptions options;
        options.limits.max_blocks = 3;
        CHECK(error_code("a\n\nb\n\nc\n\nd\n", options) == onus::ErrorCode::limit);
        CHECK_NOTHROW(read_md("a\n\nb\n\nc\n", options));
    }
    SECTION("deep nesting and unclosed markup stay cheap") {
        std::string quotes(100000, '>');
        CHECK(read_md(quotes + " deep\n").blocks.at(0).text == "deep");
        std::string braces;
        for (int i = 0; i < 20000; ++i) braces += "{{ {% ";
        CHECK(read_md(braces + "\n").blocks.size() == 1);
    }
}

TEST_CASE("markdown: looks_like_markdown", "[markdown]") {
    using onus::ingest::looks_like_markdown;
    CHECK(looks_like_markdown("---\ntitle: x\n---\nText\n"));
    CHECK(looks_like_markdown("Intro\n\n## 4. Security\n"));
    CHECK(looks_like_markdown("4.2 **Security.** Provider shall\n"));
    CHECK(looks_like_markdown("See [the policy](https://example.com).\n"));
    CHECK(looks_like_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n"));
    CHECK(looks_like_markdown("```\ncode\n```\n"));
    CHECK(looks_like_markdown("\xEF\xBB\xBF# Title\n"));
    CHECK(looks_like_markdown(std::string("\xFF\xFE#\0 \0T\0\n\0", 10)));
    // Plain prose with typed numbers, wrapped text and page furniture.
    CHECK_FALSE(looks_like_markdown("1. Definitions\n\n1.1 \"Account\" means the account.\n\n(a) first;\n"));
    CHECK_FALSE(looks_like_markdown("ARTICLE IV\n\nSection 5. Term. This *is* not markup.\n- 3 -\n"));
    CHECK_FALSE(looks_like_markdown("Credit tier  Uptime\n-----------  ------\nTier 1       99%\n"));
    CHECK_FALSE(looks_like_markdown("#hashtag and report[1] (see Section 4)\n"));
    CHECK_FALSE(looks_like_markdown(""));
    // Only the first 64 KiB are looked at.
    CHECK_FALSE(looks_like_markdown(std::string(70000, 'x') + "\n# Heading\n"));
}

TEST_CASE("markdown: the sample agreement reads as the DOCX reader's expected text", "[markdown][samples]") {
    for (const char* name : {"northwind-csa", "northwind-csa-v2"}) {
        INFO(name);
        fs::path dir = onus::test::source_dir() / "samples";
        onus::Document doc;
        doc.path = std::string(name) + ".md";
        onus::ingest::read_markdown(onus::test::read_file(dir / (std::string(name) + ".md")), {}, doc);
        onus::build_clauses(doc);
        CHECK(doc.title == "Northwind Cloud Services Agreement");
        CHECK(balanced(doc));
        std::ostringstream body;
        std::vector<std::string> numbers;
        for (const onus::Block& b : doc.blocks) {
            if (b.kind != onus::BlockKind::paragraph && b.kind != onus::BlockKind::table_row) continue;
            body << (b.label.empty() ? "" : b.label + " ") << b.text << '\n';
        }
        for (const onus::Clause& c : doc.clauses)
            if (!c.number.empty()) numbers.push_back(c.number);
        std::string expected = onus::test::read_file(dir / (std::string(name) + ".expected.txt"));
        CHECK(body.str() == expected);
        // The clause numbers are the numbers the expected lines start with.
        std::vector<std::string> expected_numbers;
        std::istringstream lines(expected);
        for (std::string line; std::getline(lines, line);)
            if (auto typed = onus::typed_number(line)) expected_numbers.push_back(typed->label);
        CHECK(numbers == expected_numbers);
        CHECK(numbers.size() > 100);
        // The footnote is a note, referenced from 7.1.
        REQUIRE(doc.blocks.back().kind == onus::BlockKind::footnote);
        CHECK(doc.blocks.back().text.rfind("The SOC 2 Type II report", 0) == 0);
    }
}

TEST_CASE("markdown: every corpus agreement reads cleanly", "[markdown][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    std::size_t files = 0;
    for (const auto& dir : fs::directory_iterator(onus::test::shared_dir() / "corpus" / "agreements")) {
        if (!dir.is_directory()) continue;
        // The SLAs are a page long, and GitHub's have no numbered clauses.
        bool short_sla = dir.path().filename().string().find("-sla") != std::string::npos;
        for (const auto& entry : fs::directory_iterator(dir.path())) {
            if (entry.path().extension() != ".md") continue;
            INFO(entry.path().string());
            ++files;
            std::string bytes = onus::test::read_file(entry.path());
            CHECK(onus::ingest::looks_like_markdown(bytes));
            onus::Document doc;
            doc.path = entry.path().filename().string();
            REQUIRE_NOTHROW(onus::ingest::read_markdown(bytes, {}, doc));
            onus::build_clauses(doc);
            CHECK(balanced(doc));
            CHECK_FALSE(doc.title.empty());
            CHECK(doc.blocks.size() > (short_sla ? 10u : 20u));
            std::size_t last_line = 0;
            for (const onus::Block& b : doc.blocks) {
                INFO(b.text);
                for (const char* markup : {"{%", "{{", "<a ", "](http", "<span", "</", "<br"})
                    CHECK(b.text.find(markup) == std::string::npos);
                if (b.kind == onus::BlockKind::paragraph || b.kind == onus::BlockKind::table_row) {
                    CHECK(b.source.line >= last_line);
                    last_line = b.source.line;
                }
            }
            std::size_t numbered = 0;
            for (const onus::Clause& c : doc.clauses) numbered += c.number.empty() ? 0 : 1;
            if (!short_sla) CHECK(numbered > 10);
        }
    }
    CHECK(files > 30);
}
