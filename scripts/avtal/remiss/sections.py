"""The sections of a remiss version: what a recipient comments on, as the Word file it received shows them.

Each section is a heading of the remiss version with its stable id (the id a comment names), its
level, its number as the Word file numbers headings (1, 1.1, 1.1.1; a heading numbered by hand,
and one deeper than three levels, has none) and its title as the page shows it. The ids come from
the scan that `avtal check` uses, so a form never offers a section that the check would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.model import split_sections
from ..compare.tree import Trees
from ..rules.remiss import SentVersion
from ..source.markdown_scan import hand_number
from ..text import clean_line

# Word's numbered heading levels: h1 and h2 are Heading 1, h3 Heading 2, h4 Heading 3 (render/word).
_WORD_LEVEL = {1: 0, 2: 0, 3: 1, 4: 2}


@dataclass(frozen=True)
class RemissSection:
    doc_id: str
    id: str
    level: int  # the Markdown heading's level, 2 for ##
    number: str  # "3.2", or "" when the Word file gives it no number
    title: str  # the heading's text in the remiss version

    @property
    def ref(self) -> str:
        """As an answer names it: document-id#section-id."""
        return f"{self.doc_id}#{self.id}"

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def numbers(levels: list[int]) -> list[str]:
    """1, 1.1, 1.1.1 … for Markdown heading levels, as the Word file's heading styles count them."""
    counters, found = [0, 0, 0], []
    for level in levels:
        word = _WORD_LEVEL.get(level)
        if word is None:
            found.append("")
            continue
        counters[word] += 1
        for deeper in range(word + 1, 3):
            counters[deeper] = 0
        found.append(".".join(str(n) for n in counters[: word + 1]))
    return found


def remiss_sections(trees: Trees, sent: SentVersion) -> list[RemissSection]:
    """Every heading of the remiss version that has an id the check knows, in the order of the text."""
    anchors = sent.document.body.anchors
    _, tree = trees.parse(sent.corpus, sent.document)
    headed = [s for s in split_sections(tree)[0] if s.heading is not None and s.id in anchors]
    levels = [s.level if not hand_number(s.title) else 0 for s in headed]
    return [RemissSection(sent.doc_id, s.id, s.level, number, clean_line(s.title) or s.id)
            for s, number in zip(headed, numbers(levels), strict=True)]
