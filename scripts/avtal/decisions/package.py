"""A decision package per party: everything one party's clerk registers and the decision body decides on.

    party_package(…, doc, party) -> Package      (`avtal package DOC --party P`; the build, for every
                                                   party of a document on remiss or decided)
      ├─ <id>_v<V>_<part>.docx           the Word file with the party's diarienummer; for an agreement with
      │                                   annexes, the decision package (the agreement and its annexes)
      ├─ <id>_v<V>_<part>.pdf            its PDF/A-2b rendition (pdfa.py)
      ├─ <id>_v<V>_andringar_fran_v<O>_<part>.docx   the comparison with the last decided version, or else
      │                                   the last remiss version, or else the previous one (compare/), for
      │                                   the document and each annex that has an earlier version
      ├─ tjansteskrivelse_<id>_v<V>_<part>.docx      the draft decision proposal (proposal.py)
      └─ manifest_<id>_v<V>_<part>.json  each file's SHA-256, the fingerprint, the commit, and the annexes
                                          left out ("not_included": they apply to other parties only)

A party's package holds the annexes that apply to it (annexes_of(…, party)); an annex whose parties do
not include it is left out, and the manifest and the tjänsteskrivelse say which and why.

Every name carries the party, so two parties' files never share a name. Dates come from the commit
(SOURCE_DATE_EPOCH), so two builds of one commit give the same bytes; the zip of the folder too.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..history.provenance import source_epoch
from ..history.versions import DECIDED, REMISS, VersionError
from ..render.word.canonical import package_fingerprint, read_parts
from ..render.word.package import normalised_zip
from ..text import party_slug
from .index import annexes_of

FOLDER = "beslutsunderlag"  # in the build
PURPOSE = {DECIDED: "den senaste beslutade versionen", REMISS: "den senaste remissversionen",
           "previous": "den föregående versionen"}


@dataclass
class Package:
    base: str  # <id>_v<version>_<party>
    files: dict[str, bytes] = field(default_factory=dict)  # name -> bytes, in the order they are listed
    described: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # for "Kontrollera en fil"

    def zip(self, epoch: int) -> bytes:
        return normalised_zip([(f"{self.base}/{name}", data) for name, data in self.files.items()], epoch)


class Packager:
    """Makes packages of one repository state; the comparisons and PDF/A files are made in batches."""

    def __init__(self, root: Path, corpus, changelog):
        from ..compare.outputs import Comparer

        self.root, self.corpus, self.changelog = root, corpus, changelog
        self.comparer = Comparer(root, corpus, changelog) if changelog is not None else None
        self.epoch = source_epoch()

    def word(self, doc, party: str) -> tuple[bytes, list]:
        """The party's Word file and the documents in it (an agreement's annexes after it)."""
        from ..render.word.document import DocxRenderer

        renderer = DocxRenderer(self.root, self.corpus, self.changelog, party)
        annexes = annexes_of(self.corpus, doc, party) if doc.meta.type == "överenskommelse" else []
        data = renderer.decision_package(doc, annexes) if annexes else renderer.document(doc)
        return data, [doc, *annexes]

    def comparisons(self, docs: list, party: str) -> list[tuple[str, bytes, dict]]:
        """Each document against its last decided version, or else remiss, or else previous one."""
        if self.comparer is None:
            return []
        versions = self.comparer.versions
        made = []
        for doc in docs:
            current = versions.current(doc)
            for status in (DECIDED, REMISS, "previous"):
                base = versions.previous(current) if status == "previous" else versions.last_with_status(current, status)
                if base is not None:
                    break
            if base is None:
                continue
            try:
                comparison, md = self.comparer.compare(base, current)
                data = self.comparer.docx(base, current, comparison, md, party=party)
            except VersionError:
                continue
            name = f"{doc.meta.id}_v{current.version}_andringar_fran_v{base.version}_{party_slug(party)}.docx"
            made.append((name, data, {"document": doc.meta.id, "from": base.version, "to": current.version,
                                      "compared_with": PURPOSE[status]}))
        return made

    def left_out(self, doc, party: str) -> list:
        """The agreement's annexes that apply to other parties only: not in this party's package."""
        if doc.meta.type != "överenskommelse":
            return []
        own = {a.meta.id for a in annexes_of(self.corpus, doc, party)}
        return [a for a in annexes_of(self.corpus, doc) if a.meta.id not in own]

    def package(self, doc, party: str, pdf: bytes | None = None, word: bytes | None = None) -> Package:
        """One party's package; the Word and PDF/A files when they were made in a batch (build_packages)."""
        from .pdfa import to_pdfa
        from .proposal import proposal_docx

        meta = doc.meta
        base = f"{meta.id}_v{meta.version}_{party_slug(party)}"
        docs = [doc, *(annexes_of(self.corpus, doc, party) if meta.type == "överenskommelse" else [])]
        word = word if word is not None else self.word(doc, party)[0]
        fingerprints, decided = fingerprints_of(word)
        if pdf is None:
            pdf = to_pdfa({f"{base}.docx": word}, self.epoch, {f"{base}.docx": meta.id},
                          {f"{base}.docx": (decided, self.commit)})[f"{base}.pdf"]
        comparisons = self.comparisons(docs, party)
        package = Package(base)
        package.files[f"{base}.docx"] = word
        package.files[f"{base}.pdf"] = pdf
        for name, data, _ in comparisons:
            package.files[name] = data
        proposal_name = f"tjansteskrivelse_{base}.docx"
        listed = [*package.files, proposal_name]
        left_out = self.left_out(doc, party)
        package.files[proposal_name] = proposal_docx(self.root, self.corpus, doc, docs[1:], party, decided, listed,
                                                     self.epoch, left_out)
        manifest_name = f"manifest_{base}.json"
        package.files[manifest_name] = self._manifest(doc, party, decided, docs, fingerprints, comparisons, package,
                                                      left_out)
        kinds = {f"{base}.docx": "Word-fil med partens diarienummer", f"{base}.pdf": "PDF/A-2b för arkivet",
                 proposal_name: "Utkast till tjänsteskrivelse", manifest_name: "Förteckning med kontrollsummor"}
        for name in package.files:
            kind = kinds.get(name, "Ändringsmarkerad jämförelse")
            package.described.append((name, meta.title, meta.version, party, kind))
        return package

    @property
    def commit(self) -> str:
        from ..history.provenance import source_commit

        return source_commit(self.root)["commit"] or ""

    def _manifest(self, doc, party, decided, docs, fingerprints, comparisons, package: Package, left_out) -> bytes:
        from ..history.provenance import source_commit
        from .proposal import left_out_sentence

        source = source_commit(self.root)
        meta = doc.meta
        data = {
            "document": meta.id, "title": meta.title, "version": meta.version, "status": meta.status,
            "party": party, "diarienummer": meta.registrations.get(party),
            "commit": source["commit"], "commit_date": source["date"], "uncommitted_changes": source["dirty"],
            "fingerprint": decided,
            "documents": [{"document": d.meta.id, "title": d.meta.title, "version": d.meta.version, "fingerprint": fp}
                          for d, fp in zip(docs, fingerprints, strict=False)],
            "comparisons": [info | {"file": name} for name, _, info in comparisons],
            "not_included": [{"document": a.meta.id, "title": a.meta.title, "version": a.meta.version,
                              "parties": list(a.meta.parties), "why": left_out_sentence(a, party)} for a in left_out],
            "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                      for name, data in package.files.items()],
        }
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def fingerprints_of(word: bytes) -> tuple[list[str], str]:
    """The fingerprint of each document in a Word file, and the one decided (the package's, for several)."""
    fingerprints = [part.fingerprint() for part in _parts(word)]
    return fingerprints, package_fingerprint(fingerprints) if len(fingerprints) > 1 else fingerprints[0]


def _parts(word: bytes):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        notes = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
    return read_parts(document, notes)


def build_packages(root: Path, corpus, changelog, docs: list) -> tuple[dict[str, bytes], list]:
    """Every party's package of each document, for the build: beslutsunderlag/<base>/… and <base>.zip.
    The PDF/A files of all parties are made in one LibreOffice run."""
    from .pdfa import to_pdfa

    packager = Packager(root, corpus, changelog)
    words = {}
    for doc in docs:
        for party in doc.meta.parties:
            base = f"{doc.meta.id}_v{doc.meta.version}_{party_slug(party)}"
            words[f"{base}.docx"] = (doc, party, packager.word(doc, party)[0])
    commit = packager.commit
    pdfs = to_pdfa({name: data for name, (_, _, data) in words.items()}, packager.epoch,
                   {name: doc.meta.id for name, (doc, _, _) in words.items()},
                   {name: (fingerprints_of(data)[1], commit) for name, (_, _, data) in words.items()})
    files, described = {}, []
    for name, (doc, party, _) in words.items():
        package = packager.package(doc, party, pdf=pdfs[Path(name).stem + ".pdf"], word=words[name][2])
        for file_name, data in package.files.items():
            files[f"{FOLDER}/{package.base}/{file_name}"] = data
        files[f"{FOLDER}/{package.base}.zip"] = package.zip(packager.epoch)
        described += package.described
    return files, described
