"""The documents' text work shared with a second process: `avtal check`.

A document's text work (its bytes, the split of front matter and body, the Markdown scan, and the rules
that read one document's running text alone, as klarspråk) needs no other file, and neither Pydantic
nor the models. So `avtal check` starts a child for it before it imports anything else (rules/early.py):
the child imports what reading needs, lists the documents and reads them from the last one backwards,
while this process imports all of avtal, reads the vocabularies and then reads documents from the first one forwards (load_corpus,
with read_text). Where the two meet, this process takes what the child read. Validating the front
matter stays here: it needs the models, and it is a twentieth of the reading.

Where they meet is decided as they go, not in advance: how far each gets depends on this process's
imports and on what else the machine runs. Each process claims its next document in a word of shared
memory before it reads it, then looks at the other's claims:
  - the child always reads what it has claimed, and stops after the first document this process has
    claimed too;
  - this process reads what it has claimed unless the child has claimed it as well; then it stops, and
    takes that document and every later one from the child.
So every document is read by at least one of them (at the meeting point by both, at worst, when their
claims cross), whatever order the claims are seen in; this process keeps its own reading of a document
read twice. The child sends what it read as plain values through marshal, a tenth of pickle's time
for them (see _plain).

Only for a command that runs nothing else at the same time (`avtal check`, load_corpus(parallel=True)):
never the preview's server, whose threads a fork would not copy. Where fork is missing, on one core,
or when the child fails, this process reads what the child would have: the result is the same either
way (tests/source/test_forked.py).
"""

from __future__ import annotations

import marshal
import mmap
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .layout import CONTENT_FOLDERS

if TYPE_CHECKING:  # imported where used: `avtal check` forks before it imports them, so both processes do it at once
    from ..findings import Finding
    from .files import SplitDocument
    from .markdown_scan import Body

# From this many documents on, a second process pays for itself. Started before this process's imports
# (a tenth of a second), the child has read a small repository's documents, klarspråk included, by the
# time they are needed: the repository's own check is a tenth faster for it. Forking then costs a millisecond.
FORK_FROM = 2

# A rule's per-document part: (path, body text, body line, body.code) -> rows of finding() arguments.
PerDocument = Callable[[str, str, int, object], Iterable[tuple]]


class TextRead(NamedTuple):
    """A document's text work: read_source's and split_front_matter's findings, the split (None when the
    file cannot be read or has no front matter), the scanned body, and the per-document rule's rows
    (None when it was not run: the rule runs over the document later, as over any other)."""

    problems: list[Finding]
    split: SplitDocument | None
    body: Body | None
    rows: list[tuple] | None = None


def read_text(files, rel: str, per_document: PerDocument | None = None) -> TextRead:
    from .files import read_source, split_front_matter
    from .markdown_scan import scan_body

    source, problems = read_source(files, rel)
    if source is None:
        return TextRead(problems, None, None)
    split, more = split_front_matter(source)
    problems.extend(more)
    if split is None:
        return TextRead(problems, None, None)
    body = scan_body(split.body, split.body_line)
    rows = list(per_document(rel, split.body, split.body_line, body.code)) if per_document is not None else None
    return TextRead(problems, split, body, rows)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork(count: int) -> bool:
    return count >= FORK_FROM and hasattr(os, "fork") and cores() >= 2


def start_text_reads(root: Path, per_document: PerDocument | None) -> TextReads | None:
    """A child reading documents under `root` from now on; None for a small repository (or where a child
    cannot help), which this process reads alone."""
    if not can_fork(_documents_at_least(root, FORK_FROM)):
        return None
    from .boundary import WorkingTree

    return TextReads(WorkingTree(root), per_document)


def _documents_at_least(root: Path, count: int) -> int:
    """The number of Markdown files in the documents' folders, counted up to `count` only: whether a
    child pays for itself is decided before the files are listed as loading lists them (links refused)."""
    found = 0
    for folder in CONTENT_FOLDERS:
        for _, _, names in os.walk(root / folder):
            found += sum(name.endswith(".md") for name in names)
            if found >= count:
                return found
    return found


# The shared words: how many documents this process has claimed from the front, the child from the back.
_FRONT, _BACK = slice(0, 4), slice(4, 8)


def _claimed(claims: mmap.mmap, which: slice) -> int:
    return int.from_bytes(claims[which], "little")


def _claim(claims: mmap.mmap, which: slice, count: int) -> None:
    claims[which] = count.to_bytes(4, "little")


class TextReads:
    """read_text(files, rel, per_document) for documents, from the last backwards, in a child process forked
    now; `documents` None: the child lists them itself (started before this process knows them).

    This process gives its own list (`divide`), then goes through it in order: `claim(rel)` before it reads
    a document itself (False: the child has it, and every later one), and between its documents it takes
    what has `arrived` from the child (each document is sent as soon as it is read, so that this process
    validates it while the child reads on); `rest()` waits for the others. A document the child did not
    send (it failed, or listed other files) is this process's to read."""

    def __init__(self, files, per_document: PerDocument | None, documents: list[str] | None = None):
        self.per_document = per_document
        self.index: dict[str, int] = {}
        self.count = 0
        self.claims = mmap.mmap(-1, 8)  # shared with the child (MAP_SHARED), zeros: nothing claimed yet
        self.received = bytearray()
        self.done = False  # the child has been waited for
        read_end, write_end = os.pipe()
        self.child = os.fork()
        if self.child == 0:  # the child: what it read, then out without Python's exit (the parent's buffers)
            code = 1
            try:
                os.close(read_end)
                if documents is None:
                    documents = [rel for rel in files.content_files()[0] if rel.endswith(".md")]
                _widen(write_end)
                with os.fdopen(write_end, "wb") as pipe:
                    self._read_backwards(files, documents, pipe)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        os.set_blocking(read_end, False)  # `arrived` takes what is there and never waits
        self.read_end = read_end
        if documents is not None:
            self.divide(documents)

    def _read_backwards(self, files, documents: list[str], pipe) -> None:
        """In the child: each document sent as soon as it is read (its length, then its marshalled values),
        until the two processes meet."""
        for back in range(1, len(documents) + 1):
            index = len(documents) - back
            _claim(self.claims, _BACK, back)
            met = index < _claimed(self.claims, _FRONT)  # this process has claimed it too: the last one
            data = marshal.dumps(_plain(documents[index], read_text(files, documents[index], self.per_document)))
            pipe.write(len(data).to_bytes(4, "little"))
            pipe.write(data)
            pipe.flush()
            if met:
                break

    def divide(self, documents: list[str]) -> None:
        """The documents as this process listed them, in the order it will claim them."""
        self.index = {rel: index for index, rel in enumerate(documents)}
        self.count = len(documents)

    def claim(self, rel: str) -> bool:
        """Whether this process reads `rel` itself: False once the child has claimed it."""
        index = self.index[rel]
        _claim(self.claims, _FRONT, index + 1)
        return index < self.count - _claimed(self.claims, _BACK)

    def arrived(self) -> list[tuple[str, TextRead]]:
        """What the child has sent so far and not yet taken."""
        while not self.done:
            try:
                chunk = os.read(self.read_end, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.received += chunk
        return self._frames()

    def rest(self) -> list[tuple[str, TextRead]]:
        """What the child sends until it ends; nothing more from a child that failed."""
        if self.done:
            return []
        os.set_blocking(self.read_end, True)
        with os.fdopen(self.read_end, "rb") as pipe:
            self.received += pipe.read()
        self.done = True
        _, status = os.waitpid(self.child, 0)
        return self._frames() if os.waitstatus_to_exitcode(status) == 0 else []

    def _frames(self) -> list[tuple[str, TextRead]]:
        received, start, frames = self.received, 0, []
        while len(received) >= start + 4:
            end = start + 4 + int.from_bytes(received[start:start + 4], "little")
            if end > len(received):
                break
            rel, *plain = marshal.loads(received[start + 4:end])
            frames.append((rel, _from_plain(*plain)))
            start = end
        del received[:start]
        return frames

    def finish(self) -> None:
        """Loading is done: a child still running (the vocabularies could not be read) is stopped and reaped."""
        import signal

        if not self.done:
            os.close(self.read_end)
            os.kill(self.child, signal.SIGKILL)
            os.waitpid(self.child, 0)
            self.done = True


def _widen(pipe: int) -> None:
    """A pipe that holds dozens of documents, so that the child rarely waits for this process to take them."""
    try:
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass  # the system's size: the child then waits sooner, nothing else


def _plain(rel: str, read: TextRead) -> tuple:
    """A TextRead as values marshal takes: findings as finding()'s arguments, the body as Body.plain()."""
    problems = [(f.code, f.path, f.line, f.column, f.message, f.follows_from) for f in read.problems]
    return rel, problems, read.split and tuple(read.split), read.body and read.body.plain(), read.rows


def _from_plain(problems: list, split: tuple | None, body: dict | None, rows: list | None) -> TextRead:
    from ..codes import finding
    from .files import SplitDocument
    from .markdown_scan import Body

    return TextRead([finding(*row) for row in problems], split and SplitDocument(*split),
                    body and Body.from_plain(body), rows)
