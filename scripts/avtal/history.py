"""The repository's history, read in one pass: every commit, the files it changed, and the
front matter of each changed document as it stood in that commit.

    read_history
      ├─ one `git log --raw` over the whole history: commits, parents, changed blobs
      │   (renames detected; a merge shows only what it resolved, as a combined diff)
      └─ one `git cat-file --batch` fed while the log is read: the front matter of each
          changed document and the `document` of each data file, from the blobs themselves

Nothing here runs git once per file, and nothing reads a checkout. GitPython opens the
repository and runs the two long-lived git processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .layout import CONTENT_FOLDERS, DATA_SUFFIXES
from .yamlsafe import parse_yaml

_RECORD, _FIELD = "\x1e", "\x1f"
_LOG_FORMAT = _RECORD + _FIELD.join(["%H", "%P", "%an", "%cI", "%s", "%b"])
_ZERO_SHA = "0" * 40
_DATA_DOCUMENT_RE = re.compile(rb"^document:[ \t]*[\"']?([a-z][a-z0-9-]*)", re.M)
FRONT_MATTER_KEYS = ("id", "title", "version", "status", "change_note", "date", "owner")
DECIDED = "beslutad"
CACHE_FILE = "avtal-snapshots-v3.json"


class HistoryError(Exception):
    """The folder is not a git repository, or a revision does not exist."""


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    date: str  # committer date, ISO 8601 with its own offset
    subject: str
    body: str


@dataclass(frozen=True)
class Change:
    """A source file as one commit left it."""

    commit: str
    path: str
    blob: str


class Snapshot(NamedTuple):
    """What a blob says about itself: a document's front matter, or a data file's document."""

    id: str | None = None
    title: str | None = None
    version: str | None = None
    status: str | None = None
    change_note: str | None = None
    date: str | None = None
    owner: str | None = None
    body_digest: str | None = None
    document: str | None = None  # for data files


@dataclass
class History:
    commits: dict[str, Commit] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # parents before children
    changes: list[Change] = field(default_factory=list)  # in `order`
    snapshots: dict[str, Snapshot] = field(default_factory=dict)  # blob -> snapshot
    head: str | None = None
    shallow: bool = False
    tags: dict[str, str] = field(default_factory=dict)  # tag name -> commit


def is_source(path: str) -> bool:
    return path.split("/", 1)[0] in CONTENT_FOLDERS and path.endswith((".md", *DATA_SUFFIXES))


def open_repo(root: Path):
    import git

    try:
        return git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryError(f"{root} är inte ett git-arkiv") from None


# -- Reading blobs --------------------------------------------------------------------


class FrontMatterCache:
    """Front-matter texts repeat across blobs (most commits change the body only): parse each once."""

    def __init__(self):
        self.parsed: dict[bytes, dict] = {}

    def fields(self, text: bytes) -> dict:
        if text not in self.parsed:
            value = parse_yaml(text.decode("utf-8", "replace")).value
            value = value if isinstance(value, dict) else {}
            self.parsed[text] = {k: _text(value.get(k)) for k in FRONT_MATTER_KEYS}
        return self.parsed[text]


def _text(value) -> str | None:
    return None if value is None else str(value)


def snapshot_of(path: str, data: bytes, cache: FrontMatterCache) -> Snapshot:
    if path.endswith(DATA_SUFFIXES):
        found = _DATA_DOCUMENT_RE.search(data)
        return Snapshot(document=found.group(1).decode() if found else None)
    data = data.replace(b"\r\n", b"\n").removeprefix(b"\xef\xbb\xbf")
    end = data.find(b"\n---\n", 3) if data.startswith(b"---\n") else -1
    if end < 0:
        return Snapshot()
    fields = cache.fields(data[4:end + 1])
    # The text of a decided version must never change: keep its fingerprint, and only its.
    digest = text_digest(_body(data)) if fields["status"] == DECIDED else None
    return Snapshot(**fields, body_digest=digest)


def text_digest(body: bytes | str) -> str:
    """The fingerprint of a document's text (the Markdown after the front matter)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    body = body.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    return hashlib.sha256(body.rstrip() + b"\n").hexdigest()


class BlobReader:
    """One `git cat-file --batch` process: blobs are requested from one thread and read in another."""

    def __init__(self, repo):
        self.process = repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
        self.requests: list[tuple[str, str]] = []  # (blob, path) in request order
        self.cache = FrontMatterCache()

    def request(self, blob: str, path: str) -> None:
        self.requests.append((blob, path))
        self.process.stdin.write(blob.encode() + b"\n")

    def close_requests(self) -> None:
        self.process.stdin.close()

    def read_all(self, done: threading.Event) -> dict[str, Snapshot]:
        snapshots: dict[str, Snapshot] = {}
        out, index = self.process.stdout, 0
        while True:
            header = out.readline()
            if not header:
                break
            parts = header.split()
            blob, path = self.requests[index] if index < len(self.requests) else (parts[0].decode(), "")
            index += 1
            if len(parts) < 3 or parts[1] != b"blob":
                continue  # missing (a shallow clone's edge), or not a blob
            data = out.read(int(parts[2]))
            out.read(1)  # the newline after the contents
            snapshots[blob] = snapshot_of(path, data, self.cache)
        done.set()
        return snapshots


# -- Reading the log ------------------------------------------------------------------


# One entry of `--raw -z`: a rename or copy names the old and the new path; a merge's combined
# entry (`::`) has a blob per parent and the result last.
_RAW_ENTRY_RE = re.compile(
    r":[0-7]{6} [0-7]{6} [0-9a-f]{40} ([0-9a-f]{40}) [RC][0-9]*\0[^\0]*\0([^\0]*)\0"
    r"|:+(?:[0-7]{6} )+(?:[0-9a-f]{40} )*([0-9a-f]{40}) ([A-Z]+)[0-9]*\0([^\0]*)\0"
)


def _parse_raw(raw: str):
    """(path, blob) for each file a commit leaves behind (deletions are left out)."""
    for match in _RAW_ENTRY_RE.finditer(raw):
        if match.group(1):
            yield match.group(2), match.group(1)
        elif "D" not in match.group(4) and match.group(3) != _ZERO_SHA:
            yield match.group(5), match.group(3)


def _parse_record(record: str) -> tuple[Commit, list[tuple[str, str]]]:
    header, _, raw = record.partition("\0")
    sha, parents, author, date, subject, body = (header.split(_FIELD) + [""] * 6)[:6]
    commit = Commit(sha, tuple(parents.split()), author, date, subject, body.strip())
    return commit, list(_parse_raw(raw))


def read_history(root: Path, repo=None) -> History:
    """The whole history of HEAD, with a snapshot of every document and data file each commit changed."""
    repo = repo or open_repo(root)
    history = History(shallow=repo.git.rev_parse("--is-shallow-repository") == "true")
    if not repo.head.is_valid():
        return history  # a repository without commits
    history.head = repo.head.commit.hexsha
    history.tags = _tags(repo)
    log = repo.git.log(
        "--raw", "--no-abbrev", "-z", "-M", "--cc", "--topo-order", "--reverse", f"--format={_LOG_FORMAT}", "HEAD",
        as_process=True,
    )
    cache_file = Path(repo.common_dir) / CACHE_FILE
    known = _load_cache(cache_file)
    reader = BlobReader(repo)
    done = threading.Event()
    result: dict[str, dict] = {}
    consumer = threading.Thread(target=lambda: result.setdefault("snapshots", reader.read_all(done)), daemon=True)
    consumer.start()
    requested: set[str] = set(known)
    try:
        for record in _records(log.stdout):
            commit, changes = _parse_record(record)
            history.commits[commit.sha] = commit
            history.order.append(commit.sha)
            for path, blob in changes:
                if not is_source(path):
                    continue
                history.changes.append(Change(commit.sha, path, blob))
                if blob not in requested:
                    requested.add(blob)
                    reader.request(blob, path)
    finally:
        reader.close_requests()
        log.wait()
    consumer.join()
    fresh = result.get("snapshots", {})
    history.snapshots = {**known, **fresh}
    if fresh:
        _save_cache(cache_file, history.snapshots)
    return history


# A blob never changes, so what it says can be kept between runs: the next run reads only
# the blobs of new commits. The cache lives in the git directory, beside git's own.


def _load_cache(file: Path) -> dict[str, Snapshot]:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        rows = [Snapshot(*row) for row in raw["snapshots"]]
        return {blob: rows[index] for blob, index in raw["blobs"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return {}


def _save_cache(file: Path, snapshots: dict[str, Snapshot]) -> None:
    # Most blobs differ only in their body, so their snapshots are equal: keep each once.
    rows: dict[Snapshot, int] = {}
    blobs = {blob: rows.setdefault(snapshot, len(rows)) for blob, snapshot in snapshots.items()}
    data = {"snapshots": [list(row) for row in rows], "blobs": blobs}
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, file)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only repository: no cache, same result


def _tags(repo) -> dict[str, str]:
    tags = {}
    for tag in repo.tags:
        try:
            tags[tag.name] = tag.commit.hexsha
        except ValueError:
            continue  # a tag on a tree or a blob: no release
    return tags


def _records(stream):
    """Split the log's output into commit records as it arrives."""
    pending = b""
    separator = _RECORD.encode()
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            break
        records = (pending + chunk).split(separator)
        pending = records.pop()
        yield from (r.decode("utf-8", "replace") for r in records if r)
    if pending:
        yield pending.decode("utf-8", "replace")


# -- A tree at one revision -----------------------------------------------------------


@dataclass(frozen=True)
class TreeFile:
    path: str
    snapshot: Snapshot
    text_digest: str  # of the body for a document, of the whole file for data


def resolve_revision(root: Path, rev: str) -> str:
    import git

    repo = open_repo(root)
    try:
        return repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}")
    except git.GitCommandError:
        raise HistoryError(rev) from None


def read_tree(root: Path, rev: str) -> dict[str, TreeFile]:
    """Every document and data file as it stood at `rev`, with a fingerprint of its text."""
    repo = open_repo(root)
    listing = repo.git.ls_tree("-r", "-z", rev, "--", *CONTENT_FOLDERS)
    entries = []
    for line in filter(None, listing.split("\0")):
        meta, _, path = line.partition("\t")
        if meta.split()[1] == "blob" and is_source(path):
            entries.append((meta.split()[2], path))
    process = repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)

    def request() -> None:  # from its own thread, so that a full pipe cannot stall both sides
        process.stdin.write(b"".join(blob.encode() + b"\n" for blob, _ in entries))
        process.stdin.close()

    threading.Thread(target=request, daemon=True).start()
    cache, files = FrontMatterCache(), {}
    for _, path in entries:
        size = int(process.stdout.readline().split()[2])
        data = process.stdout.read(size)
        process.stdout.read(1)
        snapshot = snapshot_of(path, data, cache)
        text = data if path.endswith(DATA_SUFFIXES) else _body(data)
        files[path] = TreeFile(path, snapshot, text_digest(text))
    process.wait()
    return files


def _body(data: bytes) -> bytes:
    data = data.replace(b"\r\n", b"\n").removeprefix(b"\xef\xbb\xbf")
    end = data.find(b"\n---\n", 3) if data.startswith(b"---\n") else -1
    return data[end + 5:] if end >= 0 else data
