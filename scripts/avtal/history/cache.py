"""What the history has said before, kept in the git directory beside git's own files.

Commits and blobs never change, so what they say can be kept: the commits up to the HEAD of the
last run (their parents, author, date, message and changed files), and the snapshot of every blob
read. The next run reads only the commits since then and the blobs they bring. Nothing here is
ever the only copy of anything: a missing, damaged or foreign cache is simply not used.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .snapshots import Snapshot

CACHE_FILE = "avtal-historik-v3.json"  # v3: local agreements' templates and rows (history/local.py)
_FORMAT = 3  # 2: snapshot values without control characters; 3: Snapshot.local and .rows
_TIP_RE = re.compile(rb'\{"tip":\s*"([0-9a-f]{40,64})"')


@dataclass
class HistoryCache:
    tip: str | None = None  # the HEAD the commits below lead up to
    commits: list[list] = field(default_factory=list)  # [sha, parents, author, date, subject, body], parents first
    changes: list[list] = field(default_factory=list)  # [index in commits, path, blob]
    snapshots: dict[str, Snapshot] = field(default_factory=dict)  # blob -> snapshot


def cached_tip(file: Path) -> str | None:
    """The HEAD of the last run, read from the file's first bytes without loading it."""
    try:
        with file.open("rb") as stream:
            found = _TIP_RE.match(stream.read(128))
    except OSError:
        return None
    return found.group(1).decode() if found else None


def load_cache(file: Path) -> HistoryCache:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        if raw["format"] != _FORMAT:
            return HistoryCache()
        rows = [Snapshot(*row) for row in raw["snapshots"]]
        snapshots = {blob: rows[index] for blob, index in raw["blobs"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return HistoryCache()
    if not _whole(raw["tip"], raw["commits"], raw["changes"]):
        return HistoryCache(snapshots=snapshots)  # what blobs say is still good
    return HistoryCache(raw["tip"], raw["commits"], raw["changes"], snapshots)


def _whole(tip, commits, changes) -> bool:
    """Commits that end at the tip (HEAD comes last, parents first) and changes that name them."""
    if tip is None:
        return not commits and not changes
    return (isinstance(commits, list) and isinstance(changes, list) and bool(commits)
            and all(isinstance(row, list) and len(row) == 6 and all(isinstance(v, str) for v in row[2:])
                    and isinstance(row[1], list) for row in commits)
            and commits[-1][0] == tip
            and all(isinstance(row, list) and len(row) == 3 and isinstance(row[0], int)
                    and 0 <= row[0] < len(commits) for row in changes))


def save_cache(file: Path, cache: HistoryCache) -> None:
    # Most blobs differ only in their body, so their snapshots are equal: keep each once.
    rows: dict[Snapshot, int] = {}
    blobs = {blob: rows.setdefault(snapshot, len(rows)) for blob, snapshot in cache.snapshots.items()}
    data = {"tip": cache.tip, "format": _FORMAT, "commits": cache.commits, "changes": cache.changes,
            "snapshots": [list(row) for row in rows], "blobs": blobs}  # "tip" first: see cached_tip
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(json.dumps(data, separators=(",", ":")).encode("ascii"))
        os.replace(temporary, file)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only repository: no cache, same result
