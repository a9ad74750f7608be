"""Rules on content: required sections, open questions, decisions, safe Markdown."""

from conftest import document, front_matter

DECISION = "{body: %s, meeting_date: 2027-05-01, paragraph: 12, minutes_approved: 2027-05-08}"
QUESTION = '\n!!! question "Öppen fråga: Vem betalar?"\n    Förslag: regionen.\n'


def _decisions(parties: dict[str, str]) -> str:
    return "decisions:\n" + "".join(f"  {party}: {DECISION % body}\n" for party, body in parties.items())


def test_required_sections_are_known_by_their_ids(repo):
    text = document().replace("## Tidplan och milstolpar {#tidplan}", "## Tidplan och milstolpar")
    repo.write("plans/plan.md", text)
    (finding,) = repo.check()
    assert (finding.code, finding.line) == ("AV301", 4)
    assert "`## Tidplan och milstolpar {#tidplan}`" in finding.message


def test_open_questions_are_listed_as_information(repo):
    repo.doc("plan", QUESTION)
    (finding,) = repo.check()
    assert (finding.code, finding.severity.value, finding.message) == ("AV302", "info", "Öppen fråga: Vem betalar?")


def test_decided_document_needs_every_party_and_no_open_question(repo):
    text = document(QUESTION, status="beslutad", parties="[Region Dalarna, Falu kommun]")
    text = text.replace("parties:", _decisions({"Region Dalarna": "Regionstyrelsen"}) + "parties:")
    repo.write("plans/plan.md", text)
    codes = {(f.code, f.line) for f in repo.check()}
    assert ("AV303", 6) in codes
    assert any(code == "AV304" for code, _ in codes)


def test_decided_document_with_all_decisions_passes(repo):
    text = document(status="beslutad", parties="[Region Dalarna, Falu kommun]")
    decisions = _decisions({"Region Dalarna": "Regionstyrelsen", "Falu kommun": "Kommunfullmäktige"})
    repo.write("plans/plan.md", text.replace("parties:", decisions + "parties:"))
    assert repo.check() == []


def test_annex_is_not_decided_before_its_agreement(repo):
    repo.doc("overenskommelse", type="överenskommelse")
    annex = document(type="bilaga", id="bilaga-a", status="beslutad", annex_number=1, annex_of="overenskommelse",
                     parties="[Region Dalarna]")
    annex = annex.replace("parties:", _decisions({"Region Dalarna": "Regionstyrelsen"}) + "parties:")
    repo.write("annexes/bilaga-a.md", annex)
    assert [c[2] for c in repo.codes()] == ["AV305"]


def test_raw_html_is_refused_outside_code(repo):
    body = """
    Text med <b>fetstil</b> och en <!-- kommentar -->.
    Kod som `<script>` och autolänk <https://www.regiondalarna.se> är tillåtna.

    ```html
    <script>alert(1)</script>
    ```

    <div
    class="x">
    """
    repo.doc("plan", body)
    found = [(f.code, f.column) for f in repo.check()]
    assert found == [("AV306", 10), ("AV306", 20), ("AV306", 32), ("AV306", 1)]


def test_attribute_lists_only_carry_ids_and_classes(repo):
    repo.doc("plan", 'Text {: .viktig }\n\n[länk](#syfte){onclick="alert(1)"}\n')
    assert [f.code for f in repo.check()] == ["AV307"]


def test_explicit_section_ids_are_unique_in_a_document(repo):
    repo.doc("plan", "## Ett till syfte {#syfte}\n")
    assert [f.code for f in repo.check()] == ["AV207"]


def test_a_document_without_body_still_has_its_sections_checked(repo):
    repo.write("plans/plan.md", front_matter())
    assert {f.code for f in repo.check()} == {"AV301"}
