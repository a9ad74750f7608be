"""The vocabularies in `schema/`: parties, decision bodies, roles, statuses, document types.

They are data, not code: adding a municipality's own committee or a new required section
is an edit to a YAML file that the people who own the agreement can review.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import DocId, Name, Plain, StrictModel, Text, empty_list

VOCABULARY_FILES = {
    "parties": "parter.yaml",
    "bodies": "organ.yaml",
    "roles": "roller.yaml",
    "statuses": "statusar.yaml",
    "types": "dokumenttyper.yaml",
}

# The two document types the pipeline treats by name: annexes belong to an agreement.
AGREEMENT = "överenskommelse"
ANNEX = "bilaga"
DECISION_BASIS = "beslutsunderlag"  # its Word file has the tjänsteskrivelse's form, its headings unnumbered
_ANNEX_PREFIX_RE = re.compile(r"^\s*bilaga\s*\d*\s*[.:]?\s*", re.IGNORECASE)


def annex_title(number: int, title: str | None) -> str:
    """The title every annex has, "Bilaga N. Ämne", whatever number or form the given title had."""
    subject = _ANNEX_PREFIX_RE.sub("", title or "").strip() or "Ämne"
    return f"Bilaga {number}. {subject[0].upper()}{subject[1:]}"

PartyKind = Annotated[Literal["region", "kommun"], Plain]


class Party(StrictModel):
    name: Name
    """Partens officiella namn, till exempel "Falu kommun"."""
    kind: PartyKind
    """region eller kommun."""


class Role(StrictModel):
    name: Name
    description: Text


class Status(StrictModel):
    name: Name
    description: Text


class RequiredSection(StrictModel):
    id: Annotated[str, Plain]
    """Avsnittets fasta id, som skrivs {#id} efter rubriken."""
    heading: Text
    """Rubriken som `avtal new` skriver."""


class DocType(StrictModel):
    name: Name
    """Typens namn, som det skrivs i `type`."""
    slug: DocId
    """Kortnamn utan mellanslag och å, ä, ö, för kommandoraden."""
    folder: Annotated[Literal["agreement", "annexes", "plans"], Plain]
    """Mappen där dokument av typen ligger."""
    required_sections: list[RequiredSection] = Field(default_factory=empty_list)


class PartiesFile(StrictModel):
    coordinating_party: Name
    """Den samordnande parten, vars diarienummer Word-filerna visar när ingen part anges."""
    parties: list[Party] = Field(min_length=1)

    @model_validator(mode="after")
    def _coordinator_is_a_party(self) -> PartiesFile:
        if self.coordinating_party not in [p.name for p in self.parties]:
            raise PydanticCustomError("unknown_party", 'Den samordnande parten "{name}" finns inte bland parterna',
                                      {"name": self.coordinating_party})
        return self


class Rename(StrictModel):
    """Ett organ som har bytt namn: i en redaktionell version får det gamla namnet bytas mot det nya."""

    old: Name
    """Det tidigare namnet, så som det står i texten."""
    new: Name
    """Det nya namnet."""


class BodiesFile(StrictModel):
    bodies: dict[PartyKind, list[Name]]
    renamed: list[Rename] = Field(default_factory=empty_list)
    """Organ som har bytt namn (old, new); en redaktionell version får byta det ena mot det andra."""


class RolesFile(StrictModel):
    roles: list[Role] = Field(min_length=1)


class StatusesFile(StrictModel):
    statuses: list[Status] = Field(min_length=1)


class TypesFile(StrictModel):
    types: list[DocType] = Field(min_length=1)


VOCABULARY_MODELS = {
    "parties": PartiesFile,
    "bodies": BodiesFile,
    "roles": RolesFile,
    "statuses": StatusesFile,
    "types": TypesFile,
}


class Vocabulary(StrictModel):
    coordinating_party: str
    parties: list[Party]
    bodies: dict[PartyKind, list[str]]
    renamed: list[Rename] = Field(default_factory=empty_list)
    roles: list[Role]
    statuses: list[Status]
    types: list[DocType]

    @cached_property
    def party_names(self) -> list[str]:
        return [p.name for p in self.parties]

    @cached_property
    def party_kind(self) -> dict[str, str]:
        return {p.name: p.kind for p in self.parties}

    @cached_property
    def role_names(self) -> list[str]:
        return [r.name for r in self.roles]

    @cached_property
    def status_names(self) -> list[str]:
        return [s.name for s in self.statuses]

    @cached_property
    def type_names(self) -> list[str]:
        return [t.name for t in self.types]

    def parties_phrase(self) -> str:
        """The parties in a sentence, "Region Dalarna och 15 kommuner", from schema/parter.yaml alone."""
        others = [p for p in self.parties if p.name != self.coordinating_party]
        if not others:
            return self.coordinating_party
        if all(p.kind == "kommun" for p in others):
            count = "1 kommun" if len(others) == 1 else f"{len(others)} kommuner"
        else:
            count = "1 annan part" if len(others) == 1 else f"{len(others)} andra parter"
        return f"{self.coordinating_party} och {count}"

    def doc_type(self, name_or_slug: str) -> DocType | None:
        return next((t for t in self.types if name_or_slug in (t.name, t.slug)), None)

    def values(self, name: str) -> list[str]:
        """The allowed values of a vocabulary, for the JSON Schema's enums."""
        return {
            "parties": self.party_names,
            "roles": self.role_names,
            "responsible": self.role_names + self.party_names,
            "statuses": self.status_names,
            "types": self.type_names,
        }[name]
