"""Local agreements from one source: a template and a row per municipality, expanded into documents.

A document whose front matter says `local: lokala-avtal-lakarmedverkan.yaml` is a template. The data
file beside it (`kind: local`, models/local.py) has one row per municipality: the party, the version,
status, dates and decisions of that municipality's agreement, and the `values` its text refers to.
The text refers to a value with the link syntax of a row reference, the data file as target and the
value's name as anchor:

    Regionen bidrar med [läkartid](lokala-avtal-lakarmedverkan.yaml#lakartid) per vecka.

`expand_local` (the end of load_corpus) takes the templates and their data files out of the corpus and
puts in their place one ordinary document per row: id `<template id>-<party slug>`, parties the
coordinating party and the row's, the template's front matter with the row's version, status, dates
and decisions, and the text with each reference replaced by the row's value (escaped, so that a value
is text and never Markdown). Every later stage (check, site, Word, fingerprints, the decision register,
packages, what is in force) sees ordinary documents.

A value is one line, so an expanded text has the template's lines: a finding in its body points at the
template's line (`Corpus.virtual_paths`, used by rules/check.py); a finding at a row's key (its
decisions, version) points at the row's line in the data file (`Document.key_at`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..codes import finding
from ..findings import Finding
from ..hints import suggestion
from ..text import party_slug
from .corpus import Corpus, DataSet, Document
from .markdown_scan import scan_body
from .models.local import ROW_META_KEYS, LocalAgreements, LocalRow
from .models.metadata import DocumentMeta
from .validation import validate
from .yamlsafe import Parsed, Pos

LOCAL_KEY = "local"
# `[label](file.yaml#name)` on one line, as a row reference is written (render/references.py).
LOCAL_REF_RE = re.compile(r"\[([^\]\n]*)\]\(([^()\s#]+\.ya?ml)#([^()\s#]+)\)")
# The characters that Markdown reads as syntax, each written with a backslash in front so that a value
# shows as it is written (Python-Markdown's escapes; & and < become entities).
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_ENTITIES = {"&": "&amp;", "<": "&lt;"}


@dataclass(frozen=True)
class LocalOrigin:
    """Where an expanded document comes from: the template, and the row of its data file."""

    template: str  # the template's path
    data: DataSet  # the data file
    row: int  # the row's index under items
    party: str
    title: str  # the template's title (the document's has the municipality too)
    spans: tuple = ()  # (file line, column in the expanded text, its length, the reference's length, name)

    def place(self, line: int, column: int) -> tuple[str, int, int]:
        """Where a finding at (line, column) of the expanded text is in the sources: in a value, at the
        value on the row in the data file; elsewhere, at the template's own line and column."""
        shift = 0
        for span_line, start, length, written, name in self.spans:
            if span_line != line or start > column:
                continue
            if column < start + length:
                pos = self.data.key_pos("items", self.row, "values", name)
                return self.data.path, pos.line, pos.column
            shift += length - written
        return self.template, line, column - shift


@dataclass(frozen=True)
class ValueRef:
    """A reference to a value in a template's text."""

    start: int
    end: int
    target: str  # the data file as written
    name: str  # the value's name
    label: str  # the text between the brackets, the editor's
    line: int  # in the text, 1-based
    column: int


def value_references(text: str, target: str) -> list[ValueRef]:
    """The references in `text` to values of the data file `target` (as the front matter's local: names
    it, relative to the template); other links, and row references to other files, are not."""
    wanted = posixpath.normpath(target)
    found = []
    for match in LOCAL_REF_RE.finditer(text):
        if posixpath.normpath(match.group(2)) != wanted:
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(ValueRef(match.start(), match.end(), match.group(2), match.group(3), match.group(1), line,
                              column))
    return found


def escape_value(value: str) -> str:
    """A value as Markdown text that shows exactly the value."""
    escaped = _MARKDOWN_SPECIAL_RE.sub(r"\\\1", value)
    return "".join(_ENTITIES.get(char, char) for char in escaped)


def spans(refs: list[ValueRef], values: dict[str, str], first_line: int) -> tuple:
    """Where each value stands in the expanded text (LocalOrigin.spans), for placing findings."""
    found, shift, line = [], 0, None
    for ref in refs:
        shift = 0 if ref.line != line else shift
        line = ref.line
        value = values.get(ref.name)
        shown = escape_value(value) if value is not None else ref.label
        found.append((first_line + ref.line - 1, ref.column + shift, len(shown), ref.end - ref.start, ref.name))
        shift += len(shown) - (ref.end - ref.start)
    return tuple(found)


def substitute(text: str, refs: list[ValueRef], values: dict[str, str]) -> str:
    """The text with each reference replaced by its value; a reference without one (a finding, AV911 or
    AV912) by its label, so that no link to the data file is left for the other rules to report again."""
    parts, last = [], 0
    for ref in refs:
        parts.append(text[last:ref.start])
        value = values.get(ref.name)
        parts.append(escape_value(value) if value is not None else ref.label)
        last = ref.end
    parts.append(text[last:])
    return "".join(parts)


# -- Expansion ------------------------------------------------------------------------


def is_template(front_matter: object) -> bool:
    """Whether a document's front matter (as parsed) is a template's: it names its data with local:."""
    return isinstance(front_matter, dict) and LOCAL_KEY in front_matter


def _is_local_data(dataset: DataSet) -> bool:
    value = dataset.parsed.value
    return isinstance(value, dict) and value.get("kind") == "local"


def expand_local(corpus: Corpus, context: dict) -> None:
    """Replace every template and its data file with one document per row (see the module's text)."""
    templates = [doc for doc in corpus.documents if is_template(doc.front_matter.value)]
    local_data = [ds for ds in corpus.datasets if _is_local_data(ds)]
    if not templates and not local_data:
        return
    corpus.documents = [doc for doc in corpus.documents if not is_template(doc.front_matter.value)]
    corpus.datasets = [ds for ds in corpus.datasets if not _is_local_data(ds)]
    findings = corpus.load_findings
    used: set[str] = set()
    for template in templates:
        dataset = _data_of(template, local_data, findings)
        if dataset is None:
            continue
        used.add(dataset.path)
        corpus.local_sources[template.path] = dataset.path
        for doc in _expanded(template, dataset, corpus, context, findings):
            corpus.documents.append(doc)
            corpus.virtual_paths[doc.path] = template.path
    for dataset in local_data:
        if dataset.path not in used:
            pos = dataset.key_pos("document")
            findings.append(finding("AV916", dataset.path, pos.line, pos.column,
                                    "Ingen mall använder datafilen; skriv local: "
                                    f"{posixpath.basename(dataset.path)} i front matter i mallen (dokumentet "
                                    "med den gemensamma texten) i samma mapp"))


def _data_of(template: Document, local_data: list[DataSet], findings: list[Finding]) -> DataSet | None:
    """The template's data file, or None (with a finding) when it is missing or not local data."""
    target = template.front_matter.value.get(LOCAL_KEY)
    pos = template.key_pos(LOCAL_KEY)
    if not isinstance(target, str) or not target.endswith((".yaml", ".yml")) or "/" in target:
        findings.append(finding("AV910", template.path, pos.line, pos.column,
                                'local: ska vara namnet på en datafil i samma mapp, till exempel '
                                'local: lokala-avtal-lakarmedverkan.yaml'))
        return None
    path = posixpath.join(posixpath.dirname(template.path), target)
    dataset = next((ds for ds in local_data if ds.path == path), None)
    if dataset is None:
        findings.append(finding("AV910", template.path, pos.line, pos.column,
                                f"Datafilen {path} med kind: local finns inte; skapa den med en rad per kommun "
                                "(se handboken, Lokala avtal)"))
        return None
    if dataset.data is None:
        return None  # its own findings say why
    if dataset.data.document != template.id:
        dpos = dataset.key_pos("document")
        findings.append(finding("AV916", dataset.path, dpos.line, dpos.column,
                                f'Datafilen hör till "{dataset.data.document}" men mallen {template.path} har id '
                                f'"{template.id}"; skriv document: {template.id}'))
    return dataset


def _template_meta(template: Document, corpus: Corpus, context: dict, findings: list[Finding]) -> dict | None:
    """The template's own front matter (without local:), checked as a document's with placeholder row
    values; None when it is invalid (the findings say why)."""
    raw = dict(template.front_matter.value)
    raw.pop(LOCAL_KEY)
    own = [key for key in (*ROW_META_KEYS, "parties") if key in raw and key != "date"]  # a row may change the date
    for key in own:
        pos = template.key_pos(key)
        findings.append(finding("AV914", template.path, pos.line, pos.column,
                                f"{key} skiljer sig per kommun och står i datafilen, på varje kommuns rad; "
                                f"ta bort {key} ur mallen"))
    if own:
        return None
    placeholder = {"parties": [corpus.vocabulary.coordinating_party], "version": "0.1", "status": "utkast"}
    status_names = corpus.vocabulary.status_names
    placeholder["status"] = status_names[0] if status_names else "utkast"
    parsed = Parsed({**raw, **placeholder}, template.front_matter.positions)
    meta, problems = validate(DocumentMeta, parsed, template.path, template.front_matter_line, context,
                              origin=Pos(1, 1))
    findings.extend(problems)
    return raw if meta is not None else None


def _expanded(template: Document, dataset: DataSet, corpus: Corpus, context: dict,
              findings: list[Finding]) -> Iterator[Document]:
    raw = _template_meta(template, corpus, context, findings)
    data: LocalAgreements = dataset.data
    refs = value_references(template.body_text, template.front_matter.value[LOCAL_KEY])
    findings.extend(_unknown_names(template, refs, data))
    if raw is None:
        return
    coordinating = corpus.vocabulary.coordinating_party
    seen: set[str] = set()
    for index, row in enumerate(data.items):
        pos = dataset.key_pos("items", index, "party")
        if row.party == coordinating or row.party in seen:
            why = "är den samordnande parten, som är part i varje lokalt avtal" if row.party == coordinating \
                else "har redan en rad"
            findings.append(finding("AV913", dataset.path, pos.line, pos.column,
                                    f"{row.party} {why}; ta bort raden eller byt kommun"))
            continue
        seen.add(row.party)
        missing = _missing_values(dataset, index, row, refs, data)
        findings.extend(missing)
        if missing:
            continue
        doc = _document(template, dataset, index, row, raw, refs, coordinating, context, findings)
        if doc is not None:
            yield doc


def _known_names(data: LocalAgreements) -> set[str]:
    return {name for row in data.items for name in row.values}


def _unknown_names(template: Document, refs: list[ValueRef], data: LocalAgreements) -> Iterator[Finding]:
    """AV911: a reference to a value that no row has (a misspelt name, most likely)."""
    known = _known_names(data)
    for ref in refs:
        if ref.name not in known:
            hint = (suggestion(ref.name, sorted(known))
                    or "; rätta namnet i texten eller lägg till värdet under values på kommunernas rader")
            yield finding("AV911", template.path, template.body_line + ref.line - 1, ref.column,
                          f'Värdet "{ref.name}" finns inte på någon rad i {ref.target}{hint}')


def _missing_values(dataset: DataSet, index: int, row: LocalRow, refs: list[ValueRef],
                    data: LocalAgreements) -> list[Finding]:
    """AV912: a value the text uses (and other rows have) that this municipality's row lacks."""
    known = _known_names(data)
    names = sorted({ref.name for ref in refs if ref.name in known and ref.name not in row.values})
    if not names:
        return []
    pos = dataset.key_pos("items", index, "values") if row.values else dataset.key_pos("items", index, "party")
    listed = ", ".join(names)
    return [finding("AV912", dataset.path, pos.line, pos.column,
                    f"{row.party} saknar värde för {listed}, som texten hänvisar till; lägg till "
                    f"{names[0]}: … under values på kommunens rad")]


def _document(template: Document, dataset: DataSet, index: int, row: LocalRow, raw: dict, refs: list[ValueRef],
              coordinating: str, context: dict, findings: list[Finding]) -> Document | None:
    row_raw = dataset.parsed.value["items"][index]
    merged = {**raw, **{key: row_raw[key] for key in ROW_META_KEYS if key in row_raw}}
    merged["id"] = f"{template.id}-{party_slug(row.party)}"
    merged["parties"] = [coordinating, row.party]
    for key in ("title", "short_title"):  # the menu and every list name the municipality
        if isinstance(merged.get(key), str):
            merged[key] = f"{merged[key]} – {row.party}"
    meta, problems = validate(DocumentMeta, Parsed(merged), dataset.path, 0, context)
    if meta is None:
        pos = dataset.key_pos("items", index)
        findings.extend(finding(p.code, dataset.path, pos.line, pos.column,
                                f"Det lokala avtalet för {row.party}: {p.message}") for p in problems)
        return None
    body_text = substitute(template.body_text, refs, row.values)
    folder = posixpath.dirname(template.path)
    return Document(
        path=posixpath.join(folder, f"{merged['id']}.md") if folder else f"{merged['id']}.md",
        meta=meta,
        front_matter=Parsed(merged, template.front_matter.positions),
        front_matter_line=template.front_matter_line,
        body=scan_body(body_text, template.body_line),
        body_text=body_text,
        body_line=template.body_line,
        origin=LocalOrigin(template.path, dataset, index, row.party, raw.get("short_title") or raw["title"],
                           spans(refs, row.values, template.body_line)),
    )
