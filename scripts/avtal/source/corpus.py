"""The Corpus: every document and data file of the repository, loaded once into typed objects.

Rules and renderers take a Corpus and never open a source file themselves.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath

from ..findings import Finding, Severity
from .boundary import SiteSources
from .images import Image, image_path
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
    origin: object | None = None  # a local agreement's template and data row (source/local.py LocalOrigin)

    @cached_property
    def prose(self) -> list:
        """The running text, paragraph by paragraph (source/klarsprak.py): read once, for the check's
        klarspråk rule and for the LIX in the page's header alike."""
        from .klarsprak import prose

        return prose(self.body_text, self.body_line, self.body.code)

    @property
    def id(self) -> str | None:
        if self.meta:
            return self.meta.id
        value = self.front_matter.value
        return value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else None

    def key_pos(self, *key) -> Pos:
        """The file position of a front-matter key, e.g. key_pos("decisions", "Falu kommun")."""
        return self.key_at(*key)[1]

    def key_at(self, *key) -> tuple[str, Pos]:
        """The file and position of a front-matter key: a local agreement's row keys (version, status,
        decisions…) are in its data file, at the municipality's row; its other keys in the template."""
        origin = self.origin
        if origin is not None:
            from .models.local import ROW_META_KEYS

            if key and key[0] in (*ROW_META_KEYS, "parties"):
                return origin.data.path, origin.data.key_pos("items", origin.row, *key)
            if key and key[0] == "id":
                return origin.data.path, origin.data.key_pos("items", origin.row, "party")
        pos = self.front_matter.pos(key)
        return origin.template if origin is not None else self.path, Pos(pos.line + self.front_matter_line, pos.column)


@dataclass
class DataSet:
    path: str
    data: DataFile | None  # None when invalid
    parsed: Parsed
    text: str = ""  # the file as read, for fingerprints of its content

    def key_pos(self, *key) -> Pos:
        return self.parsed.pos(key)


# The files that failed to load, and what they would have provided.
#
# A document with an impossible date has no metadata, so to the rules it does not exist: every
# link to it, every "bilaga N" it would have numbered and every data file that names it would be
# reported too, a dozen findings for one mistake. The rules ask here instead: is the thing I cannot
# find provided by a file that failed? If so they say so (`follows_from`), and `avtal check` folds
# their findings under the cause (rules/check.py). What a failed file would have provided is read
# from its raw front matter or data, which the loader keeps even when validation fails.


def _raw(value: object, key: str) -> object:
    return value.get(key) if isinstance(value, dict) else None


@dataclass
class Failures:
    """Lookups over the files that have an error from loading (reading, YAML or validation)."""

    load_findings: list[Finding]
    documents: list[Document]
    datasets: list[DataSet]

    @cached_property
    def paths(self) -> frozenset[str]:
        return frozenset(f.path for f in self.load_findings if f.severity is Severity.ERROR)

    def path(self, path: str) -> str | None:
        """`path` itself, when that file failed to load."""
        return path if path in self.paths else None

    @cached_property
    def _document_ids(self) -> dict[str, str]:
        """Id -> path of each document that failed: its raw id, or else its file name (the id by rule)."""
        ids: dict[str, str] = {}
        loaded = {doc.path: doc for doc in self.documents}
        for path in sorted(self.paths):
            if not path.endswith(".md"):
                continue
            doc = loaded.get(path)
            if doc is not None and doc.meta is not None:
                continue  # loaded with an error (say, CRLF) but valid: it is not missing
            raw_id = doc.id if doc is not None else None
            ids.setdefault(raw_id or PurePosixPath(path).stem, path)
        return ids

    def document(self, doc_id: str) -> str | None:
        """The path of the failed document whose id is `doc_id`."""
        return self._document_ids.get(doc_id)

    def annex(self, number: str) -> str | None:
        """The path of the failed document whose front matter says it is annex `number`."""
        for doc in self.documents:
            if doc.meta is None and doc.path in self.paths:
                raw = _raw(doc.front_matter.value, "annex_number")
                if raw is not None and str(raw).strip() == number:
                    return doc.path
        return None

    def data_of(self, doc: Document) -> str | None:
        """The path of a failed data file that `doc` presents (a glossary gives its page anchors):
        one that names the document, or one it shows whose YAML could not even be read."""
        for dataset in self.datasets:
            named = doc.id is not None and _raw(dataset.parsed.value, "document") == doc.id
            if dataset.data is None and dataset.path in self.paths and named:
                return dataset.path
        parsed = {dataset.path for dataset in self.datasets}
        for link in doc.body.links:
            path = link_path(doc.path, link.target.partition("#")[0])
            if link.standalone and path in self.paths and path not in parsed and not path.endswith(".md"):
                return path
        return None

    def glossary(self) -> str | None:
        """The path of a failed data file that is, or may be, the glossary (its kind unreadable)."""
        parsed = {dataset.path: dataset for dataset in self.datasets}
        for path in sorted(self.paths):
            if path.endswith(".md") or path.startswith("schema/"):
                continue
            dataset = parsed.get(path)
            if dataset is not None and dataset.data is not None:
                continue
            kind = _raw(dataset.parsed.value, "kind") if dataset is not None else None
            if kind in (None, "glossary"):
                return path
        return None


@dataclass
class Corpus:
    root: Path
    vocabulary: Vocabulary | None  # None when schema/ cannot be read: nothing else is checked then
    documents: list[Document] = field(default_factory=list)
    datasets: list[DataSet] = field(default_factory=list)
    load_findings: list[Finding] = field(default_factory=list)
    rounds: list = field(default_factory=list)  # the remiss rounds and their answers (rounds.RoundFile)
    images: dict[str, Image] = field(default_factory=dict)  # by repository path: only those the check let through
    image_problems: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (code, message)
    sources: SiteSources = field(default_factory=SiteSources)
    # Local agreements (source/local.py): each expanded document's path -> its template's path, and each
    # template's path -> its data file's path.
    virtual_paths: dict[str, str] = field(default_factory=dict)
    local_sources: dict[str, str] = field(default_factory=dict)
    # The per-document rules' findings made as the documents were read (forked.py: `avtal check` of a large
    # repository, klarspråk), as rows of finding()'s arguments by path; a rule reads any other document itself.
    text_rows: dict[str, list[tuple]] = field(default_factory=dict)

    def image(self, doc_path: str, target: str) -> Image | None:
        """The image a reference in the document names, if loading let it through; renderers use
        only this, and never open a path of their own."""
        return self.images.get(image_path(doc_path, target))

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
    def failed(self) -> Failures:
        """The files that failed to load, and what they would have provided (ids, annex numbers)."""
        return Failures(self.load_findings, self.documents, self.datasets)

    @cached_property
    def glossaries(self) -> list[tuple[DataSet, Glossary]]:
        return [(ds, ds.data) for ds in self.datasets if isinstance(ds.data, Glossary)]

    def anchors(self, doc: Document) -> dict[str, Heading]:
        """Every anchor a document's page has: its headings, its open questions' ids and the terms of a
        glossary it presents."""
        return self._anchors.get(doc.path, doc.body.anchors)

    @cached_property
    def _anchors(self) -> dict[str, dict[str, Heading]]:
        extra: dict[str, dict[str, Heading]] = {}
        # By the id in the front matter, valid or not: a glossary's anchors do not depend on
        # whether its document's date is right.
        any_id = {doc.id: doc for doc in reversed(self.documents) if doc.id}
        for dataset, glossary in self.glossaries:
            doc = self.by_id.get(glossary.document) or any_id.get(glossary.document)
            if doc is None:
                continue
            anchors = extra.setdefault(doc.path, dict(doc.body.anchors))
            for index, term in enumerate(glossary.terms):
                pos = dataset.key_pos("terms", index)
                anchors.setdefault(term.id, Heading(0, term.term, term.id, True, pos.line, pos.column))
        for doc in self.documents:
            for question in (q for q in doc.body.questions if q.anchor):
                anchors = extra.setdefault(doc.path, dict(doc.body.anchors))
                anchors.setdefault(question.anchor, Heading(0, question.value, question.anchor, True, question.line,
                                                            question.column))
        return extra


def menu_order(doc: Document) -> tuple:
    """The order of the site's menu, used wherever documents are listed: the agreement, the annexes by their
    number (Bilaga 1 before Bilaga 2, and 2 before 10), then the plans; by title within a kind; the local
    agreements (source/local.py) after the other documents of their folder."""
    from .layout import CONTENT_FOLDERS

    top = doc.path.split("/")[0]
    folder = CONTENT_FOLDERS.index(top) if top in CONTENT_FOLDERS else len(CONTENT_FOLDERS)
    meta = doc.meta
    local = doc.origin is not None  # the local agreements after the agreement they belong with
    return folder, local, (meta.annex_number or 0) if meta else 0, meta.title.casefold() if meta else "", doc.path


def link_path(from_path: str, target: str) -> str:
    """The repository path a relative link in the file `from_path` points to."""
    return _joined(posixpath.dirname(from_path), target)


@lru_cache(maxsize=8192)  # the documents of a folder link to the same few addresses
def _joined(folder: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(folder, target))
