"""The canonical text of a document version and its fingerprint: the same from the model and from
any Word file made of it, re-saved or not.

The one written specification is the handbook page render/site_files/pages/handbok/fingeravtryck.md: every rule
applied here is stated there, and render/site_files/pages/javascripts/fingeravtryck.js applies the same rules in
the browser (tests/decisions/test_fingerprint_browser.py holds the two equal). A change of rule here
is a change there, in the same commit.

    canonical text   the body in reading order, one line per block: headings, paragraphs, list
                     items, code lines; a table row is one line with its cells apart (a tab); then,
                     after an empty line, each footnote on a line of its own, in the order the
                     text refers to them. Each line in Unicode NFC, every run of white space
                     (the non-breaking space too) one space; empty lines and rows are left out.
                     Not in it: the page header and footer, the header block with the party's
                     diarienummer, the title block and the table of contents, the version history,
                     the document identity, automatic heading and list numbers, comments (the
                     statements to verify are remarks, not agreed text), formatting.
    fingerprint      "sha256:" and the SHA-256 of the canonical text in UTF-8 (64 hex digits);
                     people read the first 16 (`short`).
    package          the agreement with its annexes, as the parties decide it: the SHA-256 of
                     the documents' fingerprints, one per line, in annex order.

    model_blocks (modeltext.py)  from the element tree the Word file and the site are made of,
                                 block for block as DocxRenderer writes it
    read_parts(document, notes)  from Word's XML (a file's, or the renderer's own before it is
                                 saved): the text between the body bookmarks of each document
                                 in the file, with every tracked change accepted (or rejected)

Both sides end in `canonical_text`, so that they agree by construction wherever they see the same
blocks; the tests hold the two sides equal on every document of the repository and on the hard
cases of the Word renderer.
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

BODY_START, BODY_END = "avtal_body_start", "avtal_body_end"  # the bookmarks around a body; "_1" … for annexes
PREFIX = "sha256:"
SHORT = 16  # hex digits people read: 64 bits
FINGERPRINT_RE = re.compile(r"^sha256:[0-9a-f]{16}(?:[0-9a-f]{48})?$")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# -- The canonical text ----------------------------------------------------------------------


def normal(text: str) -> str:
    """A line of the canonical text: NFC, every run of white space one space, none at the ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Blocks:
    """A document's body as blocks (a string, or a table row as a list of cell strings) and its
    footnotes (each a list of paragraphs) in the order the body refers to them."""

    body: list = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = []
        for block in self.body:
            line = "\t".join(normal(cell) for cell in block).rstrip("\t") if isinstance(block, list) else normal(block)
            if line:
                lines.append(line)
        return lines

    def note_lines(self) -> list[str]:
        return [line for line in (normal(" ".join(note)) for note in self.notes) if line]


def canonical_text(blocks: Blocks) -> str:
    lines, notes = blocks.lines(), blocks.note_lines()
    text = "".join(f"{line}\n" for line in lines)
    return text + ("\n" + "".join(f"{note}\n" for note in notes) if notes else "")


def fingerprint(text: str) -> str:
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def package_fingerprint(fingerprints: list[str]) -> str:
    """The decision package's: over its documents' fingerprints, in annex order."""
    return fingerprint("".join(f"{fp}\n" for fp in fingerprints))


def short(fp: str) -> str:
    return fp[: len(PREFIX) + SHORT]


def same(a: str | None, b: str | None) -> bool:
    """Two fingerprints are the same when the shorter (16 hex digits, as people copy it) begins the longer."""
    if not a or not b:
        return False
    return a.startswith(b) or b.startswith(a) if min(len(a), len(b)) >= len(PREFIX) + SHORT else False


# -- From Word's XML ---------------------------------------------------------------------------


@dataclass
class Part:
    """One document's body in a Word file: between its pair of body bookmarks."""

    name: str  # the start bookmark's name
    blocks: Blocks = field(default_factory=Blocks)
    note_ids: list[str] = field(default_factory=list)

    def text(self) -> str:
        return canonical_text(self.blocks)

    def fingerprint(self) -> str:
        return fingerprint(self.text())

    def lines(self) -> list[str]:
        return self.blocks.lines() + self.blocks.note_lines()


def has_revisions(document) -> bool:
    return next(document.iter(_w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")), None) is not None


def read_parts(document, footnotes=None, keep: str = "ins") -> list[Part]:
    """The body of each document in a Word file (w:document, and w:footnotes when it has them),
    with every tracked change accepted (keep="ins") or rejected (keep="del"). Nothing is changed
    in the elements given."""
    if has_revisions(document) or (footnotes is not None and has_revisions(footnotes)):
        document = copy.deepcopy(document)
        _resolve(document, keep)
        if footnotes is not None:
            footnotes = copy.deepcopy(footnotes)
            _resolve(footnotes, keep)
    body = document.find(_w("body"))
    if body is None:
        return []
    reader = _BodyReader()
    reader.walk(body)
    parts = reader.parts or reader.fallback(body)
    notes = _footnotes(footnotes) if footnotes is not None else {}
    for part in parts:
        part.blocks.notes = [notes.get(note_id, []) for note_id in part.note_ids]
    return parts


def _marker(name: str | None, kind: str) -> bool:
    return bool(name) and (name == kind or name.startswith(f"{kind}_"))


class _BodyReader:
    """Walks w:body in reading order; only text between a start and an end bookmark is kept."""

    def __init__(self):
        self.parts: list[Part] = []
        self.current: Part | None = None
        self.pending = ""  # a paragraph whose mark was deleted: it runs on into the next

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                self.table(child)
            elif tag == _w("bookmarkStart"):
                self.bookmark(child.get(_w("name")))
            elif tag in (_w("sdt"), _w("sdtContent"), _w("customXml"), _w("smartTag")):
                self.walk(child)  # content controls and custom markup hold ordinary paragraphs

    def bookmark(self, name: str | None) -> None:
        if self.current is not None and self.current.name == name:
            return  # LibreOffice writes a bookmark it read twice over: the part is open already
        if _marker(name, BODY_START):
            self.current = Part(name)
            self.parts.append(self.current)
        elif _marker(name, BODY_END) and self.current is not None:
            self.current = None

    def paragraph(self, p) -> None:
        names = list(dict.fromkeys(b.get(_w("name")) for b in p.iter(_w("bookmarkStart"))))
        for name in names:
            if _marker(name, BODY_START):
                self.bookmark(name)
        if self.current is not None:
            text = self.pending + _paragraph_text(p, self.current.note_ids)
            joined = p.get("joined") == "1"
            self.pending = text if joined else ""
            if not joined:
                self.current.blocks.body.append(text)
        for name in names:
            if _marker(name, BODY_END):
                self.bookmark(name)

    def table(self, tbl) -> None:
        if self.current is None:
            for name in (b.get(_w("name")) for b in tbl.iter(_w("bookmarkStart"))):
                self.bookmark(name)  # a marker inside a table, where a records system may put it
            return
        for row in tbl.iterfind(_w("tr")):
            cells = []
            for cell in row.iterfind(_w("tc")):
                cells.append(" ".join(_paragraph_text(p, self.current.note_ids) for p in cell.iter(_w("p"))))
            self.current.blocks.body.append(cells)

    def fallback(self, body) -> list[Part]:
        """A file whose bookmarks were removed (by a records system that drops them): the body is
        what stands after the table of contents and before the last heading "Versionshistorik"."""
        blocks = list(body)
        start, end = _contents_end(blocks), None
        for index, block in enumerate(blocks):
            if block.tag == _w("p") and _paragraph_text(block, []).strip() == "Versionshistorik":
                end = index
        if start is None or end is None or end <= start:
            return []
        self.current = Part("")
        self.parts = [self.current]
        for block in blocks[start + 1:end]:
            if block.tag == _w("p"):
                self.paragraph(block)
            elif block.tag == _w("tbl"):
                self.table(block)
        self.current = None
        return self.parts


def _contents_end(blocks) -> int | None:
    """The index of the top-level block where the table of contents field ends (fields nest)."""
    depth, contents = 0, False
    for index, block in enumerate(blocks):
        for node in block.iter(_w("fldChar"), _w("instrText")):
            if node.tag == _w("instrText"):
                contents = contents or (depth == 1 and "TOC" in (node.text or ""))
                continue
            kind = node.get(_w("fldCharType"))
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
            if kind == "end" and contents and depth == 0:
                return index
    return None


_TEXT_NODES = {_w("t"): None, _w("tab"): " ", _w("ptab"): " ", _w("br"): " ", _w("cr"): " ",
               _w("noBreakHyphen"): "\u2011", _w("softHyphen"): "\u00ad"}
_SKIPPED = {f"{{{MC}}}Fallback", _w("txbxContent"), _w("instrText"), _w("delText"), _w("del"), _w("moveFrom")}


def _paragraph_text(p, note_ids: list[str]) -> str:
    parts: list[str] = []
    _collect(p, parts, note_ids)
    return "".join(parts)


def _collect(element, parts: list[str], note_ids: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag in _TEXT_NODES:
            parts.append(_TEXT_NODES[tag])
        elif tag == _w("sym"):
            parts.append(_symbol(child.get(_w("char"))))
        elif tag == _w("footnoteReference"):
            note_ids.append(child.get(_w("id")) or "")
        else:
            _collect(child, parts, note_ids)


_HEX_CODE = re.compile(r"[0-9A-Fa-f]{1,6}")


def _symbol(code: str | None) -> str:
    """w:sym's character: 1 to 6 hex digits naming a Unicode scalar value; anything else is nothing
    (int() would also take "0x", "_", signs and spaces, and a surrogate cannot be written as UTF-8)."""
    if not code or not _HEX_CODE.fullmatch(code):
        return ""
    value = int(code, 16)
    return "" if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF else chr(value)


def _footnotes(footnotes) -> dict[str, list[str]]:
    notes = {}
    for note in footnotes.iterfind(_w("footnote")):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[note.get(_w("id")) or ""] = [_paragraph_text(p, []) for p in note.iter(_w("p"))]
    return notes


def _resolve(root, keep: str) -> None:
    """Every tracked change accepted (keep="ins") or rejected (keep="del"), in place, as Word does it:
    the kept side's content stays, the other side's goes, a table row marked on the other side
    goes, and a paragraph whose mark goes runs on into the next one (marked "joined")."""
    drop = "del" if keep == "ins" else "ins"
    moved_drop, moved_keep = ("moveFrom", "moveTo") if keep == "ins" else ("moveTo", "moveFrom")
    for row in list(root.iter(_w("tr"))):
        if row.find(f"{_w('trPr')}/{_w(drop)}") is not None:
            row.getparent().remove(row)
    for mark in list(root.iter(_w(drop), _w(moved_drop))):
        parent = mark.getparent()
        if parent is None:
            continue
        if parent.tag == _w("rPr") and parent.getparent() is not None and parent.getparent().tag == _w("pPr"):
            paragraph = parent.getparent().getparent()
            if paragraph is not None:
                paragraph.set("joined", "1")
            parent.remove(mark)
            continue
        if parent.tag in (_w("trPr"), _w("rPr")):
            parent.remove(mark)
            continue
        parent.remove(mark)
    for mark in list(root.iter(_w(keep), _w(moved_keep))):
        parent = mark.getparent()
        if parent is None:
            continue
        if parent.tag in (_w("rPr"), _w("trPr")):
            parent.remove(mark)
            continue
        for child in list(mark):
            mark.addprevious(child)
        parent.remove(mark)
    for text in root.iter(_w("delText")):
        text.tag = _w("t")
