"""The registry of rules and the helpers every family uses to report at a key."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..codes import finding
from ..findings import Finding

if TYPE_CHECKING:  # imported where used: klarspråk's per-document part runs before the models are imported
    from ..source.corpus import Corpus, DataSet, Document

Rule = Callable[["Corpus"], Iterable[Finding]]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def at_key(code: str, source: Document | DataSet, key: tuple, message: str, follows_from: str | None = None) -> Finding:
    """A finding at a key of a document's front matter or of a data file (the line it is on)."""
    # A local agreement's key may be in its template or in its row of the data file (Document.key_at);
    # a DataSet has no key_at.
    key_at = getattr(source, "key_at", None)
    path, pos = key_at(*key) if key_at is not None else (source.path, source.key_pos(*key))
    return finding(code, path, pos.line, pos.column, message, follows_from)


def valid_documents(corpus: Corpus) -> Iterator[Document]:
    """The documents whose metadata passed validation: the others have their findings already."""
    return (doc for doc in corpus.documents if doc.meta is not None)


def valid_datasets(corpus: Corpus) -> Iterator[DataSet]:
    return (ds for ds in corpus.datasets if ds.data is not None)


def run_rules(corpus: Corpus) -> list[Finding]:
    findings: list[Finding] = []
    for check in RULES:
        findings.extend(check(corpus))
    return findings
