// Word-level diff: ICU word tokens -> comparable units -> Myers (capped) ->
// semantic cleanup -> edits that tile both texts.
//
// In non-exact mode a unit's key is onus::normalize() of its text, so that
// the differ agrees with the aligner (which compares normalised clause text).
// Two ICU surprises shape the units: a run of spaces and a line break are
// separate tokens ("a \n b" gives " ", "\n", " "), so adjacent blank tokens
// are merged into one unit; and U+200B ZERO WIDTH SPACE is not a Format
// character in UAX #29, so it splits a word ("secu\u200Brity" gives three
// tokens) and the pieces are glued back into one unit.
#include "onus/diff.hpp"

#include <algorithm>
#include <unordered_map>

#include "onus/text.hpp"

namespace onus {

namespace {

// What a distinct piece of text is, for diffing. Cached per text: a long
// clause repeats the same few thousand words.
struct TokenInfo {
    std::string key;     // normalised (or raw, in exact mode)
    bool space = false;  // whitespace (normalises to a single space between words)
    bool blank = false;  // space, or invisible only (normalises to nothing)
    bool word = false;   // holds a letter or digit
};

class TokenClassifier {
public:
    explicit TokenClassifier(bool exact) : exact_(exact) {}

    const TokenInfo& info(std::string_view text) {
        auto it = cache_.find(std::string(text));
        if (it != cache_.end()) return it->second;
        if (cache_.size() >= kMaxTokens) cache_.clear();  // bounded over a long batch
        TokenInfo t;
        t.word = !words(text).empty();
        if (exact_) {
            t.key = std::string(text);
            t.space = t.blank = std::all_of(text.begin(), text.end(), [](char c) {
                return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
            });
        } else {
            t.key = normalize(text).text;
            if (t.key.empty()) {
                t.blank = true;
                // normalize() trims: whitespace shows only between two words.
                t.space = normalize("a" + std::string(text) + "a").text == "a a";
                if (t.space) t.key = " ";
            }
        }
        return cache_.emplace(std::string(text), std::move(t)).first->second;
    }

private:
    static constexpr std::size_t kMaxTokens = 1u << 16;
    bool exact_;
    std::unordered_map<std::string, TokenInfo> cache_;
};

// A token's class depends on its text alone, and the clauses of two
// versions of an agreement use a few thousand distinct tokens between
// them: each thread keeps one classifier per mode for every diff_words()
// call, instead of classifying (ICU words, normalising) afresh per clause.
TokenClassifier& classifier(bool exact) {
    thread_local TokenClassifier exact_tokens(true), normal_tokens(false);
    return exact ? exact_tokens : normal_tokens;
}

// A run of tokens compared as one: [start, end) bytes of the text.
struct Unit {
    std::size_t start = 0;
    std::size_t end = 0;
    int key = 0;         // interned key
    bool blank = false;  // whitespace or invisible only
    bool word = false;
};

class Interner {
public:
    int id(const std::string& key) {
        auto [it, inserted] = ids_.try_emplace(key, static_cast<int>(ids_.size()));
        (void)inserted;
        return it->second;
    }

private:
    std::unordered_map<std::string, int> ids_;
};

std::vector<Unit> make_units(std::string_view text, bool exact, TokenClassifier& classify,
                             Interner& keys) {
    struct Raw {
        std::size_t start, end;
        bool space, invisible;
    };
    std::vector<Raw> raw;
    bool join_next = false;  // an invisible token just ended a word: glue the next one on
    for (const Span& s : word_tokens(text)) {
        const TokenInfo& t = classify.info(text.substr(s.start, s.end - s.start));
        const bool invisible = t.blank && !t.space;
        if (exact) {
            raw.push_back({s.start, s.end, t.space, false});
            continue;
        }
        if (t.space) {
            if (!raw.empty() && raw.back().space) {
                raw.back().end = s.end;
            } else {
                raw.push_back({s.start, s.end, true, false});
            }
            join_next = false;
        } else if (invisible) {
            if (raw.empty()) {
                raw.push_back({s.start, s.end, false, true});
            } else {
                raw.back().end = s.end;
            }
            join_next = !raw.back().space;
        } else {
            if ((join_next || (!raw.empty() && raw.back().invisible)) && !raw.back().space) {
                raw.back().end = s.end;
                raw.back().invisible = false;
            } else {
                raw.push_back({s.start, s.end, false, false});
            }
            join_next = false;
        }
    }
    std::vector<Unit> units;
    units.reserve(raw.size());
    for (const Raw& r : raw) {
        const TokenInfo& t = classify.info(text.substr(r.start, r.end - r.start));
        units.push_back({r.start, r.end, keys.id(t.key), t.blank, t.word});
    }
    return units;
}

// Myers' O((N+M)D) diff of a and b, giving one op per unit ('=', '-', '+'),
// or nothing when the edit distance exceeds max_d.
std::optional<std::string> myers(const std::vector<int>& a, const std::vector<int>& b,
                                 std::size_t max_d) {
    const long n = static_cast<long>(a.size());
    const long m = static_cast<long>(b.size());
    const long limit = std::min<long>(n + m, static_cast<long>(max_d));
    const long offset = limit + 1;
    std::vector<long> v(static_cast<std::size_t>(2 * limit + 3), 0);
    std::vector<std::vector<long>> trace;  // v[-d..d] before step d
    long found = -1;
    for (long d = 0; d <= limit && found < 0; ++d) {
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                         ? v[offset + k + 1]
                         : v[offset + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && a[x] == b[y]) ++x, ++y;
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) return std::nullopt;
    std::string ops;
    long x = n, y = m;
    for (long d = found; d > 0; --d) {
        const std::vector<long>& prev = trace[static_cast<std::size_t>(d)];  // v before step d
        auto at = [&](long k) { return prev[static_cast<std::size_t>(k + d)]; };  // k in -d..d
        const long k = x - y;
        const bool down = (k == -d || (k != d && at(k - 1) < at(k + 1)));
        const long prev_k = down ? k + 1 : k - 1;
        const long prev_x = at(prev_k);
        const long prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) ops += '=', --x, --y;
        ops += down ? '+' : '-';
        x = prev_x;
        y = prev_y;
    }
    while (x > 0 && y > 0) ops += '=', --x, --y;
    std::reverse(ops.begin(), ops.end());
    return ops;
}

// A run of the diff over units: equal, or a change (del and/or insert).
struct Run {
    bool equal = true;
    std::size_t ob = 0, oe = 0;  // old units [ob, oe)
    std::size_t nb = 0, ne = 0;  // new units [nb, ne)
};

// The cap on Myers' D: generous for clause-sized texts, shrinking so that
// (N+M)*D stays near 2e7 steps for huge ones. The trace costs O(D^2) longs
// (8 MB at 1000).
std::size_t max_edit_distance(std::size_t units) {
    return std::clamp<std::size_t>(20'000'000 / (units + 1), 64, 1000);
}

std::vector<Run> raw_blocks(const std::vector<Unit>& ou, const std::vector<Unit>& nu) {
    std::size_t pre = 0;
    while (pre < ou.size() && pre < nu.size() && ou[pre].key == nu[pre].key) ++pre;
    std::size_t suf = 0;
    while (suf < ou.size() - pre && suf < nu.size() - pre &&
           ou[ou.size() - 1 - suf].key == nu[nu.size() - 1 - suf].key)
        ++suf;
    std::vector<int> a, b;
    for (std::size_t i = pre; i < ou.size() - suf; ++i) a.push_back(ou[i].key);
    for (std::size_t i = pre; i < nu.size() - suf; ++i) b.push_back(nu[i].key);

    std::string ops(pre, '=');
    if (auto mid = myers(a, b, max_edit_distance(a.size() + b.size()))) {
        ops += *mid;
    } else {
        ops += std::string(a.size(), '-') + std::string(b.size(), '+');
    }
    ops += std::string(suf, '=');

    std::vector<Run> blocks;
    std::size_t i = 0, j = 0;
    for (char op : ops) {
        const bool eq = op == '=';
        if (blocks.empty() || blocks.back().equal != eq) blocks.push_back({eq, i, i, j, j});
        if (op != '+') blocks.back().oe = ++i;
        if (op != '-') blocks.back().ne = ++j;
    }
    return blocks;
}

std::size_t count_words(const std::vector<Unit>& u, std::size_t b, std::size_t e) {
    std::size_t n = 0;
    for (std::size_t i = b; i < e; ++i) n += u[i].word;
    return n;
}

// Characters a change touches (bytes, as a reader's sense of its size).
std::size_t change_size(const Run& c, const std::vector<Unit>& ou, const std::vector<Unit>& nu) {
    std::size_t o = c.oe > c.ob ? ou[c.oe - 1].end - ou[c.ob].start : 0;
    std::size_t n = c.ne > c.nb ? nu[c.ne - 1].end - nu[c.nb].start : 0;
    return std::max(o, n);
}

// Merge changes separated by an equality a reader would not keep apart:
// spaces and punctuation only, or one word no longer than the changes
// around it ("delete A shall B, insert C shall D" rather than four scraps).
void merge_small_equalities(std::vector<Run>& blocks, const std::vector<Unit>& ou,
                            const std::vector<Unit>& nu) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (std::size_t k = 1; k + 1 < blocks.size(); ++k) {
            const Run& e = blocks[k];
            if (!e.equal || blocks[k - 1].equal || blocks[k + 1].equal) continue;
            const std::size_t words = count_words(ou, e.ob, e.oe);
            const std::size_t len = ou[e.oe - 1].end - ou[e.ob].start;
            const bool small = words == 0 ||
                               (words == 1 && len <= change_size(blocks[k - 1], ou, nu) &&
                                len <= change_size(blocks[k + 1], ou, nu));
            if (!small) continue;
            blocks[k - 1].oe = blocks[k + 1].oe;
            blocks[k - 1].ne = blocks[k + 1].ne;
            blocks.erase(blocks.begin() + static_cast<long>(k), blocks.begin() + static_cast<long>(k) + 2);
            changed = true;
            break;
        }
    }
}

// Move blank units both sides of a change share at its edges out into
// equalities, so a replaced phrase does not carry the space after it.
void trim_blank_edges(std::vector<Run>& blocks, const std::vector<Unit>& ou,
                      const std::vector<Unit>& nu) {
    std::vector<Run> out;
    for (Run c : blocks) {
        if (c.equal || c.ob == c.oe || c.nb == c.ne) {
            out.push_back(c);
            continue;
        }
        std::size_t lead = 0;
        while (c.ob + lead < c.oe - 1 && c.nb + lead < c.ne - 1 && ou[c.ob + lead].blank &&
               ou[c.ob + lead].key == nu[c.nb + lead].key)
            ++lead;
        std::size_t trail = 0;
        while (c.oe - trail - 1 > c.ob + lead && c.ne - trail - 1 > c.nb + lead &&
               ou[c.oe - 1 - trail].blank && ou[c.oe - 1 - trail].key == nu[c.ne - 1 - trail].key)
            ++trail;
        if (lead) out.push_back({true, c.ob, c.ob + lead, c.nb, c.nb + lead});
        out.push_back({false, c.ob + lead, c.oe - trail, c.nb + lead, c.ne - trail});
        if (trail) out.push_back({true, c.oe - trail, c.oe, c.ne - trail, c.ne});
    }
    blocks = std::move(out);
}

bool all_blank(const std::vector<Unit>& u, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
        if (!u[i].blank) return false;
    return true;
}

std::string_view slice(std::string_view text, const std::vector<Unit>& u, std::size_t b, std::size_t e) {
    if (b == e) return {};
    return text.substr(u[b].start, u[e - 1].end - u[b].start);
}

void append(std::vector<Edit>& edits, Edit::Op op, std::string_view o, std::string_view n) {
    if (o.empty() && n.empty()) return;
    if (!edits.empty() && edits.back().op == op) {
        edits.back().old_text += o;
        edits.back().new_text += n;
        return;
    }
    edits.push_back({op, std::string(o), std::string(n)});
}

}  // namespace

const char* to_string(Edit::Op op) noexcept {
    switch (op) {
        case Edit::Op::equal: return "equal";
        case Edit::Op::insert: return "insert";
        case Edit::Op::del: return "delete";
    }
    return "equal";
}

bool has_changes(const std::vector<Edit>& edits) {
    return std::any_of(edits.begin(), edits.end(), [](const Edit& e) { return e.op != Edit::Op::equal; });
}

std::vector<Edit> diff_words(std::string_view old_text, std::string_view new_text,
                             const DiffOptions& options) {
    TokenClassifier& classify = classifier(options.exact);
    Interner keys;
    const std::vector<Unit> ou = make_units(old_text, options.exact, classify, keys);
    const std::vector<Unit> nu = make_units(new_text, options.exact, classify, keys);

    std::vector<Run> blocks = raw_blocks(ou, nu);
    merge_small_equalities(blocks, ou, nu);
    trim_blank_edges(blocks, ou, nu);

    std::vector<Edit> edits;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        const Run& b = blocks[k];
        const std::string_view o = slice(old_text, ou, b.ob, b.oe);
        const std::string_view n = slice(new_text, nu, b.nb, b.ne);
        // Leading or trailing whitespace, or invisible characters there, are
        // not text: normalize() trims them too.
        const bool edge = k == 0 || k + 1 == blocks.size();
        if (b.equal || (!options.exact && edge && all_blank(ou, b.ob, b.oe) && all_blank(nu, b.nb, b.ne))) {
            append(edits, Edit::Op::equal, o, n);
        } else {
            append(edits, Edit::Op::del, o, {});
            append(edits, Edit::Op::insert, {}, n);
        }
    }
    return edits;
}

}  // namespace onus
