"""Where the sources come from: the commit, its date, and whether the working tree differs.

Every output says which commit it was made from (the manifest, later the Word files'
properties and fingerprints), and every date inside an output comes from that commit, never
from the clock (SOURCE_DATE_EPOCH, as reproducible builds define it). This is the one place
that asks; the renderers, the comparisons and the verification use it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..source.layout import CONTENT_FOLDERS, REMISS_FOLDER, SCHEMA_FOLDER

OUTSIDE_GIT = {"commit": None, "date": None, "dirty": True}


def source_commit(root: Path) -> dict:
    """The commit the sources come from; a build outside git, or of uncommitted work, says so."""
    from .gitpipe import HistoryError, answer, spawn  # here: the renderers read source_epoch without git's machinery

    try:
        asked = {
            "top": spawn(root, "rev-parse", "--show-toplevel"),
            "head": spawn(root, "log", "-1", "--format=%H%x00%cI", "HEAD"),
            # Only the sources count: a changed README or test does not change what is built.
            # The remiss answers are sources of the outputs too (the compilation), though of no document's text.
            "status": spawn(root, "status", "--porcelain", "--", *CONTENT_FOLDERS, SCHEMA_FOLDER, REMISS_FOLDER),
        }
    except HistoryError:  # no git on this machine: a build outside git
        return dict(OUTSIDE_GIT)
    said = {name: answer(process) for name, process in asked.items()}
    top, head = said["top"], said["head"]
    if not top or Path(top.strip()).resolve() != root.resolve() or not head:
        return dict(OUTSIDE_GIT)  # not the top of a repository, or a repository without commits
    sha, _, date = head.strip().partition("\0")
    return {"commit": sha, "date": date, "dirty": bool(said["status"])}


def pin_source_date(root: Path) -> dict:
    """Dates inside the outputs come from the commit, never the clock (SOURCE_DATE_EPOCH)."""
    return pin(source_commit(root))


def pin(source: dict) -> dict:
    """SOURCE_DATE_EPOCH from a source_commit() answer (one asked in another process, say)."""
    if source["date"]:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(dt.datetime.fromisoformat(source["date"]).timestamp())))
    return source


def source_epoch(default: int = 0) -> int:
    """The pinned moment, as seconds since 1970; `default` when nothing pinned it."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else default
