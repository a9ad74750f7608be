"""load_corpus(parallel=True) (`avtal check` of a large repository): a forked process reads the second
half of the documents; the corpus and every finding are those of reading them all in one process."""

from __future__ import annotations

import pytest

from avtal.rules import check as check_module
from avtal.rules.check import check
from avtal.source import forked
from avtal.source.load import load_corpus
from conftest import Repo


def _repository(repo: Repo) -> None:
    for index in range(6):
        repo.doc(f"plan-{index}", f"Text med en [länk](plan-{index + 1}.md#syfte) och [[begrepp]].\n\n## Mer\n\n- en\n- två\n")
    repo.doc("plan-6", "Text.\n", date="2026-02-30")  # invalid metadata: links to it follow from it
    repo.write("plans/plan-7.md", b"---\nid: plan-7\n---\nText\x00\n")  # unreadable
    repo.write("plans/plan-8.md", "Ingen front matter.\n")
    repo.write("plans/plan-9.md", "---\nid: [plan-9\n---\nText.\n")  # YAML that cannot be read
    repo.write("plans/data.yaml", "kind: glossary\ndocument: plan-0\nterms: []\n")


def _values(corpus) -> list:
    return [(doc.path, doc.meta, doc.front_matter.value, doc.body, doc.body_text, doc.body_line) for doc in corpus.documents]


@pytest.fixture
def fork_always(monkeypatch):
    monkeypatch.setattr(forked, "FORK_FROM", 1)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 1)


def test_the_documents_read_in_a_second_process_are_those_read_here(repo: Repo, fork_always) -> None:
    _repository(repo)
    alone, parallel = load_corpus(repo.root), load_corpus(repo.root, parallel=True)
    assert _values(parallel) == _values(alone)
    assert parallel.load_findings == alone.load_findings and alone.load_findings
    assert [d.path for d in parallel.datasets] == [d.path for d in alone.datasets]


def test_the_check_in_two_processes_finds_what_one_finds(repo: Repo, fork_always) -> None:
    _repository(repo)
    _, alone = check(repo.root)
    _, parallel = check(repo.root, parallel=True)
    assert parallel == alone
    assert {"AV005", "AV007", "AV009", "AV201"} & {f.code for f in alone}


def test_a_failing_child_leaves_its_documents_to_the_parent(repo: Repo, fork_always, monkeypatch) -> None:
    _repository(repo)
    alone = load_corpus(repo.root)

    def broken(*args, **kwargs):
        raise RuntimeError("the child cannot send")

    import pickle

    monkeypatch.setattr(pickle, "dump", broken)
    assert _values(load_corpus(repo.root, parallel=True)) == _values(alone)


@pytest.mark.skipif(not forked.can_fork(forked.FORK_FROM), reason="no fork, or one core")
def test_this_process_reads_its_own_half_without_waiting_for_the_child(tmp_path) -> None:
    """take() of a path the child was not given answers at once: this process reads its half while the
    child reads the other (it once waited for all of the child's results first)."""
    import time

    go = tmp_path / "go"

    def read(rel: str) -> str:  # in the child: waits until this process has taken its own path
        waited = time.monotonic()
        while not go.exists() and time.monotonic() - waited < 10:
            time.sleep(0.01)
        return f"read {rel}"

    reads = forked.ForkedReads(["theirs.md"], read)
    started = time.monotonic()
    assert reads.take("mine.md") is None
    assert time.monotonic() - started < 5  # not the child's ten seconds
    go.touch()
    assert reads.take("theirs.md") == "read theirs.md"
    assert reads.take("theirs.md") is None  # each result once
