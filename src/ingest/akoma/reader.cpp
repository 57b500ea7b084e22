// Akoma Ntoso (OASIS LegalDocML): legislation, bills, debates, judgments
// and, for onus, agreements written as akomaNtoso/doc.
//
// The format's surprises:
//   - Several namespaces are in use: the 3.0 standard's, its committee
//     drafts' (".../akn/3.0/CSD06", ".../3.0/WD17") and the older
//     "http://www.akomantoso.org/x.y" ones. Elements are matched by local
//     name within any of them.
//   - The hierarchy is generic: part, chapter, section, article, item,
//     hcontainer, debateSection, attachment... all hold an optional <num>,
//     <heading> and <subheading> before their content. So a container is
//     "an element with a num, heading or subheading child", whatever its
//     name; one with none of them (an unnamed hcontainer) is transparent.
//   - <num> is the label exactly as printed ("1.", "(a)", "Article 7");
//     renderers sometimes add words ("Chapter 1"), the markup does not.
//   - <meta> holds the FRBR identification, references and analysis: not
//     text of the document, neither read nor counted. Notes referenced by
//     <noteRef> live there too (meta/notes/note) and are read when
//     referenced; <authorialNote> holds its note in place.
//   - Documents nest: attachments, components and collections each hold a
//     whole document with its own meta, preface and body, read in order.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "ingest/readers.hpp"
#include "ingest/xml.hpp"
#include "ingest/xmlgeneric/xml_blocks.hpp"
#include "onus/error.hpp"

namespace onus::ingest {
namespace {

using xmlblocks::ClauseParts;
using xmlblocks::Role;

bool is_akn_uri(std::string_view uri) {
    constexpr std::string_view oasis = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
    constexpr std::string_view legacy = "http://www.akomantoso.org/";
    return uri.substr(0, oasis.size()) == oasis || uri.substr(0, legacy.size()) == legacy;
}

// Elements holding one paragraph of inline content.
const std::unordered_set<std::string_view> kParagraphs = {
    "p", "listIntroduction", "listWrapUp", "from", "narrative", "summary", "scene", "tocItem", "block",
    "li", "heading", "subheading", "num", "signature", "docketNumber",
};

// Inline elements: their text is part of the paragraph around them. Unknown
// elements inside a paragraph are read the same way; this list matters for
// inline elements standing directly in a block container.
const std::unordered_set<std::string_view> kInline = {
    "ref", "mref", "rref", "term", "def", "b", "i", "u", "sup", "sub", "span", "a", "abbr", "date", "time",
    "party", "docTitle", "docNumber", "docProponent", "docDate", "docType", "docStage", "docStatus",
    "docCommittee", "docIntroducer", "docJurisdiction", "docPurpose", "docAuthority", "legislature", "session",
    "shortTitle", "role", "person", "organization", "concept", "object", "event", "location", "process",
    "quantity", "inline", "remark", "placeholder", "fillIn", "entity", "recordedTime", "omissis", "outcome",
    "argument", "affectedDocument", "relatedDocument", "change", "ins", "del", "judge", "lawyer", "courtType",
    "neutralCitation", "opinion", "vote", "mod", "mmod", "quotedText", "decoration", "keyword",
};

// Block content that may stand inside a paragraph-level element (a quoted
// section inside a <mod>): it splits the paragraph.
const std::unordered_set<std::string_view> kBlockInInline = {
    "quotedStructure", "embeddedStructure", "subFlow", "table", "p", "blockList", "ul", "ol", "blockContainer",
    "foreign",
};

class AknSchema : public xmlblocks::Schema {
public:
    AknSchema(const Namespaces& ns, bool unqualified) : ns_(ns), unqualified_(unqualified) {}

    Role block_role(const pugi::xml_node& e) const override {
        std::string_view name = local_name(e.name());
        if (!is_akn(e)) return xmlblocks::has_direct_text(e) ? Role::paragraph : Role::wrapper;
        if (name == "meta") return Role::skip;
        if (name == "table") return Role::table;
        if (auto r = point_role(name)) return *r;
        if (is_container(e)) return Role::container;
        if (kParagraphs.count(name)) return Role::paragraph;
        if (kInline.count(name)) return Role::inline_text;
        // Everything else either holds blocks (body, content, intro,
        // blockList, preface, attachments, doc...) or, holding text of its
        // own, is a paragraph.
        return xmlblocks::has_direct_text(e) ? Role::paragraph : Role::wrapper;
    }

    Role inline_role(const pugi::xml_node& e) const override {
        if (!is_akn(e)) return Role::inline_text;
        std::string_view name = local_name(e.name());
        if (auto r = point_role(name)) return *r;
        if (kBlockInInline.count(name)) return Role::block_break;
        return Role::inline_text;
    }

    ClauseParts clause_parts(const pugi::xml_node& e) const override {
        ClauseParts parts;
        for (pugi::xml_node c : e.children()) {
            if (c.type() != pugi::node_element || !is_akn(c)) continue;
            std::string_view name = local_name(c.name());
            if (name == "num" && !parts.number) parts.number = c;
            if (name == "heading" && !parts.heading) parts.heading = c;
            if (name == "subheading" && !parts.subheading) parts.subheading = c;
        }
        return parts;
    }

    pugi::xml_node referenced_note(const pugi::xml_node& ref) const override {
        std::string_view href = ref.attribute("href").value();
        if (!href.empty() && href.front() == '#') href.remove_prefix(1);
        auto it = notes_.find(std::string(href));
        return it == notes_.end() ? pugi::xml_node{} : it->second;
    }

    void add_note(const std::string& id, const pugi::xml_node& note) { notes_.emplace(id, note); }

    bool is_akn(const pugi::xml_node& e) const {
        std::string_view uri = ns_.uri_of(e);
        return is_akn_uri(uri) || (unqualified_ && uri.empty());
    }

private:
    // Roles that hold in both places.
    static std::optional<Role> point_role(std::string_view name) {
        if (name == "eol" || name == "br" || name == "eop") return Role::line_break;
        if (name == "authorialNote") return Role::note;
        if (name == "noteRef") return Role::note_ref;
        if (name == "img" || name == "marker" || name == "componentRef" || name == "documentRef") return Role::empty;
        return std::nullopt;
    }

    bool is_container(const pugi::xml_node& e) const {
        for (pugi::xml_node c : e.children()) {
            if (c.type() != pugi::node_element || !is_akn(c)) continue;
            std::string_view name = local_name(c.name());
            if (name == "num" || name == "heading" || name == "subheading") return true;
        }
        return false;
    }

    const Namespaces& ns_;
    bool unqualified_;
    std::unordered_map<std::string, pugi::xml_node> notes_;
};

bool inside_meta(const pugi::xml_node& node) {
    for (pugi::xml_node n = node.parent(); n; n = n.parent())
        if (local_name(n.name()) == "meta") return true;
    return false;
}

// One pass before reading: the notes that noteRef elements point at, and
// the title (the first docTitle outside meta, else the first shortTitle).
void scan(const pugi::xml_node& root, AknSchema& schema, std::string_view bytes, Document& doc) {
    pugi::xml_node doc_title, short_title;
    for (pugi::xml_node n = root; n;) {
        bool descend = true;
        if (n.type() == pugi::node_element && schema.is_akn(n)) {
            std::string_view name = local_name(n.name());
            bool in_notes = n.parent() && local_name(n.parent().name()) == "notes";
            if (name == "note" && in_notes) {
                for (const char* attr : {"eId", "id", "GUID"})
                    if (const char* id = n.attribute(attr).value(); *id) schema.add_note(id, n);
                descend = false;
            } else if (name == "docTitle" && !doc_title && !inside_meta(n)) {
                doc_title = n;
            } else if (name == "shortTitle" && !short_title && !inside_meta(n)) {
                short_title = n;
            }
        }
        if (descend && n.first_child()) {
            n = n.first_child();
            continue;
        }
        while (n && n != root && !n.next_sibling()) n = n.parent();
        if (!n || n == root) break;
        n = n.next_sibling();
    }
    if (pugi::xml_node t = doc_title ? doc_title : short_title) doc.title = xmlblocks::collapsed_text(t, bytes);
}

}  // namespace

void read_akoma_ntoso(std::string_view bytes, const LoadOptions& options, Document& doc) {
    XmlOptions xml_options;
    xml_options.forbid_doctype = false;  // never resolved: pugixml neither fetches nor expands
    xml_options.max_depth = options.limits.max_xml_depth;
    auto xml = parse_xml(bytes, doc.path, xml_options);
    pugi::xml_node root = xml->document_element();
    Namespaces ns(root);
    std::string_view uri = ns.uri_of(root);
    if (local_name(root.name()) != "akomaNtoso" || !(uri.empty() || is_akn_uri(uri)))
        throw Error(ErrorCode::malformed, doc.path, "not an Akoma Ntoso document (root element is not akomaNtoso)");
    if (uri.empty()) doc.warnings.push_back({doc.path, "akomaNtoso without its namespace: read by element names"});
    doc.format = "akoma-ntoso";
    AknSchema schema(ns, uri.empty());
    scan(root, schema, bytes, doc);
    xmlblocks::read_blocks(root, schema, bytes, options, doc);
    // Every number stands in a <num>: "3. this line" in a <p> is text.
    for (Block& b : doc.blocks) b.numbers_marked = true;
}

}  // namespace onus::ingest
