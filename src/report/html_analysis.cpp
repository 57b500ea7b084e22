// `onus scan --format html`: the analysis as one self-contained page. The
// matrix, findings and SLA numbers link down to the clauses of the full
// agreement, where the words behind each tag are highlighted.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

#include "onus/patterns.hpp"
#include "onus/quantity.hpp"
#include "onus/report_html.hpp"
#include "report/html.hpp"

namespace onus {
namespace {

using html::anchor;
using html::escape;

constexpr std::string_view kScanCss = R"CSS(
.s-agrees { background: var(--agrees); } .s-deviates { background: var(--deviates); font-weight: 600; }
.s-silent { background: var(--silent); } .s-no-baseline { background: var(--nobase); }
table.matrix td a, table.matrix th a { color: inherit; }
table.matrix td.holder, table.matrix td.status, table.matrix td.baseline { width: 9rem; }
.legend { font-size: .85em; margin: .25rem 0; }
.legend span.key { display: inline-block; padding: 0 .4rem; margin-right: .3rem; border: 1px solid var(--line); border-radius: 3px; }
ol.findings { padding-left: 1.5rem; } ol.findings > li { margin: .4rem 0; }
ul.evidence { margin: .1rem 0 .2rem; padding-left: 1.25rem; font-size: .9em; color: var(--muted); }
.clause { margin: 0 0 .9rem; padding: .35rem .6rem; border-left: 3px solid var(--line); }
.clause.tagged { border-left-color: #8fb3e8; }
.lvl-2 { margin-left: 1.25rem; } .lvl-3 { margin-left: 2.5rem; } .lvl-4 { margin-left: 3.75rem; }
.lvl-5, .lvl-6, .lvl-7, .lvl-8, .lvl-9 { margin-left: 5rem; }
.chead { font-weight: 600; } .chead a.cid { text-decoration: none; margin-right: .35rem; }
.chead .unit { font-weight: 400; color: var(--muted); font-size: .85em; }
ul.tags { margin: .25rem 0 0; padding-left: 1.25rem; font-size: .85em; color: var(--muted); }
ul.tags li { margin: .1rem 0; }
mark { background: none; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.m-domain { background: #fff3a8; }
mark.m-party { box-shadow: inset 0 -2px 0 #2f6fb5; }
mark.m-modality { font-weight: 600; box-shadow: inset 0 -2px 0 #c62828; }
mark.m-party.m-modality { box-shadow: inset 0 -2px 0 #2f6fb5, inset 0 -4px 0 #c62828; }
mark.m-carveout { background: #ffdede; text-decoration: underline dashed #c62828; }
mark.m-domain.m-carveout { background: #ffd0a8; }
body.no-marks mark { background: none; box-shadow: none; font-weight: inherit; text-decoration: none; }
)CSS";

constexpr std::string_view kScanScript = R"JS(
(function () {
  var domain = document.getElementById('filter-domain');
  var tagged = document.getElementById('filter-tagged');
  var marks = document.getElementById('filter-marks');
  var count = document.getElementById('filter-count');
  if (!domain || !tagged || !marks || !count) return;
  var clauses = document.querySelectorAll('#agreement .clause');
  function apply() {
    var want = domain.value, shown = 0;
    for (var i = 0; i < clauses.length; i++) {
      var doms = clauses[i].getAttribute('data-domains') || ' ';
      var ok = (want === '' || doms.indexOf(' ' + want + ' ') >= 0) && (!tagged.checked || doms !== ' ');
      clauses[i].classList.toggle('hidden', !ok);
      if (ok) shown++;
    }
    document.body.classList.toggle('no-marks', !marks.checked);
    count.textContent = shown + ' of ' + clauses.length + ' clauses shown';
  }
  // A link to a clause the filter hides shows it again.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target) target.classList.remove('hidden');
  }
  domain.addEventListener('change', apply);
  tagged.addEventListener('change', apply);
  marks.addEventListener('change', apply);
  window.addEventListener('hashchange', reveal);
  document.getElementById('scan-controls').classList.remove('hidden');
  apply();
})();
)JS";

constexpr std::array<Severity, 4> kSeverities{Severity::high, Severity::medium, Severity::low, Severity::info};

std::string clause_anchor(std::string_view id) { return anchor("c", id); }

class ScanPage {
public:
    ScanPage(const Document& doc, const Analysis& a, std::ostream& out) : doc_(doc), a_(a), out_(out) {
        for (const Clause& c : doc.clauses) ids_.insert(c.id);
        for (std::size_t i = 0; i < a.findings.size(); ++i)
            first_finding_.emplace(a.findings[i].domain, i);  // findings are most severe first
        for (const ClauseAnalysis& ca : a.clauses) by_id_.emplace(ca.clause_id, &ca);
    }

    void write() {
        std::string title = doc_.title.empty() ? doc_.path : doc_.title;
        html::open_page(out_, "onus scan: " + title, kScanCss, "scan");
        header(title);
        matrix();
        findings();
        sla();
        problems();
        agreement();
        html::close_page(out_, kScanScript);
    }

private:
    // A link to a clause when the document has it, else the id as text.
    std::string clause_link(const std::string& id) const {
        if (!ids_.count(id)) return "<span class=\"cref\">" + escape(id) + "</span>";
        return "<a class=\"cref\" href=\"#" + clause_anchor(id) + "\">" + escape(id) + "</a>";
    }

    std::string clause_links(const std::vector<std::string>& ids) const {
        std::string out;
        for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + clause_link(id);
        return out.empty() ? "<span class=\"muted\">none</span>" : out;
    }

    std::string quote(const Evidence& e, std::size_t most = 200) const {
        std::string out = "“" + escape(html::shorten(e.text, most)) + "”";
        if (!e.clause_id.empty()) out += " in " + clause_link(e.clause_id);
        return out;
    }

    void header(const std::string& title) {
        out_ << "<header id=\"top\">\n<h1>" << escape(title) << "</h1>\n<dl class=\"meta\">\n";
        out_ << "<dt>Document</dt><dd><code>" << escape(doc_.path) << "</code>";
        if (!doc_.format.empty()) out_ << " <span class=\"muted\">(" << escape(doc_.format) << ")</span>";
        out_ << "</dd>\n";
        for (const Party& p : doc_.parties) {
            out_ << "<dt>" << escape(p.role.empty() ? "party" : p.role) << "</dt><dd>"
                 << (p.name.empty() ? "<span class=\"muted\">not named</span>" : escape(p.name));
            if (!p.aliases.empty()) {
                out_ << " <span class=\"muted\">also ";
                for (std::size_t i = 0; i < p.aliases.size(); ++i)
                    out_ << (i ? ", " : "") << "“" << escape(p.aliases[i].text) << "” (" << escape(p.aliases[i].learned)
                         << ")";
                out_ << "</span>";
            }
            out_ << "</dd>\n";
        }
        out_ << "<dt>Delivery model</dt><dd id=\"model\"><strong>"
             << (a_.model.empty() ? "none" : escape(html::upper(a_.model))) << "</strong> ";
        if (!a_.model_guessed)
            out_ << "<span class=\"muted\">(given)</span>";
        else if (a_.model_evidence.text.empty())
            out_ << "<span class=\"muted\">(assumed: the agreement does not describe its service)</span>";
        else
            out_ << "<span class=\"muted\">(guessed from " << quote(a_.model_evidence)
                 << (a_.model_evidence.rule.empty() ? "" : ", rule <code>" + escape(a_.model_evidence.rule) + "</code>")
                 << ")</span>";
        out_ << "</dd>\n<dt>Summary</dt><dd>" << doc_.clauses.size() << " clauses, " << a_.findings.size()
             << " findings";
        for (Severity s : kSeverities) {
            std::size_t n = 0;
            for (const Finding& f : a_.findings) n += f.severity == s;
            if (n) out_ << ", " << n << ' ' << to_string(s);
        }
        out_ << ", " << a_.sla.size() << " SLA numbers</dd>\n</dl>\n</header>\n";
        out_ << "<nav class=\"toc\"><a href=\"#matrix\">Matrix</a><a href=\"#findings\">Findings</a>"
                "<a href=\"#sla\">SLA numbers</a><a href=\"#agreement\">Agreement</a></nav>\n";
    }

    void matrix() {
        out_ << "<section id=\"matrix\">\n<h2>Responsibility matrix</h2>\n<p class=\"legend\">Holder: "
                "<span class=\"key h-provider\">provider</span><span class=\"key h-customer\">customer</span>"
                "<span class=\"key h-shared\">shared</span><span class=\"key h-unassigned\">unassigned</span>"
                "<span class=\"key h-conflict\">conflict</span> Status: <span class=\"key s-agrees\">agrees</span>"
                "<span class=\"key s-deviates\">deviates</span><span class=\"key s-silent\">silent</span>"
                "<span class=\"key s-no-baseline\">no-baseline</span></p>\n"
                "<table class=\"matrix\">\n<thead><tr><th>Domain</th><th>Holder</th><th>Baseline ("
             << (a_.model.empty() ? "none" : escape(html::upper(a_.model)))
             << ")</th><th>Status</th><th>Clauses</th></tr></thead>\n<tbody>\n";
        static const MatrixCell kEmpty{"unassigned", "", "silent", {}};
        for (const std::string& domain : domain_ids()) {
            auto it = a_.matrix.find(domain);
            const MatrixCell& c = it == a_.matrix.end() ? kEmpty : it->second;
            std::string first = c.clauses.empty() || !ids_.count(c.clauses.front())
                                    ? std::string()
                                    : "#" + clause_anchor(c.clauses.front());
            auto finding = first_finding_.find(domain);
            std::string status_target =
                finding != first_finding_.end() ? "#" + anchor("f", std::to_string(finding->second)) : first;
            out_ << "<tr id=\"" << anchor("d", domain) << "\"><th scope=\"row\">" << escape(domain) << "</th>"
                 << "<td class=\"holder h-" << escape(c.holder) << "\">" << linked(first, c.holder) << "</td>"
                 << "<td class=\"baseline h-" << escape(c.baseline.empty() ? "none" : c.baseline) << "\">"
                 << linked("#model", c.baseline.empty() ? "-" : c.baseline) << "</td>"
                 << "<td class=\"status s-" << escape(c.status) << "\">" << linked(status_target, c.status) << "</td>"
                 << "<td class=\"clauses\">" << clause_links(c.clauses) << "</td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    // A link to the domain's matrix row; the matrix has rows for the 12
    // domain ids only.
    static std::string domain_link(const std::string& domain, const char* cls) {
        const std::vector<std::string>& known = domain_ids();
        std::string attr = *cls ? std::string(" class=\"") + cls + "\"" : std::string();
        if (std::find(known.begin(), known.end(), domain) == known.end())
            return "<span" + attr + ">" + escape(domain) + "</span>";
        return "<a" + attr + " href=\"#" + anchor("d", domain) + "\">" + escape(domain) + "</a>";
    }

    static std::string linked(const std::string& target, const std::string& text) {
        if (target.empty()) return escape(text);
        return "<a href=\"" + escape(target) + "\">" + escape(text) + "</a>";
    }

    void findings() {
        out_ << "<section id=\"findings\">\n<h2>Findings (" << a_.findings.size() << ")</h2>\n";
        if (a_.findings.empty()) out_ << "<p class=\"muted\">No findings.</p>\n";
        for (Severity s : kSeverities) {
            std::vector<std::size_t> these;
            for (std::size_t i = 0; i < a_.findings.size(); ++i)
                if (a_.findings[i].severity == s) these.push_back(i);
            if (these.empty()) continue;
            out_ << "<h3 id=\"" << anchor("sev", to_string(s)) << "\"><span class=\"badge sev-" << to_string(s) << "\">"
                 << to_string(s) << "</span> " << these.size() << "</h3>\n<ol class=\"findings\">\n";
            for (std::size_t i : these) finding(i);
            out_ << "</ol>\n";
        }
        out_ << "</section>\n";
    }

    void finding(std::size_t i) {
        const Finding& f = a_.findings[i];
        out_ << "<li id=\"" << anchor("f", std::to_string(i)) << "\" class=\"finding\" data-domain=\""
             << escape(f.domain) << "\"><span class=\"badge\">" << escape(f.kind) << "</span> ";
        if (!f.domain.empty()) out_ << domain_link(f.domain, "badge") << ' ';
        out_ << escape(f.message) << " <span class=\"muted\">[" << clause_links(f.clauses) << "]</span>";
        if (!f.evidence.empty()) {
            out_ << "\n<ul class=\"evidence\">";
            for (const Evidence& e : f.evidence) {
                out_ << "<li>" << quote(e);
                if (!e.rule.empty()) out_ << " <span class=\"muted\">rule <code>" << escape(e.rule) << "</code></span>";
                out_ << "</li>";
            }
            out_ << "</ul>";
        }
        out_ << "</li>\n";
    }

    void sla() {
        out_ << "<section id=\"sla\">\n<h2>SLA numbers (" << a_.sla.size() << ")</h2>\n";
        if (a_.sla.empty()) {
            out_ << "<p class=\"muted\">The agreement commits to no numbers onus recognises.</p>\n</section>\n";
            return;
        }
        out_ << "<table class=\"sla\">\n<thead><tr><th>Metric</th><th>Value</th><th>Clause</th><th>Words</th>"
                "<th>Sole remedy</th></tr></thead>\n<tbody>\n";
        for (const SlaValue& v : a_.sla) {
            std::string value = (v.quantity.bound.empty() ? "" : v.quantity.bound + " ") + describe(v.quantity);
            out_ << "<tr><td>" << escape(v.metric) << "</td><td><strong>" << escape(value) << "</strong>";
            if (!v.quantity.text.empty() && v.quantity.text != value)
                out_ << " <span class=\"muted\">“" << escape(v.quantity.text) << "”</span>";
            out_ << "</td><td>" << clause_link(v.clause_id) << "</td><td>" << escape(html::shorten(v.evidence.text, 240))
                 << "</td><td>" << (v.sole_remedy ? "yes" : "") << "</td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    // Rules that gave up, and what the reader found odd: shown, not hidden.
    void problems() {
        if (a_.failures.empty() && doc_.warnings.empty()) return;
        out_ << "<section id=\"problems\">\n<h2>Warnings</h2>\n<ul>\n";
        for (const RuleFailure& f : a_.failures)
            out_ << "<li>rule <code>" << escape(f.rule ? f.rule->id : std::string("-")) << "</code>: "
                 << escape(f.message) << "</li>\n";
        for (const Diagnostic& w : doc_.warnings)
            out_ << "<li><code>" << escape(w.where) << "</code>: " << escape(w.message) << "</li>\n";
        out_ << "</ul>\n</section>\n";
    }

    const ClauseAnalysis* analysis_of(std::size_t index) const {
        if (a_.clauses.size() == doc_.clauses.size() && a_.clauses[index].clause_id == doc_.clauses[index].id)
            return &a_.clauses[index];
        auto it = by_id_.find(doc_.clauses[index].id);
        return it == by_id_.end() ? nullptr : it->second;
    }

    void agreement() {
        out_ << "<section id=\"agreement\">\n<h2>Agreement</h2>\n"
                "<div class=\"controls no-print hidden\" id=\"scan-controls\">"
                "<label>Domain <select id=\"filter-domain\"><option value=\"\">all clauses</option>";
        for (const std::string& d : domain_ids())
            out_ << "<option value=\"" << escape(d) << "\">" << escape(d) << "</option>";
        out_ << "</select></label> <label><input type=\"checkbox\" id=\"filter-tagged\"/> tagged clauses only</label> "
                "<label><input type=\"checkbox\" id=\"filter-marks\" checked=\"checked\"/> highlight tagged words</label> "
                "<span id=\"filter-count\" class=\"muted\"></span></div>\n"
                "<p class=\"legend\">Highlights: <mark class=\"m-domain\">domain words</mark> "
                "<mark class=\"m-party\">party</mark> <mark class=\"m-modality\">binding words</mark> "
                "<mark class=\"m-carveout\">carve-out</mark> (hover for the rule)</p>\n";
        for (std::size_t i = 0; i < doc_.clauses.size(); ++i) clause(i);
        out_ << "</section>\n";
    }

    void clause(std::size_t index) {
        const Clause& c = doc_.clauses[index];
        const ClauseAnalysis* ca = analysis_of(index);
        std::vector<Tag> none;
        const std::vector<Tag>& tags = ca ? ca->tags : none;
        std::string domains = " ";
        for (const Tag& t : tags) domains += t.domain + " ";
        int level = std::clamp(c.level, 1, 9);
        // An id repeated in the document (which build_clauses() never makes)
        // anchors its first clause only, so that ids stay unique.
        bool first = emitted_.insert(c.id).second;
        out_ << "<div class=\"clause lvl-" << level << (tags.empty() ? "" : " tagged") << "\"";
        if (first) out_ << " id=\"" << clause_anchor(c.id) << "\"";
        out_ << " data-domains=\"" << escape(domains) << "\">\n<div class=\"chead\">";
        std::string shown = c.number.empty() ? c.id : c.number;
        if (first)
            out_ << "<a class=\"cid\" href=\"#" << clause_anchor(c.id) << "\">" << escape(shown) << "</a>";
        else
            out_ << "<span class=\"cid\">" << escape(shown) << "</span>";
        if (!c.heading.empty()) out_ << "<span class=\"heading\">" << escape(c.heading) << "</span>";
        if (shown != c.id) out_ << " <span class=\"unit\">" << escape(c.id) << "</span>";
        out_ << "</div>\n";
        if (!c.text.empty()) {
            out_ << "<div class=\"text\">";
            html::write_marked(out_, c.text, spans(c, tags));
            out_ << "</div>\n";
        }
        if (!tags.empty()) {
            out_ << "<ul class=\"tags\">\n";
            for (const Tag& t : tags) tag_item(c, t);
            out_ << "</ul>\n";
        }
        out_ << "</div>\n";
    }

    static std::string describe_tag(const Tag& t) {
        std::string s = "domain: " + t.domain + " | party: " + t.party + " | modality: " + t.modality +
                        (t.negated ? " (negated)" : "") + " | rule: " + t.rule;
        return s;
    }

    static std::vector<html::Span> spans(const Clause& c, const std::vector<Tag>& tags) {
        std::vector<html::Span> out;
        auto add = [&](const Evidence& e, const char* cls, std::string title) {
            // Evidence from another clause (a party inherited from the list's
            // introduction) has no place in this text.
            if (!e.clause_id.empty() && e.clause_id != c.id) return;
            if (e.end <= e.start || e.end > c.text.size()) return;
            out.push_back(html::Span{e.start, e.end, cls, std::move(title)});
        };
        for (const Tag& t : tags) {
            add(t.evidence, "m-domain", describe_tag(t));
            add(t.party_evidence, "m-party",
                "party: " + t.party + (t.party_evidence.rule.empty() ? "" : " | rule: " + t.party_evidence.rule));
            add(t.modality_evidence, "m-modality",
                "modality: " + t.modality + (t.negated ? " (negated)" : "") +
                    (t.modality_evidence.rule.empty() ? "" : " | rule: " + t.modality_evidence.rule));
            for (const Carveout& k : t.carveouts)
                add(k.evidence, "m-carveout",
                    "carve-out limiting " + t.domain + (k.refers_to.empty() ? "" : " | refers to " + k.refers_to) +
                        (k.evidence.rule.empty() ? "" : " | rule: " + k.evidence.rule));
        }
        return out;
    }

    void tag_item(const Clause& c, const Tag& t) {
        out_ << "<li>" << domain_link(t.domain, "badge") << " <span class=\"h-" << escape(t.party) << "\">" << escape(t.party) << "</span> · " << escape(t.modality)
             << (t.negated ? " (negated)" : "") << " · rule <code>" << escape(t.rule) << "</code>";
        if (!t.evidence.text.empty()) {
            out_ << " · “" << escape(html::shorten(t.evidence.text, 120)) << "”";
            // Words read in another clause (a list's introduction) say where.
            if (!t.evidence.clause_id.empty() && t.evidence.clause_id != c.id)
                out_ << " in " << clause_link(t.evidence.clause_id);
        }
        for (const Carveout& k : t.carveouts) {
            out_ << "<br/>carve-out: “" << escape(html::shorten(k.evidence.text, 160)) << "”";
            if (!k.refers_to.empty()) out_ << " → " << clause_link(k.refers_to);
        }
        out_ << "</li>\n";
    }

    const Document& doc_;
    const Analysis& a_;
    std::ostream& out_;
    std::set<std::string> ids_;
    std::set<std::string> emitted_;
    std::map<std::string, std::size_t> first_finding_;
    std::map<std::string, const ClauseAnalysis*> by_id_;
};

}  // namespace

void write_analysis_html(const Document& doc, const Analysis& analysis, std::ostream& out) {
    ScanPage(doc, analysis, out).write();
}

}  // namespace onus
