// SARIF 2.1.0 logs of a scan (one result per finding) and of a diff (one
// result per shift). The layout, the levels and the fingerprint are
// documented in onus/report_formats.hpp.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onus/report_formats.hpp"
#include "report/json.hpp"

namespace onus {
namespace {

// The schema's own id (OASIS standard, errata 01).
constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kFingerprintKey = "onus/v1";

struct RuleText {
    const char* kind;
    const char* name;  // SARIF's "name": a readable identifier, by convention PascalCase
    const char* short_description;
    const char* full_description;
    const char* help;
    const char* level;  // defaultConfiguration.level; each result states its own
};

const RuleText kFindingRules[] = {
    {"conflict", "ResponsibilityConflict", "Clauses disagree on who holds a security domain.",
     "One clause commits the provider to a control that another clause disclaims onto the customer, so the "
     "agreement does not say who holds the domain.",
     "Read the clauses named in the result together and have one of them amended so that a single party "
     "holds the domain, or the split between the parties is explicit.",
     "error"},
    {"deviation", "BaselineDeviation",
     "A security domain is held by a party other than the delivery model's norm.",
     "The responsibility matrix puts the domain on a different party than the baseline of the delivery model "
     "(SaaS, PaaS, IaaS) does. High severity when the burden moves onto the customer, informational when the "
     "provider takes on more than usual.",
     "Check that the party named can actually carry the duty (it controls the systems concerned), and budget "
     "for it, or negotiate the clause back to the model's norm.",
     "error"},
    {"gap", "ResponsibilityGap", "No clause says who is responsible for a security domain.",
     "Nothing in the agreement assigns the domain to either party: a gray area that tends to be settled "
     "after an incident, at the customer's cost.",
     "Ask for a clause that assigns the domain, or record in the security review who carries it and why.",
     "warning"},
    {"weak", "WeakCommitment", "The provider's commitment is only an effort, an option or a disclaimer.",
     "Wording such as \"commercially reasonable efforts\", \"may\" or \"is not responsible for\" leaves a "
     "domain that the provider normally holds without an enforceable duty.",
     "Ask for \"shall\" with a measurable standard, or plan the compensating control on the customer side.",
     "warning"},
    {"carve-out", "CommitmentCarveOut", "An exception limits one of the provider's commitments.",
     "A carve-out (\"except as\", \"unless\", \"subject to\") in the same sentence narrows a provider "
     "obligation; when it points at another clause, that clause is named too.",
     "Read the exception and the clause it refers to, and check that what it takes out is acceptable.",
     "note"},
};

const RuleText kShiftRules[] = {
    {"party", "HolderShift", "The holder of a security domain changed between versions.",
     "In the new version a different party holds the domain than in the old one.",
     "Check that the party that now holds the domain has agreed to carry it and can do so.", "warning"},
    {"modality", "ModalityShift", "How strongly a clause binds changed between versions.",
     "The binding words changed strength: \"shall\" became \"may\" or \"will use commercially reasonable "
     "efforts\", or the reverse.",
     "A weaker modality removes an enforceable duty; ask for the old wording back or accept the risk "
     "explicitly.",
     "warning"},
    {"quantity", "QuantityShift", "A number, time limit, percentage or amount changed between versions.",
     "A committed value (notification window, uptime, credit, retention...) changed, compared with units, or "
     "a fixed limit became an open one (\"within 72 hours\" to \"without undue delay\").",
     "Check the new value against your own obligations (regulators' deadlines, internal SLAs).", "warning"},
    {"exception", "ExceptionShift", "An exception, exclusion or condition was added or removed.",
     "A carve-out that limits a duty appeared or disappeared between the versions.",
     "Read the exception and decide whether the duty it limits is still worth what it was.", "warning"},
    {"disclaimer", "DisclaimerShift", "A disclaimer was added or removed.",
     "A clause now disclaims (or no longer disclaims) responsibility for something.",
     "A new disclaimer moves the burden to the other party; check who carries it now.", "warning"},
    {"obligation", "ObligationShift", "A whole duty was added or removed.",
     "A clause that imposes a duty on one of the parties was added, or deleted, between the versions.",
     "A deleted provider duty is a protection lost; a new customer duty is work to plan for.", "warning"},
    {"scope", "ScopeShift", "What a duty or right covers widened or narrowed.",
     "The words that say what a duty or right covers changed, so it reaches more or less than before.",
     "Compare the two wordings and check that what falls out of the duty is covered elsewhere.", "note"},
};

Json message(const std::string& text) { return {{"text", text}}; }

Json rule_json(const std::string& id, const RuleText& r) {
    return {{"id", id},
            {"name", r.name},
            {"shortDescription", message(r.short_description)},
            {"fullDescription", message(r.full_description)},
            {"help", message(r.help)},
            {"defaultConfiguration", {{"level", r.level}}}};
}

// The driver's rules: the known ones in a fixed order (ruleIndex stays the
// same from run to run), then one for each kind the writer has not heard of.
class RuleTable {
public:
    RuleTable(std::string prefix, const RuleText* known, std::size_t count) : prefix_(std::move(prefix)) {
        for (std::size_t i = 0; i < count; ++i) {
            index_.emplace(known[i].kind, rules_.size());
            rules_.push_back(rule_json(prefix_ + known[i].kind, known[i]));
        }
    }

    std::size_t index_of(const std::string& kind) {
        auto it = index_.find(kind);
        if (it != index_.end()) return it->second;
        RuleText generic{"", "", "", "", "", "warning"};
        Json rule = rule_json(prefix_ + kind, generic);
        std::string text = "onus reports \"" + kind + "\".";
        rule.erase("name");
        rule["shortDescription"] = message(text);
        rule["fullDescription"] = message(text);
        rule["help"] = message("See the result's message.");
        index_.emplace(kind, rules_.size());
        rules_.push_back(rule);
        return rules_.size() - 1;
    }

    std::string id(std::size_t index) const { return rules_[index]["id"].get<std::string>(); }
    const Json& json() const { return rules_; }

private:
    std::string prefix_;
    Json rules_ = Json::array();
    std::map<std::string, std::size_t> index_;
};

const char* level(Severity s) {
    switch (s) {
        case Severity::high:
            return "error";
        case Severity::medium:
            return "warning";
        case Severity::low:
        case Severity::info:
            break;
    }
    return "note";
}

// A path as a URI reference: every byte but RFC 3986 "unreserved" and '/'
// percent-encoded (so a ':' in a first segment cannot pass for a scheme),
// and an absolute path under file://.
std::string uri_for(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out = path.size() > 0 && path[0] == '/' ? "file://" : "";
    for (unsigned char c : path) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

// The message's letters only: lower-case ASCII letters and the bytes of
// non-ASCII characters, one space between runs. Clause numbers, quantities
// and punctuation drop out, so the identity survives a renumbered
// cross-reference or a changed value.
std::string normalise(std::string_view text) {
    std::string out;
    bool gap = false;
    for (unsigned char c : text) {
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (!letter) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

std::string fnv1a_hex(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 0xF];
    return out;
}

// Hands out fingerprints, making the second result with the same key in a
// run differ from the first (by its occurrence number, in output order).
class Fingerprints {
public:
    std::string operator()(const std::vector<std::string>& parts) {
        std::string key;
        for (const std::string& p : parts) key.append(p).push_back('\x1f');
        std::size_t n = ++seen_[key];
        if (n > 1) key.append("#").append(std::to_string(n));
        return fnv1a_hex(key);
    }

private:
    std::map<std::string, std::size_t> seen_;
};

// Clause ids to indices, for one document.
class ClauseIndex {
public:
    explicit ClauseIndex(const Document& doc) : doc_(doc) {
        for (std::size_t i = 0; i < doc.clauses.size(); ++i) ids_.emplace(doc.clauses[i].id, i);
    }
    const Clause* find(const std::string& id) const {
        auto it = ids_.find(id);
        return it == ids_.end() ? nullptr : &doc_.clauses[it->second];
    }
    std::size_t order(const std::string& id) const {
        auto it = ids_.find(id);
        return it == ids_.end() ? doc_.clauses.size() : it->second;
    }
    const Document& doc() const { return doc_; }

private:
    const Document& doc_;
    std::map<std::string, std::size_t> ids_;
};

// No artifactLocation at all for a document read without a path (stdin):
// an empty "uri" would point at the log file itself.
std::optional<Json> artifact(const Document& doc) {
    if (doc.path.empty()) return std::nullopt;
    return Json{{"uri", uri_for(doc.path)}};
}

Json clause_location(const ClauseIndex& index, const std::string& id) {
    Json loc = Json::object();
    if (std::optional<Json> a = artifact(index.doc())) {
        Json physical{{"artifactLocation", *a}};
        const Clause* c = index.find(id);
        if (c && c->source.line > 0) physical["region"] = {{"startLine", c->source.line}};
        loc["physicalLocation"] = physical;
    }
    loc["logicalLocations"] = Json::array({{{"name", id}, {"kind", "clause"}}});
    return loc;
}

Json domain_location(const Document& doc, const std::string& domain) {
    Json loc = Json::object();
    if (std::optional<Json> a = artifact(doc)) loc["physicalLocation"] = {{"artifactLocation", *a}};
    loc["logicalLocations"] = Json::array({{{"name", domain}, {"kind", "domain"}}});
    return loc;
}

Json related(Json location, int id) {
    Json out{{"id", id}};
    for (auto& [key, value] : location.items()) out[key] = value;
    return out;
}

Json log_json(Json driver_rules, Json results, Json run_properties) {
    Json driver{{"name", "onus"}};
#ifdef ONUS_VERSION
    driver["version"] = ONUS_VERSION;
#endif
    driver["rules"] = std::move(driver_rules);
    Json run{{"tool", {{"driver", driver}}}, {"results", std::move(results)}};
    if (!run_properties.empty()) run["properties"] = std::move(run_properties);
    return {{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
}

Json finding_result(const ClauseIndex& index, const Finding& f, RuleTable& rules,
                    Fingerprints& fingerprints) {
    std::size_t rule = rules.index_of(f.kind);
    // The first clause in document order is the location; the rest relate
    // (each once: a carve-out may refer to its own clause).
    std::vector<std::string> clauses;
    for (const std::string& id : f.clauses)
        if (std::find(clauses.begin(), clauses.end(), id) == clauses.end()) clauses.push_back(id);
    std::stable_sort(clauses.begin(), clauses.end(), [&](const std::string& x, const std::string& y) {
        return index.order(x) < index.order(y);
    });
    Json result{{"ruleId", rules.id(rule)},
                {"ruleIndex", rule},
                {"level", level(f.severity)},
                {"message", message(f.message)}};
    Json locations = Json::array();
    Json related_locations = Json::array();
    if (clauses.empty()) {
        locations.push_back(domain_location(index.doc(), f.domain));
    } else {
        locations.push_back(clause_location(index, clauses.front()));
        for (std::size_t i = 1; i < clauses.size(); ++i)
            related_locations.push_back(related(clause_location(index, clauses[i]), static_cast<int>(i)));
    }
    result["locations"] = locations;
    if (!related_locations.empty()) result["relatedLocations"] = related_locations;
    std::string primary = clauses.empty() ? "" : clauses.front();
    result["partialFingerprints"] = {
        {kFingerprintKey, fingerprints({rules.id(rule), f.domain, primary, normalise(f.message)})}};
    result["properties"] = {
        {"domain", f.domain}, {"severity", to_string(f.severity)}, {"clauses", f.clauses}};
    return result;
}

std::string shift_message(const Shift& s) {
    if (s.direction == "to-customer" || s.direction == "to-provider")
        return s.explanation + " [" + s.direction + "]";
    return s.explanation;
}

Json shift_result(const ClauseIndex& old_index, const ClauseIndex& new_index, const Change& ch,
                  const Shift& s, RuleTable& rules, Fingerprints& fingerprints) {
    std::size_t rule = rules.index_of(s.type);
    std::string old_id = ch.old_index ? old_index.doc().clauses[*ch.old_index].id : "";
    std::string new_id = ch.new_index ? new_index.doc().clauses[*ch.new_index].id : "";
    Json result{{"ruleId", rules.id(rule)},
                {"ruleIndex", rule},
                {"level", level(s.severity)},
                {"message", message(shift_message(s))}};
    Json locations = Json::array();
    if (ch.new_index) {
        locations.push_back(clause_location(new_index, new_id));
        if (ch.old_index)
            result["relatedLocations"] = Json::array({related(clause_location(old_index, old_id), 1)});
    } else if (ch.old_index) {
        locations.push_back(clause_location(old_index, old_id));
    }
    result["locations"] = locations;
    result["partialFingerprints"] = {
        {kFingerprintKey,
         fingerprints({rules.id(rule), s.domain, s.direction, old_id, new_id, normalise(s.explanation)})}};
    result["properties"] = {{"change", to_string(ch.kind)},
                            {"direction", s.direction},
                            {"domain", s.domain},
                            {"severity", to_string(s.severity)},
                            {"before", s.before},
                            {"after", s.after},
                            {"rule", s.rule}};
    return result;
}

}  // namespace

void write_analysis_sarif(const std::vector<ScannedDocument>& docs, std::ostream& out) {
    RuleTable rules("onus.finding.", kFindingRules, std::size(kFindingRules));
    Fingerprints fingerprints;
    Json results = Json::array();
    Json documents = Json::array();
    for (const ScannedDocument& d : docs) {
        if (!d.doc || !d.analysis) continue;
        ClauseIndex index(*d.doc);
        for (const Finding& f : d.analysis->findings)
            results.push_back(finding_result(index, f, rules, fingerprints));
        documents.push_back({{"path", d.doc->path},
                             {"model", d.analysis->model},
                             {"modelGuessed", d.analysis->model_guessed}});
    }
    Json properties = Json::object();
    if (documents.size() == 1) {
        properties["model"] = documents[0]["model"];
        properties["modelGuessed"] = documents[0]["modelGuessed"];
    } else if (!documents.empty()) {
        properties["documents"] = documents;
    }
    write_json(log_json(rules.json(), results, properties), out);
}

void write_analysis_sarif(const Document& doc, const Analysis& a, std::ostream& out) {
    write_analysis_sarif(std::vector<ScannedDocument>{{&doc, &a}}, out);
}

void write_comparison_sarif(const Document& old_doc, const Document& new_doc, const VersionDiff& d,
                            std::ostream& out) {
    RuleTable rules("onus.shift.", kShiftRules, std::size(kShiftRules));
    Fingerprints fingerprints;
    ClauseIndex old_index(old_doc), new_index(new_doc);
    Json results = Json::array();
    for (const Change& ch : d.changes)
        for (const Shift& s : ch.shifts)
            results.push_back(shift_result(old_index, new_index, ch, s, rules, fingerprints));
    const VersionDiffSummary& s = d.summary;
    Json properties{{"old", old_doc.path},         {"new", new_doc.path},
                    {"modified", s.modified},      {"added", s.added},
                    {"deleted", s.deleted},        {"moved", s.moved},
                    {"renumbered", s.renumbered},  {"unchanged", s.unchanged},
                    {"toCustomer", s.to_customer}, {"toProvider", s.to_provider},
                    {"neutral", s.neutral},        {"budgetHit", d.budget_hit}};
    write_json(log_json(rules.json(), results, properties), out);
}

}  // namespace onus
