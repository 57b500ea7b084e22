// The generic XML reader: clause guessing on small inline documents, the
// XmlClauseHint that overrides it, hostile input, the sample agreement in
// onus's own simple schema, and a US bill with an external DOCTYPE.
#include <catch2/catch.hpp>

#include <sstream>

#include "ingest/readers.hpp"
#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "onus/structure.hpp"
#include "onus/text.hpp"
#include "support.hpp"
#include "words.hpp"

namespace {

onus::Document read(const std::string& xml, const onus::LoadOptions& options = {}) {
    onus::Document doc;
    doc.path = "test.xml";
    onus::ingest::read_generic_xml(xml, options, doc);
    onus::build_clauses(doc);
    return doc;
}

onus::Document read(const std::string& xml, const onus::XmlClauseHint& hint) {
    onus::LoadOptions options;
    options.xml = hint;
    return read(xml, options);
}

const onus::Clause* clause(const onus::Document& doc, const std::string& number) {
    for (const onus::Clause& c : doc.clauses)
        if (c.number == number) return &c;
    return nullptr;
}

std::vector<std::string> numbers(const onus::Document& doc) {
    std::vector<std::string> out;
    for (const onus::Clause& c : doc.clauses)
        if (!c.number.empty()) out.push_back(c.number);
    return out;
}

std::vector<std::string> lines(const onus::Document& doc) {
    std::vector<std::string> out;
    for (const onus::Block& b : doc.blocks) out.push_back(b.label.empty() ? b.text : b.label + " " + b.text);
    return out;
}

std::size_t left_out(const onus::Document& doc) {
    std::size_t n = 0;
    for (const auto& [reason, count] : doc.stats.left_out) n += count;
    return n;
}

onus::ErrorCode code_of(const std::string& xml, const onus::LoadOptions& options = {}) {
    try {
        read(xml, options);
    } catch (const onus::Error& e) {
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
        return e.code();
    }
    FAIL("no error");
    return onus::ErrorCode::internal;
}

}  // namespace

TEST_CASE("generic XML: elements with a number and/or heading child are clauses", "[xml]") {
    onus::Document doc = read(
        "<contract>\n  <title>Hosting Terms</title>\n"
        "  <section>\n    <num>1.</num>\n    <heading>Scope</heading>\n"
        "    <p>The <b>Provider</b> <i>hosts</i> the\n      Services.</p>\n"
        "    <section><num>(a)</num><p>backups;</p></section>\n"
        "    <section><num>(b)</num><p>logs.</p></section>\n"
        "  </section>\n"
        "  <section><title>Miscellaneous</title><p>Nothing else.</p></section>\n"
        "</contract>");
    CHECK(doc.format == "xml");
    CHECK(doc.title == "Hosting Terms");
    CHECK(lines(doc) == std::vector<std::string>{"Hosting Terms", "1. Scope", "The Provider hosts the Services.",
                                                 "(a) backups;", "(b) logs.", "Miscellaneous", "Nothing else."});
    CHECK(doc.blocks[1].heading_level == 1);
    CHECK(doc.blocks[3].list_level == 1);
    CHECK(doc.blocks[5].heading_level == 1);
    CHECK(doc.blocks[0].heading_level == 0);  // the root is never a clause; its title is the document's
    const onus::Clause* scope = clause(doc, "1.");
    REQUIRE(scope);
    CHECK(scope->heading == "Scope");
    const onus::Clause* b = clause(doc, "(b)");
    REQUIRE(b);
    CHECK(doc.clauses[*b->parent].number == "1.");
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
}

TEST_CASE("generic XML: numbers from attributes; ids, form labels and foreign titles are not numbers", "[xml]") {
    onus::Document doc = read(
        "<agreement xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        "<meta><dc:title>Master Terms</dc:title><dc:creator>Legal</dc:creator></meta>"
        "<clause n=\"4.2\" id=\"c42\"><text>Provider shall patch.</text></clause>"
        "<part id=\"sec_7\"><text>An identified part.</text></part>"
        "<field><label>Name of customer</label><value>Acme</value></field>"
        "<item><label>iv.</label><text>Fourth.</text></item>"
        "<entry><name>Acme Corp</name><text>A party.</text></entry>"
        "<schedule><no>Schedule 2</no><name>Fees</name><text>Monthly.</text></schedule>"
        "</agreement>");
    CHECK(doc.title == "Master Terms");  // Dublin Core title, no title child of the root
    CHECK(numbers(doc) == std::vector<std::string>{"4.2", "iv.", "Schedule 2"});
    CHECK(lines(doc) == std::vector<std::string>{"Master Terms", "Legal", "4.2 Provider shall patch.",
                                                 "An identified part.", "Name of customer", "Acme", "iv. Fourth.",
                                                 "Acme Corp", "A party.", "Schedule 2 Fees", "Monthly."});
    CHECK(clause(doc, "Schedule 2")->heading == "Fees");
    // The attribute's number is generated, not read from a text node.
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
}

TEST_CASE("generic XML: hints name the clause, number and heading elements", "[xml][hint]") {
    std::string xml =
        "<law><art num=\"7\"><t>Security</t><para>Encrypt data.</para></art>"
        "<art num=\"8\"><t>Audit</t><para>Annual audits.</para></art>"
        "<section><num>9.</num><heading>Ignored by the hint</heading><para>Still read.</para></section></law>";
    onus::XmlClauseHint hint;
    hint.clause_element = "art";
    hint.number_element = "@num";
    hint.heading_element = "t";
    onus::Document doc = read(xml, hint);
    REQUIRE(doc.blocks.size() == 7);
    CHECK(doc.blocks[0].label == "7");
    CHECK(doc.blocks[0].text == "Security");
    CHECK(doc.blocks[0].heading_level == 1);
    CHECK(doc.blocks[2].label == "8");
    CHECK(doc.blocks[2].heading_level == 1);
    REQUIRE(clause(doc, "7"));
    CHECK(clause(doc, "7")->heading == "Security");
    CHECK(clause(doc, "8")->text == "Annual audits.");
    // The section is not a clause under the hint: its parts are plain
    // paragraphs (the structure stage may still take "9." for a typed number).
    CHECK(doc.blocks[4].heading_level == 0);
    CHECK(doc.blocks[5].text == "Ignored by the hint");
    CHECK(doc.blocks[5].heading_level == 0);
    CHECK(doc.blocks[6].text == "Still read.");

    // Without the hint, "t" is no heading name: the guessed clause "7" has
    // no heading line, its first paragraph carries the number; the
    // section's num and heading are found.
    onus::Document guessed = read(xml);
    CHECK(numbers(guessed) == std::vector<std::string>{"7", "8", "9."});
    CHECK(guessed.blocks[0].label == "7");
    CHECK(guessed.blocks[0].heading_level == 0);
    CHECK(guessed.blocks[4].label == "9.");
    CHECK(guessed.blocks[4].text == "Ignored by the hint");
    CHECK(guessed.blocks[4].heading_level == 1);

    // A child number element named by the hint, no clause element given.
    onus::XmlClauseHint by_number;
    by_number.number_element = "code";
    onus::Document coded = read("<doc><rule><code>R-12</code><text>Keep logs.</text></rule></doc>", by_number);
    CHECK(numbers(coded) == std::vector<std::string>{"R-12"});
}

TEST_CASE("generic XML: tables, notes, breaks and mixed content", "[xml][tables]") {
    onus::Document doc = read(
        "<doc><div>Intro text <em>here</em><p>A paragraph<br/>broken.</p>tail text</div>"
        "<table><tr><th>Tier</th><th>Credit</th></tr><tr><td>1</td><td>10%</td></tr></table>"
        "<table><tgroup><tbody><row><entry>CALS</entry><entry>cell</entry></row></tbody></tgroup></table>"
        "<p>Encrypted<footnote>AES-256.</footnote> at rest.</p></doc>");
    CHECK(lines(doc) == std::vector<std::string>{"Intro text here", "A paragraph\nbroken.", "tail text",
                                                 "Tier\tCredit", "1\t10%", "CALS\tcell", "Encrypted1 at rest.",
                                                 "1 AES-256."});
    CHECK(doc.blocks[3].kind == onus::BlockKind::table_row);
    CHECK(doc.blocks[4].cells == std::vector<std::string>{"1", "10%"});
    CHECK(doc.blocks[7].kind == onus::BlockKind::footnote);
    REQUIRE(doc.blocks[6].notes.size() == 1);
    CHECK(doc.blocks[6].notes[0].note_id == doc.blocks[7].note_id);
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));
}

TEST_CASE("generic XML hostile: DTD entities inert, external DTD never fetched", "[xml][hostile]") {
    std::string laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<lolz><p>&lol3;</p><p>&xxe;</p></lolz>";
    onus::Document doc = read(laughs);
    CHECK(lines(doc) == std::vector<std::string>{"&lol3;", "&xxe;"});
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].message.find("entity references") != std::string::npos);

    // An external DTD (as US bills carry) is allowed and never read: the
    // system identifier points nowhere reachable, and nothing changes.
    onus::Document bill = read("<?xml version=\"1.0\"?><!DOCTYPE bill PUBLIC \"-//X//DTD//EN\" "
                               "\"http://example.invalid/bill.dtd\"><bill><section><enum>1.</enum>"
                               "<header>Short title</header><text>This Act.</text></section></bill>");
    CHECK(numbers(bill) == std::vector<std::string>{"1."});
    CHECK(bill.warnings.empty());
}

TEST_CASE("generic XML hostile: depth, encoding and block limits", "[xml][hostile]") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<d>";
    deep += "x";
    for (int i = 0; i < 100000; ++i) deep += "</d>";
    CHECK(code_of(deep) == onus::ErrorCode::limit);

    std::string nested = "<a><b><c><d>text</d></c></b></a>";
    onus::LoadOptions shallow;
    shallow.limits.max_xml_depth = 2;
    CHECK(code_of(nested, shallow) == onus::ErrorCode::limit);
    CHECK(read(nested).blocks.size() == 1);

    CHECK(code_of("<doc><p>caf\xE9</p></doc>") == onus::ErrorCode::malformed);
    CHECK(code_of("<doc><p>open</doc>") == onus::ErrorCode::malformed);
    CHECK(code_of("<a/><b/>") == onus::ErrorCode::malformed);

    onus::LoadOptions few;
    few.limits.max_blocks = 2;
    CHECK(code_of("<doc><p>1</p><p>2</p><p>3</p></doc>", few) == onus::ErrorCode::limit);

    onus::Document replaced = read("<doc><p>a&#xDC00;b</p></doc>");
    CHECK(replaced.stats.invalid_utf8_replaced > 0);
    CHECK(onus::is_valid_utf8(replaced.blocks[0].text));
}

TEST_CASE("the sample agreement in onus's generic schema reads like its expected text", "[xml][samples]") {
    auto samples = onus::test::source_dir() / "samples";
    onus::Document doc;
    doc.path = "northwind-csa.generic.xml";
    onus::ingest::read_generic_xml(onus::test::read_file(samples / "northwind-csa.generic.xml"), {}, doc);
    onus::build_clauses(doc);
    CHECK(doc.title == "Northwind Cloud Services Agreement");
    std::ostringstream out;
    onus::write_document_text(doc, {}, out);
    std::string got = out.str();
    got = got.substr(0, got.find("[notes]"));
    std::string want = onus::test::read_file(samples / "northwind-csa.expected.txt");
    CHECK(onus::test::similarity(onus::test::word_tokens_of(want), onus::test::word_tokens_of(got)) > 0.999);
    std::istringstream in(want);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || !(std::isdigit(static_cast<unsigned char>(line[0])) || line[0] == '(')) continue;
        CHECK(got.find(line.substr(0, line.find(' ')) + " ") != std::string::npos);
    }
    REQUIRE(clause(doc, "3.5"));
    const onus::Clause* ii = nullptr;
    for (const onus::Clause& c : doc.clauses)
        if (c.id == "3.5(c)(ii)") ii = &c;
    REQUIRE(ii);
    CHECK(ii->text == "protecting the secrets, certificates and passwords that its applications use.");
}

TEST_CASE("a US bill (bill DTD) reads with its section numbers, guessed or hinted", "[xml][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    std::string bytes =
        onus::test::read_file(onus::test::shared_dir() / "corpus" / "xml" / "uslm-ogf__113-hr-1063-rh.billdtd.xml");
    onus::Document doc = read(bytes);
    CHECK(doc.title == "113 HR 1063 RH: National Strategic and Critical Minerals Policy Act of 2013");
    CHECK(doc.warnings.empty());
    std::vector<std::string> sections;
    for (const onus::Clause& c : doc.clauses)
        if (c.level == 1 && !c.number.empty()) sections.push_back(c.number);
    CHECK(sections == std::vector<std::string>{"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."});
    REQUIRE(clause(doc, "2."));
    CHECK(clause(doc, "2.")->heading == "Findings");
    const onus::Clause* policy = nullptr;
    for (const onus::Clause& c : doc.clauses)
        if (c.id == "3(b)") policy = &c;
    REQUIRE(policy);
    CHECK(policy->heading == "Policy goals");
    CHECK(doc.stats.chars_read == doc.stats.chars_emitted + left_out(doc));

    onus::XmlClauseHint hint;
    hint.clause_element = "section";
    onus::Document hinted = read(bytes, hint);
    std::size_t headed = 0;
    for (const onus::Block& b : hinted.blocks) headed += b.heading_level > 0;
    CHECK(headed == 8);  // only the eight sections have heading lines
    REQUIRE(clause(hinted, "4."));
    CHECK(clause(hinted, "4.")->heading ==
          "Secretary of the Interior report on access and authorizations for mineral development");
}
