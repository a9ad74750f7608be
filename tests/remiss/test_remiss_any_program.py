"""A response form answered in any word processor: filled in LibreOffice (which drops the controls' tags on save)
it is read from its layout as the same answer as the form filled in Word; text written outside the fields is
reported with where it stands, never dropped without a word; an answer too large for the check is not written."""

from __future__ import annotations

import io
import shutil

import docx
import pytest

from conftest import GitRepo
from remiss.fixture import BORLANGE_FORM, BORLANGE_YAML, ROUND, fill_form, make_round
from remiss.libreoffice import SOFFICE, Cell, Typed, fill_in_libreoffice
from remiss.test_remiss_rules import files

SVAR = f"remiss/{ROUND}/svar"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> GitRepo:
    return make_round(GitRepo(tmp_path_factory.mktemp("remiss") / "repo"))


@pytest.fixture(scope="module")
def form(made, tmp_path_factory) -> bytes:
    target = tmp_path_factory.mktemp("mall") / "borlange.docx"
    result = made.avtal("remiss", "form", ROUND, "--recipient", "Borlänge kommun", "-o", str(target))
    assert result.code == 0, result.stdout + result.stderr
    return target.read_bytes()


@pytest.fixture
def repo(made, tmp_path) -> GitRepo:
    copy = tmp_path / "kopia"
    shutil.copytree(made.root, copy)
    clone = GitRepo.__new__(GitRepo)
    clone.root, clone.day = copy, 10
    return clone


def _import(repo: GitRepo, name: str, data: bytes):
    (repo.root / name).write_bytes(data)
    return repo.avtal("remiss", "import", ROUND, name)


def _row(data: bytes, ref: str) -> tuple[int, int]:
    """The table and row (from 1, as LibreOffice names cells) that hold a section, found by its hidden name."""
    document = docx.Document(io.BytesIO(data))
    for t, table in enumerate(document.tables):
        for r, row in enumerate(table.rows, 1):
            if f"[avtal:s:{ref}:r]" in row.cells[0].text:
                return t, r
    raise AssertionError(ref)


def _libreoffice_steps(form: bytes) -> list:
    """BORLANGE_FORM as a person types it in LibreOffice: over each field's grey text, or into a table cell."""
    agreement, row = _row(form, "overenskommelse#lakarmedverkan")
    annex, annex_row = _row(form, "bilaga-lakemedel#ordination")
    lines = {tag: value if isinstance(value, list) else [value] for tag, value in BORLANGE_FORM.items()}
    return [
        Typed("Ert diarienummer för svaret", 0, lines["avtal:diarienummer"]),
        Typed("Välj datum", 1, lines["avtal:beslutsdatum"]),  # the later one first: the earlier keeps its number
        Typed("Välj datum", 0, lines["avtal:datum"]),
        Typed("Till exempel Socialnämnden", 0, lines["avtal:organ"]),
        Typed("Paragrafens nummer", 0, lines["avtal:paragraf"]),
        Typed("Skriv en kort sammanfattning av ert svar.", 0, lines["avtal:sammanfattning"]),
        Typed("Välj ställningstagande", 2, lines["avtal:f:f3:s"]),
        Typed("Välj ställningstagande", 0, lines["avtal:f:f1:s"]),
        Typed("Skriv er kommentar till frågan.", 0, lines["avtal:f:f1:k"]),
        Cell(agreement, f"B{row}", lines["avtal:s:overenskommelse#lakarmedverkan:k"]),
        Cell(annex, f"C{annex_row}", lines["avtal:s:bilaga-lakemedel#ordination:l"]),
        # and a sentence outside every field, under the instructions for the sections
        Typed("Lämna raden tom när ni inte har någon synpunkt.", 0,
              ["Lämna raden tom när ni inte har någon synpunkt.", "Vi skickar fler synpunkter i ett brev."]),
    ]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_form_filled_and_saved_in_libreoffice_imports_the_same_answer_as_word(repo, form, tmp_path):
    source = tmp_path / "mall.docx"
    source.write_bytes(form)
    data = fill_in_libreoffice(source, tmp_path / "borlange.docx", _libreoffice_steps(form), tmp_path)
    xml = docx.Document(io.BytesIO(data)).element.xml
    assert "w:tag" not in xml and "[avtal:datum]" in xml  # the tags are gone, the hidden field names survived
    assert "[avtal:s:overenskommelse#lakarmedverkan:r]" in xml  # and so have the sections' ids in the rows
    result = _import(repo, "borlange.docx", data)
    assert result.code == 0, result.stdout + result.stderr
    assert (repo.root / SVAR / "borlange-kommun.yaml").read_text("utf-8") == BORLANGE_YAML
    assert "ur svarsmallens layout" in result.stdout
    outside = [line for line in result.stdout.splitlines() if "AV836" in line]
    assert len(outside) == 1 and '"Vi skickar fler synpunkter i ett brev."' in outside[0]
    assert "Lämna raden tom när ni inte har någon synpunkt." in outside[0]  # where it stands


def _with_paragraph_after(data: bytes, after: str, text: str) -> bytes:
    document = docx.Document(io.BytesIO(data))
    paragraph = next(p for p in document.paragraphs if p.text == after)
    added = document.add_paragraph(text)._p
    paragraph._p.addnext(added)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_text_written_outside_the_fields_in_word_is_reported_and_the_answer_imported(repo, form):
    filled = fill_form(form, BORLANGE_FORM)
    data = _with_paragraph_after(filled, "Tillstyrker ni förslaget till överenskommelse?", "Se även vårt yttrande.")
    result = _import(repo, "borlange.docx", data)
    assert result.code == 0, result.stdout + result.stderr
    assert (repo.root / SVAR / "borlange-kommun.yaml").read_text("utf-8") == BORLANGE_YAML
    lines = [line for line in result.stdout.splitlines() if "AV836" in line]
    assert len(lines) == 1 and "varning" in lines[0], result.stdout
    assert '"Se även vårt yttrande."' in lines[0] and '(efter "Tillstyrker ni förslaget till överenskommelse?")' in lines[0]


def test_an_answer_larger_than_the_check_allows_is_refused_with_the_limit_and_not_written(repo, form):
    from avtal.source.files import MAX_BYTES

    long = ["Ett långt svar. " * 60] * (MAX_BYTES // 900)
    data = fill_form(form, {**BORLANGE_FORM, "avtal:sammanfattning": long})
    before = files(repo)
    result = _import(repo, "stort.docx", data)
    assert result.code == 1, result.stdout + result.stderr
    assert "AV837" in result.stdout and "gränsen är 1 MiB" in result.stdout and "Inget skrevs." in result.stderr
    after = files(repo)
    after.pop("stort.docx")
    assert after == before


def test_without_controls_a_heading_written_in_ends_the_field_before_it_and_is_reported(repo, form):
    from remiss.test_remiss_form import _without_controls

    document = docx.Document(io.BytesIO(_without_controls(fill_form(form, BORLANGE_FORM))))
    heading = next(p for p in document.paragraphs if p.text == "Fråga 2")
    heading.add_run(" – se vårt brev")
    out = io.BytesIO()
    document.save(out)
    result = _import(repo, "borlange.docx", out.getvalue())
    assert result.code == 0, result.stdout + result.stderr
    assert (repo.root / SVAR / "borlange-kommun.yaml").read_text("utf-8") == BORLANGE_YAML  # comment 1 as it was
    lines = [line for line in result.stdout.splitlines() if "AV836" in line]
    assert len(lines) == 1 and '"Fråga 2 – se vårt brev"' in lines[0], result.stdout
