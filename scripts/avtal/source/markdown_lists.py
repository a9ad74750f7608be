"""Lists that the forge's preview shows as lists and the site does not, found line by line.

GitHub and GitLab read Markdown by CommonMark: a list may follow a paragraph without a blank
line, an item nests under another when it is indented to the other's text (two spaces
after `- `, three after `1. `), and `1)` numbers an item. Python-Markdown, which makes the
site and the Word files, reads none of these: the lines stay text in the paragraph or the
item above ("Text: - ett - två"), or the sub-item becomes an item of the list above. The
editor sees a list in the preview and the published text differs, so `avtal check` names
each such line with how to write it so that every reader agrees (AV311–AV313). The rules
follow both readers closely enough for the ordinary cases; a property test compares them
with a CommonMark parser.

The reader follows CommonMark's items (where each item's text starts) and Python-Markdown's
4-space rule for what belongs to an item. Containers that Python-Markdown reads by 4-space
indent (admonitions, footnotes, definitions) and block quotes are read as documents of
their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER_RE = re.compile(r"([-*+]|(\d{1,9})([.)]))([ \t]+)(\S)")
_BREAK_RE = re.compile(r"(?:[-*_][ \t]*){3,}$")  # a thematic break, not an item
_CONTAINER_RE = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]*\w|\[\^[^\]]+\]:|:[ \t]")
_QUOTE_RE = re.compile(r"[ ]{0,3}>[ ]?")
_CLOSES_RE = re.compile(r"#{1,6}(?:[ \t]|$)|\||```|~~~")  # a heading, a table row or a fence ends a list

BLANK_LINE = "blank_line"  # AV311: a list right after a paragraph, or a list of another kind
INDENT = "indent"  # AV312: a sub-item or a further paragraph indented less than four spaces
PAREN = "paren"  # AV313: an item numbered 1) rather than 1.


@dataclass(frozen=True)
class ListGap:
    """A line that CommonMark reads as (part of) a list item and Python-Markdown does not."""

    kind: str
    line: int
    column: int
    indent: int = 0  # INDENT: the spaces written, counted from the item above
    continuation: bool = False  # INDENT: a further paragraph, not a sub-item
    marker: str = ""  # PAREN: the number as written, "1)"


@dataclass
class _Item:
    content: int  # where the item's text starts (CommonMark): a line indented this far belongs to it
    base: int  # where Python-Markdown's list of this item starts: 4 spaces further is inside the item
    marker_indent: int
    ordered: bool


def _expand(line: str) -> str:
    """Leading tabs as the 4 columns both readers give them."""
    if "\t" not in line:
        return line
    stripped = line.lstrip(" \t")
    return line[: len(line) - len(stripped)].expandtabs(4) + stripped


class ListReader:
    """Fed a document's lines in order (a line of fenced code as `fence()`), it collects the gaps."""

    def __init__(self, gaps: list[ListGap] | None = None, offset: int = 0):
        self.gaps = gaps if gaps is not None else []
        self.offset = offset  # the columns a container took off each line
        self.items: list[_Item] = []  # the open items, outermost first
        self.paragraph = False  # the previous line is text that a list could interrupt
        self.blank = True
        self.code = False
        # Python-Markdown reads what follows a blank line indented into an item as one block, to the
        # next blank line: (the indent it was read from, whether it began as text rather than a list).
        self.block: tuple[int, bool] | None = None
        self.inner: ListReader | None = None  # the container being read, a document of its own
        self.quote = False

    def fence(self) -> None:
        """A line of fenced code (or a fence): not text that a list could interrupt."""
        if self.inner is not None:
            self.inner.fence()
            return
        self.paragraph, self.blank = False, False

    def line(self, raw: str, line: int) -> None:
        if self.inner is None:  # the two kinds of line most documents are made of, at once
            if not raw.strip(" \t"):  # blank
                self.paragraph, self.blank, self.block = False, True, None
                return
            if not self.items and raw[:1].isalpha():  # text outside any list: what the long way below decides
                self.code, self.paragraph, self.blank = False, True, False
                return
            if not self.items and raw[:1] in "#|":  # a heading or a table row outside any list: as _text decides
                self.code, self.paragraph, self.blank = False, _CLOSES_RE.match(raw) is None, False
                return
        text = _expand(raw)
        if self.inner is not None and self._contained(text, line):
            return
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        if not stripped:
            self.paragraph, self.blank, self.block = False, True, None
            return
        # A line that begins with a letter is text: no item, break, quote, container or block end (most lines).
        text_only = stripped[0].isalpha()
        marker = _MARKER_RE.match(stripped) if not text_only and not _BREAK_RE.match(stripped) else None
        if self.blank and not marker:
            self._after_blank(indent, line)
        self.code = not self.items and not self.paragraph and indent >= 4
        if self.code:  # indented code: no list, and nothing a list could interrupt
            self.paragraph, self.blank = False, False
            return
        if (not text_only and not self.items and (not self.paragraph or stripped[0] == ":")
                and self._container(text, stripped, indent, line)):
            self.blank = False
            return
        if marker and self._marker(marker, indent, line):
            self.paragraph, self.blank = True, False
            return
        if text_only:
            self.paragraph = True
        else:
            self._text(stripped, indent)
        self.blank = False

    # -- Containers: block quotes, and what Python-Markdown reads by a 4-space indent ------

    def _container(self, text: str, stripped: str, indent: int, line: int) -> bool:
        quoted = _QUOTE_RE.match(text)
        if quoted:
            self.inner, self.quote = ListReader(self.gaps, self.offset + quoted.end()), True
            self.inner.line(text[quoted.end():], line)
            return True
        container = _CONTAINER_RE.match(stripped) if indent == 0 else None
        if container:
            self.inner, self.quote = ListReader(self.gaps, self.offset + 4), False
            if stripped[0] in "[:":  # a footnote's or a definition's text starts on its first line
                self.inner.line(stripped[container.end():].lstrip(" "), line)
            return True
        return False

    def _contained(self, text: str, line: int) -> bool:
        if self.quote:
            quoted = _QUOTE_RE.match(text)
            if quoted:
                self.inner.line(text[quoted.end():], line)
                return True
            if text.strip() and self.inner.paragraph and not _MARKER_RE.match(text.lstrip(" ")):
                self.inner.line(text.lstrip(" "), line)  # a lazy line of the quote's paragraph
                return True
            self.paragraph = self.inner.paragraph and bool(text.strip())  # an item here ends the quote
        elif not text.strip() or text.startswith("    "):
            self.inner.line(text[4:], line)
            return True
        self.inner = None
        return False

    # -- Items and text ----------------------------------------------------------------

    def _marker(self, marker: re.Match, indent: int, line: int) -> bool:
        """An item, as CommonMark reads the line; False when it reads text."""
        ordered = marker.group(2) is not None
        closed = None
        while self.items and indent < self.items[-1].content:
            closed = self.items.pop()
        parent = self.items[-1] if self.items else None
        interrupts = not ordered or int(marker.group(2)) == 1  # what may interrupt a paragraph
        if indent >= (parent.content if parent else 0) + 4:  # code, or a line of the paragraph, to CommonMark
            self.items.extend([closed] if closed else [])
            holder = closed or parent
            if holder is not None and holder.base + 4 <= indent < holder.base + 8:  # a sub-item to Python-Markdown
                self.gaps.append(ListGap(INDENT, line, self.offset + indent + 1, indent - holder.marker_indent))
            return False
        new_list = closed is None or closed.ordered != ordered
        if self.paragraph and not interrupts and closed is None:  # text to CommonMark
            if parent is not None and indent >= parent.base + 4:  # a list in the item to Python-Markdown
                self.gaps.append(ListGap(BLANK_LINE, line, self.offset + indent + 1))
            elif parent is not None:  # an item of the same list to Python-Markdown
                self.gaps.append(ListGap(INDENT, line, self.offset + indent + 1, indent - parent.marker_indent))
            return False
        column = self.offset + indent + 1
        if ordered and marker.group(3) == ")":
            self.gaps.append(ListGap(PAREN, line, column, marker=marker.group(1)))
        elif parent is not None and indent < parent.base + 4:
            self.gaps.append(ListGap(INDENT, line, column, indent - parent.marker_indent))
        elif new_list and self.paragraph and (closed is not None or parent is None):
            self.gaps.append(ListGap(BLANK_LINE, line, column))
        elif self.block is not None and (self.block[1] or indent < self.block[0]):
            self.gaps.append(ListGap(BLANK_LINE, line, column))  # to Python-Markdown, a line of that block
        if self.blank and parent is not None and indent >= parent.base + 4:
            self.block = (parent.base + 4, False)
        spaces = len(marker.group(4))
        content = indent + len(marker.group(1)) + (spaces if spaces <= 4 else 1)
        self.items.append(_Item(content, parent.base + 4 if parent else 0, indent, ordered))
        return True

    def _after_blank(self, indent: int, line: int) -> None:
        """Text after a blank line: the items it is not indented into end (CommonMark); Python-Markdown
        keeps in an item what is indented four spaces past the start of the item's list."""
        closed = None
        while self.items and indent < self.items[-1].content:
            closed = self.items.pop()
        holder = self.items[-1] if self.items else None
        if holder is not None:
            self.block = (holder.base + 4, True)
        if holder is not None and (indent < holder.base + 4 or holder.content + 4 <= indent < holder.base + 8):
            # outside the item to Python-Markdown, or code to CommonMark and a paragraph to Python-Markdown
            self.gaps.append(ListGap(INDENT, line, self.offset + indent + 1, indent - holder.marker_indent, True))
        elif closed is not None and closed.base + 4 <= indent:
            self.gaps.append(ListGap(INDENT, line, self.offset + indent + 1, indent - closed.marker_indent, True))

    def _text(self, stripped: str, indent: int) -> None:
        if _CLOSES_RE.match(stripped) and (not self.items or indent < self.items[-1].content):
            self.items.clear()
            self.paragraph = False
            return
        self.paragraph = True


def list_gaps(lines: list[tuple[int, str | None]]) -> list[ListGap]:
    """The gaps in a document, from (line number, text) pairs; text None for fenced code."""
    reader = ListReader()
    for number, text in lines:
        if text is None:
            reader.fence()
        else:
            reader.line(text, number)
    return reader.gaps
