// diff_words: word-level diff of two clause texts. Edits tile both texts
// exactly, typography is not a change unless exact, a replaced phrase reads
// as one delete + one insert, and a huge text cannot hang the differ.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "onus/diff.hpp"

namespace {

using onus::Edit;

std::string joined_old(const std::vector<Edit>& edits) {
    std::string s;
    for (const Edit& e : edits) s += e.old_text;
    return s;
}

std::string joined_new(const std::vector<Edit>& edits) {
    std::string s;
    for (const Edit& e : edits) s += e.new_text;
    return s;
}

// "=text" for equal, "-text" for delete, "+text" for insert (equal edits
// show their old side).
std::vector<std::string> render(const std::vector<Edit>& edits) {
    std::vector<std::string> out;
    for (const Edit& e : edits) {
        switch (e.op) {
            case Edit::Op::equal: out.push_back("=" + e.old_text); break;
            case Edit::Op::del: out.push_back("-" + e.old_text); break;
            case Edit::Op::insert: out.push_back("+" + e.new_text); break;
        }
    }
    return out;
}

// Edits tile the texts, sides empty where the op says, no two neighbours share an op.
void check_well_formed(const std::vector<Edit>& edits, const std::string& a, const std::string& b) {
    CHECK(joined_old(edits) == a);
    CHECK(joined_new(edits) == b);
    for (std::size_t k = 0; k < edits.size(); ++k) {
        if (edits[k].op == Edit::Op::insert) CHECK(edits[k].old_text.empty());
        if (edits[k].op == Edit::Op::del) CHECK(edits[k].new_text.empty());
        CHECK((!edits[k].old_text.empty() || !edits[k].new_text.empty()));
        if (k > 0) CHECK(edits[k].op != edits[k - 1].op);
    }
}

}  // namespace

TEST_CASE("diff_words: op names and has_changes", "[diff][words]") {
    CHECK(std::string(onus::to_string(Edit::Op::equal)) == "equal");
    CHECK(std::string(onus::to_string(Edit::Op::insert)) == "insert");
    CHECK(std::string(onus::to_string(Edit::Op::del)) == "delete");
    CHECK_FALSE(onus::has_changes({}));
    CHECK_FALSE(onus::has_changes({{Edit::Op::equal, "a", "a"}}));
    CHECK(onus::has_changes({{Edit::Op::equal, "a", "a"}, {Edit::Op::insert, "", "b"}}));
}

TEST_CASE("diff_words: empty and identical texts", "[diff][words]") {
    CHECK(onus::diff_words("", "").empty());
    CHECK(render(onus::diff_words("", "Provider shall")) == std::vector<std::string>{"+Provider shall"});
    CHECK(render(onus::diff_words("Provider shall", "")) == std::vector<std::string>{"-Provider shall"});
    const std::string t = "Provider shall encrypt Customer Data at rest.";
    CHECK(render(onus::diff_words(t, t)) == std::vector<std::string>{"=" + t});
    CHECK(render(onus::diff_words(t, t, {true})) == std::vector<std::string>{"=" + t});
}

TEST_CASE("diff_words: a replaced number reads as one delete and one insert", "[diff][words]") {
    const std::string a = "Provider shall respond within 30 days of notice.";
    const std::string b = "Provider shall respond within 45 business days of notice.";
    auto edits = onus::diff_words(a, b);
    check_well_formed(edits, a, b);
    CHECK(render(edits) == std::vector<std::string>{"=Provider shall respond within ", "-30", "+45 business",
                                                    "= days of notice."});
}

TEST_CASE("diff_words: an inserted and a deleted phrase", "[diff][words]") {
    const std::string a = "Customer is responsible for its account credentials.";
    const std::string b = "Customer is solely responsible for its account credentials and devices.";
    auto edits = onus::diff_words(a, b);
    check_well_formed(edits, a, b);
    CHECK(render(edits) == std::vector<std::string>{"=Customer is ", "+solely ", "=responsible for its account credentials",
                                                    "+ and devices", "=."});
    auto back = onus::diff_words(b, a);
    check_well_formed(back, b, a);
    CHECK(render(back) == std::vector<std::string>{"=Customer is ", "-solely ", "=responsible for its account credentials",
                                                   "- and devices", "=."});
}

TEST_CASE("diff_words: changes separated by spaces, punctuation or one short word merge", "[diff][words]") {
    // Word by word this is four scraps (A|C, shall, B|D); a reader wants the phrase.
    const std::string a = "The Provider shall notify the Customer promptly.";
    const std::string b = "The Customer shall inform the Provider promptly.";
    auto edits = onus::diff_words(a, b);
    check_well_formed(edits, a, b);
    CHECK(render(edits) == std::vector<std::string>{"=The ", "-Provider shall notify the Customer",
                                                    "+Customer shall inform the Provider", "= promptly."});
    // A long equal stretch keeps two changes apart.
    const std::string c = "Provider will, at its own cost and expense, maintain insurance with reputable carriers.";
    const std::string d = "Supplier will, at its own cost and expense, maintain coverage with reputable carriers.";
    auto apart = onus::diff_words(c, d);
    check_well_formed(apart, c, d);
    CHECK(render(apart) == std::vector<std::string>{"-Provider", "+Supplier", "= will, at its own cost and expense, maintain ",
                                                    "-insurance", "+coverage", "= with reputable carriers."});
}

TEST_CASE("diff_words: typography is not a change unless exact", "[diff][words]") {
    struct Case {
        const char* what;
        std::string a, b;
    };
    const std::vector<Case> cases = {
        {"re-wrapped", "Provider shall encrypt\nCustomer Data at rest.", "Provider shall encrypt Customer\n  Data at rest."},
        {"space runs", "Provider  shall encrypt.", "Provider shall encrypt."},
        {"curly quotes", "the \"Service\" and Customer's data", "the \u201CService\u201D and Customer\u2019s data"},
        {"dashes", "non-exclusive - revocable", "non\u2013exclusive \u2014 revocable"},
        {"NBSP", "within 30 days", "within 30\u00A0days"},
        {"zero-width space in a word", "security measures", "secu\u200Brity measures"},
        {"soft hyphen", "encryption keys", "encryp\u00ADtion keys"},
        {"leading and trailing space", "Provider shall encrypt.", "  Provider shall encrypt.\n"},
        {"case", "Provider SHALL encrypt.", "Provider shall encrypt."},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        auto loose = onus::diff_words(c.a, c.b);
        check_well_formed(loose, c.a, c.b);
        CHECK_FALSE(onus::has_changes(loose));
        auto exact = onus::diff_words(c.a, c.b, {true});
        check_well_formed(exact, c.a, c.b);
        CHECK(onus::has_changes(exact));
    }
    // Typography next to a real change: the change is still found, and only it.
    const std::string a = "the \"Service\" is provided within 30 days";
    const std::string b = "the \u201CService\u201D is provided within 60\u00A0days";
    auto edits = onus::diff_words(a, b);
    check_well_formed(edits, a, b);
    CHECK(render(edits) == std::vector<std::string>{"=the \"Service\" is provided within ", "-30", "+60", "= days"});
}

TEST_CASE("diff_words: a 100,000-word clause does not hang and still tiles", "[diff][words]") {
    std::mt19937 rng(7);
    const std::vector<std::string> vocab = {"provider", "shall", "customer", "data", "encrypt", "notify",
                                            "within", "days", "security", "incident", "the", "of"};
    std::string a, b;
    for (int k = 0; k < 100000; ++k) {
        const std::string& w = vocab[rng() % vocab.size()];
        a += w + ' ';
        // Every 50th word differs: far more edits than the D cap allows.
        b += (k % 50 == 0 ? std::string("changed") : w) + ' ';
    }
    auto edits = onus::diff_words(a, b);
    check_well_formed(edits, a, b);
    CHECK(onus::has_changes(edits));
    // The cap's fallback keeps the common prefix and suffix as equal text.
    REQUIRE(edits.size() >= 2);
    CHECK(edits.front().op == Edit::Op::del);  // word 0 already differs
    CHECK(edits.back().op == Edit::Op::equal);
}

TEST_CASE("diff_words: random edits tile both texts; typography-only edits are no change", "[diff][words][property]") {
    std::mt19937 rng(20240611);
    const std::vector<std::string> vocab = {"Provider", "shall", "Customer", "data", "encrypt", "within", "30",
                                            "days", "security", "incident", "the", "of", "and", "notice", ",",
                                            ".", "(a)", "\"Service\"", "Customer's", "non-exclusive", "-"};
    const std::vector<std::string> spaces = {" ", "  ", "\n", " \n ", "\t", "\u00A0"};
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    auto typeset = [&](const std::string& w) {
        // A typographic variant of a word: curly quotes, en dash, invisible characters.
        std::string out;
        for (char ch : w) {
            if (ch == '"') out += (out.empty() ? "\u201C" : "\u201D");
            else if (ch == '\'') out += "\u2019";
            else if (ch == '-') out += "\u2013";
            else out += ch;
        }
        const bool plain = std::all_of(w.begin(), w.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
        if (plain && w.size() > 3 && rng() % 4 == 0) out.insert(2, "\u00AD");
        return out;
    };
    std::size_t typography_pairs = 0;
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string> words;
        const int n = 1 + static_cast<int>(rng() % 30);
        for (int k = 0; k < n; ++k) words.push_back(pick(vocab));
        std::string a;
        for (const std::string& w : words) a += w + " ";
        const bool typography_only = round % 2 == 0;
        std::string b;
        for (std::size_t k = 0; k < words.size(); ++k) {
            const auto r = static_cast<unsigned>(rng() % 10);
            if (!typography_only && r == 0) continue;                   // delete
            if (!typography_only && r == 1) b += pick(vocab) + " ";     // insert
            if (!typography_only && r == 2) { b += pick(vocab) + " "; continue; }  // replace
            b += (r >= 7 ? typeset(words[k]) : words[k]);
            b += (rng() % 3 == 0 ? pick(spaces) : std::string(" "));
        }
        INFO("old: " << a);
        INFO("new: " << b);
        for (bool exact : {false, true}) {
            auto edits = onus::diff_words(a, b, {exact});
            check_well_formed(edits, a, b);
            if (typography_only && !exact) CHECK_FALSE(onus::has_changes(edits));
        }
        typography_pairs += typography_only;
    }
    CHECK(typography_pairs == 200);
}
