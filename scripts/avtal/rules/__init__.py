"""The integrity rules: small functions over the Corpus, one module per family.

A rule is a function `(Corpus) -> Iterable[Finding]` registered with `@rule`. It reports
only codes of its family (see `avtal.codes`) and never reads a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..corpus import Corpus
from ..findings import Finding

Rule = Callable[[Corpus], Iterable[Finding]]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def run_rules(corpus: Corpus) -> list[Finding]:
    findings: list[Finding] = []
    for check in RULES:
        findings.extend(check(corpus))
    return findings


# Importing the families registers their rules, in this order.
from . import content, data, documents, links, terms  # noqa: E402,F401
