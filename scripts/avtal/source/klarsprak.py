"""Klarspråk, measured: the running text of a document as the site shows it, its sentences and its LIX.

    prose(body_text, first_line)  the paragraphs a reader reads: paragraphs, list items, the text of
                                  admonitions and footnotes; not headings, admonition titles, tables
                                  (written or made from data), code, raw HTML or link addresses
    sentences(paragraph)          the sentences, split as Swedish is written (see `ends_sentence`)
    lix(paragraphs)               LIX = words / sentences + 100 × long words / words

A word is a run of characters between spaces that holds a letter or a digit ("§" and "–" are not
words); a long word has more than six letters. The check (rules/klarsprak.py) and the site's page
header both call this module on the same text, so the number a page shows is the number the check
judges. Reading the source line by line, as markdown_scan does, keeps each sentence's line for the
findings. Pure Python; nothing here may fail on any text (tests/source/test_klarsprak.py, hypothesis).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from .markdown_scan import TERM_RE, _fenced_blocks, _without_code

LONG_SENTENCE = 35  # words; AV323
HARD_PARAGRAPH = 55  # LIX; AV324
MIN_WORDS = 20  # a paragraph shorter than this gets no LIX finding: on a few words the index says little
LONG_WORD_LETTERS = 6  # a long word has more letters than this

# Abbreviations that never end a sentence, however the next word is written (casefolded, with their dots).
ABBREVIATIONS = frozenset("""
t.ex. t.ex bl.a. bl.a s.k. d.v.s. dvs. p.g.a. pga. fr.o.m. t.o.m. o.d. e.d. f.d. jfr. jfr ca. c:a kap. st. p. nr.
resp. inkl. exkl. enl. ang. kl. tel. avd. prop. dir. bet. mom. sek. uppl. ev. s. sid. obs. f. ff. m.a.o. mfl.
fig. tab. bil. art. vol. jan. feb. mar. apr. jun. jul. aug. sep. sept. okt. nov. dec. dr. doc. prof. leg.
""".split())
# Abbreviations that end a sentence when a capital follows ("… och annat m.m. Regionen …").
CLOSING_ABBREVIATIONS = frozenset("m.m. osv. o.s.v. etc. m.fl. o.dyl. usw.".split())

_ITEM_RE = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+")
_QUOTE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_ADMONITION_RE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*\w")
_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_RULE_RE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)[ \t]*$")
_REFERENCE_RE = re.compile(r"^[ \t]{0,3}\[[^\]^][^\]]*\]:")
_FOOTNOTE_DEF_RE = re.compile(r"^[ \t]{0,3}\[\^[^\]]+\]:[ \t]*")
_DEFINITION_RE = re.compile(r"^[ \t]*:[ \t]+")
_DATA_LINK_RE = re.compile(r"^[ \t]*\[[^\]]*\]\([^()\s]+\.ya?ml\)[ \t]*$")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK_RE = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]]*\]")
_ATTR_RE = re.compile(r"\{[:#.][^{}]*\}")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^<>\s]*)>")
_TAG_RE = re.compile(r"<[^>]*>")
_EMPHASIS_RE = re.compile(r"(\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w))")
_TRAILING = "\"'”’»)]}"
_LEADING = "\"'“”‘’«([{"


_WORD_CHAR_RE = re.compile(r"[^\W_]")  # a letter or a digit
_LETTER_RE = re.compile(r"[^\W\d_]")


class Token(NamedTuple):  # a tuple: a document has thousands, made in a few milliseconds
    """A run of characters between spaces, with the file line it stands on; whether it is a word
    (it holds a letter or a digit) and a long word (more than six letters), decided once."""

    text: str
    line: int
    is_word: bool
    is_long: bool

    @classmethod
    def of(cls, text: str, line: int) -> Token:
        return cls(text, line, _WORD_CHAR_RE.search(text) is not None, long_word(text))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text: its tokens, words and signs such as "§" and "–"."""

    tokens: tuple[Token, ...]

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(token for token in self.tokens if token.is_word)

    @cached_property
    def sentences(self) -> list[tuple[Token, ...]]:
        return _sentences(self)

    @property
    def line(self) -> int:
        return self.tokens[0].line if self.tokens else 0


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def _inline(text: str) -> str:
    """A line's Markdown as the page shows its text: links by their text, no markup characters."""
    text = _IMAGE_RE.sub(" ", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _REF_LINK_RE.sub(r"\1", text)
    text = _FOOTNOTE_REF_RE.sub("", text)
    text = TERM_RE.sub(r"\1", text)
    text = _ATTR_RE.sub(" ", text)
    text = _TAG_RE.sub(" ", text)
    text = _EMPHASIS_RE.sub("", text)
    return html.unescape(text.replace("\\", ""))


class _Reader:
    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.tokens: list[Token] = []

    def end(self) -> None:
        if any(token.is_word for token in self.tokens):
            self.paragraphs.append(Paragraph(tuple(self.tokens)))
        self.tokens = []

    def add(self, text: str, line: int) -> None:
        self.tokens.extend(Token.of(token, line) for token in _inline(text).split())


@lru_cache(maxsize=128)  # the check's rules and the site's header read each document's: made once (never changed)
def prose(body_text: str, first_line: int = 1) -> list[Paragraph]:
    """The document's running text, paragraph by paragraph, as the site shows it (see the module's doc)."""
    lines = body_text.split("\n")
    fenced = {index for first, last in _fenced_blocks(lines) for index in range(first, last)}
    code_free = _without_code(lines, fenced)
    reader, in_table = _Reader(), False
    for index in range(len(lines)):
        line, text = first_line + index, code_free[index]
        if index in fenced or not text.strip():
            reader.end()
            in_table = False
            continue
        text = _QUOTE_RE.sub("", text)
        stripped = text.strip()
        if stripped.startswith("|") or (in_table and "|" in stripped):
            reader.end()
            in_table = True  # a table's rows; a row may lack its leading pipe
            continue
        if (_HEADING_RE.match(text) or _ADMONITION_RE.match(text) or _RULE_RE.match(text)
                or _REFERENCE_RE.match(text) or _DATA_LINK_RE.match(text) or stripped.startswith("<")):
            if _RULE_RE.match(text) and reader.tokens and not stripped.startswith("*"):
                reader.tokens = []  # the line above was a setext heading's text
            reader.end()
            continue
        for pattern in (_FOOTNOTE_DEF_RE, _DEFINITION_RE, _ITEM_RE):
            marker = pattern.match(text)
            if marker:
                reader.end()
                text = text[marker.end():]
                break
        reader.add(text, line)
    reader.end()
    return reader.paragraphs


def _core(token: str) -> str:
    return token.strip(_TRAILING).lstrip(_LEADING)


def ends_sentence(token: str, following: str | None) -> bool:
    """Whether a sentence ends after `token`, given the next word (None at the end of a paragraph).

    "!" and "?" end one. A full stop does when a capital letter follows ("… 1 januari 2027. Regionen …"),
    or a digit after an ordinary word; never after an abbreviation ("t.ex.", "bl.a.", "kap." in "8 kap.
    9 §", "nr."), a single letter (an initial) or a word with a dot inside it (an address, "3.2.").
    "m.m.", "osv." and "etc." end a sentence when a capital follows. A colon does not end a sentence.
    """
    if following is None:
        return True
    core = token.rstrip(_TRAILING)
    if not core or core[-1] not in ".!?…":
        return False
    if core[-1] in "!?…":
        return True
    word = _core(token).casefold()
    start = following.lstrip(_LEADING)[:1]
    if not start:
        return False
    if word in CLOSING_ABBREVIATIONS:
        return start.isupper()
    if word in ABBREVIATIONS or (len(word) == 2 and word[0].isalpha()) or "." in word[:-1]:
        return False
    if start.isupper():
        return True
    return start.isdigit() and word[:-1].isalpha()


def sentences(paragraph: Paragraph) -> list[tuple[Token, ...]]:
    """The paragraph's sentences, each a run of its tokens holding a word; the paragraph's end ends the last."""
    return paragraph.sentences


def _sentences(paragraph: Paragraph) -> list[tuple[Token, ...]]:
    result, current = [], []
    tokens = paragraph.tokens
    for index, token in enumerate(tokens):
        current.append(token)
        following = tokens[index + 1].text if index + 1 < len(tokens) else None
        if ends_sentence(token.text, following):
            result.append(tuple(current))
            current = []
    if current:
        result.append(tuple(current))
    return [sentence for sentence in result if any(token.is_word for token in sentence)]


def word_count(tokens: tuple[Token, ...]) -> int:
    return sum(1 for token in tokens if token.is_word)


def long_word(token: str) -> bool:
    return len(token) > LONG_WORD_LETTERS and len(_LETTER_RE.findall(token)) > LONG_WORD_LETTERS


def lix(paragraphs: list[Paragraph]) -> Lix:
    words = [word for paragraph in paragraphs for word in paragraph.words]
    count = sum(len(paragraph.sentences) for paragraph in paragraphs)
    return Lix(len(words), count, sum(1 for word in words if word.is_long))


# Björnsson's bands, as they are usually given in Swedish.
LIX_BANDS = [(25, "mycket lätt"), (30, "lätt"), (40, "medelsvår"), (50, "svår")]


def lix_band(value: float) -> str:
    return next((name for limit, name in LIX_BANDS if value < limit), "mycket svår")
