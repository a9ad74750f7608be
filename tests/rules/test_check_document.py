"""`avtal docx` checks one document: the rules that read each document alone read only it, and the
findings are exactly those a check of everything loaded would keep for that document."""

from __future__ import annotations

from pathlib import Path

import pytest

from avtal.rules.check import check_corpus, check_document
from avtal.source.single import load_for_document, needed_paths
from conftest import REPO_ROOT, Repo


def _both(root: Path, doc_id: str) -> tuple[list, list]:
    corpus, doc = load_for_document(root, lambda c: c.by_id.get(doc_id))
    assert doc is not None
    everything = [f for f in check_corpus(corpus) if f.path in needed_paths(corpus, doc)]
    return check_document(corpus, doc), everything


@pytest.mark.parametrize("path", sorted(p.relative_to(REPO_ROOT).as_posix()
                                        for folder in ("agreement", "annexes", "plans")
                                        for p in (REPO_ROOT / folder).glob("*.md")))
def test_the_repository_documents_get_the_findings_of_the_whole_check(path: str) -> None:
    mine, everything = _both(REPO_ROOT, Path(path).stem)
    assert mine == everything


def test_a_long_sentence_in_another_document_is_not_this_ones(repo: Repo) -> None:
    long = " ".join(["ord"] * 40) + "."
    repo.doc("plan", f"\n# En plan\n\n{long}\n")
    repo.doc("annan", f"\n# En annan\n\n{long}\n", title="En annan plan")
    mine, everything = _both(repo.root, "plan")
    assert [f.code for f in mine] == [f.code for f in everything]
    assert "AV323" in [f.code for f in mine] and {f.path for f in mine} == {"plans/plan.md"}
