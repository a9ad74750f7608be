"""A Word file's text as a reader gets it after accepting (or rejecting) every tracked change.

Applied to the XML directly, as Word does it: an accepted insertion stays and an accepted deletion
goes; a deleted paragraph mark joins the paragraph to the next; a deleted table row goes. Rejecting
is the same with insertion and deletion swapped. The text is the body between the avtal bookmarks
(paragraph by paragraph, a table row as one line of cells; with `empty`, an empty paragraph is an
empty line, so that a paragraph whose mark was not tracked shows), then the footnotes the text still
refers to, in order. `read_contents` reads the table of contents the same way: the result of the
field whose instruction is TOC, one line per paragraph, wherever the paragraphs' marks put it."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _resolve(root, keep: str) -> None:
    """keep "ins" (accept every change) or "del" (reject every change)."""
    drop = "del" if keep == "ins" else "ins"
    for row in list(root.iter(w("tr"))):
        if row.find(f"{w('trPr')}/{w(drop)}") is not None:
            row.getparent().remove(row)
    for mark in list(root.iter(w(drop))):
        parent = mark.getparent()
        if parent is not None and parent.tag == w("rPr") and parent.getparent() is not None \
                and parent.getparent().tag == w("pPr"):
            mark.set("joined", "1")  # a paragraph mark: the paragraph joins the next one
            continue
        if parent is not None and parent.tag != w("trPr"):
            parent.remove(mark)
    for mark in list(root.iter(w(keep))):
        parent = mark.getparent()
        if parent.tag in (w("rPr"), w("trPr")):
            parent.remove(mark)
            continue
        for child in list(mark):
            mark.addprevious(child)
        parent.remove(mark)
    for text in root.iter(w("delText")):
        text.tag = w("t")


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(w("t"), w("tab"), w("br"), w("footnoteReference")):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("footnoteReference"):
            parts.append(f"[^{node.get(w('id'))}]")
        else:
            parts.append(" ")
    return "".join(parts)


def _joined(paragraph) -> bool:
    return any(m.get("joined") for m in paragraph.iterfind(f"{w('pPr')}/{w('rPr')}/*"))


def _lines(body, empty: bool = False) -> list[str]:
    """Body lines between the bookmarks: paragraphs, and table rows as cells apart."""
    inside, lines, pending = False, [], ""
    for block in body:
        names = [b.get(w("name")) for b in block.iter(w("bookmarkStart"))]
        if "avtal_body_start" in names:
            inside = True
            continue
        if "avtal_body_end" in names:
            break
        if not inside:
            continue
        if block.tag == w("tbl"):
            for row in block.iter(w("tr")):
                cells = [" ".join(" ".join(_paragraph_text(p) for p in cell.iter(w("p"))).split())
                         for cell in row.iter(w("tc"))]
                lines.append(" | ".join(cells))
            continue
        text = pending + _paragraph_text(block)
        if _joined(block):
            pending = text
            continue
        pending = ""
        text = " ".join(text.split())
        if text or (empty and block.tag == w("p")):
            lines.append(text)
    return lines


def _parts(docx: Path | bytes):
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        footnotes = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
    return document, footnotes


def read_contents(docx: Path | bytes, keep: str = "ins") -> list[str]:
    """The table of contents' entries with every change accepted (keep="ins") or rejected ("del")."""
    document, _ = _parts(docx)
    _resolve(document, keep)
    entries, line, depth, toc_depth, in_result = [], "", 0, None, False
    for paragraph in document.find(w("body")).iterfind(w("p")):
        for node in paragraph.iter(w("fldChar"), w("instrText"), w("t"), w("tab")):
            if node.tag == w("instrText"):
                if toc_depth is None and "TOC" in (node.text or ""):
                    toc_depth = depth
            elif node.tag == w("fldChar"):
                kind = node.get(w("fldCharType"))
                if kind == "begin":
                    depth += 1
                elif kind == "separate" and depth == toc_depth:
                    in_result = True
                elif kind == "end":
                    if depth == toc_depth and in_result:
                        if line.strip():
                            entries.append(" ".join(line.split()))
                        return entries
                    depth -= 1
            elif in_result:
                line += node.text or "" if node.tag == w("t") else " "
        if in_result and not _joined(paragraph):
            entries.append(" ".join(line.split()))
            line = ""
    return entries


def read_text(docx: Path | bytes, keep: str = "ins", empty: bool = False) -> list[str]:
    """The document's text with every change accepted (keep="ins") or rejected (keep="del")."""
    document, footnotes = _parts(docx)
    document = copy.deepcopy(document)
    _resolve(document, keep)
    lines = _lines(document.find(w("body")), empty)
    notes = {}
    if footnotes is not None:
        _resolve(footnotes, keep)
        for note in footnotes.iter(w("footnote")):
            text = " ".join("".join(t.text or "" for t in note.iter(w("t"))).split())
            notes[note.get(w("id"))] = text
    # Footnotes by the order of their references in the text, so that numbering does not matter.
    result, number = [], 0
    for line in lines:
        while "[^" in line:
            start = line.index("[^")
            end = line.index("]", start)
            number += 1
            result.append(f"fotnot {number}: {notes.get(line[start + 2:end], '?')}")
            line = line[:start] + f"<{number}>" + line[end + 1:]
        result.append(line)
    return _footnotes_last(result)


def _footnotes_last(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("fotnot ")] + \
        [line for line in lines if line.startswith("fotnot ")]


def revision_ids(docx: Path | bytes) -> list[str]:
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    ids = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in ("word/document.xml", "word/footnotes.xml"):
            if name in archive.namelist():
                root = etree.fromstring(archive.read(name))
                ids += [e.get(w("id")) for e in root.iter(w("ins"), w("del"))]
    return ids
