"""Version discipline against a base revision: `avtal check --base REV`, each rule at `version:`."""

DECISIONS = "decisions:\n  Region Dalarna: {body: Regionstyrelsen, meeting_date: 2027-06-01, paragraph: 7, minutes_approved: 2027-06-08}\n"


def _doc(git_repo, body: str, version: str, status: str = "utkast", **fields):
    extra = {}
    if status == "beslutad":
        extra["parties"] = "[Region Dalarna]\n" + DECISIONS.rstrip("\n")
        extra["change_kind"] = "materiell"
    git_repo.doc("plan", body, version=f'"{version}"', status=status, **{**extra, **fields})


def _findings(git_repo, base: str = "main"):
    result = git_repo.avtal("check", "--base", base, "--format", "json")
    assert result.code in (0, 1), result.stderr
    return [(f["code"], f["line"]) for f in result.findings if f["code"].startswith("AV6")]


def test_changed_text_needs_a_higher_version(git_repo):
    _doc(git_repo, "Text.\n", "1.0", "remiss")
    git_repo.commit("Remissversion")
    _doc(git_repo, "Ändrad text.\n", "1.0", "remiss")
    assert _findings(git_repo) == [("AV601", 5)]
    _doc(git_repo, "Ändrad text.\n", "1.1", "remiss")
    assert _findings(git_repo) == []


def test_a_draft_may_change_within_its_version(git_repo):
    _doc(git_repo, "Text.\n", "0.3")
    git_repo.commit("Utkast")
    _doc(git_repo, "Ändrad text.\n", "0.3")
    assert _findings(git_repo) == []


def test_a_draft_sent_on_remiss_without_a_new_version_is_caught(git_repo):
    _doc(git_repo, "Text.\n", "0.3")
    git_repo.commit("Utkast")
    _doc(git_repo, "Ändrad text.\n", "0.3", "remiss")
    assert _findings(git_repo) == [("AV601", 5)]


def test_metadata_alone_needs_no_new_version(git_repo):
    _doc(git_repo, "Text.\n", "1.0", "remiss")
    git_repo.commit("Remiss")
    _doc(git_repo, "Text.\n", "1.0", "remiss", registrations="\n  Region Dalarna: RD 2027/12")
    assert _findings(git_repo) == []


def test_changed_data_needs_a_higher_version(git_repo):
    _doc(git_repo, "\n[Risker](risker.yaml)\n", "1.0", "remiss")
    risk = ("kind: risks\ndocument: plan\nitems:\n  - {id: R1, risk: x, probability: %d, consequence: 1, "
            "measures: [y], owner: Styrgruppen, status: öppen}\n")
    git_repo.write("plans/risker.yaml", risk % 1)
    git_repo.commit("Remiss med risker")
    git_repo.write("plans/risker.yaml", risk % 4)
    assert _findings(git_repo) == [("AV601", 5)]


def test_a_version_never_goes_down(git_repo):
    _doc(git_repo, "Text.\n", "1.2", "remiss")
    git_repo.commit("Version 1.2")
    _doc(git_repo, "Text.\n", "1.10", "remiss")
    git_repo.commit("Version 1.10")
    base = git_repo.git("rev-parse", "HEAD")
    _doc(git_repo, "Annan text.\n", "1.9", "remiss")
    assert _findings(git_repo, base) == [("AV602", 5)]


def test_lower_than_any_version_in_history(git_repo):
    _doc(git_repo, "Text.\n", "0.5")
    git_repo.commit("Version 0.5")
    git_repo.git("rm", "-q", "plans/plan.md")
    git_repo.commit("Borttagen")
    base = git_repo.git("rev-parse", "HEAD")
    _doc(git_repo, "Tillbaka.\n", "0.2")
    assert _findings(git_repo, base) == [("AV602", 5)]


def test_the_text_of_a_decided_version_never_changes(git_repo):
    _doc(git_repo, "Beslutad text.\n", "1.0", "beslutad")
    git_repo.commit("Beslutad")
    _doc(git_repo, "Beslutad text.\n", "1.0", "upphävd")
    git_repo.commit("Upphävd")
    base = git_repo.git("rev-parse", "HEAD")
    _doc(git_repo, "Smygändrad text.\n", "1.0", "upphävd")
    codes = _findings(git_repo, base)
    assert ("AV603", 5) in codes
    _doc(git_repo, "Smygändrad text.\n", "1.1", "utkast")
    assert _findings(git_repo, base) == []


def test_unknown_base_is_a_usage_error(git_repo):
    _doc(git_repo, "Text.\n", "0.1")
    git_repo.commit("Första")
    result = git_repo.avtal("check", "--base", "origin/main")
    assert result.code == 2 and "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr


def test_check_without_base_reads_no_history(git_repo):
    _doc(git_repo, "Text.\n", "1.0", "remiss")
    git_repo.commit("Remiss")
    _doc(git_repo, "Ändrad.\n", "1.0", "remiss")
    assert git_repo.avtal("check").code == 0
