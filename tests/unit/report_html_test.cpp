// The HTML reports: well-formed (parsed as XML by pugixml), every internal
// link lands on an id, nothing loads from outside, every domain, finding and
// shift is on the page, overlapping highlights nest correctly, and hostile
// contract text only ever appears escaped.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "onus/analysis.hpp"
#include "onus/compare.hpp"
#include "onus/ingest.hpp"
#include "onus/patterns.hpp"
#include "onus/report_html.hpp"
#include "report/html.hpp"
#include "support.hpp"

namespace {

const onus::RulePack& pack() {
    static const onus::RulePack p = onus::load_rule_pack({(onus::test::source_dir() / "clause-patterns").string()});
    return p;
}

std::string sample(const std::string& name) { return (onus::test::source_dir() / "samples" / name).string(); }

std::string scan_html(const onus::Document& doc, const onus::Analysis& a) {
    std::ostringstream out;
    onus::write_analysis_html(doc, a, out);
    return out.str();
}

std::string diff_html(const onus::Document& o, const onus::Document& n, const onus::VersionDiff& d) {
    std::ostringstream out;
    onus::write_comparison_html(o, n, d, out);
    return out.str();
}

// All text under a node, entities decoded.
std::string inner_text(const pugi::xml_node& node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return node.value();
    std::string out;
    for (const pugi::xml_node& child : node.children()) out += inner_text(child);
    return out;
}

bool has_class(const pugi::xml_node& node, const std::string& cls) {
    std::string classes = std::string(" ") + node.attribute("class").value() + " ";
    return classes.find(" " + cls + " ") != std::string::npos;
}

std::vector<pugi::xml_node> elements(const pugi::xml_node& root) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xpath_node& x : root.select_nodes("//*")) out.push_back(x.node());
    return out;
}

pugi::xml_node by_id(const pugi::xml_document& dom, const std::string& id) {
    return dom.find_node([&](const pugi::xml_node& n) { return id == n.attribute("id").value(); });
}

// Parse as XML (balanced tags, quoted attributes, known entities only),
// then check ids are unique and every href="#x" has its id.
void parse_page(const std::string& page, pugi::xml_document& dom) {
    pugi::xml_parse_result parsed = dom.load_string(page.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
    INFO("offset " << parsed.offset << ": " << page.substr(parsed.offset > 80 ? parsed.offset - 80 : 0, 160));
    REQUIRE(parsed.status == pugi::status_ok);
    REQUIRE(std::string(dom.document_element().name()) == "html");

    std::set<std::string> ids;
    std::vector<std::string> targets;
    for (const pugi::xml_node& n : elements(dom)) {
        if (pugi::xml_attribute id = n.attribute("id")) {
            INFO("id " << id.value());
            CHECK(ids.insert(id.value()).second);
            CHECK(std::regex_match(std::string(id.value()), std::regex("[A-Za-z][A-Za-z0-9._-]*")));
        }
        if (pugi::xml_attribute href = n.attribute("href")) targets.push_back(href.value());
    }
    for (const std::string& href : targets) {
        INFO("href " << href);
        REQUIRE(href.size() > 1);
        CHECK(href[0] == '#');
        CHECK(ids.count(href.substr(1)) == 1);
    }
}

// Nothing on the page can load or run anything from outside: known
// elements only, no event-handler attributes, no src/action, links only to
// fragments, styles without @import or url(), one script and it is ours.
// `page` is checked for any URL at all when given (the samples name none;
// hostile text may, escaped, as words).
void check_self_contained(const pugi::xml_document& dom, const std::string& page = "") {
    static const std::set<std::string> allowed{
        "html",  "head",   "meta",  "title", "style", "body",    "header",   "h1",     "h2",      "h3",
        "dl",    "dt",     "dd",    "code",  "span",  "strong",  "nav",      "a",      "section", "p",
        "table", "thead",  "tbody", "tr",    "th",    "td",      "ol",       "ul",     "li",      "div",
        "mark",  "br",     "select", "option", "label", "input", "fieldset", "legend", "article", "del",
        "ins",   "details", "summary", "script"};
    std::size_t scripts = 0;
    for (const pugi::xml_node& n : elements(dom)) {
        std::string name = n.name();
        INFO("element " << name);
        CHECK(allowed.count(name) == 1);
        for (const pugi::xml_attribute& a : n.attributes()) {
            std::string attr = a.name();
            INFO("attribute " << attr << "=" << a.value());
            CHECK(attr.rfind("on", 0) != 0);
            CHECK(attr != "src");
            CHECK(attr != "srcset");
            CHECK(attr != "action");
            CHECK(attr != "formaction");
            CHECK(attr != "background");
            if (attr == "style")
                CHECK(std::regex_match(std::string(a.value()), std::regex("width:[0-9]+(\\.[0-9]+)?%")));
        }
        if (name == "style") {
            std::string css = inner_text(n);
            CHECK(css.find("@import") == std::string::npos);
            CHECK(css.find("url(") == std::string::npos);
            CHECK(css.find("http") == std::string::npos);
        }
        if (name == "script") {
            ++scripts;
            CHECK(n.first_attribute().empty());
            std::string js = inner_text(n);
            CHECK(js.find("http") == std::string::npos);
            CHECK(js.find("alert") == std::string::npos);
        }
    }
    CHECK(scripts == 1);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
}

struct Scan {
    onus::Document doc;
    onus::Analysis analysis;
    std::string page;
};

const Scan& sample_scan() {
    static const Scan s = [] {
        Scan r{onus::load(sample("northwind-csa.md")), {}, {}};
        r.analysis = onus::analyze(r.doc, pack());
        r.page = scan_html(r.doc, r.analysis);
        return r;
    }();
    return s;
}

struct Diff {
    onus::Document before, after;
    onus::VersionDiff diff;
    std::string page;
};

const Diff& sample_diff() {
    static const Diff d = [] {
        Diff r{onus::load(sample("northwind-csa.docx")), onus::load(sample("northwind-csa-v2.docx")), {}, {}};
        r.diff = onus::compare_versions(r.before, onus::analyze(r.before, pack()), r.after,
                                        onus::analyze(r.after, pack()), pack());
        r.page = diff_html(r.before, r.after, r.diff);
        return r;
    }();
    return d;
}

const std::vector<std::string> kHostile{
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "</textarea><textarea>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "' onmouseover='alert(1)",
    "]]><script>alert(2)</script><![CDATA[",
    "</style><style>@import url(https://evil.example/x.css);</style>",
    "&lt;b&gt; &amp; &#60;",
    "<!-- comment --><iframe src=//evil.example>",
};

// The raw markup of each hostile string never appears; its text does.
void check_hostile_escaped(const std::string& page, const pugi::xml_document& dom) {
    for (const char* raw : {"<script>alert", "<img", "<textarea", "</textarea", "<iframe", "<a href=\"javascript",
                            "onerror=alert(1)>", "<!-- comment", "</style><style>", "]]><script>"}) {
        INFO(raw);
        CHECK(page.find(raw) == std::string::npos);
    }
    std::size_t script_tags = 0;
    for (std::size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1))
        ++script_tags;
    CHECK(script_tags == 1);
    std::string all_text = inner_text(dom.document_element());
    for (const std::string& h : kHostile) {
        INFO(h);
        CHECK(all_text.find(h) != std::string::npos);  // shown to the reader, as text
    }
}

onus::Evidence evidence_of(const onus::Clause& c, const std::string& words, const std::string& rule) {
    std::size_t at = c.text.find(words);
    REQUIRE(at != std::string::npos);
    return onus::Evidence{c.id, at, at + words.size(), words, rule};
}

}  // namespace

TEST_CASE("html escape and anchors", "[report][html]") {
    CHECK(onus::html::escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
    CHECK(onus::html::escape("line\nnext\ttab") == "line&#10;next&#9;tab");
    CHECK(onus::html::escape(std::string("bell\x07!")) == "bell\xEF\xBF\xBD!");
    CHECK(onus::html::escape("caf\xC3") == "caf\xEF\xBF\xBD");  // a cut character is repaired
    CHECK(onus::html::escape("“quoted” ¶") == "“quoted” ¶");

    CHECK(onus::html::anchor("c", "9.2¶3") == "c-9.2_C2_B63");
    CHECK(onus::html::anchor("c", "4.2(a)") == "c-4.2_28a_29");
    CHECK(onus::html::anchor("c", "a b") == "c-a_20b");
    CHECK(onus::html::anchor("c", "a_20b") == "c-a_5F20b");  // '_' itself is encoded: no collisions
    CHECK(onus::html::anchor("c", "\"><x") == "c-_22_3E_3Cx");
    CHECK(onus::html::anchor("c", "") == "c-");
}

TEST_CASE("html highlights: overlapping spans become flat, balanced marks", "[report][html]") {
    using onus::html::Span;
    auto marked = [](std::string_view text, const std::vector<Span>& spans) {
        std::ostringstream out;
        onus::html::write_marked(out, text, spans);
        return out.str();
    };
    // Crossing spans are split at every edge; the middle carries both.
    CHECK(marked("abcdefghij", {{0, 6, "m-a", "A"}, {3, 9, "m-b", "B"}}) ==
          "<mark class=\"m-a\" title=\"A\">abc</mark>"
          "<mark class=\"m-a m-b m-many\" title=\"A&#10;B\">def</mark>"
          "<mark class=\"m-b\" title=\"B\">ghi</mark>j");
    // A span inside another, a duplicate title, an empty and an out-of-range span.
    CHECK(marked("a<b>c", {{0, 5, "m-a", "x\"y"}, {1, 4, "m-a", "x\"y"}, {2, 2, "m-b", "E"}, {3, 99, "m-b", "F"}}) ==
          "<mark class=\"m-a\" title=\"x&quot;y\">a</mark>"
          "<mark class=\"m-a\" title=\"x&quot;y\">&lt;b&gt;</mark>"
          "<mark class=\"m-a\" title=\"x&quot;y\">c</mark>");
    // An edge inside a UTF-8 character moves to its start: no split character.
    CHECK(marked("é!", {{1, 3, "m-a", ""}}) == "<mark class=\"m-a\" title=\"\">é!</mark>");
    CHECK(marked("plain & simple", {}) == "plain &amp; simple");
}

TEST_CASE("scan html: well-formed, linked, self-contained", "[report][html]") {
    const Scan& s = sample_scan();
    pugi::xml_document dom;
    parse_page(s.page, dom);
    check_self_contained(dom, s.page);
    CHECK(s.page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(s.page.find("@media print") != std::string::npos);
}

TEST_CASE("scan html: matrix, findings, SLA numbers and every clause", "[report][html]") {
    const Scan& s = sample_scan();
    pugi::xml_document dom;
    parse_page(s.page, dom);

    pugi::xml_node table = dom.select_node("//table[@class='matrix']").node();
    REQUIRE(table);
    CHECK(table.select_nodes("tbody/tr").size() == 12);
    for (const std::string& domain : onus::domain_ids()) {
        INFO(domain);
        pugi::xml_node row = by_id(dom, onus::html::anchor("d", domain));
        REQUIRE(row);
        CHECK(inner_text(row.child("th")) == domain);
        const onus::MatrixCell& cell = s.analysis.matrix.at(domain);
        pugi::xml_node holder = row.find_child([](const pugi::xml_node& n) { return has_class(n, "holder"); });
        CHECK(has_class(holder, "h-" + cell.holder));
        CHECK(inner_text(holder) == cell.holder);
        pugi::xml_node status = row.find_child([](const pugi::xml_node& n) { return has_class(n, "status"); });
        CHECK(has_class(status, "s-" + cell.status));
        // The holder links to the first clause behind it; the clause list to all.
        if (!cell.clauses.empty())
            CHECK(std::string(holder.child("a").attribute("href").value()) ==
                  "#" + onus::html::anchor("c", cell.clauses.front()));
        CHECK(row.select_nodes("td[@class='clauses']/a").size() == cell.clauses.size());
    }

    REQUIRE(!s.analysis.findings.empty());
    for (std::size_t i = 0; i < s.analysis.findings.size(); ++i) {
        const onus::Finding& f = s.analysis.findings[i];
        INFO(f.message);
        pugi::xml_node li = by_id(dom, onus::html::anchor("f", std::to_string(i)));
        REQUIRE(li);
        CHECK(inner_text(li).find(f.message) != std::string::npos);
        CHECK(li.select_nodes(".//a[@class='cref']").size() >= f.clauses.size());
        // Grouped by severity: the finding sits in the list after its heading.
        pugi::xml_node heading = li.parent().previous_sibling("h3");
        CHECK(std::string(heading.attribute("id").value()) == onus::html::anchor("sev", onus::to_string(f.severity)));
    }
    // High before medium before low.
    std::size_t high = s.page.find("id=\"sev-high\""), medium = s.page.find("id=\"sev-medium\""),
                low = s.page.find("id=\"sev-low\"");
    CHECK(high < medium);
    CHECK(medium < low);

    CHECK(dom.select_nodes("//table[@class='sla']/tbody/tr").size() == s.analysis.sla.size());

    for (const onus::Clause& c : s.doc.clauses) {
        INFO(c.id);
        CHECK(by_id(dom, onus::html::anchor("c", c.id)));
    }
    // The unit ids with "¶" and the list items with "(a)" are anchored too.
    CHECK(by_id(dom, onus::html::anchor("c", "9.2¶3")));
    CHECK(by_id(dom, onus::html::anchor("c", "4.2(a)")));
}

TEST_CASE("scan html: tagged words are highlighted with their rule", "[report][html]") {
    const Scan& s = sample_scan();
    pugi::xml_document dom;
    parse_page(s.page, dom);
    std::size_t tags = 0;
    for (const onus::ClauseAnalysis& ca : s.analysis.clauses) tags += ca.tags.size();
    REQUIRE(tags > 0);
    auto marks = dom.select_nodes("//section[@id='agreement']//div[contains(@class,'clause')]//mark");
    CHECK(marks.size() >= tags);
    for (const pugi::xpath_node& m : marks) CHECK(std::string(m.node().attribute("title").value()).size() > 0);

    // 4.8 "Provider shall back up ...": its data tag names domain, party,
    // modality and rule, and the clause's text reads exactly as the document.
    const onus::Clause* backups = nullptr;
    const onus::ClauseAnalysis* analysis = nullptr;
    for (std::size_t i = 0; i < s.doc.clauses.size(); ++i)
        if (s.doc.clauses[i].id == "4.8") backups = &s.doc.clauses[i], analysis = &s.analysis.clauses[i];
    REQUIRE(backups);
    REQUIRE(!analysis->tags.empty());
    pugi::xml_node clause = by_id(dom, onus::html::anchor("c", "4.8"));
    REQUIRE(clause);
    pugi::xml_node text = clause.find_child([](const pugi::xml_node& n) { return has_class(n, "text"); });
    CHECK(inner_text(text) == backups->text);
    const onus::Tag& tag = analysis->tags.front();
    bool named = false;
    for (const pugi::xml_node& m : text.children("mark")) {
        std::string title = m.attribute("title").value();
        named = named || (title.find("domain: " + tag.domain) != std::string::npos &&
                          title.find("party: " + tag.party) != std::string::npos &&
                          title.find("modality: " + tag.modality) != std::string::npos &&
                          title.find("rule: " + tag.rule) != std::string::npos);
    }
    CHECK(named);
    CHECK(clause.select_nodes("ul[@class='tags']/li").size() == analysis->tags.size());
    CHECK(std::string(clause.attribute("data-domains").value()).find(" " + tag.domain + " ") != std::string::npos);
}

TEST_CASE("diff html: well-formed, linked, self-contained", "[report][html]") {
    const Diff& d = sample_diff();
    pugi::xml_document dom;
    parse_page(d.page, dom);
    check_self_contained(dom, d.page);
}

TEST_CASE("diff html: every change, shift and explanation, with redlines", "[report][html]") {
    const Diff& d = sample_diff();
    pugi::xml_document dom;
    parse_page(d.page, dom);

    auto articles = dom.select_nodes("//article");
    REQUIRE(articles.size() == d.diff.changes.size());
    std::size_t shifts = 0;
    for (std::size_t i = 0; i < d.diff.changes.size(); ++i) {
        const onus::Change& c = d.diff.changes[i];
        pugi::xml_node a = articles[i].node();
        CHECK(std::string(a.attribute("data-kind").value()) == onus::to_string(c.kind));
        auto items = a.select_nodes(".//li[contains(@class,'shift')]");
        REQUIRE(items.size() == c.shifts.size());
        for (std::size_t j = 0; j < c.shifts.size(); ++j) {
            const onus::Shift& sh = c.shifts[j];
            pugi::xml_node li = items[j].node();
            INFO(sh.explanation);
            CHECK(inner_text(li).find(sh.explanation) != std::string::npos);
            CHECK(std::string(li.attribute("data-type").value()) == sh.type);
            CHECK(std::string(li.attribute("data-direction").value()) == sh.direction);
            CHECK(std::string(li.attribute("data-domain").value()) == (sh.domain.empty() ? "-" : sh.domain));
            ++shifts;
        }
    }
    REQUIRE(shifts == 7);  // samples/README.md: seven planted shifts
    CHECK(dom.select_nodes("//table[@class='shift-table']/tbody/tr").size() == shifts);

    // 4.8: the party swap, side by side and inline.
    pugi::xml_node backups;
    for (const pugi::xpath_node& a : articles)
        if (inner_text(a.node().child("div")).find("4.8 → 4.8") != std::string::npos) backups = a.node();
    REQUIRE(backups);
    CHECK(inner_text(backups.select_node(".//div[@class='side old']//del").node()) == "Provider");
    CHECK(inner_text(backups.select_node(".//div[@class='side new']//ins").node()) == "Customer");
    CHECK(backups.select_node(".//div[@class='side old']//ins").node().empty());
    pugi::xml_node inline_view = backups.select_node(".//div[@class='inl']").node();
    CHECK(inner_text(inline_view.select_node(".//del").node()) == "Provider");
    CHECK(inner_text(inline_view.select_node(".//ins").node()) == "Customer");

    // 4.9 deleted: the old text struck through, nothing on the new side.
    std::size_t deleted = 0, moved_renumbered = 0;
    for (const pugi::xpath_node& a : articles) {
        std::string kind = a.node().attribute("data-kind").value();
        if (kind == "deleted") {
            ++deleted;
            CHECK(inner_text(a.node().select_node(".//div[@class='side old']//del").node()).find("Personnel") == 0);
        }
        // Section 8 moved to 10: marked moved, and renumbered as well.
        if (kind == "moved" && inner_text(a.node()).find("renumbered 8.3 → 10.3") != std::string::npos)
            ++moved_renumbered;
    }
    CHECK(deleted == 1);
    CHECK(moved_renumbered == 1);
    CHECK(dom.select_nodes("//article[@data-kind='renumbered']").size() == d.diff.summary.renumbered);
}

TEST_CASE("diff html: summary, charts and controls", "[report][html]") {
    const Diff& d = sample_diff();
    pugi::xml_document dom;
    parse_page(d.page, dom);
    pugi::xml_node counts = dom.select_node("//table[@class='counts']").node();
    REQUIRE(counts);
    CHECK(inner_text(counts.select_node("tbody/tr/td[1]").node()) == std::to_string(d.diff.summary.modified));
    CHECK(inner_text(counts.select_node("tbody/tr/td[6]").node()) == std::to_string(d.diff.summary.unchanged));

    pugi::xml_node by_direction = by_id(dom, "chart-direction");
    REQUIRE(by_direction);
    auto rows = by_direction.select_nodes("div[@class='row']");
    REQUIRE(rows.size() == 3);
    CHECK(inner_text(rows[0].node().last_child()) == std::to_string(d.diff.summary.to_customer));
    CHECK(std::string(rows[0].node().select_node(".//span[@class='d-to-customer']").node().attribute("style").value()) ==
          "width:100.0%");
    pugi::xml_node by_domain = by_id(dom, "chart-domain");
    REQUIRE(by_domain);
    for (const char* domain : {"data", "availability", "incident", "platform"})
        CHECK(inner_text(by_domain).find(domain) != std::string::npos);

    CHECK(dom.select_nodes("//input[@name='view'][@type='radio']").size() == 2);
    CHECK(dom.select_nodes("//input[@name='direction']").size() == 3);
    CHECK(dom.select_nodes("//input[@name='type']").size() == 7);
    CHECK(dom.select_nodes("//input[@name='kind']").size() == 5);
    CHECK(dom.select_nodes("//select[@id='filter-domain']/option").size() == 14);
}

TEST_CASE("html reports escape hostile contract text everywhere", "[report][html][hostile]") {
    std::string joined;
    for (const std::string& h : kHostile) joined += h + " ";

    SECTION("through the pipeline: a plain-text agreement") {
        std::string text = "CLOUD SERVICES AGREEMENT\n\n1. Security. Provider shall encrypt Customer Data " + joined +
                           "at rest.\n\n2. Backups. Customer is responsible for backups " + joined + ".\n";
        onus::Document doc = onus::load_bytes(text, "evil<script>.txt");
        onus::Analysis a = onus::analyze(doc, pack());
        std::string page = scan_html(doc, a);
        pugi::xml_document dom;
        parse_page(page, dom);
        check_self_contained(dom);
        check_hostile_escaped(page, dom);

        std::string changed = text;
        changed.replace(changed.find("shall encrypt"), 13, "may encrypt");
        onus::Document after = onus::load_bytes(changed + "3. Extra " + joined + "\n", "v2\"><img src=x>.txt");
        onus::VersionDiff d = onus::compare_versions(doc, a, after, onus::analyze(after, pack()), pack());
        REQUIRE(!d.changes.empty());
        std::string dpage = diff_html(doc, after, d);
        pugi::xml_document ddom;
        parse_page(dpage, ddom);
        check_self_contained(ddom);
        check_hostile_escaped(dpage, ddom);
    }

    SECTION("hand-built: hostile ids, names, messages, rules and shifts") {
        onus::Document doc;
        doc.path = "/tmp/" + kHostile[0];
        doc.title = kHostile[1];
        doc.format = kHostile[2];
        doc.parties = {onus::Party{"provider", kHostile[3], {{kHostile[4], "preamble"}}},
                       onus::Party{"customer", kHostile[5], {}}};
        onus::Clause c1;
        c1.id = "1\"><script>alert(1)</script>";
        c1.number = kHostile[1];
        c1.heading = kHostile[2];
        c1.text = "Provider shall encrypt " + joined + " and back up data.";
        onus::Clause c2;
        c2.id = "1¶2 ('x')";
        c2.level = 2;
        c2.text = kHostile[3];
        doc.clauses = {c1, c2};
        doc.warnings.push_back(onus::Diagnostic{kHostile[6], kHostile[7]});

        onus::Analysis a;
        a.model = kHostile[8];
        a.model_guessed = true;
        a.model_evidence = evidence_of(doc.clauses[0], "Provider", kHostile[0]);
        onus::Tag tag;
        tag.domain = "data";
        tag.party = kHostile[1];
        tag.modality = kHostile[2];
        tag.rule = kHostile[3];
        // Overlapping spans, all over hostile words.
        tag.evidence = evidence_of(doc.clauses[0], "encrypt " + kHostile[0], kHostile[4]);
        tag.party_evidence = evidence_of(doc.clauses[0], "Provider shall", "");
        tag.modality_evidence = evidence_of(doc.clauses[0], "shall encrypt <script>", kHostile[5]);
        tag.carveouts.push_back({evidence_of(doc.clauses[0], kHostile[0] + " " + kHostile[1], kHostile[6]), c2.id});
        a.clauses = {onus::ClauseAnalysis{c1.id, {tag}, "provider", "obligation"},
                     onus::ClauseAnalysis{c2.id, {}, "", ""}};
        for (const std::string& d : onus::domain_ids())
            a.matrix[d] = onus::MatrixCell{kHostile[d.size() % kHostile.size()], "provider", kHostile[7],
                                           {c1.id, c2.id, kHostile[0]}};
        a.findings.push_back(onus::Finding{kHostile[2], kHostile[3], onus::Severity::high, {c1.id, kHostile[1]},
                                           kHostile[4], {tag.evidence}});
        onus::SlaValue v;
        v.metric = kHostile[5];
        v.quantity.bound = kHostile[6];
        v.quantity.text = kHostile[7];
        v.clause_id = c2.id;
        v.evidence = tag.evidence;
        a.sla.push_back(v);

        std::string page = scan_html(doc, a);
        pugi::xml_document dom;
        parse_page(page, dom);
        check_self_contained(dom);
        check_hostile_escaped(page, dom);
        CHECK(by_id(dom, onus::html::anchor("c", c1.id)));
        CHECK(by_id(dom, onus::html::anchor("c", c2.id)));

        onus::Change ch;
        ch.kind = onus::ChangeKind::modified;
        ch.old_index = 0;
        ch.new_index = 1;
        ch.edits = {{onus::Edit::Op::equal, kHostile[0], kHostile[0]},
                    {onus::Edit::Op::del, kHostile[1], ""},
                    {onus::Edit::Op::insert, "", kHostile[2]}};
        ch.shifts.push_back(onus::Shift{kHostile[3], kHostile[4], kHostile[5], onus::Severity::high, kHostile[6],
                                        kHostile[7], kHostile[8], kHostile[0]});
        onus::Change added;
        added.kind = onus::ChangeKind::added;
        added.new_index = 0;
        onus::VersionDiff d;
        d.changes = {ch, added};
        std::string dpage = diff_html(doc, doc, d);
        pugi::xml_document ddom;
        parse_page(dpage, ddom);
        check_self_contained(ddom);
        check_hostile_escaped(dpage, ddom);
        // Filter data reaches the script only through data-* attributes.
        pugi::xml_node shift = ddom.select_node("//li[contains(@class,'shift')]").node();
        CHECK(std::string(shift.attribute("data-type").value()) == kHostile[3]);
        CHECK(std::string(shift.attribute("data-direction").value()) == kHostile[4]);
    }
}
