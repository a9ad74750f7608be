"""Rules on the open questions' ids, the political choices and the questions handed to working groups
(AV320–AV322, AV530–AV532).

An open question gets a stable id after its title (`!!! question "Öppen fråga: …" {#id}`); the choices
(`kind: choices`, `closes`) and the handovers (`kind: handovers`, `question`) name it as
`dokument-id#frågans-id`. Before the principbeslut, every open question of the agreement is either
closed by a choice or handed to a named working group with a milestone; what is neither is reported
as information (AV322), not as a warning, until the content exists.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import finding
from ..findings import Finding
from ..hints import suggestion
from ..source.corpus import Corpus, DataSet
from ..source.models.data import Handovers, Milestones, PoliticalChoices
from ..source.models.vocabulary import AGREEMENT
from .content import QUESTION_PREFIX
from .registry import at_key, rule, valid_datasets


@rule
def question_ids(corpus: Corpus) -> Iterator[Finding]:
    """AV320, AV321: a question's written id is valid, and no other question or heading of the document has it."""
    for doc in corpus.documents:
        seen = {heading.id for heading in doc.body.headings}
        for question in doc.body.questions:
            if question.id is None:
                continue
            if question.anchor is None:
                yield finding("AV320", doc.path, question.line, question.column,
                              f'Id:t "{question.id}" för frågan är ogiltigt: använd små bokstäver a–z, siffror och '
                              "bindestreck, till exempel {#barn-och-unga}")
            elif question.anchor in seen:
                yield finding("AV321", doc.path, question.line, question.column,
                              f'Id:t "{question.anchor}" finns redan i dokumentet; välj ett annat för frågan')
            seen.add(question.id)


def _references(corpus: Corpus) -> Iterator[tuple[DataSet, tuple, str]]:
    """Every reference to an open question in the data: (data set, key, dokument-id#frågans-id)."""
    for dataset in valid_datasets(corpus):
        if isinstance(dataset.data, PoliticalChoices):
            for index, choice in enumerate(dataset.data.items):
                for position, ref in enumerate(choice.closes):
                    yield dataset, ("items", index, "closes", position), ref
        elif isinstance(dataset.data, Handovers):
            for index, item in enumerate(dataset.data.items):
                yield dataset, ("items", index, "question"), item.question


def _unknown(corpus: Corpus, ref: str) -> str | None:
    doc_id, _, anchor = ref.partition("#")
    doc = corpus.by_id.get(doc_id)
    if doc is None:
        return f'Dokumentet "{doc_id}" i "{ref}" finns inte{suggestion(doc_id, corpus.by_id)}'
    ids = [q.anchor for q in doc.body.questions if q.anchor]
    if anchor not in ids:
        return (f'Dokumentet {doc.path} har ingen öppen fråga med id:t "{anchor}"{suggestion(anchor, ids)}; skriv id:t '
                f'efter frågans rubrik: !!! question "Öppen fråga: …" {{#{anchor}}}')
    return None


@rule
def questions_referenced_exist(corpus: Corpus) -> Iterator[Finding]:
    """AV530, AV531: the open questions the data names exist, and each is settled in one place only."""
    first: dict[str, str] = {}
    for dataset, key, ref in _references(corpus):
        message = _unknown(corpus, ref)
        if message:
            yield at_key("AV530", dataset, key, message, follows_from=corpus.failed.document(ref.partition("#")[0]))
            continue
        place = f"{dataset.path} ({'valet' if key[2] == 'closes' else 'raden'} {dataset.data.items[key[1]].id})"
        if ref in first:
            yield at_key("AV531", dataset, key, f"Frågan {ref} avgörs redan i {first[ref]}; ta bort den ena hänvisningen")
        else:
            first[ref] = place


@rule
def handover_milestones_exist(corpus: Corpus) -> Iterator[Finding]:
    """AV532: a handed-over question names a milestone that a milestones file has."""
    milestones = [m.id for ds in valid_datasets(corpus) if isinstance(ds.data, Milestones) for m in ds.data.items]
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, Handovers):
            continue
        for index, item in enumerate(dataset.data.items):
            if item.milestone not in milestones:
                yield at_key("AV532", dataset, ("items", index, "milestone"),
                             f'Milstolpen "{item.milestone}" finns inte i någon fil med kind: milestones'
                             f"{suggestion(item.milestone, milestones)}")


@rule
def agreement_questions_settled(corpus: Corpus) -> Iterator[Finding]:
    """AV322: each open question of the agreement is closed by a political choice or handed to a working group."""
    settled = {ref for _, _, ref in _references(corpus)}
    for doc in corpus.documents:
        if doc.meta is None or doc.meta.type != AGREEMENT:
            continue
        for question in doc.body.questions:
            if question.anchor is None:
                how = 'ge frågan ett id ({#id} efter rubriken) och för in den'
            elif f"{doc.meta.id}#{question.anchor}" in settled:
                continue
            else:
                how = f"för in {doc.meta.id}#{question.anchor}"
            title = question.value if question.value.startswith(QUESTION_PREFIX) else f"{QUESTION_PREFIX}: {question.value}"
            yield finding("AV322", doc.path, question.line, question.column,
                          f"{title.rstrip(': ')}: {how} under closes i ett politiskt val (kind: choices) "
                          "eller som en överlämnad fråga med arbetsgrupp och milstolpe (kind: handovers)")
