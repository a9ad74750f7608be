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
from . import content, data, documents, links, remiss, terms, verification  # noqa: F401
from .registry import run_rules


def check_corpus(corpus: Corpus, base: str | None = None) -> list[Finding]:
    findings = list(corpus.load_findings)
    if corpus.vocabulary is not None:
        findings.extend(run_rules(corpus))
        if base is not None:
            from .versions import load_baseline, version_findings

            findings.extend(version_findings(corpus, load_baseline(corpus.root, base)))
    return sorted(set(findings))


def check(root: Path, base: str | None = None) -> tuple[Corpus, list[Finding]]:
    corpus = load_corpus(root)
    return corpus, check_corpus(corpus, base)
