"""`avtal verify FILE…`: is this file's text a version in the history, and who decided it?

    Verifier.verify(path)
      ├─ kind_of (filekind.py)  a .docx, a PDF (pdfverify.py), an .odt or .doc (converted to .docx by
      │                         LibreOffice), or anything else, named in the message
      ├─ read_word              the text between the body bookmarks (canonical.py), with tracked
      │                         changes accepted (and rejected, for an ändringsmarkerad file)
      ├─ one document           its fingerprint among every commit's (index.py)
      ├─ a decision package     each document's, and the package's over them
      └─ no match               the nearest version (most lines alike) and the paragraphs that
                                differ, word by word

Exit codes: 0 every file is a version in the history; 1 a file's text is not; 2 a file cannot be
read (a Swedish message, never a traceback).
"""

from __future__ import annotations

import difflib
from functools import cached_property
from pathlib import Path

from ..dates import swedish_date
from ..exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from ..render.word.canonical import Part, package_fingerprint, short
from .filekind import kind_of
from .index import Entry, FingerprintIndex, line_hashes
from .register import parties_deciding
from .verdict import SHOWN_PARAGRAPHS, Verdict, paragraph_changes
from .wordfile import UnreadableFile, WordText, read_word

STATUS_WORD = {"utkast": "utkast", "remiss": "remissversion", "beslutad": "beslutad", "upphävd": "upphävd"}
CONVERTED = {"odt": "ett OpenDocument-dokument (.odt)", "doc": "ett Word 97–2003-dokument (.doc)"}
class Verifier:
    """The history is read when first asked for: a Word file that names its document (its custom
    property "Avtal dokument") is looked up in that document's history first, and only a text that
    is not there needs every document's (with a cold cache, the work of seconds: index.py, fill.py)."""

    def __init__(self, index: FingerprintIndex):
        self.index = index
        self._entries: list[Entry] | None = None
        self._named: dict[str, list[Entry]] = {}

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = self.index.history()
        return self._entries

    @cached_property
    def documents(self) -> list[Entry]:
        return [e for e in self.entries if not e.package]

    @cached_property
    def packages(self) -> list[Entry]:
        return [e for e in self.entries if e.package]

    def named(self, doc_id: str | None, packages: bool) -> list[Entry]:
        """The history of the document a file names (with its decision packages, or without), or none
        when it names no document of the change logs."""
        logs = self.index.changelog.documents if self.index.changelog else {}
        if self._entries is not None or not doc_id or doc_id not in logs:
            return []
        if (doc_id, packages) not in self._named:
            self._named[(doc_id, packages)] = self.index.history([doc_id], packages=packages)
        return [e for e in self._named[(doc_id, packages)] if e.package == packages]

    def verify(self, path: Path, shown: str | None = None) -> Verdict:
        shown = shown or str(path)
        try:
            kind = kind_of(path) if path.is_file() else "docx"  # read_word says that it is missing
            if kind == "pdf":
                from .pdfverify import verify_pdf

                return verify_pdf(self, path, shown)
            if kind in ("odt", "doc"):
                return self._converted(path, shown, kind)
            if kind != "docx":
                raise UnreadableFile(f"{path} är {kind}, ingen Word-fil eller PDF-fil; avtal verify läser "
                                     ".docx, .pdf, .odt och .doc")
            word = read_word(path)
        except UnreadableFile as error:
            return Verdict(EXIT_USAGE, [f"avtal: fel: {error}"])
        return self._word(word, shown)

    def _converted(self, path: Path, shown: str, kind: str) -> Verdict:
        """An .odt or .doc copy, read through LibreOffice as the .docx it converts it to."""
        import shutil
        import tempfile

        from .libreoffice import DEBIAN_PACKAGE, to_docx

        name = CONVERTED[kind]
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            raise UnreadableFile(f"{path} är {name}, som avtal verify läser genom LibreOffice, men LibreOffice saknas. "
                                 f"Installera Debians paket {DEBIAN_PACKAGE} (sudo apt-get install {DEBIAN_PACKAGE}), "
                                 "eller spara filen som .docx eller PDF och kontrollera den i stället")
        with tempfile.TemporaryDirectory(prefix="avtal-verify-") as temporary:
            made = to_docx(path, Path(temporary))
            if made is None:
                raise UnreadableFile(f"{path} är {name}, men LibreOffice kunde inte läsa den (filen är skadad "
                                     "eller avklippt)")
            return self._word(read_word(made), shown)

    def _word(self, word: WordText, shown: str) -> Verdict:
        if not word.parts:
            return Verdict(EXIT_FINDINGS, [
                f"{shown}: hittar ingen dokumenttext: bokmärkena runt texten (avtal_body_start, avtal_body_end) "
                "saknas, och filen har ingen innehållsförteckning och versionshistorik att gå efter. Filen kommer "
                "inte från arkivet, eller så har den gjorts om."])
        if word.revisions:
            return self._comparison(word, shown)
        if len(word.parts) > 1:
            return self._package(word, shown)
        return self._document(word.parts[0], shown, word)

    # -- One document ------------------------------------------------------------------

    def _document(self, part: Part, shown: str, word: WordText, version: str | None = None) -> Verdict:
        fp = part.fingerprint()
        named = self.index.find(fp, self.named(word.properties.get("Avtal dokument"), packages=False))
        found = self._earliest(named or self.index.find(fp, self.documents))
        if found:
            return Verdict(EXIT_OK, [f"{shown}: {self._describe(found, fp)}"], found[0], found)
        return Verdict(EXIT_FINDINGS, [f"{shown}: texten är inte någon version i historiken (fingeravtryck {short(fp)})."]
                       + self._nearest(part, self.documents, word.properties.get("Avtal dokument"), version))

    def _describe(self, found: list[Entry], fp: str) -> str:
        first = found[0]
        versions = sorted({e.version for e in found}, key=lambda v: tuple(int(x) for x in v.split(".")))
        label = f"version {' och '.join(versions)}" if len(versions) > 1 else f"version {first.version}"
        status = STATUS_WORD.get(first.status, first.status)
        what = "beslutspaket: " if first.package else ""
        members = ""
        if first.package:
            members = " med " + ", ".join(f"{m[0]} {m[1]}" for m in first.members[1:])
        return (f"{what}{first.title} ({first.doc_id}), {label} ({status}){members}, incheckning "
                f"{first.commit[:8]}{_date(first)}, fingeravtryck {short(fp)}; {self._decisions(first, fp)}")

    def _decisions(self, entry: Entry, fp: str) -> str:
        doc = self.index.corpus.by_id.get(entry.doc_id)
        if doc is None or doc.meta is None:
            return "inga beslut (dokumentet finns inte längre i arkivet)"
        parties = parties_deciding(doc, fp)
        if not parties:
            return self._editorial(entry, doc) or "inga beslut om texten"
        total = len(doc.meta.parties)
        names = ", ".join(parties) if len(parties) <= 4 else ", ".join(parties[:3]) + f" och {len(parties) - 3} till"
        return f"beslutad av {len(parties)} av {total} parter ({names})"

    def _editorial(self, entry: Entry, doc) -> str | None:
        """For an editorial version: the decided version it rests on, its decisions and what changed since."""
        from .editorial import EDITORIAL, word_changes

        corpus = self.index.corpus if entry.commit is None else self.index.versions.corpus_at(entry.commit)
        then = corpus.by_id.get(entry.doc_id)
        if then is None or then.meta is None or then.meta.change_kind != EDITORIAL or entry.package:
            return None
        decided = sorted({d.version for d in doc.meta.decisions.values() if d.version})
        own = self.named(entry.doc_id, packages=False) or self.documents
        base = [e for e in own if e.doc_id == entry.doc_id and decided and e.version == decided[-1]]
        if not base:
            return None
        parties = [p for p, d in doc.meta.decisions.items() if d.version == decided[-1]]
        changes = word_changes(self.index.lines(base[-1]), self.index.lines(entry))
        shown = "; ".join(changes[:SHOWN_PARAGRAPHS]) + (f"; … och {len(changes) - SHOWN_PARAGRAPHS} till"
                                                         if len(changes) > SHOWN_PARAGRAPHS else "")
        return (f"en redaktionell version av den beslutade version {decided[-1]} (beslutad av {len(parties)} av "
                f"{len(doc.meta.parties)} parter), med de redaktionella ändringarna {shown}")

    def _earliest(self, found: list[Entry]) -> list[Entry]:
        """The matches, the commit where the text arrived first (the working tree never counts)."""
        committed = [e for e in found if e.commit]
        return sorted(committed, key=lambda e: (e.date or "", self.index.commits(e.doc_id).index(e.commit)
                                                if e.commit in self.index.commits(e.doc_id) else 0))

    # -- A decision package ------------------------------------------------------------

    def _package(self, word: WordText, shown: str) -> Verdict:
        fps = [part.fingerprint() for part in word.parts]
        fp = package_fingerprint(fps)
        named = self.index.find(fp, self.named(word.properties.get("Avtal dokument"), packages=True))
        found = self._earliest(named or self.index.find(fp, self.packages))
        if found:
            return Verdict(EXIT_OK, [f"{shown}: {self._describe(found, fp)}"], found[0])
        lines = [f"{shown}: beslutspaketet med {len(fps)} dokument är inte något beslutspaket i historiken "
                 f"(fingeravtryck {short(fp)})."]
        for number, part in enumerate(word.parts):
            what = "överenskommelsen" if number == 0 else f"bilaga {number}"
            own = self._earliest(self.index.find(part.fingerprint(), self.documents))
            if own:
                lines.append(f"  {what}: {self._describe(own, part.fingerprint())}")
            else:
                lines.append(f"  {what}: texten är inte någon version i historiken (fingeravtryck "
                             f"{short(part.fingerprint())}).")
                lines += ["  " + line for line in self._nearest(part, self.documents, None)]
        if all(self.index.find(p.fingerprint(), self.documents) for p in word.parts):
            lines.append("  Varje dokument är en version i historiken, men de har aldrig stått tillsammans i en "
                         "incheckning: paketet är sammansatt av versioner från olika tillfällen.")
        return Verdict(EXIT_FINDINGS, lines)

    # -- An ändringsmarkerad file ------------------------------------------------------

    def _comparison(self, word: WordText, shown: str) -> Verdict:
        """Both sides of a redline, recomputed: every change accepted must be the newer version's text
        and every change rejected the older one's, and the fingerprints and versions its identity
        states must be the ones the text has; anything else is an error (exit 1)."""
        props = word.properties
        new = self._document(word.parts[0], shown, word, props.get("Avtal version"))
        old = self._document(word.rejected[0], shown, word, props.get("Avtal ändringar från version")) \
            if word.rejected else None
        lines = [f"{shown}: ändringsmarkerad fil (spårade ändringar)."]
        if new.code == EXIT_OK:
            lines.append(f"  Godkänns alla ändringar: {new.lines[0].split(': ', 1)[1]}")
        else:
            lines.append("  Godkänns alla ändringar är texten inte någon version i historiken.")
            lines += ["  " + line for line in new.lines[1:]]
        if old is not None and old.code == EXIT_OK:
            lines.append(f"  Avvisas alla ändringar: {old.lines[0].split(': ', 1)[1]}")
        elif old is not None:
            lines.append("  Fel: avvisas alla ändringar är texten inte någon version i historiken, så filen visar inte "
                         "ändringarna från en version.")
            lines += ["  " + line for line in old.lines[1:]]
        errors = _identity_errors(word, new, old)
        lines += [f"  Fel: {error}" for error in errors]
        if new.code == EXIT_OK and (old is None or old.code == EXIT_OK) and not errors:
            lines.append("  Det är en jämförelse för läsaren; parterna beslutar om Word-filen utan spårade ändringar.")
        code = EXIT_OK if new.code == EXIT_OK and old is not None and old.code == EXIT_OK and not errors else EXIT_FINDINGS
        return Verdict(code, lines, new.match)

    # -- The nearest version -----------------------------------------------------------

    def _nearest(self, part: Part, candidates: list[Entry], hinted: str | None, version: str | None = None) -> list[str]:
        if not candidates:
            return ["  Historiken har inga versioner att jämföra med (arkivet är inte ett git-arkiv, eller inget "
                    "dokument är incheckat)."]
        mine = line_hashes(part.lines())
        best = max(candidates, key=lambda e: (difflib.SequenceMatcher(None, mine, e.line_hashes, autojunk=False).ratio(),
                                              e.doc_id == hinted, e.version == version, e.date or "", e.version))
        # cite the commit where that text came in, as a match does, not the last commit that still had it
        best = (self._earliest(self.index.find(best.fingerprint, [e for e in candidates if e.doc_id == best.doc_id]))
                or [best])[0]
        theirs = self.index.lines(best)
        changes = paragraph_changes(theirs, part.lines())
        count = len(changes)
        lines = [f"  Närmast är {best.title} ({best.doc_id}), version {best.version}, incheckning "
                 f"{best.commit[:8] if best.commit else 'arbetskopian'}{_date(best)}; "
                 f"{count} {'stycke skiljer' if count == 1 else 'stycken skiljer'} sig:"]
        lines += [f"    {change}" for change in changes[:SHOWN_PARAGRAPHS]]
        if count > SHOWN_PARAGRAPHS:
            lines.append(f"    … och {count - SHOWN_PARAGRAPHS} till")
        return lines


def _identity_errors(word: WordText, new: Verdict, old: Verdict | None) -> list[str]:
    """Where the redline's identity (custom properties, as on its last page) states another text than it has."""
    props, errors = word.properties, []
    sides = [("Avtal fingeravtryck", word.parts[0], "godkänns"),
             ("Avtal fingeravtryck avvisade ändringar", word.rejected[0] if word.rejected else None, "avvisas")]
    for name, part, verb in sides:
        stated = props.get(name)
        if stated and part is not None and stated != part.fingerprint():
            errors.append(f"dokumentidentiteten anger fingeravtrycket {short(stated)} för texten när alla ändringar "
                          f"{verb}, men texten har {short(part.fingerprint())}.")
    for name, verdict, verb in (("Avtal version", new, "godkänns"), ("Avtal ändringar från version", old, "avvisas")):
        stated = props.get(name)
        versions = {e.version for e in verdict.found} if verdict is not None and verdict.found else set()
        if stated and versions and stated not in versions:
            errors.append(f"dokumentidentiteten anger version {stated} för texten när alla ändringar {verb}, men "
                          f"texten är version {' och '.join(sorted(versions))}.")
    return errors


def _date(entry: Entry) -> str:
    return f" ({swedish_date(entry.date)})" if entry.date else ""
