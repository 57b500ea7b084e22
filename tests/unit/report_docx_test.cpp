// write_comparison_docx(): the redline read back by onus's own DOCX reader.
// Accepting every change must give the new version's words, rejecting every
// change the old version's, and each shift must be a comment.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "onus/report_docx.hpp"
#include "package/zip_package.hpp"
#include "support.hpp"
#include "words.hpp"

namespace {

const onus::RulePack& pack() {
    static const onus::RulePack p = onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

struct Redline {
    onus::Document before, after;
    onus::VersionDiff diff;
    std::string bytes;
};

Redline redline_of(onus::Document before, onus::Document after) {
    Redline r{std::move(before), std::move(after), {}, {}};
    r.diff = onus::compare_versions(r.before, onus::analyze(r.before, pack()), r.after, onus::analyze(r.after, pack()),
                                    pack());
    std::ostringstream out;
    onus::write_comparison_docx(r.before, r.after, r.diff, out);
    r.bytes = out.str();
    return r;
}

Redline sample_redline() {
    return redline_of(onus::load((onus::test::source_dir() / "samples" / "northwind-csa.docx").string()),
                      onus::load((onus::test::source_dir() / "samples" / "northwind-csa-v2.docx").string()));
}

Redline markdown_redline(const std::string& old_md, const std::string& new_md) {
    return redline_of(onus::load_bytes(old_md, "old.md"), onus::load_bytes(new_md, "new.md"));
}

onus::Document read_back(const std::string& bytes, onus::ChangeView view) {
    onus::LoadOptions options;
    options.changes = view;
    return onus::load_bytes(bytes, "redline.docx", options);
}

// What a reader sees of the clauses: number, heading (unless the text
// starts with it) and text, as word tokens.
std::vector<std::string> clause_words(const onus::Document& doc) {
    std::vector<std::string> out;
    auto add = [&](const std::string& s) {
        for (std::string& w : onus::test::word_tokens_of(s)) out.push_back(std::move(w));
    };
    for (const onus::Clause& c : doc.clauses) {
        add(c.number);
        if (c.text.compare(0, c.heading.size(), c.heading) != 0) add(c.heading);
        add(c.text);
    }
    return out;
}

std::vector<const onus::Block*> comments_of(const onus::Document& doc) {
    std::vector<const onus::Block*> out;
    for (const onus::Block& b : doc.blocks)
        if (b.kind == onus::BlockKind::comment) out.push_back(&b);
    return out;
}

std::size_t shift_count(const onus::VersionDiff& d) {
    std::size_t n = 0;
    for (const onus::Change& c : d.changes) n += c.shifts.size();
    return n;
}

std::string part_of(const std::string& bytes, const std::string& name) {
    onus::package::ZipPackage zip(bytes, "redline.docx", onus::Limits{});
    return zip.read(name);
}

std::string body_text(const onus::Document& doc) {
    std::string out;
    for (const onus::Block& b : doc.blocks)
        if (b.kind == onus::BlockKind::paragraph) out += (b.label.empty() ? "" : b.label + " ") + b.text + "\n";
    return out;
}

}  // namespace

TEST_CASE("the sample redline accepted reads as version 2, rejected as version 1", "[report][docx]") {
    Redline r = sample_redline();
    REQUIRE(onus::sniff_format(r.bytes) == "docx");
    onus::Document accepted = read_back(r.bytes, onus::ChangeView::accept);
    onus::Document rejected = read_back(r.bytes, onus::ChangeView::reject);
    CHECK(accepted.warnings.empty());
    CHECK(clause_words(accepted) == clause_words(r.after));
    CHECK(clause_words(rejected) == clause_words(r.before));
    // The clause numbers come back in order. (Not the ids: with typed
    // labels the structure stage reads the "(i)" after "(c)" in 3.5 as a
    // letter, as it does for the plain-text sample; the Word original had
    // its levels from numbering.xml.)
    auto numbers = [](const onus::Document& doc) {
        std::vector<std::string> out;
        for (const onus::Clause& c : doc.clauses) out.push_back(c.number);
        return out;
    };
    CHECK(numbers(accepted) == numbers(r.after));
    CHECK(numbers(rejected) == numbers(r.before));
    CHECK(accepted.title == r.after.title);
}

TEST_CASE("the sample redline: one comment per shift, with its explanation", "[report][docx]") {
    Redline r = sample_redline();
    REQUIRE(shift_count(r.diff) >= 7);
    onus::Document accepted = read_back(r.bytes, onus::ChangeView::accept);
    std::vector<const onus::Block*> comments = comments_of(accepted);
    REQUIRE(comments.size() == shift_count(r.diff));
    std::size_t k = 0;
    for (const onus::Change& c : r.diff.changes)
        for (const onus::Shift& s : c.shifts) {
            const onus::Block& b = *comments[k++];
            INFO(b.text);
            CHECK(b.author == "onus");
            CHECK(b.text == s.type + " \u00B7 " + s.direction + " \u00B7 " + onus::to_string(s.severity) + ": " +
                                s.explanation);
        }
}

TEST_CASE("the sample redline marks changes the way Word does", "[report][docx]") {
    Redline r = sample_redline();
    pugi::xml_document doc;
    REQUIRE(doc.load_string(part_of(r.bytes, "word/document.xml").c_str()));
    // Deleted words are w:delText inside w:del, with author and date.
    pugi::xpath_node del = doc.select_node("//w:del[w:r/w:delText]");
    REQUIRE(del);
    CHECK(std::string(del.node().attribute("w:author").value()) == "onus");
    CHECK(std::string(del.node().attribute("w:date").value()).size() == 20);
    CHECK(doc.select_node("//w:ins/w:r/w:t[@xml:space='preserve']"));
    CHECK(!doc.select_node("//w:ins//w:delText"));
    CHECK(!doc.select_node("//w:del//w:t"));
    // 4.9 Personnel was deleted: a paragraph whose mark is deleted too.
    CHECK(doc.select_node("//w:p[w:pPr/w:rPr/w:del][contains(string(.), 'Personnel')]"));
    // Section 8 moved to 10: each source range has its destination, by name.
    pugi::xpath_node_set from = doc.select_nodes("//w:moveFromRangeStart");
    pugi::xpath_node_set to = doc.select_nodes("//w:moveToRangeStart");
    REQUIRE(from.size() == 4);
    REQUIRE(to.size() == from.size());
    for (const pugi::xpath_node& f : from) {
        std::string name = f.node().attribute("w:name").value();
        std::string q = "//w:moveToRangeStart[@w:name='" + name + "']";
        CHECK(doc.select_node(q.c_str()));
        std::string id = f.node().attribute("w:id").value();
        q = "//w:moveFromRangeEnd[@w:id='" + id + "']";
        CHECK(doc.select_node(q.c_str()));
    }
    CHECK(doc.select_node("//w:moveFrom/w:r/w:t[contains(., 'Application Programming Interfaces')]"));
    CHECK(doc.select_node("//w:moveTo/w:r/w:t[contains(., 'Application Programming Interfaces')]"));
    // Renumbered: the sample is auto-numbered, so Word's numbering shows
    // "9." and "8." (report_docx_layout_test.cpp); a typed label is a
    // deletion and an insertion.
    Redline typed = markdown_redline("# Agreement\n\n9. Service levels apply.\n",
                                     "# Agreement\n\n8. Service levels apply.\n");
    pugi::xml_document md;
    REQUIRE(md.load_string(part_of(typed.bytes, "word/document.xml").c_str()));
    CHECK(md.select_node("//w:p[w:del/w:r/w:delText='9.'][w:ins/w:r/w:t='8.']"));
    // Comments are anchored: a range and a reference per comment.
    std::size_t n = shift_count(r.diff);
    CHECK(doc.select_nodes("//w:commentRangeStart").size() == n);
    CHECK(doc.select_nodes("//w:commentRangeEnd").size() == n);
    CHECK(doc.select_nodes("//w:commentReference").size() == n);
    // The 72-hour comment sits on the changed words.
    pugi::xpath_node start = doc.select_node("//w:p[contains(string(.), 'seventy-two')]/w:commentRangeStart");
    REQUIRE(start);
    CHECK(std::string(start.node().next_sibling().name()) == "w:del");
}

TEST_CASE("the redline package: parts, relationships, properties, styles", "[report][docx]") {
    Redline r = sample_redline();
    onus::package::ZipPackage zip(r.bytes, "redline.docx", onus::Limits{});
    for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                             "word/styles.xml", "word/comments.xml", "docProps/core.xml"})
        CHECK(zip.contains(part));
    std::string types = zip.read("[Content_Types].xml");
    CHECK(types.find("wordprocessingml.comments+xml") != std::string::npos);
    CHECK(zip.read("word/_rels/document.xml.rels").find("relationships/comments") != std::string::npos);
    pugi::xml_document core;
    REQUIRE(core.load_string(zip.read("docProps/core.xml").c_str()));
    CHECK(std::string(core.select_node("//dc:title").node().text().get()) == "Northwind Cloud Services Agreement");
    CHECK(std::string(core.select_node("//dc:creator").node().text().get()) == "onus");
    pugi::xml_document styles;
    REQUIRE(styles.load_string(zip.read("word/styles.xml").c_str()));
    // OLD is a DOCX: its styles are kept (no "Clause" style of onus's own).
    CHECK(!styles.select_node("//w:style[@w:styleId='Clause']"));
    CHECK(styles.select_node("//w:style[@w:styleId='Heading1']/w:name[@w:val='heading 1']"));
    // Heading paragraphs use the heading styles and come back as headings.
    onus::Document accepted = read_back(r.bytes, onus::ChangeView::accept);
    bool heading = false;
    for (const onus::Block& b : accepted.blocks)
        if (b.text == "Definitions") heading = b.heading_level == 1;
    CHECK(heading);
}

TEST_CASE("redline of small edits: escaping, added and deleted clauses, merged text", "[report][docx]") {
    const std::string head = "# Agreement\n\n";
    Redline r = markdown_redline(head +
                                     "4.1 Provider shall keep A & B < C > D audit trails for 30 days.\n\n"
                                     "4.2 Customer shall pay fees.\n\n"
                                     "4.3 Provider shall notify Customer of \"incidents\".\n",
                                 head +
                                     "4.1 Provider shall keep A & B < C > D audit trails for 90 days.\n\n"
                                     "4.3 Provider shall notify Customer of \"incidents\" within 24 hours.\n\n"
                                     "4.4 Customer shall back up Customer Content.\n");
    onus::Document accepted = read_back(r.bytes, onus::ChangeView::accept);
    onus::Document rejected = read_back(r.bytes, onus::ChangeView::reject);
    INFO(body_text(accepted));
    INFO(body_text(rejected));
    CHECK(clause_words(accepted) == clause_words(r.after));
    CHECK(clause_words(rejected) == clause_words(r.before));
    // Text kept exactly: markup characters and quotes survive both views.
    CHECK(body_text(accepted).find("keep A & B < C > D audit trails for 90 days.") != std::string::npos);
    CHECK(body_text(rejected).find("keep A & B < C > D audit trails for 30 days.") != std::string::npos);
    CHECK(body_text(rejected).find("Customer shall pay fees.") != std::string::npos);
    CHECK(body_text(accepted).find("Customer shall pay fees.") == std::string::npos);
    CHECK(body_text(accepted).find("back up Customer Content.") != std::string::npos);
    CHECK(body_text(rejected).find("back up Customer Content.") == std::string::npos);
}

TEST_CASE("redline dates follow SOURCE_DATE_EPOCH, so output is reproducible", "[report][docx]") {
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    Redline a = markdown_redline("1. Provider shall patch within 30 days.\n", "1. Provider shall patch within 60 days.\n");
    std::ostringstream again;
    onus::write_comparison_docx(a.before, a.after, a.diff, again);
    ::unsetenv("SOURCE_DATE_EPOCH");
    CHECK(again.str() == a.bytes);
    std::string document = part_of(a.bytes, "word/document.xml");
    CHECK(document.find("w:date=\"2023-11-14T22:13:20Z\"") != std::string::npos);
}

TEST_CASE("a comparison that does not fit the documents is refused", "[report][docx]") {
    onus::Document empty;
    onus::VersionDiff d;
    onus::Change c;
    c.kind = onus::ChangeKind::added;
    c.new_index = 3;
    d.changes.push_back(c);
    std::ostringstream out;
    CHECK_THROWS_AS(onus::write_comparison_docx(empty, empty, d, out), onus::Error);
}

TEST_CASE("redline of a split and of a merge: the paragraph break is the tracked change", "[report][docx]") {
    const std::string one =
        "# Agreement\n\n4.1 Provider shall encrypt Customer Content at rest using strong ciphers and rotate keys "
        "yearly. Provider shall monitor access logs daily for intrusions.\n\n4.2 Customer shall pay all fees when due.\n";
    const std::string two =
        "# Agreement\n\n4.1 Provider shall encrypt Customer Content at rest using strong ciphers and rotate keys "
        "yearly.\n\n4.2 Provider shall monitor access logs daily for intrusions.\n\n4.3 Customer shall pay all fees "
        "when due.\n";
    for (bool split : {true, false}) {
        Redline r = split ? markdown_redline(one, two) : markdown_redline(two, one);
        bool pieces = false;
        for (const onus::Change& c : r.diff.changes) pieces = pieces || !c.also_new.empty() || !c.also_old.empty();
        REQUIRE(pieces);
        onus::Document accepted = read_back(r.bytes, onus::ChangeView::accept);
        onus::Document rejected = read_back(r.bytes, onus::ChangeView::reject);
        INFO(body_text(accepted));
        INFO(body_text(rejected));
        CHECK(body_text(accepted) == body_text(r.after));
        CHECK(body_text(rejected) == body_text(r.before));
        // Only the break, the space and the labels change: the sentences
        // themselves are never deleted.
        std::string document = part_of(r.bytes, "word/document.xml");
        CHECK(document.find("intrusions.</w:delText>") == std::string::npos);
    }
}
