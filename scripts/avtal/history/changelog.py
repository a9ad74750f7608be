"""Change logs derived from the history: per document and version, and per release.

    load_changelog(root)
      ├─ read_history                  one pass over git (log.py)
      ├─ pull_requests                 which pull request brought each commit in
      ├─ document_logs                 each document's versions and their commits, by document id
      │                                (an id survives renames and moves, so they are followed)
      ├─ releases                      tags v1.0 (the repository) and <id>-v1.0 (a document)
      └─ uncommitted                   work in the working tree that is not yet committed

Rendered as Markdown and JSON by changelog_files.py. Commit subjects and author names are
whatever the committer typed: they are kept on one line without control characters here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..source.layout import DATA_SUFFIXES
from ..text import clean_line
from .local import LocalTouches, local_uncommitted
from .log import Change, Commit, History, no_collection, read_history
from .snapshots import FrontMatterCache, Snapshot, snapshot_of

_SQUASH_PR_RE = re.compile(r"\(#(\d+)\)\s*$")
_GITHUB_MERGE_RE = re.compile(r"^Merge pull request #(\d+)")
_GITLAB_MERGE_RE = re.compile(r"See merge request \S*!(\d+)")
_RELEASE_TAG_RE = re.compile(r"^v(\d+\.\d+)(?:\.\d+)?$")


@dataclass
class CommitEntry:
    sha: str
    date: str  # YYYY-MM-DD, in the committer's own time zone
    author: str
    subject: str
    pull_request: str | None  # "#12" (GitHub) or "!12" (GitLab)


@dataclass
class VersionEntry:
    version: str
    status: str | None
    change_note: str | None
    owner: str | None
    first_date: str
    last_date: str
    tag: str | None = None
    commits: list[CommitEntry] = field(default_factory=list)  # newest first


@dataclass
class Uncommitted:
    version: str | None
    status: str | None
    change_note: str | None
    paths: list[str]


@dataclass
class DocumentLog:
    id: str
    title: str | None
    path: str | None
    versions: list[VersionEntry] = field(default_factory=list)  # newest first
    uncommitted: Uncommitted | None = None


@dataclass
class ReleaseDocument:
    id: str
    title: str | None
    versions: list[str]
    commits: list[str]  # shas, newest first; the entries are in the document's log


@dataclass
class Release:
    tag: str | None  # None: not yet released
    sha: str | None
    date: str | None
    documents: list[ReleaseDocument] = field(default_factory=list)


@dataclass
class Changelog:
    documents: dict[str, DocumentLog]
    releases: list[Release]  # newest first; the first has tag None when there is unreleased work
    head: str | None
    complete: bool  # False in a shallow clone: the oldest history is missing


def version_key(version: str | None) -> tuple:
    try:
        major, minor = (version or "").split(".")
        return (0, int(major), int(minor))
    except ValueError:
        return (1, version or "")  # not MAJOR.MINOR: after the real versions


# -- Pull requests --------------------------------------------------------------------


def _own_pull_request(commit: Commit) -> str | None:
    if len(commit.parents) > 1:
        github = _GITHUB_MERGE_RE.match(commit.subject)
        gitlab = _GITLAB_MERGE_RE.search(commit.body)
        return f"#{github.group(1)}" if github else f"!{gitlab.group(1)}" if gitlab else None
    squash = _SQUASH_PR_RE.search(commit.subject)
    return f"#{squash.group(1)}" if squash else None


def _first_parent_chain(history: History) -> list[str]:
    chain, sha = [], history.head
    while sha in history.commits:
        chain.append(sha)
        parents = history.commits[sha].parents
        sha = parents[0] if parents else None
    return chain[::-1]


def pull_requests(history: History) -> dict[str, str | None]:
    """Each commit's pull request: its own (a squash subject), or that of the merge that brought it in."""
    result: dict[str, str | None] = {}
    seen: set[str] = set()
    for sha in _first_parent_chain(history):
        commit = history.commits[sha]
        own = _own_pull_request(commit)
        stack = list(commit.parents[1:])
        while stack:  # the commits this merge brought in, each visited once in the whole history
            side = stack.pop()
            if side in seen or side not in history.commits:
                continue
            seen.add(side)
            result[side] = _own_pull_request(history.commits[side]) or own
            stack.extend(history.commits[side].parents)
        seen.add(sha)
        result[sha] = own
    return result


# -- Per document ---------------------------------------------------------------------


class _Touch(NamedTuple):
    entry: CommitEntry  # the commit
    snapshot: Snapshot  # the document's front matter as this commit left it
    path: str


class Touches:
    """Per document id, the commits that changed it or its data (parents before children), and
    the same grouped by version.

    It follows the history as it is read (`read_history(follow=…)`): each change is taken as
    soon as its blob's snapshot is known, in order, so that most of the work is done while git
    still runs; `finish` takes the rest."""

    def __init__(self):
        self.by_doc: dict[str, list[_Touch]] = {}
        self.by_version: dict[str, dict[str, list[_Touch]]] = {}  # id -> version -> touches
        self.entries: dict[str, CommitEntry] = {}  # one per commit, shared by its documents
        self.taken = 0  # changes of the history taken so far
        self._id_at_path: dict[str, str] = {}
        self._latest: dict[str, _Touch] = {}  # a document's own last change, for its data's
        self._data_content: dict[str, str | None] = {}  # a data file's path -> its content digest so far
        self.local = LocalTouches(_Touch)  # local agreements: a log per municipality (history/local.py)
        self._authors: dict[str, str] = {}  # as in the commit -> cleaned

    def follow(self, history: History) -> None:
        changes, snapshots, taken, take = history.changes, history.snapshots, self.taken, self._take
        try:
            while taken < len(changes):
                change = changes[taken]
                snapshot = snapshots.get(change.blob)
                if snapshot is None:
                    return  # its blob is still being read
                take(history, change, snapshot)
                taken += 1
        finally:
            self.taken = taken

    def finish(self, history: History) -> None:
        for change in history.changes[self.taken:]:
            self._take(history, change, history.snapshots.get(change.blob, Snapshot()))  # none: a shallow edge
        self.taken = len(history.changes)

    # _take runs once per change of the whole history: written with get() instead of setdefault(),
    # which would make a new empty list or dict on every call.
    def _take(self, history: History, change: Change, snapshot: Snapshot) -> None:
        if (snapshot.local or snapshot.rows or self.local.template_at) and self.local.take(self, history, change, snapshot):
            return
        path = change.path
        is_data = path.endswith(DATA_SUFFIXES)
        if is_data:
            before = self._data_content.get(path)
            self._data_content[path] = snapshot.content
            if before is not None and before == snapshot.content:
                return  # only comments changed (a schema line for editors): nothing a reader sees
            base = self._latest.get(snapshot.document) if snapshot.document else None
            if base is None:
                return  # data whose document is unknown at this point
            doc_id, snapshot, path = snapshot.document, base.snapshot, base.path
        else:
            doc_id = snapshot.id or self._id_at_path.get(path)
            if not doc_id:
                return
            self._id_at_path[path] = doc_id
        entry = self.entries.get(change.commit) or self._entry(history, change.commit)
        touch = _Touch(entry, snapshot, path)
        if not is_data:
            self._latest[doc_id] = touch
        touches = self.by_doc.get(doc_id)
        if touches is None:
            touches, versions = self.by_doc[doc_id], self.by_version[doc_id] = [], {}
        else:
            versions = self.by_version[doc_id]
            if touches[-1].entry is entry:  # one entry per commit and document
                if is_data:
                    return
                self._drop_last(touches, versions)  # the document's own change says more than its data's
        touches.append(touch)
        version = snapshot.version or "?"
        group = versions.get(version)
        if group is None:
            versions[version] = [touch]
        else:
            group.append(touch)

    @staticmethod
    def _drop_last(touches: list[_Touch], versions: dict[str, list[_Touch]]) -> None:
        version = touches.pop().snapshot.version or "?"
        versions[version].pop()
        if not versions[version]:
            del versions[version]

    def _entry(self, history: History, sha: str) -> CommitEntry:
        """The commit's entry, made at its first change."""
        commit = history.commits[sha]
        # Cleaned where they enter: the terminal, the site and the JSON show them the same. The few
        # authors of a history are cleaned once each.
        author = self._authors.get(commit.author)
        if author is None:
            author = self._authors[commit.author] = clean_line(commit.author)
        entry = self.entries[sha] = CommitEntry(sha, commit.date[:10], author, clean_line(commit.subject), None)
        return entry


def _versions(groups: dict[str, list[_Touch]]) -> list[VersionEntry]:
    versions = []
    for version, group in groups.items():
        commits = [t.entry for t in reversed(group)]
        dates = [c.date for c in commits]
        last = group[-1].snapshot
        versions.append(VersionEntry(version, last.status, last.change_note, last.owner, min(dates), max(dates),
                                     commits=commits))
    return sorted(versions, key=lambda v: version_key(v.version), reverse=True)


def document_logs(touches: Touches) -> dict[str, DocumentLog]:
    logs = {}
    for doc_id, doc_touches in touches.by_doc.items():
        last = doc_touches[-1]
        logs[doc_id] = DocumentLog(doc_id, last.snapshot.title, last.path, _versions(touches.by_version[doc_id]))
    return logs


# -- Releases -------------------------------------------------------------------------


def _attach_document_tags(history: History, logs: dict[str, DocumentLog]) -> None:
    for tag in history.tags:
        doc_id, _, version = tag.rpartition("-v")
        for entry in logs[doc_id].versions if doc_id in logs else ():
            if entry.version == version:
                entry.tag = tag


def releases(history: History, touches: dict[str, list[_Touch]], logs: dict[str, DocumentLog]) -> list[Release]:
    """Per release tag (v1.0), oldest first in the history: which documents changed, and how."""
    position = {sha: index for index, sha in enumerate(history.order)}
    tagged = sorted((position[sha], name, sha) for name, sha in history.tags.items()
                    if _RELEASE_TAG_RE.match(name) and sha in position)
    found = [Release(name, sha, history.commits[sha].date[:10]) for _, name, sha in tagged]
    release_of: dict[str, int] = {}  # commit -> the first release (index in `found`) that has it
    for index, release in enumerate(found):
        _claim(history, release.sha, index, release_of)
    # Every commit read is HEAD's, so those no release has are the work not yet released.
    pending = len(found)
    if history.head and len(release_of) < len(history.commits):
        found.append(Release(None, None, None))
    changed: list[dict[str, list[_Touch]]] = [{} for _ in found]
    for doc_id in sorted(touches):
        if not release_of:  # nothing released yet: each document's changes as they are
            changed[pending][doc_id] = touches[doc_id]
            continue
        for touch in touches[doc_id]:
            changed[release_of.get(touch.entry.sha, pending)].setdefault(doc_id, []).append(touch)
    for release, documents in zip(found, changed, strict=True):
        for doc_id, mine in documents.items():
            versions = sorted({t.snapshot.version or "?" for t in mine}, key=version_key)
            release.documents.append(ReleaseDocument(doc_id, logs[doc_id].title, versions,
                                                     [t.entry.sha for t in reversed(mine)]))
    return found[::-1]


def _claim(history: History, start: str, index: int, release_of: dict[str, int]) -> None:
    stack = [start]
    while stack:
        sha = stack.pop()
        if sha in release_of or sha not in history.commits:
            continue
        release_of[sha] = index
        stack.extend(history.commits[sha].parents)


# -- Uncommitted work -----------------------------------------------------------------


def add_uncommitted(root: Path, paths: list[str], logs: dict[str, DocumentLog]) -> None:
    cache = FrontMatterCache()
    snapshots = {}
    for path in paths:
        try:
            snapshots[path] = snapshot_of(path, (root / path).read_bytes(), cache)
        except OSError:
            continue
    snapshots = local_uncommitted(root, snapshots, logs, DocumentLog, Uncommitted)  # history/local.py
    for path, snapshot in snapshots.items():
        if path.endswith(DATA_SUFFIXES):
            doc_id = snapshot.document
            doc_snapshot = next((s for p, s in snapshots.items() if s.id == doc_id), None)
        else:
            doc_id, doc_snapshot = snapshot.id, snapshot
        if not doc_id:
            continue
        log = logs.setdefault(doc_id, DocumentLog(doc_id, snapshot.title, path))
        if log.uncommitted is None:
            current = doc_snapshot or Snapshot(version=log.versions[0].version if log.versions else None)
            log.uncommitted = Uncommitted(current.version, current.status, current.change_note, [])
        if doc_snapshot is snapshot:
            log.title, log.path = snapshot.title or log.title, path
        log.uncommitted.paths.append(path)


def load_changelog(root: Path, history: History | None = None) -> Changelog:
    """The change logs of every document, from one pass over the history."""
    following, prs = Touches(), {}
    with no_collection():
        # The pull requests are known once every commit is read (a merge comes after the commits it
        # brings), and found while the last blobs are still being read.
        history = history or read_history(root, follow=following.follow, commits_read=lambda h: prs.update(pull_requests(h)))
        following.finish(history)
        if not prs:
            prs = pull_requests(history)
        for sha, entry in following.entries.items():
            entry.pull_request = prs.get(sha)
        logs = document_logs(following)
        _attach_document_tags(history, logs)
        found = releases(history, following.by_doc, logs)
    add_uncommitted(root, history.uncommitted, logs)
    return Changelog(dict(sorted(logs.items())), found, history.head, not history.shallow)


def changelog_if_any(root: Path, quiet: bool = False) -> Changelog | None:
    """The change logs, or None outside git; outputs that show history build without it."""
    import sys

    from .log import HistoryError

    try:
        changelog = load_changelog(root)
    except HistoryError as error:
        if not quiet:
            print(f"avtal: {error}; ändringsloggarna byggs inte.", file=sys.stderr)
        return None
    if not changelog.complete and not quiet:
        print("avtal: varning: grund klon; ändringsloggarna börjar där den hämtade historiken börjar.", file=sys.stderr)
    return changelog
