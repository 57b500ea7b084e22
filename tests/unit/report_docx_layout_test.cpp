// write_comparison_docx() when OLD is a Word file: the redline keeps OLD's
// styles and numbering, and the round trip through onus's reader still
// holds (Reject All reads as OLD, Accept All as NEW, numbers included).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "onus/report_docx.hpp"
#include "onus/structure.hpp"
#include "package/zip_package.hpp"
#include "support.hpp"
#include "zip_writer.hpp"

namespace {

const onus::RulePack& rules() {
    static const onus::RulePack p = onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

struct Pair {
    onus::Document before, after;
    std::string bytes;
};

Pair redline_of(const std::filesystem::path& old_path, const std::filesystem::path& new_path) {
    Pair p{onus::load(old_path.string()), onus::load(new_path.string()), {}};
    onus::VersionDiff d = onus::compare_versions(p.before, onus::analyze(p.before, rules()), p.after,
                                                 onus::analyze(p.after, rules()), rules());
    std::ostringstream out;
    onus::write_comparison_docx(p.before, p.after, d, out);
    p.bytes = out.str();
    return p;
}

Pair sample_pair() {
    const auto samples = onus::test::source_dir() / "samples";
    return redline_of(samples / "northwind-csa.docx", samples / "northwind-csa-v2.docx");
}

onus::Document read_back(const std::string& bytes, onus::ChangeView view) {
    onus::LoadOptions options;
    options.changes = view;
    return onus::load_bytes(bytes, "redline.docx", options);
}

std::string part(const std::string& zip_bytes, const std::string& name) {
    onus::package::ZipPackage zip(zip_bytes, "package", onus::Limits{});
    return zip.read(name);
}

std::set<std::string> attribute_values(const std::string& xml, const char* xpath) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    std::set<std::string> out;
    for (const pugi::xpath_node& n : doc.select_nodes(xpath)) out.insert(n.attribute().value());
    return out;
}

std::vector<std::string> numbers(const onus::Document& doc) {
    std::vector<std::string> out;
    for (const onus::Clause& c : doc.clauses) out.push_back(c.number);
    return out;
}

std::vector<std::string> ids(const onus::Document& doc) {
    std::vector<std::string> out;
    for (const onus::Clause& c : doc.clauses) out.push_back(c.id);
    return out;
}

std::vector<std::string> texts(const onus::Document& doc) {
    std::vector<std::string> out;
    for (const onus::Clause& c : doc.clauses) out.push_back(c.heading + "|" + c.text);
    return out;
}


// ------------------------------------------------------------ small DOCX

// A paragraph of a generated DOCX: a style id, and a direct numbering
// level of list 1 (-1: none; "Heading1" is numbered by its style).
struct Para {
    std::string style;
    int ilvl = -1;
    std::string text;
};

const char* const kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string styles_part() {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"") + kW +
           "\"><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
           "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"BodyClause\"><w:name w:val=\"Body Clause\"/></w:style></w:styles>";
}

std::string numbering_part() {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"") + kW +
           "\"><w:abstractNum w:abstractNumId=\"0\">"
           "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:pStyle w:val=\"Heading1\"/>"
           "<w:lvlText w:val=\"%1.\"/></w:lvl>"
           "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>"
           "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
}

std::string document_part(const std::vector<Para>& paras) {
    std::string body;
    for (const Para& p : paras) {
        body += "<w:p><w:pPr>";
        if (!p.style.empty()) body += "<w:pStyle w:val=\"" + p.style + "\"/>";
        if (p.ilvl >= 0)
            body += "<w:numPr><w:ilvl w:val=\"" + std::to_string(p.ilvl) + "\"/><w:numId w:val=\"1\"/></w:numPr>";
        body += "</w:pPr><w:r><w:t xml:space=\"preserve\">" + p.text + "</w:t></w:r></w:p>";
    }
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"") + kW + "\"><w:body>" +
           body + "</w:body></w:document>";
}

// Writes the DOCX to a file of its own: the redline reads OLD's package
// again from Document::path.
std::filesystem::path write_docx(const std::string& name, const std::vector<Para>& paras) {
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    std::string bytes = onus::test::make_zip({
        {"[Content_Types].xml",
         "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"" + wml + "document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"" + wml + "styles+xml\"/>"
         "<Override PartName=\"/word/numbering.xml\" ContentType=\"" + wml + "numbering+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" + rel + "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {"word/_rels/document.xml.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" + rel + "styles\" Target=\"styles.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"" + rel + "numbering\" Target=\"numbering.xml\"/></Relationships>"},
        {"word/document.xml", document_part(paras)},
        {"word/styles.xml", styles_part()},
        {"word/numbering.xml", numbering_part()},
    });
    // One folder per process: CTest runs test cases in parallel.
    const auto dir =
        std::filesystem::temp_directory_path() / ("onus-redline-layout-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

const std::vector<Para> kOld{
    {"Heading1", -1, "Security"},
    {"BodyClause", 1, "Provider shall encrypt Customer Content at rest."},
    {"BodyClause", 1, "Customer shall rotate its access keys every year."},
    {"BodyClause", 1, "Provider shall notify Customer of a Security Incident within 48 hours."},
    {"Heading1", -1, "Support"},
    {"BodyClause", 1, "Provider will answer support requests by email on business days."},
    {"", -1, "Signed by both parties."},
};

// An added clause (1.2: 1.2 and 1.3 renumbered), a changed window, a
// deleted clause (2.1) and an added one at the end.
const std::vector<Para> kNew{
    {"Heading1", -1, "Security"},
    {"BodyClause", 1, "Provider shall encrypt Customer Content at rest."},
    {"BodyClause", 1, "Provider shall log every administrative access to Customer Content."},
    {"BodyClause", 1, "Customer shall rotate its access keys every year."},
    {"BodyClause", 1, "Provider shall notify Customer of a Security Incident within 72 hours."},
    {"Heading1", -1, "Support"},
    {"BodyClause", 1, "Customer shall report outages through the support portal."},
    {"", -1, "Signed by both parties."},
};

// Typed text a clause number left in the document body: none when every
// number is Word's.
std::vector<std::string> typed_numbers(const std::string& document_xml) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(document_xml.c_str()));
    static const std::regex label(R"((\d+\.)+\d* ?|\d+ )");  // "1.", "1.2 ", not "72"
    std::vector<std::string> out;
    for (const char* q : {"//w:t", "//w:delText"})
        for (const pugi::xpath_node& n : doc.select_nodes(q)) {
            std::string t = n.node().text().get();
            if (std::regex_match(t, label)) out.push_back(t);
        }
    return out;
}

}  // namespace

TEST_CASE("a DOCX OLD's style ids and numbering definitions are in the redline", "[report][docx]") {
    Pair p = sample_pair();
    const std::string old_bytes = onus::test::read_file(onus::test::source_dir() / "samples" / "northwind-csa.docx");
    const std::set<std::string> old_styles = attribute_values(part(old_bytes, "word/styles.xml"), "//w:style/@w:styleId");
    const std::set<std::string> new_styles = attribute_values(part(p.bytes, "word/styles.xml"), "//w:style/@w:styleId");
    REQUIRE(!old_styles.empty());
    for (const std::string& id : old_styles) {
        INFO(id);
        CHECK(new_styles.count(id) == 1);
    }
    // The comment styles are added, onus's own "Clause" layout is not.
    CHECK(new_styles.count("CommentText") == 1);
    CHECK(new_styles.count("Clause") == 0);
    const std::string old_numbering = part(old_bytes, "word/numbering.xml");
    const std::string numbering = part(p.bytes, "word/numbering.xml");
    CHECK(attribute_values(numbering, "//w:abstractNum/@w:abstractNumId") ==
          attribute_values(old_numbering, "//w:abstractNum/@w:abstractNumId"));
    CHECK(attribute_values(numbering, "//w:num/@w:numId") == attribute_values(old_numbering, "//w:num/@w:numId"));
    CHECK(part(p.bytes, "[Content_Types].xml").find("wordprocessingml.numbering+xml") != std::string::npos);
    CHECK(part(p.bytes, "word/_rels/document.xml.rels").find("relationships/numbering") != std::string::npos);
    // Paragraphs use OLD's style ids and numbering references.
    const std::string document = part(p.bytes, "word/document.xml");
    const std::set<std::string> used = attribute_values(document, "//w:pPr/w:pStyle/@w:val");
    CHECK(used.count("Heading1") == 1);
    for (const std::string& id : used) {
        INFO(id);
        CHECK(old_styles.count(id) == 1);
    }
    CHECK(attribute_values(document, "//w:numPr/w:numId/@w:val").count("1") == 1);
}

TEST_CASE("with OLD's automatic numbering the round trip keeps every clause number", "[report][docx]") {
    Pair p = sample_pair();
    onus::Document rejected = read_back(p.bytes, onus::ChangeView::reject);
    onus::Document accepted = read_back(p.bytes, onus::ChangeView::accept);
    CHECK(numbers(rejected) == numbers(p.before));
    CHECK(numbers(accepted) == numbers(p.after));
    // Numbers come from numbering.xml again, so levels and ids do too.
    CHECK(ids(rejected) == ids(p.before));
    CHECK(ids(accepted) == ids(p.after));
    // The heading paragraphs stay apart from their text, as in OLD.
    CHECK(texts(rejected) == texts(p.before));
    CHECK(texts(accepted) == texts(p.after));
}

TEST_CASE("a renumbered clause is renumbered by Word, not by typed labels", "[report][docx]") {
    Pair p = sample_pair();
    pugi::xml_document doc;
    REQUIRE(doc.load_string(part(p.bytes, "word/document.xml").c_str()));
    // "9. Service Level Agreement" became 8 when section 8 moved: no typed
    // number on either side, the heading style's numbering renders both.
    pugi::xpath_node sla = doc.select_node("//w:p[w:r/w:t='Service Level Agreement']");
    REQUIRE(sla);
    CHECK(std::string(sla.node().child("w:pPr").child("w:pStyle").attribute("w:val").value()) == "Heading1");
    CHECK(!doc.select_node("//w:delText[.='9.']"));
    CHECK(!doc.select_node("//w:t[.='8.']"));
    auto number_of = [](const onus::Document& d, const std::string& heading) {
        for (const onus::Clause& c : d.clauses)
            if (c.heading == heading) return c.number;
        return std::string("?");
    };
    CHECK(number_of(read_back(p.bytes, onus::ChangeView::reject), "Service Level Agreement") == "9.");
    CHECK(number_of(read_back(p.bytes, onus::ChangeView::accept), "Service Level Agreement") == "8.");
}

TEST_CASE("a Markdown OLD keeps onus's own layout and typed numbers", "[report][docx]") {
    const auto samples = onus::test::source_dir() / "samples";
    Pair p = redline_of(samples / "northwind-csa.md", samples / "northwind-csa-v2.md");
    onus::package::ZipPackage zip(p.bytes, "redline.docx", onus::Limits{});
    CHECK(!zip.contains("word/numbering.xml"));
    CHECK(attribute_values(zip.read("word/styles.xml"), "//w:style/@w:styleId").count("Clause") == 1);
    CHECK(zip.read("word/document.xml").find("w:numPr") == std::string::npos);
}

// Real-world pairs: each corpus test document in its rejected (OLD) and
// accepted (NEW) form, compared; the redline must read back as both.
TEST_CASE("corpus DOCX pairs: the redline keeps OLD's styles and reads back as both versions",
          "[report][docx][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("no shared corpus: skipped");
        return;
    }
    const auto dir = onus::test::shared_dir() / "corpus" / "docx-pairs";
    std::vector<std::filesystem::path> olds;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.size() > 17 && name.compare(name.size() - 17, 17, "__3-rejected.docx") == 0) olds.push_back(e.path());
    }
    std::sort(olds.begin(), olds.end());
    REQUIRE(!olds.empty());
    for (const auto& old_path : olds) {
        std::string name = old_path.string();
        const auto new_path = name.substr(0, name.size() - 17) + "__2-accepted.docx";
        if (!std::filesystem::exists(new_path)) continue;
        INFO(old_path.filename().string());
        Pair p = redline_of(old_path, new_path);
        CHECK(numbers(read_back(p.bytes, onus::ChangeView::reject)) == numbers(p.before));
        CHECK(numbers(read_back(p.bytes, onus::ChangeView::accept)) == numbers(p.after));
        const std::set<std::string> old_styles =
            attribute_values(part(onus::test::read_file(old_path), "word/styles.xml"), "//w:style/@w:styleId");
        const std::set<std::string> kept = attribute_values(part(p.bytes, "word/styles.xml"), "//w:style/@w:styleId");
        for (const std::string& id : old_styles) CHECK(kept.count(id) == 1);
    }
}

TEST_CASE("generated DOCX pair: added, deleted and renumbered clauses keep Word's numbering", "[report][docx]") {
    Pair p = redline_of(write_docx("old.docx", kOld), write_docx("new.docx", kNew));
    onus::Document rejected = read_back(p.bytes, onus::ChangeView::reject);
    onus::Document accepted = read_back(p.bytes, onus::ChangeView::accept);
    REQUIRE(numbers(p.before) == std::vector<std::string>{"1.", "1.1", "1.2", "1.3", "2.", "2.1", ""});
    CHECK(numbers(rejected) == numbers(p.before));
    CHECK(numbers(accepted) == numbers(p.after));
    CHECK(texts(rejected) == texts(p.before));
    CHECK(texts(accepted) == texts(p.after));
    // Both versions number automatically from the same list: no typed label.
    const std::string document = part(p.bytes, "word/document.xml");
    CHECK(typed_numbers(document).empty());
    // Every paragraph has its style from OLD (or NEW's, which OLD has too).
    const std::set<std::string> used = attribute_values(document, "//w:pPr/w:pStyle/@w:val");
    CHECK(used == std::set<std::string>{"Heading1", "BodyClause"});
}

TEST_CASE("a Markdown NEW against a DOCX OLD: numbers stay Word's where they agree", "[report][docx]") {
    const auto old_path = write_docx("old-md.docx", kOld);
    const auto dir = old_path.parent_path();
    std::ofstream(dir / "new.md") << "# 1. Security\n\n1.1 Provider shall encrypt Customer Content at rest.\n\n"
                                     "1.2 Provider shall log every administrative access to Customer Content.\n\n"
                                     "1.3 Customer shall rotate its access keys every year.\n\n"
                                     "1.4 Provider shall notify Customer of a Security Incident within 72 hours.\n\n"
                                     "# 2. Support\n\n"
                                     "2.1 Provider will answer support requests by email on business days.\n\n"
                                     "Signed by both parties.\n";
    Pair p = redline_of(old_path, dir / "new.md");
    onus::Document rejected = read_back(p.bytes, onus::ChangeView::reject);
    onus::Document accepted = read_back(p.bytes, onus::ChangeView::accept);
    CHECK(numbers(rejected) == numbers(p.before));
    CHECK(numbers(accepted) == numbers(p.after));
    // The added 1.2 takes its neighbour's numbering, so the renumbered
    // clauses after it need no typed labels either.
    CHECK(typed_numbers(part(p.bytes, "word/document.xml")).empty());
}

TEST_CASE("generated DOCX pair: a split and a merge keep the numbers of both versions", "[report][docx]") {
    const std::vector<Para> before{
        {"Heading1", -1, "Keys"},
        {"BodyClause", 1, "Customer shall rotate its access keys every year and store them in a hardware module."},
        {"BodyClause", 1, "Provider shall keep audit logs of key use."},
        {"BodyClause", 1, "Provider shall retain those audit logs for one year."},
        {"BodyClause", 1, "Either party may request a key ceremony."},
    };
    const std::vector<Para> after{
        {"Heading1", -1, "Keys"},
        {"BodyClause", 1, "Customer shall rotate its access keys every year."},
        {"BodyClause", 1, "Customer shall store them in a hardware module."},
        {"BodyClause", 1, "Provider shall keep audit logs of key use and retain those audit logs for one year."},
        {"BodyClause", 1, "Either party may request a key ceremony."},
    };
    Pair p = redline_of(write_docx("split-old.docx", before), write_docx("split-new.docx", after));
    onus::Document rejected = read_back(p.bytes, onus::ChangeView::reject);
    onus::Document accepted = read_back(p.bytes, onus::ChangeView::accept);
    CHECK(numbers(rejected) == numbers(p.before));
    CHECK(numbers(accepted) == numbers(p.after));
    CHECK(texts(rejected) == texts(p.before));
    CHECK(texts(accepted) == texts(p.after));
    CHECK(typed_numbers(part(p.bytes, "word/document.xml")).empty());
}

TEST_CASE("a split piece that comes before its main clause stays in its place", "[report][docx]") {
    // The aligner matches 1.1 -> 1.2 and names the new 1.1 as a split piece
    // ahead of it (and 1.2 as a merge piece ahead of 1.3); the redline must
    // still show the pieces in order.
    const std::string before = "# Keys\n\n1.1 Customer shall rotate its access keys every year and store them in a "
                               "hardware module.\n\n1.2 Provider shall keep audit logs of key use.\n\n"
                               "1.3 Provider shall retain those audit logs for one year.\n\n"
                               "1.4 Either party may request a key ceremony.\n";
    const std::string after = "# Keys\n\n1.1 Customer shall rotate its access keys every year.\n\n"
                              "1.2 Customer shall store them in a hardware module.\n\n"
                              "1.3 Provider shall keep audit logs of key use and retain those audit logs for one year.\n\n"
                              "1.4 Either party may request a key ceremony.\n";
    Pair p{onus::load_bytes(before, "old.md"), onus::load_bytes(after, "new.md"), {}};
    onus::VersionDiff d = onus::compare_versions(p.before, onus::analyze(p.before, rules()), p.after,
                                                 onus::analyze(p.after, rules()), rules());
    std::ostringstream out;
    onus::write_comparison_docx(p.before, p.after, d, out);
    onus::Document rejected = read_back(out.str(), onus::ChangeView::reject);
    onus::Document accepted = read_back(out.str(), onus::ChangeView::accept);
    CHECK(texts(rejected) == texts(p.before));
    CHECK(texts(accepted) == texts(p.after));
    CHECK(numbers(rejected) == numbers(p.before));
    CHECK(numbers(accepted) == numbers(p.after));
}

namespace {

// NEW made from OLD by rewording its first auto-numbered paragraph: a
// modified clause whose number Word still counts in both versions.
onus::Document with_first_numbered_amended(onus::Document d) {
    for (onus::Block& b : d.blocks)
        if (b.kind == onus::BlockKind::paragraph && !b.label.empty() && !b.label_is_bullet && !b.label_typed) {
            b.text += " (as amended)";
            break;
        }
    onus::build_clauses(d);
    return d;
}

}  // namespace

// Numbering-heavy corpus files (restarts, overrides, isLgl, letters,
// romans, bullets): against itself, and against a copy with one numbered
// clause reworded, the redline reads back as both versions. (A NEW whose
// numbers do not follow Word's counting gets typed labels, which onus reads
// back only when they have a clause number's shape: see report_docx.hpp.)
TEST_CASE("corpus DOCX numbering survives the redline's round trip", "[report][docx][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("no shared corpus: skipped");
        return;
    }
    const auto dir = onus::test::shared_dir() / "corpus" / "docx";
    for (const char* name : {"poi__Numbering.docx", "poi__ComplexNumberedLists.docx", "pandoc__lists_restarting.docx",
                             "pandoc__lists_level_override.docx", "oxpt__LIR003-en-US-upperLetter.docx",
                             "docx4j__article-section-NotIsLgl.docx", "tika__testWORD_override_list_numbering.docx",
                             "docx2python__created-in-pages-bulleted-lists.docx"}) {
        INFO(name);
        if (!std::filesystem::exists(dir / name)) {
            WARN(std::string("not in the corpus: ") + name);
            continue;
        }
        const onus::Document old_doc = onus::load((dir / name).string());
        for (const onus::Document& new_doc : {old_doc, with_first_numbered_amended(old_doc)}) {
            onus::VersionDiff d = onus::compare_versions(old_doc, onus::analyze(old_doc, rules()), new_doc,
                                                         onus::analyze(new_doc, rules()), rules());
            std::ostringstream out;
            onus::write_comparison_docx(old_doc, new_doc, d, out);
            onus::Document rejected = read_back(out.str(), onus::ChangeView::reject);
            onus::Document accepted = read_back(out.str(), onus::ChangeView::accept);
            CHECK(numbers(rejected) == numbers(old_doc));
            CHECK(texts(rejected) == texts(old_doc));
            CHECK(numbers(accepted) == numbers(new_doc));
            CHECK(texts(accepted) == texts(new_doc));
            CHECK(part(out.str(), "word/numbering.xml").size() > 0);
        }
    }
}

TEST_CASE("a Flat OPC OLD keeps its styles and numbering too", "[report][docx]") {
    const auto samples = onus::test::source_dir() / "samples";
    Pair p = redline_of(samples / "northwind-csa.xml", samples / "northwind-csa-v2.docx");
    REQUIRE(p.before.format == "flat-opc");
    onus::package::ZipPackage zip(p.bytes, "redline.docx", onus::Limits{});
    CHECK(zip.contains("word/numbering.xml"));
    CHECK(attribute_values(zip.read("word/styles.xml"), "//w:style/@w:styleId").count("Heading1") == 1);
    CHECK(numbers(read_back(p.bytes, onus::ChangeView::reject)) == numbers(p.before));
    CHECK(numbers(read_back(p.bytes, onus::ChangeView::accept)) == numbers(p.after));
}

TEST_CASE("an OLD DOCX that cannot be read again, or not as read, keeps onus's layout", "[report][docx]") {
    const auto samples = onus::test::source_dir() / "samples";
    auto layout_of = [](const onus::Document& before, const onus::Document& after) {
        onus::VersionDiff d = onus::compare_versions(before, onus::analyze(before, rules()), after,
                                                     onus::analyze(after, rules()), rules());
        std::ostringstream out;
        onus::write_comparison_docx(before, after, d, out);
        const std::string bytes = out.str();  // ZipPackage reads the bytes in place: they must outlive it
        onus::package::ZipPackage zip(bytes, "redline.docx", onus::Limits{});
        const bool own = attribute_values(zip.read("word/styles.xml"), "//w:style/@w:styleId").count("Clause") == 1;
        CHECK(numbers(read_back(bytes, onus::ChangeView::reject)) == numbers(before));
        return own && !zip.contains("word/numbering.xml");
    };
    const onus::Document after = onus::load((samples / "northwind-csa-v2.docx").string());
    // Read from memory: there is no file to read the formatting from.
    const std::string bytes = onus::test::read_file(samples / "northwind-csa.docx");
    CHECK(layout_of(onus::load_bytes(bytes, "no-such-folder/northwind-csa.docx"), after));
    // The path names another document: its paragraphs do not fit the blocks.
    onus::Document other = onus::load(write_docx("other.docx", kOld).string());
    other.path = (samples / "northwind-csa.docx").string();
    CHECK(layout_of(other, after));
}
