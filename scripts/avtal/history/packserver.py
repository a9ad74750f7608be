"""The second process of a first run (see packs.py), and avtal's side of it.

    PackReader   in avtal, with BlobReader's interface: sends (blob, path) requests to the process,
                 parses the front matter it answers and puts the snapshots in the history as they come
    serve        the process: answers each request from the packs, or whole through one
                 `git cat-file` where they cannot; YAML is left to avtal
    _fork        the process as a fork of avtal (started by early.start_early before git log, so
                 the packs' indexes are read while avtal imports the rest); where fork is missing or
                 other threads run, `python -m avtal.history.packserver ROOT OBJECTS` instead

A process of its own, not a thread: the change log's Python is busy parsing the log meanwhile,
and a thread would wait for it (one interpreter lock); the machine has a second core.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

# subprocess, threading and gitpipe are imported where they are used: the serving process starts
# faster without them (a fiftieth of a second), and needs them only for blobs it reads whole.
from ..source.layout import DATA_SUFFIXES
from .packs import PackStore, may_be_decided
from .snapshots import DECIDED, FrontMatterCache, Snapshot, front_matter, snapshot_of, text_digest

# -- The serving process -----------------------------------------------------------------


class _Whole:
    """What cannot be read from a pack, read whole through one `git cat-file`, started when needed."""

    _GROUP = 1000  # requests written before their answers are read: well within a pipe's 64 KiB

    def __init__(self, root: Path):
        self.root, self.process, self.answers, self.chunks = root, None, None, None

    def answers_for(self, wanted: list[tuple[str, str]]):
        """An answer (see serve) for each (blob, path), from the whole blob."""
        from .gitpipe import BATCH, Chunks, spawn

        if self.process is None:
            self.process = spawn(self.root, "cat-file", BATCH, stdin=True)
            self.chunks = Chunks(self.process.stdout)
            self.answers = self.chunks.answers()
        for first in range(0, len(wanted), self._GROUP):
            group = wanted[first:first + self._GROUP]
            self.process.stdin.write(b"".join(blob.encode() + b"\n" for blob, _ in group))
            self.process.stdin.flush()
            for _blob, path in group:
                start, size = next(self.answers, (-1, 0))
                yield None if start < 0 else _whole_answer(path, self.chunks.buffer, start, start + size)


def _whole_answer(path: str, data, start: int, end: int):
    if path.endswith(DATA_SUFFIXES):
        return tuple(snapshot_of(path, data, FrontMatterCache(), start, end))  # no front matter to parse
    front, data, body, end = front_matter(data, start, end)
    if front is not None and may_be_decided(front):
        return [front, text_digest(bytes(data[body:end]))]
    return front if front is not None else False


def serve(root: Path, objects: Path, source: int | None = None, out=None) -> None:
    """Answer requests on stdin (`<blob> <path>`, each ended by NUL) on stdout: for each piece of input
    read, a marshal list of an answer per whole request, after its length in 4 bytes. An answer is

        None              the repository does not have the object (a shallow clone's edge)
        bytes             a document's front matter, as snapshot_of parses it: avtal parses it (YAML
        int               is not imported here), and the Nth front matter sent is later sent as N
        False             a document without front matter
        [front, digest]   a document that may be decided, with the fingerprint of its text
        tuple             a data file's snapshot"""
    store, whole, sent = PackStore(objects), _Whole(root), {}
    source = sys.stdin.buffer.fileno() if source is None else source
    out, pending = out or sys.stdout.buffer, b""
    front, data_suffixes = store.front, tuple(suffix.encode() for suffix in DATA_SUFFIXES)
    while chunk := os.read(source, 1 << 16):
        requests = (pending + chunk).split(b"\0")
        pending = requests.pop()
        answers, later = [], []
        for request in requests:  # once per blob of a whole history: kept to bytes and few calls
            answer = None if request.endswith(data_suffixes) else front(request[:request.index(b" ")])
            if type(answer) is bytes:
                number = sent.get(answer)
                if number is None:
                    sent[answer] = len(sent)
                else:
                    answer = number
            elif answer is None:
                later.append(len(answers))
            answers.append(answer)
        if later:
            wanted = [requests[index].decode("utf-8", "surrogateescape").partition(" ")[::2] for index in later]
            for index, answer in zip(later, whole.answers_for(wanted), strict=True):
                front_bytes = answer[0] if type(answer) is list else answer
                if type(front_bytes) is bytes:
                    number = sent.get(front_bytes)
                    if number is None:
                        sent[front_bytes] = len(sent)
                    else:
                        answer = number if answer is front_bytes else [number, answer[1]]
                answers[index] = answer
        payload = marshal.dumps(answers)
        out.write(len(payload).to_bytes(4, "little") + payload)
        out.flush()


# -- The side of avtal -------------------------------------------------------------------


def serving_command(root: Path, objects: Path) -> list[str]:
    return [sys.executable, "-m", "avtal.history.packserver", str(root), str(objects)]


_SERVING_COMMAND = serving_command  # while it is this one (not a test's), the process may be a fork


class _Forked:
    """A serving process forked from this one, with the part of Popen's interface PackReader uses."""

    def __init__(self, pid: int, stdin, stdout):
        self.pid, self.stdin, self.stdout, self.returncode = pid, stdin, stdout, None

    def wait(self) -> int:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode

    def kill(self) -> None:
        import signal

        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


def _fork(root: Path, objects: Path) -> _Forked | None:
    """The serving process as a fork of this one, which has imported what it needs: no interpreter to
    start, a twentieth of a second sooner. Only where fork exists and no other thread runs (a fork
    copies none of them, and could find a lock one of them holds); None otherwise."""
    import threading

    if not hasattr(os, "fork") or threading.active_count() != 1:
        return None
    requests, requested = os.pipe()
    answers, answered = os.pipe()
    pid = os.fork()
    if pid == 0:  # the serving process: it ends here, never returning into avtal's command
        code = 1
        try:
            os.close(requested)
            os.close(answers)
            quiet = os.open(os.devnull, os.O_RDWR)  # avtal's own input and output are not this one's: a
            os.dup2(quiet, 0)  # program reading avtal's output is not kept waiting for its end by it
            os.dup2(quiet, 1)
            serve(root, objects, requests, os.fdopen(answered, "wb"))
            code = 0
        finally:
            os._exit(code)
    os.close(requests)
    os.close(answered)
    return _Forked(pid, os.fdopen(requested, "wb"), os.fdopen(answers, "rb"))


class PackReader:
    """The serving process, with BlobReader's interface (gitpipe.py): blobs are requested from one
    thread, and their snapshots put in `snapshots` by another as they come. Should the process fail,
    what it has not answered is read through cat-file at the end, so a run never lacks a snapshot."""

    def __init__(self, root: Path, objects: Path, snapshots: dict[str, Snapshot] | None = None):
        self.root, self.objects = root, objects
        self.process = None  # the serving process, a subprocess.Popen once started
        self.thread = None  # the thread that reads its answers
        self.requests: list[tuple[str, str]] = []  # (blob, path) in request order
        self.answered = 0
        self.unsure: list[tuple[str, str]] = []  # answered, but to be read whole after all
        self.meanwhile = None  # see finish
        self.snapshots = snapshots  # set before the first request

    def start(self) -> None:
        import subprocess
        import threading

        from .gitpipe import _widen

        if self.process is not None or self.thread is not None:
            return  # started already (early.start_early)
        self.process = _fork(self.root, self.objects) if serving_command is _SERVING_COMMAND else None
        if self.process is None:  # a new interpreter, then
            package = Path(__file__).resolve().parents[2]  # the folder avtal is imported from, for the process too
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(package), os.environ.get("PYTHONPATH")]))}
            try:
                self.process = subprocess.Popen(
                    serving_command(self.root, self.objects), cwd=self.root,
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            except OSError:
                return  # no second process: finish() reads everything through cat-file
        _widen(self.process.stdin)  # the requests of a whole history fit: the log's reading never waits for the process
        _widen(self.process.stdout)
        self.thread = threading.Thread(target=self._read_all, daemon=True)
        self.thread.start()

    def request(self, wanted: list[tuple[str, str]]) -> None:
        if not wanted:
            return
        if self.process is None and self.thread is None:
            self.start()
        self.requests.extend(wanted)  # before they are sent: the answers can come at once
        if self.process is not None:
            try:
                self.process.stdin.write("".join(f"{blob} {path}\0" for blob, path in wanted).encode("utf-8", "surrogateescape"))
                self.process.stdin.flush()
            except OSError:
                pass  # the process ended: finish() reads the rest

    def finish(self, meanwhile=None) -> None:
        """Wait for the last answer; `meanwhile()` is called from the reading thread after each answer
        that comes while this one waits (the change log follows the history as it is completed)."""
        self.meanwhile = meanwhile
        if self.process is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            self.thread.join()
            self.process.wait()
            self.process.stdout.close()
        rest = self.unsure + self.requests[self.answered:]  # the process failed: the rest as before
        if rest:
            from .gitpipe import BlobReader

            reader = BlobReader(self.root, self.snapshots)
            reader.request(rest)
            reader.finish()
            self.answered, self.unsure = len(self.requests), []

    def _read_all(self) -> None:
        stream = self.process.stdout
        try:
            self._take_answers(stream)
        except (EOFError, ValueError, TypeError):
            pass  # a broken answer: finish() reads from it on through cat-file
        finally:
            while stream.read(1 << 16):  # whatever went wrong, the process is never left blocked on a full pipe
                pass

    def _take_answers(self, stream) -> None:
        requests, make, cache, fronts = self.requests, Snapshot._make, FrontMatterCache(), []

        def parsed(front) -> Snapshot:  # the front matters in the order they were first sent
            if type(front) is int:
                return fronts[front]
            if front is False:
                return Snapshot()
            snapshot = cache.snapshot(front)
            fronts.append(snapshot)
            return snapshot

        while (head := stream.read(4)) and len(head) == 4:
            answers = marshal.loads(stream.read(int.from_bytes(head, "little")))
            snapshots = self.snapshots
            for request, answer in zip(requests[self.answered:self.answered + len(answers)], answers, strict=True):
                kind = type(answer)
                if answer is None:
                    continue
                if kind is tuple:
                    snapshot = make(answer)
                elif kind is list:
                    snapshot = parsed(answer[0])
                    if snapshot.status == DECIDED:
                        snapshot = snapshot._replace(body_digest=answer[1])
                else:
                    snapshot = parsed(answer)
                    if snapshot.status == DECIDED:  # a decided document may_be_decided missed: read whole
                        self.unsure.append(request)
                        continue
                snapshots[request[0]] = snapshot
            self.answered += len(answers)
            if self.meanwhile is not None:
                self.meanwhile()

if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
