"""`avtal new`: every document type, valid from the start; nothing is ever overwritten."""

import datetime as dt

import pytest
import yaml

from conftest import REPO_ROOT

TYPES = [t["slug"] for t in yaml.safe_load((REPO_ROOT / "schema" / "dokumenttyper.yaml").read_text("utf-8"))["types"]]


@pytest.mark.parametrize("type_slug", TYPES)
def test_new_document_of_every_type_passes_check(repo, type_slug):
    assert repo.avtal("new", "överenskommelse", "overenskommelse").code == 0
    if type_slug != "overenskommelse":
        result = repo.avtal("new", type_slug, f"ny-{type_slug}")
        assert result.code == 0, result.stderr
        assert result.stdout.startswith("Skapade ")
    check = repo.avtal("check")
    assert (check.code, check.stdout) == (0, ""), check.stdout


def test_new_document_has_todays_date_and_the_required_sections(repo):
    repo.avtal("new", "risk- och konsekvensanalys", "riskanalys")
    text = (repo.root / "plans" / "riskanalys.md").read_text("utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text
    assert "type: risk- och konsekvensanalys" in text
    assert "## Metod {#metod}" in text and 'version: "0.1"' in text


def test_annexes_are_numbered_in_order(repo):
    repo.avtal("new", "overenskommelse", "overenskommelse")
    repo.avtal("new", "bilaga", "bilaga-a")
    repo.avtal("new", "bilaga", "bilaga-b", "--title", "Bilaga 2. Ansvar: kommun och region")
    text = (repo.root / "annexes" / "bilaga-b.md").read_text("utf-8")
    assert "annex_number: 2" in text and 'title: "Bilaga 2. Ansvar: kommun och region"' in text
    assert repo.avtal("check").code == 0


def test_an_annex_needs_an_agreement(repo):
    result = repo.avtal("new", "bilaga", "bilaga-a")
    assert result.code == 2 and "--annex-of" in result.stderr


def test_never_overwrites_and_refuses_bad_names(repo):
    repo.avtal("new", "implementeringsplan", "plan")
    before = repo.snapshot()
    again = repo.avtal("new", "implementeringsplan", "plan")
    assert again.code == 1 and "finns redan" in again.stderr
    same_id_other_type = repo.avtal("new", "kommunikationsplan", "plan")
    assert same_id_other_type.code == 1
    bad_id = repo.avtal("new", "implementeringsplan", "Ny plan")
    assert bad_id.code == 2 and '"ny-plan"' in bad_id.stderr
    bad_type = repo.avtal("new", "avtal", "x")
    assert bad_type.code == 2 and "implementeringsplan" in bad_type.stderr
    assert repo.snapshot() == before


DATA_KINDS = ["glossary", "responsibilities", "risks", "milestones", "communication", "checklist", "changes", "choices",
              "handovers"]


@pytest.mark.parametrize("kind", DATA_KINDS)
def test_new_data_file_of_every_kind_is_valid_and_names_its_schema(repo, kind):
    repo.avtal("new", "implementeringsplan", "plan")
    result = repo.avtal("new", kind, "data", "--document", "plan")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(f"Skapade plans/data.yaml ({kind}, för plans/plan.md)")
    assert "[Rubrik](data.yaml)" in result.stdout
    text = (repo.root / "plans" / "data.yaml").read_text("utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
    assert not any(f.severity.value == "error" for f in repo.check())
    # Placed as the command says, the data shows and only the glossary's unused example term remains.
    with open(repo.root / "plans" / "plan.md", "a", encoding="utf-8") as plan:
        plan.write("\n[Rubrik](data.yaml)\n")
    assert {f.code for f in repo.check() if f.severity.value != "info"} == ({"AV402"} if kind == "glossary" else set())


def test_new_data_file_needs_its_document_and_never_overwrites(repo):
    repo.avtal("new", "implementeringsplan", "plan")
    no_document = repo.avtal("new", "risks", "risker")
    assert no_document.code == 2 and "--document" in no_document.stderr
    unknown = repo.avtal("new", "risks", "risker", "--document", "plann")
    assert unknown.code == 2 and 'menade du "plan"?' in unknown.stderr
    assert repo.avtal("new", "risks", "risker", "--document", "plan").code == 0
    before = repo.snapshot()
    again = repo.avtal("new", "milestones", "risker", "--document", "plan")
    assert again.code == 1 and "finns redan" in again.stderr
    repo.avtal("new", "glossary", "begrepp", "--document", "plan")
    second_glossary = repo.avtal("new", "glossary", "ord", "--document", "plan")
    assert second_glossary.code == 1 and "redan en ordlista" in second_glossary.stderr
    assert not (repo.root / "plans" / "ord.yaml").exists()
    assert repo.avtal("new", "implementeringsplan", "plan2", "--document", "plan").code == 2
    assert repo.snapshot()["plans/risker.yaml"] == before["plans/risker.yaml"]
