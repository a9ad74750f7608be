"""`avtal verify` on a PDF: the package's PDF/A, or a PDF that Word or LibreOffice made of one of the
Word files. The same answers as for a Word file: the version it is (exit 0), or the nearest version
and the paragraphs that differ (exit 1).

    verify_pdf(verifier, path, shown)
      ├─ read_pdf (pdftext.py)     the words, without page headers and footers, and what the XMP states
      ├─ candidates                every text in the history (documents and decision packages), those
      │                            the PDF names first: the fingerprint in its XMP, the document id
      │                            and version in its page footers
      ├─ align (pdfmatch.py)       the first whose text the PDF's words are exactly is the match
      └─ no match                  the nearest (the most of its text in place), its paragraphs that differ

A PDF has no fingerprint of its own text (paragraph breaks are lost), so a match names the version's
fingerprint. Our own PDF/A states one in XMP: verify says when the statement and the text disagree,
and then the file is not what it says it is (exit 1).
"""

from __future__ import annotations

from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK
from ..render.word.canonical import same, short
from .pdfmatch import align
from .pdftext import read_pdf
from .verdict import SHOWN_PARAGRAPHS, Verdict, paragraph_changes


def verify_pdf(verifier, path: Path, shown: str):
    pdf = read_pdf(path)
    index = verifier.index
    named, rest = _candidates(verifier.entries, pdf)
    best = None
    for group in (named, rest):
        if group is rest and best is not None and best[0].score >= NEAR:
            break  # the PDF named its document, and the text is near it: no need to read every other text
        for entry in group:
            segments = index.segments(entry)
            if not any(body for body, _ in segments):
                continue
            alignment = align(pdf, segments)
            if alignment.exact:
                found = verifier._earliest([e for e in verifier.entries if same(e.fingerprint, entry.fingerprint)
                                            and e.package == entry.package])
                index.save()
                lines = [f"{shown}: PDF-fil: {verifier._describe(found or [entry], entry.fingerprint)}"]
                return _with_statement(Verdict(EXIT_OK, lines, (found or [entry])[0]), pdf, entry.fingerprint)
            if best is None or alignment.score > best[0].score:
                best = (alignment, entry, segments)
    index.save()
    lines = [f"{shown}: PDF-filens text är inte någon version i historiken."]
    if best is None:
        lines.append("  Historiken har inga versioner att jämföra med (arkivet är inte ett git-arkiv, eller inget "
                     "dokument är incheckat).")
        return _with_statement(Verdict(EXIT_FINDINGS, lines), pdf, None)
    alignment, entry, segments = best
    arrived = (verifier._earliest([e for e in verifier.entries if same(e.fingerprint, entry.fingerprint)
                                   and e.doc_id == entry.doc_id]) or [entry])[0]
    theirs = [line.replace("\t", " ") for body, notes in segments for line in [*body, *notes]]
    changes = paragraph_changes(theirs, alignment.pdf_lines)
    count = len(changes)
    what = "beslutspaketet " if entry.package else ""
    lines.append(f"  Närmast är {what}{arrived.title} ({arrived.doc_id}), version {arrived.version}, incheckning "
                 f"{arrived.commit[:8] if arrived.commit else 'arbetskopian'}; "
                 f"{count} {'stycke skiljer' if count == 1 else 'stycken skiljer'} sig:")
    lines += [f"    {change}" for change in changes[:SHOWN_PARAGRAPHS]]
    if count > SHOWN_PARAGRAPHS:
        lines.append(f"    … och {count - SHOWN_PARAGRAPHS} till")
    return _with_statement(Verdict(EXIT_FINDINGS, lines), pdf, None)


NEAR = 0.5  # a share of a named version's text in place that makes it the nearest without looking further


def _candidates(entries: list, pdf) -> tuple[list, list]:
    """One entry per text: those the PDF names (its XMP fingerprint, its footers' document id), the
    stated and the named version first; and the rest, newest first."""
    ids = {doc_id for doc_id, _ in pdf.hints}

    def rank(entry) -> tuple:
        stated = bool(pdf.stated_fingerprint) and same(entry.fingerprint, pdf.stated_fingerprint)
        named = (entry.doc_id, entry.version) in pdf.hints
        return (not stated, not named, not entry.package, -_order(entry))

    unique = {}
    for entry in entries:
        unique.setdefault((entry.fingerprint, entry.package), entry)
    ordered = sorted(unique.values(), key=rank)
    stated = pdf.stated_fingerprint
    named = [e for e in ordered if e.doc_id in ids or (stated and same(e.fingerprint, stated))]
    return named, [e for e in ordered if e not in named]


def _order(entry) -> int:
    return int((entry.date or "0").replace("-", "") or 0)


def _with_statement(verdict, pdf, text_fingerprint: str | None):
    """What the PDF's XMP metadata states, held against its text."""
    stated = pdf.stated_fingerprint
    if not stated:
        return verdict
    built = f"; filen byggdes från incheckning {pdf.stated_commit[:8]}" if pdf.stated_commit else ""
    if text_fingerprint and same(stated, text_fingerprint):
        verdict.lines.append(f"  PDF-filens metadata anger samma fingeravtryck ({short(stated)}{built}).")
        return verdict
    verdict.lines.append(f"  Obs! PDF-filens metadata anger fingeravtrycket {short(stated)}{built}, men texten "
                         + ("har ett annat." if text_fingerprint else "är inte den texten.")
                         + " Filen är inte det den säger sig vara: texten har ändrats efter att filen gjordes, "
                         "eller metadata har skrivits om.")
    verdict.code = EXIT_FINDINGS
    verdict.match = None
    return verdict
