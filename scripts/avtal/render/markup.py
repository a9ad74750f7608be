"""The documents' own Markdown syntax, as a Python-Markdown extension shared by every renderer.

The site (through mkdocs) and the Word files parse a document with the extensions that
mkdocs.yml configures plus this one, so both get the same element tree and say the same
thing. This extension adds what plain Markdown lacks:

  - `[[vårdbegärans]]`, a defined term, becomes a link to its definition, with the
    definition as title (a tooltip on the site);
  - a paragraph that is only a link to a data file becomes the data: tables, the risk
    matrix, the timeline, the glossary's definitions; each row of a table gets an anchor;
  - a link to one row of a data file, `[M14](../plans/milstolpar.yaml#M14)`, becomes what
    the row says now, linked to its row (references.py);
  - each open question (`!!! question`) and each statement to verify (`!!! verify`) gets
    an id, so that lists can link to it;
  - an image is shown only if it is a file that loading let through (source/images.py).
  - the headings are numbered (1, 1.1, 1.1.1) by one function, `heading_numbers`, over the
    element tree: the Word file's numbered heading styles and table of contents and the site's
    headings and table of contents show the same numbers, so "se 7.2" is found in both.

Everything it makes is ordinary HTML elements (table, caption, th, td, h3, p, a), with
classes for the site's style sheet and the Word renderer's styles.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import yaml
from markdown import Extension, Markdown
from markdown import util as markdown_util
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..source.corpus import Corpus, DataSet, link_path
from ..source.markdown_scan import QUESTION_ID_PATTERN, QUESTION_ID_RE, QUESTION_RE, TERM_RE, hand_number
from ..source.models.data import (
    forms_index,
)
from ..source.models.vocabulary import DECISION_BASIS
from .choices import QuestionLinks
from .datatables import render_data
from .elements import _add, _el
from .references import RowReferences

DATA_LINK_RE = re.compile(r"^\[([^\]]*)\]\(([^()\s]+\.ya?ml)\)\s*$")
def question_id(number: int, written: str | None = None) -> str:
    """The anchor of the `number`th open question of a page: the id written after its title, if any."""
    return written or f"oppen-fraga-{number}"


QUESTION_CLASS = "avtal-question-id-"  # carries a written id from the preprocessor to _Questions
_QUESTION_ID_VALID = re.compile(QUESTION_ID_PATTERN)


def verification_id(number: int) -> str:
    return f"att-verifiera-{number}"


# -- The extension --------------------------------------------------------------------


class _Terms(InlineProcessor):
    def __init__(self, extension: AvtalExtension):
        super().__init__(TERM_RE.pattern)
        self.extension = extension

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        form = m.group(1)
        found = self.extension.term(form)
        if found is None:
            return AtomicString(form), m.start(0), m.end(0)
        href, definition = found
        link = _el("a", form, cls="avtal-term", href=href, title=definition)
        return link, m.start(0), m.end(0)


class _Data(BlockProcessor):
    def __init__(self, parser, extension: AvtalExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        match = DATA_LINK_RE.match(block.strip())
        return bool(match) and self.extension.dataset(match.group(2)) is not None

    def run(self, parent, blocks):
        match = DATA_LINK_RE.match(blocks.pop(0).strip())
        dataset = self.extension.dataset(match.group(2))
        container = _add(parent, "div", cls=f"avtal-data avtal-data-{dataset.data.kind}")
        links = QuestionLinks(self.extension.corpus, self.extension.doc_path)
        for element in render_data(dataset, match.group(1), self.extension.as_of, links):
            container.append(element)


class _QuestionIds(Preprocessor):
    """`!!! question "Öppen fråga: …" {#id}`: the id leaves the line (the admonition's syntax has no
    place for it) as a class of the admonition, which _Questions makes its id. Runs after the fenced
    code blocks are put aside, so a question shown as code stays as written."""

    def run(self, lines):
        return [self._line(line) for line in lines]

    @staticmethod
    def _line(line: str) -> str:
        question = QUESTION_RE.match(line) if "!!!" in line and "{" in line else None
        written = QUESTION_ID_RE.search(line, question.end()) if question else None
        if written is None or not _QUESTION_ID_VALID.match(written.group(1)):
            return line
        head = line[: line.index("question") + len("question")]
        title = line[len(head): written.start()].strip()
        return f"{head} {QUESTION_CLASS}{written.group(1)}" + (f" {title}" if title else "")


class _Questions(Treeprocessor):
    """Give each open question its anchor: the id written after its title, or else its number on the
    page, so that the page header, the list of questions and the data can link to it."""

    def run(self, root):
        number = 0
        for div in root.iter("div"):
            classes = (div.get("class") or "").split()
            if "question" in classes:
                number += 1
                written = next((c[len(QUESTION_CLASS):] for c in classes if c.startswith(QUESTION_CLASS)), None)
                div.set("class", " ".join(c for c in classes if not c.startswith(QUESTION_CLASS)))
                div.set("id", question_id(number, written))


class _Verifications(Treeprocessor):
    """Number the statements to verify, as the open questions are numbered."""

    def run(self, root):
        number = 0
        for div in root.iter("div"):
            if "verify" in (div.get("class") or "").split():
                number += 1
                div.set("id", verification_id(number))


class _Images(Treeprocessor):
    """Only an image that loading let through is shown, and by its path in the repository;
    any other `img` (from another site, missing, not an image) becomes its alternative text,
    on the site and in Word alike. Nothing is fetched, and no path is opened here."""

    def __init__(self, md, extension: AvtalExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        doc_path = self.extension.doc_path
        if doc_path not in self.extension.corpus.by_path:
            return  # a page of the site's own (webbplats/): mkdocs takes its images from docs_dir
        for parent in [p for p in root.iter() if any(child.tag == "img" for child in p)]:
            for child in [c for c in parent if c.tag == "img"]:
                image = self.extension.corpus.image(doc_path, child.get("src") or "")
                if image is None:
                    _replace_by_text(parent, child, child.get("alt") or "")
                else:
                    child.set("src", quote(posixpath.relpath(image.path, posixpath.dirname(doc_path) or ".")))


# Grids whose cells are read by their row and column, not as a row of a list: they stay tables on a phone.
GRIDS = ("avtal-risk-matrix", "avtal-timeline", "avtal-communication-grid")


class _CellLabels(Treeprocessor):
    """Each body cell of a table with a header row carries its column's name (data-label), so that on a
    phone the site's style sheet shows each row as a card of "name: value" lines (the site only)."""

    def run(self, root):
        grids = {id(t) for div in root.iter("div") if set((div.get("class") or "").split()) & set(GRIDS)
                 for t in div.iter("table")}
        for table in root.iter("table"):
            head = table.find("thead/tr")
            if id(table) in grids or head is None:
                continue
            names = ["".join(th.itertext()).strip() for th in head]
            for row in table.iterfind("tbody/tr"):
                for cell, name in zip(row, names, strict=False):
                    if name:
                        cell.set("data-label", name)


def _replace_by_text(parent: etree.Element, child: etree.Element, text: str) -> None:
    index = list(parent).index(child)
    text += child.tail or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(child)
# -- Heading numbers ------------------------------------------------------------------

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


class _HeadingNumbers(Treeprocessor):
    """On a site page: the document's headings numbered as its Word file numbers them, each number
    put into its heading and into the page's table of contents, as text that a reader can search
    for ("se 7.2"). It runs after toc has given the headings their ids, so numbers never enter an
    anchor. (The Word renderer calls heading_numbers on its own tree: its styles show the numbers.)"""

    def __init__(self, md, extension: AvtalExtension):
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


class AvtalExtension(Extension):
    """The avtal syntax for one document of the corpus (its path decides relative links)."""

    def __init__(self, corpus: Corpus, doc_path: str, site: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.corpus = corpus
        self.site = site  # a site page: its document's text gets the Word file's heading numbers
        self.set_document(doc_path)
        glossaries = corpus.glossaries
        self.glossary = glossaries[0][1] if glossaries else None
        self.forms = forms_index(self.glossary) if self.glossary else {}
        self.terms = {t.id: t for t in self.glossary.terms} if self.glossary else {}

    def set_document(self, doc_path: str) -> None:
        """The document (by its path) whose text is converted next: links are relative to it."""
        self.doc_path = doc_path
        doc = self.corpus.by_path.get(doc_path)
        # "Passed" milestones are judged at the document's own date, never the clock's.
        self.as_of = doc.meta.date if doc is not None and doc.meta is not None else dt.date.min
        self.numbered = doc is None or doc.meta is None or doc.meta.type != DECISION_BASIS

    def term(self, form: str) -> tuple[str, str] | None:
        term_id = self.forms.get(form.casefold())
        presenting = self.corpus.by_id.get(self.glossary.document) if self.glossary else None
        if term_id is None or presenting is None:
            return None
        href = posixpath.relpath(presenting.path, posixpath.dirname(self.doc_path)) + f"#{term_id}"
        return href, self.terms[term_id].definition

    def dataset(self, target: str) -> DataSet | None:
        path = link_path(self.doc_path, target)
        return next((ds for ds in self.corpus.datasets if ds.path == path and ds.data is not None), None)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_QuestionIds(md), "avtal-question-ids", 19)  # after fenced code (25)
        md.inlinePatterns.register(_Terms(self), "avtal-term", 180)
        md.inlinePatterns.register(RowReferences(self), "avtal-row-reference", 165)  # before links (160)
        md.parser.blockprocessors.register(_Data(md.parser, self), "avtal-data", 95)
        md.treeprocessors.register(_Questions(md), "avtal-questions", 5)
        md.treeprocessors.register(_Verifications(md), "avtal-verifications", 4)
        md.treeprocessors.register(_Images(md, self), "avtal-images", 15)  # after the inline patterns (20)
        if self.site:
            md.treeprocessors.register(_HeadingNumbers(md, self), "avtal-heading-numbers", 3)  # after toc (5)
            md.treeprocessors.register(_CellLabels(md), "avtal-cell-labels", 2)


# -- The configured Markdown ----------------------------------------------------------


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's, when PyYAML has it
    """mkdocs.yml may name Python objects (!!python/name:…); here only the extension names matter."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


# Used only when a repository has no mkdocs.yml: the same list as this project's.
DEFAULT_EXTENSIONS = ["toc", "attr_list", "admonition", "tables", "footnotes", "def_list", "sane_lists",
                      "pymdownx.superfences"]


def configured_extensions(root: Path) -> tuple[list[str], dict]:
    """The Markdown extensions and their settings, as mkdocs.yml configures them for the site."""
    if not (root / "mkdocs.yml").is_file():
        return list(DEFAULT_EXTENSIONS), {}
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    names, settings = [], {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


def document_markdown(root: Path, corpus: Corpus, doc_path: str, configured=None) -> Markdown:
    """A Markdown converter for one document: mkdocs.yml's extensions plus the avtal syntax."""
    names, settings = configured or configured_extensions(root)
    extensions = [_extension(name, settings.get(name) or {}) for name in names]
    return _Markdown(extensions=[*extensions, AvtalExtension(corpus, doc_path)])


class _Markdown(Markdown):
    """Python-Markdown, making the extensions that extensions ask for by name (pymdownx.superfences asks
    for pymdownx.highlight) as _extension makes the configured ones."""

    def build_extension(self, ext_name: str, configs) -> Extension:
        made = _extension(ext_name, dict(configs))
        return made if isinstance(made, Extension) else super().build_extension(ext_name, configs)


def _extension(name: str, settings: dict) -> Extension | str:
    """An extension made from its module, as Python-Markdown makes it from a dotted name. Python-Markdown
    looks every name up among the installed packages' entry points first, which reads the metadata of
    every package and took a tenth of `avtal docx`; a name it alone knows is left to it."""
    module_name, _, class_name = name.partition(":")
    module_name = module_name if "." in module_name else f"markdown.extensions.{module_name}"
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return name
    make = getattr(module, class_name) if class_name else getattr(module, "makeExtension", None)
    return make(**settings) if make is not None else name
