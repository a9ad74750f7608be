"""Structured data: models, owners, periods, checklists, target groups, section references."""

import textwrap


def _data(repo, name: str, text: str, *also_placed: str):
    """Write a data file, and the document `plan` that shows it (and `also_placed`)."""
    repo.doc("plan", "".join(f"\n[Data]({n})\n" for n in (name, *also_placed)))
    repo.write(f"plans/{name}", textwrap.dedent(text))


def test_valid_data_of_every_kind(repo):
    _data(repo, "risker.yaml", """\
        kind: risks
        document: plan
        items:
          - id: R01
            risk: Alla parter fattar inte likalydande beslut.
            probability: 3
            consequence: 5
            affects: [patienter, kommunerna]
            measures: [Tidig förankring i Välfärdsrådet]
            owner: Omställningsledare
            status: öppen
            sections: [plan#syfte]
        """, "milstolpar.yaml", "kommunikation.yaml", "bp1.yaml", "ansvar.yaml")
    repo.write("plans/milstolpar.yaml", textwrap.dedent("""\
        kind: milestones
        document: plan
        period: {start: 2025-10-01, end: 2027-06-30}
        items:
          - {id: M01, when: 2025-Q4, deliverable: Omställningsdirektiv beslutat, responsible: Välfärdsrådet, done: true}
          - {id: M02, when: 2027-06-30, deliverable: Slutligt beslut, responsible: Region Dalarna}
        """))
    repo.write("plans/kommunikation.yaml", textwrap.dedent("""\
        kind: communication
        document: plan
        target_groups: [Medarbetare]
        items:
          - {id: K01, target_group: Medarbetare, message: Vad ändras, channel: Intranät, when: 2027-Q3, responsible: Systemledningarna}
        """))
    repo.write("plans/bp1.yaml", textwrap.dedent("""\
        kind: checklist
        document: plan
        title: Checklista inför beslut, BP1
        items:
          - {id: BP1-01, item: Omställningsägare är utsedd, answer: ja}
          - {id: BP1-02, item: Budget är framtagen, answer: nej, handling: Tas fram under 2026-Q1}
          - {id: BP1-03, item: Risker är dokumenterade}
        """))
    repo.write("plans/ansvar.yaml", textwrap.dedent("""\
        kind: responsibilities
        document: plan
        items:
          - {id: A01, activity: Läkarinsatser, responsible: region, basis: HSL 14 kap. 1 §}
        """))
    assert repo.check() == []


def test_scores_are_one_to_five_and_owner_is_known(repo):
    _data(repo, "risker.yaml", """\
        kind: risks
        document: plan
        items:
          - id: R01
            risk: En risk.
            probability: 6
            consequence: 0
            measures: [Åtgärd]
            owner: Kalle
            status: öppen
        """)
    assert repo.codes() == [
        ("plans/risker.yaml", 6, "AV103"),
        ("plans/risker.yaml", 7, "AV103"),
        ("plans/risker.yaml", 9, "AV105"),
    ]


def test_milestones_lie_within_the_period(repo):
    _data(repo, "milstolpar.yaml", """\
        kind: milestones
        document: plan
        period: {start: 2025-10-01, end: 2027-06-30}
        items:
          - {id: M01, when: 2025-Q3, deliverable: För tidigt, responsible: Styrgruppen}
          - {id: M02, when: 2027-Q2, deliverable: I tid, responsible: Styrgruppen}
          - {id: M03, when: 2027-07-01, deliverable: För sent, responsible: Styrgruppen}
        """)
    assert [c for c in repo.codes() if c[2] != "AV508"] == [("plans/milstolpar.yaml", 5, "AV501"),
                                                           ("plans/milstolpar.yaml", 7, "AV501")]


def test_milestone_dates_and_quarters_must_exist(repo):
    _data(repo, "milstolpar.yaml", """\
        kind: milestones
        document: plan
        period: {start: 2025-10-01, end: 2027-06-30}
        items:
          - {id: M01, when: 2027-13-01, deliverable: Fel datum, responsible: Styrgruppen}
          - {id: M02, when: 2027-Q5, deliverable: Fel kvartal, responsible: Styrgruppen}
        """)
    assert repo.codes() == [("plans/milstolpar.yaml", 5, "AV103"), ("plans/milstolpar.yaml", 6, "AV103")]


def test_milestone_outside_period_and_duplicate_id_when_valid(repo):
    _data(repo, "milstolpar.yaml", """\
        kind: milestones
        document: plan
        period: {start: 2025-10-01, end: 2027-06-30}
        items:
          - {id: M01, when: 2027-Q3, deliverable: För sent, responsible: Styrgruppen}
          - {id: M01, when: 2027-Q2, deliverable: I tid, responsible: Styrgruppen}
        """)
    assert repo.codes() == [("plans/milstolpar.yaml", 5, "AV501"), ("plans/milstolpar.yaml", 6, "AV502")]


def test_no_needs_handling(repo):
    _data(repo, "bp1.yaml", """\
        kind: checklist
        document: plan
        title: BP1
        items:
          - {id: BP1-01, item: Budget är framtagen, answer: nej}
          - {id: BP1-02, item: Något, answer: kanske}
        """)
    assert repo.codes() == [("plans/bp1.yaml", 6, "AV103")]  # an invalid row voids the file: fix it first
    repo.write("plans/bp1.yaml", (repo.root / "plans/bp1.yaml").read_text().replace("kanske", "ja"))
    assert repo.codes() == [("plans/bp1.yaml", 5, "AV503")]


def test_target_group_is_declared(repo):
    _data(repo, "k.yaml", """\
        kind: communication
        document: plan
        target_groups: [Medarbetare]
        items:
          - {id: K01, target_group: Medarbetarna, message: x, channel: y, when: 2027-Q3, responsible: Styrgruppen}
        """)
    (finding,) = repo.check()
    assert finding.code == "AV504" and 'menade du "Medarbetare"?' in finding.message


def test_section_references_resolve_to_stable_ids(repo):
    repo.write("plans/other.md", "")
    _data(repo, "ansvar.yaml", """\
        kind: responsibilities
        document: plan
        items:
          - {id: A01, activity: x, responsible: region, sections: [plan#syfte, plan#saknas, annan#syfte]}
        """)
    codes = [c for c in repo.codes() if c[0] == "plans/ansvar.yaml"]
    assert codes == [("plans/ansvar.yaml", 4, "AV208"), ("plans/ansvar.yaml", 4, "AV208")]


def test_section_references_are_written_document_hash_section(repo):
    _data(repo, "ansvar.yaml", """\
        kind: responsibilities
        document: plan
        items:
          - {id: A01, activity: y, responsible: kommun, sections: [plan-syfte]}
        """)
    (finding,) = repo.check()
    assert (finding.code, finding.line) == ("AV103", 4) and "dokument-id#avsnitts-id" in finding.message


def test_data_names_an_existing_document(repo):
    repo.doc("plan", "\n[Ansvar](ansvar.yaml)\n")
    repo.write("plans/ansvar.yaml", "kind: responsibilities\ndocument: plan-x\nitems:\n  - {id: A01, activity: x, responsible: region}\n")
    assert repo.codes() == [("plans/ansvar.yaml", 2, "AV205")]


def test_data_is_shown_where_its_document_places_it(repo):
    repo.doc("plan", "Se [ansvar](ansvar.yaml) i texten.\n\n![Bild](ansvar.yaml)\n")
    repo.write("plans/ansvar.yaml", "kind: responsibilities\ndocument: plan\nitems:\n  - {id: A01, activity: x, responsible: region}\n")
    finding, inline_link = [f for f in repo.check() if f.code != "AV214"]  # the data file is not an image either
    assert (finding.code, finding.line, finding.severity.value) == ("AV209", 2, "warning")
    assert "[Rubrik](ansvar.yaml)" in finding.message
    lines = (repo.root / "plans" / "plan.md").read_text("utf-8").split("\n")
    assert (inline_link.code, inline_link.line) == ("AV210", lines.index("Se [ansvar](ansvar.yaml) i texten.") + 1)
    repo.doc("plan", "Ansvaret:\n\n[Ansvarsmatrisen](ansvar.yaml)\n\nMer text.\n")
    assert repo.check() == []


def test_data_in_another_folder_is_placed_by_its_relative_path(repo):
    repo.doc("plan", "\n[Begreppen](../annexes/begrepp.yaml)\n\n[[vårdbegäran]]\n")
    repo.write("annexes/begrepp.yaml", "kind: glossary\ndocument: plan\nterms:\n  - {id: vardbegaran, term: vårdbegäran, definition: x}\n")
    assert repo.check() == []


def test_the_schema_line_names_the_schema_of_the_kind(repo):
    """AV120: an editor given the wrong schema would mark valid data as wrong."""
    body = "kind: responsibilities\ndocument: plan\nitems:\n  - {id: A01, activity: x, responsible: region}\n"
    _data(repo, "ansvar.yaml", "# yaml-language-server: $schema=../schema/responsibilities.schema.json\n" + body)
    assert repo.check() == []
    _data(repo, "ansvar.yaml", "# Ansvaret.\n# yaml-language-server: $schema=../schema/risks.schema.json\n" + body)
    (finding,) = repo.check()
    assert (finding.code, finding.line, finding.severity.value) == ("AV120", 2, "warning")
    assert finding.message.endswith("skriv # yaml-language-server: $schema=../schema/responsibilities.schema.json")
    _data(repo, "ansvar.yaml", "# yaml-language-server: $schema=https://example.org/ansvar.json\n" + body)
    assert repo.check() == []  # a schema from elsewhere is the editor's choice
