"""The decision register: each party's decision on a document, held against the text it decided.

The decisions are in each document's front matter (`decisions`, source/models/metadata.py): body,
meeting date, §, date the minutes were approved, diarienummer, version and the fingerprint of the
text decided. Here they are read as states, one per party of the document:

    ej beslutad              no decision recorded
    beslutad                 a decision on the current text (its fingerprint)
    beslutad om annan text   a decision on another text: an earlier version, or another fingerprint
    beslutad, text okänd     a decision recorded without a fingerprint: which text is not known

A document is likalydande beslutad when every party has decided the same fingerprint and it is the
current text's; for an agreement with annexes that is the decision package's (agreement and annexes).
When an annex applies to some parties only, each party decides its own package (the annexes that
apply to it): the parties with the same annexes decide the same fingerprint.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..dates import swedish_date
from ..render.word.canonical import same, short
from ..source.corpus import Document
from ..source.models.metadata import Decision

NOT_DECIDED, DECIDED, OTHER_TEXT, UNKNOWN_TEXT = "ej beslutad", "beslutad", "beslutad om annan text", "beslutad, text okänd"


@dataclass(frozen=True)
class PartyState:
    party: str
    state: str
    decision: Decision | None

    def describe(self) -> str:
        """The decision as a line: body, meeting, §, minutes, diarienummer, version and fingerprint."""
        d = self.decision
        if d is None:
            return ""
        parts = [f"{d.body} {swedish_date(d.meeting_date.isoformat())} § {d.paragraph}",
                 f"justerat {swedish_date(d.minutes_approved.isoformat())}"]
        if d.diarienummer:
            parts.append(f"dnr {d.diarienummer}")
        if d.version:
            parts.append(f"version {d.version}")
        if d.fingerprint:
            parts.append(short(d.fingerprint))
        return ", ".join(parts)


@dataclass(frozen=True)
class DocumentState:
    doc: Document
    current: str  # the fingerprint the parties decide on now
    parties: list[PartyState]
    package: bool = False  # the current fingerprint is the decision package's (an agreement with annexes)

    @property
    def decided(self) -> list[PartyState]:
        return [p for p in self.parties if p.state == DECIDED]

    @property
    def other(self) -> list[PartyState]:
        return [p for p in self.parties if p.state == OTHER_TEXT]

    @property
    def disagree(self) -> bool:
        """Decisions that are not all on the current text: not likalydande."""
        return bool(self.other)

    @property
    def identical(self) -> bool:
        return bool(self.parties) and len(self.decided) == len(self.parties)

    def summary(self) -> str:
        total, decided = len(self.parties), len(self.decided)
        if self.identical:
            return f"alla {total} parter har beslutat om den nuvarande texten"
        text = f"{decided} av {total} parter har beslutat om den nuvarande texten"
        if self.other:
            text += f"; {len(self.other)} om en annan text"
        unknown = sum(1 for p in self.parties if p.state == UNKNOWN_TEXT)
        if unknown:
            text += f"; {unknown} utan fingeravtryck"
        return text


def state_of(doc: Document, current: str, package: bool = False,
             own: dict[str, str] | None = None) -> DocumentState:
    """Each of the document's parties, in the order of its parties, against the current fingerprint
    (or, in `own`, the party's own: the package of a party to whom not every annex applies)."""
    states = []
    for party in doc.meta.parties:
        expected = (own or {}).get(party, current)
        decision = doc.meta.decisions.get(party)
        if decision is None:
            state = NOT_DECIDED
        elif not decision.fingerprint:
            state = UNKNOWN_TEXT
        else:
            state = DECIDED if same(decision.fingerprint, expected) else OTHER_TEXT
        states.append(PartyState(party, state, decision))
    return DocumentState(doc, current, states, package)


def common_fingerprint(doc: Document, parties: set[str] | None = None) -> str | None:
    """The fingerprint most of the parties' decisions name (the one the others differ from); among
    `parties` when given (those whose package holds the same annexes)."""
    counts = Counter(short(d.fingerprint) for p, d in doc.meta.decisions.items()
                     if d.fingerprint and (parties is None or p in parties))
    return counts.most_common(1)[0][0] if counts else None


def parties_deciding(doc: Document, fp: str) -> list[str]:
    """The parties whose recorded decision is on the text with this fingerprint."""
    return [party for party in doc.meta.parties
            if party in doc.meta.decisions and same(doc.meta.decisions[party].fingerprint, fp)]
