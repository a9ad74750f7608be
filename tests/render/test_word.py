"""Word files, opened and read back: same text as the site, real structure, LibreOffice, reproducible bytes."""

import hashlib
import html
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import REPO_ROOT, document

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ARTIFACTS = REPO_ROOT / "test-artifacts" / "word"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture(scope="module")
def built(repository_build):
    """This repository's build, made once per test run (tests/conftest.py)."""
    return repository_build


# -- The same text as the site --------------------------------------------------------


BLOCK_TAGS = "p|h[1-6]|li|ul|ol|table|thead|tbody|tr|td|th|caption|div|pre|dl|dt|dd|blockquote|br"
# A statement to verify is a box on the page and a comment in Word, never the Word file's text.
VERIFY_BOX_RE = re.compile(r'<div class="admonition verify"[^>]*>(.*?)</div>', re.S)


def _page_body(page: Path) -> str:
    text = page.read_text("utf-8")
    return text.split("<!-- avtal-text-start -->", 1)[1].split("<!-- avtal-text-end -->", 1)[0]


def _plain(fragment: str) -> str:
    fragment = re.sub(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", " ", fragment)  # blocks are apart; inline tags join
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _site_boxes_to_verify(page: Path) -> list[str]:
    return [_plain(box) for box in VERIFY_BOX_RE.findall(_page_body(page))]


def _site_text(page: Path) -> str:
    body = VERIFY_BOX_RE.sub(" ", _page_body(page))
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body)
    body = re.sub(r'<span class="avtal-heading-number">[^<]*</span> ', "", body)  # Word's styles number headings
    body = re.sub(r'<div class="footnote">.*?</div>', "", body, flags=re.S)
    body = re.sub(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", " ", body)  # blocks are apart; inline tags join
    body = re.sub(r"<[^>]+>", "", body)
    return " ".join(html.unescape(body).split())


def _word_body(path: Path) -> list:
    """The body's paragraphs and tables between the avtal bookmarks, in order."""
    word = docx.Document(str(path))
    inside, blocks = False, []
    for child in word.element.body.iterchildren():
        names = [b.get(qn("w:name")) for b in child.iter(qn("w:bookmarkStart"))]
        if "avtal_body_start" in names:
            inside = True
            continue
        if "avtal_body_end" in names:
            break
        if inside:
            blocks.append(child)
    return blocks


def _word_text(path: Path) -> str:
    paragraphs = []
    for block in _word_body(path):
        for paragraph in block.iter(qn("w:p")):  # a line break (w:br) is a space, as <br> is on the page
            paragraphs.append("".join(t.text or " " for t in paragraph.iter(qn("w:t"), qn("w:br"))))
    return " ".join(" ".join(paragraphs).split())


def test_every_word_file_says_what_its_page_says(built):
    pages = sorted((built / "site").glob("*/*/index.html"))
    compared = 0
    for page in pages:
        if "<!-- avtal-text-start -->" not in page.read_text("utf-8"):
            continue
        doc_id = page.parent.name
        word = next(w for w in (built / "docx").glob(f"{doc_id}_v*.docx") if "_andringar_" not in w.name)
        assert _word_text(word) == _site_text(page), doc_id
        comments = [" ".join(c.text.split()) for c in docx.Document(str(word)).comments]
        assert comments == _site_boxes_to_verify(page), doc_id
        compared += 1
    assert compared == 12


# -- The same heading numbers as the site ---------------------------------------------

HEADING_RE = re.compile(r"<h([1-4])\b[^>]*>(.*?)</h\1>", re.S)
NUMBER_RE = re.compile(r'<span class="avtal-heading-number">([^<]*)</span> ')


def _site_headings(page: Path) -> list[str]:
    """The document's headings (those Word numbers, h1–h4) as the page shows them: "7.2 Ansvar"."""
    headings = []
    for _, inner in HEADING_RE.findall(_page_body(page)):
        inner = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", inner)
        headings.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split()))
    return headings


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is missing: run make test")
def test_the_site_numbers_headings_as_the_word_file_does(built, tmp_path):
    """Every document's headings: the numbers on its page are those LibreOffice reads from its Word file."""
    pages = {p.parent.name: p for p in (built / "site").glob("*/*/index.html")
             if "<!-- avtal-text-start -->" in p.read_text("utf-8")}
    files = [next(w for w in (built / "docx").glob(f"{doc_id}_v*.docx") if "_andringar_" not in w.name)
             for doc_id in pages]
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    numbered = 0
    for doc_id, page in pages.items():
        expected = _site_headings(page)
        numbered += sum(1 for h in expected if re.match(r"\d+(\.\d+)* ", h))
        text = next(tmp_path.glob(f"{doc_id}_v*.txt")).read_text("utf-8-sig")
        lines = [" ".join(line.split()) for line in text.splitlines()]
        # After the table of contents; a beslutsunderlag has the tjänsteskrivelse's form, without one.
        body = lines[lines.index("Innehåll") + 1 + len(expected):] if "Innehåll" in lines else lines
        found = iter(body)
        missing = [heading for heading in expected if heading not in found]  # in order, each a line of its own
        assert missing == [], doc_id
        toc = page.read_text("utf-8").split('class="md-nav md-nav--secondary"', 1)[1].split('class="md-content"', 1)[0]
        toc_entries = [" ".join(html.unescape(t).split()) for t in re.findall(r'class="md-ellipsis">(.*?)</span>', toc, re.S)]
        # The page's table of contents: the document's headings, then the page's version history.
        assert toc_entries[:toc_entries.index("Versionshistorik")] == expected, doc_id
    assert numbered > 60
    overenskommelse = _site_headings(pages["overenskommelse"])
    assert overenskommelse[0].startswith("1 ") and any(h.startswith("7.2 ") for h in overenskommelse)


# -- Structure, read back -------------------------------------------------------------

BODY = """
Inledning med [[vårdbegäran]], en [länk](https://www.regiondalarna.se) och en not.[^1]

1. Första
2. Andra
    - Punkt under
        - Djupare
3. Tredje

Mellan listorna.

1. Ny lista
2. Fortsätter

| Part | Ansvar |
| --- | --- |
| Kommunen | Hemsjukvård |

!!! question "Öppen fråga: Vem betalar?"
    Förslag: regionen.

[^1]: Fotnotens text.
"""
GLOSSARY = "kind: glossary\ndocument: plan\nterms:\n  - {id: vardbegaran, term: vårdbegäran, definition: En begäran.}\n"


def _fixture_docx(repo, tmp_path) -> docx.Document:
    repo.write("plans/begrepp.yaml", GLOSSARY)
    repo.write("plans/plan.md", document(BODY + "\n[Begreppen](begrepp.yaml)\n", status="remiss",
                                         registrations="\n  Falu kommun: KS 2026/17"))
    target = tmp_path / "plan.docx"
    result = repo.avtal("docx", "plan", "-o", str(target), "--party", "Falu kommun")
    assert result.code == 0, result.stderr + result.stdout
    return docx.Document(str(target)), target


def test_structure_read_back(repo, tmp_path):
    word, path = _fixture_docx(repo, tmp_path)
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Märkning", "REMISSVERSION") in styles
    assert ("Heading 1", "Syfte") in styles and ("Heading 2", "vårdbegäran") in styles
    header_block = word.tables[0]
    assert [c.text for c in header_block.rows[0].cells] == ["Datum", "Diarienummer", "Versionsnummer",
                                                          "Gäller för verksamhet"]
    assert [c.text for c in header_block.rows[1].cells] == ["2026-11-22", "KS 2026/17", "0.1", "Hälsa och välfärd"]

    lists = [(p.style.name, p.text, p._p.pPr.numPr.numId.val if p._p.pPr.numPr is not None else None)
             for p in word.paragraphs if p.style.name.startswith("List")]
    assert [(s, t) for s, t, _ in lists] == [("List Number", "Första"), ("List Number", "Andra"),
                                             ("List Bullet 2", "Punkt under"), ("List Bullet 3", "Djupare"),
                                             ("List Number", "Tredje"), ("List Number", "Ny lista"),
                                             ("List Number", "Fortsätter")]
    assert lists[0][2] == lists[4][2] != lists[5][2]  # the second list starts again at 1

    data = next(t for t in word.tables if t.rows[0].cells[0].text == "Part")
    assert [c.text for c in data.rows[1].cells] == ["Kommunen", "Hemsjukvård"]
    assert data.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert ("Öppen fråga rubrik", "Öppen fråga: Vem betalar?") in styles

    with zipfile.ZipFile(path) as archive:
        footnotes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
        styles_xml = archive.read("word/styles.xml").decode()
    assert "Fotnotens text." in footnotes and "w:footnoteReference" in body
    assert 'w:anchor' in body or "w:hyperlink" in body
    assert "https://www.regiondalarna.se" in archive_rels(path)
    assert 'w:lang w:val="sv-SE"' in styles_xml
    assert "Begrepp" in [r.style.name for p in word.paragraphs for r in p.runs]

    props = word.core_properties
    assert (props.title, props.version, props.language, props.identifier) == ("En plan", "0.1", "sv-SE", "plan")
    assert props.subject == "Implementeringsplan" and "plan" in props.keywords


def archive_rels(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/_rels/document.xml.rels").decode()


def test_the_template_defines_every_style_the_renderer_uses():
    from avtal.render.word.styles import all_names

    template = docx.Document(str(REPO_ROOT / "templates" / "referens.docx"))
    names = {s.name for s in template.styles}
    assert [n for n in all_names() if n not in names] == []


def test_docx_refuses_to_write_into_the_sources(repo):
    repo.doc("plan")
    before = repo.snapshot()
    result = repo.avtal("docx", "plan", "-o", str(repo.root / "plans" / "plan.docx"))
    assert result.code == 2 and repo.snapshot() == before


# -- LibreOffice, and the same bytes from the same commit -----------------------------


@pytest.mark.skipif(not SOFFICE or not PDFTOPPM, reason="LibreOffice or pdftoppm is missing: run make test")
def test_libreoffice_converts_every_file_and_pages_are_saved(built, tmp_path):
    files = sorted((built / "docx").glob("*.docx"))
    profile = tmp_path / "lo-profile"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *map(str, files)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for file in files:
        pdf = tmp_path / f"{file.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 5_000, file.name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    agreement = next(tmp_path.glob("overenskommelse_v*.pdf"))
    subprocess.run([PDFTOPPM, "-r", "80", "-png", "-f", "1", "-l", "2", str(agreement), str(ARTIFACTS / "overenskommelse")],
                   check=True)
    assert len(list(ARTIFACTS.glob("overenskommelse-*.png"))) == 2


def test_two_builds_of_one_commit_are_byte_identical(git_repo, tmp_path):
    shutil.copy(REPO_ROOT / "mkdocs.yml", git_repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", git_repo.root / "webbplats")
    git_repo.write("plans/begrepp.yaml", GLOSSARY)
    git_repo.write("plans/plan.md", document(BODY + "\n[Begreppen](begrepp.yaml)\n"))
    git_repo.commit("Första")
    digests = []
    for attempt in range(2):
        out = tmp_path / f"bygge-{attempt}"
        result = git_repo.avtal("build", "--out", str(out))
        assert result.code == 0, result.stderr
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in out.rglob("*") if p.is_file() and "site" not in p.parts})
        time.sleep(1.1)  # a different second on the clock: it must not matter
    assert digests[0] == digests[1]
    assert "avtal-bygge.zip" in digests[0] and "docx/plan_v0.1.docx" in digests[0]
    with zipfile.ZipFile(tmp_path / "bygge-0" / "avtal-bygge.zip") as bundle:
        assert "manifest.json" in bundle.namelist() and "docx/plan_v0.1.docx" in bundle.namelist()


def test_character_references_that_xml_cannot_hold_do_not_stop_the_word_file(repo, tmp_path):
    repo.doc("plan", "Sidbrytning&#12;här, &#1;styrtecken och [länk](https://example.org/a&#12;b).\n")
    target = tmp_path / "plan.docx"
    result = repo.avtal("docx", "plan", "-o", str(target))
    assert result.code == 0, result.stderr
    assert "Sidbrytning här, styrtecken och länk." in [p.text for p in docx.Document(str(target)).paragraphs]


def test_no_word_file_carries_the_comparisons_internal_marks(built):
    """The comparison marks words with noncharacters until they become revisions; none may remain,
    in the body, the footnotes or the comments (the statements to verify)."""
    files = sorted((built / "docx").glob("*.docx"))
    assert any("_andringar_" in f.name for f in files)  # the repository has versions to compare
    for file in files:
        with zipfile.ZipFile(file) as archive:
            for name in (n for n in archive.namelist() if n.endswith(".xml")):
                assert not re.search("[\ufdd0-\ufdef]", archive.read(name).decode("utf-8")), (file.name, name)
