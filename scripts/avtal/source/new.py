"""`avtal new TYPE ID`: a new document, or a data file for one, from a template, valid from its first save.

A data file (`avtal new risks risker --document risk-och-konsekvensanalys`) is written beside its
document with the schema line that editors read (source/modeline.py) and one example row whose
text says it is not yet filled in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from .load import load_corpus
from .modeline import modeline
from .models.common import ID_PATTERN
from .models.data import DATA_MODELS
from .models.vocabulary import AGREEMENT, ANNEX, annex_title

DEFAULT_OWNER = "Omställningsledare"


def _suggest_id(text: str) -> str:
    from markdown.extensions.toc import slugify

    return re.sub(r"-+", "-", slugify(text, "-").replace("_", "-")).strip("-") or "dokument"


def _render(template: str = "dokument.md.j2", **values) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("avtal.source", "templates"), undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string
    return env.get_template(template).render(**values)


def _check_id(name: str) -> None:
    if not re.match(ID_PATTERN, name):
        raise UsageError(f'id "{name}" är ogiltigt: använd a–z, siffror och bindestreck, till exempel "{_suggest_id(name)}"')


def _next_annex_number(corpus, annex_of: str) -> int:
    """The number after the highest one the agreement's annexes have, counting those that failed to
    load (their front matter may still say their number): a number is never given twice."""
    used = [d.meta.annex_number or 0 for d in corpus.by_id.values() if d.meta.annex_of == annex_of]
    for doc in corpus.documents:
        raw = doc.front_matter.value.get("annex_number") if isinstance(doc.front_matter.value, dict) else None
        if doc.meta is None and str(raw).strip().isdigit():
            used.append(int(str(raw).strip()))
    return max(used, default=0) + 1


def new_document(root: Path, type_name: str, doc_id: str, *, title: str | None, annex_of: str | None) -> int:
    corpus = load_corpus(root)
    vocab = corpus.vocabulary
    if vocab is None:
        raise UsageError("vokabulärerna i schema/ kan inte läsas; kör avtal check")
    doc_type = vocab.doc_type(type_name)
    if doc_type is None:
        names = ", ".join(t.slug for t in vocab.types)
        kinds = ", ".join(DATA_MODELS)
        raise UsageError(f'okänd dokumenttyp "{type_name}"; välj bland: {names}, eller en sorts datafil: {kinds}')
    _check_id(doc_id)
    target = root / doc_type.folder / f"{doc_id}.md"
    if target.exists():
        print(f"avtal: {target.relative_to(root)} finns redan; inget skrevs", file=sys.stderr)
        return EXIT_FINDINGS
    if doc_id in corpus.by_id:
        print(f'avtal: id "{doc_id}" används redan av {corpus.by_id[doc_id].path}; inget skrevs', file=sys.stderr)
        return EXIT_FINDINGS

    annex_number = None
    if doc_type.name == ANNEX:
        agreements = [d.meta.id for d in corpus.by_id.values() if d.meta.type == AGREEMENT]
        if annex_of is None and len(agreements) != 1:
            found = ", ".join(agreements) or "ingen"
            raise UsageError(f"ange vilken överenskommelse bilagan hör till med --annex-of (finns: {found})")
        annex_of = annex_of or agreements[0]
        if annex_of not in agreements:
            raise UsageError(f'"{annex_of}" är ingen överenskommelse i arkivet')
        annex_number = _next_annex_number(corpus, annex_of)
        title = annex_title(annex_number, title)

    text = _render(
        id=doc_id,
        title=title or doc_type.name.capitalize(),
        type=doc_type,
        date=dt.date.today().isoformat(),
        owner=DEFAULT_OWNER if DEFAULT_OWNER in vocab.role_names else vocab.role_names[0],
        annex_number=annex_number,
        annex_of=annex_of,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    print(f"Skapade {target.relative_to(root).as_posix()} ({doc_type.name}, version 0.1, utkast).")
    return EXIT_OK


def new_data(root: Path, kind: str, name: str, *, document: str | None) -> int:
    """A data file of `kind` named `name`.yaml, beside the document that presents it."""
    from ..hints import suggestion

    corpus = load_corpus(root)
    vocab = corpus.vocabulary
    if vocab is None:
        raise UsageError("vokabulärerna i schema/ kan inte läsas; kör avtal check")
    _check_id(name)
    if document is None:
        raise UsageError(f"ange dokumentet som visar datan med --document, till exempel: avtal new {kind} {name} "
                         "--document risk-och-konsekvensanalys")
    doc = corpus.by_id.get(document)
    if doc is None:
        raise UsageError(f'dokumentet "{document}" finns inte{suggestion(document, corpus.by_id)}')
    if kind == "glossary" and corpus.glossaries:
        print(f"avtal: arkivet har redan en ordlista, {corpus.glossaries[0][0].path}; lägg till begreppen där. "
              "Inget skrevs", file=sys.stderr)
        return EXIT_FINDINGS
    folder = doc.path.rpartition("/")[0]
    rel = f"{folder}/{name}.yaml"
    target = root / rel
    if target.exists() or target.with_suffix(".yml").exists():
        print(f"avtal: {rel} finns redan; inget skrevs", file=sys.stderr)
        return EXIT_FINDINGS
    text = _render(
        f"data-{kind}.yaml.j2",
        modeline=modeline(rel, kind),
        document=doc.meta.id,
        date=dt.date.today().isoformat(),
        owner=DEFAULT_OWNER if DEFAULT_OWNER in vocab.role_names else vocab.role_names[0],
    )
    with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    example = "ett exempel i en kommentar" if kind == "handovers" else "en exempelrad att fylla i"  # starts empty
    print(f"Skapade {rel} ({kind}, för {doc.path}) med {example}.\n"
          f"Visa datan i dokumentet med ett eget stycke med bara en länk: [Rubrik]({name}.yaml)")
    return EXIT_OK
