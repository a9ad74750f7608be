"""Shared fixtures: small real repositories in temporary folders, and the real command line."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = ["parter.yaml", "organ.yaml", "roller.yaml", "statusar.yaml", "dokumenttyper.yaml"]

TYPE_FOLDERS = {"överenskommelse": "agreement", "bilaga": "annexes"}


def front_matter(**fields) -> str:
    """Front matter for a valid draft; keyword arguments override or (with None) remove fields."""
    values = {
        "id": "plan",
        "title": "En plan",
        "type": "implementeringsplan",
        "version": '"0.1"',
        "status": "utkast",
        "date": "2026-11-22",
        "applies_to": "Hälsa och välfärd",
        "owner": "Omställningsledare",
        "parties": "alla",
    }
    values.update(fields)
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def required_sections(type_name: str) -> str:
    """The headings a document type must have, read from the real vocabulary."""
    import yaml

    types = yaml.safe_load((REPO_ROOT / "schema" / "dokumenttyper.yaml").read_text(encoding="utf-8"))["types"]
    spec = next((t for t in types if t["name"] == type_name), {"required_sections": []})
    return "".join(f"\n## {s['heading']} {{#{s['id']}}}\n\nText.\n" for s in spec["required_sections"])


def document(body: str = "", **fields) -> str:
    """A whole valid document of the given type, with `body` after the required sections."""
    type_name = fields.get("type", "implementeringsplan")
    return front_matter(**fields) + required_sections(type_name) + "\n" + textwrap.dedent(body)


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[dict]:
        return json.loads(self.stdout)


class Repo:
    """A temporary repository with the real vocabularies and files the test writes."""

    def __init__(self, root: Path):
        self.root = root
        (root / "schema").mkdir(parents=True)
        for name in VOCABULARY:
            shutil.copy(REPO_ROOT / "schema" / name, root / "schema" / name)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    def doc(self, doc_id: str, body: str = "", folder: str | None = None, **fields) -> Path:
        fields.setdefault("id", doc_id)
        type_name = fields.get("type", "implementeringsplan")
        folder = folder or TYPE_FOLDERS.get(type_name, "plans")
        return self.write(f"{folder}/{doc_id}.md", document(body, **fields))

    def avtal(self, *args: str, cwd: Path | None = None) -> Result:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("AVTAL_DEBUG", None)
        done = subprocess.run(
            [sys.executable, "-m", "avtal", *args], cwd=cwd or self.root, capture_output=True, text=True, env=env
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def check(self) -> list:
        """In-process check: the findings as (path, line, code) for compact assertions."""
        from avtal.rules.check import check

        _, findings = check(self.root)
        return findings

    def codes(self) -> list[tuple[str, int, str]]:
        return [(f.path, f.line, f.code) for f in self.check()]

    def snapshot(self) -> dict[str, str]:
        return {
            p.relative_to(self.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.root.rglob("*"))
            if p.is_file()
        }


class GitRepo(Repo):
    """A Repo under git, with commits at fixed dates so that logs are predictable."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.day = 0
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "Anna Redaktör", "GIT_AUTHOR_EMAIL": "anna@example.org",
               "GIT_COMMITTER_NAME": "Anna Redaktör", "GIT_COMMITTER_EMAIL": "anna@example.org"}
        if args and args[0] in ("commit", "merge"):
            self.day += 1
            stamp = f"2026-10-{self.day:02d}T12:00:00+02:00"
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env)
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
        return done.stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "git-repo")
