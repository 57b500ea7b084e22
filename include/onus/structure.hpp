// onus/structure.hpp: blocks -> the numbered clause tree.
//
// Format-blind: works on Document::blocks whatever the reader. A clause
// starts at a numbered paragraph (automatic numbering or a number typed by
// hand: "4.2", "(a)", "Article 7", "Section 3.01"), or at a heading; the
// unnumbered paragraphs and tables after it belong to it. Levels come from
// the list or heading level when the reader knows it, else from the shape of
// the number ("4.2.1" is deeper than "4.2"; "(a)" is under the last decimal
// clause). load() calls build_clauses(); call it again after editing blocks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "onus/document.hpp"

namespace onus {

// Replace doc.clauses with the tree built from doc.blocks.
void build_clauses(Document& doc);

// A number typed at the start of a paragraph: "4.2 Security" -> label
// "4.2", rest "Security". Only shapes a legal reader takes for clause
// numbers count: dotted decimals ("4", "4.2.", "4.2.1"), parenthesised
// letters, romans and digits ("(a)", "(iv)", "(3)", "a)"), and
// "Article|Section|Clause|Schedule|Annex|Appendix|Part N" forms.
struct TypedNumber {
    std::string label;
    std::size_t text_start = 0;  // byte offset where the text after the label begins
};
std::optional<TypedNumber> typed_number(std::string_view text);

// Fill doc.parties (a "provider" and a "customer" Party, always both, in
// that order) and doc.definitions from the clause tree: run it after
// build_clauses(). Defined terms come from definition paragraphs
// ("“Account” means ...", "the term “X” shall mean", "“GitHub,” “We,” and
// “Us” refer to ...", unquoted "Customer Data means" and table rows inside a
// Definitions section) and from inline parentheticals ("(the “Agreement”)").
// A party's aliases are learned, in this order of trust, from the preamble
// ("between GitHub, Inc. ("GitHub", "we") and you ..."), from definitions,
// from role words the text uses as a party ("Provider shall", learned
// "role-word"), and from the convention that a provider's own terms say
// "we" and "you" ("convention"). Pronouns are stored lower-case ("we",
// "us", "our"; "you", "your"); other aliases as written. "Party"/"Parties"
// and the customer's people ("Authorized User") are never aliases. Replaces
// doc.parties and doc.definitions; conflicts go to doc.warnings.
void find_parties(Document& doc);

}  // namespace onus
