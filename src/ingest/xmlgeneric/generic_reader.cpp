// Any XML that is not a known office or legal format: a contract exported
// from a CMS, a bill in a DTD of its own (US bills: <section><enum>2.</enum>
// <header>Findings</header><text>...</text>), an agreement in a home-made
// schema. Text is read in document order; the structure is guessed:
//
//   - a clause is an element with a child that holds a number (num, number,
//     no, nr, enum, label, n, or an attribute n/num/number/no/nr) whose text
//     looks like a clause number, and/or a child that holds a heading (title,
//     heading, head, header, caption; "name" only beside a number, since a
//     named thing is more often a party than a clause). The parts must be in
//     the element's own namespace: dc:title inside a metadata block does not
//     make the block a clause. An "id" is never a number: ids identify
//     elements for machines (id="H61CDE0BE...", "sec_1"), nearly every element
//     of some schemas has one, and they are not what a reader sees;
//   - an element holding text of its own (mixed content), or only inline
//     markup (b, i, em...), is one paragraph; one holding only elements is
//     walked through;
//   - the root element is never a clause: its title is the document's.
//
// LoadOptions::xml (XmlClauseHint) replaces the guess for a known schema.
// A DOCTYPE is allowed (bills carry one) but never resolved: pugixml neither
// fetches external DTDs nor expands declared entities, and references left
// in the text are reported.
#include <string>
#include <unordered_set>

#include <boost/regex.hpp>

#include "ingest/readers.hpp"
#include "ingest/xml.hpp"
#include "ingest/xmlgeneric/xml_blocks.hpp"

namespace onus::ingest {
namespace {

using xmlblocks::ClauseParts;
using xmlblocks::Role;

const std::unordered_set<std::string_view> kNumberNames = {"num", "number", "no", "nr", "enum", "label", "n"};
const std::unordered_set<std::string_view> kNumberAttributes = {"n", "num", "number", "no", "nr"};
const std::unordered_set<std::string_view> kHeadingNames = {"title", "heading", "head", "header", "caption"};

// Inline markup of the common vocabularies (HTML, DocBook, TEI, JATS, bills).
const std::unordered_set<std::string_view> kInline = {
    "b", "i", "u", "em", "strong", "sup", "sub", "span", "a", "ref", "xref", "link", "ulink", "quote", "q",
    "term", "emphasis", "code", "small", "big", "tt", "s", "strike", "abbr", "acronym", "cite", "date", "time",
    "inline", "phrase", "bold", "italic", "underline", "short-title", "external-xref", "internal-xref", "font",
    "hi", "foreign", "name", "persName", "orgName", "placeName", "def", "defined-term", "remark", "mark",
};

const std::unordered_set<std::string_view> kTables = {"table", "informaltable"};
const std::unordered_set<std::string_view> kBreaks = {"br", "lb", "eol"};
const std::unordered_set<std::string_view> kNotes = {"footnote", "fn", "endnote"};
const std::unordered_set<std::string_view> kBlocksInInline = {"p", "para", "ul", "ol", "list", "itemizedlist",
                                                              "orderedlist", "blockquote", "quoted-block"};

// A clause number as people write them: "4.2", "(a)", "iv.", "SEC. 2.",
// "Article 7", "§ 3", "12-1". Short, and its last word numeric-looking.
bool looks_like_number(const std::string& s) {
    if (s.empty() || s.size() > 24) return false;
    static const boost::regex pattern(
        R"(^(?:(?:[A-Za-z]+\.?|\xC2\xA7)\s+){0,2}[(\[]?(?:\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*|[A-Za-z]|[ivxlcdmIVXLCDM]{1,7})[)\]]?[.:]?$)");
    return boost::regex_match(s, pattern);
}

class GenericSchema : public xmlblocks::Schema {
public:
    GenericSchema(const pugi::xml_node& root, const Namespaces& ns, const XmlClauseHint& hint)
        : root_(root), ns_(ns), hint_(hint) {
        if (hint.number_element.size() > 1 && hint.number_element[0] == '@')
            number_attribute_ = hint.number_element.substr(1);
    }

    Role block_role(const pugi::xml_node& e) const override {
        std::string_view name = local_name(e.name());
        if (e == root_) return Role::wrapper;
        if (kTables.count(name)) return Role::table;
        if (is_clause(e)) return Role::container;
        if (kBreaks.count(name)) return Role::line_break;
        if (kNotes.count(name)) return Role::note;
        if (kInline.count(name)) return Role::inline_text;
        if (xmlblocks::has_direct_text(e)) return Role::paragraph;
        // Only inline markup inside ("<p><b>Term</b> <i>def</i></p>"): one
        // paragraph, not one per element.
        bool any = false;
        for (pugi::xml_node c : e.children()) {
            if (c.type() != pugi::node_element) continue;
            any = true;
            std::string_view n = local_name(c.name());
            if (!kInline.count(n) && !kBreaks.count(n) && !kNotes.count(n)) return Role::wrapper;
        }
        return any ? Role::paragraph : Role::empty;
    }

    Role inline_role(const pugi::xml_node& e) const override {
        std::string_view name = local_name(e.name());
        if (kBreaks.count(name)) return Role::line_break;
        if (kNotes.count(name)) return Role::note;
        // A clause or a table inside running text (a quoted section in an
        // amendment) ends the paragraph before it.
        if (kTables.count(name) || kBlocksInInline.count(name) || is_clause(e)) return Role::block_break;
        return Role::inline_text;
    }

    ClauseParts clause_parts(const pugi::xml_node& e) const override {
        ClauseParts parts;
        std::string_view uri = ns_.uri_of(e);
        // Attribute numbers first: a child element wins when both are there.
        if (!number_attribute_.empty()) {
            parts.number_value = e.attribute(number_attribute_.c_str()).value();
        } else if (hint_.number_element.empty()) {
            for (pugi::xml_attribute a : e.attributes()) {
                if (!kNumberAttributes.count(local_name(a.name()))) continue;
                std::string v = xmlblocks::collapse(a.value());
                if (hint_.clause_element.empty() ? looks_like_number(v) : !v.empty()) {
                    parts.number_value = v;
                    break;
                }
            }
        }
        int position = 0;
        for (pugi::xml_node c : e.children()) {
            if (c.type() != pugi::node_element) continue;
            ++position;
            if (ns_.uri_of(c) != uri) continue;
            std::string_view name = local_name(c.name());
            if (!parts.number && number_attribute_.empty() && is_number_element(c, name)) {
                parts.number = c;
                parts.number_value.clear();
            } else if (!parts.heading && position <= 3 && is_heading_element(name)) {
                parts.heading = c;
            }
        }
        // "name" heads a clause only beside a number.
        if (!parts.heading && (parts.number || !parts.number_value.empty()) && hint_.heading_element.empty()) {
            for (pugi::xml_node c : e.children())
                if (c.type() == pugi::node_element && local_name(c.name()) == "name" && ns_.uri_of(c) == uri) {
                    parts.heading = c;
                    break;
                }
        }
        return parts;
    }

private:
    bool is_clause(const pugi::xml_node& e) const {
        if (e == root_) return false;
        if (!hint_.clause_element.empty()) return local_name(e.name()) == hint_.clause_element;
        ClauseParts parts = clause_parts(e);
        return parts.number || !parts.number_value.empty() || parts.heading;
    }

    bool is_number_element(const pugi::xml_node& c, std::string_view name) const {
        if (!hint_.number_element.empty()) return name == hint_.number_element;
        if (!kNumberNames.count(name)) return false;
        // Under a clause hint the number element is trusted; guessing, its
        // text must look like a number ("label" also names form labels).
        return !hint_.clause_element.empty() || looks_like_number(xmlblocks::collapsed_text(c, {}));
    }

    bool is_heading_element(std::string_view name) const {
        if (!hint_.heading_element.empty()) return name == hint_.heading_element;
        return kHeadingNames.count(name) > 0;
    }

    pugi::xml_node root_;
    const Namespaces& ns_;
    const XmlClauseHint& hint_;
    std::string number_attribute_;
};

// The document's title: the root's own title child, else a Dublin Core
// title anywhere (metadata blocks of bills and exports).
std::string find_title(const pugi::xml_node& root, const Namespaces& ns, std::string_view bytes) {
    for (pugi::xml_node c : root.children())
        if (c.type() == pugi::node_element && local_name(c.name()) == "title" && ns.uri_of(c) == ns.uri_of(root))
            return xmlblocks::collapsed_text(c, bytes);
    for (pugi::xml_node n = root; n;) {
        if (n.type() == pugi::node_element && local_name(n.name()) == "title" &&
            ns.uri_of(n) == "http://purl.org/dc/elements/1.1/")
            return xmlblocks::collapsed_text(n, bytes);
        if (n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != root && !n.next_sibling()) n = n.parent();
        if (!n || n == root) break;
        n = n.next_sibling();
    }
    return {};
}

}  // namespace

void read_generic_xml(std::string_view bytes, const LoadOptions& options, Document& doc) {
    XmlOptions xml_options;
    xml_options.forbid_doctype = false;  // allowed, never resolved
    xml_options.max_depth = options.limits.max_xml_depth;
    auto xml = parse_xml(bytes, doc.path, xml_options);
    pugi::xml_node root = xml->document_element();
    Namespaces ns(root);
    doc.format = "xml";
    GenericSchema schema(root, ns, options.xml);
    doc.title = find_title(root, ns, bytes);
    xmlblocks::read_blocks(root, schema, bytes, options, doc);
}

}  // namespace onus::ingest
