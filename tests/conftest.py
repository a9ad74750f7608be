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
from hypothesis import settings

from avtal_process import run_avtal

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
        done = run_avtal(args, cwd=cwd or self.root, env=env)  # a process of its own (tests/avtal_process.py)
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


# -- This repository built once per test run -------------------------------------------------------
# Several modules read the repository's own site and Word files (test_site, test_site_browser,
# test_word). `avtal build` of the repository takes seconds of both cores, so it is made once per run
# into the run's shared temporary folder; under pytest-xdist the first worker that needs it builds it
# while holding a file lock, and the others wait and then read the same folder (measured on 2 cores:
# one build behind a lock is cheaper than one build per worker, which runs two builds at once).
# Tests only read it: one that changes a build makes its own.


def _run_folder(tmp_path_factory) -> Path:
    """The folder that every worker of this run shares (pytest's base temp for one process)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(autouse=True)
def _source_date_stays_with_its_test():
    """A test that renders in its own process pins SOURCE_DATE_EPOCH there (history/provenance.py: pin);
    left set, every later command of the worker would date its files by that test's commit."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    yield
    if before is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="session")
def repository_build(tmp_path_factory) -> Path:
    """`avtal build --out` of this repository, made once per run: build/site, build/docx, …"""
    import fcntl

    # AVTAL_TEST_BUILD_PER_WORKER=1 builds once per worker instead (to measure the two against each other).
    per_worker = os.environ.get("AVTAL_TEST_BUILD_PER_WORKER") == "1"
    shared = tmp_path_factory.getbasetemp() if per_worker else _run_folder(tmp_path_factory)
    out = shared / "repository-build"
    with open(shared / "repository-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (out / "manifest.json").is_file():
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            done = subprocess.run([sys.executable, "-m", "avtal", "build", "--out", str(out)], cwd=REPO_ROOT,
                                  capture_output=True, text=True, env=env)
            assert done.returncode == 0, done.stdout + done.stderr
    return out


# -- Markers: what a test needs, so that `make test-fast` can leave the slow kinds out -------------------
# A test is marked `browser` when it (or a fixture it uses) drives Chromium, and `libreoffice` when it
# runs soffice. New tests may mark themselves explicitly; the markers below are also found from the
# source of the test and its fixtures, so that a new test in an existing style is marked without help.

_NEEDS = {  # words in a test's (or its fixtures') source, or in its skip reasons
    "browser": ("chromium_page(", "sync_playwright", "CHROMIUM", "axe_violations(", "chromium or axe"),
    "libreoffice": ("SOFFICE", "UserInstallation", "LibreOffice is missing", "LibreOffice or"),
    # A whole site built by mkdocs (avtal build, mkdocs build, the preview server, a repository given
    # the site's folder to build): seconds each.
    "slow": ('avtal("build"', '"avtal", "build"', '"build", "--out"', "_mkdocs(", 'avtal("serve"', "repository_build",
             'REPO_ROOT / "webbplats"'),
}
_SLOW_FOLDERS = ("fuzz",)  # the property tests: hundreds of examples (make fuzz runs them at length)
_BROWSER_FIXTURES = {"browser"}  # tests/render/test_site_browser.py's shared Chromium


def _source_of(function) -> str:
    import inspect

    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


# -- Fewer examples for the edit loop -------------------------------------------------------------------
# `make test-fast` loads the hypothesis profile "fast" (--hypothesis-profile=fast): every property test runs
# at most the profile's max_examples. The tests set their own counts in @settings, which a profile cannot
# lower, so the cap is put on each test's settings here; without the profile (make test) every test keeps
# the count it asks for.
settings.register_profile("fast", max_examples=20)


def _cap_examples(item) -> None:
    test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))  # a method: its function
    own = getattr(test, "_hypothesis_internal_use_settings", None)  # what @settings gave (hypothesis reads it per run)
    cap = settings.get_profile("fast").max_examples
    if own is not None and own.max_examples > cap:
        test._hypothesis_internal_use_settings = settings(own, max_examples=cap)


def pytest_collection_modifyitems(config, items):
    fast = settings.get_current_profile_name() == "fast"
    for item in items:
        if fast:
            _cap_examples(item)
        function = getattr(item, "function", None)
        if function is None:
            continue
        sources = [_source_of(function)]
        sources += [str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif")]
        fixture_defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {}) or {}
        for defs in fixture_defs.values():
            sources += [_source_of(d.func) for d in defs if d.baseid]  # the project's fixtures, not pytest's
        text = "\n".join(sources)
        for marker, words in _NEEDS.items():
            if any(word in text for word in words):
                item.add_marker(marker)
        if _BROWSER_FIXTURES & set(item.fixturenames):
            item.add_marker("browser")
        if item.path.parent.name in _SLOW_FOLDERS:
            item.add_marker("slow")
    items[:] = _heaviest_files_first(items)


# -- The order of the files: the heaviest first -------------------------------------------------------------
# pytest-xdist (--dist loadfile) hands the files to the workers in the order collected. A long file that
# comes last keeps one worker busy while the other waits with nothing left to do; taken first, the short
# files fill in around it and the workers finish together. First the files that took longest in a whole
# run (make test, 2026-12-07, longest first; a file missing here or renamed only loses its place), then
# the others by their tests: one that runs LibreOffice, Chromium or a whole build (the markers above) takes
# seconds, the others a fraction of one. The tests of a file keep their order.
_LONGEST = ("source/test_init.py", "render/test_site_browser.py", "remiss/test_remiss_form.py",
            "remiss/test_remiss_compile.py", "decisions/test_verify_pdf.py", "compare/test_redline_libreoffice.py",
            "decisions/test_editorial.py", "source/test_new.py", "history/test_changelog.py", "render/test_site.py",
            "render/test_site_engine.py", "render/test_injection.py", "render/test_word.py", "fuzz/test_fuzz.py")
_HEAVY = ("browser", "libreoffice", "slow")


def _heaviest_files_first(items: list) -> list:
    tests = Path(__file__).parent
    measured = {tests / name: len(_LONGEST) - n for n, name in enumerate(_LONGEST)}
    weight: dict = {}
    for item in items:
        heavy = any(item.get_closest_marker(marker) for marker in _HEAVY)
        weight[item.path] = weight.get(item.path, 0) + (10 if heavy else 1)
    position = {path: n for n, path in enumerate(weight)}  # ties keep the collected order
    return sorted(items, key=lambda item: (-measured.get(item.path, 0), -weight[item.path], position[item.path]))
