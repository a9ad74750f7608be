"""Is a PDF's text a version's canonical text? The comparison a re-saved Word file gets, made on a
PDF's words, where paragraphs, numbering and line breaks are lost.

    align(pdf, segments) -> Alignment
        segments: a version's canonical (body lines, footnote lines), one pair per document (a
        decision package: the agreement, then each annex). Each footnote is looked for first and set
        aside where it stands (at a page's foot), and a footnote's number after a word is skipped. Both sides are compared as a stream of characters without
        white space or hyphens (so a line break, a hyphenation at a line's end, a soft hyphen or a
        non-breaking space makes no difference), in NFKC (a ligature is its letters).

        The PDF's stream is walked paragraph by paragraph from where the version's first words
        stand. A number or bullet at the start of a line (a heading's or list item's automatic
        number) is skipped when the text does not have it; nothing else may stand between the
        paragraphs of a document. Where a paragraph differs, the walk picks up again where one of
        the next paragraphs begins, and the PDF's words in between are that paragraph as the PDF
        has it, for verify's list of paragraphs that differ. A table row split by a page break
        (the ends of its cells after the beginnings of all of them, the header row repeated) is the
        same row when it has the same characters. Between the documents of a package
        stand an annex's title and date line; after the last document, "Versionshistorik".

    exact       every character of the version in place and nothing added: the PDF's text is
                that version, and verify names it as it names a Word file's
    score       the share of the version's characters found in place: the nearest version
    pdf_lines   the version's lines with the PDF's words where they differ (and without the lines
                the PDF does not have), for verdict.paragraph_changes
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .pdftext import PdfText

OPENING = 60  # characters that find where a paragraph begins again after a difference
LOOKAHEAD = 6  # paragraphs tried for that
BETWEEN = 40  # words an annex's title and date line may take between two documents of a package
END_MARK = "Versionshistorik"
_MARK = re.compile(r"(?:(?<=[.,;:)»”])|(?<=[a-zåäö]{2}))\d{1,2}$")  # a footnote's number after a word, as shown
_DROPPED = dict.fromkeys(map(ord, " \t\n\r\u00a0\u00ad\u2011\u2010-"), None)


def key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DROPPED)


@dataclass
class Alignment:
    exact: bool
    score: float
    pdf_lines: list[str] = field(default_factory=list)


class _Stream:
    """The PDF's characters, each with its word; and the same without numbering, for searching."""

    def __init__(self, pdf: PdfText):
        self.text, self.token_of, self.starts, self.numbering = [], [], [], []
        self.aside: set[int] = set()  # footnotes' words, skipped wherever they stand
        self.words = [t.word for t in pdf.tokens]
        for index, token in enumerate(pdf.tokens):
            chars = key(token.word)
            self.starts.append(len(self.text))
            self.numbering.append(token.numbering)
            self.text += chars
            self.token_of += [index] * len(chars)
        self.text = "".join(self.text)
        self.index()

    def index(self) -> None:
        """The stream without numbering (and footnotes set aside): what a search runs over."""
        plain, self.plain_at = [], []
        for position, char in enumerate(self.text):
            if not self.numbering[self.token_of[position]]:
                plain.append(char)
                self.plain_at.append(position)
        self.plain = "".join(plain)
        self.plain_index = {position: i for i, position in enumerate(self.plain_at)}

    def set_aside(self, start: int, end: int) -> None:
        """The words from `start` to `end`, and the number before them, are skipped like numbering."""
        first, last = self.token_of[start], self.token_of[end - 1]
        if first > 0 and self.numbering[first - 1]:
            first -= 1
        for token in range(first, last + 1):
            self.numbering[token] = True
            self.aside.add(token)

    def find(self, wanted: str, start: int, limit: int | None = None) -> int:
        """The stream position where `wanted` (without numbering) begins, at or after `start`; -1 if not."""
        first = self._plain_from(start)
        if first >= len(self.plain) or not wanted:
            return -1
        found = self.plain.find(wanted, first, None if limit is None else first + limit + len(wanted))
        return self.plain_at[found] if found >= 0 else -1

    def _plain_from(self, position: int) -> int:
        while position < len(self.text) and position not in self.plain_index:
            position += 1
        return self.plain_index.get(position, len(self.plain))

    def walk(self, position: int, expected: str) -> int:
        """The position after `expected`, read from `position` skipping numbering it lacks; -1 on a difference."""
        i = 0
        while i < len(expected):
            if position >= len(self.text):
                return -1
            token = self.token_of[position]
            if self.numbering[token] and position == self.starts[token]:
                own = key(self.words[token])
                if token in self.aside or not expected.startswith(own, i):
                    position = self.starts[token] + len(own)
                    continue
            if self.text[position] != expected[i]:
                end = self.starts[token] + len(key(self.words[token]))
                if self._note_mark(position, end):
                    position = end  # a footnote's number after a word: not in the canonical text
                    continue
                return -1
            position, i = position + 1, i + 1
        return position

    def _note_mark(self, position: int, end: int) -> bool:
        """Digits from `position` to the end of a word that has letters before them: a footnote mark."""
        return self.text[position:end].isdigit() and position > self.starts[self.token_of[position]]

    def skip_numbering(self, position: int) -> int:
        while position < len(self.text) and self.numbering[self.token_of[position]]:
            position += 1
        return position

    def words_before(self, position: int, count: int) -> str:
        """The `count` words (numbering left out) before the word at `position`."""
        last = self.token_of[position] if position < len(self.text) else len(self.words)
        chosen = [t for t in range(last - 1, -1, -1) if not self.numbering[t]][:count]
        return " ".join(_MARK.sub("", self.words[t]) for t in reversed(chosen))

    def words_between(self, start: int, end: int, limit: int = 80) -> str:
        if start >= end or start >= len(self.text):
            return ""
        first, last = self.token_of[start], self.token_of[min(end, len(self.text)) - 1]
        words = [_MARK.sub("", w) for t, w in enumerate(self.words[first:last + 1], first)
                 if not self.numbering[t] or t == first]
        return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def align(pdf: PdfText, segments: list[tuple[list[str], list[str]]]) -> Alignment:
    stream = _Stream(pdf)
    notes_found = _set_notes_aside(stream, [notes for _, notes in segments])
    total = sum(len(key(line)) for body, notes in segments for line in [*body, *notes]) or 1
    found, exact, out, position = 0, True, [], 0
    for number, (lines, notes) in enumerate(segments):
        keys = [key(line) for line in lines]
        start, first = _start(stream, keys, position, limited=number > 0)
        if start < 0:  # the document is not in the PDF: its lines are missing, the PDF's words shown
            return Alignment(False, found / total, [*out, stream.words_between(position, len(stream.text))])
        if number and _gap_words(stream, position, start) > BETWEEN:
            exact = False
            out.append(stream.words_between(position, start))
        exact = exact and first == 0
        if first:  # the first paragraphs differ: the PDF's as many words before the rest, in their place
            out.append(stream.words_before(start, sum(len(line.split()) for line in lines[:first])))
        position = start
        k = first
        while k < len(keys):
            after = stream.walk(position, keys[k])
            if after >= 0:
                found += len(keys[k])
                out.append(lines[k].replace("\t", " "))
                position, k = after, k + 1
                continue
            again, resumed = _resume(stream, keys, k + 1, position)
            if again == k + 1 and resumed >= 0 and _same_row(stream.text[position:resumed], lines, keys, k):
                found += len(keys[k])
                out.append(lines[k].replace("\t", " "))
                position, k = resumed, again
                continue
            exact = False
            out.append(stream.words_between(position, resumed if resumed >= 0 else len(stream.text)))
            if resumed < 0:
                position = len(stream.text)
                break
            position, k = resumed, again
        for note in notes:  # a footnote stands at its page's foot; one the PDF lacks is a missing line
            if notes_found.get(note):
                found += len(key(note))
                out.append(note)
            else:
                exact = False
    tail = _tail(stream, position) if segments else ""
    if tail:
        exact = False
        out.append(tail)
    return Alignment(exact and found == total, found / total, out)


def _set_notes_aside(stream: _Stream, notes: list[list[str]]) -> dict[str, bool]:
    """Each footnote's text found in the stream (at a page's foot, after its number) is set aside like
    a number, so that the body's paragraphs read on across it."""
    found = {}
    for note in (n for group in notes for n in group):
        wanted = key(note)
        at = stream.find(wanted, 0)
        found[note] = at >= 0
        if at >= 0:
            stream.set_aside(at, at + len(wanted))
    if found:
        stream.index()
    return found


def _same_row(seen: str, lines: list[str], keys: list[str], k: int) -> bool:
    """A table row that a page break split: its cells' ends come after the other cells' beginnings, and
    the table's header row may stand again on the new page; the characters are the same, in another order."""
    if "\t" not in lines[k]:
        return False
    have, want = Counter(seen), Counter(keys[k])
    if have == want:
        return True
    head = k
    while head > 0 and "\t" in lines[head - 1]:
        head -= 1
    return head < k and have - Counter(keys[head]) == want and have >= Counter(keys[head])


def _start(stream: _Stream, keys: list[str], position: int, limited: bool) -> tuple[int, int]:
    """Where the document's text begins in the stream, and from which paragraph (0 unless the first differ)."""
    for alone in (False, True):  # the opening of the paragraphs from there on, else the paragraph alone
        for first in range(min(LOOKAHEAD, len(keys))):
            wanted = keys[first][:OPENING] if alone else "".join(keys[first:])[:OPENING]
            at = stream.find(wanted, position, BETWEEN * 40 if limited else None)
            if at >= 0:
                return at, first
    return -1, 0


def _resume(stream: _Stream, keys: list[str], k: int, position: int) -> tuple[int, int]:
    """(paragraph, position) where one of the next paragraphs begins after a difference."""
    for again in range(k, min(k + LOOKAHEAD, len(keys))):
        wanted = "".join(keys[again:])[:OPENING]
        at = stream.find(wanted, position)
        if at >= 0:
            return again, at
    return len(keys), -1


def _gap_words(stream: _Stream, start: int, end: int) -> int:
    if start >= end:
        return 0
    return stream.token_of[min(end, len(stream.text)) - 1] - stream.token_of[start] + 1


def _tail(stream: _Stream, position: int) -> str:
    """Words after the last document that are not the version history: text the version does not have."""
    position = stream.skip_numbering(position)
    if position >= len(stream.text) or stream.text.startswith(key(END_MARK), position):
        return ""
    end = stream.find(key(END_MARK), position)
    return stream.words_between(position, end if end >= 0 else len(stream.text))
