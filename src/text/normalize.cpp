// text/normalize.cpp: the matching view of a text (NFKC_Casefold plus
// punctuation and whitespace folding) with its byte map back to the original.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <algorithm>

#include "onus/text.hpp"
#include "text/icu_check.hpp"
#include "text/utf8.hpp"

namespace onus {

namespace {

using text_detail::decode_utf8;

const icu::Normalizer2& nfkc_casefold() {
    // ICU owns the singleton and it is immutable, so sharing it across threads is safe.
    static const icu::Normalizer2* const instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        text_detail::icu_check(status, "NFKC_Casefold normaliser");
        return n;
    }();
    return *instance;
}

enum class Fold { keep, space, drop };

struct Mapped {
    char32_t cp;
    Fold fold;
};

// The onus-specific folding on top of NFKC_Casefold. It runs on the input
// before normalising as well as on ICU's output: before, because NFKC would
// otherwise turn some of these into something else first (″ into two ′, ´
// into a space and a combining accent); after, because NFKC also produces
// some of them (U+2011 becomes U+2010, full-width ＂ becomes ").
Mapped fold(char32_t c) {
    if (c < 0x80) {
        if (c == '`') return {'\'', Fold::keep};
        if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return {' ', Fold::space};
        return {c, Fold::keep};
    }
    switch (c) {
        case 0x2018:  // ‘
        case 0x2019:  // ’
        case 0x201A:  // ‚
        case 0x201B:  // ‛
        case 0x2032:  // ′ prime
        case 0x00B4:  // ´ acute accent
        case 0x2039:  // ‹
        case 0x203A:  // ›
            return {'\'', Fold::keep};
        case 0x201C:  // “
        case 0x201D:  // ”
        case 0x201E:  // „
        case 0x201F:  // ‟
        case 0x2033:  // ″ double prime
        case 0x00AB:  // «
        case 0x00BB:  // »
            return {'"', Fold::keep};
        case 0x2010:  // hyphen
        case 0x2011:  // non-breaking hyphen
        case 0x2012:  // figure dash
        case 0x2013:  // en dash
        case 0x2014:  // em dash
        case 0x2015:  // horizontal bar
        case 0x2212:  // minus sign
        case 0xFE58:  // small em dash
        case 0xFE63:  // small hyphen-minus
        case 0xFF0D:  // full-width hyphen-minus
            return {'-', Fold::keep};
        case 0x00AD:  // soft hyphen
        case 0x200B:  // zero-width space
        case 0x200C:  // zero-width non-joiner
        case 0x200D:  // zero-width joiner
        case 0x2060:  // word joiner
        case 0xFEFF:  // BOM, zero-width no-break space
        case 0x200E:  // left-to-right mark
        case 0x200F:  // right-to-left mark
        case 0x061C:  // Arabic letter mark
        case 0x202A:  // bidi embeddings and overrides: LRE, RLE, PDF, LRO, RLO
        case 0x202B:
        case 0x202C:
        case 0x202D:
        case 0x202E:
        case 0x2066:  // bidi isolates: LRI, RLI, FSI, PDI
        case 0x2067:
        case 0x2068:
        case 0x2069:
            return {c, Fold::drop};
        default:
            break;
    }
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) return {' ', Fold::space};
    return {c, Fold::keep};
}

// Appends folded output to the result, one chunk at a time, collapsing
// whitespace and recording the origin of every byte.
class Builder {
public:
    explicit Builder(NormalizedText& out) : out_(out) {}

    // A whitespace character at original [start, end): extends the pending run.
    void space(std::size_t start, std::size_t end) {
        if (!pending_) ws_start_ = start;
        pending_ = true;
        ws_end_ = end;
    }

    // A non-space code point produced by the chunk at original [start, end).
    void put(char32_t cp, std::size_t start, std::size_t end) {
        if (pending_) {
            // Leading whitespace is dropped; trailing whitespace is never flushed.
            if (!out_.text.empty()) append(" ", ws_start_, ws_end_);
            pending_ = false;
        }
        scratch_.clear();
        text_detail::append_utf8(scratch_, cp);
        append(scratch_, start, end);
    }

    // A lone ASCII character at original [at, at+1) that is its own chunk:
    // NFKC_Casefold only lower-cases A-Z. The common case, so it skips the
    // UTF-8 round trip of put() and appends byte by byte.
    void put_ascii(char c, std::size_t at) {
        if (pending_) {
            if (!out_.text.empty()) append(" ", ws_start_, ws_end_);
            pending_ = false;
        }
        out_.text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
        out_.origin.push_back(at);
        out_.origin_end.push_back(at + 1);
    }

    // ICU's normalised form of the chunk at original [start, end).
    void put_normalized(std::string_view utf8, std::size_t start, std::size_t end) {
        for (std::size_t i = 0; i < utf8.size();) {
            const auto d = decode_utf8(utf8, i);
            i += d.len;
            const Mapped m = fold(d.cp);
            if (m.fold == Fold::space) {
                space(start, end);
            } else if (m.fold == Fold::keep) {
                put(m.cp, start, end);
            }
        }
    }

private:
    void append(std::string_view bytes, std::size_t start, std::size_t end) {
        out_.text.append(bytes);
        out_.origin.insert(out_.origin.end(), bytes.size(), start);
        out_.origin_end.insert(out_.origin_end.end(), bytes.size(), end);
    }

    NormalizedText& out_;
    std::string scratch_;
    bool pending_ = false;
    std::size_t ws_start_ = 0;
    std::size_t ws_end_ = 0;
};

}  // namespace

NormalizedText normalize(std::string_view utf8) {
    const icu::Normalizer2& nfkc = nfkc_casefold();
    NormalizedText result;
    result.text.reserve(utf8.size());
    result.origin.reserve(utf8.size() + 1);
    result.origin_end.reserve(utf8.size());
    Builder builder(result);

    // The current chunk: folded code points that must be normalised
    // together. A chunk ends before a code point with a normalisation
    // boundary before it, which guarantees that normalising chunk by chunk
    // gives the same text as normalising the whole (so "e" + U+0301 still
    // composes into one "é"), while keeping the map as fine as possible.
    std::string chunk;
    std::size_t chunk_start = 0, chunk_end = 0;
    std::string normalized;

    auto flush = [&] {
        if (chunk.empty()) return;
        const auto c = static_cast<unsigned char>(chunk[0]);
        if (chunk.size() == 1) {
            // Fast path, a lone ASCII character: NFKC_Casefold only lowercases A-Z.
            builder.put(c >= 'A' && c <= 'Z' ? char32_t(c + 32) : char32_t(c), chunk_start, chunk_end);
        } else {
            normalized.clear();
            icu::StringByteSink<std::string> sink(&normalized);
            UErrorCode status = U_ZERO_ERROR;
            nfkc.normalizeUTF8(0, icu::StringPiece(chunk.data(), static_cast<int32_t>(chunk.size())), sink,
                               nullptr, status);
            text_detail::icu_check(status, "NFKC_Casefold normalisation");
            builder.put_normalized(normalized, chunk_start, chunk_end);
        }
        chunk.clear();
    };

    for (std::size_t i = 0; i < utf8.size();) {
        // Fast path: an ASCII character followed by another ASCII character
        // (or the end) is a whole chunk, since every ASCII character has a
        // normalisation boundary before it; only a non-ASCII follower could
        // be a combining mark that joins it. Same output as the general path.
        // The general path flushes before any ASCII character too.
        if (static_cast<unsigned char>(utf8[i]) < 0x80 &&
            (i + 1 == utf8.size() || static_cast<unsigned char>(utf8[i + 1]) < 0x80)) {
            flush();
            const Mapped m = fold(static_cast<unsigned char>(utf8[i]));
            if (m.fold == Fold::space) builder.space(i, i + 1);
            else builder.put_ascii(static_cast<char>(m.cp), i);  // ASCII never folds to drop
            ++i;
            continue;
        }
        // Ill-formed input decodes to U+FFFD per maximal subpart, as sanitize_utf8 would make it.
        const auto d = decode_utf8(utf8, i);
        const std::size_t start = i, end = i + d.len;
        i = end;
        const Mapped m = fold(d.cp);
        if (m.fold == Fold::drop) continue;  // inside a chunk, the chunk's span covers it
        if (m.fold == Fold::space) {
            flush();
            builder.space(start, end);
            continue;
        }
        // Every ASCII character has a boundary before it in NFKC_Casefold.
        if (m.cp < 0x80 || nfkc.hasBoundaryBefore(static_cast<UChar32>(m.cp))) {
            flush();
            chunk_start = start;
        } else if (chunk.empty()) {
            chunk_start = start;  // a combining mark with nothing before it to combine with
        }
        text_detail::append_utf8(chunk, m.cp);
        chunk_end = end;
    }
    flush();
    result.origin.push_back(utf8.size());
    return result;
}

std::size_t NormalizedText::to_original(std::size_t offset) const {
    if (origin.empty()) return 0;  // a default-constructed value
    return origin[std::min(offset, origin.size() - 1)];
}

std::size_t NormalizedText::to_original_end(std::size_t end) const {
    end = std::min(end, origin_end.size());
    if (end == 0) return to_original(0);
    return origin_end[end - 1];
}

Span NormalizedText::to_original(Span span) const {
    const std::size_t start = to_original(span.start);
    if (span.end <= span.start) return {start, start};
    return {start, std::max(start, to_original_end(span.end))};
}

}  // namespace onus
