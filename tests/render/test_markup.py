"""The shared Markdown syntax: terms, data and questions, as the site and the Word files get them."""

import shutil
import xml.etree.ElementTree as etree

from conftest import REPO_ROOT


def _html(repo, doc_id="plan"):
    from avtal.render.markup import document_markdown
    from avtal.source.load import load_corpus

    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    corpus = load_corpus(repo.root)
    doc = corpus.by_id[doc_id]
    return document_markdown(repo.root, corpus, doc.path).convert(doc.body_text)


def _tree(html: str) -> etree.Element:
    return etree.fromstring(f"<root>{html.replace('&para;', '')}</root>")


GLOSSARY = "kind: glossary\ndocument: plan\nterms:\n  - {id: vardbegaran, term: vårdbegäran, forms: [vårdbegärans], definition: En begäran om *insatser*.}\n"
RISKS = """kind: risks
document: plan
items:
  - {id: R1, risk: Låg_risk, probability: 1, consequence: 2, measures: [a], owner: Styrgruppen, status: öppen}
  - {id: R2, risk: Stor risk, probability: 5, consequence: 4, measures: [b, c], owner: Styrgruppen, status: hanteras}
"""


def test_terms_link_to_their_definition_with_the_definition_as_title(repo):
    repo.write("plans/begrepp.yaml", GLOSSARY)
    repo.doc("plan", "\n[Begreppen](begrepp.yaml)\n\nOm [[vårdbegärans]] innehåll.\n")
    links = [a for a in _tree(_html(repo)).iter("a") if a.get("class") == "avtal-term"]
    assert [(a.text, a.get("href"), a.get("title")) for a in links] == [
        ("vårdbegärans", "plan.md#vardbegaran", "En begäran om *insatser*.")]
    assert _tree(_html(repo)).find(".//h3[@id='vardbegaran']").text == "vårdbegäran"


def test_risks_become_a_matrix_and_a_table_with_levels_in_words(repo):
    repo.write("plans/risker.yaml", RISKS)
    repo.doc("plan", "\n[Riskregistret](risker.yaml)\n")
    tree = _tree(_html(repo))
    matrix, table = tree.findall(".//table")
    cells = {td.text: td.get("class") for td in matrix.iter("td") if td.text.startswith("R")}
    assert cells == {"R2 (mycket hög)": "avtal-risk-very-high", "R1 (låg)": "avtal-risk-low"}
    first_row = [cell.text for cell in table.find("tbody/tr")]
    assert first_row[:5] == ["R2", "Stor risk", "5", "4", "20 (mycket hög)"] and first_row[-1] == "b; c"
    assert "Låg_risk" in _html(repo)  # data is text, not Markdown


def test_milestones_are_judged_at_the_documents_date(repo):
    repo.write("plans/milstolpar.yaml", "kind: milestones\ndocument: plan\nperiod: {start: 2026-01-01, end: 2027-12-31}\n"
               "items:\n  - {id: M1, when: 2026-Q1, deliverable: Klar, responsible: Styrgruppen, done: true}\n"
               "  - {id: M2, when: 2026-Q2, deliverable: Sen, responsible: Styrgruppen}\n"
               "  - {id: M3, when: 2027-06-30, deliverable: Beslut, responsible: Styrgruppen}\n")
    repo.doc("plan", "\n[Milstolparna](milstolpar.yaml)\n", date="2026-11-22")
    timeline, table = _tree(_html(repo)).findall(".//table")
    assert len(timeline.findall("thead/tr/th")) == 8
    assert [row[-1].text for row in table.find("tbody")] == ["Uppnådd", "Passerad, ej rapporterad", "Kommande"]


def test_open_questions_get_ids_and_code_stays_text(repo):
    repo.doc("plan", '!!! question "Öppen fråga: Vem?"\n    Förslag.\n\n```html\n<script>alert(1)</script>\n```\n')
    html = _html(repo)
    assert 'id="oppen-fraga-1"' in html
    assert "<script" not in html and "&lt;" in html
