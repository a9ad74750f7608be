"""A reference in the prose to one row of a data file: checked, and shown as the row says it now,
the same on the site, in the Word file and in the fingerprint's model text."""

import shutil
import xml.etree.ElementTree as etree

import docx
import pytest

from conftest import REPO_ROOT

MILESTONES = """kind: milestones
document: plan
period: {start: 2026-01-01, end: 2028-12-31}
items:
  - {id: M1, when: 2027-Q1, deliverable: Principbeslut., responsible: Styrgruppen, basis: Omställningsplanen}
  - {id: M2, when: 2027-06-30, deliverable: Slutligt beslut, responsible: Styrgruppen}
"""
RISKS = """kind: risks
document: plan
items:
  - {id: R1, risk: Beslutet dröjer, probability: 2, consequence: 3, measures: [a], owner: Styrgruppen, status: öppen}
"""
BODY = """
[Milstolparna](milstolpar.yaml)

[Riskerna](risker.yaml)

Beslutet fattas enligt [M1](milstolpar.yaml#M1) och **[M2](milstolpar.yaml#M2)**; se [R1](risker.yaml#R1).
"""
M1_TEXT = "M1: Principbeslut (2027-Q1)"
M2_TEXT = "M2: Slutligt beslut (2027-06-30, förslag)"


def _repo(repo, body=BODY, other=""):
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    repo.write("plans/milstolpar.yaml", MILESTONES)
    repo.write("plans/risker.yaml", RISKS)
    repo.doc("plan", body)
    if other:
        repo.doc("annan", other)
    return repo


def _html(repo, doc_id="plan"):
    from avtal.render.markup import document_markdown
    from avtal.source.load import load_corpus

    corpus = load_corpus(repo.root)
    doc = corpus.by_id[doc_id]
    return document_markdown(repo.root, corpus, doc.path).convert(doc.body_text)


def _tree(html: str) -> etree.Element:
    return etree.fromstring(f"<root>{html.replace('&para;', '')}</root>")


def test_a_reference_shows_the_row_linked_to_its_row_in_the_table(repo):
    _repo(repo, other="\nSe [M2](milstolpar.yaml#M2).\n")
    assert repo.codes() == []
    tree = _tree(_html(repo))
    links = [(a.text, a.get("href")) for a in tree.iter("a") if a.get("class") == "avtal-row-ref"]
    assert links == [(M1_TEXT, "plan.md#milstolpe-m1"), (M2_TEXT, "plan.md#milstolpe-m2"),
                     ("R1: Beslutet dröjer", "plan.md#risk-r1")]
    anchored = {tr.get("id") for tr in tree.iter("tr") if tr.get("id")}
    assert {"milstolpe-m1", "milstolpe-m2", "risk-r1"} <= anchored
    other = _tree(_html(repo, "annan"))
    quoted = [(a.text, a.get("href")) for a in other.iter("a") if a.get("class") == "avtal-row-ref"]
    assert quoted == [(M2_TEXT, "plan.md#milstolpe-m2")]


def test_an_unknown_row_is_an_error_at_its_line_with_the_nearest_id(repo):
    _repo(repo, body=BODY + "\nOch sedan [M3](milstolpar.yaml#m1) och [b](begrepp.yaml#x).\n")
    repo.write("plans/begrepp.yaml", "kind: glossary\ndocument: plan\nterms:\n  - {id: x, term: x, definition: X.}\n")
    findings = [f for f in repo.check() if f.code in ("AV215", "AV216")]
    line = next(n for n, text in enumerate((repo.root / "plans/plan.md").read_text().splitlines(), 1) if "#m1)" in text)
    assert [(f.code, f.path, f.line) for f in findings] == [("AV215", "plans/plan.md", line),
                                                            ("AV216", "plans/plan.md", line)]
    assert '"m1"' in findings[0].message and 'menade du "M1"' in findings[0].message
    assert "AV210" not in [f.code for f in repo.check()]


def test_a_reference_to_a_file_that_cannot_be_read_follows_from_that_file(repo):
    _repo(repo)
    repo.write("plans/risker.yaml", "kind: risks\ndocument: plan\nitems: [\n")
    codes = [f.code for f in repo.check()]
    assert "AV009" in codes and "AV215" not in codes


def test_word_and_the_model_text_say_what_the_site_says(repo):
    from avtal.render.word.document import DocxRenderer
    from avtal.render.word.modeltext import model_blocks
    from avtal.source.load import load_corpus

    _repo(repo)
    corpus = load_corpus(repo.root)
    renderer = DocxRenderer(repo.root, corpus, None)
    doc = corpus.by_id["plan"]
    path = repo.root / "plan.docx"
    path.write_bytes(renderer.document(doc))
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    sentence = f"Beslutet fattas enligt {M1_TEXT} och {M2_TEXT}; se R1: Beslutet dröjer."
    assert sentence in paragraphs
    assert sentence in model_blocks(renderer, doc).lines()


@pytest.mark.parametrize("target", ["milstolpar.yaml#M1", "risker.yaml#R1"])
def test_a_standalone_reference_is_a_reference_not_the_table(repo, target):
    _repo(repo, body=BODY + f"\n[x]({target})\n")
    assert repo.codes() == []
    tree = _tree(_html(repo))
    assert len([a for a in tree.iter("a") if a.get("class") == "avtal-row-ref"]) == 4
