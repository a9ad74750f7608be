"""What markdown_scan and klarsprak read from a text, as plain JSON data: the regression test's views
(test_scan_regression.py), and the texts it reads, made from a seed."""

from __future__ import annotations

import dataclasses
import random

# Pieces of the documents' Markdown and of Swedish prose, joined at random into texts that cross
# every path of the scanners: fences, code spans, links over lines, lists, admonitions, tables.
PIECES = [
    "t.ex.", "bl.a.", "kap.", "§", "8", "2027.", "Regionen", "kommunen", "m.m.", "?", "!", "\n", "\n\n", "- ",
    "1. ", "1) ", "|", "```", "~~~", "`", "``", "[", "]", "(", ")", "[[", "]]", "!!! question ", "!!! verify ", '"',
    "{#x}", "{: .a}", "{onclick=x}", "    ", "  ", ">", "#", "## ", "*", "**", "_", ":", ": ", "<", "<b>",
    "<https://x.se>", "&amp;", "\\", "\u00a0", "…", "”", "É", "ß", "\t", "=", "---", "===", "[x]: ", "[^1]",
    "[^1]: ", "](", "](a.md#b)", "![", "bilaga 2", "Bilagorna 1–3", "٣.", "<!--", "sjukvårdshuvudmannen",
    "x.yaml", "  - ", "    - ", "2. ", "+ ", " ", " ", " ", "Kommunen ansvarar för vården.", "ord",
]


def texts(seed: int, count: int, pieces: int = 120) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(pieces))) for _ in range(count)]


def _plain(value):
    if dataclasses.is_dataclass(value):
        return [_plain(v) for v in dataclasses.astuple(value)]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def body_view(body) -> dict:
    return {f.name: _plain(getattr(body, f.name)) for f in dataclasses.fields(body) if f.name != "code"}


def prose_view(klarsprak, paragraphs) -> dict:
    return {
        "tokens": [[list(token) for token in paragraph.tokens] for paragraph in paragraphs],
        "sentences": [[len(sentence) for sentence in klarsprak.sentences(paragraph)] for paragraph in paragraphs],
        "words": [len(paragraph.words) for paragraph in paragraphs],
        "lix": _plain(klarsprak.lix(paragraphs)),
    }
