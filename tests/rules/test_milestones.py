"""The order of milestones (after, with a least distance in months) and the honest status of passed ones."""

import shutil
import subprocess

from conftest import REPO_ROOT

PLAN = """\
kind: milestones
document: plan
period: {start: 2026-01-01, end: 2029-12-31}
items:
  - id: M1
    when: 2028-01-01
    deliverable: Start
    responsible: Styrgruppen
  - id: M2
    when: WHEN
    deliverable: Uppföljning efter det första halvåret
    responsible: Styrgruppen
    after: [{id: M1, months: 6}]
  - id: M3
    when: 2028-Q1
    deliverable: Samma kvartal
    responsible: Styrgruppen
    after: [M1]
"""


def _plan(repo, when: str, date: str = "2026-11-22"):
    repo.doc("plan", "\n[Milstolparna](milstolpar.yaml)\n", date=date)
    repo.write("plans/milstolpar.yaml", PLAN.replace("WHEN", when))


def test_a_milestone_before_the_distance_it_must_keep_is_one_error_at_its_time_naming_both(repo):
    _plan(repo, "2028-Q2")
    findings = [f for f in repo.check() if f.code.startswith("AV50")]
    assert [(f.code, f.path, f.line) for f in findings] == [("AV506", "plans/milstolpar.yaml", 10)]
    assert "M2 (2028-Q2)" in findings[0].message and "M1 (2028-01-01)" in findings[0].message
    assert "2028-07-01" in findings[0].message


def test_a_quarter_that_can_reach_the_distance_is_possible(repo):
    _plan(repo, "2028-Q3")
    assert repo.codes() == []


def test_an_unknown_or_own_id_in_after_is_an_error_with_the_nearest_id(repo):
    _plan(repo, "2028-Q3")
    text = (repo.root / "plans/milstolpar.yaml").read_text().replace("after: [M1]", "after: [M3, m1]")
    repo.write("plans/milstolpar.yaml", text)
    findings = [f for f in repo.check() if f.code == "AV507"]
    assert [(f.line, f.message) for f in findings] == [
        (18, "M3 ska komma efter sig själv"), (18, 'M3 ska komma efter "m1", som inte finns i filen; menade du "M1"?')]


def test_a_passed_milestone_without_a_report_is_not_reported_and_an_upplysning(repo):
    _plan(repo, "2028-Q3", date="2028-11-22")
    text = (repo.root / "plans/milstolpar.yaml").read_text()
    text = text.replace("    deliverable: Samma kvartal\n", "    deliverable: Samma kvartal\n    done: false\n"
                        "    evidence: Styrgruppens protokoll 2028-04-02, § 4\n")
    repo.write("plans/milstolpar.yaml", text)
    findings = [f for f in repo.check() if f.code == "AV508"]
    assert [(f.severity.value, f.message.split(" har ")[0]) for f in findings] == [
        ("info", "M1 (2028-01-01)"), ("info", "M2 (2028-Q3)")]
    assert "Styrgruppen" in findings[0].message
    from avtal.render.markup import document_markdown
    from avtal.source.load import load_corpus

    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    corpus = load_corpus(repo.root)
    html = document_markdown(repo.root, corpus, "plans/plan.md").convert(corpus.by_id["plan"].body_text)
    assert html.count("<td>Passerad, ej rapporterad</td>") == 2 and html.count("<td>Passerad, ej uppnådd</td>") == 1


def test_in_the_repository_a_milestone_moved_before_the_one_it_follows_is_one_error(tmp_path):
    """The real plan: M19, the follow-up after the first half-year, moved into the first half-year."""
    copy = tmp_path / "arkiv"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO_ROOT / name, copy / name)
    path = copy / "plans/milstolpar.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.strip() == "- id: M19")
    when = next(n for n in range(start, len(lines)) if lines[n].strip().startswith("when:"))
    lines[when] = "    when: 2028-Q2\n"
    path.write_text("".join(lines), encoding="utf-8")
    from avtal.rules.check import check

    _, findings = check(copy)
    errors = [f for f in findings if f.severity.value == "error"]
    assert [(f.code, f.path, f.line) for f in errors] == [("AV506", "plans/milstolpar.yaml", when + 1)]
    assert "M19" in errors[0].message and "M18" in errors[0].message
