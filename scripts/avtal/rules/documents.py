"""Rules on documents' metadata across the repository (AV1xx, AV205)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..codes import finding
from ..findings import Finding
from ..hints import suggestion
from ..source.corpus import Corpus, Document
from ..source.models.vocabulary import AGREEMENT, ANNEX
from .registry import at_key, rule, valid_documents


@rule
def unique_ids(corpus: Corpus) -> Iterator[Finding]:
    """AV107: every document has an id of its own."""
    by_id: dict[str, list[Document]] = defaultdict(list)
    for doc in valid_documents(corpus):
        by_id[doc.meta.id].append(doc)
    for doc_id, docs in by_id.items():
        for doc in docs if len(docs) > 1 else ():
            others = ", ".join(other.path for other in docs if other is not doc)
            yield at_key("AV107", doc, ("id",), f'Id "{doc_id}" används också av {others}; ge varje dokument ett eget id')


@rule
def file_name_follows_id(corpus: Corpus) -> Iterator[Finding]:
    """AV108: the file is named after the document's id: `<id>.md`."""
    for doc in valid_documents(corpus):
        name = PurePosixPath(doc.path).name
        if name != f"{doc.meta.id}.md":
            yield at_key(
                "AV108", doc, ("id",),
                f'Filnamnet "{name}" följer inte id "{doc.meta.id}"; byt namn på filen till "{doc.meta.id}.md" eller ändra id',
            )


@rule
def folder_follows_type(corpus: Corpus) -> Iterator[Finding]:
    """AV109: agreements live in agreement/, annexes in annexes/, the rest in plans/."""
    for doc in valid_documents(corpus):
        doc_type = corpus.vocabulary.doc_type(doc.meta.type)
        folder = doc.path.split("/")[0]
        if doc_type and folder != doc_type.folder:
            yield at_key(
                "AV109", doc, ("type",),
                f'Ett dokument av typen {doc.meta.type} ska ligga i {doc_type.folder}/, inte i {folder}/; flytta filen',
            )


@rule
def annex_numbering(corpus: Corpus) -> Iterator[Finding]:
    """AV110: annexes have a unique number and belong to an agreement; other documents have neither."""
    numbers: dict[tuple[str, int], Document] = {}
    for doc in valid_documents(corpus):
        meta = doc.meta
        if meta.type != ANNEX:
            for key in ("annex_number", "annex_of"):
                if getattr(meta, key) is not None:
                    yield at_key("AV110", doc, (key,), f'Bara bilagor har "{key}"; ta bort fältet eller ändra typen till bilaga')
            continue
        if meta.annex_number is None or meta.annex_of is None:
            missing = " och ".join(k for k in ("annex_number", "annex_of") if getattr(meta, k) is None)
            yield at_key("AV110", doc, ("type",), f"En bilaga behöver {missing}")
            continue
        agreement = corpus.by_id.get(meta.annex_of)
        if agreement is None:
            yield at_key("AV205", doc, ("annex_of",),
                      f'Överenskommelsen "{meta.annex_of}" finns inte{suggestion(meta.annex_of, corpus.by_id)}',
                      follows_from=corpus.failed.document(meta.annex_of))
        elif agreement.meta.type != AGREEMENT:
            yield at_key("AV110", doc, ("annex_of",), f'"{meta.annex_of}" är inte en överenskommelse utan {agreement.meta.type}')
        key = (meta.annex_of, meta.annex_number)
        if key in numbers:
            yield at_key("AV110", doc, ("annex_number",),
                      f"Bilaga {meta.annex_number} finns redan: {numbers[key].path}; välj ett annat nummer")
        else:
            numbers[key] = doc


@rule
def validity_forwards(corpus: Corpus) -> Iterator[Finding]:
    """AV111: a document stops being valid after it starts."""
    for doc in valid_documents(corpus):
        meta = doc.meta
        if meta.valid_from and meta.valid_until and meta.valid_until < meta.valid_from:
            yield at_key("AV111", doc, ("valid_until",),
                      f"valid_until ({meta.valid_until}) ligger före valid_from ({meta.valid_from})")


@rule
def registrations_and_decisions_of_parties(corpus: Corpus) -> Iterator[Finding]:
    """AV112, AV106: diarienummer and decisions belong to the document's parties, decided by their bodies."""
    bodies = corpus.vocabulary.bodies
    for doc in valid_documents(corpus):
        meta = doc.meta
        for field in ("registrations", "decisions"):
            for party in getattr(meta, field):
                if party not in meta.parties:
                    yield at_key("AV112", doc, (field, party), f'"{party}" står inte bland dokumentets parter (parties)')
        for party, decision in meta.decisions.items():
            kind = corpus.vocabulary.party_kind.get(party)
            allowed = bodies.get(kind, [])
            if decision.body not in allowed:
                yield at_key(
                    "AV106", doc, ("decisions", party, "body"),
                    f'"{decision.body}" är inget beslutsorgan för {party}{suggestion(decision.body, allowed)}; '
                    f"lägg till organet i schema/organ.yaml om det finns",
                )


@rule
def referenced_documents_exist(corpus: Corpus) -> Iterator[Finding]:
    """AV205: supersedes, related and a data file's document name documents that exist."""
    for doc in valid_documents(corpus):
        for field in ("supersedes", "related"):
            for index, target in enumerate(getattr(doc.meta, field)):
                if target not in corpus.by_id:
                    yield at_key("AV205", doc, (field, index),
                              f'Dokumentet "{target}" finns inte{suggestion(target, corpus.by_id)}',
                              follows_from=corpus.failed.document(target))
                elif target == doc.meta.id:
                    yield at_key("AV205", doc, (field, index), f'Dokumentet hänvisar till sig självt i {field}')
    for dataset in corpus.datasets:
        if dataset.data is not None and dataset.data.document not in corpus.by_id:
            pos = dataset.key_pos("document")
            target = dataset.data.document
            yield finding("AV205", dataset.path, pos.line, pos.column,
                          f'Dokumentet "{target}" finns inte{suggestion(target, corpus.by_id)}',
                          follows_from=corpus.failed.document(target))


@rule
def annex_parties(corpus: Corpus) -> Iterator[Finding]:
    """AV709: an annex applies to parties of its agreement only (a party's decision package holds the
    annexes that name it, decisions/package.py)."""
    for doc in valid_documents(corpus):
        agreement = corpus.by_id.get(doc.meta.annex_of or "") if doc.meta.type == ANNEX else None
        if agreement is None or agreement.meta is None:
            continue  # not an annex, or AV205 says that its agreement is missing
        outside = [p for p in doc.meta.parties if p not in agreement.meta.parties]
        if outside:
            one = len(outside) == 1
            yield at_key("AV709", doc, ("parties",),
                         f"Bilagan gäller {', '.join(outside)}, som inte är part i {agreement.meta.id}; ta bort "
                         f"{'parten' if one else 'parterna'} ur bilagans parties eller lägg till "
                         f"{'den' if one else 'dem'} i överenskommelsens")
