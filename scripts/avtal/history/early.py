"""The whole history's log and its blobs' reader, started before the rest of the history stage is
imported (cli.py calls start_early for `avtal changelog`); read_history (log.py) takes them.

Apart from gitpipe.py because the blobs' reader of a first run is packserver.py's, which itself reads
blobs through gitpipe.py: here both are imported, and neither imports the other's starter."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .gitpipe import HistoryError, start_log, stop

_early: dict[Path, tuple[str | None, subprocess.Popen]] = {}  # root -> (since, the log started early)


def start_early(root: Path) -> None:
    """Start the whole history's log before the rest of the history stage is imported, when a run
    will read it all (nothing is kept from an earlier run): git walks the history meanwhile, and
    its first output waits for the whole walk.

    Only in a plain repository, whose cache is where read_history will look; read_history takes
    the log if it asks for the same, and stops it otherwise."""
    from .cache import CACHE_FILE

    git_dir = root / ".git"
    if git_dir.is_dir() and not (git_dir / CACHE_FILE).exists() and root not in _early:
        objects = git_dir / "objects"
        if any((objects / "pack").glob("*.idx")):  # the blobs' reader too (packserver.py), forked before git starts
            from .packserver import PackReader

            _early_readers[root] = PackReader(root, objects)
            _early_readers[root].start()
        try:
            _early[root] = None, start_log(root, None)
        except HistoryError:
            pass  # no git: read_history says so


_early_readers: dict = {}  # root -> the PackReader started early


def take_early_reader(root: Path, objects: Path):
    """The blobs' reader started early for `root`, if it reads `objects`; None otherwise."""
    reader = _early_readers.pop(root, None)
    if reader is not None and reader.objects != objects:
        reader.finish()
        reader = None
    return reader


def take_early(root: Path, since: str | None) -> subprocess.Popen | None:
    """The log started early for `root` if it reads from `since`; any other is stopped."""
    started, process = _early.pop(root, (None, None))
    if process is not None and started != since:
        stop(process)
        process = None
    return process
