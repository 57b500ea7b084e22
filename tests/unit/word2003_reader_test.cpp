// The Word 2003 XML reader on small documents stated inline, and the
// documents that exist as DOCX, Flat OPC and Word 2003 XML: all three must
// extract to the same text.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "ingest/readers.hpp"
#include "onus/error.hpp"
#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "onus/structure.hpp"
#include "support.hpp"
#include "words.hpp"

using onus::BlockKind;
using onus::ChangeView;
using onus::Document;

namespace {

struct Word2003 {
    std::string body;
    std::string lists;
    std::string styles;
    std::string title;
};

std::string xml_of(const Word2003& w) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
           "<?mso-application progid=\"Word.Document\"?>"
           "<w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\" "
           "xmlns:wx=\"http://schemas.microsoft.com/office/word/2003/auxHint\" "
           "xmlns:aml=\"http://schemas.microsoft.com/aml/2001/core\" "
           "xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:v=\"urn:schemas-microsoft-com:vml\" "
           "xmlns:ns0=\"urn:example:custom\">"
           "<o:DocumentProperties><o:Title>" + w.title + "</o:Title></o:DocumentProperties>"
           "<w:lists>" + w.lists + "</w:lists><w:styles>" + w.styles + "</w:styles>"
           "<w:body><wx:sect>" + w.body + "</wx:sect></w:body></w:wordDocument>";
}

Document read_bytes(const std::string& bytes, ChangeView view = ChangeView::accept) {
    onus::LoadOptions options;
    options.changes = view;
    Document doc;
    doc.path = "test.xml";
    onus::ingest::read_word2003(bytes, options, doc);
    onus::build_clauses(doc);
    return doc;
}

Document read(const Word2003& w, ChangeView view = ChangeView::accept) { return read_bytes(xml_of(w), view); }

std::string text_of(const Document& doc, ChangeView view = ChangeView::accept) {
    std::ostringstream out;
    onus::TextOptions options;
    options.changes = view;
    onus::write_document_text(doc, options, out);
    return out.str();
}

std::size_t left_out_total(const Document& doc) {
    std::size_t n = 0;
    for (const auto& [reason, count] : doc.stats.left_out) n += count;
    return n;
}

std::string run(const std::string& text) { return "<w:r><w:t>" + text + "</w:t></w:r>"; }

std::string para(const std::string& runs, const std::string& ppr = "") {
    return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

std::string list_pr(int ilfo, int ilvl) {
    return "<w:listPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:ilfo w:val=\"" + std::to_string(ilfo) +
           "\"/></w:listPr>";
}

std::string lvl(int ilvl, int nfc, const std::string& text, int start = 1) {
    return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"" + std::to_string(start) +
           "\"/><w:nfc w:val=\"" + std::to_string(nfc) + "\"/><w:lvlText w:val=\"" + text + "\"/></w:lvl>";
}

// listDef 0: "1." / "1.1" / "(a)" / "(i)"; listDef 1: "A." / bullet.
const std::string kLists =
    "<w:listDef w:listDefId=\"0\">" + lvl(0, 0, "%1.") + lvl(1, 0, "%1.%2") + lvl(2, 4, "(%3)") +
    lvl(3, 2, "(%4)") + "</w:listDef>"
    "<w:listDef w:listDefId=\"1\">" + lvl(0, 3, "%1.") + lvl(1, 23, "\u2022") + "</w:listDef>"
    "<w:list w:ilfo=\"1\"><w:ilst w:val=\"0\"/></w:list>"
    "<w:list w:ilfo=\"2\"><w:ilst w:val=\"1\"/></w:list>"
    "<w:list w:ilfo=\"3\"><w:ilst w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/>"
    "</w:lvlOverride></w:list>";

const std::string kStyles =
    "<w:style w:type=\"paragraph\" w:default=\"on\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:listPr><w:ilfo w:val=\"1\"/></w:listPr></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Clause\"><w:name w:val=\"Clause\"/>"
    "<w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>";

std::string ann(const std::string& type, const std::string& content, const std::string& author = "Ann") {
    return "<aml:annotation aml:id=\"1\" w:type=\"" + type + "\" aml:author=\"" + author +
           "\" aml:createdate=\"2024-01-02T03:04:00Z\"><aml:content>" + content + "</aml:content></aml:annotation>";
}

}  // namespace

TEST_CASE("word2003 paragraphs, runs, tabs, breaks, fields and wrappers", "[word2003]") {
    Word2003 w;
    w.title = "Master Agreement";
    w.styles = kStyles;
    w.body = "<wx:sub>" + para(run("Provider") + run(" shall") + "<w:r><w:tab/><w:t>encrypt</w:t><w:br/>"
                                                                  "<w:t>data</w:t></w:r>") +
             "</wx:sub>" +
             para("<w:hlink w:dest=\"http://x\">" + run("link") + "</w:hlink>" +
                  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
                  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run("3") +
                  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" +
                  "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>") +
             "<ns0:clause>" + para("<ns0:term>" + run("custom") + "</ns0:term>") + "</ns0:clause>" +
             para(run("Body of clause"), "<w:pStyle w:val=\"Clause\"/>") +
             "<w:sectPr><w:hdr w:type=\"odd\">" + para(run("Header text")) + "</w:hdr></w:sectPr>";
    Document doc = read(w);
    CHECK(doc.format == "word2003");
    CHECK(doc.title == "Master Agreement");
    REQUIRE(doc.blocks.size() == 5);
    CHECK(doc.blocks[0].text == "Provider shall\tencrypt\ndata");
    CHECK(doc.blocks[1].text == "link3");
    CHECK(doc.blocks[2].text == "custom");
    CHECK(doc.blocks[3].heading_level == 3);
    CHECK(doc.blocks[3].style == "Clause");
    CHECK(doc.blocks[4].kind == BlockKind::header);
    CHECK(doc.blocks[4].text == "Header text");
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out_total(doc));
    CHECK(left_out_total(doc) == 6 + 6);  // " PAGE " and "hidden"
}

TEST_CASE("word2003 lists render through the DOCX numbering engine", "[word2003][numbering]") {
    Word2003 w;
    w.lists = kLists;
    w.styles = kStyles;
    w.body = para(run("Services"), "<w:pStyle w:val=\"Heading1\"/>") +
             para(run("Provider shall host."), list_pr(1, 1)) + para(run("backups"), list_pr(1, 2)) +
             para(run("logs"), list_pr(1, 2)) + para(run("daily"), list_pr(1, 3)) +
             para(run("Security"), "<w:pStyle w:val=\"Heading1\"/>") + para(run("Keys."), list_pr(1, 1)) +
             para(run("Alpha"), list_pr(2, 0)) + para(run("point"), list_pr(2, 1)) + para(run("Beta"), list_pr(2, 0)) +
             para(run("Eee"), list_pr(3, 0)) + para(run("Unlisted"), list_pr(0, 0));
    Document doc = read(w);
    CHECK(text_of(doc) ==
          "1. Services\n1.1 Provider shall host.\n(a) backups\n(b) logs\n(i) daily\n2. Security\n2.1 Keys.\n"
          "A. Alpha\n\u2022 point\nB. Beta\nE. Eee\nUnlisted\n");
    REQUIRE(doc.blocks.size() == 12);
    CHECK(doc.blocks[0].heading_level == 1);
    CHECK(doc.blocks[2].list_level == 2);
    CHECK(doc.blocks[8].label_is_bullet);
    CHECK(doc.blocks[11].list_level == -1);
    REQUIRE(doc.clauses.size() >= 2);
    CHECK(doc.clauses[1].id == "1.1");
}

TEST_CASE("word2003 tables", "[word2003][table]") {
    Word2003 w;
    auto cell = [](const std::string& text) { return "<w:tc><w:tcPr/>" + para(run(text)) + "</w:tc>"; };
    w.body = "<w:tbl><w:tblPr/><w:tr>" + cell("Tier") + cell("Credit") + "</w:tr><w:tr>" + cell("1") + cell("10%") +
             "</w:tr><w:tr><w:tc>" + para("") + "</w:tc></w:tr></w:tbl>" + para(run("after"));
    Document doc = read(w);
    CHECK(text_of(doc) == "Tier\tCredit\n1\t10%\nafter\n");
    CHECK(doc.blocks[0].kind == BlockKind::table_row);
    CHECK(doc.blocks[0].table_depth == 1);
}

TEST_CASE("word2003 tracked changes (aml:annotation) in each view", "[word2003][changes]") {
    Word2003 w;
    w.lists = kLists;
    std::string del_mark = "<w:rPr><aml:annotation aml:id=\"9\" w:type=\"Word.Deletion\" aml:author=\"Bob\" "
                           "aml:createdate=\"2024-02-03T00:00:00Z\"/></w:rPr>";
    w.body = para(run("Provider ") + ann("Word.Insertion", run("shall")) +
                  ann("Word.Deletion", "<w:r><w:delText>may</w:delText></w:r>", "Bob") + run(" encrypt.")) +
             para(run("one"), list_pr(1, 2)) +
             para(ann("Word.Deletion", "<w:r><w:delText>gone item</w:delText></w:r>", "Bob"),
                  list_pr(1, 2) + del_mark) +
             para(run("two"), list_pr(1, 2));
    SECTION("accept") {
        Document doc = read(w);
        CHECK(text_of(doc) == "Provider shall encrypt.\n(a) one\n(b) two\n");
        CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out_total(doc));
    }
    SECTION("reject") {
        Document doc = read(w, ChangeView::reject);
        CHECK(text_of(doc, ChangeView::reject) == "Provider may encrypt.\n(a) one\n(b) gone item\n(c) two\n");
    }
    SECTION("markup") {
        Document doc = read(w, ChangeView::markup);
        const onus::Block& b = doc.blocks.at(0);
        CHECK(b.text == "Provider shallmay encrypt.");
        REQUIRE(b.changes.size() == 2);
        CHECK(b.changes[0].kind == onus::ChangeMark::Kind::insertion);
        CHECK(b.changes[0].author == "Ann");
        CHECK(b.changes[0].date == "2024-01-02T03:04:00Z");
        CHECK(b.text.substr(b.changes[1].start, b.changes[1].end - b.changes[1].start) == "may");
        CHECK(b.changes[1].kind == onus::ChangeMark::Kind::deletion);
        CHECK(b.changes[1].author == "Bob");
    }
}

TEST_CASE("word2003 inline notes and comments", "[word2003][notes]") {
    Word2003 w;
    w.body = para(run("Logs are kept") +
                  "<w:r><w:footnote>" + para("<w:r><w:footnoteRef/></w:r>" + run(" For a year.")) + "</w:footnote></w:r>" +
                  run(" and backups") +
                  "<w:r><w:endnote>" + para(run("Daily.")) + "</w:endnote></w:r>" +
                  "<aml:annotation aml:id=\"0\" w:type=\"Word.Comment.Start\"/>" + run(".") +
                  "<aml:annotation aml:id=\"0\" w:type=\"Word.Comment.End\"/>"
                  "<w:r><aml:annotation aml:id=\"0\" w:type=\"Word.Comment\" aml:author=\"Rev\">"
                  "<aml:content>" + para(run("Why?")) + "</aml:content></aml:annotation></w:r>");
    Document doc = read(w);
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[0].text == "Logs are kept1 and backupsi.");
    REQUIRE(doc.blocks[0].notes.size() == 2);
    CHECK(doc.blocks[1].kind == BlockKind::footnote);
    CHECK(doc.blocks[1].label == "1");
    CHECK(doc.blocks[1].text == "For a year.");
    CHECK(doc.blocks[1].note_id == doc.blocks[0].notes[0].note_id);
    CHECK(doc.blocks[2].kind == BlockKind::endnote);
    CHECK(doc.blocks[2].label == "i");
    CHECK(doc.blocks[3].kind == BlockKind::comment);
    CHECK(doc.blocks[3].author == "Rev");
    CHECK(doc.blocks[3].text == "Why?");
}

TEST_CASE("word2003 hostile input", "[word2003][hostile]") {
    auto code_of = [](const std::string& bytes) {
        try {
            read_bytes(bytes);
        } catch (const onus::Error& e) {
            return e.code();
        }
        return onus::ErrorCode::internal;
    };
    Word2003 w;
    w.body = para(run("x"));
    std::string ok = xml_of(w);
    CHECK_NOTHROW(read_bytes(ok));
    CHECK(code_of("<?xml version=\"1.0\"?><!DOCTYPE w:wordDocument [<!ENTITY a \"b\">]>" +
                  ok.substr(ok.find("<w:wordDocument"))) == onus::ErrorCode::malformed);
    CHECK(code_of("<w:document xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\"/>") ==
          onus::ErrorCode::malformed);
    CHECK(code_of(ok.substr(0, ok.size() / 2)) == onus::ErrorCode::malformed);
    std::string deep;
    for (int i = 0; i < 2000; ++i) deep += "<ns0:x>";
    for (int i = 0; i < 2000; ++i) deep += "</ns0:x>";
    w.body = deep;
    CHECK(code_of(xml_of(w)) == onus::ErrorCode::limit);
    // A w:basedOn loop does not hang.
    w.body = para(run("x"), "<w:pStyle w:val=\"A\"/>");
    w.styles = "<w:style w:type=\"paragraph\" w:styleId=\"A\"><w:basedOn w:val=\"B\"/></w:style>"
               "<w:style w:type=\"paragraph\" w:styleId=\"B\"><w:basedOn w:val=\"A\"/></w:style>";
    CHECK(read(w).blocks.size() == 1);
}

namespace {

std::string body_text(const Document& doc) {
    onus::TextOptions options;
    options.notes = false;
    std::ostringstream out;
    onus::write_document_text(doc, options, out);
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("the same document in DOCX, Flat OPC and Word 2003 XML extracts to the same text",
          "[word2003][corpus][cross-format]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus not present: skipped");
        return;
    }
    auto corpus = onus::test::shared_dir() / "corpus";
    for (ChangeView view : {ChangeView::accept, ChangeView::reject, ChangeView::markup}) {
        onus::LoadOptions options;
        options.changes = view;
        INFO("view " << static_cast<int>(view));

        SECTION("tika testWORD_2006ml / testWORD_2003ml") {
            Document w2003 = read_bytes(onus::test::read_file(corpus / "xml" / "tika__testWORD_2003ml.xml"), view);
            Document flat = onus::load(corpus / "xml" / "tika__testWORD_2006ml.xml", options);
            Document docx = onus::load(corpus / "docx" / "tika__testWORD_2006ml.docx", options);
            // Body, notes and comments identical: numbering, fields, text
            // boxes, tracked changes and the comment all agree.
            CHECK(body_text(w2003) == body_text(flat));
            CHECK(body_text(docx) == body_text(flat));
            CHECK(w2003.stats.chars_read == w2003.stats.chars_emitted + left_out_total(w2003));
        }

        SECTION("docx4j sample-docx") {
            Document w2003 = read_bytes(onus::test::read_file(corpus / "xml" / "docx4j__word2003xml.xml"), view);
            Document flat = onus::load(corpus / "xml" / "docx4j__sample-docx.xml", options);
            Document docx = onus::load(corpus / "docx" / "docx4j__sample-docx.docx", options);
            // The three files are three editions, not three conversions: the
            // Word 2003 one says so itself ("Compared to the Flat OPC
            // version, it contains a few innocuous differents"), and the DOCX
            // and Flat OPC differ from each other in the same four
            // paragraphs (2, 12, 15, 18: "Centred " / "Centre" / "Centred
            // text", 20 / 23 "indented", "A short paragraph" / "A parapgraph"
            // / "A paragraph"). Every other line, numbering, table, tracked
            // change and header included, must be identical.
            const std::set<std::size_t> edited{1, 11, 14, 17};
            auto a = lines_of(body_text(w2003));
            auto b = lines_of(body_text(flat));
            auto c = lines_of(body_text(docx));
            REQUIRE(a.size() == b.size());
            REQUIRE(c.size() == b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (edited.count(i)) continue;
                INFO("line " << i);
                CHECK(a[i] == b[i]);
                CHECK(c[i] == b[i]);
            }
            for (const Document* other : {&flat, &docx}) {
                double sim = onus::test::similarity(onus::test::word_tokens_of(body_text(w2003)),
                                                    onus::test::word_tokens_of(body_text(*other)));
                CHECK(sim > 0.95);
            }
        }
    }
}
