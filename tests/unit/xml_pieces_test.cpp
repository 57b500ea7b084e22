// Tests for ingest/xml_pieces.hpp: a large part parsed piece by piece must
// read exactly as the whole part does, and the splitter must decline what it
// does not follow rather than guess.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "flat_opc.hpp"
#include "ingest/xml.hpp"
#include "ingest/xml_pieces.hpp"
#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "zip_writer.hpp"

namespace {

using onus::ingest::child_extents;
using onus::ingest::root_extent;
using onus::ingest::XmlOptions;
using onus::ingest::XmlPieces;

std::string raw_xml(const pugi::xml_node& n) {
    std::ostringstream out;
    n.print(out, "", pugi::format_raw);
    return out.str();
}

// Every element child of `body`, printed, in order.
std::string printed_children(const pugi::xml_node& body) {
    std::string out;
    for (pugi::xml_node c : body.children())
        if (c.type() == pugi::node_element) out += raw_xml(c);
    return out;
}

const std::string kDoc =
    "<?xml version=\"1.0\"?><!-- lead --><d:doc xmlns:d=\"urn:d\" a=\"1\">"
    "<d:head/>"
    "<d:body b=\"x>y\">"
    "<d:p q='a/>b'>one<d:r>two</d:r></d:p>"
    "<!-- <d:p>not an element</d:p> -->"
    "<d:p><![CDATA[ <d:p> ]]></d:p>"
    "<?pi <d:p> ?>"
    "<d:p/>"
    "<d:tbl><d:tr><d:tc>cell</d:tc></d:tr></d:tbl>"
    "</d:body>"
    "<d:tail/>"
    "</d:doc>";

}  // namespace

TEST_CASE("the splitter finds elements past comments, CDATA, instructions and quoted '>'", "[xml][pieces]") {
    auto root = root_extent(kDoc);
    REQUIRE(root);
    CHECK(root->qname == "d:doc");
    CHECK(root->end == kDoc.size());
    auto children = child_extents(kDoc, root->content, root->content_end);
    REQUIRE(children);
    REQUIRE(children->size() == 3);
    CHECK((*children)[1].qname == "d:body");
    auto body = (*children)[1];
    auto inner = child_extents(kDoc, body.content, body.content_end);
    REQUIRE(inner);
    REQUIRE(inner->size() == 4);
    CHECK(kDoc.substr((*inner)[2].start, (*inner)[2].end - (*inner)[2].start) == "<d:p/>");
    CHECK((*inner)[3].qname == "d:tbl");
}

TEST_CASE("the splitter declines what it does not follow", "[xml][pieces]") {
    CHECK_FALSE(root_extent("<!DOCTYPE d><d/>"));
    CHECK_FALSE(root_extent("<d><e a=\"1\"></d>"));           // unclosed
    CHECK_FALSE(root_extent("<d><e a=\"1></e></d>"));          // unterminated quote
    CHECK_FALSE(root_extent("<d><!DOCTYPE x><e/></d>"));       // markup it does not know
    CHECK_FALSE(root_extent("<d><e a=\"1\" <f/></e></d>"));    // '<' inside a tag
    CHECK_FALSE(root_extent("text"));
    std::string two = "<d><e/></d>";
    auto root = root_extent(two);
    REQUIRE(root);
    CHECK_FALSE(child_extents(two, root->content, root->content_end - 1));  // cut inside an element
}

TEST_CASE("pieces parse to the same elements as the whole part", "[xml][pieces]") {
    XmlOptions options;
    auto whole = onus::ingest::parse_xml(kDoc, "test", options);
    pugi::xml_node whole_body = whole->document_element().child("d:body");
    for (std::size_t piece_bytes : {std::size_t{1}, std::size_t{40}, std::size_t{1} << 20}) {
        std::string text = kDoc;
        auto pieces = XmlPieces::split(text, "test", options, "body", piece_bytes);
        REQUIRE(pieces);
        REQUIRE(pieces->splits().size() == 1);
        const auto& split = pieces->splits()[0];
        CHECK(std::string(split.in_shell.name()) == "d:body");
        CHECK_FALSE(split.in_shell.first_child());  // the shell holds the body without its content
        CHECK(std::string(pieces->root().child("d:tail").name()) == "d:tail");
        std::string read;
        for (std::size_t i = 0; i < split.piece_starts.size(); ++i) {
            auto piece = pieces->parse_piece(split, i);
            pugi::xml_node root = piece->doc.document_element();
            CHECK(std::string(root.name()) == "d:doc");
            CHECK(std::string(root.attribute("a").value()) == "1");
            CHECK(std::string(root.first_child().attribute("b").value()) == "x>y");
            read += printed_children(root.first_child());
        }
        CHECK(read == printed_children(whole_body));
        CHECK(split.piece_starts.size() == (piece_bytes == 1 ? 4u : piece_bytes == 40 ? 2u : 1u));
    }
}

TEST_CASE("a malformed piece fails to parse", "[xml][pieces]") {
    std::string text = "<d:doc xmlns:d=\"urn:d\"><d:body><d:p></d:q><d:p/></d:body></d:doc>";
    auto pieces = XmlPieces::split(text, "test", XmlOptions{}, "body", 1);
    REQUIRE(pieces);
    CHECK_THROWS_AS(pieces->parse_piece(pieces->splits()[0], 0), onus::Error);
}

// The regression this guards: a paragraph whose mark a tracked change
// deleted joins the next paragraph, also when the two sit in different
// pieces; and numbering, tables and notes of a body read in pieces come out
// as from the same body read whole (Flat OPC is always read whole).
TEST_CASE("a DOCX body read in pieces reads as the whole body", "[xml][pieces][docx]") {
    std::string body;
    for (int i = 0; i < 4000; ++i) {
        std::string mark = i % 10 != 0 ? "<w:rPr><w:del w:id=\"" + std::to_string(i) +
                                            "\" w:author=\"A\" w:date=\"2024-01-01T00:00:00Z\"/></w:rPr>"
                                      : "";
        body += "<w:p><w:pPr>" + mark + "</w:pPr><w:r><w:t xml:space=\"preserve\">Paragraph " + std::to_string(i) +
                " of a long agreement, with enough words to make the body larger than one piece. </w:t></w:r>"
                "<w:ins w:id=\"9" + std::to_string(i) + "\" w:author=\"B\"><w:r><w:t>added</w:t></w:r></w:ins></w:p>";
        if (i % 500 == 250)
            body += "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell " + std::to_string(i) +
                    "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    }
    REQUIRE(body.size() > (768u << 10));  // several of the reader's 256 KiB pieces
    std::string zipped = onus::test::make_zip(onus::test::minimal_docx(body));
    onus::test::WordParts parts;
    parts.body = body;
    std::string flat = onus::test::flat_opc(parts);
    for (auto view : {onus::ChangeView::accept, onus::ChangeView::reject, onus::ChangeView::markup}) {
        onus::LoadOptions options;
        options.changes = view;
        onus::TextOptions text;
        text.changes = view;
        std::ostringstream from_zip, from_flat;
        onus::write_document_text(onus::load_bytes(zipped, "test.docx", options), text, from_zip);
        onus::write_document_text(onus::load_bytes(flat, "test.xml", options), text, from_flat);
        CHECK(from_zip.str() == from_flat.str());
        CHECK(from_zip.str().size() > 100000);
    }
}
