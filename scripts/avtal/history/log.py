"""The repository's history, read in one pass: every commit, the files it changed, and the
front matter of each changed document as it stood in that commit.

    read_history
      ├─ one `git log --raw` over the whole history: commits, parents, changed blobs
      │   (renames detected; a merge shows only what it resolved, as a combined diff)
      ├─ one `git cat-file --batch` fed while the log is read: the front matter of each
      │   changed document and the `document` of each data file, from the blobs themselves
      └─ beside them, started at once: the repository's git directory, HEAD, tags and status

Nothing here runs git once per file, and nothing reads a checkout. What the history said is kept
between runs in the git directory (cache.py), so a later run reads only new commits and blobs.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ..source.layout import CONTENT_FOLDERS, DATA_SUFFIXES
from .cache import CACHE_FILE, MAX_SEGMENTS, HistoryCache, cached_tip, load_cache, save_cache
from .early import take_early, take_early_reader
from .gitpipe import FIELD, RECORD, BlobReader, HistoryError, answer, read_blobs, spawn, start_log, stop
from .snapshots import FrontMatterCache, Snapshot, body_of, snapshot_of, text_digest

_ZERO_SHA = "0" * 40


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


def read_history(root: Path, follow: Callable[[History], None] | None = None,
                 commits_read: Callable[[History], None] | None = None) -> History:
    """The whole history of HEAD, with a snapshot of every document and data file each commit changed.

    `commits_read(history)` is called once every commit is read, while the last blobs may still be;
    `follow(history)` is called as commits are read, so that a caller can derive what it needs
    while git is still working; a change's snapshot may come later than the change."""
    try:
        history, git_dir, replaced = _repository(root)
    except HistoryError:
        _stop_early(root)  # there is nothing to read
        raise
    if history.head is None:
        _stop_early(root)
        return history  # a repository without commits
    cache_file = git_dir / CACHE_FILE
    since = None if history.shallow or replaced else cached_tip(cache_file)
    if since and since != history.head and not _is_ancestor(root, since):
        since = None  # history rewritten since the last run (a reset, a rebase): read it all
    moved = since != history.head  # HEAD has commits the cache has not (or there is no cache)
    log = take_early(root, since if moved else "")  # the log started early, if it is this one
    if log is None and moved:
        log = start_log(root, since)  # git starts while the cache loads
    reader = _blob_reader(root, git_dir, history.head, whole=since is None)
    if log is not None:
        reader.start()  # so does the blobs' reader: a run after one commit waits for its start otherwise
    cache = load_cache(cache_file)
    if since and cache.tip != since:  # the cache changed meanwhile, or does not add up: read it all
        if log is not None:
            stop(log)
        since, log = None, start_log(root, None)
    history.snapshots = cache.snapshots
    known_blobs, keep_commits = len(cache.snapshots), not history.shallow and not replaced
    rows: list[tuple[list, list]] = []

    def meanwhile() -> None:  # once the log is read, while the last blobs' snapshots come
        if commits_read:
            commits_read(history)
        if not since and keep_commits:
            rows.append(_commit_rows(history))

    try:
        with no_collection():
            if since:
                _restore(history, cache)
            if follow:
                follow(history)
            if log is not None:
                _read_log(history, log, reader, follow, meanwhile)
    finally:
        reader.finish()  # already done when the log was read; otherwise it is stopped here
    if len(history.snapshots) != known_blobs or (keep_commits and cache.tip != history.head):
        if since and cache.segments < MAX_SEGMENTS:
            _remember_more(cache_file, history, cache, known_blobs)
        else:
            _remember(cache_file, history, commits=keep_commits, rows=rows[0] if rows and not since else None)
    return history


def _stop_early(root: Path) -> None:
    take_early(root, "")
    early = take_early_reader(root, Path())
    if early is not None:
        early.finish()


def _blob_reader(root: Path, git_dir: Path, head: str, whole: bool):
    """Where the blobs' snapshots come from: for the whole history, the packs' first bytes of each, read
    by a second process (packs.py, packserver.py); for the few blobs of new commits, `git cat-file` at once."""
    objects = git_dir / "objects"
    early = take_early_reader(root, objects)
    if whole and len(head) == 40 and (early or any((objects / "pack").glob("*.idx"))):  # SHA-1 names: what packs.py reads
        if early is not None:
            return early
        from .packserver import PackReader  # only here: a run after a new commit needs none of it

        return PackReader(root, objects)
    if early is not None:
        early.finish()  # not needed: the cache has the history
    return BlobReader(root)


def _is_ancestor(root: Path, sha: str) -> bool:
    return answer(spawn(root, "merge-base", "--is-ancestor", sha, "HEAD")) is not None


def _repository(root: Path) -> tuple[History, Path, bool]:
    """What git says of the repository, asked all at once: its directory, HEAD, tags, status;
    and whether replace refs or grafts make its history other than its commits say."""
    asked = {
        "where": spawn(root, "rev-parse", "--show-toplevel", "--git-common-dir", "--is-shallow-repository"),
        "head": spawn(root, "rev-parse", "--quiet", "--verify", "HEAD^{commit}"),
        "refs": spawn(root, "for-each-ref", "--format=%(refname)%00%(objecttype)%00%(objectname)"
                      "%00%(*objecttype)%00%(*objectname)", "refs/tags", "refs/replace"),
        "status": spawn(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *CONTENT_FOLDERS),
    }
    said = {name: answer(process) for name, process in asked.items()}
    where = _top_level(root, said["where"]).splitlines()
    git_dir = root / where[1]
    refs = said["refs"] or ""
    history = History(head=(said["head"] or "").strip() or None, shallow=where[2] == "true", tags=_tags(refs),
                      uncommitted=_uncommitted(said["status"] or ""))
    replaced = "refs/replace/" in refs or (git_dir / "info" / "grafts").exists()
    return history, git_dir, replaced


def _top_level(root: Path, where: str | None) -> str:
    """`git rev-parse --show-toplevel …`'s answer, when root is the top of a repository."""
    if not where or Path(where.splitlines()[0]).resolve() != root.resolve():
        raise HistoryError(f"{root} är inte ett git-arkiv")
    return where


def _read_log(history: History, log, reader: BlobReader, follow, meanwhile: Callable[[], None]) -> None:
    reader.snapshots = history.snapshots
    try:
        _read_records(history, log.stdout, reader, follow)
        meanwhile()
        if follow and isinstance(reader, BlobReader):
            reader.finish()
        elif follow:  # the pack reader's last answers can be followed as they come, while this waits
            reader.finish(lambda: follow(history))
    finally:
        reader.finish()
        failed = log.wait()
        log.stdout.close()
    if failed:
        raise HistoryError(f"git log avbröts med felkod {failed}; kör git fsck för att se om arkivet är skadat")


_BATCH = 32  # commits read between sending their blobs to cat-file and following them: few calls, no waiting


def _read_records(history: History, stream, reader: BlobReader, follow) -> None:
    snapshots, requested, wanted = history.snapshots, set(), []
    # path -> the path itself if it is a source, else "": the same paths recur in every commit, and
    # one string for each keeps the history (and the cache written from it) small.
    sources: dict[str, str] = {}
    for count, record in enumerate(_records(stream), 1):
        commit, changes = _parse_record(record)
        history.commits[commit.sha] = commit
        history.order.append(commit.sha)
        for path, blob in changes:
            source = sources.get(path)
            if source is None:
                source = sources[path] = path if is_source(path) else ""
            if source:
                history.changes.append(Change(commit.sha, source, blob))
                if blob not in requested and blob not in snapshots:
                    requested.add(blob)
                    wanted.append((blob, source))
        if count % _BATCH == 0:
            reader.request(wanted)
            wanted = []
            if follow:
                follow(history)
    reader.request(wanted)
    if follow:
        follow(history)


def _restore(history: History, cache: HistoryCache) -> None:
    """The commits of earlier runs, as they were read then."""
    commits = list(map(Commit._make, cache.commits))
    history.order.extend(map(itemgetter(0), commits))
    history.commits.update(zip(history.order, commits, strict=False))
    order = history.order
    history.changes.extend(Change(order[index], path, blob) for index, path, blob in cache.changes)


def _remember(file: Path, history: History, commits: bool, rows: tuple[list, list] | None = None) -> None:
    """Keep the snapshots, and the commits too unless a shallow clone or replace refs make them
    what this clone says rather than what the history is; `rows`: _commit_rows, made already."""
    if not commits:
        save_cache(file, HistoryCache(snapshots=history.snapshots))
        return
    commit_rows, changes = rows or _commit_rows(history)
    save_cache(file, HistoryCache(history.head, commit_rows, changes, history.snapshots))


def _commit_rows(history: History) -> tuple[list, list]:
    """The cache's rows of every commit and change (plain tuples, for marshal)."""
    index = {sha: number for number, sha in enumerate(history.order)}
    rows = [tuple(commit) for commit in map(history.commits.get, history.order)]
    return rows, [(index[c.commit], c.path, c.blob) for c in history.changes]


def _remember_more(file: Path, history: History, cache: HistoryCache, known_blobs: int) -> None:
    """Add to the cache what this run read after it: the commits since its tip, and their blobs."""
    known = len(cache.commits)
    index = {sha: number for number, sha in enumerate(history.order[known:], known)}
    rows = [tuple(history.commits[sha]) for sha in history.order[known:]]
    changes = [(index[c.commit], c.path, c.blob) for c in history.changes[len(cache.changes):]]
    snapshots = dict(islice(history.snapshots.items(), known_blobs, None))
    save_cache(file, HistoryCache(history.head, rows, changes, snapshots), after=cache)


@contextmanager
def no_collection() -> Iterator[None]:
    """The history is hundreds of thousands of small objects without cycles: the cyclic garbage
    collector finds nothing in them, and its passes while they are made cost a sixth of a run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- The log --------------------------------------------------------------------------


def _records(stream):
    """The log's output split into commit records as it arrives."""
    pending, separator, fd = b"", RECORD.encode(), stream.fileno()
    while chunk := os.read(fd, 1 << 20):
        whole, _, pending = (pending + chunk).rpartition(separator)  # the last record may go on
        yield from filter(None, whole.decode("utf-8", "replace").split(RECORD))
    if pending:
        yield pending.decode("utf-8", "replace")


def _parse_record(record: str) -> tuple[Commit, list[tuple[str, str]]]:
    header, _, raw = record.partition("\0")
    sha, parents, author, date, subject, body = (header.split(FIELD) + [""] * 6)[:6]
    commit = Commit(sha, tuple(parents.split()), author, date, subject, body.strip())
    return commit, _parse_raw(raw)


def _parse_raw(raw: str) -> list[tuple[str, str]]:
    """(path, blob) for each file a commit leaves behind (deletions are left out).

    An entry of `--raw -z` is its metadata and a path, each ended by NUL; a rename or copy names
    the old path and then the new one; a merge's combined entry (`::`) has a blob per parent, the
    result last, and one path."""
    tokens = raw.lstrip("\n").split("\0")
    index, count, files = 0, len(tokens), []
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
            files.append((path, blob))
    return files


def _tags(listing: str) -> dict[str, str]:
    """Tag name -> the commit it names; a tag on a tree or a blob (or on another tag) is no release."""
    tags = {}
    for line in listing.splitlines():
        ref, kind, sha, target_kind, target = (line.split("\0") + [""] * 5)[:5]
        if not ref.startswith("refs/tags/"):
            continue
        name = ref.removeprefix("refs/tags/")
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
