"""load_corpus(root): the only place that reads the repository's documents, data and vocabularies.

    load_corpus
      ├─ load_vocabulary      schema/*.yaml  ─▶ Vocabulary
      ├─ load_document        *.md           ─▶ Document (front matter ─▶ DocumentMeta, body ─▶ Body)
      ├─ load_dataset         *.yaml         ─▶ DataSet  (kind ─▶ one of models.data)
      └─ load_rounds          remiss/**.yaml ─▶ RoundFile (remiss.yaml ─▶ Round, svar/*.yaml ─▶ Answer)

Every problem becomes a finding at its file and line; loading never stops at the first one.
The files come from the working tree, or (`files`) as (path, bytes) pairs read from a commit, so
that an earlier version goes through the same code (see avtal.compare).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..codes import finding
from ..findings import Finding
from .corpus import Corpus, DataSet, Document
from .files import read_source, split_front_matter
from .layout import CONTENT_FOLDERS, DATA_SUFFIXES, SCHEMA_FOLDER
from .markdown_scan import scan_body
from .models.data import DATA_MODELS
from .models.metadata import DocumentMeta
from .models.vocabulary import VOCABULARY_FILES, VOCABULARY_MODELS, Vocabulary
from .rounds import load_rounds
from .validation import validate
from .yamlsafe import Parsed, Pos, parse_yaml


def _parse_file(file: Path, rel: str, findings: list[Finding]) -> tuple[Parsed | None, str]:
    source, problems = read_source(file, rel)
    findings.extend(problems)
    if source is None:
        return None, ""
    return _parse_text(source.text, rel, 0, findings), source.text


def _parse_text(text: str, rel: str, line_offset: int, findings: list[Finding]) -> Parsed | None:
    parsed = parse_yaml(text)
    for problem in parsed.problems:
        findings.append(finding(problem.code, rel, problem.pos.line + line_offset, problem.pos.column, problem.message))
    if parsed.problems:
        return None
    if parsed.value is not None and not isinstance(parsed.value, dict):
        message = "Innehållet ska vara en mappning (nyckel: värde), inte en lista eller ett enstaka värde"
        findings.append(finding("AV013", rel, line_offset + 1, 1, message))
        return None
    return parsed


class FileBytes:
    """A file of a commit, read by git: the little of Path that the loading functions use."""

    def __init__(self, data: bytes):
        self.data = data

    def is_file(self) -> bool:
        return True

    def stat(self):
        return _Size(len(self.data))

    def read_bytes(self) -> bytes:
        return self.data


class _Size:
    def __init__(self, size: int):
        self.st_size = size


def _file(root: Path, rel: str, files: Mapping[str, bytes] | None):
    """The file at `rel`: in the working tree, or among `files` (None when it is not there)."""
    if files is None:
        return root / rel
    return FileBytes(files[rel]) if rel in files else None


def load_vocabulary(root: Path, files: Mapping[str, bytes] | None = None) -> tuple[Vocabulary | None, list[Finding]]:
    findings: list[Finding] = []
    parts = {}
    for name, filename in VOCABULARY_FILES.items():
        rel = f"{SCHEMA_FOLDER}/{filename}"
        file = _file(root, rel, files)
        if file is None or not file.is_file():
            findings.append(finding("AV102", rel, 1, 1, f"Vokabulären {rel} saknas"))
            continue
        parsed, _ = _parse_file(file, rel, findings)
        if parsed is None:
            continue
        model, problems = validate(VOCABULARY_MODELS[name], parsed, rel, 0, {})
        findings.extend(problems)
        if model is not None:
            parts.update(model.model_dump(exclude_unset=False) if name == "parties" else {name: getattr(model, name)})
    if findings:
        return None, findings
    return Vocabulary(**parts), findings


def load_document(file: Path, rel: str, context: dict, findings: list[Finding]) -> Document | None:
    source, problems = read_source(file, rel)
    findings.extend(problems)
    if source is None:
        return None
    split, problems = split_front_matter(source)
    findings.extend(problems)
    if split is None:
        return None
    parsed = _parse_text(split.front_matter, rel, 1, findings)
    meta = None
    if parsed is not None:
        meta, problems = validate(DocumentMeta, parsed, rel, 1, context, origin=Pos(1, 1))
        findings.extend(problems)
    return Document(
        path=rel,
        meta=meta,
        front_matter=parsed or Parsed(value=None),
        front_matter_line=1,
        body=scan_body(split.body, split.body_line),
        body_text=split.body,
        body_line=split.body_line,
    )


def load_dataset(file: Path, rel: str, context: dict, findings: list[Finding]) -> DataSet | None:
    parsed, text = _parse_file(file, rel, findings)
    if parsed is None:
        return None
    kind = parsed.value.get("kind") if isinstance(parsed.value, dict) else None
    model = DATA_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        pos = parsed.pos(("kind",))
        known = ", ".join(DATA_MODELS)
        shown = f'"{kind}"' if kind is not None else "saknas"
        findings.append(finding("AV014", rel, pos.line, pos.column, f"Okänd sorts datafil (kind {shown}); ange en av: {known}"))
        return DataSet(rel, None, parsed, text)
    data, problems = validate(model, parsed, rel, 0, context)
    findings.extend(problems)
    return DataSet(rel, data, parsed, text)


def _content_files(root: Path) -> list[tuple[Path, str]]:
    files = []
    for folder in CONTENT_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for file in base.rglob("*"):
            rel = file.relative_to(root).as_posix()
            if file.is_file() and not any(part.startswith(".") for part in rel.split("/")):
                files.append((file, rel))
    return sorted(files, key=lambda item: item[1])


def _committed_content_files(files: Mapping[str, bytes]) -> list[tuple[FileBytes, str]]:
    return [(FileBytes(files[rel]), rel) for rel in sorted(files)
            if rel.split("/", 1)[0] in CONTENT_FOLDERS and not any(part.startswith(".") for part in rel.split("/"))]


def load_corpus(root: Path, files: Mapping[str, bytes] | None = None) -> Corpus:
    """Load everything under `root`. Without readable vocabularies, only their findings.

    `files`: the repository's files as a commit has them (path -> bytes), instead of the working
    tree; `root` stays the repository, whose configuration and templates the renderers use."""
    vocabulary, findings = load_vocabulary(root, files)
    corpus = Corpus(root=root, vocabulary=vocabulary, load_findings=findings)
    if vocabulary is None:
        return corpus
    context = {"vocabulary": vocabulary}
    for file, rel in _content_files(root) if files is None else _committed_content_files(files):
        if rel.endswith(".md"):
            doc = load_document(file, rel, context, findings)
            if doc is not None:
                corpus.documents.append(doc)
        elif rel.endswith(DATA_SUFFIXES):
            dataset = load_dataset(file, rel, context, findings)
            if dataset is not None:
                corpus.datasets.append(dataset)
    corpus.rounds = load_rounds(root, files, context, findings)  # remiss/: the remiss rounds and answers
    return corpus
