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
    on_page_content    every page's HTML through the allow-list sanitizer (sanitize.py; on a second
                thread, taken back in on_page_context before anything reads it), and its title and
                table of contents as text
    on_page_context    the page's cleaned HTML, and its whole title in its metadata while it is written
    on_serve    watch the sources, so that the live preview follows every save

The pages themselves are built by `SitePages` (site_pages.py), an ordinary class that knows nothing
of mkdocs; the live preview's state between rebuilds is `preview.Preview`.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..findings import has_errors
from ..history.changelog import Changelog, changelog_if_any
from ..rules.check import check_corpus
from ..rules.formats import render_text, summary
from ..source.corpus import Corpus
from ..source.layout import CONTENT_FOLDERS, REMISS_FOLDER, SCHEMA_FOLDER
from ..source.load import load_corpus
from . import site_messages, theme
from .contributions import HTML_SLOT, Extras, gather
from .headings import TEXT_END, TEXT_START
from .markup import AvtalExtension
from .sanitize import clean_html, inline_text, text_html
from .site_pages import HANDBOOK, WORD_FOLDER, SitePages, handbook_nav

__all__ = ["HANDBOOK", "WORD_FOLDER", "AvtalPlugin", "SitePages", "build_site", "clean_page", "handbook_nav"]


class AvtalPluginConfig(Config):
    strict_check = config_options.Type(bool, default=True)
    """Refuse to build when `avtal check` finds errors."""


class _PreviewPage(File):
    """A generated page in the live preview: an incremental build asks it whether to build it again."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class _UnreadyPage(File):
    """A page a later stage is still making (a comparison, in its worker: Extras.unready): its Markdown
    is waited for when mkdocs reads it, so that the workers make it while mkdocs renders the pages
    before it (the comparisons come last)."""

    extras: Extras

    @property
    def content_string(self) -> str:
        self.extras.ready()
        return self.extras.pages[self.src_uri]

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")


class AvtalPlugin(BasePlugin[AvtalPluginConfig]):
    # `avtal build` hands over what it has loaded, checked and rendered, so nothing is done twice.
    preloaded: tuple[Corpus, Changelog | None, dict[str, bytes] | None, Extras | None] | None = None
    # `avtal serve` hands over its Preview (preview.py): the inputs it has prepared (the last corpus
    # without errors), the pages it keeps from the last rebuild; no Word files are made here.
    preview = None

    def on_config(self, config):
        self.window_titles: dict[str, Markup] = {}  # src_uri -> the page's whole title (on_page_context)
        self.cleaning = _CleanedLater()
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
        theme.install(config)
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
        unready = self.pages.extras.unready if preview is None else set()
        for src_uri, content in generated.items():
            kind = _PreviewPage if preview is not None else _UnreadyPage if src_uri in unready else File
            file = kind.generated(config, src_uri, content=content)
            if src_uri in unready:
                file.extras = self.pages.extras
            if preview is not None:
                file.changed = preview.changed(src_uri)
            if src_uri in self.corpus.by_path:  # a document's page: its own file; other pages have none
                file.edit_uri = src_uri
            files.append(file)
        theme.add_files(files, config, self.root)  # the handbook, style sheet and scripts (theme.py)
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
        self.kept = None
        if self.preview is not None:
            # What the page is made of: its Markdown and the HTML that goes into its slot (on_page_content).
            self.markdown = markdown + self.pages.extras.html.get(page.file.src_uri, "")
            self.kept = self.preview.cached(page.file.src_uri, self.markdown)
            if self.kept is not None:
                return ""  # the preview has this page's HTML from the last rebuild: nothing to convert
        # The page is rendered right after this event: relative links start from its document.
        self.extension.set_document(page.file.src_uri)
        return markdown

    def on_page_content(self, html, page, config, files):
        if self.kept is not None:
            html, page.toc, page.title, title = self.kept
            self._window_title(page, title)
            return html
        if page.title is not None:
            page.title = _title(_page_title_text(page))
        title = None
        if page.title is not None and not page.is_homepage:  # the start page's <title> is the site's name
            # The theme's <title> strips tags from page.title and unescapes what is left; a title in
            # the page's metadata it prints as it is, so there the escaped title stays escaped.
            # page.title is the menu's (a document's short title); the window and header show the whole.
            doc = self.corpus.by_path.get(page.file.src_uri)
            title = _title(doc.meta.title) if doc is not None and doc.meta else page.title
        self._window_title(page, title)
        for item in _toc_items(page.toc):
            item.title = inline_text(item.title)
        generated = self.pages.extras.html.get(page.file.src_uri)
        if generated is not None:  # a later stage's finished HTML, put in here and sanitized with the page
            html = html.replace(HTML_SLOT, generated, 1)
        if self.preview is None:
            return self.cleaning.submit(page.file.src_uri, html)  # cleaned by the time it is written (on_page_context)
        html = clean_page(html)
        self.preview.remember(page.file.src_uri, self.markdown, html, page.toc, page.title, title)
        return html

    def _window_title(self, page, title) -> None:
        """The title for the page's metadata (on_page_context puts it there while the page is written)."""
        if title is not None:
            self.window_titles[page.file.src_uri] = title
        else:
            self.window_titles.pop(page.file.src_uri, None)

    # The title stands in the page's metadata only while its own page is written (the <title>, the header and
    # the search index read it there): the theme's menu asks every entry's metadata for an icon, a subtitle
    # and a status on every page, and an empty metadata answers at once (with a hundred documents, a fifth of
    # the theme's time).
    @event_priority(50)  # before the search plugin's on_page_context, which reads the title and the HTML
    def on_page_context(self, context, page, config, nav):
        if self.preview is None:  # the preview cleans each page as it converts it (on_page_content)
            page.content = self.cleaning.result(page.file.src_uri, page.content)
        title = self.window_titles.get(page.file.src_uri)
        if title is not None:
            page.meta["title"] = title
        return context

    def on_post_page(self, output, page, config):
        if page.file.src_uri in self.window_titles:
            page.meta.pop("title", None)
        return output

    def on_post_build(self, config):
        self.cleaning.close()

    def on_build_error(self, error):
        self.cleaning.close()

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


class _CleanedLater:
    """The pages' HTML through clean_page on a second thread, while mkdocs converts the next pages: nh3 lets
    go of the interpreter's lock while it cleans, so that on a machine with two cores the sanitizer costs the
    build almost no time. mkdocs converts every page before it writes the first; the HTML a page hands on
    (on_page_content) is taken back before anything reads it (on_page_context, before search and the
    theme), as its cleaned form, or, if a later plugin has changed it meanwhile, cleaned again here."""

    def __init__(self):
        self.pending: dict[str, tuple[str, Future]] = {}
        self.pool: ThreadPoolExecutor | None = None

    def submit(self, key: str, html: str) -> str:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(1, thread_name_prefix="avtal-sanitize")
        self.pending[key] = (html, self.pool.submit(clean_page, html))
        return html

    def result(self, key: str, html: str) -> str:
        submitted, cleaned = self.pending.pop(key, (None, None))
        return cleaned.result() if cleaned is not None and html is submitted else clean_page(html)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        self.pool, self.pending = None, {}


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

    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build
    # What is loaded already (the corpus, the change logs, the Word files, the modules) lives through the
    # whole build: set aside from garbage collection, so that each full collection mkdocs' work sets off
    # does not walk it again (without this, a twentieth of the site's time).
    gc.freeze()
    try:
        with site_messages.printed_as_avtal():
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
            config.plugins["avtal"].preloaded = (corpus, changelog, word, extras)
            build(config)
    finally:
        gc.unfreeze()
