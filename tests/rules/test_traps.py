"""The small traps that let facts drift: a new version that keeps the old date, an annex without its
number in the title, and a YAML mistake that brings a second, knock-on finding."""

import re

import pytest

from conftest import GitRepo
from remiss.fixture import make_round


def test_a_new_version_with_the_same_date_is_a_warning_at_the_date(git_repo):
    git_repo.doc("plan", "Text.\n", version='"1.0"', status="remiss", date="2027-03-01")
    git_repo.commit("Remissversion")
    git_repo.doc("plan", "Ändrad text.\n", version='"1.1"', status="remiss", date="2027-03-01")
    result = git_repo.avtal("check", "--base", "main", "--format", "json")
    found = [(f["code"], f["line"], f["severity"]) for f in result.findings if f["code"] == "AV115"]
    assert found == [("AV115", 7, "warning")]
    git_repo.doc("plan", "Ändrad text.\n", version='"1.1"', status="remiss", date="2027-04-12")
    result = git_repo.avtal("check", "--base", "main", "--format", "json")
    assert "AV115" not in [f["code"] for f in result.findings]


def test_a_new_annex_gets_the_next_number_and_the_title_form_of_every_annex(repo):
    repo.avtal("new", "overenskommelse", "overenskommelse")
    repo.avtal("new", "bilaga", "bilaga-a")
    repo.avtal("new", "bilaga", "bilaga-b", "--title", "ansvar för hjälpmedel")
    repo.avtal("new", "bilaga", "bilaga-c", "--title", "Bilaga 9. Läkemedel")
    titles = {name: re.search(r"^title: (.*)$", (repo.root / "annexes" / f"{name}.md").read_text("utf-8"), re.M)
              .group(1) for name in ("bilaga-a", "bilaga-b", "bilaga-c")}
    assert titles == {"bilaga-a": '"Bilaga 1. Ämne"', "bilaga-b": '"Bilaga 2. Ansvar för hjälpmedel"',
                      "bilaga-c": '"Bilaga 3. Läkemedel"'}
    assert repo.avtal("check").code == 0


def test_an_annex_that_fails_to_load_keeps_its_number(repo):
    repo.avtal("new", "overenskommelse", "overenskommelse")
    repo.avtal("new", "bilaga", "bilaga-a")
    path = repo.root / "annexes" / "bilaga-a.md"
    path.write_text(path.read_text("utf-8").replace("status: utkast", "status: okänd"), encoding="utf-8")
    repo.avtal("new", "bilaga", "bilaga-b")
    assert "annex_number: 2" in (repo.root / "annexes" / "bilaga-b.md").read_text("utf-8")


@pytest.fixture
def round_repo(tmp_path) -> GitRepo:
    return make_round(GitRepo(tmp_path / "repo"))


@pytest.mark.parametrize("committed", [False, True])
def test_an_unquoted_colon_in_change_note_is_one_finding(round_repo, committed):
    """A new version whose change_note has an unquoted colon, which an answer says handled a comment."""
    path = round_repo.root / "agreement" / "overenskommelse.md"
    text = path.read_text("utf-8").replace('version: "0.3"', 'version: "0.4"', 1)
    path.write_text(text.replace("status:", "change_note: Ändrat: texten om ansvar\nstatus:", 1), encoding="utf-8")
    answer = round_repo.root / "remiss" / "2027-1" / "svar" / "falu-kommun.yaml"
    answer.write_text(answer.read_text("utf-8").replace('handled_in: "0.3"', 'handled_in: "0.4"', 1), encoding="utf-8")
    if committed:
        round_repo.commit("Version 0.4")
    result = round_repo.avtal("check", "--format", "json")
    errors = [(f["path"], f["code"]) for f in result.findings if f["severity"] == "error"]
    assert errors == [("agreement/overenskommelse.md", "AV009")]
    assert "?" not in "".join(f["message"] for f in result.findings if f["code"] != "AV009")
