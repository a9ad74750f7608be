"""What `avtal check` starts before it imports the models: the documents' text work in a second process.

In a large repository a child reads the last part of the documents (source/forked.py) and runs over
each of them the per-document part of the rules in READ_ALONG, while this process imports Pydantic, the
models and the other rules. Light on purpose: nothing here imports Pydantic or the models.
"""

from __future__ import annotations

from pathlib import Path

from ..source.forked import TextReads, start_text_reads
from .klarsprak import plain_language_rows

# The rules' per-document part that runs as each document is read (in both processes): klarspråk, a third
# of the check of a large repository. Its rule (klarsprak.plain_language) makes findings of the rows.
READ_ALONG = plain_language_rows


def start(root: Path) -> TextReads | None:
    """The child for a large repository's documents under `root`, started now; None for a small one."""
    return start_text_reads(root, READ_ALONG)
