"""One document and what it needs, for a command that makes one output from it (`avtal docx DOC`).

    load_for_document(root, pick) -> (Corpus, Document | None)
      ├─ load_vocabulary          schema/*.yaml
      ├─ every document           front matter and the Markdown scan: ids, titles, annex numbers and
      │                           headings, which the rules across documents need (one model, cheap)
      └─ the data it needs        the data files its text links to (the tables it shows) and the
                                  glossary (its terms); the other data files are not read as YAML,
                                  nor validated: a data file's kind is recognised by its `kind:` line

`pick(corpus)` chooses the document once the documents are loaded (by id or path). The corpus holds
only those data files; `rules.check.check_document` keeps the findings in the document and in them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from .corpus import Corpus, Document, link_path
from .layout import CONTENT_FOLDERS, DATA_SUFFIXES
from .load import load_dataset, load_document, load_vocabulary

_GLOSSARY_RE = re.compile(rb"""^kind:[ \t]*["']?glossary["']?[ \t]*(?:#.*)?\r?$""", re.M)


def load_for_document(root: Path, pick: Callable[[Corpus], Document | None]) -> tuple[Corpus, Document | None]:
    vocabulary, findings = load_vocabulary(root)
    corpus = Corpus(root=root, vocabulary=vocabulary, load_findings=findings)
    if vocabulary is None:
        return corpus, None
    context = {"vocabulary": vocabulary}
    documents, data_files = _files(root)
    for file, rel in documents:
        doc = load_document(file, rel, context, findings)
        if doc is not None:
            corpus.documents.append(doc)
    doc = pick(corpus)
    if doc is None:
        return corpus, None
    shown = _linked_data(doc)
    for file, rel in data_files:
        if rel in shown or _GLOSSARY_RE.search(_bytes(file)):
            dataset = load_dataset(file, rel, context, findings)
            if dataset is not None:
                corpus.datasets.append(dataset)
    return corpus, doc


def needed_paths(corpus: Corpus, doc: Document) -> set[str]:
    """The files whose findings stop the document's output: its own and the data files it needs."""
    return {doc.path, *(dataset.path for dataset in corpus.datasets)}


def _files(root: Path) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]]]:
    documents, data = [], []
    for folder in CONTENT_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for file in sorted(base.rglob("*")):
            rel = file.relative_to(root).as_posix()
            if any(part.startswith(".") for part in rel.split("/")) or not file.is_file():
                continue
            if rel.endswith(".md"):
                documents.append((file, rel))
            elif rel.endswith(DATA_SUFFIXES):
                data.append((file, rel))
    return documents, data


def _linked_data(doc: Document) -> set[str]:
    targets = (unquote(link.target.strip().partition("#")[0]) for link in doc.body.links)
    return {link_path(doc.path, target) for target in targets if target.endswith(DATA_SUFFIXES)}


def _bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError:  # unreadable: not the glossary, as far as this document is concerned
        return b""
