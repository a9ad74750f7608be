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
  - the headings are numbered (1, 1.1, 1.1.1) as the Word file numbers them (headings.py).

Everything it makes is ordinary HTML elements (table, caption, th, td, h3, p, a), with
classes for the site's style sheet and the Word renderer's styles.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import posixpath
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import quote

import yaml
from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..source.corpus import Corpus, DataSet, link_path
from ..source.markdown_scan import QUESTION_ID_PATTERN, QUESTION_ID_RE, QUESTION_RE, TERM_RE
from ..source.models.data import (
    forms_index,
)
from ..source.models.vocabulary import DECISION_BASIS
from .choices import QuestionLinks
from .datatables import render_data
from .elements import _add, _el
from .headings import HeadingNumbers
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
        if next(root.iter("img"), None) is None:
            return  # no image (most pages): no walk in Python over every element
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
        href = f"{_relative(presenting.path, posixpath.dirname(self.doc_path))}#{term_id}"
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
            md.treeprocessors.register(HeadingNumbers(md, self), "avtal-heading-numbers", 3)  # after toc (5)
            md.treeprocessors.register(_CellLabels(md), "avtal-cell-labels", 2)


@functools.lru_cache(maxsize=1024)
def _relative(path: str, folder: str) -> str:
    """posixpath.relpath, remembered: a page links to the glossary's page once per term it uses."""
    return posixpath.relpath(path, folder)


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
