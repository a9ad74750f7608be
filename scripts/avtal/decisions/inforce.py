"""Which version of each document is in force for a party on a date (`avtal gällande`).

A version is in force for a party when it is decided (status beslutad, with that party's decision),
from its start until the next version in force takes over, until its `valid_until`, or until a
document that `supersedes` it starts. Its start is `valid_from` when the document gives one, and
otherwise the day the last party's minutes were approved: an agreement holds only when all its
parties have taken identical decisions. An editorial version (`change_kind: redaktionell`) keeps the
decided version's decisions and starts when the mandated body's decision (`editorial_decision`) is
approved, or at its own `valid_from`. A version that is not decided, or a document the party is not
party to, is never in force; the answer then says why.

    InForce(versions).periods(doc_id)     every version that has been or will be in force, with its period
    InForce(versions).on(doc, party, day) the version in force, or the reason there is none
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates import swedish_date
from ..history.changelog import version_key
from ..history.versions import VersionError, Versions
from ..source.corpus import Document
from .editorial import EDITORIAL

DECIDED, REPEALED = "beslutad", "upphävd"


@dataclass(frozen=True)
class Period:
    """One version in force: from `start` to `end` (inclusive; None: open), for `parties`."""

    doc_id: str
    title: str
    version: str
    start: dt.date
    end: dt.date | None
    parties: tuple[str, ...]
    decided_version: str  # the version the parties decided on (this one, or the one an editorial version rests on)
    editorial: bool

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Answer:
    doc: Document
    period: Period | None
    reason: str  # why no version is in force, when period is None


def _start(meta) -> dt.date | None:
    """The day a decided version starts: valid_from, or the day the last party's minutes were approved."""
    if meta.valid_from is not None:
        return meta.valid_from
    approved = [d.minutes_approved for d in meta.decisions.values()]
    return max(approved) if approved and set(meta.decisions) >= set(meta.parties) else None


class InForce:
    def __init__(self, versions: Versions):
        self.versions = versions
        self._periods: dict[str, list[Period]] = {}

    def _metas(self, doc: Document) -> list:
        """The front matter of each committed version of the document, then the working tree's if newer."""
        metas = []
        for ref in self.versions.history(doc.meta.id):
            try:
                metas.append(self.versions.document(ref).meta)
            except VersionError:
                continue
        if not metas or version_key(doc.meta.version) > version_key(metas[-1].version):
            metas.append(doc.meta)
        elif metas[-1].version == doc.meta.version:
            metas[-1] = doc.meta  # the working tree has the latest word on the current version
        return metas

    def periods(self, doc: Document) -> list[Period]:
        if doc.meta.id in self._periods:
            return self._periods[doc.meta.id]
        if not self._ever_decided(doc):  # the change log knows each version's status: no version to load
            self._periods[doc.meta.id] = []
            return []
        starts: list[tuple] = []
        decided_version = None
        for meta in self._metas(doc):
            if meta.status != DECIDED:
                continue
            if meta.change_kind == EDITORIAL and decided_version is not None and meta.editorial_decision:
                start = meta.valid_from or meta.editorial_decision.minutes_approved
                starts.append((start, meta, decided_version, True))
            elif meta.change_kind != EDITORIAL and _start(meta) is not None:
                decided_version = meta.version
                starts.append((_start(meta), meta, meta.version, False))
        periods = []
        for index, (start, meta, decided, editorial) in enumerate(starts):
            following = starts[index + 1][0] - dt.timedelta(days=1) if index + 1 < len(starts) else None
            end = min((d for d in (meta.valid_until, following) if d is not None), default=None)
            periods.append(Period(meta.id, meta.title, meta.version, start, end, tuple(meta.parties), decided, editorial))
        self._periods[doc.meta.id] = periods
        return periods

    def _ever_decided(self, doc: Document) -> bool:
        log = self.versions.log(doc.meta.id)
        return doc.meta.status == DECIDED or (log is not None and any(v.status == DECIDED for v in log.versions))

    def on(self, doc: Document, party: str, day: dt.date, superseded_from: dt.date | None = None) -> Answer:
        if party not in doc.meta.parties:
            return Answer(doc, None, f"{party} är inte part i dokumentet")
        periods = [p for p in self.periods(doc) if party in p.parties]
        found = next((p for p in reversed(periods) if p.covers(day)), None)
        if found is not None and superseded_from is not None and day >= superseded_from:
            return Answer(doc, None, f"ersatt från {swedish_date(superseded_from.isoformat())}")
        if found is not None:
            return Answer(doc, found, "")
        if doc.meta.status == REPEALED:
            return Answer(doc, None, "dokumentet är upphävt")
        later = [p for p in periods if p.start > day]
        if later:
            return Answer(doc, None, f"version {later[0].version} gäller först från {swedish_date(later[0].start.isoformat())}")
        ended = [p for p in periods if p.end is not None and p.end < day]
        if ended:
            return Answer(doc, None, f"version {ended[-1].version} gällde till {swedish_date(ended[-1].end.isoformat())}")
        return Answer(doc, None, f"ingen version är beslutad av alla parter; version {doc.meta.version} är "
                                 f"{doc.meta.status}")

    def for_party(self, documents: list[Document], party: str, day: dt.date) -> list[Answer]:
        """Each document's answer for the party, with what a document in force supersedes left out from its start.
        Another municipality's local agreement (source/local.py) is not listed: it never concerns the party."""
        documents = [doc for doc in documents if doc.origin is None or party in doc.meta.parties]
        superseded: dict[str, dt.date] = {}
        for doc in documents:
            answer = self.on(doc, party, day)
            for old in doc.meta.supersedes if answer.period is not None else ():
                superseded[old] = min(answer.period.start, superseded.get(old, answer.period.start))
        return [self.on(doc, party, day, superseded.get(doc.meta.id)) for doc in documents]


def describe(answer: Answer) -> str:
    """One line: the document and its version in force, or why none is."""
    doc, period = answer.doc, answer.period
    name = f"{doc.meta.title} ({doc.meta.id})"
    if period is None:
        return f"{name}: ingen version gäller ({answer.reason})"
    since = swedish_date(period.start.isoformat())
    until = f" till och med {swedish_date(period.end.isoformat())}" if period.end else ""
    kind = f", en redaktionell ändring av den beslutade version {period.decided_version}" if period.editorial else ""
    return f"{name}: version {period.version} gäller från {since}{until}{kind}"


def menu_order(doc: Document) -> tuple:
    """The site's order: the agreement, its annexes by number, then the plans."""
    folder = doc.path.split("/", 1)[0]
    order = {"agreement": 0, "annexes": 1, "plans": 2}.get(folder, 3)
    return order, doc.origin is not None, doc.meta.annex_number or 0, doc.meta.title.casefold()


def versions_for(root, corpus, changelog) -> InForce:
    return InForce(Versions(root, corpus, changelog))

