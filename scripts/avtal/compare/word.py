"""The ändringsmarkerad Word file: the newer version's Word file, with every difference from the
older version a native tracked change that the clerk can step through, accept and reject.

    tracked_changes_docx(...)
      ├─ word_tree          the comparison as one element tree (merge.py), marks as noncharacters
      ├─ DocxRenderer       the ordinary Word renderer of the newer version, given that tree as the
      │                     body: header block, title, history and page frame as always; the
      │                     table of contents both versions' entries, tracked (contents.py)
      └─ revise             just before the file is saved, the marks become w:ins / w:del
                            (revisions.py), and a notice under the title says which versions
                            are compared; the renderer then saves reproducible bytes as always

Author: a setting (the newer version's owner role by default). Date: the newer version's commit.
python-docx is used only through the Word renderer; the rest is lxml on the saved parts, as
render/word/oxml.py keeps raw Open XML apart.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager

from lxml import etree

from ..history.versions import VersionRef
from ..render.word.body import _para
from ..render.word.document import DocxRenderer
from ..render.word.oxml import comments_element
from ..render.word.styles import PARAGRAPH
from .contents import write_contents
from .merge import word_tree
from .model import Comparison
from .revisions import XML_SPACE, Revisions, largest_id, w, with_marks

SUBJECT = "Ändringsmarkerad version"


def comparison_name(doc_id: str, old: VersionRef, new: VersionRef) -> str:
    return f"{doc_id}_v{new.version}_andringar_fran_v{old.version}.docx"


def utc(date: str | None) -> str:
    """A commit's date as Word writes w:date: UTC, to the second."""
    if not date:
        return "1980-01-01T00:00:00Z"
    moment = dt.datetime.fromisoformat(date).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def source_date(date: str | None):
    """Dates inside the file from the given commit (SOURCE_DATE_EPOCH), for the time of one rendering."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if date:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.fromisoformat(date).timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


class _MergedTreeRenderer(DocxRenderer):
    """The Word renderer with the merged tree as the body instead of the document's own text, and the
    marks turned into revisions in python-docx's own tree just before it is saved (one zip, not two)."""

    def __init__(self, *args, body: tuple, revise, **kwargs):
        super().__init__(*args, **kwargs)
        self.body, self.revise = body, revise

    def _tree(self, doc):  # the renderer's seam for a body: (Markdown converter, element tree)
        return self.body

    def _finish(self, word, doc):
        self.revise(word)
        return super()._finish(word, doc)

    def _contents(self, word, md, tree, annexes: tuple | list = ()) -> None:  # both versions' entries, tracked (contents.py)
        write_contents(word, lambda style, text: _para(word, text, style), tree, md)

    def _page_frame(self, word, doc) -> None:
        super()._page_frame(word, doc)
        header = word.sections[0].header.paragraphs
        if header:  # every page says that it is the ändringsmarkerad version
            header[-1].add_run(f" – {SUBJECT.lower()}")


def tracked_changes_docx(versions, old: VersionRef, new: VersionRef, comparison: Comparison, md,
                         author: str | None = None, party: str | None = None, source: dict | None = None) -> bytes:
    """The newer version's Word file with the comparison as tracked changes; `source`: the working
    tree's commit (provenance.source_commit) when the caller has asked git for it already."""
    doc = versions.document(new)
    author = author or doc.meta.owner
    tree = word_tree(comparison)
    with_marks(tree)

    def revise(word) -> None:
        document = word.element
        revisions = Revisions(author, utc(new.date), largest_id(document) + 1)
        revisions.mark_part(document, marks=True)
        footnotes = word._avtal["footnotes"].element  # the renderer's footnotes, before they are written
        if footnotes is not None:
            revisions.mark_part(footnotes, marks=False)
        comments = comments_element(word)  # the statements to verify, whose text may have changed too
        if comments is not None:
            revisions.mark_part(comments, marks=False)
        _add_notice(document, word.styles.element, _notice(old, new, comparison, author))
        word.core_properties.subject = SUBJECT

    renderer = _MergedTreeRenderer(versions.root, versions.corpus(new), versions.changelog_until(new), party,
                                   body=(md, tree), revise=revise)
    renderer.compared_from = old.version  # the identity on the last page names both versions
    if source is not None:
        renderer.source = source
    with source_date(new.date if new.commit else None):
        return renderer.document(doc)


def _notice(old: VersionRef, new: VersionRef, comparison: Comparison, author: str) -> list[tuple[str, str]]:
    lines = [(PARAGRAPH["box_title"], f"Ändringsmarkerad version: ändringar från version {old.version} till {new.version}")]
    if comparison.changed:
        lines.append((PARAGRAPH["box"],
                      f"Varje ändring är en spårad ändring i Word, gjord av {author}. Godkänn alla ändringar för att "
                      f"få texten i version {new.version}, eller avvisa alla för att få texten i version {old.version}."))
    else:
        lines.append((PARAGRAPH["box"], f"Texten är densamma i version {old.version} och {new.version}."))
    for section in comparison.moved:
        lines.append((PARAGRAPH["box"], f"Flyttat avsnitt: {section.new.title}. Det står som borttaget där det stod "
                                        "och som tillagt där det står nu."))
    return lines


def _style_ids(styles) -> dict[str, str]:
    ids = {}
    for style in styles.iter(w("style")):
        name = style.find(w("name"))
        if name is not None:
            ids[name.get(w("val"))] = style.get(w("styleId"))
    return ids


def _paragraph(style_id: str | None, text: str):
    paragraph = etree.Element(w("p"))
    if style_id:
        ppr = etree.SubElement(paragraph, w("pPr"))
        etree.SubElement(ppr, w("pStyle")).set(w("val"), style_id)
    run = etree.SubElement(paragraph, w("r"))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return paragraph


def _add_notice(document, styles, notice: list[tuple[str, str]]) -> None:
    """The notice, right under the title and subtitle (before the table of contents)."""
    ids = _style_ids(styles)
    subtitle = ids.get(PARAGRAPH["subtitle"])
    body = document.find(w("body"))
    anchor = next((p for p in body.iter(w("p")) if p.find(f"{w('pPr')}/{w('pStyle')}") is not None
                   and p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == subtitle), None)
    for style, text in notice:
        paragraph = _paragraph(ids.get(style), text)
        if anchor is None:
            body.insert(0, paragraph)
        else:
            anchor.addnext(paragraph)
        anchor = paragraph
