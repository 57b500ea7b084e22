// Pieces the HTML reports share: escaping, fragment ids, the page shell
// (inline CSS and script, CSP), and text with overlapping highlighted spans.
//
// Every string that came from a document goes through escape() (text and
// attribute values alike); ids go through anchor(). The markup stays
// XHTML-compatible (void elements self-closed, attributes quoted, script
// and style in CDATA sections that HTML parsers read as comments) so that
// tests can parse a page with an XML parser.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace onus::html {

// Escape for element text and attribute values: & < > " ' become
// entities; tab, LF and CR become character references (so they survive in
// attributes); other C0 controls and DEL, which neither HTML nor XML
// allows, become U+FFFD. Invalid UTF-8 is replaced by U+FFFD as well.
std::string escape(std::string_view text);

// A fragment id: prefix + "-" + the key with letters, digits, '-' and '.'
// kept and every other byte written as "_XX" (upper-case hex). Injective,
// ASCII, never empty, no characters that need escaping in href="#...".
std::string anchor(std::string_view prefix, std::string_view key);

// Cut to at most `most` bytes on a character boundary, with "..." when cut;
// newlines and tabs become spaces.
std::string shorten(std::string_view text, std::size_t most);

std::string upper(std::string_view text);

// <!DOCTYPE html> ... <body class="body_class">, with the shared CSS and
// then `page_css` in one <style>.
void open_page(std::ostream& out, std::string_view title, std::string_view page_css, std::string_view body_class);
// The shared script (opens every <details> before printing), then
// `page_script`, then </body></html>. Scripts are constants of the program,
// never document text.
void close_page(std::ostream& out, std::string_view page_script);

// A highlighted range of a text: [start, end) in bytes.
struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string css_class;  // "m-domain", "m-party", ...
    std::string title;      // what the span means, shown on hover
};

// Write `text` escaped, with the spans as <mark> elements. Overlapping
// spans are split at every span edge: each piece becomes one flat <mark>
// carrying the classes and titles (deduplicated) of every span covering it,
// so the markup never interleaves. Spans out of range or empty are
// ignored; edges inside a UTF-8 character move to the character's start.
void write_marked(std::ostream& out, std::string_view text, const std::vector<Span>& spans);

}  // namespace onus::html
