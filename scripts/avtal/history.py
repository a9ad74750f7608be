"""The repository's history, read in one pass: every commit, the files it changed, and the
front matter of each changed document as it stood in that commit.

    read_history
      ├─ one `git log --raw` over the whole history: commits, parents, changed blobs
      │   (renames detected; a merge shows only what it resolved, as a combined diff)
      ├─ one `git cat-file --batch` fed while the log is read: the front matter of each
      │   changed document and the `document` of each data file, from the blobs themselves
      └─ beside them, started at once: the repository's git directory, HEAD, tags and status

Nothing here runs git once per file, and nothing reads a checkout. What the blobs say is kept
between runs in the git directory (a blob never changes), so a second run reads only new blobs.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .gitpipe import BlobReader, answer, read_blobs, spawn
from .layout import CONTENT_FOLDERS, DATA_SUFFIXES
from .snapshots import FrontMatterCache, Snapshot, body_of, snapshot_of, text_digest

_RECORD, _FIELD = "\x1e", "\x1f"
_LOG_FORMAT = _RECORD + _FIELD.join(["%H", "%P", "%an", "%cI", "%s", "%b"])
_ZERO_SHA = "0" * 40
CACHE_FILE = "avtal-snapshots-v3.json"


class HistoryError(Exception):
    """The folder is not a git repository, or a revision does not exist."""


class Commit(NamedTuple):
    sha: str
    parents: tuple[str, ...]
    author: str
    date: str  # committer date, ISO 8601 with its own offset
    subject: str
    body: str


class Change(NamedTuple):
    """A source file as one commit left it."""

    commit: str
    path: str
    blob: str


@dataclass
class History:
    commits: dict[str, Commit] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # parents before children
    changes: list[Change] = field(default_factory=list)  # in `order`
    snapshots: dict[str, Snapshot] = field(default_factory=dict)  # blob -> snapshot
    head: str | None = None
    shallow: bool = False
    tags: dict[str, str] = field(default_factory=dict)  # tag name -> commit
    uncommitted: list[str] = field(default_factory=list)  # sources changed in the working tree


def is_source(path: str) -> bool:
    return path.split("/", 1)[0] in CONTENT_FOLDERS and path.endswith((".md", *DATA_SUFFIXES))


# -- The whole history ----------------------------------------------------------------


def read_history(root: Path, follow: Callable[[History], None] | None = None) -> History:
    """The whole history of HEAD, with a snapshot of every document and data file each commit changed.

    `follow(history)` is called after each commit is read, so that a caller can derive what it
    needs while git is still working; a change's snapshot may come later than the change."""
    log = spawn(root, "log", "--raw", "--no-abbrev", "-z", "-M", "--cc", "--topo-order", "--reverse",
                f"--format={_LOG_FORMAT}", "HEAD")
    try:
        history, git_dir = _repository(root)
    except BaseException:
        log.kill()
        raise
    if history.head is None:
        log.wait()  # it fails at once: HEAD names no commit
        return history
    cache_file = git_dir / CACHE_FILE
    history.snapshots = _load_cache(cache_file)
    with no_collection():
        reader = BlobReader(root, history.snapshots)
        try:
            _read_log(history, log.stdout, reader, follow)
        finally:
            read = reader.finish()
            failed = log.wait()
    if failed:
        raise HistoryError(f"git log avbröts med felkod {failed}; kör git fsck för att se om arkivet är skadat")
    if read:
        _save_cache(cache_file, history.snapshots)
    return history


def _repository(root: Path) -> tuple[History, Path]:
    """What git says of the repository, asked all at once: its directory, HEAD, tags, status."""
    asked = {
        "where": spawn(root, "rev-parse", "--show-toplevel", "--git-common-dir", "--is-shallow-repository"),
        "head": spawn(root, "rev-parse", "--quiet", "--verify", "HEAD^{commit}"),
        "tags": spawn(root, "for-each-ref", "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)"
                      "%00%(*objecttype)%00%(*objectname)", "refs/tags"),
        "status": spawn(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *CONTENT_FOLDERS),
    }
    said = {name: answer(process) for name, process in asked.items()}
    where = _top_level(root, said["where"]).splitlines()
    head = (said["head"] or "").strip() or None
    history = History(head=head, shallow=where[2] == "true", tags=_tags(said["tags"] or ""),
                      uncommitted=_uncommitted(said["status"] or ""))
    return history, root / where[1]


def _top_level(root: Path, where: str | None) -> str:
    """`git rev-parse --show-toplevel …`'s answer, when root is the top of a repository."""
    if not where or Path(where.splitlines()[0]).resolve() != root.resolve():
        raise HistoryError(f"{root} är inte ett git-arkiv")
    return where


def _read_log(history: History, stream, reader: BlobReader, follow) -> None:
    requested = set(history.snapshots)
    for record in _records(stream):
        commit, changes = _parse_record(record)
        history.commits[commit.sha] = commit
        history.order.append(commit.sha)
        for path, blob in changes:
            if is_source(path):
                history.changes.append(Change(commit.sha, path, blob))
                if blob not in requested:
                    requested.add(blob)
                    reader.request(blob, path)
        if follow:
            follow(history)


@contextmanager
def no_collection() -> Iterator[None]:
    """The history is hundreds of thousands of small objects without cycles: the cyclic garbage
    collector finds nothing in them, and its passes over them cost a sixth of a run. So it pauses
    while they are made, and afterwards leaves them out of its passes (`gc.freeze`); reference
    counting still frees them when they are no longer used."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


# -- The log --------------------------------------------------------------------------


def _records(stream):
    """The log's output split into commit records as it arrives."""
    pending, separator, fd = b"", _RECORD.encode(), stream.fileno()
    while chunk := os.read(fd, 1 << 20):
        records = (pending + chunk).split(separator)
        pending = records.pop()
        yield from (r.decode("utf-8", "replace") for r in records if r)
    if pending:
        yield pending.decode("utf-8", "replace")


def _parse_record(record: str) -> tuple[Commit, list[tuple[str, str]]]:
    header, _, raw = record.partition("\0")
    sha, parents, author, date, subject, body = (header.split(_FIELD) + [""] * 6)[:6]
    commit = Commit(sha, tuple(parents.split()), author, date, subject, body.strip())
    return commit, list(_parse_raw(raw))


def _parse_raw(raw: str):
    """(path, blob) for each file a commit leaves behind (deletions are left out).

    An entry of `--raw -z` is its metadata and a path, each ended by NUL; a rename or copy names
    the old path and then the new one; a merge's combined entry (`::`) has a blob per parent, the
    result last, and one path."""
    tokens = raw.lstrip("\n").split("\0")
    index, count = 0, len(tokens)
    while index < count:
        meta = tokens[index]
        index += 1
        if not meta.startswith(":"):
            continue
        blob, status = meta.rsplit(" ", 2)[-2:]
        if status[:1] in ("R", "C") and not meta.startswith("::"):
            index += 1  # the old name
        path = tokens[index] if index < count else ""
        index += 1
        if "D" not in status and blob != _ZERO_SHA:
            yield path, blob


def _tags(listing: str) -> dict[str, str]:
    """Tag name -> the commit it names; a tag on a tree or a blob (or on another tag) is no release."""
    tags = {}
    for line in listing.splitlines():
        name, kind, sha, target_kind, target = (line.split("\0") + [""] * 5)[:5]
        if kind == "commit":
            tags[name] = sha
        elif kind == "tag" and target_kind == "commit":
            tags[name] = target
    return tags


def _uncommitted(status: str) -> list[str]:
    entries, paths, index = status.split("\0"), [], 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            index += 1  # the old name follows
        if "D" not in code and is_source(path):
            paths.append(path)
    return sorted(paths)


# -- What the blobs say, kept between runs ---------------------------------------------
# A blob never changes, so what it says can be kept: the next run reads only the blobs of new
# commits. The cache lives in the git directory, beside git's own.


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


# -- A tree at one revision -----------------------------------------------------------


@dataclass(frozen=True)
class TreeFile:
    path: str
    snapshot: Snapshot
    text_digest: str  # of the body for a document, of the whole file for data


def resolve_revision(root: Path, rev: str) -> str:
    """The commit `rev` names; HistoryError(rev) when it names none (or root is not a repository)."""
    where = spawn(root, "rev-parse", "--show-toplevel")
    sha = answer(spawn(root, "rev-parse", "--quiet", "--verify", f"{rev}^{{commit}}"))
    _top_level(root, answer(where))
    if not sha:
        raise HistoryError(rev)
    return sha.strip()


def read_tree(root: Path, rev: str) -> dict[str, TreeFile]:
    """Every document and data file as it stood at `rev`, with a fingerprint of its text."""
    listing = answer(spawn(root, "ls-tree", "-r", "-z", rev, "--", *CONTENT_FOLDERS)) or ""
    entries = []  # (blob, path) in the tree's order
    for line in filter(None, listing.split("\0")):
        meta, _, path = line.partition("\t")
        kind, blob = meta.split()[1:3]
        if kind == "blob" and is_source(path):
            entries.append((blob, path))
    contents = dict(read_blobs(root, list(dict.fromkeys(blob for blob, _ in entries))))
    cache, files = FrontMatterCache(), {}
    for blob, path in entries:
        data = contents.get(blob)
        if data is not None:
            text = data if path.endswith(DATA_SUFFIXES) else body_of(data)
            files[path] = TreeFile(path, snapshot_of(path, data, cache), text_digest(text))
    return files
