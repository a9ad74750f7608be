"""The Markdown scan finds raw HTML, attribute lists and link addresses where the renderer makes them.

The scan reads line by line (for line numbers); the site is rendered by Python-Markdown with
mkdocs.yml's extensions. Whatever the renderer turns into an element, an attribute or a link,
the scan must have reported: these properties feed both the same text.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown import Markdown

from avtal.render.markup import DEFAULT_EXTENSIONS
from avtal.source.markdown_scan import scan_body

RENDER = Markdown(extensions=DEFAULT_EXTENSIONS)


def _render(text: str) -> str:
    return RENDER.reset().convert(text)


ONCLICK_ATTRIBUTE = re.compile(r"<[a-z][^<>]*\sonclick=")


def _scheme(target: str) -> str:
    return re.sub(r"[\t\r\n`]", "", target).strip().split(":")[0].lower()


# -- Each gap that the scanner used to have ------------------------------------------------


@pytest.mark.parametrize(("text", "line"), [
    ("x \\`<b onclick=z>\\`", 1),  # an escaped backtick opens no code span
    ("```js x```\n<script>alert(1)</script>", 2),  # a "fence" on one line is text
    ("    ```\n<script>alert(1)</script>\n    ```", 2),  # content less indented than its fence
    ("~~~\n<script>alert(1)</script>", 2),  # never closed
    ('```python foo="x"\n<script>alert(1)</script>\n```', 2),  # an option superfences refuses
    ("<x:y onclick=alert(1)>z</x:y>", 1),  # a namespaced tag
    ("a `b\nc` <i onclick=y> `e`", 2),  # a code span over two lines ends before the tag
    ("[r](<b x=1>", 1),  # an address in <…> without its ")": no link, and the tag is HTML
])
def test_raw_html_is_found_where_the_renderer_makes_it(text, line):
    assert re.search(r"<(b|script|x:y|i)\b", _render(text))  # the renderer lets it through as HTML
    assert line in [mark.line for mark in scan_body(text, 1).html]


@pytest.mark.parametrize(("text", "line"), [
    ("[x]:\n  javascript:alert(1)\n\n[x]", 2),  # a definition's address on the next line
    ("[foo\nbar](javascript:alert(1))", 2),  # link text over two lines
    ("[a [b [c]] d](javascript:alert(1))", 1),  # nested brackets
    ("[x](\njavascript:alert(1))", 2),  # the address on the next line
    ("[x](`javascript:alert(1)`)", 1),  # a code span in the address becomes its text
    ("<javascript://%0Aalert(1)>", 1),  # an autolink
])
def test_link_addresses_are_found_where_the_renderer_makes_links(text, line):
    assert 'href="javascript:' in _render(text)
    assert [(link.line, _scheme(link.target)) for link in scan_body(text, 1).links if _scheme(link.target) == "javascript"] == [(line, "javascript")]


def test_attribute_lists_with_values_are_found_however_written():
    text = '**b**{#id.class onclick=alert(1)}\n\n[l](#a){: .a"}" onclick=alert(2)}\n\nStycke.\n{: onclick="x"}\n'
    assert len(ONCLICK_ATTRIBUTE.findall(_render(text))) == 2  # Python-Markdown ends the second list at the quoted brace
    assert [mark.line for mark in scan_body(text, 1).bad_attrs] == [1, 3, 6]


def test_what_is_code_or_text_is_not_reported():
    text = "`<b>` och \\\\`<i>` och <https://www.regiondalarna.se> och <a@b.se>\n\n```html\n<script></script>\n```\n"
    body = scan_body(text, 1)
    assert body.html == [] and [link.target for link in body.links] == ["https://www.regiondalarna.se"]


@pytest.mark.parametrize("line", [
    "".join("`" * n + "a" for n in range(1, 400)),  # runs that never pair
    "](" * 100_000,  # addresses without a link
    "[" * 100_000 + "](" * 100_000,
    "[a](" + "(" * 200_000,  # an address that never closes
    "{" * 200_000 + "=",  # an attribute list that never closes
    "{" * 200_000 + "}",  # braces that all reach one closing brace
    "*a*{ " * 50_000 + "}",  # inline attribute lists that all reach one closing brace
    '[a](x "' * 30_000,  # titles that never close
    "[a](<b>) " * 30_000,  # many addresses in angle brackets
])
def test_a_pathological_line_is_scanned_quickly(line):
    started = time.perf_counter()
    scan_body("Text.\n\n" + line + "<b>\n", 1)
    assert time.perf_counter() - started < 3


# -- The same text through both: properties ----------------------------------------------

PIECES = [
    "`", "``", "\\", "\\\\", "a", " ", "\t", "\n", "\n\n", "    ", "*", "<", ">", "[", "]", "(", ")", "![",
    "```", "~~~", "<b x=1>", "</b>", "javascript:alert(1)", "<javascript://x>", "{: onclick=1}", "{#i onclick=1}",
    "!!! note\n    ", "> ", "- ", "1. ", "# ", "| a | b |\n| - | - |\n| ", "[r]: ", "[r]", "[^1]", "[^1]: ",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
@example("<a{: onclick=1}> ")  # an attribute list inside a tag is the tag's text: reported as HTML
def test_every_element_and_link_the_renderer_makes_is_reported(text):
    html = _render(text)
    body = scan_body(text, 1)
    if re.search(r"<b[ >]|</b>", html):
        assert body.html, html
    if 'href="javascript:' in html:
        assert any(_scheme(link.target) == "javascript" for link in body.links), html
    if ONCLICK_ATTRIBUTE.search(html):  # from an attribute list, or written in raw HTML (then reported as HTML)
        assert body.bad_attrs or any("onclick" in mark.value for mark in body.html), html


def test_a_body_survives_pickling_with_its_named_tuples():
    """Body pickles its found things as plain tuples (forked.py sends them): they come back as the same named
    tuples, and every field of named tuples is among those so converted."""
    import dataclasses
    import pickle

    from avtal.source.markdown_scan import _FOUND, Body

    text = ('# Rubrik {#rubrik}\n\n# Rubrik {#rubrik}\n\nSe [[begrepp]] och [a](b.md#c), bilaga 2, <b>x</b>.\n\n'
            '!!! question "Öppen fråga: Vem?" {#vem}\n    Text.\n\n!!! verify "Att verifiera: Det"\n    Text.\n\n'
            'Text {: onclick=1}\n\n`kod`\n')
    body = scan_body(text, 3)
    again = pickle.loads(pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == body and again.code == body.code and again.anchors == body.anchors
    for name in _FOUND:
        assert getattr(body, name), name  # the text above finds one of each
        assert [type(found) for found in getattr(again, name)] == [type(found) for found in getattr(body, name)]
    assert {f.name for f in dataclasses.fields(Body)} == set(_FOUND) | {"list_gaps", "code"}
