"""The Open XML that python-docx has no API for, written through its element API, in one place.

Hyperlinks, bookmarks, fields (page numbers, the table of contents), footnotes, list
numbering instances, cell shading, repeated header rows, the language and the range a
comment covers. Everything else goes through python-docx's own objects.
"""

from __future__ import annotations

import re
from functools import cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import NamespacePrefixedTag, nsdecls, qn
from docx.oxml.parser import oxml_parser
from docx.styles import BabelFish
from lxml.etree import SubElement

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PARAGRAPH_TAG = qn("w:p")
_TEXT, _BREAK = qn("w:t"), qn("w:br")
_COLLAPSIBLE_RE = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses: never the non-breaking space


_P, _PPR, _PSTYLE, _VAL, _SECTPR = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:sectPr")
_R, _RPR, _RSTYLE, _B, _I, _TAB = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:b"), qn("w:i"), qn("w:tab")
_SPACE = qn("xml:space")
_PIECES_RE = re.compile(r"([\t\r\n])")


@cache
def _name_and_namespace(tag: str) -> tuple[str, dict]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def OxmlElement(tag: str):  # noqa: N802 (python-docx's name)
    """An element as python-docx's OxmlElement makes it (its class, its namespace declared), with each
    tag's name and namespace worked out once rather than for every element."""
    name, namespace = _name_and_namespace(tag)
    return oxml_parser.makeelement(name, nsmap=namespace)


def append_paragraph(body, style_id: str | None = None):
    """A paragraph with a style at the end of the document's body, before its section properties: what
    python-docx's Document.add_paragraph makes, without its search of the whole body for that place,
    which made each paragraph slower than the one before."""
    p = OxmlElement("w:p")
    if style_id:
        SubElement(SubElement(p, _PPR), _PSTYLE).set(_VAL, style_id)
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _SECTPR:
        last.addprevious(p)
    else:
        body.append(p)
    return p


def set_paragraph_style(p, style_id: str) -> None:
    """A paragraph's style: w:pStyle, the first child of w:pPr, which is the paragraph's first child
    (python-docx's setter finds the place by searching the schema's order of successors)."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    pstyle = ppr.find(_PSTYLE)
    if pstyle is None:
        pstyle = OxmlElement("w:pStyle")
        ppr.insert(0, pstyle)
    pstyle.set(_VAL, style_id)


def append_run(p, text: str, style_id: str | None = None, bold: bool = False, italic: bool = False):
    """A run of text at the end of a paragraph, as python-docx's Paragraph.add_run makes it with a character
    style, bold and italic (a tab becomes w:tab, a line break w:br), made in one go rather than a
    character at a time."""
    r = SubElement(p, _R)
    if style_id or bold or italic:
        rpr = SubElement(r, _RPR)
        if style_id:
            SubElement(rpr, _RSTYLE).set(_VAL, style_id)
        if bold:
            SubElement(rpr, _B)
        if italic:
            SubElement(rpr, _I)
    for piece in _PIECES_RE.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,):
        if piece == "\t":
            SubElement(r, _TAB)
        elif piece in ("\r", "\n"):
            SubElement(r, _BREAK)
        elif piece:
            t = SubElement(r, _TEXT)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_SPACE, "preserve")
    return r


def _run_with_text(text: str, style: str | None = None):
    run = OxmlElement("w:r")
    if style:
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), style)
        rpr.append(rstyle)
        run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def add_hyperlink(paragraph, text: str, *, url: str | None = None, anchor: str | None = None,
                  style: str = "Hyperlink"):
    """A link to a web address, or to a bookmark in the document."""
    link = OxmlElement("w:hyperlink")
    if url:
        link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    else:
        link.set(qn("w:anchor"), anchor)
    link.append(_run_with_text(text, style))
    paragraph._p.append(link)
    return link


def add_bookmark(paragraph, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def add_simple_field(paragraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    field.append(_run_with_text(placeholder))
    paragraph._p.append(field)


def add_complex_field(paragraph, instruction: str) -> None:
    """begin, instruction and separate in `paragraph`; the caller writes the result and ends it."""
    for kind in ("begin", None, "separate"):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run.append(instr)
        paragraph._p.append(run)


def set_outline_level(paragraph, level: int) -> None:
    """The paragraph at an outline level (0 = the first): a table of contents field with \\u lists it."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr = paragraph._p.get_or_add_pPr()
    later = next((child for child in ppr if child.tag in (qn("w:divId"), qn("w:cnfStyle"), qn("w:rPr"), qn("w:sectPr"),
                                                         qn("w:pPrChange"))), None)
    if later is not None:  # the schema's order of pPr's children
        later.addprevious(outline)
    else:
        ppr.append(outline)


def end_complex_field(paragraph) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    run.append(char)
    paragraph._p.append(run)


def shade_cell(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def repeat_header_row(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def anchor_comment(p, comment_id: int) -> None:
    """Let comment `comment_id` cover the whole paragraph `p` (a w:p), its links included.

    python-docx anchors a comment on runs, and a paragraph may hold only hyperlinks; the
    range markers go around all of the paragraph's content instead, the reference at its end.
    """
    start = OxmlElement("w:commentRangeStart")
    start.set(qn("w:id"), str(comment_id))
    p.insert(1 if p.pPr is not None else 0, start)
    end = OxmlElement("w:commentRangeEnd")
    end.set(qn("w:id"), str(comment_id))
    p.append(end)
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                       f'<w:commentReference w:id="{comment_id}"/></w:r>'))


def comments_element(document):
    """The comments part's XML when the file has comments; None otherwise (python-docx's own
    accessor would add an empty part)."""
    return next((rel.target_part.element for rel in document.part.rels.values() if rel.reltype == RT.COMMENTS), None)


def last_paragraph(body):
    """The last w:p written into `body` (a w:body), looking inside a table that ends it."""
    for child in reversed(body):
        if child.tag == qn("w:p"):
            return child
        if child.tag == qn("w:tbl"):
            paragraphs = child.findall(".//" + qn("w:p"))
            if paragraphs:
                return paragraphs[-1]
    return None


def new_list_instance(document, abstract_num_id: int, start: int = 1) -> int:
    """A fresh numbering instance, so that each numbered list starts at its own first number."""
    numbering = document.part.numbering_part.element
    num = numbering.add_num(abstract_num_id)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(start)
    return num.numId


def abstract_num_of_style(document, style_name: str) -> int | None:
    """The abstract numbering a list style is tied to in the template."""
    style = document.styles[style_name]
    ppr = style.element.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    num_id = ppr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    return num.abstractNumId.val


_STYLE, _NAME, _STYLE_ID = qn("w:style"), qn("w:name"), qn("w:styleId")


def style_ids(document) -> dict[str | None, str | None]:
    """Each style's id by the name Word shows, as {s.name: s.style_id for s in document.styles} gives
    them, read from the elements: python-docx makes an object for each of the template's styles."""
    ids: dict[str | None, str | None] = {}
    for style in document.styles.element.iterchildren(_STYLE):
        name = style.find(_NAME)
        value = name.get(_VAL) if name is not None else None
        ids[BabelFish.internal2ui(value) if value is not None else None] = style.get(_STYLE_ID)
    return ids


def paragraph_style(p) -> str | None:
    """The style id of a paragraph element (w:p), if it has one (asked of the elements directly:
    python-docx's properties work out the tag names on every call)."""
    ppr = p.find(_PPR)
    pstyle = ppr.find(_PSTYLE) if ppr is not None else None
    return pstyle.get(_VAL) if pstyle is not None else None


def collapse_whitespace(p) -> None:
    """A paragraph's spaces as a browser shows the same text: runs of spaces, tabs and line
    ends are one space, and none is left at the start or end of a line. The runs were written
    one inline element at a time, so a space at the end of one and the start of the next are
    one space too."""
    last = None  # the w:t that ends the text so far on this line
    for element in p.iter(_TEXT, _BREAK):
        if element.tag == _BREAK:
            if last is not None:
                last.text = last.text.rstrip(" ")
            last = None
            continue
        text = _COLLAPSIBLE_RE.sub(" ", element.text or "")
        if last is None or last.text.endswith(" "):
            text = text.lstrip(" ")
        element.text = text
        if text:
            last = element
    if last is not None:
        last.text = last.text.rstrip(" ")


def set_numbering(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


# -- Footnotes ------------------------------------------------------------------------


class Footnotes:
    """The footnotes part, created on first use with the separators Word expects."""

    def __init__(self, document):
        self.document, self.element, self.next_id = document, None, 1

    def _part(self):
        if self.element is None:
            xml = (f"<w:footnotes {nsdecls('w')}>"
                   '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                   '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                   "</w:r></w:p></w:footnote></w:footnotes>")
            self.element = parse_xml(xml)
            self.part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, b"", self.document.part.package)
            self.document.part.relate_to(self.part, RT.FOOTNOTES)
        return self.element

    def add(self, paragraph, texts: list[str]) -> None:
        """A footnote reference in `paragraph`, and the footnote's paragraphs at the foot of the page."""
        element = self._part()
        note_id = self.next_id
        self.next_id += 1
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>')
        first = note.find(qn("w:p"))
        for index, text in enumerate(texts or [""]):
            target = first
            if index:
                target = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr></w:p>')
                note.append(target)
            target.append(_run_with_text(text))
        element.append(note)
        reference = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                              f'<w:footnoteReference w:id="{note_id}"/></w:r>')
        paragraph._p.append(reference)

    def finish(self) -> None:
        """Write the part's XML; python-docx serialises only parts it knows."""
        if self.element is not None:
            from lxml import etree

            self.part._blob = etree.tostring(self.element, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- Custom document properties ---------------------------------------------------------

CUSTOM_PROPERTIES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PROPERTY_FORMAT = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Word uses for its own


def set_custom_properties(document, values: list[tuple[str, str]]) -> None:
    """docProps/custom.xml with text properties (File > Properties > Custom in Word), replacing
    the part when the template has one; python-docx has no API for them."""
    from lxml import etree

    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(values, start=2):  # Word numbers them from 2
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_PROPERTY_FORMAT, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    existing = next((rel.target_part for rel in package.rels.values() if rel.reltype == RT.CUSTOM_PROPERTIES), None)
    if existing is not None:
        existing._blob = blob
        return
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_CONTENT_TYPE, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# The document properties (docProps/core.xml) that hold a text of the document: ECMA-376 gives them no
# length limit, but python-docx refuses a value over 255 characters (a change note of three sentences
# would stop the build), so they are set here, in the element python-docx would write.
CORE_TEXTS = {"title": "title", "subject": "subject", "keywords": "keywords", "comments": "description",
              "category": "category", "author": "creator", "identifier": "identifier", "version": "version",
              "content_status": "contentStatus", "language": "language", "last_modified_by": "lastModifiedBy"}


def set_core_texts(core_properties, **values: str) -> None:
    """Set text properties of the document (title=…, comments=…) whatever their length."""
    element = core_properties._element
    for name, value in values.items():
        element._get_or_add(CORE_TEXTS[name]).text = str(value)
