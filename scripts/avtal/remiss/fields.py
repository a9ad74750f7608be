"""The fields of a response form (svarsmall), derived from the round: the writer and the reader share them.

Each field is a Word content control with a fixed tag; the reader finds each field by its tag, so
the list below, made again from the round's data when a filled form comes back, says what the
form must have. A tag is `avtal:` and a short key; a section's tag holds its reference
(`avtal:s:overenskommelse#lakarmedverkan:k`), shortened to a digest when it would pass Word's 64
characters. Labels are the fields' names in Swedish: on the controls, and in every message about them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..source.models.remiss import STANCES, Round
from .sections import RemissSection

TEXT, BLOCK, DROPDOWN, DATE, FIXED = "text", "block", "dropdown", "date", "fixed"
PREFIX = "avtal:"
ROUND_TAG, RECIPIENT_TAG = "avtal:omgang", "avtal:remissinstans"
STANCE_ITEMS = [(stance[0].upper() + stance[1:], stance) for stance in STANCES]
_MAX_TAG = 64


@dataclass(frozen=True)
class FormField:
    tag: str
    label: str  # the field's name, in Swedish
    kind: str  # TEXT, BLOCK, DROPDOWN, DATE
    target: tuple  # where its value goes: ("diarienummer",), ("question", id, "stance"), ("section", ref, "comment")
    placeholder: str = ""  # the grey text an empty field shows; a field that still says it is empty


def marker(tag: str) -> str:
    """The hidden text that names a field (or a section's row) in the form, for a reader without controls:
    LibreOffice drops the controls' tags on save but keeps hidden text (w:vanish)."""
    return f"[{tag}]"


def row_tag(ref: str) -> str:
    """The tag that names a section's row in the form's tables (its two fields are the row's cells)."""
    return _section_tag(ref, "r")


def _section_tag(ref: str, suffix: str) -> str:
    tag = f"{PREFIX}s:{ref}:{suffix}"
    if len(tag) <= _MAX_TAG:
        return tag
    return f"{PREFIX}s:{hashlib.sha256(ref.encode('utf-8')).hexdigest()[:32]}:{suffix}"


def question_label(number: int) -> str:
    return f"Fråga {number}"


def answer_fields() -> list[FormField]:
    """The fields about the answer itself: its diarienummer, date, decision and summary."""
    return [
        FormField(f"{PREFIX}diarienummer", "Diarienummer", TEXT, ("diarienummer",), "Ert diarienummer för svaret"),
        FormField(f"{PREFIX}datum", "Svarets datum", DATE, ("date",), "Välj datum"),
        FormField(f"{PREFIX}organ", "Beslutande organ", TEXT, ("decision", "body"), "Till exempel Socialnämnden"),
        FormField(f"{PREFIX}beslutsdatum", "Beslutsdatum", DATE, ("decision", "date"), "Välj datum"),
        FormField(f"{PREFIX}paragraf", "Paragraf i protokollet", TEXT, ("decision", "paragraph"),
                  "Paragrafens nummer"),
        FormField(f"{PREFIX}sammanfattning", "Sammanfattning och övergripande synpunkter", BLOCK, ("summary",),
                  "Skriv en kort sammanfattning av ert svar."),
    ]


def question_fields(round_: Round) -> list[FormField]:
    fields = []
    for number, question in enumerate(round_.questions, 1):
        label = question_label(number)
        fields += [FormField(f"{PREFIX}f:{question.id}:s", f"{label}: ställningstagande", DROPDOWN,
                             ("question", question.id, "stance"), "Välj ställningstagande"),
                   FormField(f"{PREFIX}f:{question.id}:k", f"{label}: kommentar", BLOCK,
                             ("question", question.id, "comment"), "Skriv er kommentar till frågan.")]
    return fields


def section_fields(section: RemissSection, title: str) -> list[FormField]:
    """The two fields of a section: a comment, and a proposal for new wording."""
    name = f"{section.label} ({title})"
    return [FormField(_section_tag(section.ref, "k"), f"{name}: synpunkt", BLOCK, ("section", section.ref, "comment"),
                      "Synpunkt"),
            FormField(_section_tag(section.ref, "l"), f"{name}: förslag till ny lydelse", BLOCK,
                      ("section", section.ref, "wording"), "Ny lydelse")]


def form_fields(round_: Round, documents: list[tuple[str, list[RemissSection]]]) -> list[FormField]:
    """Every field a form of the round has; `documents` is each sent document's title and sections."""
    fields = answer_fields() + question_fields(round_)
    for title, sections in documents:
        for section in sections:
            fields += section_fields(section, title)
    return fields
