"""`avtal check`: load the corpus, run every rule, return the findings in file order.

With a base revision (`--base REV`, as CI passes the target branch) the version discipline
is checked as well; only then is git read.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..source.corpus import Corpus
from ..source.load import load_corpus

# Importing the families registers their rules, in this order.
from . import content, data, documents, links, terms, verification  # noqa: F401
from .registry import run_rules


def check_corpus(corpus: Corpus, base: str | None = None) -> list[Finding]:
    findings = list(corpus.load_findings)
    if corpus.vocabulary is not None:
        findings.extend(run_rules(corpus))
        if any(doc.meta is not None and doc.meta.decisions for doc in corpus.documents):
            findings.extend(later_rules(corpus))
        if base is not None:
            from .versions import load_baseline, version_findings

            findings.extend(version_findings(corpus, load_baseline(corpus.root, base)))
    return sorted(set(findings))


def later_rules(corpus: Corpus) -> list[Finding]:
    """Rules of later stages, found through the entry-point group `avtal.rules` (as render/contributions.py
    finds outputs), since this stage cannot import them: the decision register's fingerprints
    (decisions/rules.py) need the renderer's element tree and the history. They are about recorded
    decisions, so a repository without any pays nothing for them."""
    from importlib.metadata import entry_points

    findings: list[Finding] = []
    for entry in sorted(entry_points(group="avtal.rules"), key=lambda e: e.name):
        findings.extend(entry.load()(corpus))
    return findings


def check(root: Path, base: str | None = None) -> tuple[Corpus, list[Finding]]:
    corpus = load_corpus(root)
    return corpus, check_corpus(corpus, base)
