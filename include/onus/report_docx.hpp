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
// the number label as plain text, a heading bold, then the words with
// w:ins / w:del for the word diff. Added and deleted clauses have their
// paragraph mark inserted or deleted too; a moved clause is a w:moveFrom
// paragraph where it stood and a w:moveTo paragraph where it now stands
// (a named move range each), with words deleted or inserted in the move
// marked w:del at the source and w:ins at the destination. A changed number
// ("9.2" -> "8.2") is a deleted and an inserted label. Every responsibility
// shift is a Word comment ("quantity · to-customer · high: ...") on the
// changed words of its clause, or on the whole paragraph when only the
// number changed. Revisions and comments are by the author "onus", dated
// now (or SOURCE_DATE_EPOCH when set, for reproducible output).
//
// The layout is onus's own (styles "Clause" and "Heading 1-9"): the OLD
// document's styles and automatic numbering are not carried over, numbers
// are typed text. Tables come out as one paragraph per row, cells separated
// by tabs.
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
