"""Lists the forge shows and the site does not: each case at its line, and CommonMark as the judge."""

import html.parser
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown_it import MarkdownIt

from avtal.render.markup import DEFAULT_EXTENSIONS
from avtal.source.markdown_lists import BLANK_LINE, INDENT, PAREN, list_gaps
from avtal.source.markdown_scan import scan_body


def gaps(text: str) -> list[tuple[str, int, int]]:
    lines = textwrap.dedent(text).strip("\n").split("\n")
    return [(g.kind, g.line, g.column) for g in list_gaps(list(enumerate(lines, 1)))]


@pytest.mark.parametrize("text, expected", [
    ("Stegen:\n- ett\n- två", [(BLANK_LINE, 2, 1)]),  # only the first item: the rest follow it
    ("Stegen:\n1. ett\n2. två", [(BLANK_LINE, 2, 1)]),
    ("Det gäller från\n2027. Inte en lista.", []),  # CommonMark too: only 1. interrupts a paragraph
    ("1. ett\n2. två\n- tre", [(BLANK_LINE, 3, 1)]),  # another kind of list
    ("- ett\n  - under\n  - under", [(INDENT, 2, 3), (INDENT, 3, 3)]),
    ("1. ett\n   - under", [(INDENT, 2, 4)]),
    ("- ett\n      - för långt in", [(INDENT, 2, 7)]),
    ("- ett\n\n  Fortsättning.", [(INDENT, 3, 3)]),
    ("1. ett\n\n    Fortsättning.\n2. två", [(BLANK_LINE, 4, 1)]),  # to the site, a line of the paragraph
    ("1) ett\n2) två", [(PAREN, 1, 1), (PAREN, 2, 1)]),
    ("!!! note\n    Text:\n    - ett", [(BLANK_LINE, 3, 5)]),  # inside an admonition too
    ("> Citat:\n> - ett", [(BLANK_LINE, 2, 3)]),
    ("> Citat\n- ett", [(BLANK_LINE, 2, 1)]),
])
def test_each_list_the_site_reads_otherwise(text, expected):
    assert gaps(text) == expected


@pytest.mark.parametrize("text", [
    "Stegen:\n\n- ett\n- två\n\n    Fortsättning.\n\n- tre",
    "1. ett\n\n    - under\n    - under\n\n2. två",
    "- ett\n    - under\n        - längre under",
    "## Rubrik\n- ett\n- två",
    "- - -\n\nText",
    "Text\n\n    - kod, inte en lista",
    "Text\n\n```\n- kod\n```",
    "| a | b |\n| - | - |\n| 1 | 2 |\n\n- ett",
])
def test_lists_written_the_common_way_pass(text):
    assert gaps(text) == []


def test_fenced_code_is_not_read_for_lists():
    body = scan_body("Text\n\n```\nText:\n- ett\n```\n", 5)
    assert body.list_gaps == []
    body = scan_body("Text\n\n```\nkod\n```\nText:\n- ett\n", 5)
    assert [(g.kind, g.line) for g in body.list_gaps] == [(BLANK_LINE, 11)]


# -- CommonMark as the judge ----------------------------------------------------------

COMMONMARK = MarkdownIt("commonmark")
SHAPE_TAGS = {"ul", "ol", "li", "pre", "blockquote", "h2"}


class _Shape(html.parser.HTMLParser):
    """The lists, items, code and words of a page; paragraphs and spacing left out."""

    def __init__(self):
        super().__init__()
        self.tokens: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SHAPE_TAGS:
            self.tokens.append("<" + tag)

    def handle_endtag(self, tag):
        if tag in SHAPE_TAGS:
            self.tokens.append("/" + tag)

    def handle_data(self, data):
        self.tokens.extend(data.split())


def _shape(page: str) -> list[str]:
    parser = _Shape()
    parser.feed(page)
    # "- a" then "* b" is two lists to CommonMark and one to Python-Markdown: the same to the eye.
    return " ".join(parser.tokens).replace("/ul <ul ", "").split()


LINE = st.one_of(
    st.builds(lambda indent, n: " " * indent + f"text{n}", st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6]),
              st.integers(0, 9)),
    st.builds(lambda indent, marker, n: " " * indent + f"{marker} item{n}", st.sampled_from([0, 0, 2, 3, 4, 6]),
              st.sampled_from(["-", "*", "+", "1.", "2.", "10.", "1)"]), st.integers(0, 9)),
    st.just(""),
    st.just("\n## Rubrik"),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=10))
def test_without_a_finding_the_site_shows_the_lists_the_forge_shows(lines):
    """What passes the check is read alike by Python-Markdown (the site, Word) and CommonMark (the forge)."""
    text = "\n".join(lines) + "\n"
    if list_gaps(list(enumerate(text.split("\n"), 1))):
        return
    site = _shape(Markdown(extensions=DEFAULT_EXTENSIONS).convert(text))
    assert site == _shape(COMMONMARK.render(text)), text
