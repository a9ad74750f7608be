"""Issue 24, defect 2: `avtal remiss import` wrote an answer that `avtal check` then refused (a form
with about 100 kB in each field became a 1.6 MiB answer, over AV006's limit). The import now loads
and checks the answer as it would be written, with the same reader, limits and rules as the check."""

from __future__ import annotations

import io

import docx

from remiss.fixture import BORLANGE_FORM, controls, fill_form
from remiss.test_remiss_form import SVAR, _import, forms, made, repo  # noqa: F401 (fixtures)
from remiss.test_remiss_rules import files


def test_remiss_import_of_a_form_larger_than_the_check_allows_writes_nothing(repo, forms):  # noqa: F811
    big = "Ansvaret måste vara tydligt. " * 3500  # about 100 kB in each of the form's text fields
    tags = controls(docx.Document(io.BytesIO(forms["borlange-kommun"])))
    values = {**BORLANGE_FORM, **{tag: [big] for tag in tags if tag.endswith((":k", ":l", "sammanfattning"))}}
    values.update({tag[:-2] + ":s": "Tillstyrker" for tag in tags if tag.startswith("avtal:f:") and tag.endswith(":k")})
    before = files(repo)
    result = _import(repo, "borlange.docx", fill_form(forms["borlange-kommun"], values))
    assert result.code == 1, result.stdout + result.stderr
    assert "Inget skrevs." in result.stderr
    assert f"{SVAR}/borlange-kommun.yaml:1:1: fel AV837 " in result.stdout  # the check's limit (AV006)
    assert "gränsen är 1 MiB" in result.stdout
    after = files(repo)
    after.pop("borlange.docx")
    assert after == before
    assert repo.avtal("check").code == 0


def test_remiss_import_of_a_form_just_under_the_limit_is_written_and_passes_the_check(repo, forms):  # noqa: F811
    some = "Ansvaret måste vara tydligt. " * 300
    values = {**BORLANGE_FORM, "avtal:sammanfattning": [some]}
    result = _import(repo, "borlange.docx", fill_form(forms["borlange-kommun"], values))
    assert result.code == 0, result.stdout + result.stderr
    assert (repo.root / SVAR / "borlange-kommun.yaml").is_file()
    assert repo.avtal("check").code == 0
