"""Every Word file says where it comes from: the document, its version and status, the commit, and
the fingerprint of its text, in the file's custom properties and on its last page ("Dokumentidentitet"),
so that the identity survives printing and PDF.

The fingerprint is read from the file's own Word XML just before it is saved, with the same reader
`avtal verify` uses on a file (canonical.py): what the page says is what a check of the file finds.
The block stands after the version history, outside the body bookmarks, so it is not part of the
text it identifies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...dates import swedish_date
from .canonical import package_fingerprint, read_parts, short

STATUS_LABEL = {"utkast": "utkast", "remiss": "remissversion", "beslutad": "beslutad", "upphävd": "upphävd"}
HOW_TO_CHECK = (
    "Fingeravtrycket räknas ur dokumentets text (rubriker, stycken, listpunkter, tabellceller och fotnoter), "
    "inte ur filen. Det är därför detsamma när filen sparas om i Word, LibreOffice eller ett diariesystem och "
    "när sidhuvudet har en annan parts diarienummer. Kontrollera filen med kommandot avtal verify FIL i arkivet "
    "för överenskommelsen, som jämför texten med varje version i historiken, eller välj filen på webbplatsens "
    "sida Kontrollera en fil, som känner igen en fil som inte har ändrats sedan den publicerades."
)


@dataclass(frozen=True)
class Member:
    doc_id: str
    title: str
    version: str
    fingerprint: str


@dataclass(frozen=True)
class Identity:
    doc_id: str
    title: str
    version: str
    status: str
    commit: str | None
    date: str | None  # the commit's date, ISO 8601
    dirty: bool
    fingerprint: str  # the file's text; a decision package's own fingerprint
    members: list[Member] = field(default_factory=list)  # a decision package's documents, in annex order
    rejected: str | None = None  # a comparison: the text with every change rejected
    compared_from: str | None = None  # a comparison: the older version

    @property
    def kind(self) -> str:
        if self.rejected is not None:
            return "ändringsmarkerad"
        return "beslutspaket" if len(self.members) > 1 else "dokument"


def identify(word, docs: list, source: dict, compared_from: str | None = None) -> Identity:
    """The identity of a Word file whose body the renderer has written (before it is saved)."""
    footnotes = word._avtal["footnotes"].element
    parts = read_parts(word.element, footnotes)
    members = [Member(doc.meta.id, doc.meta.title, doc.meta.version, part.fingerprint())
               for doc, part in zip(docs, parts, strict=False)]
    main = docs[0].meta
    own = package_fingerprint([m.fingerprint for m in members]) if len(members) > 1 else members[0].fingerprint
    rejected = None
    if compared_from is not None:
        rejected = read_parts(word.element, footnotes, keep="del")[0].fingerprint()
    return Identity(main.id, main.title, main.version, main.status, source.get("commit"), source.get("date"),
                    bool(source.get("dirty")), own, members, rejected, compared_from)


def commit_text(identity: Identity) -> str:
    if not identity.commit:
        return "ingen: filen är byggd utanför git eller före den första incheckningen"
    when = f" ({swedish_date(identity.date[:10])})" if identity.date else ""
    dirty = ", med ändringar i dokumenten som inte är incheckade" if identity.dirty else ""
    return f"{identity.commit}{when}{dirty}"


def rows(identity: Identity) -> list[tuple[str, str]]:
    """The lines of the block on the last page, as (label, value)."""
    status = STATUS_LABEL.get(identity.status, identity.status)
    lines = [("Dokument", f"{identity.title} ({identity.doc_id})"), ("Version", f"{identity.version}, {status}"),
             ("Incheckning", commit_text(identity))]
    if identity.kind == "beslutspaket":
        annexes = len(identity.members) - 1
        lines.append(("Innehåll", f"Beslutspaket: överenskommelsen och {annexes} "
                                  f"{'bilaga' if annexes == 1 else 'bilagor'}, som beslutas tillsammans"))
        lines.append(("Beslutspaketets fingeravtryck", f"{short(identity.fingerprint)} (fullständigt: {identity.fingerprint})"))
        for member in identity.members:
            lines.append((f"{member.title}, version {member.version}", short(member.fingerprint)))
    elif identity.kind == "ändringsmarkerad":
        lines.append(("Innehåll", f"Ändringsmarkerad version: ändringar från version {identity.compared_from} "
                                  f"till {identity.version}"))
        lines.append(("Fingeravtryck när alla ändringar godkänns",
                      f"{short(identity.fingerprint)} (texten i version {identity.version})"))
        lines.append(("Fingeravtryck när alla ändringar avvisas",
                      f"{short(identity.rejected)} (texten i version {identity.compared_from})"))
    else:
        lines.append(("Textens fingeravtryck", f"{short(identity.fingerprint)} (fullständigt: {identity.fingerprint})"))
    return lines


def properties(identity: Identity) -> list[tuple[str, str]]:
    """The file's custom document properties (File > Properties > Custom in Word)."""
    props = [("Avtal dokument", identity.doc_id), ("Avtal version", identity.version),
             ("Avtal status", identity.status), ("Avtal incheckning", identity.commit or ""),
             ("Avtal innehåll", identity.kind), ("Avtal fingeravtryck", identity.fingerprint)]
    if identity.kind == "beslutspaket":
        props.append(("Avtal dokumentens fingeravtryck",
                      "; ".join(f"{m.doc_id} {m.version} {m.fingerprint}" for m in identity.members)))
    if identity.rejected:
        props.append(("Avtal fingeravtryck avvisade ändringar", identity.rejected))
        props.append(("Avtal ändringar från version", identity.compared_from or ""))
    return props
