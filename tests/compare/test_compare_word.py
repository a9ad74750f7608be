"""Word tracked changes between versions of a real history, read back and resolved in the XML.

For each pair of versions: accepting every revision gives the text of `avtal docx --version` of
the newer version, rejecting every revision the older one's; the moved section is reported; the
ids are unique; the file is byte-reproducible; LibreOffice opens it and converts it to PDF (and a
PNG of a page is saved for people to look at)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from compare.history import make_history
from compare.wordtext import read_text, revision_ids, w
from conftest import REPO_ROOT, GitRepo

PAIRS = [("0.1", "0.2"), ("0.2", "0.3"), ("0.1", "0.3")]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "word"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> GitRepo:
    return make_history(GitRepo(tmp_path_factory.mktemp("historik") / "repo"))


@pytest.fixture(scope="module")
def files(history, tmp_path_factory) -> dict:
    """The comparison files of every pair, and each version's own Word file, made by the real command line."""
    out = tmp_path_factory.mktemp("filer")
    made = {}
    for version in ("0.1", "0.2", "0.3"):
        target = out / f"plan_{version}.docx"
        result = history.avtal("docx", "plan", "--version", version, "-o", str(target))
        assert result.code == 0, result.stderr
        made[version] = target
    for old, new in PAIRS:
        target = out / f"plan_{old}_{new}.docx"
        result = history.avtal("compare", "plan", "--from", old, "--to", new, "--format", "docx", "-o", str(target))
        assert result.code == 0, result.stderr
        made[(old, new)] = target
    return made


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_accepting_every_change_gives_the_newer_version_and_rejecting_the_older(files, old, new):
    redline = files[(old, new)]
    assert read_text(redline, "ins") == read_text(files[new], "ins")
    assert read_text(redline, "del") == read_text(files[old], "ins")
    assert read_text(files[old], "ins") != read_text(files[new], "ins")


def test_every_kind_of_change_is_a_native_revision(files):
    with zipfile.ZipFile(files[("0.1", "0.2")]) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        footnotes = etree.fromstring(archive.read("word/footnotes.xml"))
    deleted = ["".join(t.text for t in d.iter(w("delText"))) for d in document.iter(w("del")) if d.getparent().tag != w("rPr")]
    inserted = ["".join(t.text for t in i.iter(w("t"))) for i in document.iter(w("ins")) if i.getparent().tag != w("rPr")]
    assert "ordinärt boende" in deleted and "hemmet, oavsett boendeform," in inserted  # one change, not fragments
    assert "Regionen ansvarar för läkarinsatser dygnet runt." in deleted
    assert "Varje kommun utser en kontaktperson för omställningen." in inserted
    assert "Referensgruppen lämnar synpunkter." in inserted
    assert " och utvärdering" in inserted  # the renamed heading
    assert " skriftlig" in inserted  # the glossary definition the document shows
    assert not list(document.iter(w("t"))) or all("\ufdd0" not in (t.text or "") for t in document.iter(w("t")))
    # Whole paragraphs: their paragraph marks are revisions too.
    marks = {m.getparent().getparent().getparent().xpath("string()"): m.tag for m in document.iter(w("ins"), w("del"))
             if m.getparent().tag == w("rPr")}
    assert marks["Regionen ansvarar för läkarinsatser dygnet runt."] == w("del")
    assert marks["Varje kommun utser en kontaktperson för omställningen."] == w("ins")
    # Table rows: one inserted, one deleted, as rows.
    rows = {tuple(c.xpath("string()") for c in r.iter(w("tc"))): m.tag for r in document.iter(w("tr"))
            for m in r.iterfind(f"{w('trPr')}/*") if m.tag in (w("ins"), w("del"))}
    assert rows == {("Länet", "Samordning"): w("del"), ("Vårdcentralen", "Läkarmedverkan"): w("ins")}
    # The footnote's own text has its revision in the footnotes part.
    assert [t.text for i in footnotes.iter(w("ins")) for t in i.iter(w("t"))] == [", 12 kap. 2 §."]


def test_the_moved_section_is_reported_as_moved(files, history):
    word = docx.Document(str(files[("0.1", "0.2")]))
    texts = [p.text for p in word.paragraphs]
    assert "Ändringsmarkerad version: ändringar från version 0.1 till 0.2" in texts
    assert any(t.startswith("Flyttat avsnitt: Läkarmedverkan.") for t in texts)
    result = history.avtal("compare", "plan", "--from", "0.1", "--to", "0.2", "--format", "docx",
                           "-o", str(files[("0.1", "0.2")].parent / "igen.docx"))
    assert "flyttade avsnitt: Läkarmedverkan" in result.stdout


def test_revisions_have_unique_ids_one_author_and_the_newer_commit_date(files, history):
    data = files[("0.1", "0.2")].read_bytes()
    ids = revision_ids(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    bookmarks = [b.get(w("id")) for b in document.iter(w("bookmarkStart"))]
    assert len(ids) > 10 and len(set(ids)) == len(ids) and not set(ids) & set(bookmarks)
    authors = {e.get(w("author")) for e in document.iter(w("ins"), w("del"))}
    dates = {e.get(w("date")) for e in document.iter(w("ins"), w("del"))}
    assert authors == {"Omställningsledare"}  # the document's owner role
    commit_date = history.git("log", "-1", "--format=%cI", "HEAD~1")  # the last commit that had 0.2
    assert dates == {"2026-10-03T10:00:00Z"} and commit_date == "2026-10-03T12:00:00+02:00"


def test_the_author_is_a_setting(history, tmp_path):
    target = tmp_path / "a.docx"
    assert history.avtal("compare", "plan", "--from", "0.1", "--format", "docx", "-o", str(target),
                         "--author", "Kansliet").code == 0
    with zipfile.ZipFile(target) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    assert {e.get(w("author")) for e in document.iter(w("ins"), w("del"))} == {"Kansliet"}


def test_the_comparison_file_is_byte_reproducible(history, tmp_path):
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    for target in (first, second):
        assert history.avtal("compare", "plan", "--from", "0.1", "--format", "docx", "-o", str(target)).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_an_earlier_version_is_rendered_as_it_was(files):
    text = read_text(files["0.1"], "ins")
    assert "Regionen ansvarar för läkarinsatser dygnet runt." in text
    assert "En begäran om hälso- och sjukvård i hemmet." in text  # the glossary as it stood then
    word = docx.Document(str(files["0.1"]))
    history_table = next(t for t in word.tables if t.rows[0].cells[0].text == "Version")
    assert [row.cells[0].text for row in history_table.rows] == ["Version", "0.1"]  # no later versions
    assert word.core_properties.version == "0.1"


@pytest.mark.skipif(not SOFFICE or not PDFTOPPM, reason="LibreOffice or poppler is missing: run make test")
def test_libreoffice_opens_the_comparison_and_shows_the_changes(files, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path / "lo-profile"
    sources = [files[pair] for pair in PAIRS]
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *map(str, sources)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    for source in sources:
        pdf = tmp_path / f"{source.stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    png = ARTIFACTS / "andringsmarkerad"
    subprocess.run([PDFTOPPM, "-png", "-r", "70", "-f", "2", "-l", "2", "-singlefile",
                    str(tmp_path / f"{sources[0].stem}.pdf"), str(png)], check=True)
    assert Path(f"{png}.png").stat().st_size > 10_000
