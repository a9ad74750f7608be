"""A remiss round and the answers to it: `remiss/<round>/remiss.yaml` and `remiss/<round>/svar/<recipient>.yaml`.

A round names the documents sent, each at the version that had status `remiss`, the recipients
(parties from the vocabulary and other bodies named in the round), the dates and the remiss
questions. An answer gives a stance per question, comments per section of the remiss version,
and, per comment, the editors' assessment. What needs more than one file (a recipient that the
round does not have, a section that the remiss version does not have) is checked by the rules
(rules/remiss.py); the vocabularies of stances and assessments are checked here, with their own
codes (the error type of a PydanticCustomError that is a code is reported with that code).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PositiveInt, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from ...hints import suggestion
from .common import DocId, IsoDate, OneLine, Responsible, RoleName, SectionRef, StrictModel, Text, Version, empty_list
from .metadata import Parties

ROUND_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
QUESTION_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HANDLED_PATTERN = r"^(?:(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)|[0-9a-f]{7,40})$"
_QUESTION_ID_RE = re.compile(QUESTION_ID_PATTERN)
_HANDLED_RE = re.compile(HANDLED_PATTERN)

# The stances a recipient takes on a remiss question, in the order of a form's list.
STANCES = ("tillstyrker", "tillstyrker med ändringar", "avstyrker", "ingen erinran", "avstår")
# The editors' assessment of a comment.
OUTCOMES = ("beaktas", "beaktas delvis", "beaktas inte", "redan hanterat")


def recipient_id(name: str) -> str:
    """A recipient's id, for file names and forms: "Malung-Sälens kommun" -> "malung-salens-kommun"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _one_of(code: str, what: str, allowed: tuple[str, ...]):
    def check(value: Any) -> str:
        if isinstance(value, str) and value.strip() in allowed:
            return value.strip()
        shown = value if isinstance(value, str) else str(value)
        raise PydanticCustomError(
            code, 'Okänt {what} "{value}": ange ett av {allowed}{hint}',
            {"what": what, "value": shown, "allowed": ", ".join(allowed), "hint": suggestion(shown, allowed)},
        )

    return check


def _question_id(value: Any) -> str:
    if not isinstance(value, str) or not _QUESTION_ID_RE.match(value):
        raise PydanticCustomError(
            "question_id", 'Frågans id "{value}" är ogiltigt: använd små bokstäver a–z, siffror och bindestreck, '
            'till exempel "f1"', {"value": value})
    return value


def _handled_in(value: Any) -> str:
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    if not _HANDLED_RE.match(text):
        raise PydanticCustomError(
            "handled_in", '"{value}" är varken en version (till exempel "0.4") eller en incheckning '
            "(7–40 tecken 0–9 och a–f)", {"value": value})
    return text


Stance = Annotated[str, BeforeValidator(_one_of("AV814", "ställningstagande", STANCES)),
                   WithJsonSchema({"type": "string", "enum": list(STANCES)})]
Outcome = Annotated[str, BeforeValidator(_one_of("AV815", "bedömning", OUTCOMES)),
                    WithJsonSchema({"type": "string", "enum": list(OUTCOMES)})]
QuestionId = Annotated[str, BeforeValidator(_question_id),
                       WithJsonSchema({"type": "string", "pattern": QUESTION_ID_PATTERN})]
HandledIn = Annotated[str, BeforeValidator(_handled_in), WithJsonSchema({"type": "string", "pattern": HANDLED_PATTERN})]


# -- The round --------------------------------------------------------------------------------


class SentDocument(StrictModel):
    """Ett dokument som skickas på remiss, i den version som hade status remiss."""

    id: DocId
    """Dokumentets id."""
    version: Version
    """Remissversionen, till exempel "0.3": den version som skickas. Den ska ha haft status remiss."""


class OtherRecipient(StrictModel):
    """En remissinstans som inte är part, till exempel en patientförening eller en professionsgrupp."""

    id: DocId
    """Fast id, som svarsfilen heter (svar/<id>.yaml)."""
    name: OneLine
    """Remissinstansens namn, som det skrivs i missivet och sammanställningen."""


class Question(StrictModel):
    """En remissfråga: remissinstanserna tar ställning till den."""

    id: QuestionId
    """Frågans fasta id, till exempel "f1"; svaren hänvisar till det."""
    question: Text
    """Frågan, som den står i missivet och svarsmallen."""
    document: DocId | None = None
    """Dokumentet som frågan gäller, om den gäller ett enda (valfritt)."""


class Round(StrictModel):
    """En remissomgång: vad som skickas, till vilka, när och med vilka frågor."""

    title: OneLine
    """Remissens rubrik, till exempel "Remiss av förslaget till överenskommelse om hälso- och sjukvård i hemmet"."""
    diarienummer: OneLine | None = None
    """Remissens diarienummer hos avsändaren, om den är registrerad."""
    sender: Responsible
    """Avsändaren: en roll ur schema/roller.yaml eller en part."""
    contact: RoleName
    """Rollen som svarar på frågor om remissen (schema/roller.yaml), aldrig en person."""
    reply_to: OneLine | None = None
    """Adressen som svaren skickas till, till exempel registratorns e-postadress (valfritt)."""
    sent: IsoDate
    """Dagen då remissen skickas, ÅÅÅÅ-MM-DD; missivets och svarsmallens datum."""
    deadline: IsoDate
    """Sista dag för svar, ÅÅÅÅ-MM-DD."""
    compiled: IsoDate | None = None
    """Dagen då sammanställningen blev klar; då ska varje synpunkt ha en bedömning."""
    documents: list[SentDocument] = Field(min_length=1)
    """Dokumenten som skickas, vart och ett i sin remissversion."""
    recipients: Parties
    """Parterna som får remissen: "alla" eller en lista med officiella namn ur schema/parter.yaml."""
    other_recipients: list[OtherRecipient] = Field(default_factory=empty_list)
    """Andra remissinstanser än parterna, med id och namn."""
    questions: list[Question] = Field(min_length=1)
    """Remissfrågorna, var och en med fast id."""

    def recipient_names(self) -> dict[str, str]:
        """Every recipient's id -> name, parties first, in the round's order."""
        names = {recipient_id(name): name for name in self.recipients}
        names.update({other.id: other.name for other in self.other_recipients})
        return names

    def recipient_key(self, value: str) -> str | None:
        """The id of the recipient named by its name or id (None when the round has none such)."""
        names = self.recipient_names()
        if value in names:
            return value
        return next((key for key, name in names.items() if name == value), None)


# -- The answers ------------------------------------------------------------------------------


class Assessment(StrictModel):
    """Redaktörernas bedömning av en synpunkt, för remissammanställningen."""

    outcome: Outcome
    """beaktas, beaktas delvis, beaktas inte eller redan hanterat."""
    reason: Text
    """Varför: vad som ändrades, eller skälet att inte ändra."""
    handled_in: HandledIn | None = None
    """Var synpunkten hanterades: en version av dokumentet (till exempel "0.4") eller en incheckning."""


class AnswerDecision(StrictModel):
    """Beslutet bakom svaret, om ett organ har beslutat om det."""

    body: Text
    """Organet som beslutade, till exempel "Socialnämnden"."""
    date: IsoDate
    """Sammanträdesdatum, ÅÅÅÅ-MM-DD."""
    paragraph: PositiveInt | None = None
    """Paragrafnumret i protokollet (§), om det finns."""


class QuestionAnswer(StrictModel):
    """Svaret på en remissfråga."""

    question: QuestionId
    """Frågans id i remiss.yaml."""
    stance: Stance
    """Ställningstagandet: tillstyrker, tillstyrker med ändringar, avstyrker, ingen erinran eller avstår."""
    comment: Text | None = None
    """Remissinstansens kommentar till frågan."""
    assessment: Assessment | None = None
    """Redaktörernas bedömning av kommentaren."""


class SectionComment(StrictModel):
    """En synpunkt på ett avsnitt i remissversionen, eventuellt med förslag till ny lydelse."""

    section: SectionRef
    """Avsnittet, som dokument-id#avsnitts-id i remissversionen (till exempel "overenskommelse#lakarmedverkan")."""
    comment: Text | None = None
    """Synpunkten."""
    wording: Text | None = None
    """Förslag till ny lydelse."""
    assessment: Assessment | None = None
    """Redaktörernas bedömning av synpunkten."""

    @model_validator(mode="after")
    def _says_something(self) -> SectionComment:
        if self.comment is None and self.wording is None:
            raise PydanticCustomError("empty_comment", "Synpunkten behöver en kommentar (comment), ett förslag till "
                                                       "ny lydelse (wording) eller båda")
        return self


class Answer(StrictModel):
    """En remissinstans svar på en remissomgång."""

    recipient: OneLine
    """Remissinstansen: partens officiella namn, eller den andra remissinstansens namn eller id i remiss.yaml."""
    date: IsoDate
    """Svarets datum, ÅÅÅÅ-MM-DD; ett svar efter sista dag för svar ger en varning."""
    diarienummer: OneLine | None = None
    """Svarets diarienummer hos remissinstansen."""
    decision: AnswerDecision | None = None
    """Beslutet bakom svaret, om det finns ett."""
    summary: Text | None = None
    """Sammanfattning och övergripande synpunkter."""
    questions: list[QuestionAnswer] = Field(default_factory=empty_list)
    """Ställningstagande per remissfråga."""
    sections: list[SectionComment] = Field(default_factory=empty_list)
    """Synpunkter per avsnitt i remissversionen."""

    def comments(self) -> list[QuestionAnswer | SectionComment]:
        """Everything that needs an assessment: the questions' comments and every section comment."""
        return [q for q in self.questions if q.comment] + list(self.sections)
