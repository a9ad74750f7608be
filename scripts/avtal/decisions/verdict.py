"""What `avtal verify` says about one file (Verdict), and the paragraphs and words that differ from
the nearest version: shared by the Word reading (verify.py) and the PDF reading (pdfverify.py)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .index import Entry

SHOWN_PARAGRAPHS = 5  # differing paragraphs shown per document
CONTEXT_WORDS = 6


@dataclass
class Verdict:
    code: int
    lines: list[str] = field(default_factory=list)
    match: Entry | None = None  # the version the file is, when it is one (a package's entry for a package)
    found: list[Entry] = field(default_factory=list)  # every entry with the file's text, earliest first


def paragraph_changes(old: list[str], new: list[str]) -> list[str]:
    """The paragraphs that differ, numbered as in the file (new), each with its words that differ."""
    changes = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            changes.append(f"stycke {j + 1}: {word_diff(old[i], new[j])}")
        for i in range(i1 + len(pairs), i2):
            changes.append(f"borttaget stycke (efter stycke {j1 + len(pairs)}): {_excerpt(old[i])}")
        for j in range(j1 + len(pairs), j2):
            changes.append(f"stycke {j + 1}, nytt: {_excerpt(new[j])}")
    return changes


def _words(line: str) -> list[str]:
    return line.replace("\t", " | ").split(" ")


def _excerpt(line: str, limit: int = 16) -> str:
    words = _words(line)
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def word_diff(old: str, new: str) -> str:
    """The words that differ, as [-removed-] and {+added+}, with a few words around each change."""
    a, b = _words(old), _words(new)
    out: list[str] = []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            words = a[i1:i2]
            head = words[:CONTEXT_WORDS] if index else []
            tail = words[-CONTEXT_WORDS:] if index < len(ops) - 1 else []
            if len(words) > len(head) + len(tail):
                out += head + ["…"] + tail
            else:
                out += words
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(word for word in out if word)
