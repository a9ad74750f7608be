"""The canonical text of a document version from the model: the element tree that the site and the
Word file are made of, walked block for block as DocxRenderer writes it (see canonical.py for what the
text is). One method here for each of the renderer's, in the same order, so that both meet the same
text and the same footnotes; the tests hold this side equal to the Word file's.
"""

from __future__ import annotations

import html

from ..headings import HEADING_LEVELS, TAG_RE
from ..headings import shown_text as _clean
from .body import _BLOCKS, _footnote_texts, _stashed_block
from .canonical import Blocks, canonical_text, fingerprint


def model_blocks(renderer, doc, tree=None, md=None) -> Blocks:
    """The blocks the renderer writes for `doc`'s body (its own tree unless one is given)."""
    if tree is None:
        md, tree = renderer._tree(doc)
    walker = _Walker(renderer, doc, md, tree)
    for element in tree:
        walker.block(element)
    return walker.blocks


def model_fingerprint(renderer, doc) -> tuple[str, list[str]]:
    """(fingerprint, canonical lines) of a document's text, from the model."""
    blocks = model_blocks(renderer, doc)
    return fingerprint(canonical_text(blocks)), blocks.lines() + blocks.note_lines()


class _Walker:
    """DocxRenderer's block and inline functions, writing text instead of Word: one method here
    for each there, in the same order, so that both meet the same text and footnotes."""

    def __init__(self, renderer, doc, md, tree):
        self.renderer, self.doc, self.md = renderer, doc, md
        self.notes = _footnote_texts(tree)
        self.blocks = Blocks()

    def block(self, element) -> None:
        tag, classes = element.tag, (element.get("class") or "").split()
        if tag in HEADING_LEVELS:
            self.blocks.body.append(self.inline(element))
        elif tag == "p":
            self.paragraph(element)
        elif tag in ("ul", "ol"):
            for item in element:
                if item.tag == "li":
                    self.item(item)
        elif tag == "table":
            self.table(element)
        elif tag == "div" and ("verify" in classes or "footnote" in classes):
            return  # a comment, not text; footnotes are read where the text refers to them
        elif tag == "div" and "admonition" in classes:
            for child in element:
                if child.tag == "p" and "admonition-title" in (child.get("class") or ""):
                    self.blocks.body.append(self.inline(child))
                else:
                    self.block(child)
        elif tag in ("div", "section", "blockquote"):
            for child in element:
                self.block(child)
        elif tag == "pre":
            self.code("".join(element.itertext()))
        elif tag == "dl":
            self.definitions(element)

    def paragraph(self, element) -> None:
        raw = _stashed_block(self.md, element)
        if raw is not None:
            text = html.unescape(TAG_RE.sub("", raw))
            if "<pre" in raw or "<code" in raw:
                self.code(text)
            else:
                self.blocks.body.append(_clean(text))
            return
        self.blocks.body.append(self.inline(element))

    def code(self, text: str) -> None:
        self.blocks.body.extend(text.rstrip("\n").split("\n"))

    def item(self, item) -> None:
        blocks = [child for child in item if child.tag in _BLOCKS]
        loose = blocks and blocks[0] is item[0] and not (item.text or "").strip()
        if loose and blocks[0].tag == "p" and _stashed_block(self.md, blocks[0]) is None:
            self.blocks.body.append(self.inline(blocks.pop(0)))
        else:
            self.blocks.body.append(self.inline(item, stop_at=_BLOCKS))
        self.continued(blocks)

    def continued(self, blocks) -> None:
        for block in blocks:
            self.block(block)
            if (block.tail or "").strip():
                self.blocks.body.append(_clean(block.tail))

    def table(self, element) -> None:
        caption = element.find("caption")
        if caption is not None:
            self.blocks.body.append(self.inline(caption))
        rows = [row for part in element if part.tag in ("thead", "tbody") for row in part if row.tag == "tr"]
        rows += [row for row in element if row.tag == "tr"]
        for row in rows:
            cells = []
            for cell in row:
                parts = [self.inline(cell if block is None else block, stop_at=("p",) if block is None else ())
                         for block in [b for b in cell if b.tag == "p"] or [None]]
                cells.append(" ".join(parts))
            self.blocks.body.append(cells)

    def definitions(self, element) -> None:
        for child in element:
            if child.tag == "dt":
                self.blocks.body.append(self.inline(child))
            elif child.tag == "dd":
                blocks = [block for block in child if block.tag in _BLOCKS]
                if (child.text or "").strip() or len(blocks) < len(child):
                    self.blocks.body.append(self.inline(child, stop_at=_BLOCKS))
                self.continued(blocks)

    # -- Inline ------------------------------------------------------------------------

    def inline(self, element, stop_at: tuple | set = ()) -> str:
        parts = [_clean(element.text or "")]
        for child in element:
            if child.tag in stop_at:
                continue
            parts.append(self.inline_element(child))
            parts.append(_clean(child.tail or ""))
        return "".join(parts)

    def inline_element(self, child) -> str:
        tag, classes = child.tag, (child.get("class") or "").split()
        if tag == "a" and "headerlink" in classes:
            return ""
        if tag == "code" or tag == "a":
            return _clean("".join(child.itertext()))
        if tag == "br":
            return " "
        link = child.find("a") if tag == "sup" else None
        if link is not None and "footnote-ref" in (link.get("class") or ""):
            self.notes_in_order(link)
            return ""
        if tag == "img":
            return "" if self.image_exists(child) else (child.get("alt") or "")
        return self.inline(child)

    def notes_in_order(self, link) -> None:
        key = (link.get("href") or "").lstrip("#")
        self.blocks.notes.append(self.notes.get(key, []))

    def image_exists(self, child) -> bool:
        return self.renderer.corpus.image(self.doc.path, child.get("src") or "") is not None
