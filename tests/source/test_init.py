"""`avtal init` (issue 26, point 4): a new repository for any region and municipalities, valid from its
first commit; the files it copies stay equal to this repository's own; a region with 48 municipalities
goes through check, build, a remiss round with 48 answers, decisions by all 49 parties and packages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import newrepo
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO_ROOT

SKELETON = resources.files("avtal.source") / "skeleton"
# The skeleton's own files (not copies of this repository's): the roles of a new project, and the
# Makefile and .gitignore of a repository that uses the installed tool.
OWN = {"schema/roller.yaml", "Makefile", "gitignore"}


def _skeleton_files() -> list[str]:
    found = []

    def walk(node, rel):
        for child in node.iterdir():
            if child.name != "__pycache__":
                walk(child, f"{rel}{child.name}/") if child.is_dir() else found.append(f"{rel}{child.name}")

    walk(SKELETON, "")
    return sorted(found)


def _init(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "avtal", "init", *args], cwd=tmp_path, capture_output=True, text=True)


@pytest.mark.parametrize("rel", [r for r in _skeleton_files() if r not in OWN])
def test_every_copied_file_is_this_repositorys_own(rel):
    """A fact lives once: the skeleton is a copy, and this test says when the copy is stale."""
    name = newrepo_name(rel)
    assert (SKELETON / rel).read_bytes() == (REPO_ROOT / name).read_bytes(), \
        f"kopiera {name} till scripts/avtal/source/skeleton/{rel}"


def newrepo_name(rel: str) -> str:
    from avtal.source.init import DOTFILES

    return DOTFILES.get(rel, rel)


def test_every_page_and_asset_of_the_site_is_in_the_skeleton():
    site = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "webbplats").rglob("*") if p.is_file())
    assert [rel for rel in site if rel not in _skeleton_files()] == []


def test_the_site_settings_are_this_repositorys_but_for_the_names(tmp_path):
    from avtal.source.boundary import site_sources

    title = "Överenskommelse om vård i hemmet: Exempel"
    done = _init(tmp_path, "ny", "--region", "Region Exempel", "--kommun", "Åby kommun", "--kommun", "Östra Stad",
                 "--title", title)
    assert done.returncode == 0, done.stderr
    assert site_sources(tmp_path / "ny")[0].site_name == title  # the start page's heading, the Word keywords
    written = yaml.safe_load((tmp_path / "ny" / "mkdocs.yml").read_text("utf-8"))
    ours = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    assert written["site_name"] == title
    names = ("site_name", "site_description", "copyright")
    assert {k: v for k, v in written.items() if k not in names} == {k: v for k, v in ours.items() if k not in names}
    assert written["site_description"].startswith("Region Exempel och 2 kommuner")
    assert "alla 3 parter" in written["copyright"] and "Dalarna" not in (tmp_path / "ny" / "mkdocs.yml").read_text()
    parties = yaml.safe_load((tmp_path / "ny" / "schema" / "parter.yaml").read_text("utf-8"))
    assert parties == {"coordinating_party": "Region Exempel",
                       "parties": [{"name": "Region Exempel", "kind": "region"}, {"name": "Åby kommun", "kind": "kommun"},
                                   {"name": "Östra Stad", "kind": "kommun"}]}


@pytest.mark.parametrize("args, message", [
    (("--kommun", "Åby kommun", "--kommun", "Åby kommun"), '"Åby kommun" anges två gånger'),
    ((), "ange minst en kommun"),
])
def test_wrong_parties_are_refused_in_swedish(tmp_path, args, message):
    done = _init(tmp_path, "ny", "--region", "Region Exempel", *args)
    assert done.returncode == 2 and message in done.stderr and not (tmp_path / "ny").exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    (tmp_path / "ny").mkdir()
    (tmp_path / "ny" / "anteckning.txt").write_text("min fil", "utf-8")
    done = _init(tmp_path, "ny", "--region", "Region Exempel", "--kommun", "Åby kommun")
    assert done.returncode == 2 and "är inte tom" in done.stderr
    assert [p.name for p in (tmp_path / "ny").iterdir()] == ["anteckning.txt"]


# -- A region and 48 municipalities ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> newrepo.NewRepo:
    return newrepo.init(tmp_path_factory.mktemp("region"))


@pytest.mark.slow
def test_the_new_repository_of_49_parties_checks_and_builds(region):
    assert region.errors() == []
    done = region.avtal("build")
    assert "0 fel" in done.stdout
    site = region.root / "build" / "site"
    start = (site / "index.html").read_text("utf-8")
    assert "Region Norrsund och 48 kommuner" in start and "Dalarna" not in start
    page = (site / "agreement" / "overenskommelse" / "index.html").read_text("utf-8")
    assert "Samtliga 49 parter" in page
    assert (region.root / "build" / "docx" / "overenskommelse_v0.1.docx").is_file()
    # avtal init's example of local agreements: a page and a Word file for each of the 48 municipalities
    for name, doc_id in newrepo.local_ids(region).items():
        assert (region.root / "build" / "docx" / f"{doc_id}_v0.1.docx").is_file()
        local = (site / "agreement" / doc_id / "index.html").read_text("utf-8")
        assert f"regionen och {name} kommer överens om" in local and f"{newrepo.REGION}, {name}" in local


@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> tuple[newrepo.NewRepo, dict]:
    """A repository of its own taken through the remiss round and the decisions; what the check said
    on the way, for the tests to assert."""
    repo = newrepo.init(tmp_path_factory.mktemp("beslut"))
    seen = {}
    newrepo.remiss_round(repo)
    answers = sorted((repo.root / "remiss" / newrepo.ROUND / "svar").iterdir())
    seen["answers"], seen["remiss"] = len(answers), repo.errors()
    first = answers[0].read_text("utf-8")
    answers[0].write_text(first.replace("stance: tillstyrker", "stance: kanske"), "utf-8")
    seen["wrong answer"] = repo.errors()
    answers[0].write_text(first, "utf-8")
    repo.commit("48 remissvar")
    newrepo.decide(repo)
    seen["decided"] = repo.errors()
    seen["decisions"] = repo.avtal("decisions", "overenskommelse").stdout
    repo.commit("Beslutad av alla 49 parter")
    newrepo.decide_local(repo)
    seen["local decided"] = repo.errors()
    repo.commit("Lokala avtal beslutade av regionen och varje kommun")
    last = list(newrepo.local_ids(repo).items())[-1]
    seen["local decisions"] = repo.avtal("decisions", last[1]).stdout
    seen["in force"] = repo.avtal("gällande", "--party", last[0], "--date", "2027-08-01").stdout
    return repo, seen


@pytest.mark.slow
def test_a_remiss_round_with_48_answers_passes_the_check(decided):
    _, seen = decided
    assert seen["answers"] == 48 and seen["remiss"] == []
    assert any("kanske" in error for error in seen["wrong answer"]), "the check reads the answers"


@pytest.mark.slow
def test_the_decisions_of_all_49_parties_make_the_agreement_decided(decided):
    _, seen = decided
    assert seen["decided"] == []
    assert "Alla 49 parter har beslutat om den nuvarande texten." in seen["decisions"], seen["decisions"]


@pytest.mark.slow
def test_each_municipalitys_local_agreement_is_decided_and_in_force_for_it_alone(decided):
    repo, seen = decided
    assert seen["local decided"] == []
    assert "Alla 2 parter har beslutat om den nuvarande texten." in seen["local decisions"], seen["local decisions"]
    name, doc_id = list(newrepo.local_ids(repo).items())[-1]
    lines = [line for line in seen["in force"].splitlines() if "lokala-avtal" in line]
    assert lines == [f"  Lokalt avtal om läkarmedverkan – {name} ({doc_id}): version 1.0 gäller från 1 juli 2027"]


@pytest.mark.slow
@pytest.mark.libreoffice
def test_packages_for_a_sample_of_the_49_parties(decided, tmp_path):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is missing: run make test")
    repo, _ = decided
    names = newrepo.parties(repo)
    for party in (names[0], names[-1]):
        repo.avtal("package", "overenskommelse", "--party", party, "--out", str(tmp_path))
        base = f"overenskommelse_v1.0_{newrepo.slug(party)}"
        assert (tmp_path / f"{base}.zip").is_file() and (tmp_path / base / f"{base}.pdf").is_file()
    first, last = list(newrepo.local_ids(repo).items())[0], list(newrepo.local_ids(repo).items())[-1]
    assert repo.avtal("package", first[1], "--party", first[0], "--out", str(tmp_path)).returncode == 0
    assert (tmp_path / f"{first[1]}_v1.0_{newrepo.slug(first[0])}.zip").is_file()
    refused = repo.avtal("package", first[1], "--party", last[0], "--out", str(tmp_path), check=False)
    assert refused.returncode == 2 and "part" in refused.stderr, refused.stderr  # not the other municipality's


# -- The file of municipalities ------------------------------------------------------------------------

_NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
                min_size=1, max_size=40).map(str.strip).filter(lambda n: n and not n.startswith("#"))


@given(names=st.lists(_NAME, max_size=8), crlf=st.booleans(), bom=st.booleans())
def test_the_file_of_municipalities_gives_back_each_name_as_written(tmp_path_factory, names, crlf, bom):
    from avtal.source.init import read_names

    path = tmp_path_factory.mktemp("namn") / "kommuner.txt"
    newline = "\r\n" if crlf else "\n"
    text = f"# kommunerna{newline}{newline}" + newline.join(names) + newline
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    assert read_names(path) == names


def test_a_file_that_is_not_utf8_is_refused_in_swedish(tmp_path):
    (tmp_path / "kommuner.txt").write_bytes("Åby kommun\n".encode("latin-1"))
    done = _init(tmp_path, "ny", "--region", "Region Exempel", "--kommuner", "kommuner.txt")
    assert done.returncode == 2 and "inte UTF-8" in done.stderr and not (tmp_path / "ny").exists()


def test_no_text_of_the_tool_names_dalarna_or_counts_its_parties():
    """What the tool says comes from the vocabularies: no string in the package (docstrings aside) names this
    region or its number of parties."""
    import ast

    found = []
    for path in sorted((REPO_ROOT / "scripts" / "avtal").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if any(word in node.value for word in ("Dalarna", "16 parter", "15 kommuner", "länets")):
                    found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert found == []
