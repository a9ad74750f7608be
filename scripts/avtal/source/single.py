"""One document and what it needs, for a command that makes one output from it (`avtal docx DOC`).

    load_for_document(root, pick) -> (Corpus, Document | None)
      ├─ load_vocabulary          schema/*.yaml
      ├─ every document           front matter and the Markdown scan: ids, titles, annex numbers and
      │                           headings, which the rules across documents need (one model, cheap)
      └─ the data it needs        the data files its text links to (the tables it shows) and the
                                  glossary (its terms) and the milestones; the other data files are not read as YAML,
                                  nor validated: a data file's kind is recognised by its `kind:` line

`pick(corpus)` chooses the document once the documents are loaded (by id or path). The corpus holds
only those data files; `rules.check.check_document` keeps the findings in the document and in them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from .boundary import OutsideRepository, WorkingTree, site_sources
from .corpus import Corpus, Document, link_path
from .layout import DATA_SUFFIXES
from .load import load_dataset, load_document, load_images, load_vocabulary

# Read whatever document needs them: the glossary (terms) and the milestones (a handed-over question's
# milestone, a row reference's period).
_ALWAYS_RE = re.compile(rb"""^kind:[ \t]*["']?(?:glossary|milestones)["']?[ \t]*(?:#.*)?\r?$""", re.M)
_KIND_LINES_BYTES = 1 << 20  # a data file larger than this is not read for its kind line; loading refuses it anyway


def load_for_document(root: Path, pick: Callable[[Corpus], Document | None]) -> tuple[Corpus, Document | None]:
    vocabulary, findings = load_vocabulary(root)
    corpus = Corpus(root=root, vocabulary=vocabulary, load_findings=findings)
    if vocabulary is None:
        return corpus, None
    # The same reader and boundary as load_corpus (boundary.py): no link followed, nothing outside read.
    reader = WorkingTree(root)
    corpus.sources, problems = site_sources(root)
    findings.extend(problems)
    paths, problems = reader.content_files()
    findings.extend(problems)
    context = {"vocabulary": vocabulary}
    for rel in (p for p in paths if p.endswith(".md")):
        doc = load_document(reader, rel, context, findings)
        if doc is not None:
            corpus.documents.append(doc)
    _expand_local(corpus, reader, paths, context)
    doc = pick(corpus)
    if doc is None:
        return corpus, None
    shown = _linked_data(doc)
    for rel in (p for p in paths if p.endswith(DATA_SUFFIXES)):
        if rel in shown or _ALWAYS_RE.search(_bytes(reader, rel)):
            dataset = load_dataset(reader, rel, context, findings)
            if dataset is not None:
                corpus.datasets.append(dataset)
    load_images(corpus, reader)
    return corpus, doc


def _expand_local(corpus: Corpus, reader: WorkingTree, paths: list[str], context: dict) -> None:
    """The local agreements (source/local.py): each template's data file read, and a document per row."""
    from .local import LOCAL_KEY, expand_local, is_template

    wanted = {link_path(doc.path, str(doc.front_matter.value[LOCAL_KEY])) for doc in corpus.documents
              if is_template(doc.front_matter.value)}
    for rel in sorted(wanted & set(paths)):
        dataset = load_dataset(reader, rel, context, corpus.load_findings)
        if dataset is not None:
            corpus.datasets.append(dataset)
    if wanted:
        expand_local(corpus, context)


def needed_paths(corpus: Corpus, doc: Document) -> set[str]:
    """The files whose findings stop the document's output: its own, the data files it needs (loaded,
    or read and failed: no other data file was read), and what every output needs (the vocabularies,
    the Word template, mkdocs.yml, the images)."""
    own = {doc.path, *(dataset.path for dataset in corpus.datasets)}
    if doc.origin is not None:  # a local agreement: its findings are at its template and data file
        own |= {doc.origin.template, doc.origin.data.path}
    return own | {f.path for f in corpus.load_findings if not f.path.endswith(".md")}


def _linked_data(doc: Document) -> set[str]:
    targets = (unquote(link.target.strip().partition("#")[0]) for link in doc.body.links)
    return {link_path(doc.path, target) for target in targets if target.endswith(DATA_SUFFIXES)}


def _bytes(reader: WorkingTree, rel: str) -> bytes:
    try:
        return reader.read(rel, _KIND_LINES_BYTES)
    except (OSError, OutsideRepository):  # unreadable or too large: not the glossary, as far as this document is concerned
        return b""
