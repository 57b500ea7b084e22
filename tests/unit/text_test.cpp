// Tests for onus/text.hpp: UTF-8 validation and repair, normalisation with
// its offset map, and word and sentence segmentation.
#include "onus/text.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using onus::NormalizedText;
using onus::Span;

std::string piece(std::string_view text, Span s) {
    return std::string(text.substr(s.start, s.end - s.start));
}

std::vector<std::string> pieces(std::string_view text, const std::vector<Span>& spans) {
    std::vector<std::string> out;
    for (const Span& s : spans) out.push_back(piece(text, s));
    return out;
}

std::string norm(std::string_view s) { return onus::normalize(s).text; }

// The map's invariants, checked on every normalisation below.
void check_map(std::string_view original, const NormalizedText& n) {
    REQUIRE(n.origin.size() == n.text.size() + 1);
    REQUIRE(n.origin_end.size() == n.text.size());
    CHECK(n.origin.back() == original.size());
    for (std::size_t i = 0; i < n.text.size(); ++i) {
        REQUIRE(n.origin[i] < n.origin_end[i]);
        REQUIRE(n.origin_end[i] <= original.size());
        if (i > 0) {
            REQUIRE(n.origin[i - 1] <= n.origin[i]);
            REQUIRE(n.origin_end[i - 1] <= n.origin_end[i]);
        }
    }
}

// Random text built from pieces that exercise the normaliser: case, NFKC,
// composition, invisibles, every kind of space and punctuation to fold.
std::string random_text(std::mt19937& rng, int count) {
    static const std::vector<std::string> pool = {
        "SHALL",
        "shall",
        "\u201CQuoted\u201D",
        "Stra\u00DFe",
        "\uFB01le",
        "\uFF21\uFF22\uFF23",
        "sh\u200Ball",
        "in\u00ADdustry",
        "e\u0301t\u0301e\u0301",
        "\u03A0\u03AC\u03C1\u03BF\u03C7\u03BF\u03C2",
        "\u30C7\u30FC\u30BF",
        "99.95%",
        "4.2(a)",
        "don\u2019t",
        "\u200E",
        "\u202E",
        "\uFEFF",
        "\u00A0",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u2014",
        "\u2212",
        " ",
        "\u00ABx\u00BB",
        "'",
        "A",
        "\u2028",
        "\u3000",
        "\u00B4",
        "\u2033",
        "Provider",
        "(",
        ")",
        ".",
        ",",
        "\u0301",
        "\u2060",
        "\u00C5",
        "A\u030A",
        "Customer's",
    };
    std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
    std::string s;
    for (int i = 0; i < count; ++i) s += pool[pick(rng)];
    return s;
}

}  // namespace

// ---------------------------------------------------------------- UTF-8

TEST_CASE("is_valid_utf8 accepts well-formed text up to the edges of each range", "[text][utf8]") {
    CHECK(onus::is_valid_utf8(""));
    CHECK(onus::is_valid_utf8("plain ASCII text that is longer than eight bytes"));
    CHECK(onus::is_valid_utf8(std::string("nul\0inside", 10)));
    CHECK(onus::is_valid_utf8("\xC2\x80"));          // U+0080
    CHECK(onus::is_valid_utf8("\xDF\xBF"));          // U+07FF
    CHECK(onus::is_valid_utf8("\xE0\xA0\x80"));      // U+0800
    CHECK(onus::is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
    CHECK(onus::is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
    CHECK(onus::is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
    CHECK(onus::is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
    CHECK(onus::is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
    CHECK(onus::is_valid_utf8("Stra\u00DFe \u20AC \U0001F600 \u65E5\u672C"));
}

TEST_CASE("is_valid_utf8 rejects overlongs, surrogates, out-of-range and truncated sequences",
          "[text][utf8]") {
    CHECK_FALSE(onus::is_valid_utf8("\xC0\x80"));          // overlong NUL
    CHECK_FALSE(onus::is_valid_utf8("\xC1\xBF"));          // overlong 2-byte
    CHECK_FALSE(onus::is_valid_utf8("\xE0\x80\x80"));      // overlong 3-byte
    CHECK_FALSE(onus::is_valid_utf8("\xE0\x9F\xBF"));      // overlong U+07FF
    CHECK_FALSE(onus::is_valid_utf8("\xF0\x80\x80\x80"));  // overlong 4-byte
    CHECK_FALSE(onus::is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong U+FFFF
    CHECK_FALSE(onus::is_valid_utf8("\xED\xA0\x80"));      // U+D800
    CHECK_FALSE(onus::is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
    CHECK_FALSE(onus::is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    CHECK_FALSE(onus::is_valid_utf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(onus::is_valid_utf8("\xFF"));
    CHECK_FALSE(onus::is_valid_utf8("\xE2\x82"));      // truncated euro sign
    CHECK_FALSE(onus::is_valid_utf8("\xF0\x9F\x98"));  // truncated emoji
    CHECK_FALSE(onus::is_valid_utf8("\x80"));          // lone continuation bytes
    CHECK_FALSE(onus::is_valid_utf8("abc\xBF"));
    CHECK_FALSE(onus::is_valid_utf8("a long ASCII run before the bad byte \x80 and after"));
    CHECK_FALSE(onus::is_valid_utf8("\xC2"));   // truncated at the very end
    CHECK_FALSE(onus::is_valid_utf8("\xC2 "));  // lead then a non-continuation
}

TEST_CASE("sanitize_utf8 replaces each maximal invalid subpart by one U+FFFD", "[text][utf8]") {
    const std::string R = "\xEF\xBF\xBD";
    struct Case {
        std::string in, out;
        std::size_t replaced;
    };
    const std::vector<Case> cases = {
        {"", "", 0},
        {"valid \u00E9\u20AC\U0001F600", "valid \u00E9\u20AC\U0001F600", 0},
        {"\xC0\x80", R + R, 2},                  // C0 is never a lead; 80 is a lone continuation
        {"\xED\xA0\x80", R + R + R, 3},          // ED A0 is not a prefix of any well-formed sequence
        {"\xF4\x90\x80\x80", R + R + R + R, 4},  // F4 90 neither
        {"\xE2\x82", R, 1},                      // a truncated sequence is one subpart
        {"\xE2\x82x", R + "x", 1},
        {"\xF0\x9F\x98 ok", R + " ok", 1},
        {"\x80\xBF", R + R, 2},
        {"a\xFF"
         "b",
         "a" + R + "b", 1},
        {"\xC2\xC2\xA9", R + "\xC2\xA9", 1},  // the second C2 starts a good sequence
        // The example of Unicode chapter 3 (U+FFFD substitution of maximal subparts).
        {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
         "a" + R + R + R + "b" + R + "c" + R + R + "d", 6},
    };
    for (const auto& c : cases) {
        INFO("input bytes: " << c.in.size());
        std::size_t replaced = 99;
        const std::string out = onus::sanitize_utf8(c.in, &replaced);
        CHECK(out == c.out);
        CHECK(replaced == c.replaced);
        CHECK(onus::is_valid_utf8(out));
        CHECK(onus::sanitize_utf8(c.in) == c.out);  // `replaced` may be null
        CHECK(onus::count_code_points(c.in) == onus::count_code_points(out));
    }
}

TEST_CASE("sanitize_utf8 always yields valid UTF-8 and is the identity on valid input", "[text][utf8]") {
    std::mt19937 rng(20240601);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 40);
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        const int n = len(rng);
        for (int i = 0; i < n; ++i) s += static_cast<char>(byte(rng));
        std::size_t replaced = 0;
        const std::string out = onus::sanitize_utf8(s, &replaced);
        REQUIRE(onus::is_valid_utf8(out));
        REQUIRE(onus::sanitize_utf8(out) == out);
        REQUIRE((replaced == 0) == onus::is_valid_utf8(s));
        REQUIRE(onus::count_code_points(s) == onus::count_code_points(out));
    }
}

TEST_CASE("count_code_points counts scalar values", "[text][utf8]") {
    CHECK(onus::count_code_points("") == 0);
    CHECK(onus::count_code_points("abc") == 3);
    CHECK(onus::count_code_points("a\u00E9\u20AC\U0001F600") == 4);
    CHECK(onus::count_code_points("0123456789abcdef\u00DF0123456789") == 27);
    CHECK(onus::count_code_points("e\u0301") == 2);  // code points, not graphemes
    // Mixed valid and invalid: each replacement counts once.
    CHECK(onus::count_code_points("a\xC0\x80"
                                  "b\xE2\x82") == 5);
}

// ---------------------------------------------------------------- normalize

TEST_CASE("normalize folds case, compatibility forms and punctuation", "[text][normalize]") {
    struct Case {
        std::string in, out;
    };
    const std::vector<Case> cases = {
        {"Provider  SHALL \u201Cencrypt\u201D", "provider shall \"encrypt\""},  // the header's example
        {"Stra\u00DFe", "strasse"},                                             // full case folding
        {"\u1E9E", "ss"},                                                       // capital sharp s
        {"\u03A0\u0391\u03A1\u039F\u03A7\u039F\u03A3", "\u03C0\u03B1\u03C1\u03BF\u03C7\u03BF\u03C3"},
        {"\uFB01le \uFB03", "file ffi"},              // ligatures
        {"\uFF21\uFF22\uFF23\uFF11\uFF12", "abc12"},  // full-width
        {"e\u0301", "\u00E9"},                        // composed
        {"A\u030A \u212B", "\u00E5 \u00E5"},          // Å three ways
        {"\u2018a\u2019 \u201Ab\u201B \u2032c\u2032 `d\u00B4 \u2039e\u203A", "'a' 'b' 'c' 'd' 'e'"},
        {"\u201Ca\u201D \u201Eb\u201F \u2033c\u2033 \u00ABd\u00BB \uFF02e\uFF02",
         "\"a\" \"b\" \"c\" \"d\" \"e\""},
        {"a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h\uFE58i\uFE63j\uFF0Dk", "a-b-c-d-e-f-g-h-i-j-k"},
        {"a\u00A0b\u202Fc\u2007d\u2003e\u3000f\u1680g", "a b c d e f g"},  // Unicode spaces
        {"a\tb\nc\r\nd\u2028e\u2029f\u0085g\vh\fi", "a b c d e f g h i"},  // line breaks and tabs
        {"a \t\n \u00A0 b", "a b"},                                        // runs collapse
        {"  \n leading and trailing \t ", "leading and trailing"},
        {"sh\u200Ball", "shall"},                    // zero-width space
        {"en\u00ADcryp\u00ADtion", "encryption"},    // soft hyphens
        {"a\u200Cb\u200Dc\u2060d\uFEFFe", "abcde"},  // ZWNJ, ZWJ, word joiner, BOM
        {"\u200Eabc\u200F \u202Adef\u202C \u202Bg\u202Dh\u202Ei \u2066j\u2067k\u2068l\u2069",
         "abc def ghi jkl"},
        {"\uFEFFbom first", "bom first"},
        {"a \u200B b", "a b"},  // invisible inside a space run
        {"", ""},
        {" \t\n\u00A0", ""},
        {"\u200B\u00AD", ""},
    };
    for (const auto& c : cases) {
        INFO(c.in);
        const NormalizedText n = onus::normalize(c.in);
        CHECK(n.text == c.out);
        check_map(c.in, n);
    }
}

TEST_CASE("normalize composes across a dropped invisible and keeps ill-formed bytes visible",
          "[text][normalize]") {
    CHECK(norm("e\u200D\u0301") == "\u00E9");
    CHECK(norm("\u0301x") == "\u0301x");  // a mark with no base stays
    CHECK(norm("a\xFF"
               "b") == "a\uFFFDb");
}

TEST_CASE("normalize is idempotent", "[text][normalize]") {
    std::mt19937 rng(7);
    for (int round = 0; round < 500; ++round) {
        const std::string s = random_text(rng, 12);
        const std::string once = norm(s);
        INFO(s);
        REQUIRE(norm(once) == once);
    }
}

TEST_CASE("to_original maps starts, to_original_end maps ends", "[text][normalize][offsets]") {
    SECTION("the header's example") {
        const std::string original = "Provider  SHALL \u201Cencrypt\u201D";
        const NormalizedText n = onus::normalize(original);
        CHECK(n.to_original(n.text.find("shall")) == original.find("SHALL"));
        const Span q = n.to_original(Span{15, 24});
        CHECK(piece(original, q) == "\u201Cencrypt\u201D");
    }
    SECTION("a quoted span maps back to exactly its characters") {
        const std::string original = "A  \u201CQuoted\u201D  B";
        const NormalizedText n = onus::normalize(original);
        REQUIRE(n.text == "a \"quoted\" b");
        const std::size_t s = n.text.find("\"quoted\"");
        const std::size_t e = s + 8;
        CHECK(original.substr(n.to_original(s), n.to_original_end(e) - n.to_original(s)) ==
              "\u201CQuoted\u201D");
        CHECK(piece(original, n.to_original(Span{s, e})) == "\u201CQuoted\u201D");
        // Used for the end, to_original gives where the next character starts.
        CHECK(n.to_original(e) == original.find("  B"));
    }
    SECTION("trailing whitespace and invisibles stay outside a span") {
        const std::string original = "  Hello\u200B\u00A0 ";
        const NormalizedText n = onus::normalize(original);
        REQUIRE(n.text == "hello");
        CHECK(n.to_original(0) == 2);
        CHECK(n.to_original(5) == original.size());
        CHECK(n.to_original_end(5) == 7);
        CHECK(piece(original, n.to_original(Span{0, 5})) == "Hello");
    }
    SECTION("an invisible inside a word is inside its span") {
        const std::string original = "must sh\u200Ball do";
        const NormalizedText n = onus::normalize(original);
        CHECK(piece(original, n.to_original(Span{5, 10})) == "sh\u200Ball");
    }
    SECTION("expansions map every byte to the whole source character") {
        const std::string original = "Stra\u00DFe \uFB01";
        const NormalizedText n = onus::normalize(original);
        REQUIRE(n.text == "strasse fi");
        CHECK(piece(original, n.to_original(Span{4, 5})) == "\u00DF");  // first "s" of "ss"
        CHECK(piece(original, n.to_original(Span{5, 6})) == "\u00DF");
        CHECK(piece(original, n.to_original(Span{8, 10})) == "\uFB01");
        CHECK(piece(original, n.to_original(Span{0, 7})) == "Stra\u00DFe");
    }
    SECTION("a composed character maps to its base and marks") {
        const std::string original = "cafe\u0301!";
        const NormalizedText n = onus::normalize(original);
        REQUIRE(n.text == "caf\u00E9!");
        CHECK(piece(original, n.to_original(Span{3, 5})) == "e\u0301");
    }
    SECTION("a collapsed space maps to the whole run") {
        const std::string original = "a \t\n b";
        const NormalizedText n = onus::normalize(original);
        REQUIRE(n.text == "a b");
        CHECK(piece(original, n.to_original(Span{1, 2})) == " \t\n ");
        CHECK(piece(original, n.to_original(Span{0, 3})) == original);
    }
    SECTION("edges: empty spans, empty texts, clamping") {
        const NormalizedText n = onus::normalize(" ab ");
        const Span empty = n.to_original(Span{1, 1});
        CHECK(empty.start == empty.end);
        CHECK(n.to_original_end(0) == n.to_original(0));
        CHECK(n.to_original(100) == 4);
        CHECK(n.to_original_end(100) == 3);
        const NormalizedText blank = onus::normalize("   ");
        CHECK(blank.text.empty());
        CHECK(blank.to_original(0) == 3);
        CHECK(blank.to_original_end(0) == 3);
        CHECK(NormalizedText{}.to_original(0) == 0);
        CHECK(NormalizedText{}.to_original_end(5) == 0);
    }
}

TEST_CASE("every word of the normalised text maps back to original text that normalises to it",
          "[text][normalize][offsets]") {
    std::mt19937 rng(424242);
    for (int round = 0; round < 300; ++round) {
        const std::string original = random_text(rng, 10);
        const NormalizedText n = onus::normalize(original);
        check_map(original, n);
        for (const Span& w : onus::words(n.text)) {
            const std::string word = piece(n.text, w);
            const Span back = n.to_original(w);
            const std::string source = piece(original, back);
            INFO("original: " << original << "\nword: " << word << "\nback: " << source);
            REQUIRE(norm(source) == word);
        }
    }
}

// ---------------------------------------------------------------- words

TEST_CASE("words keeps letters and numbers and skips spaces and punctuation", "[text][words]") {
    using V = std::vector<std::string>;
    const std::string s1 = "The provider's fee, isn't it?";
    CHECK(pieces(s1, onus::words(s1)) == V{"The", "provider's", "fee", "isn't", "it"});
    const std::string s2 = "The Customer\u2019s data";  // a curly apostrophe holds a word together too
    CHECK(pieces(s2, onus::words(s2)) == V{"The", "Customer\u2019s", "data"});
    const std::string s3 = "uptime of 99.95% under 4.2(a), i.e. 1,000 hours";
    CHECK(pieces(s3, onus::words(s3)) ==
          V{"uptime", "of", "99.95", "under", "4.2", "a", "i.e", "1,000", "hours"});
    const std::string s4 = "Der Anbieter verschl\u00FCsselt Stra\u00DFen-Daten";
    CHECK(pieces(s4, onus::words(s4)) == V{"Der", "Anbieter", "verschl\u00FCsselt", "Stra\u00DFen", "Daten"});
    const std::string s5 =
        "\u039F \u03A0\u03AC\u03C1\u03BF\u03C7\u03BF\u03C2 "
        "\u03BA\u03C1\u03C5\u03C0\u03C4\u03BF\u03B3\u03C1\u03B1\u03C6\u03B5\u03AF.";
    CHECK(pieces(s5, onus::words(s5)) ==
          V{"\u039F", "\u03A0\u03AC\u03C1\u03BF\u03C7\u03BF\u03C2",
            "\u03BA\u03C1\u03C5\u03C0\u03C4\u03BF\u03B3\u03C1\u03B1\u03C6\u03B5\u03AF"});
    CHECK(onus::words("").empty());
    CHECK(onus::words(" .,;- \n").empty());
}

TEST_CASE("words segments Japanese with the dictionary, byte offsets intact", "[text][words]") {
    // 日本語の文章です。クラウドサービス
    const std::string s =
        "\u65E5\u672C\u8A9E\u306E\u6587\u7AE0\u3067\u3059\u3002\u30AF\u30E9\u30A6\u30C9\u30B5\u30FC\u30D3"
        "\u30B9";
    const auto ws = onus::words(s);
    REQUIRE(ws.size() >= 4);  // split into several words, not one run
    std::string joined;
    for (const Span& w : ws) {
        REQUIRE(w.start < w.end);
        REQUIRE(onus::is_valid_utf8(piece(s, w)));  // boundaries fall between characters
        joined += piece(s, w);
    }
    // Every character but the full stop is in some word.
    CHECK(joined ==
          "\u65E5\u672C\u8A9E\u306E\u6587\u7AE0\u3067\u3059\u30AF\u30E9\u30A6\u30C9\u30B5\u30FC\u30D3\u30B9");
    CHECK(piece(s, ws.front()) == "\u65E5\u672C\u8A9E");  // 日本語
}

TEST_CASE("word_tokens tile the text", "[text][words]") {
    const std::string s = "Provider shall, e.g., encrypt.";
    CHECK(pieces(s, onus::word_tokens(s)) ==
          std::vector<std::string>{"Provider", " ", "shall", ",", " ", "e.g", ".", ",", " ", "encrypt", "."});
    CHECK(onus::word_tokens("").empty());

    static const std::vector<std::string> alphabet = {
        "a",
        "Z",
        "7",
        " ",
        "  ",
        "\n",
        ".",
        ",",
        "'",
        "\u2019",
        "-",
        "%",
        "(",
        ")",
        "\u00E9",
        "e\u0301",
        "\u00DF",
        "\u03A9",
        "\u65E5",
        "\u30AF",
        "\u3002",
        "\U0001F600",
        "\U0001F469\u200D\U0001F4BB",
        "\u200B",
        "\u00A0",
        "\uFEFF",
        "\u0301",
        "\t",
        "\"",
        "\u05D0",
        "\u0627",
    };
    std::mt19937 rng(12345);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> len(0, 60);
    for (int round = 0; round < 500; ++round) {
        std::string text;
        for (int i = len(rng); i > 0; --i) text += alphabet[pick(rng)];
        const auto tokens = onus::word_tokens(text);
        std::string joined;
        std::size_t at = 0;
        for (const Span& t : tokens) {
            REQUIRE(t.start == at);
            REQUIRE(t.end > t.start);
            at = t.end;
            joined += piece(text, t);
        }
        REQUIRE(joined == text);
        // words() is the subset of the tokens that hold a letter or digit.
        for (const Span& w : onus::words(text)) {
            REQUIRE(w.end <= text.size());
            REQUIRE(onus::is_valid_utf8(piece(text, w)));
        }
    }
}

// ---------------------------------------------------------------- sentences

TEST_CASE("sentences split normally and tile the text", "[text][sentences]") {
    const std::string s =
        "The Provider shall encrypt data. The Customer shall manage keys! Is that clear? Yes.";
    CHECK(pieces(s, onus::sentences(s)) == std::vector<std::string>{"The Provider shall encrypt data. ",
                                                                    "The Customer shall manage keys! ",
                                                                    "Is that clear? ", "Yes."});
    CHECK(onus::sentences("").empty());
    CHECK(pieces("One sentence", onus::sentences("One sentence")) ==
          std::vector<std::string>{"One sentence"});
}

TEST_CASE("sentences do not end at legal abbreviations", "[text][sentences]") {
    using V = std::vector<std::string>;
    auto split = [](const std::string& s) { return pieces(s, onus::sentences(s)); };
    CHECK(split("Use strong ciphers, e.g. AES or ChaCha20. Keys rotate yearly.") ==
          V{"Use strong ciphers, e.g. AES or ChaCha20. ", "Keys rotate yearly."});
    CHECK(split("The processor, i.e. Provider, acts. Done.") ==
          V{"The processor, i.e. Provider, acts. ", "Done."});
    CHECK(split("Amazon Web Services, Inc. (\"AWS\") and you agree. Done.") ==
          V{"Amazon Web Services, Inc. (\"AWS\") and you agree. ", "Done."});
    CHECK(split("Acme Inc. will host the data. Done.") == V{"Acme Inc. will host the data. ", "Done."});
    CHECK(split("Subject to Sec. 4 and Art. 28 GDPR, see No. 5. Done.") ==
          V{"Subject to Sec. 4 and Art. 28 GDPR, see No. 5. ", "Done."});
    CHECK(split("Mr. Smith and Dr. Jones signed. Done.") == V{"Mr. Smith and Dr. Jones signed. ", "Done."});
    CHECK(split("Data stays in the U.S. Government regions only. Done.") ==
          V{"Data stays in the U.S. Government regions only. ", "Done."});
    CHECK(split("Signed by John F. Kennedy today. Done.") == V{"Signed by John F. Kennedy today. ", "Done."});
    CHECK(split("As set out in Section 4. 2 Services apply. Done.") ==
          V{"As set out in Section 4. 2 Services apply. ", "Done."});
}

TEST_CASE("sentences still end where an abbreviation or label really ends one", "[text][sentences]") {
    using V = std::vector<std::string>;
    auto split = [](const std::string& s) { return pieces(s, onus::sentences(s)); };
    // These end sentences often; a capital after them starts a new one.
    CHECK(split("Services are provided by Acme Inc. The Customer pays.") ==
          V{"Services are provided by Acme Inc. ", "The Customer pays."});
    CHECK(split("Logs, keys, etc. Provider keeps them.") == V{"Logs, keys, etc. ", "Provider keeps them."});
    // A label letter is not an initial.
    CHECK(split("Fees are in Exhibit A. The Customer pays.") ==
          V{"Fees are in Exhibit A. ", "The Customer pays."});
    // A number then a period then a letter is an ordinary end.
    CHECK(split("See Section 4. The Customer pays.") == V{"See Section 4. ", "The Customer pays."});
    // A line break keeps its break even after an abbreviation.
    CHECK(split("Ciphers, e.g.\nAES.") == V{"Ciphers, e.g.\n", "AES."});
    // Blank lines go with the sentence before them.
    CHECK(split("First.\n\n\nSecond.") == V{"First.\n\n\n", "Second."});
}

// ---------------------------------------------------------------- threads

TEST_CASE("segmentation and normalisation give the same results on many threads", "[text][threads]") {
    const std::string text =
        "The Provider shall encrypt Customer Data at rest, e.g. with AES-256. Acme Inc. (\"Provider\") "
        "maintains logs. \u201CSecurity\u201D means Stra\u00DFe \uFB01le "
        "\u65E5\u672C\u8A9E\u306E\u6587\u7AE0. ";
    const auto words0 = onus::words(text);
    const auto tokens0 = onus::word_tokens(text);
    const auto sentences0 = onus::sentences(text);
    const std::string norm0 = norm(text);
    auto same = [](const std::vector<Span>& a, const std::vector<Span>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].start != b[i].start || a[i].end != b[i].end) return false;
        }
        return true;
    };
    std::vector<int> ok(8, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < ok.size(); ++t) {
        threads.emplace_back([&, t] {
            bool good = true;
            for (int i = 0; i < 50; ++i) {
                good = good && same(onus::words(text), words0) && same(onus::word_tokens(text), tokens0) &&
                       same(onus::sentences(text), sentences0) && norm(text) == norm0;
            }
            ok[t] = good ? 1 : 0;
        });
    }
    for (auto& th : threads) th.join();
    for (int v : ok) CHECK(v == 1);
}
