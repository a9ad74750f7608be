"""The comparisons in `avtal build`: Word files in build/docx/ and the manifest, pages on the site with
<ins>/<del> and their cues, links from the version history, the same bytes from two builds, and the
same axe-core checks in Chromium as every page."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import pytest

from compare.history import make_history
from conftest import REPO_ROOT, GitRepo
from render.test_site_browser import AXE, CHROMIUM, SCREENSHOTS, axe_violations, chromium_page, served

WORD = "plan_v0.3_andringar_fran_v0.2.docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = make_history(GitRepo(tmp_path_factory.mktemp("historik") / "repo"))
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    outs = []
    for name in ("bygge1", "bygge2"):
        out = tmp_path_factory.mktemp(name)
        result = repo.avtal("build", "--out", str(out))
        assert result.code == 0, result.stdout + result.stderr
        assert "varning" not in result.stderr
        outs.append(out)
    return outs


def _page(built, path: str) -> str:
    return (built[0] / "site" / path / "index.html").read_text("utf-8")


def _article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def test_the_build_writes_the_comparison_word_file_and_lists_it(built):
    assert (built[0] / "docx" / WORD).is_file()
    manifest = json.loads((built[0] / "manifest.json").read_text("utf-8"))
    listed = {a["path"]: a["sha256"] for a in manifest["artifacts"]}
    assert hashlib.sha256((built[0] / "docx" / WORD).read_bytes()).hexdigest() == listed[f"docx/{WORD}"]
    assert f"site/word/{WORD}" in listed  # one click away on the site


def test_two_builds_of_one_commit_give_identical_comparison_files(built):
    first, second = built
    assert (first / "docx" / WORD).read_bytes() == (second / "docx" / WORD).read_bytes()
    for page in ("andringar/plan/v0.1-v0.2", "andringar/plan/v0.2-v0.3"):
        assert (first / "site" / page / "index.html").read_bytes() == (second / "site" / page / "index.html").read_bytes()


def test_the_comparison_page_marks_words_with_cues_and_a_legend(built):
    html = _article(_page(built, "andringar/plan/v0.1-v0.2"))
    cue_del, cue_ins = '<span class="avtal-visually-hidden">Borttagen text: </span>', \
        '<span class="avtal-visually-hidden">Tillagd text: </span>'
    assert f"<del>{cue_del}ordinärt boende</del><ins>{cue_ins}hemmet, oavsett boendeform,</ins>" in html
    assert f"<p><del>{cue_del}Regionen ansvarar för läkarinsatser dygnet runt.</del></p>" in html
    assert f"<li><ins>{cue_ins}Referensgruppen lämnar synpunkter.</ins></li>" in html
    assert f"<td><del>{cue_del}Länet</del></td>" in html and f"<td><ins>{cue_ins}Vårdcentralen</ins></td>" in html
    assert f"Uppföljning<ins>{cue_ins} och utvärdering</ins>" in html
    assert f"En<ins>{cue_ins} skriftlig</ins> begäran" in html  # the glossary's definition
    assert f"(2017:30)<del>{cue_del}.</del><ins>{cue_ins}, 12 kap. 2 §.</ins>" in html  # the footnote
    assert 'class="avtal-diff-legend"' in html
    # The moved section: reported where it is and where it was.
    assert "Läkarmedverkan <span class=\"avtal-diff-badge\">(flyttat avsnitt)</span>" in html
    assert "Det stod tidigare efter avsnittet ”Aktiviteter”." in html
    assert "Här stod tidigare avsnittet ”Läkarmedverkan”, som har flyttats" in html
    # The list of changed sections links to each.
    changed = re.findall(r'<ul class="avtal-diff-toc">(.*?)</ul>', html)[0]
    for anchor in ("syfte", "organisation", "aktiviteter", "uppfoljning", "lakarmedverkan", "begrepp", "fotnoter"):
        assert f'href="#andring-{anchor}"' in changed and f'id="andring-{anchor}"' in html


def test_unchanged_sections_are_only_their_collapsed_headings(built):
    html = _article(_page(built, "andringar/plan/v0.1-v0.2"))
    collapsed = re.findall(r'<details class="avtal-diff-unchanged"><summary>(.*?)</summary><ul>(.*?)</ul></details>', html)
    assert collapsed == [("1 oförändrat avsnitt", "<li>Tidplan och milstolpar</li>")]
    assert "Tidplanen följer omställningsplanen." not in html
    assert html.count("Tidplan och milstolpar") == 1


def test_the_document_page_and_its_history_link_to_the_comparisons(built):
    html = _page(built, "plans/plan")
    assert 'href="../../andringar/plan/v0.2-v0.3/"' in html  # the previous version (also the last remiss)
    history = html.split('id="versionshistorik"', 1)[1]
    assert "Ändringar i 0.3" in history and "Ändringar i 0.2" in history
    assert 'href="../../andringar/plan/v0.1-v0.2/"' in history
    index = _page(built, "andringar")
    assert 'href="plan/v0.1-v0.2/"' in index and 'href="plan/v0.2-v0.3/"' in index
    assert "andringar/" in _page(built, "")  # in the navigation


@pytest.mark.skipif(not CHROMIUM or not AXE.exists(), reason="chromium or axe-core is missing: run make test")
def test_comparison_pages_pass_axe_and_are_photographed(built, tmp_path):
    problems = {}
    with served(built[0] / "site") as base, chromium_page(tmp_path / "profile") as page:
        for path in ("andringar/", "andringar/plan/v0.1-v0.2/", "andringar/plan/v0.2-v0.3/", "plans/plan/"):
            problems.update({f"{path} {v['id']}": v["help"] for v in axe_violations(page, base + path)})
        page.goto(base + "andringar/plan/v0.1-v0.2/")
        cue = page.locator("ins .avtal-visually-hidden").first
        assert cue.text_content() == "Tillagd text: "  # in the page, for screen readers
        assert cue.evaluate("e => e.getBoundingClientRect().width") <= 1  # but not on the screen
        assert page.locator("details.avtal-diff-unchanged ul").is_hidden()  # collapsed until opened
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#texten-med-andringar").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "jamforelse.png"))
    assert problems == {}
    assert (SCREENSHOTS / "jamforelse.png").stat().st_size > 10_000


def test_the_comparison_pages_are_left_out_of_the_search_but_the_list_of_them_is_not(built):
    """A comparison page repeats the whole text: in the search it would find each document once more."""
    index = json.loads((built[0] / "site" / "search" / "search_index.json").read_text("utf-8"))
    locations = [entry["location"] for entry in index["docs"]]
    assert not [place for place in locations if place.startswith("andringar/plan/")]
    assert "andringar/" in locations and any(place.startswith("plans/plan/") for place in locations)
    assert "avtal-html" not in _page(built, "andringar/plan/v0.1-v0.2")  # the slot was filled
