// patterns/loader.cpp: reading rule packs (YAML, yaml-cpp) into rules and the
// baseline, with every problem located at file:line:column.
//
// The people who write rule files are lawyers, not programmers: every
// message names the file, line and column, the rule, what is wrong and,
// for a misspelt key or id, the nearest right one. Loading stops at the
// first problem (an Error); lint reads each rule on its own so that one
// mistake does not hide the next.
//
// yaml-cpp surprises handled here: marks are 0-based (and -1 on nodes it
// made up); duplicate keys are kept, not refused; every scalar is a string
// (types are ours to check); const operator[] must be used, the non-const
// one inserts; deep nesting throws DeepRecursion with the message "bad file".
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "onus/patterns.hpp"
#include "patterns/pack_internal.hpp"

namespace onus {

namespace patterns_detail {

std::string format_location(const PackLocation& where) {
    if (where.line <= 0) return where.file;
    return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

}  // namespace patterns_detail

namespace {

namespace fs = std::filesystem;
using patterns_detail::format_location;

// One problem, thrown from deep inside the parser up to the rule or file
// being read (lint records it and goes on; load turns it into an Error).
struct Problem {
    PackLocation where;
    std::string rule_id;
    std::string message;
};

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += (i + 1 == words.size()) ? " or " : ", ";
        out += words[i];
    }
    return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean 'x'?)" when one candidate is close enough to be a typo.
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const std::string& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    std::size_t allowed = std::max<std::size_t>(2, std::min(word.size(), best.size()) / 3);
    if (best.empty() || best_distance == 0 || best_distance > allowed) return "";
    return " (did you mean " + in_quotes(best) + "?)";
}

bool contains(const std::vector<std::string>& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

const char* type_name(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map: return "a mapping";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Scalar: return "a single value";
        case YAML::NodeType::Null: return "empty";
        case YAML::NodeType::Undefined: break;
    }
    return "missing";
}

struct ParsedRule {
    Rule rule;
    std::vector<PackLocation> pattern_where;
    std::vector<PackLocation> unless_where;
};

struct BaselineCell {
    std::string model;
    std::string domain;
    std::string holder;
    PackLocation where;
};

struct ParsedFile {
    std::vector<ParsedRule> rules;
    std::vector<BaselineCell> baseline;
};

struct Entry {
    YAML::Node key;
    YAML::Node value;
};

// yaml-cpp counts columns in bytes; people and their editors count
// characters ("größe" is 5 wide, not 7).
class LineIndex {
public:
    LineIndex(std::string file, std::string_view content) : file_(std::move(file)), content_(content) {
        // yaml-cpp skips a byte order mark without counting it.
        starts_.push_back(content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
        for (std::size_t i = 0; i < content.size(); ++i)
            if (content[i] == '\n') starts_.push_back(i + 1);
    }

    const std::string& file() const { return file_; }

    PackLocation locate(const YAML::Mark& mark) const {
        if (mark.line < 0) return {file_, 0, 0};
        int column = mark.column + 1;
        auto line = static_cast<std::size_t>(mark.line);
        if (line < starts_.size() && mark.column >= 0) {
            std::size_t start = starts_[line];
            std::size_t stop = std::min(content_.size(), start + static_cast<std::size_t>(mark.column));
            column = static_cast<int>(count_code_points(content_.substr(start, stop - start))) + 1;
        }
        return {file_, mark.line + 1, column};
    }

private:
    std::string file_;
    std::string_view content_;
    std::vector<std::size_t> starts_;
};

// Reads one file's YAML tree. `context` strings ("in rule data.x") go into
// messages; `fail` throws a Problem at a node.
class FileParser {
public:
    FileParser(const LineIndex& lines, std::vector<PackIssue>* issues)
        : file_(lines.file()), lines_(lines), issues_(issues) {}

    ParsedFile parse(const YAML::Node& root) {
        ParsedFile out;
        if (root.IsNull() || !root.IsDefined())
            throw Problem{{file_, 1, 1}, "", "empty rule file: expected 'kind:' and 'rules:'"};
        if (!root.IsMap())
            fail(root, "", "a rule file must be a mapping with 'kind:' and 'rules:', not " + std::string(type_name(root)));
        check_keys(root, {"kind", "description", "rules", "models"}, "at the top of the file", "");
        std::optional<Entry> kind_entry = find(root, "kind");
        if (!kind_entry) fail(root, "", "missing key 'kind' (one of domain, modality, party, carveout, baseline)");
        kind_ = parse_kind(*kind_entry);
        if (std::optional<Entry> d = find(root, "description")) text(*d, "'description' of the file", "");
        if (kind_ == RuleKind::baseline) {
            if (std::optional<Entry> r = find(root, "rules"))
                fail(r->key, "", "a baseline file has no 'rules' (it has 'models')");
            std::optional<Entry> models = find(root, "models");
            if (!models) fail(root, "", "missing key 'models' in a baseline file");
            out.baseline = parse_models(*models);
            return out;
        }
        if (std::optional<Entry> m = find(root, "models"))
            fail(m->key, "", "'models' belongs in a file of kind baseline, not " + std::string(to_string(kind_)));
        std::optional<Entry> rules = find(root, "rules");
        if (!rules) fail(root, "", "missing key 'rules'");
        if (!rules->value.IsSequence())
            fail(value_node(*rules), "", "'rules' must be a list of rules, not " + std::string(type_name(rules->value)));
        if (rules->value.size() == 0) fail(value_node(*rules), "", "'rules' is empty");
        std::size_t number = 0;
        for (const YAML::Node& node : rules->value) {
            ++number;
            try {
                out.rules.push_back(parse_rule(node, number));
            } catch (const Problem& p) {
                if (!issues_) throw;
                issues_->push_back({p.where, p.rule_id, p.message});
            }
        }
        return out;
    }

private:
    std::string file_;
    const LineIndex& lines_;
    std::vector<PackIssue>* issues_;  // lint: record rule problems and go on
    RuleKind kind_ = RuleKind::domain;

    PackLocation at(const YAML::Mark& mark) const { return lines_.locate(mark); }
    PackLocation at(const YAML::Node& node) const { return at(node.Mark()); }

    [[noreturn]] void fail(const YAML::Node& node, const std::string& rule_id, const std::string& message) const {
        throw Problem{at(node), rule_id, message};
    }

    // yaml-cpp gives an empty value (`key:` and nothing) no usable mark.
    static const YAML::Node& value_node(const Entry& e) { return e.value.Mark().line >= 0 ? e.value : e.key; }

    static std::optional<Entry> find(const YAML::Node& map, const std::string& name) {
        for (const auto& kv : map)
            if (kv.first.IsScalar() && kv.first.Scalar() == name) return Entry{kv.first, kv.second};
        return std::nullopt;
    }

    // Unknown and repeated keys. `misplaced` explains keys that are valid
    // elsewhere (a `domain:` in a modality rule) better than "unknown".
    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& context,
                    const std::string& rule_id, const std::map<std::string, std::string>& misplaced = {}) const {
        std::set<std::string> seen;
        for (const auto& kv : map) {
            if (!kv.first.IsScalar()) fail(kv.first, rule_id, "a key must be a plain word " + context);
            const std::string& name = kv.first.Scalar();
            if (!seen.insert(name).second) fail(kv.first, rule_id, "duplicate key " + in_quotes(name) + " " + context);
            if (contains(allowed, name)) continue;
            auto m = misplaced.find(name);
            if (m != misplaced.end()) fail(kv.first, rule_id, m->second);
            fail(kv.first, rule_id, "unknown key " + in_quotes(name) + " " + context + suggestion(name, allowed));
        }
    }

    std::string text(const Entry& e, const std::string& what, const std::string& rule_id) const {
        if (!e.value.IsScalar())
            fail(value_node(e), rule_id, what + " must be a text, not " + std::string(type_name(e.value)));
        return e.value.Scalar();
    }

    std::string required_text(const YAML::Node& map, const std::string& key, const std::string& context,
                              const std::string& rule_id) const {
        std::optional<Entry> e = find(map, key);
        if (!e) fail(map, rule_id, "missing key " + in_quotes(key) + " " + context);
        std::string value = text(*e, in_quotes(key) + " " + context, rule_id);
        if (value.empty()) fail(value_node(*e), rule_id, in_quotes(key) + " " + context + " is empty");
        return value;
    }

    // A value from a fixed list of ids, with a suggestion when misspelt.
    std::string id_from(const YAML::Node& map, const std::string& key, const std::vector<std::string>& ids,
                        const std::string& rule_id) const {
        std::string value = required_text(map, key, "in rule " + rule_id, rule_id);
        if (!contains(ids, value))
            fail(find(map, key)->value, rule_id,
                 "unknown " + key + " " + in_quotes(value) + " in rule " + rule_id + " (expected " + join(ids) + ")" +
                     suggestion(value, ids));
        return value;
    }

    RuleKind parse_kind(const Entry& e) const {
        static const std::vector<std::string> kinds{"domain", "modality", "party", "carveout", "baseline", "model"};
        std::string value = text(e, "'kind'", "");
        for (std::size_t i = 0; i < kinds.size(); ++i)
            if (value == kinds[i]) return static_cast<RuleKind>(i);
        fail(value_node(e), "", "unknown kind " + in_quotes(value) + " (expected " + join(kinds) + ")" + suggestion(value, kinds));
    }

    // A list of texts; a single text is taken as a list of one.
    std::vector<std::pair<std::string, PackLocation>> texts(const Entry& e, const std::string& what,
                                                             const std::string& rule_id) const {
        std::vector<std::pair<std::string, PackLocation>> out;
        if (e.value.IsScalar()) {
            out.emplace_back(e.value.Scalar(), at(e.value));
        } else if (e.value.IsSequence()) {
            for (const YAML::Node& item : e.value) {
                if (!item.IsScalar())
                    fail(item, rule_id, "each entry of " + what + " must be a text, not " + std::string(type_name(item)));
                out.emplace_back(item.Scalar(), at(item));
            }
        } else {
            fail(value_node(e), rule_id, what + " must be a list of texts, not " + std::string(type_name(e.value)));
        }
        if (out.empty()) fail(value_node(e), rule_id, what + " is empty");
        for (const auto& [value, where] : out)
            if (value.empty()) throw Problem{where, rule_id, "empty text in " + what};
        return out;
    }

    void check_pattern_sizes(const std::vector<std::pair<std::string, PackLocation>>& patterns,
                             const std::string& rule_id) const {
        for (const auto& [pattern, where] : patterns) {
            std::size_t chars = count_code_points(pattern);
            if (chars > patterns_detail::kMaxPatternChars)
                throw Problem{where, rule_id,
                              "pattern of " + std::to_string(chars) + " characters in rule " + rule_id +
                                  " is over the limit of " + std::to_string(patterns_detail::kMaxPatternChars)};
        }
    }

    int parse_priority(const Entry& e, const std::string& rule_id) const {
        const std::string what = "'priority' in rule " + rule_id + " must be a whole number from -1000 to 1000";
        if (!e.value.IsScalar()) fail(value_node(e), rule_id, what + ", not " + type_name(e.value));
        const std::string& value = e.value.Scalar();
        int number = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (ec != std::errc() || end != value.data() + value.size() || number < -1000 || number > 1000)
            fail(value_node(e), rule_id, what + ", not " + in_quotes(value));
        return number;
    }

    std::vector<std::string> rule_keys() const {
        std::vector<std::string> keys{"id", "description", "patterns", "unless", "priority", "examples"};
        if (kind_ == RuleKind::domain) keys.push_back("domain");
        if (kind_ == RuleKind::modality) keys.push_back("modality");
        if (kind_ == RuleKind::party) keys.push_back("party");
        if (kind_ == RuleKind::model) keys.push_back("model");
        if (kind_ == RuleKind::modality) keys.push_back("holder");
        if (kind_ == RuleKind::domain) keys.push_back("yields_to");
        return keys;
    }

    std::map<std::string, std::string> misplaced_keys() const {
        std::map<std::string, std::string> out;
        for (const char* key : {"domain", "modality", "party", "model"}) {
            std::string k = key;
            if (k != to_string(kind_))
                out[k] = in_quotes(k) + " belongs in a rule of kind " + k + "; this file's kind is " + to_string(kind_);
        }
        return out;
    }

    static bool valid_id(const std::string& id) {
        if (id.empty() || id.size() > 100) return false;
        auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'; };
        return std::all_of(id.begin(), id.end(), ok) && std::isalnum(static_cast<unsigned char>(id.front()));
    }

    ParsedRule parse_rule(const YAML::Node& node, std::size_t number) const {
        std::string nth = "rule #" + std::to_string(number);
        if (!node.IsMap()) fail(node, "", nth + " must be a mapping with 'id:', 'description:', 'patterns:' and 'examples:', not " + std::string(type_name(node)));
        ParsedRule out;
        Rule& rule = out.rule;
        rule.kind = kind_;
        std::optional<Entry> id = find(node, "id");
        if (!id) fail(node, "", "missing key 'id' in " + nth);
        rule.id = text(*id, "'id' of " + nth, "");
        rule.where = at(id->key);
        if (!valid_id(rule.id))
            fail(value_node(*id), rule.id,
                 "rule id " + in_quotes(rule.id) + " must be lower-case letters, digits, '.', '_' or '-' (at most 100)");
        const std::string context = "in rule " + rule.id;
        check_keys(node, rule_keys(), context, rule.id, misplaced_keys());
        if (kind_ == RuleKind::domain) rule.domain = id_from(node, "domain", domain_ids(), rule.id);
        if (kind_ == RuleKind::modality) rule.modality = id_from(node, "modality", modality_ids(), rule.id);
        if (kind_ == RuleKind::party) rule.party = id_from(node, "party", {"provider", "customer", "shared"}, rule.id);
        if (kind_ == RuleKind::model) rule.model = id_from(node, "model", model_ids(), rule.id);
        if (kind_ == RuleKind::modality && find(node, "holder"))
            rule.holder = id_from(node, "holder", {"speaker", "other", "nobody"}, rule.id);
        if (std::optional<Entry> y = find(node, "yields_to"); y && kind_ == RuleKind::domain) {
            for (auto& [domain, where] : texts(*y, "'yields_to' " + context, rule.id)) {
                if (!contains(domain_ids(), domain))
                    throw Problem{where, rule.id,
                                  "unknown domain " + in_quotes(domain) + " in 'yields_to' " + context + " (expected " +
                                      join(domain_ids()) + ")" + suggestion(domain, domain_ids())};
                if (domain == rule.domain)
                    throw Problem{where, rule.id, "rule " + rule.id + " cannot yield to its own domain " + in_quotes(domain)};
                rule.yields_to.push_back(domain);
            }
        }
        rule.description = required_text(node, "description", context, rule.id);
        if (std::optional<Entry> p = find(node, "priority")) rule.priority = parse_priority(*p, rule.id);

        std::optional<Entry> patterns = find(node, "patterns");
        if (!patterns) fail(node, rule.id, "missing key 'patterns' " + context);
        auto pattern_list = texts(*patterns, "'patterns' " + context, rule.id);
        check_pattern_sizes(pattern_list, rule.id);
        for (auto& [p, where] : pattern_list) {
            rule.patterns.push_back(std::move(p));
            out.pattern_where.push_back(where);
        }
        if (std::optional<Entry> u = find(node, "unless")) {
            auto unless_list = texts(*u, "'unless' " + context, rule.id);
            check_pattern_sizes(unless_list, rule.id);
            for (auto& [p, where] : unless_list) {
                rule.unless.push_back(std::move(p));
                out.unless_where.push_back(where);
            }
        }
        parse_examples(node, rule);
        return out;
    }

    void parse_examples(const YAML::Node& node, Rule& rule) const {
        const std::string context = "in rule " + rule.id;
        std::optional<Entry> examples = find(node, "examples");
        if (!examples) fail(node, rule.id, "missing key 'examples' " + context + " (give 'match' and 'no_match' sentences)");
        if (!examples->value.IsMap())
            fail(value_node(*examples), rule.id,
                 "'examples' " + context + " must be a mapping with 'match' and 'no_match', not " +
                     std::string(type_name(examples->value)));
        check_keys(examples->value, {"match", "no_match"}, "in examples of rule " + rule.id, rule.id);
        for (const char* key : {"match", "no_match"}) {
            std::optional<Entry> list = find(examples->value, key);
            if (!list)
                fail(examples->key, rule.id,
                     "missing key " + in_quotes(key) + " in examples of rule " + rule.id + " (at least one sentence)");
            for (auto& [sentence, where] : texts(*list, in_quotes(key) + " examples of rule " + rule.id, rule.id))
                rule.examples.push_back({std::move(sentence), std::string(key) == "match", where});
        }
    }

    std::vector<BaselineCell> parse_models(const Entry& models) const {
        if (!models.value.IsMap())
            fail(value_node(models), "", "'models' must be a mapping of saas, paas, iaas, not " + std::string(type_name(models.value)));
        check_keys(models.value, model_ids(), "in models", "");
        std::vector<BaselineCell> out;
        for (const auto& m : models.value) {
            const std::string model = m.first.Scalar();
            const std::string context = "in models." + model;
            if (!m.second.IsMap())
                fail(m.second.Mark().line >= 0 ? m.second : m.first, "",
                     "models." + model + " must be a mapping of domain ids to holders, not " + std::string(type_name(m.second)));
            check_keys(m.second, domain_ids(), context, "");
            for (const auto& d : m.second) {
                const std::string domain = d.first.Scalar();
                std::string holder;
                if (!d.second.IsNull()) {
                    std::vector<std::string> holders{"provider", "customer", "none"};
                    if (!d.second.IsScalar() || !contains(holders, d.second.Scalar()))
                        fail(d.second, "",
                             "holder of " + model + "." + domain + " must be provider, customer or null, not " +
                                 (d.second.IsScalar() ? in_quotes(d.second.Scalar()) + suggestion(d.second.Scalar(), holders)
                                                      : std::string(type_name(d.second))));
                    holder = d.second.Scalar() == "none" ? "" : d.second.Scalar();
                }
                out.push_back({model, domain, holder, at(d.first)});
            }
        }
        return out;
    }
};

// ---------------------------------------------------------------- files

std::string display(const fs::path& path) { return path.generic_string(); }

bool hidden(const fs::path& relative) {
    for (const fs::path& part : relative)
        if (!part.empty() && part.native().front() == '.' && part != "." && part != "..") return true;
    return false;
}

// The rule files of one folder, sorted so that load order (and the first
// error reported) does not depend on the file system. A single file given
// instead of a folder is taken as is.
std::vector<fs::path> rule_files(const std::string& folder) {
    std::error_code ec;
    fs::path root(folder);
    fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) throw Error(ErrorCode::io, folder, "rule pack folder not found");
    if (fs::is_regular_file(status)) return {root};
    if (!fs::is_directory(status)) throw Error(ErrorCode::io, folder, "not a folder or a rule file");
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(root, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        fs::path relative = it->path().lexically_relative(root);
        if (hidden(relative)) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        std::string ext = it->path().extension().string();
        if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) throw Error(ErrorCode::io, folder, "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
    if (files.empty()) throw Error(ErrorCode::pattern, folder, "no .yaml or .yml rule files in the folder");
    return files;
}

std::string read_rule_file(const fs::path& path) {
    const std::string name = display(path);
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec) throw Error(ErrorCode::io, name, "cannot read: " + ec.message());
    if (size > patterns_detail::kMaxFileBytes)
        throw Problem{{name, 0, 0}, "",
                      "rule file of " + std::to_string(size) + " bytes is over the limit of " +
                          std::to_string(patterns_detail::kMaxFileBytes) + " (4 MiB)"};
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, name, "cannot open");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string content = bytes.str();
    if (!is_valid_utf8(content)) {
        int line = 1;
        std::size_t start = 0;
        while (start < content.size()) {
            std::size_t nl = content.find('\n', start);
            std::size_t stop = nl == std::string::npos ? content.size() : nl;
            if (!is_valid_utf8(std::string_view(content).substr(start, stop - start))) break;
            start = stop + 1;
            ++line;
        }
        throw Problem{{name, line, 1}, "", "not valid UTF-8 (save the file as UTF-8)"};
    }
    return content;
}

ParsedFile parse_file(const fs::path& path, std::vector<PackIssue>* issues) {
    const std::string content = read_rule_file(path);
    const LineIndex lines(display(path), content);
    YAML::Node root;
    try {
        root = YAML::Load(content);
    } catch (const YAML::DeepRecursion& e) {
        throw Problem{lines.locate(e.mark), "", "YAML nested too deeply"};
    } catch (const YAML::Exception& e) {
        throw Problem{lines.locate(e.mark), "", "YAML syntax error: " + e.msg};
    }
    try {
        return FileParser(lines, issues).parse(root);
    } catch (const YAML::Exception& e) {  // not expected: we never convert, but never let one escape
        throw Problem{lines.locate(e.mark), "", "YAML error: " + e.msg};
    }
}

// ---------------------------------------------------------------- packs

// An Error's message without its "where: " prefix (the issue locates it).
std::string message_of(const Error& e) {
    std::string what = e.what();
    const std::string prefix = e.where() + ": ";
    if (!e.where().empty() && what.compare(0, prefix.size(), prefix) == 0) return what.substr(prefix.size());
    return what;
}

struct Loaded {
    std::vector<ParsedRule> rules;
    Baseline baseline;
};

// Read every folder. With `issues`, problems are recorded and reading goes
// on; without, the first one throws.
class PackReader {
public:
    explicit PackReader(std::vector<PackIssue>* issues) : issues_(issues) {}

    Loaded read(const std::vector<std::string>& folders) {
        Loaded out;
        for (std::size_t f = 0; f < folders.size(); ++f) {
            std::vector<fs::path> files;
            try {
                files = rule_files(folders[f]);
            } catch (const Error& e) {
                if (!issues_) throw;
                issues_->push_back({{folders[f], 0, 0}, "", message_of(e)});
                continue;
            }
            for (const fs::path& file : files) read_file(file, f, out);
        }
        for (auto& [model, cells] : out.baseline)
            for (const std::string& domain : domain_ids()) cells.try_emplace(domain);  // "": no default holder
        return out;
    }

private:
    std::vector<PackIssue>* issues_;
    std::map<std::string, PackLocation> ids_;
    struct CellSource {
        std::size_t folder;
        PackLocation where;
    };
    std::map<std::pair<std::string, std::string>, CellSource> cells_;

    void report(const Problem& p) {
        if (!issues_) throw Error(ErrorCode::pattern, format_location(p.where), p.message);
        issues_->push_back({p.where, p.rule_id, p.message});
    }

    void read_file(const fs::path& file, std::size_t folder, Loaded& out) {
        ParsedFile parsed;
        try {
            parsed = parse_file(file, issues_);
        } catch (const Problem& p) {
            report(p);
            return;
        } catch (const Error& e) {
            if (!issues_) throw;
            issues_->push_back({{display(file), 0, 0}, "", message_of(e)});
            return;
        }
        for (ParsedRule& r : parsed.rules) add_rule(std::move(r), out);
        for (const BaselineCell& cell : parsed.baseline) add_cell(cell, folder, out);
    }

    void add_rule(ParsedRule&& r, Loaded& out) {
        auto [it, fresh] = ids_.emplace(r.rule.id, r.rule.where);
        if (!fresh)
            return report({r.rule.where, r.rule.id,
                           "duplicate rule id " + in_quotes(r.rule.id) + " (first defined at " + format_location(it->second) + ")"});
        if (out.rules.size() >= patterns_detail::kMaxRules)
            return report({r.rule.where, r.rule.id,
                           "more than " + std::to_string(patterns_detail::kMaxRules) + " rules in the pack"});
        out.rules.push_back(std::move(r));
    }

    // A later folder may refine the baseline (a user pack over the shipped
    // one); within one folder a cell set twice is a mistake.
    void add_cell(const BaselineCell& cell, std::size_t folder, Loaded& out) {
        auto key = std::make_pair(cell.model, cell.domain);
        auto it = cells_.find(key);
        if (it != cells_.end() && it->second.folder == folder)
            return report({cell.where, "",
                           "baseline " + cell.model + "." + cell.domain + " is already set at " +
                               format_location(it->second.where)});
        cells_[key] = {folder, cell.where};
        out.baseline[cell.model][cell.domain] = cell.holder;
    }
};

// Compile, and turn pattern problems into located issues.
RulePack compile(Loaded&& loaded, std::vector<PackIssue>* issues) {
    std::vector<Rule> rules;
    rules.reserve(loaded.rules.size());
    for (const ParsedRule& r : loaded.rules) rules.push_back(r.rule);
    std::vector<patterns_detail::PatternProblem> problems;
    RulePack pack = patterns_detail::build_pack(std::move(rules), std::move(loaded.baseline), problems);
    for (const patterns_detail::PatternProblem& p : problems) {
        const ParsedRule& r = loaded.rules[p.rule];
        PackLocation where = p.in_unless ? r.unless_where[p.index] : r.pattern_where[p.index];
        std::string message = p.message + " in rule " + r.rule.id;
        if (!issues) throw Error(ErrorCode::pattern, format_location(where), message);
        issues->push_back({where, r.rule.id, message});
    }
    return pack;
}

// Lint only: characters a pattern holds that the normalised text never
// does (curly quotes, dashes, "ß", ligatures, no-break spaces), so the
// pattern silently never matches. Case is no problem (matching ignores it):
// a character is flagged when normalising it gives something else than
// case folding it, which is what the regex does.
std::string fix_for(std::string_view character) {
    NormalizedText n = normalize(character);
    UChar32 c = 0;
    int32_t at = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(character.data()), at, static_cast<int32_t>(character.size()), c);
    if (n.text.empty()) return u_isUWhiteSpace(c) ? "a space" : "nothing";
    char folded[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(folded, length, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    if (n.text == std::string_view(folded, static_cast<std::size_t>(length))) return "";
    return n.text;
}

void lint_pattern_characters(const std::vector<ParsedRule>& rules, std::vector<PackIssue>& issues) {
    for (const ParsedRule& r : rules) {
        auto check = [&](const std::vector<std::string>& patterns, const std::vector<PackLocation>& where) {
            for (std::size_t i = 0; i < patterns.size(); ++i) {
                std::set<std::string> reported;
                const std::string& p = patterns[i];
                for (int32_t at = 0, size = static_cast<int32_t>(p.size()); at < size;) {
                    int32_t start = at;
                    UChar32 c = 0;
                    U8_NEXT(reinterpret_cast<const uint8_t*>(p.data()), at, size, c);
                    if (c < 0x80) continue;
                    std::string character = p.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start));
                    std::string fix = fix_for(character);
                    if (fix.empty() || !reported.insert(character).second) continue;
                    issues.push_back({where[i], r.rule.id,
                                      "pattern in rule " + r.rule.id + " contains " + character +
                                          ", which never occurs in the normalised text (write " + fix + ")"});
                }
            }
        };
        check(r.rule.patterns, r.pattern_where);
        check(r.rule.unless, r.unless_where);
    }
}

}  // namespace

RulePack load_rule_pack(const std::vector<std::string>& folders) {
    return compile(PackReader(nullptr).read(folders), nullptr);
}

std::vector<PackIssue> lint_rule_packs(const std::vector<std::string>& folders) {
    std::vector<PackIssue> issues;
    Loaded loaded = PackReader(&issues).read(folders);
    lint_pattern_characters(loaded.rules, issues);
    RulePack pack = compile(std::move(loaded), &issues);
    for (PackIssue& issue : test_rule_pack(pack)) issues.push_back(std::move(issue));
    std::stable_sort(issues.begin(), issues.end(), [](const PackIssue& a, const PackIssue& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
    });
    return issues;
}

}  // namespace onus
