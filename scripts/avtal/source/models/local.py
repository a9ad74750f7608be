"""Local agreements: one template document, one row per municipality (`kind: local`).

A document whose front matter says `local: <file>.yaml` is a template. Its data file holds a row per
municipality with what differs between them: the party, the version, status, dates and decisions of
that municipality's agreement, and the values its text refers to (source/local.py expands each row
into a document of its own).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import DocId, IsoDate, OneLine, PartyName, StatusName, StrictModel, Version, empty_dict, empty_list
from .metadata import Decision

# A value's name, as a reference in the text writes it: small letters a–z, digits and _ (no å, ä, ö).
VALUE_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
ValueName = Annotated[str, Field(pattern=VALUE_NAME_PATTERN)]


class LocalRow(StrictModel):
    """En kommuns lokala avtal: det som skiljer det från de andra kommunernas."""

    party: PartyName
    """Kommunen, med sitt officiella namn ur schema/parter.yaml. Avtalets parter blir regionen och den kommunen."""
    version: Version
    """Versionen av kommunens lokala avtal, MAJOR.MINOR, till exempel "1.0"."""
    status: StatusName
    """Status för kommunens lokala avtal: utkast, remiss, beslutad eller upphävd."""
    date: IsoDate | None = None
    """Datum för kommunens version (ÅÅÅÅ-MM-DD). Utelämnas det gäller mallens datum."""
    valid_from: IsoDate | None = None
    """Första dag som kommunens lokala avtal gäller."""
    valid_until: IsoDate | None = None
    """Sista dag som kommunens lokala avtal gäller."""
    change_note: OneLine | None = None
    """En rad om vad som ändrats i kommunens version, för versionshistoriken."""
    change_kind: Literal["redaktionell", "materiell"] | None = None
    """Redaktionell eller materiell ändring, som i ett dokuments front matter."""
    registrations: dict[PartyName, OneLine] = Field(default_factory=empty_dict)
    """Diarienummer hos regionen och kommunen."""
    decisions: dict[PartyName, Decision] = Field(default_factory=empty_dict)
    """Regionens och kommunens beslut om det lokala avtalet, i samma form som i ett dokuments front matter."""
    editorial_decision: Decision | None = None
    """Beslutet om en redaktionell version, som i ett dokuments front matter."""
    values: dict[ValueName, OneLine] = Field(default_factory=empty_dict)
    """Värdena som mallen hänvisar till, till exempel lakartimmar: "fyra timmar per vecka"."""


class LocalAgreements(StrictModel):
    """Lokala avtal: en rad per kommun till en mall (ett dokument med local: i front matter)."""

    # The shape of every data file (models/data.py DataFile), which imports this module for its list of kinds.
    document: DocId
    """Id för mallen: dokumentet med den gemensamma texten och local: i front matter."""
    kind: Literal["local"]
    items: list[LocalRow] = Field(default_factory=empty_list)
    """En rad per kommun som har ett lokalt avtal efter mallen."""


# The row keys that become the expanded document's front matter, as they are named there.
ROW_META_KEYS = ("version", "status", "date", "valid_from", "valid_until", "change_note", "change_kind",
                 "registrations", "decisions", "editorial_decision")
