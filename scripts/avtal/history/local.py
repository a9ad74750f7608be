"""The change log of each municipality's local agreement, from its template and its row.

A local agreement (source/local.py) has no file of its own: its text is the template's and its
version, status and change note are its row's in the data file. So each commit that changes the
template touches every municipality's agreement, and each commit that changes the data file touches
the agreements whose rows it changed. Each gets a snapshot as if it were an ordinary document
(id `<template id>-<party slug>`, the template's title with the municipality), so its change log,
its versions and what is in force are read as any document's.

`LocalTouches.take` is called first for every change the history brings (changelog.Touches._take); it
takes the templates and the local data and leaves every other file to the ordinary path.
"""

from __future__ import annotations

import json
import posixpath

from ..text import party_slug
from .snapshots import Snapshot


class LocalTouches:
    """The templates and local data seen so far, and the rows each municipality had."""

    def __init__(self, touch_type):
        self.touch_type = touch_type  # changelog._Touch (given, so that this module need not import it)
        self.templates: dict[str, tuple[Snapshot, str]] = {}  # template id -> (its snapshot, its path)
        self.template_at: dict[str, str] = {}  # a template's path -> its id
        self.rows: dict[str, dict[str, list]] = {}  # template id -> party -> its row

    def take(self, touches, history, change, snapshot: Snapshot) -> bool:
        """Take a change of a template or of local data (True), or leave it to the caller (False)."""
        if snapshot.rows is not None and snapshot.document:
            self._data(touches, history, change, snapshot)
            return True
        template_id = snapshot.id if snapshot.local else None
        if template_id is None and not snapshot.id:
            template_id = self.template_at.get(change.path)  # a template whose front matter broke
        if template_id is None:
            return False
        self.template_at[change.path] = template_id
        self.templates[template_id] = (snapshot, change.path)
        for row in self.rows.get(template_id, {}).values():
            self._touch(touches, history, change.commit, template_id, row)
        return True

    def _data(self, touches, history, change, snapshot: Snapshot) -> None:
        template_id = snapshot.document
        before = self.rows.get(template_id, {})
        now = {row[0]: row for row in json.loads(snapshot.rows)}
        self.rows[template_id] = now
        if template_id not in self.templates:
            return  # its template comes later in the same commit, or has not come yet
        for party, row in now.items():
            if before.get(party) != row:
                self._touch(touches, history, change.commit, template_id, row)

    def _touch(self, touches, history, sha: str, template_id: str, row: list) -> None:
        template, path = self.templates[template_id]
        party, version, status, change_note, date, _ = row
        doc_id = f"{template_id}-{party_slug(party)}"
        title = f"{template.title} – {party}" if template.title else None
        own = Snapshot(id=doc_id, title=title, version=version, status=status, change_note=change_note,
                       date=date or template.date, owner=template.owner)
        folder = posixpath.dirname(path)
        touch = self.touch_type(touches._entry(history, sha), own, posixpath.join(folder, f"{doc_id}.md") if folder else f"{doc_id}.md")
        log = touches.by_doc.setdefault(doc_id, [])
        versions = touches.by_version.setdefault(doc_id, {})
        if log and log[-1].entry is touch.entry:  # one entry per commit and document: the last says most
            touches._drop_last(log, versions)
        log.append(touch)
        versions.setdefault(version or "?", []).append(touch)


def local_uncommitted(root, snapshots: dict[str, Snapshot], logs: dict, make_log, make_uncommitted) -> dict[str, Snapshot]:
    """Uncommitted changes of templates and local data marked on the log of each municipality that has a
    row in the data file (the change may concern any of them); the other files' snapshots are returned."""
    from .snapshots import local_rows

    rest = {}
    for path, snapshot in snapshots.items():
        data_path = posixpath.join(posixpath.dirname(path), snapshot.local) if snapshot.local else None
        if snapshot.rows is None and data_path is None:
            rest[path] = snapshot
            continue
        template_id = snapshot.document if snapshot.rows is not None else snapshot.id
        try:
            rows = snapshot.rows if snapshot.rows is not None else local_rows((root / data_path).read_bytes())
        except OSError:
            rows = None
        for party, version, status, change_note, _date, _digest in json.loads(rows or "[]"):
            doc_id = f"{template_id}-{party_slug(party)}"
            log = logs.get(doc_id) or logs.setdefault(doc_id, make_log(doc_id, None, path))
            if log.uncommitted is None:
                log.uncommitted = make_uncommitted(version, status, change_note, [])
            log.uncommitted.paths.append(path)
    return rest
