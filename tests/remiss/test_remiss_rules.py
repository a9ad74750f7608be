"""`avtal check` on a round and its answers: each mistake an error at its file and line, with exit 1,
and nothing changed; the remiss versions come from the history, and git is read only for a round."""

from __future__ import annotations

import pytest

from conftest import GitRepo
from remiss.fixture import FALU, REGION, ROUND, ROUND_YAML, make_round

SVAR = f"remiss/{ROUND}/svar"


@pytest.fixture
def round_repo(tmp_path) -> GitRepo:
    return make_round(GitRepo(tmp_path / "repo"))


def files(repo) -> dict[str, str]:
    """The repository's files (git's own folder, where the history's cache lives, left out)."""
    return {path: digest for path, digest in repo.snapshot().items() if not path.startswith(".git/")}


def _errors(repo: GitRepo, expected_code: str) -> list[tuple[str, int, str]]:
    """The findings of the real command line, which must exit 1 and change no file."""
    before = files(repo)
    result = repo.avtal("check", "--format", "json")
    assert result.code == 1, result.stdout + result.stderr
    assert files(repo) == before
    found = [(f["path"], f["line"], f["message"]) for f in result.findings if f["code"] == expected_code]
    assert found, result.stdout
    return found


def test_the_fixture_round_is_valid_and_the_late_answer_is_a_warning(round_repo):
    result = round_repo.avtal("check", "--format", "json")
    assert result.code == 0, result.stdout
    assert [(f["path"], f["line"], f["code"]) for f in result.findings if f["code"].startswith("AV8")] == [
        (f"{SVAR}/region-dalarna.yaml", 2, "AV816")]


def test_an_unknown_recipient(round_repo):
    round_repo.write(f"{SVAR}/falu-kommun.yaml", FALU.replace("recipient: Falu kommun", "recipient: Faluns kommun"))
    assert _errors(round_repo, "AV810") == [
        (f"{SVAR}/falu-kommun.yaml", 1,
         '"Faluns kommun" är ingen remissinstans i omgången 2027-1; menade du "Falu kommun"?; remissinstanserna står i '
         "remiss/2027-1/remiss.yaml")]


def test_an_unknown_question(round_repo):
    round_repo.write(f"{SVAR}/falu-kommun.yaml", FALU.replace("  - question: f2", "  - question: f9"))
    [(path, line, message)] = _errors(round_repo, "AV812")
    assert (path, line) == (f"{SVAR}/falu-kommun.yaml", 17)
    assert 'ingen fråga "f9"' in message and "f1, f2, f3" in message


def test_a_section_that_exists_only_in_the_current_text(round_repo):
    round_repo.write(f"{SVAR}/region-dalarna.yaml",
                     REGION.replace("bilaga-lakemedel#overlamning", "bilaga-lakemedel#ny-rutin"))
    [(path, line, message)] = _errors(round_repo, "AV813")
    assert (path, line) == (f"{SVAR}/region-dalarna.yaml", 11)
    assert message.startswith('Avsnittet "ny-rutin" finns i den nuvarande texten av bilaga-lakemedel men inte i '
                              "remissversionen 0.2")


def test_a_section_renamed_since_the_remiss_still_counts_and_a_removed_one_too(round_repo):
    # "ordination" was renamed in 0.3 and "overlamning" removed: both were sent, so both are fine.
    round_repo.write(f"{SVAR}/region-dalarna.yaml", REGION + "  - section: bilaga-lakemedel#ordination\n"
                                                           "    comment: Bra.\n")
    assert round_repo.avtal("check").code == 0


def test_a_stance_outside_the_vocabulary(round_repo):
    round_repo.write(f"{SVAR}/region-dalarna.yaml", REGION.replace("stance: avstår", "stance: instämmer"))
    [(path, line, message)] = _errors(round_repo, "AV814")
    assert (path, line) == (f"{SVAR}/region-dalarna.yaml", 9)
    assert message.startswith('Okänt ställningstagande "instämmer": ange ett av tillstyrker, tillstyrker med '
                              "ändringar, avstyrker, ingen erinran, avstår")


def test_an_assessment_outside_the_vocabulary(round_repo):
    round_repo.write(f"{SVAR}/falu-kommun.yaml", FALU.replace("outcome: beaktas delvis", "outcome: delvis"))
    [(path, line, message)] = _errors(round_repo, "AV815")
    assert (path, line) == (f"{SVAR}/falu-kommun.yaml", 24)
    assert 'menade du "beaktas delvis"?' in message


def test_a_compiled_round_needs_an_assessment_of_every_comment(round_repo):
    round_repo.write(f"remiss/{ROUND}/remiss.yaml", ROUND_YAML.replace("deadline: 2027-05-31",
                                                                      "deadline: 2027-05-31\ncompiled: 2027-06-15"))
    assert _errors(round_repo, "AV817") == [
        (f"{SVAR}/region-dalarna.yaml", 11,
         "Omgången är sammanställd (2027-06-15) men synpunkten saknar bedömning (assessment)")]


def test_where_a_comment_was_handled_must_exist(round_repo):
    round_repo.write(f"{SVAR}/falu-kommun.yaml", FALU.replace('handled_in: "0.3"', 'handled_in: "0.9"', 1)
                     .replace('      handled_in: "0.3"\n  - section: bilaga', '      handled_in: "abcdef1"\n  - section: bilaga'))
    found = _errors(round_repo, "AV818")
    assert [(line, message) for _, line, message in found] == [
        (16, "overenskommelse har ingen version 0.9 efter remissversionen 0.2 (senare versioner: 0.3)"),
        (26, "Incheckningen abcdef1 finns inte i arkivet")]


def test_a_sent_version_that_never_had_status_remiss_or_never_existed(round_repo):
    round_repo.write(f"remiss/{ROUND}/remiss.yaml", ROUND_YAML.replace('  - id: bilaga-lakemedel\n    version: "0.2"',
                                                                      '  - id: bilaga-lakemedel\n    version: "0.1"')
                     .replace('  - id: implementeringsplan\n    version: "0.2"', '  - id: implementeringsplan\n    version: "0.7"'))
    [(_, line, message)] = _errors(round_repo, "AV804")
    assert line == 12 and message.startswith("Version 0.1 av bilaga-lakemedel har status utkast")
    [(_, line, message)] = _errors(round_repo, "AV803")
    assert line == 14 and "har aldrig haft version 0.7" in message


def test_duplicates_and_a_misnamed_answer_and_a_stray_file(round_repo):
    round_repo.write(f"remiss/{ROUND}/remiss.yaml", ROUND_YAML.replace("  - Mora kommun\n", "  - Mora kommun\n  - Falu kommun\n")
                     .replace("  - id: anhorigforeningen", "  - id: borlange-kommun"))
    round_repo.write(f"{SVAR}/mora.yaml", REGION.replace("recipient: Region Dalarna", "recipient: Mora kommun"))
    round_repo.write(f"remiss/{ROUND}/bedomning.yaml", "x: 1\n")
    messages = {(path, line, message) for path, line, message in _errors(round_repo, "AV805")}
    assert messages == {(f"remiss/{ROUND}/remiss.yaml", 20, '"Falu kommun" står två gånger bland remissinstanserna'),
                        (f"remiss/{ROUND}/remiss.yaml", 22, 'Id "borlange-kommun" är redan en parts id; ge remissinstansen '
                                                            "ett annat id")}
    assert _errors(round_repo, "AV811") == [(f"{SVAR}/mora.yaml", 1, "Svaret från Mora kommun ska heta "
                                                                  "svar/mora-kommun.yaml, inte svar/mora.yaml")]
    result = round_repo.avtal("check", "--format", "json")
    assert [f["path"] for f in result.findings if f["code"] == "AV807"] == [f"remiss/{ROUND}/bedomning.yaml"]


def test_answers_without_a_round_file_and_a_bad_round_id(round_repo):
    round_repo.write("remiss/Vår 2027/svar/falu-kommun.yaml", FALU)
    codes = {(f["path"], f["code"]) for f in round_repo.avtal("check", "--format", "json").findings}
    assert ("remiss/Vår 2027/remiss.yaml", "AV802") in codes and ("remiss/Vår 2027/remiss.yaml", "AV801") in codes


def test_editing_answers_is_no_change_to_any_document(round_repo):
    """The version discipline and the change logs never see remiss/: an answer is no document's text."""
    round_repo.write(f"{SVAR}/falu-kommun.yaml", FALU.replace("Läkarmedverkan behöver preciseras.", "Annat."))
    round_repo.commit("Ett svar rättat")
    assert round_repo.avtal("check", "--base", "HEAD~1").code == 0
    log = round_repo.avtal("changelog", "overenskommelse", "--format", "json")
    assert "Ett svar rättat" not in log.stdout and "Version 0.3" in log.stdout


def test_without_a_round_check_reads_no_git(repo):
    """A repository outside git with no round: the remiss rule has nothing to do and asks nothing."""
    repo.doc("plan")
    assert repo.avtal("check").code == 0


def test_a_round_outside_git_accepts_the_working_trees_remiss_version(repo):
    repo.doc("plan", status="remiss")
    repo.write("remiss/r1/remiss.yaml", "title: Remiss\nsender: Styrgruppen\ncontact: Omställningsledare\n"
                                        "sent: 2027-04-01\ndeadline: 2027-05-31\ndocuments:\n  - id: plan\n"
                                        '    version: "0.1"\nrecipients: alla\nquestions:\n  - id: f1\n'
                                        "    question: Tillstyrker ni?\n")
    assert repo.avtal("check").code == 0
    repo.write("remiss/r1/remiss.yaml", (repo.root / "remiss/r1/remiss.yaml").read_text("utf-8")
               .replace('version: "0.1"', 'version: "0.2"'))
    result = repo.avtal("check", "--format", "json")
    assert [f["code"] for f in result.findings if f["code"].startswith("AV8")] == ["AV803"]
