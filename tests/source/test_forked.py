"""load_corpus(parallel=True) (`avtal check` of a large repository): a forked process reads documents from
the last one backwards while this process reads them from the first one (source/forked.py); the corpus
and every finding are those of reading them all in one process, wherever the two meet."""

from __future__ import annotations

import os
import time

import pytest

from avtal.cli import main
from avtal.rules import early
from avtal.rules.check import check
from avtal.rules.early import read_along
from avtal.source import forked
from avtal.source.boundary import WorkingTree
from avtal.source.load import load_corpus
from conftest import Repo

LONG = " ".join(["ord"] * 40) + "."  # AV323, a long sentence: klarspråk runs along with the reading


def _repository(repo: Repo) -> None:
    for index in range(6):
        repo.doc(f"plan-{index}", f"Text med en [länk](plan-{index + 1}.md#syfte) och [[begrepp]].\n\n"
                                  f"## Mer\n\n- en\n- två\n\n{LONG}\n")
    repo.doc("plan-6", "Text.\n", date="2026-02-30")  # invalid metadata: links to it follow from it
    repo.write("plans/plan-7.md", b"---\nid: plan-7\n---\nText\x00\n")  # unreadable
    repo.write("plans/plan-8.md", "Ingen front matter.\n")
    repo.write("plans/plan-9.md", "---\nid: [plan-9\n---\nText.\n")  # YAML that cannot be read
    repo.write("plans/plan-a.md", "\ufeff---\r\nid: plan-a\r\n---\r\nText.\r\n")  # a BOM and CRLF: findings from reading
    repo.write("plans/data.yaml", "kind: glossary\ndocument: plan-0\nterms: []\n")


def _values(corpus) -> list:
    return [(doc.path, doc.meta, doc.front_matter.value, doc.body, doc.body_text, doc.body_line) for doc in corpus.documents]


def _as_values(findings) -> list[tuple]:
    return [(f.path, f.line, f.column, f.code, f.severity, f.message, f.follows_from) for f in findings]


@pytest.fixture
def fork_always(monkeypatch):
    monkeypatch.setattr(forked, "FORK_FROM", 1)


needs_fork = pytest.mark.skipif(not forked.can_fork(forked.FORK_FROM), reason="no fork, or one core")


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
    assert _as_values(parallel) == _as_values(alone)
    assert {"AV002", "AV003", "AV005", "AV007", "AV009", "AV103", "AV323"} <= {f.code for f in alone}
    assert any("hänvisningar hit" in f.message for f in alone)  # links to the glossary, folded under its error


def test_the_command_starts_the_child_early_and_prints_what_one_process_prints(repo: Repo, monkeypatch, capsys) -> None:
    _repository(repo)
    command = ["check", "--root", str(repo.root), "--format", "json"]
    monkeypatch.setattr(forked, "FORK_FROM", 10**6)  # in one process
    assert main(command) == 1
    alone = capsys.readouterr()
    started = []

    def start(root, per_document):
        started.append(forked.start_text_reads(root, per_document))
        return started[-1]

    monkeypatch.setattr(forked, "FORK_FROM", 1)
    monkeypatch.setattr(early, "start_text_reads", start)
    assert main(command) == 1
    assert capsys.readouterr() == alone
    assert started[0] is not None and started[0].done  # the child's documents were taken, the child waited for


def test_a_failing_child_leaves_its_documents_to_the_parent(repo: Repo, fork_always, monkeypatch) -> None:
    _repository(repo)
    alone = load_corpus(repo.root)

    class Broken:
        loads = staticmethod(lambda data: [])

        @staticmethod
        def dumps(value):
            raise RuntimeError("the child cannot send")

    monkeypatch.setattr(forked, "marshal", Broken)
    assert _values(load_corpus(repo.root, parallel=True)) == _values(alone)


def test_unreadable_vocabularies_stop_the_child(repo: Repo, fork_always) -> None:
    _repository(repo)
    (repo.root / "schema" / "parter.yaml").write_text("parties: [\n", encoding="utf-8")
    reads = forked.start_text_reads(repo.root, read_along)
    corpus = load_corpus(repo.root, parallel=True, reads=reads)
    assert corpus.vocabulary is None and not corpus.documents
    with pytest.raises(ChildProcessError):  # reaped: no child is left behind
        os.waitpid(reads.child, os.WNOHANG)


def _paths(repo: Repo, count: int) -> list[str]:
    for index in range(count):
        repo.doc(f"plan-{index:02d}", f"{LONG}\n")
    return [f"plans/plan-{index:02d}.md" for index in range(count)]


def _shared(reads: forked.TextReads, documents: list[str]) -> tuple[list[str], dict]:
    """As load_corpus goes through them: the documents this process claims, and what the child sends."""
    reads.divide(documents)
    mine, theirs = [], {}
    for rel in documents:
        theirs.update(reads.arrived())
        if not reads.claim(rel):
            break
        mine.append(rel)
    theirs.update(reads.rest())
    reads.finish()
    return mine, theirs


@needs_fork
def test_a_slow_child_leaves_most_documents_to_this_process(repo: Repo) -> None:
    """The meeting point moves towards the process that is behind: here the child reads slowly."""
    documents, parent = _paths(repo, 12), os.getpid()

    def slow_in_the_child(*args):
        if os.getpid() != parent:
            time.sleep(0.2)
        return read_along(*args)

    mine, theirs = _shared(forked.TextReads(WorkingTree(repo.root), slow_in_the_child, documents), documents)
    assert len(mine) >= 8 and mine == documents[:len(mine)]  # its own: the first ones
    assert set(documents) <= set(mine) | set(theirs)  # every document read, by one process or (where they met) both
    assert all(read.rows for read in theirs.values())  # the child's: read, klarspråk included


@needs_fork
def test_a_child_started_early_reads_every_document_this_process_has_not_reached(repo: Repo) -> None:
    """While this process is busy elsewhere (importing, in `avtal check`), the child reads on, down to the first."""
    documents = _paths(repo, 8)
    reads = forked.TextReads(WorkingTree(repo.root), read_along)  # lists the documents itself
    time.sleep(1)
    mine, theirs = _shared(reads, documents)
    assert mine == [] and list(theirs) == documents[::-1]  # each sent as soon as it was read, the last first
    assert [read.rows for read in theirs.values()] == [
        list(read_along(rel, read.split.body, read.split.body_line, read.body.code)) for rel, read in theirs.items()]


@needs_fork
def test_what_the_child_sends_arrives_while_this_process_reads(repo: Repo) -> None:
    """Each document comes as soon as the child has read it, so that this process validates it between its own."""
    documents = _paths(repo, 6)
    reads = forked.TextReads(WorkingTree(repo.root), read_along, documents)
    reads.divide(documents)
    waited, arrived = time.monotonic(), []
    while not arrived and time.monotonic() - waited < 10:
        arrived = reads.arrived()
        time.sleep(0.01)
    assert arrived and arrived[0][0] == documents[-1]
    reads.finish()
