// The HTML reports' shared shell. See html.hpp.
#include "report/html.hpp"

#include <algorithm>
#include <cctype>

#include "onus/text.hpp"

namespace onus::html {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Light colours only: the page is meant to print, and a printer ignores
// backgrounds unless told (print-color-adjust below keeps the pale tints).
constexpr std::string_view kSharedCss = R"CSS(
:root { --ink: #1d2430; --muted: #5b6575; --line: #d5dae2; --paper: #ffffff; --soft: #f4f6f9;
        --provider: #dbe9ff; --customer: #ffe8cc; --shared: #e9ddff; --unassigned: #eceef1; --conflict: #ffd6d6;
        --agrees: #d8f3dc; --deviates: #ffd6d6; --silent: #fff1c2; --nobase: #eceef1;
        --high: #c62828; --medium: #d9822b; --low: #2f6fb5; --info: #6b7280; }
/* Holder colours, one set for every page that shows a matrix. */
.h-provider { background: var(--provider); } .h-customer { background: var(--customer); }
.h-shared { background: var(--shared); } .h-unassigned, .h-none { background: var(--unassigned); }
.h-conflict { background: var(--conflict); font-weight: 600; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem 2rem 4rem; color: var(--ink); background: var(--paper);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
a { color: #1f5fbf; }
a:target, :target { outline: 3px solid #ffcf4d; outline-offset: 2px; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.muted { color: var(--muted); }
.meta { margin: .25rem 0; }
.meta dt { font-weight: 600; float: left; clear: left; width: 9rem; }
.meta dd { margin: 0 0 .2rem 9.5rem; }
nav.toc { margin: 1rem 0; padding: .5rem .75rem; background: var(--soft); border-radius: 6px; }
nav.toc a { margin-right: 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8em; font-weight: 600;
         border: 1px solid var(--line); background: var(--soft); white-space: nowrap; }
.sev-high { color: #fff; background: var(--high); border-color: var(--high); }
.sev-medium { color: #fff; background: var(--medium); border-color: var(--medium); }
.sev-low { color: #fff; background: var(--low); border-color: var(--low); }
.sev-info { color: #fff; background: var(--info); border-color: var(--info); }
.controls { margin: 1rem 0; padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); }
.controls fieldset { display: inline-block; border: 0; margin: 0 1.25rem .25rem 0; padding: 0; vertical-align: top; }
.controls legend { font-weight: 600; padding: 0; }
.controls label { margin-right: .6rem; white-space: nowrap; }
.hidden { display: none !important; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
details > summary { cursor: pointer; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .hidden { display: revert !important; }
  .controls, nav.toc, .no-print { display: none !important; }
  a { color: inherit; text-decoration: none; }
  /* Badges print as outlined words: no solid dark fills on paper. */
  .badge { background: #fff !important; color: var(--ink) !important; border-color: currentColor !important; }
  .badge.sev-high { color: var(--high) !important; } .badge.sev-medium { color: var(--medium) !important; }
  .badge.sev-low { color: var(--low) !important; } .badge.sev-info { color: var(--info) !important; }
  h2 { break-after: avoid; }
  tr, li, .clause, .change { break-inside: avoid; }
}
)CSS";

// Opens every <details> for printing, so that nothing is left folded.
constexpr std::string_view kSharedScript = R"JS(
window.addEventListener('beforeprint', function () {
  var all = document.querySelectorAll('details');
  for (var i = 0; i < all.length; i++) all[i].open = true;
});
)JS";

bool is_plain(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Move a byte offset back to the start of the UTF-8 character it falls in.
std::size_t char_start(std::string_view text, std::size_t at) {
    at = std::min(at, text.size());
    while (at > 0 && at < text.size() && is_continuation(static_cast<unsigned char>(text[at]))) --at;
    return at;
}

}  // namespace

std::string escape(std::string_view text) {
    std::string repaired;
    if (!is_valid_utf8(text)) {
        repaired = sanitize_utf8(text);
        text = repaired;
    }
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default:
                if (c < 0x20 || c == 0x7F) out += kReplacement;
                else out += ch;
        }
    }
    return out;
}

std::string anchor(std::string_view prefix, std::string_view key) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out(prefix);
    out += '-';
    for (char ch : key) {
        auto c = static_cast<unsigned char>(ch);
        if (is_plain(c)) {
            out += ch;
        } else {
            out += '_';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

std::string shorten(std::string_view text, std::size_t most) { return one_line(text, most); }

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

void open_page(std::ostream& out, std::string_view title, std::string_view page_css, std::string_view body_class) {
    // The CSP is a second line of defence behind escaping: even a tag that
    // slipped through could load nothing from anywhere.
    out << "<!DOCTYPE html>\n"
           "<html lang=\"en\">\n<head>\n"
           "<meta charset=\"utf-8\"/>\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
           "<meta name=\"generator\" content=\"onus\"/>\n"
           "<title>"
        << escape(title)
        << "</title>\n"
           "<style>/*<![CDATA[*/"
        << kSharedCss << page_css << "/*]]>*/</style>\n</head>\n<body class=\"" << escape(body_class) << "\">\n";
}

void close_page(std::ostream& out, std::string_view page_script) {
    // CDATA inside a line comment: an XML parser sees a CDATA section, an
    // HTML parser sees JavaScript comments.
    out << "<script>//<![CDATA[" << kSharedScript << page_script << "//]]></script>\n</body>\n</html>\n";
}

void write_marked(std::ostream& out, std::string_view text, const std::vector<Span>& spans) {
    std::vector<Span> usable;
    std::vector<std::size_t> edges{0, text.size()};
    for (const Span& s : spans) {
        std::size_t start = char_start(text, s.start), end = char_start(text, s.end);
        if (s.start > text.size() || s.end > text.size() || start >= end) continue;
        usable.push_back(Span{start, end, s.css_class, s.title});
        edges.push_back(start);
        edges.push_back(end);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        std::size_t from = edges[i], to = edges[i + 1];
        std::vector<std::string> classes, titles;
        for (const Span& s : usable) {
            if (s.start > from || s.end < to) continue;
            if (std::find(classes.begin(), classes.end(), s.css_class) == classes.end()) classes.push_back(s.css_class);
            if (!s.title.empty() && std::find(titles.begin(), titles.end(), s.title) == titles.end())
                titles.push_back(s.title);
        }
        std::string piece = escape(text.substr(from, to - from));
        if (classes.empty()) {
            out << piece;
            continue;
        }
        std::sort(classes.begin(), classes.end());
        std::string cls, tip;
        for (const std::string& c : classes) cls += (cls.empty() ? "" : " ") + c;
        for (const std::string& t : titles) tip += (tip.empty() ? "" : "\n") + t;
        if (classes.size() > 1) cls += " m-many";
        out << "<mark class=\"" << escape(cls) << "\" title=\"" << escape(tip) << "\">" << piece << "</mark>";
    }
}

}  // namespace onus::html
