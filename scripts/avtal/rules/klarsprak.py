"""Klarspråk (AV323, AV324): sentences over 35 words, and paragraphs whose LIX is over 55.

Both are information, not warnings: a long sentence may be the clearest way to say a thing, and the
editors decide. The text is read as the site shows it (source/klarsprak.py), outside tables and code;
the formula and the limits are stated in the handbook (render/site_files/pages/handbok/klarsprak.md).

The per-document part (plain_language_rows) imports neither Pydantic nor the models: `avtal check` runs
it as the documents are read, in two processes (source/forked.py, rules/early.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..codes import finding
from ..findings import Finding
from ..source.klarsprak import HARD_PARAGRAPH, LONG_SENTENCE, MIN_WORDS, Lix, prose
from .registry import rule, valid_documents

if TYPE_CHECKING:
    from ..source.corpus import Corpus

QUOTED_WORDS = 6  # the words of a sentence a finding quotes, so that the editor finds it


@rule
def plain_language(corpus: Corpus) -> Iterator[Finding]:
    """AV323, AV324: long sentences, and paragraphs hard to read by their LIX."""
    made = corpus.text_rows
    for doc in valid_documents(corpus):
        rows = made.get(doc.path) if doc.origin is None else None  # a local agreement's text is its own
        if rows is None:
            rows = paragraph_rows(doc.path, doc.prose)  # read once: the site's LIX reads it too
        for row in rows:
            yield finding(*row)


def plain_language_rows(path: str, text: str, first_line: int, code) -> Iterator[tuple]:
    """The findings of one document's body as rows of finding()'s arguments."""
    return paragraph_rows(path, prose(text, first_line, code))


def paragraph_rows(path: str, paragraphs: list) -> Iterator[tuple]:
    """The findings of a document's paragraphs (source/klarsprak.py prose) as rows of finding()'s arguments."""
    for paragraph in paragraphs:
        # counted on the paragraph's columns, as it was read: no token objects
        for (first, last), words in zip(paragraph.spans, paragraph.span_counts, strict=True):
            if words > LONG_SENTENCE:
                start = " ".join(paragraph.texts[first:min(last, first + QUOTED_WORDS)])
                yield ("AV323", path, paragraph.lines[first], 1,
                       f"Meningen har {words} ord (gränsen är {LONG_SENTENCE}): \"{start} …\"")
        if paragraph.word_count < MIN_WORDS:
            continue
        words, count, long_words = paragraph.word_count, len(paragraph.spans), paragraph.long_words
        # Lix(words, count, long_words).value (lix([paragraph])), the tuple made only for a finding; a
        # paragraph that holds a word has a sentence (count > 0).
        if words / count + 100 * long_words / words > HARD_PARAGRAPH:
            measured = Lix(words, count, long_words)
            start = " ".join(paragraph.texts[:QUOTED_WORDS])
            counted = "1 mening" if measured.sentences == 1 else f"{measured.sentences} meningar"
            yield ("AV324", path, paragraph.line, 1,
                   f"Stycket har LIX {measured.value:.0f} (gränsen är {HARD_PARAGRAPH}; {measured.words} ord, "
                   f"{counted}, {measured.long_words} långa ord): \"{start} …\"")
