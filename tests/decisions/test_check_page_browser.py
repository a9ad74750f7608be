"""The site's page "Kontrollera en fil" in real headless Chromium: a built file is named, another file
is not; the file never leaves the browser, and the page passes axe-core with its form in place."""

import pytest

from render.test_site_browser import AXE, CHROMIUM, WCAG_TAGS, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM or not AXE.exists(),
                                reason="chromium or axe-core is missing: run make test, which installs them")


def _choose(page, path) -> str:
    page.locator("#avtal-check-input").set_input_files(str(path))
    result = page.locator(".avtal-check-result")
    page.wait_for_function("() => !document.querySelector('.avtal-check-result').textContent.startsWith('Räknar')")
    return result.inner_text()


def test_a_built_file_is_named_and_another_is_not(site, browser):  # noqa: F811
    site_dir, base = site
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    page.goto(base + "kontrollera-en-fil/")
    built = site_dir.parent / "docx" / "overenskommelse_v0.2.docx"
    said = _choose(page, built)
    assert said.startswith("Filen känns igen: overenskommelse_v0.2.docx: Överenskommelse om hälso- och sjukvård i "
                           "hemmet, version 0.2, Region Dalarna"), said
    said = _choose(page, site_dir.parent.parent / "mkdocs.yml" if (site_dir.parent.parent / "mkdocs.yml").exists()
                   else site_dir / "sitemap.xml")
    assert "stämmer inte med någon publicerad fil" in said and "avtal verify" in said
    assert all(method == "GET" for method, _ in requests)  # nothing is sent: the file stays in the browser
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    assert [v["id"] for v in result["violations"]] == []
    page.close()


def test_the_decisions_page_lists_the_sixteen_parties_and_each_document_links_to_it(site, browser):  # noqa: F811
    _, base = site
    page = browser.new_page()
    page.goto(base + "beslutslage/")
    rows = page.locator("xpath=//h2[@id='beslut-overenskommelse']/following::table[1]/tbody/tr")
    assert rows.count() == 16 and "ej beslutad" in rows.first.inner_text()
    page.goto(base + "agreement/overenskommelse/")
    link = page.get_by_role("link", name="Beslutsläge: 0 av 16 parter har beslutat om den nuvarande texten")
    assert link.count() == 1
    page.close()
