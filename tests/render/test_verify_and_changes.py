"""Statements to verify and the comparison with today, as the site and the Word files show them."""

import datetime as dt
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as etree
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from conftest import REPO_ROOT, document

CHANGES = """\
kind: changes
document: plan
baseline: hemsjukvårdsavtalet från 2013
items:
  - id: F01
    area: Begrepp
    today: Avtalet talar om <b>hemsjukvård</b>.
    proposed: Hälso- och sjukvård i hemmet.
    patient: Ingen skillnad.
    municipalities: Nya ord i rutinerna.
    region: Nya ord i rutinerna.
    source: Omställningsplanen
  - id: F02
    area: Ekonomi
    today: Skatteväxlingen 2013.
    proposed: Ekonomiutredningen prövar.
    patient: Ingen.
    municipalities: Okänd.
    region: Okänd.
    verify: Vad [skatteväxlingen](javascript:x) omfattade
"""
BODY = """
Regionen ska ge [läkarinsatser](https://www.regiondalarna.se) enligt lagen.

!!! verify "Att verifiera: Lydelsen av 16 kap. 2 §"
    Jämför med *gällande* lydelse.

- Första punkten
- Andra punkten

    !!! verify "Att verifiera: Andra punkten"

[Jämförelsen](andringar.yaml)
"""


def _repo(repo, status="utkast"):
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    repo.write("plans/andringar.yaml", CHANGES)
    repo.write("plans/plan.md", document(BODY, status=status))
    return repo


def _html(repo) -> etree.Element:
    from avtal.render.markup import document_markdown
    from avtal.source.load import load_corpus

    corpus = load_corpus(repo.root)
    html = document_markdown(repo.root, corpus, "plans/plan.md").convert(corpus.by_id["plan"].body_text)
    return etree.fromstring(f"<root>{html.replace('&para;', '')}</root>")


def test_markers_get_ids_and_the_comparison_becomes_two_tables(repo):
    tree = _html(_repo(repo))
    boxes = [div for div in tree.iter("div") if "verify" in (div.get("class") or "").split()]
    assert [div.get("id") for div in boxes] == ["att-verifiera-1", "att-verifiera-2"]
    summary, consequences = tree.findall(".//table")
    rows = summary.find("tbody")
    assert [tr.get("id") for tr in rows] == ["andring-f01", "andring-f02"]
    assert [cell.text for cell in rows[0]] == ["F01", "Begrepp", "Avtalet talar om <b>hemsjukvård</b>.",
                                              "Hälso- och sjukvård i hemmet.", "Omställningsplanen"]
    assert rows[1][4].text == "Att verifiera: Vad [skatteväxlingen](javascript:x) omfattade"
    assert rows[1][4].get("class") == "avtal-verify" and rows[0][4].get("class") is None
    assert [th.text for th in consequences.find("thead/tr")] == ["Id", "Område", "För patienten", "För kommunerna",
                                                                 "För regionen"]
    assert tree.find(".//p[@class='avtal-changes-baseline']").text == "Jämförelsen gäller hemsjukvårdsavtalet från 2013."


def test_milestones_say_which_dates_are_proposals(repo):
    repo.write("plans/milstolpar.yaml", "kind: milestones\ndocument: plan\nperiod: {start: 2026-01-01, end: 2027-12-31}\n"
               "items:\n  - {id: M1, when: 2026-Q1, deliverable: Klar, responsible: Styrgruppen, basis: Omställningsplanen}\n"
               "  - {id: M2, when: 2026-Q2, deliverable: Sen, responsible: Styrgruppen}\n")
    repo.doc("plan", "\n[Milstolparna](milstolpar.yaml)\n")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    _, table = _html(repo).findall(".//table")
    assert [th.text for th in table.find("thead/tr")][4] == "Grund för tidpunkten"
    assert [row[4].text for row in table.find("tbody")] == ["Omställningsplanen", "Förslag"]


def test_word_shows_markers_as_comments_on_their_paragraph_never_as_text(repo, tmp_path, monkeypatch):
    _repo(repo, status="remiss")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # the commit's time, never the clock's
    target = tmp_path / "plan.docx"
    result = repo.avtal("docx", "plan", "-o", str(target))
    assert result.code == 0, result.stdout + result.stderr
    word = docx.Document(str(target))
    comments = {c.comment_id: c for c in word.comments}
    assert [c.text for c in comments.values()] == ["Att verifiera: Lydelsen av 16 kap. 2 §\nJämför med gällande lydelse.",
                                                  "Att verifiera: Andra punkten"]
    assert {c.author for c in comments.values()} == {"Omställningsledare"}
    assert {c.timestamp for c in comments.values()} == {dt.datetime.fromtimestamp(1790000000, dt.UTC)}
    anchored = {}
    for paragraph in word.paragraphs:
        for start in paragraph._p.iter(qn("w:commentRangeStart")):
            anchored[int(start.get(qn("w:id")))] = paragraph.text
    assert anchored == {0: "Regionen ska ge läkarinsatser enligt lagen.", 1: "Andra punkten"}
    assert not any("Att verifiera" in p.text for p in word.paragraphs)
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Id" and len(t.columns) == 5
                 and t.rows[0].cells[4].text == "Källa för i dag")
    assert table.rows[2].cells[4].text == "Att verifiera: Vad [skatteväxlingen](javascript:x) omfattade"


def test_a_draft_without_markers_has_no_comments_part(repo, tmp_path):
    repo.write("plans/plan.md", document("\nText utan uppgifter att verifiera.\n"))
    target = tmp_path / "plan.docx"
    assert repo.avtal("docx", "plan", "-o", str(target)).code == 0
    with zipfile.ZipFile(target) as archive:
        assert "word/comments.xml" not in archive.namelist()


def test_the_site_lists_markers_beside_the_open_questions(repo):
    _repo(repo)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "--strict"], cwd=repo.root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    site = repo.root / "build" / "site"
    page = (site / "plans" / "plan" / "index.html").read_text("utf-8")
    assert 'href="#att-verifiera-1"' in page and 'href="#andring-f02"' in page
    assert '<div class="admonition verify" id="att-verifiera-1">' in page
    overview = (site / "att-verifiera" / "index.html").read_text("utf-8")
    assert 'href="../plans/plan/#att-verifiera-2"' in overview and 'href="../plans/plan/#andring-f02"' in overview
    assert 'href="javascript' not in overview  # the row's text is text, not a link
    assert "F02 Ekonomi: Vad [skatteväxlingen](javascript:x) omfattade" in overview
    index = (site / "index.html").read_text("utf-8")
    assert "3 uppgifter som ska verifieras" in index and 'href="att-verifiera/"' in index
    assert ".admonition.verify" in (site / "stylesheets" / "avtal.css").read_text("utf-8")
