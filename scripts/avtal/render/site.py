"""The reviewers' website: a thin mkdocs plugin over the Corpus.

    on_config   load the corpus (or take the one `avtal build` already loaded, or the one the live
                preview prepared), refuse to build when `avtal check` finds errors, add the avtal
                Markdown syntax
    on_files    hand mkdocs every document and the generated pages (among them the open questions
                and the statements to verify) as virtual files, and
                set the navigation (the documents stay in agreement/, annexes/ and plans/); point
                "Föreslå ändring" at each page's own file
    on_nav      titles as text: the theme puts them into navigation and headers unescaped
    on_page_markdown   tell the syntax which document it is rendering (for relative links); in the
                live preview, a page whose HTML it keeps is not converted again
    on_page_content    every page's HTML through the allow-list sanitizer (sanitize.py), and its
                title and table of contents as text
    on_serve    watch the sources, so that the live preview follows every save

The pages themselves are built by `SitePages`, an ordinary class that knows nothing of mkdocs; the
live preview's state between rebuilds is `preview.Preview`.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..dates import swedish_date
from ..findings import has_errors
from ..history.changelog import Changelog, DocumentLog, changelog_if_any
from ..rules.check import check_corpus
from ..rules.formats import render_text, summary
from ..source.corpus import Corpus, Document, menu_order
from ..source.klarsprak import lix, lix_band, prose
from ..source.layout import CONTENT_FOLDERS, REMISS_FOLDER, SCHEMA_FOLDER
from ..source.load import load_corpus
from ..source.models.common import quarter_bounds
from ..source.models.data import Glossary, Milestones, RiskRegister
from ..source.models.vocabulary import AGREEMENT, ANNEX, DECISION_BASIS
from ..text import count
from ..text import markdown_text as md
from . import site_messages, verification
from .changelog_page import changelog_page, version_anchor
from .choices import settlements
from .contributions import HTML_SLOT, Extras, gather
from .datatables import risk_level
from .markup import TEXT_END, TEXT_START, AvtalExtension, question_id
from .sanitize import clean_html, inline_text, text_html

SECTIONS = [("Överenskommelsen", "agreement"), ("Bilagor", "annexes"), ("Planer", "plans")]
STATUS_LABEL = {"utkast": "Utkast", "remiss": "Remissversion", "beslutad": "Beslutad", "upphävd": "Upphävd"}
BANNER = {
    "utkast": ("warning", "Arbetsutkast", "Texten är ett utkast under arbete. Inget i den är beslutat."),
    "remiss": ("info", "Remissversion", "Texten är skickad på remiss till parterna. Den är inte beslutad."),
    "upphävd": ("danger", "Upphävd", "Dokumentet gäller inte längre."),
}
WORD_FOLDER = "word"
# The handbook: every page in webbplats/handbok/ (and every generated page under handbok/) is in its
# menu, without a list to keep: the way in and the roles' pages first in this order, then the other
# topics by title. A new topic is a new file there.
HANDBOOK = "handbok"
HANDBOOK_FIRST = ["index.md", "skriva.md", "skrivregler.md", "granska.md", "registrera-och-besluta.md", "remiss.md",
                  "kommandon.md", "koderna.md"]


class SitePages:
    """The site's pages as Markdown, from the Corpus and the change logs."""

    def __init__(self, corpus: Corpus, changelog: Changelog | None, word_names: set[str] | None = None,
                 extras: Extras | None = None):
        self.corpus, self.changelog, self.word_names = corpus, changelog, word_names or set()
        self.extras = extras or Extras()  # pages and links of later stages (the comparisons)
        self.documents = sorted((d for d in corpus.documents if d.meta), key=menu_order)
        # A beslutsunderlag is a view over the whole set: under Översikter, and linked from the start page.
        self.decision_bases = [d for d in self.documents if d.meta.type == DECISION_BASIS]

    def link(self, from_path: str, doc: Document, anchor: str = "") -> str:
        target = posixpath.relpath(doc.path, posixpath.dirname(from_path) or ".")
        return f"{target}#{anchor}" if anchor else target

    # -- A document's page -------------------------------------------------------------

    def document_page(self, doc: Document) -> str:
        meta = doc.meta
        parts = [f"# {md(meta.title)}", "", self._header(doc), ""]
        if meta.status in BANNER:
            kind, title, text = BANNER[meta.status]
            parts += [f'!!! {kind} "{title}"', f"    {text}", ""]
        parts += self._download(doc) + self._extra_links(doc) + self._questions(doc)
        parts += verification.document_list(self.corpus, doc) + self._related(doc)
        # The markers let a test compare this text with the Word file's, word for word.
        parts += [TEXT_START, "", doc.body_text.strip(), "", TEXT_END, ""]
        parts += self._history(doc)
        return "\n".join(parts) + "\n"

    def _parties_cell(self, parties: list[str]) -> str:
        """"Samtliga 49 parter" when the document is every party's (schema/parter.yaml), else their names."""
        everyone = self.corpus.vocabulary.party_names if self.corpus.vocabulary else []
        if len(parties) > 2 and sorted(parties) == sorted(everyone):
            return f"Samtliga {len(parties)} parter"
        return escape(", ".join(parties))

    def _header(self, doc: Document) -> str:
        meta = doc.meta
        rows = [
            ("Dokumenttyp", escape(meta.type.capitalize())),
            ("Status", f'<span class="avtal-status avtal-status-{escape(meta.status)}">{escape(STATUS_LABEL.get(meta.status, meta.status))}</span>'),
            ("Version", escape(meta.version)),
            ("Datum", escape(swedish_date(meta.date.isoformat()))),
            ("Gäller för verksamhet", escape(meta.applies_to)),
            ("Ägare", escape(meta.owner)),
            ("Parter", self._parties_cell(meta.parties)),
        ]
        readability = lix(prose(doc.body_text, doc.body_line))
        if readability.words:  # the check's own count (source/klarsprak.py), so page and check agree
            rows.append(("Läsbarhet (LIX)", f"{readability.value:.0f} ({escape(lix_band(readability.value))})"))
        if meta.registrations:
            rows.append(("Diarienummer", "<br>".join(f"{escape(p)}: {escape(n)}" for p, n in meta.registrations.items())))
        cells = "".join(f"<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>" for k, v in rows)
        return f'<table class="avtal-meta"><caption>Om dokumentet</caption><tbody>{cells}</tbody></table>'

    def _download(self, doc: Document) -> list[str]:
        from .word.document import docx_name

        name = docx_name(doc)
        if name not in self.word_names:
            return []
        href = "../" * doc.path.count("/") + f"{WORD_FOLDER}/{name}"  # mkdocs turns it into the page's URL
        return [f'[Ladda ned Word-filen ({md(name)})]({href}){{ download="{name}" .avtal-download }}', ""]

    def _extra_links(self, doc: Document) -> list[str]:
        """Links that later stages add to a document's page (the comparisons with earlier versions)."""
        links = self.extras.document_links.get(doc.meta.id, [])
        return [*(f"- [{escape(label)}]({self.link_to(doc.path, uri)})" for label, uri in links), ""] if links else []

    def link_to(self, from_path: str, src_uri: str) -> str:
        return posixpath.relpath(src_uri, posixpath.dirname(from_path) or ".")

    def _questions(self, doc: Document) -> list[str]:
        if not doc.body.questions:
            return []
        lines = [f"**Öppna frågor i dokumentet ({len(doc.body.questions)}):**", ""]
        for number, question in enumerate(doc.body.questions, 1):
            lines.append(f"{number}. [{md(question.value or 'Öppen fråga')}](#{question_id(number, question.anchor)})")
        return lines + [""]

    def _related(self, doc: Document) -> list[str]:
        meta, links = doc.meta, []
        for label, ids in (("Hör till", [meta.annex_of] if meta.annex_of else []), ("Ersätter", meta.supersedes),
                           ("Se även", meta.related)):
            for target_id in ids:
                target = self.corpus.by_id.get(target_id)
                if target:
                    links.append(f"{label}: [{md(target.meta.title)}]({self.link(doc.path, target)})")
        if meta.type == AGREEMENT:
            annexes = [d for d in self.documents if d.meta.type == ANNEX and d.meta.annex_of == meta.id]
            links += [f"Bilaga {a.meta.annex_number}: [{md(a.meta.title)}]({self.link(doc.path, a)})" for a in annexes]
        return ([*(f"- {link}" for link in links), ""] if links else [])

    def _history(self, doc: Document) -> list[str]:
        log: DocumentLog | None = self.changelog.documents.get(doc.meta.id) if self.changelog else None
        lines = ["## Versionshistorik {#versionshistorik}", ""]
        if log is None or (not log.versions and not log.uncommitted):
            return lines + ["Dokumentet har ingen incheckad historik ännu.", ""]
        compared = {version: uri for (doc_id, version), uri in self.extras.version_links.items() if doc_id == doc.meta.id}
        extra = (" Jämförelse |", " --- |") if compared else ("", "")
        lines += [f"| Version | Status | Datum | Ändring | Incheckningar |{extra[0]}",
                  f"| --- | --- | --- | --- | --- |{extra[1]}"]

        def comparison(version: str | None) -> str:
            uri = compared.get(version or "")
            return (f" [Ändringar i {version}]({self.link_to(doc.path, uri)}) |" if uri else " – |") if compared else ""

        if log.uncommitted:
            u = log.uncommitted
            lines.append(f"| {md(u.version or '?')} | {md(u.status or '')} | – | Ej incheckade ändringar | – |"
                         + comparison(u.version))
        for entry in log.versions:
            span = swedish_date(entry.first_date)
            if entry.last_date != entry.first_date:
                span += f" – {swedish_date(entry.last_date)}"
            # Version, status and note come from the front matter of every commit, checked or not.
            shown = entry.version if not (log.uncommitted and log.uncommitted.version == entry.version) else None
            anchor = version_anchor(doc.meta.id, entry.version)
            commits = f"[{len(entry.commits)}](../andringslogg.md#{anchor})" if anchor else str(len(entry.commits))
            lines.append(f"| {md(entry.version)} | {md(entry.status or '')} | {span} | {md(entry.change_note or '')} "
                         f"| {commits} |" + comparison(shown))
        return lines + ["", f"Varje incheckning finns i [ändringsloggen](../andringslogg.md#{doc.meta.id}).", ""]

    # -- Generated pages ---------------------------------------------------------------

    def _parties_phrase(self) -> str:
        vocab = self.corpus.vocabulary
        return vocab.parties_phrase() if vocab else "parterna"

    def start_page(self) -> str:
        lines = [f"# {md(self.corpus.sources.site_name)}", "",
                 f"Här finns arbetet med den nya överenskommelsen mellan {md(self._parties_phrase())}: "
                 "överenskommelsen, dess bilagor och planerna för omställningen. Texterna är arbetsmaterial tills "
                 "alla parter har fattat likalydande beslut.", "",
                 "Ny här? [Handboken](handbok/index.md) visar steg för steg hur du skriver, granskar, registrerar "
                 "och beslutar, och hur remissen går till.", "",
                 *[line for notice in self.extras.notices for line in (notice, "")],  # later stages: an open remiss
                 *self._decision_bases(),
                 "## Dokumenten {#dokumenten}", "",
                 "| Dokument | Typ | Status | Version | Datum |", "| --- | --- | --- | --- | --- |"]
        for doc in self.documents:
            meta = doc.meta
            lines.append(f"| [{md(meta.title)}]({doc.path}) | {md(meta.type)} | {md(STATUS_LABEL.get(meta.status, meta.status))} "
                         f"| {md(meta.version)} | {swedish_date(meta.date.isoformat())} |")
        questions = sum(len(d.body.questions) for d in self.documents)
        lines += ["", "## Öppna frågor {#oppna-fragor}", "",
                  f"Det finns {count(questions, 'öppen fråga', 'öppna frågor')} som ska avgöras. "
                  "[Se alla öppna frågor](oppna-fragor.md).", ""]
        to_verify = verification.count(self.corpus, self.documents)
        if to_verify:
            lines += [f"Det finns {count(to_verify, 'uppgift', 'uppgifter')} som ska verifieras innan dokumenten kan beslutas. "
                      f"[Se alla uppgifter att verifiera]({verification.PAGE}).", ""]
        lines += self._next_milestones() + self._top_risks()
        return "\n".join(lines) + "\n"

    def _decision_bases(self) -> list[str]:
        lines = []
        for doc in self.decision_bases:
            meta = doc.meta
            lines += [f"**Inför beslut:** [{md(meta.title)}]({doc.path}) (beslutsunderlag, version {md(meta.version)}, "
                      f"{md(STATUS_LABEL.get(meta.status, meta.status).lower())}) sammanfattar vad parterna ombeds "
                      "besluta och vilka politiska val som återstår.", ""]
        return lines

    def _datasets(self, kind):
        return [(ds, ds.data) for ds in self.corpus.datasets if isinstance(ds.data, kind)]

    def _next_milestones(self) -> list[str]:
        rows = []
        for _, milestones in self._datasets(Milestones):
            doc = self.corpus.by_id.get(milestones.document)
            as_of = doc.meta.date if doc else None
            for m in sorted(milestones.items, key=lambda m: quarter_bounds(m.when)):
                if not m.done and as_of and quarter_bounds(m.when)[1] >= as_of:
                    rows.append(f"| {md(m.when)} | {md(m.deliverable)} | {md(m.responsible)} |")
        if not rows:
            return []
        return ["## Nästa milstolpar {#nasta-milstolpar}", "", "| När | Leverans | Ansvarig |", "| --- | --- | --- |",
                *rows[:5], ""]

    def _top_risks(self) -> list[str]:
        risks = [r for _, register in self._datasets(RiskRegister) for r in register.items]
        if not risks:
            return []
        lines = ["## De högsta riskerna {#hogsta-riskerna}", "", "| Risk | Riskvärde | Ägare |", "| --- | --- | --- |"]
        for risk in sorted(risks, key=lambda r: (-r.score, r.id))[:5]:
            lines.append(f"| {md(risk.id)}: {md(risk.risk)} | {risk.score} ({risk_level(risk.score)[0]}) | {md(risk.owner)} |")
        return lines + [""]

    def questions_page(self) -> str:
        lines = ["# Öppna frågor", "", "Frågor som ännu inte är avgjorda, med ett förslag i texten där de står.", ""]
        settled = settlements(self.corpus)  # closed by a political choice, or handed to a working group
        for doc in self.documents:
            if doc.body.questions:
                lines += [f"## {md(doc.meta.title)}", ""]
                for number, question in enumerate(doc.body.questions, 1):
                    line = f"{number}. [{md(question.value or 'Öppen fråga')}]({doc.path}#{question_id(number, question.anchor)})"
                    how, where = settled.get(f"{doc.meta.id}#{question.anchor}", (None, None))
                    lines.append(f"{line}: [{md(how)}]({where})" if how else line)
                lines.append("")
        return "\n".join(lines) + "\n"

    def glossary_page(self) -> str:
        lines = ["# Ordlista", ""]
        glossaries = self._datasets(Glossary)
        if not glossaries:
            return "\n".join(lines + ["Ordlistan är inte skriven ännu.", ""])
        glossary = glossaries[0][1]
        doc = self.corpus.by_id.get(glossary.document)
        lines += [f"Begreppen definieras i [{md(doc.meta.title)}]({doc.path})." if doc else "", ""]
        lines += ["| Begrepp | Definition |", "| --- | --- |"]
        for term in sorted(glossary.terms, key=lambda t: t.term.casefold()):
            name = f"[{md(term.term)}]({doc.path}#{term.id})" if doc else md(term.term)
            lines.append(f"| {name} | {md(term.definition)} |")
        return "\n".join(lines) + "\n"

    def changelog_page(self) -> str:
        def comparison(doc_id: str, old: str, new: str) -> str | None:  # the comparisons' stage made it, or not
            page = f"andringar/{doc_id}/v{old}-v{new}.md"
            return page if page in self.extras.pages else None

        return changelog_page(self.documents, self.changelog, lambda doc: doc.path, comparison)

    def generated(self) -> dict[str, str]:
        """src_uri -> Markdown of every page the site has besides the people pages."""
        pages = {doc.path: self.document_page(doc) for doc in self.documents}
        pages.update({"index.md": self.start_page(), "oppna-fragor.md": self.questions_page(),
                      verification.PAGE: verification.overview_page(self.corpus, self.documents),
                      "ordlista.md": self.glossary_page(), "andringslogg.md": self.changelog_page()})
        pages.update(self.extras.pages)
        return pages

    def nav(self, handbook: list | None = None) -> list:
        """The menu; `handbook` the handbook's pages in order (handbook_nav), or only its first page."""
        nav: list = [{"Start": "index.md"}]
        for title, folder in SECTIONS:
            docs = local_groups([d for d in self.documents
                                 if d.path.startswith(folder + "/") and d not in self.decision_bases])
            if docs:
                nav.append({title: docs})
        bases = [{d.meta.short_title or d.meta.title: d.path} for d in self.decision_bases]
        nav.append({"Översikter": [*bases, {"Öppna frågor": "oppna-fragor.md"}, {verification.TITLE: verification.PAGE},
                                   {"Ordlista": "ordlista.md"}, {"Ändringslogg": "andringslogg.md"}, *self.extras.nav]})
        nav.append({"Om arkivet": [{"Handbok": handbook or [f"{HANDBOOK}/index.md"]},
                                   {"Tillgänglighetsredogörelse": "tillganglighet.md"}]})
        return nav


def local_groups(documents: list) -> list:
    """The menu entries of documents: each template's local agreements (source/local.py) under one entry
    with the template's title, a municipality each, where the first of them stands."""
    entries: list = []
    groups: dict[str, list] = {}
    for doc in documents:
        origin = doc.origin
        if origin is None:
            entries.append({doc.meta.short_title or doc.meta.title: doc.path})
            continue
        if origin.template not in groups:
            groups[origin.template] = []
            entries.append({origin.title: groups[origin.template]})
        groups[origin.template].append({origin.party: doc.path})
    return entries


def handbook_nav(pages: dict[str, str]) -> list:
    """The handbook's menu from its pages (src_uri -> Markdown): the fixed ones first, the rest by title."""
    def title(src_uri: str) -> str:
        heading = next((line[2:].strip() for line in pages[src_uri].splitlines() if line.startswith("# ")), None)
        return heading or posixpath.basename(src_uri).removesuffix(".md")

    order = {f"{HANDBOOK}/{name}": number for number, name in enumerate(HANDBOOK_FIRST)}
    ours = [uri for uri in pages if uri.startswith(f"{HANDBOOK}/") and uri.endswith(".md")]
    ours.sort(key=lambda uri: (order.get(uri, len(order)), title(uri).casefold()))
    return [{title(uri): uri} for uri in ours]


class AvtalPluginConfig(Config):
    strict_check = config_options.Type(bool, default=True)
    """Refuse to build when `avtal check` finds errors."""


class _PreviewPage(File):
    """A generated page in the live preview: an incremental build asks it whether to build it again."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class AvtalPlugin(BasePlugin[AvtalPluginConfig]):
    # `avtal build` hands over what it has loaded, checked and rendered, so nothing is done twice.
    preloaded: tuple[Corpus, Changelog | None, dict[str, bytes] | None, Extras | None] | None = None
    # `avtal serve` hands over its Preview (preview.py): the inputs it has prepared (the last corpus
    # without errors), the pages it keeps from the last rebuild; no Word files are made here.
    preview = None

    def on_config(self, config):
        self.root = Path(config.config_file_path).parent
        word = extras = None
        if self.preview is not None:
            prepared = self.preview.prepared
            corpus, self.pages, word = prepared.corpus, prepared.pages, {}
        else:
            if self.preloaded:
                corpus, changelog, word, extras = self.preloaded
            else:
                corpus, changelog = load_corpus(self.root), changelog_if_any(self.root, quiet=True)
                findings = check_corpus(corpus)
                if self.config.strict_check and has_errors(findings):
                    errors = [f for f in findings if f.severity.value == "error"]
                    raise PluginError("avtal check hittade fel; webbplatsen byggs inte.\n"
                                      + render_text(errors) + summary(findings))
            if word is None:
                from ..history.provenance import pin_source_date
                from .word.document import word_files

                pin_source_date(self.root)
                word = word_files(self.root, corpus, changelog)
            if extras is None:
                extras = gather(self.root, corpus, changelog)
                word = {**word, **extras.word}
            self.pages = SitePages(corpus, changelog, set(word), extras)
        self.corpus, self.word = corpus, word
        self.extension = AvtalExtension(corpus, "index.md", site=True)
        config.markdown_extensions.append(self.extension)
        docs_dir = Path(config.docs_dir).name
        site_messages.install(lambda uri: uri if uri in corpus.by_path else f"{docs_dir}/{uri}")
        if config.repo_url and not any({"edit_uri", "edit_uri_template"} & set(c) for c in config.user_configs):
            config.edit_uri = forge_edit_uri(config.repo_url)  # mkdocs' own guess ends in docs/
        return config

    def on_files(self, files: Files, config) -> Files:
        docs_dir = Path(os.path.relpath(config.docs_dir, self.root)).as_posix()
        for file in files.documentation_pages():  # "Föreslå ändring" edits the file in the repository
            file.edit_uri = f"{docs_dir}/{file.src_uri}"
        preview = self.preview
        generated = preview.prepared.generated if preview is not None else self.pages.generated()
        for src_uri, content in generated.items():
            file = (_PreviewPage if preview is not None else File).generated(config, src_uri, content=content)
            if preview is not None:
                file.changed = preview.changed(src_uri)
            if src_uri in self.corpus.by_path:  # a document's page: its own file; other pages have none
                file.edit_uri = src_uri
            files.append(file)
        for name, data in self.word.items():  # the Word files, one click from each page
            files.append(File.generated(config, f"{WORD_FOLDER}/{name}", content=data))
        for path, data in self.pages.extras.site_files.items():  # data for a page's script (decisions/published.py)
            files.append(File.generated(config, path, content=data))
        for image in self.corpus.images.values():  # the images as loading read them, at their own paths
            files.append(File.generated(config, image.path, content=image.data))
        if preview is not None:  # made when downloaded (preview.py); here only so that links resolve
            for name in sorted(self.pages.word_names):
                files.append(File.generated(config, f"{WORD_FOLDER}/{name}", content=b""))
        handbook = {f.src_uri: f.content_string for f in files.documentation_pages()
                    if f.src_uri.startswith(f"{HANDBOOK}/")}
        config.nav = self.pages.nav(handbook_nav(handbook))
        return files

    def on_nav(self, nav, config, files):
        # Material's templates print titles without escaping them (mkdocs' Jinja has no autoescape).
        for item in _nav_items(nav.items):
            if item.title is not None:
                item.title = _title(item.title)
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        # What the page is made of: its Markdown and the HTML that goes into its slot (on_page_content).
        made_of = markdown + self.pages.extras.html.get(page.file.src_uri, "")
        self.kept = self.preview.cached(page.file.src_uri, made_of) if self.preview is not None else None
        if self.kept is not None:
            return ""  # the preview has this page's HTML from the last rebuild: nothing to convert
        self.markdown = made_of
        # The page is rendered right after this event: relative links start from its document.
        self.extension.set_document(page.file.src_uri)
        return markdown

    def on_page_content(self, html, page, config, files):
        if self.kept is not None:
            html, page.toc, page.title, title = self.kept
            if title is not None:
                page.meta["title"] = title
            return html
        if page.title is not None:
            page.title = _title(_page_title_text(page))
        if page.title is not None and not page.is_homepage:  # the start page's <title> is the site's name
            # The theme's <title> strips tags from page.title and unescapes what is left; a title in
            # the page's metadata it prints as it is, so there the escaped title stays escaped.
            # page.title is the menu's (a document's short title); the window and header show the whole.
            doc = self.corpus.by_path.get(page.file.src_uri)
            page.meta["title"] = _title(doc.meta.title) if doc is not None and doc.meta else page.title
        for item in _toc_items(page.toc):
            item.title = inline_text(item.title)
        generated = self.pages.extras.html.get(page.file.src_uri)
        if generated is not None:  # a later stage's finished HTML, put in here and sanitized with the page
            html = html.replace(HTML_SLOT, generated, 1)
        html = clean_page(html)
        if self.preview is not None:
            self.preview.remember(page.file.src_uri, self.markdown, html, page.toc, page.title, page.meta.get("title"))
        return html

    def on_serve(self, server, config, builder):
        for folder in (*CONTENT_FOLDERS, SCHEMA_FOLDER, REMISS_FOLDER):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


def forge_edit_uri(repo_url: str) -> str | None:
    """Where a forge edits a file of the main branch, relative to the repository's address
    (mkdocs.yml: edit_uri, which is read from the repository's root, not from docs_dir)."""
    host = repo_url.split("//", 1)[-1].split("/", 1)[0].lower()
    if "github" in host:
        return "edit/main/"
    if "gitlab" in host:
        return "-/edit/main/"
    return None  # another forge: mkdocs.yml sets edit_uri


def clean_page(html: str) -> str:
    """A page's HTML through the sanitizer; the comments that mark the document's own text stay."""
    parts = re.split(f"({re.escape(TEXT_START)}|{re.escape(TEXT_END)})", html)
    return "".join(part if part in (TEXT_START, TEXT_END) else clean_html(part) for part in parts)


def _page_title_text(page):
    """The page's title as text. A title that mkdocs took from the page's first heading (a page
    outside the menu, such as a comparison) is HTML already, its `&` written `&amp;`: read as text
    here, so that it is escaped once, not twice."""
    title = page.title
    if isinstance(title, Markup) or "title" in page.meta or title is not getattr(page, "_title_from_render", None):
        return title
    return html.unescape(title)


def _title(title) -> Markup:
    """A title as HTML for the theme: text escaped once, and marked so that Jinja does not escape it again."""
    return title if isinstance(title, Markup) else Markup(text_html(str(title)))


def _nav_items(items) -> Iterator:
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


def _toc_items(items) -> Iterator:
    for item in items:
        yield item
        yield from _toc_items(item.children)


def build_site(root: Path, corpus: Corpus, changelog: Changelog | None, site_dir: Path,
               word: dict[str, bytes] | None = None, extras: Extras | None = None) -> None:
    """mkdocs build with the avtal plugin, from a corpus that is already loaded and checked."""

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build
    with site_messages.printed_as_avtal():
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        config.plugins["avtal"].preloaded = (corpus, changelog, word, extras)
        build(config)
