"""The fingerprint of every version in the history, computed once and kept in the git directory.

    FingerprintIndex(root, corpus, changelog)
      ├─ history(ids)        for each commit that changed a document (or its data), the fingerprint of
      │                      its text then, and for an agreement that of its decision package (the
      │                      agreement and its annexes as they stood in that commit)
      ├─ current(doc)        the working tree's text, never kept (it is not a version yet)
      ├─ find(fingerprint)   which documents, versions and commits had the text
      └─ lines(entry)        a version's canonical lines, made again, for the words that differ

A commit and its files never change, so what a (commit, document) gave is kept in
`.git/avtal-fingeravtryck-v1.json` and a new commit only adds its own work, as the change logs'
cache does (history/cache.py): written atomically, and a missing, damaged or foreign file is not used.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..history.changelog import Changelog, version_key
from ..history.gitpipe import HistoryError, answer, spawn
from ..history.versions import VersionError, Versions
from ..render.word.canonical import package_fingerprint, same
from ..source.corpus import Corpus, Document
from ..source.models.vocabulary import AGREEMENT, ANNEX

CACHE_FILE = "avtal-fingeravtryck-v1.json"
_FORMAT = 1
PACKAGE = "#beslutspaket"  # the key of an agreement's decision package beside its own


@dataclass(frozen=True)
class Entry:
    """What one document (or decision package) said in one commit, or in the working tree."""

    doc_id: str
    title: str
    version: str
    status: str
    commit: str | None  # None: the working tree
    date: str | None  # the commit's date, YYYY-MM-DD
    fingerprint: str
    line_hashes: tuple[str, ...]  # a short hash of each canonical line, to find the nearest version
    members: tuple[tuple[str, str, str], ...] = ()  # a decision package: (id, version, fingerprint) in annex order

    @property
    def package(self) -> bool:
        return bool(self.members)


def line_hashes(lines: list[str]) -> tuple[str, ...]:
    return tuple(hashlib.sha256(line.encode("utf-8")).hexdigest()[:10] for line in lines)


def annexes_of(corpus: Corpus, agreement: Document) -> list[Document]:
    """An agreement's annexes, in annex order (as the decision package holds them)."""
    return sorted((d for d in corpus.documents if d.meta and d.meta.type == ANNEX and d.meta.annex_of == agreement.meta.id),
                  key=lambda d: (d.meta.annex_number or 0, d.meta.id))


class FingerprintIndex:
    def __init__(self, root: Path, corpus: Corpus, changelog: Changelog | None):
        self.root, self.corpus, self.changelog = root, corpus, changelog
        self.versions = Versions(root, corpus, changelog)
        self._renderers: dict[int, object] = {}
        self._file = _cache_file(root) if changelog is not None else None
        self._kept, self._lasts = _load(self._file) if self._file else ({}, {})
        self._changed = False
        self._current: dict[str, Entry] = {}
        self._dates = {c.sha: c.date for log in (changelog.documents.values() if changelog else ())
                       for v in log.versions for c in v.commits}

    # -- The history -------------------------------------------------------------------

    def commits(self, doc_id: str) -> list[str]:
        """The commits that changed a document or its data, oldest first, and each earlier version's last
        commit (the one before the next version arrived): the vocabularies of a version's first commits
        may no longer load, and its last commit is the one `avtal docx --version` renders."""
        log = self.changelog.documents.get(doc_id) if self.changelog else None
        if log is None:
            return []
        entries = sorted((v for v in log.versions if v.commits), key=lambda v: version_key(v.version))
        if not entries:
            return []  # no version has a commit yet (or none that names a version)
        found = []
        for entry, newer in zip(entries, [*entries[1:], None], strict=True):
            found += [c.sha for c in reversed(entry.commits)]
            if newer is not None:
                found += self._last(doc_id, entry.version, newer.commits[-1].sha)
        return list(dict.fromkeys(found))

    def _last(self, doc_id: str, version: str, arrived: str) -> list[str]:
        key = f"{doc_id} {version} {arrived}"
        if key not in self._lasts:
            said = answer(spawn(self.root, "log", "-1", "--format=%H %cI", f"{arrived}^1", "--")) or ""
            self._lasts[key] = said.strip()  # "sha date", or "" for a first commit
            self._changed = True
        sha, _, date = self._lasts[key].partition(" ")
        if sha:
            self._dates.setdefault(sha, date[:10])
        return [sha] if sha else []

    def history(self, doc_ids: list[str] | None = None) -> list[Entry]:
        """Every (commit, document) entry of the documents named (all by default), packages included."""
        ids = doc_ids if doc_ids is not None else sorted(self.changelog.documents) if self.changelog else []
        entries = []
        for doc_id in ids:
            members = self._package_members(doc_id)
            for sha in self.commits(doc_id) if not members else self._union(doc_id, members):
                entries.extend(self._at(sha, doc_id, package=bool(members)))
        self.save()
        return entries

    def _package_members(self, doc_id: str) -> list[str]:
        doc = self.corpus.by_id.get(doc_id)
        if doc is None or doc.meta is None or doc.meta.type != AGREEMENT:
            return []
        return [a.meta.id for a in annexes_of(self.corpus, doc)]

    def _union(self, doc_id: str, members: list[str]) -> list[str]:
        commits = set()
        for member in [doc_id, *members]:
            commits.update(self.commits(member))
        order = {sha: i for i, sha in enumerate(self._order())}
        return sorted(commits, key=lambda sha: order.get(sha, 0))

    def _order(self) -> list[str]:
        seen = []
        for log in self.changelog.documents.values():
            for v in log.versions:
                seen += [c.sha for c in v.commits]
        return sorted(set(seen), key=lambda sha: (self._dates.get(sha) or "", sha))

    def _at(self, sha: str, doc_id: str, package: bool) -> list[Entry]:
        """The document's entry at a commit (and its package's), from the cache or made now."""
        kept = self._kept.setdefault(sha, {})
        keys = [doc_id] + ([doc_id + PACKAGE] if package else [])
        if not all(key in kept for key in keys):
            try:
                made = self._make(sha, doc_id, package)
            except VersionError:
                made = {}
            for key in keys:
                kept[key] = made.get(key)  # None: the document was not readable in that commit
            self._changed = True
        return [self._entry(sha, key, kept[key]) for key in keys if kept.get(key)]

    def _entry(self, sha: str | None, key: str, row: list) -> Entry:
        title, version, status, fp, hashes, members = row
        return Entry(key.removesuffix(PACKAGE), title, version, status, sha, self._dates.get(sha) if sha else None,
                     fp, tuple(hashes), tuple(tuple(m) for m in members))

    def _make(self, sha: str, doc_id: str, package: bool) -> dict[str, list]:
        corpus = self.versions.corpus_at(sha)
        doc = corpus.by_id.get(doc_id)
        if doc is None or doc.meta is None:
            return {}
        made = {doc_id: self._row(corpus, doc)}
        if package and doc.meta.type == AGREEMENT:
            made[doc_id + PACKAGE] = self._package_row(corpus, doc, made[doc_id])
        return made

    def _row(self, corpus: Corpus, doc: Document) -> list:
        from ..render.word.modeltext import model_fingerprint

        fp, lines = model_fingerprint(self._renderer(corpus), doc)
        return [doc.meta.title, doc.meta.version, doc.meta.status, fp, list(line_hashes(lines)), []]

    def _package_row(self, corpus: Corpus, agreement: Document, own: list) -> list | None:
        annexes = annexes_of(corpus, agreement)
        if not annexes:
            return None  # an agreement without annexes is decided on its own fingerprint
        members = [[agreement.meta.id, agreement.meta.version, own[3]]]
        hashes = list(own[4])
        for annex in annexes:
            row = self._row(corpus, annex)
            members.append([annex.meta.id, annex.meta.version, row[3]])
            hashes += row[4]
        fp = package_fingerprint([m[2] for m in members])
        return [agreement.meta.title, agreement.meta.version, agreement.meta.status, fp, hashes, members]

    def _renderer(self, corpus: Corpus):
        from ..render.word.document import DocxRenderer

        if id(corpus) not in self._renderers:
            self._renderers[id(corpus)] = (corpus, DocxRenderer(self.root, corpus, None))
        return self._renderers[id(corpus)][1]

    # -- The working tree --------------------------------------------------------------

    def current(self, doc: Document) -> Entry:
        if doc.meta.id not in self._current:
            row = self._row(self.corpus, doc)
            self._current[doc.meta.id] = self._entry(None, doc.meta.id, row)
        return self._current[doc.meta.id]

    def current_package(self, agreement: Document) -> Entry | None:
        key = agreement.meta.id + PACKAGE
        if key not in self._current:
            row = self._package_row(self.corpus, agreement, self._row(self.corpus, agreement))
            self._current[key] = self._entry(None, key, row) if row else None
        return self._current[key]

    def decided_text(self, doc: Document) -> Entry:
        """The text the parties decide on: an agreement's decision package when it has annexes."""
        package = self.current_package(doc) if doc.meta.type == AGREEMENT else None
        return package or self.current(doc)

    # -- Questions ---------------------------------------------------------------------

    def find(self, fp: str, entries: list[Entry]) -> list[Entry]:
        return [e for e in entries if same(e.fingerprint, fp)]

    def lines(self, entry: Entry) -> list[str]:
        """The canonical lines of an entry's text, made again from its commit (or the working tree)."""
        from ..render.word.modeltext import model_fingerprint

        corpus = self.corpus if entry.commit is None else self.versions.corpus_at(entry.commit)
        doc = corpus.by_id[entry.doc_id]
        docs = [doc] + (annexes_of(corpus, doc) if entry.package else [])
        lines = []
        for part in docs:
            lines += model_fingerprint(self._renderer(corpus), part)[1]
        return lines

    def save(self) -> None:
        if self._changed and self._file is not None:
            _save(self._file, self._kept, self._lasts)
            self._changed = False


def _cache_file(root: Path) -> Path | None:
    try:
        said = answer(spawn(root, "rev-parse", "--git-common-dir"))
    except HistoryError:
        return None
    return (root / said.strip() / CACHE_FILE) if said and said.strip() else None


def _load(file: Path) -> tuple[dict, dict]:
    """(commit -> {document -> row}, "document version arrived" -> last commit); empty when unusable."""
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        commits, lasts = raw["commits"], raw["lasts"]
        if raw.get("format") != _FORMAT or not isinstance(commits, dict) or not isinstance(lasts, dict):
            return {}, {}
        for rows in commits.values():
            if not isinstance(rows, dict) or not all(row is None or _row_ok(row) for row in rows.values()):
                return {}, {}
        if not all(isinstance(v, str) for v in lasts.values()):
            return {}, {}
        return commits, lasts
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}, {}


def _row_ok(row) -> bool:
    return (isinstance(row, list) and len(row) == 6 and all(isinstance(v, str) for v in row[:4])
            and isinstance(row[4], list) and isinstance(row[5], list))


def _save(file: Path, kept: dict, lasts: dict) -> None:
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps({"format": _FORMAT, "commits": kept, "lasts": lasts}, ensure_ascii=False,
                                        separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, file)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only repository: no cache, same result
