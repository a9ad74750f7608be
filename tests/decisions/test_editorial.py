"""Editorial or material (issue 26, point 1): an editorial version keeps the parties' decisions; a version
called editorial that changes a word of meaning is refused, naming the word."""

from __future__ import annotations

import pytest
from decided import fingerprint_line

from conftest import GitRepo, document

PARTIES = ["Region Dalarna", "Mora kommun"]
TEXT = ("## Ansvar {#ansvar}\n\nKommunen kan ge hälso- och sjukvård i hemmet enligt ansvarsfördelnig och "
        "överenskommelse.\n\nLänschefsnätverket följer upp arbetet varje år.\n")
DECISION = ("    {party}: {{body: {body}, meeting_date: 2027-05-{day}, paragraph: 12, minutes_approved: 2027-05-{day}, "
            'version: "1.0", fingerprint: "{fp}"}}\n')


def _plan(version: str, body: str, status: str = "utkast", extra: dict | None = None) -> str:
    parties = "[" + ", ".join(f'"{p}"' for p in PARTIES) + "]"
    return document(body, id="planen", title="Planen", version=f'"{version}"', status=status, parties=parties,
                    **(extra or {}))


def _decided(fp: str, kind: str = "materiell") -> dict:
    decisions = "\n" + "".join(
        DECISION.format(party=p, body="Kommunfullmäktige" if "kommun" in p else "Regionfullmäktige", day=10 + i, fp=fp)
        for i, p in enumerate(PARTIES)).rstrip("\n")
    return {"change_kind": kind, "decisions": decisions}


@pytest.fixture
def decided(git_repo: GitRepo, tmp_path) -> tuple[GitRepo, str]:
    repo = git_repo
    repo.write("schema/organ.yaml", (repo.root / "schema" / "organ.yaml").read_text("utf-8")
               + "renamed:\n  - {old: Länschefsnätverket, new: Länsnätverket för förvaltningschefer}\n")
    repo.write("plans/planen.md", _plan("1.0", TEXT))
    repo.commit("Version 1.0 inför beslut")
    assert repo.avtal("docx", "planen", "-o", str(tmp_path / "planen.docx")).code == 0
    fp = fingerprint_line(repo.avtal("verify", str(tmp_path / "planen.docx")).stdout)
    repo.write("plans/planen.md", _plan("1.0", TEXT, "beslutad", _decided(fp)))
    repo.commit("Version 1.0 beslutad av båda parter")
    assert [f.code for f in repo.check() if f.severity.value == "error"] == []
    return repo, fp


def _editorial(repo: GitRepo, text: str, with_decision: bool = True, fingerprint: str | None = None) -> list:
    fp = f', fingerprint: "{fingerprint}"' if fingerprint else ""
    decided_fp = next(line for line in (repo.root / "plans/planen.md").read_text("utf-8").splitlines()
                      if "fingerprint" in line).split('fingerprint: "')[1].split('"')[0]
    extra = _decided(decided_fp, "redaktionell")
    if with_decision:
        extra["editorial_decision"] = ("{body: Regionstyrelsen, meeting_date: 2027-09-01, paragraph: 3, "
                                       f'minutes_approved: 2027-09-02, version: "1.1"{fp}}}')
    repo.write("plans/planen.md", _plan("1.1", text, "beslutad", extra))
    return [f for f in repo.check() if f.severity.value == "error"]


def test_an_editorial_version_with_a_corrected_spelling_keeps_the_decisions(decided):
    repo, _ = decided
    corrected = TEXT.replace("ansvarsfördelnig", "ansvarsfördelning").replace("hemmet enligt", "hemmet, enligt")
    corrected = corrected.replace("Länschefsnätverket", "Länsnätverket för förvaltningschefer")
    assert _editorial(repo, corrected) == []


def test_an_editorial_version_that_changes_a_word_of_meaning_is_refused_naming_the_word(decided):
    repo, _ = decided
    errors = _editorial(repo, TEXT.replace("Kommunen kan", "Kommunen ska"))
    assert [f.code for f in errors] == ["AV902"]
    assert '"kan" har blivit "ska"' in errors[0].message and "jämfört med version 1.0" in errors[0].message


@pytest.mark.parametrize("change", [("varje år", "vartannat år"), ("Kommunen kan", "Regionen kan"),
                                    ("ansvarsfördelnig", "ansvarsfördelningen"), (" och överenskommelse", "")])
def test_what_is_not_editorial(decided, change):
    repo, _ = decided
    assert [f.code for f in _editorial(repo, TEXT.replace(*change))] == ["AV902"]


def test_an_editorial_version_needs_the_mandated_bodys_decision(decided):
    repo, _ = decided
    errors = _editorial(repo, TEXT.replace("ansvarsfördelnig", "ansvarsfördelning"), with_decision=False)
    assert [f.code for f in errors] == ["AV904"]


def test_a_decided_document_says_its_change_kind_and_a_first_version_is_not_editorial(git_repo):
    git_repo.write("plans/planen.md", _plan("0.1", TEXT, extra={"change_kind": "redaktionell"}))
    git_repo.commit("Första versionen")
    assert [f.code for f in git_repo.check() if f.severity.value == "error"] == ["AV903"]



def test_the_mandated_bodys_decision_names_the_editorial_versions_text(decided):
    repo, _ = decided
    errors = _editorial(repo, TEXT.replace("ansvarsfördelnig", "ansvarsfördelning"), fingerprint="sha256:" + "0" * 64)
    assert [f.code for f in errors] == ["AV904"] and "inte den nuvarande textens" in errors[0].message


# -- avtal gällande (issue 26, point 2) -------------------------------------------------------


def _in_force(repo: GitRepo, party: str, day: str) -> str:
    result = repo.avtal("gällande", "--party", party, "--date", day)
    assert result.code == 0, result.stdout + result.stderr
    return next(line for line in result.stdout.splitlines() if "(planen)" in line).strip()


def test_in_force_for_two_parties_before_the_decision_after_it_and_after_an_editorial_version(decided):
    repo, _ = decided
    assert _editorial(repo, TEXT.replace("ansvarsfördelnig", "ansvarsfördelning")) == []
    repo.commit("Version 1.1: en stavning rättad")
    for party in PARTIES:
        assert _in_force(repo, party, "2027-05-01") == "Planen (planen): ingen version gäller (version 1.0 gäller " \
                                                       "först från 11 maj 2027)"
        assert _in_force(repo, party, "2027-06-01") == "Planen (planen): version 1.0 gäller från 11 maj 2027 till " \
                                                       "och med 1 september 2027"
        assert _in_force(repo, party, "2027-10-01") == "Planen (planen): version 1.1 gäller från 2 september 2027, " \
                                                       "en redaktionell ändring av den beslutade version 1.0"
    assert _in_force(repo, "Falu kommun", "2027-10-01") == "Planen (planen): ingen version gäller (Falu kommun är " \
                                                           "inte part i dokumentet)"


def test_in_force_refuses_an_unknown_party_and_a_wrong_date(decided):
    repo, _ = decided
    unknown = repo.avtal("gällande", "--party", "Mora kommu")
    assert unknown.code == 2 and 'menade du "Mora kommun"' in unknown.stderr
    wrong = repo.avtal("gallande", "--party", "Mora kommun", "--date", "2027-13-01")
    assert wrong.code == 2 and "ÅÅÅÅ-MM-DD" in wrong.stderr


def test_the_site_shows_the_version_in_force_on_the_built_commits_day(decided, tmp_path):
    import os
    import shutil
    import subprocess

    from conftest import REPO_ROOT

    repo, _ = decided
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    assert _editorial(repo, TEXT.replace("ansvarsfördelnig", "ansvarsfördelning")) == []
    repo.git("add", "-A")
    stamp = "2027-10-01T12:00:00+02:00"  # the built commit's day is the page's day
    subprocess.run(["git", "commit", "-q", "-m", "Version 1.1"], cwd=repo.root, check=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
                        "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org",
                        "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    result = repo.avtal("build", "--out", str(tmp_path / "bygge"))
    assert result.code == 0, result.stdout + result.stderr
    site = tmp_path / "bygge" / "site"
    page = (site / "gallande" / "index.html").read_text("utf-8")
    assert "den 1 oktober 2027" in page
    import re

    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)]
    assert ["Mora kommun", "1.1 (redaktionell ändring av 1.0)", "2 september 2027", "tills vidare"] in rows
    plan = (site / "plans" / "planen" / "index.html").read_text("utf-8")
    assert "Gäller: version 1.1 sedan 2 september 2027" in plan


def test_verify_of_an_editorial_versions_file_names_the_decided_version_and_the_changes(decided, tmp_path):
    repo, _ = decided
    assert _editorial(repo, TEXT.replace("ansvarsfördelnig", "ansvarsfördelning")) == []
    repo.commit("Version 1.1: en stavning rättad")
    assert repo.avtal("docx", "planen", "-o", str(tmp_path / "v11.docx")).code == 0
    result = repo.avtal("verify", str(tmp_path / "v11.docx"))
    assert result.code == 0, result.stdout + result.stderr
    assert "version 1.1" in result.stdout
    assert "en redaktionell version av den beslutade version 1.0 (beslutad av 2 av 2 parter)" in result.stdout
    assert "ansvarsfördelnig → ansvarsfördelning" in result.stdout
