// `onus matrix --format html`: the vendors side by side on one
// self-contained page, built with the shell and escaping the scan and diff
// pages use (report/html.hpp). Vendor names, titles, paths and clause text
// all come from documents: every one goes through escape().
#include <algorithm>
#include <string>

#include "onus/quantity.hpp"
#include "onus/vendor_matrix.hpp"
#include "report/html.hpp"

namespace onus {
namespace {

using html::anchor;
using html::escape;

constexpr std::string_view kMatrixCss = R"CSS(
.legend { font-size: .85em; margin: .25rem 0; }
.legend span.key { display: inline-block; padding: 0 .4rem; margin-right: .3rem; border: 1px solid var(--line); border-radius: 3px; }
table.grid td { min-width: 8rem; }
table.grid tr.differs > th:first-child { box-shadow: inset 4px 0 0 var(--high); }
table.grid tr.differs > th:first-child::after { content: " \2260"; color: var(--high); }
table.grid td .ids { display: block; font-size: .8em; color: var(--muted); }
table.grid td.none { color: var(--muted); }
td.best { outline: 2px solid #2e7d32; outline-offset: -2px; }
.badge.best { color: #fff; background: #2e7d32; border-color: #2e7d32; }
.vendor-name { font-weight: 600; }
ul.quotes { list-style: none; padding-left: 0; } ul.quotes li { margin: .35rem 0; }
ul.quotes .text { display: block; margin: .1rem 0 0 1rem; font-size: .9em; }
@media print { tr.differs > th:first-child { box-shadow: none; } }
)CSS";

// Shows only the rows and sections where the vendors differ.
constexpr std::string_view kMatrixScript = R"JS(
(function () {
  var only = document.getElementById('filter-differs');
  var controls = document.getElementById('matrix-controls');
  if (!only || !controls) return;
  var rows = document.querySelectorAll('[data-differs]');
  function apply() {
    for (var i = 0; i < rows.length; i++)
      rows[i].classList.toggle('hidden', only.checked && rows[i].getAttribute('data-differs') !== 'yes');
  }
  only.addEventListener('change', apply);
  controls.classList.remove('hidden');
  apply();
})();
)JS";

std::string column_label(std::size_t i) { return "[" + std::to_string(i + 1) + "]"; }

std::string quote_anchor(const std::string& domain, std::size_t vendor) {
    return anchor("q", domain + "/" + std::to_string(vendor));
}

std::string value_text(const SlaValue& v) {
    return (v.quantity.bound.empty() ? "" : v.quantity.bound + " ") + describe(v.quantity);
}

class MatrixPage {
public:
    MatrixPage(const VendorMatrix& m, std::ostream& out) : m_(m), out_(out) {}

    void write() {
        html::open_page(out_, "onus matrix: " + std::to_string(m_.vendors.size()) + " agreements", kMatrixCss,
                        "matrix");
        header();
        domains();
        sla();
        quotes();
        html::close_page(out_, kMatrixScript);
    }

private:
    void header() {
        std::size_t differing = 0;
        for (const VendorRow& r : m_.domains) differing += r.differs;
        out_ << "<header id=\"top\">\n<h1>Vendor matrix</h1>\n<p class=\"meta\">" << m_.vendors.size()
             << " agreements; the holders differ in " << differing << " of " << m_.domains.size()
             << " domains.</p>\n<table class=\"vendors\">\n<thead><tr><th>Column</th><th>Vendor</th><th>Document</th>"
                "<th>Title</th><th>Model</th><th>Findings</th></tr></thead>\n<tbody>\n";
        for (std::size_t i = 0; i < m_.vendors.size(); ++i) {
            const VendorColumn& v = m_.vendors[i];
            out_ << "<tr id=\"" << anchor("v", std::to_string(i)) << "\"><td>" << column_label(i)
                 << "</td><td class=\"vendor-name\">" << escape(v.vendor) << "</td><td><code>" << escape(v.doc->path)
                 << "</code></td><td>" << escape(v.doc->title) << "</td><td>"
                 << (v.analysis->model.empty() ? "none" : escape(html::upper(v.analysis->model)))
                 << (v.analysis->model_guessed ? " <span class=\"muted\">(guessed)</span>" : "") << "</td><td>"
                 << v.analysis->findings.size() << "</td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n</header>\n"
                "<nav class=\"toc\"><a href=\"#domains\">Domains</a><a href=\"#sla\">SLA numbers</a>"
                "<a href=\"#clauses\">Clauses</a></nav>\n"
                "<div class=\"controls no-print hidden\" id=\"matrix-controls\"><label><input type=\"checkbox\" "
                "id=\"filter-differs\"/> differences only</label></div>\n";
    }

    void vendor_heads() {
        for (std::size_t i = 0; i < m_.vendors.size(); ++i)
            out_ << "<th scope=\"col\"><a href=\"#" << anchor("v", std::to_string(i)) << "\">" << column_label(i)
                 << "</a> " << escape(html::shorten(m_.vendors[i].vendor, 60)) << "</th>";
    }

    void domains() {
        out_ << "<section id=\"domains\">\n<h2>Responsibility by domain</h2>\n<p class=\"legend\">Holder: "
                "<span class=\"key h-provider\">provider</span><span class=\"key h-customer\">customer</span>"
                "<span class=\"key h-shared\">shared</span><span class=\"key h-unassigned\">unassigned</span>"
                "<span class=\"key h-conflict\">conflict</span> ≠ the vendors differ</p>\n"
                "<table class=\"grid domains\">\n<thead><tr><th scope=\"col\">Domain</th>";
        vendor_heads();
        out_ << "</tr></thead>\n<tbody>\n";
        for (const VendorRow& r : m_.domains) {
            out_ << "<tr id=\"" << anchor("d", r.domain) << "\"" << (r.differs ? " class=\"differs\"" : "")
                 << " data-differs=\"" << (r.differs ? "yes" : "no") << "\"><th scope=\"row\">" << escape(r.domain)
                 << "</th>";
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
                const VendorCell& c = r.cells[i];
                out_ << "<td class=\"h-" << escape(c.holder) << "\" title=\"status: " << escape(c.status)
                     << (c.baseline.empty() ? "" : ", baseline: " + escape(c.baseline)) << "\"><a href=\"#"
                     << quote_anchor(r.domain, i) << "\">" << escape(c.holder) << "</a>";
                if (!c.clauses.empty()) {
                    std::string ids;
                    for (const std::string& id : c.clauses) ids += (ids.empty() ? "" : ", ") + id;
                    out_ << "<span class=\"ids\">" << escape(html::shorten(ids, 60)) << "</span>";
                }
                out_ << "</td>";
            }
            out_ << "</tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    void sla() {
        out_ << "<section id=\"sla\">\n<h2>SLA numbers</h2>\n";
        if (m_.sla.empty()) {
            out_ << "<p class=\"muted\">None of the agreements commits to a number onus recognises.</p>\n</section>\n";
            return;
        }
        out_ << "<p class=\"legend\">Each vendor's first value per metric. <span class=\"badge best\">best</span> "
                "the value most favourable to the customer; ≠ the vendors differ.</p>\n"
                "<table class=\"grid sla\">\n<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Better</th>";
        vendor_heads();
        out_ << "</tr></thead>\n<tbody>\n";
        for (const SlaRow& r : m_.sla) {
            out_ << "<tr id=\"" << anchor("m", r.metric) << "\"" << (r.differs ? " class=\"differs\"" : "")
                 << " data-differs=\"" << (r.differs ? "yes" : "no") << "\"><th scope=\"row\">" << escape(r.metric)
                 << "</th><td class=\"muted\">" << (r.better.empty() ? "-" : escape(r.better)) << "</td>";
            for (std::size_t i = 0; i < r.values.size(); ++i) sla_cell(r, i);
            out_ << "</tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    void sla_cell(const SlaRow& r, std::size_t i) {
        const std::optional<SlaValue>& v = r.values[i];
        if (!v) {
            out_ << "<td class=\"none\">not stated</td>";
            return;
        }
        bool best = std::find(r.best.begin(), r.best.end(), i) != r.best.end();
        out_ << "<td" << (best ? " class=\"best\"" : "") << " title=\"" << escape(html::shorten(v->evidence.text, 300))
             << "\"><strong>" << escape(value_text(*v)) << "</strong>";
        if (best) out_ << " <span class=\"badge best\">best</span>";
        if (v->sole_remedy) out_ << " <span class=\"badge\">sole remedy</span>";
        out_ << "<span class=\"ids\">" << escape(v->clause_id) << "</span></td>";
    }

    // The clause behind each cell, quoted: what a reviewer checks before
    // believing a cell.
    void quotes() {
        out_ << "<section id=\"clauses\">\n<h2>The clauses behind each cell</h2>\n";
        for (const VendorRow& r : m_.domains) {
            out_ << "<div class=\"domain\" data-differs=\"" << (r.differs ? "yes" : "no") << "\">\n<h3>"
                 << escape(r.domain) << (r.differs ? " <span class=\"badge sev-medium\">vendors differ</span>" : "")
                 << "</h3>\n<ul class=\"quotes\">\n";
            for (std::size_t i = 0; i < r.cells.size(); ++i) {
                const VendorCell& c = r.cells[i];
                out_ << "<li id=\"" << quote_anchor(r.domain, i) << "\">" << column_label(i)
                     << " <span class=\"vendor-name\">" << escape(html::shorten(m_.vendors[i].vendor, 80))
                     << "</span>: <span class=\"badge h-" << escape(c.holder) << "\">" << escape(c.holder)
                     << "</span> <span class=\"muted\">" << escape(c.status) << "</span>";
                if (c.clauses.empty()) {
                    out_ << " <span class=\"muted\">no clause assigns it</span></li>\n";
                    continue;
                }
                out_ << " <span class=\"muted\">clause";
                if (c.clauses.size() > 1) out_ << 's';
                std::string ids;
                for (const std::string& id : c.clauses) ids += (ids.empty() ? " " : ", ") + id;
                out_ << escape(ids) << "</span>";
                if (!c.quote.empty())
                    out_ << "<span class=\"text\">“" << escape(html::shorten(c.quote, 400)) << "”</span>";
                out_ << "</li>\n";
            }
            out_ << "</ul>\n</div>\n";
        }
        out_ << "</section>\n";
    }

    const VendorMatrix& m_;
    std::ostream& out_;
};

}  // namespace

void write_vendor_matrix_html(const VendorMatrix& m, std::ostream& out) { MatrixPage(m, out).write(); }

}  // namespace onus
