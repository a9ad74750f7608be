"""A version's element tree: the one the Word renderer makes its file from, and the site its page.

The tree is taken from the Word renderer itself (DocxRenderer._tree: mkdocs.yml's extensions and
the avtal syntax, the same parse as the site), so a comparison compares exactly what the two
renderings say. What Python-Markdown keeps aside (a fenced code block, a character reference) is
put back into the tree here, so that a tree holds all its text and trees of two versions can be
merged into one.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from ..source.corpus import Corpus, Document

_STASH_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
_PLACEHOLDER_RE = re.compile("\x02[^\x03]*\x03")  # the footnotes' own, which their postprocessor replaces
_TAG_RE = re.compile(r"<[^>]+>")
# Unicode noncharacters, "for internal use": the Word renderer marks revisions with them (word.py).
NONCHARACTERS_RE = re.compile("[\ufdd0-\ufdef]")


class Trees:
    """Element trees of documents, one Word renderer per corpus (it reads mkdocs.yml once)."""

    def __init__(self, root):
        self.root = root
        self._renderers: dict[int, object] = {}

    def tree(self, corpus: Corpus, doc: Document) -> etree.Element:
        return self.parse(corpus, doc)[1]

    def parse(self, corpus: Corpus, doc: Document) -> tuple[object, etree.Element]:
        """The Markdown converter and the finished tree of one document."""
        from ..render.word.document import DocxRenderer

        renderer = self._renderers.get(id(corpus))
        if renderer is None:
            renderer = self._renderers[id(corpus)] = (corpus, DocxRenderer(self.root, corpus, None))
        md, tree = renderer[1]._tree(doc)  # the renderer's own tree: what its Word file says
        return md, restored(md, tree)


def _stashed(md, number: str) -> str:
    return html.unescape(_TAG_RE.sub("", str(md.htmlStash.rawHtmlBlocks[int(number)])))


def _text(md, text: str | None) -> str | None:
    if not text:
        return text
    if "\x02" in text:
        text = _PLACEHOLDER_RE.sub("", _STASH_RE.sub(lambda m: _stashed(md, m.group(1)), text))
    return NONCHARACTERS_RE.sub("\ufffd", text) if NONCHARACTERS_RE.search(text) else text


def restored(md, tree: etree.Element) -> etree.Element:
    """The tree with what Python-Markdown kept aside put back: a fenced code block (a paragraph that
    is only a placeholder) becomes <pre><code>, as the Word renderer shows it; a character reference
    becomes its character."""
    for parent in tree.iter():
        for index, child in enumerate(list(parent)):
            whole = _STASH_RE.fullmatch((child.text or "").strip()) if child.tag == "p" and len(child) == 0 else None
            if whole:
                pre = etree.Element("pre")
                code = etree.SubElement(pre, "code")
                code.text = _stashed(md, whole.group(1))
                pre.tail = child.tail
                parent[index] = pre
    for element in tree.iter():
        element.text, element.tail = _text(md, element.text), _text(md, element.tail)
    return tree
