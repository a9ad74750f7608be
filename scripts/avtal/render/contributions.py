"""What the stages after render add to the build and the site, without render importing them.

A later stage (compare/, and later ones such as decisions/ or remiss/) names a function in the
entry-point group `avtal.outputs` (pyproject.toml), as mkdocs finds its plugins. `gather` calls each
with the repository, the corpus and the change logs, and merges what they return: Word files for
build/docx/ and the site, and pages, links and navigation for the site. `avtal build`, `avtal serve`
and a plain `mkdocs build` all gather the same way, so they give the same site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

GROUP = "avtal.outputs"
HTML_SLOT = "<!-- avtal-html -->"


@dataclass
class Extras:
    word: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes, beside the documents' Word files
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown of a generated page
    # src_uri -> HTML that takes the place of the page's HTML_SLOT once Markdown has run (site.py), where
    # it is sanitized with the rest of the page: a large finished block Markdown need not parse again.
    html: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)  # entries under "Översikter"
    document_links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # doc id -> [(label, src_uri)]
    version_links: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc id, version) -> src_uri
    files: dict[str, bytes] = field(default_factory=dict)  # path in the build (not the site) -> bytes
    site_files: dict[str, bytes] = field(default_factory=dict)  # path on the site -> bytes (data a page's script reads)
    notices: list[str] = field(default_factory=list)  # Markdown blocks for the start page (an open remiss round)
    # Word files still being made (the comparisons', in worker processes): each callable waits for its
    # files and returns them. `avtal build` collects them after the site, whose build has one core
    # busy, so they are made on the others meanwhile; everything else gathers with wait=True.
    pending: list = field(default_factory=list)
    # Pages still being made (the comparisons', in the same worker processes, before their Word files):
    # named in `pages` with empty Markdown and in `unready`; each callable in `making` waits for some
    # and returns them (pages and html). The site reads such a page when mkdocs renders it (site.py),
    # so the workers make them while mkdocs renders the others; `ready` waits for them all.
    unready: set[str] = field(default_factory=set)
    making: list = field(default_factory=list)

    def ready(self) -> None:
        while self.making:
            made = self.making.pop(0)()
            self.pages.update(made.pages)
            self.html.update(made.html)
        self.unready.clear()

    def finish(self) -> dict[str, bytes]:
        """Wait for the unready pages, then the pending Word files; these join `word`, and are returned."""
        self.ready()
        done: dict[str, bytes] = {}
        while self.pending:
            done.update(self.pending.pop(0)())
        self.word.update(done)
        return done

    def merge(self, other: Extras) -> None:
        self.word.update(other.word)
        self.pages.update(other.pages)
        self.html.update(other.html)
        self.nav += other.nav
        for doc_id, links in other.document_links.items():
            self.document_links.setdefault(doc_id, []).extend(links)
        self.version_links.update(other.version_links)
        self.files.update(other.files)
        self.site_files.update(other.site_files)
        self.notices += other.notices
        self.pending += other.pending
        self.unready |= other.unready
        self.making += other.making


def gather(root: Path, corpus, changelog, wait: bool = True) -> Extras:
    """Everything the installed later stages contribute, in the order of their names; with wait=False,
    some Word files may still be pending (Extras.finish collects them)."""
    from importlib.metadata import entry_points

    extras = Extras()
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        extras.merge(entry.load()(root, corpus, changelog))
    if wait:
        extras.finish()
    return extras
