// onus/report_docx.hpp: the comparison as a Word redline.
//
//   onus::VersionDiff d = onus::compare_versions(before, ab, after, aa, pack);
//   std::ofstream out("redline.docx", std::ios::binary);
//   onus::write_comparison_docx(before, after, d, out);
//
// The document written is the NEW version with real tracked changes against
// the old one, so Word's Accept All gives the new text and Reject All gives
// the old text (clause by clause: number label, heading and words). Each
// clause is one paragraph (its pieces, for splits and merges, one each):
// the number label (plain text, or Word's numbering, see below), the
// heading, then the words with w:ins / w:del for the word diff. Added and deleted clauses have their
// paragraph mark inserted or deleted too; a moved clause is a w:moveFrom
// paragraph where it stood and a w:moveTo paragraph where it now stands
// (a named move range each), with words deleted or inserted in the move
// marked w:del at the source and w:ins at the destination. A changed typed
// number ("9.2" -> "8.2") is a deleted and an inserted label. Every responsibility
// shift is a Word comment ("quantity · to-customer · high: ...") on the
// changed words of its clause, or on the whole paragraph when only the
// number changed. Revisions and comments are by the author "onus", dated
// now (or SOURCE_DATE_EPOCH when set, for reproducible output).
//
// When OLD was read from a DOCX (or Flat OPC) file that can still be read
// at Document::path (transitional namespace, a styles part, styles and
// numbering without relationships of their own, and its paragraphs still
// matching OLD's blocks), the redline keeps OLD's look:
//   - word/styles.xml, word/numbering.xml, the theme and the font table are
//     copied as they are ("CommentText" and "CommentReference" are added
//     when OLD lacks them); settings.xml, headers, footers, page setup
//     (sectPr), footnotes and images are not (onus's US Letter page);
//   - each paragraph has the style id and the direct paragraph properties
//     (alignment, indents, outline level...) of the OLD paragraph it comes
//     from, and no bold of onus's own on headings; a heading that was a
//     paragraph of its own stays one, the text after it another;
//   - a clause number OLD's numbering generated stays automatic (w:numPr,
//     no typed label). Where NEW gives the clause a different paragraph
//     style or numbering (NEW is a DOCX with the same style ids), the
//     paragraph carries NEW's and a tracked property change (w:pPrChange)
//     holds OLD's. An added clause takes NEW's style when OLD has that
//     style id, else the style of the paragraph before it.
// Each version is played through Word's numbering (onus's reader renders
// it the same way): a paragraph keeps automatic numbering in a version only
// when the number it gets there is that version's clause number. Renumbered
// clauses (9.2 -> 8.2 after a deletion) are then simply renumbered by Word.
// Where the counting cannot give the number (NEW typed "4.7" where Word
// would count 4.3, a list NEW numbers differently, a bullet), the
// label is typed text in that version, inserted or deleted, and the
// paragraph's numbering is switched off there (w:numId 0 when its style
// numbers it); the other version can still be automatic. So Reject All
// shows OLD's numbers and Accept All NEW's, both as onus reads them back
// (a typed label is read back as a number only in a clause number's shape,
// "4.2", "(a)", "Article 7": a bare "B" or "12" is not, with either layout).
// Bulleted paragraphs keep their bullet as typed text ("• ...").
//
// Otherwise the layout is onus's own (styles "Clause" and "Heading 1-9"):
// numbers are typed text. Tables come out as one paragraph per row, cells
// separated by tabs, in both cases.
#pragma once

#include <ostream>

#include "onus/compare.hpp"
#include "onus/document.hpp"

namespace onus {

// Write the redline as a DOCX package to `out` (binary). `d` must come from
// compare_versions(old_doc, ..., new_doc, ...). Throws Error: internal when
// `d` refers to clauses the documents do not have or the zip cannot be
// built; io when `out` fails.
void write_comparison_docx(const Document& old_doc, const Document& new_doc, const VersionDiff& d, std::ostream& out);

}  // namespace onus
