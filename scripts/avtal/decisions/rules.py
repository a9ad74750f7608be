"""The decision register's rules (AV701–AV708), run by `avtal check` when a document records decisions.

    AV701  a decision's fingerprint is not the fingerprint of the version it names
    AV702  a decision names a version the document never had, or a fingerprint without a version
    AV703  a decided document whose parties decided different texts (names the party that differs)
    AV704  a decided document whose decisions are not on its current text
    AV705  valid_from before a party's decision
    AV706  a decided document with a decision that has no fingerprint
    AV707  a decision recorded without a fingerprint (a warning until the document is decided)
    AV708  the history cannot show the version a decision names (no git, or a shallow clone)
    AV901–AV905  editorial and material versions (editorial.py)

The current text's fingerprint is made from the working tree (one parse of the document, and of
an agreement's annexes); the history is read only for a decision that names another version, and
then from the cache in the git directory (index.py), so that a second run renders nothing again.
`rules/check.py` finds this module through the entry-point group `avtal.rules`, since a rule of
the rules stage cannot import a later stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import swedish_date
from ..findings import Finding
from ..history.changelog import version_key
from ..render.word.canonical import same, short
from ..rules.registry import at_key
from ..source.corpus import Corpus, Document
from ..source.models.vocabulary import AGREEMENT, ANNEX
from .editorial import EDITORIAL, change_kind_findings, editorial_decision_findings
from .index import Entry, FingerprintIndex, package_subsets
from .register import common_fingerprint

DECIDED = "beslutad"


class _Texts:
    """The fingerprints a rule asks for: the working tree's at once, the history's when needed."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.now = FingerprintIndex(corpus.root, corpus, None)
        self._history: FingerprintIndex | None = None
        self._entries: dict[str, list[Entry]] = {}

    def history(self) -> FingerprintIndex | None:
        if self._history is None:
            from ..history.changelog import changelog_if_any

            changelog = changelog_if_any(self.corpus.root, quiet=True)
            self._history = FingerprintIndex(self.corpus.root, self.corpus, changelog)
        return self._history

    @property
    def complete(self) -> bool:
        history = self.history()
        return history.changelog is not None and history.changelog.complete

    def entries(self, doc_id: str) -> list[Entry]:
        if doc_id not in self._entries:
            self._entries[doc_id] = self.history().history([doc_id])
        return self._entries[doc_id]

    def of_version(self, doc: Document, version: str) -> list[Entry]:
        """What the version's text was: in the working tree (when it is the current version) and in
        every commit that had it; an annex also counts the decision packages it stood in."""
        found = []
        if version == doc.meta.version:
            found.append(self.now.current(doc))
            if doc.meta.type == AGREEMENT and self.now.current_package(doc) is not None:
                found.append(self.now.current_package(doc))
        found += [e for e in self.entries(doc.meta.id) if e.version == version]
        if doc.meta.type == ANNEX and doc.meta.annex_of:
            found += [e for e in self.entries(doc.meta.annex_of)
                      if e.package and any(m[0] == doc.meta.id and m[1] == version for m in e.members)]
        return found


def check_decisions(corpus: Corpus) -> list[Finding]:
    """Entry point (avtal.rules): the findings on every document that records decisions."""
    texts = _Texts(corpus)
    findings: list[Finding] = []
    for doc in corpus.documents:
        if doc.meta is not None and doc.meta.decisions:
            findings += _decisions(texts, doc)
        if doc.meta is not None and (doc.meta.change_kind or doc.meta.status == DECIDED):
            findings += change_kind_findings(texts, doc)
    if texts._history is not None:
        texts._history.save()
    return findings


def _decisions(texts: _Texts, doc: Document) -> Iterator[Finding]:
    meta = doc.meta
    decided = meta.status == DECIDED
    for party, decision in meta.decisions.items():
        where = ("decisions", party)
        if not decision.fingerprint:
            code = "AV706" if decided else "AV707"
            yield at_key(code, doc, where, f"Beslutet för {party} saknar fingeravtryck, så det går inte att visa vilken "
                         f"text som beslutades; skriv in fingerprint och version från den diarieförda Word-filen, "
                         f"eller kör avtal verify FIL --record \"{party}\"")
            continue
        if not decision.version:
            yield at_key("AV702", doc, (*where, "fingerprint"),
                         f"Beslutet för {party} har ett fingeravtryck men ingen version; skriv in vilken version "
                         f"som beslutades (version: \"…\"), eller kör avtal verify FIL --record \"{party}\"")
            continue
        yield from _fingerprint_of_version(texts, doc, party, decision)
    if decided:
        yield from _identical(texts, doc)
    yield from _valid_from(doc)


def _fingerprint_of_version(texts: _Texts, doc: Document, party: str, decision) -> Iterator[Finding]:
    version, fp = decision.version, decision.fingerprint
    now = texts.now
    if version == doc.meta.version and same(fp, now.decided_text(doc, party).fingerprint):
        return  # the current text: nothing to read from the history
    entries = texts.of_version(doc, version)
    where = ("decisions", party, "fingerprint")
    if not entries:
        if not texts.complete:
            yield at_key("AV708", doc, ("decisions", party, "version"),
                         f"Versionen {version} som beslutet för {party} anger finns inte i den historik som går att "
                         "läsa (arkivet är inte ett git-arkiv, eller en grund klon); fingeravtrycket kan inte prövas")
        else:
            yield at_key("AV702", doc, ("decisions", party, "version"),
                         f"Beslutet för {party} anger version {version}, men dokumentet har aldrig haft den versionen")
        return
    decided_texts = [e for e in entries if e.package or doc.meta.type != AGREEMENT or not _has_annexes(entries)]
    if any(same(fp, e.fingerprint) for e in decided_texts):
        return
    expected = short(decided_texts[-1].fingerprint) if decided_texts else short(entries[-1].fingerprint)
    own = next((e for e in entries if not e.package and same(fp, e.fingerprint)), None)
    if own is not None:
        message = (f"Fingeravtrycket {short(fp)} i beslutet för {party} är överenskommelsens eget, utan bilagorna; "
                   f"parterna beslutar om överenskommelsen och bilagorna tillsammans, så beslutet ska ha "
                   f"beslutspaketets fingeravtryck för version {version}: {expected}")
    else:
        message = (f"Fingeravtrycket {short(fp)} i beslutet för {party} är inte texten i version {version}"
                   f"{_which(texts, doc, fp)}; version {version} har fingeravtrycket {expected}")
    yield at_key("AV701", doc, where, message)


def _has_annexes(entries: list[Entry]) -> bool:
    return any(e.package for e in entries)


def _which(texts: _Texts, doc: Document, fp: str) -> str:
    found = [e for e in texts.entries(doc.meta.id) if same(fp, e.fingerprint)]
    if not found:
        return " (det finns inte i historiken)"
    versions = sorted({e.version for e in found})
    return f" (det är texten i version {', '.join(versions)})"


def _identical(texts: _Texts, doc: Document) -> Iterator[Finding]:
    """A decided document: every party on the same fingerprint, and that the current text's."""
    decisions = {p: d for p, d in doc.meta.decisions.items() if d.fingerprint}
    if not decisions:
        return
    subsets = package_subsets(texts.corpus, doc) if doc.meta.type == AGREEMENT else {}
    groups: dict[tuple | None, set[str]] = {}
    for party in decisions:  # parties whose packages hold the same annexes decide the same text
        groups.setdefault(subsets.get(party), set()).add(party)
    for annexes, parties in groups.items():
        yield from _identical_in(texts, doc, {p: decisions[p] for p in parties}, next(iter(parties)) if annexes else None)


def _identical_in(texts: _Texts, doc: Document, decisions: dict, party: str | None) -> Iterator[Finding]:
    common = common_fingerprint(doc, set(decisions))
    for name, decision in decisions.items():
        if not same(decision.fingerprint, common):
            yield at_key("AV703", doc, ("decisions", name, "fingerprint"),
                         f"{name} har beslutat om en annan text ({short(decision.fingerprint)}) än de andra parterna "
                         f"({common}); besluten är inte likalydande. Kontrollera den diarieförda filen med avtal verify")
    current = texts.now.decided_text(doc, party)
    if not same(common, current.fingerprint) and doc.meta.change_kind == EDITORIAL:
        yield from editorial_decision_findings(texts, doc, _decided_version(doc))
    elif not same(common, current.fingerprint):
        what = "beslutspaketets" if current.package else "textens"
        yield at_key("AV704", doc, ("status",),
                     f"Status är beslutad, men besluten gäller {common} och den nuvarande {what} fingeravtryck är "
                     f"{short(current.fingerprint)}: texten har ändrats efter besluten. Återställ texten, eller ge "
                     "den en ny version som beslutas på nytt")


def _decided_version(doc: Document) -> str:
    """The version the parties decided on (the newest their decisions name)."""
    named = [d.version for d in doc.meta.decisions.values() if d.version]
    return max(named, key=version_key) if named else doc.meta.version


def _valid_from(doc: Document) -> Iterator[Finding]:
    meta = doc.meta
    if meta.valid_from is None or not meta.decisions:
        return
    party, last = max(meta.decisions.items(), key=lambda item: item[1].meeting_date)
    if last.meeting_date > meta.valid_from:
        yield at_key("AV705", doc, ("valid_from",),
                     f"Dokumentet gäller från {swedish_date(meta.valid_from.isoformat())}, men {party} beslutade "
                     f"först {swedish_date(last.meeting_date.isoformat())}; det kan inte gälla före det sista beslutet")
