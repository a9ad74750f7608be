"""A beslutsunderlag: its Word file in the tjänsteskrivelse's form, read back; on the site under
Översikter and linked from the start page; its tables of political choices and handed-over questions;
each document page's LIX. A real `avtal build` (site with mkdocs, Word files) of a small repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import REPO_ROOT, GitRepo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))
from test_choices import AGREEMENT_BODY, CHOICES, HANDOVERS, MILESTONES  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BASIS_BODY = """
Förslag: parterna ställer sig bakom inriktningen.

[Politiska val](val.yaml)

[Frågor till arbetsgrupperna](fragor.yaml)

[Milstolpar](milstolpar.yaml)
"""
TJANSTESKRIVELSE_LABELS = ["Diarienummer", "Datum", "Handläggare", "Beslutande organ", "Sammanträde"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = GitRepo(tmp_path_factory.mktemp("basis") / "repo")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    shutil.copytree(REPO_ROOT / "templates", repo.root / "templates")
    repo.doc("overenskommelse", AGREEMENT_BODY, type="överenskommelse", title="Överenskommelsen")
    repo.doc("principbeslut", BASIS_BODY, type="beslutsunderlag", title="Beslutsunderlag för principbeslutet")
    for name, text in (("val", CHOICES), ("fragor", HANDOVERS), ("milstolpar", MILESTONES)):
        repo.write(f"plans/{name}.yaml", text.replace("document: plan", "document: principbeslut"))
    repo.commit("Underlag")
    done = subprocess.run([sys.executable, "-m", "avtal", "build", "--out", str(repo.root / "build")],
                          cwd=repo.root, capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    return repo, repo.root / "build"


def _proposal_form(repo):
    """The tjänsteskrivelse the decision package writes, for the same repository: the form to follow."""
    from avtal.decisions.proposal import proposal_docx
    from avtal.source.load import load_corpus

    corpus = load_corpus(repo.root)
    doc = corpus.by_id["overenskommelse"]
    data = proposal_docx(repo.root, corpus, doc, [], "Region Dalarna", "0" * 64, ["fil.docx"], 1_800_000_000)
    path = repo.root / "build" / "tjansteskrivelse.docx"
    path.write_bytes(data)
    return docx.Document(str(path))


def _numbered(paragraph) -> bool:
    num = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num is not None:
        return num.get(qn("w:val")) != "0"
    return paragraph.style.name.startswith("Heading")  # the template's heading styles carry the numbering


def test_word_file_has_the_tjansteskrivelse_form(built):
    repo, out = built
    word = docx.Document(str(out / "docx" / "principbeslut_v0.1.docx"))
    form = _proposal_form(repo)
    styles = [p.style.name for p in word.paragraphs[:3]]
    assert styles == [p.style.name for p in form.paragraphs[:3]] == ["Märkning", "Title", "Subtitle"]
    assert word.paragraphs[0].text == "UTKAST TILL BESLUTSUNDERLAG"
    assert word.paragraphs[1].text == "Beslutsunderlag för principbeslutet"
    block = word.tables[0]
    labels = [row.cells[0].text for row in block.rows]
    assert labels[1:] == TJANSTESKRIVELSE_LABELS == [row.cells[0].text for row in form.tables[0].rows][1:]
    assert labels[0] == "Ärende" and block.rows[0].cells[1].text == "Beslutsunderlag för principbeslutet, version 0.1"
    assert all(row.cells[0].paragraphs[0].runs[0].bold for row in block.rows)
    placeholder = block.rows[3].cells[1].paragraphs[0].runs[0]
    assert placeholder.text == "[namn och befattning]" and placeholder.font.highlight_color is not None
    # Headings without numbers, as in the tjänsteskrivelse; no table of contents.
    headings = [p for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings][:6] == ["Sammanfattning", "Förslag till beslut", "Beslutande organ", "Bakgrund",
                                              "Politiska val", "Frågor till arbetsgrupperna"]
    assert not any(_numbered(p) for p in headings)
    assert not any(_numbered(p) for p in form.paragraphs if p.style.name == "Heading 1")
    assert "Innehåll" not in [p.text for p in word.paragraphs]


def test_word_file_holds_the_choices_table(built):
    _, out = built
    word = docx.Document(str(out / "docx" / "principbeslut_v0.1.docx"))
    choices = next(t for t in word.tables if t.rows[0].cells[0].text == "Alternativ")
    assert [c.text for c in choices.rows[0].cells] == ["Alternativ", "För patienterna", "För kommunerna", "För regionen"]
    assert choices.rows[1].cells[0].text == "A. Regionen ansvarar."
    assert choices.rows[2].cells[0].text == "B. Kommunerna ansvarar."
    assert choices.rows[2].cells[3].text == "Regionen lämnar över ansvaret."
    texts = [p.text for p in word.paragraphs]
    assert "PV01. Vem ansvarar för hälso- och sjukvård i hemmet för barn och unga?" in texts
    assert "Avgör den öppna frågan: Vem ansvarar för barn och unga?" in texts
    handed = next(t for t in word.tables if t.rows[0].cells[0].text == "Id" and t.rows[0].cells[2].text == "Besvaras senast")
    assert handed.rows[1].cells[1].text == "Hur ofta ska läkaren komma?"


def test_site_shows_it_under_oversikter_and_links_it_from_the_start_page(built):
    _, out = built
    site = out / "site"
    start = (site / "index.html").read_text("utf-8")
    assert re.search(r'<a href="plans/principbeslut/">Beslutsunderlag för principbeslutet</a>', start)
    assert "Inför beslut:" in start
    page = (site / "plans" / "principbeslut" / "index.html").read_text("utf-8")
    nav = page[page.index('class="md-nav md-nav--primary"'):]
    oversikter = nav[nav.index("Översikter"):]
    assert oversikter.index("Beslutsunderlag för principbeslutet") < oversikter.index("Öppna frågor")
    planer = nav[nav.index("Planer"):nav.index("Översikter")] if "Planer" in nav[:nav.index("Översikter")] else ""
    assert "Beslutsunderlag för principbeslutet" not in planer
    # The choices link to the agreement's question by its id, and the question carries it.
    assert 'href="../../agreement/overenskommelse/#ansvar-barn"' in page
    agreement = (site / "agreement" / "overenskommelse" / "index.html").read_text("utf-8")
    assert 'id="ansvar-barn"' in agreement and 'href="#ansvar-barn"' in agreement  # the page's list of questions
    assert "avtal-question-id" not in agreement
    questions = (site / "oppna-fragor" / "index.html").read_text("utf-8")
    assert 'href="../agreement/overenskommelse/#lakarbesok"' in questions
    # Its headings are not numbered, as in its Word file; the agreement's are.
    assert 'avtal-heading-number' not in page[page.index("Sammanfattning") - 300:page.index("Sammanfattning")]
    assert "avtal-heading-number" in agreement


def test_each_document_page_shows_its_lix(built):
    from avtal.source.klarsprak import lix, prose
    from avtal.source.load import load_corpus

    repo, out = built
    corpus = load_corpus(repo.root)
    doc = corpus.by_id["overenskommelse"]
    expected = lix(prose(doc.body_text, doc.body_line)).value
    page = (out / "site" / "agreement" / "overenskommelse" / "index.html").read_text("utf-8")
    header = page[page.index('<table class="avtal-meta">'):]
    header = header[:header.index("</table>")]
    found = re.search(r"<th scope=\"row\">Läsbarhet \(LIX\)</th><td>(\d+) \(([a-zåäö ]+)\)</td>", header)
    assert found and int(found.group(1)) == round(expected)


def test_word_file_says_word_for_word_what_the_page_says(built):
    from test_word_fidelity import _site_text, _word_text

    _, out = built
    page = out / "site" / "plans" / "principbeslut" / "index.html"
    word, site = _word_text(out / "docx" / "principbeslut_v0.1.docx", {}), _site_text(page)
    assert word == site
    assert "PV01. Vem ansvarar" in word and "Arbetsgruppen för läkarmedverkan" in word
    # The questions with ids, in the agreement: the id is no text on either.
    page = out / "site" / "agreement" / "overenskommelse" / "index.html"
    word, site = _word_text(out / "docx" / "overenskommelse_v0.1.docx", {}), _site_text(page)
    assert word == site and "Vem ansvarar för barn och unga?" in word and "{#" not in word


def test_the_overview_of_open_questions_says_how_each_is_settled(built):
    _, out = built
    page = (out / "site" / "oppna-fragor" / "index.html").read_text("utf-8")
    assert re.search(r'#ansvar-barn">Öppen fråga: Vem ansvarar för barn och unga\?</a>: <a href="'
                     r'\.\./plans/principbeslut/#val-pv01">avgörs av det politiska valet PV01</a>', page)
    assert re.search(r'#lakarbesok">[^<]*</a>: <a href="\.\./plans/principbeslut/">lämnas till Arbetsgruppen för '
                     r'läkarmedverkan, besvaras senast vid milstolpe M01 \(2027-Q1\)</a>', page)
    assert 'id="val-pv01"' in (out / "site" / "plans" / "principbeslut" / "index.html").read_text("utf-8")


def test_no_axe_violations_on_the_basis_the_agreement_and_the_questions(built, tmp_path):
    from test_site_browser import AXE, CHROMIUM, axe_violations, chromium_page, served

    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.skip("chromium or axe-core is missing: run make test, which installs them")
    _, out = built
    with served(out / "site") as base, chromium_page(tmp_path / "profile") as page:
        for path in ("plans/principbeslut/", "agreement/overenskommelse/", "oppna-fragor/", ""):
            assert axe_violations(page, base + path) == [], path
