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

from .snapshots import FrontMatterCache, Snapshot, snapshot_of


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


def answer(process: subprocess.Popen) -> str | None:
    """A short-lived git's whole output, or None when it failed."""
    out, _ = process.communicate()
    return out.decode("utf-8", "replace") if process.returncode == 0 else None


class Chunks:
    """A pipe read into one reused buffer; lines and sized spans are handed out in place.

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

    def line(self) -> bytes | None:
        while (end := self.buffer.find(b"\n", self.pos, self.end)) < 0:
            if not self._more():
                return None
        line, self.pos = bytes(self.buffer[self.pos:end]), end + 1
        return line

    def cat_file_answer(self) -> tuple[int, int] | None:
        """The next answer of `git cat-file --batch`: where the blob's contents start in
        `self.buffer` and their size, (-1, 0) for a missing object or one that is not a blob
        (a shallow clone's edge), None at the end of the output."""
        header = self.line()
        if header is None:
            return None
        parts = header.split()
        if len(parts) < 3 or parts[1] != b"blob":
            return -1, 0
        size = int(parts[2])
        start = self.span(size + 1)  # the contents and a newline
        return None if start is None else (start, size)

    def span(self, size: int) -> int | None:
        """Where the next `size` bytes start in `self.buffer`; valid until the next read."""
        while self.end - self.pos < size:
            if not self._more():
                return None
        start, self.pos = self.pos, self.pos + size
        return start


class BlobReader:
    """One `git cat-file --batch`: blobs are requested from one thread and read in another, and
    their snapshots put in `snapshots` as they come."""

    def __init__(self, root: Path, snapshots: dict[str, Snapshot]):
        self.root = root
        self.process: subprocess.Popen | None = None  # started at the first request: often none come
        self.thread: threading.Thread | None = None
        self.requests: list[tuple[str, str]] = []  # (blob, path) in request order
        self.snapshots = snapshots
        self.read = 0

    def request(self, blob: str, path: str) -> None:
        if self.process is None:
            self.process = spawn(self.root, "cat-file", "--batch", "--buffer", stdin=True)
            self.thread = threading.Thread(target=self._read_all, daemon=True)
            self.thread.start()
        self.requests.append((blob, path))  # before it is sent: the answer can come at once
        self.process.stdin.write(blob.encode() + b"\n")

    def finish(self) -> int:
        """Wait for the last answer; how many blobs were read."""
        if self.process is not None:
            self.process.stdin.close()
            self.thread.join()
            self.process.wait()
            self.process.stdout.close()  # read to its end by the thread; closed here, not left to the collector
        return self.read

    def _read_all(self) -> None:
        chunks, cache, index = Chunks(self.process.stdout), FrontMatterCache(), 0
        while (answer := chunks.cat_file_answer()) is not None:
            blob, path = self.requests[index]  # listed before it was sent, so before its answer
            index += 1
            start, size = answer
            if start >= 0:
                self.snapshots[blob] = snapshot_of(path, chunks.buffer, cache, start, start + size)
                self.read += 1


def read_blobs(root: Path, blobs: list[str]):
    """(blob, contents) for each of `blobs`, in order; a missing one gives None."""
    process = spawn(root, "cat-file", "--batch", stdin=True)

    def request() -> None:  # from its own thread, so that a full pipe cannot stall both sides
        process.stdin.write(b"".join(blob.encode() + b"\n" for blob in blobs))
        process.stdin.close()

    threading.Thread(target=request, daemon=True).start()
    chunks = Chunks(process.stdout)
    for blob in blobs:
        start, size = chunks.cat_file_answer() or (-1, 0)
        yield blob, bytes(chunks.buffer[start:start + size]) if start >= 0 else None
    process.wait()
    process.stdout.close()  # read to its end; left open, it is a ResourceWarning when collected
