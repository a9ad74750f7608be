"""`avtal check`: load the corpus, run every rule, return the findings in file order."""

from __future__ import annotations

from pathlib import Path

from .corpus import Corpus
from .findings import Finding
from .load import load_corpus
from .rules import run_rules


def check_corpus(corpus: Corpus) -> list[Finding]:
    findings = list(corpus.load_findings)
    if corpus.vocabulary is not None:
        findings.extend(run_rules(corpus))
    return sorted(set(findings))


def check(root: Path) -> tuple[Corpus, list[Finding]]:
    corpus = load_corpus(root)
    return corpus, check_corpus(corpus)
