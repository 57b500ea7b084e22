// One agreement, seven formats: the sample saved as DOCX (automatic
// numbering), Flat OPC, ODT, Akoma Ntoso, generic XML, Markdown and wrapped
// plain text yields the same clause numbers and the same words, so that
// everything downstream is format-blind.
#include <catch2/catch.hpp>

#include "onus/ingest.hpp"
#include "support.hpp"
#include "words.hpp"

namespace {

struct Reading {
    std::vector<std::string> numbers;
    std::vector<std::string> words;
};

Reading read(const std::string& file) {
    onus::Document doc = onus::load((onus::test::source_dir() / "samples" / file).string());
    Reading r;
    std::string all;
    for (const onus::Clause& c : doc.clauses) {
        if (!c.number.empty()) r.numbers.push_back(c.number);
        all += c.number + " " + c.heading + " " + c.text + "\n";
    }
    for (std::string w : onus::test::word_tokens_of(all)) {
        // A footnote mark sits against the word it follows ("report1") in
        // formats that render it inline; the word is the same.
        if (std::isalpha(static_cast<unsigned char>(w[0])))
            while (std::isdigit(static_cast<unsigned char>(w.back()))) w.pop_back();
        r.words.push_back(w);
    }
    return r;
}

}  // namespace

TEST_CASE("the sample agreement reads the same in every format", "[formats]") {
    Reading reference = read("northwind-csa.docx");
    REQUIRE(reference.numbers.size() > 100);
    for (const char* file : {"northwind-csa.xml", "northwind-csa.odt", "northwind-csa.akn.xml",
                             "northwind-csa.generic.xml", "northwind-csa.md", "northwind-csa.txt"}) {
        INFO(file);
        Reading other = read(file);
        CHECK(other.numbers == reference.numbers);
        CHECK(other.words == reference.words);
    }
}
