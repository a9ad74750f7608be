"""The front matter of every document: one model for all document types."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PositiveInt,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .common import (
    DocId,
    DocTypeName,
    IsoDate,
    Name,
    OneLine,
    PartyName,
    RoleName,
    StatusName,
    StrictModel,
    Version,
    empty_dict,
    empty_list,
)

ALL_PARTIES = "alla"
# A text's fingerprint (render/word/canonical.py): in full, or its first 16 hex digits as people copy it.
FINGERPRINT_PATTERN = r"^sha256:[0-9a-f]{16}(?:[0-9a-f]{48})?$"
_FINGERPRINT_RE = re.compile(FINGERPRINT_PATTERN)


def _fingerprint(value: Any) -> str:
    if not isinstance(value, str) or not _FINGERPRINT_RE.match(value):
        raise PydanticCustomError(
            "fingerprint",
            'Fingeravtrycket "{value}" ska skrivas sha256: följt av 16 eller 64 tecken 0–9 och a–f, så som det står '
            "i Word-filen under Dokumentidentitet eller som avtal verify skriver det",
            {"value": value},
        )
    return value


Fingerprint = Annotated[str, BeforeValidator(_fingerprint), WithJsonSchema({"type": "string", "pattern": FINGERPRINT_PATTERN})]


def _expand_all_parties(value: Any, info: ValidationInfo) -> Any:
    """`parties: alla` stands for all the parties, in the order of schema/parter.yaml."""
    if value == ALL_PARTIES:
        vocab = (info.context or {}).get("vocabulary")
        return list(vocab.party_names) if vocab else []
    return value


Parties = Annotated[
    list[PartyName],
    BeforeValidator(_expand_all_parties),
    WithJsonSchema(
        {
            "anyOf": [
                {"const": ALL_PARTIES},
                {"type": "array", "items": {"type": "string", "x-vocabulary": "parties"}, "minItems": 1, "uniqueItems": True},
            ]
        }
    ),
]


class Decision(StrictModel):
    """En parts beslut om dokumentet, så som det står i partens protokoll."""

    body: Name
    """Beslutsorganet, till exempel "Kommunfullmäktige" eller "Hälso- och sjukvårdsnämnden" (schema/organ.yaml)."""
    meeting_date: IsoDate
    """Sammanträdesdatum, ÅÅÅÅ-MM-DD."""
    paragraph: PositiveInt
    """Paragrafnumret i protokollet (§), som heltal."""
    minutes_approved: IsoDate
    """Dagen då protokollet justerades, ÅÅÅÅ-MM-DD."""
    diarienummer: OneLine | None = None
    """Ärendets diarienummer hos parten. Utelämnas det gäller partens nummer under registrations."""
    version: Version | None = None
    """Versionen som beslutet gäller, till exempel "1.0"."""
    fingerprint: Fingerprint | None = None
    """Fingeravtrycket för texten som beslutades (sha256:…), från den diarieförda Word-filen (Dokumentidentitet)
    eller ifyllt med avtal verify FIL --record PART. För en överenskommelse med bilagor är det beslutspaketets."""

    @model_validator(mode="after")
    def _approved_after_meeting(self) -> Decision:
        if self.minutes_approved < self.meeting_date:
            raise PydanticCustomError(
                "minutes_before_meeting", "Protokollet kan inte justeras (minutes_approved) före sammanträdet (meeting_date)"
            )
        return self


class DocumentMeta(StrictModel):
    """Metadata i front matter för ett dokument i överenskommelsen."""

    id: DocId
    """Dokumentets fasta id; filen heter id följt av .md. Små bokstäver a–z, siffror och bindestreck."""
    title: OneLine
    """Dokumentets titel, på en rad."""
    short_title: OneLine | None = None
    """En kort titel för webbplatsens meny, på en rad, till exempel "Implementeringsplan". Utan den visar menyn hela titeln."""
    type: DocTypeName
    """Dokumenttyp ur schema/dokumenttyper.yaml, till exempel "överenskommelse" eller "bilaga"."""
    version: Version
    """Versionsnummer MAJOR.MINOR, skrivet som text ("0.1", "1.10"); 0.x är utkast, 1.0 den första beslutade versionen."""
    status: StatusName
    """Status ur schema/statusar.yaml: utkast, remiss, beslutad eller upphävd."""
    date: IsoDate
    """Dokumentets datum (ÅÅÅÅ-MM-DD), som i Word-filens sidhuvud."""
    applies_to: OneLine
    """Gäller för verksamhet, som i Word-filens sidhuvud, till exempel "Hälsa och välfärd"."""
    owner: RoleName
    """Rollen som äger dokumentet (schema/roller.yaml), aldrig en person."""
    parties: Parties
    """Parterna som dokumentet gäller: "alla" för samtliga parter i schema/parter.yaml, eller en lista med officiella namn."""
    registrations: dict[PartyName, OneLine] = Field(default_factory=empty_dict)
    """Diarienummer per part: varje part registrerar dokumentet i sitt eget diarium. Tomt tills det är registrerat."""
    decisions: dict[PartyName, Decision] = Field(default_factory=empty_dict)
    """Beslut per part. Krävs för varje part när status är beslutad."""
    valid_from: IsoDate | None = None
    """Första dag som dokumentet gäller."""
    valid_until: IsoDate | None = None
    """Sista dag som dokumentet gäller."""
    supersedes: list[DocId] = Field(default_factory=empty_list)
    """Id för dokument i arkivet som detta dokument ersätter."""
    related: list[DocId] = Field(default_factory=empty_list)
    """Id för dokument i arkivet som hör ihop med detta."""
    change_note: OneLine | None = None
    """En rad om vad som ändrats i denna version, för versionshistoriken."""
    change_kind: Literal["redaktionell", "materiell"] | None = None
    """Vad slags ändring versionen är: redaktionell (stavning, skiljetecken, blanksteg, länkar, ett organs nya namn;
    besluten står kvar) eller materiell (ny sakinnehåll; alla parter beslutar på nytt). Krävs för ett beslutat dokument."""
    editorial_decision: Decision | None = None
    """Beslutet om en redaktionell version, av det organ som överenskommelsen ger det mandatet (dess avsnitt om
    revidering), med version och fingeravtryck som de andra besluten."""
    annex_number: PositiveInt | None = None
    """Bilagans nummer (bara för bilagor)."""
    annex_of: DocId | None = None
    """Id för överenskommelsen som bilagan hör till (bara för bilagor)."""

    @field_validator("parties")
    @classmethod
    def _parties_once(cls, parties: list[str]) -> list[str]:
        seen = set()
        for name in parties:
            if name in seen:
                raise PydanticCustomError("duplicate_party", 'Parten "{name}" står två gånger', {"name": name})
            seen.add(name)
        if not parties:
            raise PydanticCustomError("no_parties", "Dokumentet måste ha minst en part")
        return parties
