"""`avtal serve`: the live preview, on mkdocs' own livereload server with the avtal plugin.

    serve(root, host, port)
      ├─ Preview                 what is kept from one rebuild to the next (it knows nothing of the server)
      │    ├─ prepare()          load and check; the pages show the last corpus without errors
      │    ├─ incremental        whether only the pages whose Markdown changed need building again
      │    ├─ cached/remember    a page's HTML, kept while its Markdown and what it shows stay the same
      │    ├─ banner()           the findings of the text being written, for the top of every page
      │    ├─ search index       the entries of the pages not built again, kept
      │    └─ word_file(name)    a document's Word file, made when it is downloaded
      ├─ BackgroundExtras        the later stages' pages and Word files, in a background process
      │                          (preview_extras.py); the theme's templates compiled once (TemplateCache)
      ├─ _Builder                one rebuild; it never raises (mkdocs' server would hold every request
      │                          until a build succeeded), and says one Swedish line
      └─ word_and_banner         WSGI: word/*.docx from Preview.word_file; the banner into each page
                                 (preview_http.py, with QuietServer: the server's lines left out)

The plugin (site.py) takes the prepared inputs from the Preview instead of loading and refusing to
build. A rebuild after an edit of a document's text builds that page (and the generated pages that
changed with it) and keeps the rest; anything else (metadata, data, titles, the menu) builds all pages,
with each page's HTML kept while its Markdown is the same. The theme's templates are compiled once.
mkdocs' own log lines, in English, are left out; its link warnings come in Swedish (site_messages).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..findings import Finding, Severity
from ..source.corpus import Corpus
from .contributions import Extras
from .preview_extras import BackgroundExtras, TemplateCache
from .preview_http import QuietServer, word_and_banner
from .sanitize import clean_html

SHOWN_FINDINGS = 20  # in the banner; the terminal has them all


@dataclass
class Prepared:
    """What one rebuild shows: the site's inputs, its generated pages and its menu."""

    corpus: Corpus
    changelog: object | None
    extras: Extras
    word_names: set[str]
    pages: object  # site.SitePages
    generated: dict[str, str]  # src_uri -> Markdown
    nav: list
    context: str  # what every page's HTML depends on besides its own Markdown (see _context)


@dataclass
class Preview:
    """The live preview's state between rebuilds."""

    root: Path
    findings: list[Finding] = field(default_factory=list)  # of the last load
    good: Corpus | None = None  # the last corpus without errors: what the pages show
    changelog: object | None = None  # its change logs
    extras: Extras = field(default_factory=Extras)  # from the background process
    prepared: Prepared | None = None
    built: dict[str, tuple] = field(default_factory=dict)  # src_uri -> (Markdown, slot HTML) the served page was built from
    built_context: str | None = None
    built_nav: list | None = None
    rendered: int = 0  # pages converted from Markdown in the last rebuild

    def __post_init__(self):
        self._lock = threading.Lock()
        self._word: dict[str, bytes] = {}  # Word files made on request, for the current good corpus
        self._pages: dict[str, tuple] = {}  # src_uri -> (key, html, toc, title, meta title)
        self.templates = TemplateCache(self.root)
        self.search: dict[str, list] = {}  # page URL -> its entries in the search index

    # -- One rebuild's inputs -------------------------------------------------------------------

    def prepare(self) -> Prepared:
        """Load and check. Never raises for anything in the documents: with errors, the last corpus
        without them is shown (or, before there was one, a site without documents)."""
        from ..history.changelog import changelog_if_any
        from ..rules.check import check_corpus
        from ..source.load import load_corpus
        from .site import SitePages

        corpus = load_corpus(self.root)
        self.findings = check_corpus(corpus)
        if not self.errors:
            changelog = changelog_if_any(self.root, quiet=True)
            with self._lock:
                self.good, self.changelog = corpus, changelog
                self._word.clear()
        shown = self.good or Corpus(self.root, None)
        extras = self.extras
        names = _word_names(shown) | set(extras.word)
        pages = SitePages(shown, self.changelog if self.good else None, names, extras)
        self.prepared = Prepared(shown, self.changelog if self.good else None, extras, names, pages,
                                 pages.generated(), pages.nav(), _context(self.root, shown))
        self.rendered = 0
        return self.prepared

    @property
    def incremental(self) -> bool:
        """Whether only the pages whose Markdown changed need building: the menu, the set of pages and
        everything the pages show from the rest of the corpus are as when they were last built."""
        prepared = self.prepared
        return (self.built_nav is not None and prepared.nav == self.built_nav
                and prepared.context == self.built_context and set(prepared.generated) == set(self.built))

    def changed(self, src_uri: str) -> bool:
        """Whether a generated page's Markdown (or the HTML for its slot) differs from the one its served
        page was built from."""
        return self._made_of(src_uri) != self.built.get(src_uri)

    def _made_of(self, src_uri: str) -> tuple | None:
        markdown = self.prepared.generated.get(src_uri)
        return None if markdown is None else (markdown, self.prepared.extras.html.get(src_uri))

    def built_all(self) -> None:
        """The rebuild is served: what it was built from is what later ones compare with."""
        self.built = {src_uri: self._made_of(src_uri) for src_uri in self.prepared.generated}
        self.built_context, self.built_nav = self.prepared.context, self.prepared.nav

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def text(self) -> str:
        """A fingerprint of the shown corpus with its documents' text: what the comparisons depend on."""
        prepared = self.prepared
        bodies = (d.body_text for d in prepared.corpus.documents)
        return hashlib.sha256("\0".join([prepared.context, *bodies]).encode()).hexdigest()

    # -- What people see --------------------------------------------------------------------------

    def banner(self) -> str:
        """The findings of a corpus with errors, sanitized, for the top of every page; "" without errors."""
        errors = self.errors
        if not errors:
            return ""
        shown = "".join(f"<li><code>{escape(f'{f.path}:{f.line}:{f.column}')}</code> {escape(f.code)} "
                        f"{escape(f.message)}</li>" for f in errors[:SHOWN_FINDINGS])
        more = f"<p>… och {len(errors) - SHOWN_FINDINGS} fel till; alla står i terminalen.</p>" \
            if len(errors) > SHOWN_FINDINGS else ""
        what = ("Sidorna visar den senaste versionen utan fel. Rätta felen, så visas ändringarna; sidan laddas om "
                "av sig själv." if self.good else "Dokumenten visas när felen är rättade; sidan laddas om av sig själv.")
        count = f"{len(errors)} fel" if len(errors) > 1 else "ett fel"
        return clean_html(f'<div class="admonition failure avtal-preview-errors">'
                          f'<p class="admonition-title">avtal check hittade {count}</p><p>{what}</p>'
                          f"<ul>{shown}</ul>{more}</div>")

    def line(self, seconds: float, first: bool = False) -> str:
        """The terminal's line for one rebuild: `Byggt om på 0,4 s: 0 fel, 2 varningar`."""
        errors = len(self.errors)
        warnings = sum(1 for f in self.findings if f.severity is Severity.WARNING)
        counts = f"{errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"
        shown = "; sidorna visar den senaste versionen utan fel" if errors and self.good else ""
        built = "Byggt" if first else "Byggt om"
        return f"{built} på {seconds:.1f} s: {counts}{shown}".replace(".", ",", 1)

    # -- Pages kept from one rebuild to the next -------------------------------------------------------

    def cached(self, src_uri: str, markdown: str) -> tuple | None:
        """A page's finished HTML, table of contents and titles, when neither its Markdown nor anything
        it shows from the rest of the corpus (data, metadata, vocabularies, mkdocs.yml) has changed."""
        kept = self._pages.get(src_uri)
        return kept[1:] if kept and kept[0] == self._key(markdown) else None

    def remember(self, src_uri: str, markdown: str, *values) -> None:
        self._pages[src_uri] = (self._key(markdown), *values)
        self.rendered += 1

    def _key(self, markdown: str) -> str:
        context = self.prepared.context if self.prepared else ""
        return hashlib.sha256(f"{context}\0{markdown}".encode()).hexdigest()

    def search_index(self, written: Path, incremental: bool) -> None:
        """The search index of an incremental build has only the pages built again; the others' entries
        are put back, so that the preview's search finds every page."""
        if not written.is_file():
            return
        index = json.loads(written.read_text(encoding="utf-8"))
        fresh: dict[str, list] = {}
        for entry in index.get("docs", []):
            fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        self.search = {**self.search, **fresh} if incremental else fresh
        if incremental:
            index["docs"] = [entry for entries in self.search.values() for entry in entries]
            written.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")

    # -- Word files, made when they are downloaded ------------------------------------------------

    def word_file(self, name: str) -> bytes | None:
        """The Word file `name` as the build would make it, or None for a name the site does not link."""
        with self._lock:
            good, changelog = self.good, self.changelog
            data = self._word.get(name) or self.extras.word.get(name)
        if data is not None or good is None:
            return data
        from .word.document import DocxRenderer, docx_name

        documents = {docx_name(d): d for d in good.documents if d.meta}
        packages = {_package_name(d): d for d in good.documents if d.meta and d.meta.type == "överenskommelse"}
        if name not in documents and name not in packages:
            return None
        renderer = DocxRenderer(self.root, good, changelog)
        if name in documents:
            data = renderer.document(documents[name])
        else:
            agreement = packages[name]
            annexes = sorted((d for d in good.documents if d.meta and d.meta.annex_of == agreement.meta.id),
                             key=lambda d: d.meta.annex_number or 0)
            data = renderer.decision_package(agreement, annexes)
        with self._lock:
            if self.good is good:
                self._word[name] = data
        return data


def _package_name(doc) -> str:
    return f"beslutspaket_{doc.meta.id}_v{doc.meta.version}.docx"  # as word_files names it


def _word_names(corpus: Corpus) -> set[str]:
    names = {f"{d.meta.id}_v{d.meta.version}.docx" for d in corpus.documents if d.meta}
    return names | {_package_name(d) for d in corpus.documents if d.meta and d.meta.type == "överenskommelse"}


def _context(root: Path, corpus: Corpus) -> str:
    """A fingerprint of what a page's HTML depends on besides its Markdown: every document's metadata
    and path (titles, dates, links), the data (tables, terms and their definitions), the vocabularies
    and mkdocs.yml (the Markdown extensions)."""
    digest = hashlib.sha256()
    config = root / "mkdocs.yml"
    digest.update(config.read_bytes() if config.is_file() else b"")
    digest.update((corpus.vocabulary.model_dump_json() if corpus.vocabulary else "").encode())
    for doc in corpus.documents:
        digest.update(f"\0{doc.path}\0{doc.meta.model_dump_json() if doc.meta else ''}".encode())
    for dataset in corpus.datasets:
        digest.update(f"\0{dataset.path}\0{dataset.text}".encode())
    return digest.hexdigest()


# -- The server -------------------------------------------------------------------------------------


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the site at http://host:port/, rebuilt on every save, until Ctrl+C."""
    from mkdocs.livereload import LiveReloadServer

    from ..history.provenance import pin_source_date
    from . import site_messages
    from .ports import socket_problem

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build
    pin_source_date(root)
    state = Path(tempfile.mkdtemp(prefix="avtal-serve-"))
    preview = Preview(root)
    extras = BackgroundExtras(root, state / "klar", lambda extras: setattr(preview, "extras", extras))
    extras.ready.write_text("", encoding="utf-8")
    builder = _Builder(root, preview, extras, state, f"http://{host}:{port}/")

    class _PreviewServer(LiveReloadServer):
        def server_activate(self):
            super().server_activate()
            print(f"Förhandsvisningen finns på {self.url} (avsluta med Ctrl+C).", flush=True)

    signal.signal(signal.SIGTERM, _interrupt)  # stopped by another program: shut down as on Ctrl+C
    with site_messages.printed_as_avtal(only=QuietServer()):
        try:
            config = builder(first=True)
            server = _PreviewServer(builder=builder, host=host, port=port, root=str(builder.site),
                                    polling_interval=0.1)
            server.set_app(word_and_banner(server.serve_request, preview.word_file, preview.banner))
            server.watch(config.docs_dir)
            server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)  # the sources
            server.watch(str(extras.ready))
            extras.refresh()
            try:
                server.serve()
            except KeyboardInterrupt:
                print("Förhandsvisningen avslutades.", flush=True)
            except OSError as error:
                print(socket_problem(host, port, error), file=sys.stderr, flush=True)
                return 2
            finally:
                server.shutdown()
        finally:
            extras.close()
            shutil.rmtree(state, ignore_errors=True)
    return 0


class _Builder:
    """One rebuild. An incremental one builds into the served folder; a whole one into a fresh folder,
    which replaces the served one only when it is complete. It never raises."""

    def __init__(self, root: Path, preview: Preview, extras: BackgroundExtras, state: Path, url: str):
        self.root, self.preview, self.extras, self.state, self.url = root, preview, extras, state, url
        self.site = state / "site"
        self.asked_text: str | None = None  # the corpus the comparisons were last asked for

    def __call__(self, first: bool = False):
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        started = time.perf_counter()
        preview = self.preview
        try:
            preview.prepare()
            incremental = preview.incremental and self.site.is_dir()
            target = self.site if incremental else self.state / "bygge"
            if not incremental:
                shutil.rmtree(target, ignore_errors=True)
            config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(target))
            config.site_url = self.url
            config.plugins["avtal"].preview = preview
            config.theme.get_env = preview.templates.environments(config.theme.get_env)
            build(config, serve_url=self.url, dirty=incremental)
            preview.search_index(target / "search" / "search_index.json", incremental)
            if not incremental:
                self._swap(target)
            preview.built_all()
        except Exception as error:  # noqa: BLE001 (a bug, not the documents: say so, keep what is served)
            if first:
                raise
            print(f"avtal: internt fel i förhandsvisningen ({type(error).__name__}: {error}); sidorna från förra "
                  "bygget visas. Det är ett fel i verktyget, inte i dokumenten.", file=sys.stderr, flush=True)
            return None
        if preview.errors:
            from ..rules.formats import render_text

            sys.stdout.write(render_text(preview.errors))
        print(preview.line(time.perf_counter() - started, first), flush=True)
        text = preview.text() if preview.good else None
        if not first and text is not None and text != self.asked_text:
            self.extras.refresh()  # the comparisons follow the text, in the background
        self.asked_text = text if text is not None else self.asked_text
        return config

    def _swap(self, built: Path) -> None:
        old = self.state / "forra"
        shutil.rmtree(old, ignore_errors=True)
        if self.site.exists():
            self.site.rename(old)
        built.rename(self.site)
        shutil.rmtree(old, ignore_errors=True)
