"""Word files for formal decision and registration, rendered from the same element tree as the site.

    DocxRenderer.document(doc)          one document
      ├─ _front        marking (UTKAST), header block (Datum, Diarienummer, Versionsnummer,
      │                Gäller för verksamhet), title, type and status, table of contents
      ├─ _body         the document's Markdown, parsed with mkdocs.yml's extensions and the
      │                avtal syntax (markup.py), one function per element; a statement to
      │                verify becomes a Word comment on the paragraph it follows, never text
      ├─ _history      the version history table (Version, Datum, Ändring, Ansvarig)
      ├─ _identity     "Dokumentidentitet" on the last page and the custom properties: version,
      │                commit and the fingerprint of the text, read from the XML written (identity.py)
      └─ _page_frame   page header with the marking, footer "id version · Sida X av Y"
    DocxRenderer.decision_package(agreement)   the agreement and its annexes in one file

The body between front and end is written by body.py (BodyWriter, which DocxRenderer is); all
python-docx calls live in this package; raw Open XML only in oxml.py.
"""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import TYPE_CHECKING

import docx

from ...dates import swedish_date
from ...history.provenance import source_epoch
from ...source.corpus import Corpus, Document
from ...source.models.vocabulary import DECISION_BASIS
from ..headings import HEADING_LEVELS, heading_numbers, heading_text
from ..markup import configured_extensions
from ..markup import document_markdown as markdown_for
from . import oxml
from .body import (
    BodyWriter,
    _Capture,
    _Context,
    _footnote_texts,
    _grid_table,
    _para,
    _style,
    bookmark_name,
    grid_cells,
)
from .canonical import BODY_END, BODY_START
from .package import reproducible_docx
from .styles import PARAGRAPH

if TYPE_CHECKING:  # not imported to run: `avtal docx` reads a plain copy of the versions (single.py)
    from ...history.changelog import Changelog

MARKING = {"utkast": "UTKAST", "remiss": "REMISSVERSION"}
STATUS_LABEL = {"utkast": "utkast", "remiss": "remissversion", "beslutad": "beslutad", "upphävd": "upphävd"}


def docx_name(doc: Document) -> str:
    return f"{doc.meta.id}_v{doc.meta.version}.docx"


class DocxRenderer(BodyWriter):
    def __init__(self, root: Path, corpus: Corpus, changelog: Changelog | None, party: str | None = None,
                 extensions: tuple[list[str], dict] | None = None):
        self.root, self.corpus, self.changelog = root, corpus, changelog
        self.party = party or corpus.vocabulary.coordinating_party
        self.template = corpus.sources.word_template  # the path loading checked, or None
        self.site_name = corpus.sources.site_name
        self.extensions = extensions or configured_extensions(root)  # mkdocs.yml's, unless read already
        self._source: dict | None = None  # the commit the file comes from (identity.py)
        # (template, blank_document(template)) opened ahead, used by the next file if the template is the same
        self.prepared: tuple[Path | None, object] | None = None
        self.compared_from: str | None = None  # set for an ändringsmarkerad file: the older version

    @property
    def source(self) -> dict:
        """The commit the sources come from, asked of git once; an earlier version's is set instead."""
        if self._source is None:
            from ...history.provenance import source_commit

            self._source = source_commit(self.root)
        return self._source

    @source.setter
    def source(self, value: dict) -> None:
        self._source = value

    # -- Public ------------------------------------------------------------------------

    def document(self, doc: Document) -> bytes:
        word = self._new(doc)
        md, tree = self._tree(doc)
        if doc.meta.type == DECISION_BASIS:  # the form of a tjänsteskrivelse, so a clerk can use it as is
            from .decision_basis import decision_basis_front

            decision_basis_front(word, doc, self.party)
            self._body(word, doc, md, tree, numbered=False)
        else:
            self._front(word, doc, md, tree)
            self._body(word, doc, md, tree)
        self._history(word, doc)
        return self._finish(word, doc)

    def decision_package(self, agreement: Document, annexes: list[Document]) -> bytes:
        """The agreement with its annexes, in annex order, as one file for the decision."""
        word = self._new(agreement, subject="Beslutspaket")
        md, tree = self._tree(agreement)
        self._front(word, agreement, md, tree, annexes)
        self._body(word, agreement, md, tree)
        for annex in annexes:
            title = _para(word, annex.meta.title, PARAGRAPH["annex_title"])
            oxml.set_outline_level(title, 0)  # the annex in the table of contents, when it is updated
            self._bookmark(word, title, f"{annex.meta.id}")
            _para(word, f"Version {annex.meta.version}, {STATUS_LABEL.get(annex.meta.status, annex.meta.status)}, "
                  f"{swedish_date(annex.meta.date.isoformat())}", PARAGRAPH["subtitle"])
            self._body(word, annex, *self._tree(annex), numbered=False)
        self._history(word, agreement)
        return self._finish(word, agreement)

    # -- The document as a whole -------------------------------------------------------

    def _new(self, doc: Document, subject: str | None = None):
        prepared, self.prepared = self.prepared, None
        word = prepared[1] if prepared is not None and prepared[0] == self.template else blank_document(self.template)
        meta = doc.meta
        props = word.core_properties
        moment = dt.datetime.fromtimestamp(source_epoch(), dt.UTC).replace(tzinfo=None)
        oxml.set_core_texts(
            props, title=meta.title, subject=subject or meta.type.capitalize(),
            keywords="; ".join([self.site_name, meta.type, meta.id]),
            version=meta.version, identifier=meta.id, content_status=meta.status, language="sv-SE",
            author=meta.owner, last_modified_by="avtal", comments=meta.change_note or "", category=meta.applies_to)
        props.created = props.modified = moment
        props.revision = 1
        return word

    def _front(self, word, doc: Document, md, tree, annexes: tuple | list = ()) -> None:
        meta = doc.meta
        first = word.paragraphs[0] if word.paragraphs and not word.paragraphs[0].text else None
        if meta.status in MARKING:
            marking = first or word.add_paragraph()
            _style(word, marking, PARAGRAPH["marking"])
            first = None
            marking.add_run(MARKING[meta.status])
        registration = meta.registrations.get(self.party, "Ej registrerat")
        block = _grid_table(word, 2, 4)
        labels = ["Datum", "Diarienummer", "Versionsnummer", "Gäller för verksamhet"]
        values = [meta.date.isoformat(), registration, meta.version, meta.applies_to]
        heads, cells = grid_cells(block)
        for column, (label, value) in enumerate(zip(labels, values, strict=True)):
            self._cell_text(word, heads[column], label, bold=True)
            self._cell_text(word, cells[column], value)
        oxml.repeat_header_row(block.rows[0])
        if first is not None:
            first._p.getparent().remove(first._p)
        _para(word, meta.title, PARAGRAPH["title"])
        _para(word, f"{meta.type.capitalize()} · {STATUS_LABEL.get(meta.status, meta.status).capitalize()} · "
              f"Diarienummer för {self.party}: {registration}", PARAGRAPH["subtitle"])
        self._contents(word, md, tree, annexes)

    def _contents(self, word, md, tree, annexes: tuple | list = ()) -> None:
        """A table of contents field, filled in with the headings so that it shows before Word updates it.

        The entries are the body's headings as Word numbers them (Heading 1–3), with the text
        the page shows; a heading numbered by hand keeps its own number and gets none besides; in a
        decision package, each annex's title after them. No page numbers: Word's pages are Word's own
        layout, which no build knows (the PDF/A's contents have them, from LibreOffice's layout);
        Word adds them when the reader updates the table (F9), and asks nothing on opening.
        """
        _para(word, "Innehåll", PARAGRAPH["toc_heading"])
        first = _para(word, None, PARAGRAPH["toc"][0])
        oxml.add_complex_field(first, 'TOC \\o "1-3" \\h \\z \\u')
        paragraph = first
        for index, (heading, number) in enumerate(heading_numbers(tree).items()):
            if index:
                paragraph = _para(word, None, PARAGRAPH["toc"][HEADING_LEVELS[heading.tag]])
            text = heading_text(heading)
            oxml.add_hyperlink(paragraph, f"{number} {text}" if number else text,
                               anchor=bookmark_name(heading.get("id") or ""), style=None)
        for annex in annexes:
            paragraph = _para(word, None, PARAGRAPH["toc"][0])
            oxml.add_hyperlink(paragraph, annex.meta.title, anchor=bookmark_name(annex.meta.id), style=None)
        oxml.end_complex_field(paragraph)

    def _history(self, word, doc: Document) -> None:
        heading = _para(word, "Versionshistorik", PARAGRAPH["heading"][0])
        oxml.set_numbering(heading, 0, 0)  # outside the document's own numbering
        log = self.changelog.documents.get(doc.meta.id) if self.changelog else None
        rows = []
        if log and log.uncommitted:
            u = log.uncommitted
            rows.append([u.version or "", "Ej incheckad", "Ej incheckade ändringar", doc.meta.owner])
        for entry in log.versions if log else []:
            rows.append([entry.version, entry.last_date, entry.change_note or "", entry.owner or ""])
        if not rows:
            rows.append([doc.meta.version, doc.meta.date.isoformat(), doc.meta.change_note or "", doc.meta.owner])
        table = _grid_table(word, 1 + len(rows), 4)
        for index, (cells, values) in enumerate(zip(grid_cells(table), [["Version", "Datum", "Ändring", "Ansvarig"], *rows],
                                                    strict=True)):
            for cell, value in zip(cells, values, strict=True):
                self._cell_text(word, cell, value, bold=index == 0)
        oxml.repeat_header_row(table.rows[0])

    def _finish(self, word, doc: Document) -> bytes:
        self._identity(word)
        self._page_frame(word, doc)
        word._avtal["footnotes"].finish()
        return reproducible_docx(word)

    def _identity(self, word) -> None:
        """Dokumentidentitet after the version history, and the same in the custom properties."""
        from .identity import identify, properties, rows

        if not word._avtal["parts"]:
            return
        identity = identify(word, word._avtal["parts"], self.source, self.compared_from)
        heading = _para(word, "Dokumentidentitet", PARAGRAPH["heading"][0])
        oxml.set_numbering(heading, 0, 0)  # outside the document's own numbering
        lines = rows(identity)
        table = _grid_table(word, len(lines), 2)
        for cells, (label, value) in zip(grid_cells(table), lines, strict=True):
            self._cell_text(word, cells[0], label, bold=True)
            self._cell_text(word, cells[1], value)
        from .identity import HOW_TO_CHECK

        _para(word, HOW_TO_CHECK, PARAGRAPH["normal"])
        oxml.set_custom_properties(word, properties(identity))

    def _page_frame(self, word, doc: Document) -> None:
        meta = doc.meta
        section = word.sections[0]
        header = section.header.add_paragraph()
        _style(word, header, PARAGRAPH["header"])
        header.add_run(f"{meta.title}" + (f" – {MARKING[meta.status]}" if meta.status in MARKING else ""))
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        _style(word, footer, PARAGRAPH["footer"])
        footer.add_run(f"{meta.id}, version {meta.version} · Sida ")
        oxml.add_simple_field(footer, "PAGE", "1")
        footer.add_run(" av ")
        oxml.add_simple_field(footer, "NUMPAGES", "1")

    # -- The body ----------------------------------------------------------------------

    def _tree(self, doc: Document):
        md = markdown_for(self.root, self.corpus, doc.path, self.extensions)
        md.treeprocessors.register(_Capture(md), "avtal-capture", -100)
        md.avtal_tree = etree.Element("div")  # Python-Markdown runs no tree processor for an empty text
        md.convert(doc.body_text)
        return md, md.avtal_tree

    def _body(self, word, doc: Document, md, tree, numbered: bool = True, markers: bool = True) -> None:
        context = _Context(word, doc, md, numbered, _footnote_texts(tree), heading_numbers(tree))
        start = _para(word)
        part = len(word._avtal["parts"])  # the body bookmarks: the first document's, then "_1" … for annexes
        if markers:
            word._avtal["parts"].append(doc)
            self._bookmark(word, start, f"{BODY_START}_{part}" if part else BODY_START)
        for element in tree:
            self._block(context, element)
        end = _para(word)
        if markers:
            self._bookmark(word, end, f"{BODY_END}_{part}" if part else BODY_END)
        code = word._avtal["style_ids"][PARAGRAPH["code"]]
        for block in start._p.itersiblings():
            if block is end._p:
                break
            for paragraph in block.iter(oxml.PARAGRAPH_TAG):
                if oxml.paragraph_style(paragraph) != code:  # code keeps its spaces, as on the page
                    oxml.collapse_whitespace(paragraph)


def blank_document(template: Path | None):
    """A new Word document from the template (python-docx's Document), with the renderer's own state: it
    depends on the template only, so `avtal docx` opens it while the document is still being loaded."""
    if template:
        word = docx.Document(str(template))
    else:  # a repository without its own template gets the one avtal makes
        from .template import make_template

        word = make_template()
    word._avtal = {"bookmarks": 0, "footnotes": oxml.Footnotes(word), "parts": [], "style_ids": oxml.style_ids(word)}
    return word


def word_files(root: Path, corpus: Corpus, changelog: Changelog | None, party: str | None = None) -> dict[str, bytes]:
    """Every document's Word file and each agreement's decision package, by file name.

    The files are independent, so they are made in parallel, one process per core (forked,
    so the loaded corpus is shared); the bytes are the same either way.
    """
    import multiprocessing  # here, not at the top: `avtal docx` makes one file and need not import it
    from concurrent.futures import ProcessPoolExecutor

    global _RENDERER
    _RENDERER = DocxRenderer(root, corpus, changelog, party)
    _ = _RENDERER.source  # the commit, asked once before the workers are forked (identity.py)
    documents = sorted((d for d in corpus.documents if d.meta), key=lambda d: d.path)
    # The decision packages are the largest jobs: started first, they do not finish last.
    jobs = [(f"beslutspaket_{d.meta.id}_v{d.meta.version}.docx", d.path, True)
            for d in documents if d.meta.type == "överenskommelse"]
    jobs += [(docx_name(doc), doc.path, False) for doc in documents]
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(jobs) >= 4 and "fork" in multiprocessing.get_all_start_methods():
        import gc

        context = multiprocessing.get_context("fork")
        # Everything loaded so far is set aside from garbage collection while the workers run: each
        # worker's collections would otherwise walk the corpus and the modules it shares with this
        # process (and copy the pages they touch), a sixth of its time.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                results = list(pool.map(_render_job, jobs, chunksize=1))
        finally:
            gc.unfreeze()
    else:
        results = [_render_job(job) for job in jobs]
    return {name: data for (name, _, _), data in zip(jobs, results, strict=True)}


_RENDERER: DocxRenderer | None = None


def _render_job(job: tuple[str, str, bool]) -> bytes:
    _, path, package = job
    renderer = _RENDERER
    doc = renderer.corpus.by_path[path]
    if not package:
        return renderer.document(doc)
    annexes = sorted((d for d in renderer.corpus.documents if d.meta and d.meta.annex_of == doc.meta.id),
                     key=lambda d: d.meta.annex_number or 0)
    return renderer.decision_package(doc, annexes)
