"""Only the repository is read: a symbolic link, or a path out of the repository, is a finding
at its own path, and nothing of what it points to reaches the site or the Word files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO_ROOT, Repo, document
from sample_images import png

SECRET = "HEMLIG-7431"  # in every file outside the repository: it must never show up in build/
PASSWD = Path("/etc/passwd").read_bytes().split(b"\n")[0]

DATA = "kind: responsibilities\ndocument: plan\nitems:\n  - {{id: A01, activity: {secret}, responsible: region}}\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository with a valid document, data file and image of its own."""
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "hemlig.md").write_text(document(f"Text: {SECRET}.\n", id="hemlig", title=SECRET), encoding="utf-8")
    (folder / "hemlig.yaml").write_text(DATA.format(secret=SECRET), encoding="utf-8")
    (folder / "hemlig.png").write_bytes(png(colour=b"\x07\x43\x31") + SECRET.encode())
    return folder


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A repository with a site, built once: each test starts from a copy, previous build included."""
    repo = Repo(tmp_path_factory.mktemp("built") / "repo")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    repo.doc("plan", "\nAnsvaret:\n\n[Ansvaret](ansvar.yaml)\n")
    repo.write("plans/ansvar.yaml", DATA.format(secret="Samordning"))
    result = repo.avtal("build")
    assert result.code == 0, result.stdout + result.stderr
    return repo.root


def _copy_of(root: Path, tmp_path: Path) -> Repo:
    repo = Repo.__new__(Repo)
    repo.root = tmp_path / "kopia"
    shutil.copytree(root, repo.root, symlinks=True)
    return repo


def _built_bytes(root: Path) -> bytes:
    build = root / "build"
    return b"".join(p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()) if build.exists() else b""


LINKS = {
    # name: (link in the repository, what it points to, a document line that uses it or None)
    "document outside": ("plans/extern.md", "hemlig.md", None),
    "document to /etc/passwd": ("plans/losen.md", "/etc/passwd", None),
    "data file outside": ("plans/extern.yaml", "hemlig.yaml", None),
    "folder outside": ("plans/extern", ".", None),
    "image outside": ("plans/bild.png", "hemlig.png", "![Bild](bild.png)"),
    "image to /etc/passwd": ("plans/losen.png", "/etc/passwd", "![Lösen](losen.png)"),
    "image in a linked folder": ("plans/bilder", ".", "![Bild](bilder/hemlig.png)"),
    "vocabulary outside": ("schema/roller.yaml", "/etc/passwd", None),
    "Word template outside": ("templates/referens.docx", "/etc/passwd", None),
    "site page outside": ("webbplats/extern.md", "hemlig.md", None),
}


@pytest.mark.parametrize("name", LINKS)
def test_a_symbolic_link_is_a_finding_and_nothing_of_its_target_is_built(built_once, tmp_path, outside, name):
    link, target, use = LINKS[name]
    repo = _copy_of(built_once, tmp_path)
    before = _built_bytes(repo.root)
    (repo.root / link).parent.mkdir(parents=True, exist_ok=True)
    if (repo.root / link).exists():
        (repo.root / link).unlink()
    os.symlink(target if target.startswith("/") else outside / target, repo.root / link)
    if use:
        repo.doc("plan", f"\nAnsvaret:\n\n[Ansvaret](ansvar.yaml)\n\n{use}\n")

    result = repo.avtal("check", "--format", "json")
    assert result.code == 1, result.stdout + result.stderr
    found = [(f["path"], f["code"]) for f in result.findings]
    assert (link, "AV015") in found, found
    if use:
        assert ("plans/plan.md", "AV015") in found, found
    assert "Traceback" not in result.stderr

    assert repo.avtal("build").code == 1
    assert _built_bytes(repo.root) == before
    assert SECRET.encode() not in before and PASSWD not in before


def test_a_linked_content_folder_is_refused(repo, outside):
    shutil.rmtree(repo.root / "plans", ignore_errors=True)
    os.symlink(outside, repo.root / "plans")
    findings = repo.check()
    assert [(f.path, f.code) for f in findings] == [("plans", "AV015")]
    assert "symbolisk länk" in findings[0].message


@pytest.mark.parametrize(("setting", "line"), [
    ("docs_dir: ../utanfor", 1), ("docs_dir: /etc", 1), ("INHERIT: ../utanfor/bas.yml", 1),
    ("theme:\n  name: material\n  custom_dir: ../utanfor", 3),
])
def test_mkdocs_may_publish_only_folders_inside_the_repository(repo, outside, setting, line):
    repo.doc("plan")
    repo.write("mkdocs.yml", f"site_name: Test\n{setting}\n")
    assert [(f.path, f.line, f.code) for f in repo.check()] == [("mkdocs.yml", line + 1, "AV015")]


def test_a_linked_mkdocs_configuration_is_refused(repo, outside):
    repo.doc("plan")
    (outside / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: /\n", encoding="utf-8")
    os.symlink(outside / "mkdocs.yml", repo.root / "mkdocs.yml")
    assert [(f.path, f.code) for f in repo.check()] == [("mkdocs.yml", "AV015")]


def test_an_image_path_out_of_the_repository_is_refused_without_reading_it(repo, outside):
    repo.doc("plan", f"![a](../../utanfor/hemlig.png) ![b](/{outside.relative_to('/')}/hemlig.png)\n")
    found = [(f.code, f.column) for f in repo.check()]
    assert found == [("AV015", 1), ("AV015", 32)]


@pytest.mark.parametrize(("text", "code", "line"), [
    ("site_name: Test\nnav: [a\n", "AV009", 3),  # a list never closed: where YAML notices
    ("site_name: Test\ntheme:\n\tname: material\n", "AV009", 3),  # a tab in the indent
    ("site_name: Test\x01\n", "AV016", 1),  # a control character
])
def test_a_mkdocs_configuration_yaml_cannot_read_is_a_finding_and_the_word_file_is_refused(repo, text, code, line):
    """The site and `avtal docx` both read mkdocs.yml: the check says what is wrong instead of a crash later."""
    repo.doc("plan")
    repo.write("mkdocs.yml", text)
    assert [(f.path, f.line, f.code) for f in repo.check()] == [("mkdocs.yml", line, code)]
    done = repo.avtal("docx", "plan", "-o", str(repo.root / "plan.docx"))
    assert done.code == 1 and "internt fel" not in done.stderr
    assert not (repo.root / "plan.docx").exists()
