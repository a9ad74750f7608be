"""The remiss rounds: `remiss/<round>/remiss.yaml` and the answers in `remiss/<round>/svar/*.yaml`.

Read with the same strict YAML and findings as the documents' data, into `Corpus.rounds`. The
folder is no content folder (layout.py): an answer is no part of a document's text, so the history
and the version discipline never see it. Other files in a round's folder (the Word files that
came in, for the record) are left alone; a YAML file where none is read is a warning, and a
symbolic link is never followed (AV015, as everywhere).

    load_rounds(files, context, findings)
      ├─ files_under     the files under remiss/, sorted (working tree, or a commit's files)
      ├─ RoundFile       remiss.yaml ─▶ Round
      └─ AnswerFile      svar/<recipient>.yaml ─▶ Answer
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codes import finding
from ..findings import Finding
from .files import parse_yaml_file
from .layout import DATA_SUFFIXES, REMISS_FOLDER
from .models.remiss import ROUND_ID_PATTERN, Answer, Round
from .validation import validate
from .yamlsafe import Parsed, Pos

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


def load_rounds(files, context: dict, findings: list[Finding]) -> list[RoundFile]:
    """Every round under remiss/, with its answers; every problem is a finding at its file and line.

    `files` is where they are read from: the working tree or a commit (boundary.py)."""
    rounds: dict[str, RoundFile] = {}

    def round_of(round_id: str) -> RoundFile:
        if round_id not in rounds:
            rounds[round_id] = RoundFile(round_id, f"{REMISS_FOLDER}/{round_id}/{ROUND_FILE}", None, Parsed(None))
        return rounds[round_id]

    paths, problems = files.files_under(REMISS_FOLDER)
    findings.extend(problems)
    for rel in paths:
        parts = rel.split("/")
        is_yaml = rel.endswith(DATA_SUFFIXES)
        if len(parts) == 3 and parts[2] == ROUND_FILE:
            current = round_of(parts[1])
            parsed, _ = parse_yaml_file(files, rel, findings)
            if parsed is not None:
                current.parsed = parsed
                current.round, problems = validate(Round, parsed, rel, 0, context)
                findings.extend(problems)
        elif len(parts) == 4 and parts[2] == ANSWERS_FOLDER and is_yaml:
            parsed, _ = parse_yaml_file(files, rel, findings)
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
