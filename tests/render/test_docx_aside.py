"""`avtal docx DOC` checks in a forked process while it renders (render/word/single.py): the verdict
still decides alone whether a file is written, and the child's answer arrives whole."""

from __future__ import annotations

import pytest
from conftest import GitRepo

from avtal.render.word import single


def _sizes(count: int) -> list[str]:
    return ["å" * 100] * count


def test_the_answer_arrives_whole_even_when_larger_than_a_pipe() -> None:
    wait = single.aside(_sizes, 20_000)  # 2 MB pickled: the child blocks until the parent reads
    assert wait() == _sizes(20_000)


def _fails(message: str) -> None:
    raise ValueError(message)


def test_what_the_child_raised_is_raised_here() -> None:
    wait = single.aside(_fails, "fel i kontrollen")
    with pytest.raises(ValueError, match="fel i kontrollen"):
        wait()


def test_without_fork_it_runs_here(monkeypatch) -> None:
    monkeypatch.delattr(single.os, "fork")
    assert single.aside(_sizes, 3)() == _sizes(3)
    with pytest.raises(ValueError):
        single.aside(_fails, "x")()


def test_a_rendering_that_fails_on_a_document_with_errors_reports_the_errors(git_repo: GitRepo, tmp_path,
                                                                               monkeypatch, capsys) -> None:
    """The renderer may fail on what the check reports; the editor sees the findings, not the failure."""
    git_repo.doc("plan", "## Risker\n\nSe [en fil som inte finns](saknas.md).\n")
    git_repo.commit("A plan")

    def broken(*args):
        raise KeyError("the renderer met what the check reports")

    monkeypatch.setattr(single, "_render", broken)
    target = tmp_path / "plan.docx"
    assert single.make_one(git_repo.root, "plan", str(target), None) == 1
    out = capsys.readouterr()
    assert "AV2" in out.out and "Ingen Word-fil skrevs" in out.err and not target.exists()
    git_repo.doc("plan", "## Risker\n\nInget fel här.\n")
    with pytest.raises(KeyError):  # with a clean check, the failure is the tool's and is not hidden
        single.make_one(git_repo.root, "plan", str(target), None)
    assert not target.exists()


def test_an_unknown_party_is_a_usage_error_after_the_findings(git_repo: GitRepo, tmp_path) -> None:
    git_repo.doc("plan", "## Risker\n\nInget fel här.\n")
    git_repo.commit("A plan")
    refused = git_repo.avtal("docx", "plan", "--party", "Ingen kommun", "-o", str(tmp_path / "p.docx"))
    assert refused.code == 2 and 'okänd part "Ingen kommun"' in refused.stderr
    git_repo.doc("plan", "Se [en fil som inte finns](saknas.md).\n")
    refused = git_repo.avtal("docx", "plan", "--party", "Ingen kommun", "-o", str(tmp_path / "p.docx"))
    assert refused.code == 1 and "Ingen Word-fil skrevs" in refused.stderr
    assert not (tmp_path / "p.docx").exists()
