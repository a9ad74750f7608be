"""The website in real headless Chromium (Debian's): accessibility, keyboard, filters, screenshots.

axe-core comes from the npm registry (installed by `make test` into .cache/npm); nothing is
downloaded while the tests run. Screenshots are saved in test-artifacts/screenshots/.
"""

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REPO_ROOT

# Debian's chromium here; elsewhere (a GitHub runner) the Chrome that is installed, or AVTAL_CHROMIUM.
CHROMIUM = (os.environ.get("AVTAL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
            or shutil.which("google-chrome") or "/usr/bin/chromium")
AXE = REPO_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or not AXE.exists(),
                                reason="chromium or axe-core is missing: run make test, which installs them")


@pytest.fixture(scope="module")
def site(repository_build):
    """This repository's site, built by avtal build once per test run (tests/conftest.py) and served on localhost."""
    with served(repository_build / "site") as base:
        yield repository_build / "site", base


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(site_dir: Path):
    """A built site on localhost, for as long as the block runs: its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium_page(profile: Path):
    """A page in a fresh Chromium profile (Debian's chromium, the project's flags)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, headless=True, viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()


def axe_violations(page, url: str) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page at `url`."""
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    tags_only = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
    return page.evaluate(tags_only, WCAG_TAGS)["violations"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


def _pages(site_dir: Path) -> list[str]:
    return sorted(p.parent.relative_to(site_dir).as_posix() + "/" if p.parent != site_dir else ""
                  for p in site_dir.rglob("index.html"))


def _one_comparison_page(paths: list[str]) -> list[str]:
    """Every page, but of the comparison pages (one per document, each the whole text with its
    changes, all from one generator) only the first: tests/compare/test_compare_site.py runs axe on
    the comparison pages of its own repository, and these took half the test's time."""
    comparisons = [path for path in paths if path.startswith("andringar/") and path != "andringar/"]
    return [path for path in paths if path not in comparisons[1:]]


def test_no_axe_violations_on_any_page(site, browser):
    site_dir, base = site
    page = browser.new_page()
    problems = {}
    for path in _one_comparison_page(_pages(site_dir)):
        for violation in axe_violations(page, base + path):
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.setdefault(path or "/", []).append(f"{violation['id']}: {violation['help']} {targets}")
    page.close()
    assert problems == {}
    assert len(_pages(site_dir)) >= 15


def test_term_definition_is_reachable_by_keyboard(site, browser):
    _, base = site
    page = browser.new_page()
    page.goto(base + "agreement/overenskommelse/")
    term = page.locator("a.avtal-term").first
    tooltip_id = term.get_attribute("aria-describedby")
    assert tooltip_id
    tooltip = page.locator(f"#{tooltip_id}")
    assert not tooltip.is_visible()
    for _ in range(400):  # Tab through the page, as a keyboard user does, until the first term has focus
        page.keyboard.press("Tab")
        if page.evaluate("id => document.activeElement.getAttribute('aria-describedby') === id", tooltip_id):
            break
    else:
        pytest.fail("the term was never reached with the Tab key")
    assert tooltip.is_visible() and tooltip.get_attribute("role") == "tooltip"
    assert len(tooltip.inner_text()) > 20
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()
    page.close()


def test_responsibility_matrix_can_be_filtered(site, browser):
    _, base = site
    page = browser.new_page()
    page.goto(base + "annexes/ansvarsfordelning/")
    rows = page.locator(".avtal-responsibilities table tbody tr")
    total = rows.count()
    page.get_by_label("Ansvarig").select_option("region")
    visible = page.locator(".avtal-responsibilities table tbody tr:not([hidden])").count()
    assert 0 < visible < total
    assert page.locator(".avtal-filter [role=status]").inner_text() == f"{visible} av {total} rader visas"
    page.close()


def test_screenshots_for_people_to_look_at(site, browser):
    _, base = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    shots = {
        "startsida.png": ("", None),
        "dokumentsida.png": ("agreement/overenskommelse/", None),
        "riskmatris.png": ("plans/risk-och-konsekvensanalys/", ".avtal-risk-matrix table"),
        "tidslinje.png": ("plans/implementeringsplan/", ".avtal-timeline table"),
    }
    for name, (path, selector) in shots.items():
        page.goto(base + path)
        target = SCREENSHOTS / name
        if selector:
            page.locator(selector).screenshot(path=str(target))
        else:
            page.screenshot(path=str(target), full_page=False)
        assert target.stat().st_size > 10_000
    page.close()


def test_every_document_page_links_to_its_word_file(site, browser):
    site_dir, base = site
    page = browser.new_page()
    checked = 0
    for path in _pages(site_dir):
        if path.split("/")[0] not in ("agreement", "annexes", "plans"):  # no download link: read, not shown
            assert 'class="avtal-download"' not in (site_dir / path / "index.html").read_text("utf-8"), path
            continue
        page.goto(base + path)
        link = page.locator("a.avtal-download")
        assert link.count() == 1, path
        response = page.request.get(base + path + link.get_attribute("href"))
        assert response.ok and response.body()[:2] == b"PK", path  # a real .docx (a zip)
        checked += 1
    page.close()
    assert checked == 12  # the agreement, four annexes and seven plans, the beslutsunderlag among them


# What a phone shows: the caption inside the screen, the table inside it or scrolling in its own box.
PHONE = {"width": 390, "height": 844}
GEOMETRY = """selector => {
  const wrapper = document.querySelector(selector), table = wrapper.querySelector("table");
  const box = element => { const r = element.getBoundingClientRect(); return {left: r.left, right: r.right}; };
  let scroller = table.parentElement;
  while (scroller !== wrapper.parentElement && !["auto", "scroll"].includes(getComputedStyle(scroller).overflowX)) {
    scroller = scroller.parentElement;
  }
  const scrolls = scroller !== wrapper.parentElement;
  return {caption: box(table.querySelector("caption")), table: box(table), page: document.documentElement.scrollWidth,
          scroller: scrolls ? box(scroller) : null, scrollable: scrolls && scroller.scrollWidth > scroller.clientWidth,
          focusable: scrolls && scroller.tabIndex === 0};
}"""


@pytest.mark.parametrize("name, path, selector, fits", [
    ("riskmatris-390.png", "plans/risk-och-konsekvensanalys/", ".avtal-risk-matrix", True),
    ("tidslinje-390.png", "plans/implementeringsplan/", ".avtal-timeline", True),  # a quarter per line
    ("riskregister-390.png", "plans/risk-och-konsekvensanalys/", ".avtal-risks", True),  # a card per risk
])
def test_on_a_phone_captions_and_tables_are_readable(site, browser, name, path, selector, fits):
    _, base = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.set_viewport_size(PHONE)
    page.goto(base + path)
    page.locator(selector).scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / name))
    shown = page.evaluate(GEOMETRY, selector)
    page.close()
    assert shown["page"] <= PHONE["width"]  # nothing widens the page past the screen
    assert 0 <= shown["caption"]["left"] and shown["caption"]["right"] <= PHONE["width"], shown
    if fits:  # the risk matrix is seen whole
        assert 0 <= shown["table"]["left"] and shown["table"]["right"] <= PHONE["width"], shown
    else:  # a wide table scrolls inside its own box, which the keyboard can scroll too
        assert shown["scrollable"] and shown["focusable"], shown
        assert 0 <= shown["scroller"]["left"] and shown["scroller"]["right"] <= PHONE["width"], shown


def test_no_page_requests_anything_from_another_host(site, browser):
    """Every request of every page (styles, scripts, fonts, pictures, search) goes to the site's own server:
    a visitor's address reaches no third party (Material asks Google for fonts unless theme.font is false)."""
    site_dir, base = site
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in _pages(site_dir):
        page.goto(base + path, wait_until="networkidle")
    page.close()
    assert len(requested) > len(_pages(site_dir))
    elsewhere = sorted({url for url in requested if not url.startswith(base) and not url.startswith("data:")})
    assert elsewhere == []
