#!/usr/bin/env python3
"""docxgen: write real WordprocessingML (DOCX and Flat OPC) from a small
Python description. Standard library only; output is deterministic (fixed
zip timestamps and entry order), so regenerating gives byte-identical files.

    from docxgen import Document, Run, FootnoteRef
    doc = Document(title="Example", header="Example - Confidential")
    doc.paragraph("Example Agreement", style="Title")
    doc.paragraph("Security", style="Heading1")           # numbered "1." via the style's numPr
    doc.paragraph("**Scope.** Provider shall ...", num=(1, 1))  # direct numPr: "1.1"
    doc.paragraph("the first item", num=(1, 2))              # "(a)"
    doc.table([["Tier", "Credit"], ["1", "10%"]], header=True)
    doc.write_docx("example.docx")
    doc.write_flat_opc("example.xml")

Inline markup accepted by Document.paragraph() (see tokenize()):
    **bold**   *italic*   {+inserted+}   {-deleted-}   {^footnote text}
Insertions and deletions are tracked changes by Document.author/date unless
the paragraph gives its own. A whole paragraph can be inserted or deleted
(change="ins" / "del"): its runs and its paragraph mark are tracked.

Default numbering (abstractNum 0, numId 1), suffix "space" so that Word
renders the label, one space, then the text:
    ilvl 0  "%1."   decimal      -> "4."     linked to style Heading1
    ilvl 1  "%1.%2" decimal      -> "4.2"    linked to style Heading2
    ilvl 2  "(%3)"  lowerLetter  -> "(a)"
    ilvl 3  "(%4)"  lowerRoman   -> "(i)"
"""

import io
import re
import zipfile
from xml.sax.saxutils import escape as _esc

__all__ = ["Document", "Paragraph", "Table", "Cell", "Run", "FootnoteRef",
           "Level", "DEFAULT_LEVELS", "tokenize", "plain_text", "format_number"]

# --------------------------------------------------------------------------
# Namespaces and content types

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"

RT_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"

CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
CT_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
CT_SETTINGS = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def esc(text):
    return _esc(text)


def attr(text):
    return _esc(str(text), {'"': "&quot;"})


# --------------------------------------------------------------------------
# Description objects

class Run:
    """A run of text. change: None, "ins" or "del"."""
    __slots__ = ("text", "bold", "italic", "change")

    def __init__(self, text, bold=False, italic=False, change=None):
        self.text, self.bold, self.italic, self.change = text, bold, italic, change


class FootnoteRef:
    """A footnote reference mark; the footnote's text is `text`."""
    __slots__ = ("text", "change")

    def __init__(self, text, change=None):
        self.text, self.change = text, change


class Paragraph:
    """style: paragraph style id (None = Normal). num: (numId, ilvl) written as
    a direct w:numPr, or None. change: None, "ins" or "del" for the whole
    paragraph (runs and paragraph mark)."""
    __slots__ = ("runs", "style", "num", "change", "author", "date")

    def __init__(self, runs, style=None, num=None, change=None, author=None, date=None):
        self.runs, self.style, self.num, self.change = runs, style, num, change
        self.author, self.date = author, date


class Cell:
    __slots__ = ("runs", "span")

    def __init__(self, runs, span=1):
        self.runs, self.span = runs, span


class Table:
    """rows: list of lists of Cell. The first row is a repeating header row
    when header is true. widths: column widths in twips (dxa)."""
    __slots__ = ("rows", "header", "widths")

    def __init__(self, rows, header=True, widths=None):
        self.rows, self.header, self.widths = rows, header, widths


class Level:
    __slots__ = ("fmt", "text", "style", "indent", "start", "suffix")

    def __init__(self, fmt, text, style=None, indent=0, start=1, suffix="space"):
        self.fmt, self.text, self.style, self.indent = fmt, text, style, indent
        self.start, self.suffix = start, suffix


DEFAULT_LEVELS = [
    Level("decimal", "%1.", style="Heading1", indent=0),
    Level("decimal", "%1.%2", style="Heading2", indent=0),
    Level("lowerLetter", "(%3)", indent=720),
    Level("lowerRoman", "(%4)", indent=1440),
    Level("decimal", "%5.", indent=2160),
    Level("lowerLetter", "%6.", indent=2880),
    Level("lowerRoman", "%7.", indent=3600),
    Level("decimal", "%8.", indent=4320),
    Level("lowerLetter", "%9.", indent=5040),
]


# --------------------------------------------------------------------------
# Inline markup

_TOKEN = re.compile(r"\*\*(.+?)\*\*|\{\+(.+?)\+\}|\{-(.+?)-\}|\{\^(.+?)\}|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def tokenize(text):
    """Split inline markup into (kind, text) pairs; kind is one of "text",
    "bold", "italic", "ins", "del", "note". Insertions and deletions may
    contain bold text ("{+**x**+}") which is kept as plain text here."""
    out = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(("bold", m.group(1)))
        elif m.group(2) is not None:
            out.append(("ins", m.group(2)))
        elif m.group(3) is not None:
            out.append(("del", m.group(3)))
        elif m.group(4) is not None:
            out.append(("note", m.group(4)))
        else:
            out.append(("italic", m.group(5)))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


def runs_from_markup(text, change=None):
    runs = []
    for kind, t in tokenize(text):
        if kind == "text":
            runs.append(Run(t, change=change))
        elif kind == "bold":
            runs.append(Run(t, bold=True, change=change))
        elif kind == "italic":
            runs.append(Run(t, italic=True, change=change))
        elif kind in ("ins", "del"):
            runs.append(Run(t, change=change or kind))
        else:
            runs.append(FootnoteRef(t, change=change))
    return runs


def plain_text(text, view="accept"):
    """The text a reader sees for inline markup: markup removed, footnote
    marks dropped, deletions dropped (accept) or insertions dropped (reject)."""
    parts = []
    for kind, t in tokenize(text):
        if kind == "note":
            continue
        if kind == "del" and view == "accept":
            continue
        if kind == "ins" and view == "reject":
            continue
        parts.append(t)
    return "".join(parts)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def format_number(n, fmt):
    """Render n as Word does for the numFmt values used here."""
    if fmt == "decimal":
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        # Word: a..z, aa..zz, aaa..
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "lowerLetter" else s.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        s = ""
        for v, r in _ROMAN:
            while n >= v:
                s += r
                n -= v
        return s if fmt == "lowerRoman" else s.upper()
    raise ValueError(fmt)


# --------------------------------------------------------------------------
# The document

class Document:
    def __init__(self, title="", header=None, author="docxgen", created="2024-01-01T00:00:00Z",
                 change_author="A. Reviewer", change_date="2024-05-14T10:00:00Z",
                 levels=None, heading_styles_numbered=(1, 2)):
        self.title = title
        self.header = header
        self.author = author
        self.created = created
        self.change_author = change_author
        self.change_date = change_date
        self.levels = levels or DEFAULT_LEVELS
        self.heading_styles_numbered = heading_styles_numbered
        self.blocks = []

    # -- building
    def paragraph(self, content, style=None, num=None, change=None, author=None, date=None):
        """content: inline markup string or a list of Run/FootnoteRef.
        num: (numId, ilvl) for a direct w:numPr."""
        runs = runs_from_markup(content, change) if isinstance(content, str) else content
        p = Paragraph(runs, style=style, num=num, change=change, author=author, date=date)
        self.blocks.append(p)
        return p

    def table(self, rows, header=True, widths=None):
        """rows: lists of cells; a cell is markup text, a Cell, or a
        (markup, span) tuple for a horizontally merged cell."""
        out = []
        for r, row in enumerate(rows):
            cells = []
            for c in row:
                if isinstance(c, Cell):
                    cells.append(c)
                    continue
                span = 1
                if isinstance(c, tuple):
                    c, span = c
                if header and r == 0:
                    c = "**" + c + "**" if c and "**" not in c else c
                cells.append(Cell(runs_from_markup(c), span))
            out.append(cells)
        t = Table(out, header=header, widths=widths)
        self.blocks.append(t)
        return t

    # -- XML parts
    def _parts(self):
        """[(part name, content type, xml text without declaration)] in the
        fixed package order."""
        st = _State(self)
        body = st.body()
        doc_rels = [("rId1", RT_STYLES, "styles.xml"),
                    ("rId2", RT_SETTINGS, "settings.xml"),
                    ("rId3", RT_NUMBERING, "numbering.xml"),
                    ("rId4", RT_FOOTNOTES, "footnotes.xml")]
        if self.header is not None:
            doc_rels.append(("rId5", RT_HEADER, "header1.xml"))
        parts = [
            ("_rels/.rels", CT_RELS, _rels([("rId1", RT_DOC, "word/document.xml"),
                                            ("rId2", RT_CORE, "docProps/core.xml"),
                                            ("rId3", RT_APP, "docProps/app.xml")])),
            ("docProps/core.xml", CT_CORE, self._core()),
            ("docProps/app.xml", CT_APP, _APP),
            ("word/_rels/document.xml.rels", CT_RELS, _rels(doc_rels)),
            ("word/document.xml", CT_DOC, body),
            ("word/styles.xml", CT_STYLES, self._styles()),
            ("word/settings.xml", CT_SETTINGS, _SETTINGS),
            ("word/numbering.xml", CT_NUMBERING, self._numbering()),
            ("word/footnotes.xml", CT_FOOTNOTES, st.footnotes_xml()),
        ]
        if self.header is not None:
            parts.append(("word/header1.xml", CT_HEADER, _header(self.header)))
        return parts

    def _core(self):
        return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<dc:title>%s</dc:title><dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy>'
                '<cp:revision>1</cp:revision>'
                '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
                '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>'
                '</cp:coreProperties>') % (esc(self.title), esc(self.author), esc(self.author),
                                           self.created, self.created)

    def _styles(self):
        s = [('<w:styles xmlns:w="%s">' % W),
             '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" '
             'w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
             '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
             '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
             '</w:pPr></w:pPrDefault></w:docDefaults>',
             '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
             '<w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>',
             '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
             '<w:unhideWhenUsed/></w:style>',
             '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
             '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
             'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
             '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
             '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
             '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
             '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
             '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/>'
             '</w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>']
        sizes = {1: 28, 2: 24, 3: 22}
        for lvl in (1, 2, 3):
            numpr = ""
            if lvl in self.heading_styles_numbered:
                numpr = '<w:numPr>%s<w:numId w:val="1"/></w:numPr>' % (
                    "" if lvl == 1 else '<w:ilvl w:val="%d"/>' % (lvl - 1))
            s.append('<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/>'
                     '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
                     '<w:pPr><w:keepNext/><w:keepLines/>%s<w:spacing w:before="240" w:after="120"/>'
                     '<w:jc w:val="left"/><w:outlineLvl w:val="%d"/></w:pPr><w:rPr><w:b/><w:sz w:val="%d"/>'
                     '<w:szCs w:val="%d"/></w:rPr></w:style>' % (lvl, lvl, numpr, lvl - 1, sizes[lvl], sizes[lvl]))
        s.append('<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
                 '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr>'
                 '<w:ind w:left="720"/></w:pPr></w:style>')
        s.append('<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
                 '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>'
                 '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/>'
                 '<w:szCs w:val="20"/></w:rPr></w:style>')
        s.append('<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
                 '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>')
        s.append('<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
                 '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/>'
                 '<w:tab w:val="right" w:pos="9360"/></w:tabs><w:spacing w:after="0" w:line="240" '
                 'w:lineRule="auto"/><w:jc w:val="right"/></w:pPr></w:style>')
        s.append('<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
                 '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" '
                 'w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:tblPr><w:tblBorders>'
                 '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                 '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                 '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                 '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                 '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                 '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                 '</w:tblBorders></w:tblPr></w:style>')
        s.append('</w:styles>')
        return "".join(s)

    def _numbering(self):
        out = ['<w:numbering xmlns:w="%s">' % W,
               '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>']
        for i, lv in enumerate(self.levels):
            out.append('<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>%s'
                       '<w:suff w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>'
                       '<w:pPr><w:ind w:left="%d" w:firstLine="0"/></w:pPr></w:lvl>'
                       % (i, lv.start, lv.fmt,
                          '<w:pStyle w:val="%s"/>' % lv.style if lv.style else "",
                          lv.suffix, attr(lv.text), lv.indent))
        out.append('</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
        return "".join(out)

    # -- output
    def docx_bytes(self):
        parts = self._parts()
        ct = ['<Types xmlns="%s">' % CT,
              '<Default Extension="rels" ContentType="%s"/>' % CT_RELS,
              '<Default Extension="xml" ContentType="%s"/>' % CT_XML]
        for name, ctype, _ in parts:
            if ctype != CT_RELS:
                ct.append('<Override PartName="/%s" ContentType="%s"/>' % (name, ctype))
        ct.append("</Types>")
        entries = [("[Content_Types].xml", "".join(ct))] + [(n, x) for n, _, x in parts]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, xml in entries:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                z.writestr(info, (DECL + xml).encode("utf-8"), compresslevel=6)
        return buf.getvalue()

    def write_docx(self, path):
        data = self.docx_bytes()
        with open(path, "wb") as f:
            f.write(data)

    def flat_opc(self):
        """The package as one XML file (Word's "Word XML Document")."""
        out = [DECL, '<?mso-application progid="Word.Document"?>\n',
               '<pkg:package xmlns:pkg="%s">' % PKG]
        for name, ctype, xml in self._parts():
            pad = ' pkg:padding="512"' if ctype == CT_RELS else ""
            if name == "word/_rels/document.xml.rels":
                pad = ' pkg:padding="256"'
            out.append('<pkg:part pkg:name="/%s" pkg:contentType="%s"%s><pkg:xmlData>%s</pkg:xmlData></pkg:part>'
                       % (name, ctype, pad, xml))
        out.append("</pkg:package>\n")
        return "".join(out)

    def write_flat_opc(self, path):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(self.flat_opc())


# --------------------------------------------------------------------------
# Serialisation helpers

_APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<Template>Normal.dotm</Template><Application>docxgen</Application><DocSecurity>0</DocSecurity>'
        '<AppVersion>16.0000</AppVersion></Properties>')

_SETTINGS = ('<w:settings xmlns:w="%s"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
             '<w:characterSpacingControl w:val="doNotCompress"/>'
             '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
             '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
             'w:val="15"/></w:compat></w:settings>' % W)


def _rels(rels):
    return ('<Relationships xmlns="%s">' % PR +
            "".join('<Relationship Id="%s" Type="%s" Target="%s"/>' % r for r in rels) +
            "</Relationships>")


def _header(text):
    return ('<w:hdr xmlns:w="%s" xmlns:r="%s"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:hdr>' % (W, R, esc(text)))


def _rpr(run, extra=""):
    p = ""
    if run.bold:
        p += "<w:b/>"
    if run.italic:
        p += "<w:i/>"
    p += extra
    return "<w:rPr>%s</w:rPr>" % p if p else ""


class _State:
    """Counters while writing the body (change ids, footnote ids)."""

    def __init__(self, doc):
        self.doc = doc
        self.change_id = 0
        self.footnotes = []

    def _change_attrs(self, author, date):
        self.change_id += 1
        return 'w:id="%d" w:author="%s" w:date="%s"' % (self.change_id, attr(author), date)

    def runs_xml(self, runs, author, date):
        out = []
        for run in runs:
            if isinstance(run, FootnoteRef):
                self.footnotes.append(run.text)
                x = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                     '<w:footnoteReference w:id="%d"/></w:r>' % len(self.footnotes))
            elif run.change == "del":
                x = '<w:r>%s<w:delText xml:space="preserve">%s</w:delText></w:r>' % (_rpr(run), esc(run.text))
            else:
                x = '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (_rpr(run), esc(run.text))
            if run.change == "ins":
                x = "<w:ins %s>%s</w:ins>" % (self._change_attrs(author, date), x)
            elif run.change == "del":
                x = "<w:del %s>%s</w:del>" % (self._change_attrs(author, date), x)
            out.append(x)
        return "".join(out)

    def para_xml(self, p, jc=None):
        author = p.author or self.doc.change_author
        date = p.date or self.doc.change_date
        ppr = ""
        if p.style:
            ppr += '<w:pStyle w:val="%s"/>' % p.style
        if p.num:
            ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (p.num[1], p.num[0])
        if jc:
            ppr += '<w:jc w:val="%s"/>' % jc
        if p.change in ("ins", "del"):
            ppr += "<w:rPr><w:%s %s/></w:rPr>" % (p.change, self._change_attrs(author, date))
        ppr = "<w:pPr>%s</w:pPr>" % ppr if ppr else ""
        return "<w:p>%s%s</w:p>" % (ppr, self.runs_xml(p.runs, author, date))

    def table_xml(self, t):
        ncols = max(sum(c.span for c in row) for row in t.rows)
        widths = t.widths or [9360 // ncols] * ncols
        out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
               'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out += ['<w:gridCol w:w="%d"/>' % w for w in widths]
        out.append("</w:tblGrid>")
        for r, row in enumerate(t.rows):
            out.append("<w:tr>")
            if t.header and r == 0:
                out.append("<w:trPr><w:tblHeader/></w:trPr>")
            col = 0
            for cell in row:
                w = sum(widths[col:col + cell.span])
                span = '<w:gridSpan w:val="%d"/>' % cell.span if cell.span > 1 else ""
                col += cell.span
                out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>%s</w:tc>'
                           % (w, span, self.para_xml(Paragraph(cell.runs))))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def body(self):
        out = ['<w:document xmlns:w="%s" xmlns:r="%s"><w:body>' % (W, R)]
        last = None
        for b in self.doc.blocks:
            out.append(self.table_xml(b) if isinstance(b, Table) else self.para_xml(b))
            last = b
        if isinstance(last, Table) or last is None:
            out.append("<w:p/>")
        hdr = ('<w:headerReference w:type="default" r:id="rId5"/>' if self.doc.header is not None else "")
        out.append('<w:sectPr>%s<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
                   '<w:pgSz w:w="12240" w:h="15840"/>'
                   '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
                   'w:footer="720" w:gutter="0"/><w:cols w:space="720"/></w:sectPr>' % hdr)
        out.append("</w:body></w:document>")
        return "".join(out)

    def footnotes_xml(self):
        out = ['<w:footnotes xmlns:w="%s" xmlns:r="%s">' % (W, R),
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
               'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
               'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        for i, text in enumerate(self.footnotes, 1):
            out.append('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                       '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                       '<w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p></w:footnote>' % (i, esc(text)))
        out.append("</w:footnotes>")
        return "".join(out)


if __name__ == "__main__":
    import sys
    d = Document(title="docxgen self-test", header="docxgen")
    d.paragraph("docxgen self-test", style="Title")
    d.paragraph("Scope", style="Heading1")
    d.paragraph("**Services.** Provider shall{+ promptly+} do things{^A note.}.", num=(1, 1))
    d.paragraph("first item", num=(1, 2))
    d.paragraph("deleted item", num=(1, 2), change="del")
    d.table([["A", "B"], [("merged", 2)]])
    out = sys.argv[1] if len(sys.argv) > 1 else "docxgen-selftest.docx"
    d.write_docx(out)
    print(out)
