// The DOCX reader on small documents stated inline (Flat OPC, same code
// path as zipped DOCX): what Word would show, nothing more, nothing less.
#include <catch2/catch.hpp>

#include <sstream>

#include "flat_opc.hpp"
#include "onus/ingest.hpp"
#include "onus/report.hpp"

using onus::test::flat_opc;
using onus::test::para;
using onus::test::WordParts;

namespace {

onus::Document load(const WordParts& parts, onus::ChangeView view = onus::ChangeView::accept) {
    onus::LoadOptions options;
    options.changes = view;
    return onus::load_bytes(flat_opc(parts), "test.xml", options);
}

std::string text_of(const WordParts& parts, onus::ChangeView view = onus::ChangeView::accept) {
    std::ostringstream out;
    onus::TextOptions options;
    options.changes = view;
    onus::write_document_text(load(parts, view), options, out);
    return out.str();
}

const std::string kLegalNumbering =
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText "
    "w:val=\"(%3)\"/></w:lvl>"
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";

}  // namespace

TEST_CASE("automatic numbering renders multi-level labels", "[docx][numbering]") {
    WordParts parts;
    parts.numbering = kLegalNumbering;
    parts.body = para("Services", "1", 0) + para("Provider shall host.", "1", 1) + para("backups", "1", 2) +
                 para("logs", "1", 2) + para("Security", "1", 0) + para("Customer shall.", "1", 1);
    CHECK(text_of(parts) ==
          "1. Services\n1.1 Provider shall host.\n(a) backups\n(b) logs\n2. Security\n2.1 Customer shall.\n");
}

TEST_CASE("clauses get ids qualified by their parents", "[docx][structure]") {
    WordParts parts;
    parts.numbering = kLegalNumbering;
    parts.body = para("Services", "1", 0) + para("Provider shall host.", "1", 1) + para("backups", "1", 2) +
                 para("An unnumbered paragraph.") + para("Security", "1", 0);
    onus::Document doc = load(parts);
    REQUIRE(doc.clauses.size() == 5);
    CHECK(doc.clauses[0].id == "1");
    CHECK(doc.clauses[0].heading == "Services");
    CHECK(doc.clauses[1].id == "1.1");
    CHECK(doc.clauses[1].parent == std::optional<std::size_t>(0));
    CHECK(doc.clauses[2].id == "1.1(a)");
    CHECK(doc.clauses[2].number == "(a)");
    CHECK(doc.clauses[2].level == 3);
    CHECK(doc.clauses[2].text == "backups");
    // A further paragraph is a unit of its own under the clause.
    CHECK(doc.clauses[3].id == "1.1(a)\u00B62");
    CHECK(doc.clauses[3].number.empty());
    CHECK(doc.clauses[3].parent == std::optional<std::size_t>(2));
    CHECK(doc.clauses[3].text == "An unnumbered paragraph.");
    CHECK(doc.clauses[4].id == "2");
    CHECK(doc.clauses[4].parent == std::nullopt);
}

TEST_CASE("heading styles take their numbers from the style", "[docx][numbering]") {
    WordParts parts;
    parts.numbering = kLegalNumbering;
    parts.styles =
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
        "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
        "<w:basedOn w:val=\"Heading1\"/><w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr>"
        "<w:outlineLvl w:val=\"1\"/></w:pPr></w:style>";
    parts.body = para("Definitions", "", 0, "Heading1") + para("Terms", "", 0, "Heading2") +
                 para("Body text.") + para("Security", "", 0, "Heading1");
    onus::Document doc = load(parts);
    CHECK(text_of(parts) == "1. Definitions\n1.1 Terms\nBody text.\n2. Security\n");
    REQUIRE(doc.clauses.size() == 3);
    CHECK(doc.clauses[1].heading == "Terms");
    CHECK(doc.clauses[1].level == 2);
    CHECK(doc.clauses[1].text == "Body text.");
}

TEST_CASE("tracked changes: accept, reject and markup views", "[docx][changes]") {
    WordParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">Notify within </w:t></w:r>"
        "<w:del w:id=\"1\" w:author=\"Ann\" w:date=\"2024-01-02T00:00:00Z\"><w:r><w:delText>24</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"Ann\" w:date=\"2024-01-02T00:00:00Z\"><w:r><w:t>72</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space=\"preserve\"> hours.</w:t></w:r></w:p>";
    CHECK(text_of(parts, onus::ChangeView::accept) == "Notify within 72 hours.\n");
    CHECK(text_of(parts, onus::ChangeView::reject) == "Notify within 24 hours.\n");
    CHECK(text_of(parts, onus::ChangeView::markup) ==
          "Notify within [-24-]{+72+} hours.  (changes by Ann 2024-01-02T00:00:00Z)\n");
    onus::Document doc = load(parts, onus::ChangeView::markup);
    REQUIRE(doc.blocks.size() == 1);
    REQUIRE(doc.blocks[0].changes.size() == 2);
    CHECK(doc.blocks[0].changes[0].kind == onus::ChangeMark::Kind::deletion);
    CHECK(doc.blocks[0].changes[0].author == "Ann");
    onus::Document accepted = load(parts);
    CHECK(accepted.stats.chars_read == accepted.stats.chars_emitted + 2);
}

TEST_CASE("a deleted numbered paragraph does not advance the numbering when accepted", "[docx][changes]") {
    WordParts parts;
    parts.numbering = kLegalNumbering;
    std::string deleted =
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"
        "<w:rPr><w:del w:id=\"9\" w:author=\"Bo\" w:date=\"2024-01-01T00:00:00Z\"/></w:rPr></w:pPr>"
        "<w:del w:id=\"10\" w:author=\"Bo\"><w:r><w:delText>Old clause</w:delText></w:r></w:del></w:p>";
    parts.body = para("First", "1", 0) + deleted + para("Last", "1", 0);
    CHECK(text_of(parts, onus::ChangeView::accept) == "1. First\n2. Last\n");
    CHECK(text_of(parts, onus::ChangeView::reject) == "1. First\n2. Old clause\n3. Last\n");
}

TEST_CASE("moved text appears once in each view", "[docx][changes]") {
    WordParts parts;
    parts.body =
        "<w:p><w:moveFrom w:id=\"1\" w:author=\"C\"><w:r><w:t>Moved words.</w:t></w:r></w:moveFrom></w:p>"
        "<w:p><w:r><w:t>Middle.</w:t></w:r></w:p>"
        "<w:p><w:moveTo w:id=\"2\" w:author=\"C\"><w:r><w:t>Moved words.</w:t></w:r></w:moveTo></w:p>";
    CHECK(text_of(parts, onus::ChangeView::accept) == "Middle.\nMoved words.\n");
    CHECK(text_of(parts, onus::ChangeView::reject) == "Moved words.\nMiddle.\n");
}

TEST_CASE("fields show their result, never their instruction", "[docx][fields]") {
    WordParts parts;
    parts.body =
        "<w:p><w:r><w:t xml:space=\"preserve\">See </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Section 4.2</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:fldSimple w:instr=\"PAGE\"><w:r><w:t xml:space=\"preserve\"> (page 3)</w:t></w:r></w:fldSimple></w:p>";
    CHECK(text_of(parts) == "See Section 4.2 (page 3)\n");
    onus::Document doc = load(parts);
    bool counted = false;
    for (auto& [reason, n] : doc.stats.left_out) counted = counted || (reason == "field instructions" && n > 0);
    CHECK(counted);
}

TEST_CASE("tables come row by row with tab-separated cells, nested tables inline", "[docx][tables]") {
    auto cell = [](const std::string& inner) { return "<w:tc>" + inner + "</w:tc>"; };
    std::string nested = "<w:tbl><w:tr>" + cell(para("x")) + cell(para("y")) + "</w:tr></w:tbl>";
    WordParts parts;
    parts.body = para("Before") + "<w:tbl><w:tr>" + cell(para("Uptime")) + cell(para("Credit")) +
                 "</w:tr><w:tr>" + cell(para("99.9%")) + cell(para("10%") + nested) + "</w:tr></w:tbl>" +
                 para("After");
    CHECK(text_of(parts) == "Before\nUptime\tCredit\n99.9%\t10% x y\nAfter\n");
}

TEST_CASE("alternate content is read once; text boxes where anchored", "[docx][shapes]") {
    WordParts parts;
    parts.body =
        "<w:p><w:r><w:t>Anchor.</w:t></w:r><w:r><mc:AlternateContent>"
        "<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>" +
        para("Boxed text.") +
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>" +
        para("Boxed text.") + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>" +
        para("Next.");
    CHECK(text_of(parts) == "Anchor.\nBoxed text.\nNext.\n");
}

TEST_CASE("footnotes are numbered in reference order and listed after the body", "[docx][notes]") {
    WordParts parts;
    parts.body = "<w:p><w:r><w:t>Claim.</w:t></w:r><w:r><w:footnoteReference w:id=\"7\"/></w:r></w:p>";
    parts.footnotes =
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
        "<w:footnote w:id=\"7\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> The "
        "note.</w:t></w:r></w:p></w:footnote>";
    CHECK(text_of(parts) == "Claim.1\n[notes]\n1 The note.\n");
    onus::Document doc = load(parts);
    REQUIRE(doc.clauses.size() == 1);
    CHECK(doc.clauses[0].blocks.size() == 1);
    CHECK(doc.blocks[0].notes.at(0).note_id == "footnote:7");
}

TEST_CASE("comments are kept with their author, apart from the text", "[docx][comments]") {
    WordParts parts;
    parts.body = "<w:p><w:r><w:t>Text.</w:t></w:r><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>";
    parts.comments = "<w:comment w:id=\"0\" w:author=\"Legal\"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>";
    CHECK(text_of(parts) == "Text.\n");
    onus::Document doc = load(parts);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[1].kind == onus::BlockKind::comment);
    CHECK(doc.blocks[1].author == "Legal");
    CHECK(doc.blocks[1].text == "Check this.");
}

TEST_CASE("runs: tabs, breaks, hyphens, symbols, hidden text, content controls", "[docx][runs]") {
    WordParts parts;
    parts.body =
        "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t>"
        "<w:softHyphen/><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>"
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>Z</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:hyperlink r:id=\"rId9\"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>";
    CHECK(text_of(parts) == "a\tb c\u2011d\u00AD\u2022Zlink\n");
    onus::Document doc = load(parts);
    CHECK(doc.blocks[0].text.find('\n') != std::string::npos);  // the break is kept in the model
    CHECK_FALSE(doc.warnings.empty());                             // hidden text is reported
}

TEST_CASE("strict OOXML namespaces read like transitional ones", "[docx][strict]") {
    std::string doc =
        "<?xml version=\"1.0\"?><pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">"
        "<pkg:part pkg:name=\"/_rels/.rels\"><pkg:xmlData><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
        "Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" "
        "Target=\"word/document.xml\"/></Relationships></pkg:xmlData></pkg:part>"
        "<pkg:part pkg:name=\"/word/document.xml\"><pkg:xmlData><x:document "
        "xmlns:x=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><x:body><x:p><x:r><x:t>Strict "
        "text.</x:t></x:r></x:p></x:body></x:document></pkg:xmlData></pkg:part></pkg:package>";
    onus::Document d = onus::load_bytes(doc, "strict.xml");
    REQUIRE(d.blocks.size() == 1);
    CHECK(d.blocks[0].text == "Strict text.");
    CHECK(d.format == "flat-opc");
}

TEST_CASE("typed numbers are recognised as clause numbers", "[structure]") {
    WordParts parts;
    parts.body = para("4. Security") + para("4.2 Provider shall encrypt data.") + para("(a) at rest;") +
                 para("(b) in transit.") + para("Section 5.01 Audits") + para("2020 was a busy year.");
    onus::Document doc = load(parts);
    REQUIRE(doc.clauses.size() == 5);
    CHECK(doc.clauses[0].number == "4.");
    CHECK(doc.clauses[1].id == "4.2");
    CHECK(doc.clauses[1].text == "Provider shall encrypt data.");
    CHECK(doc.clauses[2].id == "4.2(a)");
    CHECK(doc.clauses[3].parent == std::optional<std::size_t>(1));
    CHECK(doc.clauses[4].number == "Section 5.01");
    CHECK(doc.clauses[4].heading == "Audits");
    CHECK(doc.clauses[4].text == "2020 was a busy year.");  // a heading's first paragraph is its text
}

TEST_CASE("an unknown element holding text is read, with a warning", "[docx][odd]") {
    WordParts parts;
    parts.body = "<w:p2><w:r><w:t>Kept text.</w:t></w:r></w:p2>"
                 "<w:p><w:r><w:t>Before </w:t></w:r><w:foo><w:r><w:t>inner</w:t></w:r></w:foo></w:p>";
    onus::Document doc = load(parts);
    CHECK(text_of(parts) == "Kept text.\nBefore inner\n");
    CHECK(doc.warnings.size() == 2);
}
