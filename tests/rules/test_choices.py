"""The open questions' ids, the political choices (kind: choices) and the handed-over questions
(kind: handovers): the models, the rules and the tables they render into."""

from __future__ import annotations

import textwrap

import pytest

from avtal.source.load import load_corpus

AGREEMENT_BODY = """
## Barn {#barn}

!!! question "Öppen fråga: Vem ansvarar för barn och unga?" {#ansvar-barn}
    Förslag: regionen.

!!! question "Öppen fråga: Hur ofta ska läkaren komma?" {#lakarbesok}
    Förslag: varje vecka.

!!! question "Öppen fråga: Utan id"
    Förslag: ingen.
"""

CHOICES = """\
kind: choices
document: plan
items:
  - id: PV01
    question: Vem ansvarar för hälso- och sjukvård i hemmet för barn och unga?
    options:
      - option: Regionen ansvarar.
        patient: Barnet möter regionens team.
        municipalities: Kommunerna tar inte över ansvaret.
        region: Regionen behåller ansvaret.
      - option: Kommunerna ansvarar.
        patient: Barnet möter kommunens sjuksköterska.
        municipalities: Kommunerna tar över ansvaret.
        region: Regionen lämnar över ansvaret.
    closes: [overenskommelse#ansvar-barn]
"""

HANDOVERS = """\
kind: handovers
document: plan
items:
  - id: AG01
    question: overenskommelse#lakarbesok
    group: Arbetsgruppen för läkarmedverkan
    milestone: M01
"""

MILESTONES = """\
kind: milestones
document: plan
period: {start: 2026-01-01, end: 2027-12-31}
items:
  - id: M01
    when: 2027-Q1
    deliverable: Principbeslut.
    responsible: Styrgruppen
"""

PLAN_BODY = """
[Politiska val](val.yaml)

[Överlämnade frågor](fragor.yaml)

[Milstolpar](milstolpar.yaml)
"""


@pytest.fixture
def choices_repo(repo):
    repo.doc("overenskommelse", AGREEMENT_BODY, type="överenskommelse", title="Överenskommelsen")
    repo.doc("plan", PLAN_BODY)
    repo.write("plans/val.yaml", CHOICES)
    repo.write("plans/fragor.yaml", HANDOVERS)
    repo.write("plans/milstolpar.yaml", MILESTONES)
    return repo


def test_question_ids_are_scanned_with_their_lines(choices_repo):
    corpus = load_corpus(choices_repo.root)
    questions = corpus.by_id["overenskommelse"].body.questions
    assert [(q.id, q.anchor) for q in questions] == [("ansvar-barn", "ansvar-barn"), ("lakarbesok", "lakarbesok"),
                                                     (None, None)]
    assert questions[0].value == "Öppen fråga: Vem ansvarar för barn och unga?"


def test_example_is_clean_and_only_the_question_without_id_is_unsettled(choices_repo):
    findings = choices_repo.check()
    assert not [f for f in findings if f.severity.value != "info"], findings
    unsettled = [f for f in findings if f.code == "AV322"]
    assert len(unsettled) == 1 and "Utan id" in unsettled[0].message and "ge frågan ett id" in unsettled[0].message


def test_unknown_question_unknown_milestone_and_double_settlement(choices_repo):
    choices_repo.write("plans/val.yaml", CHOICES.replace("overenskommelse#ansvar-barn",
                                                         "overenskommelse#ansvar-bar, overenskommelse#lakarbesok"))
    choices_repo.write("plans/fragor.yaml", HANDOVERS.replace("M01", "M02"))
    codes = {(f.code, f.path) for f in choices_repo.check() if f.severity.value != "info"}
    assert ("AV530", "plans/val.yaml") in codes  # ansvar-bar: no such question (a suggestion follows)
    assert ("AV531", "plans/val.yaml") in codes  # lakarbesok handed over (fragor.yaml, read first) and closed too
    assert ("AV532", "plans/fragor.yaml") in codes
    unknown = next(f for f in choices_repo.check() if f.code == "AV530")
    assert 'menade du "ansvar-barn"?' in unknown.message and unknown.line == 15


@pytest.mark.parametrize("written, code", [("{#Barn}", "AV320"), ("{#barn}", "AV321"), ("{#lakarbesok}", "AV321")])
def test_bad_or_duplicate_question_ids(choices_repo, written, code):
    body = AGREEMENT_BODY.replace('"Öppen fråga: Utan id"', f'"Öppen fråga: Utan id" {written}')
    choices_repo.doc("overenskommelse", body, type="överenskommelse", title="Överenskommelsen")
    found = [f for f in choices_repo.check() if f.code == code]
    assert len(found) == 1 and found[0].path == "agreement/overenskommelse.md"


def test_one_option_or_a_missing_consequence_is_an_error(choices_repo):
    one_option = CHOICES.split("      - option: Kommunerna ansvarar.")[0] + "    closes: []\n"
    choices_repo.write("plans/val.yaml", one_option)
    assert "plans/val.yaml" in {f.path for f in choices_repo.check() if f.severity.value == "error"}
    choices_repo.write("plans/val.yaml", CHOICES.replace("        region: Regionen lämnar över ansvaret.\n", ""))
    errors = [f for f in choices_repo.check() if f.severity.value == "error"]
    assert errors and errors[0].path == "plans/val.yaml" and "region" in errors[0].message


def test_links_to_a_question_id_resolve(choices_repo):
    choices_repo.doc("plan", PLAN_BODY + "\nSe [frågan](../agreement/overenskommelse.md#ansvar-barn) och "
                     "[en annan](../agreement/overenskommelse.md#ansvar-ungdom).\n")
    broken = [f for f in choices_repo.check() if f.severity.value == "error"]
    assert len(broken) == 1 and "ansvar-ungdom" in broken[0].message


def test_tables_link_to_the_questions_and_carry_the_ids(choices_repo):
    import xml.etree.ElementTree as etree

    from avtal.render.markup import document_markdown

    corpus = load_corpus(choices_repo.root)
    md = document_markdown(choices_repo.root, corpus, "plans/plan.md")
    html = md.convert(corpus.by_id["plan"].body_text)
    tree = etree.fromstring(f"<root>{html}</root>")
    table = tree.find(".//div[@class='avtal-table avtal-choices']/table")
    rows = table.findall("tbody/tr")
    assert [r.find("th").text for r in rows] == ["A. Regionen ansvarar.", "B. Kommunerna ansvarar."]
    assert [td.text for td in rows[1].findall("td")] == ["Barnet möter kommunens sjuksköterska.",
                                                         "Kommunerna tar över ansvaret.", "Regionen lämnar över ansvaret."]
    question = tree.find(".//p[@id='val-pv01']/strong")
    assert question.text == "PV01. Vem ansvarar för hälso- och sjukvård i hemmet för barn och unga?"
    link = tree.find(".//p[@class='avtal-choice-closes']/a")
    assert link.get("href") == "../agreement/overenskommelse.md#ansvar-barn"
    assert link.text == "Vem ansvarar för barn och unga?"
    handed = tree.find(".//div[@class='avtal-table avtal-handovers']/table/tbody/tr")
    assert [c.text for c in handed][2] == "M01 (2027-Q1)"
    assert tree.find(".//p[@class='avtal-handover-group']/strong").text == "Arbetsgruppen för läkarmedverkan (1 fråga)"
    assert tree.find(".//p[@class='avtal-handover-milestones']").text == "Milstolparna: M01: Principbeslut."
    # The agreement's questions carry their written ids; one without keeps its number.
    md = document_markdown(choices_repo.root, corpus, "agreement/overenskommelse.md")
    html = md.convert(corpus.by_id["overenskommelse"].body_text)
    tree = etree.fromstring(f"<root>{html}</root>")
    questions = tree.findall(".//div")
    assert [(d.get("id"), d.get("class")) for d in questions] == [
        ("ansvar-barn", "admonition question"), ("lakarbesok", "admonition question"),
        ("oppen-fraga-3", "admonition question")]
    assert questions[0].find("p").text == "Öppen fråga: Vem ansvarar för barn och unga?"


def test_question_shown_as_code_keeps_its_text(choices_repo):
    from avtal.render.markup import document_markdown

    corpus = load_corpus(choices_repo.root)
    md = document_markdown(choices_repo.root, corpus, "plans/plan.md")
    html = md.convert(textwrap.dedent("""\
        ```
        !!! question "Öppen fråga: X" {#x}
        ```
        """))
    assert '{#x}' in html and "avtal-question-id" not in html
