"""Rules across documents: ids, file names, folders, annexes, validity, parties and their bodies."""

from conftest import document

DECISION = "{body: %s, meeting_date: 2027-05-01, paragraph: 12, minutes_approved: 2027-05-08}"


def test_file_name_follows_id(repo):
    repo.write("plans/annan.md", document(id="plan"))
    assert repo.codes() == [("plans/annan.md", 2, "AV108")]


def test_document_in_the_wrong_folder(repo):
    repo.write("annexes/plan.md", document())
    assert repo.codes() == [("annexes/plan.md", 4, "AV109")]


def test_duplicate_ids_are_reported_on_both(repo):
    repo.write("plans/plan.md", document())
    repo.write("plans/plan-2.md", document())
    codes = [c for c in repo.codes() if c[2] == "AV107"]
    assert codes == [("plans/plan-2.md", 2, "AV107"), ("plans/plan.md", 2, "AV107")]


def test_annex_needs_number_and_agreement(repo):
    repo.doc("overenskommelse", type="överenskommelse")
    repo.doc("bilaga-a", type="bilaga")
    (finding,) = repo.check()
    assert finding.code == "AV110" and "annex_number och annex_of" in finding.message


def test_annex_numbers_are_unique_and_annex_of_is_an_agreement(repo):
    repo.doc("overenskommelse", type="överenskommelse")
    repo.doc("bilaga-a", type="bilaga", annex_number=1, annex_of="overenskommelse")
    repo.doc("bilaga-b", type="bilaga", annex_number=1, annex_of="overenskommelse")
    repo.doc("bilaga-c", type="bilaga", annex_number=2, annex_of="bilaga-a")
    repo.doc("bilaga-d", type="bilaga", annex_number=3, annex_of="finns-inte")
    assert repo.codes() == [
        ("annexes/bilaga-b.md", 11, "AV110"),
        ("annexes/bilaga-c.md", 12, "AV110"),
        ("annexes/bilaga-d.md", 12, "AV205"),
    ]


def test_only_annexes_have_annex_numbers(repo):
    repo.doc("plan", annex_number=2)
    assert repo.codes() == [("plans/plan.md", 11, "AV110")]


def test_validity_runs_forwards(repo):
    repo.doc("plan", valid_from="2027-07-01", valid_until="2027-01-01")
    assert repo.codes() == [("plans/plan.md", 12, "AV111")]


def test_registrations_only_for_the_documents_parties(repo):
    repo.write("plans/plan.md", document().replace("parties: alla", "parties: [Region Dalarna]\nregistrations:\n  Mora kommun: KS 1"))
    assert repo.codes() == [("plans/plan.md", 12, "AV112")]


def test_decision_body_belongs_to_the_party(repo):
    decisions = "decisions:\n  Region Dalarna: " + DECISION % "Kommunstyrelsen"
    repo.write("plans/plan.md", document().replace("parties: alla", "parties: [Region Dalarna]\n" + decisions))
    (finding,) = [f for f in repo.check() if f.code != "AV707"]  # AV707: no fingerprint yet (decisions/)
    assert (finding.code, finding.line) == ("AV106", 12)
    assert "Region Dalarna" in finding.message


def test_supersedes_and_related_name_existing_documents(repo):
    repo.doc("plan", related="[plan, annan-plan]", supersedes="[gammal]")
    assert [c[2] for c in repo.codes()] == ["AV205", "AV205", "AV205"]
