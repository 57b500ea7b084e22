// align_clauses: which clause of the old version became which clause of the
// new one. Documents are built in code (clauses only), one test per pass and
// per kind of change; then generated 10,000-clause documents for the budget,
// and two real versions of an agreement from ../shared when present.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "onus/diff.hpp"
#include "onus/ingest.hpp"
#include "support.hpp"

namespace {

using onus::ChangeKind;
using onus::ClausePair;

onus::Clause clause(std::string number, std::string heading, std::string text, int level = 1) {
    onus::Clause c;
    c.number = std::move(number);
    c.id = c.number.empty() ? "s" : c.number;
    c.heading = std::move(heading);
    c.text = std::move(text);
    c.level = level;
    return c;
}

onus::Document doc_of(std::vector<onus::Clause> clauses) {
    onus::Document d;
    d.clauses = std::move(clauses);
    return d;
}

// Distinct clause texts, long enough to have rare word pairs of their own.
const std::vector<std::string> kText = {
    "Provider shall maintain administrative, physical and technical safeguards designed to protect Customer Data.",
    "Customer is responsible for keeping its account credentials confidential and for all activity under its account.",
    "Provider will notify Customer of a Security Incident without undue delay after becoming aware of it.",
    "Either party may terminate this Agreement upon thirty days written notice if the other party materially breaches it.",
    "Customer shall pay all fees within thirty days of the invoice date, without set-off or deduction.",
    "Provider will back up Customer Data daily and retain each backup for at least ninety days.",
    "This Agreement is governed by the laws of the State of California, excluding its conflict of laws rules.",
    "Neither party will use the other party's Confidential Information except to perform under this Agreement.",
    "Provider may use subprocessors to provide the Service, and remains liable for their acts and omissions.",
    "Upon termination Provider will delete Customer Data within sixty days unless the law requires retention.",
};

// Every clause of both documents appears exactly once; pairs follow new-document order.
void check_covers(const onus::Alignment& a, const onus::Document& o, const onus::Document& n) {
    std::vector<int> old_seen(o.clauses.size(), 0), new_seen(n.clauses.size(), 0);
    std::size_t last_new = 0;
    bool any_new = false;
    for (const ClausePair& p : a.pairs) {
        if (p.old_index) ++old_seen.at(*p.old_index);
        if (p.new_index) ++new_seen.at(*p.new_index);
        for (std::size_t i : p.also_old) ++old_seen.at(i);
        for (std::size_t j : p.also_new) ++new_seen.at(j);
        CHECK((p.old_index || p.new_index));
        CHECK((p.kind == ChangeKind::added) == (!p.old_index && p.new_index.has_value()));
        CHECK((p.kind == ChangeKind::deleted) == (p.old_index && !p.new_index.has_value()));
        CHECK((p.kind == ChangeKind::moved) == p.moved);
        CHECK(p.similarity >= 0.0);
        CHECK(p.similarity <= 1.0);
        if (p.new_index) {
            if (any_new) CHECK(*p.new_index > last_new);
            last_new = *p.new_index;
            any_new = true;
        }
    }
    for (int s : old_seen) CHECK(s == 1);
    for (int s : new_seen) CHECK(s == 1);
}

const ClausePair& for_new(const onus::Alignment& a, std::size_t j) {
    for (const ClausePair& p : a.pairs)
        if (p.new_index == j || std::count(p.also_new.begin(), p.also_new.end(), j)) return p;
    FAIL("no pair for new clause " << j);
    throw;
}

const ClausePair& for_old(const onus::Alignment& a, std::size_t i) {
    for (const ClausePair& p : a.pairs)
        if (p.old_index == i || std::count(p.also_old.begin(), p.also_old.end(), i)) return p;
    FAIL("no pair for old clause " << i);
    throw;
}

std::vector<std::string> kinds(const onus::Alignment& a) {
    std::vector<std::string> out;
    for (const ClausePair& p : a.pairs) out.push_back(onus::to_string(p.kind));
    return out;
}

}  // namespace

TEST_CASE("align: kind names", "[diff][align]") {
    CHECK(std::string(onus::to_string(ChangeKind::unchanged)) == "unchanged");
    CHECK(std::string(onus::to_string(ChangeKind::modified)) == "modified");
    CHECK(std::string(onus::to_string(ChangeKind::added)) == "added");
    CHECK(std::string(onus::to_string(ChangeKind::deleted)) == "deleted");
    CHECK(std::string(onus::to_string(ChangeKind::moved)) == "moved");
    CHECK(std::string(onus::to_string(ChangeKind::renumbered)) == "renumbered");
}

TEST_CASE("align: empty documents", "[diff][align]") {
    onus::Document empty;
    onus::Document one = doc_of({clause("1", "", kText[0])});
    CHECK(onus::align_clauses(empty, empty).pairs.empty());
    auto added = onus::align_clauses(empty, one);
    check_covers(added, empty, one);
    CHECK(kinds(added) == std::vector<std::string>{"added"});
    auto deleted = onus::align_clauses(one, empty);
    check_covers(deleted, one, empty);
    CHECK(kinds(deleted) == std::vector<std::string>{"deleted"});
}

TEST_CASE("align: identical text, re-wrapped or retypeset, is unchanged unless exact", "[diff][align]") {
    onus::Document o = doc_of({clause("1", "Security", kText[0]), clause("", "", kText[1], 2),
                               clause("2", "Definitions", ""), clause("", "", "the \"Service\" is provided as is")});
    onus::Document n = o;
    n.clauses[1].text = "Customer is responsible for keeping its account\ncredentials  confidential and for all activity under its account.";
    n.clauses[3].text = "the \u201CService\u201D is provided as is";
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    CHECK(kinds(a) == std::vector<std::string>{"unchanged", "unchanged", "unchanged", "unchanged"});
    CHECK(for_new(a, 0).pass == "identical");
    CHECK(for_new(a, 1).pass == "identical");
    CHECK(for_new(a, 2).pass == "number+heading");  // empty text: matched by its number and heading
    CHECK(for_new(a, 1).similarity == 1.0);
    CHECK(a.comparisons == 0);

    onus::AlignOptions exact;
    exact.exact = true;
    auto e = onus::align_clauses(o, n, exact);
    check_covers(e, o, n);
    CHECK(for_new(e, 0).kind == ChangeKind::unchanged);
    CHECK(for_new(e, 1).kind == ChangeKind::modified);
    CHECK(for_new(e, 1).text_changed);
    CHECK(for_new(e, 3).kind == ChangeKind::modified);
}

TEST_CASE("align: same number and heading pairs a rewritten clause", "[diff][align]") {
    onus::Document o = doc_of({clause("1", "Security", kText[0]), clause("2", "Fees", kText[4])});
    onus::Document n = doc_of({clause("1", "Security", kText[0]), clause("2", "Fees", kText[6])});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    const ClausePair& p = for_new(a, 1);
    CHECK(p.pass == "number+heading");
    CHECK(p.old_index == 1u);
    CHECK(p.kind == ChangeKind::modified);
    CHECK(p.text_changed);
    CHECK_FALSE(p.number_changed);
    CHECK(p.similarity < 0.5);
}

TEST_CASE("align: same heading pairs a renumbered, rewritten clause", "[diff][align]") {
    onus::Document o = doc_of({clause("1", "Security", kText[0]), clause("2", "Fees", kText[4]),
                               clause("3", "Law", kText[6])});
    onus::Document n = doc_of({clause("1", "Security", kText[0]), clause("2", "Law", kText[6]),
                               clause("3", "Fees", kText[5])});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    const ClausePair& law = for_new(a, 1);
    CHECK(law.pass == "identical");
    CHECK(law.kind == ChangeKind::moved);  // of two crossing pairs the LIS keeps the later in order
    const ClausePair& fees = for_new(a, 2);
    CHECK(fees.pass == "heading");
    CHECK(fees.old_index == 1u);
    CHECK(fees.number_changed);
    CHECK(fees.text_changed);
    CHECK(fees.kind == ChangeKind::modified);
}

TEST_CASE("align: similar text without number or heading", "[diff][align]") {
    onus::Document o = doc_of({clause("", "", kText[0]), clause("", "", kText[2]), clause("", "", kText[3])});
    onus::Document n = doc_of({clause("", "", kText[0]),
                               clause("", "", "Provider will notify Customer of a Security Incident within 72 hours after becoming aware of it."),
                               clause("", "", kText[3])});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    const ClausePair& p = for_new(a, 1);
    CHECK(p.pass == "similar");
    CHECK(p.old_index == 1u);
    CHECK(p.kind == ChangeKind::modified);
    CHECK(p.similarity > 0.5);
    CHECK(p.similarity < 1.0);
    CHECK(a.comparisons > 0);
    CHECK_FALSE(a.budget_hit);
}

TEST_CASE("align: renumbered, and renumbered with a text change", "[diff][align]") {
    onus::Document o = doc_of({clause("4.1", "", kText[0]), clause("4.2", "", kText[1]), clause("4.3", "", kText[2])});
    onus::Document n = doc_of({clause("5.1", "", kText[0]), clause("5.2.", "", kText[1]),
                               clause("5.3", "", "Provider will notify Customer of a Security Incident within 72 hours after becoming aware of it.")});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    CHECK(kinds(a) == std::vector<std::string>{"renumbered", "renumbered", "modified"});
    CHECK(for_new(a, 1).number_changed);
    CHECK_FALSE(for_new(a, 1).text_changed);
    CHECK(for_new(a, 2).number_changed);
    CHECK(for_new(a, 2).text_changed);
    // A trailing dot is not a new number.
    onus::Document dotted = o;
    dotted.clauses[0].number = "4.1.";
    CHECK(for_new(onus::align_clauses(o, dotted), 0).kind == ChangeKind::unchanged);
}

TEST_CASE("align: a moved clause, identical or edited, is reported as moved", "[diff][align]") {
    onus::Document o = doc_of({clause("", "", kText[0]), clause("", "", kText[1]), clause("", "", kText[2]),
                               clause("", "", kText[3]), clause("", "", kText[4]), clause("", "", kText[5])});
    // kText[5] moves to the front as is; kText[2] moves to the end, edited.
    onus::Document n = doc_of({clause("", "", kText[5]), clause("", "", kText[0]), clause("", "", kText[1]),
                               clause("", "", kText[3]), clause("", "", kText[4]),
                               clause("", "", "Provider will promptly notify Customer of a Security Incident after becoming aware of it.")});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    const ClausePair& first = for_new(a, 0);
    CHECK(first.kind == ChangeKind::moved);
    CHECK(first.pass == "identical");
    CHECK(first.old_index == 5u);
    CHECK_FALSE(first.text_changed);
    const ClausePair& last = for_new(a, 5);
    CHECK(last.kind == ChangeKind::moved);
    CHECK(last.pass == "moved");
    CHECK(last.old_index == 2u);
    CHECK(last.text_changed);
    for (std::size_t j : {1u, 2u, 3u, 4u}) CHECK(for_new(a, j).kind == ChangeKind::unchanged);
}

TEST_CASE("align: an ambiguous move is a deletion and an addition", "[diff][align]") {
    const std::string x1 = "Customer may request an export of Customer Data within thirty days after the end of the term.";
    const std::string x2 = "Customer may request an export of Customer Data within sixty days after the end of the term.";
    const std::string x3 = "Customer may request an export of Customer Data within ninety days after the end of the term.";
    onus::Document o = doc_of({clause("", "", kText[0]), clause("", "", kText[1]), clause("", "", kText[2]),
                               clause("", "", x1), clause("", "", x2)});
    onus::Document n = doc_of({clause("", "", x3), clause("", "", kText[0]), clause("", "", kText[1]),
                               clause("", "", kText[2])});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    CHECK(kinds(a) == std::vector<std::string>{"added", "unchanged", "unchanged", "unchanged", "deleted", "deleted"});

    // The same move with one clear candidate is a move.
    onus::Document clear = doc_of({clause("", "", kText[0]), clause("", "", kText[1]), clause("", "", kText[2]),
                                   clause("", "", x1), clause("", "", kText[6])});
    auto b = onus::align_clauses(clear, n);
    check_covers(b, clear, n);
    CHECK(for_new(b, 0).kind == ChangeKind::moved);
    CHECK(for_new(b, 0).old_index == 3u);
}

TEST_CASE("align: position pairs a rewritten clause between two anchors", "[diff][align]") {
    onus::Document o = doc_of({clause("", "", kText[0]),
                               clause("", "", "Support is available during business hours by email and by telephone for all customers."),
                               clause("", "", kText[2])});
    onus::Document n = doc_of({clause("", "", kText[0]),
                               clause("", "", "Support is available around the clock through the online portal and by email for enterprise customers."),
                               clause("", "", kText[2])});
    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    const ClausePair& p = for_new(a, 1);
    CHECK(p.pass == "position");
    CHECK(p.kind == ChangeKind::modified);
    CHECK(p.similarity >= 0.3);
    CHECK(p.similarity < 0.5);

    // Nothing alike: an addition and a deletion, the deletion where it stood.
    onus::Document unrelated = o;
    unrelated.clauses[1].text = kText[8];
    auto b = onus::align_clauses(o, unrelated);
    check_covers(b, o, unrelated);
    CHECK(kinds(b) == std::vector<std::string>{"unchanged", "deleted", "added", "unchanged"});
}

TEST_CASE("align: a clause split in two, and two merged into one", "[diff][align]") {
    const std::string half1 = "Provider will back up Customer Data daily to a separate region.";
    const std::string half2 = "Each backup is encrypted and retained for at least ninety days before deletion.";
    onus::Document whole = doc_of({clause("1", "", kText[0]), clause("2", "", half1 + " " + half2), clause("3", "", kText[6])});
    onus::Document split = doc_of({clause("1", "", kText[0]), clause("2", "", half1), clause("3", "", half2),
                                   clause("4", "", kText[6])});
    auto a = onus::align_clauses(whole, split);
    check_covers(a, whole, split);
    const ClausePair& p = for_old(a, 1);
    CHECK(p.kind == ChangeKind::modified);
    REQUIRE(p.new_index.has_value());
    std::vector<std::size_t> parts = p.also_new;
    parts.push_back(*p.new_index);
    std::sort(parts.begin(), parts.end());
    CHECK(parts == std::vector<std::size_t>{1, 2});
    CHECK(p.similarity > 0.9);
    CHECK(a.pairs.size() == 3);

    auto m = onus::align_clauses(split, whole);
    check_covers(m, split, whole);
    const ClausePair& q = for_new(m, 1);
    CHECK(q.kind == ChangeKind::modified);
    REQUIRE(q.old_index.has_value());
    std::vector<std::size_t> merged = q.also_old;
    merged.push_back(*q.old_index);
    std::sort(merged.begin(), merged.end());
    CHECK(merged == std::vector<std::size_t>{1, 2});
    CHECK(for_new(m, 2).kind == ChangeKind::renumbered);  // 4 -> 3, same text
}

TEST_CASE("align: out of budget, similar clauses stay unmatched and the flag says so", "[diff][align]") {
    onus::Document o = doc_of({clause("", "", kText[0]), clause("", "", kText[2])});
    onus::Document n = doc_of({clause("", "", kText[0]),
                               clause("", "", "Provider will notify Customer of a Security Incident within 72 hours after becoming aware of it.")});
    onus::AlignOptions none;
    none.comparison_budget = 0;
    auto a = onus::align_clauses(o, n, none);
    check_covers(a, o, n);
    CHECK(a.budget_hit);
    CHECK(a.comparisons == 0);
    CHECK(for_new(a, 0).kind == ChangeKind::unchanged);  // the identical pass costs no comparison
    CHECK(for_new(a, 1).kind == ChangeKind::added);
    auto b = onus::align_clauses(o, n);
    CHECK_FALSE(b.budget_hit);
    CHECK(for_new(b, 1).kind == ChangeKind::modified);
}

TEST_CASE("align: two generated 10,000-clause documents stay far from quadratic", "[diff][align][large]") {
    std::mt19937 rng(42);
    // A vocabulary of 4,000 made-up words: clauses share words but rarely word pairs.
    std::vector<std::string> vocab;
    const char* syllables[] = {"ta", "ro", "mi", "ka", "ne", "su", "lo", "pi", "de", "va", "gu", "zo"};
    for (int k = 0; k < 4000; ++k) {
        std::string w;
        for (int s = 0, len = 2 + k % 3; s < len; ++s) w += syllables[(k / (s + 1) + s * 7 + k * s) % 12];
        vocab.push_back(w + std::to_string(k % 97));
    }
    auto sentence = [&] {
        std::string s;
        for (int k = 0, n = 12 + static_cast<int>(rng() % 25); k < n; ++k) s += vocab[rng() % vocab.size()] + " ";
        return s;
    };
    constexpr std::size_t kClauses = 10000;
    onus::Document o, n;
    for (std::size_t k = 0; k < kClauses; ++k)
        o.clauses.push_back(clause(std::to_string(k / 10 + 1) + "." + std::to_string(k % 10 + 1), "", sentence()));
    std::size_t edited = 0, dropped = 0, inserted = 0;
    for (std::size_t k = 0; k < kClauses; ++k) {
        const unsigned r = static_cast<unsigned>(rng() % 100);
        if (r < 2) { ++dropped; continue; }
        if (r < 4) { ++inserted; n.clauses.push_back(clause("", "", sentence())); }
        onus::Clause c = o.clauses[k];
        if (r >= 90) {  // edit a few words
            ++edited;
            c.text = vocab[rng() % vocab.size()] + " " + c.text + " " + vocab[rng() % vocab.size()];
        }
        n.clauses.push_back(c);
    }
    // A block of 20 clauses moves from the start to the end.
    std::rotate(n.clauses.begin(), n.clauses.begin() + 20, n.clauses.begin() + 40);
    std::rotate(n.clauses.begin(), n.clauses.begin() + 20, n.clauses.end());

    auto a = onus::align_clauses(o, n);
    check_covers(a, o, n);
    CHECK_FALSE(a.budget_hit);
    CHECK(a.comparisons < 50 * kClauses);
    std::map<std::string, std::size_t> count;
    for (const ClausePair& p : a.pairs) ++count[onus::to_string(p.kind)];
    CHECK(count["modified"] >= edited * 9 / 10);
    CHECK(count["deleted"] >= dropped);
    CHECK(count["deleted"] <= dropped + 10);
    CHECK(count["added"] >= inserted);
    CHECK(count["added"] <= inserted + 10);
    CHECK(count["moved"] >= 20);
    CHECK(count["moved"] <= 40);
    CHECK(count["unchanged"] + count["modified"] + count["moved"] >= kClauses * 9 / 10);

    // A tiny budget stops it, flags it, and still covers every clause.
    onus::AlignOptions tight;
    tight.comparison_budget = 100;
    auto t = onus::align_clauses(o, n, tight);
    check_covers(t, o, n);
    CHECK(t.budget_hit);
    CHECK(t.comparisons <= 100);
}

TEST_CASE("align: two real versions of an agreement", "[diff][align][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    const auto dir = onus::test::shared_dir() / "corpus" / "agreements";
    struct Versions {
        const char* family;
        const char* before;
        const char* after;
        double min_unchanged;  // share of new clauses that must come out unchanged
    };
    const Versions pairs[] = {
        {"github-terms-of-service", "v-20201001-b059da2.md", "v-20201116-91056f4.md", 0.8},
        {"github-enterprise-subscription-agreement", "v-20200803-5aba86d.md", "v-20201001-b059da2.md", 0.6},
        {"github-data-protection-agreement", "v-20200721-f86cca1.md", "v-20200722-abbd9c1.md", 0.8},
    };
    for (const Versions& v : pairs) {
        INFO(v.family << ": " << v.before << " -> " << v.after);
        if (!std::filesystem::exists(dir / v.family / v.before) || !std::filesystem::exists(dir / v.family / v.after)) {
            WARN(v.family << " versions absent: skipped");
            continue;
        }
        onus::Document o = onus::load((dir / v.family / v.before).string());
        onus::Document n = onus::load((dir / v.family / v.after).string());
        auto a = onus::align_clauses(o, n);
        check_covers(a, o, n);
        CHECK_FALSE(a.budget_hit);
        CHECK(a.comparisons < 50 * (o.clauses.size() + n.clauses.size()));
        std::size_t unchanged = 0;
        for (const ClausePair& p : a.pairs) unchanged += p.kind == ChangeKind::unchanged;
        CHECK(static_cast<double>(unchanged) >= v.min_unchanged * static_cast<double>(n.clauses.size()));
        // Aligning a version with itself changes nothing.
        auto same = onus::align_clauses(n, n);
        check_covers(same, n, n);
        for (const ClausePair& p : same.pairs) CHECK(p.kind == ChangeKind::unchanged);
    }
}
