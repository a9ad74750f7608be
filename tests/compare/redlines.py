"""Every redline (ändringsmarkerad Word file) of this repository's build, with the plain Word files of
the two versions it compares: the newer from the same build, the older made by `avtal docx --version`.
Shared by the two oracles' test modules (test_redline_exact.py, test_redline_libreoffice.py)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from avtal_process import run_avtal
from conftest import REPO_ROOT

NAME = re.compile(r"^(?P<id>.+)_v(?P<new>[0-9.]+)_andringar_fran_v(?P<old>[0-9.]+)\.docx$")


@dataclass(frozen=True)
class Redline:
    path: Path
    doc_id: str
    new: Path  # the newer version's plain Word file
    old: Path  # the older version's


def _avtal(*args: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = run_avtal(args, cwd=REPO_ROOT, env=env)  # a process of its own (tests/avtal_process.py)
    assert done.returncode == 0, done.stdout + done.stderr


def build_redlines(tmp: Path, out: Path) -> list[Redline]:
    """The redlines of `out`, this repository's build (the `repository_build` fixture, read only)."""
    found = []
    for path in sorted((out / "docx").glob("*_andringar_fran_v*.docx")):
        match = NAME.match(path.name)
        old = tmp / f"{match['id']}_v{match['old']}.docx"
        _avtal("docx", match["id"], "--version", match["old"], "-o", str(old))
        found.append(Redline(path, match["id"], out / "docx" / f"{match['id']}_v{match['new']}.docx", old))
    return found
