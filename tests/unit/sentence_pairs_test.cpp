// pair_sentences(): which sentences of two versions of a clause are the same
// sentence (src/diff/sentence_pairs.hpp).
#include <catch2/catch.hpp>

#include "diff/sentence_pairs.hpp"

using onus::diff::pair_sentences;

TEST_CASE("sentences pair by their content words, not their order", "[diff][sentences]") {
    std::vector<std::string> before{"Provider will back up Customer Data daily.",
                                    "Backups are kept for thirty days.", "Customer will pay the fees."};
    std::vector<std::string> after{"Customer will pay all the fees.", "Provider will back up Customer Data every day.",
                                   "Service Credits expire when the Order Form ends."};
    auto p = pair_sentences(before, after);
    REQUIRE(p.matched.size() == 2);
    CHECK(p.matched[0] == std::make_pair(std::size_t{2}, std::size_t{0}));  // in new-text order
    CHECK(p.matched[1] == std::make_pair(std::size_t{0}, std::size_t{1}));
    CHECK(p.only_old == std::vector<std::size_t>{1});
    CHECK(p.only_new == std::vector<std::size_t>{2});
}

TEST_CASE("short sentences pair only when they are the same", "[diff][sentences]") {
    auto p = pair_sentences({"Service Level.", "Provider will meet the SLA."}, {"Service Levels.", "Provider will meet the SLA."});
    CHECK(p.matched.size() == 1);
    CHECK(p.only_old.size() == 1);
    CHECK(p.only_new.size() == 1);
}

TEST_CASE("content words ignore glue words, case and note markers", "[diff][sentences]") {
    CHECK(onus::diff::content_words("The Provider SHALL keep a SOC 2 report1") ==
          std::vector<std::string>{"provider", "keep", "soc", "report"});
}

TEST_CASE("sentence spans drop the whitespace around sentences", "[diff][sentences]") {
    std::string text = "  Service Level.  Provider will meet it. \n";
    auto spans = onus::diff::sentence_spans(text);
    REQUIRE(spans.size() == 2);
    CHECK(text.substr(spans[0].start, spans[0].end - spans[0].start) == "Service Level.");
    CHECK(text.substr(spans[1].start, spans[1].end - spans[1].start) == "Provider will meet it.");
}
