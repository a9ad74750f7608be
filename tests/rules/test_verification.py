"""Statements to verify: listed while drafting, refused in a decided document, also in data."""

import textwrap

from conftest import document

DECISION = "{body: Regionstyrelsen, meeting_date: 2027-05-01, paragraph: 12, minutes_approved: 2027-05-08}"
MARKER = '\nEn uppgift om lagen.\n\n!!! verify "Att verifiera: Riksdagens beslut"\n    Kontrollera SFS-numret.\n'
CHANGES = """\
kind: changes
document: plan
baseline: hemsjukvårdsavtalet från 2013
items:
  - id: F01
    area: Begrepp
    today: Avtalet talar om hemsjukvård.
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
    verify: Vad skatteväxlingen omfattade
"""


def _line_of(path, text: str) -> int:
    return path.read_text("utf-8").split("\n").index(text) + 1


def test_statements_to_verify_are_listed_as_information(repo):
    path = repo.doc("plan", MARKER + '\n- En punkt\n\n    !!! verify "Lydelsen av 16 kap. 2 §"\n')
    found = [(f.code, f.severity.value, f.line, f.column, f.message) for f in repo.check()]
    assert found == [
        ("AV315", "info", _line_of(path, '!!! verify "Att verifiera: Riksdagens beslut"'), 1,
         "Att verifiera: Riksdagens beslut"),
        ("AV315", "info", _line_of(path, '    !!! verify "Lydelsen av 16 kap. 2 §"'), 5,
         "Att verifiera: Lydelsen av 16 kap. 2 §"),
    ]


def test_a_marker_in_a_code_block_or_of_another_type_is_not_a_marker(repo):
    repo.doc("plan", '\n```markdown\n!!! verify "Att verifiera: exempel"\n```\n\n!!! note "Att verifiera: en vanlig not"\n')
    assert repo.check() == []


def test_a_decided_document_cannot_have_a_statement_to_verify(repo):
    text = document(MARKER, status="beslutad", change_kind="materiell", parties="[Region Dalarna]")
    repo.write("plans/plan.md", text.replace("parties:", f"decisions:\n  Region Dalarna: {DECISION}\nparties:"))
    (finding,) = [f for f in repo.check() if f.code != "AV706"]  # AV706: no fingerprint (decisions/)
    assert (finding.code, finding.severity.value) == ("AV316", "error")
    assert finding.message == "Dokumentet är beslutat men har en uppgift att verifiera: Att verifiera: Riksdagens beslut"


def test_rows_compared_with_today_need_a_source_or_what_to_verify(repo):
    repo.doc("plan", "\n[Jämförelsen](andringar.yaml)\n")
    repo.write("plans/andringar.yaml", CHANGES)
    assert [(f.code, f.line, f.message) for f in repo.check()] == [
        ("AV315", 20, "Att verifiera (F02, Ekonomi): Vad skatteväxlingen omfattade")]
    repo.write("plans/andringar.yaml", CHANGES.replace("    verify: Vad skatteväxlingen omfattade\n", ""))
    (finding,) = repo.check()
    assert (finding.code, finding.line) == ("AV505", 15)  # at F02's today
    assert "F02" in finding.message and "source" in finding.message and "verify" in finding.message


def test_a_decided_document_cannot_present_rows_to_verify(repo):
    text = document("\n[Jämförelsen](andringar.yaml)\n", status="beslutad", change_kind="materiell", parties="[Region Dalarna]")
    repo.write("plans/plan.md", text.replace("parties:", f"decisions:\n  Region Dalarna: {DECISION}\nparties:"))
    repo.write("plans/andringar.yaml", CHANGES)
    assert [(f.path, f.code) for f in repo.check() if f.code != "AV706"] == [("plans/andringar.yaml", "AV316")]


def test_the_changes_model_refuses_unknown_fields(repo):
    repo.doc("plan", "\n[Jämförelsen](andringar.yaml)\n")
    repo.write("plans/andringar.yaml", CHANGES.replace("    source: Omställningsplanen", "    kalla: Omställningsplanen"))
    assert [f.code for f in repo.check()] == ["AV101"]  # an invalid file is reported once, not checked further


def test_explain_describes_the_marker(repo):
    result = repo.avtal("check", "--explain", "AV315")
    assert result.code == 0 and '!!! verify \\"Att verifiera: ...\\"' not in result.stdout
    assert '!!! verify "Att verifiera: ..."' in result.stdout and "kommentarer" in textwrap.dedent(result.stdout)
