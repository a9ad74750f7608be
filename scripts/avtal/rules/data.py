"""Rules on the structured data: ids, periods, checklists, target groups, section references, the
editor's schema line (AV5xx, AV208, AV209, AV120)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..codes import finding
from ..findings import Finding
from ..hints import suggestion
from ..source.corpus import Corpus, DataSet, link_path
from ..source.modeline import find_modeline, modeline, schema_file
from ..source.models.common import quarter_bounds
from ..source.models.data import ChangeSet, Checklist, CommunicationPlan, Milestones
from .registry import at_key, rule, valid_datasets


def _rows(dataset: DataSet) -> list:
    data = dataset.data
    return list(getattr(data, "items", None) or getattr(data, "terms", None) or [])


@rule
def item_ids_unique(corpus: Corpus) -> Iterator[Finding]:
    """AV502: each row of a data file has an id of its own."""
    for dataset in valid_datasets(corpus):
        if not hasattr(dataset.data, "items"):
            continue  # the glossary's ids are checked with its terms
        seen: set[str] = set()
        for index, row in enumerate(_rows(dataset)):
            if row.id in seen:
                yield at_key("AV502", dataset, ("items", index, "id"), f'Id "{row.id}" finns redan i filen')
            seen.add(row.id)


@rule
def milestones_within_period(corpus: Corpus) -> Iterator[Finding]:
    """AV501: a milestone lies within its plan's period."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, Milestones):
            continue
        period = dataset.data.period
        for index, milestone in enumerate(dataset.data.items):
            start, end = quarter_bounds(milestone.when)
            if start < period.start or end > period.end:
                yield at_key("AV501", dataset, ("items", index, "when"),
                          f"{milestone.id} ({milestone.when}) ligger utanför planens period {period.start}–{period.end}")


@rule
def no_without_handling(corpus: Corpus) -> Iterator[Finding]:
    """AV503: a checklist item answered "nej" says how the consequences are handled."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, Checklist):
            continue
        for index, item in enumerate(dataset.data.items):
            if item.answer == "nej" and not item.handling:
                yield at_key("AV503", dataset, ("items", index, "answer"),
                          f"{item.id} besvaras med nej; beskriv under handling hur konsekvenserna hanteras")


@rule
def target_groups_declared(corpus: Corpus) -> Iterator[Finding]:
    """AV504: a communication activity is aimed at one of the file's target groups."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, CommunicationPlan):
            continue
        groups = dataset.data.target_groups
        for index, activity in enumerate(dataset.data.items):
            if activity.target_group not in groups:
                yield at_key("AV504", dataset, ("items", index, "target_group"),
                          f'Målgruppen "{activity.target_group}" finns inte i target_groups{suggestion(activity.target_group, groups)}')


@rule
def today_has_a_source(corpus: Corpus) -> Iterator[Finding]:
    """AV505: a row comparing with today says where "today" comes from, or what must be verified."""
    for dataset in valid_datasets(corpus):
        if not isinstance(dataset.data, ChangeSet):
            continue
        for index, row in enumerate(dataset.data.items):
            if not row.source and not row.verify:
                yield at_key("AV505", dataset, ("items", index, "today"),
                             f"{row.id} anger varken källa (source) för hur det är i dag eller vad som ska "
                             f"kontrolleras (verify); lägg till en av dem")


@rule
def section_references_resolve(corpus: Corpus) -> Iterator[Finding]:
    """AV208: `sections` name existing sections by their stable ids (dokument-id#avsnitts-id)."""
    for dataset in valid_datasets(corpus):
        for index, row in enumerate(_rows(dataset)):
            for position, ref in enumerate(getattr(row, "sections", [])):
                message = _unresolved(corpus, ref)
                if message:
                    yield at_key("AV208", dataset, ("items", index, "sections", position), message,
                                 follows_from=corpus.failed.document(ref.partition("#")[0]))


def _unresolved(corpus: Corpus, ref: str) -> str | None:
    doc_id, _, section = ref.partition("#")
    doc = corpus.by_id.get(doc_id)
    if doc is None:
        return f'Dokumentet "{doc_id}" i "{ref}" finns inte{suggestion(doc_id, corpus.by_id)}'
    heading = doc.body.anchors.get(section)
    if heading is None:
        explicit = [h.id for h in doc.body.headings if h.explicit]
        return f'Avsnittet "#{section}" finns inte i {doc.path}{suggestion(section, explicit)}'
    if not heading.explicit:
        return f'Rubriken "{heading.text}" i {doc.path} saknar fast id; skriv {{#{section}}} efter rubriken'
    return None


@rule
def data_shown_in_its_document(corpus: Corpus) -> Iterator[Finding]:
    """AV209: a data file is shown where its document places it: a paragraph that is only a link to it."""
    for dataset in valid_datasets(corpus):
        doc = corpus.by_id.get(dataset.data.document)
        if doc is None:
            continue
        placed = any(  # a link with a row's id quotes that row (AV215) and does not show the data
            link.standalone and "#" not in link.target and link_path(doc.path, link.target) == dataset.path
            for link in doc.body.links
        )
        if not placed:
            name = posixpath.relpath(dataset.path, posixpath.dirname(doc.path))
            yield at_key("AV209", dataset, ("document",),
                      f"Datan visas inte i {doc.path}; skriv ett eget stycke med bara en länk dit den ska stå: [Rubrik]({name})")


@rule
def schema_line_names_its_kind(corpus: Corpus) -> Iterator[Finding]:
    """AV120: the `# yaml-language-server: $schema=` line of a data file names the schema of its kind."""
    for dataset in valid_datasets(corpus):
        found = find_modeline(dataset.text)
        if found is None or "://" in found.value:
            continue  # no line (it is optional), or a schema the editor fetches from elsewhere
        kind = dataset.data.kind
        if link_path(dataset.path, found.value) != schema_file(kind):
            yield finding("AV120", dataset.path, found.line, found.column,
                          f'Schemaraden pekar på "{found.value}", men filen har kind: {kind}; '
                          f"skriv {modeline(dataset.path, kind)}")
