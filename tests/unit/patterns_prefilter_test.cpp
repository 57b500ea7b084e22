// The matcher's shortcuts, proved to change nothing: the one-pass literal
// scanner (Aho-Corasick) against substring search, and searches started at
// a pattern's prefix against plain regex searches.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <unistd.h>

#include "onus/patterns.hpp"
#include "patterns/literal_scanner.hpp"
#include "patterns/pattern_filter.hpp"
#include "patterns/pack_internal.hpp"

namespace fs = std::filesystem;
using onus::patterns_detail::LiteralScanner;

namespace {

std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// A rule file of one kind with one rule per pattern, in a scratch folder.
class OnePatternPerRule {
public:
    explicit OnePatternPerRule(const std::vector<std::string>& patterns) {
        static std::atomic<int> counter{0};
        dir_ = fs::temp_directory_path() /
               ("onus-prefilter-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::create_directories(dir_);
        std::string yaml = "kind: carveout\nrules:\n";
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            std::string quoted;
            for (char c : patterns[i]) quoted += (c == '\'') ? std::string("''") : std::string(1, c);
            yaml += "  - id: r" + std::to_string(i) + "\n    description: d\n    patterns: ['" + quoted +
                    "']\n    examples: {match: [a], no_match: [b]}\n";
        }
        std::ofstream(dir_ / "p.yaml") << yaml;
    }
    ~OnePatternPerRule() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    std::string dir() const { return dir_.string(); }

private:
    fs::path dir_;
};

}  // namespace

TEST_CASE("the literal scanner finds exactly the atoms a substring search finds", "[patterns][prefilter]") {
    const std::vector<std::string> atoms{"shall", "shall not", "all", "hall", "not", "ab", "abab", "bab", "b c",
                                         "x", "", "Upper", "\xC3\x9F", "'s", "--"};
    LiteralScanner scanner;
    std::vector<LiteralScanner::Id> ids;
    for (const std::string& a : atoms) ids.push_back(scanner.add(a));
    CHECK(scanner.add("shall") == ids[0]);  // the same bytes, the same id
    scanner.build();
    REQUIRE(scanner.size() == atoms.size());

    const std::vector<std::string> pieces{"sha", "ll", " ", "not", "NOT", "ab", "b", "c", "x", "Upper", "\xC3\x9F",
                                          "'", "s", "-", "h", "all"};
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 14);
    std::vector<unsigned char> found;
    std::size_t present = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        for (std::size_t n = length(random); n > 0; --n) text += pieces[piece(random)];
        scanner.scan(text, found);
        REQUIRE(found.size() == atoms.size());
        const std::string lowered = ascii_lower(text);
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            INFO("text \"" << text << "\", atom \"" << atoms[i] << "\"");
            bool expected = lowered.find(atoms[i]) != std::string::npos;
            CHECK((found[ids[i]] != 0) == expected);
            present += expected;
        }
    }
    CHECK(present > 5000);  // the texts do hold atoms...
    scanner.scan("", found);
    CHECK(found[ids[10]] == 1);  // ...and the empty atom is in every text
    CHECK(found[ids[0]] == 0);
}

// Past 32,768 states the table takes four bytes an entry instead of two:
// the same answers either way.
TEST_CASE("the literal scanner is exact with more states than a narrow table holds", "[patterns][prefilter]") {
    std::mt19937 random(11);
    std::uniform_int_distribution<int> letter('a', 'p');
    std::vector<std::string> atoms;
    for (int i = 0; i < 3500; ++i) {
        std::string a;
        for (int n = 0; n < 14; ++n) a += static_cast<char>(letter(random));
        atoms.push_back(a);
    }
    atoms.push_back("ab");
    atoms.push_back("pa");
    LiteralScanner scanner;
    std::vector<LiteralScanner::Id> ids;
    for (const std::string& a : atoms) ids.push_back(scanner.add(a));
    scanner.build();
    REQUIRE(scanner.states() > (1u << 15));

    std::vector<unsigned char> found;
    for (int round = 0; round < 200; ++round) {
        // Texts spliced from atoms and random letters, so that some atoms occur.
        std::string text;
        for (int n = 0; n < 6; ++n) {
            text += atoms[static_cast<std::size_t>(random() % atoms.size())].substr(random() % 4);
            text += static_cast<char>(letter(random));
        }
        scanner.scan(text, found);
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            INFO("text \"" << text << "\", atom \"" << atoms[i] << "\"");
            REQUIRE((found[ids[i]] != 0) == (text.find(atoms[i]) != std::string::npos));
        }
    }
}

// The inverted check against the direct one: every clause has a found atom.
TEST_CASE("the pattern filter lets through exactly the patterns whose clauses all hold a found atom",
          "[patterns][prefilter]") {
    using onus::patterns_detail::PatternFilter;
    std::mt19937 random(5);
    const std::size_t atoms = 40;
    std::uniform_int_distribution<std::size_t> atom(0, atoms - 1), count(0, 3);
    PatternFilter filter;
    std::vector<PatternFilter::Clauses> patterns;
    for (int p = 0; p < 300; ++p) {
        PatternFilter::Clauses clauses(count(random));  // some with no clause: always let through
        for (auto& clause : clauses) {
            std::set<LiteralScanner::Id> ids;  // a clause's atoms are distinct, as in a Prefilter
            for (std::size_t n = count(random) + 1; n > 0; --n) ids.insert(static_cast<LiteralScanner::Id>(atom(random)));
            clause.assign(ids.begin(), ids.end());
        }
        CHECK(filter.add(clauses) == patterns.size());
        patterns.push_back(clauses);
    }
    PatternFilter::Scratch scratch;
    std::vector<unsigned char> found, candidate;
    std::size_t through = 0;
    for (int round = 0; round < 200; ++round) {
        found.assign(atoms, 0);
        for (std::size_t n = count(random) * 4; n > 0; --n) found[atom(random)] = 1;
        filter.evaluate(found, scratch, candidate);
        REQUIRE(candidate.size() == patterns.size());
        for (std::size_t p = 0; p < patterns.size(); ++p) {
            bool expected = std::all_of(patterns[p].begin(), patterns[p].end(), [&](const auto& clause) {
                return std::any_of(clause.begin(), clause.end(), [&](LiteralScanner::Id id) { return found[id] != 0; });
            });
            REQUIRE((candidate[p] != 0) == expected);
            through += expected;
        }
    }
    CHECK(through > 10000);  // neither all nor nothing
    CHECK(through < 55000);
}

TEST_CASE("a pattern's prefixes are where every match starts", "[patterns][prefilter]") {
    using onus::patterns_detail::make_prefixes;
    using Strings = std::vector<std::string>;
    CHECK(make_prefixes("(?<!\\bat )\\bwill\\b") == Strings{"will"});
    CHECK(make_prefixes("\\bShall not\\b") == Strings{"shall not"});
    CHECK(make_prefixes("\\b(?:is|are) entitled to\\b") == Strings{"are", "is"});
    CHECK(make_prefixes("\\bapis?\\b") == Strings{"api"});
    CHECK(make_prefixes("\\bback ?ups?") == Strings{"back"});
    CHECK(make_prefixes("ab+c") == Strings{"ab"});
    CHECK(make_prefixes("\\bsub-?processors?\\b") == Strings{"sub"});
    CHECK(make_prefixes("\\.net\\b") == Strings{".net"});
    // Unknown: anything could start a match, or the syntax is not modelled.
    CHECK(make_prefixes("\\bshall|\\bmust\\b").empty());      // top-level alternation
    CHECK(make_prefixes("(?:shall|will)? not").empty());      // optional group
    CHECK(make_prefixes("(?:shall|\\w+) not").empty());       // a branch without a literal
    CHECK(make_prefixes("s?hall").empty());
    CHECK(make_prefixes("x{2,3}y").empty());
    CHECK(make_prefixes("\\w+ own risk").empty());
    CHECK(make_prefixes("(?i)will").empty());
    CHECK(make_prefixes("(?x) will").empty());
    CHECK(make_prefixes("\\<will").empty());                  // a Boost word start, not '<'
    CHECK(make_prefixes("\\Qwill\\E").empty());
    CHECK(make_prefixes("^will").empty());
    CHECK(make_prefixes("stra\xC3\x9F" "e").size() == 1);     // "stra": non-ASCII ends the run
}

TEST_CASE("prefix-started searches and the literal scanner never change what matches", "[patterns][prefilter]") {
    const std::vector<std::string> patterns{
        "(?<!\\bat )\\bwill\\b", "\\bshall\\b", "\\bshall not\\b", "\\b(?:is|are) (?:not )?responsible for\\b",
        "\\bapis?\\b", "\\bback ?-?ups?\\b", "(?<=by )\\bprovider\\b", "will(?! not)", "ab+c", "\\bwill\\b(?!ing)",
        "\\b(?:will|shall) not be (?:liable|responsible)\\b", "(?:at|by) will", "\\bwillwill\\b", "ll\\b",
    };
    const std::vector<std::string> vocabulary{
        "will", "at", "shall", "not", "is", "are", "responsible", "for", "api", "apis", "back", "up", "ups", "backup",
        "back-up", "by", "provider", "abbc", "ac", "willing", "be", "liable", "willwill", "goodwill", "Will", "SHALL",
        "\xC3\xA9t\xC3\xA9", "-", ",", "'s"};
    OnePatternPerRule file(patterns);
    onus::RulePack pack = onus::load_rule_pack({file.dir()});
    REQUIRE(pack.rules().size() == patterns.size());

    std::mt19937 random(20240612);
    std::uniform_int_distribution<std::size_t> word(0, vocabulary.size() - 1), length(1, 16);
    onus::patterns_detail::MatchOptions fast, plain;
    plain.prefilter = false;
    plain.prefixes = false;
    fast.resolve_priority = plain.resolve_priority = false;
    std::size_t hits = 0;
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        for (std::size_t n = length(random); n > 0; --n) text += vocabulary[word(random)] + (n % 3 ? " " : "");
        onus::NormalizedText normalized = onus::normalize(text);
        std::vector<onus::RuleFailure> fast_failures, plain_failures;
        auto a = onus::patterns_detail::match_rules(pack, normalized, onus::RuleKind::carveout, &fast_failures, fast);
        auto b = onus::patterns_detail::match_rules(pack, normalized, onus::RuleKind::carveout, &plain_failures, plain);
        CHECK(fast_failures.size() == plain_failures.size());
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            INFO(text << " / " << a[i].rule->patterns[0]);
            CHECK(a[i].rule == b[i].rule);
            CHECK(a[i].start == b[i].start);
            CHECK(a[i].end == b[i].end);
        }
        hits += a.size();
    }
    CHECK(hits > 3000);
}

TEST_CASE("the shipped pack matches the same with and without the shortcuts", "[patterns][prefilter]") {
    onus::RulePack pack = onus::load_rule_pack({std::string(ONUS_SOURCE_DIR) + "/clause-patterns"});
    onus::patterns_detail::MatchOptions fast, plain;
    plain.prefilter = false;
    plain.prefixes = false;
    std::size_t hits = 0;
    for (const onus::Rule& rule : pack.rules()) {
        for (const onus::RuleExample& example : rule.examples) {
            onus::NormalizedText text = onus::normalize(example.text);
            for (onus::RuleKind kind : {onus::RuleKind::domain, onus::RuleKind::modality, onus::RuleKind::party,
                                        onus::RuleKind::carveout, onus::RuleKind::model}) {
                auto a = onus::patterns_detail::match_rules(pack, text, kind, nullptr, fast);
                auto b = onus::patterns_detail::match_rules(pack, text, kind, nullptr, plain);
                REQUIRE(a.size() == b.size());
                for (std::size_t i = 0; i < a.size(); ++i) {
                    INFO(example.text);
                    CHECK(a[i].rule == b[i].rule);
                    CHECK(a[i].start == b[i].start);
                    CHECK(a[i].end == b[i].end);
                }
                hits += a.size();
            }
        }
    }
    CHECK(hits > 100);
}
