"""The site's pages as Markdown, from the Corpus and the change logs: a document's page, the start
page, the open questions, the glossary, the change log and the menu. `SitePages` knows nothing of
mkdocs; the plugin (site.py) hands its pages to mkdocs as generated files.
"""

from __future__ import annotations

import posixpath
from html import escape

from ..dates import swedish_date
from ..history.changelog import Changelog, DocumentLog
from ..source.corpus import Corpus, Document, menu_order
from ..source.klarsprak import lix, lix_band
from ..source.models.common import quarter_bounds
from ..source.models.data import Glossary, Milestones, RiskRegister
from ..source.models.vocabulary import AGREEMENT, ANNEX, DECISION_BASIS
from ..text import count
from ..text import markdown_text as md
from . import verification
from .changelog_page import changelog_page, version_anchor
from .choices import settlements
from .contributions import Extras
from .datatables import risk_level
from .headings import TEXT_END, TEXT_START
from .markup import question_id

SECTIONS = [("Överenskommelsen", "agreement"), ("Bilagor", "annexes"), ("Planer", "plans")]
STATUS_LABEL = {"utkast": "Utkast", "remiss": "Remissversion", "beslutad": "Beslutad", "upphävd": "Upphävd"}
BANNER = {
    "utkast": ("warning", "Arbetsutkast", "Texten är ett utkast under arbete. Inget i den är beslutat."),
    "remiss": ("info", "Remissversion", "Texten är skickad på remiss till parterna. Den är inte beslutad."),
    "upphävd": ("danger", "Upphävd", "Dokumentet gäller inte längre."),
}
WORD_FOLDER = "word"
# The handbook: every page under handbok/ (render/site_files/pages/handbok/, the site's docs_dir, the
# generated ones) is in its menu, without a list to keep: the way in and the roles' pages first in this order, then the other
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
        readability = lix(doc.prose)
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
