#!/usr/bin/env python3
"""Write the sample agreement as OpenDocument text (ODT):

    python3 scripts/odtgen.py [--out DIR]      # writes DIR/northwind-csa.odt (default: samples/)

The agreement comes from make_samples.agreement(1), the data structure the
DOCX, Flat OPC, Markdown and text samples are written from, with every
tracked change accepted (the ODT carries no tracked changes), so the ODT
reads like samples/northwind-csa.expected.txt.

Numbering is real ODF numbering, the way LibreOffice writes chapter
numbering shared with body paragraphs: the outline style ("Outline") numbers
headings, and every numbered paragraph stands in a text:list that names that
same style, so that headings and clauses count together as Word's
Heading1/Heading2-linked list does:

    level 1  num-format "1", suffix "."            -> "4."    text:h outline-level 1
    level 2  num-format "1", display-levels 2      -> "4.2"   text:h outline-level 2 or text:p
    level 3  num-format "a", prefix "(", suffix ")"  -> "(a)"
    level 4  num-format "i", prefix "(", suffix ")"  -> "(i)"

A run of numbered paragraphs interrupted by unnumbered ones (or the table)
continues the first list (text:continue-list, plus text:continue-numbering
for ODF 1.1 readers). Deeper items after an interruption are reached through
list items that hold only a nested list, which have no number of their own.

Standard library only; deterministic output (fixed zip timestamps and entry
order, "mimetype" first and stored), so regenerating gives identical bytes.
"""

import argparse
import io
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxgen  # noqa: E402
import make_samples  # noqa: E402

MIME = "application/vnd.oasis.opendocument.text"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
LIST_ID = "list-agreement"

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
XMLNS = " ".join('xmlns:%s="%s"' % kv for kv in NS.items())

# Block kind -> (list level, 1-based; heading outline level or 0).
NUMBERED = {"h": (1, 1), "sh": (2, 2), "s": (2, 0), "a": (3, 0), "i": (4, 0)}
OUTLINE_LEVELS = [
    # (num-format, prefix, suffix, display-levels)
    ("1", "", ".", 1),
    ("1", "", "", 2),
    ("a", "(", ")", 1),
    ("i", "(", ")", 1),
]


def text_xml(text):
    """Escape text for a paragraph, keeping every space: ODF collapses runs
    of white space, so extra spaces are written as text:s."""
    out = []
    for m in re.finditer(r" {2,}|[^ ]+| ", text):
        chunk = m.group(0)
        if chunk.startswith("  "):
            out.append(' <text:s text:c="%d"/>' % (len(chunk) - 1) if len(chunk) > 2 else " <text:s/>")
        else:
            out.append(escape(chunk))
    xml = "".join(out)
    if xml.startswith(" "):  # a leading space would be dropped
        xml = "<text:s/>" + xml[1:]
    return xml


def inline_xml(markup, notes):
    """Inline markup (bold, italic, footnotes) as ODF spans and notes."""
    out = []
    for kind, t in docxgen.tokenize(make_samples.accept_markup(markup)):
        if kind == "bold":
            out.append('<text:span text:style-name="Bold">%s</text:span>' % text_xml(t))
        elif kind == "italic":
            out.append('<text:span text:style-name="Italic">%s</text:span>' % text_xml(t))
        elif kind == "note":
            notes.append(t)
            n = len(notes)
            out.append('<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d'
                       '</text:note-citation><text:note-body><text:p text:style-name="Footnote">%s</text:p>'
                       '</text:note-body></text:note>' % (n, n, text_xml(t)))
        else:
            out.append(text_xml(t))
    return "".join(out)


def paragraph_xml(blk, notes):
    kind = blk["kind"]
    body = inline_xml(blk["text"], notes)
    if kind == "title":
        return '<text:p text:style-name="Title">%s</text:p>' % body
    level, outline = NUMBERED.get(kind, (0, 0))
    if outline:
        return ('<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>'
                % (outline, outline, body))
    style = "List_20_Paragraph" if kind in ("a", "i") else "Text_20_body"
    return '<text:p text:style-name="%s">%s</text:p>' % (style, body)


def table_xml(rows):
    ncols = len(rows[0])
    out = ['<table:table table:name="ServiceCredits" table:style-name="Table">',
           '<table:table-column table:number-columns-repeated="%d"/>' % ncols]
    for r, row in enumerate(rows):
        if r == 0:
            out.append("<table:table-header-rows>")
        out.append("<table:table-row>")
        for c in row:
            text, span = (c if isinstance(c, tuple) else (c, 1))
            spanned = ' table:number-columns-spanned="%d"' % span if span > 1 else ""
            out.append('<table:table-cell office:value-type="string"%s><text:p text:style-name="Table_20_Contents">'
                       '%s</text:p></table:table-cell>' % (spanned, text_xml(text)))
            out.extend(["<table:covered-table-cell/>"] * (span - 1))
        out.append("</table:table-row>")
        if r == 0:
            out.append("</table:table-header-rows>")
    out.append("</table:table>")
    return "".join(out)


class ListWriter:
    """Writes numbered paragraphs into one logical list: opens text:list and
    text:list-item elements down to each paragraph's level, closes them on
    the way back up, and continues the list after an interruption."""

    def __init__(self, out):
        self.out = out
        self.depth = 0      # open list levels
        self.started = False

    def item(self, level, xml):
        if self.depth >= level:
            # Close down to the paragraph's level, then end its item.
            self.out.append("</text:list-item></text:list>" * (self.depth - level))
            self.out.append("</text:list-item>")
            self.depth = level
        else:
            while self.depth < level:
                if self.depth == 0:
                    if self.started:
                        self.out.append('<text:list text:style-name="Outline" text:continue-numbering="true" '
                                        'text:continue-list="%s">' % LIST_ID)
                    else:
                        self.out.append('<text:list xml:id="%s" text:style-name="Outline">' % LIST_ID)
                        self.started = True
                else:
                    self.out.append("<text:list>")
                self.depth += 1
                if self.depth < level:
                    self.out.append("<text:list-item>")
        self.out.append("<text:list-item>" + xml)

    def close(self):
        self.out.append("</text:list-item></text:list>" * self.depth)
        self.depth = 0


def content_xml(blocks):
    notes = []
    body = []
    lists = ListWriter(body)
    for blk in make_samples.accept_all(blocks):
        kind = blk["kind"]
        if kind == "table":
            lists.close()
            body.append(table_xml(blk["rows"]))
        elif kind in NUMBERED:
            lists.item(NUMBERED[kind][0], paragraph_xml(blk, notes))
        else:
            lists.close()
            body.append(paragraph_xml(blk, notes))
    lists.close()
    auto = ('<office:automatic-styles>'
            '<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/>'
            '</style:style>'
            '<style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/>'
            '</style:style>'
            '<style:style style:name="Table" style:family="table"><style:table-properties style:width="6.5in"/>'
            '</style:style>'
            '</office:automatic-styles>')
    return (DECL + '<office:document-content %s office:version="1.2">%s<office:body><office:text>%s'
            '</office:text></office:body></office:document-content>' % (XMLNS, auto, "".join(body)))


def paragraph_style(name, display, parent=None, outline=None, extra=""):
    attrs = 'style:name="%s" style:display-name="%s" style:family="paragraph"' % (name, display)
    if parent:
        attrs += ' style:parent-style-name="%s"' % parent
    if outline:
        attrs += ' style:default-outline-level="%d"' % outline
    return "<style:style %s>%s</style:style>" % (attrs, extra)


def styles_xml(header):
    levels = []
    for i in range(10):
        fmt, prefix, suffix, shown = OUTLINE_LEVELS[i] if i < len(OUTLINE_LEVELS) else ("", "", "", 1)
        attrs = 'text:level="%d" style:num-format="%s"' % (i + 1, fmt)
        if prefix:
            attrs += ' style:num-prefix="%s"' % escape(prefix)
        if suffix:
            attrs += ' style:num-suffix="%s"' % escape(suffix)
        if shown > 1:
            attrs += ' text:display-levels="%d"' % shown
        # Label, one space, text: as the DOCX's w:suff "space".
        levels.append('<text:outline-level-style %s><style:list-level-properties '
                      'text:list-level-position-and-space-mode="label-alignment">'
                      '<style:list-level-label-alignment text:label-followed-by="space" '
                      'fo:margin-left="%.2fin" fo:text-indent="0in"/></style:list-level-properties>'
                      '</text:outline-level-style>' % (attrs, 0.5 * max(0, i - 1)))
    common = "".join([
        '<style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt"/>'
        '</style:default-style>',
        paragraph_style("Standard", "Standard"),
        paragraph_style("Text_20_body", "Text body", "Standard"),
        paragraph_style("Title", "Title", "Standard",
                        extra='<style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>'),
        paragraph_style("Heading", "Heading", "Standard",
                        extra='<style:text-properties fo:font-weight="bold"/>'),
        paragraph_style("Heading_20_1", "Heading 1", "Heading", 1),
        paragraph_style("Heading_20_2", "Heading 2", "Heading", 2),
        paragraph_style("List_20_Paragraph", "List Paragraph", "Standard"),
        paragraph_style("Table_20_Contents", "Table Contents", "Standard"),
        paragraph_style("Footnote", "Footnote", "Standard"),
        paragraph_style("Header", "Header", "Standard"),
        '<text:outline-style style:name="Outline">%s</text:outline-style>' % "".join(levels),
        '<text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" '
        'text:footnotes-position="page" text:start-numbering-at="document"/>',
    ])
    masters = ('<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page">'
               '<style:header><text:p text:style-name="Header">%s</text:p></style:header></style:master-page>'
               '</office:master-styles>' % text_xml(header))
    layout = ('<office:automatic-styles><style:page-layout style:name="Page"><style:page-layout-properties '
              'fo:page-width="8.5in" fo:page-height="11in" fo:margin-top="1in" fo:margin-bottom="1in" '
              'fo:margin-left="1in" fo:margin-right="1in"/></style:page-layout></office:automatic-styles>')
    return (DECL + '<office:document-styles %s office:version="1.2"><office:styles>%s</office:styles>%s%s'
            '</office:document-styles>' % (XMLNS, common, layout, masters))


def meta_xml():
    return (DECL + '<office:document-meta %s office:version="1.2"><office:meta>'
            '<meta:generator>onus odtgen.py</meta:generator><dc:title>%s</dc:title>'
            '<meta:initial-creator>%s</meta:initial-creator><meta:creation-date>%s</meta:creation-date>'
            '</office:meta></office:document-meta>'
            % (XMLNS, escape(make_samples.TITLE), escape(make_samples.AUTHOR), make_samples.CREATED.rstrip("Z")))


def manifest_xml(parts):
    entries = ['<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="%s"/>' % MIME]
    entries += ['<manifest:file-entry manifest:full-path="%s" manifest:media-type="text/xml"/>' % p for p in parts]
    return (DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2">%s</manifest:manifest>' % "".join(entries))


def odt_bytes(blocks):
    parts = [("content.xml", content_xml(blocks)), ("styles.xml", styles_xml(make_samples.HEADER)),
             ("meta.xml", meta_xml())]
    entries = [("mimetype", MIME, zipfile.ZIP_STORED)]
    entries += [(name, xml, zipfile.ZIP_DEFLATED) for name, xml in parts]
    entries.append(("META-INF/manifest.xml", manifest_xml([n for n, _ in parts]), zipfile.ZIP_DEFLATED))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = method
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data.encode("utf-8"), compresslevel=6 if method == zipfile.ZIP_DEFLATED else None)
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "samples"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "northwind-csa.odt")
    with open(path, "wb") as f:
        f.write(odt_bytes(make_samples.agreement(1)))
    print("wrote %s" % path)


if __name__ == "__main__":
    main()
