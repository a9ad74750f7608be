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
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from .markdown_code import read_lines
from .markdown_scan import TERM_RE

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
# A line that starts a block of its own, and the marks before an item's or a note's text, each as one
# pattern (the alternatives in this order, as the checks read them): one match per line, not eight.
_BLOCK_RE = re.compile("|".join(p.pattern for p in (_HEADING_RE, _ADMONITION_RE, _RULE_RE, _REFERENCE_RE, _DATA_LINK_RE)))
_MARKER_RE = re.compile("|".join(p.pattern for p in (_FOOTNOTE_DEF_RE, _DEFINITION_RE, _ITEM_RE)))
_GROUP = itemgetter(1)  # r"\1" as a replacement, without expanding a template per match
_TRAILING = "\"'”’»)]}"
_LEADING = "\"'“”‘’«([{"


_WORD_CHAR_RE = re.compile(r"[^\W_]")  # a letter or a digit
_LETTER_RE = re.compile(r"[^\W\d_]")
# The last characters after which a sentence may end: every other token ends none (see `ends_sentence`).
_MAY_END = frozenset(".!?…" + _TRAILING)
# What a token is, by its text, as one character: a sign, a word or a long word ("s", "w", "l"), in
# capitals when its last character may end a sentence. Decided once per distinct text, as running
# text repeats its words, and kept as a string per paragraph, so that counting is str.count.
SIGN, WORD, LONG = "s", "w", "l"
_SIGNS = "sS"


class _Kinds(dict):
    def __missing__(self, text: str) -> str:
        if text.isalpha():  # letters only (most words): every character counts as a letter
            kind = LONG if len(text) > LONG_WORD_LETTERS else WORD
        else:
            kind = (LONG if long_word(text) else WORD) if _WORD_CHAR_RE.search(text) else SIGN
        if text[-1] in _MAY_END:
            kind = kind.upper()
        if len(self) < 100_000:  # a bound, for a process that reads many repositories
            self[text] = kind
        return kind


_KINDS = _Kinds()
_MAY_END_RE = re.compile("[SWL]")


class Token(NamedTuple):  # a tuple: a document has thousands
    """A run of characters between spaces, with the file line it stands on; whether it is a word
    (it holds a letter or a digit) and a long word (more than six letters), decided once."""

    text: str
    line: int
    is_word: bool
    is_long: bool

    @classmethod
    def of(cls, text: str, line: int) -> Token:
        kind = _KINDS[text].lower()
        return cls(text, line, kind != SIGN, kind == LONG)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text, as three columns of its tokens (words and signs such as "§" and
    "–"): their texts, their lines and their kinds (a string, a character each, see _Kinds). The
    check counts on the columns; `tokens` and `sentences` give Token tuples for those who read them.
    Its sentences (`spans`) and their words are counted once, as it is read: every reader needs them."""

    texts: tuple[str, ...]
    lines: tuple[int, ...]
    kinds: str
    word_count: int
    spans: tuple[tuple[int, int], ...]  # the sentences as (first token, token after the last), each holding a word
    span_counts: tuple[int, ...]  # the words of each sentence

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(text, line, kind not in _SIGNS, kind in "lL")
                     for text, line, kind in zip(self.texts, self.lines, self.kinds, strict=True))

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(token for token in self.tokens if token.is_word)

    @property
    def long_words(self) -> int:
        return self.kinds.count("l") + self.kinds.count("L")

    @cached_property
    def sentences(self) -> list[tuple[Token, ...]]:
        tokens = self.tokens
        return [tokens[first:last] for first, last in self.spans]

    def span_words(self, first: int, last: int) -> int:
        return _span_words(self.kinds, first, last)

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 0


_PARAGRAPH_FIELDS = ("texts", "lines", "kinds", "word_count", "spans", "span_counts")
_new = object.__new__


def _paragraph(*values) -> Paragraph:
    """Paragraph(*values), its fields set as the frozen dataclass's own __init__ sets them (object.__setattr__
    each) but in one step: a large repository has tens of thousands of paragraphs."""
    made = _new(Paragraph)
    made.__dict__.update(zip(_PARAGRAPH_FIELDS, values, strict=True))
    return made


def _span_words(kinds: str, first: int, last: int) -> int:
    return (last - first) - kinds.count("s", first, last) - kinds.count("S", first, last)


class Lix(NamedTuple):
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def _inline(text: str) -> str:
    """A line's Markdown as the page shows its text: links by their text, no markup characters.

    Each pattern needs a character that most lines lack; a line without it is left alone."""
    if "[" in text:
        text = _IMAGE_RE.sub(" ", text) if "![" in text else text
    if "<" in text:
        text = _AUTOLINK_RE.sub(_GROUP, text)
    if "[" in text:
        text = _LINK_RE.sub(_GROUP, text) if "](" in text else text
        text = _REF_LINK_RE.sub(_GROUP, text) if "][" in text else text
        text = _FOOTNOTE_REF_RE.sub("", text) if "[^" in text else text
        text = TERM_RE.sub(_GROUP, text) if "[[" in text else text
    if "{" in text:
        text = _ATTR_RE.sub(" ", text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS_RE.sub("", text)
    if "\\" in text:
        text = text.replace("\\", "")
    return html.unescape(text) if "&" in text else text


class _Reader:
    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.texts: list[str] = []
        self.lines: list[int] = []

    def end(self) -> None:
        if self.texts:
            kinds = "".join(map(_KINDS.__getitem__, self.texts))
            words = len(kinds) - kinds.count("s") - kinds.count("S")
            if words:  # holds a word
                if _MAY_END_RE.search(kinds, 0, len(kinds) - 1) is None:  # one sentence (most paragraphs)
                    spans, counts = ((0, len(kinds)),), (words,)
                else:
                    spans, counts = _sentence_spans(self.texts, kinds)
                self.paragraphs.append(_paragraph(tuple(self.texts), tuple(self.lines), kinds, words, spans, counts))
            self.texts, self.lines = [], []

    def drop(self) -> None:
        self.texts, self.lines = [], []

    def add(self, text: str, line: int) -> None:
        found = _inline(text).split()
        self.texts += found
        self.lines += [line] * len(found)


# Lines that begin with one of these may be a heading, an admonition, a rule, a reference, a data link,
# a footnote, a definition, an item, HTML or (after a space or a tab) indented text: the others are text.
_MAY_BE_BLOCK = frozenset("#!?-*_=[:+< \t")


def prose(body_text: str, first_line: int = 1, code: tuple[set[int], dict[int, str]] | None = None) -> list[Paragraph]:
    """The document's running text, paragraph by paragraph, as the site shows it (see the module's doc).

    `code`: what markdown_scan found to be code in this same text (Body.code), so that a document is not
    read twice."""
    if code is None:
        _, fenced, code_free = read_lines(body_text)
    else:
        fenced, blanked = code
        code_free = body_text.split("\n")
        for index, text in blanked.items():
            code_free[index] = text
    reader, in_table = _Reader(), False
    for index, text in enumerate(code_free):
        if not text or text.isspace() or index in fenced:
            if reader.texts:
                reader.end()
            in_table = False
            continue
        if text[0].isalpha() and not (in_table and "|" in text):  # running text (most lines): as below, at once
            reader.add(text, first_line + index)
            continue
        if text[0] in " \t>" and text.lstrip(" \t")[:1] == ">":
            text = _QUOTE_RE.sub("", text)
        stripped = text.strip()
        if not stripped:
            continue  # only the marks of a quote: nothing to read, and nothing ends
        if stripped.startswith("|") or (in_table and "|" in stripped):
            reader.end()
            in_table = True  # a table's rows; a row may lack its leading pipe
            continue
        if text[0] in _MAY_BE_BLOCK or text[0].isdecimal() or stripped[0] == "<":
            if _BLOCK_RE.match(text) or stripped.startswith("<"):
                if reader.texts and _RULE_RE.match(text) and not stripped.startswith("*"):
                    reader.drop()  # the line above was a setext heading's text
                reader.end()
                continue
            marker = _MARKER_RE.match(text)
            if marker:
                reader.end()
                text = text[marker.end():]
        reader.add(text, first_line + index)
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


def _sentence_spans(texts: list[str], kinds: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The sentences as (first token, token after the last) and the words of each; a run without a word
    is no sentence."""
    spans, first = [], 0
    last = len(texts) - 1
    # Only a token whose last character may end a sentence is asked; the paragraph's last ends one.
    for found in _MAY_END_RE.finditer(kinds, 0, last):
        index = found.start()
        if ends_sentence(texts[index], texts[index + 1]):
            spans.append((first, index + 1))
            first = index + 1
    spans.append((first, last + 1))
    counted = [(span, _span_words(kinds, *span)) for span in spans]
    return tuple(span for span, words in counted if words), tuple(words for _, words in counted if words)


def word_count(tokens: tuple[Token, ...]) -> int:
    return sum(1 for token in tokens if token.is_word)


def long_word(token: str) -> bool:
    return len(token) > LONG_WORD_LETTERS and len(_LETTER_RE.findall(token)) > LONG_WORD_LETTERS


def lix(paragraphs: list[Paragraph]) -> Lix:
    words = sum(paragraph.word_count for paragraph in paragraphs)
    count = sum(len(paragraph.spans) for paragraph in paragraphs)
    return Lix(words, count, sum(paragraph.long_words for paragraph in paragraphs))


# Björnsson's bands, as they are usually given in Swedish.
LIX_BANDS = [(25, "mycket lätt"), (30, "lätt"), (40, "medelsvår"), (50, "svår")]


def lix_band(value: float) -> str:
    return next((name for limit, name in LIX_BANDS if value < limit), "mycket svår")
