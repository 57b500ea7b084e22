// The Akoma Ntoso reader on small documents stated inline, on the sample
// agreement, and on real AKN files from ../shared/corpus/xml.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>

#include "ingest/readers.hpp"
#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "onus/structure.hpp"
#include "support.hpp"
#include "words.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kNs = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

onus::Document read(const std::string& xml, const onus::LoadOptions& options = {}) {
    onus::Document doc;
    doc.path = "test.akn.xml";
    onus::ingest::read_akoma_ntoso(xml, options, doc);
    onus::build_clauses(doc);
    return doc;
}

// An act with `body` as its body, and a meta block that must never show.
std::string act(const std::string& body, const std::string& ns = kNs) {
    return "<akomaNtoso xmlns=\"" + ns +
           "\"><act name=\"act\"><meta><identification source=\"#x\"><FRBRWork><FRBRthis value=\"/akn/x\"/>"
           "</FRBRWork></identification><proprietary><secret>METADATA TEXT</secret></proprietary></meta>"
           "<body>" +
           body + "</body></act></akomaNtoso>";
}

const onus::Clause* clause(const onus::Document& doc, const std::string& number) {
    for (const onus::Clause& c : doc.clauses)
        if (c.number == number) return &c;
    return nullptr;
}

std::size_t left_out(const onus::Document& doc) {
    std::size_t n = 0;
    for (const auto& [reason, count] : doc.stats.left_out) n += count;
    return n;
}

std::string text_of(const onus::Document& doc) {
    std::ostringstream out;
    onus::write_document_text(doc, {}, out);
    return out.str();
}

std::string corpus(const std::string& name) {
    return onus::test::read_file(onus::test::shared_dir() / "corpus" / "xml" / name);
}

onus::Document read_corpus(const std::string& name) {
    onus::Document doc;
    doc.path = name;
    onus::ingest::read_akoma_ntoso(corpus(name), {}, doc);
    onus::build_clauses(doc);
    return doc;
}

// Indigo's expected renderings are its own plain-text markup: section
// keywords on lines of their own (BODY, PREAMBLE, SCHEDULE, HEADING...),
// "Chapter N - " before chapter headings, link targets after link text and
// backslash escapes. None of it is text of the act.
std::string indigo_words_only(std::string text) {
    text = std::regex_replace(text, std::regex(R"(\]\([^)]*\))"), "]");
    text = std::regex_replace(text, std::regex(R"((^|\n)(BODY|PREAMBLE|PREFACE|SCHEDULE|LONGTITLE)(?=\n))"), "$1");
    text = std::regex_replace(text, std::regex(R"((^|\n)(SUB)?HEADING )"), "$1");
    text = std::regex_replace(text, std::regex(R"((^|\n)(Chapter|Part) (\S+) - )"), "$1$3 ");
    return text;
}

}  // namespace

TEST_CASE("AKN containers become clauses: number as written, heading, depth", "[akn]") {
    onus::Document doc = read(act(
        "<chapter eId=\"chp_1\"><num>1</num><heading>General</heading>"
        "  <section eId=\"sec_1\"><num>1.</num><heading>Definitions</heading>"
        "    <content><p>In this Act —</p></content></section>"
        "  <section eId=\"sec_2\"><num>2.</num><heading>Application</heading>"
        "    <subsection><num>(1)</num><content><p>This Act applies.</p><p>A second paragraph.</p></content></subsection>"
        "    <subsection><num>(2)</num><intro><p>It does not apply to —</p></intro>"
        "      <paragraph><num>(a)</num><content><p>small events;</p></content></paragraph>"
        "    </subsection>"
        "  </section>"
        "</chapter>"
        "<article><num>Article 7</num><heading>Final</heading></article>"));
    REQUIRE(doc.format == "akoma-ntoso");
    REQUIRE(doc.blocks.size() == 9);
    const onus::Block& chapter = doc.blocks[0];
    CHECK(chapter.label == "1");
    CHECK(chapter.text == "General");
    CHECK(chapter.heading_level == 1);
    CHECK(chapter.list_level == 0);
    CHECK(doc.blocks[1].label == "1.");
    CHECK(doc.blocks[1].heading_level == 2);
    CHECK(doc.blocks[2].label.empty());
    CHECK(doc.blocks[2].text == "In this Act —");
    // A container without a heading: its first paragraph carries the number.
    const onus::Block& sub = doc.blocks[4];
    CHECK(sub.label == "(1)");
    CHECK(sub.text == "This Act applies.");
    CHECK(sub.heading_level == 0);
    CHECK(sub.list_level == 2);
    CHECK(doc.blocks[5].label.empty());
    CHECK(doc.blocks[6].label == "(2)");
    CHECK(doc.blocks[6].text == "It does not apply to —");
    CHECK(doc.blocks[7].label == "(a)");
    CHECK(doc.blocks[7].list_level == 3);
    CHECK(doc.blocks[8].label == "Article 7");

    const onus::Clause* two = clause(doc, "2.");
    REQUIRE(two);
    CHECK(two->heading == "Application");
    const onus::Clause* a = clause(doc, "(a)");
    REQUIRE(a);
    REQUIRE(a->parent);
    CHECK(doc.clauses[*a->parent].number == "(2)");
    CHECK(a->text == "small events;");
    REQUIRE(clause(doc, "Article 7"));
    CHECK(clause(doc, "Article 7")->heading == "Final");
    CHECK(text_of(doc).find("METADATA") == std::string::npos);
}

TEST_CASE("AKN: a container with only a number and sub-containers gets a block of its own", "[akn]") {
    onus::Document doc = read(act("<section><num>3.</num><subsection><num>(1)</num><content><p>x</p></content>"
                                  "</subsection></section>"));
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].label == "3.");
    CHECK(doc.blocks[0].text.empty());
    CHECK(doc.blocks[1].label == "(1)");
    const onus::Clause* sub = clause(doc, "(1)");
    REQUIRE(sub);
    REQUIRE(sub->parent);
    CHECK(doc.clauses[*sub->parent].number == "3.");
}

TEST_CASE("AKN: metadata is neither read nor counted; layout whitespace is collapsed and accounted", "[akn][stats]") {
    onus::Document doc = read(act("<section>\n  <num>1.</num>\n  <heading>\n    Scope   of\tthis Act\n  </heading>\n"
                                  "  <content>\n    <p>\n      Line one\n      continues.\n    </p>\n  </content>\n"
                                  "</section>"));
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].text == "Scope of this Act");
    CHECK(doc.blocks[1].text == "Line one continues.");
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
    // "METADATA TEXT" (13 code points) is not part of the count.
    std::size_t text_chars = std::string("1.Scope of this ActLine one continues.").size();
    CHECK(doc.stats.chars_emitted == text_chars);
    REQUIRE(doc.stats.left_out.size() == 1);
    CHECK(doc.stats.left_out[0].first == "whitespace (XML layout)");
}

TEST_CASE("AKN inline elements give their text; eol breaks; spaces between elements kept", "[akn]") {
    onus::Document doc = read(act(
        "<section><num>1.</num><content>"
        "<p>The <term refersTo=\"#x\">Provider</term> and <party>Acme <b>Ltd</b></party> per "
        "<ref href=\"/a\">section 4</ref><eol/>next line.</p>"
        "<p>AYES: <person>Mr. Alfa,</person>\n    <person>Mr. Beta</person></p>"
        "<p><img src=\"x.png\"/></p>"
        "</content></section>"));
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].text == "The Provider and Acme Ltd per section 4\nnext line.");
    CHECK(doc.blocks[1].text == "AYES: Mr. Alfa, Mr. Beta");
}

TEST_CASE("AKN authorialNote: a marker in the text, the note after the body", "[akn][notes]") {
    onus::Document doc = read(act("<section><num>1.</num><content><p>Provider shall encrypt"
                                  "<authorialNote marker=\"*\" eId=\"n1\"><p>Using AES.</p><p>Or better.</p>"
                                  "</authorialNote> data.</p><p>Second<authorialNote><p>Plain.</p>"
                                  "</authorialNote>.</p></content></section>"));
    REQUIRE(doc.blocks.size() == 4);
    const onus::Block& body = doc.blocks[0];
    CHECK(body.text == "Provider shall encrypt* data.");
    REQUIRE(body.notes.size() == 1);
    CHECK(body.notes[0].note_id == "footnote:n1");
    CHECK(body.notes[0].offset == std::string("Provider shall encrypt").size());
    CHECK(doc.blocks[1].text == "Second2.");
    const onus::Block& note = doc.blocks[2];
    CHECK(note.kind == onus::BlockKind::footnote);
    CHECK(note.note_id == "footnote:n1");
    CHECK(note.label == "*");
    CHECK(note.text == "Using AES.\nOr better.");
    CHECK(doc.blocks[3].label == "2");
    CHECK(doc.blocks[3].text == "Plain.");
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
}

TEST_CASE("AKN noteRef points at a note kept in meta/notes", "[akn][notes]") {
    std::string xml = "<akomaNtoso xmlns=\"" + kNs +
                      "\"><debate name=\"hansard\"><meta><notes source=\"#x\"><note eId=\"not01\"><p>BES: "
                      "definition</p></note><note eId=\"unused\"><p>never shown</p></note></notes></meta>"
                      "<debateBody><debateSection><heading>ANSWERS</heading><speech><from>Mr. Eta</from>"
                      "<p>teachers in the BES<noteRef href=\"#not01\" marker=\"1\"/>. Whereas</p></speech>"
                      "</debateSection></debateBody></debate></akomaNtoso>";
    onus::Document doc = read(xml);
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[0].text == "ANSWERS");
    CHECK(doc.blocks[0].heading_level == 1);
    CHECK(doc.blocks[1].text == "Mr. Eta");
    CHECK(doc.blocks[2].text == "teachers in the BES1. Whereas");
    REQUIRE(doc.blocks[2].notes.size() == 1);
    CHECK(doc.blocks[3].kind == onus::BlockKind::footnote);
    CHECK(doc.blocks[3].note_id == doc.blocks[2].notes[0].note_id);
    CHECK(doc.blocks[3].text == "BES: definition");
    CHECK(text_of(doc).find("never shown") == std::string::npos);
}

TEST_CASE("AKN tables: one block per row, cells by tab, spans and breaks inside cells", "[akn][tables]") {
    onus::Document doc = read(act("<section><num>9.2</num><heading>Credits</heading><content>"
                                  "<p>As follows:</p><table eId=\"t1\">"
                                  "<tr><th><p>Tier</p></th><th><p>Credit</p></th></tr>"
                                  "<tr><td><p>Tier 1</p></td><td><p>10%<br/>of fees</p></td></tr>"
                                  "<tr><td colspan=\"2\"><p>Credits are capped.</p><p>Really.</p></td></tr>"
                                  "</table></content></section>"));
    REQUIRE(doc.blocks.size() == 5);
    const onus::Block& header = doc.blocks[2];
    CHECK(header.kind == onus::BlockKind::table_row);
    CHECK(header.table_depth == 1);
    CHECK(header.cells == std::vector<std::string>{"Tier", "Credit"});
    CHECK(header.text == "Tier\tCredit");
    CHECK(doc.blocks[3].cells == std::vector<std::string>{"Tier 1", "10% of fees"});
    CHECK(doc.blocks[4].cells == std::vector<std::string>{"Credits are capped. Really."});
    const onus::Clause* c = clause(doc, "9.2");
    REQUIRE(c);
    CHECK(c->heading == "Credits");
}

TEST_CASE("AKN: title, preface, preamble, attachments with headings, nested documents", "[akn]") {
    std::string xml =
        "<akomaNtoso xmlns=\"" + kNs +
        "\"><doc name=\"agreement\"><meta/><preface><p class=\"title\"><docTitle>Cloud   Terms</docTitle></p>"
        "<p>Between <party>Acme</party> and you.</p></preface><preamble><p>The Parties agree:</p></preamble>"
        "<mainBody><section><num>1.</num><heading>Services</heading><content><p>We host.</p></content></section>"
        "</mainBody><conclusions><p>Signed.</p></conclusions><attachments><attachment><heading>Schedule 1</heading>"
        "<subheading>Fees</subheading><doc name=\"schedule\"><meta><identification><FRBRWork>hidden</FRBRWork>"
        "</identification></meta><mainBody><p>Fees are due monthly.</p></mainBody></doc></attachment>"
        "</attachments></doc></akomaNtoso>";
    onus::Document doc = read(xml);
    CHECK(doc.title == "Cloud Terms");
    std::vector<std::string> texts;
    for (const onus::Block& b : doc.blocks) texts.push_back(b.label.empty() ? b.text : b.label + " " + b.text);
    CHECK(texts == std::vector<std::string>{"Cloud Terms", "Between Acme and you.", "The Parties agree:",
                                            "1. Services", "We host.", "Signed.", "Schedule 1 \u2013 Fees",
                                            "Fees are due monthly."});
    CHECK(doc.blocks[6].heading_level == 1);
}

TEST_CASE("AKN: older and draft namespaces read alike; other roots are refused", "[akn]") {
    std::string body = "<section><num>1.</num><heading>Scope</heading><content><p>Text.</p></content></section>";
    for (const std::string ns : {"http://www.akomantoso.org/2.0", "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD06",
                                 "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17"}) {
        INFO(ns);
        onus::Document doc = read(act(body, ns));
        REQUIRE(doc.blocks.size() == 2);
        CHECK(doc.blocks[0].label == "1.");
        CHECK(doc.blocks[0].text == "Scope");
    }
    // An element of another vocabulary named like an AKN one is not one.
    onus::Document doc = read(act("<section><num>1.</num><x:heading xmlns:x=\"urn:other\">Not a heading</x:heading>"
                                  "<content><p>Text.</p></content></section>"));
    CHECK(doc.blocks[0].label == "1.");
    CHECK(doc.blocks[0].heading_level == 0);

    onus::Document other;
    other.path = "x.xml";
    try {
        onus::ingest::read_akoma_ntoso("<akomaNtoso xmlns=\"urn:not-akn\"/>", {}, other);
        FAIL("no error");
    } catch (const onus::Error& e) {
        CHECK(e.code() == onus::ErrorCode::malformed);
    }
}

TEST_CASE("AKN: a quoted structure inside a paragraph splits it", "[akn]") {
    onus::Document doc = read(act("<section><num>5.</num><content><p>Section 3 is replaced by <mod>"
                                  "<quotedStructure><section><num>3.</num><heading>New</heading></section>"
                                  "</quotedStructure></mod> with effect from today.</p></content></section>"));
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].label == "5.");
    CHECK(doc.blocks[0].text == "Section 3 is replaced by");
    CHECK(doc.blocks[1].label == "3.");
    CHECK(doc.blocks[1].text == "New");
    CHECK(doc.blocks[2].text == "with effect from today.");
}

TEST_CASE("AKN hostile: entities stay inert, external DTDs unread, depth and encoding checked", "[akn][hostile]") {
    std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE akomaNtoso [<!ENTITY lol \"lol\"><!ENTITY lol2 "
        "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    onus::Document doc = read(laughs + act("<section><num>1.</num><content><p>a &lol3; b &xxe; c</p></content>"
                                           "</section>"));
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].text == "a &lol3; b &xxe; c");  // never expanded, never fetched
    REQUIRE(!doc.warnings.empty());
    CHECK(doc.warnings[0].message.find("entity") != std::string::npos);

    // "&amp;x;" is an escaped ampersand, not a reference: no warning.
    onus::Document amp = read(act("<section><num>1.</num><content><p>AT&amp;T; ok</p></content></section>"));
    CHECK(amp.blocks[0].text == "AT&T; ok");
    CHECK(amp.warnings.empty());

    std::string deep;
    for (int i = 0; i < 300; ++i) deep += "<hcontainer>";
    deep += "<p>x</p>";
    for (int i = 0; i < 300; ++i) deep += "</hcontainer>";
    try {
        read(act(deep));
        FAIL("no error");
    } catch (const onus::Error& e) {
        CHECK(e.code() == onus::ErrorCode::limit);
    }
    onus::LoadOptions roomy;
    roomy.limits.max_xml_depth = 400;
    CHECK(read(act(deep), roomy).blocks.size() == 1);

    try {
        read(act("<section><num>1.</num><content><p>caf\xE9</p></content></section>"));
        FAIL("no error");
    } catch (const onus::Error& e) {
        CHECK(e.code() == onus::ErrorCode::malformed);
    }
    onus::LoadOptions few;
    few.limits.max_blocks = 3;
    try {
        read(act("<p>1</p><p>2</p><p>3</p><p>4</p>"), few);
        FAIL("no error");
    } catch (const onus::Error& e) {
        CHECK(e.code() == onus::ErrorCode::limit);
    }
    onus::Document surrogate = read(act("<p>a&#xD800;b</p>"));
    CHECK(surrogate.stats.invalid_utf8_replaced > 0);
    CHECK(surrogate.blocks[0].text.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("the sample agreement as Akoma Ntoso reads like its expected text", "[akn][samples]") {
    auto samples = onus::test::source_dir() / "samples";
    onus::Document doc;
    doc.path = "northwind-csa.akn.xml";
    onus::ingest::read_akoma_ntoso(onus::test::read_file(samples / "northwind-csa.akn.xml"), {}, doc);
    onus::build_clauses(doc);
    CHECK(doc.title == "Northwind Cloud Services Agreement");
    std::string got = text_of(doc);
    got = got.substr(0, got.find("[notes]"));
    std::string want = onus::test::read_file(samples / "northwind-csa.expected.txt");
    // The footnote mark "1" after "report" is the one difference, as for DOCX.
    CHECK(onus::test::similarity(onus::test::word_tokens_of(want), onus::test::word_tokens_of(got)) > 0.999);
    std::istringstream lines(want);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || !(std::isdigit(static_cast<unsigned char>(line[0])) || line[0] == '(')) continue;
        std::string label = line.substr(0, line.find(' '));
        CHECK(got.find(label + " ") != std::string::npos);
    }
    const onus::Clause* c = nullptr;
    for (const onus::Clause& x : doc.clauses)
        if (x.id == "4.2(b)") c = &x;
    REQUIRE(c);
    CHECK(c->text.find("within thirty (30) days") != std::string::npos);
    REQUIRE(clause(doc, "9.2"));
    CHECK(clause(doc, "9.2")->heading == "Service Credits");
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
}

TEST_CASE("corpus AKN files read with their numbered clauses", "[akn][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    for (const char* name :
         {"akn-mangiafico__113hr1120rh.akn.xml", "akn-mangiafico__hc113groceriesbook.akn.xml",
          "akn-oasis__ke_Debate_Bungeni_2011-06-10.an.xml", "bluebell__nested_attachments.xml",
          "indigo__act_text-complex-headings-input.xml", "indigo__act_text-escaping-input.xml",
          "indigo__act_text-general-input.xml", "indigo__bad_spans_in.xml",
          "oxygen-ldml__eu_COM_2013_0619_EN-8.akn.xml"}) {
        INFO(name);
        onus::Document doc = read_corpus(name);
        CHECK(doc.format == "akoma-ntoso");
        CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
        std::size_t headed = 0;
        for (const onus::Clause& c : doc.clauses) headed += !c.heading.empty();
        CHECK(headed > 0);
    }

    onus::Document oxygen = read_corpus("oxygen-ldml__eu_COM_2013_0619_EN-8.akn.xml");
    CHECK(oxygen.title ==
          "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on new psychoactive substances");
    REQUIRE(clause(oxygen, "Article 1"));
    CHECK(clause(oxygen, "Article 1")->heading == "Subject matter and scope");
    REQUIRE(clause(oxygen, "CHAPTER I"));
    CHECK(clause(oxygen, "CHAPTER I")->heading == "Subject matter - Scope - Definitions");
    REQUIRE(clause(oxygen, "2.2."));
    CHECK(clause(oxygen, "2.2.")->heading == "Impact Assessment");
    std::size_t footnotes = 0;
    for (const onus::Block& b : oxygen.blocks) footnotes += b.kind == onus::BlockKind::footnote;
    CHECK(footnotes == 31);  // every authorialNote

    onus::Document debate = read_corpus("akn-oasis__ke_Debate_Bungeni_2011-06-10.an.xml");
    CHECK(debate.title == "SECOND MEETING, 2011");
    bool answers = false, note = false;
    for (const onus::Clause& c : debate.clauses) answers = answers || c.heading == "ORAL ANSWERS TO QUESTIONS";
    for (const onus::Block& b : debate.blocks)
        note = note || (b.kind == onus::BlockKind::footnote && b.text == "BES: definition of Educational System");
    CHECK(answers);
    CHECK(note);

    onus::Document bill = read_corpus("akn-mangiafico__113hr1120rh.akn.xml");
    REQUIRE(clause(bill, "Sec. 2."));
    CHECK(clause(bill, "Sec. 2.")->heading == "Activities by the National Labor Relations Board prohibited");
    REQUIRE(clause(bill, "Section. 1."));

    // bluebell's .txt beside this file is the source of a different test
    // (its annexes have content, this file's are empty): only the
    // attachment headings are shared.
    onus::Document nested = read_corpus("bluebell__nested_attachments.xml");
    std::vector<std::string> headings;
    for (const onus::Clause& c : nested.clauses)
        if (!c.heading.empty()) headings.push_back(c.heading.substr(0, c.heading.find(" \u2013")));
    CHECK(headings == std::vector<std::string>{"Annex", "Nested Annex", "Nested Annex Sibling"});
    CHECK(nested.clauses[1].parent == std::optional<std::size_t>(0));

    onus::Document spans = read_corpus("indigo__bad_spans_in.xml");
    REQUIRE(clause(spans, "1."));
    CHECK(clause(spans, "1.")->heading == "Heading");
    std::size_t rows = 0;
    for (const onus::Block& b : spans.blocks) rows += b.kind == onus::BlockKind::table_row;
    CHECK(rows > 80);

    onus::Document general = read_corpus("indigo__act_text-general-input.xml");
    REQUIRE(clause(general, "4B."));
    CHECK(clause(general, "4B.")->heading == "Minimum criteria for appointment as safety officer");
}

TEST_CASE("indigo acts read like indigo's own text rendering", "[akn][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    for (const char* test : {"complex-headings", "escaping", "general"}) {
        std::string stem = std::string("indigo__act_text-") + test;
        onus::Document doc = read_corpus(stem + "-input.xml");
        std::string want = indigo_words_only(corpus(stem + "-output.txt"));
        double s = onus::test::similarity(onus::test::word_tokens_of(want), onus::test::word_tokens_of(text_of(doc)));
        INFO(stem << " similarity " << s);
        CHECK(s >= 0.95);
    }
}

TEST_CASE("akn: a paragraph that starts like a number is text, since numbers stand in <num>", "[akn]") {
    const std::string xml =
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act><body>"
        "<section eId=\"s1\"><num>1.</num><heading>Scope</heading>"
        "<content><p>3. this line should be escaped</p></content></section></body></act></akomaNtoso>";
    onus::Document doc = onus::load_bytes(xml, "escaped.xml");
    std::size_t numbered = 0;
    for (const onus::Clause& c : doc.clauses) numbered += c.number.empty() ? 0 : 1;
    CHECK(numbered == 1);
    bool found = false;
    for (const onus::Clause& c : doc.clauses) found = found || c.text == "3. this line should be escaped";
    CHECK(found);
}
