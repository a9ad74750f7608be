"""The remiss rounds: `remiss/<round>/remiss.yaml` and the answers in `remiss/<round>/svar/*.yaml`.

Read with the same strict YAML and findings as the documents' data, into `Corpus.rounds`. The
folder is no content folder (layout.py): an answer is no part of a document's text, so the history
and the version discipline never see it. Other files in a round's folder (the Word files that
came in, for the record) are left alone; a YAML file where none is read is a warning, and a
symbolic link is never followed.

    load_rounds(root, files, context, findings)
      ├─ _round_paths    the files under remiss/, sorted (working tree, or a commit's files)
      ├─ RoundFile       remiss.yaml ─▶ Round
      └─ AnswerFile      svar/<recipient>.yaml ─▶ Answer
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..codes import finding
from ..findings import Finding
from .files import read_source
from .layout import DATA_SUFFIXES, REMISS_FOLDER
from .models.remiss import ROUND_ID_PATTERN, Answer, Round
from .validation import validate
from .yamlsafe import Parsed, Pos, parse_yaml

ROUND_FILE = "remiss.yaml"
ANSWERS_FOLDER = "svar"
_ROUND_ID_RE = re.compile(ROUND_ID_PATTERN)


@dataclass
class AnswerFile:
    path: str  # remiss/<round>/svar/<recipient>.yaml
    answer: Answer | None  # None when invalid: its findings are reported
    parsed: Parsed

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def key_pos(self, *key) -> Pos:
        return self.parsed.pos(key)


@dataclass
class RoundFile:
    id: str  # the folder's name
    path: str  # remiss/<round>/remiss.yaml
    round: Round | None  # None when missing or invalid
    parsed: Parsed
    answers: list[AnswerFile] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return f"{REMISS_FOLDER}/{self.id}"

    def key_pos(self, *key) -> Pos:
        return self.parsed.pos(key)


class _File:
    """One file under remiss/ for read_source: its bytes from the working tree (a regular file, found
    without following a link) or from a commit. It answers both ways a reader of sources is asked:
    as a file (stat, read_bytes) and as the place files are read from (read, size)."""

    def __init__(self, path: Path | None = None, data: bytes | None = None):
        self.path, self.data = path, data

    def size(self, rel: str | None = None) -> int:
        return len(self.data) if self.data is not None else self.path.lstat().st_size

    def read(self, rel: str | None = None, limit: int | None = None) -> bytes:
        if self.data is not None:
            return self.data if limit is None else self.data[: limit + 1]
        with open(self.path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit + 1)

    def stat(self):
        return os.stat_result((0, 0, 0, 0, 0, 0, self.size(), 0, 0, 0))

    def read_bytes(self) -> bytes:
        return self.read()


def _round_paths(root: Path, files: Mapping[str, bytes] | None, findings: list[Finding]) -> dict[str, _File]:
    """rel path -> something to read (a Path, or a commit's bytes), for every regular file under remiss/."""
    if files is not None:
        prefix = f"{REMISS_FOLDER}/"
        return {rel: _File(data=data) for rel, data in sorted(files.items()) if rel.startswith(prefix)}
    base = root / REMISS_FOLDER
    if not base.is_dir() or base.is_symlink():
        return {}
    found: dict[str, _File] = {}
    for folder, dirs, names in os.walk(base):  # symbolic links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            file = Path(folder) / name
            rel = file.relative_to(root).as_posix()
            if name.startswith("."):
                continue
            if file.is_symlink():
                findings.append(finding("AV807", rel, 1, 1, "Filen är en symbolisk länk och läses inte; lägg filen "
                                                             "själv i mappen"))
            elif file.is_file():
                found[rel] = _File(path=file)
    return dict(sorted(found.items()))


def _parse(file, rel: str, findings: list[Finding]) -> Parsed | None:
    source, problems = read_source(file, rel)
    findings.extend(problems)
    if source is None:
        return None
    parsed = parse_yaml(source.text)
    findings.extend(finding(p.code, rel, p.pos.line, p.pos.column, p.message) for p in parsed.problems)
    if parsed.problems:
        return None
    if not isinstance(parsed.value, dict):
        findings.append(finding("AV013", rel, 1, 1, "Innehållet ska vara en mappning (nyckel: värde), inte en lista "
                                                    "eller ett enstaka värde"))
        return None
    return parsed


def load_rounds(root: Path, files: Mapping[str, bytes] | None, context: dict, findings: list[Finding]) -> list[RoundFile]:
    """Every round under remiss/, with its answers; every problem is a finding at its file and line."""
    rounds: dict[str, RoundFile] = {}

    def round_of(round_id: str) -> RoundFile:
        if round_id not in rounds:
            rounds[round_id] = RoundFile(round_id, f"{REMISS_FOLDER}/{round_id}/{ROUND_FILE}", None, Parsed(None))
        return rounds[round_id]

    for rel, file in _round_paths(root, files, findings).items():
        parts = rel.split("/")
        is_yaml = rel.endswith(DATA_SUFFIXES)
        if len(parts) == 3 and parts[2] == ROUND_FILE:
            current = round_of(parts[1])
            parsed = _parse(file, rel, findings)
            if parsed is not None:
                current.parsed = parsed
                current.round, problems = validate(Round, parsed, rel, 0, context)
                findings.extend(problems)
        elif len(parts) == 4 and parts[2] == ANSWERS_FOLDER and is_yaml:
            parsed = _parse(file, rel, findings)
            answer, problems = validate(Answer, parsed, rel, 0, context) if parsed else (None, [])
            findings.extend(problems)
            round_of(parts[1]).answers.append(AnswerFile(rel, answer, parsed or Parsed(None)))
        elif is_yaml:
            where = f"remiss/<omgång>/{ROUND_FILE} eller remiss/<omgång>/{ANSWERS_FOLDER}/<remissinstans>.yaml"
            findings.append(finding("AV807", rel, 1, 1, f"Filen läses inte: en remissomgång har {where}"))
    for round_id, current in sorted(rounds.items()):
        if current.parsed.value is None and not any(f.path == current.path for f in findings):
            findings.append(finding("AV802", current.path, 1, 1,
                                    f"Remissomgången {round_id} har svar men ingen {ROUND_FILE}; skapa den med "
                                    f"avtal remiss new {round_id}"))
        if not _ROUND_ID_RE.match(round_id):
            findings.append(finding("AV801", current.path, 1, 1,
                                    f'Remissomgångens id "{round_id}" (mappens namn) är ogiltigt: använd små bokstäver '
                                    'a–z, siffror och bindestreck, till exempel "2027-1"'))
    return [rounds[key] for key in sorted(rounds)]
