"""The body of a Word file: the element tree of a document's Markdown (the same tree the site is made
from) walked block by block and run by run, one method per element (document.py makes the frame
around it: front page, contents, history, identity, page header and footer).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re

from docx.enum.text import WD_BREAK
from docx.shared import Cm
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from markdown.treeprocessors import Treeprocessor

from ...history.provenance import source_epoch
from ...source.corpus import Document
from ..headings import (
    HEADING_LEVELS,
    STASH_RE,
    TAG_RE,
    browser_text,
    element_text,
    shown_text,
)
from . import oxml
from .styles import CHARACTER, PARAGRAPH, TABLE
from .tablewidths import set_widths, widths

RISK_FILL = {"avtal-risk-low": "E4F5E8", "avtal-risk-medium": "FFF3D6", "avtal-risk-high": "FDE2C8",
             "avtal-risk-very-high": "F9D0D5"}
_BLOCKS = {"p", "ul", "ol", "blockquote", "pre", "table", "div", "dl", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
IMAGE_MAX_WIDTH, IMAGE_MAX_HEIGHT = Cm(15), Cm(22)  # the text area of an A4 page with the template's margins



def bookmark_name(anchor: str) -> str:
    """Word's bookmark names: letters, digits and underscores, at most 40 characters."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return ("b_" + name if not name[:1].isalpha() else name)[:40]


def _para(word, text: str | None = None, style: str | None = None) -> Paragraph:
    """A paragraph at the end of the body, with a style set by id: python-docx's lookup by name scans
    every style, every time (and its add_paragraph searches the body for the place, every time)."""
    p = oxml.append_paragraph(word.element.body, word._avtal["style_ids"][style] if style else None)
    if text:
        oxml.append_run(p, text)
    return Paragraph(p, word._body)


def _style(word, paragraph, style: str) -> None:
    oxml.set_paragraph_style(paragraph._p, word._avtal["style_ids"][style])


def _grid_table(word, rows: int, cols: int):
    """A table in the grid style: python-docx's add_table looks the style's name up among all the
    styles, every time; the id is known."""
    table = word.add_table(rows=rows, cols=cols)
    table._tbl.tblPr.style = word._avtal["style_ids"][TABLE["grid"]]
    return table


def grid_cells(table) -> list[list[_Cell]]:
    """Each row's cells of a table _grid_table made, which merges none: python-docx's row.cells looks
    for merged cells, cell by cell, on every call."""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _usable_width(word) -> int:
    """The width between the margins of the document's last section, in EMU (A4 with 2.5 cm margins
    when the template does not say)."""
    section = word.sections[-1]
    if section.page_width and section.left_margin is not None and section.right_margin is not None:
        return int(section.page_width - section.left_margin - section.right_margin)
    return 5_759_450


def _run(word, paragraph, text: str, style: str | None = None, bold: bool = False, italic: bool = False) -> None:
    oxml.append_run(paragraph._p, text, word._avtal["style_ids"][style] if style else None, bold, italic)


class BodyWriter:
    """The methods that write a document's blocks and inline text; DocxRenderer is one."""

    def _bookmark(self, word, paragraph, anchor: str) -> None:
        word._avtal["bookmarks"] += 1
        oxml.add_bookmark(paragraph, bookmark_name(anchor), word._avtal["bookmarks"])

    def _block(self, ctx: _Context, element, style: str | None = None) -> None:
        tag, classes = element.tag, (element.get("class") or "").split()
        if tag in HEADING_LEVELS:
            self._heading(ctx, element)
        elif tag == "p":
            self._paragraph(ctx, element, style)
        elif tag in ("ul", "ol"):
            self._list(ctx, element, ordered=tag == "ol")
        elif tag == "table":
            self._table(ctx, element)
        elif tag == "div" and "verify" in classes:
            self._comment(ctx, element, oxml.last_paragraph(ctx.word.element.body))
        elif tag == "div" and "admonition" in classes:
            self._box(ctx, element, question="question" in classes)
        elif tag == "div" and "footnote" in classes:
            return  # footnotes are at the foot of their page
        elif tag in ("div", "section"):
            for child in element:
                self._block(ctx, child, style)
        elif tag == "blockquote":
            for child in element:
                self._block(ctx, child, PARAGRAPH["quote"])
        elif tag == "pre":
            self._code(ctx, "".join(element.itertext()))
        elif tag == "dl":
            self._definitions(ctx, element)
        elif tag == "hr":
            _para(ctx.word)

    def _block_paragraph(self, ctx: _Context, style: str | None):
        """A paragraph for a block; inside a list item (or a definition) at the indent of the item's text."""
        if ctx.depth == 0:
            return _para(ctx.word, None, style or PARAGRAPH["normal"])
        continued = PARAGRAPH["continue"][min(ctx.depth, 3) - 1]
        paragraph = _para(ctx.word, None, style or continued)
        if style and style != continued:  # a quote, code or a box keeps its look, at the item's indent
            paragraph.paragraph_format.left_indent = self._indent(ctx.word, continued)
        return paragraph

    @staticmethod
    def _indent(word, style: str):
        indents = word._avtal.setdefault("indents", {})
        if style not in indents:
            indents[style] = word.styles[style].paragraph_format.left_indent
        return indents[style]

    def _heading(self, ctx: _Context, element) -> None:
        level = HEADING_LEVELS[element.tag]
        paragraph = _para(ctx.word, None, PARAGRAPH["heading"][level])
        self._inline(ctx, paragraph, element)
        # A heading the author numbered keeps that number alone (AV310 asks to remove it).
        if not ctx.numbered or ctx.numbers.get(element) == "":
            oxml.set_numbering(paragraph, 0, 0)
        if element.get("id"):
            self._bookmark(ctx.word, paragraph, element.get("id"))

    def _paragraph(self, ctx: _Context, element, style: str | None) -> None:
        if _stashed_block(ctx.md, element) is not None:  # a fenced code block, kept aside as HTML
            raw = _stashed_block(ctx.md, element)
            text = html.unescape(TAG_RE.sub("", raw))
            if "<pre" in raw or "<code" in raw:
                self._code(ctx, text)
            else:
                self._text(self._block_paragraph(ctx, style), text, False, False)
            return
        paragraph = self._block_paragraph(ctx, style)
        self._inline(ctx, paragraph, element)

    def _code(self, ctx: _Context, text: str) -> None:
        for line in text.rstrip("\n").split("\n"):
            paragraph = self._block_paragraph(ctx, PARAGRAPH["code"])
            if line:
                oxml.append_run(paragraph._p, line)

    def _list(self, ctx: _Context, element, ordered: bool) -> None:
        style = (PARAGRAPH["number"] if ordered else PARAGRAPH["bullet"])[min(ctx.depth, 2)]
        num_id = None
        if ordered:  # a numbering of its own, from the number the list starts at (sane_lists keeps it)
            abstract = oxml.abstract_num_of_style(ctx.word, style)
            start = int(element.get("start") or 1)
            num_id = oxml.new_list_instance(ctx.word, abstract, start) if abstract is not None else None
        for item in element:
            if item.tag == "li":
                self._item(ctx, item, style, num_id)

    def _item(self, ctx: _Context, item, style: str, num_id: int | None) -> None:
        """One numbered (or bulleted) paragraph with the item's text; what follows it in the item
        (further paragraphs, quotes, code, tables, lists) continues the item, in order, indented
        to its text and without a number of its own."""
        paragraph = _para(ctx.word, None, style)
        if num_id is not None:
            oxml.set_numbering(paragraph, num_id, 0)
        blocks = [child for child in item if child.tag in _BLOCKS]
        loose = blocks and blocks[0] is item[0] and not (item.text or "").strip()
        if loose and blocks[0].tag == "p" and _stashed_block(ctx.md, blocks[0]) is None:
            self._inline(ctx, paragraph, blocks.pop(0))  # a loose list: the first paragraph is the item's text
        else:
            self._inline(ctx, paragraph, item, stop_at=_BLOCKS)
        self._continued(ctx, blocks)

    def _continued(self, ctx: _Context, blocks: list) -> None:
        ctx.depth += 1
        try:
            for block in blocks:
                self._block(ctx, block)
                if (block.tail or "").strip():  # text after a nested block, rare but kept
                    self._text(self._block_paragraph(ctx, None), block.tail, False, False)
        finally:
            ctx.depth -= 1

    def _table(self, ctx: _Context, element) -> None:
        caption = element.find("caption")
        if caption is not None:
            paragraph = _para(ctx.word, None, PARAGRAPH["caption"])
            self._inline(ctx, paragraph, caption)
        rows = [row for part in element if part.tag in ("thead", "tbody") for row in part if row.tag == "tr"]
        rows += [row for row in element if row.tag == "tr"]
        if not rows:
            return
        columns = max(len(row) for row in rows)
        table = _grid_table(ctx.word, len(rows), columns)
        word_rows = grid_cells(table)  # each row's cells once: Table.cell() rebuilds the whole grid on every call
        for row, cells in zip(rows, word_rows, strict=True):
            for c, cell_element in enumerate(row):
                cell = cells[c]
                paragraph = cell.paragraphs[0]
                _style(ctx.word, paragraph, PARAGRAPH["table_text"])
                for block in [b for b in cell_element if b.tag == "p"] or [None]:
                    target = paragraph
                    if block is not None and paragraph.text:
                        target = cell.add_paragraph()
                        _style(ctx.word, target, PARAGRAPH["table_text"])
                    self._inline(ctx, target, cell_element if block is None else block,
                                 bold=cell_element.tag == "th", stop_at=("p",) if block is None else ())
                fill = next((RISK_FILL[c] for c in (cell_element.get("class") or "").split() if c in RISK_FILL), None)
                if fill:
                    oxml.shade_cell(cell, fill)
        if element.find("thead") is not None:
            oxml.repeat_header_row(table.rows[0])
        texts = [[" ".join("".join(cell.itertext()).split()) for cell in row] for row in rows]
        header = sum(len(part) for part in element if part.tag == "thead")
        set_widths(table, word_rows, widths(texts, columns, _usable_width(ctx.word), header))

    def _box(self, ctx: _Context, element, question: bool) -> None:
        title_style = PARAGRAPH["question_title" if question else "box_title"]
        body_style = PARAGRAPH["question" if question else "box"]
        paragraph = None
        for child in element:
            if child.tag == "p" and "admonition-title" in (child.get("class") or ""):
                paragraph = self._block_paragraph(ctx, title_style)
                self._inline(ctx, paragraph, child)
            else:
                self._block(ctx, child, style=body_style)
        if paragraph is not None and element.get("id"):
            self._bookmark(ctx.word, paragraph, element.get("id"))

    def _comment(self, ctx: _Context, element, anchor) -> None:
        """A statement to verify, as a Word comment on the paragraph it belongs to.

        It is a remark for the reviewers, not agreed text, so it never enters the body. A
        decided document cannot have one (AV316); should one reach here, it is left out.
        """
        if ctx.doc.meta.status == "beslutad" or anchor is None:
            return
        lines = [" ".join(shown_text("".join(child.itertext())).split()) for child in element if child.tag in ("p", "ul", "ol")]
        comment = ctx.word.comments.add_comment("\n".join(line for line in lines if line),
                                                author=ctx.doc.meta.owner, initials="")
        # python-docx stamps the clock; the commit's time keeps the bytes reproducible.
        comment._comment_elm.date = dt.datetime.fromtimestamp(source_epoch(), dt.UTC).replace(microsecond=0)
        oxml.anchor_comment(anchor, comment.comment_id)

    def _definitions(self, ctx: _Context, element) -> None:
        """A term in bold; its definition below it, indented as the site shows it."""
        for child in element:
            if child.tag == "dt":
                self._inline(ctx, self._block_paragraph(ctx, None), child, bold=True)
            elif child.tag == "dd":
                blocks = [block for block in child if block.tag in _BLOCKS]
                if (child.text or "").strip() or len(blocks) < len(child):
                    ctx.depth += 1
                    try:
                        self._inline(ctx, self._block_paragraph(ctx, None), child, stop_at=_BLOCKS)
                    finally:
                        ctx.depth -= 1
                self._continued(ctx, blocks)

    def _cell_text(self, word, cell, text: str, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        _style(word, paragraph, PARAGRAPH["table_text"])
        oxml.append_run(paragraph._p, text, bold=bold)

    # -- Inline ------------------------------------------------------------------------

    def _inline(self, ctx: _Context, paragraph, element, bold: bool = False, italic: bool = False,
                stop_at: tuple | set = ()) -> None:
        self._text(paragraph, element.text, bold, italic)
        for child in element:
            if child.tag in stop_at:
                continue
            self._inline_element(ctx, paragraph, child, bold, italic)
            self._text(paragraph, child.tail, bold, italic)

    def _inline_element(self, ctx: _Context, paragraph, child, bold: bool, italic: bool) -> None:
        tag, classes = child.tag, (child.get("class") or "").split()
        if tag == "a" and "headerlink" in classes:
            return
        if tag in ("strong", "b"):
            self._inline(ctx, paragraph, child, True, italic)
        elif tag in ("em", "i"):
            self._inline(ctx, paragraph, child, bold, True)
        elif tag == "code":
            _run(ctx.word, paragraph, shown_text("".join(child.itertext())), CHARACTER["code"])
        elif tag == "br":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif tag == "sup" and child.find("a") is not None and "footnote-ref" in (child.find("a").get("class") or ""):
            key = (child.find("a").get("href") or "").lstrip("#")
            ctx.word._avtal["footnotes"].add(paragraph, ctx.footnotes.get(key, []))
        elif tag == "a":
            self._link(ctx, paragraph, child, bold, italic)
        elif tag == "img":
            self._image(ctx, paragraph, child)
        else:
            self._inline(ctx, paragraph, child, bold, italic)

    def _link(self, ctx: _Context, paragraph, child, bold: bool, italic: bool) -> None:
        text, href = shown_text("".join(child.itertext())), child.get("href") or ""
        if "avtal-term" in (child.get("class") or ""):
            _run(ctx.word, paragraph, text, CHARACTER["term"], bold, italic)
        elif re.match(r"^(https?|mailto|tel):", href):
            oxml.add_hyperlink(paragraph, text, url=href, style=CHARACTER["hyperlink"])
        elif href.startswith("#"):
            oxml.add_hyperlink(paragraph, text, anchor=bookmark_name(href[1:]), style=CHARACTER["hyperlink"])
        else:
            self._text(paragraph, text, bold, italic)  # another document: its name is in the text

    def _image(self, ctx: _Context, paragraph, child) -> None:
        """The image's bytes as loading read them (markup.py has turned any other image into text),
        at its own size, made smaller to fit the page."""
        image = self.corpus.image(ctx.doc.path, child.get("src") or "")
        alt = child.get("alt") or ""
        if image is None:
            self._text(paragraph, alt, False, False)
            return
        shape = paragraph.add_run().add_picture(io.BytesIO(image.data))
        scale = min(1.0, IMAGE_MAX_WIDTH / shape.width, IMAGE_MAX_HEIGHT / shape.height)
        if scale < 1:
            shape.width, shape.height = max(1, round(shape.width * scale)), max(1, round(shape.height * scale))
        shape._inline.docPr.set("descr", alt)

    @staticmethod
    def _text(paragraph, text: str | None, bold: bool, italic: bool) -> None:
        if text:
            oxml.append_run(paragraph._p, shown_text(text), bold=bold, italic=italic)


class _Context:
    def __init__(self, word, doc: Document, md, numbered: bool, footnotes: dict[str, list[str]],
                 numbers: dict):
        self.word, self.doc, self.md, self.numbered, self.footnotes = word, doc, md, numbered, footnotes
        self.numbers = numbers  # each heading's number, "" for one numbered by hand (headings.heading_numbers)
        self.depth = 0  # how deep in list items (or definitions) the block being rendered sits


class _Capture(Treeprocessor):
    """Keeps the finished element tree, which is what the Word file is made from, with its texts
    and attributes as the browser shows them (see _browser_text)."""

    def run(self, root):
        for element in root.iter():
            if element.text:
                element.text = browser_text(self.md, element.text)
            if element.tail:
                element.tail = browser_text(self.md, element.tail)
            for key, value in element.items():
                if value is not None:  # attr_list's attribute without a value (`{.a hidden}`) has None
                    element.set(key, browser_text(self.md, value))
        self.md.avtal_tree = root


def _stashed_block(md, element) -> str | None:
    """The raw HTML of a paragraph that is only a placeholder of a block (a fenced code block)."""
    stashed = STASH_RE.fullmatch((element.text or "").strip()) if len(element) == 0 else None
    return str(md.htmlStash.rawHtmlBlocks[int(stashed.group(1))]) if stashed else None


def _footnote_texts(tree) -> dict[str, list[str]]:
    """Each footnote's paragraphs, by the footnote's id, without the link back to the text."""
    texts = {}
    for div in tree.iter("div"):
        if "footnote" in (div.get("class") or "").split():
            for item in div.iter("li"):
                blocks = [child for child in item if child.tag in _BLOCKS] or [item]
                paragraphs = [element_text(block, lambda a: "footnote-backref" in (a.get("class") or "")).strip(" ")
                              for block in blocks]
                texts[item.get("id") or ""] = [text for text in paragraphs if text]
    return texts
