"""What the history has said before, kept in the git directory beside git's own files.

Commits and blobs never change, so what they say can be kept: the commits up to the HEAD of the
last run (their parents, author, date, message and changed files), and the snapshot of every blob
read. The next run reads only the commits since then and the blobs they bring. Nothing here is
ever the only copy of anything: a missing, damaged or foreign cache is simply not used.

The file is a one-line header (a magic word, the format, the Python version, the tip and a
checksum of the rest), then the data in Python's `marshal` format: it is read and written in a
quarter of the time JSON takes, which is most of what a run after one new commit costs beyond
`git log`. marshal is no format to exchange: the header's Python version makes another Python's
file foreign, and the checksum makes a damaged one so. The file is as trusted as the git
directory it lies in, where a hook or a config line can already run anything.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from operator import itemgetter
from pathlib import Path

TYPE_CHECKING = False  # light to import: early.start_early reads the tip before the rest loads
if TYPE_CHECKING:
    from .snapshots import Snapshot

CACHE_FILE = "avtal-historik-v4.bin"  # v4: Snapshot.local and .rows (history/local.py); v3: marshal, v2: JSON
_MAGIC = b"avtal-historik"
_FORMAT = 4
_PYTHON = f"py{sys.version_info[0]}.{sys.version_info[1]}"
_HEADER_SIZE = 128  # the header line, padded with spaces: cached_tip reads only these bytes


class HistoryCache:
    def __init__(self, tip: str | None = None, commits: list[tuple] | None = None, changes: list[tuple] | None = None,
                 snapshots: dict[str, Snapshot] | None = None):
        self.tip = tip  # the HEAD the commits below lead up to
        self.commits = commits or []  # (sha, parents, author, date, subject, body), parents first
        self.changes = changes or []  # (index in commits, path, blob)
        self.snapshots = snapshots or {}  # blob -> snapshot
        self.kept = b""  # the file's segments as read, which a later save keeps as they are
        self.segments = 0


def _header(file_bytes: bytes) -> tuple[str | None, int] | None:
    """(tip, checksum) from the header line, or None when it is not this format's."""
    words = file_bytes[:_HEADER_SIZE].split()
    if len(words) != 5 or words[0] != _MAGIC or words[1] != str(_FORMAT).encode() or words[2] != _PYTHON.encode():
        return None
    tip = words[3].decode("ascii", "replace")
    try:
        return (None if tip == "-" else tip), int(words[4], 16)
    except ValueError:
        return None


def cached_tip(file: Path) -> str | None:
    """The HEAD of the last run, read from the file's first bytes without loading it."""
    try:
        with file.open("rb") as stream:
            header = _header(stream.read(_HEADER_SIZE))
    except OSError:
        return None
    return header[0] if header else None


def load_cache(file: Path) -> HistoryCache:
    from .snapshots import Snapshot

    try:
        data = file.read_bytes()
    except OSError:
        return HistoryCache()
    header = _header(data)
    payload = memoryview(data)[_HEADER_SIZE:]
    if header is None or zlib.crc32(payload) != header[1]:
        return HistoryCache()
    commits, changes, snapshots, segments = [], [], {}, 0
    try:
        for segment in _segments(payload):
            more_commits, more_changes, rows, blobs = marshal.loads(segment)
            rows = [Snapshot._make(row) for row in rows]
            commits += more_commits
            changes += more_changes
            snapshots.update(zip(blobs, map(rows.__getitem__, blobs.values()), strict=False))
            segments += 1
    except (ValueError, TypeError, EOFError, IndexError, KeyError, AttributeError):
        return HistoryCache()
    tip = header[0]
    if not _whole(tip, commits, changes):
        return HistoryCache(snapshots=snapshots)  # what blobs say is still good
    cache = HistoryCache(tip, commits, changes, snapshots)
    cache.kept, cache.segments = payload, segments
    return cache


def _segments(payload: memoryview):
    """The marshal segments, each after its length (4 bytes): a run adds one for what it read."""
    start = 0
    while start < len(payload):
        size = int.from_bytes(payload[start:start + 4], "little")
        if start + 4 + size > len(payload):
            raise ValueError("cut short")
        yield payload[start + 4:start + 4 + size]
        start += 4 + size


def _whole(tip, commits, changes) -> bool:
    """Commits that end at the tip (HEAD comes last, parents first) and changes that name them.

    The checksum already rules out damage; this rules out a file written by a run that went wrong,
    and is kept to what C does (map, set, max) so that it costs nothing beside the loading."""
    if tip is None:
        return not commits and not changes
    try:
        return (bool(commits) and set(map(len, commits)) == {6} and commits[-1][0] == tip
                and (not changes or (set(map(len, changes)) == {3}
                                     and 0 <= min(map(itemgetter(0), changes))
                                     and max(map(itemgetter(0), changes)) < len(commits))))
    except TypeError:
        return False


MAX_SEGMENTS = 32  # then the whole file is written anew, in one segment


def save_cache(file: Path, cache: HistoryCache, after: HistoryCache | None = None) -> None:
    """Keep `cache`; or, when `after` (the cache as loaded) is given, keep what it had as it was and
    add `cache` to it as a segment: commits, changes and snapshots new since then, `cache.tip` the new
    HEAD. Adding spares writing everything read before anew (a run after one commit does little else)."""
    # Most blobs differ only in their body, so their snapshots are equal: keep each once.
    rows: dict[Snapshot, int] = {}
    blobs = {blob: rows.setdefault(snapshot, len(rows)) for blob, snapshot in cache.snapshots.items()}
    segment = marshal.dumps((cache.commits, cache.changes, [tuple(row) for row in rows], blobs))
    kept, segment = after.kept if after is not None else b"", len(segment).to_bytes(4, "little") + segment
    header = b" ".join([_MAGIC, str(_FORMAT).encode(), _PYTHON.encode(), (cache.tip or "-").encode("ascii"),
                        format(zlib.crc32(segment, zlib.crc32(kept)), "x").encode()])
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as stream:
            stream.write(header.ljust(_HEADER_SIZE - 1) + b"\n")
            stream.write(kept)
            stream.write(segment)
        os.replace(temporary, file)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only repository: no cache, same result
