// `onus diff --format html`: the comparison as one self-contained page: a
// summary with bar charts, every shift in a table, then each changed clause
// old | new (or inline) with a word-level redline and its shifts. Filters
// hide changes through data-* attributes only; the words stay in the markup.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "onus/diff.hpp"
#include "onus/patterns.hpp"
#include "onus/report_html.hpp"
#include "report/html.hpp"

namespace onus {
namespace {

using html::anchor;
using html::escape;

constexpr std::array<const char*, 5> kKinds{"modified", "added", "deleted", "moved", "renumbered"};
constexpr std::array<const char*, 3> kDirections{"to-customer", "to-provider", "neutral"};
constexpr std::array<const char*, 7> kShiftTypes{"party",      "modality",   "quantity", "exception",
                                                 "disclaimer", "obligation", "scope"};

constexpr std::string_view kDiffCss = R"CSS(
.k-modified { background: #fff1c2; } .k-added { background: #d8f3dc; } .k-deleted { background: #ffd6d6; }
.k-moved { background: #e9ddff; } .k-renumbered { background: #dbe9ff; } .k-unchanged { background: #eceef1; }
.d-to-customer { background: #e57373; color: #fff; } .d-to-provider { background: #5c9ce6; color: #fff; }
.d-neutral { background: #9e9e9e; color: #fff; }
.counts td, .counts th { text-align: center; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 3rem; }
.chart { min-width: 22rem; flex: 1; }
.chart .row { display: grid; grid-template-columns: 9rem 1fr 2.5rem; gap: .5rem; align-items: center; margin: .15rem 0; }
.chart .bar { display: flex; height: .95rem; background: var(--soft); border: 1px solid var(--line); }
.chart .bar span { display: block; height: 100%; }
.chart .n { text-align: right; font-variant-numeric: tabular-nums; }
.change { margin: 0 0 1.25rem; padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; }
.change-head { font-weight: 600; margin-bottom: .35rem; }
.change-head .ids { margin: 0 .35rem; }
.change-head .note { font-weight: 400; color: var(--muted); font-size: .9em; }
ul.shifts { list-style: none; margin: .25rem 0 .5rem; padding: 0; }
ul.shifts li { margin: .2rem 0; padding: .2rem .4rem; border-left: 4px solid var(--line); background: var(--soft); }
ul.shifts li.dir-to-customer { border-left-color: #e57373; } ul.shifts li.dir-to-provider { border-left-color: #5c9ce6; }
ul.shifts li.dim { opacity: .35; }
.ba { font-size: .85em; color: var(--muted); }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
.side { padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 4px; min-width: 0; }
.side-head { font-size: .85em; color: var(--muted); margin-bottom: .2rem; }
.inl { display: none; }
body.inline-view .sbs { display: none; } body.inline-view .inl { display: block; }
del { background: #ffd6d6; color: #8a1c1c; text-decoration: line-through; }
ins { background: #d8f3dc; color: #14532d; text-decoration: underline; }
details.same { font-size: .9em; }
table.shift-table td.expl { width: 50%; }
@media print { .sbs { grid-template-columns: 1fr 1fr; } }
)CSS";

constexpr std::string_view kDiffScript = R"JS(
(function () {
  var controls = document.getElementById('diff-controls');
  var domain = document.getElementById('filter-domain');
  var unshifted = document.getElementById('filter-unshifted');
  var count = document.getElementById('filter-count');
  if (!controls || !domain || !unshifted || !count) return;
  var changes = document.querySelectorAll('#changes .change');
  function picked(name) {
    var boxes = controls.querySelectorAll('input[name="' + name + '"]'), on = {};
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) on[boxes[i].value] = true;
    return on;
  }
  function apply() {
    var kinds = picked('kind'), dirs = picked('direction'), types = picked('type'), view = picked('view');
    var want = domain.value, shown = 0;
    document.body.classList.toggle('inline-view', view.inline === true);
    for (var i = 0; i < changes.length; i++) {
      var change = changes[i], shifts = change.querySelectorAll('.shift'), any = false;
      for (var j = 0; j < shifts.length; j++) {
        var s = shifts[j];
        var ok = dirs[s.getAttribute('data-direction')] === true && types[s.getAttribute('data-type')] === true &&
                 (want === '' || s.getAttribute('data-domain') === want);
        s.classList.toggle('dim', !ok);
        if (ok) any = true;
      }
      var visible = kinds[change.getAttribute('data-kind')] === true &&
                    (shifts.length > 0 ? any : (unshifted.checked && want === ''));
      change.classList.toggle('hidden', !visible);
      if (visible) shown++;
    }
    count.textContent = shown + ' of ' + changes.length + ' changes shown';
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target) target.classList.remove('hidden');
  }
  // A filtered view can be shared as a link: ?domain=data&direction=to-customer&type=quantity,party
  function preset() {
    var query = location.search.slice(1).split('&');
    for (var q = 0; q < query.length; q++) {
      var pair = query[q].split('='), name = decodeURIComponent(pair[0] || ''), value = decodeURIComponent(pair[1] || '');
      if (name === 'domain') domain.value = value;
      if (name === 'kind' || name === 'direction' || name === 'type') {
        var wanted = value.split(','), boxes = controls.querySelectorAll('input[name="' + name + '"]');
        for (var b = 0; b < boxes.length; b++) boxes[b].checked = wanted.indexOf(boxes[b].value) >= 0;
      }
    }
  }
  var inputs = controls.querySelectorAll('input, select');
  for (var k = 0; k < inputs.length; k++) inputs[k].addEventListener('change', apply);
  window.addEventListener('hashchange', reveal);
  controls.classList.remove('hidden');
  preset();
  apply();
})();
)JS";

std::string percent(std::size_t n, std::size_t of) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", of ? 100.0 * static_cast<double>(n) / static_cast<double>(of) : 0.0);
    return buf;
}

class DiffPage {
public:
    DiffPage(const Document& old_doc, const Document& new_doc, const VersionDiff& d, std::ostream& out)
        : old_(old_doc), new_(new_doc), d_(d), out_(out) {}

    void write() {
        std::string old_title = old_.title.empty() ? old_.path : old_.title;
        std::string new_title = new_.title.empty() ? new_.path : new_.title;
        html::open_page(out_, "onus diff: " + old_title + " → " + new_title, kDiffCss, "diff");
        header(old_title, new_title);
        summary();
        shift_table();
        changes();
        html::close_page(out_, kDiffScript);
    }

private:
    static const Clause* clause_at(const Document& doc, const std::optional<std::size_t>& i) {
        return i && *i < doc.clauses.size() ? &doc.clauses[*i] : nullptr;
    }

    static std::string ids_of(const Document& doc, const std::vector<std::size_t>& indices) {
        std::string out;
        for (std::size_t i : indices)
            if (i < doc.clauses.size()) out += (out.empty() ? "" : ", ") + doc.clauses[i].id;
        return out;
    }

    // "4.3 → 4.3", "4.9 → (deleted)".
    std::string change_label(const Change& c) const {
        const Clause* o = clause_at(old_, c.old_index);
        const Clause* n = clause_at(new_, c.new_index);
        return (o ? o->id : std::string("(new)")) + " → " + (n ? n->id : std::string("(deleted)"));
    }

    static std::string change_id(std::size_t i) { return anchor("ch", std::to_string(i)); }

    void header(const std::string& old_title, const std::string& new_title) {
        out_ << "<header id=\"top\">\n<h1>" << escape(old_title == new_title ? new_title : old_title + " → " + new_title)
             << "</h1>\n<dl class=\"meta\">\n<dt>Old version</dt><dd><code>" << escape(old_.path) << "</code>";
        if (!old_.format.empty()) out_ << " <span class=\"muted\">(" << escape(old_.format) << ")</span>";
        out_ << "</dd>\n<dt>New version</dt><dd><code>" << escape(new_.path) << "</code>";
        if (!new_.format.empty()) out_ << " <span class=\"muted\">(" << escape(new_.format) << ")</span>";
        const VersionDiffSummary& s = d_.summary;
        out_ << "</dd>\n<dt>Shifts</dt><dd>" << (s.to_customer + s.to_provider + s.neutral) << " responsibility shifts: "
             << s.to_customer << " to the customer, " << s.to_provider << " to the provider, " << s.neutral
             << " neutral</dd>\n</dl>\n";
        if (d_.budget_hit)
            out_ << "<p class=\"muted\"><strong>Note:</strong> the comparison budget ran out; some moved clauses may "
                    "show as added and deleted.</p>\n";
        out_ << "</header>\n<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#shifts\">Shifts</a>"
                "<a href=\"#changes\">Changes</a></nav>\n";
    }

    void summary() {
        const VersionDiffSummary& s = d_.summary;
        const std::array<std::pair<const char*, std::size_t>, 6> counts{{{"modified", s.modified},
                                                                         {"added", s.added},
                                                                         {"deleted", s.deleted},
                                                                         {"moved", s.moved},
                                                                         {"renumbered", s.renumbered},
                                                                         {"unchanged", s.unchanged}}};
        out_ << "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"counts\">\n<thead><tr>";
        for (const auto& [kind, n] : counts) out_ << "<th class=\"k-" << kind << "\">" << kind << "</th>";
        out_ << "</tr></thead>\n<tbody><tr>";
        for (const auto& [kind, n] : counts) out_ << "<td>" << n << "</td>";
        out_ << "</tr></tbody>\n</table>\n<div class=\"charts\">\n";

        // Counted from the shifts themselves, so that the charts and the
        // table below always agree with what the page lists.
        std::map<std::string, std::size_t> by_direction;
        std::map<std::string, std::map<std::string, std::size_t>> by_domain;  // domain -> direction -> n
        std::size_t total = 0;
        for (const Change& c : d_.changes)
            for (const Shift& sh : c.shifts) {
                ++by_direction[sh.direction];
                ++by_domain[sh.domain.empty() ? "(no domain)" : sh.domain][sh.direction];
                ++total;
            }
        out_ << "<div class=\"chart\" id=\"chart-direction\">\n<h3>Shifts by direction</h3>\n";
        std::size_t top = 0;
        for (const auto& [dir, n] : by_direction) top = std::max(top, n);
        for (const char* dir : kDirections) {
            std::size_t n = by_direction.count(dir) ? by_direction.at(dir) : 0;
            out_ << "<div class=\"row\"><span>" << dir << "</span><span class=\"bar\"><span class=\"d-" << dir
                 << "\" style=\"width:" << percent(n, top) << "\"></span></span><span class=\"n\">" << n
                 << "</span></div>\n";
        }
        out_ << "</div>\n<div class=\"chart\" id=\"chart-domain\">\n<h3>Shifts by domain</h3>\n";
        if (total == 0) out_ << "<p class=\"muted\">No shifts.</p>\n";
        std::size_t widest = 0;
        for (const auto& [domain, dirs] : by_domain) {
            std::size_t n = 0;
            for (const auto& [dir, k] : dirs) n += k;
            widest = std::max(widest, n);
        }
        std::vector<std::string> order = domain_ids();
        for (const auto& [domain, dirs] : by_domain)
            if (std::find(order.begin(), order.end(), domain) == order.end()) order.push_back(domain);
        for (const std::string& domain : order) {
            auto it = by_domain.find(domain);
            if (it == by_domain.end()) continue;
            std::size_t n = 0;
            out_ << "<div class=\"row\"><span>" << escape(domain) << "</span><span class=\"bar\">";
            for (const char* dir : kDirections) {
                std::size_t k = it->second.count(dir) ? it->second.at(dir) : 0;
                n += k;
                if (k)
                    out_ << "<span class=\"d-" << dir << "\" title=\"" << k << ' ' << dir << "\" style=\"width:"
                         << percent(k, widest) << "\"></span>";
            }
            out_ << "</span><span class=\"n\">" << n << "</span></div>\n";
        }
        out_ << "</div>\n</div>\n</section>\n";
    }

    void shift_table() {
        struct Row {
            const Shift* shift;
            std::size_t change;
        };
        std::vector<Row> rows;
        for (std::size_t i = 0; i < d_.changes.size(); ++i)
            for (const Shift& sh : d_.changes[i].shifts) rows.push_back({&sh, i});
        std::stable_sort(rows.begin(), rows.end(),
                         [](const Row& a, const Row& b) { return a.shift->severity > b.shift->severity; });
        out_ << "<section id=\"shifts\">\n<h2>Shifts (" << rows.size() << ")</h2>\n";
        if (rows.empty()) {
            out_ << "<p class=\"muted\">No change moves responsibility between the parties.</p>\n</section>\n";
            return;
        }
        out_ << "<table class=\"shift-table\">\n<thead><tr><th>Severity</th><th>Type</th><th>Direction</th>"
                "<th>Domain</th><th>Explanation</th><th>Clause</th></tr></thead>\n<tbody>\n";
        for (const Row& r : rows) {
            const Shift& sh = *r.shift;
            out_ << "<tr><td><span class=\"badge sev-" << to_string(sh.severity) << "\">" << to_string(sh.severity)
                 << "</span></td><td>" << escape(sh.type) << "</td><td><span class=\"badge d-" << escape(sh.direction)
                 << "\">" << escape(sh.direction) << "</span></td><td>" << escape(sh.domain.empty() ? "-" : sh.domain)
                 << "</td><td class=\"expl\">" << escape(sh.explanation) << "</td><td><a href=\"#" << change_id(r.change)
                 << "\">" << escape(change_label(d_.changes[r.change])) << "</a></td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    void controls() {
        out_ << "<div class=\"controls no-print hidden\" id=\"diff-controls\">\n"
                "<fieldset><legend>View</legend><label><input type=\"radio\" name=\"view\" value=\"side\" "
                "checked=\"checked\"/> side by side</label><label><input type=\"radio\" name=\"view\" "
                "value=\"inline\"/> inline</label></fieldset>\n";
        auto boxes = [&](const char* legend, const char* name, const auto& values) {
            out_ << "<fieldset><legend>" << legend << "</legend>";
            for (const char* v : values)
                out_ << "<label><input type=\"checkbox\" name=\"" << name << "\" value=\"" << v
                     << "\" checked=\"checked\"/> " << v << "</label>";
            out_ << "</fieldset>\n";
        };
        boxes("Change", "kind", kKinds);
        boxes("Direction", "direction", kDirections);
        boxes("Shift type", "type", kShiftTypes);
        out_ << "<fieldset><legend>Domain</legend><select id=\"filter-domain\"><option value=\"\">any</option>";
        for (const std::string& d : domain_ids())
            out_ << "<option value=\"" << escape(d) << "\">" << escape(d) << "</option>";
        out_ << "<option value=\"-\">(no domain)</option></select> <label><input type=\"checkbox\" "
                "id=\"filter-unshifted\" checked=\"checked\"/> changes without shifts</label></fieldset>\n"
                "<span id=\"filter-count\" class=\"muted\"></span>\n</div>\n";
    }

    void changes() {
        out_ << "<section id=\"changes\">\n<h2>Changes (" << d_.changes.size() << ")</h2>\n";
        controls();
        if (d_.changes.empty()) out_ << "<p class=\"muted\">The versions do not differ.</p>\n";
        for (std::size_t i = 0; i < d_.changes.size(); ++i) change(i);
        out_ << "</section>\n";
    }

    void change(std::size_t i) {
        const Change& c = d_.changes[i];
        const Clause* o = clause_at(old_, c.old_index);
        const Clause* n = clause_at(new_, c.new_index);
        const char* kind = to_string(c.kind);
        out_ << "<article class=\"change\" id=\"" << change_id(i) << "\" data-kind=\"" << kind << "\">\n"
             << "<div class=\"change-head\"><span class=\"badge k-" << kind << "\">" << kind
             << "</span><span class=\"ids\">" << escape(change_label(c)) << "</span>";
        if (const Clause* named = n ? n : o; named && !named->heading.empty())
            out_ << "<span class=\"heading\">" << escape(named->heading) << "</span>";
        // A moved clause that also got a new number says so, and so does a
        // modified one: the kind names only one of the two.
        if (o && n && o->id != n->id && c.kind != ChangeKind::renumbered)
            out_ << " <span class=\"badge k-renumbered\">renumbered " << escape(o->id) << " → " << escape(n->id)
                 << "</span>";
        if (c.kind == ChangeKind::moved)
            out_ << " <span class=\"note\">out of order relative to its neighbours</span>";
        if (o && n && o->heading != n->heading) out_ << " <span class=\"note\">heading changed</span>";
        if (!c.also_old.empty()) out_ << " <span class=\"note\">merged with old " << escape(ids_of(old_, c.also_old)) << "</span>";
        if (!c.also_new.empty()) out_ << " <span class=\"note\">split into new " << escape(ids_of(new_, c.also_new)) << "</span>";
        out_ << "</div>\n";
        if (o && n && o->heading != n->heading) {
            out_ << "<div class=\"heading-change\">heading: ";
            if (!o->heading.empty()) out_ << "<del>" << escape(o->heading) << "</del> ";
            if (!n->heading.empty()) out_ << "<ins>" << escape(n->heading) << "</ins>";
            out_ << "</div>\n";
        }
        if (!c.note.empty()) out_ << "<p class=\"note\">" << escape(c.note) << "</p>\n";
        shifts(c);
        body(c, o, n);
        out_ << "</article>\n";
    }

    void shifts(const Change& c) {
        if (c.shifts.empty()) return;
        out_ << "<ul class=\"shifts\">\n";
        for (const Shift& sh : c.shifts) {
            out_ << "<li class=\"shift dir-" << escape(sh.direction) << "\" data-type=\"" << escape(sh.type)
                 << "\" data-direction=\"" << escape(sh.direction) << "\" data-domain=\""
                 << escape(sh.domain.empty() ? "-" : sh.domain) << "\"><span class=\"badge sev-"
                 << to_string(sh.severity) << "\">" << to_string(sh.severity) << "</span> <span class=\"badge\">"
                 << escape(sh.type) << "</span> <span class=\"badge d-" << escape(sh.direction) << "\">"
                 << escape(sh.direction) << "</span>";
            if (!sh.domain.empty()) out_ << " <span class=\"badge\">" << escape(sh.domain) << "</span>";
            out_ << " " << escape(sh.explanation);
            if (!sh.before.empty() || !sh.after.empty() || !sh.rule.empty()) {
                out_ << "<div class=\"ba\">";
                if (!sh.before.empty()) out_ << "before: “" << escape(html::shorten(sh.before, 200)) << "” ";
                if (!sh.after.empty()) out_ << "after: “" << escape(html::shorten(sh.after, 200)) << "” ";
                if (!sh.rule.empty()) out_ << "rule <code>" << escape(sh.rule) << "</code>";
                out_ << "</div>";
            }
            out_ << "</li>\n";
        }
        out_ << "</ul>\n";
    }

    enum class Side { old_side, new_side, both };

    // The redline of one side (or both, inline) from the word edits.
    void redline(const std::vector<Edit>& edits, Side side) {
        for (const Edit& e : edits) {
            switch (e.op) {
                case Edit::Op::equal:
                    out_ << escape(side == Side::old_side ? e.old_text : e.new_text);
                    break;
                case Edit::Op::del:
                    if (side != Side::new_side) out_ << "<del>" << escape(e.old_text) << "</del>";
                    break;
                case Edit::Op::insert:
                    if (side != Side::old_side) out_ << "<ins>" << escape(e.new_text) << "</ins>";
                    break;
            }
        }
    }

    static std::string side_head(const char* which, const Clause* c) {
        if (!c) return std::string(which) + ": not in this version";
        return std::string(which) + (*which ? " " : "") + c->id + (c->heading.empty() ? "" : " " + c->heading);
    }

    void body(const Change& c, const Clause* o, const Clause* n) {
        bool words_changed = has_changes(c.edits) || (c.edits.empty() && (!o || !n));
        if (!words_changed) {
            // Renumbered or moved as it stood: one copy of the words is enough.
            const Clause* shown = n ? n : o;
            if (shown && !shown->text.empty())
                out_ << "<details class=\"same\"><summary>text unchanged</summary><div class=\"text\">"
                     << escape(shown->text) << "</div></details>\n";
            return;
        }
        out_ << "<div class=\"sbs\">\n<div class=\"side old\"><div class=\"side-head\">"
             << escape(side_head("old", o)) << "</div><div class=\"text\">";
        if (!c.edits.empty()) redline(c.edits, Side::old_side);
        else if (o) out_ << "<del>" << escape(o->text) << "</del>";
        out_ << "</div></div>\n<div class=\"side new\"><div class=\"side-head\">" << escape(side_head("new", n))
             << "</div><div class=\"text\">";
        if (!c.edits.empty()) redline(c.edits, Side::new_side);
        else if (n) out_ << "<ins>" << escape(n->text) << "</ins>";
        out_ << "</div></div>\n</div>\n<div class=\"inl\"><div class=\"side-head\">";
        if (o && n && o->id != n->id)
            out_ << escape(o->id) << " → " << escape(side_head("", n));
        else
            out_ << escape(side_head(n ? "new" : "old", n ? n : o));
        out_ << "</div><div class=\"text\">";
        if (!c.edits.empty()) redline(c.edits, Side::both);
        else if (n) out_ << "<ins>" << escape(n->text) << "</ins>";
        else if (o) out_ << "<del>" << escape(o->text) << "</del>";
        out_ << "</div></div>\n";
    }

    const Document& old_;
    const Document& new_;
    const VersionDiff& d_;
    std::ostream& out_;
};

}  // namespace

void write_comparison_html(const Document& old_doc, const Document& new_doc, const VersionDiff& diff,
                           std::ostream& out) {
    DiffPage(old_doc, new_doc, diff, out).write();
}

}  // namespace onus
