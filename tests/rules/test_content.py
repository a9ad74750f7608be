"""Rules on content: required sections, open questions, decisions, safe Markdown."""

import pytest

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
    text = document(QUESTION, status="beslutad", change_kind="materiell", parties="[Region Dalarna, Falu kommun]")
    text = text.replace("parties:", _decisions({"Region Dalarna": "Regionstyrelsen"}) + "parties:")
    repo.write("plans/plan.md", text)
    codes = {(f.code, f.line) for f in repo.check()}
    assert ("AV303", 6) in codes
    assert any(code == "AV304" for code, _ in codes)


def test_decided_document_with_all_decisions_passes(repo):
    text = document(status="beslutad", change_kind="materiell", parties="[Region Dalarna, Falu kommun]")
    decisions = _decisions({"Region Dalarna": "Regionstyrelsen", "Falu kommun": "Kommunfullmäktige"})
    repo.write("plans/plan.md", text.replace("parties:", decisions + "parties:"))
    fingerprint = _current_fingerprint(repo.root, "plan")  # each decision names the text it decided
    decisions = decisions.replace("minutes_approved: 2027-05-08}", f'minutes_approved: 2027-05-08, version: "0.1", '
                                  f"fingerprint: {fingerprint}}}")
    repo.write("plans/plan.md", text.replace("parties:", decisions + "parties:"))
    assert repo.check() == []


def _current_fingerprint(root, doc_id: str) -> str:
    from avtal.decisions.index import FingerprintIndex
    from avtal.source.load import load_corpus

    corpus = load_corpus(root)
    return FingerprintIndex(root, corpus, None).decided_text(corpus.by_id[doc_id]).fingerprint


def test_annex_is_not_decided_before_its_agreement(repo):
    repo.doc("overenskommelse", type="överenskommelse")
    annex = document(type="bilaga", id="bilaga-a", status="beslutad", change_kind="materiell", annex_number=1, annex_of="overenskommelse",
                     parties="[Region Dalarna]")
    annex = annex.replace("parties:", _decisions({"Region Dalarna": "Regionstyrelsen"}) + "parties:")
    repo.write("annexes/bilaga-a.md", annex)
    assert [c[2] for c in repo.codes() if c[2] != "AV706"] == ["AV305"]  # AV706: no fingerprint (decisions/)


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


def _line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_a_heading_numbered_by_hand_is_a_warning_that_says_how_to_write_it(repo):
    path = repo.doc("plan", "## 3. Ansvar {#ansvar}\n\nText.\n\n### 3.1 Läkare\n\n## 15 kommuner samverkar\n")
    found = [(f.code, f.severity.value, f.line, f.column, f.message) for f in repo.check()]
    line = _line_of(path, "## 3. Ansvar {#ansvar}")
    assert found == [
        ("AV310", "warning", line, 1, 'Rubriken "3. Ansvar" har ett eget nummer (3.); ta bort numret och skriv '
                                      '"## Ansvar {#ansvar}": Word-filen numrerar rubrikerna själv'),
        ("AV310", "warning", line + 4, 1, 'Rubriken "3.1 Läkare" har ett eget nummer (3.1); ta bort numret och '
                                          'skriv "### Läkare": Word-filen numrerar rubrikerna själv'),
    ]


@pytest.mark.parametrize("heading, number", [
    ("A. Definitions", "A."), ("b) Ansvar", "b)"), ("IV. Ekonomi", "IV."), ("XII Avslut", "XII"),
    ("§ 3 Ansvar", "§ 3"), ("3 § Ansvar", "3 §"), ("Kapitel 2 Ansvar", "Kapitel 2"), ("Kap. 3. Ansvar", "Kap. 3."),
    ("Avsnitt 4: Ekonomi", "Avsnitt 4:"), ("3) Ansvar", "3)"),
])
def test_letter_numbered_headings_get_av310_not_a_second_number(repo, heading, number):
    """Issue 24, defect 3: `## A. Definitions` became "1 A. Definitions" in Word without a finding; every
    numbering a writer uses is now recognised, by the same function the Word renderer asks."""
    path = repo.doc("plan", f"## {heading} {{#hand}}\n\nText.\n")
    found = [(f.code, f.line, f.message) for f in repo.check()]
    assert found == [("AV310", _line_of(path, f"## {heading} {{#hand}}"),
                      f'Rubriken "{heading}" har ett eget nummer ({number}); ta bort numret och skriv '
                      f'"## {heading[heading.index(number) + len(number):].strip()} {{#hand}}": '
                      "Word-filen numrerar rubrikerna själv")]


@pytest.mark.parametrize("heading", ["I Dalarna", "A och B", "Vi ska", "MC och LIX", "Del av planen", "15 kommuner",
                                     "1 januari 2027", "E-hälsa"])
def test_headings_that_begin_like_a_number_but_are_words_get_no_finding(repo, heading):
    repo.doc("plan", f"## {heading} {{#ord}}\n\nText.\n")
    assert repo.check() == []


def test_lists_the_forge_shows_and_the_site_does_not_are_warnings_at_their_line(repo):
    body = "Stegen:\n- ett\n- två\n\n- punkt\n  - under\n\n1) först\n"
    path = repo.doc("plan", body)
    first = _line_of(path, "- ett")
    found = [(f.code, f.severity.value, f.line, f.column) for f in repo.check()]
    assert found == [("AV311", "warning", first, 1), ("AV312", "warning", first + 4, 3),
                     ("AV313", "warning", first + 6, 1)]
    messages = [f.message for f in repo.check()]
    assert "lägg en tom rad före den" in messages[0]
    assert "indragen 2 blanksteg" in messages[1] and "fyra blanksteg" in messages[1]
    assert "skriv 1. i stället" in messages[2]
