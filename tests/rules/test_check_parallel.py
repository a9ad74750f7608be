"""`avtal check` of a large repository reads half of the documents for klarspråk in a forked process
(rules/check.py, issue 25): the findings are exactly those of the check in one process."""

from __future__ import annotations

import pytest

from avtal.rules import check as check_module
from avtal.rules.check import check_corpus
from avtal.source.load import load_corpus
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
    corpus = load_corpus(repo.root)
    alone = check_corpus(corpus)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 1)  # fork even for a few documents
    forked = check_corpus(corpus, parallel=True)
    assert _as_values(forked) == _as_values(alone)
    assert {"AV323", "AV324"} <= {f.code for f in alone}  # klarspråk had something to find on both sides


def test_a_failing_child_leaves_its_half_to_the_parent(repo: Repo, monkeypatch) -> None:
    _repository(repo, 6)
    corpus = load_corpus(repo.root)
    alone = check_corpus(corpus)

    class Broken:
        @staticmethod
        def dumps(value):
            raise RuntimeError("the child cannot send")

        loads = staticmethod(lambda data: [])

    monkeypatch.setattr(check_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(check_module, "marshal", Broken)
    assert _as_values(check_corpus(corpus, parallel=True)) == _as_values(alone)


def test_a_small_repository_is_checked_in_one_process(repo: Repo, monkeypatch) -> None:
    _repository(repo, 3)
    corpus = load_corpus(repo.root)
    monkeypatch.setattr(check_module.os, "fork", lambda: pytest.fail("forked below PARALLEL_FROM"))
    assert check_corpus(corpus, parallel=True)
