"""The website: real `mkdocs build --strict` and `avtal build`, from the same corpus."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT, document

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", *args], cwd=root, capture_output=True, text=True, env=ENV)


def _site_repo(repo):
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    return repo


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory, repository_build):
    """This repository built twice: by mkdocs directly and by avtal build (made once per test run)."""
    out = tmp_path_factory.mktemp("sites")
    direct = _mkdocs(REPO_ROOT, "--strict", "--site-dir", str(out / "mkdocs"))
    assert direct.returncode == 0, direct.stderr
    return out / "mkdocs", repository_build / "site"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_mkdocs_and_avtal_build_give_the_same_pages(both_builds):
    direct, built = both_builds
    direct_pages, built_pages = _pages(direct), _pages(built)
    assert sorted(direct_pages) == sorted(built_pages)
    assert [p for p in direct_pages if direct_pages[p] != built_pages[p]] == []
    for page in ("index.html", "agreement/overenskommelse/index.html", "oppna-fragor/index.html",
                 "ordlista/index.html", "andringslogg/index.html", "tillganglighet/index.html"):
        assert page in built_pages


def test_document_page_has_header_banner_questions_and_history(both_builds):
    html = (both_builds[1] / "agreement" / "overenskommelse" / "index.html").read_text("utf-8")
    assert '<table class="avtal-meta">' in html and "avtal-status-utkast" in html
    assert "Arbetsutkast" in html and "Gäller för verksamhet" in html
    # The header lists the open questions, each linked to the question by its written id (here the first
    # question of the agreement), or by its number when it has none.
    assert 'href="#forhallande-andra-overenskommelser"' in html and 'id="forhallande-andra-overenskommelser"' in html
    assert 'id="versionshistorik"' in html
    assert 'class="avtal-term"' in html and 'href="../../annexes/begrepp/#' in html


def test_data_is_shown_as_tables(both_builds):
    site = both_builds[1]
    risks = (site / "plans" / "risk-och-konsekvensanalys" / "index.html").read_text("utf-8")
    assert risks.count("avtal-risk-matrix") == 1 and risks.count('class="avtal-risk-') >= 25
    plan = (site / "plans" / "implementeringsplan" / "index.html").read_text("utf-8")
    assert "avtal-timeline" in plan and "avtal-milestones" in plan
    matrix = (site / "annexes" / "ansvarsfordelning" / "index.html").read_text("utf-8")
    assert matrix.count('data-responsible="') >= 25


def test_the_plugin_refuses_to_build_on_errors(repo):
    _site_repo(repo)
    repo.doc("plan", owner="Kalle")
    result = _mkdocs(repo.root)
    assert result.returncode == 1
    assert "avtal check hittade fel" in result.stderr and "AV105" in result.stderr


def test_script_in_a_code_block_is_shown_as_text(repo):
    _site_repo(repo)
    repo.write("plans/plan.md", document("```html\n<script>alert('x')</script>\n```\n"))
    result = _mkdocs(repo.root, "--strict")
    assert result.returncode == 0, result.stderr
    html = (repo.root / "build" / "site" / "plans" / "plan" / "index.html").read_text("utf-8")
    assert "alert" in html and "<script>alert" not in html


def test_the_menu_shows_short_titles_and_the_page_its_whole_title(both_builds):
    html = (both_builds[1] / "plans" / "implementeringsplan" / "index.html").read_text("utf-8")
    title = "Implementeringsplan för överenskommelsen om hälso- och sjukvård i hemmet"
    assert f"<title>{title} - " in html and f">{title}<a class=\"headerlink\"" in html
    menu = " ".join(html.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0].split())
    assert '<span class="md-ellipsis"> Implementeringsplan </span>' in menu
    assert '<span class="md-ellipsis"> Risk- och konsekvensanalys </span>' in menu and title not in menu


def test_the_change_log_page_goes_by_document_in_the_sites_order(both_builds):
    html = (both_builds[1] / "andringslogg" / "index.html").read_text("utf-8")
    sections = re.findall(r'<h2 id="([^"]+)"', html)
    assert sections[:5] == ["overenskommelse", "begrepp", "ansvarsfordelning", "forbrukningsartiklar",
                            "rutin-vardbegaran"]
    assert '<details class="avtal-commits"><summary>' in html and "Första utkastet till hela överenskommelsen" in html
    page = (both_builds[1] / "agreement" / "overenskommelse" / "index.html").read_text("utf-8")
    assert 'href="../../andringslogg/#overenskommelse-0-1"' in page  # the history table links each version's commits


def _with_forge(repo, lines: str) -> None:
    config = (repo.root / "mkdocs.yml").read_text("utf-8")
    (repo.root / "mkdocs.yml").write_text(config.replace("theme:\n", lines + "theme:\n", 1), encoding="utf-8")


EDIT_LINK = re.compile(r'<a href="([^"]+)" class="md-content__button avtal-edit" rel="edit">.*?<span>Föreslå ändring</span>',
                       re.S)


def test_each_page_links_to_its_own_file_in_the_forges_editor(repo):
    _site_repo(repo)
    repo.doc("plan")
    repo.write("webbplats/handbok/granska.md", "# Granska hos oss\n\nVår egen version av sidan.\n")
    _with_forge(repo, "repo_url: https://github.com/exempel/avtal\n")
    result = _mkdocs(repo.root, "--strict")
    assert result.returncode == 0, result.stderr
    site = repo.root / "build" / "site"
    links = {page: EDIT_LINK.findall((site / page / "index.html").read_text("utf-8"))
             for page in ("plans/plan", "tillganglighet", "handbok/granska", "handbok/skriva", "andringslogg", ".")}
    assert links == {"plans/plan": ["https://github.com/exempel/avtal/edit/main/plans/plan.md"],
                     "tillganglighet": ["https://github.com/exempel/avtal/edit/main/webbplats/tillganglighet.md"],
                     # the repository's own page replaces the bundled one, and is its to edit
                     "handbok/granska": ["https://github.com/exempel/avtal/edit/main/webbplats/handbok/granska.md"],
                     # a page bundled with the installed tool is not the agreement's to change
                     "handbok/skriva": [],
                     "andringslogg": [], ".": []}  # generated pages have no file to edit
    assert "Vår egen version av sidan." in (site / "handbok" / "granska" / "index.html").read_text("utf-8")


def test_gitlab_and_an_edit_uri_of_ones_own(repo):
    _site_repo(repo)
    repo.doc("plan")
    _with_forge(repo, "repo_url: https://gitlab.example.se/region/avtal\n")
    assert _mkdocs(repo.root, "--strict").returncode == 0
    page = (repo.root / "build" / "site" / "plans" / "plan" / "index.html").read_text("utf-8")
    assert EDIT_LINK.findall(page) == ["https://gitlab.example.se/region/avtal/-/edit/main/plans/plan.md"]
    _with_forge(repo, "edit_uri: _edit/utkast/\n")
    assert _mkdocs(repo.root, "--strict").returncode == 0
    page = (repo.root / "build" / "site" / "plans" / "plan" / "index.html").read_text("utf-8")
    assert EDIT_LINK.findall(page) == ["https://gitlab.example.se/region/avtal/_edit/utkast/plans/plan.md"]


def test_without_the_forges_address_no_edit_link_and_a_swedish_footer(both_builds):
    page = (both_builds[1] / "agreement" / "overenskommelse" / "index.html").read_text("utf-8")
    assert "Föreslå ändring" not in page and 'rel="edit"' not in page
    footer = page.split('<footer class="md-footer">', 1)[1]
    assert "Region Dalarna och Dalarnas 15 kommuner" in footer and "likalydande beslut" in footer
    assert "Made with" not in page and "Material for MkDocs" not in footer
