// Word's automatic numbering: formats, counters, restarts, instances,
// overrides, style links, namespaces.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include <string>
#include <vector>

#include "ingest/docx/numbering.hpp"

using onus::docx::format_number;
using onus::docx::Numbering;

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// Wrap numbering.xml content in a w:numbering root with the given namespace.
std::string numbering_xml(const std::string& body, const std::string& ns = kW, const std::string& prefix = "w") {
    const std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
    const std::string root = prefix.empty() ? "numbering" : prefix + ":numbering";
    return "<" + root + " " + decl + "=\"" + ns + "\">" + body + "</" + root + ">";
}

// One w:lvl with the usual children; extra is inserted verbatim.
std::string lvl(int ilvl, const std::string& fmt, const std::string& text, int start = 1, const std::string& extra = "") {
    return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"" + std::to_string(start) +
           "\"/><w:numFmt w:val=\"" + fmt + "\"/>" + extra + "<w:lvlText w:val=\"" + text + "\"/></w:lvl>";
}

std::string abstract_num(const std::string& id, const std::string& levels, const std::string& extra = "") {
    return "<w:abstractNum w:abstractNumId=\"" + id + "\">" + extra + levels + "</w:abstractNum>";
}

std::string num(const std::string& id, const std::string& abstract_id, const std::string& overrides = "") {
    return "<w:num w:numId=\"" + id + "\"><w:abstractNumId w:val=\"" + abstract_id + "\"/>" + overrides + "</w:num>";
}

struct Loaded {
    pugi::xml_document doc;
    Numbering numbering;
    std::vector<onus::Diagnostic> warnings;
};

// Loaded owns the document only for the duration of load; Numbering copies
// what it needs, which the tests rely on by destroying the doc early.
void load(Loaded& l, const std::string& xml) {
    const auto ok = l.doc.load_string(xml.c_str());
    REQUIRE(ok);
    l.numbering.load(l.doc.document_element(), l.warnings);
    l.doc.reset();
}

// Three-level outline "1.", "1.1", "1.1.1" (or whatever lvlText is given).
std::string outline(const std::string& extra2 = "") {
    return lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2") + lvl(2, "decimal", "%1.%2.%3", 1, extra2);
}

}  // namespace

TEST_CASE("format_number renders every supported format", "[numbering]") {
    CHECK(format_number(7, "decimal") == "7");
    CHECK(format_number(0, "decimal") == "0");
    CHECK(format_number(1, "decimalZero") == "01");
    CHECK(format_number(9, "decimalZero") == "09");
    CHECK(format_number(10, "decimalZero") == "10");
    CHECK(format_number(123, "decimalZero") == "123");
    CHECK(format_number(7, "001, 002, 003, ...") == "007");

    CHECK(format_number(1, "upperLetter") == "A");
    CHECK(format_number(26, "upperLetter") == "Z");
    CHECK(format_number(27, "upperLetter") == "AA");
    CHECK(format_number(28, "upperLetter") == "BB");
    CHECK(format_number(53, "upperLetter") == "AAA");
    CHECK(format_number(3, "lowerLetter") == "c");
    CHECK(format_number(28, "lowerLetter") == "bb");

    CHECK(format_number(4, "upperRoman") == "IV");
    CHECK(format_number(9, "upperRoman") == "IX");
    CHECK(format_number(14, "lowerRoman") == "xiv");
    CHECK(format_number(1994, "upperRoman") == "MCMXCIV");
    CHECK(format_number(49, "lowerRoman") == "xlix");

    CHECK(format_number(1, "ordinal") == "1st");
    CHECK(format_number(2, "ordinal") == "2nd");
    CHECK(format_number(3, "ordinal") == "3rd");
    CHECK(format_number(4, "ordinal") == "4th");
    CHECK(format_number(11, "ordinal") == "11th");
    CHECK(format_number(12, "ordinal") == "12th");
    CHECK(format_number(13, "ordinal") == "13th");
    CHECK(format_number(21, "ordinal") == "21st");
    CHECK(format_number(22, "ordinal") == "22nd");
    CHECK(format_number(111, "ordinal") == "111th");
    CHECK(format_number(101, "ordinal") == "101st");

    CHECK(format_number(1, "cardinalText") == "One");
    CHECK(format_number(13, "cardinalText") == "Thirteen");
    CHECK(format_number(20, "cardinalText") == "Twenty");
    CHECK(format_number(21, "cardinalText") == "Twenty-One");
    CHECK(format_number(101, "cardinalText") == "One Hundred One");
    CHECK(format_number(2024, "cardinalText") == "Two Thousand Twenty-Four");

    CHECK(format_number(1, "ordinalText") == "First");
    CHECK(format_number(2, "ordinalText") == "Second");
    CHECK(format_number(3, "ordinalText") == "Third");
    CHECK(format_number(5, "ordinalText") == "Fifth");
    CHECK(format_number(12, "ordinalText") == "Twelfth");
    CHECK(format_number(20, "ordinalText") == "Twentieth");
    CHECK(format_number(21, "ordinalText") == "Twenty-First");
    CHECK(format_number(100, "ordinalText") == "One Hundredth");

    CHECK(format_number(1, "decimalEnclosedParen") == "(1)");
    CHECK(format_number(1, "decimalEnclosedCircle") == "\u2460");
    CHECK(format_number(20, "decimalEnclosedCircle") == "\u2473");
    CHECK(format_number(21, "decimalEnclosedCircle") == "21");
    CHECK(format_number(1, "chicago") == "*");
    CHECK(format_number(6, "chicago") == "\u2020\u2020");
    CHECK(format_number(3, "numberInDash") == "- 3 -");

    bool known = false;
    CHECK(format_number(5, "bullet", &known).empty());
    CHECK(known);
    CHECK(format_number(5, "none", &known).empty());
    CHECK(known);
    CHECK(format_number(5, "japaneseCounting", &known) == "5");
    CHECK_FALSE(known);
}

TEST_CASE("format_number falls back to digits where a sequence has no term", "[numbering]") {
    CHECK(format_number(0, "upperRoman") == "0");
    CHECK(format_number(0, "lowerLetter") == "0");
    CHECK(format_number(2'000'000'000, "upperLetter") == "2000000000");
}

TEST_CASE("multi-level labels and deeper levels restarting", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "decimal", "%1.") + lvl(1, "lowerLetter", "%1.%2") +
                                               lvl(2, "lowerRoman", "%1.%2(%3)")) +
                          num("1", "0")));
    auto& n = l.numbering;
    CHECK(n.next("1", 0) == "1.");
    CHECK(n.next("1", 1) == "1.a");
    CHECK(n.next("1", 2) == "1.a(i)");
    CHECK(n.next("1", 2) == "1.a(ii)");
    CHECK(n.next("1", 1) == "1.b");
    CHECK(n.next("1", 2) == "1.b(i)");
    CHECK(n.next("1", 0) == "2.");
    CHECK(n.next("1", 2) == "2.a(i)");  // level 2 skipped: shown at its start...
    CHECK(n.next("1", 1) == "2.b");     // ...and counted, as Word does
    CHECK(n.next("1", 2) == "2.b(i)");
    CHECK(l.warnings.empty());
}

TEST_CASE("a skipped level shows its start value and counts as used", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", outline()) + num("1", "0")));
    auto& n = l.numbering;
    CHECK(n.next("1", 1) == "1.1");
    CHECK(n.next("1", 0) == "2.");  // Word counted the "1" shown above
    CHECK(n.next("1", 2) == "2.1.1");
    CHECK(n.next("1", 1) == "2.2");  // as Word shows it: "2.1" was consumed by "2.1.1"
}

TEST_CASE("trailing and leading literal text is kept", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "decimal", "Article %1") + lvl(1, "decimalZero", "Section %1.%2") +
                                               lvl(2, "decimal", "(%3)")) +
                          abstract_num("1", lvl(0, "decimal", "")) + num("1", "0") + num("2", "1")));
    CHECK(l.numbering.next("1", 0) == "Article 1");
    CHECK(l.numbering.next("1", 1) == "Section 1.01");
    CHECK(l.numbering.next("1", 2) == "(1)");
    CHECK(l.numbering.next("2", 0).empty());  // empty lvlText: a numbered paragraph with no label
}

TEST_CASE("isLgl shows a roman parent level as decimal", "[numbering]") {
    Loaded l;
    const std::string legal = "<w:isLgl/>";
    load(l, numbering_xml(abstract_num("0", lvl(0, "upperRoman", "Article %1.") +
                                               lvl(1, "decimalZero", "Section %1.%2", 1, legal) +
                                               lvl(2, "lowerLetter", "(%3)")) +
                          abstract_num("1", lvl(0, "upperRoman", "Article %1.") +
                                                lvl(1, "decimalZero", "Section %1.%2")) +
                          num("1", "0") + num("2", "1")));
    auto& n = l.numbering;
    CHECK(n.next("1", 0) == "Article I.");
    CHECK(n.next("1", 1) == "Section 1.01");
    CHECK(n.next("1", 2) == "(a)");
    CHECK(n.next("1", 0) == "Article II.");
    CHECK(n.next("1", 1) == "Section 2.01");
    CHECK(n.next("1", 1) == "Section 2.02");
    // Without isLgl the roman parent stays roman.
    CHECK(n.next("2", 0) == "Article I.");
    CHECK(n.next("2", 1) == "Section I.01");
}

TEST_CASE("isLgl turns every level's letters and numerals into digits", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "upperLetter", "%1.") + lvl(1, "lowerLetter", "%1.%2") +
                                               lvl(2, "lowerRoman", "%1.%2.%3", 1, "<w:isLgl w:val=\"1\"/>")) +
                          num("1", "0")));
    auto& n = l.numbering;
    CHECK(n.next("1", 0) == "A.");
    CHECK(n.next("1", 1) == "A.a");
    CHECK(n.next("1", 2) == "1.1.1");
    CHECK(n.next("1", 2) == "1.1.2");
    CHECK(n.next("1", 1) == "A.b");
    CHECK(n.next("1", 2) == "1.2.1");
}

TEST_CASE("an isLgl flag set off is off", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "upperRoman", "%1", 1, "<w:isLgl w:val=\"false\"/>")) +
                          num("1", "0")));
    CHECK(l.numbering.next("1", 0) == "I");
}

TEST_CASE("lvlRestart controls when a deeper level restarts", "[numbering]") {
    SECTION("0: never restart") {
        Loaded l;
        load(l, numbering_xml(abstract_num("0", lvl(0, "decimal", "%1.") +
                                                   lvl(1, "decimal", "%2)", 1, "<w:lvlRestart w:val=\"0\"/>")) +
                              num("1", "0")));
        auto& n = l.numbering;
        CHECK(n.next("1", 0) == "1.");
        CHECK(n.next("1", 1) == "1)");
        CHECK(n.next("1", 1) == "2)");
        CHECK(n.next("1", 0) == "2.");
        CHECK(n.next("1", 1) == "3)");
    }
    SECTION("1 on the third level: only level 1 restarts it, level 2 does not") {
        Loaded l;
        load(l, numbering_xml(abstract_num("0", outline("<w:lvlRestart w:val=\"1\"/>")) + num("1", "0")));
        auto& n = l.numbering;
        CHECK(n.next("1", 0) == "1.");
        CHECK(n.next("1", 1) == "1.1");
        CHECK(n.next("1", 2) == "1.1.1");
        CHECK(n.next("1", 2) == "1.1.2");
        CHECK(n.next("1", 1) == "1.2");
        CHECK(n.next("1", 2) == "1.2.3");
        CHECK(n.next("1", 0) == "2.");
        CHECK(n.next("1", 1) == "2.1");
        CHECK(n.next("1", 2) == "2.1.1");
    }
    SECTION("a value naming the level itself or a deeper one is ignored") {
        Loaded l;
        load(l, numbering_xml(abstract_num("0", outline("<w:lvlRestart w:val=\"5\"/>")) + num("1", "0")));
        auto& n = l.numbering;
        CHECK(n.next("1", 0) == "1.");
        CHECK(n.next("1", 2) == "1.1.1");
        CHECK(n.next("1", 2) == "1.1.2");
        CHECK(n.next("1", 1) == "1.2");  // "1.1" was taken by the skipped level
        CHECK(n.next("1", 2) == "1.2.1");
    }
}

TEST_CASE("a start value other than 1, and a missing w:start", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "upperLetter", "%1.", 4)) +
                          abstract_num("1", "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/>"
                                            "<w:lvlText w:val=\"%1.\"/></w:lvl>") +
                          num("1", "0") + num("2", "1")));
    CHECK(l.numbering.next("1", 0) == "D.");
    CHECK(l.numbering.next("1", 0) == "E.");
    CHECK(l.numbering.next("2", 0) == "0.");  // 17.9.25: w:start omitted means 0
}

TEST_CASE("instances of one abstract number continue one list", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("7", outline()) + num("1", "7") + num("2", "7")));
    auto& n = l.numbering;
    CHECK(n.next("1", 0) == "1.");
    CHECK(n.next("1", 0) == "2.");
    CHECK(n.next("2", 0) == "3.");
    CHECK(n.next("2", 1) == "3.1");
    CHECK(n.next("1", 1) == "3.2");
}

TEST_CASE("an instance with startOverride restarts the shared list once", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", outline()) + num("1", "0") +
                          num("2", "0", "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>") +
                          num("3", "0", "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"4\"/></w:lvlOverride>")));
    auto& n = l.numbering;
    CHECK(n.next("1", 0) == "1.");
    CHECK(n.next("1", 0) == "2.");
    CHECK(n.next("2", 0) == "1.");  // restart numbering
    CHECK(n.next("2", 0) == "2.");
    CHECK(n.next("2", 1) == "2.1");
    CHECK(n.next("1", 0) == "3.");  // the original instance continues the restarted list
    CHECK(n.next("1", 1) == "3.1");
    CHECK(n.next("3", 1) == "3.4");  // an override of a deeper level fires once...
    CHECK(n.next("3", 1) == "3.5");
    CHECK(n.next("1", 1) == "3.6");  // ...and the list goes on from it
    CHECK(n.peek("2", 0) == "4.");   // an override already used does not fire again
    REQUIRE(n.level("3", 1) != nullptr);
    CHECK(n.level("3", 1)->start == 4);
    CHECK(n.level("1", 1)->start == 1);
}

TEST_CASE("a lvlOverride with a whole w:lvl replaces the level for that instance", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", outline()) + num("1", "0") +
                          num("2", "0",
                              "<w:lvlOverride w:ilvl=\"1\">" + lvl(1, "upperLetter", "Part %2:", 3) +
                                  "</w:lvlOverride>")));
    auto& n = l.numbering;
    CHECK(n.next("2", 0) == "1.");
    CHECK(n.next("2", 1) == "Part C:");
    CHECK(n.next("2", 1) == "Part D:");
    CHECK(n.next("2", 2) == "1.D.1");  // %2 in level 3 renders in the overriding level's format
    // The instance still shares the abstract number's counters: only the
    // look of the level changed.
    CHECK(n.next("1", 1) == "1.5");
    CHECK(n.next("1", 0) == "2.");
    CHECK(n.next("2", 1) == "Part C:");  // restarts use the replacement's start
    REQUIRE(n.level("2", 1) != nullptr);
    CHECK(n.level("2", 1)->format == "upperLetter");
    CHECK(n.level("1", 1)->format == "decimal");
}

TEST_CASE("numStyleLink takes its levels from the linked style's numbering", "[numbering]") {
    const std::string xml = numbering_xml(
        abstract_num("10", lvl(0, "decimal", "%1.") + lvl(1, "lowerLetter", "(%2)"), "<w:styleLink w:val=\"LegalList\"/>") +
        abstract_num("11", "", "<w:numStyleLink w:val=\"LegalList\"/>") +
        abstract_num("12", "", "<w:numStyleLink w:val=\"Loop\"/>") +
        num("5", "10") + num("6", "11") + num("7", "12"));
    SECTION("through link_style") {
        Loaded l;
        load(l, xml);
        l.numbering.link_style("LegalList", "5");
        l.numbering.link_style("Loop", "7");  // points back at itself
        auto& n = l.numbering;
        CHECK(n.next("6", 0) == "1.");
        CHECK(n.next("6", 1) == "(a)");
        CHECK(n.next("5", 0) == "2.");  // the style's own instance continues the same list
        CHECK(n.next("7", 0).empty());  // a cycle resolves to nothing, without hanging
        CHECK(n.level("7", 0) == nullptr);
    }
    SECTION("linked before load") {
        Loaded l;
        l.numbering.link_style("LegalList", "5");
        load(l, xml);
        CHECK(l.numbering.next("6", 1) == "(a)");
    }
    SECTION("without link_style, through the abstract's w:styleLink") {
        Loaded l;
        load(l, xml);
        CHECK(l.numbering.next("6", 0) == "1.");
        CHECK(l.numbering.is_bullet("6", 0) == false);
    }
}

TEST_CASE("numbering switched off, or pointing nowhere, renders nothing", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "decimal", "%1.")) + num("1", "0") + num("2", "99")));
    auto& n = l.numbering;
    CHECK(n.next("0", 0).empty());
    CHECK(n.next("", 0).empty());
    CHECK(n.next("42", 0).empty());
    CHECK(n.next("2", 0).empty());  // instance of a missing abstract number
    CHECK(n.next("1", 3).empty());  // a level the definition lacks
    CHECK(n.next("1", -1).empty());
    CHECK(n.next("1", 9).empty());
    CHECK(n.level("0", 0) == nullptr);
    CHECK(n.next("1", 0) == "1.");  // none of the above advanced anything
}

TEST_CASE("bullets render their character, Symbol-font code points mapped", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "bullet", "\uF0B7") + lvl(1, "bullet", "o") +
                                               lvl(2, "bullet", "\uF0A7") + lvl(3, "bullet", "\uF0D8") +
                                               lvl(4, "bullet", "\uF0FC") + lvl(5, "bullet", "\uF06F") +
                                               lvl(6, "bullet", "\uF076") + lvl(7, "bullet", "\u2013") +
                                               "<w:lvl w:ilvl=\"8\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
                                               "<w:lvlText w:val=\"\u00A7\"/><w:rPr><w:rFonts w:ascii=\"Wingdings\" "
                                               "w:hAnsi=\"Wingdings\" w:hint=\"default\"/></w:rPr></w:lvl>") +
                          num("1", "0")));
    auto& n = l.numbering;
    CHECK(n.is_bullet("1", 0));
    CHECK(n.next("1", 0) == "\u2022");
    CHECK(n.next("1", 0) == "\u2022");
    CHECK(n.next("1", 1) == "o");
    CHECK(n.next("1", 2) == "\u25AA");
    CHECK(n.next("1", 3) == "\u27A2");
    CHECK(n.next("1", 4) == "\u2713");
    CHECK(n.next("1", 5) == "o");
    CHECK(n.next("1", 6) == "\u2022");  // any other Symbol/Wingdings code point
    CHECK(n.next("1", 7) == "\u2013");
    CHECK(n.next("1", 8) == "\u25AA");  // "§" in Wingdings is its square bullet
}

TEST_CASE("levels render in every format", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "ordinal", "%1")) + abstract_num("1", lvl(0, "cardinalText", "%1:")) +
                          abstract_num("2", lvl(0, "ordinalText", "%1 Schedule")) +
                          abstract_num("3", lvl(0, "decimalEnclosedParen", "%1")) +
                          abstract_num("4", lvl(0, "decimalEnclosedCircle", "%1")) +
                          abstract_num("5", lvl(0, "none", "%1.")) + abstract_num("6", lvl(0, "upperLetter", "%1.", 27)) +
                          abstract_num("7", lvl(0, "lowerRoman", "%1)")) + abstract_num("8", lvl(0, "none", "")) +
                          num("1", "0") + num("2", "1") + num("3", "2") + num("4", "3") + num("5", "4") +
                          num("6", "5") + num("7", "6") + num("8", "7") + num("9", "8")));
    auto& n = l.numbering;
    CHECK(n.next("1", 0) == "1st");
    CHECK(n.next("1", 0) == "2nd");
    CHECK(n.next("2", 0) == "One:");
    CHECK(n.next("3", 0) == "First Schedule");
    CHECK(n.next("4", 0) == "(1)");
    CHECK(n.next("5", 0) == "\u2460");
    CHECK(n.next("6", 0) == ".");  // none: no number, the literal text stays
    CHECK(n.next("7", 0) == "AA.");
    CHECK(n.next("7", 0) == "BB.");
    CHECK(n.next("8", 0) == "i)");
    CHECK(n.next("9", 0).empty());
    CHECK(l.warnings.empty());
}

TEST_CASE("unknown formats render as decimal with one diagnostic per format", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "japaneseCounting", "%1.") + lvl(1, "japaneseCounting", "%2.") +
                                               lvl(2, "thaiLetters", "%3)")) +
                          num("1", "0")));
    REQUIRE(l.warnings.size() == 2);
    CHECK(l.warnings[0].where == "word/numbering.xml");
    CHECK(l.warnings[0].message.find("japaneseCounting") != std::string::npos);
    CHECK(l.warnings[1].message.find("thaiLetters") != std::string::npos);
    CHECK(l.numbering.next("1", 0) == "1.");
    CHECK(l.numbering.next("1", 2) == "1)");
    CHECK(l.numbering.warnings().empty());  // already reported at load

    SECTION("definitions added directly are reported when first rendered") {
        Numbering n;
        onus::docx::AbstractNum abs;
        abs.id = "a";
        onus::docx::Level level;
        level.format = "hebrew2";
        level.text = "%1.";
        abs.levels = {level};
        n.add_abstract(abs);
        n.add_instance({"1", "a", {}, {}});
        CHECK(n.next("1", 0) == "1.");
        CHECK(n.next("1", 0) == "2.");
        REQUIRE(n.warnings().size() == 1);
        CHECK(n.warnings()[0].message.find("hebrew2") != std::string::npos);
    }
}

TEST_CASE("custom zero-padded formats from mc:AlternateContent", "[numbering]") {
    Loaded l;
    const std::string mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    auto custom_lvl = [](const std::string& sample, int ilvl, const std::string& text) {
        return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) +
               "\"><w:start w:val=\"1\"/><mc:AlternateContent><mc:Choice Requires=\"w14\">"
               "<w:numFmt w:val=\"custom\" w:format=\"" +
               sample +
               "\"/></mc:Choice><mc:Fallback><w:numFmt w:val=\"decimal\"/></mc:Fallback></mc:AlternateContent>"
               "<w:lvlText w:val=\"" +
               text + "\"/></w:lvl>";
    };
    const std::string body = abstract_num("0", custom_lvl("01, 02, 03, ...", 0, "%1.") +
                                                   custom_lvl("001, 002, 003, ...", 1, "%1-%2") +
                                                   custom_lvl("\u03B1, \u03B2, \u03B3, ...", 2, "(%3)")) +
                             num("1", "0");
    const std::string xml = "<w:numbering xmlns:w=\"" + std::string(kW) + "\" xmlns:mc=\"" + mc + "\">" + body +
                            "</w:numbering>";
    load(l, xml);
    auto& n = l.numbering;
    CHECK(n.level("1", 0)->format == "decimalZero");
    CHECK(n.next("1", 0) == "01.");
    CHECK(n.next("1", 1) == "01-001");
    CHECK(n.next("1", 2) == "(1)");  // a custom sequence we cannot render: the Fallback's decimal
    CHECK(l.warnings.empty());
}

TEST_CASE("strict namespace and any prefix are read alike", "[numbering]") {
    const std::string strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    auto body = [](const std::string& p) {
        return "<" + p + "abstractNum " + p + "abstractNumId=\"0\"><" + p + "lvl " + p + "ilvl=\"0\"><" + p + "start " +
               p + "val=\"1\"/><" + p + "numFmt " + p + "val=\"upperRoman\"/><" + p + "lvlText " + p +
               "val=\"%1.\"/></" + p + "lvl><" + p + "lvl " + p + "ilvl=\"1\"><" + p + "start " + p + "val=\"1\"/><" +
               p + "numFmt " + p + "val=\"decimalZero\"/><" + p + "isLgl " + p + "val=\"true\"/><" + p + "lvlText " +
               p + "val=\"Section %1.%2\"/></" + p + "lvl></" + p + "abstractNum><" + p + "num " + p +
               "numId=\"3\"><" + p + "abstractNumId " + p + "val=\"0\"/></" + p + "num>";
    };
    SECTION("strict URI with the w prefix") {
        Loaded l;
        load(l, numbering_xml(body("w:"), strict, "w"));
        CHECK(l.numbering.next("3", 0) == "I.");
        CHECK(l.numbering.next("3", 1) == "Section 1.01");
    }
    SECTION("strict URI with another prefix") {
        Loaded l;
        load(l, numbering_xml(body("s:"), strict, "s"));
        CHECK(l.numbering.next("3", 1) == "Section 1.01");
    }
    SECTION("default namespace: elements match, unprefixed attributes are not w:val") {
        Loaded l;
        load(l, numbering_xml(body(""), strict, ""));
        CHECK(l.numbering.level("3", 0) == nullptr);  // no w:abstractNumId, no w:ilvl: nothing usable
    }
    SECTION("elements of another namespace are not Word's") {
        Loaded l;
        load(l, numbering_xml(body("w:"), "urn:example:not-word", "w"));
        CHECK(l.numbering.next("3", 0).empty());
    }
}

TEST_CASE("level_for_style finds the level linked to a paragraph style", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", lvl(0, "decimal", "%1", 1, "<w:pStyle w:val=\"Heading1\"/>") +
                                               lvl(1, "decimal", "%1.%2", 1, "<w:pStyle w:val=\"Heading2\"/>")) +
                          num("4", "0")));
    CHECK(l.numbering.level_for_style("4", "Heading1") == 0);
    CHECK(l.numbering.level_for_style("4", "Heading2") == 1);
    CHECK(l.numbering.level_for_style("4", "Heading3") == -1);
    CHECK(l.numbering.level_for_style("9", "Heading1") == -1);
    CHECK(l.numbering.level("4", 1)->style == "Heading2");
}

TEST_CASE("peek shows the next label without advancing", "[numbering]") {
    Loaded l;
    load(l, numbering_xml(abstract_num("0", outline()) + num("1", "0")));
    auto& n = l.numbering;
    CHECK(n.peek("1", 0) == "1.");
    CHECK(n.peek("1", 0) == "1.");
    CHECK(n.next("1", 0) == "1.");
    CHECK(n.next("1", 1) == "1.1");
    CHECK(n.peek("1", 0) == "2.");
    CHECK(n.peek("1", 1) == "1.2");
    CHECK(n.next("1", 1) == "1.2");
    CHECK(n.peek("0", 0).empty());
}
