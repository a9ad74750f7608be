"""The PDF comparison (decisions/pdfmatch.py) on generated texts: however the words are broken into lines,
hyphenated at a line's end and numbered, the text is its version; one word changed, and it is not, with
the changed paragraph among those that differ."""

from hypothesis import given, settings
from hypothesis import strategies as st

from avtal.decisions.pdfmatch import align
from avtal.decisions.pdftext import PdfText, Token

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ0123456789", min_size=1, max_size=12)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=25).map(" ".join)
BODY = st.lists(PARAGRAPH, min_size=2, max_size=12)


def _as_pdf(paragraphs: list[str], widths: list[int], numbered: list[bool], hyphenate: bool) -> PdfText:
    """The paragraphs laid out as pdftotext gives them: a title and contents before, lines of a few
    words, a number before some paragraphs, a long word split at a line's end, the history after."""
    tokens = [Token(w, False) for w in "Titel Innehåll".split()]
    for number, (paragraph, width, numbers) in enumerate(zip(paragraphs, widths, numbered, strict=False)):
        words = paragraph.split()
        line: list[str] = [f"{number + 1}."] if numbers else []
        lines = []
        for word in words:
            if len(line) >= width:
                lines.append(line)
                line = []
            if hyphenate and len(word) > 6 and len(line) == width - 1:
                lines.append([*line, word[:3] + "-"])
                line = [word[3:]]
                continue
            line.append(word)
        lines.append(line)
        for words_of_line in lines:
            tokens += [Token(w, i == 0 and (w.endswith(".") and w[:-1].isdigit())) for i, w in enumerate(words_of_line)]
    tokens += [Token("Versionshistorik", False), Token("0.1", True)]
    return PdfText(tokens)


@settings(max_examples=60, deadline=None)
@given(BODY, st.lists(st.integers(2, 9), min_size=12, max_size=12), st.lists(st.booleans(), min_size=12, max_size=12),
       st.booleans())
def test_any_layout_of_the_text_is_the_text(paragraphs, widths, numbered, hyphenate):
    pdf = _as_pdf(paragraphs, widths, numbered, hyphenate)
    alignment = align(pdf, [(paragraphs, [])])
    assert alignment.exact, (paragraphs, [t.word for t in pdf.tokens])
    assert alignment.score == 1.0


@st.composite
def distinct_body(draw) -> list[str]:
    """Paragraphs whose words are all different, as in prose where the changed one can be pointed to."""
    words = draw(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö", min_size=3, max_size=10), min_size=2,
                          max_size=60, unique=True))
    sizes = draw(st.lists(st.integers(1, 12), min_size=len(words), max_size=len(words)))
    paragraphs, at = [], 0
    for size in sizes:
        if at < len(words):
            paragraphs.append(" ".join(words[at:at + size]))
            at += size
    return paragraphs[:12]  # as many as the layout has widths for


@settings(max_examples=60, deadline=None)
@given(BODY, st.lists(st.integers(2, 9), min_size=12, max_size=12), st.data())
def test_one_changed_word_is_never_the_text(paragraphs, widths, data):
    which = data.draw(st.integers(0, len(paragraphs) - 1))
    words = paragraphs[which].split()
    at = data.draw(st.integers(0, len(words) - 1))
    changed = list(paragraphs)
    changed[which] = " ".join([*words[:at], words[at] + "x", *words[at + 1:]])
    alignment = align(_as_pdf(changed, widths, [False] * 12, False), [(paragraphs, [])])
    assert not alignment.exact


@settings(max_examples=60, deadline=None)
@given(distinct_body(), st.lists(st.integers(2, 9), min_size=12, max_size=12), st.data())
def test_one_changed_word_is_not_the_text_and_its_paragraph_differs(paragraphs, widths, data):
    which = data.draw(st.integers(0, len(paragraphs) - 1))
    words = paragraphs[which].split()
    at = data.draw(st.integers(0, len(words) - 1))
    changed = list(paragraphs)
    changed[which] = " ".join([*words[:at], words[at] + "x", *words[at + 1:]])
    pdf = _as_pdf(changed, widths, [False] * 12, False)
    alignment = align(pdf, [(paragraphs, [])])
    assert not alignment.exact
    assert changed[which] in alignment.pdf_lines or any(words[at] + "x" in line for line in alignment.pdf_lines)
