"""Version discipline (AV601–AV604, AV115), checked against a base revision: `avtal check --base REV`.

The rule, in full:
  - a document whose text (the Markdown after the front matter) or data changed since REV has a
    higher version than at REV; a document that was `utkast` at REV and still is may be changed
    within the same version, since a draft is work in progress;
  - a version number never goes down: not below REV's, not below any version the history has seen;
  - the text of a version that was `beslutad` at any commit never changes again;
  - a new version has a new date (a warning: the date is the version's, in the Word file's header).
Metadata alone (status, registrations, decisions, dates) may change without a new version: a
clerk adds a diarienummer to the decided version, not to a new one. Findings point at `version:`.

These rules need git, so they are not in the registry that plain `avtal check` runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..codes import finding
from ..findings import Finding
from ..history.changelog import version_key
from ..history.log import TreeFile, read_history, read_tree, resolve_revision
from ..history.snapshots import DECIDED, text_digest
from ..source.corpus import Corpus, Document
from .registry import at_key

DRAFT = "utkast"


@dataclass
class Baseline:
    rev: str  # as written on the command line
    tree: dict[str, TreeFile]  # the sources at rev, by path
    decided: dict[tuple[str, str], tuple[str, str]]  # (id, version) -> (text digest, commit) when beslutad
    highest: dict[str, tuple[str, str]]  # id -> (highest version ever committed, its commit)
    shallow: bool


def load_baseline(root: Path, rev: str) -> Baseline:
    """What REV and the whole history say; raises HistoryError for an unknown revision."""
    sha = resolve_revision(root, rev)
    history = read_history(root)
    decided: dict[tuple[str, str], tuple[str, str]] = {}
    highest: dict[str, tuple[str, str]] = {}
    for change in history.changes:
        snapshot = history.snapshots.get(change.blob)
        if snapshot is None or not snapshot.id or not snapshot.version:
            continue
        if snapshot.status == DECIDED and snapshot.body_digest:
            decided.setdefault((snapshot.id, snapshot.version), (snapshot.body_digest, change.commit))
        best = highest.get(snapshot.id)
        if best is None or version_key(snapshot.version) > version_key(best[0]):
            highest[snapshot.id] = (snapshot.version, change.commit)
    return Baseline(rev, read_tree(root, sha), decided, highest, history.shallow)


def _at_version(doc: Document, code: str, message: str) -> Finding:
    return at_key(code, doc, ("version",), message)


def _data_digests(corpus: Corpus, doc_id: str) -> list[tuple[str, str]]:
    return sorted((ds.path, text_digest(ds.text)) for ds in corpus.datasets if ds.data and ds.data.document == doc_id)


def _next_version(version: str) -> str:
    major, _, minor = version.partition(".")
    return f"{major}.{int(minor) + 1}" if minor.isdigit() else version


def _check_document(corpus: Corpus, doc: Document, base: Baseline) -> list[Finding]:
    meta, found = doc.meta, []
    now = version_key(meta.version)
    before = next((f for f in base.tree.values() if f.snapshot.id == meta.id), None)
    if before is not None and before.snapshot.version:
        then = version_key(before.snapshot.version)
        data_then = sorted((f.path, f.text_digest) for f in base.tree.values() if f.snapshot.document == meta.id)
        changed = before.text_digest != text_digest(doc.body_text) or data_then != _data_digests(corpus, meta.id)
        both_drafts = before.snapshot.status == DRAFT and meta.status == DRAFT
        if now < then:
            found.append(_at_version(doc, "AV602",
                                     f"Versionen {meta.version} är lägre än {before.snapshot.version} i {base.rev}; "
                                     "en version går aldrig bakåt"))
        elif now > then and before.snapshot.date == meta.date.isoformat():
            found.append(at_key("AV115", doc, ("date",),
                                f"Version {meta.version} har samma datum ({before.snapshot.date}) som version "
                                f"{before.snapshot.version} i {base.rev}; skriv den nya versionens datum"))
        elif changed and now == then and not both_drafts:
            found.append(_at_version(doc, "AV601",
                                     f"Texten har ändrats sedan {base.rev} men versionen är fortfarande {meta.version}; "
                                     f"höj versionen (till exempel till {_next_version(meta.version)}) "
                                     "och beskriv ändringen i change_note"))
    highest = base.highest.get(meta.id)
    if highest and now < version_key(highest[0]) and not any(f.code == "AV602" for f in found):
        found.append(_at_version(doc, "AV602",
                                 f"Versionen {meta.version} är lägre än {highest[0]}, som dokumentet hade i "
                                 f"incheckning {highest[1][:8]}; en version går aldrig bakåt"))
    decided = base.decided.get((meta.id, meta.version))
    if decided and decided[0] != text_digest(doc.body_text):
        found.append(_at_version(doc, "AV603",
                                 f"Version {meta.version} beslutades (incheckning {decided[1][:8]}) och dess text får "
                                 f"inte ändras; ge ändringen en ny version, till exempel {_next_version(meta.version)}"))
    return found


def version_findings(corpus: Corpus, base: Baseline) -> list[Finding]:
    found: list[Finding] = []
    if base.shallow:
        found.append(finding("AV604", ".", 1, 1, "Arkivet är en grund klon: historiken före den äldsta hämtade "
                                                 "incheckningen saknas; hämta hela historiken med git fetch --unshallow"))
    for doc in corpus.documents:
        if doc.meta is not None:
            found.extend(_check_document(corpus, doc, base))
    return found
