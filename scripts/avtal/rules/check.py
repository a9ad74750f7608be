"""`avtal check`: load the corpus, run every rule, return the findings in file order.

With a base revision (`--base REV`, as CI passes the target branch) the version discipline
is checked as well; only then is git read.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..source.corpus import Corpus, Document
from ..source.load import load_corpus
from ..source.single import needed_paths

# Importing the families registers their rules, in this order.
from . import content, data, documents, links, terms, verification  # noqa: F401
from .registry import run_rules


def check_corpus(corpus: Corpus, base: str | None = None) -> list[Finding]:
    findings = list(corpus.load_findings)
    if corpus.vocabulary is not None:
        findings.extend(run_rules(corpus))
        if base is not None:
            from .versions import load_baseline, version_findings

            findings.extend(version_findings(corpus, load_baseline(corpus.root, base)))
    return sorted(set(findings))


def check_document(corpus: Corpus, doc: Document) -> list[Finding]:
    """The findings that concern one document's output (`avtal docx`): every rule over the corpus loaded
    for it (source/single.py), keeping those in its own file and in the data files it needs."""
    paths = needed_paths(corpus, doc)
    return [f for f in check_corpus(corpus) if f.path in paths]


def check(root: Path, base: str | None = None) -> tuple[Corpus, list[Finding]]:
    corpus = load_corpus(root)
    return corpus, check_corpus(corpus, base)
