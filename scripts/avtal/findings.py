"""Findings: what loading and the rules report, as plain frozen data (rendered in rules/formats.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter


class Severity(StrEnum):
    # The values are the machine contract (`--format json`, and what tools match on); people
    # read the Swedish label (`fel`, `varning`, `upplysning`) in the text output.
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """Errors first, then warnings, then information."""
        return _RANKS[self]


_LABELS = {Severity.ERROR: "fel", Severity.WARNING: "varning", Severity.INFO: "upplysning"}
_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    # The file whose failure to load (or whose invalid metadata) this finding follows from, when
    # a rule could only report it because that file is missing: "bilaga 1 finns inte" while
    # bilaga 1 has an impossible date. rules/check.py folds such findings under the cause.
    follows_from: str | None = field(default=None, compare=False)

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.label} {self.code} {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "code": self.code,
                "severity": self.severity.value, "message": self.message}


# The order the dataclass compares in (order=True), as a key: sorting 30,000 findings by key is a
# tenth of sorting them by their generated __lt__.
_FILE_ORDER = attrgetter("path", "line", "column", "code", "severity", "message")


def in_file_order(findings: Iterable[Finding]) -> list[Finding]:
    """The findings in file order, as sorted() orders them."""
    return sorted(findings, key=_FILE_ORDER)


def unique_in_file_order(findings: Iterable[Finding]) -> list[Finding]:
    """in_file_order(set(findings)): equal findings once (the first of them), without hashing each by its
    generated __hash__. Two findings are equal exactly when their _FILE_ORDER keys are (follows_from is
    not compared), so the key stands in for the finding."""
    findings = list(findings)
    first = dict(zip(map(_FILE_ORDER, reversed(findings)), reversed(findings), strict=True))  # the earliest wins
    return [first[key] for key in sorted(first)]


def has_errors(findings: Iterable[Finding]) -> bool:
    return Severity.ERROR in map(_SEVERITY, findings)  # a pass in C over tens of thousands of findings


_SEVERITY = attrgetter("severity")


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Errors before warnings before information; within each, in file order."""
    return sorted(findings, key=lambda f: (f.severity.rank, _FILE_ORDER(f)))  # (rank, f), without __lt__
