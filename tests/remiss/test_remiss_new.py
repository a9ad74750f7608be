"""`avtal remiss new`: a valid start of a round, from the documents with status remiss."""

from __future__ import annotations

from conftest import GitRepo
from remiss.fixture import write_version


def _repo(git_repo: GitRepo) -> GitRepo:
    write_version(git_repo, "0.1")
    git_repo.commit("Version 0.1")
    write_version(git_repo, "0.2")  # status remiss
    git_repo.commit("Version 0.2 på remiss")
    return git_repo


def test_new_writes_a_round_that_passes_the_check(git_repo):
    repo = _repo(git_repo)
    result = repo.avtal("remiss", "new", "2027-1", "--deadline", "2027-05-31", "--sent", "2027-04-01")
    assert result.code == 0, result.stderr
    assert "Skapade remiss/2027-1/remiss.yaml (3 dokument, 16 remissinstanser, 3 frågor)" in result.stdout
    text = (repo.root / "remiss/2027-1/remiss.yaml").read_text("utf-8")
    assert 'title: "Remiss av förslaget till överenskommelse om hälso- och sjukvård i hemmet"' in text
    assert "sent: 2027-04-01\ndeadline: 2027-05-31\n" in text
    assert text.index("id: overenskommelse") < text.index("id: bilaga-lakemedel") < text.index("id: implementeringsplan")
    assert text.count('    version: "0.2"') == 3
    assert text.count("\n  - \"") == 16 and '  - "Region Dalarna"' in text and '  - "Älvdalens kommun"' in text
    assert '    question: "Tillstyrker ni förslaget till överenskommelse om hälso- och sjukvård i hemmet?"' in text
    check = repo.avtal("check", "--format", "json")
    assert check.code == 0 and not [f for f in check.findings if f["path"].startswith("remiss/")]


def test_new_takes_the_documents_named_and_refuses_what_is_not_on_remiss(git_repo):
    repo = _repo(git_repo)
    result = repo.avtal("remiss", "new", "r2", "--deadline", "2099-05-31", "--documents", "bilaga-lakemedel")
    assert result.code == 0, result.stderr
    text = (repo.root / "remiss/r2/remiss.yaml").read_text("utf-8")
    assert "id: bilaga-lakemedel" in text and "id: overenskommelse" not in text
    assert 'title: "Remiss av förslaget till läkemedel i hemmet"' in text
    repo.write("plans/utkast.md", (repo.root / "plans/implementeringsplan.md").read_text("utf-8")
               .replace("id: implementeringsplan", "id: utkast").replace("status: remiss", "status: utkast"))
    refused = repo.avtal("remiss", "new", "r3", "--deadline", "2099-05-31", "--documents", "utkast")
    assert refused.code == 2 and "utkast har status utkast i version 0.2" in refused.stderr
    assert not (repo.root / "remiss/r3").exists()


def test_new_never_overwrites_and_checks_its_arguments(git_repo):
    repo = _repo(git_repo)
    assert repo.avtal("remiss", "new", "2027-1", "--deadline", "2027-05-31", "--sent", "2027-04-01").code == 0
    before = (repo.root / "remiss/2027-1/remiss.yaml").read_bytes()
    again = repo.avtal("remiss", "new", "2027-1", "--deadline", "2027-06-30", "--sent", "2027-04-01")
    assert again.code == 1 and "remiss/2027-1/ finns redan; inget skrevs" in again.stderr
    assert (repo.root / "remiss/2027-1/remiss.yaml").read_bytes() == before
    for args, message in ((["Vår 2027", "--deadline", "2027-05-31"], "inget giltigt id"),
                          (["r4", "--deadline", "31/5"], '"31/5" är inget datum'),
                          (["r4", "--deadline", "2027-03-01", "--sent", "2027-04-01"], "ligger före utskicket")):
        result = repo.avtal("remiss", "new", *args)
        assert result.code == 2 and message in result.stderr, result.stderr


def test_new_without_documents_on_remiss_says_what_to_do(repo):
    repo.doc("plan")
    result = repo.avtal("remiss", "new", "2027-1", "--deadline", "2027-05-31")
    assert result.code == 2 and "inget dokument har status remiss" in result.stderr
    assert not (repo.root / "remiss").exists()
