"""Data tables that fit (issue 23, point 3), in real headless Chromium over this repository's site: at 1280 px
no data table scrolls inside itself and no element in it is wider than its container; at 390 px each row of a
table with named columns is a card; the timeline shows each milestone's id, time and whether it is a proposal;
the start page shows Version and Datum on a phone, and Beslutsläge its Beslutsläge column. Screenshots of
every data kind at both widths go to test-artifacts/screenshots/tabeller/ for people to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from render.test_site_browser import AXE, CHROMIUM, FLAGS, SCREENSHOTS, served

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or not AXE.exists(),
                                reason="chromium or axe-core is missing: run make test, which installs them")
SHOTS = SCREENSHOTS / "tabeller"
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
# Every data kind: (page, the wrapper's class).
KINDS = {
    "riskregister": ("plans/risk-och-konsekvensanalys/", "avtal-risks"),
    "riskmatris": ("plans/risk-och-konsekvensanalys/", "avtal-risk-matrix"),
    "andringar": ("plans/risk-och-konsekvensanalys/", "avtal-changes"),
    "konsekvenser": ("plans/risk-och-konsekvensanalys/", "avtal-change-consequences"),
    "milstolpar": ("plans/implementeringsplan/", "avtal-milestones"),
    "tidslinje": ("plans/implementeringsplan/", "avtal-timeline"),
    "kommunikation": ("plans/kommunikationsplan/", "avtal-communication"),
    "kommunikation-per-kvartal": ("plans/kommunikationsplan/", "avtal-communication-grid"),
    "ansvar": ("annexes/ansvarsfordelning/", "avtal-responsibilities"),
    "checklista": ("plans/omstallningsplan/", "avtal-checklist"),
}
GRIDS = {"riskmatris", "tidslinje", "kommunikation-per-kvartal"}  # read by row and column: stay grids

# Inside the wrapper: what is wider than the box it is in, and whether anything scrolls sideways.
OVERFLOW = """cls => {
  const wrapper = document.querySelector('.' + cls), found = [];
  const limit = wrapper.getBoundingClientRect();
  for (const e of wrapper.querySelectorAll('table, table *')) {  // the table and everything in it
    const style = getComputedStyle(e);
    if (['inline', 'none', 'contents'].includes(style.display) || style.position === 'absolute') continue;
    const box = e.getBoundingClientRect();
    if (e.scrollWidth > e.clientWidth + 1) found.push(`${e.tagName} ${e.scrollWidth} > ${e.clientWidth}: ${e.textContent.slice(0, 40)}`);
    if (box.right > limit.right + 1 || box.left < limit.left - 1) found.push(`${e.tagName} outside the wrapper`);
  }
  // and nothing between the table and the page scrolls sideways (the theme's scroll box, the wrapper)
  for (let e = wrapper.querySelector('table').parentElement; e && e !== document.body; e = e.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
      found.push(`${e.className} scrolls ${e.scrollWidth} > ${e.clientWidth}`);
  }
  return found.slice(0, 10);
}"""
CARDS = """cls => [...document.querySelectorAll('.' + cls + ' tbody tr')].slice(0, 5).map(tr => ({
  display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right,
  label: getComputedStyle(tr.children[1], '::before').content}))"""
VISIBLE = """([selector, column]) => {
  const cell = document.querySelector(selector).querySelectorAll('tbody tr')[0].children[column];
  const box = cell.getBoundingClientRect();
  const shown = document.elementFromPoint(box.left + Math.min(box.width / 2, 8), box.top + box.height / 2);
  return {left: box.left, right: box.right, width: box.width, text: cell.textContent.trim(), hit: cell.contains(shown),
          page: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def site(repository_build):
    """This repository's site (the run's one build, read only), served on localhost."""
    with served(repository_build / "site") as base:
        yield repository_build / "site", base


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport=WIDE)
        yield context
        context.close()


def _page(browser, base: str, path: str, viewport: dict):
    page = browser.new_page()
    page.set_viewport_size(viewport)
    page.goto(base + path)
    return page


def test_at_1280_px_every_data_table_fits_without_a_scroll_inside_it(site, browser):
    _, base = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, (path, cls) in KINDS.items():
        page = _page(browser, base, path, WIDE)
        assert page.locator(f".{cls}").count() == 1, name
        page.locator(f".{cls}").screenshot(path=str(SHOTS / f"{name}-1280.png"))
        found = page.evaluate(OVERFLOW, cls)
        if found:
            problems[name] = found
        page.close()
    # The two: the risk register (8 columns) and the milestones, with no element wider than its container.
    assert "riskregister" not in problems and "milstolpar" not in problems, problems
    assert problems == {}


def test_at_390_px_each_row_is_a_card_with_its_columns_named(site, browser):
    _, base = site
    for name, (path, cls) in KINDS.items():
        page = _page(browser, base, path, PHONE)
        page.locator(f".{cls}").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}-390.png"))
        cards = page.evaluate(CARDS, cls)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.close()
        assert width <= PHONE["width"], name  # nothing widens the page past the screen
        if name in GRIDS:
            continue
        assert cards and all(c["display"] == "block" and c["right"] <= PHONE["width"] for c in cards), (name, cards)
        assert all(re.fullmatch(r'"[^"]+: "', c["label"]) for c in cards), (name, cards)  # "Risk: ", "Leverans: "


def test_on_a_phone_the_start_page_shows_version_and_datum_and_beslutslage_its_column(site, browser):
    _, base = site
    for path, selector, columns in (("", "#dokumenten ~ * table, #dokumenten ~ table", (3, 4)),
                                    ("beslutslage/", "#oversikt ~ * table, #oversikt ~ table", (4,))):
        page = _page(browser, base, path, PHONE)
        page.locator(selector).first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{path.strip('/') or 'startsida'}-390.png"))
        for column in columns:
            shown = page.evaluate(VISIBLE, [selector, column])
            assert shown["text"] and shown["hit"], (path, column, shown)
            assert 0 <= shown["left"] and shown["right"] <= PHONE["width"] and shown["page"] <= PHONE["width"], shown
        page.close()


def test_the_timeline_shows_id_time_and_whether_the_time_is_a_proposal(site):
    site_dir, _ = site
    html = (site_dir / "plans" / "implementeringsplan" / "index.html").read_text("utf-8")
    timeline = html[html.index('class="avtal-table avtal-timeline"'):]
    timeline = timeline[:timeline.index("</table>")]
    entries = re.findall(r"<p[^>]*>(.*?)</p>", timeline)
    assert entries and all(re.fullmatch(r"M\d+ \([0-9Q-]+(, Förslag)?\): [a-zåäö ,]+", e) for e in entries), entries
    assert any(", Förslag)" in e for e in entries)
