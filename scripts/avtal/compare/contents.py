"""The table of contents of an ändringsmarkerad Word file: both versions' entries, tracked.

The merged tree holds the older version's deleted headings beside the newer version's, so its own
headings, numbered, are neither version's table of contents (after a moved section, accepting every
change gave 8, 9, 10, 11 where the newer version has 8–10). Here each version's entries are made
from its own view of the merged tree (the other side's words left out), numbered as the Word
renderer numbers them (headings.heading_numbers), and the two lists diffed: an entry only in the older
version is deleted, only in the newer inserted, whole paragraphs with their marks (revisions.py
marks a paragraph whose every run is one revision). Accepting every change gives exactly the newer
version's entries and rejecting every change the older one's.

Why entries and not a field left to be updated: the plain Word files carry their entries filled in,
so the redline reads like them before anything is updated; a field that Word updates on opening asks
the clerk a question first, and LibreOffice does not update it at all; the tracked entries are
reproducible bytes, made in no extra time.

The field ends in a paragraph of its own (an empty entry line): a tracked mark on the last entry's
paragraph would otherwise join the first paragraph of the body into the table of contents.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from difflib import SequenceMatcher

from ..render.headings import HEADING_LEVELS, heading_numbers, heading_text
from ..render.word import oxml
from ..render.word.body import bookmark_name
from ..render.word.styles import PARAGRAPH
from .revisions import _ALL, MARKS

FIELD = 'TOC \\o "1-3" \\h \\z \\u'


def view(tree: etree.Element, keep: str) -> etree.Element:
    """The merged tree as one version has it: keep "ins" (the newer) or "del" (the older); the other
    side's marked words go, the marks' noncharacters too, and a heading left without words goes."""
    drop = "del" if keep == "ins" else "ins"
    result = copy.deepcopy(tree)
    for parent in list(result.iter()):
        for child in list(parent):
            if child.tag == drop:
                _remove_keeping_tail(parent, child)
    for parent in list(result.iter()):
        for child in list(parent):
            if child.tag == keep:
                _unwrap(parent, child)
    for node in result.iter():
        node.text = _clean(node.text)
        node.tail = _clean(node.tail)
    for parent in list(result.iter()):
        for child in list(parent):
            if child.tag in HEADING_LEVELS and not heading_text(child).strip():
                _remove_keeping_tail(parent, child)
    return result


def entries(tree: etree.Element, md=None) -> list[tuple[int, str, str | None]]:
    """(level, entry text, bookmark) of every heading the table of contents lists, as the renderer writes it."""
    found = []
    for heading, number in heading_numbers(tree, md).items():
        text = heading_text(heading, md)
        anchor = heading.get("id")
        found.append((HEADING_LEVELS[heading.tag], f"{number} {text}" if number else text,
                      bookmark_name(anchor) if anchor else None))
    return found


def write_contents(word, paragraph_of, tree: etree.Element, md=None) -> None:
    """The tracked table of contents at the end of the body so far; `paragraph_of(style)` adds a paragraph."""
    paragraph_of(PARAGRAPH["toc_heading"], "Innehåll")
    old, new = entries(view(tree, "del"), md), entries(view(tree, "ins"), md)
    rows: list[tuple[str | None, tuple]] = []
    matcher = SequenceMatcher(None, [e[:2] for e in old], [e[:2] for e in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [(None, entry) for entry in new[j1:j2]]
            continue
        rows += [("del", entry) for entry in old[i1:i2]]
        rows += [("ins", entry) for entry in new[j1:j2]]
    first = None
    for mark, (level, text, anchor) in rows:
        paragraph = paragraph_of(PARAGRAPH["toc"][level], None)
        if first is None:
            first = paragraph
            oxml.add_complex_field(first, FIELD)
        start, end = MARKS[mark] if mark else ("", "")
        if anchor and mark != "del":
            oxml.add_hyperlink(paragraph, f"{start}{text}{end}", anchor=anchor, style=None)
        else:
            oxml.append_run(paragraph._p, f"{start}{text}{end}")
    last = paragraph_of(PARAGRAPH["toc"][0], None)
    if first is None:
        oxml.add_complex_field(last, FIELD)
    oxml.end_complex_field(last)


def _clean(text: str | None) -> str | None:
    return None if text is None else "".join(c for c in text if c not in _ALL)


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    if child.tail:
        index = list(parent).index(child)
        if index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    index = list(parent).index(child)
    kids = list(child)
    before = parent[index - 1] if index else None
    if child.text:
        if before is not None:
            before.tail = (before.tail or "") + child.text
        else:
            parent.text = (parent.text or "") + child.text
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)
    if child.tail:
        last = kids[-1] if kids else before
        if last is not None:
            last.tail = (last.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)
