"""Where an inline link's address is, read as Python-Markdown's link pattern reads it (inlinepatterns.py)."""

from __future__ import annotations

import re

LINK_CLOSE_RE = re.compile(r"\]\(")
ADDRESS_LIMIT = 2000  # characters of an address read; the scheme is at its start


# An address in angle brackets, as Python-Markdown's RE_LINK reads it (inlinepatterns.py).
ANGLE_ADDRESS_RE = re.compile(r"""<([^<>]*)>\s*(?:('[^']*'|"[^"]*")\s*)?\)""", re.DOTALL)


def destination(text: str, start: int) -> tuple[str, int, int] | None:
    """The address of an inline link whose `(` ends before `start`, read as Python-Markdown's
    getLink reads it: (address, where it starts, where the link ends); None when the address
    stands on the next line.

    A code span in the address becomes its text on the page, so backticks are left out."""
    begin, size = start, len(text)
    while begin < size and text[begin] in " \t":
        begin += 1
    if begin == size:
        return None
    end = min(size, begin + ADDRESS_LIMIT)  # read in place: no copy of the rest of a long line
    if text[begin] == "<":
        angle = ANGLE_ADDRESS_RE.match(text, begin, end)
        if angle:
            return angle.group(1).replace("`", ""), begin, angle.end()
    depth, close = 0, end
    for paren in _PAREN_RE.finditer(text, begin, end):  # the parentheses alone, nested ones counted
        if paren.group() == "(":
            depth += 1
        elif depth == 0:
            close = paren.start()
            break
        else:
            depth -= 1
    length = close + 1 - begin if close < end else end - begin
    return _without_title(text[begin:close]).strip().replace("`", ""), begin, begin + length


def _without_title(address: str) -> str:
    """`url "title"` or `url 'title'`: the url."""
    stripped = address.rstrip()
    if stripped[-1:] in ("'", '"'):
        opening = stripped.rfind(stripped[-1], 0, len(stripped) - 1)
        if opening > 0 and stripped[opening - 1] in " \t\n":
            return stripped[:opening]
    return address


_BRACKET_RE = re.compile(r"[\[\]]")
_PAREN_RE = re.compile(r"[()]")


def bracket_pairs(text: str) -> dict[int, int]:
    """Each `]` on the line and the `[` it closes, nested brackets counted, in one pass over the
    brackets alone (a regular expression finds them: a loop over every character of a long line
    was a fifth of `avtal check` on a large repository)."""
    pairs, open_at = {}, []
    for found in _BRACKET_RE.finditer(text):
        index = found.start()
        if text[index] == "[":
            open_at.append(index)
        elif open_at:
            pairs[index] = open_at.pop()
    return pairs
