// Clause alignment between two versions of a document: passes from the
// strictest key to the loosest, a longest increasing subsequence to tell
// in-order matches from moves, a positional pass for leftovers, then
// split/merge pieces. See onus/diff.hpp for the contract.
//
// Cost: the key passes are hash joins; text similarity (TF-IDF cosine over
// normalised words, linear in the texts) is only computed for candidates
// that share a rare word pair (an inverted index over the old clauses,
// posting lists longer than kRarePosting skipped as boilerplate), at most
// kCandidates per clause, and every such comparison is counted against
// AlignOptions::comparison_budget. Nothing here is quadratic in the clause
// count except the positional DP, which only runs on gaps of at most
// kMaxGapCells cells.
#include "onus/diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "onus/text.hpp"

namespace onus {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kRarePosting = 16;     // a word pair in more old clauses than this is boilerplate
constexpr std::size_t kFallbackPosting = 64; // ...but a clause with no rare pair may use its rarest two
constexpr std::size_t kCandidates = 6;       // texts compared per new clause in the similar pass
constexpr std::size_t kMaxShingles = 4000;   // word pairs looked up per clause (a huge clause samples)
constexpr std::size_t kMaxGapCells = 4096;   // positional DP size (old gap x new gap)
constexpr std::size_t kMaxGroupCells = 10000;  // equal-key groups paired by position up to this size
constexpr double kPieceCoverage = 0.5;       // share of a split/merge piece's words the other side must explain
constexpr double kLeadInCoverage = 0.3;      // ...of a lead-in ("Outages resulting from:") joining the list after it

// Sparse word counts: (word id, count), sorted by id.
using Counts = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// A clause text's words. Two versions of an agreement share most of their
// clause texts: every clause (of either version) with the same text shares
// one of these.
struct TextWords {
    std::string text;                  // normalised (or raw) text
    std::vector<std::uint32_t> words;  // word ids in text order
    Counts counts;
};

struct ClauseView {
    const TextWords* body = nullptr;  // never null once built
    std::string heading;  // normalised heading, trailing '.' and ':' dropped
    std::string number;   // normalised number, trailing dots dropped

    const std::string& text() const { return body->text; }
    const std::vector<std::uint32_t>& words() const { return body->words; }
    const Counts& counts() const { return body->counts; }
};

std::string number_key(std::string n) {
    while (!n.empty() && (n.back() == '.' || n.back() == ' ')) n.pop_back();
    return n;
}

// Run-in headings are often written with their punctuation ("Payment." in
// one version, "Payment" in the next): not a change.
std::string heading_key(std::string h) {
    while (!h.empty() && (h.back() == '.' || h.back() == ':' || h.back() == ' ')) h.pop_back();
    return h;
}

class Vocabulary {
public:
    std::uint32_t id(std::string_view w) {
        // try_emplace, not emplace: a word already known (nearly every one)
        // then costs a look-up, not a node built and thrown away.
        auto [it, inserted] = ids_.try_emplace(std::string(w), static_cast<std::uint32_t>(ids_.size()));
        (void)inserted;
        return it->second;
    }
    std::size_t size() const { return ids_.size(); }

private:
    std::unordered_map<std::string, std::uint32_t> ids_;
};

Counts count_words(const std::vector<std::uint32_t>& words) {
    std::vector<std::uint32_t> sorted = words;
    std::sort(sorted.begin(), sorted.end());
    Counts c;
    for (std::uint32_t w : sorted) {
        if (!c.empty() && c.back().first == w) {
            ++c.back().second;
        } else {
            c.push_back({w, 1});
        }
    }
    return c;
}

Counts add_counts(const Counts& a, const Counts& b) {
    Counts out;
    out.reserve(a.size() + b.size());
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
            out.push_back(a[i++]);
        } else if (i == a.size() || b[j].first < a[i].first) {
            out.push_back(b[j++]);
        } else {
            out.push_back({a[i].first, a[i].second + b[j].second});
            ++i, ++j;
        }
    }
    return out;
}

// The views of a document's clauses. A text's words (normalising it and
// breaking it into words: most of the aligner's cost) depend on the text
// alone, so a text already seen on either side lends its words. Keys are
// views of the clauses' own texts, which outlive the aligner's constructor.
class Views {
public:
    // `bodies` keeps the texts' words (a deque: they never move).
    Views(bool exact, Vocabulary& vocab, std::deque<TextWords>& bodies)
        : exact_(exact), vocab_(vocab), bodies_(bodies) {}

    void add(const Clause& c, std::vector<ClauseView>& out) {
        ClauseView v;
        if (exact_) {
            v.heading = heading_key(c.heading);
            v.number = number_key(c.number);
        } else {
            v.heading = heading_key(normalize(c.heading).text);
            v.number = number_key(normalize(c.number).text);
        }
        auto [seen, fresh] = by_text_.try_emplace(c.text, nullptr);
        if (fresh) {
            TextWords& body = bodies_.emplace_back();
            body.text = exact_ ? c.text : normalize(c.text).text;
            for (const Span& s : words(body.text))
                body.words.push_back(vocab_.id(std::string_view(body.text).substr(s.start, s.end - s.start)));
            body.counts = count_words(body.words);
            seen->second = &body;
        }
        v.body = seen->second;
        out.push_back(std::move(v));
    }

private:
    bool exact_;
    Vocabulary& vocab_;
    std::deque<TextWords>& bodies_;
    std::unordered_map<std::string_view, const TextWords*> by_text_;
};

class Aligner {
public:
    Aligner(const Document& o, const Document& n, const AlignOptions& opt)
        : opt_(opt), n_old_(o.clauses.size()), n_new_(n.clauses.size()),
          old_match_(n_old_, kNone), new_match_(n_new_, kNone) {
        old_.reserve(n_old_);
        new_.reserve(n_new_);
        Views views(opt.exact, vocab_, bodies_);
        for (const Clause& c : o.clauses) views.add(c, old_);
        for (const Clause& c : n.clauses) views.add(c, new_);
        compute_idf();
        new_pass_.resize(n_new_);
        new_sim_.resize(n_new_, 0);
        new_moved_.resize(n_new_, false);
    }

    Alignment run() {
        key_pass("identical", [](const ClauseView& v) { return v.text(); });
        key_pass("number+heading", [](const ClauseView& v) {
            return v.number.empty() || v.heading.empty() ? std::string() : v.number + '\x1f' + v.heading;
        });
        key_pass("heading", [](const ClauseView& v) { return v.heading; });
        similar_pass();
        order_and_moves();
        position_pass();
        pieces();
        return build();
    }

private:
    // ------------------------------------------------------------ similarity

    void compute_idf() {
        std::vector<std::uint32_t> df(vocab_.size(), 0);
        for (const auto* side : {&old_, &new_})
            for (const ClauseView& v : *side)
                for (const auto& [w, count] : v.counts()) ++df[w];
        const double docs = static_cast<double>(n_old_ + n_new_);
        idf_.resize(df.size());
        for (std::size_t w = 0; w < df.size(); ++w) idf_[w] = std::log(1.0 + docs / std::max<std::uint32_t>(df[w], 1));
    }

    double norm(const Counts& c) const {
        double s = 0;
        for (const auto& [w, n] : c) s += std::pow(n * idf_[w], 2);
        return std::sqrt(s);
    }

    // TF-IDF cosine; two empty texts are alike (heading-only clauses).
    double cosine(const Counts& a, const Counts& b) const {
        if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
        double dot = 0;
        std::size_t i = 0, j = 0;
        while (i < a.size() && j < b.size()) {
            if (a[i].first < b[j].first) {
                ++i;
            } else if (b[j].first < a[i].first) {
                ++j;
            } else {
                const double idf = idf_[a[i].first];
                dot += a[i].second * idf * b[j].second * idf;
                ++i, ++j;
            }
        }
        const double d = norm(a) * norm(b);
        return d > 0 ? std::min(1.0, dot / d) : 0.0;
    }

    // A counted comparison; nullopt once the budget is spent.
    std::optional<double> compare(const Counts& a, const Counts& b) {
        if (comparisons_ >= opt_.comparison_budget) {
            budget_hit_ = true;
            return std::nullopt;
        }
        ++comparisons_;
        return cosine(a, b);
    }

    void match(std::size_t i, std::size_t j, const char* pass, double sim) {
        old_match_[i] = j;
        new_match_[j] = i;
        new_pass_[j] = pass;
        new_sim_[j] = sim;
    }

    void unmatch(std::size_t j) {
        old_match_[new_match_[j]] = kNone;
        new_match_[j] = kNone;
        new_pass_[j].clear();
        new_sim_[j] = 0;
        new_moved_[j] = false;
    }

    // ------------------------------------------------------------ key passes

    // Pair unmatched clauses with the same non-empty key. A key held by
    // several clauses on each side ("(a)", a repeated boilerplate line)
    // pairs in order when the counts agree, else closest relative position first.
    template <class KeyFn>
    void key_pass(const char* pass, KeyFn key) {
        std::unordered_map<std::string, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> groups;
        for (std::size_t i = 0; i < n_old_; ++i)
            if (old_match_[i] == kNone)
                if (std::string k = key(old_[i]); !k.empty()) groups[k].first.push_back(i);
        for (std::size_t j = 0; j < n_new_; ++j)
            if (new_match_[j] == kNone)
                if (auto it = groups.find(key(new_[j])); it != groups.end() && !key(new_[j]).empty())
                    it->second.second.push_back(j);
        // Visit groups in new-document order so the result does not depend on hashing.
        std::vector<const std::pair<std::vector<std::size_t>, std::vector<std::size_t>>*> ordered;
        for (const auto& [k, g] : groups)
            if (!g.first.empty() && !g.second.empty()) ordered.push_back(&g);
        std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->second[0] < b->second[0]; });
        for (const auto* g : ordered) pair_group(g->first, g->second, pass);
    }

    void pair_group(const std::vector<std::size_t>& olds, const std::vector<std::size_t>& news, const char* pass) {
        auto matched = [&](std::size_t i, std::size_t j) {
            match(i, j, pass, cosine(old_[i].counts(), new_[j].counts()));
        };
        if (olds.size() == news.size() || olds.size() * news.size() > kMaxGroupCells) {
            for (std::size_t k = 0; k < std::min(olds.size(), news.size()); ++k) matched(olds[k], news[k]);
            return;
        }
        struct Cand {
            double distance;
            std::size_t i, j;
        };
        std::vector<Cand> cands;
        for (std::size_t i : olds)
            for (std::size_t j : news)
                cands.push_back({std::abs(relative(i, n_old_) - relative(j, n_new_)), i, j});
        std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.distance < b.distance; });
        for (const Cand& c : cands)
            if (old_match_[c.i] == kNone && new_match_[c.j] == kNone) matched(c.i, c.j);
    }

    static double relative(std::size_t i, std::size_t n) { return n ? static_cast<double>(i) / static_cast<double>(n) : 0; }

    // --------------------------------------------------------- similar pass

    static std::uint64_t shingle(const std::vector<std::uint32_t>& w, std::size_t k) {
        const std::uint64_t second = k + 1 < w.size() ? w[k + 1] : 0xFFFFFFFFu;
        return (static_cast<std::uint64_t>(w[k]) << 32) | second;
    }

    static std::vector<std::uint64_t> shingles(const ClauseView& v) {
        std::vector<std::uint64_t> s;
        const std::vector<std::uint32_t>& w = v.words();
        const std::size_t count = w.size() == 1 ? 1 : (w.empty() ? 0 : w.size() - 1);
        for (std::size_t k = 0; k < count; ++k) s.push_back(shingle(w, k));
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
        return s;
    }

    // The old clauses sharing the rarest word pairs with new clause j, most shared first.
    std::vector<std::size_t> candidates(std::size_t j, const std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>& index,
                                        std::vector<std::uint32_t>& hits) {
        std::vector<const std::vector<std::uint32_t>*> lists;
        for (std::uint64_t s : shingles(new_[j]))
            if (auto it = index.find(s); it != index.end()) lists.push_back(&it->second);
        std::sort(lists.begin(), lists.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
        std::vector<std::size_t> touched;
        std::size_t used = 0;
        for (const auto* list : lists) {
            const bool rare = list->size() <= kRarePosting;
            if (!rare && (used >= 2 || list->size() > kFallbackPosting)) break;
            if (used >= kMaxShingles) break;
            ++used;
            for (std::uint32_t i : *list)
                if (hits[i]++ == 0) touched.push_back(i);
            if (!rare) break;  // a clause with no rare pair: only its rarest one or two
        }
        std::sort(touched.begin(), touched.end(), [&](std::size_t a, std::size_t b) {
            return hits[a] != hits[b] ? hits[a] > hits[b] : a < b;
        });
        if (touched.size() > kCandidates) {
            for (std::size_t k = kCandidates; k < touched.size(); ++k) hits[touched[k]] = 0;
            touched.resize(kCandidates);
        }
        for (std::size_t i : touched) hits[i] = 0;
        return touched;
    }

    void similar_pass() {
        std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> index;
        for (std::size_t i = 0; i < n_old_; ++i)
            if (old_match_[i] == kNone)
                for (std::uint64_t s : shingles(old_[i])) index[s].push_back(static_cast<std::uint32_t>(i));
        std::vector<std::uint32_t> hits(n_old_, 0);
        struct Scored {
            double sim;
            std::size_t i, j;
        };
        std::vector<Scored> scored;
        for (std::size_t j = 0; j < n_new_ && !budget_hit_; ++j) {
            if (new_match_[j] != kNone) continue;
            for (std::size_t i : candidates(j, index, hits)) {
                std::optional<double> sim = compare(old_[i].counts(), new_[j].counts());
                if (!sim) break;
                seen_.push_back({*sim, i, j});
                if (*sim >= opt_.similar_threshold) scored.push_back({*sim, i, j});
            }
        }
        std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.sim > b.sim; });
        for (const Scored& s : scored)
            if (old_match_[s.i] == kNone && new_match_[s.j] == kNone) match(s.i, s.j, "similar", s.sim);
    }

    // ------------------------------------------------------- order and moves

    // Longest increasing subsequence of old indices over the matches taken
    // in new order: those matches are in order, the rest moved.
    std::vector<bool> in_order_matches() const {
        std::vector<std::size_t> js;
        for (std::size_t j = 0; j < n_new_; ++j)
            if (new_match_[j] != kNone) js.push_back(j);
        std::vector<std::size_t> tails;  // index into js of the smallest tail of each length
        std::vector<std::size_t> prev(js.size(), kNone);
        for (std::size_t k = 0; k < js.size(); ++k) {
            const std::size_t old_i = new_match_[js[k]];
            auto it = std::lower_bound(tails.begin(), tails.end(), old_i,
                                       [&](std::size_t t, std::size_t v) { return new_match_[js[t]] < v; });
            if (it != tails.begin()) prev[k] = *(it - 1);
            if (it == tails.end()) {
                tails.push_back(k);
            } else {
                *it = k;
            }
        }
        std::vector<bool> in_order(n_new_, false);
        for (std::size_t k = tails.empty() ? kNone : tails.back(); k != kNone; k = prev[k]) in_order[js[k]] = true;
        return in_order;
    }

    void order_and_moves() {
        std::vector<bool> in_order = in_order_matches();
        // What the similar pass saw, per clause, for the margin test.
        std::unordered_map<std::size_t, std::vector<Seen>> by_old;
        std::unordered_map<std::size_t, std::vector<Seen>> by_new;
        for (const Seen& s : seen_) {
            by_old[s.i].push_back(s);
            by_new[s.j].push_back(s);
        }
        for (std::size_t j = 0; j < n_new_; ++j) {
            if (new_match_[j] == kNone || in_order[j]) continue;
            if (new_pass_[j] != "similar") {
                new_moved_[j] = true;  // an exact key is a clear enough match
                continue;
            }
            const std::size_t i = new_match_[j];
            double second = 0;
            for (const Seen& s : by_new[j])
                if (s.i != i) second = std::max(second, s.sim);
            for (const Seen& s : by_old[i])
                if (s.j != j) second = std::max(second, s.sim);
            if (new_sim_[j] - second >= opt_.move_margin) {
                new_pass_[j] = "moved";
                new_moved_[j] = true;
            } else {
                unmatch(j);  // ambiguous: a deletion and an addition
            }
        }
        anchors_.clear();
        for (std::size_t j = 0; j < n_new_; ++j)
            if (new_match_[j] != kNone && !new_moved_[j]) anchors_.push_back(j);
    }

    // -------------------------------------------------------- position pass

    void position_pass() {
        std::size_t prev_old = 0, prev_new = 0;  // gap starts
        for (std::size_t k = 0; k <= anchors_.size(); ++k) {
            const std::size_t end_new = k < anchors_.size() ? anchors_[k] : n_new_;
            const std::size_t end_old = k < anchors_.size() ? new_match_[anchors_[k]] : n_old_;
            std::vector<std::size_t> olds, news;
            for (std::size_t i = prev_old; i < end_old; ++i)
                if (old_match_[i] == kNone) olds.push_back(i);
            for (std::size_t j = prev_new; j < end_new; ++j)
                if (new_match_[j] == kNone) news.push_back(j);
            if (!olds.empty() && !news.empty()) align_gap(olds, news);
            prev_old = end_old + 1;
            prev_new = end_new + 1;
        }
    }

    // Max-weight monotone pairing of a gap (weights: similarity at or above
    // position_threshold). Too large a gap pairs only diagonally when both
    // sides have the same size.
    void align_gap(const std::vector<std::size_t>& olds, const std::vector<std::size_t>& news) {
        const std::size_t p = olds.size(), q = news.size();
        if (p * q > kMaxGapCells) {
            if (p != q) return;
            for (std::size_t k = 0; k < p; ++k) {
                std::optional<double> sim = compare(old_[olds[k]].counts(), new_[news[k]].counts());
                if (!sim) return;
                if (*sim >= opt_.position_threshold) match(olds[k], news[k], "position", *sim);
            }
            return;
        }
        std::vector<double> w(p * q, -1);
        for (std::size_t a = 0; a < p; ++a)
            for (std::size_t b = 0; b < q; ++b) {
                std::optional<double> sim = compare(old_[olds[a]].counts(), new_[news[b]].counts());
                if (!sim) return;
                if (*sim >= opt_.position_threshold) w[a * q + b] = *sim;
            }
        std::vector<double> f((p + 1) * (q + 1), 0);
        auto F = [&](std::size_t a, std::size_t b) -> double& { return f[a * (q + 1) + b]; };
        for (std::size_t a = 1; a <= p; ++a)
            for (std::size_t b = 1; b <= q; ++b) {
                double best = std::max(F(a - 1, b), F(a, b - 1));
                if (w[(a - 1) * q + (b - 1)] >= 0) best = std::max(best, F(a - 1, b - 1) + w[(a - 1) * q + (b - 1)]);
                F(a, b) = best;
            }
        for (std::size_t a = p, b = q; a > 0 && b > 0;) {
            const double here = w[(a - 1) * q + (b - 1)];
            if (here >= 0 && F(a, b) == F(a - 1, b - 1) + here) {
                match(olds[a - 1], news[b - 1], "position", here);
                --a, --b;
            } else if (F(a, b) == F(a - 1, b)) {
                --a;
            } else {
                --b;
            }
        }
    }

    // ------------------------------------------------------ splits, merges

    // A match and the pieces attached to it. Each side's words are its
    // first clause's until a piece joins them.
    struct Group {
        std::size_t old_lo = kNone, old_hi = kNone, new_lo = kNone, new_hi = kNone;
        const Counts* old_first = nullptr;
        const Counts* new_first = nullptr;
        Counts old_joined, new_joined;  // empty until a piece joins that side
        double sim = 0;

        const Counts& old_counts() const { return old_lo == old_hi ? *old_first : old_joined; }
        const Counts& new_counts() const { return new_lo == new_hi ? *new_first : new_joined; }
    };

    // Attach unmatched clauses next to a match when the other side holds
    // their words beyond what the match already explains: "4.2" became
    // "4.2" and "4.3" (split), or "4.2" and "4.3" became "4.2" (merge).
    // A cosine gain would miss a short piece beside a long clause (the
    // joined text is barely closer); coverage of the remainder does not,
    // and it refuses a new clause that merely reuses the same words.
    void pieces() {
        groups_.clear();
        old_group_.assign(n_old_, kNone);
        new_group_.assign(n_new_, kNone);
        for (std::size_t j = 0; j < n_new_; ++j) {
            if (new_match_[j] == kNone) continue;
            const std::size_t i = new_match_[j];
            old_group_[i] = new_group_[j] = groups_.size();
            groups_.push_back({i, i, j, j, &old_[i].counts(), &new_[j].counts(), {}, {}, new_sim_[j]});
        }
        // Forward then backward, so that a piece can chain onto a piece on either side.
        for (int sweep = 0; sweep < 2; ++sweep) {
            for (std::size_t k = 0; k < n_new_ && !budget_hit_; ++k) {
                const std::size_t j = sweep == 0 ? k : n_new_ - 1 - k;
                if (new_group_[j] == kNone) attach(j, new_group_, new_, /*new_side=*/true);
            }
            for (std::size_t k = 0; k < n_old_ && !budget_hit_; ++k) {
                const std::size_t i = sweep == 0 ? k : n_old_ - 1 - k;
                if (old_group_[i] == kNone) attach(i, old_group_, old_, /*new_side=*/false);
            }
        }
    }

    // IDF-weighted share of `piece`'s words found in `other` beyond `mine`.
    double coverage(const Counts& piece, const Counts& other, const Counts& mine) const {
        std::unordered_map<std::uint32_t, std::int64_t> rest;
        for (const auto& [w, n] : other) rest[w] += n;
        for (const auto& [w, n] : mine)
            if (auto it = rest.find(w); it != rest.end()) it->second -= n;
        double found = 0, total = 0;
        for (const auto& [w, n] : piece) {
            total += n * idf_[w];
            if (auto it = rest.find(w); it != rest.end() && it->second > 0)
                found += static_cast<double>(std::min<std::int64_t>(n, it->second)) * idf_[w];
        }
        return total > 0 ? found / total : 0.0;
    }

    void attach(std::size_t x, std::vector<std::size_t>& owner, const std::vector<ClauseView>& side, bool new_side) {
        if (side[x].counts().empty()) return;  // a heading-only clause is nobody's piece
        for (int dir : {-1, +1}) {
            if ((dir < 0 && x == 0) || (dir > 0 && x + 1 >= owner.size())) continue;
            const std::size_t g = owner[dir < 0 ? x - 1 : x + 1];
            if (g == kNone) continue;
            Group& grp = groups_[g];
            // Not onto a group that already grew on the other side.
            if ((new_side && grp.old_lo != grp.old_hi) || (!new_side && grp.new_lo != grp.new_hi)) continue;
            const Counts& mine = new_side ? grp.new_counts() : grp.old_counts();
            const Counts& other = new_side ? grp.old_counts() : grp.new_counts();
            if (comparisons_ >= opt_.comparison_budget) {
                budget_hit_ = true;
                return;
            }
            ++comparisons_;
            // A lead-in ending in a colon belongs to the list it introduces:
            // "What's excluded from our Uptime guarantee? Outages resulting
            // from:" went with its items into "Excluded from the Uptime
            // Calculation are failures resulting from (i) ...".
            const bool lead_in = dir > 0 && !side[x].text().empty() && side[x].text().back() == ':';
            // The first item of a list goes with its lead-in, whatever its
            // words: "Outages resulting from: [-• Scheduled Downtime-]" is
            // the lead-in's list losing an item.
            const bool first_item = dir < 0 && !side[x - 1].text().empty() && side[x - 1].text().back() == ':' &&
                                    side[x].text().rfind("\u2022", 0) == 0;
            if (!first_item && coverage(side[x].counts(), other, mine) < (lead_in ? kLeadInCoverage : kPieceCoverage)) continue;
            Counts joined = add_counts(mine, side[x].counts());
            const double sim = cosine(joined, other);
            if (sim < opt_.similar_threshold) continue;
            (new_side ? grp.new_joined : grp.old_joined) = std::move(joined);
            grp.sim = sim;
            std::size_t& lo = new_side ? grp.new_lo : grp.old_lo;
            std::size_t& hi = new_side ? grp.new_hi : grp.old_hi;
            lo = std::min(lo, x);
            hi = std::max(hi, x);
            owner[x] = g;
            return;
        }
    }

    // ------------------------------------------------------------ the result

    ClausePair pair_of(const Group& g, std::size_t main_new) const {
        ClausePair p;
        const std::size_t i = new_match_[main_new];
        p.old_index = i;
        p.new_index = main_new;
        for (std::size_t k = g.old_lo; k <= g.old_hi; ++k)
            if (k != i) p.also_old.push_back(k);
        for (std::size_t k = g.new_lo; k <= g.new_hi; ++k)
            if (k != main_new) p.also_new.push_back(k);
        const bool pieces = !p.also_old.empty() || !p.also_new.empty();
        p.text_changed = pieces || old_[i].text() != new_[main_new].text();
        p.heading_changed = old_[i].heading != new_[main_new].heading;
        p.number_changed = old_[i].number != new_[main_new].number;
        p.moved = new_moved_[main_new];
        p.similarity = pieces ? g.sim : (old_[i].text() == new_[main_new].text() ? 1.0 : new_sim_[main_new]);
        p.pass = new_pass_[main_new];
        if (p.moved) {
            p.kind = ChangeKind::moved;
        } else if (p.text_changed || p.heading_changed) {
            p.kind = ChangeKind::modified;
        } else if (p.number_changed) {
            p.kind = ChangeKind::renumbered;
        } else {
            p.kind = ChangeKind::unchanged;
        }
        return p;
    }

    Alignment build() const {
        // Deletions go right after the in-order pair holding the nearest
        // old clause before them (or first of all).
        std::vector<std::vector<std::size_t>> deleted_after(groups_.size());
        std::vector<std::size_t> deleted_first;
        std::size_t last_group = kNone;
        for (std::size_t i = 0; i < n_old_; ++i) {
            const std::size_t g = old_group_[i];
            if (g == kNone) {
                (last_group == kNone ? deleted_first : deleted_after[last_group]).push_back(i);
            } else if (!new_moved_[groups_[g].new_lo]) {
                last_group = g;
            }
        }
        Alignment out;
        out.budget_hit = budget_hit_;
        out.comparisons = comparisons_;
        auto emit_deleted = [&](const std::vector<std::size_t>& olds) {
            for (std::size_t i : olds) {
                ClausePair p;
                p.kind = ChangeKind::deleted;
                p.old_index = i;
                out.pairs.push_back(std::move(p));
            }
        };
        emit_deleted(deleted_first);
        for (std::size_t j = 0; j < n_new_; ++j) {
            const std::size_t g = new_group_[j];
            if (g == kNone) {
                ClausePair p;
                p.kind = ChangeKind::added;
                p.new_index = j;
                out.pairs.push_back(std::move(p));
                continue;
            }
            if (groups_[g].new_lo != j) continue;  // emitted with its group
            std::size_t main_new = j;
            for (std::size_t k = groups_[g].new_lo; k <= groups_[g].new_hi; ++k)
                if (new_match_[k] != kNone) main_new = k;
            out.pairs.push_back(pair_of(groups_[g], main_new));
            emit_deleted(deleted_after[g]);
        }
        return out;
    }

    struct Seen {
        double sim;
        std::size_t i, j;
    };

    const AlignOptions& opt_;
    std::size_t n_old_, n_new_;
    Vocabulary vocab_;
    std::deque<TextWords> bodies_;
    std::vector<ClauseView> old_, new_;
    std::vector<double> idf_;
    std::vector<std::size_t> old_match_, new_match_;
    std::vector<std::string> new_pass_;
    std::vector<double> new_sim_;
    std::vector<bool> new_moved_;
    std::vector<Seen> seen_;
    std::vector<std::size_t> anchors_;
    std::vector<Group> groups_;
    std::vector<std::size_t> old_group_, new_group_;
    std::size_t comparisons_ = 0;
    bool budget_hit_ = false;
};

}  // namespace

const char* to_string(ChangeKind kind) noexcept {
    switch (kind) {
        case ChangeKind::unchanged: return "unchanged";
        case ChangeKind::modified: return "modified";
        case ChangeKind::added: return "added";
        case ChangeKind::deleted: return "deleted";
        case ChangeKind::moved: return "moved";
        case ChangeKind::renumbered: return "renumbered";
    }
    return "unchanged";
}

Alignment align_clauses(const Document& old_doc, const Document& new_doc, const AlignOptions& options) {
    return Aligner(old_doc, new_doc, options).run();
}

}  // namespace onus
