"""The schema line of a data file, so that editors complete and check it.

    # yaml-language-server: $schema=../schema/risks.schema.json

Editors built on the YAML language server (VS Code with Red Hat's YAML extension, Neovim,
Helix, Zed, Sublime's LSP-yaml, Emacs' lsp-mode) read this comment and use the JSON Schema
that `avtal schema` writes for the file's kind. The path is relative to the data file, so it
works in any clone. To YAML it is a comment, so the strict loader reads past it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .layout import SCHEMA_FOLDER

PREFIX = "# yaml-language-server: $schema="
_MODELINE_RE = re.compile(r"^#\s*yaml-language-server\s*:\s*\$schema=(?P<value>\S*)", re.MULTILINE)


def schema_file(kind: str) -> str:
    """The repository path of the JSON Schema for a kind of data file."""
    return f"{SCHEMA_FOLDER}/{kind}.schema.json"


def modeline(data_path: str, kind: str) -> str:
    """The line that names the schema of `kind`, for the data file at `data_path` (repository path)."""
    return PREFIX + posixpath.relpath(schema_file(kind), posixpath.dirname(data_path) or ".")


@dataclass(frozen=True)
class Modeline:
    line: int
    column: int
    value: str


def find_modeline(text: str) -> Modeline | None:
    """The schema line of a data file, if it has one (the first, as the language server reads it)."""
    match = _MODELINE_RE.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return Modeline(line, 1, match["value"])
