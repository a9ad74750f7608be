"""Characters from text pasted from Word: control characters are errors at their real place,
lookalikes in names, ids and keys are named, and free text keeps what the editor wrote."""

from __future__ import annotations

import pytest

from conftest import document, front_matter

RISKS = """kind: risks
document: plan
items:
  - id: R1
    risk: {risk}
    probability: 2
    consequence: 3
    measures: [Samverkan]
    owner: Styrgruppen
    status: öppen
"""


def _line_of(text: str, needle: str) -> int:
    return next(number for number, content in enumerate(text.split("\n"), 1) if needle in content)


def _only(findings, code):
    (found,) = [f for f in findings if f.code == code]
    return found


# -- Control characters --------------------------------------------------------------


CONTROL_CASES = {
    # name: (file, text, the text on the line, column)
    "vertical tab in the body": ("plans/plan.md", document("Första raden.\n\nEn rad\x0bfrån Word.\n"), "från Word", 7),
    "form feed in the body": ("plans/plan.md", document("Text.\n\n\x0c\n"), "\x0c", 1),
    "raw control character in the title": ("plans/plan.md", document(title="Plan\x01ett"), "title:", 12),
    "escaped vertical tab in the title": ("plans/plan.md", document(title='"Plan\\vett"'), "title:", 8),
    "escaped form feed in the change note": ("plans/plan.md", document(change_note='"Ny\\x0ctext"'), "change_note:", 14),
    "escaped control character in a key": ("plans/plan.md", document(**{'"titel\\x0b"': "x"}), "titel", 1),
    "raw control character in a data value": ("plans/risker.yaml", RISKS.format(risk="Brist\x0bpå personal"), "risk:", 16),
    "escaped control character in a data value": ("plans/risker.yaml", RISKS.format(risk='"Brist\\u0007"'), "risk:", 11),
    "DEL in the body": ("plans/plan.md", document("Textrad\x7f.\n"), "Textrad", 8),
    "line separator in the body": ("plans/plan.md", document("Textrad\u2028mer.\n"), "Textrad", 8),
}


@pytest.mark.parametrize("name", CONTROL_CASES)
def test_a_control_character_is_reported_at_its_line_and_column_with_its_code_point(repo, name):
    path, text, needle, column = CONTROL_CASES[name]
    repo.doc("plan", "\n[Risker](risker.yaml)\n")
    repo.write(path, text)
    if path != "plans/plan.md":
        repo.write("plans/plan.md", document("\n[Risker](risker.yaml)\n"))
    finding = _only(repo.check(), "AV016")
    assert (finding.path, finding.line, finding.column) == (path, _line_of(text, needle), column)
    assert "U+00" in finding.message or "U+2028" in finding.message
    assert finding.message[0].isupper() and ("ta bort" in finding.message or "ersätt" in finding.message)


def test_a_vertical_tab_is_named_as_words_line_break(repo):
    repo.doc("plan", "En rad\x0bfrån Word.\n")
    message = _only(repo.check(), "AV016").message
    assert "U+000B" in message and "vertikal tabb" in message and "radbrytning" in message


def test_a_c1_character_says_which_quote_it_probably_was(repo):
    repo.doc("plan", "Han sa \x94ja\x94.\n")
    findings = [f for f in repo.check() if f.code == "AV016"]
    assert len(findings) == 2 and "U+0094" in findings[0].message and "”" in findings[0].message


def test_a_nul_after_the_first_8_kib_is_found_and_the_file_is_not_read(repo):
    text = document("x" * 9000 + "\n\nSlut\x00.\n")
    repo.write("plans/plan.md", text)
    finding = _only(repo.check(), "AV005")
    assert (finding.line, finding.column) == (_line_of(text, "Slut"), 5)
    assert "U+0000" in finding.message


def test_hundreds_of_control_characters_give_a_bounded_number_of_findings(repo):
    repo.doc("plan", "Rad\x0b" * 300 + "\n")
    findings = [f for f in repo.check() if f.code == "AV016"]
    assert len(findings) == 21 and "Ytterligare 280" in findings[-1].message


def test_control_characters_stop_the_build_with_findings_not_an_internal_error(repo):
    repo.doc("plan", "En rad\x0bfrån Word.\n", title='"Plan\\vett"', change_note='"Ny\\x0ctext"')
    result = repo.avtal("build")
    assert result.code == 1 and "internt fel" not in result.stderr
    assert result.stdout.count("AV016") == 3


# -- Lookalikes ----------------------------------------------------------------------


def test_a_hard_space_in_a_party_name_is_named_at_its_own_column(repo):
    text = document(parties="[Mora kommun, Falu\u00a0kommun]")
    repo.write("plans/plan.md", text)
    (finding,) = repo.check()
    line = _line_of(text, "parties:")
    assert (finding.code, finding.line, finding.column) == ("AV113", line, text.split("\n")[line - 1].index("\u00a0") + 1)
    assert "U+00A0" in finding.message and "hårt mellanslag" in finding.message
    assert 'efter "Falu"' in finding.message and "vanligt mellanslag" in finding.message


@pytest.mark.parametrize(("field", "value", "named"), [
    ("id", "pla\u00adn", "U+00AD"),  # a soft hyphen
    ("version", '"0\u20132"', "U+2013"),  # an en dash
    ("status", "utkast\u200b", "U+200B"),  # a zero-width space
    ("owner", "Omställnings\u00adledare", "U+00AD"),
    ("type", "implementerings\u00a0plan", "U+00A0"),
    ("date", "2026\u201011-22", "U+2010"),
])
def test_lookalikes_in_names_ids_versions_and_dates_are_named(repo, field, value, named):
    repo.write("plans/plan.md", document(**{field: value}))
    finding = _only(repo.check(), "AV113")
    assert named in finding.message and ("i stället" in finding.message or "ta bort det" in finding.message)


def test_a_hard_space_in_a_key_is_named(repo):
    text = document(**{"applies_to": None, "applies_to\u00a0": "Hälsa och välfärd"})
    repo.write("plans/plan.md", text)
    finding = _only(repo.check(), "AV113")
    assert finding.message.startswith('Nyckeln "applies_to') and "U+00A0" in finding.message
    assert (finding.line, finding.column) == (_line_of(text, "applies_to"), 11)


def test_a_hard_space_after_the_colon_is_reported_on_its_own_line_in_swedish(repo):
    text = front_matter().replace("status: utkast", "status:\u00a0utkast") + "\n## Syfte {#syfte}\n"
    repo.write("plans/plan.md", text)
    (finding,) = repo.check()
    assert (finding.code, finding.line, finding.column) == ("AV113", _line_of(text, "status:"), 8)
    assert finding.message == ('Efter "status:" står ett hårt mellanslag (U+00A0), som YAML inte räknar som '
                               "mellanslag; skriv ett vanligt mellanslag i stället")


def test_a_curly_quote_before_a_colon_says_the_quotes_are_the_wrong_kind(repo):
    text = document(title="\u201dPlan: del 1\u201d")
    repo.write("plans/plan.md", text)
    (finding,) = repo.check()
    assert (finding.code, finding.line, finding.column) == ("AV113", _line_of(text, "title:"), 8)
    assert "typografiskt citattecken (U+201D)" in finding.message and "raka citattecken" in finding.message


def test_free_text_keeps_hard_spaces_and_curly_quotes(repo):
    repo.doc("plan", "Enligt\u00a0HSL och \u201dså vidare\u201d.\n", title="\u201dTrygg hemma\u201d 2027",
             applies_to="Hälsa\u00a0och välfärd", change_note="Uppdaterad \u2013 se \u201dTidplan\u201d")
    assert repo.check() == []


def test_curly_quotes_of_a_title_reach_the_word_file(repo):
    import io

    import docx

    from avtal.render.word.document import DocxRenderer
    from avtal.source.load import load_corpus

    repo.doc("plan", title="\u201dTrygg hemma\u201d")
    corpus = load_corpus(repo.root)
    word = docx.Document(io.BytesIO(DocxRenderer(repo.root, corpus, None).document(corpus.by_id["plan"])))
    assert word.core_properties.title == "\u201dTrygg hemma\u201d"
    assert "\u201dTrygg hemma\u201d" in [p.text for p in word.paragraphs]


def test_a_lookalike_in_the_vocabulary_is_named(repo):
    path = repo.root / "schema" / "parter.yaml"
    path.write_text(path.read_text("utf-8").replace("Falu kommun", "Falu\u00a0kommun"), encoding="utf-8")
    finding = _only(repo.check(), "AV113")
    assert finding.path == "schema/parter.yaml" and "U+00A0" in finding.message


def test_a_lookalike_in_a_data_files_kind_and_rows_is_named(repo):
    repo.doc("plan", "\n[Risker](risker.yaml)\n")
    repo.write("plans/risker.yaml", RISKS.format(risk="x").replace("kind: risks", "kind: risks\u200b"))
    assert "U+200B" in _only(repo.check(), "AV113").message
    repo.write("plans/risker.yaml", RISKS.format(risk="x").replace("status: öppen", "status: öppen\u00a0"))
    assert "U+00A0" in _only(repo.check(), "AV113").message


# -- Dates ---------------------------------------------------------------------------


MILESTONES = """kind: milestones
document: plan
period:
  start: {start}
  end: {end}
items:
  - id: M1
    when: {when}
    deliverable: Förslag
    responsible: Omställningsledare
"""


@pytest.mark.parametrize(("start", "end", "when", "key", "says"), [
    ("0001-01-01", "0002-01-01", "0001-06-01", "start:", "ligger utanför åren 2000–2100"),
    ("2026-01-01", "9999-12-31", "2026-Q4", "end:", "ligger utanför åren 2000–2100"),
    ("2026-01-01", "2026-12-31", "1999-Q4", "when:", "Kvartalet 1999-Q4 ligger utanför"),
    ("2020-01-01", "2030-01-01", "2026-Q4", "start:", "längre än 10 år"),
])
def test_dates_and_periods_have_bounds_reported_at_their_key(repo, start, end, when, key, says):
    repo.doc("plan", "\n[Milstolpar](milstolpar.yaml)\n")
    text = MILESTONES.format(start=start, end=end, when=when)
    repo.write("plans/milstolpar.yaml", text)
    findings = [f for f in repo.check() if f.code == "AV114"]
    assert findings and says in findings[0].message
    assert findings[0].line == _line_of(text, key) or key == "start:" and findings[0].line == _line_of(text, "period:")


def test_the_bounds_themselves_are_allowed(repo):
    repo.doc("plan", "\n[Milstolpar](milstolpar.yaml)\n", date="2100-12-31")
    repo.write("plans/milstolpar.yaml", MILESTONES.format(start="2090-01-01", end="2099-12-31", when="2099-Q4"))
    assert [f.code for f in repo.check()] == ["AV508"]  # passed at the document's date, and not reported


def test_a_number_of_thousands_of_digits_is_a_finding_not_a_crash(repo):
    repo.doc("plan", annex_number="1" * 5000)
    finding = _only(repo.check(), "AV103")
    assert finding.message == 'Fältet "annex_number" ska vara ett heltal av rimlig storlek'


def test_too_deep_nesting_is_reported_in_swedish_at_its_line(repo):
    repo.doc("plan")
    repo.write("plans/data.yaml", "kind: risks\ndocument: plan\nitems: " + "[" * 1100 + "\n")
    finding = _only(repo.check(), "AV013")
    assert (finding.line, finding.column) == (3, len("items: ") + 1000)  # where the 1001st level opens
    assert finding.message.startswith("Strukturen är för djupt nästlad") and "nesting" not in finding.message
