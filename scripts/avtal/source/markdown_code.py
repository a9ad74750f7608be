"""What a document's Markdown shows as code, as the renderer decides it: fenced blocks and code spans.

Fenced code blocks are found by pymdownx.superfences' own preprocessor, and code spans by
Python-Markdown's rules (an escaped backtick opens none; a span may run over several lines of a
paragraph), so text the check skips is text the site shows as code. markdown_scan and klarsprak
read a document's lines through `read_lines`, once.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right

from markdown import Markdown

_BACKTICKS_RE = re.compile(r"`+")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where Python-Markdown's BacktickInlineProcessor finds code spans in a block's text.

    A run of backticks after an odd number of backslashes is literal (`\\``), and so is its
    first backtick only. Any other run opens a span that closes at the next run of the same
    length, or else at the longest shorter run after it; with neither, the run is literal
    and the search goes on after twice its length, as Python-Markdown's does. Runs are looked
    up by length, so this stays near linear where a regular expression with a backreference
    takes minutes on a line of a few thousand backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    if not runs:
        return []
    starts = [begin for begin, _ in runs]
    by_length: dict[int, list[int]] = {}
    for index, (begin, end) in enumerate(runs):
        by_length.setdefault(end - begin, []).append(index)
    # From each run on: the longest run, and the first run of that length (the fallback partner).
    longest, longest_at = [0] * (len(runs) + 1), [0] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        if length >= longest[index + 1]:
            longest[index], longest_at[index] = length, index
        else:
            longest[index], longest_at[index] = longest[index + 1], longest_at[index + 1]
    spans, position = [], 0
    while (begin := text.find("`", position)) != -1:
        slashes = 0
        while begin > slashes and text[begin - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:
            position = begin + 1
            continue
        run = bisect_right(starts, begin) - 1  # the run that holds this backtick
        ticks = runs[run][1] - begin
        same = by_length.get(ticks, [])
        later = bisect_right(same, run)
        if later < len(same):
            end = runs[same[later]][1]
        elif 0 < longest[run + 1] < ticks:
            end = runs[longest_at[run + 1]][1]
        else:
            position = begin + 2 * ticks
            continue
        spans.append((begin, end))
        position = end
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for begin, end in spans:
        for index in range(begin, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


_SINGLE_LINE_BLOCK_RE = re.compile(r"^[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|!!!|\|)")
_ITEM_START_RE = re.compile(r"^[ \t]*(?:[-+*]|\d+\.)[ \t]")


def _paragraphs(lines: list[str], fenced: set[int], by_block: bool) -> list[tuple[int, int]]:
    """Runs of lines that Python-Markdown may read as one text: between blank lines, or
    (`by_block`) also split where a heading, a list item, an admonition or a table row begins."""
    runs: list[tuple[int, int]] = []
    first = None
    for index, line in enumerate(lines):
        single = by_block and _SINGLE_LINE_BLOCK_RE.match(line) is not None
        item = by_block and _ITEM_START_RE.match(line) is not None
        if first is not None and (index in fenced or not line.strip() or single or item):
            runs.append((first, index))
            first = None
        if index in fenced or not line.strip():
            continue
        if single:
            runs.append((index, index + 1))
        elif first is None:
            first = index
    if first is not None:
        runs.append((first, len(lines)))
    return runs


def _code_in_runs(lines: list[str], runs: list[tuple[int, int]]) -> dict[int, str]:
    blanked = {}
    for first, last in runs:
        if any("`" in lines[index] for index in range(first, last)):
            joined = "\n".join(lines[first:last])
            for index, text in enumerate(_blank(joined, _code_spans(joined)).split("\n"), first):
                blanked[index] = text
    return blanked


def _without_code(lines: list[str], fenced: set[int]) -> list[str]:
    """Each line with its code spans blanked out, every column where it was.

    A code span may run over several lines of a paragraph, and where a paragraph ends the
    line scan can only guess (Python-Markdown decides after its block parsers). So only what
    is code in every reading is blanked: in the line alone, between blank lines, and in the
    runs split where a new block may begin. The scan then reads too much rather than too little.
    """
    result = list(lines)
    if not any("`" in line for index, line in enumerate(lines) if index not in fenced):
        return result
    readings = [_code_in_runs(lines, _paragraphs(lines, fenced, by_block)) for by_block in (False, True)]
    for index, line in enumerate(lines):
        if "`" not in line or index in fenced:
            continue
        views = [_blank(line, _code_spans(line)), *(reading[index] for reading in readings)]
        result[index] = "".join(" " if all(view[column] == " " for view in views) else char
                                for column, char in enumerate(line))
    return result


def read_lines(text: str) -> tuple[list[str], set[int], list[str]]:
    """The text's lines, the indexes of those in fenced code, and each line with its code spans blanked."""
    lines = text.split("\n")
    fenced = {index for first, last in _fenced_blocks(lines, text) for index in range(first, last)}
    # No backtick outside the fences: no code span (what _without_code would find line by line), and the
    # lines themselves are the lines without code (the same list: callers only read it).
    if text.count("`") == sum(lines[index].count("`") for index in fenced):
        return lines, fenced, lines
    return lines, fenced, _without_code(lines, fenced)


_SUPERFENCES = threading.local()


def _fenced_blocks(lines: list[str], text: str) -> list[tuple[int, int]]:
    """The fenced code blocks, (first line, line after the last), as pymdownx.superfences finds them.

    Its own preprocessor decides, so that a "fence" the site does not treat as one (on one
    line, not indented like its content, never closed, with options it refuses) is read as
    the text it is."""
    if "```" not in text and "~~~" not in text:  # `text` is the lines joined: a fence needs one of these
        return []
    if not hasattr(_SUPERFENCES, "preprocessor"):
        preprocessor = Markdown(extensions=["pymdownx.superfences"]).preprocessors["fenced_code_block"]
        for fence in preprocessor.extension.superfences:  # which lines, not how they look: no highlighting
            fence["formatter"] = lambda **_: ""
        _SUPERFENCES.preprocessor = preprocessor
    preprocessor, found = _SUPERFENCES.preprocessor, []
    # Outside a fence the preprocessor reads each line alone, and a line without three backticks or
    # tildes starts none: it is given the lines from the first that may (its line numbers shifted). A
    # line with the characters that Markdown's normalize_whitespace removes may once they are gone.
    # (Found in the whole text, then counted in lines: no loop over every line.)
    first = min((found for found in map(text.find, ("```", "~~~", "\x02", "\x03")) if found != -1), default=-1)
    skip = text.count("\n", 0, first) if first != -1 else len(lines)
    # Where it would keep the block for the page, note the lines instead.
    preprocessor._store = lambda source, code, start, end: found.append((start + skip, end + skip))
    preprocessor.run([line.replace("\x02", "").replace("\x03", "").expandtabs(4) for line in lines[skip:]])
    return found
