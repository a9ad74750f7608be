"""The site's files that every agreement shares, bundled with avtal (render/site_files/).

    site_files/pages/      pages and assets added to every site at their own paths: the handbook
                           (handbok/, written by people; the plugin adds the commands and the codes),
                           the style sheet (stylesheets/avtal.css) and the scripts (javascripts/)
    site_files/overrides/  templates over Material's own (partials/actions.html, "Föreslå ändring")

They belong to the tool, not to one agreement: a new repository (`avtal init`) gets them from the
installed package, and a fix reaches every agreement with the next version of avtal instead of
being copied into each repository. A repository that wants its own version of one of them puts a
file at the same path in its docs_dir (or its theme's custom_dir): its own file wins.

The style sheet and the scripts are added to mkdocs.yml's extra_css and extra_javascript here, so a
site's settings need not list them.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, Files

FOLDER = Path(__file__).with_name("site_files")
PAGES = FOLDER / "pages"
OVERRIDES = FOLDER / "overrides"
STYLESHEETS = ["stylesheets/avtal.css"]
# fingeravtryck.js: a Word file's text fingerprint (handbok/fingeravtryck.md); kontrollera.js: the
# page "Kontrollera en fil" (avtal.decisions).
SCRIPTS = ["javascripts/avtal.js", "javascripts/fingeravtryck.js", "javascripts/kontrollera.js"]


def bundled_uris() -> list[str]:
    """Every bundled page and asset, as its path on the site."""
    return sorted(p.relative_to(PAGES).as_posix() for p in PAGES.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def install(config) -> None:
    """Put the overrides under the site's own custom_dir and above Material's, and link the assets."""
    dirs = config.theme.dirs
    if str(OVERRIDES) not in dirs:
        # theme.dirs: custom_dir first (when set), then the theme's own folders.
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
    for uri in STYLESHEETS:
        if uri not in config.extra_css:
            config.extra_css.append(uri)
    listed = {str(script) for script in config.extra_javascript}
    for uri in SCRIPTS:
        if uri not in listed:
            config.extra_javascript.append(uri)


def add_files(files: Files, config, root: Path) -> None:
    """Add each bundled file the site does not have a file of its own for.

    A bundled page edits its own file when the tool lives in the repository (this one) and has no
    "Föreslå ändring" otherwise: it is not the agreement's to change.
    """
    inside = PAGES.resolve().is_relative_to(root.resolve())
    for uri in bundled_uris():
        if files.get_file_from_path(uri) is not None:
            continue
        file = File(uri, str(PAGES), config.site_dir, config.use_directory_urls)
        file.edit_uri = Path(os.path.relpath(PAGES / uri, root)).as_posix() if inside else None
        files.append(file)
