"""JSON Schema for the front matter and the data files, generated from the models.

The vocabularies' current values are written in as enums, so an editor with a YAML
language server gets completion for parties, roles, statuses and types. The files are
checked in; a test fails when they no longer match the models and vocabularies.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from .layout import SCHEMA_FOLDER
from .load import load_vocabulary
from .models.common import StrictModel, field_docs
from .models.data import DATA_MODELS
from .models.metadata import DocumentMeta
from .models.remiss import Answer, Round
from .models.vocabulary import Vocabulary

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# remiss: remiss/<round>/remiss.yaml; remissvar: remiss/<round>/svar/<recipient>.yaml
SCHEMA_MODELS: dict[str, type[BaseModel]] = {"metadata": DocumentMeta, **DATA_MODELS, "remiss": Round,
                                             "remissvar": Answer}


def _fill_vocabularies(node, vocabulary: Vocabulary):
    if isinstance(node, dict):
        name = node.pop("x-vocabulary", None)
        if name:
            node["enum"] = vocabulary.values(name)
        for value in node.values():
            _fill_vocabularies(value, vocabulary)
    elif isinstance(node, list):
        for value in node:
            _fill_vocabularies(value, vocabulary)
    return node


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    found = {model.__name__: model}
    for sub in model.__subclasses__():
        found.update(_models(sub))
    return found


def _describe(schema: dict, model: type[BaseModel], models: dict[str, type[BaseModel]]) -> dict:
    """Each property with its field's docstring as description, as pydantic's use_attribute_docstrings
    would have put it (models.common.field_docs); the keys in pydantic's order (sorted)."""
    for node, owner in [(schema, model), *((sub, models.get(name)) for name, sub in schema.get("$defs", {}).items())]:
        docs = field_docs(owner) if owner is not None else {}
        for name, prop in node.get("properties", {}).items():
            if docs.get(name) and "description" not in prop:
                node["properties"][name] = dict(sorted({**prop, "description": docs[name]}.items()))
    return schema


def schema_texts(vocabulary: Vocabulary) -> dict[str, str]:
    """File name in schema/ -> its JSON text."""
    texts, models = {}, _models(StrictModel)
    for name, model in SCHEMA_MODELS.items():
        schema = {"$schema": DIALECT, **_describe(model.model_json_schema(), model, models)}
        _fill_vocabularies(schema, vocabulary)
        texts[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return texts


def write_schemas(root: Path, check_only: bool = False) -> int:
    vocabulary, findings = load_vocabulary(root)
    if vocabulary is None:
        raise UsageError("vokabulärerna i schema/ kan inte läsas; kör avtal check")
    stale = []
    for filename, text in schema_texts(vocabulary).items():
        file = root / SCHEMA_FOLDER / filename
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            continue
        stale.append(filename)
        if not check_only:
            file.write_text(text, encoding="utf-8")
    verb = "är inaktuell" if check_only else "skrevs"
    for filename in stale:
        print(f"{SCHEMA_FOLDER}/{filename} {verb}", file=sys.stderr if check_only else sys.stdout)
    if check_only and stale:
        print("Kör avtal schema för att skriva om dem.", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK
