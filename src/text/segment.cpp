// text/segment.cpp: word and sentence segmentation with ICU break iterators
// run directly over the UTF-8 bytes (a UTF-8 UText), so that every boundary
// ICU reports is already a byte offset into the caller's text.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "onus/text.hpp"
#include "text/icu_check.hpp"
#include "text/utf8.hpp"

namespace onus {

namespace {

using namespace std::string_view_literals;
using text_detail::decode_utf8;
using text_detail::icu_check;

enum class Kind { word, sentence };

std::unique_ptr<icu::BreakIterator> create(Kind kind) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        kind == Kind::word ? icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status)
                           : icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    icu_check(status, kind == Kind::word ? "word break iterator" : "sentence break iterator");
    if (!it) throw Error(ErrorCode::internal, "icu", "no break iterator");
    return it;
}

// A break iterator for this thread. Iterators hold their position and text,
// so they cannot be shared; building one loads and compiles rules, so each
// thread clones a shared, never-used prototype once (clone() is const and
// only reads it) and keeps the clone for every later call.
icu::BreakIterator& iterator(Kind kind) {
    static const std::unique_ptr<icu::BreakIterator> word_prototype = create(Kind::word);
    static const std::unique_ptr<icu::BreakIterator> sentence_prototype = create(Kind::sentence);
    thread_local std::unique_ptr<icu::BreakIterator> word, sentence;
    auto& slot = kind == Kind::word ? word : sentence;
    if (!slot) {
        slot.reset((kind == Kind::word ? word_prototype : sentence_prototype)->clone());
        if (!slot) throw Error(ErrorCode::internal, "icu", "cannot clone a break iterator");
    }
    return *slot;
}

// Points a break iterator at utf8 for the lifetime of this object. The
// iterator keeps its own shallow copy of the UText, which refers to the
// caller's bytes: those outlive every use, as the iterator is only used
// inside the function that bound it.
class BoundText {
public:
    BoundText(icu::BreakIterator& it, std::string_view utf8) {
        // The iterator's positions are int32_t.
        if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max())) {
            throw Error(ErrorCode::limit, "text", "text over 2 GiB cannot be segmented");
        }
        UErrorCode status = U_ZERO_ERROR;
        text_ = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
        icu_check(status, "utext_openUTF8");
        it.setText(text_, status);
        icu_check(status, "BreakIterator::setText");
    }
    ~BoundText() { utext_close(text_); }
    BoundText(const BoundText&) = delete;
    BoundText& operator=(const BoundText&) = delete;

private:
    UText* text_ = nullptr;
};

// Calls f(start, end, rule_status) for every segment of utf8.
template <typename F>
void for_each_segment(Kind kind, std::string_view utf8, F&& f) {
    if (utf8.empty()) return;
    icu::BreakIterator& it = iterator(kind);
    BoundText bound(it, utf8);
    int32_t prev = it.first();
    for (int32_t b = it.next(); b != icu::BreakIterator::DONE; prev = b, b = it.next()) {
        f(static_cast<std::size_t>(prev), static_cast<std::size_t>(b), it.getRuleStatus());
    }
}

// ---------------------------------------------------------------- sentences

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

// Start of the code point that ends just before byte `end`.
std::size_t previous_cp(std::string_view s, std::size_t end) {
    std::size_t i = end - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 && end - i < 4) --i;
    return i;
}

// Abbreviations that hardly ever end a sentence, because something always
// follows them: a break ICU finds after one is always undone.
constexpr std::array kJoining = {
    "e.g."sv,   "E.g."sv, "i.e."sv, "I.e."sv,  "cf."sv,  "Cf."sv,   "vs."sv,   "v."sv,
    "No."sv,    "Nos."sv, "Sec."sv, "Secs."sv, "Art."sv, "Arts."sv, "para."sv, "Para."sv,
    "paras."sv, "U.S."sv, "Mr."sv,  "Ms."sv,   "Mrs."sv, "Dr."sv,
};

// Abbreviations that also end sentences often ("... provided by Acme Inc.
// The Customer shall ..."): a break after one is undone unless the next
// sentence starts with a capital letter, so "Acme, Inc. (“AWS”)" holds
// together while two obligations are not glued into one.
constexpr std::array kTrailing = {
    "etc."sv, "Inc."sv, "Ltd."sv, "Corp."sv, "Co."sv,
};

// Words after which a single capital and a period is a name ("Exhibit A.")
// that can end a sentence, not a person's initial ("John F. Kennedy").
constexpr std::array kLabelWords = {
    "exhibit"sv, "schedule"sv, "appendix"sv, "annex"sv,   "attachment"sv, "addendum"sv,
    "section"sv, "clause"sv,   "part"sv,     "article"sv, "table"sv,      "figure"sv,
    "item"sv,    "option"sv,   "plan"sv,     "tier"sv,    "class"sv,      "level"sv,
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// True when ICU's break between `before` (the sentence so far) and `after`
// (the next ICU sentence) is after an abbreviation, an initial or a section
// number, and so should not end a sentence.
bool suppress_break(std::string_view before, std::string_view after) {
    // ICU puts trailing whitespace in the sentence before the break. A line
    // or paragraph break there is a hard break that no abbreviation undoes.
    std::size_t end = before.size();
    while (end > 0) {
        const std::size_t at = previous_cp(before, end);
        const char32_t c = decode_utf8(before, at).cp;
        if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) return false;
        if (!u_isUWhiteSpace(static_cast<UChar32>(c))) break;
        end = at;
    }
    if (end == 0 || before[end - 1] != '.') return false;

    // The last whitespace-delimited token, without opening brackets or quotes.
    std::size_t start = end;
    while (start > 0 && !is_ascii_space(before[start - 1])) --start;
    while (start < end &&
           (before[start] == '(' || before[start] == '[' || before[start] == '"' || before[start] == '\'')) {
        ++start;
    }
    const std::string_view token = before.substr(start, end - start);

    // What the next sentence starts with.
    std::size_t k = 0;
    while (k < after.size() && is_ascii_space(after[k])) ++k;
    const char32_t next = k < after.size() ? decode_utf8(after, k).cp : 0;

    if (contains(kJoining, token)) return true;
    if (contains(kTrailing, token)) return !u_isupper(static_cast<UChar32>(next));

    // "Section 4. 2" or "4.2. 3": a number and a period followed by a digit.
    const std::string_view number = token.substr(0, token.size() - 1);
    if (!number.empty() && number[0] >= '0' && number[0] <= '9' &&
        number.find_first_not_of("0123456789.") == std::string_view::npos) {
        return next >= '0' && next <= '9';
    }

    // A single capital letter and a period: an initial, unless it names a
    // labelled part ("see Exhibit A. The Customer ...").
    if (token.size() == 2 && token[0] >= 'A' && token[0] <= 'Z') {
        std::size_t word_end = start;
        while (word_end > 0 && is_ascii_space(before[word_end - 1])) --word_end;
        std::size_t word_start = word_end;
        while (word_start > 0 && !is_ascii_space(before[word_start - 1])) --word_start;
        const std::string_view word = before.substr(word_start, word_end - word_start);
        return std::none_of(kLabelWords.begin(), kLabelWords.end(),
                            [&](std::string_view w) { return iequals(w, word); });
    }
    return false;
}

}  // namespace

std::vector<Span> words(std::string_view utf8) {
    std::vector<Span> out;
    for_each_segment(Kind::word, utf8, [&](std::size_t start, std::size_t end, int32_t status) {
        // UBRK_WORD_NONE..UBRK_WORD_NONE_LIMIT: spaces and punctuation. Every
        // other status (number, letter, kana, ideograph) is a word.
        if (status >= UBRK_WORD_NONE_LIMIT) out.push_back({start, end});
    });
    return out;
}

std::vector<Span> word_tokens(std::string_view utf8) {
    std::vector<Span> out;
    for_each_segment(Kind::word, utf8, [&](std::size_t start, std::size_t end, int32_t) {
        out.push_back({start, end});
    });
    return out;
}

namespace {

std::vector<Span> break_sentences(std::string_view utf8) {
    std::vector<Span> icu_sentences;
    for_each_segment(Kind::sentence, utf8, [&](std::size_t start, std::size_t end, int32_t) {
        icu_sentences.push_back({start, end});
    });
    std::vector<Span> out;
    for (const Span& s : icu_sentences) {
        const std::string_view piece = utf8.substr(s.start, s.end - s.start);
        // ICU makes a sentence of each extra blank line; it belongs to the
        // sentence before, as the trailing spaces of a sentence do.
        const bool blank = std::all_of(piece.begin(), piece.end(), is_ascii_space);
        if (!out.empty() &&
            (blank ||
             suppress_break(utf8.substr(out.back().start, out.back().end - out.back().start), piece))) {
            out.back().end = s.end;
        } else {
            out.push_back(s);
        }
    }
    return out;
}

// The sentences of the texts this thread broke, up to a budget of text
// bytes, then forgotten all at once. The stages ask for the sentences of the
// same clause text several times (the party finder, the tagger, the SLA
// reader), and ICU's sentence breaking is the costly part of each. The
// budget is small: the asks for one text come close together, and a memo
// that held a long agreement's every clause (a copy of its text, and the
// spans) was a fifth of a scan's memory, on each thread that analyses.
class SentenceMemo {
public:
    const std::vector<Span>& of(std::string_view utf8) {
        if (auto it = by_text_.find(utf8); it != by_text_.end()) return it->second;
        if (bytes_ + utf8.size() > kBudgetBytes) {
            by_text_.clear();
            bytes_ = 0;
        }
        bytes_ += utf8.size();
        return by_text_.emplace(std::string(utf8), break_sentences(utf8)).first->second;
    }

private:
    static constexpr std::size_t kBudgetBytes = 1u << 20;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::vector<Span>, Hash, std::equal_to<>> by_text_;
    std::size_t bytes_ = 0;
};

}  // namespace

std::vector<Span> sentences(std::string_view utf8) {
    thread_local SentenceMemo memo;
    return memo.of(utf8);
}

}  // namespace onus
