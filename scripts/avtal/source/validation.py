"""Validate parsed YAML with a Pydantic model and report each error, in Swedish, at its key."""

from __future__ import annotations

from typing import TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from ..codes import CODES, finding
from ..findings import Finding
from ..hints import suggestion
from .characters import LOOKALIKE_RE, lookalike_message
from .yamlsafe import Parsed, Pos

M = TypeVar("M", bound=BaseModel)

_BUILTIN_TYPES = frozenset(get_args(ErrorType))

# Our own validators raise errors of these types; everything else is a shape error.
_CODE_BY_TYPE = {
    "missing": "AV102",
    "extra_forbidden": "AV101",
    "unknown_party": "AV104",
    "unknown_role": "AV105",
    "unknown_responsible": "AV105",
    "lookalike": "AV113",
    "date_range": "AV114",
    "period_too_long": "AV114",
}

# Pydantic's own error types, in Swedish. {field} is the key, {ctx} values come from Pydantic.
_MESSAGES = {
    "missing": 'Fältet "{field}" saknas',
    "string_type": 'Fältet "{field}" ska vara text',
    "int_type": 'Fältet "{field}" ska vara ett heltal',
    "int_parsing": 'Fältet "{field}" ska vara ett heltal',
    "int_parsing_size": 'Fältet "{field}" ska vara ett heltal av rimlig storlek',
    "int_from_float": 'Fältet "{field}" ska vara ett heltal',
    "bool_type": 'Fältet "{field}" ska vara true eller false',
    "bool_parsing": 'Fältet "{field}" ska vara true eller false',
    "list_type": 'Fältet "{field}" ska vara en lista',
    "dict_type": 'Fältet "{field}" ska vara en mappning (nyckel: värde)',
    "model_type": 'Fältet "{field}" ska vara en mappning (nyckel: värde)',
    "model_attributes_type": 'Fältet "{field}" ska vara en mappning (nyckel: värde)',
    "greater_than": 'Fältet "{field}" ska vara större än {gt}',
    "greater_than_equal": 'Fältet "{field}" ska vara minst {ge}',
    "less_than_equal": 'Fältet "{field}" ska vara högst {le}',
    "too_short": 'Fältet "{field}" får inte vara tomt',
    "string_too_short": 'Fältet "{field}" får inte vara tomt',
    "too_long": 'Fältet "{field}" har för många värden',
    "string_too_long": 'Fältet "{field}" är för långt',
    "date_type": 'Fältet "{field}" ska vara ett datum, ÅÅÅÅ-MM-DD',
    "date_parsing": 'Fältet "{field}" ska vara ett datum, ÅÅÅÅ-MM-DD',
    "date_from_datetime_inexact": 'Fältet "{field}" ska vara ett datum utan klockslag, ÅÅÅÅ-MM-DD',
    "date_from_datetime_parsing": 'Fältet "{field}" ska vara ett datum, ÅÅÅÅ-MM-DD',
    "string_unicode": 'Fältet "{field}" ska vara text',
    "set_type": 'Fältet "{field}" ska vara en lista',
    "tuple_type": 'Fältet "{field}" ska vara en lista',
    "is_instance_of": 'Fältet "{field}" har fel typ',
    "none_required": 'Fältet "{field}" ska vara tomt',
    "literal_error": 'Fältet "{field}" ska vara {expected}',
    "string_pattern_mismatch": 'Fältet "{field}" får bara innehålla bokstäver, siffror, punkt, bindestreck och understreck',
    "union_tag_invalid": 'Fältet "{field}" har ett okänt värde',
}


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "[key]" and not isinstance(p, int)]
    return ".".join(parts) if parts else "front matter"


def _message(error: dict, all_fields: set[str]) -> str:
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    field = _field_name(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        found = LOOKALIKE_RE.search(key)
        if found:
            return lookalike_message(key, found.start(), "Nyckeln")
        return f'Okänt fält "{key}"{suggestion(key, all_fields)}'
    if kind in _MESSAGES:
        values = {k: str(v) for k, v in ctx.items()}
        if "expected" in values:
            values["expected"] = values["expected"].replace(" or ", " eller ")
        return _MESSAGES[kind].format(field=field, **values)
    if kind in ("value_error", "assertion_error"):
        return f'Fältet "{field}": {ctx.get("error", error["msg"])}'
    if kind not in _BUILTIN_TYPES:
        return error["msg"]  # our own PydanticCustomError, already in Swedish
    return f'Fältet "{field}" har ett ogiltigt värde; se avtal check --explain AV103'


def model_fields_deep(model: type[BaseModel]) -> set[str]:
    """All field names of a model and the models inside it, for "menade du" hints."""
    names, stack, seen = set(), [model], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            for arg in _type_args(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    stack.append(arg)
    return names


def _type_args(annotation) -> list:
    found, stack = [], [annotation]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(getattr(current, "__args__", ()) or ())
    return found


def validate(
    model: type[M], parsed: Parsed, path: str, line_offset: int, context: dict, origin: Pos | None = None
) -> tuple[M | None, list[Finding]]:
    """The model instance, or None with findings placed at the offending keys.

    `line_offset` is the file line before the YAML's first line; `origin` is where a
    missing top-level key is reported (the opening `---` of the front matter).
    """
    try:
        return model.model_validate(parsed.value if parsed.value is not None else {}, context=context), []
    except ValidationError as error:
        fields = model_fields_deep(model)
        findings = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            if item["type"] == "missing":
                loc = loc[:-1]
            # A model's own error whose type is a code (AV814) is reported with that code.
            code = _CODE_BY_TYPE.get(item["type"]) or (item["type"] if item["type"] in CODES else "AV103")
            if item["type"] == "extra_forbidden" and LOOKALIKE_RE.search(str(loc[-1])):
                code = "AV113"
            if code == "AV113":
                pos = parsed.lookalike_pos(loc)  # the character itself, not only its key
            elif loc or origin is None:
                pos = parsed.pos(loc)
            else:
                pos = Pos(origin.line - line_offset, origin.column)
            findings.append(finding(code, path, pos.line + line_offset, pos.column, _message(item, fields)))
        return None, findings
