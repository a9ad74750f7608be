"""A document's versions: found in the history by their version or by a git revision, and the
repository as it stood in each version's commit.

    Versions(root, corpus, changelog)
      ├─ current(doc)            the working tree's version (what `avtal docx DOC` writes)
      ├─ resolve(doc, "0.2")     the last commit that had version 0.2 (from the change log,
      │                          which knows each version's commits from one pass over git)
      ├─ resolve(doc, "v1.0")    or any git revision: a tag, a branch, a commit
      ├─ previous / last_with_status   the version before, the last remiss or decided one
      └─ corpus(ref)             load_corpus over the blobs of that commit: the document, the
                                 glossary, the data and the vocabularies as they stood then

Everything that cannot be found is a VersionError with a Swedish message that says what exists
and how to go on; nothing here writes.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ..source.corpus import Corpus, Document
from ..source.images import is_image_path
from ..source.layout import CONTENT_FOLDERS, SCHEMA_FOLDER
from .changelog import Changelog, DocumentLog, version_key
from .gitpipe import HistoryError, answer, read_blobs, spawn
from .log import is_source, resolve_revision
from .provenance import source_commit

VERSION_RE = re.compile(r"^\d+\.\d+$")
REMISS, DECIDED = "remiss", "beslutad"
SHALLOW_HINT = ("arkivet är en grund klon (shallow clone) och de äldre incheckningarna saknas; hämta hela "
                "historiken med git fetch --unshallow (i CI: fetch-depth: 0) och försök igen")


class VersionError(Exception):
    """A version, revision or document that cannot be found or loaded; the message is Swedish."""


@dataclass(frozen=True)
class VersionRef:
    """One version of one document: where it is (a commit, or the working tree) and what it was."""

    doc_id: str
    version: str
    commit: str | None  # None: the working tree
    date: str | None  # the commit's date, ISO 8601; the working tree has HEAD's (None outside git)
    status: str | None

    @property
    def key(self) -> tuple:
        return version_key(self.version)


class Versions:
    """The versions of the repository's documents, and the corpus at any of them (each loaded once)."""

    def __init__(self, root: Path, corpus: Corpus, changelog: Changelog | None):
        self.root, self.working, self.changelog = root, corpus, changelog
        self._corpora: dict[str, Corpus] = {}
        self._dates: dict[str, str] = {}
        self._head_date: str | None | bool = False  # False: not asked yet
        self._last: dict[tuple[str, str], str] = {}  # (document, version) -> the last commit that had it
        self._revisions: dict[str, str] = {}  # revision -> commit ("" when there is none)

    # -- Finding versions --------------------------------------------------------------

    def log(self, doc_id: str) -> DocumentLog | None:
        return self.changelog.documents.get(doc_id) if self.changelog else None

    def current(self, doc: Document) -> VersionRef:
        """The working tree's version of a document."""
        if self._head_date is False:
            self._head_date = source_commit(self.root)["date"]
        return VersionRef(doc.meta.id, doc.meta.version, None, self._head_date, doc.meta.status)

    def resolve(self, doc_id: str, spec: str) -> VersionRef:
        """A version ("0.2": the last commit that had it) or a git revision (a tag, a branch, a commit)."""
        log = self.log(doc_id)
        entry = next((v for v in log.versions if v.version == spec), None) if log else None
        if entry is not None:
            sha = self.last_commit(log, entry)
            return VersionRef(doc_id, entry.version, sha, self.date(sha), entry.status)
        if VERSION_RE.match(spec):
            raise VersionError(self._no_such_version(doc_id, spec, log))
        if self.changelog is None:
            raise VersionError(f"revisionen {spec} går inte att läsa: arkivet är inte ett git-arkiv")
        try:
            sha = resolve_revision(self.root, spec)
        except HistoryError:
            hint = SHALLOW_HINT if not self.changelog.complete else (
                "ange en version (till exempel 0.1) eller en incheckning, gren eller tagg som git känner till")
            raise VersionError(f"revisionen {spec} finns inte i arkivet; {hint}") from None
        doc = self.corpus_at(sha).by_id.get(doc_id)
        if doc is None:
            raise VersionError(f"dokumentet {doc_id} fanns inte i {spec} (incheckning {sha[:8]}); "
                               + self._known_versions(doc_id, log))
        return VersionRef(doc_id, doc.meta.version, sha, self.date(sha), doc.meta.status)

    def _known_versions(self, doc_id: str, log: DocumentLog | None) -> str:
        versions = sorted((v.version for v in log.versions), key=version_key) if log else []
        if not versions:
            return f"dokumentet {doc_id} har ingen incheckad version ännu"
        return f"versionerna i historiken är {', '.join(versions)}"

    def _no_such_version(self, doc_id: str, spec: str, log: DocumentLog | None) -> str:
        message = f"dokumentet {doc_id} har aldrig haft version {spec}; {self._known_versions(doc_id, log)}"
        if self.changelog is not None and not self.changelog.complete:
            message += f". Versionen kan finnas längre bak: {SHALLOW_HINT}"
        return message

    def history(self, doc_id: str) -> list[VersionRef]:
        """Every committed version of a document, oldest first, each at its last commit."""
        log = self.log(doc_id)
        if log is None:
            return []
        entries = sorted((v for v in log.versions if VERSION_RE.match(v.version)), key=lambda v: version_key(v.version))
        return [VersionRef(doc_id, v.version, self.last_commit(log, v), None, v.status) for v in entries]

    def last_commit(self, log: DocumentLog, entry) -> str:
        """The last commit that had the version: the one just before the next version arrived (its
        first parent), so that the glossary, data and vocabularies are as they stood when the version
        was left; for the newest committed version, HEAD. The version's own last change is the
        fallback where history is unusual (that parent does not have the version)."""
        key = (log.id, entry.version)
        if key not in self._last:
            newer = [v for v in log.versions if version_key(v.version) > version_key(entry.version) and v.commits]
            self._last[key] = entry.commits[0].sha
            if not newer:
                self._last[key] = self._resolved("HEAD") or self._last[key]
            else:
                arrived = min(newer, key=lambda v: version_key(v.version)).commits[-1].sha
                parent = self._resolved(f"{arrived}^1")
                if parent and self._has_version(parent, log.id, entry.version):
                    self._last[key] = parent
        return self._last[key]

    def _resolved(self, rev: str) -> str:
        """A revision's commit, asked of git once per revision (every document asks for HEAD)."""
        if rev not in self._revisions:
            self._revisions[rev] = (answer(spawn(self.root, "rev-parse", "--quiet", "--verify", rev)) or "").strip()
        return self._revisions[rev]

    def _has_version(self, sha: str, doc_id: str, version: str) -> bool:
        try:
            doc = self.corpus_at(sha).by_id.get(doc_id)
        except VersionError:
            return False
        return doc is not None and doc.meta is not None and doc.meta.version == version

    def previous(self, ref: VersionRef) -> VersionRef | None:
        """The highest committed version below `ref`'s."""
        earlier = [v for v in self.history(ref.doc_id) if v.key < ref.key]
        return self.dated(earlier[-1]) if earlier else None

    def last_with_status(self, ref: VersionRef, status: str) -> VersionRef | None:
        """The highest version below `ref`'s that had `status` (remiss, beslutad) at its last commit."""
        earlier = [v for v in self.history(ref.doc_id) if v.key < ref.key and v.status == status]
        return self.dated(earlier[-1]) if earlier else None

    def dated(self, ref: VersionRef) -> VersionRef:
        return dataclasses.replace(ref, date=self.date(ref.commit)) if ref.commit and not ref.date else ref

    # -- Loading a version -------------------------------------------------------------

    def date(self, sha: str) -> str:
        if sha not in self._dates:
            said = answer(spawn(self.root, "show", "-s", "--format=%cI", sha)) or ""
            self._dates[sha] = said.strip()
        return self._dates[sha]

    def dates(self, shas: list[str]) -> None:
        """The commit dates of many commits, asked of git at once."""
        wanted = sorted({s for s in shas if s not in self._dates})
        if wanted:
            said = answer(spawn(self.root, "show", "-s", "--format=%H %cI", *wanted)) or ""
            for line in said.splitlines():
                sha, _, date = line.partition(" ")
                self._dates[sha] = date

    def corpus(self, ref: VersionRef) -> Corpus:
        return self.working if ref.commit is None else self.corpus_at(ref.commit)

    def corpus_at(self, sha: str) -> Corpus:
        """The repository as the commit has it: the same loading as the working tree's, over git's blobs."""
        if sha not in self._corpora:
            from ..source.load import load_corpus

            self._corpora[sha] = load_corpus(self.root, files=committed_files(self.root, sha))
        return self._corpora[sha]

    def document(self, ref: VersionRef) -> Document:
        corpus = self.corpus(ref)
        doc = corpus.by_id.get(ref.doc_id)
        if doc is None or doc.meta is None:
            where = "arbetskopian" if ref.commit is None else f"incheckning {ref.commit[:8]}"
            problems = [f for f in corpus.load_findings if doc is None or f.path == doc.path]
            detail = f": {problems[0].path}:{problems[0].line}: {problems[0].message}" if problems else ""
            raise VersionError(f"version {ref.version} av dokumentet {ref.doc_id} går inte att läsa i {where}{detail}")
        return doc

    def changelog_until(self, ref: VersionRef) -> Changelog | None:
        """The change log as it stood at `ref`: the document's later versions left out."""
        if self.changelog is None or ref.commit is None:
            return self.changelog
        log = self.log(ref.doc_id)
        if log is None:
            return self.changelog
        earlier = [v for v in log.versions if version_key(v.version) <= ref.key]
        documents = {**self.changelog.documents,
                     ref.doc_id: dataclasses.replace(log, versions=earlier, uncommitted=None)}
        return dataclasses.replace(self.changelog, documents=documents)


def _wanted(path: str) -> bool:
    if path.startswith(f"{SCHEMA_FOLDER}/"):
        return path.count("/") == 1 and path.endswith((".yaml", ".yml"))
    # The documents, their data and their images, as the commit had them.
    return (is_source(path) or is_image_path(path)) and path.split("/", 1)[0] in CONTENT_FOLDERS


def committed_files(root: Path, sha: str) -> dict[str, bytes]:
    """The documents, data, images and vocabularies of a commit, as (path, bytes); only regular files,
    never a symbolic link, so nothing is read that the working tree's loading would not read."""
    listing = answer(spawn(root, "ls-tree", "-r", "-z", sha, "--", SCHEMA_FOLDER, *CONTENT_FOLDERS))
    if listing is None:
        raise VersionError(f"incheckningen {sha[:8]} går inte att läsa; {SHALLOW_HINT}")
    entries = []
    for line in filter(None, listing.split("\0")):
        meta, _, path = line.partition("\t")
        mode, kind, blob = meta.split()
        if kind == "blob" and mode in ("100644", "100755") and _wanted(path):
            entries.append((blob, path))
    contents = dict(read_blobs(root, list(dict.fromkeys(blob for blob, _ in entries))))
    return {path: contents[blob] for blob, path in entries if contents.get(blob) is not None}
