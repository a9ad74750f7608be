"""A second process for what is read one file at a time: `avtal check` of a large repository.

Reading a document (its bytes, front matter, metadata and Markdown scan) needs no other file, so a
forked process can read the second half of the documents while this one reads the first half; the
documents come back pickled, in the order they were asked for. Only for a command that runs nothing
else at the same time (`avtal check`, load_corpus(parallel=True)): never the preview's server, whose
threads a fork would not copy. Where fork is missing, on one core, or when the child fails, this
process reads them itself: the result is the same either way (tests/source/test_forked.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable

# From this many documents on, a second process pays for itself: forking and pickling cost about as
# much as reading a dozen documents.
FORK_FROM = 64


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork(count: int) -> bool:
    return count >= FORK_FROM and hasattr(os, "fork") and cores() >= 2


class ForkedReads:
    """`read(rel)` for each of `paths`, done in a child process; `take(rel)` gives each result once
    (None when the child failed, or for a path not given to the child: the caller reads that file itself)."""

    def __init__(self, paths: list[str], read: Callable[[str], object]):
        import pickle  # here: a check of a small repository never forks

        self.results: dict[str, object] | None = None
        self.paths = frozenset(paths)
        read_end, write_end = os.pipe()
        self.child = os.fork()
        if self.child == 0:  # the child: the results, pickled, then out without Python's exit (the parent's buffers)
            code = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as pipe:
                    pickle.dump({rel: read(rel) for rel in paths}, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.read_end = read_end

    def take(self, rel: str) -> object | None:
        if rel not in self.paths:  # this process's own: asking the child now would wait for all of its reading
            return None
        if self.results is None:
            self.results = self._collect()
        return self.results.pop(rel, None)

    def _collect(self) -> dict[str, object]:
        import pickle

        with os.fdopen(self.read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.child, 0)
        return pickle.loads(data) if os.waitstatus_to_exitcode(status) == 0 and data else {}
