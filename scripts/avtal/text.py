"""Values shown as text: control characters out, and Markdown that shows a value as it is.

Metadata, data and git (commit subjects, author names, old front matter) are written by
anyone who can open a pull request or push a commit. Where such a value goes into
generated Markdown (the site's pages, the change logs) it must come out as the same
text, never as a link, an emphasis, raw HTML or a list; and where it is printed in a
terminal it must not carry escape sequences. Both work on one line: a value shown in a
table cell, a heading or a list item cannot break it.
"""

from __future__ import annotations

import re

# C0 and C1 control characters (terminal escapes, NUL, Python-Markdown's placeholder marks
# STX/ETX) and the bidirectional overrides that make text read differently from what it is.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
# What Python-Markdown (with the tables extension) and CommonMark read as inline syntax; the
# backslash escape is the same in both. `<` and `&` have no backslash escape in Python-Markdown.
_INLINE_RE = re.compile(r"([\\`*_{}\[\]|])")
# What starts a block where a line (or a list item) begins: "- ", "+ ", "1. ", "# ", "> ", "!!!".
_BLOCK_START_RE = re.compile(r"^([-+#>!])|^(\d+)([.)])")
_CLOSING_HASHES_RE = re.compile(r"(#+)$")  # a heading drops them


def party_slug(party: str) -> str:
    """"Malung-Sälens kommun" -> "malung-salens-kommun": a party in an id or a file name."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", party).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def count(number: int, one: str, many: str) -> str:
    """A count with its noun in the right number: "1 fråga", "2 frågor" (never "1 frågor")."""
    return f"{number} {one if number == 1 else many}"


def clean_line(value: object) -> str:
    """The value on one line: control characters removed, each run of white space one space."""
    return " ".join(_CONTROL_RE.sub("", str(value)).split())


def markdown_text(value: object, line_start: bool = False) -> str:
    """Markdown that renders as exactly the value's text, on one line.

    `line_start`: the value begins a line or a list item, where "1." or "-" would start a list."""
    text = clean_line(value).replace("&", "&amp;").replace("<", "&lt;")
    text = _CLOSING_HASHES_RE.sub(lambda m: "\\#" * len(m.group(1)), _INLINE_RE.sub(r"\\\1", text))
    if line_start:
        text = _BLOCK_START_RE.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)
    return text


def markdown_code(value: object) -> str:
    """A code span that shows the value as it is, whatever backticks it holds."""
    text = clean_line(value)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"
