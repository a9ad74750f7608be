"""Rules on statements still to be verified: listed while drafting, refused in a decided text (AV315, AV316).

A statement to verify is written `!!! verify "Att verifiera: ..."` after the paragraph it
concerns; a row of a comparison with today (`kind: changes`) carries `verify` instead of a
source. Both are listed like open questions, so that nobody decides a text whose facts are
still unchecked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import finding
from ..findings import Finding
from ..source.corpus import Corpus
from ..source.models.data import ChangeSet
from .content import DECIDED
from .registry import at_key, rule, valid_datasets

VERIFY_PREFIX = "Att verifiera"


def verify_title(value: str) -> str:
    """The marker's title as it is listed: always starting "Att verifiera"."""
    title = value or "(utan rubrik)"
    return title if title.startswith(VERIFY_PREFIX) else f"{VERIFY_PREFIX}: {title}"


@rule
def statements_to_verify(corpus: Corpus) -> Iterator[Finding]:
    """AV315, AV316: every statement to verify is listed; a decided document has none."""
    for doc in corpus.documents:
        decided = doc.meta is not None and doc.meta.status == DECIDED
        for mark in doc.body.verifications:
            title = verify_title(mark.value)
            if decided:
                yield finding("AV316", doc.path, mark.line, mark.column,
                              f"Dokumentet är beslutat men har en uppgift att verifiera: {title}")
            else:
                yield finding("AV315", doc.path, mark.line, mark.column, title)


@rule
def rows_to_verify(corpus: Corpus) -> Iterator[Finding]:
    """AV315, AV316: a row of a comparison with today whose "today" is unchecked is listed the same way."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, ChangeSet):
            continue
        presenting = corpus.by_id.get(dataset.data.document)
        decided = presenting is not None and presenting.meta is not None and presenting.meta.status == DECIDED
        for index, row in enumerate(dataset.data.items):
            if not row.verify:
                continue
            title = f"{VERIFY_PREFIX} ({row.id}, {row.area}): {row.verify}"
            if decided:
                yield at_key("AV316", dataset, ("items", index, "verify"),
                             f"{presenting.path} är beslutat men raden har en uppgift att verifiera: {title}")
            else:
                yield at_key("AV315", dataset, ("items", index, "verify"), title)
