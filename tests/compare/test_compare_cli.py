"""`avtal compare` and `avtal docx --version` on the command line: the formats, and bad input, each a
Swedish message and exit 2, without a traceback and without a file written."""

from __future__ import annotations

import subprocess

import pytest

from compare.history import make_history
from conftest import GitRepo


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> GitRepo:
    return make_history(GitRepo(tmp_path_factory.mktemp("historik") / "repo"))


def _refused(result, *words: str) -> None:
    assert result.code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("avtal: fel: ") and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["--from", "0.9"], ["aldrig haft version 0.9", "0.1, 0.2, 0.3"]),
    (["--from", "finnsinte"], ["revisionen finnsinte finns inte"]),
    (["--from", "0.3"], ["samma version (0.3)"]),
    (["--from", "0.2", "--to", "0.2"], ["samma version (0.2)"]),
    (["--from", "HEAD~3", "--to", "0.3", "dokument:ny"], ["fanns inte i HEAD~3"]),
])
def test_bad_input_is_a_swedish_usage_error_and_writes_nothing(history, tmp_path, args, words):
    doc = "plan"
    if "dokument:ny" in args:
        args = [a for a in args if a != "dokument:ny"]
        history.write("plans/ny.md", history.root.joinpath("plans/annan.md").read_text("utf-8").replace("id: annan", "id: ny"))
        history.commit("Ett nytt dokument")
        doc = "ny"
    target = tmp_path / "ut.docx"
    result = history.avtal("compare", doc, *args, "--format", "docx", "-o", str(target))
    _refused(result, *words)
    assert not target.exists()
    if doc == "ny":
        history.git("reset", "-q", "--hard", "HEAD~1")


def test_docx_of_a_version_that_never_existed(history, tmp_path):
    target = tmp_path / "v.docx"
    _refused(history.avtal("docx", "plan", "--version", "1.4", "-o", str(target)), "aldrig haft version 1.4")
    assert not target.exists()


def test_a_shallow_clone_without_the_older_commit_says_how_to_fetch_it(history, tmp_path):
    clone = tmp_path / "grund"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone)], check=True)
    for name in ("schema",):
        assert (clone / name).is_dir()
    result = GitRepo.__new__(GitRepo)
    result.root, result.day = clone, 0
    target = tmp_path / "x.docx"
    answer = result.avtal("compare", "plan", "--from", "0.1", "--format", "docx", "-o", str(target))
    _refused(answer, "grund klon", "git fetch --unshallow")
    assert not target.exists()
    _refused(result.avtal("compare", "plan", "--from", history.git("rev-parse", "HEAD~3"), "--format", "md"),
             "git fetch --unshallow")


def test_html_and_markdown_formats(history, tmp_path):
    html = history.avtal("compare", "plan", "--from", "0.1", "--format", "html")
    assert html.code == 0 and html.stdout.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html.stdout
    assert "<ins><span class=\"avtal-visually-hidden\">Tillagd text: </span>hemmet, oavsett boendeform,</ins>" in html.stdout
    target = tmp_path / "a.html"
    assert history.avtal("compare", "plan", "--from", "0.1", "--format", "html", "-o", str(target)).code == 0
    assert target.read_text("utf-8") == html.stdout
    md = history.avtal("compare", "plan", "--from", "0.2", "--to", "0.3")
    assert md.code == 0
    assert "Planen gäller från den 1 <del>januari</del><ins>april</ins> 2027." in md.stdout
    assert "### Kommunikation (nytt avsnitt)" in md.stdout and "### Läkarmedverkan (borttaget avsnitt)" in md.stdout


def test_markdown_for_a_pull_request_covers_every_changed_document(history):
    history.write("plans/annan.md", history.root.joinpath("plans/annan.md").read_text("utf-8") + "\nEn *ny* mening.\n")
    try:
        result = history.avtal("compare", "--base", "HEAD~1", "--format", "md")
        assert result.code == 0, result.stderr
        assert "## Implementeringsplan för prov (`plan`): version 0.2 → 0.3" in result.stdout
        assert "## En annan plan (`annan`): version 0.1" in result.stdout
        assert "<ins>En ny mening.</ins>" in result.stdout  # the rendered text, not the Markdown source
        unchanged = history.avtal("compare", "--base", "HEAD", "--format", "md")
        assert "annan" in unchanged.stdout and "`plan`" not in unchanged.stdout
    finally:
        history.git("checkout", "-q", "--", "plans/annan.md")
    _refused(history.avtal("compare", "--base", "saknas", "--format", "md"), "revisionen saknas finns inte")


def test_a_version_can_be_named_by_a_git_revision(history, tmp_path):
    tag = history.git("rev-parse", "HEAD~2")  # 0.2 before its later fix
    result = history.avtal("compare", "plan", "--from", tag, "--to", "0.2")
    assert result.code == 0 and "ledds" in result.stdout and "<del>ledds</del><ins>leds</ins>" in result.stdout


def test_an_earlier_version_shows_the_images_it_had(git_repo, tmp_path):
    """An earlier version is rendered with its own images, read from its commit, not today's files."""
    import zipfile

    from sample_images import png

    old_image, new_image = png(2, 1), png(3, 3, colour=b"\x00\x00\x00")
    git_repo.write("plans/bilder/tidplan.png", old_image)
    git_repo.doc("plan", "![Tidplanen](bilder/tidplan.png)\n")
    git_repo.commit("Version 0.1 med bild")
    git_repo.write("plans/bilder/tidplan.png", new_image)
    git_repo.doc("plan", "![Tidplanen](bilder/tidplan.png)\n\nMer text.\n", version='"0.2"')
    git_repo.commit("Version 0.2 med ny bild")
    for version, image in (("0.1", old_image), ("0.2", new_image)):
        target = tmp_path / f"plan-{version}.docx"
        result = git_repo.avtal("docx", "plan", "--version", version, "-o", str(target))
        assert result.code == 0, result.stderr
        with zipfile.ZipFile(target) as archive:
            media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
        assert media == [image], version
