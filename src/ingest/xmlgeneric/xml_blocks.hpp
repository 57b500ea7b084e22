// Blocks from XML documents whose text is the content (Akoma Ntoso, any
// other XML): the walk both readers share.
//
// Unlike WordprocessingML, these vocabularies say what is a clause by
// nesting: a container element holds a number element, a heading element
// and paragraphs. A Schema tells the walk what each element is (its Role);
// the walk does the rest the same way for every vocabulary:
//
//   - a container with a number and/or a heading is a clause: a Block for
//     its heading line (label = the number, heading_level = its depth among
//     clauses), or, without a heading, its number carried by its first
//     paragraph; containers with neither are transparent;
//   - text is taken in document order; runs of XML whitespace inside a
//     paragraph collapse to one space and are trimmed (pretty-printing is
//     not content) and counted as left out, so that chars_read ==
//     chars_emitted + left out still holds;
//   - mixed content at block level (text beside elements) becomes
//     paragraphs of its own rather than being lost;
//   - notes stand where they are referenced (a marker in the text and a
//     NoteRef) and are listed after the body, as the DOCX reader does;
//   - entity references that remained unexpanded (pugixml never expands a
//     DTD's entities) are reported: the text is then incomplete.
//
// Recursion depth is bounded by parse_xml()'s depth cap.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "onus/document.hpp"
#include "onus/ingest.hpp"

namespace onus::ingest::xmlblocks {

// What an element is to the walk.
enum class Role {
    skip,         // not content (metadata): neither read nor counted
    empty,        // holds no text (an image, a marker)
    wrapper,      // holds blocks: its children are walked
    container,    // a numbered or headed unit (see Schema::clause_parts)
    paragraph,    // one block of inline content
    table,        // rows (tr, row) of cells; thead/tbody/tgroup walked through
    inline_text,  // text inside a paragraph; at block level it joins the paragraph being built
    line_break,   // a line break inside a paragraph
    note,         // a note written where it is referenced (authorialNote, footnote)
    note_ref,     // a reference to a note held elsewhere (noteRef)
    block_break,  // block content inside a paragraph (a quoted structure): splits the paragraph
};

// The parts of a container that make it a clause. Any may be missing.
struct ClauseParts {
    pugi::xml_node number;     // the element holding the number as written, or...
    std::string number_value;  // ...the number from an attribute (generated: not counted as read)
    pugi::xml_node heading;
    pugi::xml_node subheading;
};

class Schema {
public:
    virtual ~Schema() = default;
    // The element's role where blocks are expected (body, content, a cell).
    virtual Role block_role(const pugi::xml_node& element) const = 0;
    // The element's role inside a paragraph.
    virtual Role inline_role(const pugi::xml_node& element) const = 0;
    // For elements whose block role is container.
    virtual ClauseParts clause_parts(const pugi::xml_node& element) const = 0;
    // For note_ref elements: the element whose content is the note, or null.
    virtual pugi::xml_node referenced_note(const pugi::xml_node&) const { return {}; }
};

// Fill doc.blocks (body in document order, then notes), doc.stats and
// doc.warnings from the tree under `root`. `source` is the file's bytes, for
// line numbers in SourceRef (0 where unknown). Throws Error{limit} past
// options.limits.max_blocks.
void read_blocks(const pugi::xml_node& root, const Schema& schema, std::string_view source,
                 const LoadOptions& options, Document& doc);

// The text of an element, whitespace collapsed and trimmed (for titles;
// nothing is counted). `source` as for read_blocks().
std::string collapsed_text(const pugi::xml_node& element, std::string_view source);

// A string with XML whitespace runs collapsed to one space and trimmed.
std::string collapse(std::string_view text);

// True when the element has a text child that is not only whitespace.
bool has_direct_text(const pugi::xml_node& element);

}  // namespace onus::ingest::xmlblocks
