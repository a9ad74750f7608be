"""Comparisons as outputs: for the command line, and what `avtal build` and the site get.

    Comparer(root, corpus, changelog)
      ├─ compare(old, new)        the two trees (each parsed once) and the comparison model
      ├─ docx / html / markdown   the three renderings
      ├─ since(rev)               every document whose text changed since a revision (pull requests)
      └─ document_docx(ref)       an earlier version's own Word file (`avtal docx --version`)

    contribute(root, corpus, changelog) -> Extras   (entry point avtal.outputs)
      for each document with an earlier version: a page of changes from the previous version, and
      from the last remiss and the last decided version when there are such; a page for each older
      version against the one before it (the history table links them); the Word file of the
      current version against the previous one, build/docx/<id>_v<new>_andringar_fran_v<old>.docx.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..dates import swedish_date
from ..history.versions import DECIDED, REMISS, VersionError, VersionRef, Versions
from ..render.contributions import HTML_SLOT, Extras
from ..source.corpus import menu_order
from .html import HtmlWriter, site_linker, standalone_page
from .lanes import Lanes
from .markdown import LEGEND, comparison_markdown, md_text
from .model import Comparison, compare_trees
from .tree import Trees

STATUS_WORD = {"utkast": "utkast", "remiss": "remissversion", "beslutad": "beslutad", "upphävd": "upphävd"}
FOLDER = "andringar"
INDEX = f"{FOLDER}/index.md"
WORD_FOLDER = "word"  # where the site keeps the Word files (render/site.py)
PREVIOUS, LAST_REMISS, LAST_DECIDED = "föregående version", "senaste remissversionen", "senaste beslutade versionen"


class Comparer:
    def __init__(self, root: Path, corpus, changelog):
        self.root = root
        self.versions = Versions(root, corpus, changelog)
        self.trees = Trees(root)
        self._parsed: dict[tuple, tuple] = {}
        self._compared: dict[tuple, tuple] = {}
        self._plans: dict[str, list[Planned]] = {}
        self._source: dict | None = None

    @property
    def source(self) -> dict:
        """The commit the working tree comes from, asked of git once for every Word file made here."""
        if self._source is None:
            from ..history.provenance import source_commit

            self._source = source_commit(self.root)
        return self._source

    def plan(self, doc) -> list[Planned]:
        """The comparisons a document's pages show (plan), made once: its pages, its Word file and the
        index page ask for them."""
        if doc.meta.id not in self._plans:
            self._plans[doc.meta.id] = plan(self.versions, doc)
        return self._plans[doc.meta.id]

    def parse(self, ref: VersionRef) -> tuple:
        key = (ref.commit, ref.doc_id)
        if key not in self._parsed:
            self._parsed[key] = self.trees.parse(self.versions.corpus(ref), self.versions.document(ref))
        return self._parsed[key]

    def compare(self, old: VersionRef, new: VersionRef) -> tuple[Comparison, object]:
        """The comparison (made once: the page and the Word file of a pair share it) and the newer
        version's converter."""
        key = (old, new)
        if key not in self._compared:
            _, old_tree = self.parse(old)
            md, new_tree = self.parse(new)
            self._compared[key] = compare_trees(old_tree, new_tree), md
        return self._compared[key]

    def title(self, ref: VersionRef) -> str:
        return self.versions.document(ref).meta.title

    def describe(self, ref: VersionRef) -> str:
        status = STATUS_WORD.get(ref.status or "", ref.status or "okänd status")
        when = f", incheckad {swedish_date(ref.date[:10])}" if ref.date and ref.commit else ""
        return f"version {ref.version} ({status}{when})"

    # -- Renderings ----------------------------------------------------------------------

    def docx(self, old: VersionRef, new: VersionRef, comparison: Comparison, md, author: str | None = None,
             party: str | None = None) -> bytes:
        from .word import tracked_changes_docx

        return tracked_changes_docx(self.versions, old, new, comparison, md, author, party, self.source)

    def html(self, old: VersionRef, new: VersionRef, comparison: Comparison) -> str:
        title = f"Ändringar i {self.title(new)}: version {old.version} till {new.version}"
        intro = f"Jämförelsen visar hur texten har ändrats från {self.describe(old)} till {self.describe(new)}."
        return standalone_page(comparison, title, intro)

    def markdown(self, old: VersionRef, new: VersionRef, comparison: Comparison) -> str:
        heading = f"{md_text(self.title(new))} (`{new.doc_id}`): version {old.version} → {new.version}"
        return f"# Ändringar i texten\n\n{LEGEND}\n\n" + comparison_markdown(comparison, heading)

    def since(self, label: str, sha: str) -> str:
        """Every document whose rendered text differs between a revision and the working tree."""
        versions = self.versions
        before, now = versions.corpus_at(sha), versions.working
        lines = [f"# Ändringar i dokumentens text sedan {md_text(label)}", "", LEGEND, ""]
        found = 0
        ids = sorted({d.meta.id for d in now.documents if d.meta} | {d.meta.id for d in before.documents if d.meta})
        for doc_id in ids:
            old_doc, new_doc = before.by_id.get(doc_id), now.by_id.get(doc_id)
            if old_doc is None:
                lines += [f"## {md_text(new_doc.meta.title)} (`{doc_id}`): nytt dokument, version {new_doc.meta.version}", ""]
            elif new_doc is None:
                lines += [f"## {md_text(old_doc.meta.title)} (`{doc_id}`): borttaget", ""]
            else:
                old = VersionRef(doc_id, old_doc.meta.version, sha, None, old_doc.meta.status)
                comparison, _ = self.compare(old, versions.current(new_doc))
                if not comparison.changed:
                    continue
                versions_label = old_doc.meta.version if old_doc.meta.version == new_doc.meta.version else \
                    f"{old_doc.meta.version} → {new_doc.meta.version}"
                lines.append(comparison_markdown(comparison, f"{md_text(new_doc.meta.title)} (`{doc_id}`): "
                                                             f"version {versions_label}"))
            found += 1
        if not found:
            lines += ["Ingen text har ändrats.", ""]
        return "\n".join(lines) + "\n"

    def document_docx(self, ref: VersionRef, party: str | None) -> bytes:
        from ..render.word.document import DocxRenderer
        from .word import source_date

        corpus = self.versions.corpus(ref)
        renderer = DocxRenderer(self.root, corpus, self.versions.changelog_until(ref), party)
        if ref.commit:  # the identity on the last page names the version's commit, not HEAD
            renderer.source = {"commit": ref.commit, "date": ref.date, "dirty": False}
        with source_date(ref.date):
            return renderer.document(self.versions.document(ref))


# -- The build and the site -------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    old: VersionRef
    new: VersionRef
    purpose: str  # PREVIOUS, LAST_REMISS, LAST_DECIDED

    @property
    def page(self) -> str:
        return f"{FOLDER}/{self.new.doc_id}/v{self.old.version}-v{self.new.version}.md"

    @property
    def word(self) -> str | None:
        """A Word file for the current version against the one before it; the other comparisons are
        pages on the site, and any pair is a Word file with `avtal compare --format docx`."""
        from .word import comparison_name

        current = self.new.commit is None and self.purpose == PREVIOUS
        return comparison_name(self.new.doc_id, self.old, self.new) if current else None


def plan(versions: Versions, doc) -> list[Planned]:
    """The comparisons a document's pages show, newest version first."""
    current = versions.current(doc)
    history = versions.history(doc.meta.id)
    versions.dates([v.commit for v in history])  # asked of git at once
    chain = [versions.dated(v) for v in history if v.key < current.key] + [current]
    planned = [Planned(chain[i - 1], chain[i], PREVIOUS) for i in range(len(chain) - 1, 0, -1)]
    previous = chain[-2] if len(chain) > 1 else None
    for status, purpose in ((REMISS, LAST_REMISS), (DECIDED, LAST_DECIDED)):
        found = versions.last_with_status(current, status)
        if found is not None and (previous is None or found.version != previous.version):
            planned.insert(1, Planned(found, current, purpose))
    return planned


def _site_page(comparer: Comparer, item: Planned, comparison: Comparison, word_name: str | None) -> tuple[str, str]:
    """The page's Markdown, and the text with its changes as HTML for the page's slot (contributions.py)."""
    doc = comparer.versions.document(item.new)
    page = item.page
    page_dir = posixpath.splitext(page)[0]
    doc_url = posixpath.relpath(posixpath.splitext(doc.path)[0], page_dir) + "/"
    writer = HtmlWriter(site_linker(doc.path, page))
    title = doc.meta.title
    intro = (f'<p class="avtal-diff-intro">Jämförelsen visar hur texten i <a href="{escape(doc_url)}">'
             f"{escape(title)}</a> har ändrats från {escape(comparer.describe(item.old))} till "
             f"{escape(comparer.describe(item.new))}"
             + (f" ({escape(item.purpose)})" if item.purpose != PREVIOUS else "") + ".</p>")
    # Left out of the site's search: the page repeats the whole text, so every search would find each
    # document once more per comparison (and indexing it cost as much as every other page together).
    parts = ["---", "search:", "  exclude: true", "---", "",
             f"# {md_text(f'Ändringar i {title}: version {item.old.version} till {item.new.version}')}", "", intro, ""]
    if word_name:
        href = "../" * page_dir.count("/") + f"../{WORD_FOLDER}/{word_name}"
        parts += [f'<p><a class="avtal-diff-download" href="{escape(href)}" download="{escape(word_name)}">'
                  f"Ladda ned den ändringsmarkerade Word-filen ({escape(word_name)})</a></p>", ""]
    parts += [writer.legend(), "", "## Ändrade avsnitt {#andrade-avsnitt}", "", writer.changed_list(comparison), "",
              "## Texten med ändringar {#texten-med-andringar}", "", HTML_SLOT, ""]
    return "\n".join(parts), writer.text(comparison)


def _document_links(comparer: Comparer, doc_path: str) -> Extras:
    """One document's comparison pages by name (without their Markdown, made by _document_pages) and the
    links to them: a pair whose versions cannot be read is said here, and has no page."""
    extras = Extras()
    doc = comparer.versions.working.by_path[doc_path]
    for item in comparer.plan(doc):
        try:
            comparer.versions.document(item.old), comparer.versions.document(item.new)
        except VersionError as error:
            print(f"avtal: varning: {error}; jämförelsen med version {item.old.version} görs inte.", file=sys.stderr)
            continue
        extras.pages[item.page] = ""
        if item.purpose == PREVIOUS:
            extras.version_links[(doc.meta.id, item.new.version)] = item.page
        if item.new.commit is None:
            label = f"Ändringar från version {item.old.version} ({item.purpose})"
            extras.document_links.setdefault(doc.meta.id, []).append((label, item.page))
    return extras


def _document_pages(comparer: Comparer, doc_path: str) -> Extras:
    """One document's comparison pages (the ones _document_links names); its Word file comes after
    (_document_word)."""
    extras = Extras()
    doc = comparer.versions.working.by_path[doc_path]
    for item in comparer.plan(doc):
        try:
            comparison, _ = comparer.compare(item.old, item.new)
        except VersionError:
            continue  # said by _document_links
        extras.pages[item.page], extras.html[item.page] = _site_page(comparer, item, comparison, item.word)
    return extras


def _document_word(comparer: Comparer, doc_path: str) -> dict[str, bytes]:
    """One document's ändringsmarkerade Word file (the current version against the previous one)."""
    word = {}
    doc = comparer.versions.working.by_path[doc_path]
    for item in comparer.plan(doc):
        if item.word:
            try:
                comparison, md = comparer.compare(item.old, item.new)
            except VersionError:
                continue  # said when its page was made
            word[item.word] = comparer.docx(item.old, item.new, comparison, md)
    return word


_COMPARER: Comparer | None = None


def _lanes(documents: list, count: int) -> list[list[str]]:
    """The documents dealt into `count` lanes of about equal work: the longest text first, each to the
    lane with the least text so far."""
    lanes: list[list[str]] = [[] for _ in range(count)]
    load = [0] * count
    for doc in sorted(documents, key=lambda d: (-len(d.body_text), d.path)):
        lane = load.index(min(load))
        lanes[lane].append(doc.path)
        load[lane] += len(doc.body_text)
    return [lane for lane in lanes if lane]


def _pages_job(doc_path: str) -> Extras:
    return _document_pages(_COMPARER, doc_path)


def _word_job(doc_path: str) -> dict[str, bytes]:
    return _document_word(_COMPARER, doc_path)


def contribute(root: Path, corpus, changelog) -> Extras:
    """The comparisons for `avtal build` and the site (entry point avtal.outputs).

    The documents are dealt into lanes, one process per core (lanes.py): each makes its pages first,
    then its Word files, which are pending (Extras.pending) until asked for, so that `avtal build`
    gets them while mkdocs, on one core, builds the site. The pages' names and the links to them are
    known here at once (from the plans); their Markdown is unready (Extras.unready) until the site
    reads the first of them, so the lanes make it while mkdocs renders the other pages."""
    global _COMPARER
    extras = Extras()
    if changelog is None or corpus.vocabulary is None:
        return extras
    from ..history.changelog import version_key

    def has_earlier(doc) -> bool:
        log = changelog.documents.get(doc.meta.id)
        return bool(log) and any(version_key(v.version) < version_key(doc.meta.version) for v in log.versions)

    documents = sorted((d for d in corpus.documents if d.meta and has_earlier(d)), key=lambda d: d.path)
    if not documents:
        return extras  # the common case before a second version: nothing is loaded or asked of git
    _COMPARER = comparer = Comparer(root, corpus, changelog)
    for doc in documents:  # here, before the lanes are forked: the earlier versions' trees are loaded
        comparer.plan(doc)  # once, for every lane, and git is asked once for the commit
    _ = comparer.source
    jobs = [d.path for d in documents]
    workers = min(os.cpu_count() or 1, 4, len(jobs))
    for path in jobs:
        extras.merge(_document_links(comparer, path))
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        # One process per lane, each with its share of the documents: the Word file of a pair is made
        # where its page was, from the same trees and comparison (Comparer keeps them).
        lanes = Lanes(_pages_job, _word_job, _lanes(documents, workers))

        def pages() -> Extras:
            made = lanes.first()
            return _merged(made[path] for path in jobs)

        extras.unready.update(extras.pages)
        extras.making.append(pages)
        extras.pending.append(lambda: dict(sorted((name, data) for files in lanes.second().values()
                                                  for name, data in files.items())))
    else:
        extras.merge(_merged(_pages_job(path) for path in jobs))
        extras.pending.append(lambda: {name: data for path in jobs for name, data in _word_job(path).items()})
    extras.pages[INDEX] = _index_page(comparer, documents, extras)
    extras.nav.append({"Ändringar mellan versioner": INDEX})
    return extras


def _merged(results) -> Extras:
    merged = Extras()
    for result in results:
        merged.merge(result)
    return merged


def _index_page(comparer: Comparer, documents: list, extras: Extras) -> str:
    lines = ["# Ändringar mellan versioner", "",
             "Varje jämförelse visar vad som har ändrats i texten mellan två versioner av ett dokument: "
             "tillagda och borttagna ord, nya, borttagna och flyttade avsnitt. Den nuvarande versionen jämförs "
             "med den föregående och, när sådana finns, med den senaste remissversionen och den senaste "
             "beslutade versionen. Jämförelsen med den föregående versionen finns också som Word-fil med spårade "
             "ändringar; andra versioner jämförs i Word med avtal compare.", ""]
    for doc in sorted(documents, key=menu_order):  # as the menu lists them
        items = comparer.plan(doc)
        lines += [f"## {md_text(doc.meta.title)}", ""]
        for item in items:
            if item.page in extras.pages:
                target = posixpath.relpath(item.page, FOLDER)
                lines.append(f"- [Version {item.old.version} till {item.new.version}]({target}) ({item.purpose})")
        lines.append("")
    return "\n".join(lines)
