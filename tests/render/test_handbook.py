"""The handbook on the site: reachable from the start page, every page in its menu, every command and
flag documented once (generated from the parser), every code with --explain's text; the README short."""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from avtal.cli import parser
from avtal.codes import CODES
from avtal.handbook import CODES_PAGE, COMMANDS_PAGE, ROOT_FLAG, codes_page, commands_page
from avtal.render import theme
from avtal.render.site import HANDBOOK, handbook_nav
from conftest import REPO_ROOT

HANDBOOK_DIR = theme.PAGES / HANDBOOK
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

pytestmark = [pytest.mark.slow]  # builds a whole site or every redline: left out of make test-fast


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """This repository's site, built by mkdocs with the avtal plugin."""
    out = tmp_path_factory.mktemp("handbook") / "site"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(out)], cwd=REPO_ROOT,
                          capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    return out


def _links(page: str) -> set[str]:
    return {html.unescape(href) for href in re.findall(r'<a [^>]*href="([^"#]*)[#"]', page)}


def _page_url(src_uri: str) -> str:
    """The URL mkdocs gives a page (use_directory_urls), relative to the site's root."""
    path = src_uri.removesuffix(".md")
    return "" if path == "index" else path.removesuffix("/index") + "/"


def test_readme_is_short():
    assert len((REPO_ROOT / "README.md").read_text("utf-8").splitlines()) < 200


def test_the_handbook_is_one_click_from_the_start_page(site):
    start = (site / "index.html").read_text("utf-8")
    assert "handbok/" in _links(start)
    # ... in the text of the page, not only in the menu
    content = start.split('<article class="md-content__inner md-typeset">', 1)[1]
    assert 'href="handbok/"' in content


def test_every_handbook_page_is_in_the_menu_of_the_handbooks_first_page(site):
    pages = {p.relative_to(HANDBOOK_DIR.parent).as_posix() for p in HANDBOOK_DIR.rglob("*.md")}
    pages |= {COMMANDS_PAGE, CODES_PAGE}
    assert len(pages) >= 8
    first = (site / "handbok" / "index.html").read_text("utf-8")
    linked = {(Path("handbok") / link).as_posix() for link in _links(first)}
    reachable = {os.path.normpath(link) + "/" for link in linked}
    for src_uri in pages:
        assert (site / _page_url(src_uri) / "index.html").is_file(), src_uri
        assert _page_url(src_uri) in reachable | {"handbok/"}, f"{src_uri} is not in the handbook's menu"


def test_a_new_page_joins_the_menu_without_a_list():
    pages = {"handbok/index.md": "# Handbok\n", "handbok/skriva.md": "# Skriva\n",
             "handbok/zeta.md": "Text utan rubrik\n", "handbok/ny-sida.md": "# Alfa, en ny sida\n\nText.\n",
             "tillganglighet.md": "# Inte i handboken\n"}
    assert handbook_nav(pages) == [{"Handbok": "handbok/index.md"}, {"Skriva": "handbok/skriva.md"},
                                   {"Alfa, en ny sida": "handbok/ny-sida.md"}, {"zeta": "handbok/zeta.md"}]


def _commands(main: argparse.ArgumentParser, prefix: str = "") -> dict[str, argparse.ArgumentParser]:
    found = {}
    for action in main._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[prefix + name] = sub
                found.update(_commands(sub, prefix + name + " "))
    return found


def _sections(markdown: str) -> dict[str, str]:
    """Heading "avtal NAME" -> the text up to the next heading of a command."""
    parts = re.split(r"^#{2,3} avtal (.+?) \{#[^}]+\}$", markdown, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_and_flag_is_in_the_reference_exactly_once():
    page = commands_page()
    sections = _sections(page)
    commands = _commands(parser())
    assert set(sections) == set(commands)
    everywhere = page.split("## avtal", 1)[0]  # the flags every command has
    assert everywhere.count(f"`{ROOT_FLAG} ") == 1 and page.count(f"`{ROOT_FLAG} ") == 1
    for name, sub in commands.items():
        rows = [line for line in sections[name].splitlines() if line.startswith("| `")]
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction) or ROOT_FLAG in action.option_strings:
                continue
            names = action.option_strings or [action.metavar or action.dest]
            for option in names:
                hits = [row for row in rows if re.search(rf"`{re.escape(option)}[` ]", row)]
                assert len(hits) == 1, (name, option, hits)
            assert action.help and html.escape(action.help.split(" (")[0][:20], quote=False) in page.replace("\\", "")


def test_commands_are_not_documented_a_second_time():
    """The handbook's reference is the only table of commands: README and the written pages refer to it."""
    texts = {p.name: p.read_text("utf-8") for p in HANDBOOK_DIR.rglob("*.md")}
    texts["README.md"] = (REPO_ROOT / "README.md").read_text("utf-8")
    texts["scripts/avtal/README.md"] = (REPO_ROOT / "scripts" / "avtal" / "README.md").read_text("utf-8")
    for name, text in texts.items():
        assert not re.search(r"^\| `(avtal |--|-o)", text, flags=re.M), f"{name} has a table of commands or flags"


def test_every_code_is_explained_as_explain_prints_it():
    page = codes_page()
    for code in CODES.values():
        title, help_text = code.explain().split("\n\n", 1)
        assert page.count(f"{{#{code.code.lower()}}}") == 1
        assert help_text in page
    done = subprocess.run([sys.executable, "-m", "avtal", "check", "--explain", "AV104"], capture_output=True,
                          text=True, cwd=REPO_ROOT)
    title, help_text = done.stdout.strip().split("\n\n", 1)
    assert f"### {title} {{#av104}}" in page and help_text in page


def test_the_codes_page_on_the_site_has_every_code(site):
    page = (site / "handbok" / "koderna" / "index.html").read_text("utf-8")
    assert sorted(re.findall(r'<h3 id="(av\d{3})"', page)) == sorted(code.lower() for code in CODES)


def test_pictures_are_small_local_pngs():
    """Every picture a handbook page shows is a PNG in render/site_files/pages/handbok/bilder/, kept small."""
    shown = set()
    for page in HANDBOOK_DIR.rglob("*.md"):
        text = re.sub(r"^```.*?^```", "", page.read_text("utf-8"), flags=re.M | re.S)  # examples are not shown
        for target in re.findall(r"!\[[^\]]+\]\(([^)\s]+)\)", text):
            picture = (page.parent / target).resolve()
            assert picture.parent == (HANDBOOK_DIR / "bilder").resolve() and picture.suffix == ".png", target
            assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size < 150_000, target
            shown.add(picture.name)
    assert len(shown) >= 3


def test_no_page_asks_for_fonts_from_another_host(site):
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page
