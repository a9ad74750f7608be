"""The Word renderer's shortcuts past python-docx give what python-docx's own API gives."""

from __future__ import annotations

import docx

from avtal.render.word import oxml
from avtal.render.word.body import _grid_table, grid_cells
from avtal.render.word.template import make_template
from conftest import REPO_ROOT


def _templates():
    return [docx.Document(str(REPO_ROOT / "templates" / "referens.docx")), make_template(), docx.Document()]


def test_style_ids_are_python_docxs_names_and_ids_in_order() -> None:
    for word in _templates():
        assert list(oxml.style_ids(word).items()) == [(s.name, s.style_id) for s in word.styles]
    assert oxml.style_ids(_templates()[0])["Heading 1"] == "Heading1"  # Word's name, not the internal "heading 1"


def test_a_grid_tables_cells_are_its_rows_cells() -> None:
    word = _templates()[0]
    word._avtal = {"style_ids": oxml.style_ids(word)}
    table = _grid_table(word, 3, 4)
    assert [[c._tc for c in row] for row in grid_cells(table)] == [[c._tc for c in row.cells] for row in table.rows]


def test_paragraph_style_reads_what_python_docx_reads() -> None:
    word = _templates()[0]
    plain, styled = word.add_paragraph("a"), word.add_paragraph("b", style="Heading 2")
    assert oxml.paragraph_style(plain._p) is None and oxml.paragraph_style(styled._p) == styled._p.pPr.pStyle.val
