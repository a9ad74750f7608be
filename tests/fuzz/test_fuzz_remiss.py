"""Whatever a recipient writes into the response form, `avtal remiss import` either refuses it with
findings (and writes nothing) or writes an answer that `avtal check` accepts: the import never writes
what the check would then refuse (issue 24, defect 2, found by hand; this finds its kin).

The values are large (up to about 150 kB in a field, so that a whole answer crosses the check's 1 MiB
limit), odd for YAML ("a: b", "---", "&ankare", "!!python/object"), typographic, or control characters
(which python-docx refuses, as Word never writes them). `make test` runs AVTAL_FUZZ_EXAMPLES / 10
examples (each is a real import and a real check); `make fuzz` runs many.
"""

from __future__ import annotations

import io
import os
import shutil

import docx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import ODD_VALUES, PASTED

from conftest import GitRepo
from remiss.fixture import ROUND, controls, fill_form, make_round

EXAMPLES = max(10, int(os.environ.get("AVTAL_FUZZ_EXAMPLES", "300")) // 10)
STANCES = ["Tillstyrker", "Avstyrker", "Avstår", "Tillstyrker med ändringar", "Ingen erinran", "Kanske", ""]

_LINE = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
    st.text(alphabet="abcåäö ÅÄÖ.,:;-#&*!%@`'\"{}[]|>" + PASTED, min_size=1, max_size=60),
    st.builds(lambda word, times: word * times, st.sampled_from(["Ansvaret måste vara tydligt. ", "x", "å "]),
              st.integers(1, 6000)),
)
_FIELD = st.lists(_LINE, min_size=1, max_size=4)


@pytest.fixture(scope="module")
def round_repo(tmp_path_factory):
    repo = make_round(GitRepo(tmp_path_factory.mktemp("remiss-fuzz") / "repo"), answers=False)
    form = repo.root.parent / "mall.docx"
    result = repo.avtal("remiss", "form", ROUND, "--recipient", "Borlänge kommun", "-o", str(form))
    assert result.code == 0, result.stdout + result.stderr
    return repo, form.read_bytes()


@st.composite
def filled(draw, tags: list[str]) -> dict:
    """Mostly what a recipient writes (a date, a stance with each comment), with the odd mistake."""
    mistakes = draw(st.integers(0, 9)) == 0
    values = {"avtal:datum": draw(st.sampled_from(["2027-13-40", "igår", ""])) if mistakes else "2027-05-20",
              "avtal:diarienummer": draw(st.sampled_from(ODD_VALUES + ["KS 2027/77", "x" * 5000]))}
    for tag in draw(st.lists(st.sampled_from(tags), max_size=len(tags), unique=True)):
        if tag.endswith((":k", ":l", "sammanfattning")):
            values[tag] = draw(_FIELD)
            if tag.startswith("avtal:f:") and tag.endswith(":k"):
                values[tag[:-2] + ":s"] = draw(st.sampled_from(STANCES if mistakes else STANCES[:5]))
    return values


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 30,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_imported_answer_always_passes_the_check(round_repo, tmp_path_factory, data, capsys):
    from avtal.findings import Severity
    from avtal.remiss.importing import run_import
    from avtal.rules.check import check

    repo, form = round_repo
    tags = sorted(controls(docx.Document(io.BytesIO(form))))
    values = data.draw(filled(tags), label="fält")
    try:
        filled_form = fill_form(form, values)
    except ValueError:  # text XML cannot hold: python-docx refuses it, as Word never writes it
        return
    root = tmp_path_factory.mktemp("kopia") / "repo"
    shutil.copytree(repo.root, root)
    (root.parent / "svar.docx").write_bytes(filled_form)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if ".git" not in p.parts)
    code = run_import(root, ROUND, str(root.parent / "svar.docx"), replace=False)
    answer = root / "remiss" / ROUND / "svar" / "borlange-kommun.yaml"
    if code != 0:
        event("refused at import" + (" (too large for the check)" if " AV006 " in capsys.readouterr().out else ""))
        after = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if ".git" not in p.parts)
        assert after == before  # nothing written
        return
    capsys.readouterr()
    event("imported")
    _, findings = check(root)
    errors = [f for f in findings if f.severity is Severity.ERROR and f.path == answer.relative_to(root).as_posix()]
    assert errors == [], errors
    shutil.rmtree(root.parent)
