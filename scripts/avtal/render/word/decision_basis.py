"""The front of a beslutsunderlag's Word file, in the form of the tjänsteskrivelse the decision package
writes (decisions/proposal.py): a marking, the title, a line on what the file is, a two-column block
(Ärende, Diarienummer, Datum, Handläggare, Beslutande organ, Sammanträde), and headings without numbers.

What the repository knows is filled in; what only the party knows is a placeholder in brackets,
highlighted, so that a clerk fills it in and nothing is invented.
"""

from __future__ import annotations

from docx.enum.text import WD_COLOR_INDEX

from ...source.corpus import Document
from .styles import PARAGRAPH, TABLE

STATUS_WORD = {"utkast": "utkast", "remiss": "remissversion", "beslutad": "beslutad", "upphävd": "upphävd"}
MARKING = {"utkast": "UTKAST TILL BESLUTSUNDERLAG", "remiss": "REMISSVERSION AV BESLUTSUNDERLAG"}
PLACEHOLDER_NOTE = ("Det som står inom hakparentes och är markerat fylls i av parten innan underlaget registreras. "
                    "Allt annat kommer från arkivet för överenskommelsen.")


def add_pieces(paragraph, *pieces) -> None:
    """Text pieces; a piece in a tuple ("…",) is a placeholder, in brackets and highlighted."""
    for piece in pieces:
        if isinstance(piece, tuple):
            run = paragraph.add_run(f"[{piece[0]}]")
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            paragraph.add_run(piece)


def rows(doc: Document, party: str) -> list[tuple[str, str | tuple]]:
    meta = doc.meta
    return [("Ärende", f"{meta.title}, version {meta.version}"),
            ("Diarienummer", meta.registrations.get(party) or ("partens diarienummer för ärendet",)),
            ("Datum", meta.date.isoformat()),
            ("Handläggare", ("namn och befattning",)),
            ("Beslutande organ", ("partens beslutande organ",)),
            ("Sammanträde", ("sammanträdesdatum",))]


def decision_basis_front(word, doc: Document, party: str) -> None:
    meta = doc.meta
    first = word.paragraphs[0] if word.paragraphs and not word.paragraphs[0].text else None
    marking = first or word.add_paragraph()
    marking.style = word.styles[PARAGRAPH["marking"]]
    marking.add_run(MARKING.get(meta.status, "BESLUTSUNDERLAG"))
    word.add_paragraph(meta.title, style=PARAGRAPH["title"])
    word.add_paragraph(f"Beslutsunderlag, version {meta.version} ({STATUS_WORD.get(meta.status, meta.status)})",
                       style=PARAGRAPH["subtitle"])
    word.add_paragraph(PLACEHOLDER_NOTE)
    table_rows = rows(doc, party)
    table = word.add_table(rows=len(table_rows), cols=2, style=TABLE["grid"])
    for row, (label, value) in zip(table.rows, table_rows, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        add_pieces(row.cells[1].paragraphs[0], value)
