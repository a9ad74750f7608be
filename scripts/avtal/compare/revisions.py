"""Word's tracked changes in the Open XML: the raw XML of revisions, in one place (lxml only).

The Word renderer renders the merged tree like any document; the text it writes carries the marks
of merge.py as pairs of Unicode noncharacters around inserted and deleted text. Here each run is
cut at those marks and each piece put in `w:ins`, or in `w:del` with its text as `w:delText`
(ECMA-376 Part 1, 17.13.5). A paragraph whose every piece is inserted (deleted) has its paragraph
mark inserted (deleted) too, and a table row whose every piece is, the row (`w:trPr`); so
accepting every change gives the newer text and rejecting every change the older one.

Ids count up from above every id the file already has (its bookmarks); one author, one date,
no rsids: the same comparison gives the same bytes.
"""

from __future__ import annotations

import copy

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
INS_START, INS_END, DEL_START, DEL_END = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3"
MARKS = {"ins": (INS_START, INS_END), "del": (DEL_START, DEL_END)}
_STARTS = {INS_START: "ins", DEL_START: "del"}
_ENDS = {INS_END, DEL_END}
_ALL = set(_STARTS) | _ENDS


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def with_marks(root) -> None:
    """Turn the merged tree's <ins> and <del> (an xml.etree tree) into the noncharacter marks, which
    travel through the Word renderer as text."""
    for element in root.iter():
        if element.tag in MARKS:
            start, end = MARKS[element.tag]
            element.text = start + (element.text or "")
            if len(element):
                element[-1].tail = (element[-1].tail or "") + end
            else:
                element.text += end


class Revisions:
    def __init__(self, author: str, date: str, first_id: int):
        self.author, self.date, self.next_id = author, date, first_id
        self.count = {"ins": 0, "del": 0}

    def element(self, kind: str):
        mark = etree.Element(w(kind))
        mark.set(w("id"), str(self.next_id))
        mark.set(w("author"), self.author)
        mark.set(w("date"), self.date)
        self.next_id += 1
        return mark

    # -- Runs ----------------------------------------------------------------------------

    def mark_part(self, root, marks: bool) -> None:
        """Every marked run of a part (document or footnotes) as a revision; with `marks`, also the
        paragraph marks and table rows that are wholly inserted or deleted."""
        states: list[tuple[object, str]] = []
        state = None
        for run in list(root.iter(w("r"))):
            state = self._cut(run, state, states)
        wrappers: set = set()
        for run, kind in states:
            self._wrap(run, kind, wrappers)
        if marks:
            for paragraph in root.iter(w("p")):
                kind = _whole(paragraph)
                if kind:
                    self._mark_paragraph(paragraph, kind)
            for row in root.iter(w("tr")):
                kind = _whole(row)
                if kind:
                    self._mark_row(row, kind)

    def _cut(self, run, state: str | None, states: list) -> str | None:
        """Cut a run at the marks in its text; each piece is remembered with the revision it is in."""
        texts = [child for child in run if child.tag == w("t") and _ALL & set(child.text or "")]
        if not texts:
            if state:
                states.append((run, state))
            return state
        groups: list[tuple[str | None, list]] = []

        def add(piece, kind):
            if groups and groups[-1][0] == kind:
                groups[-1][1].append(piece)
            else:
                groups.append((kind, [piece]))

        rpr = run.find(w("rPr"))
        for child in list(run):
            if child is rpr:
                continue
            if child.tag != w("t") or child not in texts:
                add(child, state)
                continue
            segment = ""
            for char in child.text:
                if char in _ALL:
                    if segment:
                        add(_text(segment), state)
                    segment, state = "", _STARTS.get(char)
                else:
                    segment += char
            if segment:
                add(_text(segment), state)
        for kind, pieces in groups:
            piece_run = etree.Element(w("r"))
            if rpr is not None:
                piece_run.append(copy.deepcopy(rpr))
            for piece in pieces:
                piece_run.append(piece)
            run.addprevious(piece_run)
            if kind:
                states.append((piece_run, kind))
        run.getparent().remove(run)
        return state

    def _wrap(self, run, kind: str, wrappers: set) -> None:
        if kind == "del":
            for child in run:
                if child.tag == w("t"):
                    child.tag = w("delText")
                elif child.tag == w("instrText"):
                    child.tag = w("delInstrText")
        before = run.getprevious()
        if before is not None and before.tag == w(kind) and before in wrappers:
            before.append(run)
            return
        wrapper = self.element(kind)
        self.count[kind] += 1
        run.addprevious(wrapper)
        wrapper.append(run)
        wrappers.add(wrapper)

    # -- Paragraph marks and rows --------------------------------------------------------

    def _mark_paragraph(self, paragraph, kind: str) -> None:
        ppr = paragraph.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            paragraph.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            later = next((c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))), None)
            if later is not None:
                later.addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.element(kind))

    def _mark_row(self, row, kind: str) -> None:
        trpr = row.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            exceptions = row.find(w("tblPrEx"))
            if exceptions is not None:
                exceptions.addnext(trpr)
            else:
                row.insert(0, trpr)
        trpr.append(self.element(kind))


def _text(value: str):
    t = etree.Element(w("t"))
    t.text = value
    t.set(XML_SPACE, "preserve")
    return t


def _revision_of(run, top) -> str | None:
    node = run.getparent()
    while node is not None and node is not top:
        if node.tag == w("ins"):
            return "ins"
        if node.tag == w("del"):
            return "del"
        node = node.getparent()
    return None


# A run holding only these is no text of either version: a comment's reference mark (a statement to
# verify hangs on the paragraph), or a field's characters (the table of contents begins in its first
# entry). They do not keep a paragraph's mark from being tracked with its text.
_NOT_TEXT = frozenset({w("rPr"), w("commentReference"), w("fldChar"), w("instrText")})


def _whole(container) -> str | None:
    """"ins" or "del" when every run with text in the paragraph or row is in that revision."""
    kinds = {_revision_of(run, container) for run in container.iter(w("r"))
             if any(child.tag not in _NOT_TEXT for child in run)}
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def largest_id(root) -> int:
    found = [int(value) for node in root.iter() if (value := node.get(w("id"))) and value.lstrip("-").isdigit()]
    return max(found, default=0)
