"""The files every site shares come with the tool (render/theme.py), and a repository's own file wins."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.files import File, Files

from avtal.render import theme
from conftest import REPO_ROOT


def _config(tmp_path, custom_dir=None):
    dirs = ([custom_dir] if custom_dir else []) + ["/material", "/mkdocs"]
    return SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True, extra_css=[],
                           extra_javascript=["javascripts/avtal.js"],
                           theme=SimpleNamespace(custom_dir=custom_dir, dirs=dirs))


def test_the_handbook_style_sheet_and_scripts_are_bundled():
    uris = theme.bundled_uris()
    assert {"handbok/index.md", "handbok/skriva.md", *theme.STYLESHEETS, *theme.SCRIPTS} <= set(uris)
    assert not [u for u in uris if u.endswith(".pyc")]


def test_a_repositorys_own_file_wins_and_bundled_pages_edit_the_tools_file_only_here(tmp_path):
    config = _config(tmp_path)
    docs = tmp_path / "webbplats"
    (docs / "handbok").mkdir(parents=True)
    (docs / "handbok" / "skriva.md").write_text("# Vår egen\n", encoding="utf-8")
    own = File("handbok/skriva.md", str(docs), config.site_dir, True)
    files = Files([own])
    theme.add_files(files, config, tmp_path)
    assert files.get_file_from_path("handbok/skriva.md") is own
    granska = files.get_file_from_path("handbok/granska.md")
    assert granska is not None and granska.edit_uri is None  # the installed tool's page: not this agreement's
    here = Files([])
    theme.add_files(here, config, REPO_ROOT)  # the tool lives in this repository: its page is editable here
    assert here.get_file_from_path("handbok/granska.md").edit_uri == \
        "scripts/avtal/render/site_files/pages/handbok/granska.md"


def test_the_overrides_go_under_the_sites_own_templates_and_each_asset_is_linked_once(tmp_path):
    config = _config(tmp_path, custom_dir="/repo/mallar")
    theme.install(config)
    theme.install(config)  # the live preview loads the configuration again
    assert config.theme.dirs == ["/repo/mallar", str(theme.OVERRIDES), "/material", "/mkdocs"]
    assert config.extra_css == theme.STYLESHEETS
    assert config.extra_javascript == theme.SCRIPTS
    plain = _config(tmp_path)
    theme.install(plain)
    assert plain.theme.dirs[0] == str(theme.OVERRIDES)
