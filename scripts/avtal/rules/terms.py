"""Rules on defined terms: one glossary, one definition per term, every use defined (AV401–AV404).

A defined term is marked `[[vårdbegäran]]` in the text, in any of the forms the glossary
lists for it (`[[vårdbegärans]]`, `[[vårdbegäranden]]`). The first letter's case is free,
so a term can start a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import finding
from ..findings import Finding
from ..hints import suggestion
from ..source.corpus import Corpus
from ..source.models.data import forms_index
from .registry import at_key, rule


@rule
def one_glossary(corpus: Corpus) -> Iterator[Finding]:
    """AV404, AV403: a single glossary, where each term and each form occurs once."""
    for dataset, _ in corpus.glossaries[1:]:
        yield at_key("AV404", dataset, ("kind",), f"Arkivet har redan en ordlista: {corpus.glossaries[0][0].path}")
    if not corpus.glossaries:
        return
    dataset, glossary = corpus.glossaries[0]
    owner: dict[str, str] = {}
    for index, term in enumerate(glossary.terms):
        for form in term.all_forms:
            key = form.casefold()
            if key in owner and owner[key] != term.term:
                yield at_key("AV403", dataset, ("terms", index),
                          f'Formen "{form}" hör redan till begreppet "{owner[key]}"')
            owner.setdefault(key, term.term)
    for field in ("id", "term"):
        seen: set[str] = set()
        for index, term in enumerate(glossary.terms):
            value = getattr(term, field)
            if value in seen:
                yield at_key("AV403", dataset, ("terms", index, field), f'Begreppet "{value}" definieras redan')
            seen.add(value)


@rule
def terms_defined_and_used(corpus: Corpus) -> Iterator[Finding]:
    """AV401, AV402: every [[term]] is defined, and every definition is used."""
    glossary = corpus.glossaries[0][1] if corpus.glossaries else None
    index = forms_index(glossary) if glossary else {}
    used: set[str] = set()
    for doc in corpus.documents:
        for use in doc.body.terms:
            term_id = index.get(use.value.casefold())
            if term_id is None:
                hint = suggestion(use.value, index) if index else "; det finns ingen ordlista (kind: glossary)"
                yield finding("AV401", doc.path, use.line, use.column,
                              f'Begreppet "{use.value}" är inte definierat i ordlistan{hint}',
                              follows_from=None if glossary else corpus.failed.glossary())
            else:
                used.add(term_id)
    if glossary is None:
        return
    dataset = corpus.glossaries[0][0]
    for position, term in enumerate(glossary.terms):
        if term.id not in used:
            yield at_key("AV402", dataset, ("terms", position),
                      f'Begreppet "{term.term}" används aldrig som [[{term.term}]] i något dokument')
