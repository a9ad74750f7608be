"""What `avtal check` starts before anything else: the documents' text work in a second process.

A child reads the documents from the last one backwards (source/forked.py) and runs
read_along over each of them, while this process imports Pydantic, the models and the rules. Light on
purpose: it is imported before the fork, and the child needs neither Pydantic nor the models.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..source.forked import TextReads, start_text_reads


def read_along(path: str, text: str, first_line: int, code) -> Iterator[tuple]:
    """The rules' per-document part that runs as each document is read (in both processes): klarspråk, a
    third of the check of a repository. Its rule (klarsprak.plain_language) makes findings of the rows."""
    from .klarsprak import plain_language_rows  # here: the child imports it after the fork

    return plain_language_rows(path, text, first_line, code)


def start(root: Path) -> TextReads | None:
    """The child for the documents under `root`, started now; None where one process reads them alone."""
    return start_text_reads(root, read_along)
