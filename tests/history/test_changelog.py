"""Change logs from real temporary git repositories: versions, renames, merges, tags, odd histories."""

import json
import os
import subprocess

from conftest import document


def _log(git_repo, *args):
    result = git_repo.avtal("changelog", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def _bump(git_repo, version: str, body: str, message: str, doc_id: str = "plan", **fields):
    git_repo.doc(doc_id, body, version=f'"{version}"', change_note=f"Ändring till {version}.", **fields)
    return git_repo.commit(message)


def test_versions_and_their_commits_from_one_pass(git_repo):
    _bump(git_repo, "0.1", "Första.\n", "Första utkastet")
    _bump(git_repo, "0.1", "Första, rättat.\n", "Rätta stavfel (#3)")
    _bump(git_repo, "0.2", "Andra.\n", "Nytt avsnitt om tidplanen")
    log = _log(git_repo, "plan")
    assert [v["version"] for v in log["versions"]] == ["0.2", "0.1"]
    latest, first = log["versions"]
    assert (latest["first_date"], latest["last_date"], latest["status"]) == ("2026-10-03", "2026-10-03", "utkast")
    assert latest["change_note"] == "Ändring till 0.2."
    assert [c["subject"] for c in first["commits"]] == ["Rätta stavfel (#3)", "Första utkastet"]
    assert (first["first_date"], first["last_date"]) == ("2026-10-01", "2026-10-02")
    assert first["commits"][0]["pull_request"] == "#3" and first["commits"][1]["pull_request"] is None
    assert first["commits"][0]["author"] == "Anna Redaktör"


def test_a_document_is_followed_through_renames_and_moves(git_repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    git_repo.git("mv", "plans/plan.md", "plans/plan-gammal.md")
    git_repo.commit("Byt filnamn")
    _bump(git_repo, "0.2", "Ny text.\n", "Tillbaka till rätt namn")
    git_repo.git("rm", "-q", "plans/plan-gammal.md")
    git_repo.commit("Ta bort det gamla namnet")
    log = _log(git_repo, "plan")
    assert log["path"] == "plans/plan.md"
    subjects = [c["subject"] for v in log["versions"] for c in v["commits"]]
    assert subjects == ["Tillbaka till rätt namn", "Byt filnamn", "Första"]


def test_pull_requests_from_merges_squashes_and_gitlab(git_repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    git_repo.git("checkout", "-q", "-b", "forslag")
    _bump(git_repo, "0.2", "Förslag.\n", "Skriv förslaget")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "forslag", "-m", "Merge pull request #12 from region/forslag")
    git_repo.git("checkout", "-q", "-b", "gitlab")
    _bump(git_repo, "0.3", "Via GitLab.\n", "Ändring i GitLab")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "gitlab", "-m", "Merge branch 'gitlab' into 'main'\n\nSee merge request region/avtal!7")
    _bump(git_repo, "0.4", "Squash.\n", "Förtydliga ansvaret (#15)")
    prs = {c["subject"]: c["pull_request"] for v in _log(git_repo, "plan")["versions"] for c in v["commits"]}
    assert prs == {"Första": None, "Skriv förslaget": "#12", "Ändring i GitLab": "!7", "Förtydliga ansvaret (#15)": "#15"}


def test_merge_with_conflicting_versions(git_repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    git_repo.git("checkout", "-q", "-b", "a")
    _bump(git_repo, "0.2", "Gren a.\n", "Gren a")
    git_repo.git("checkout", "-q", "main")
    _bump(git_repo, "0.3", "Huvudgren.\n", "Huvudgren")
    git_repo.git("merge", "-q", "a", "-m", "Merge pull request #4 from region/a", check=False)
    _bump(git_repo, "0.4", "Sammanfogad.\n", "Merge pull request #4 from region/a")
    log = _log(git_repo, "plan")
    assert [v["version"] for v in log["versions"]] == ["0.4", "0.3", "0.2", "0.1"]
    assert log["versions"][2]["commits"][0]["pull_request"] == "#4"


def test_releases_and_document_tags(git_repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    git_repo.doc("annan", "Annan.\n")
    git_repo.commit("Annat dokument")
    git_repo.git("tag", "v0.1")
    _bump(git_repo, "0.2", "Ny.\n", "Andra versionen")
    git_repo.git("tag", "plan-v0.2")
    changelog = _log(git_repo)
    releases = [(r["tag"], [d["id"] for d in r["documents"]]) for r in changelog["releases"]]
    assert releases == [(None, ["plan"]), ("v0.1", ["annan", "plan"])]
    assert changelog["documents"]["plan"]["versions"][0]["tag"] == "plan-v0.2"
    index = git_repo.avtal("changelog").stdout
    assert "## Ännu inte släppt" in index and "## v0.1 – 2 oktober 2026" in index
    assert "### En plan (`plan`), version 0.2" in index


def test_uncommitted_work(git_repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    git_repo.doc("plan", "Ändrad men inte incheckad.\n", version='"0.2"')
    git_repo.doc("ny", "Ny.\n")
    changelog = _log(git_repo)
    assert changelog["documents"]["plan"]["uncommitted"] == {
        "version": "0.2", "status": "utkast", "change_note": None, "paths": ["plans/plan.md"]}
    assert changelog["documents"]["ny"]["versions"] == []
    text = git_repo.avtal("changelog", "plans/plan.md").stdout
    assert "## Ej incheckade ändringar" in text and "Version 0.2 (utkast)" in text


def test_data_changes_belong_to_their_document(git_repo):
    _bump(git_repo, "0.1", "\n[Risker](risker.yaml)\n", "Första")
    git_repo.write("plans/risker.yaml", "kind: risks\ndocument: plan\nitems:\n  - {id: R1, risk: x, probability: 1, "
                   "consequence: 1, measures: [y], owner: Styrgruppen, status: öppen}\n")
    git_repo.commit("Lägg till riskregistret")
    subjects = [c["subject"] for c in _log(git_repo, "plan")["versions"][0]["commits"]]
    assert subjects == ["Lägg till riskregistret", "Första"]


def test_empty_repository_detached_head_and_readded_file(git_repo):
    git_repo.doc("plan")
    empty = _log(git_repo)
    assert empty["head"] is None and empty["documents"]["plan"]["uncommitted"]["version"] == "0.1"
    first = _bump(git_repo, "0.1", "Text.\n", "Första")
    git_repo.git("rm", "-q", "plans/plan.md")
    git_repo.commit("Ta bort")
    _bump(git_repo, "0.2", "Tillbaka.\n", "Lägg tillbaka")
    git_repo.git("checkout", "-q", "--detach", "HEAD")
    log = _log(git_repo, "plan")
    assert [v["version"] for v in log["versions"]] == ["0.2", "0.1"]
    assert log["versions"][1]["commits"][0]["sha"] == first


def test_shallow_clone_warns_and_shows_what_is_there(git_repo, tmp_path):
    for n in range(1, 5):
        _bump(git_repo, f"0.{n}", f"Version {n}.\n", f"Version {n}")
    clone = tmp_path / "grund"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{git_repo.root}", str(clone)], check=True)
    result = git_repo.avtal("changelog", "plan", "--format", "json", cwd=clone)
    assert result.code == 0 and "grund klon" in result.stderr
    assert [v["version"] for v in json.loads(result.stdout)["versions"]] == ["0.4", "0.3"]
    check = git_repo.avtal("check", "--base", "HEAD~1", "--format", "json", cwd=clone)
    codes = [f["code"] for f in json.loads(check.stdout)]
    assert check.code == 0 and codes == ["AV604", "AV115"]  # the versions keep one date (rules/test_traps.py)
    build = git_repo.avtal("build", cwd=clone)
    assert build.code == 0 and (clone / "build" / "changelog" / "plan.md").is_file()


def test_unknown_document_and_no_git_are_usage_errors(git_repo, repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    unknown = git_repo.avtal("changelog", "pln")
    assert unknown.code == 2 and 'menade du "plan"?' in unknown.stderr
    repo.doc("plan")
    outside = repo.avtal("changelog")
    assert outside.code == 2 and "inte ett git-arkiv" in outside.stderr


def test_build_writes_the_change_logs(git_repo):
    _bump(git_repo, "0.1", "Text.\n", "Första")
    assert git_repo.avtal("build").code == 0
    folder = git_repo.root / "build" / "changelog"
    assert sorted(p.name for p in folder.iterdir()) == ["index.json", "index.md", "plan.json", "plan.md"]
    assert "# Ändringslogg: En plan" in (folder / "plan.md").read_text("utf-8")
    assert "| 2026-10-01 | Första | Anna Redaktör |  |" in (folder / "plan.md").read_text("utf-8")


def test_history_is_read_with_a_fixed_number_of_git_processes(git_repo, tmp_path):
    for n in range(30):
        git_repo.doc(f"plan-{n:02d}", f"Text {n}.\n")
    git_repo.commit("Trettio dokument")
    for n in range(30):
        git_repo.doc(f"plan-{n:02d}", f"Ny text {n}.\n", version='"0.2"')
        git_repo.commit(f"Version 0.2 av plan-{n:02d}")
    trace = tmp_path / "trace.txt"
    env_before = os.environ.get("GIT_TRACE")
    os.environ["GIT_TRACE"] = str(trace)
    try:
        assert git_repo.avtal("changelog", "--format", "json").code == 0
    finally:
        os.environ.pop("GIT_TRACE") if env_before is None else os.environ.update(GIT_TRACE=env_before)
    started = [line for line in trace.read_text().splitlines() if "trace: built-in: git" in line]
    assert len(started) <= 8, started


def test_changelog_of_this_repository():
    from conftest import REPO_ROOT

    result = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=REPO_ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        return  # not a git checkout (a source archive): nothing to read
    import sys

    log = subprocess.run([sys.executable, "-m", "avtal", "changelog", "overenskommelse", "--format", "json"],
                         cwd=REPO_ROOT, capture_output=True, text=True)
    assert log.returncode == 0, log.stderr
    assert json.loads(log.stdout)["versions"][-1]["version"] == "0.1"


def test_document_helper_still_makes_valid_documents(repo):
    repo.write("plans/plan.md", document())
    assert repo.check() == []


def test_without_git_the_change_logs_are_left_out(git_repo, tmp_path):
    import sys

    _bump(git_repo, "0.1", "Text.\n", "Första")
    env = {**os.environ, "PATH": str(tmp_path / "inget")}  # no git on the PATH
    run = lambda *args: subprocess.run([sys.executable, "-m", "avtal", *args], cwd=git_repo.root, env=env,  # noqa: E731
                                       capture_output=True, text=True)
    changelog = run("changelog")
    assert changelog.returncode == 2 and "git finns inte installerat" in changelog.stderr
    build = run("build")
    assert build.returncode == 0, build.stderr
    assert "ändringsloggarna byggs inte" in build.stderr and list((git_repo.root / "build" / "docx").glob("*.docx"))


def test_subjects_and_authors_are_cleaned_and_shown_as_text(git_repo):
    git_repo.doc("plan", "Text.\n", title='"Plan [x](javascript:alert(1))"')
    git_repo.git("add", "-A")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Eve \x1b[31m*fet* [x](javascript:alert(2))", "GIT_AUTHOR_EMAIL": "e@x.se",
           "GIT_COMMITTER_NAME": "Eve", "GIT_COMMITTER_EMAIL": "e@x.se",
           "GIT_AUTHOR_DATE": "2026-10-01T12:00:00+02:00", "GIT_COMMITTER_DATE": "2026-10-01T12:00:00+02:00"}
    subprocess.run(["git", "commit", "-q", "-m", "Rubrik \x1b[2J<script>alert(3)</script> | `kod` #4\x07"],
                   cwd=git_repo.root, env=env, check=True)
    (commit,) = _log(git_repo, "plan")["versions"][0]["commits"]
    assert commit["subject"] == "Rubrik [2J<script>alert(3)</script> | `kod` #4"  # no control characters
    assert commit["author"] == "Eve [31m*fet* [x](javascript:alert(2))"
    text = git_repo.avtal("changelog", "plan").stdout + git_repo.avtal("changelog").stdout
    assert "\x1b" not in text and "\x07" not in text
    assert "# Ändringslogg: Plan \\[x\\](javascript:alert(1))" in text
    subject = "Rubrik \\[2J&lt;script>alert(3)&lt;/script> \\| \\`kod\\` #4"
    assert f"| 2026-10-01 | {subject} | Eve \\[31m\\*fet\\* \\[x\\](javascript:alert(2)) |" in text
    assert f"- 2026-10-01 {subject}\n" in text  # the repository's log too


def test_old_front_matter_with_control_characters_is_cleaned_for_every_output(git_repo, tmp_path):
    """A YAML escape ("\\e", "\\x07") in a commit's front matter was never checked; the Word file still builds."""
    git_repo.doc("plan", "Text.\n", change_note='"Gammal \\e[31m\\x07 notering"', status='"ut\\x01kast"')
    git_repo.commit("Första")
    git_repo.doc("plan", "Text, ändrad.\n", version='"0.2"', change_note="Ny notering")
    git_repo.commit("Andra")
    old = _log(git_repo, "plan")["versions"][1]
    # Strict YAML puts a space where a control character was; no control character is left.
    assert (old["change_note"], old["status"]) == ("Gammal [31m notering", "ut kast")
    result = git_repo.avtal("docx", "plan", "-o", str(tmp_path / "plan.docx"))
    assert result.code == 0, result.stderr
