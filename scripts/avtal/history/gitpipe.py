"""git's processes on pipes, read as fast as git writes.

git is run directly, not through GitPython: importing GitPython alone costs about a third of
what the whole `git log` of a large history does, and the change logs must stay within twice
that. What GitPython would add here (a Popen and a wait) is a few lines.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

TYPE_CHECKING = False  # typing itself is not imported: this module starts git before the heavier ones load
if TYPE_CHECKING:
    from .snapshots import Snapshot

# The log's records and fields: separators that no commit message holds.
RECORD, FIELD = "\x1e", "\x1f"
LOG_FORMAT = RECORD + FIELD.join(["%H", "%P", "%an", "%cI", "%s", "%b"])


class HistoryError(Exception):
    """git is missing, the folder is not a git repository, or a revision does not exist."""


def spawn(root: Path, *args: str, stdin: bool = False) -> subprocess.Popen:
    """git with its output on a pipe.

    GIT_FLUSH=0: into a pipe, git would flush after every commit, a write and a wake-up each,
    which makes `git log` half as slow again as into a file."""
    try:
        process = subprocess.Popen(
            ["git", *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, env={**os.environ, "GIT_FLUSH": "0"},
        )
    except FileNotFoundError:
        raise HistoryError("git finns inte installerat på den här datorn") from None
    _widen(process.stdout)
    return process


def _widen(pipe) -> None:
    """A 1 MiB pipe instead of 64 KiB: fewer turns between git and Python (Linux; elsewhere as is)."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def start_log(root: Path, since: str | None) -> subprocess.Popen:
    """`git log` of HEAD, or of what HEAD has that `since` has not; parents before children."""
    return spawn(root, "log", "--raw", "--no-abbrev", "-z", "-M", "--cc", "--root", "--topo-order", "--reverse",
                 f"--format={LOG_FORMAT}", "HEAD", *(["--not", since] if since else []))


def stop(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()
    process.stdout.close()


def answer(process: subprocess.Popen) -> str | None:
    """A short-lived git's whole output, or None when it failed."""
    out, _ = process.communicate()
    return out.decode("utf-8", "replace") if process.returncode == 0 else None


# cat-file's answer header: the type and size only; a missing object is "<name> missing".
BATCH = "--batch=%(objecttype) %(objectsize)"


class Chunks:
    """A pipe read into one reused buffer, handed out in place.

    Reusing the buffer spares an allocation (and its page faults) and a copy per read: the
    blobs of a long history are hundreds of megabytes, of which only the front matter is used."""

    def __init__(self, stream, size: int = 1 << 20):
        self.fd = stream.fileno()
        self.buffer = bytearray(size)
        self.pos = self.end = 0  # the unread bytes are buffer[pos:end]

    def _more(self) -> bool:
        unread = self.end - self.pos
        if self.pos:
            self.buffer[:unread] = self.buffer[self.pos:self.end]
            self.pos, self.end = 0, unread
        if self.end == len(self.buffer):
            self.buffer.extend(bytes(len(self.buffer)))  # a blob larger than the buffer
        with memoryview(self.buffer) as view:
            got = os.readv(self.fd, [view[self.end:]])
        self.end += got
        return got > 0

    def answers(self):
        """Each answer of `git cat-file` run with BATCH, as (start, size): where the blob's contents
        start in `self.buffer` (valid until the next answer is asked for) and their size; (-1, 0)
        for a missing object or one that is not a blob (a shallow clone's edge).

        One loop, no call per answer but the generator's own: a first run reads tens of thousands."""
        buffer = self.buffer
        while True:
            newline = buffer.find(b"\n", self.pos, self.end)
            if newline < 0:
                if not self._more():
                    return
                continue
            kind, _, size = buffer[self.pos:newline].partition(b" ")
            self.pos = newline + 1
            if kind != b"blob":
                yield -1, 0
                continue
            size = int(size)
            while self.end - self.pos <= size:  # the contents and a newline
                if not self._more():
                    return
            start = self.pos
            self.pos = start + size + 1
            yield start, size


class BlobReader:
    """One `git cat-file`: blobs are requested from one thread and read in another, and
    their snapshots put in `snapshots` as they come."""

    def __init__(self, root: Path, snapshots: dict[str, Snapshot] | None = None):
        self.root = root
        self.process: subprocess.Popen | None = None  # started by start() or at the first request
        self.thread: threading.Thread | None = None
        self.requests: list[tuple[str, str]] = []  # (blob, path) in request order
        self.snapshots = snapshots  # set before the first request

    def start(self) -> None:
        """Start git before the first request, so that it is ready when the request comes."""
        self.process = spawn(self.root, "cat-file", BATCH, "--buffer", stdin=True)
        self.thread = threading.Thread(target=self._read_all, daemon=True)
        self.thread.start()

    def request(self, wanted: list[tuple[str, str]]) -> None:
        """Ask for the blobs of (blob, path) pairs."""
        if not wanted:
            return
        if self.process is None:
            self.start()
        self.requests.extend(wanted)  # before they are sent: the answers can come at once
        self.process.stdin.write("".join(f"{blob}\n" for blob, _ in wanted).encode())
        self.process.stdin.flush()  # a batch at a time, not when the buffer happens to fill

    def finish(self) -> None:
        """Wait for the last answer; once is enough."""
        if self.process is not None and not self.process.stdin.closed:
            self.process.stdin.close()
            self.thread.join()
            self.process.wait()
            self.process.stdout.close()  # read to its end by the thread; closed here, not left to the collector

    def _read_all(self) -> None:
        from .snapshots import FrontMatterCache, snapshot_of

        chunks, cache, requests = Chunks(self.process.stdout), FrontMatterCache(), self.requests
        buffer = chunks.buffer
        for index, (start, size) in enumerate(chunks.answers()):
            if start >= 0:
                blob, path = requests[index]  # listed before it was sent, so before its answer
                self.snapshots[blob] = snapshot_of(path, buffer, cache, start, start + size)


def read_blobs(root: Path, blobs: list[str]):
    """(blob, contents) for each of `blobs`, in order; a missing one gives None."""
    process = spawn(root, "cat-file", BATCH, stdin=True)

    def request() -> None:  # from its own thread, so that a full pipe cannot stall both sides
        process.stdin.write(b"".join(blob.encode() + b"\n" for blob in blobs))
        process.stdin.close()

    threading.Thread(target=request, daemon=True).start()
    chunks = Chunks(process.stdout)
    answers = chunks.answers()
    for blob in blobs:
        start, size = next(answers, (-1, 0))
        yield blob, bytes(chunks.buffer[start:start + size]) if start >= 0 else None
    process.wait()
    process.stdout.close()  # read to its end; left open, it is a ResourceWarning when collected
