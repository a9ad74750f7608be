"""Values shown as text: whatever a value holds, the Markdown made from it shows exactly its text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from avtal.render.markup import DEFAULT_EXTENSIONS
from avtal.text import clean_line, markdown_code, markdown_text

RENDER = Markdown(extensions=DEFAULT_EXTENSIONS)

# Where generated pages and change logs put values: a heading, a table cell, a list item, a
# sentence; the text before the value there, and the element the template itself makes.
PLACES = {
    "heading": ("## {}", "h2", "", []),
    "table cell": ("| a |\n| --- |\n| {} |", "td", "", []),
    "list item": ("- {}", "li", "", []),
    "numbered item": ("1. [länk](#x): {}", "li", "länk: ", ["a"]),
    "paragraph": ("Version {} har ändringar.", "p", "Version ", []),
}
MARKDOWN_ALPHABET = st.sampled_from(list("\\`*_{}[]()#+-.!|<>&:;\"'=~^ \t\n\x1b\x00\x02\x03\u202e") + [
    "[[", "]]", "](", "<b>", "<script>", "&amp;", "&#91;", "javascript:", "1. ", "- ", "!!! ", "{: .x}", "a", "å"])
VALUES = st.lists(MARKDOWN_ALPHABET, max_size=30).map("".join) | st.text(max_size=40)


class _Rendered(HTMLParser):
    def __init__(self, tag: str):
        super().__init__(convert_charrefs=True)
        self.tag, self.inside, self.text, self.elements = tag, 0, [], []

    def handle_starttag(self, tag, attrs):
        if self.inside:
            self.elements.append(tag)
        if tag == self.tag:
            self.inside += 1

    def handle_endtag(self, tag):
        if tag == self.tag:
            self.inside -= 1

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)


def _shown(template: str, tag: str, markdown: str) -> tuple[str, list[str]]:
    rendered = _Rendered(tag)
    rendered.feed(RENDER.reset().convert(template.format(markdown)))
    return "".join(rendered.text), rendered.elements


@pytest.mark.parametrize("place", PLACES)
@settings(max_examples=150, deadline=None)
@given(value=VALUES)
def test_a_value_is_its_own_text_wherever_it_stands(place, value):
    template, tag, before, own = PLACES[place]
    text, elements = _shown(template, tag, markdown_text(value, line_start=place == "list item"))
    after = " har ändringar." if place == "paragraph" else ""
    assert " ".join(text.split()) == " ".join((before + clean_line(value) + after).split())
    assert elements == own


@settings(max_examples=200, deadline=None)
@given(value=VALUES)
def test_a_code_span_holds_any_value(value):
    text, elements = _shown("Filen {} är ändrad.", "code", markdown_code(value))
    assert text.strip() == clean_line(value).strip() and elements == []


@given(value=st.text())
def test_a_clean_line_has_no_control_characters_and_no_line_breaks(value):
    line = clean_line(value)
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069
                   for c in line)
    assert "\n" not in line and line == line.strip()


def test_examples_read_well_in_a_terminal():
    assert markdown_text("Version 0.2 av Hälso- och sjukvård (#12)!") == "Version 0.2 av Hälso- och sjukvård (#12)!"
    assert markdown_text("[x](javascript:alert(1)) <b> & *y*") == "\\[x\\](javascript:alert(1)) &lt;b> &amp; \\*y\\*"
    assert markdown_text("1. punkt", line_start=True) == "1\\. punkt"
    assert markdown_code("a`b") == "`` a`b ``"
    assert clean_line("Röd\x1b[31m text\x07\n rad") == "Röd[31m text rad"
