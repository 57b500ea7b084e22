// Where a clause names a party. Two sources: the names the reader learned
// from this agreement (its preamble and definitions: "GitHub", "we"), and the
// pack's role words ("Provider", "Subscriber", "each party"), which hold in
// any agreement.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "analysis/stages.hpp"
#include "analysis/text_util.hpp"

namespace onus::analysis {
namespace {

// The possessive and object forms of the pronouns a party is called by:
// an agreement that defines "we" also says "us" and "our".
std::vector<std::string> pronoun_forms(const std::string& alias) {
    if (alias == "we" || alias == "us" || alias == "our") return {"we", "us", "our", "ours"};
    if (alias == "you" || alias == "your") return {"you", "your", "yours"};
    return {alias};
}

// "Customer Data", "Provider Personnel", "GitHub Enterprise Cloud": a party's
// name followed by a capitalised word is the first word of another defined
// term, not the party. (A word in capitals, "CUSTOMER SHALL", is not.)
bool starts_compound_term(std::string_view original, std::size_t end) {
    if (end + 1 >= original.size() || original[end] != ' ') return false;
    std::size_t i = end + 1, j = i;
    while (j < original.size() && std::isalpha(static_cast<unsigned char>(original[j]))) ++j;
    if (j == i || !std::isupper(static_cast<unsigned char>(original[i]))) return false;
    bool all_caps = std::all_of(original.begin() + static_cast<std::ptrdiff_t>(i), original.begin() + static_cast<std::ptrdiff_t>(j),
                                [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
    return !(all_caps && j - i > 1);
}

void add_unique(std::vector<PartyMention>& out, PartyMention m) {
    for (const PartyMention& o : out)
        if (m.start < o.end && o.start < m.end) return;
    out.push_back(std::move(m));
}

}  // namespace

PartyLexicon::PartyLexicon(const Document& doc, const RulePack& pack) : pack_(pack) {
    for (const Party& p : doc.parties)
        for (const Party::Alias& a : p.aliases) {
            std::string n = normalize(a.text).text;
            if (n.empty()) continue;
            for (std::string form : pronoun_forms(n)) {
                bool known = std::any_of(names_.begin(), names_.end(), [&](const Name& x) { return x.normalized == form; });
                if (!known) names_.push_back({form, p.role});
            }
        }
    // Longest first, so that "github, inc." wins over "github".
    std::stable_sort(names_.begin(), names_.end(),
                     [](const Name& a, const Name& b) { return a.normalized.size() > b.normalized.size(); });
}

std::vector<PartyMention> PartyLexicon::find(const std::string& original, const PreparedText& prepared) const {
    const NormalizedText& text = prepared.text();
    std::vector<PartyMention> found;
    // Learned names first: they are this agreement's own words.
    for (const Name& name : names_) {
        std::size_t at = 0;
        while ((at = text.text.find(name.normalized, at)) != std::string::npos) {
            std::size_t end = at + name.normalized.size();
            if (word_boundary(text.text, at, end)) {
                Span s = text.to_original({at, end});
                if (!starts_compound_term(original, s.end)) add_unique(found, {s.start, s.end, name.party, ""});
            }
            at = end;
        }
    }
    for (const RuleMatch& m : pack_.match(prepared, RuleKind::party))
        if (!starts_compound_term(original, m.end)) add_unique(found, {m.start, m.end, m.rule->party, m.rule->id});
    std::sort(found.begin(), found.end(), [](const PartyMention& a, const PartyMention& b) { return a.start < b.start; });

    // "Customer and GitHub shall ...": two parties joined are both bound.
    std::vector<PartyMention> out;
    for (PartyMention& m : found) {
        if (!out.empty()) {
            PartyMention& prev = out.back();
            std::size_t a = to_normalized(text, prev.end), b = to_normalized(text, m.start);
            std::string_view between = std::string_view(text.text).substr(a, b > a ? b - a : 0);
            bool joined = between == " and " || between == " or " || between == " and/or " || between == "/";
            if (joined && prev.party != m.party) {
                prev.end = m.end;
                prev.party = "shared";
                continue;
            }
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace onus::analysis
