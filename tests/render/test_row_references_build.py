"""A fact lives once: the repository copied, one milestone's time changed in its data file, and a
real build (mkdocs and the Word files) shows the new time wherever a document refers to it, and the
old one nowhere."""

import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO_ROOT

MILESTONE, OLD, NEW = "M18", "2028-01-01", "2027-12-01"


def _copy_repository(target):
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO_ROOT / name, target / name)


def _word_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8"))


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    root = tmp_path_factory.mktemp("fakta") / "arkiv"
    _copy_repository(root)
    data = root / "plans" / "milstolpar.yaml"
    text = data.read_text(encoding="utf-8")
    block = re.search(rf"  - id: {MILESTONE}\n(?:    .*\n)+", text).group(0)
    assert f"when: {OLD}" in block
    data.write_text(text.replace(block, block.replace(f"when: {OLD}", f"when: {NEW}")), encoding="utf-8")
    out = root.parent / "bygge"
    done = subprocess.run([sys.executable, "-m", "avtal", "build", "--out", str(out)], cwd=root,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    referring = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.md")
                       if f"milstolpar.yaml#{MILESTONE})" in p.read_text(encoding="utf-8"))
    return root, out, referring


def test_every_page_and_word_file_that_refers_to_the_milestone_shows_its_new_time(moved):
    root, out, referring = moved
    assert len(referring) >= 2  # the agreement and the implementation plan at least
    shown = re.compile(rf"{MILESTONE}: [^()]*\({NEW}, förslag\)")
    for path in referring:
        page = out / "site" / path.removesuffix(".md") / "index.html"
        assert shown.search(page.read_text(encoding="utf-8")), path
        doc_id = path.rsplit("/", 1)[1].removesuffix(".md")
        [word] = [w for w in (out / "docx").glob(f"{doc_id}_v*.docx") if "_andringar_" not in w.name]
        assert shown.search(_word_text(word)), word.name


def test_the_old_time_is_nowhere_in_the_site_or_the_word_files(moved):
    _, out, _ = moved
    pages = [p for p in (out / "site").rglob("*") if p.suffix in (".html", ".json", ".xml")]
    assert pages and not [p for p in pages if OLD in p.read_text(encoding="utf-8")]
    words = list((out / "docx").glob("*.docx"))
    assert words and not [w.name for w in words if OLD in _word_text(w)]


# The nine contradictions of the review of 2026-12-06 (C1–C9), each by words that stated one side
# as settled; each is now one truth or one open question that the other documents refer to.
CONTRADICTIONS = {
    "C1": ["Fattar principbeslut", "Principbeslut i Välfärdsrådet", "Information och principbeslut för politiker"],
    "C2": ["parter före den 30 juni 2027", "under hösten 2027", "Förslag: Den 1 januari 2028"],
    "C3": [],  # the rows themselves, below
    "C4": ["arbetsterapeuter och fysioterapeuter som behövs för att hälso- och sjukvården i hemmet ska finnas "
           "dygnet runt", "sjuksköterskor, arbetsterapeuter och fysioterapeuter tillgängliga dygnet runt"],
    "C5": ["utsedd av Välfärdsrådet", "som Välfärdsrådet har utsett"],
    "C6": ["omfattar inte hälso- och sjukvård som ges av läkare"],
    "C7": ["Senast en månad före principbeslutet", "för varje huvudman innan förslaget går på remiss"],
    "C8": ["de privata vårdcentralerna"],
    "C9": ["Ingen vårdbegäran behövs för en patient som bor i"],
}


def _page_text(path) -> str:
    import html

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def test_none_of_the_nine_contradictions_is_in_the_built_site(moved):
    _, out, _ = moved
    pages = {p: _page_text(p) for p in (out / "site").rglob("*.html")}
    found = [(code, words, p.relative_to(out).as_posix()) for code, phrases in CONTRADICTIONS.items()
             for words in phrases for p, text in pages.items() if words in text]
    assert len(pages) > 20 and found == []
    # C3: the follow-up after the first half-year lies after it, in the plan's table and the activities'.
    rows = {anchor: re.search(rf'<tr id="{anchor}">(.*?)</tr>', html, re.S)
            for anchor in ("milstolpe-m19", "aktivitet-k16") for html in [_raw(out, anchor)]}
    assert all(row and "2028-Q3" in row.group(1) and "2028-Q2" not in row.group(1) for row in rows.values())


def _raw(out, anchor: str) -> str:
    page = "implementeringsplan" if anchor.startswith("milstolpe") else "kommunikationsplan"
    return (out / "site" / "plans" / page / "index.html").read_text(encoding="utf-8")
