"""A reference in the prose to one row of a data file, as the site and the Word file show it.

`[M14](../plans/milstolpar.yaml#M14)` becomes a link whose text is what the row says now (for a
milestone its id, deliverable and time, and "förslag" where the time has no basis), to the row
in the table of the document that presents the data. It is made here once, as one element of the
tree that both the site and the Word file are made of, so that both say the same; the Word file
writes a link to another document as its text (word/document.py), and the fingerprint's model
text reads it the same way (word/modeltext.py).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..source.corpus import Corpus, link_path
from ..source.rows import row_anchor, rows_by_id

# `[label](path.yaml#ROW)`: the label is the editor's (usually the id); the text shown is the row's.
ROW_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^()\s#]+\.ya?ml)#([^()\s#]+)\)")
RESPONSIBLE = {"kommun": "kommunen", "region": "regionen", "gemensamt": "gemensamt"}


def _when(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _sentence(text: str) -> str:
    """A row's text inside a sentence of the prose: without its own full stop."""
    return text.strip().rstrip(".")


def row_text(kind: str, row) -> str:
    """What a reference to `row` shows: its id and what it says, on one line."""
    if kind == "milestones":
        proposal = "" if row.basis else ", förslag"
        return f"{row.id}: {_sentence(row.deliverable)} ({_when(row.when)}{proposal})"
    if kind == "communication":
        return f"{row.id}: {_sentence(row.message)} ({row.target_group}, {_when(row.when)})"
    if kind == "risks":
        return f"{row.id}: {_sentence(row.risk)}"
    if kind == "responsibilities":
        return f"{row.id}: {_sentence(row.activity)} (ansvarig: {RESPONSIBLE[row.responsible]})"
    if kind == "checklist":
        return f"{row.id}: {_sentence(row.item)}"
    return f"{row.id}: {_sentence(row.area)}: {_sentence(row.proposed)}"  # changes


class RowReferences(InlineProcessor):
    """`[M14](../plans/milstolpar.yaml#M14)` as the row's text, linked to its row. A reference the
    check reports (an unknown file or row) is left to the ordinary link pattern."""

    def __init__(self, extension):
        super().__init__(ROW_LINK_RE.pattern)
        self.extension = extension

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        found = row_reference(self.extension.corpus, self.extension.doc_path, m.group(2), m.group(3))
        if found is None:
            return None, None, None
        text, href = found
        link = etree.Element("a", {"class": "avtal-row-ref", "href": href})
        link.text = AtomicString(text)  # data is text, never Markdown
        return link, m.start(0), m.end(0)


def row_reference(corpus: Corpus, doc_path: str, target: str, row_id: str) -> tuple[str, str] | None:
    """(text, link relative to the document) of a reference to a row, or None when there is no such row."""
    path = link_path(doc_path, target)
    dataset = next((ds for ds in corpus.datasets if ds.path == path and ds.data is not None), None)
    if dataset is None:
        return None
    row = rows_by_id(dataset.data).get(row_id)
    presenting = corpus.by_id.get(dataset.data.document)
    if row is None or presenting is None:
        return None
    page = posixpath.relpath(presenting.path, posixpath.dirname(doc_path) or ".")
    return row_text(dataset.data.kind, row), f"{page}#{row_anchor(dataset.data, row_id)}"
