"""The response form (svarsmall): Word content controls written by `avtal remiss form`, filled by the test
as Word fills them, and read back by `avtal remiss import` into the recipient's YAML."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GitRepo
from remiss.fixture import (
    ANHORIG_FORM,
    ANHORIG_YAML,
    BORLANGE_FORM,
    BORLANGE_YAML,
    FALU,
    ROUND,
    _w,
    controls,
    fill_form,
    make_round,
)
from remiss.test_remiss_rules import files

SVAR = f"remiss/{ROUND}/svar"


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> GitRepo:
    return make_round(GitRepo(tmp_path_factory.mktemp("remiss") / "repo"))


@pytest.fixture(scope="module")
def forms(made, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("mallar")
    found = {}
    for recipient, key in (("Borlänge kommun", "borlange-kommun"), ("anhorigforeningen", "anhorigforeningen"),
                           ("falu kommun", "falu-kommun")):
        target = out / f"{key}.docx"
        result = made.avtal("remiss", "form", ROUND, "--recipient", recipient, "-o", str(target))
        assert result.code == 0, result.stdout + result.stderr
        found[key] = target.read_bytes()
    return found


@pytest.fixture
def repo(made, tmp_path) -> GitRepo:
    """A copy of the round's repository for a test that writes."""
    copy = tmp_path / "kopia"
    shutil.copytree(made.root, copy)
    clone = GitRepo.__new__(GitRepo)
    clone.root, clone.day = copy, 10
    return clone


def _import(repo: GitRepo, name: str, data: bytes, *extra: str):
    path = repo.root / name
    path.write_bytes(data)
    return repo.avtal("remiss", "import", ROUND, name, *extra)


# -- The form as written ------------------------------------------------------------------------


def test_the_form_has_a_locked_field_per_question_and_per_section(forms):
    document = docx.Document(io.BytesIO(forms["borlange-kommun"]))
    found = controls(document)
    assert {"avtal:omgang", "avtal:remissinstans", "avtal:diarienummer", "avtal:datum", "avtal:organ",
            "avtal:beslutsdatum", "avtal:paragraf", "avtal:sammanfattning"} <= set(found)
    for question in ("f1", "f2", "f3"):
        stance = found[f"avtal:f:{question}:s"].find(_w("sdtPr"))
        items = [i.get(_w("displayText")) for i in stance.iter(_w("listItem"))]
        assert items == ["Tillstyrker", "Tillstyrker med ändringar", "Avstyrker", "Ingen erinran", "Avstår"]
        assert stance.find(_w("showingPlcHdr")) is not None
        assert f"avtal:f:{question}:k" in found
    # Every section of the remiss version: the annex's 0.2 has "overlamning" and not "ny-rutin" (0.3).
    sections = {tag.split(":")[2] for tag in found if tag.startswith("avtal:s:")}
    assert {"bilaga-lakemedel#syfte", "bilaga-lakemedel#ordination", "bilaga-lakemedel#overlamning",
            "overenskommelse#lakarmedverkan", "implementeringsplan#tidplan"} <= sections
    assert "bilaga-lakemedel#ny-rutin" not in sections
    for tag, sdt in found.items():
        lock = sdt.find(f"{_w('sdtPr')}/{_w('lock')}").get(_w("val"))
        assert lock == ("sdtContentLocked" if tag in ("avtal:omgang", "avtal:remissinstans") else "sdtLocked"), tag
        assert len(tag) <= 64


def test_the_form_shows_the_round_the_recipient_and_the_remiss_version_headings(forms):
    document = docx.Document(io.BytesIO(forms["borlange-kommun"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Remiss av förslaget till överenskommelse om hälso- och sjukvård i hemmet" in text
    assert "Svara senast den 31 maj 2027." in text
    assert "registrator@example.org" in text and "RD 2027/1" in text
    assert "Fråga 1" in text and "Tillstyrker ni förslaget till överenskommelse?" in text
    annex_table = document.tables[-2]  # the annex's sections, as the remiss version headed and numbered them
    visible = ["".join(r.text for r in row.cells[0].paragraphs[0].runs if not r.font.hidden) for row in annex_table.rows]
    assert visible == ["Avsnitt", "1 Syfte", "2 Ordination", "3 Överlämning"]
    hidden = [r.text for r in annex_table.rows[1].cells[0].paragraphs[0].runs if r.font.hidden]
    assert hidden == ["[avtal:s:bilaga-lakemedel#syfte:r]"]  # the row's section, for a reader without controls
    assert document.core_properties.created.date().isoformat() == "2027-04-01"  # the round's date, not the clock's


def test_two_forms_of_one_round_are_the_same_bytes(made, forms, tmp_path):
    target = tmp_path / "igen.docx"
    assert made.avtal("remiss", "form", ROUND, "--recipient", "Borlänge kommun", "-o", str(target)).code == 0
    assert target.read_bytes() == forms["borlange-kommun"]


def test_an_unknown_recipient_or_round_is_a_usage_error(made, tmp_path):
    result = made.avtal("remiss", "form", ROUND, "--recipient", "Faluns kommun", "-o", str(tmp_path / "x.docx"))
    assert result.code == 2 and 'menade du "Falu kommun"?' in result.stderr
    result = made.avtal("remiss", "form", "2027-2", "--recipient", "Falu kommun")
    assert result.code == 2 and 'remissomgången "2027-2" finns inte' in result.stderr
    result = made.avtal("remiss", "form", ROUND, "--recipient", "Falu kommun", "-o", str(made.root / "remiss/x.docx"))
    assert result.code == 2 and "utanför arkivets källor" in result.stderr


# -- Filled in and read back --------------------------------------------------------------------


def test_two_forms_filled_in_word_are_imported_as_the_expected_yaml(repo, forms):
    result = _import(repo, "borlange.docx", fill_form(forms["borlange-kommun"], BORLANGE_FORM))
    assert result.code == 0, result.stdout + result.stderr
    assert "Läste in svaret från Borlänge kommun till remiss/2027-1/svar/borlange-kommun.yaml (2 frågor, 2 " \
           "synpunkter på avsnitt)" in result.stdout
    result = _import(repo, "anhorig.docx", fill_form(forms["anhorigforeningen"], ANHORIG_FORM))
    assert result.code == 0, result.stdout + result.stderr
    assert (repo.root / SVAR / "borlange-kommun.yaml").read_text("utf-8") == BORLANGE_YAML
    assert (repo.root / SVAR / "anhorigforeningen.yaml").read_text("utf-8") == ANHORIG_YAML
    check = repo.avtal("check", "--format", "json")
    assert check.code == 0 and {f["code"] for f in check.findings if f["code"].startswith("AV8")} == {"AV816"}


def _refused(repo: GitRepo, name: str, data: bytes, code: str, *extra: str) -> str:
    before = files(repo)
    result = _import(repo, name, data, *extra)
    assert result.code == 1, result.stdout + result.stderr
    assert "Inget skrevs." in result.stderr
    after = files(repo)
    after.pop(name)
    assert after == before
    lines = [line for line in result.stdout.splitlines() if f" fel {code} " in line]
    assert lines, result.stdout
    return "\n".join(lines)


def test_a_form_with_a_control_removed_is_refused_at_the_fields_name(repo, forms):
    data = fill_form(forms["borlange-kommun"], BORLANGE_FORM, remove=("avtal:s:overenskommelse#lakarmedverkan:l",))
    line = _refused(repo, "borlange.docx", data, "AV832")
    assert line.startswith("borlange.docx:1:1: fel AV832 ")
    assert '"8 Läkarmedverkan (Överenskommelse om hälso- och sjukvård i hemmet): förslag till ny lydelse" saknas' in line


def test_a_form_whose_control_was_changed_into_another_kind_is_refused(repo, forms):
    document = docx.Document(io.BytesIO(fill_form(forms["borlange-kommun"], BORLANGE_FORM)))
    stance = controls(document)["avtal:f:f2:s"].find(_w("sdtPr"))
    stance.remove(stance.find(_w("dropDownList")))
    stance.append(stance.makeelement(_w("text"), {}))
    out = io.BytesIO()
    document.save(out)
    line = _refused(repo, "borlange.docx", out.getvalue(), "AV832")
    assert '"Fråga 2: ställningstagande" har ändrats' in line and "en rullista" in line


def test_a_form_of_another_round_is_refused(repo, forms):
    document = docx.Document(io.BytesIO(fill_form(forms["borlange-kommun"], BORLANGE_FORM)))
    text = controls(document)["avtal:omgang"].find(f".//{_w('t')}")
    text.text = "2026-3"
    out = io.BytesIO()
    document.save(out)
    line = _refused(repo, "borlange.docx", out.getvalue(), "AV831")
    assert "Svarsmallen hör till remissomgången 2026-3, inte 2027-1" in line


def test_a_stance_typed_over_and_a_comment_without_a_stance_are_refused(repo, forms):
    data = fill_form(forms["borlange-kommun"], {**BORLANGE_FORM, "avtal:f:f1:s": "Kanske",
                                                "avtal:f:f2:k": ["Utan ställningstagande."]})
    before = files(repo)
    result = _import(repo, "borlange.docx", data)
    assert result.code == 1
    assert 'Fältet "Fråga 1: ställningstagande" har "Kanske", som inte är ett ställningstagande' in result.stdout
    assert "Fråga 2 har en kommentar men inget ställningstagande" in result.stdout
    assert not (repo.root / SVAR / "borlange-kommun.yaml").exists()
    assert set(files(repo)) - set(before) == {"borlange.docx"}


def test_a_file_that_is_no_form_is_refused(repo, tmp_path):
    _refused(repo, "brev.docx", b"inte en zip", "AV830")
    plain = docx.Document()
    plain.add_paragraph("Vi tillstyrker.")
    out = io.BytesIO()
    plain.save(out)
    line = _refused(repo, "brev2.docx", out.getvalue(), "AV830")
    assert "fälten Remissomgång och Remissinstans saknas" in line


def _without_controls(data: bytes, hidden_too: bool = False) -> bytes:
    """The form with every content control taken away and its text kept (Word's "Ta bort innehållskontroll")."""
    document = docx.Document(io.BytesIO(data))
    for sdt in list(document.element.body.iter(_w("sdt"))):
        parent, content = sdt.getparent(), sdt.find(_w("sdtContent"))
        if parent is None:
            continue
        for child in list(content):
            sdt.addprevious(child)
        parent.remove(sdt)
    if hidden_too:  # a form from before the hidden field names
        for vanish in list(document.element.body.iter(_w("vanish"))):
            run = vanish.getparent().getparent()
            run.getparent().remove(run)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_form_without_its_controls_is_read_from_its_layout_as_the_same_answer(repo, forms):
    result = _import(repo, "borlange.docx", _without_controls(fill_form(forms["borlange-kommun"], BORLANGE_FORM)))
    assert result.code == 0, result.stdout + result.stderr
    assert "ur svarsmallens layout" in result.stdout and "AV836" not in result.stdout
    assert (repo.root / SVAR / "borlange-kommun.yaml").read_text("utf-8") == BORLANGE_YAML


def test_a_form_without_controls_or_hidden_field_names_says_so(repo, forms):
    data = _without_controls(fill_form(forms["borlange-kommun"], BORLANGE_FORM), hidden_too=True)
    line = _refused(repo, "sparad.docx", data, "AV830")
    assert "har sparats i ett program som tar bort Words innehållskontroller" in line


def test_an_answer_is_never_overwritten_without_replace_and_assessments_survive_it(repo, forms):
    falu = repo.root / SVAR / "falu-kommun.yaml"
    data = fill_form(forms["falu-kommun"], {"avtal:datum": "2027-05-21", "avtal:f:f1:s": "Tillstyrker med ändringar",
                                            "avtal:f:f1:k": ["Läkarmedverkan behöver preciseras mer."],
                                            "avtal:s:overenskommelse#lakarmedverkan:k": ["Ange tider."]})
    line = _refused(repo, "falu.docx", data, "AV834")
    assert line.startswith("remiss/2027-1/svar/falu-kommun.yaml:1:1: fel AV834 Svaret från Falu kommun finns redan")
    assert falu.read_text("utf-8") == FALU
    result = _import(repo, "falu.docx", data, "--replace")
    assert result.code == 0, result.stdout + result.stderr
    assert "bedömningen av bilaga-lakemedel#ordination togs bort" in result.stderr
    text = falu.read_text("utf-8")
    assert "Läkarmedverkan behöver preciseras mer." in text and "date: 2027-05-21" in text
    assert text.count("outcome:") == 2  # the question's and the section's assessments, kept
    assert "reason: Tider för hembesök anges; dygnet runt gäller bara vid behov." in text
    assert repo.avtal("check").code == 0


# -- Whatever a recipient writes comes back as text ---------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\n\r"), min_size=1, max_size=60)


@pytest.fixture(scope="module")
def view(made):
    """The round as the import sees it, in this process."""
    from avtal.history.changelog import changelog_if_any
    from avtal.remiss.outputs import Rounds
    from avtal.source.load import load_corpus

    corpus = load_corpus(made.root)
    return Rounds(made.root, corpus, changelog_if_any(made.root, quiet=True)).views()[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_TEXT, min_size=1, max_size=4), diarienummer=_TEXT)
def test_any_text_in_a_field_is_read_back_as_the_same_text(forms, view, lines, diarienummer):
    """Text as the recipient typed it (a paragraph per line) comes back through the YAML file as the
    same text: control characters out, white space as one space, at most one blank line in a row."""
    from avtal.remiss.answers import answer_yaml, checked_answer
    from avtal.remiss.formread import read_form
    from avtal.text import clean_line

    values = {"avtal:datum": "2027-05-20", "avtal:diarienummer": diarienummer, "avtal:f:f1:s": "Avstår",
              "avtal:f:f1:k": lines}
    try:
        data = fill_form(forms["borlange-kommun"], values)
    except ValueError:  # text that XML cannot hold: python-docx refuses it, as Word never writes it
        return
    reading = read_form(data, "svar.docx", view)
    assert reading.findings == []
    expected = "\n".join(clean_line(line) for line in lines).strip("\n ")
    while "\n\n\n" in expected:
        expected = expected.replace("\n\n\n", "\n\n")
    answer, problems = checked_answer(answer_yaml(reading.answer, "prov"), {"vocabulary": view.corpus.vocabulary}, "x")
    assert problems == []
    assert answer.questions[0].comment == (expected or None)
    assert answer.diarienummer == (clean_line(diarienummer) or None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), xml=st.text(max_size=300), tag=st.text(max_size=40))
def test_whatever_file_comes_in_the_reader_answers_with_findings_never_a_crash(forms, view, data, xml, tag):
    """A file from outside: arbitrary bytes, a zip with arbitrary XML, or a form whose controls carry
    arbitrary tags and text; read_form returns findings (or an answer), and never raises."""
    import zipfile

    from avtal.remiss.formread import read_form

    assert read_form(data, "svar.docx", view).answer is None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", xml)
    assert read_form(out.getvalue(), "svar.docx", view).findings
    document = docx.Document(io.BytesIO(forms["borlange-kommun"]))
    found = controls(document)
    try:
        found["avtal:f:f1:k"].find(f"{_w('sdtPr')}/{_w('tag')}").set(_w("val"), tag)
        date = found["avtal:datum"]
        date.find(f".//{_w('t')}").text = xml
        flag = date.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}")
        flag.getparent().remove(flag)  # filled in: the date parser reads the text
    except ValueError:  # text XML cannot hold: Word cannot have written it
        return
    out = io.BytesIO()
    document.save(out)
    reading = read_form(out.getvalue(), "svar.docx", view)
    assert reading.findings or reading.answer is not None
