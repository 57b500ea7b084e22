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

TEST_CASE("a sentence split in two pairs with both pieces, and two joined with one", "[diff][sentences]") {
    std::vector<std::string> one{"This license does not grant GitHub the right to sell Customer Content or otherwise "
                                 "distribute or use it outside of the Service."};
    std::vector<std::string> two{"This license does not grant GitHub the right to sell Customer Content.",
                                 "It also does not grant GitHub the right to otherwise distribute or use Customer "
                                 "Content outside of our provision of the Service, except that GitHub may permit "
                                 "our partners to archive Customer Content.",
                                 "Fees are due monthly."};
    auto split = pair_sentences(one, two);
    REQUIRE(split.matched.size() == 1);
    CHECK(split.matched[0] == std::make_pair(std::size_t{0}, std::size_t{0}));
    CHECK(split.new_through.at(0) == 1);
    CHECK(split.only_new == std::vector<std::size_t>{2});  // the unrelated sentence stays new
    CHECK(split.old_through.empty());

    auto joined = pair_sentences(std::vector<std::string>(two.begin(), two.begin() + 2), one);
    REQUIRE(joined.matched.size() == 1);
    CHECK(joined.old_through.at(0) == 1);
    CHECK(joined.only_old.empty());

    // A sentence that only rewords keeps its pair alone.
    auto reworded = pair_sentences({"Provider will back up Customer Data daily."},
                                   {"Provider will back up Customer Data every day.", "Backups are kept for thirty days."});
    CHECK(reworded.new_through.empty());
    CHECK(reworded.only_new == std::vector<std::size_t>{1});
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
