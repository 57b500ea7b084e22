#!/usr/bin/env python3
"""Write the sample agreement as XML (run from anywhere):

    python3 scripts/xmlgen.py [--out DIR]

Two files, from the same data structure as every other sample
(make_samples.agreement(1), tracked changes accepted), so that the clause
numbers and words equal samples/northwind-csa.expected.txt:

  northwind-csa.akn.xml      Akoma Ntoso 3.0: akomaNtoso/doc name="agreement"
                             with meta, preface (title, parties), preamble,
                             mainBody (section/subsection/paragraph/
                             subparagraph with num, heading, intro, content/p),
                             the service credit table as an AKN table, the
                             footnote as an authorialNote, and conclusions.
  northwind-csa.generic.xml  A simple schema of onus's own: <agreement> with
                             <title>, <text>, <clause n="4.2"> holding
                             <title> and <text>, <table>/<row>/<cell>, and
                             <footnote n="1"> inline.

Python 3 standard library only; output is deterministic (byte-identical on
every run). make_samples.py is imported, not changed.
"""

import argparse
import os
import sys
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxgen  # noqa: E402
import make_samples  # noqa: E402

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
PROVIDER = "Northwind Cloud, Inc."

# Block kinds of make_samples by clause depth: headings (h) are sections,
# numbered body paragraphs (s) and sub-headings (sh) subsections, items (a)
# paragraphs, sub-items (i) subparagraphs.
DEPTH = {"h": 1, "s": 2, "sh": 2, "a": 3, "i": 4}
AKN_ELEMENT = {1: "section", 2: "subsection", 3: "paragraph", 4: "subparagraph"}


class Clause:
    def __init__(self, block, depth):
        self.block = block
        self.depth = depth
        self.label = block["label"]
        self.headed = block["kind"] in ("h", "sh")  # a heading line; else a run-in clause
        self.items = []  # ("p", block) | ("table", block) | ("clause", Clause), in order


def nest(blocks):
    """The flat blocks as a tree: (title, front paragraphs, clauses, closing
    paragraphs). An unnumbered paragraph belongs to the open clause when
    that clause has a heading line (9.1 Availability and its text);
    unnumbered paragraphs after a run-in clause at the very end close the
    agreement (conclusions)."""
    title, front, top, closing = "", [], [], []
    stack = []
    last_numbered = max(i for i, b in enumerate(blocks) if b["kind"] in DEPTH)
    for i, blk in enumerate(blocks):
        kind = blk["kind"]
        if kind == "title":
            title = blk["text"]
        elif kind in DEPTH:
            depth = DEPTH[kind]
            clause = Clause(blk, depth)
            while stack and stack[-1].depth >= depth:
                stack.pop()
            (stack[-1].items if stack else top).append(("clause", clause))
            stack.append(clause)
        elif not stack:
            front.append(blk)
        elif i > last_numbered and not stack[-1].headed:
            closing.append(blk)
        else:
            stack[-1].items.append(("table" if kind == "table" else "p", blk))
    return title, front, top, closing


class Notes:
    """Footnote numbers in document order, as Word numbers them."""

    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return self.count


def inline(text, notes, note_markup):
    """Inline markup (make_samples' **bold**, *italic*, {^note}) as XML."""
    out = []
    for kind, t in docxgen.tokenize(text):
        if kind == "bold":
            out.append("<b>%s</b>" % escape(t))
        elif kind == "italic":
            out.append("<i>%s</i>" % escape(t))
        elif kind == "note":
            out.append(note_markup(notes.next(), escape(t)))
        elif kind == "del":
            continue
        else:
            out.append(escape(t))
    return "".join(out)


def cell_text(c):
    return c[0] if isinstance(c, tuple) else c


def cell_span(c):
    return c[1] if isinstance(c, tuple) else 1


# --------------------------------------------------------------------------
# Akoma Ntoso

def akn_note(n, text):
    return '<authorialNote eId="authorialNote_%d" marker="%d" placement="bottom"><p>%s</p></authorialNote>' % (
        n, n, text)


def akn_id(label):
    """eId fragment for a label: "4.2" -> "4-2", "(a)" -> "a"."""
    return label.strip("().").replace(".", "-")


def akn_table(blk, ind, eid):
    lines = ['%s<table eId="%s">' % (ind, eid)]
    for r, row in enumerate(blk["rows"]):
        lines.append(ind + "  <tr>")
        tag = "th" if r == 0 else "td"
        for c in row:
            span = ' colspan="%d"' % cell_span(c) if cell_span(c) > 1 else ""
            lines.append("%s    <%s%s><p>%s</p></%s>" % (ind, tag, span, escape(cell_text(c)), tag))
        lines.append(ind + "  </tr>")
    lines.append(ind + "</table>")
    return lines


AKN_EID = {"section": "sec", "subsection": "subsec", "paragraph": "para", "subparagraph": "subpara"}


def akn_clause(clause, notes, ind, parent_id):
    name = AKN_ELEMENT[clause.depth]
    eid = "%s%s_%s" % (parent_id + "__" if parent_id else "", AKN_EID[name], akn_id(clause.label))
    lines = ['%s<%s eId="%s">' % (ind, name, eid), "%s  <num>%s</num>" % (ind, escape(clause.label))]
    text = inline(clause.block["text"], notes, akn_note)
    body = []  # ("p", markup) or ("table", block)
    if clause.headed:
        lines.append("%s  <heading>%s</heading>" % (ind, text))
    else:
        body.append(("p", text))  # the run-in clause's text carries its number
    children = []
    for kind, item in clause.items:
        if kind == "clause":
            children.append(item)
        elif kind == "table":
            body.append(("table", item))
        else:
            body.append(("p", inline(item["text"], notes, akn_note)))
    # AKN: a container holds either content, or intro + sub-containers.
    wrapper = "intro" if children else "content"
    if body:
        lines.append("%s  <%s>" % (ind, wrapper))
        tables = 0
        for kind, item in body:
            if kind == "table":
                tables += 1
                lines += akn_table(item, ind + "    ", "%s__table_%d" % (eid, tables))
            else:
                lines.append("%s    <p>%s</p>" % (ind, item))
        lines.append("%s  </%s>" % (ind, wrapper))
    for child in children:
        lines += akn_clause(child, notes, ind + "  ", eid)
    lines.append("%s</%s>" % (ind, name))
    return lines


def akoma_ntoso(blocks):
    title, front, top, closing = nest(blocks)
    notes = Notes()
    work = "/akn/us/doc/agreement/2024-05-01/northwind-csa"
    out = [DECL.rstrip("\n"),
           '<akomaNtoso xmlns="%s">' % AKN_NS,
           '  <doc name="agreement">',
           "    <meta>",
           '      <identification source="#northwind">',
           "        <FRBRWork>",
           '          <FRBRthis value="%s/!main"/>' % work,
           '          <FRBRuri value="%s"/>' % work,
           '          <FRBRdate date="2024-05-01" name="Generation"/>',
           '          <FRBRauthor href="#northwind"/>',
           '          <FRBRcountry value="us"/>',
           "        </FRBRWork>",
           "        <FRBRExpression>",
           '          <FRBRthis value="%s/eng@/!main"/>' % work,
           '          <FRBRuri value="%s/eng@"/>' % work,
           '          <FRBRdate date="2024-05-01" name="Generation"/>',
           '          <FRBRauthor href="#northwind"/>',
           '          <FRBRlanguage language="eng"/>',
           "        </FRBRExpression>",
           "        <FRBRManifestation>",
           '          <FRBRthis value="%s/eng@/!main.xml"/>' % work,
           '          <FRBRuri value="%s/eng@.akn"/>' % work,
           '          <FRBRdate date="2024-05-01" name="Generation"/>',
           '          <FRBRauthor href="#northwind"/>',
           "        </FRBRManifestation>",
           "      </identification>",
           '      <references source="#northwind">',
           '        <TLCOrganization eId="northwind" href="/ontology/organization/northwind" showAs=%s/>'
           % quoteattr(PROVIDER),
           '        <TLCRole eId="provider" href="/ontology/role/provider" showAs="Provider"/>',
           '        <TLCRole eId="customer" href="/ontology/role/customer" showAs="Customer"/>',
           "      </references>",
           "    </meta>",
           "    <preface>",
           '      <p class="title"><docTitle>%s</docTitle></p>' % escape(title)]
    # The parties paragraph opens the agreement; the rest of the front
    # matter ("The Parties agree as follows:") is its preamble.
    parties = inline(front[0]["text"], notes, akn_note).replace(
        escape(PROVIDER), '<party refersTo="#northwind" as="#provider">%s</party>' % escape(PROVIDER), 1)
    out.append("      <p>%s</p>" % parties)
    out.append("    </preface>")
    if len(front) > 1:
        out.append("    <preamble>")
        for blk in front[1:]:
            out.append("      <p>%s</p>" % inline(blk["text"], notes, akn_note))
        out.append("    </preamble>")
    out.append("    <mainBody>")
    for kind, clause in top:
        out += akn_clause(clause, notes, "      ", "")
    out.append("    </mainBody>")
    if closing:
        out.append("    <conclusions>")
        for blk in closing:
            out.append("      <p>%s</p>" % inline(blk["text"], notes, akn_note))
        out.append("    </conclusions>")
    out += ["  </doc>", "</akomaNtoso>"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Generic XML

def generic_note(n, text):
    return '<footnote n="%d">%s</footnote>' % (n, text)


def generic_clause(clause, notes, ind):
    lines = ["%s<clause n=%s>" % (ind, quoteattr(clause.label))]
    text = inline(clause.block["text"], notes, generic_note)
    lines.append("%s  <%s>%s</%s>" % (ind, "title" if clause.headed else "text", text,
                                       "title" if clause.headed else "text"))
    for kind, item in clause.items:
        if kind == "clause":
            lines += generic_clause(item, notes, ind + "  ")
        elif kind == "table":
            lines.append(ind + "  <table>")
            for row in item["rows"]:
                cells = "".join('<cell%s>%s</cell>' % (' span="%d"' % cell_span(c) if cell_span(c) > 1 else "",
                                                       escape(cell_text(c))) for c in row)
                lines.append("%s    <row>%s</row>" % (ind, cells))
            lines.append(ind + "  </table>")
        else:
            lines.append("%s  <text>%s</text>" % (ind, inline(item["text"], notes, generic_note)))
    lines.append("%s</clause>" % ind)
    return lines


def generic(blocks):
    title, front, top, closing = nest(blocks)
    notes = Notes()
    out = [DECL.rstrip("\n"), "<agreement>", "  <title>%s</title>" % escape(title)]
    for blk in front:
        out.append("  <text>%s</text>" % inline(blk["text"], notes, generic_note))
    for kind, clause in top:
        out += generic_clause(clause, notes, "  ")
    for blk in closing:
        out.append("  <text>%s</text>" % inline(blk["text"], notes, generic_note))
    out.append("</agreement>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "samples"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)
    blocks = make_samples.accept_all(make_samples.agreement(1))
    for name, text in (("northwind-csa.akn.xml", akoma_ntoso(blocks)),
                       ("northwind-csa.generic.xml", generic(blocks))):
        make_samples.write_text(os.path.join(out, name), text)
    print("wrote %s/northwind-csa.akn.xml and northwind-csa.generic.xml" % out)


if __name__ == "__main__":
    main()
