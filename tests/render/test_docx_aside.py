"""`avtal docx DOC` checks in a forked process while it renders (render/word/single.py): the verdict
still decides alone whether a file is written, and the child's answer arrives whole."""

from __future__ import annotations

import pytest

from avtal.render.word import single
from avtal.render.word.document import DocxRenderer
from conftest import GitRepo


def _values(count: int):
    yield ["å" * 100] * count  # 2 MB pickled for 20,000: the child blocks until the parent reads
    yield "och sedan"


def test_each_answer_arrives_whole_and_in_order_even_when_larger_than_a_pipe() -> None:
    with single.aside(_values, 20_000) as answers:
        assert answers() == ["å" * 100] * 20_000
        assert answers() == "och sedan"


def _fails(message: str):
    yield "först"
    raise ValueError(message)


def test_what_the_child_raised_is_raised_here() -> None:
    with single.aside(_fails, "fel i kontrollen") as answers:
        assert answers() == "först"
        with pytest.raises(ValueError, match="fel i kontrollen"):
            answers()


def test_leaving_early_ends_the_child() -> None:
    with single.aside(_values, 20_000) as answers:
        pass  # nothing read: the child meets a closed pipe; close() waits for it
    assert answers._pid is None


def test_without_fork_it_runs_here(monkeypatch) -> None:
    monkeypatch.delattr(single.os, "fork")
    with single.aside(_values, 3) as answers:
        assert answers() == ["å" * 100] * 3 and answers() == "och sedan"
    with single.aside(_fails, "x") as answers:
        assert answers() == "först"
        with pytest.raises(ValueError):
            answers()


def test_a_rendering_that_fails_on_a_document_with_errors_reports_the_errors(git_repo: GitRepo, tmp_path,
                                                                               monkeypatch, capsys) -> None:
    """The renderer may fail on what the check reports; the editor sees the findings, not the failure."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # make_one pins it in this process: undone after
    git_repo.doc("plan", "## Risker\n\nSe [en fil som inte finns](saknas.md).\n")
    git_repo.commit("A plan")

    def broken(self, doc):
        raise KeyError("the renderer met what the check reports")

    monkeypatch.setattr(DocxRenderer, "document", broken)
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


def test_without_fork_the_same_file_is_written(git_repo: GitRepo, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git_repo.doc("plan", "## Risker {#risker}\n\nInget fel här, och en [länk](#risker).\n\n| A | B |\n| - | - |\n| 1 | 2 |\n")
    git_repo.commit("A plan")
    assert single.make_one(git_repo.root, "plan", str(tmp_path / "forked.docx"), None) == 0
    monkeypatch.delattr(single.os, "fork")
    assert single.make_one(git_repo.root, "plan", str(tmp_path / "here.docx"), None) == 0
    assert (tmp_path / "forked.docx").read_bytes() == (tmp_path / "here.docx").read_bytes()
    assert "Skrev" in capsys.readouterr().out


def test_each_document_of_the_repository_is_the_file_the_build_makes(repository_build, tmp_path) -> None:
    """`avtal docx` (loading and checking beside the rendering) and `avtal build` (word_files, its workers
    forked with the heap frozen) write the same bytes, document by document."""
    import subprocess
    import sys

    from conftest import REPO_ROOT

    built = {path.name.rsplit("_v", 1)[0]: path for path in (repository_build / "docx").glob("*_v*.docx")
             if "_andringar_" not in path.name and not path.name.startswith("beslutspaket_")}
    documents = sorted(p.stem for folder in ("agreement", "annexes", "plans") for p in (REPO_ROOT / folder).glob("*.md"))
    assert documents and set(documents) <= set(built)
    for doc_id in documents:
        out = tmp_path / f"{doc_id}.docx"
        done = subprocess.run([sys.executable, "-m", "avtal", "docx", doc_id, "-o", str(out)], cwd=REPO_ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert out.read_bytes() == built[doc_id].read_bytes(), doc_id


def test_the_version_history_is_the_change_logs_also_with_uncommitted_work(git_repo: GitRepo, tmp_path,
                                                                           monkeypatch) -> None:
    """The git process hands over only what the version history reads; the table is the one the whole
    change log gives, with the uncommitted version first."""
    import zipfile

    from avtal.history.changelog import changelog_if_any
    from avtal.history.provenance import pin_source_date
    from avtal.source.single import load_for_document

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git_repo.doc("plan", "## Risker\n\nFörsta texten.\n", change_note="Första versionen")
    git_repo.commit("Version 0.1")
    git_repo.doc("plan", "## Risker\n\nAndra texten.\n", version='"0.2"', change_note="Ny text")  # not committed
    out = tmp_path / "plan.docx"
    assert single.make_one(git_repo.root, "plan", str(out), None) == 0
    source = pin_source_date(git_repo.root)
    corpus, doc = load_for_document(git_repo.root, lambda c: c.by_id.get("plan"))
    renderer = DocxRenderer(git_repo.root, corpus, changelog_if_any(git_repo.root, quiet=True), None)
    renderer.source = source
    assert out.read_bytes() == renderer.document(doc)
    text = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "Ej incheckad" in text and "Första versionen" in text

