// onus/text.hpp: Unicode text services (ICU): normalisation for matching
// with a map back to the original, and word and sentence segmentation.
//
// Documents keep their original characters for display and evidence. Rules
// and the differ match on a normalised view: NFKC, case-folded, curly quotes
// and dashes unified, invisible characters dropped, whitespace collapsed.
// NormalizedText::to_original() maps a byte offset in that view back to the
// original, so that evidence spans always point at what the reader sees.
//
//   onus::NormalizedText n = onus::normalize("Provider  SHALL “encrypt”");
//   // n.text == "provider shall \"encrypt\""
//   std::size_t at = n.to_original(n.text.find("shall"));  // offset of "SHALL"
//   onus::Span q = n.to_original({15, 24});  // "\"encrypt\"" -> the bytes of "“encrypt”"
//
// All functions are pure and thread-safe. Input must be valid UTF-8
// (sanitize_utf8 makes it so).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace onus {

// A span of a text: byte offsets [start, end).
struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
};

// A normalised copy of a text, with a byte-offset map back to the original.
//
// The map works per chunk: a chunk is the original character, or the run of
// characters normalised together (a base letter with its combining marks),
// or a whole run of whitespace collapsed to one ' '. Every byte a chunk
// produced maps to the whole chunk: the two "s" of "ss" from "ß" both map to
// "ß". Dropped characters (invisibles, extra spaces) produce no bytes; one
// that sits inside a chunk (a zero-width space inside a word) is covered by it.
struct NormalizedText {
    std::string text;  // normalised UTF-8
    // origin[i]: original start of the chunk that produced text byte i;
    // size text.size()+1, origin[text.size()] == original length.
    std::vector<std::size_t> origin;
    // origin_end[i]: original end of that chunk; size text.size().
    std::vector<std::size_t> origin_end;

    // Map a byte offset (0..text.size()) in the normalised text to the
    // original text: where the chunk that produced byte `offset` begins;
    // text.size() maps to the original length. This is the mapping for the
    // start of a span. Used for an end it gives where the next character
    // begins, which takes in any spaces or invisible characters dropped in
    // between (and, for the end of the text, trailing whitespace): for the
    // end of a span use to_original_end(), or to_original(Span).
    std::size_t to_original(std::size_t offset) const;

    // Map the end of a span (1..text.size()) to the original end of the
    // span's last character, i.e. of the chunk that produced byte end-1, so
    // that a non-empty span [s, e) maps back to exactly the original
    // characters it came from: original.substr(to_original(s),
    // to_original_end(e) - to_original(s)). 0 maps like to_original(0).
    std::size_t to_original_end(std::size_t end) const;

    // Map a span: {to_original(start), to_original_end(end)}; an empty span
    // maps to an empty span at to_original(start). Offsets past text.size()
    // are clamped.
    Span to_original(Span span) const;
};

// Normalise for matching: NFKC, full case folding, quotes (‘’‚‛“”„‟«» etc.)
// to ' or ", dashes and minus signs to '-', every Unicode space and line
// break to one ' ' (runs collapsed, leading/trailing removed), invisible
// characters (soft hyphen, zero-width, BOM, bidi controls) removed.
NormalizedText normalize(std::string_view utf8);

// Replace every invalid UTF-8 sequence by U+FFFD. Returns how many
// replacements were made through `replaced` (may be null). Each maximal
// subpart of an ill-formed sequence becomes one U+FFFD (Unicode's
// recommended practice, as ICU and browsers do): "\xE2\x82" gives one,
// "\xED\xA0\x80" (a surrogate) three.
std::string sanitize_utf8(std::string_view bytes, std::size_t* replaced = nullptr);

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes) noexcept;

// Append one code point as UTF-8; surrogates and values past U+10FFFF are
// written as U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

// Strict UTF-16 (little- or big-endian, no BOM) to UTF-8. Returns false, and
// leaves `out` unspecified, on an odd length or a lone surrogate: a file with
// one is corrupt, not text to repair.
bool utf16_to_utf8(std::string_view bytes, bool big_endian, std::string& out);

// Number of Unicode code points in valid UTF-8. On ill-formed input each
// replacement sanitize_utf8 would make counts as one.
std::size_t count_code_points(std::string_view utf8) noexcept;

// A quote for one line of a report: line breaks and tabs become spaces,
// leading and trailing spaces go, and a text over `most` bytes is cut at a
// character boundary and ends with "...".
std::string one_line(std::string_view utf8, std::size_t most);

// Words by ICU's word break rules (UAX #29), keeping only spans that hold a
// letter or a digit (punctuation and spaces are skipped).
std::vector<Span> words(std::string_view utf8);

// Every segment between ICU word boundaries, spaces and punctuation
// included: concatenated they give the text back exactly (the differ's tokens).
std::vector<Span> word_tokens(std::string_view utf8);

// Sentences by ICU's sentence break rules, with common legal abbreviations
// ("e.g.", "i.e.", "Inc.", "Sec.", "No.") not ending a sentence. The spans
// tile the text: each takes in the whitespace after it (blank lines too).
// ICU's break is undone after: "e.g.", "i.e.", "cf.", "vs.", "v.", "No.",
// "Sec.", "Art.", "para.", "U.S.", "Mr.", "Ms.", "Mrs.", "Dr." (and a few
// plurals); after "etc.", "Inc.", "Ltd.", "Corp.", "Co." unless the next
// sentence starts with a capital letter (these often do end a sentence);
// after a single-capital initial ("John F. Kennedy") unless it follows a
// label word ("Exhibit A.", "Schedule B."); after a number and a period
// followed by a digit ("Section 4. 2"). A line break keeps its break.
// Each thread remembers the answers for the texts it was asked about lately
// (up to 1 MiB of text, then it starts over): the analysis asks for the
// sentences of the same clause in several stages, one soon after another.
std::vector<Span> sentences(std::string_view utf8);

}  // namespace onus
