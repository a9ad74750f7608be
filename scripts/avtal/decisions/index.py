"""The fingerprint of every version in the history, computed once and kept in the git directory.

    FingerprintIndex(root, corpus, changelog)
      ├─ history(ids)        for each commit that changed a document (or its data), the fingerprint of
      │                      its text then, and for an agreement that of its decision package (the
      │                      agreement and its annexes as they stood in that commit)
      ├─ current(doc)        the working tree's text, never kept (it is not a version yet)
      ├─ find(fingerprint)   which documents, versions and commits had the text
      ├─ lines(entry)        a version's canonical lines, made again, for the words that differ
      └─ segments(entry)     the same per document, body and footnotes apart, kept by fingerprint in
                             `.git/avtal-texter-v1.json` (a PDF is compared with many versions' text)

A commit and its files never change, so what a (commit, document) gave is kept in
`.git/avtal-fingeravtryck-v2.json` and a new commit only adds its own work, as the change logs'
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

CACHE_FILE = "avtal-fingeravtryck-v2.json"
TEXTS_FILE = "avtal-texter-v1.json"  # fingerprint -> canonical body and footnote lines, to compare a PDF
_FORMAT = 3  # 3: the packages of parties to whom not every annex applies are kept too (2 made and dropped them)
PACKAGE = "#beslutspaket"  # the key of an agreement's decision package beside its own
SUBSET = "@"  # PACKAGE + SUBSET + annex ids: the package of parties to whom not every annex applies


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


def annexes_of(corpus: Corpus, agreement: Document, party: str | None = None) -> list[Document]:
    """An agreement's annexes, in annex order (as the decision package holds them); with a party, only
    those that apply to it (an annex whose parties do not include it is not in its package)."""
    return sorted((d for d in corpus.documents if d.meta and d.meta.type == ANNEX and d.meta.annex_of == agreement.meta.id
                   and (party is None or party in d.meta.parties)),
                  key=lambda d: (d.meta.annex_number or 0, d.meta.id))


def package_subsets(corpus: Corpus, agreement: Document) -> dict[str, tuple[str, ...]]:
    """Each party of the agreement -> the ids of the annexes in its package, when that is not all of them."""
    every = tuple(a.meta.id for a in annexes_of(corpus, agreement))
    subsets = {}
    for party in agreement.meta.parties:
        own = tuple(a.meta.id for a in annexes_of(corpus, agreement, party))
        if own != every:
            subsets[party] = own
    return subsets


def package_key(doc_id: str, annex_ids: tuple[str, ...] | None = None) -> str:
    return doc_id + PACKAGE + (SUBSET + ",".join(annex_ids) if annex_ids is not None else "")


class FingerprintIndex:
    def __init__(self, root: Path, corpus: Corpus, changelog: Changelog | None):
        self.root, self.corpus, self.changelog = root, corpus, changelog
        self.versions = Versions(root, corpus, changelog)
        self._renderers: dict[int, object] = {}
        self._rows: dict[tuple[int, str], list] = {}  # (id of a loaded tree, path) -> the document's row
        self._file = _cache_file(root) if changelog is not None else None
        self._kept, self._lasts = _load(self._file) if self._file else ({}, {})
        self._changed = False
        self._current: dict[str, Entry] = {}
        self._texts: dict[str, list[str]] | None = None  # loaded when a PDF is compared
        self._texts_changed = False
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

    def history(self, doc_ids: list[str] | None = None, packages: bool = True) -> list[Entry]:
        """Every (commit, document) entry of the documents named (all by default), and with `packages`
        each agreement's decision packages. What the cache lacks is made first, on every core (fill.py)."""
        ids = doc_ids if doc_ids is not None else sorted(self.changelog.documents) if self.changelog else []
        wanted = []
        for doc_id in ids:
            members = self._package_members(doc_id) if packages else []
            wanted += [(sha, doc_id, bool(members))
                       for sha in (self.commits(doc_id) if not members else self._union(doc_id, members))]
        from .fill import fill

        fill(self, [w for w in wanted if not self._has(*w)])
        entries = [entry for sha, doc_id, package in wanted for entry in self._at(sha, doc_id, package)]
        self.save()
        return entries

    def _keys(self, doc_id: str, package: bool) -> list[str]:
        return [doc_id] + ([doc_id + PACKAGE] if package else [])

    def _has(self, sha: str, doc_id: str, package: bool) -> bool:
        kept = self._kept.get(sha, {})
        return all(key in kept for key in self._keys(doc_id, package))

    def keep(self, sha: str, doc_id: str, package: bool, made: dict[str, list]) -> None:
        """What `_make` gave for a commit (here or in a worker): every key it made, None for one it could not."""
        kept = self._kept.setdefault(sha, {})
        for key in self._keys(doc_id, package):
            kept[key] = made.get(key)  # None: the document was not readable in that commit
        kept.update((key, row) for key, row in made.items() if key not in kept)
        self._changed = True

    def make(self, sha: str, doc_id: str, package: bool) -> dict[str, list]:
        try:
            return self._make(sha, doc_id, package)
        except VersionError:
            return {}

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
        if not self._has(sha, doc_id, package):
            self.keep(sha, doc_id, package, self.make(sha, doc_id, package))
        kept, keys = self._kept[sha], self._keys(doc_id, package)
        subsets = [key for key in kept if key.startswith(doc_id + PACKAGE + SUBSET)] if package else []
        return [self._entry(sha, key, kept[key]) for key in [*keys, *subsets] if kept.get(key)]

    def _entry(self, sha: str | None, key: str, row: list) -> Entry:
        title, version, status, fp, hashes, members = row
        return Entry(key.split(PACKAGE)[0], title, version, status, sha, self._dates.get(sha) if sha else None,
                     fp, tuple(hashes), tuple(tuple(m) for m in members))

    def _make(self, sha: str, doc_id: str, package: bool) -> dict[str, list]:
        corpus = self.versions.corpus_at(sha)
        doc = corpus.by_id.get(doc_id)
        if doc is None or doc.meta is None:
            return {}
        made = {doc_id: self._row(corpus, doc)}
        if package and doc.meta.type == AGREEMENT:
            made[doc_id + PACKAGE] = self._package_row(corpus, doc, made[doc_id])
            for annex_ids in set(package_subsets(corpus, doc).values()):
                made[package_key(doc_id, annex_ids)] = self._package_row(corpus, doc, made[doc_id], annex_ids)
        return made

    def _row(self, corpus: Corpus, doc: Document) -> list:
        """A document's row, made once per loaded tree: a commit's package and each party's share it."""
        from ..render.word.modeltext import model_fingerprint

        key = (id(corpus), doc.path)
        if key not in self._rows:
            fp, lines = model_fingerprint(self._renderer(corpus), doc)
            self._rows[key] = [doc.meta.title, doc.meta.version, doc.meta.status, fp, list(line_hashes(lines)), []]
        return self._rows[key]

    def _package_row(self, corpus: Corpus, agreement: Document, own: list,
                     annex_ids: tuple[str, ...] | None = None) -> list | None:
        annexes = [a for a in annexes_of(corpus, agreement) if annex_ids is None or a.meta.id in annex_ids]
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

    def current_package(self, agreement: Document, party: str | None = None) -> Entry | None:
        """The agreement's decision package in the working tree; with a party, the party's own."""
        annex_ids = package_subsets(self.corpus, agreement).get(party) if party else None
        key = package_key(agreement.meta.id, annex_ids)
        if key not in self._current:
            row = self._package_row(self.corpus, agreement, self._row(self.corpus, agreement), annex_ids)
            self._current[key] = self._entry(None, key, row) if row else None
        return self._current[key]

    def own_packages(self, doc: Document) -> dict[str, str]:
        """Party -> the fingerprint of its own decision package, for the parties to whom not every annex
        of the agreement applies (empty for any other document)."""
        if doc.meta.type != AGREEMENT:
            return {}
        found = {}
        for party in package_subsets(self.corpus, doc):
            entry = self.current_package(doc, party)
            found[party] = entry.fingerprint if entry else self.current(doc).fingerprint
        return found

    def decided_text(self, doc: Document, party: str | None = None) -> Entry:
        """The text the parties decide on: an agreement's decision package when it has annexes (with a
        party, the package of the annexes that apply to it)."""
        package = self.current_package(doc, party) if doc.meta.type == AGREEMENT else None
        return package or self.current(doc)

    # -- Questions ---------------------------------------------------------------------

    def find(self, fp: str, entries: list[Entry]) -> list[Entry]:
        return [e for e in entries if same(e.fingerprint, fp)]

    def lines(self, entry: Entry) -> list[str]:
        """The canonical lines of an entry's text, made again from its commit (or the working tree)."""
        from ..render.word.modeltext import model_fingerprint

        corpus = self.corpus if entry.commit is None else self.versions.corpus_at(entry.commit)
        doc = corpus.by_id[entry.doc_id]
        members = {m[0] for m in entry.members}
        docs = [doc] + ([a for a in annexes_of(corpus, doc) if a.meta.id in members] if entry.package else [])
        lines = []
        for part in docs:
            lines += model_fingerprint(self._renderer(corpus), part)[1]
        return lines

    def segments(self, entry: Entry) -> list[tuple[list[str], list[str]]]:
        """An entry's canonical (body lines, footnote lines) per document (a package's: the agreement's,
        then each annex's), made once from its commit and kept by fingerprint (a text never changes
        under its fingerprint)."""
        from ..render.word.canonical import canonical_text, fingerprint
        from ..render.word.modeltext import model_blocks

        if self._texts is None:
            self._texts = _load_texts(self._file.with_name(TEXTS_FILE)) if self._file else {}
        fingerprints = [m[2] for m in entry.members] if entry.package else [entry.fingerprint]
        if any(fp not in self._texts for fp in fingerprints):
            corpus = self.corpus if entry.commit is None else self.versions.corpus_at(entry.commit)
            wanted = {m[0] for m in entry.members} | {entry.doc_id}
            for doc in (d for d in corpus.documents if d.meta and d.meta.id in wanted):
                blocks = model_blocks(self._renderer(corpus), doc)
                self._texts[fingerprint(canonical_text(blocks))] = [blocks.lines(), blocks.note_lines()]
            self._texts_changed = True
        return [tuple(self._texts.get(fp, [[], []])) for fp in fingerprints]

    def save(self) -> None:
        if self._changed and self._file is not None:
            _save(self._file, self._kept, self._lasts)
            self._changed = False
        if self._texts_changed and self._file is not None:
            _write(self._file.with_name(TEXTS_FILE), {"format": 1, "texts": self._texts})
            self._texts_changed = False


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
    _write(file, {"format": _FORMAT, "commits": kept, "lasts": lasts})


def _write(file: Path, data: dict) -> None:
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, file)
    except OSError:
        temporary.unlink(missing_ok=True)  # a read-only repository: no cache, same result


def _load_texts(file: Path) -> dict[str, list[str]]:
    """The kept canonical lines; a text whose lines do not give its fingerprint is not used."""
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        texts = raw["texts"] if raw.get("format") == 1 and isinstance(raw.get("texts"), dict) else {}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}
    return {fp: pair for fp, pair in texts.items()
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(lines, list) for lines in pair)
            and all(isinstance(line, str) for lines in pair for line in lines)}
