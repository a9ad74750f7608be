"""The fingerprint index's missing entries, made on every core: a cold cache (a fresh clone, or the
cache removed) means rendering each document as each of some 45 commits had it, and that is
independent work.

    fill(index, wanted)   for each (commit, document, package) the cache lacks: the commit's tree
                          loaded once, the rows made (index._make), kept in the index (index.keep)

The work is grouped by commit, so that each commit's tree is loaded by one process only, and the
commits are dealt out one at a time to forked workers (they share the loaded working tree and the
change logs); the rows are the same as one process makes, in the same order.
"""

from __future__ import annotations

import os

# Below this many commits to load, starting workers costs more than it saves.
MIN_COMMITS = 4
_INDEX = None  # the index the forked workers make rows for


def fill(index, wanted: list[tuple[str, str, bool]]) -> None:
    by_commit: dict[str, list[tuple[str, bool]]] = {}
    for sha, doc_id, package in wanted:
        by_commit.setdefault(sha, []).append((doc_id, package))
    workers = min(os.cpu_count() or 1, 4, len(by_commit))
    if workers < 2 or len(by_commit) < MIN_COMMITS or not _can_fork():
        for sha, work in by_commit.items():
            for doc_id, package in work:
                if not index._has(sha, doc_id, package):  # a package made just before may hold the document
                    index.keep(sha, doc_id, package, index.make(sha, doc_id, package))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _INDEX
    _INDEX = index
    try:
        context = multiprocessing.get_context("fork")
        jobs = list(by_commit.items())
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for (sha, work), made in zip(jobs, pool.map(_commit_job, jobs, chunksize=1), strict=True):
                for (doc_id, package), rows in zip(work, made, strict=True):
                    index.keep(sha, doc_id, package, rows)
    finally:
        _INDEX = None


def _commit_job(job: tuple[str, list[tuple[str, bool]]]) -> list[dict[str, list]]:
    sha, work = job
    return [_INDEX.make(sha, doc_id, package) for doc_id, package in work]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
