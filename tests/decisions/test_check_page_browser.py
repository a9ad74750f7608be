"""The site's page "Kontrollera en fil" in real headless Chromium: a built file is named by its bytes; a
Word file re-saved by LibreOffice and one with another party's diarienummer by their text; a text
that is no version gets the nearest version and the paragraph that differs; a PDF that is no
published file is sent to `avtal verify` with the reason. The file never leaves the browser, the
page passes axe-core with its form in place, and is photographed at 390 and 1280 px."""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO_ROOT
from render.test_site_browser import AXE, CHROMIUM, SCREENSHOTS, WCAG_TAGS, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM or not AXE.exists(),
                                reason="chromium or axe-core is missing: run make test, which installs them")
def _version(doc_path: str) -> str:
    """The repository's current version of a document, from its front matter (the files are named by it)."""
    import re

    return re.search(r'^version: "([^"]+)"', (REPO_ROOT / doc_path).read_text("utf-8"), re.M).group(1)


VERSION = _version("agreement/overenskommelse.md")
AGREEMENT = f"overenskommelse_v{VERSION}.docx"
TITLE = "Överenskommelse om hälso- och sjukvård i hemmet"


def _choose(page, path) -> str:
    page.locator("#avtal-check-input").set_input_files(str(path))
    page.wait_for_function("() => { const r = document.querySelector('.avtal-check-result');"
                           " return r.textContent && !r.classList.contains('avtal-check-busy'); }")
    return page.locator(".avtal-check-result").inner_text()


@pytest.fixture()
def page(site, browser):  # noqa: F811
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    page.goto(site[1] + "kontrollera-en-fil/")
    yield page
    assert all(method == "GET" for method, _ in requests)  # nothing is sent: the file stays in the browser
    page.close()


def test_a_built_file_is_named_and_another_is_not(site, page):  # noqa: F811
    site_dir, _ = site
    said = _choose(page, site_dir.parent / "docx" / AGREEMENT)
    assert said.startswith(f"Filen är byte för byte en publicerad fil: {AGREEMENT}: {TITLE}, version {VERSION}, "
                           "Region Dalarna"), said
    assert f"Texten är {TITLE} (overenskommelse), version {VERSION}" in said, said
    said = _choose(page, site_dir / "sitemap.xml")
    assert "stämmer inte med någon publicerad fil" in said and "ingen Word-fil" in said, said


def test_the_page_is_swedish_and_accessible_with_javascript(page):
    assert page.locator(".avtal-check-file-help").count() == 0  # "Kontrollen behöver JavaScript" only without it
    assert "JavaScript" not in page.locator("article").inner_text()
    assert page.get_by_label("Välj en fil att kontrollera").count() == 1
    assert page.locator("label.avtal-check-button").is_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    assert [v["id"] for v in result["violations"]] == []


def test_without_javascript_the_page_says_so(site):  # noqa: F811
    """The served page (what a browser without JavaScript shows) has the sentence; the script removes it."""
    html = (site[0] / "kontrollera-en-fil" / "index.html").read_text("utf-8")
    assert '<p class="avtal-check-file-help">Kontrollen behöver JavaScript.' in html


def _soffice_resave(source, out_dir, profile):
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source)],
                          capture_output=True, text=True, timeout=180)
    target = out_dir / source.name
    assert done.returncode == 0 and target.exists(), done.stdout + done.stderr
    return target


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is missing (Debian: libreoffice-writer)")
def test_a_resaved_file_and_another_partys_file_are_named_by_their_text(site, page, tmp_path):
    built = site[0].parent / "docx" / AGREEMENT
    resaved = _soffice_resave(built, tmp_path / "resaved", tmp_path / "lo")
    assert resaved.read_bytes() != built.read_bytes()
    said = _choose(page, resaved)
    assert "inte byte för byte någon publicerad fil, men dess text är det" in said, said
    assert f"Texten är {TITLE} (overenskommelse), version {VERSION}" in said, said

    other = tmp_path / "mora.docx"
    done = subprocess.run([sys.executable, "-m", "avtal", "docx", "overenskommelse", "--party", "Mora kommun",
                           "-o", str(other)], cwd=REPO_ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert other.read_bytes() != built.read_bytes()
    said = _choose(page, other)
    assert f"Texten är {TITLE} (overenskommelse), version {VERSION}" in said, said


def test_a_changed_word_gives_the_nearest_version_and_the_paragraph(site, page, tmp_path):
    built = site[0].parent / "docx" / AGREEMENT
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "mellan följande 16 parter" in text
                data = text.replace("mellan följande 16 parter", "mellan följande sexton parter", 1).encode("utf-8")
            target.writestr(item, data)
    said = _choose(page, changed)
    assert "texten är inte någon version i historiken" in said, said
    assert f"Närmast är {TITLE} (overenskommelse), version {VERSION}" in said and "1 stycke i filen" in said, said
    assert "sexton parter" in page.locator(".avtal-check-result li").first.inner_text()


def test_a_pdf_that_is_no_published_file_is_sent_to_verify(page, tmp_path):
    pdf = tmp_path / "kopia.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    said = _choose(page, pdf)
    assert "PDF-fil" in said and "avtal verify kopia.pdf" in said and "kräver ett program för PDF" in said, said


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_at_phone_and_desktop_width(site, page, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    _choose(page, site[0].parent / "docx" / AGREEMENT)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing runs off the screen
    names = page.locator("table.avtal-published tbody tr td:first-child code")
    box = names.first.bounding_box()
    assert box["width"] > 100, box  # a file name is not broken one character per line
    page.screenshot(path=str(SCREENSHOTS / f"kontrollera-en-fil-{width}.png"), full_page=True)
    assert (SCREENSHOTS / f"kontrollera-en-fil-{width}.png").stat().st_size > 10_000


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
