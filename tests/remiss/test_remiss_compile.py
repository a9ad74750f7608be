"""The compilation (remissammanställning) and the package: counts per question and per section as in the
fixture, headings of the remiss version, the same bytes from two builds, and LibreOffice opening the
compilation, the letter and the form."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import REPO_ROOT, GitRepo
from remiss.fixture import ANHORIG_FORM, BORLANGE_FORM, ROUND, fill_form, make_round
from render.test_site_browser import AXE, CHROMIUM, SCREENSHOTS, axe_violations, chromium_page, served

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ARTIFACTS = REPO_ROOT / "test-artifacts" / "word"
COMPILATION = f"remissammanstallning_{ROUND}.docx"
RECIPIENTS = ["region-dalarna", "falu-kommun", "borlange-kommun", "mora-kommun", "anhorigforeningen"]

# What the fixture's four answers say (Mora kommun does not answer).
STANCE_COUNTS = {  # question -> tillstyrker, med ändringar, avstyrker, ingen erinran, avstår, inget svar
    1: ["2", "1", "1", "0", "0", "0"],
    2: ["1", "0", "0", "1", "0", "2"],
    3: ["1", "0", "0", "0", "1", "2"],
}
SECTION_COUNTS = {  # section -> comments, beaktas, beaktas delvis, beaktas inte, redan hanterat, ej bedömd
    "8 Läkarmedverkan (overenskommelse)": ["2", "0", "1", "0", "0", "1"],
    "2 Ordination (bilaga-lakemedel)": ["2", "1", "0", "0", "0", "1"],
    "3 Överlämning (bilaga-lakemedel)": ["1", "0", "0", "0", "0", "1"],
    "1 Syfte (implementeringsplan)": ["1", "0", "0", "0", "0", "1"],
}

pytestmark = [pytest.mark.slow]  # builds a whole site or every redline: left out of make test-fast


# The day the site is built for: the commit's date, which the test sets to a day while the round is open.
OPEN_DAY = str(int(dt.datetime(2027, 5, 10, 12, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(scope="module")
def done(tmp_path_factory) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", OPEN_DAY)
        return _done(tmp_path_factory)


def _done(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("remiss")
    repo = make_round(GitRepo(base / "repo"))
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    for key, values in (("borlange-kommun", BORLANGE_FORM), ("anhorigforeningen", ANHORIG_FORM)):
        blank = base / f"{key}-mall.docx"
        assert repo.avtal("remiss", "form", ROUND, "--recipient", key, "-o", str(blank)).code == 0
        (base / f"{key}.docx").write_bytes(fill_form(blank.read_bytes(), values))
        result = repo.avtal("remiss", "import", ROUND, str(base / f"{key}.docx"))
        assert result.code == 0, result.stdout + result.stderr
    repo.commit("Två svar inlästa ur svarsmallarna")
    made = {"repo": repo, "builds": []}
    for name in ("bygge1", "bygge2"):
        out = base / name
        result = repo.avtal("build", "--out", str(out))
        assert result.code == 0, result.stdout + result.stderr
        made["builds"].append(out)
    made["compiled"] = base / "sammanstallning.docx"
    result = repo.avtal("remiss", "compile", ROUND, "-o", str(made["compiled"]))
    assert result.code == 0, result.stdout + result.stderr
    assert "4 av 5 remissinstanser har svarat, 8 synpunkter" in result.stdout
    made["package"] = base / "utskick"
    result = repo.avtal("remiss", "package", ROUND, "--out", str(made["package"]))
    assert result.code == 0, result.stdout + result.stderr
    return made


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _tables_after(document, heading_start: str) -> list:
    """The tables between the heading that starts so and the next heading."""
    body, found, inside = document.element.body, [], False
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            style = child.pPr.pStyle.val if child.pPr is not None and child.pPr.pStyle is not None else ""
            text = "".join(t.text or "" for t in child.iter("{*}t"))
            if style.startswith("Heading"):
                inside = text.startswith(heading_start)
        elif child.tag.endswith("}tbl") and inside:
            found.append(tables[child])
    return found


def test_the_counts_per_question_equal_the_fixtures(done):
    document = docx.Document(str(done["builds"][0] / "docx" / COMPILATION))
    for number, counts in STANCE_COUNTS.items():
        table = _tables_after(document, f"Fråga {number}:")[0]
        rows = _rows(table)
        assert rows[0] == ["Remissinstans", "Tillstyrker", "Tillstyrker med ändringar", "Avstyrker", "Ingen erinran",
                           "Avstår", "Inget svar"]
        assert rows[-1] == ["Antal", *counts]
        assert [r[0] for r in rows[1:-1]] == ["Region Dalarna", "Falu kommun", "Borlänge kommun",
                                             "Anhörigföreningen i länet"]  # who answered, in the round's order
    first = _rows(_tables_after(document, "Fråga 1:")[0])
    assert first[3] == ["Borlänge kommun", "", "", "X", "", "", ""]
    comments = _rows(_tables_after(document, "Fråga 1:")[1])
    assert comments[1] == ["Falu kommun", "Läkarmedverkan behöver preciseras.", "beaktas",
                           "Avsnittet om läkarmedverkan anger nu tider.", "version 0.3"]
    assert comments[2][:3] == ["Borlänge kommun", "Ansvarsfördelningen är otydlig.\n\nSe våra synpunkter per avsnitt.",
                               "ej bedömd"]


def test_the_counts_per_section_equal_the_fixtures(done):
    document = docx.Document(str(done["builds"][0] / "docx" / COMPILATION))
    rows = _rows(_tables_after(document, "Synpunkter per avsnitt")[0])
    assert rows[0] == ["Avsnitt", "Synpunkter", "Beaktas", "Beaktas delvis", "Beaktas inte", "Redan hanterat",
                       "Ej bedömd"]
    assert {row[0]: row[1:] for row in rows[1:]} == SECTION_COUNTS
    who = _rows(_tables_after(document, "2 Ordination")[0])
    assert [r[0] for r in who[1:]] == ["Falu kommun", "Borlänge kommun"]
    assert who[2][2] == "Läkaren ordinerar och ansvarar för läkemedelslistan."  # the proposed wording


def test_a_renamed_section_is_shown_by_its_remiss_version_heading(done):
    document = docx.Document(str(done["builds"][0] / "docx" / COMPILATION))
    texts = [p.text for p in document.paragraphs]
    assert "2 Ordination" in texts and "Ordination och läkemedelslista" not in texts
    at = texts.index("2 Ordination")
    assert texts[at + 1] == "I den nuvarande texten: ändrat; rubriken är nu ”Ordination och läkemedelslista”."
    assert texts[texts.index("3 Överlämning") + 1] == "I den nuvarande texten: borttaget ur den nuvarande texten."
    page = (done["builds"][0] / "site" / "remiss" / ROUND / "index.html").read_text("utf-8")
    assert '<h4 id="avsnitt-bilaga-lakemedel-ordination">2 Ordination' in page
    assert "rubriken är nu ”Ordination och läkemedelslista”" in page


def test_the_compilation_says_who_answered_and_who_did_not(done):
    document = docx.Document(str(done["compiled"]))
    rows = _rows(_tables_after(document, "Remissinstanser och svar")[0])
    assert rows[1] == ["Region Dalarna", "Svarade efter svarstiden", "3 juni 2027", "–", "–"]
    assert rows[3] == ["Borlänge kommun", "Svarade", "25 maj 2027", "KS 2027/77", "Kommunstyrelsen, 24 maj 2027, § 12"]
    assert rows[4] == ["Mora kommun", "Inget svar", "–", "–", "–"]
    texts = [p.text for p in document.paragraphs]
    assert "4 av 5 remissinstanser har svarat. Inget svar har kommit från: Mora kommun." in texts


def test_two_builds_give_identical_bytes(done):
    first, second = done["builds"]
    assert (first / "docx" / COMPILATION).read_bytes() == (second / "docx" / COMPILATION).read_bytes()
    page = Path("site") / "remiss" / ROUND / "index.html"
    assert (first / page).read_bytes() == (second / page).read_bytes()
    # The command gives the build's file, byte for byte.
    assert done["compiled"].read_bytes() == (first / "docx" / COMPILATION).read_bytes()


def test_the_package_has_a_letter_the_documents_and_a_form_for_each_recipient(done):
    folder = done["package"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(RECIPIENTS + [f"{r}.zip" for r in RECIPIENTS])
    names = {f"missiv_{ROUND}_falu-kommun.docx", "overenskommelse_v0.2.docx", "bilaga-lakemedel_v0.2.docx",
             "implementeringsplan_v0.2.docx", f"svarsmall_{ROUND}_falu-kommun.docx"}
    assert {p.name for p in (folder / "falu-kommun").iterdir()} == names
    with zipfile.ZipFile(folder / "falu-kommun.zip") as archive:
        assert set(archive.namelist()) == names
        assert archive.read("overenskommelse_v0.2.docx") == (folder / "falu-kommun" / "overenskommelse_v0.2.docx").read_bytes()
        assert {info.date_time[:3] for info in archive.infolist()} == {(2027, 4, 1)}  # the round's date
    sent = docx.Document(str(folder / "falu-kommun" / "overenskommelse_v0.2.docx"))
    text = "\n".join(p.text for p in sent.paragraphs)
    assert "REMISSVERSION" in text and "Regionen ansvarar för läkarinsatser i hemmet." in text  # 0.2, not 0.3
    letter = "\n".join(p.text for p in docx.Document(str(folder / "falu-kommun" / f"missiv_{ROUND}_falu-kommun.docx"))
                       .paragraphs)
    assert "Missiv till Falu kommun" in letter
    assert "Styrgruppen skickar 3 dokument på remiss till Falu kommun och vill ha era synpunkter senast den 31 maj 2027." \
        in letter
    assert "Överenskommelse om hälso- och sjukvård i hemmet, version 0.2 (filen overenskommelse_v0.2.docx)" in letter
    assert "Fråga 3. Har ni synpunkter på bilagan om läkemedel?" in letter
    assert "Skicka den ifyllda svarsmallen som Word-fil (.docx) till registrator@example.org senast den 31 maj 2027. " \
           "Skriv remissens diarienummer, RD 2027/1, i ämnesraden." in letter


def test_a_second_package_is_the_same_bytes(done, tmp_path):
    again = tmp_path / "igen"
    assert done["repo"].avtal("remiss", "package", ROUND, "--out", str(again)).code == 0
    for path in sorted(p for p in done["package"].rglob("*") if p.is_file()):
        rel = path.relative_to(done["package"])
        assert hashlib.sha256((again / rel).read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest(), rel


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is missing: run make test")
def test_libreoffice_converts_the_compilation_the_letter_and_the_form(done, tmp_path):
    own = done["package"] / "borlange-kommun"
    sources = [done["compiled"], own / f"missiv_{ROUND}_borlange-kommun.docx", own / f"svarsmall_{ROUND}_borlange-kommun.docx"]
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                             "pdf", "--outdir", str(tmp_path), *map(str, sources)], capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for source in sources:
        pdf = tmp_path / f"{source.stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
        shutil.copy(pdf, ARTIFACTS / pdf.name)
    # No column header breaks inside a word ("Remissins tans", "Bedömni ng"): each header word is whole on its line.
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{done['compiled'].stem}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = set(re.findall(r"\w+", text))
    for header in ("Remissinstans", "Bedömning", "Tillstyrker", "Avstyrker", "Synpunkter", "Hanterad", "Kommentar"):
        assert header in words, header
    assert not {"Remissins", "Bedömni", "Remissinsta", "Bedömnin"} & words


def test_the_round_page_and_the_start_page(done):
    site = done["builds"][0] / "site"
    page = (site / "remiss" / ROUND / "index.html").read_text("utf-8")
    assert "Remissen är öppen" in page and "4 av 5 remissinstanser har svarat" in page
    assert 'href="../../andringar/overenskommelse/v0.2-v0.3/">version 0.3</a>' in page  # where it was handled
    assert page.count('<details class="avtal-remiss-diff">') == 4  # each commented section, compared with today
    assert 'href="../../word/remissammanstallning_2027-1.docx"' in page
    start = (site / "index.html").read_text("utf-8")
    assert "Remiss pågår" in start and "remissen är öppen till och med den 31 maj 2027" in start
    assert 'href="remiss/2027-1/"' in start


@pytest.mark.skipif(not Path(CHROMIUM).exists() or not AXE.exists(), reason="chromium or axe-core is missing: run make test")
def test_the_round_page_passes_axe(done, tmp_path):
    problems = {}
    with served(done["builds"][0] / "site") as base, chromium_page(tmp_path / "profile") as page:
        for path in (f"remiss/{ROUND}/", ""):
            problems.update({f"{path} {v['id']}": v["help"] for v in axe_violations(page, base + path)})
        page.goto(base + f"remiss/{ROUND}/")
        page.locator("details.avtal-remiss-diff summary").first.click()  # opened, the comparison shows
        assert page.locator("details.avtal-remiss-diff ins").first.is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#synpunkter-per-avsnitt").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "remiss.png"))
    assert problems == {}
