// find_parties(): who the provider and the customer are, the names each goes
// by (and how each name was learned), and the agreement's defined terms.
// Small documents are built inline from blocks; the corpus tests read the
// sample DOCX through load() and the Markdown agreements in ../shared
// through a stand-in reader (below) until the Markdown reader lands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "onus/ingest.hpp"
#include "onus/report.hpp"
#include "onus/structure.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

onus::Document doc_of(const std::vector<std::string>& paragraphs) {
    onus::Document doc;
    doc.format = "text";
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        onus::Block b;
        b.text = paragraphs[i];
        b.source = {"test", i, i + 1};
        doc.blocks.push_back(std::move(b));
    }
    return doc;
}

onus::Document analysed(const std::vector<std::string>& paragraphs) {
    onus::Document doc = doc_of(paragraphs);
    onus::build_clauses(doc);
    onus::find_parties(doc);
    return doc;
}

const onus::Party& party(const onus::Document& doc, const std::string& role) {
    auto it = std::find_if(doc.parties.begin(), doc.parties.end(), [&](const onus::Party& p) { return p.role == role; });
    REQUIRE(it != doc.parties.end());
    return *it;
}
const onus::Party& provider(const onus::Document& doc) { return party(doc, "provider"); }
const onus::Party& customer(const onus::Document& doc) { return party(doc, "customer"); }

// How `alias` was learned by the party, or "" when it is not one of its aliases.
std::string learned(const onus::Party& p, const std::string& alias) {
    for (const auto& a : p.aliases)
        if (a.text == alias) return a.learned;
    return "";
}
bool has(const onus::Party& p, const std::string& alias) { return !learned(p, alias).empty(); }

std::string aliases_of(const onus::Party& p) {
    std::string out;
    for (const auto& a : p.aliases) out += (out.empty() ? "" : ", ") + a.text + " [" + a.learned + "]";
    return out;
}

const onus::Definition* definition(const onus::Document& doc, const std::string& term) {
    for (const auto& d : doc.definitions)
        if (d.term == term) return &d;
    return nullptr;
}

// --------------------------------------------------------------------------
// STAND-IN for the Markdown reader (another engineer is writing the real
// one): just enough to turn the corpus .md files into blocks. Splits on
// blank lines (and before headings, list items and table rows), drops YAML
// front matter, Liquid tags ({% %}, {{ }}), HTML tags and comments, link
// targets and emphasis markers; '#' gives the heading level, '-'/'*' a
// bullet label, '|' rows become table rows. Replace with onus::load() once
// the Markdown reader exists.
// --------------------------------------------------------------------------
std::string md_inline(std::string s) {
    static const std::regex liquid(R"(\{%.*?%\}|\{\{.*?\}\})");
    static const std::regex html(R"(<!--.*?-->|<[^>]+>)");
    static const std::regex link(R"(\[([^\]]*)\]\([^)]*\))");
    s = std::regex_replace(s, liquid, "");
    s = std::regex_replace(s, html, " ");
    s = std::regex_replace(s, link, "$1");
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '*') continue;
        if (c == '_') {
            bool word_before = i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1]));
            bool word_after = i + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[i + 1]));
            if (!(word_before && word_after)) continue;
        }
        out += c;
    }
    out = std::regex_replace(out, std::regex("&nbsp;"), " ");
    out = std::regex_replace(out, std::regex(R"([ \t]+)"), " ");
    std::size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
    return b == std::string::npos ? "" : out.substr(b, e - b + 1);
}

onus::Document md_stand_in(const fs::path& path) {
    std::istringstream in(onus::test::read_file(path));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    std::size_t i = 0;
    if (!lines.empty() && lines[0] == "---") {
        for (i = 1; i < lines.size() && lines[i] != "---"; ++i) {}
        ++i;
    }
    onus::Document doc;
    doc.path = path.string();
    doc.format = "markdown";
    std::string para;
    std::size_t para_line = 0;
    auto flush = [&] {
        std::string raw = para;
        para.clear();
        std::size_t lead = raw.find_first_not_of(" \t");
        if (lead == std::string::npos) return;
        raw = raw.substr(lead);
        onus::Block b;
        b.source = {path.filename().string(), doc.blocks.size(), para_line};
        if (raw[0] == '|') {
            if (std::regex_match(raw, std::regex(R"(\|[\s|:\-]*)"))) return;  // |---|---|
            std::string cell;
            std::vector<std::string> cells;
            for (std::size_t k = 1; k < raw.size(); ++k) {
                if (raw[k] == '|') {
                    cells.push_back(md_inline(cell));
                    cell.clear();
                } else {
                    cell += raw[k];
                }
            }
            if (!md_inline(cell).empty()) cells.push_back(md_inline(cell));
            b.kind = onus::BlockKind::table_row;
            b.table_depth = 1;
            b.cells = cells;
            for (std::size_t k = 0; k < cells.size(); ++k) b.text += (k ? "\t" : "") + cells[k];
            doc.blocks.push_back(std::move(b));
            return;
        }
        int level = 0;
        while (level < static_cast<int>(raw.size()) && raw[level] == '#') ++level;
        if (level > 0 && level <= 6) {
            b.heading_level = level;
            raw = raw.substr(level);
        }
        if (raw.size() > 2 && (raw[0] == '-' || raw[0] == '*' || raw[0] == '+') && raw[1] == ' ') {
            b.label = "•";
            b.label_is_bullet = true;
            raw = raw.substr(2);
        }
        b.text = md_inline(raw);
        if (b.text.empty()) return;
        doc.blocks.push_back(std::move(b));
    };
    static const std::regex starts_block(R"(^\s*(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\|))");
    for (; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        bool blank = line.find_first_not_of(" \t") == std::string::npos;
        if (blank || std::regex_search(line, starts_block) || (!para.empty() && para[para.find_first_not_of(" \t")] == '|'))
            flush();
        if (blank) continue;
        if (para.empty()) para_line = i + 1;
        para += (para.empty() ? "" : " ") + line;
        if (std::regex_search(line, std::regex(R"(^\s*#{1,6}\s)"))) flush();  // a heading is one line
    }
    flush();
    return doc;
}

onus::Document md_analysed(const fs::path& path) {
    onus::Document doc = md_stand_in(path);
    onus::build_clauses(doc);
    onus::find_parties(doc);
    return doc;
}

std::vector<fs::path> agreements(const std::string& family) {
    std::vector<fs::path> out;
    fs::path dir = onus::test::shared_dir() / "corpus" / "agreements" / family;
    if (!fs::is_directory(dir)) return out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".md") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// ------------------------------------------------------------------ preamble

TEST_CASE("parties: AWS-style preamble with pronoun groups", "[parties]") {
    auto doc = analysed({
        "This Agreement is between Amazon Web Services, Inc. (\"AWS\", \"we\", \"us\" or \"our\") and you or the "
        "entity you represent (\"you\" or \"your\").",
        "1. Security. AWS will maintain safeguards. You are responsible for your content.",
    });
    REQUIRE(doc.parties.size() == 2);
    CHECK(doc.parties[0].role == "provider");
    CHECK(doc.parties[1].role == "customer");
    CHECK(provider(doc).name == "Amazon Web Services, Inc.");
    for (const char* a : {"AWS", "we", "us", "our"}) CHECK(learned(provider(doc), a) == "preamble");
    CHECK(learned(customer(doc), "you") == "preamble");
    CHECK(learned(customer(doc), "your") == "preamble");
    CHECK_FALSE(has(customer(doc), "AWS"));
    CHECK_FALSE(has(provider(doc), "you"));
}

TEST_CASE("parties: Northwind preamble with curly quotes and an appositive", "[parties]") {
    auto doc = analysed({
        "This Northwind Cloud Services Agreement (the “Agreement”) is entered into as of the Effective Date between "
        "Northwind Cloud, Inc., a Delaware corporation with its principal office at 400 Harbor Way, Seattle, "
        "Washington (“Provider”, “we” or “us”), and the customer identified in the Order Form (“Customer” or “you”). "
        "Provider and Customer are each a “Party” and together the “Parties”.",
        "1. Definitions",
        "1.1 “Authorized User” means an employee or contractor of Customer whom Customer permits to use the Services.",
        "2. Security. Provider shall protect our systems and your data.",
    });
    CHECK(provider(doc).name == "Northwind Cloud, Inc.");
    CHECK(learned(provider(doc), "Provider") == "preamble");
    CHECK(learned(provider(doc), "we") == "preamble");
    CHECK(learned(provider(doc), "us") == "preamble");
    CHECK(learned(provider(doc), "our") == "convention");  // the family "we" started, used in the text
    CHECK(learned(customer(doc), "Customer") == "preamble");
    CHECK(learned(customer(doc), "you") == "preamble");
    CHECK(learned(customer(doc), "your") == "convention");
    CHECK(customer(doc).name == "Customer");
    // Negative: the customer's people and "Party" are defined terms, not aliases.
    CHECK_FALSE(has(customer(doc), "Authorized User"));
    for (const auto& p : doc.parties) {
        CHECK_FALSE(has(p, "Party"));
        CHECK_FALSE(has(p, "Parties"));
        CHECK_FALSE(has(p, "Agreement"));
    }
    REQUIRE(definition(doc, "Agreement"));
    CHECK(definition(doc, "Agreement")->clause_id == "preamble");
    REQUIRE(definition(doc, "Party"));
    REQUIRE(definition(doc, "Parties"));
    REQUIRE(definition(doc, "Authorized User"));
    CHECK(definition(doc, "Authorized User")->clause_id == "1.1");
    CHECK(definition(doc, "Authorized User")->definition.rfind("means an employee", 0) == 0);
}

TEST_CASE("parties: GitHub preamble, capitalised pronouns and a bare customer", "[parties]") {
    auto doc = analysed({
        "These terms are between GitHub, Inc. (\"GitHub\", \"We\" or \"Us\") and Customer.",
        "1. Service. GitHub will provide the Service. Customer shall pay the Fees.",
    });
    CHECK(provider(doc).name == "GitHub, Inc.");
    CHECK(learned(provider(doc), "GitHub") == "preamble");
    CHECK(learned(provider(doc), "we") == "preamble");  // stored lower-case
    CHECK(learned(provider(doc), "us") == "preamble");
    CHECK_FALSE(has(provider(doc), "We"));
    CHECK(learned(customer(doc), "Customer") == "preamble");
}

TEST_CASE("parties: entity named only by its short name is placed by the other side", "[parties]") {
    auto doc = analysed({
        "This Subscription Agreement is made between Skyline SaaS LLC (“Skyline”) and the subscriber named in the "
        "Order (“Subscriber”).",
        "1. Skyline shall host the Service. Subscriber shall keep its credentials secret.",
    });
    CHECK(provider(doc).name == "Skyline SaaS LLC");
    CHECK(learned(provider(doc), "Skyline") == "preamble");
    CHECK(learned(customer(doc), "Subscriber") == "preamble");
    CHECK(customer(doc).name == "Subscriber");
}

TEST_CASE("parties: lenient about surviving bold markers and straight quotes", "[parties]") {
    auto doc = analysed({
        "This agreement is between Acme Hosting Ltd (**\"Supplier\"**) and the client (\"**Client**\").",
        "1. Supplier shall back up Client data daily.",
    });
    CHECK(provider(doc).name == "Acme Hosting Ltd");
    CHECK(learned(provider(doc), "Supplier") == "preamble");
    CHECK(learned(customer(doc), "Client") == "preamble");
}

TEST_CASE("parties: 'also referred to as' without quotes, customer first", "[parties]") {
    auto doc = analysed({
        "This Agreement is between you (also referred to as Customer) and GitHub, Inc. (or depending on where you "
        "live, one of its Affiliates) and applies to the Products.",
        "1. GitHub will support the Products. GitHub may suspend access. GitHub’s obligations are limited.",
    });
    CHECK(provider(doc).name == "GitHub, Inc.");
    CHECK(has(provider(doc), "GitHub"));  // the short name the text goes on to use
    CHECK(learned(customer(doc), "you") == "preamble");
    CHECK(learned(customer(doc), "Customer") == "preamble");
}

// --------------------------------------------------------------- definitions

TEST_CASE("parties: definitions name the parties", "[parties]") {
    auto doc = analysed({
        "A. Definitions",
        "1. \"Customer\", “You,” and “Your” refer to the company or organization that uses the Service.",
        "2. “GitHub,” “We,” and “Us” refer to GitHub, Inc., as well as our affiliates and employees.",
        "3. “Account” means the account Customer uses.",
        "B. Terms",
        "GitHub will keep the Service available.",
    });
    CHECK(provider(doc).name == "GitHub, Inc.");
    CHECK(learned(provider(doc), "GitHub") == "definition");
    CHECK(learned(provider(doc), "we") == "definition");
    CHECK(learned(provider(doc), "us") == "definition");
    CHECK(learned(provider(doc), "our") == "convention");
    CHECK(learned(customer(doc), "Customer") == "definition");
    CHECK(learned(customer(doc), "you") == "definition");
    CHECK(learned(customer(doc), "your") == "definition");
    REQUIRE(definition(doc, "GitHub"));
    CHECK(definition(doc, "GitHub")->definition.rfind("refer to GitHub, Inc.", 0) == 0);
    REQUIRE(definition(doc, "Account"));
    CHECK(definition(doc, "Account")->clause_id == "3");
}

TEST_CASE("parties: a definition meaning a legal entity, and role words defined", "[parties]") {
    auto doc = analysed({
        "1. Definitions",
        "“GitHub” means, collectively, GitHub, Inc., its Affiliates and Representatives.",
        "\"Customer\" means the company or organization that has entered into this Agreement with GitHub.",
        "2. Obligations",
        "GitHub will notify Customer of a breach. GitHub shall encrypt data.",
    });
    CHECK(provider(doc).name == "GitHub, Inc.");
    CHECK(learned(provider(doc), "GitHub") == "definition");
    CHECK(learned(customer(doc), "Customer") == "definition");
}

TEST_CASE("parties: the term X shall mean; unquoted terms in a definitions section", "[parties]") {
    auto doc = analysed({
        "1. Definitions",
        "1.1 In this Agreement, the term \"Supplier\" shall mean Orbit Data GmbH and its successors.",
        "1.2 Customer Data means all data the Customer uploads.",
        "1.3 Incident refers to a breach of security.",
        "2. Services",
        "2.1 The Supplier shall operate the Services. Not a definition means nothing here.",
    });
    REQUIRE(definition(doc, "Supplier"));
    CHECK(definition(doc, "Supplier")->definition.rfind("shall mean Orbit Data GmbH", 0) == 0);
    CHECK(definition(doc, "Supplier")->clause_id == "1.1");
    REQUIRE(definition(doc, "Customer Data"));
    CHECK(definition(doc, "Customer Data")->clause_id == "1.2");
    REQUIRE(definition(doc, "Incident"));
    CHECK_FALSE(definition(doc, "Not a definition"));  // outside the definitions section, unquoted
    CHECK(learned(provider(doc), "Supplier") == "definition");
    CHECK(provider(doc).name == "Orbit Data GmbH");
}

TEST_CASE("parties: inline definitions anywhere", "[parties]") {
    auto doc = analysed({
        "1. Security",
        "1.1 If Provider becomes aware of a breach affecting Customer data (each a “Security Incident”), Provider "
        "will notify Customer. The products listed (collectively, the \"Products\") are covered.",
        "1.2 For the purposes of this Section, \"Cloud Region\" refers to a data center location.",
    });
    REQUIRE(definition(doc, "Security Incident"));
    CHECK(definition(doc, "Security Incident")->clause_id == "1.1");
    CHECK(definition(doc, "Security Incident")->definition.find("breach affecting Customer data") != std::string::npos);
    REQUIRE(definition(doc, "Products"));
    REQUIRE(definition(doc, "Cloud Region"));
    CHECK(definition(doc, "Cloud Region")->clause_id == "1.2");
    CHECK(definition(doc, "Cloud Region")->definition == "refers to a data center location.");
}

TEST_CASE("parties: definitions as table rows", "[parties]") {
    onus::Document doc = doc_of({"1. Definitions"});
    auto row = [&](std::vector<std::string> cells) {
        onus::Block b;
        b.kind = onus::BlockKind::table_row;
        b.table_depth = 1;
        b.cells = cells;
        b.text = cells[0] + "\t" + cells[1];
        doc.blocks.push_back(b);
    };
    row({"Term", "Definition"});
    row({"Customer", "the entity that signs the Order Form."});
    row({"“Service Level”", "the availability target in the Order Form."});
    onus::build_clauses(doc);
    onus::find_parties(doc);
    CHECK_FALSE(definition(doc, "Term"));
    REQUIRE(definition(doc, "Customer"));
    CHECK(definition(doc, "Customer")->definition == "the entity that signs the Order Form.");
    REQUIRE(definition(doc, "Service Level"));
    CHECK(learned(customer(doc), "Customer") == "definition");
}

// ------------------------------------------------------------------ fallback

TEST_CASE("parties: no definitions: role words and pronoun conventions", "[parties]") {
    auto doc = analysed({
        "1. Provider shall encrypt Customer Content at rest. Provider will patch the Platform.",
        "2. Customer shall manage its users. Provider may suspend access. Customer must rotate keys.",
        "3. We will notify you of changes. Customer is responsible for your account settings.",
    });
    CHECK(learned(provider(doc), "Provider") == "role-word");
    CHECK(learned(customer(doc), "Customer") == "role-word");
    CHECK(learned(provider(doc), "we") == "convention");
    CHECK(learned(customer(doc), "you") == "convention");
    CHECK(learned(customer(doc), "your") == "convention");
    CHECK_FALSE(has(provider(doc), "us"));  // never used
    CHECK(provider(doc).name == "Provider");
    CHECK(customer(doc).name == "Customer");
    CHECK(doc.definitions.empty());
}

TEST_CASE("parties: a role word inside a longer term does not count", "[parties]") {
    auto doc = analysed({
        "1. Customer Data is stored. Customer Data is encrypted. Customer Data is backed up. Vendor Risk is low.",
        "2. The Vendor shall patch systems. Vendor will log access. Vendor must report incidents.",
    });
    CHECK_FALSE(has(customer(doc), "Customer"));
    CHECK(learned(provider(doc), "Vendor") == "role-word");
}

TEST_CASE("parties: DPA with Processor and Controller defined as the parties", "[parties]") {
    auto doc = analysed({
        "This Data Processing Agreement is entered into between Acme Analytics Ltd (“Processor”) and the customer "
        "named in the Principal Agreement (“Controller”).",
        "1. The Processor shall process Personal Data only on documented instructions from the Controller.",
    });
    CHECK(provider(doc).name == "Acme Analytics Ltd");
    CHECK(learned(provider(doc), "Processor") == "preamble");
    CHECK(learned(customer(doc), "Controller") == "preamble");
}

TEST_CASE("parties: DPA where Processor is only used, and where it is a legal concept", "[parties]") {
    auto used = analysed({
        "1. The Processor shall keep records. The Processor shall assist the Controller. The Processor will delete data.",
        "2. The Controller shall give instructions. The Controller may audit. The Controller must notify.",
    });
    CHECK(learned(provider(used), "Processor") == "role-word");
    CHECK(learned(customer(used), "Controller") == "role-word");

    auto concept_ = analysed({
        "1. Definitions",
        "1.1 \"Controller,\" \"Processor,\" and \"Personal Data\" have the meanings given to them in the GDPR.",
        "2. Processing",
        "2.1 Customer is a Controller. Customer shall give instructions. Customer may audit. Customer must pay.",
        "2.2 The Processor shall act on instructions. The Processor will assist. The Processor may engage others.",
    });
    CHECK(learned(customer(concept_), "Customer") == "role-word");
    CHECK_FALSE(has(customer(concept_), "Controller"));
    CHECK_FALSE(has(provider(concept_), "Processor"));  // defined as a legal concept
    REQUIRE(definition(concept_, "Processor"));
}

TEST_CASE("parties: a trade name acting in the text names an undefined provider", "[parties]") {
    auto doc = analysed({
        "1. GitHub will process data on Customer's behalf. GitHub shall notify Customer of incidents.",
        "2. GitHub’s sub-processors are listed. GitHub may update the list. Customer may object.",
        "3. Customer shall provide instructions. Customer must comply with law.",
    });
    CHECK(learned(provider(doc), "GitHub") == "role-word");
    CHECK(provider(doc).name == "GitHub");
    CHECK(learned(customer(doc), "Customer") == "role-word");
}

// ----------------------------------------------------------------- negatives

TEST_CASE("parties: customer's people and Party are never aliases", "[parties]") {
    auto doc = analysed({
        "1. Definitions",
        "1.1 “Authorized User” means an individual whom Customer permits to use the Service.",
        "1.2 “User” means any individual who uses the Product on Customer's behalf.",
        "1.3 “Party” means Provider or Customer, and “Parties” means both.",
        "2. Use",
        "2.1 Customer shall ensure that each Authorized User complies. Authorized User shall not share passwords. "
        "User shall keep credentials. Provider shall host. Provider will patch. Provider may audit. Customer must pay. "
        "Customer will comply.",
    });
    for (const auto& p : doc.parties) {
        CHECK_FALSE(has(p, "Authorized User"));
        CHECK_FALSE(has(p, "User"));
        CHECK_FALSE(has(p, "Party"));
        CHECK_FALSE(has(p, "Parties"));
    }
    CHECK(has(customer(doc), "Customer"));
    CHECK(has(provider(doc), "Provider"));
    CHECK(definition(doc, "Authorized User"));
    CHECK(definition(doc, "Parties"));
}

TEST_CASE("parties: an alias both sides claim stays with the first, with a warning", "[parties]") {
    auto doc = analysed({
        "This Agreement is between Zeta Cloud Inc. (“Zeta”, “we”) and the customer (“Customer”, “you”).",
        "1. Definitions",
        "1.1 “Customer” and “we” refer to the entity that signs the Order Form.",  // contradicts the preamble
    });
    CHECK(has(provider(doc), "we"));
    CHECK_FALSE(has(customer(doc), "we"));
    CHECK_FALSE(doc.warnings.empty());
}

TEST_CASE("parties: empty document still gives two parties", "[parties]") {
    onus::Document doc;
    onus::build_clauses(doc);
    onus::find_parties(doc);
    REQUIRE(doc.parties.size() == 2);
    CHECK(doc.parties[0].aliases.empty());
    CHECK(doc.parties[1].name.empty());
    CHECK(doc.definitions.empty());
}

TEST_CASE("parties: JSON carries definitions after parties, and learned per alias", "[parties]") {
    auto doc = analysed({
        "This Agreement is between Amazon Web Services, Inc. (\"AWS\") and you (\"you\").",
        "1. \"Account\" means your AWS account.",
    });
    std::ostringstream out;
    onus::write_document_json(doc, out);
    std::string json = out.str();
    std::size_t parties = json.find("\"parties\"");
    std::size_t definitions = json.find("\"definitions\"");
    REQUIRE(parties != std::string::npos);
    REQUIRE(definitions != std::string::npos);
    CHECK(parties < definitions);
    CHECK(definitions < json.find("\"clauses\""));
    CHECK(json.find("\"learned\": \"preamble\"") != std::string::npos);
    CHECK(json.find("\"term\": \"Account\"") != std::string::npos);
    CHECK(json.find("\"clause\": \"1\"") != std::string::npos);
}

// -------------------------------------------------------------------- corpus

TEST_CASE("parties: the Northwind sample DOCX", "[parties][corpus]") {
    fs::path sample = onus::test::source_dir() / "samples" / "northwind-csa.docx";
    REQUIRE(fs::exists(sample));
    onus::Document doc = onus::load(sample.string());
    onus::find_parties(doc);
    INFO("provider: " << aliases_of(provider(doc)) << "; customer: " << aliases_of(customer(doc)));
    CHECK(provider(doc).name == "Northwind Cloud, Inc.");
    for (const char* a : {"Provider", "we", "us"}) CHECK(learned(provider(doc), a) == "preamble");
    for (const char* a : {"Customer", "you"}) CHECK(learned(customer(doc), a) == "preamble");
    CHECK_FALSE(has(customer(doc), "Authorized User"));
    REQUIRE(definition(doc, "Security Incident"));
    CHECK(definition(doc, "Security Incident")->clause_id == "1.7");
    CHECK(definition(doc, "Subscription Term"));  // inline, inside definition 1.5
}

TEST_CASE("parties: GitHub terms (Markdown via the stand-in reader)", "[parties][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    std::size_t checked = 0;
    for (const char* family :
         {"github-terms-of-service", "github-corporate-terms-of-service", "github-enterprise-subscription-agreement"}) {
        for (const fs::path& file : agreements(family)) {
            onus::Document doc = md_analysed(file);
            INFO(file.filename().string() << " provider " << provider(doc).name << ": " << aliases_of(provider(doc))
                                          << "; customer " << customer(doc).name << ": " << aliases_of(customer(doc)));
            CHECK(provider(doc).name.find("GitHub") != std::string::npos);
            CHECK(has(provider(doc), "GitHub"));
            CHECK_FALSE(has(customer(doc), "GitHub"));
            std::string text = onus::test::read_file(file);
            // The ToS and the 2017/2018 Corporate ToS define “GitHub,” “We,” and “Us”.
            if (text.find("“GitHub,” “We,” and “Us” refer to") != std::string::npos) {
                CHECK(learned(provider(doc), "we") == "definition");
                CHECK(learned(provider(doc), "us") == "definition");
                CHECK(learned(customer(doc), "you") == "definition");
                CHECK(learned(customer(doc), "your") == "definition");
            }
            if (std::string(family) != "github-terms-of-service") CHECK(has(customer(doc), "Customer"));
            ++checked;
        }
    }
    CHECK(checked >= 15);
}

TEST_CASE("parties: GitHub Data Protection Agreement", "[parties][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    for (const fs::path& file : agreements("github-data-protection-agreement")) {
        onus::Document doc = md_analysed(file);
        INFO(file.filename().string() << " provider " << provider(doc).name << ": " << aliases_of(provider(doc))
                                      << "; customer " << customer(doc).name << ": " << aliases_of(customer(doc)));
        CHECK(provider(doc).name.find("GitHub") != std::string::npos);
        CHECK(has(provider(doc), "GitHub"));
        CHECK(has(customer(doc), "Customer"));
        // "Controller" and "Processor" have "the meanings given" by the GDPR
        // (and Customer may be a processor itself): concepts, not aliases.
        CHECK_FALSE(has(provider(doc), "Processor"));
        CHECK_FALSE(has(customer(doc), "Controller"));
    }
}

TEST_CASE("parties: Common Paper and Bonterms: Provider and Customer", "[parties][corpus]") {
    if (!onus::test::have_shared()) {
        WARN("../shared/corpus absent: skipped");
        return;
    }
    std::size_t checked = 0;
    for (const char* family : {"commonpaper-cloud-service-agreement", "commonpaper-dpa", "commonpaper-sla",
                               "bonterms-cloud-terms"}) {
        for (const fs::path& file : agreements(family)) {
            onus::Document doc = md_analysed(file);
            INFO(file.filename().string() << " provider " << provider(doc).name << ": " << aliases_of(provider(doc))
                                          << "; customer " << customer(doc).name << ": " << aliases_of(customer(doc)));
            CHECK(has(provider(doc), "Provider"));
            CHECK(has(customer(doc), "Customer"));
            CHECK(provider(doc).name == "Provider");
            for (const auto& p : doc.parties) {
                CHECK_FALSE(has(p, "User"));
                CHECK_FALSE(has(p, "we"));  // these standard terms never speak as "we"
            }
            // Bonterms defines both parties; Common Paper leaves them to the Cover Page.
            std::string how = std::string(family) == "bonterms-cloud-terms" ? "definition" : "role-word";
            CHECK(learned(provider(doc), "Provider") == how);
            CHECK(learned(customer(doc), "Customer") == how);
            CHECK(doc.definitions.size() >= 4);
            ++checked;
        }
    }
    CHECK(checked >= 9);
}

// Prints what was found per corpus file: `parties_test "[.parties-report]"`.
TEST_CASE("parties: corpus report", "[.parties-report]") {
    if (!onus::test::have_shared()) return;
    fs::path root = onus::test::shared_dir() / "corpus" / "agreements";
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.path().extension() == ".md") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        onus::Document doc = md_analysed(file);
        std::cout << file.parent_path().filename().string() << "/" << file.filename().string() << "\n  provider "
                  << provider(doc).name << ": " << aliases_of(provider(doc)) << "\n  customer " << customer(doc).name
                  << ": " << aliases_of(customer(doc)) << "\n  definitions " << doc.definitions.size()
                  << ", warnings " << doc.warnings.size() << "\n";
        for (const auto& w : doc.warnings) std::cout << "    ! " << w.where << ": " << w.message << "\n";
        if (std::getenv("PARTIES_DEFINITIONS"))
            for (const auto& d : doc.definitions)
                std::cout << "    " << d.clause_id << " | " << d.term << " | " << d.definition.substr(0, 70) << "\n";
    }
    CHECK(true);
}
