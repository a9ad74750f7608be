"""The Corpus: every document and data file of the repository, loaded once into typed objects.

Rules and renderers take a Corpus and never open a source file themselves.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..findings import Finding
from .markdown_scan import Body, Heading
from .models.data import DataFile, Glossary
from .models.metadata import DocumentMeta
from .models.vocabulary import Vocabulary
from .yamlsafe import Parsed, Pos


@dataclass
class Document:
    path: str  # relative to the root, forward slashes
    meta: DocumentMeta | None  # None when the front matter is invalid
    front_matter: Parsed
    front_matter_line: int  # the file line before the YAML's first line
    body: Body
    body_text: str
    body_line: int

    @property
    def id(self) -> str | None:
        if self.meta:
            return self.meta.id
        value = self.front_matter.value
        return value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None

    def key_pos(self, *key) -> Pos:
        """The file position of a front-matter key, e.g. key_pos("decisions", "Falu kommun")."""
        pos = self.front_matter.pos(key)
        return Pos(pos.line + self.front_matter_line, pos.column)


@dataclass
class DataSet:
    path: str
    data: DataFile | None  # None when invalid
    parsed: Parsed
    text: str = ""  # the file as read, for fingerprints of its content

    def key_pos(self, *key) -> Pos:
        return self.parsed.pos(key)


@dataclass
class Corpus:
    root: Path
    vocabulary: Vocabulary | None  # None when schema/ cannot be read: nothing else is checked then
    documents: list[Document] = field(default_factory=list)
    datasets: list[DataSet] = field(default_factory=list)
    load_findings: list[Finding] = field(default_factory=list)
    rounds: list = field(default_factory=list)  # the remiss rounds and their answers (rounds.RoundFile)

    @cached_property
    def by_id(self) -> dict[str, Document]:
        """Valid documents by id; the first one wins when an id is duplicated (a rule reports it)."""
        result: dict[str, Document] = {}
        for doc in self.documents:
            if doc.meta and doc.meta.id not in result:
                result[doc.meta.id] = doc
        return result

    @cached_property
    def by_path(self) -> dict[str, Document]:
        return {doc.path: doc for doc in self.documents}

    @cached_property
    def glossaries(self) -> list[tuple[DataSet, Glossary]]:
        return [(ds, ds.data) for ds in self.datasets if isinstance(ds.data, Glossary)]

    def anchors(self, doc: Document) -> dict[str, Heading]:
        """Every anchor a document's page has: its headings, and the terms of a glossary it presents."""
        return self._anchors.get(doc.path, doc.body.anchors)

    @cached_property
    def _anchors(self) -> dict[str, dict[str, Heading]]:
        extra: dict[str, dict[str, Heading]] = {}
        for dataset, glossary in self.glossaries:
            doc = self.by_id.get(glossary.document)
            if doc is None:
                continue
            anchors = extra.setdefault(doc.path, dict(doc.body.anchors))
            for index, term in enumerate(glossary.terms):
                pos = dataset.key_pos("terms", index)
                anchors.setdefault(term.id, Heading(0, term.term, term.id, True, pos.line, pos.column))
        return extra


def link_path(from_path: str, target: str) -> str:
    """The repository path a relative link in the file `from_path` points to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target))
