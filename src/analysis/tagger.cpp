// Stage 1: tag a clause with the domains it bears on, and for each the party
// bound and how strongly.
//
// A clause binds through its binding words (the modality rules: "shall",
// "will use commercially reasonable efforts", "is not responsible for") and
// their grammatical subject: the party named last before the binding words
// in the same sentence ("Upon Customer's request, Provider will delete ..."
// -> Provider). Passive wording names it after ("shall be encrypted by
// Provider"), as does "is the responsibility of Provider". A clause that
// names no subject ("(b) will not submit Sensitive Data") takes the party of
// the clause that introduces it. Wording whose rule says `holder: other`
// hands the domain to the other party ("GitHub provides the Service AS IS"
// leaves the risk with the customer).
//
// Each domain takes the binding of its own sentence when that sentence has
// one, else the clause's first binding: annotators and reviewers read a
// clause as one duty with its details.
#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/regex.hpp>

#include "analysis/stages.hpp"
#include "analysis/text_util.hpp"

namespace onus::analysis {
namespace {

struct Binding {
    std::size_t start = 0;  // original offsets
    std::size_t end = 0;
    const Rule* rule = nullptr;
    std::optional<PartyMention> subject;
};

std::string other_party(const std::string& party) {
    if (party == "provider") return "customer";
    if (party == "customer") return "provider";
    return party;  // shared stays shared
}

Evidence evidence_of(const Clause& c, std::size_t start, std::size_t end, std::string rule) {
    return {c.id, start, end, c.text.substr(start, end - start), std::move(rule)};
}

// The sentence (index into `sentences`) holding original offset `at`.
// The sentences tile the clause in order: a binary search on their ends.
std::size_t sentence_of(const std::vector<Span>& sentences, std::size_t at) {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), at,
                               [](std::size_t offset, const Span& s) { return offset < s.end; });
    if (it == sentences.end()) return sentences.empty() ? 0 : sentences.size() - 1;
    return static_cast<std::size_t>(it - sentences.begin());
}

class ClauseTagger {
public:
    // `text`: normalize(clause.text), prepared by the context's pack.
    ClauseTagger(const ClauseContext& context, const Clause& clause, const PreparedText& text,
                 std::vector<RuleFailure>& failures)
        : ctx_(context), clause_(clause), prepared_(text), text_(text.text()), failures_(failures) {
        sentences_ = sentences(clause.text);
        if (sentences_.empty()) sentences_.push_back({0, clause.text.size()});
        mentions_ = ctx_.parties.find(clause.text, prepared_);
        for (const RuleMatch& m : ctx_.pack.match(prepared_, RuleKind::modality, &failures_)) {
            if (m.rule->modality == "statement") {
                if (m.start == 0) {  // "“Uptime” means ...": anchored statement rules
                    definition_ = true;
                    definition_end_ = m.end;
                }
                // A statement that outranks binding words ("will be deemed",
                // "will govern") speaks for its sentence: nobody is bound.
                if (m.rule->priority > 0) bindings_.push_back({m.start, m.end, m.rule, std::nullopt});
                continue;
            }
            Binding b{m.start, m.end, m.rule, std::nullopt};
            b.subject = subject_of(b);
            bindings_.push_back(std::move(b));
        }
        carveouts_ = ctx_.pack.match(prepared_, RuleKind::carveout, &failures_);
    }

    // The clause's own first binding with a named subject, for its children.
    Subject primary(const Subject& inherited) const {
        // A definition binds nobody, whatever it goes on to say ("Service
        // Credit: a dollar credit ... that we may credit back").
        if (definition_) return inherited;
        for (const Binding& b : bindings_)
            if (b.subject && b.rule->modality != "statement") return subject_from(b, inherited);
        for (const Binding& b : bindings_)
            if (b.rule->modality != "statement" && !inherited.party.empty()) return subject_from(b, inherited);
        // "Customer:" introducing a list of what it will and will not do
        // (an item finishing its lead-in's sentence, "notify Provider
        // promptly", names its object there, not its subject).
        if (bindings_.empty() && !mentions_.empty() && opens_sentence(mentions_.front()) &&
            !continues_sentence(clause_.text)) {
            Subject s;
            s.party = s.holder = mentions_.front().party;
            s.party_evidence = evidence_of(clause_, mentions_.front().start, mentions_.front().end, mentions_.front().rule);
            return s;
        }
        return inherited;
    }

    std::vector<Tag> tag(const Subject& inherited) {
        std::vector<Tag> tags;
        if (clause_.text.empty()) return tags;
        std::vector<RuleMatch> matches = ctx_.pack.match(prepared_, RuleKind::domain, &failures_);
        // A definition bears on what it defines: the term and the first
        // twenty words that say what it is ("“Report” means audit reports ...");
        // "“GDPR” means Regulation (EU) 2016/679 of ... on the processing of
        // personal data" is not about data.
        if (definition_ && defines_the_document()) return tags;
        if (definition_) {
            std::size_t limit = definition_end_;
            for (int words = 0; words < 20 && limit < clause_.text.size(); ++words) {
                std::size_t next = clause_.text.find(' ', limit + 1);
                limit = next == std::string::npos ? clause_.text.size() : next;
            }
            matches.erase(std::remove_if(matches.begin(), matches.end(),
                                         [&](const RuleMatch& m) { return m.start >= limit; }),
                          matches.end());
        }
        drop_yielding(matches);
        drop_only_named(matches);
        for (const RuleMatch& m : matches) {
            bool seen = std::any_of(tags.begin(), tags.end(), [&](const Tag& t) { return t.domain == m.rule->domain; });
            if (seen) continue;
            Tag t;
            t.domain = m.rule->domain;
            t.rule = m.rule->id;
            t.evidence = evidence_of(clause_, m.start, m.end, m.rule->id);
            attribute(t, m.start, inherited);
            if (t.modality != "disclaimer" && t.party != "none" && both_parties_bind(*m.rule, matches)) t.party = "shared";
            tags.push_back(std::move(t));
        }
        return tags;
    }

private:
    // "“SLA” means these SLA Standard Terms as incorporated into the Order
    // Form": a name for the agreement or one of its parts. It bears on no
    // domain, whatever the name says.
    bool defines_the_document() const {
        std::string_view body = normalized(definition_end_, clause_.text.size());
        while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
        return body.rfind("these ", 0) == 0 || body.rfind("this ", 0) == 0;
    }

    // Domain words governed by wording that speaks about the agreement's
    // own words (holder: nobody, "terms used but not defined ...") are only
    // named there.
    void drop_only_named(std::vector<RuleMatch>& matches) const {
        matches.erase(std::remove_if(matches.begin(), matches.end(),
                                     [&](const RuleMatch& m) {
                                         const Binding* b = binding_for(m.start);
                                         return b && b->rule->holder == "nobody";
                                     }),
                      matches.end());
    }

    // A match whose rule yields to a domain that the clause also bears on is
    // only a mention there (see Rule::yields_to). The whole clause counts: a
    // breach clause names the breach once and its details in later sentences.
    void drop_yielding(std::vector<RuleMatch>& matches) const {
        auto yields = [&](const RuleMatch& m) {
            return std::any_of(matches.begin(), matches.end(), [&](const RuleMatch& other) {
                return std::find(m.rule->yields_to.begin(), m.rule->yields_to.end(), other.rule->domain) !=
                       m.rule->yields_to.end();
            });
        };
        std::vector<RuleMatch> kept;
        kept.reserve(matches.size());
        for (const RuleMatch& m : matches)
            if (!yields(m)) kept.push_back(m);
        matches = std::move(kept);
    }

    // Who the binding words bind: see the file comment.
    std::optional<PartyMention> subject_of(const Binding& b) const {
        const Span s = sentences_[sentence_of(sentences_, b.start)];
        std::vector<const PartyMention*> before;
        const PartyMention* after = nullptr;
        for (const PartyMention& m : mentions_) {
            if (m.start < s.start || m.end > s.end) continue;
            if (m.end <= b.start) before.push_back(&m);
            else if (m.start >= b.end && !after) after = &m;
        }
        if (after && names_agent_after(b, *after)) return *after;
        // "at Customer's own risk", "the sole responsibility of Customer":
        // the party named inside the binding words carries it.
        // So does the owner of a duty that "does not apply" ("the
        // obligations of Provider ..."), but not the party a right is given
        // to ("grants to GitHub the right": GitHub holds it, not grants it).
        for (const PartyMention& m : mentions_)
            if (m.start >= b.start && m.end <= b.end && (b.rule->holder != "other" || owner_named(m))) return m;
        // The nearest party before the binding words, unless it sits far
        // from them as the object of a preposition ("in accordance with the
        // instructions of Customer in connection with the Services may not
        // be transferred"): then an earlier one, or none.
        // A possessive far from the binding words names a thing, not the
        // one bound ("Provider may suspend Customer's access ..., but will
        // give notice": Provider gives it).
        for (auto it = before.rbegin(); it != before.rend(); ++it) {
            std::string_view gap = normalized((*it)->end, b.start);
            bool near = std::count(gap.begin(), gap.end(), ' ') <= 6;
            if (object_of_preposition(**it)) continue;  // "made available to Customer, will not contain"
            if (in_opening_clause(**it, s.start, b.start)) continue;
            if (near || !possessive(**it)) return **it;
        }
        return std::nullopt;
    }

    // "If Provider gives Customer access to a Beta Product, the Beta Product
    // is provided AS IS": a party named in a sentence's opening "if/when
    // ..." clause, closed by a comma before the binding words, is not the
    // subject of the main clause.
    bool in_opening_clause(const PartyMention& m, std::size_t sentence_start, std::size_t binding_start) const {
        static const std::vector<std::string_view> openers{"if ", "when ", "where ", "whenever ", "unless ", "once ",
                                                           "after ", "before ", "while ", "in the event ",
                                                           "to the extent ", "although ", "because "};
        std::string_view lead = normalized(sentence_start, m.start);
        while (!lead.empty() && (lead.front() == ' ' || lead.front() == '(' || lead.front() == '"')) lead.remove_prefix(1);
        bool opens = std::any_of(openers.begin(), openers.end(), [&](std::string_view w) { return lead.rfind(w, 0) == 0; });
        return opens && normalized(m.end, binding_start).find(',') != std::string_view::npos;
    }

    // "obligations of Provider", "Provider's obligations".
    bool owner_named(const PartyMention& m) const {
        std::string_view lead = normalized(0, m.start);
        if (lead.size() >= 4 && lead.substr(lead.size() - 4) == "the ") lead.remove_suffix(4);
        return possessive(m) || (lead.size() >= 3 && lead.substr(lead.size() - 3) == "of ");
    }

    bool possessive(const PartyMention& m) const {
        std::string_view after = std::string_view(text_.text).substr(to_normalized(text_, m.end));
        return after.rfind("'s", 0) == 0 || after.rfind("' ", 0) == 0;
    }

    bool object_of_preposition(const PartyMention& m) const {
        static const std::vector<std::string_view> prepositions{"of", "to", "for", "with", "by", "from", "on", "in",
                                                                "behalf", "than", "upon", "between"};
        std::string_view lead = normalized(0, m.start);
        while (!lead.empty() && (lead.back() == ' ' || lead.back() == '\'')) lead.remove_suffix(1);
        if (lead.size() >= 4 && lead.substr(lead.size() - 4) == " the") lead.remove_suffix(4);
        std::size_t space = lead.find_last_of(' ');
        std::string_view word = space == std::string_view::npos ? lead : lead.substr(space + 1);
        return std::find(prepositions.begin(), prepositions.end(), word) != prepositions.end();
    }

    // "shall be encrypted by Provider", "is the sole responsibility of
    // Customer", "It is Customer's ...": the party after the binding words is
    // the one bound.
    bool names_agent_after(const Binding& b, const PartyMention& m) const {
        std::string_view between = normalized(b.end, m.start);
        if (between.size() > 80) return false;
        std::string_view words = normalized(b.start, m.start);
        static const boost::regex passive(R"(^ (?:be|been|is|are) (?:\w+ ){0,3}?\w+(?:ed|en|wn) (?:\w+ ){0,4}?by (?:the )?$)");
        static const boost::regex of_party(R"((?:responsibility|obligation|risk|liability) of (?:the )?$)");
        // "may be modified or removed at Provider's discretion": the one
        // whose discretion it is acts.
        static const boost::regex at_discretion(R"(^ (?:be|been|is|are) (?:\w+ ){0,3}?\w+(?:ed|en|wn) (?:\w+ ){0,4}?at (?:the )?$)");
        auto discretion_follows = [&] {
            std::string_view rest = std::string_view(text_.text).substr(to_normalized(text_, m.end));
            return rest.rfind("'s discretion", 0) == 0 || rest.rfind("'s sole discretion", 0) == 0;
        };
        return boost::regex_search(between.begin(), between.end(), passive) ||
               boost::regex_search(words.begin(), words.end(), of_party) ||
               (boost::regex_search(between.begin(), between.end(), at_discretion) && discretion_follows());
    }

    std::string_view normalized(std::size_t start, std::size_t end) const {
        std::size_t a = to_normalized(text_, start), z = to_normalized(text_, end);
        return std::string_view(text_.text).substr(a, z > a ? z - a : 0);
    }

    Subject subject_from(const Binding& b, const Subject& inherited) const {
        Subject s;
        s.modality = b.rule->modality;
        s.modality_evidence = evidence_of(clause_, b.start, b.end, b.rule->id);
        if (b.subject) {
            s.party = b.subject->party;
            s.party_evidence = evidence_of(clause_, b.subject->start, b.subject->end, b.subject->rule);
        } else if (b.rule->modality != "disclaimer" || continues_sentence(clause_.text)) {
            // A clause of its own does not take its section's party for a
            // disclaimer nobody is named in ("Beta Previews may not be
            // supported" under "Each Party ..."): that stays ownerless.
            s.party = inherited.party;
            s.party_evidence = inherited.party_evidence;
        }
        s.holder = s.party;
        if (b.rule->holder == "other") s.holder = other_party(s.party);
        // A disclaimer nobody is named in ("The Service is provided AS IS",
        // "Excluded from the Uptime Calculation are ...") is the provider's,
        // who drafts them: the risk stays with the customer.
        if (s.party.empty() && b.rule->modality == "disclaimer") s.holder = "customer";
        return s;
    }

    // The holder and modality of the domain matched at `at`.
    void attribute(Tag& t, std::size_t at, const Subject& inherited) {
        if (definition_) {
            t.party = "none";
            t.modality = "statement";
            return;
        }
        const Binding* b = binding_for(at);
        if (!b) {
            statement_subject(t, at, inherited);
            return;
        }
        if (b->rule->modality == "statement") {
            t.party = "none";
            t.modality = "statement";
            t.modality_evidence = evidence_of(clause_, b->start, b->end, b->rule->id);
            return;
        }
        Subject s = subject_from(*b, inherited);
        t.modality = s.modality;
        t.modality_evidence = s.modality_evidence;
        t.party_evidence = s.party_evidence;
        std::string_view words = normalized(b->start, b->end);
        t.negated = words.find(" not") != std::string_view::npos || words.rfind("no ", 0) == 0 ||
                    words.find(" no ") != std::string_view::npos;
        // "Neither party shall / may ...": a duty or an option of nobody is a
        // prohibition on both.
        if (b->subject && normalized(b->subject->start, b->subject->end).rfind("neither", 0) == 0 &&
            (t.modality == "obligation" || t.modality == "permission")) {
            t.modality = "prohibition";
            t.negated = true;
        }
        t.party = s.holder.empty() ? "none" : s.holder;
        // Nobody named, nobody inherited: what may or may not be done with
        // the customer's data is done by the provider, who holds it
        // ("Customer Content may be used to train models"); any other
        // unnamed restriction is on the customer's use of the service
        // ("Service Credits may not be exchanged for cash").
        if (t.party == "none") {
            if (t.domain == "data" && (t.modality == "permission" || t.modality == "prohibition")) t.party = "provider";
            else if (t.modality == "prohibition") t.party = "customer";
        }
        add_carveouts(t, b->start);
    }

    // Each party takes its own duty over the domain in this clause
    // ("Provider may copy Customer Content only as needed ... Customer is
    // responsible for the accuracy of Customer Content"): shared.
    bool both_parties_bind(const Rule& domain_rule, const std::vector<RuleMatch>& matches) const {
        // Each party's strongest hold on the domain in this clause: a duty
        // (obligation, prohibition, efforts, a disclaimer's burden) or only a
        // right (permission). Shared when both hold it and one of them has a
        // duty: "Customer may export Customer Data (or Provider will
        // otherwise make it available)".
        int provider = 0, customer = 0;  // 0 none, 1 right, 2 duty
        for (const Binding* b : bindings_on(domain_rule.domain, matches)) {
            if (!b->subject) continue;
            const std::string& modality = b->rule->modality;
            int hold = modality == "permission" ? 1 : modality == "statement" ? 0 : 2;
            // The permission rules that outrank a plain "may" (modality.yaml:
            // entitlements, grants) word the other side of a duty
            // ("Customer will be entitled to a service credit"): not a hold.
            if (modality == "permission" && b->rule->priority > 10) hold = 0;
            if (hold == 0) continue;
            std::string holder = b->subject->party;
            if (b->rule->holder == "other") holder = other_party(holder);
            if (holder == "provider" || holder == "shared") provider = std::max(provider, hold);
            if (holder == "customer" || holder == "shared") customer = std::max(customer, hold);
        }
        return provider > 0 && customer > 0 && std::max(provider, customer) == 2;
    }

    // The bindings that bear on `domain` in this clause: the one that
    // governs each of its matches (in "Provider will delete Customer Data
    // and each party will delete the other's Confidential Information" the
    // data is Provider's alone) and, when the clause bears on this domain
    // only, those of its sentences that name no domain at all: the details
    // of the one duty ("If GitHub receives a data subject request, GitHub
    // will redirect it to Customer. Customer will be responsible for
    // responding to any such request.").
    std::vector<const Binding*> bindings_on(const std::string& domain, const std::vector<RuleMatch>& matches) const {
        std::vector<const Binding*> out;
        std::vector<bool> named(sentences_.size(), false);
        bool only_domain = true;
        for (const RuleMatch& m : matches) {
            named[sentence_of(sentences_, m.start)] = true;
            if (m.rule->domain != domain) {
                only_domain = false;
                continue;
            }
            const Binding* governing = binding_for(m.start);
            if (governing && sentence_of(sentences_, governing->start) == sentence_of(sentences_, m.start))
                out.push_back(governing);
        }
        if (only_domain)
            for (const Binding& b : bindings_)
                if (!named[sentence_of(sentences_, b.start)]) out.push_back(&b);
        return out;
    }

    // The binding of the domain's own sentence (the last one before the
    // domain words, else the first after), else the clause's first binding.
    // A disclaimer governs the rest of its sentence: in "Provider makes no
    // guarantees that the Product will always be secure", "will" binds no one.
    const Binding* binding_for(std::size_t at) const {
        const std::size_t sentence = sentence_of(sentences_, at);
        const Binding* before = nullptr;
        const Binding* after = nullptr;
        for (const Binding& b : bindings_) {
            if (sentence_of(sentences_, b.start) != sentence) continue;
            if (b.start <= at) {
                if (!before || before->rule->modality != "disclaimer") before = &b;
            } else if (!after) {
                after = &b;
            }
        }
        if (before) return before;
        if (after) return after;
        for (const Binding& b : bindings_)
            if (b.subject && b.rule->modality != "statement") return &b;
        for (const Binding& b : bindings_)
            if (b.rule->modality != "statement") return &b;
        return nullptr;
    }

    // No binding words: "GitHub maintains an inventory ...", "Customer
    // acknowledges ...": a party that opens a sentence is the one the
    // clause speaks of; otherwise the clause binds nobody.
    bool opens_sentence(const PartyMention& m) const {
        const Span s = sentences_[sentence_of(sentences_, m.start)];
        std::string_view lead = normalized(s.start, m.start);
        return std::count(lead.begin(), lead.end(), ' ') <= 2;
    }

    // "GitHub maintains ...", not "Provider as Subprocessor" or "(Controller
    // to Processor)": the word after the party is not a preposition, a
    // conjunction or a closing bracket.
    bool verb_follows(const PartyMention& m) const {
        static const std::vector<std::string_view> not_verbs{"to", "as", "of", "for", "and", "or", "in", "on",
                                                             "with", "by", "from", "at", "under"};
        std::string_view after = std::string_view(text_.text).substr(to_normalized(text_, m.end));
        if (after.empty() || after.front() != ' ') return false;
        after.remove_prefix(1);
        std::size_t end = after.find_first_of(" ,.;:)");
        std::string_view word = after.substr(0, end);
        if (word.empty()) return false;
        return std::find(not_verbs.begin(), not_verbs.end(), word) == not_verbs.end();
    }

    void statement_subject(Tag& t, std::size_t at, const Subject& inherited) const {
        t.modality = "statement";
        // "(f) assist Customer in ensuring compliance ...": an item that
        // finishes its lead-in's sentence is bound as the lead-in binds.
        if (continues_sentence(clause_.text) && !inherited.modality.empty() && !inherited.holder.empty()) {
            t.party = inherited.holder;
            t.modality = inherited.modality;
            t.party_evidence = inherited.party_evidence;
            t.modality_evidence = inherited.modality_evidence;
            return;
        }
        // The binding words of the domain's sentence say that nobody is bound
        // ("Calculating Response Time. Provider and Customer agree to
        // calculate ..."): nobody is.
        // A run-in heading speaks through the sentence after it.
        std::size_t sentence = sentence_of(sentences_, at);
        if (!clause_.heading.empty() && at < clause_.heading.size() && clause_.text.rfind(clause_.heading, 0) == 0)
            ++sentence;
        if (std::any_of(bindings_.begin(), bindings_.end(),
                        [&](const Binding& b) { return sentence_of(sentences_, b.start) == sentence; })) {
            t.party = "none";
            return;
        }
        for (const PartyMention& m : mentions_) {
            if (opens_sentence(m) && !possessive(m) && verb_follows(m)) {
                t.party = m.party;
                t.party_evidence = evidence_of(clause_, m.start, m.end, m.rule);
                return;
            }
        }
        t.party = inherited.holder.empty() || inherited.modality.empty() ? "none" : inherited.holder;
        if (t.party != "none") {
            t.modality = inherited.modality;
            t.party_evidence = inherited.party_evidence;
            t.modality_evidence = inherited.modality_evidence;
        }
    }

    // Carve-outs in the binding's sentence: from the carve-out word to the
    // end of its phrase (a comma, semicolon or the sentence's end).
    void add_carveouts(Tag& t, std::size_t binding_at) const {
        const Span s = sentences_[sentence_of(sentences_, binding_at)];
        for (const RuleMatch& m : carveouts_) {
            if (m.start < s.start || m.start >= s.end) continue;
            std::size_t end = clause_.text.find_first_of(",;:", m.end);
            end = std::min(end == std::string::npos ? s.end : end, s.end);
            Carveout c;
            c.evidence = evidence_of(clause_, m.start, end, m.rule->id);
            c.evidence.text = trimmed(clause_.text, m.start, end);
            while (!c.evidence.text.empty() && c.evidence.text.back() == '.') c.evidence.text.pop_back();
            c.evidence.end = m.start + c.evidence.text.size();
            c.refers_to = resolve_reference(c.evidence.text);
            t.carveouts.push_back(std::move(c));
        }
    }

    // "except as set out in Section 12.3" -> the clause numbered 12.3.
    std::string resolve_reference(const std::string& phrase) const {
        static const boost::regex ref(R"((?:section|clause|article|paragraph|§)\s*([0-9]+(?:\.[0-9]+)*(?:\([a-z0-9]+\))*))",
                                      boost::regex::icase);
        boost::smatch m;
        if (!boost::regex_search(phrase, m, ref)) return "";
        std::string number = m[1].str();
        for (const Clause& c : ctx_.doc.clauses) {
            std::string id = c.id;
            while (!id.empty() && id.back() == '.') id.pop_back();
            if (id == number) return c.id;
        }
        return "";
    }

    const ClauseContext& ctx_;
    const Clause& clause_;
    const PreparedText& prepared_;
    const NormalizedText& text_;  // prepared_.text()
    std::vector<RuleFailure>& failures_;
    std::vector<Span> sentences_;
    std::vector<PartyMention> mentions_;
    std::vector<Binding> bindings_;
    std::vector<RuleMatch> carveouts_;
    bool definition_ = false;
    std::size_t definition_end_ = 0;  // end of "“Term” means" in the original text
};

}  // namespace

namespace {

ClauseAnalysis tag(const ClauseContext& context, const Clause& clause, const PreparedText& text,
                   const Subject& inherited, Subject& primary, std::vector<RuleFailure>& failures) {
    ClauseTagger tagger(context, clause, text, failures);
    primary = tagger.primary(inherited);
    ClauseAnalysis out;
    out.clause_id = clause.id;
    out.tags = tagger.tag(inherited);
    return out;
}

}  // namespace

ClauseAnalysis tag_clause(const ClauseContext& context, std::size_t clause_index, const PreparedText& text,
                          const Subject& inherited, Subject& primary, std::vector<RuleFailure>& failures) {
    return tag(context, context.doc.clauses[clause_index], text, inherited, primary, failures);
}

ClauseAnalysis tag_text(const ClauseContext& context, const Clause& clause, const Subject& inherited, Subject& primary,
                        std::vector<RuleFailure>& failures) {
    const NormalizedText normalized = normalize(clause.text);
    return tag(context, clause, context.pack.prepare(normalized), inherited, primary, failures);
}

}  // namespace onus::analysis
