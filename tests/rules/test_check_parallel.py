"""`avtal check` of a large repository reads part of the documents, klarspråk included, in a forked process
(source/forked.py, issue 25): the findings are exactly those of the check in one process."""

from __future__ import annotations

import pytest

from avtal.rules.check import check
from avtal.source import forked
from conftest import Repo

LONG = " ".join(["ord"] * 40) + "."  # AV323, a long sentence
HARD = " ".join(["förvaltningsövergripande", "samverkan"] * 15) + "."  # AV324 too


def _repository(repo: Repo, documents: int) -> None:
    for index in range(documents):
        body = f"{LONG}\n\n{HARD}\n\nSe [[okänt-begrepp]] och [länken](plan-{(index + 1) % documents}.md#saknas).\n"
        repo.doc(f"plan-{index}", body)


def _as_values(findings) -> list[tuple]:
    return [(f.path, f.line, f.column, f.code, f.severity, f.message, f.follows_from) for f in findings]


@pytest.mark.parametrize("documents", [1, 2, 7])
def test_the_forked_check_finds_what_the_check_in_one_process_finds(repo: Repo, monkeypatch, documents: int) -> None:
    _repository(repo, documents)
    _, alone = check(repo.root)
    monkeypatch.setattr(forked, "FORK_FROM", 1)  # fork even for a few documents
    corpus, parallel = check(repo.root, parallel=True)
    assert _as_values(parallel) == _as_values(alone)
    assert {"AV323", "AV324"} <= {f.code for f in alone}  # klarspråk had something to find
    assert set(corpus.text_rows) == {doc.path for doc in corpus.documents}  # run along with the reading


def test_a_repository_of_one_document_is_checked_in_one_process(repo: Repo, monkeypatch) -> None:
    _repository(repo, 1)
    monkeypatch.setattr(forked.os, "fork", lambda: pytest.fail("forked below FORK_FROM"))
    corpus, findings = check(repo.root, parallel=True)
    assert findings and not corpus.text_rows  # klarspråk read the documents as a rule
