"""Rows of the data files, and the prose's references to one of them.

A document quotes a row of a data file with the link syntax editors already use, the row's id
as anchor: `[M14](../plans/milstolpar.yaml#M14)`. The target is the real file, so the forge's
preview of the Markdown keeps a working link; the site and the Word file show what the row says
now (render/markup.py), linked to the row in the table of the document that presents the data.
The check (rules/links.py) reports a row that does not exist.
"""

from __future__ import annotations

import re

from .models.data import ChangeSet, DataFile

# The kinds whose rows have ids a text can refer to, and the prefix of a row's anchor on its page.
ROW_ANCHOR_PREFIX = {
    "milestones": "milstolpe-",
    "risks": "risk-",
    "communication": "aktivitet-",
    "responsibilities": "ansvar-",
    "checklist": "punkt-",
    "changes": "andring-",
}


def has_rows(data: DataFile) -> bool:
    return data.kind in ROW_ANCHOR_PREFIX


def rows_by_id(data: DataFile) -> dict[str, object]:
    """The rows of a data file by id (the first one wins; a rule reports a duplicate)."""
    if not has_rows(data):
        return {}
    found: dict[str, object] = {}
    for item in data.items:
        found.setdefault(item.id, item)
    return found


def row_anchor(data: DataFile, row_id: str) -> str:
    """The id of a row's element in its table, the same on every page and in every build.

    The rows of a comparison with today had anchors before the other kinds (`andring-f01`),
    so every kind follows their form: a prefix that says the kind and the id in lower case."""
    slug = re.sub(r"[^a-z0-9åäö]+", "-", row_id.casefold()).strip("-")
    if isinstance(data, ChangeSet):
        slug = re.sub(r"[^a-z0-9]+", "-", row_id.casefold()).strip("-")
    return ROW_ANCHOR_PREFIX[data.kind] + slug
