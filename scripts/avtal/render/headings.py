"""Heading numbers, and the text of the element tree as a browser reads it.

The headings are numbered (1, 1.1, 1.1.1) by one function, `heading_numbers`, over the element tree:
the Word file's numbered heading styles and table of contents (render/word/), the site's headings and
table of contents (markup.py's extension runs HeadingNumbers after toc) and the comparisons' lists of
contents (compare/contents.py) show the same numbers, so "se 7.2" is found in each. A number is taken
from the text the reader sees, so the helpers that read an element's text as a browser does are here
too (the Word file and the fingerprint's model text use them).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable

from markdown import Markdown
from markdown import util as markdown_util
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..source.markdown_scan import hand_number

# Word's numbered heading styles (word/styles.py): h1 and h2 are Heading 1, h3 Heading 2, h4
# Heading 3; h5 and h6 are Heading 4, which is not numbered.
HEADING_LEVELS = {"h1": 0, "h2": 0, "h3": 1, "h4": 2, "h5": 3, "h6": 3}
NUMBERED_LEVELS = 3
NUMBER_CLASS = "avtal-heading-number"
# The site's page of a document holds its text between these comments (render/site.py); only
# the headings between them are the document's own, and only they are numbered.
TEXT_START, TEXT_END = "<!-- avtal-text-start -->", "<!-- avtal-text-end -->"
STASH_RE = re.compile(markdown_util.HTML_PLACEHOLDER % r"(\d+)")
# One pass over a text of the tree, in the order a browser meets it: a placeholder of
# Python-Markdown's HTML stash (a character reference such as &sect;, kept aside as raw HTML),
# a character reference the serializer leaves as it is (its RE_AMP), or another placeholder
# (the footnotes' back-links), which shows nothing in the text.
_TEXT_TOKEN_RE = re.compile(markdown_util.HTML_PLACEHOLDER % r"(?P<stash>\d+)"
                            + r"|(?P<entity>&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)|\x02[^\x03]*\x03", re.I)
TAG_RE = re.compile(r"<[^>]+>")
_PLACEHOLDER_RE = re.compile("\x02[^\x03]*\x03")
_SPACE_RE = re.compile(r"[ \t\n\r\f]+")


def browser_text(md: Markdown, text: str) -> str:
    """A text of the tree as the page shows it: Python-Markdown turns it into HTML (placeholders
    restored, character references kept, `&` escaped elsewhere) and the browser reads that HTML.
    A placeholder of block-level HTML (a fenced code block) stays, for the paragraph that holds it."""
    if "&" not in text and "\x02" not in text:
        return text
    text = text.replace(markdown_util.AMP_SUBSTITUTE, "&")  # e-mail addresses, written as references
    raw_html = md.postprocessors["raw_html"]

    def token(match: re.Match) -> str:
        if match.group("entity"):  # &#12; is the one reference to a character XML cannot hold: a space
            return html.unescape(match.group("entity")).replace("\x0c", " ")
        if match.group("stash") is None:
            return ""
        stashed = str(md.htmlStash.rawHtmlBlocks[int(match.group("stash"))])
        if raw_html.isblocklevel(stashed):
            return match.group(0)
        return html.unescape(TAG_RE.sub("", stashed))

    return _TEXT_TOKEN_RE.sub(token, text)


def shown_text(text: str) -> str:
    """Text as a browser lays it out: a line break or tab in the source is a space (never a
    non-breaking one); what is left of a placeholder shows nothing."""
    return _SPACE_RE.sub(" ", _PLACEHOLDER_RE.sub("", text))


def element_text(element: etree.Element, skip=lambda child: False, md: Markdown | None = None) -> str:
    """An element's text on one line, as the page shows it, leaving out the children `skip` names.
    With `md`, placeholders and character references are read as the browser reads them."""
    text = "".join(_texts(element, skip))
    return shown_text(browser_text(md, text) if md is not None else text)


def _texts(element: etree.Element, skip) -> Iterable[str]:
    yield element.text or ""
    for child in element:
        if not skip(child):
            yield from _texts(child, skip)
        yield child.tail or ""


def _not_heading_text(child: etree.Element) -> bool:
    classes = (child.get("class") or "").split()
    return "headerlink" in classes or NUMBER_CLASS in classes


def heading_text(element: etree.Element, md: Markdown | None = None) -> str:
    """A heading's own text: without the permalink and without the number the site shows."""
    return element_text(element, _not_heading_text, md).strip(" ")


def heading_numbers(elements: Iterable[etree.Element], md: Markdown | None = None) -> dict[etree.Element, str]:
    """Every heading Word numbers (Heading 1–3) in `elements` and their descendants, in the order
    they are written, with its number as the numbered heading styles count it: 1, 1.1, 1.1.1.

    A heading numbered by hand ("3. Ansvar", warned as AV310) gets "": it keeps its own number
    alone, and the headings after it count without it. The glossary's terms, which the data
    make into headings, count like any other heading. The Word renderer and the site both
    call this, on the same element tree, so their numbers cannot drift apart.
    """
    counters, numbers = [0] * NUMBERED_LEVELS, {}
    for element in (e for top in elements for e in top.iter()):
        level = HEADING_LEVELS.get(element.tag) if isinstance(element.tag, str) else None
        if level is None or level >= NUMBERED_LEVELS:
            continue
        if hand_number(heading_text(element, md)):
            numbers[element] = ""
            continue
        counters[level] += 1
        counters[level + 1:] = [0] * (NUMBERED_LEVELS - level - 1)
        numbers[element] = ".".join(str(n) for n in counters[: level + 1])
    return numbers


def _marker(md: Markdown, element: etree.Element) -> str | None:
    """The raw HTML comment a paragraph stands for, when it is only a placeholder of one."""
    match = STASH_RE.fullmatch((element.text or "").strip()) if element.tag == "p" and len(element) == 0 else None
    return str(md.htmlStash.rawHtmlBlocks[int(match.group(1))]).strip() if match else None


def _document_text(md: Markdown, root: etree.Element) -> list[etree.Element]:
    """The top-level elements between the page's markers of the document's own text."""
    inside, elements = False, []
    for element in root:
        marker = _marker(md, element) if element.tag == "p" else None
        if marker in (TEXT_START, TEXT_END):
            inside = marker == TEXT_START
        elif inside:
            elements.append(element)
    return elements


class HeadingNumbers(Treeprocessor):
    """On a site page: the document's headings numbered as its Word file numbers them, each number
    put into its heading and into the page's table of contents, as text that a reader can search
    for ("se 7.2"). It runs after toc has given the headings their ids, so numbers never enter an
    anchor. (The Word renderer calls heading_numbers on its own tree: its styles show the numbers.)"""

    def __init__(self, md, extension):  # markup.AvtalExtension: `numbered` says whether to number
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        if not self.extension.numbered:
            return  # a beslutsunderlag: its Word file's headings have no numbers either
        by_id = {}
        for heading, number in heading_numbers(_document_text(self.md, root), self.md).items():
            if number:
                _prefix_number(heading, number)
                if heading.get("id"):
                    by_id[heading.get("id")] = number
        _number_toc(getattr(self.md, "toc_tokens", []), by_id)


def _prefix_number(heading: etree.Element, number: str) -> None:
    span = etree.Element("span", {"class": NUMBER_CLASS})
    span.text = AtomicString(number)
    span.tail = " " + (heading.text or "")
    heading.text = None
    heading.insert(0, span)


def _number_toc(tokens: list[dict], numbers: dict[str, str]) -> None:
    """The table of contents (Python-Markdown's toc tokens, which mkdocs reads) with the numbers."""
    for token in tokens:
        number = numbers.get(token.get("id"))
        if number:
            for key in ("name", "html"):
                if key in token:
                    token[key] = f"{number} {token[key]}"
        _number_toc(token.get("children", []), numbers)
