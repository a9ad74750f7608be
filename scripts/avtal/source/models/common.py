"""Value types shared by the metadata and data models.

Each type validates with a Swedish message of its own (PydanticCustomError) so that an
editor reads what to write, not Pydantic's English. Values that must belong to a
vocabulary in `schema/` (parties, roles, statuses, document types) are checked against
the vocabulary passed as validation context; without a context (JSON Schema export) they
are plain strings.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import re
import sys
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from ...hints import suggestion
from ..characters import LOOKALIKE_RE, lookalike_message


def empty_list() -> list:
    """`Field(default_factory=empty_list)`: Pydantic asks each default factory for its signature when it builds
    a validator, and reads a Python function's from its code, but parses `list`'s from text with Python's
    tokenizer: a thirtieth of `avtal check` for the models' 19 factories (issue 25)."""
    return []


def empty_dict() -> dict:
    """`Field(default_factory=empty_dict)`, for the same reason as empty_list."""
    return {}


class StrictModel(BaseModel):
    """Unknown keys are errors, and every field documents itself in Swedish (its docstring).

    A model builds its validator when it first validates (defer_build), so a command that reads one
    document (`avtal docx`) does not build the validators of data it never reads. The fields'
    docstrings go into the JSON Schema when it is written (`field_docs`, schema_export.py), not when
    each model is defined: pydantic's use_attribute_docstrings reads every class's source anew, which
    took a tenth of `avtal docx`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstrings written under a model's fields (its own and inherited), by field name, as
    pydantic's use_attribute_docstrings reads them."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if cls.__module__.startswith(__package__ or "avtal"):
            docs.update(_class_docs(cls.__module__, cls.__qualname__))
    return docs


@functools.cache
def _module_tree(module: str) -> ast.Module:
    return ast.parse(Path(sys.modules[module].__file__).read_text(encoding="utf-8"))


@functools.cache
def _class_docs(module: str, qualname: str) -> dict[str, str]:
    node = next((n for n in ast.walk(_module_tree(module)) if isinstance(n, ast.ClassDef) and n.name == qualname), None)
    docs: dict[str, str] = {}
    for statement, following in zip(node.body if node else [], (node.body[1:] if node else []), strict=False):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
VERSION_PATTERN = r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$"
QUARTER_PATTERN = r"^[0-9]{4}-Q[1-4]$"
SECTION_REF_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*#[A-Za-z][A-Za-z0-9_-]*$"

# Every date in the repository lies within these years, and a plan's period spans at most
# MAX_PERIOD_YEARS: the timeline has a column per quarter, and a date in year 1 or 9999 is a typo.
MIN_YEAR, MAX_YEAR = 2000, 2100
MIN_DATE, MAX_DATE = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
MAX_PERIOD_YEARS = 10

_ID_RE = re.compile(ID_PATTERN)
_VERSION_RE = re.compile(VERSION_PATTERN)
_QUARTER_RE = re.compile(QUARTER_PATTERN)
_ISO_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SECTION_REF_RE = re.compile(SECTION_REF_PATTERN)


def _plain(value: Any, what: str = "Värdet") -> Any:
    """A name or an id has none of the lookalikes that come with text pasted from Word."""
    if isinstance(value, str) and not value.isascii():
        found = LOOKALIKE_RE.search(value)
        if found:
            raise PydanticCustomError("lookalike", "{message}", {"message": lookalike_message(value, found.start(), what)})
    return value


def _doc_id(value: Any) -> str:
    _plain(value, "Id")
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise PydanticCustomError(
            "doc_id",
            'Id "{value}" är ogiltigt: använd små bokstäver a–z, siffror och bindestreck, utan å, ä och ö '
            '(till exempel "overenskommelse" eller "bilaga-begrepp")',
            {"value": value},
        )
    return value


def _version(value: Any) -> str:
    _plain(value, "Versionen")
    if not isinstance(value, str) or not _VERSION_RE.match(value):
        raise PydanticCustomError(
            "version",
            'Versionen "{value}" ska skrivas MAJOR.MINOR, till exempel "0.1" eller "1.10"',
            {"value": value},
        )
    return value


def _within_bounds(date: dt.date, shown: str) -> dt.date:
    if not MIN_DATE <= date <= MAX_DATE:
        raise PydanticCustomError(
            "date_range",
            "{value} ligger utanför åren {first}–{last}; datum i arkivet ligger inom dem. Kontrollera årtalet",
            {"value": shown, "first": MIN_YEAR, "last": MAX_YEAR},
        )
    return date


def _iso_date(value: Any) -> dt.date:
    _plain(value, "Datumet")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _within_bounds(value, f"Datumet {value.isoformat()}")
    if isinstance(value, str) and _ISO_DATE_RE.match(value):
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return _within_bounds(date, f"Datumet {value}")
    raise PydanticCustomError(
        "iso_date", 'Datumet "{value}" finns inte eller är inte skrivet ÅÅÅÅ-MM-DD (till exempel 2026-11-22)', {"value": value}
    )


def _date_or_quarter(value: Any) -> dt.date | str:
    if isinstance(value, str) and _QUARTER_RE.match(value):
        _within_bounds(dt.date(int(value[:4]), 1, 1), f"Kvartalet {value}")
        return value
    try:
        return _iso_date(value)
    except PydanticCustomError as error:
        if error.type in ("lookalike", "date_range"):
            raise
        raise PydanticCustomError(
            "date_or_quarter",
            '"{value}" ska vara ett datum (2026-12-31) eller ett kvartal (2026-Q4)',
            {"value": value},
        ) from None


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise PydanticCustomError("one_line", "Texten ska stå på en rad")
    if not value.strip():
        raise PydanticCustomError("empty", "Texten får inte vara tom")
    return value.strip()


def _not_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "Texten får inte vara tom")
    return value.strip()


def _section_ref(value: Any) -> str:
    _plain(value, "Avsnittshänvisningen")
    if not isinstance(value, str) or not _SECTION_REF_RE.match(value):
        raise PydanticCustomError(
            "section_ref",
            'Avsnittshänvisningen "{value}" ska skrivas dokument-id#avsnitts-id, till exempel '
            '"overenskommelse#lakarmedverkan"',
            {"value": value},
        )
    return value


def _vocabulary(info: ValidationInfo):
    return (info.context or {}).get("vocabulary")


def _party(value: str, info: ValidationInfo) -> str:
    _plain(value, "Partnamnet")
    vocab = _vocabulary(info)
    if vocab is not None and value not in vocab.party_names:
        raise PydanticCustomError(
            "unknown_party", 'Okänd part "{value}"{hint}', {"value": value, "hint": suggestion(value, vocab.party_names)}
        )
    return value


def _role(value: str, info: ValidationInfo) -> str:
    _plain(value, "Rollen")
    vocab = _vocabulary(info)
    if vocab is not None and value not in vocab.role_names:
        raise PydanticCustomError(
            "unknown_role",
            'Okänd roll "{value}": ange en roll ur schema/roller.yaml, inte en person{hint}',
            {"value": value, "hint": suggestion(value, vocab.role_names)},
        )
    return value


def _responsible(value: str, info: ValidationInfo) -> str:
    _plain(value, "Den ansvariga")
    vocab = _vocabulary(info)
    if vocab is not None and value not in vocab.role_names and value not in vocab.party_names:
        names = vocab.role_names + vocab.party_names
        raise PydanticCustomError(
            "unknown_responsible",
            'Okänd ansvarig "{value}": ange en roll ur schema/roller.yaml eller en part ur schema/parter.yaml{hint}',
            {"value": value, "hint": suggestion(value, names)},
        )
    return value


def _status(value: str, info: ValidationInfo) -> str:
    _plain(value, "Statusen")
    vocab = _vocabulary(info)
    if vocab is not None and value not in vocab.status_names:
        raise PydanticCustomError(
            "unknown_status",
            'Okänd status "{value}": tillåtna är {allowed}{hint}',
            {"value": value, "hint": suggestion(value, vocab.status_names), "allowed": ", ".join(vocab.status_names)},
        )
    return value


def _doc_type(value: str, info: ValidationInfo) -> str:
    _plain(value, "Dokumenttypen")
    vocab = _vocabulary(info)
    if vocab is not None and value not in vocab.type_names:
        raise PydanticCustomError(
            "unknown_type",
            'Okänd dokumenttyp "{value}": typerna finns i schema/dokumenttyper.yaml{hint}',
            {"value": value, "hint": suggestion(value, vocab.type_names)},
        )
    return value


def _vocab_schema(name: str) -> dict:
    # Marks the field for schema_export, which fills in the vocabulary's values as an enum.
    return {"type": "string", "x-vocabulary": name}


Text = Annotated[str, AfterValidator(_not_empty)]
"""Free text: every character a reader can see is allowed, typographic quotes and hard spaces too."""
Plain = BeforeValidator(_plain)
"""For a value that is a name, matched letter by letter (Annotated[Literal[...], Plain])."""
Name = Annotated[str, Plain, AfterValidator(_not_empty)]
"""Text that is a name: a body, a target group, a term; no lookalike characters."""
OneLine = Annotated[str, AfterValidator(_one_line)]
DocId = Annotated[str, BeforeValidator(_doc_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Version = Annotated[str, BeforeValidator(_version), WithJsonSchema({"type": "string", "pattern": VERSION_PATTERN})]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
DateOrQuarter = Annotated[
    dt.date | str,
    BeforeValidator(_date_or_quarter),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": QUARTER_PATTERN}]}),
]
SectionRef = Annotated[
    str, BeforeValidator(_section_ref), WithJsonSchema({"type": "string", "pattern": SECTION_REF_PATTERN})
]
PartyName = Annotated[str, AfterValidator(_party), WithJsonSchema(_vocab_schema("parties"))]
RoleName = Annotated[str, AfterValidator(_role), WithJsonSchema(_vocab_schema("roles"))]
Responsible = Annotated[str, AfterValidator(_responsible), WithJsonSchema(_vocab_schema("responsible"))]
StatusName = Annotated[str, AfterValidator(_status), WithJsonSchema(_vocab_schema("statuses"))]
DocTypeName = Annotated[str, AfterValidator(_doc_type), WithJsonSchema(_vocab_schema("types"))]
SectionRefs = Annotated[list[SectionRef], Field(default_factory=empty_list)]


def period_length_checked(start: dt.date, end: dt.date) -> None:
    """A period runs forwards and spans at most MAX_PERIOD_YEARS."""
    if end < start:
        raise PydanticCustomError("period_backwards", "Perioden slutar (end) före sin början (start)")
    try:
        limit = start.replace(year=start.year + MAX_PERIOD_YEARS)
    except ValueError:  # 29 February
        limit = dt.date(start.year + MAX_PERIOD_YEARS, 3, 1)
    if end >= limit:
        raise PydanticCustomError(
            "period_too_long",
            "Perioden {start}–{end} är längre än {years} år; korta den eller dela upp planen",
            {"start": start.isoformat(), "end": end.isoformat(), "years": MAX_PERIOD_YEARS},
        )


def quarter_bounds(value: dt.date | str) -> tuple[dt.date, dt.date]:
    """The first and last day a date or a quarter ("2026-Q4") covers."""
    if isinstance(value, dt.date):
        return value, value
    year, quarter = int(value[:4]), int(value[-1])
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)
