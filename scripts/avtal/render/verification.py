"""What the site shows of the statements still to verify: the list on each page, and the overview page.

A statement to verify (`!!! verify "Att verifiera: ..."`) is shown where it stands as a box
of its own kind (markup.py numbers it, the style sheet sets it apart from the agreed text);
a row of a comparison with today that carries `verify` is marked in its table. These
functions list both, the way the open questions are listed.
"""

from __future__ import annotations

import html
import re

from ..source.corpus import Corpus, Document
from ..source.models.data import Change, ChangeSet
from .datatables import change_row_id
from .markup import verification_id

PAGE = "att-verifiera.md"
TITLE = "Att verifiera"


# Python-Markdown's escapable characters with the configured extensions (tables adds "|").
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def text(value: str) -> str:
    """A value as literal text inside generated Markdown: no markup, no HTML."""
    return _MARKDOWN_SPECIAL_RE.sub(r"\\\1", html.escape(" ".join(value.split()), quote=False))


def _title(value: str) -> str:
    return text(value or "Att verifiera")


def rows_to_verify(corpus: Corpus, doc: Document) -> list[Change]:
    """The rows of the comparisons with today that `doc` presents and whose "today" is unchecked."""
    return [row for ds in corpus.datasets if isinstance(ds.data, ChangeSet) and ds.data.document == doc.meta.id
            for row in ds.data.items if row.verify]


def count(corpus: Corpus, documents: list[Document]) -> int:
    return sum(len(d.body.verifications) + len(rows_to_verify(corpus, d)) for d in documents)


def document_list(corpus: Corpus, doc: Document) -> list[str]:
    """The lines of Markdown that list a document's statements to verify, above its text."""
    marks, rows = doc.body.verifications, rows_to_verify(corpus, doc)
    if not marks and not rows:
        return []
    lines = [f"**Att verifiera i dokumentet ({len(marks) + len(rows)}):**", ""]
    lines += [f"{n}. [{_title(mark.value)}](#{verification_id(n)})" for n, mark in enumerate(marks, 1)]
    if rows:
        first = change_row_id(rows[0].id)
        lines.append(f"{len(marks) + 1}. [Uppgiften om i dag på {len(rows)} rader i jämförelsen med i dag](#{first})")
    return lines + [""]


def overview_page(corpus: Corpus, documents: list[Document]) -> str:
    """The page beside "Öppna frågor": every statement to verify, by document."""
    lines = [f"# {TITLE}", "",
             "Uppgifter som ska kontrolleras innan dokumenten kan beslutas. De är inte överenskommen text: "
             "på dokumentets sida står de i en egen ruta, och i Word-filen är de kommentarer.", ""]
    found = False
    for doc in documents:
        marks, rows = doc.body.verifications, rows_to_verify(corpus, doc)
        if not marks and not rows:
            continue
        found = True
        lines += [f"## {text(doc.meta.title)}", ""]
        lines += [f"{n}. [{_title(mark.value)}]({doc.path}#{verification_id(n)})" for n, mark in enumerate(marks, 1)]
        lines += [f"{len(marks) + n}. [{text(f'{row.id} {row.area}: {row.verify}')}]({doc.path}#{change_row_id(row.id)})"
                  for n, row in enumerate(rows, 1)]
        lines.append("")
    if not found:
        lines += ["Det finns inga uppgifter att verifiera.", ""]
    return "\n".join(lines) + "\n"
