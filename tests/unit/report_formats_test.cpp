// SARIF 2.1.0 and CSV writers (onus/report_formats.hpp): the SARIF logs of a
// scan and of a diff checked against the SARIF 2.1.0 schema (the official
// definitions of the objects the writers emit, below) and for their own
// promises (rule ids, levels, clause locations, fingerprints that survive
// reruns and unrelated edits); the CSV read back by a strict RFC 4180 reader,
// with hostile cells.
#include "onus/report_formats.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "csv_reader.hpp"
#include "support.hpp"

namespace {

using nlohmann::json;

const onus::RulePack& pack() {
    static const onus::RulePack p =
        onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

struct Scanned {
    onus::Document doc;
    onus::Analysis analysis;
};

const Scanned& northwind_md() {
    static const Scanned s = [] {
        Scanned r{onus::load((onus::test::source_dir() / "samples" / "northwind-csa.md").string()), {}};
        r.analysis = onus::analyze(r.doc, pack());
        return r;
    }();
    return s;
}

struct Diffed {
    onus::Document before, after;
    onus::VersionDiff diff;
};

const Diffed& northwind_diff() {
    static const Diffed d = [] {
        Diffed r{onus::load((onus::test::source_dir() / "samples" / "northwind-csa.docx").string()),
                 onus::load((onus::test::source_dir() / "samples" / "northwind-csa-v2.docx").string()),
                 {}};
        r.diff = onus::compare_versions(r.before, onus::analyze(r.before, pack()), r.after,
                                        onus::analyze(r.after, pack()), pack());
        return r;
    }();
    return d;
}

json analysis_sarif(const onus::Document& doc, const onus::Analysis& a) {
    std::ostringstream out;
    onus::write_analysis_sarif(doc, a, out);
    return json::parse(out.str());
}

json comparison_sarif(const Diffed& d) {
    std::ostringstream out;
    onus::write_comparison_sarif(d.before, d.after, d.diff, out);
    return json::parse(out.str());
}

// ---------------------------------------------------------------------------
// SARIF 2.1.0 schema, the definitions of every object the writers emit,
// transcribed from the OASIS schema (sarif-schema-2.1.0.json, errata01,
// oasis-tcs/sarif-spec Schemata/) with descriptions dropped and the
// properties the writers never emit left out, which only makes it stricter:
// every object keeps "additionalProperties": false. No network here, so the
// full file is not fetched at test time.
const char* const kSarifSchemaSubset = R"JSON({
  "type": "object", "additionalProperties": false,
  "properties": {
    "$schema": {"type": "string", "format": "uri"},
    "version": {"enum": ["2.1.0"], "type": "string"},
    "runs": {"type": ["array", "null"], "minItems": 0, "uniqueItems": false, "items": {"$ref": "#/definitions/run"}},
    "properties": {"$ref": "#/definitions/propertyBag"}
  },
  "required": ["version", "runs"],
  "definitions": {
    "artifactLocation": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "uri": {"type": "string", "format": "uri-reference"},
        "uriBaseId": {"type": "string"},
        "index": {"type": "integer", "default": -1, "minimum": -1},
        "description": {"$ref": "#/definitions/message"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "location": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "id": {"type": "integer", "minimum": -1, "default": -1},
        "physicalLocation": {"$ref": "#/definitions/physicalLocation"},
        "logicalLocations": {"type": "array", "minItems": 0, "uniqueItems": true, "default": [],
                             "items": {"$ref": "#/definitions/logicalLocation"}},
        "message": {"$ref": "#/definitions/message"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "logicalLocation": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "name": {"type": "string"},
        "index": {"type": "integer", "default": -1, "minimum": -1},
        "fullyQualifiedName": {"type": "string"},
        "decoratedName": {"type": "string"},
        "parentIndex": {"type": "integer", "default": -1, "minimum": -1},
        "kind": {"type": "string"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "message": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "text": {"type": "string"},
        "markdown": {"type": "string"},
        "id": {"type": "string"},
        "arguments": {"type": "array", "minItems": 0, "uniqueItems": false, "default": [], "items": {"type": "string"}},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "anyOf": [{"required": ["text"]}, {"required": ["id"]}]
    },
    "multiformatMessageString": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "text": {"type": "string"},
        "markdown": {"type": "string"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "required": ["text"]
    },
    "physicalLocation": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "artifactLocation": {"$ref": "#/definitions/artifactLocation"},
        "region": {"$ref": "#/definitions/region"},
        "contextRegion": {"$ref": "#/definitions/region"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}]
    },
    "propertyBag": {
      "type": "object", "additionalProperties": true,
      "properties": {"tags": {"type": "array", "minItems": 0, "uniqueItems": true, "default": [], "items": {"type": "string"}}}
    },
    "region": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "endLine": {"type": "integer", "minimum": 1},
        "endColumn": {"type": "integer", "minimum": 1},
        "charOffset": {"type": "integer", "default": -1, "minimum": -1},
        "charLength": {"type": "integer", "minimum": 0},
        "byteOffset": {"type": "integer", "default": -1, "minimum": -1},
        "byteLength": {"type": "integer", "minimum": 0},
        "message": {"$ref": "#/definitions/message"},
        "sourceLanguage": {"type": "string"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "anyOf": [{"required": ["startLine"]}, {"required": ["charOffset"]}, {"required": ["byteOffset"]}]
    },
    "reportingDescriptor": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "id": {"type": "string"},
        "deprecatedIds": {"type": "array", "minItems": 0, "uniqueItems": true, "items": {"type": "string"}},
        "guid": {"type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"},
        "name": {"type": "string"},
        "shortDescription": {"$ref": "#/definitions/multiformatMessageString"},
        "fullDescription": {"$ref": "#/definitions/multiformatMessageString"},
        "messageStrings": {"type": "object", "additionalProperties": {"$ref": "#/definitions/multiformatMessageString"}},
        "defaultConfiguration": {"$ref": "#/definitions/reportingConfiguration"},
        "helpUri": {"type": "string", "format": "uri"},
        "help": {"$ref": "#/definitions/multiformatMessageString"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "required": ["id"]
    },
    "reportingConfiguration": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "enabled": {"type": "boolean", "default": true},
        "level": {"default": "warning", "enum": ["none", "note", "warning", "error"], "type": "string"},
        "rank": {"type": "number", "default": -1.0, "minimum": -1.0, "maximum": 100.0},
        "parameters": {"$ref": "#/definitions/propertyBag"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "result": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "ruleId": {"type": "string"},
        "ruleIndex": {"type": "integer", "default": -1, "minimum": -1},
        "kind": {"default": "fail", "enum": ["notApplicable", "pass", "fail", "review", "open", "informational"], "type": "string"},
        "level": {"default": "warning", "enum": ["none", "note", "warning", "error"], "type": "string"},
        "message": {"$ref": "#/definitions/message"},
        "analysisTarget": {"$ref": "#/definitions/artifactLocation"},
        "locations": {"type": "array", "minItems": 0, "uniqueItems": false, "default": [], "items": {"$ref": "#/definitions/location"}},
        "occurrenceCount": {"type": "integer", "minimum": 1},
        "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
        "fingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
        "relatedLocations": {"type": "array", "minItems": 0, "uniqueItems": true, "default": [], "items": {"$ref": "#/definitions/location"}},
        "baselineState": {"enum": ["new", "unchanged", "updated", "absent"], "type": "string"},
        "rank": {"type": "number", "default": -1.0, "minimum": -1.0, "maximum": 100.0},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "required": ["message"]
    },
    "run": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "tool": {"$ref": "#/definitions/tool"},
        "language": {"type": "string", "default": "en-US", "pattern": "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"},
        "logicalLocations": {"type": "array", "minItems": 0, "uniqueItems": true, "default": [], "items": {"$ref": "#/definitions/logicalLocation"}},
        "results": {"type": "array", "minItems": 0, "uniqueItems": false, "items": {"$ref": "#/definitions/result"}},
        "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"], "type": "string"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "required": ["tool"]
    },
    "tool": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "driver": {"$ref": "#/definitions/toolComponent"},
        "extensions": {"type": "array", "minItems": 0, "uniqueItems": true, "default": [], "items": {"$ref": "#/definitions/toolComponent"}},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "required": ["driver"]
    },
    "toolComponent": {
      "additionalProperties": false, "type": "object",
      "properties": {
        "guid": {"type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"},
        "name": {"type": "string"},
        "organization": {"type": "string"},
        "product": {"type": "string"},
        "shortDescription": {"$ref": "#/definitions/multiformatMessageString"},
        "fullDescription": {"$ref": "#/definitions/multiformatMessageString"},
        "fullName": {"type": "string"},
        "version": {"type": "string"},
        "semanticVersion": {"type": "string"},
        "informationUri": {"type": "string", "format": "uri"},
        "rules": {"type": "array", "minItems": 0, "uniqueItems": true, "default": [], "items": {"$ref": "#/definitions/reportingDescriptor"}},
        "language": {"type": "string", "default": "en-US", "pattern": "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "required": ["name"]
    }
  }
})JSON";

// A JSON Schema draft-04 validator for the keywords the schema above uses
// ($ref to #/definitions, type, enum, required, properties,
// additionalProperties, items, minItems, uniqueItems, minimum, maximum,
// pattern, anyOf, oneOf; "format" and "default" are annotations here).
class SchemaValidator {
public:
    explicit SchemaValidator(json root) : root_(std::move(root)) {}

    std::vector<std::string> validate(const json& instance) const {
        std::vector<std::string> errors;
        check(root_, instance, "$", errors);
        return errors;
    }

private:
    const json& resolve(const json& schema) const {
        if (!schema.contains("$ref")) return schema;
        std::string ref = schema["$ref"];
        const std::string prefix = "#/definitions/";
        REQUIRE(ref.rfind(prefix, 0) == 0);
        return root_["definitions"].at(ref.substr(prefix.size()));
    }

    static bool has_type(const json& v, const std::string& type) {
        if (type == "object") return v.is_object();
        if (type == "array") return v.is_array();
        if (type == "string") return v.is_string();
        if (type == "integer") return v.is_number_integer();
        if (type == "number") return v.is_number();
        if (type == "boolean") return v.is_boolean();
        if (type == "null") return v.is_null();
        return false;
    }

    void check(const json& schema_in, const json& v, const std::string& path,
               std::vector<std::string>& errors) const {
        const json& schema = resolve(schema_in);
        if (schema.contains("type")) {
            const json& t = schema["type"];
            bool ok = t.is_string()
                          ? has_type(v, t)
                          : std::any_of(t.begin(), t.end(), [&](const json& x) { return has_type(v, x); });
            if (!ok) {
                errors.push_back(path + ": wrong type");
                return;
            }
        }
        if (schema.contains("enum") &&
            std::find(schema["enum"].begin(), schema["enum"].end(), v) == schema["enum"].end())
            errors.push_back(path + ": not in enum: " + v.dump());
        if (v.is_number() && schema.contains("minimum") && v.get<double>() < schema["minimum"].get<double>())
            errors.push_back(path + ": below minimum");
        if (v.is_number() && schema.contains("maximum") && v.get<double>() > schema["maximum"].get<double>())
            errors.push_back(path + ": above maximum");
        if (v.is_string() && schema.contains("pattern") &&
            !std::regex_search(v.get<std::string>(), std::regex(schema["pattern"].get<std::string>())))
            errors.push_back(path + ": does not match pattern");
        if (schema.contains("anyOf") || schema.contains("oneOf")) {
            const json& options = schema.contains("anyOf") ? schema["anyOf"] : schema["oneOf"];
            std::size_t passing = 0;
            for (const json& option : options) {
                std::vector<std::string> sub;
                check(option, v, path, sub);
                passing += sub.empty();
            }
            if (passing == 0 || (schema.contains("oneOf") && passing != 1))
                errors.push_back(path + ": anyOf/oneOf not satisfied");
        }
        if (v.is_object()) check_object(schema, v, path, errors);
        if (v.is_array()) check_array(schema, v, path, errors);
    }

    void check_object(const json& schema, const json& v, const std::string& path,
                      std::vector<std::string>& errors) const {
        if (schema.contains("required"))
            for (const json& name : schema["required"])
                if (!v.contains(name.get<std::string>()))
                    errors.push_back(path + ": missing " + name.get<std::string>());
        for (const auto& [key, value] : v.items()) {
            std::string where = path + "." + key;
            if (schema.contains("properties") && schema["properties"].contains(key)) {
                check(schema["properties"][key], value, where, errors);
            } else if (schema.contains("additionalProperties")) {
                const json& extra = schema["additionalProperties"];
                if (extra.is_boolean() && !extra.get<bool>())
                    errors.push_back(where + ": property not allowed");
                else if (extra.is_object())
                    check(extra, value, where, errors);
            }
        }
    }

    void check_array(const json& schema, const json& v, const std::string& path,
                     std::vector<std::string>& errors) const {
        if (schema.contains("minItems") && v.size() < schema["minItems"].get<std::size_t>())
            errors.push_back(path + ": too few items");
        if (schema.value("uniqueItems", false))
            for (std::size_t i = 0; i < v.size(); ++i)
                for (std::size_t j = i + 1; j < v.size(); ++j)
                    if (v[i] == v[j]) errors.push_back(path + ": items not unique");
        if (schema.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i)
                check(schema["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
    }

    json root_;
};

const SchemaValidator& sarif_schema() {
    static const SchemaValidator v(json::parse(kSarifSchemaSubset));
    return v;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
}

std::set<std::string> rule_ids(const json& log) {
    std::set<std::string> ids;
    for (const json& r : log["runs"][0]["tool"]["driver"]["rules"]) ids.insert(r["id"].get<std::string>());
    return ids;
}

std::vector<std::string> fingerprints(const json& log) {
    std::vector<std::string> out;
    for (const json& r : log["runs"][0]["results"]) out.push_back(r["partialFingerprints"]["onus/v1"]);
    return out;
}

std::string clause_of(const json& location) {
    for (const json& l : location["logicalLocations"])
        if (l["kind"] == "clause") return l["name"];
    return "";
}

// The checks every SARIF log of onus passes.
void check_log(const json& log, const std::string& rule_prefix) {
    INFO(join(sarif_schema().validate(log)));
    CHECK(sarif_schema().validate(log).empty());
    CHECK(log["version"] == "2.1.0");
    CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
    REQUIRE(log["runs"].size() == 1);
    const json& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "onus");
    std::set<std::string> ids = rule_ids(log);
    const json& rules = run["tool"]["driver"]["rules"];
    for (const json& rule : rules) {
        CHECK(rule["id"].get<std::string>().rfind(rule_prefix, 0) == 0);
        CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
        CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
        CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
        CHECK(rule.contains("defaultConfiguration"));
    }
    std::set<std::string> levels{"error", "warning", "note"};
    for (const json& result : run["results"]) {
        INFO(result.dump());
        CHECK(ids.count(result["ruleId"]) == 1);
        CHECK(rules.at(result["ruleIndex"].get<std::size_t>())["id"] == result["ruleId"]);
        CHECK(levels.count(result["level"]) == 1);
        CHECK_FALSE(result["message"]["text"].get<std::string>().empty());
        REQUIRE(result["locations"].size() == 1);
        for (const char* key : {"locations", "relatedLocations"})
            for (const json& loc : result.value(key, json::array()))
                CHECK_FALSE(loc["logicalLocations"].empty());
    }
    std::vector<std::string> fps = fingerprints(log);
    CHECK(std::set<std::string>(fps.begin(), fps.end()).size() == fps.size());
    for (const std::string& fp : fps) CHECK(std::regex_match(fp, std::regex("[0-9a-f]{16}")));
}

const char* expected_level(const std::string& severity) {
    if (severity == "high") return "error";
    if (severity == "medium") return "warning";
    return "note";
}


// A document and an analysis written by hand, with hostile messages.
struct HandMade {
    onus::Document doc;
    onus::Analysis analysis;
};

HandMade hand_made() {
    HandMade h;
    h.doc.path = "contracts/hostile, \"draft\".md";
    for (const char* id : {"1", "2", "3"}) {
        onus::Clause c;
        c.id = id;
        c.number = id;
        c.text = "Clause " + std::string(id);
        c.source.line = std::stoul(id) * 10;
        h.doc.clauses.push_back(c);
    }
    for (const std::string& domain : onus::domain_ids())
        h.analysis.matrix[domain] = {"unassigned", "provider", "silent", {}};
    h.analysis.matrix["data"] = {"-customer", "=provider", "deviates", {"1", "2"}};
    h.analysis.findings = {
        {"weak", "data", onus::Severity::medium, {"1"}, "=HYPERLINK(\"http://evil.example/\",\"click\")", {}},
        {"weak", "data", onus::Severity::medium, {"2"}, "a, \"quoted\"\nnext line", {}},
        {"gap", "network", onus::Severity::low, {}, "@SUM(1+1)*cmd|' /C calc'!A0", {}},
        {"conflict", "data", onus::Severity::high, {"2", "1"}, "plain message", {}},
        {"novel-kind", "data", onus::Severity::info, {"3"}, "a kind this writer has not heard of", {}},
        {"carve-out", "data", onus::Severity::low, {"3", "3"}, "limited: \"except as set out in 3\"", {}},
        {"carve-out", "data", onus::Severity::low, {"3", "3"}, "limited: \"except as set out in 3\"", {}},
    };
    return h;
}

}  // namespace

TEST_CASE("scan SARIF: schema, rules, levels, clause locations", "[report][sarif]") {
    const Scanned& s = northwind_md();
    REQUIRE(s.analysis.findings.size() >= 4);
    json log = analysis_sarif(s.doc, s.analysis);
    check_log(log, "onus.finding.");

    std::set<std::string> ids = rule_ids(log);
    for (const char* kind : {"deviation", "gap", "conflict", "weak", "carve-out"})
        CHECK(ids.count(std::string("onus.finding.") + kind) == 1);

    std::set<std::string> clause_ids;
    for (const onus::Clause& c : s.doc.clauses) clause_ids.insert(c.id);
    const json& results = log["runs"][0]["results"];
    REQUIRE(results.size() == s.analysis.findings.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        const onus::Finding& f = s.analysis.findings[i];
        const json& r = results[i];
        INFO(r.dump());
        CHECK(r["ruleId"] == "onus.finding." + f.kind);
        CHECK(r["level"] == expected_level(onus::to_string(f.severity)));
        CHECK(r["message"]["text"] == f.message);
        CHECK(r["properties"]["domain"] == f.domain);
        const json& loc = r["locations"][0];
        CHECK(loc["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().find(
                  "samples/northwind-csa.md") != std::string::npos);
        if (f.clauses.empty()) {
            CHECK(loc["logicalLocations"][0]["kind"] == "domain");
            CHECK(loc["logicalLocations"][0]["name"] == f.domain);
            CHECK_FALSE(loc["physicalLocation"].contains("region"));
            continue;
        }
        // Markdown knows its lines: every clause location has one, and it
        // is the clause's own.
        std::set<std::string> located;
        for (const char* key : {"locations", "relatedLocations"})
            for (const json& l : r.value(key, json::array())) {
                std::string id = clause_of(l);
                CHECK(clause_ids.count(id) == 1);
                located.insert(id);
                auto c = std::find_if(s.doc.clauses.begin(), s.doc.clauses.end(),
                                      [&](const onus::Clause& x) { return x.id == id; });
                REQUIRE(c != s.doc.clauses.end());
                REQUIRE(c->source.line > 0);
                CHECK(l["physicalLocation"]["region"]["startLine"] == c->source.line);
            }
        CHECK(located == std::set<std::string>(f.clauses.begin(), f.clauses.end()));
    }
}

TEST_CASE("scan SARIF: fingerprints stable across runs and unrelated edits", "[report][sarif]") {
    const Scanned& s = northwind_md();
    json first = analysis_sarif(s.doc, s.analysis);
    json again = analysis_sarif(s.doc, onus::analyze(s.doc, pack()));
    CHECK(fingerprints(first) == fingerprints(again));

    // The same agreement with lines added above everything and a definition
    // reworded: every line number moves, no finding changes, and so no
    // fingerprint does.
    std::string text = onus::test::read_file(onus::test::source_dir() / "samples" / "northwind-csa.md");
    std::string edited = "<!-- reviewed copy -->\n\n\n" + text;
    const std::string from = "technical and security documentation";
    REQUIRE(edited.find(from) != std::string::npos);
    edited.replace(edited.find(from), from.size(), "technical, operational and security documentation");
    onus::Document doc2 = onus::load_bytes(edited, s.doc.path);
    json moved = analysis_sarif(doc2, onus::analyze(doc2, pack()));
    CHECK(fingerprints(moved) == fingerprints(first));
    const json& r0 = first["runs"][0]["results"];
    const json& r1 = moved["runs"][0]["results"];
    bool some_line_moved = false;
    for (std::size_t i = 0; i < r0.size() && i < r1.size(); ++i) {
        const json& p0 = r0[i]["locations"][0]["physicalLocation"];
        const json& p1 = r1[i]["locations"][0]["physicalLocation"];
        if (p0.contains("region") && p1.contains("region"))
            some_line_moved |= p0["region"]["startLine"] != p1["region"]["startLine"];
    }
    CHECK(some_line_moved);
}

TEST_CASE("scan SARIF: hand-made findings", "[report][sarif]") {
    HandMade h = hand_made();
    json log = analysis_sarif(h.doc, h.analysis);
    check_log(log, "onus.finding.");
    const json& results = log["runs"][0]["results"];
    REQUIRE(results.size() == 7);

    // Same kind, same domain, different clauses: different fingerprints.
    CHECK(results[0]["partialFingerprints"]["onus/v1"] != results[1]["partialFingerprints"]["onus/v1"]);
    // The path as a URI reference, spaces, comma and quotes encoded.
    CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "contracts/hostile%2C%20%22draft%22.md");
    CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 10);
    // A conflict listed as (2, 1) is located on 1, the first in the
    // document, with 2 related.
    CHECK(clause_of(results[3]["locations"][0]) == "1");
    REQUIRE(results[3]["relatedLocations"].size() == 1);
    CHECK(clause_of(results[3]["relatedLocations"][0]) == "2");
    CHECK(results[3]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 20);
    CHECK(results[3]["level"] == "error");
    // An unknown kind gets a rule of its own rather than a dangling ruleId.
    CHECK(results[4]["ruleId"] == "onus.finding.novel-kind");
    CHECK(results[4]["level"] == "note");
    // A carve-out pointing at its own clause is located there once.
    CHECK(clause_of(results[5]["locations"][0]) == "3");
    CHECK_FALSE(results[5].contains("relatedLocations"));
    // Two findings alike in every way still get distinct fingerprints, the
    // same ones on every run.
    CHECK(results[5]["partialFingerprints"] != results[6]["partialFingerprints"]);
    CHECK(fingerprints(analysis_sarif(h.doc, h.analysis)) == fingerprints(log));

    // A document with no path has no physical location at all.
    h.doc.path.clear();
    json nameless = analysis_sarif(h.doc, h.analysis);
    check_log(nameless, "onus.finding.");
    for (const json& r : nameless["runs"][0]["results"])
        CHECK_FALSE(r["locations"][0].contains("physicalLocation"));

    // An absolute path becomes a file URI.
    h.doc.path = "/srv/msa v2.md";
    CHECK(analysis_sarif(h.doc, h.analysis)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                                           ["artifactLocation"]["uri"] == "file:///srv/msa%20v2.md");
}

TEST_CASE("scan SARIF: two documents in one run", "[report][sarif]") {
    const Scanned& s = northwind_md();
    HandMade h = hand_made();
    std::ostringstream out;
    onus::write_analysis_sarif({{&s.doc, &s.analysis}, {&h.doc, &h.analysis}}, out);
    json log = json::parse(out.str());
    check_log(log, "onus.finding.");
    CHECK(log["runs"][0]["results"].size() == s.analysis.findings.size() + h.analysis.findings.size());
    CHECK(log["runs"][0]["properties"]["documents"].size() == 2);
}

TEST_CASE("the schema check can fail", "[report][sarif]") {
    json log = analysis_sarif(hand_made().doc, hand_made().analysis);
    json bad = log;
    bad["runs"][0]["results"][0]["level"] = "critical";
    CHECK_FALSE(sarif_schema().validate(bad).empty());
    bad = log;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] = {{"startLine", 0}};
    CHECK_FALSE(sarif_schema().validate(bad).empty());
    bad = log;
    bad["runs"][0]["results"][0]["message"] = {{"markdown", "no text"}};
    CHECK_FALSE(sarif_schema().validate(bad).empty());
    bad = log;
    bad["runs"][0]["tool"]["driver"]["rulez"] = json::array();
    CHECK_FALSE(sarif_schema().validate(bad).empty());
    bad = log;
    bad.erase("version");
    CHECK_FALSE(sarif_schema().validate(bad).empty());
}

TEST_CASE("diff SARIF: one result per shift, on the changed clauses", "[report][sarif]") {
    const Diffed& d = northwind_diff();
    std::size_t shifts = 0;
    for (const onus::Change& ch : d.diff.changes) shifts += ch.shifts.size();
    REQUIRE(shifts >= 5);
    json log = comparison_sarif(d);
    check_log(log, "onus.shift.");
    std::set<std::string> ids = rule_ids(log);
    for (const char* type :
         {"party", "modality", "quantity", "exception", "disclaimer", "obligation", "scope"})
        CHECK(ids.count(std::string("onus.shift.") + type) == 1);

    const json& results = log["runs"][0]["results"];
    REQUIRE(results.size() == shifts);
    std::size_t i = 0;
    for (const onus::Change& ch : d.diff.changes)
        for (const onus::Shift& s : ch.shifts) {
            const json& r = results[i++];
            INFO(r.dump());
            CHECK(r["ruleId"] == "onus.shift." + s.type);
            CHECK(r["level"] == expected_level(onus::to_string(s.severity)));
            CHECK(r["message"]["text"].get<std::string>().rfind(s.explanation, 0) == 0);
            CHECK(r["properties"]["direction"] == s.direction);
            const json& loc = r["locations"][0];
            const onus::Document& where = ch.new_index ? d.after : d.before;
            std::size_t index = ch.new_index ? *ch.new_index : *ch.old_index;
            CHECK(clause_of(loc) == where.clauses[index].id);
            CHECK(loc["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().find(
                      ch.new_index ? "northwind-csa-v2.docx" : "northwind-csa.docx") != std::string::npos);
            // A DOCX has no lines: no region.
            CHECK_FALSE(loc["physicalLocation"].contains("region"));
            if (ch.new_index && ch.old_index)
                CHECK(clause_of(r["relatedLocations"][0]) == d.before.clauses[*ch.old_index].id);
        }
    CHECK(fingerprints(comparison_sarif(d)) == fingerprints(log));
    CHECK(log["runs"][0]["properties"]["toCustomer"] == d.diff.summary.to_customer);
}

TEST_CASE("csv_field: quoting and formula neutralisation", "[report][csv]") {
    CHECK(onus::csv_field("plain") == "plain");
    CHECK(onus::csv_field("") == "");
    CHECK(onus::csv_field("a,b") == "\"a,b\"");
    CHECK(onus::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(onus::csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(onus::csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(onus::csv_field("=1+2") == "'=1+2");
    CHECK(onus::csv_field("+1") == "'+1");
    CHECK(onus::csv_field("-2+3") == "'-2+3");
    CHECK(onus::csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(onus::csv_field("\tx") == "'\tx");
    CHECK(onus::csv_field("\r=x") == "\"'\r=x\"");
    CHECK(onus::csv_field("  =1") == "'  =1");
    CHECK(onus::csv_field("\xEF\xBC\x9D"
                          "1") ==
          "'\xEF\xBC\x9D"
          "1");  // full-width '='
    CHECK(onus::csv_field("=A1,B1") == "\"'=A1,B1\"");
    CHECK(onus::csv_field("a=b") == "a=b");
    CHECK(onus::csv_field("it's") == "it's");
    CHECK(onus::csv_field("bad \xC3 byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("scan CSV: one table that reads back", "[report][csv]") {
    const Scanned& s = northwind_md();
    std::ostringstream out;
    onus::write_analysis_csv(s.doc, s.analysis, out);
    auto rows = onus::test::read_csv(out.str());
    REQUIRE(rows.size() == 1 + onus::domain_ids().size() + s.analysis.findings.size());
    CHECK(rows[0] == std::vector<std::string>{"document", "record", "domain", "holder", "baseline", "status",
                                              "kind", "severity", "clauses", "message"});
    for (const auto& row : rows) CHECK(row.size() == 10);
    for (std::size_t i = 0; i < onus::domain_ids().size(); ++i) {
        const auto& row = rows[1 + i];
        const onus::MatrixCell& c = s.analysis.matrix.at(onus::domain_ids()[i]);
        CHECK(row[0] == s.doc.path);
        CHECK(row[1] == "matrix");
        CHECK(row[2] == onus::domain_ids()[i]);
        CHECK(row[3] == c.holder);
        CHECK(row[5] == c.status);
        CHECK(row[8].empty() == c.clauses.empty());
    }
    for (std::size_t i = 0; i < s.analysis.findings.size(); ++i) {
        const auto& row = rows[1 + onus::domain_ids().size() + i];
        const onus::Finding& f = s.analysis.findings[i];
        CHECK(row[1] == "finding");
        CHECK(row[6] == f.kind);
        CHECK(row[7] == onus::to_string(f.severity));
        CHECK(row[9] == f.message);  // the sample's messages start with a domain name: nothing to neutralise
    }
}

TEST_CASE("scan CSV: hostile cells come out inert and intact", "[report][csv]") {
    HandMade h = hand_made();
    std::ostringstream out;
    onus::write_analysis_csv(h.doc, h.analysis, out);
    std::string text = out.str();
    CHECK(text.find("'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")") != std::string::npos);
    auto rows = onus::test::read_csv(text);
    REQUIRE(rows.size() == 1 + onus::domain_ids().size() + 7);
    for (const auto& row : rows) CHECK(row.size() == 10);
    auto finding = [&](std::size_t i) { return rows[1 + onus::domain_ids().size() + i]; };
    CHECK(finding(0)[9] == "'=HYPERLINK(\"http://evil.example/\",\"click\")");
    CHECK(finding(1)[9] == "a, \"quoted\"\nnext line");
    CHECK(finding(2)[9] == "'@SUM(1+1)*cmd|' /C calc'!A0");
    CHECK(finding(3)[8] == "2;1");
    CHECK(finding(0)[0] == "contracts/hostile, \"draft\".md");
    // The matrix row of "data", holder and baseline neutralised.
    auto data = std::find_if(rows.begin(), rows.end(),
                             [](const auto& r) { return r[2] == "data" && r[1] == "matrix"; });
    REQUIRE(data != rows.end());
    CHECK((*data)[3] == "'-customer");
    CHECK((*data)[4] == "'=provider");
    // No cell anywhere starts with a formula character.
    for (const auto& row : rows)
        for (const std::string& cell : row)
            CHECK((cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos));

    // Without the header, a second document appends under the first's.
    std::ostringstream more;
    onus::write_analysis_csv(h.doc, h.analysis, more, {false});
    CHECK(onus::test::read_csv(more.str()).size() == rows.size() - 1);
}

TEST_CASE("diff CSV: one row per shift", "[report][csv]") {
    const Diffed& d = northwind_diff();
    std::ostringstream out;
    onus::write_comparison_csv(d.before, d.after, d.diff, out);
    auto rows = onus::test::read_csv(out.str());
    std::vector<std::pair<const onus::Change*, const onus::Shift*>> shifts;
    for (const onus::Change& ch : d.diff.changes)
        for (const onus::Shift& s : ch.shifts) shifts.emplace_back(&ch, &s);
    REQUIRE(rows.size() == 1 + shifts.size());
    CHECK(rows[0] == std::vector<std::string>{"change", "old_clause", "new_clause", "type", "direction",
                                              "domain", "severity", "before", "after", "explanation",
                                              "rule"});
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        const auto& row = rows[1 + i];
        const auto& [ch, s] = shifts[i];
        REQUIRE(row.size() == 11);
        CHECK(row[0] == onus::to_string(ch->kind));
        CHECK(row[1] == (ch->old_index ? d.before.clauses[*ch->old_index].id : ""));
        CHECK(row[2] == (ch->new_index ? d.after.clauses[*ch->new_index].id : ""));
        CHECK(row[3] == s->type);
        CHECK(row[4] == s->direction);
        // Contract words are written as they are unless they would run as a formula.
        CHECK((row[7] == s->before || row[7] == "'" + s->before));
        CHECK((row[8] == s->after || row[8] == "'" + s->after));
        CHECK(row[9] == s->explanation);
    }
}
