"""Front matter validated against the model and the vocabularies, reported at the key."""

from conftest import document


def _only(repo, code):
    found = [f for f in repo.check() if f.code == code]
    assert len(found) == 1, repo.check()
    return found[0]


def test_a_valid_draft_has_no_findings(repo):
    repo.doc("plan")
    assert repo.check() == []


def test_version_is_kept_exactly_as_written(repo):
    repo.doc("plan", version='"1.10"')
    from avtal.source.load import load_corpus

    (doc,) = load_corpus(repo.root).documents
    assert doc.meta.version == "1.10"


def test_version_must_be_major_minor(repo):
    repo.doc("plan", version="1")
    finding = _only(repo, "AV103")
    assert finding.line == 5 and "MAJOR.MINOR" in finding.message


def test_dates_must_be_iso_not_a_number(repo):
    repo.doc("plan", date="20260108")
    finding = _only(repo, "AV103")
    assert finding.line == 7 and "ÅÅÅÅ-MM-DD" in finding.message


def test_unknown_party_suggests_the_official_name(repo):
    repo.doc("plan", parties="[Region Dalarna, Faluns kommun]")
    finding = _only(repo, "AV104")
    assert finding.message == 'Okänd part "Faluns kommun"; menade du "Falu kommun"?'
    assert (finding.line, finding.column) == (10, 27)


def test_owner_is_a_role_not_a_person(repo):
    repo.doc("plan", owner="Anna Andersson")
    assert "inte en person" in _only(repo, "AV105").message


def test_unknown_status_and_type(repo):
    repo.doc("plan", status="antagen", type="implementeringplan")
    messages = [f.message for f in repo.check() if f.code == "AV103"]
    assert any('Okänd status "antagen"' in m for m in messages)
    assert any('menade du "implementeringsplan"?' in m for m in messages)


def test_title_is_one_line(repo):
    repo.write("plans/plan.md", document().replace("title: En plan", "title: |\n  En\n  plan"))
    assert "en rad" in _only(repo, "AV103").message


def test_parties_once_each(repo):
    repo.doc("plan", parties="[Falu kommun, Falu kommun]")
    assert "två gånger" in _only(repo, "AV103").message


def test_registration_for_unknown_party_points_at_its_key(repo):
    repo.write("plans/plan.md", document().replace("parties: alla", "parties: alla\nregistrations:\n  Faluns kommun: KS 2026/1"))
    finding = _only(repo, "AV104")
    assert finding.line == 12


def test_decision_fields_are_checked(repo):
    decisions = "decisions:\n  Falu kommun:\n    body: Kommunstyrelsen\n    meeting_date: 2026-05-01\n    paragraph: noll\n    minutes_approved: 2026-05-08"
    repo.write("plans/plan.md", document().replace("parties: alla", "parties: alla\n" + decisions))
    finding = _only(repo, "AV103")
    assert finding.line == 15 and "heltal" in finding.message


def test_minutes_cannot_be_approved_before_the_meeting(repo):
    decisions = "decisions:\n  Falu kommun: {body: Kommunstyrelsen, meeting_date: 2026-05-01, paragraph: 4, minutes_approved: 2026-04-01}"
    repo.write("plans/plan.md", document().replace("parties: alla", "parties: alla\n" + decisions))
    assert "justeras" in _only(repo, "AV103").message


def test_front_matter_that_is_a_list(repo):
    repo.write("plans/plan.md", "---\n- a\n- b\n---\n")
    assert _only(repo, "AV013").line == 2
