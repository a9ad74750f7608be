"""`avtal verify` on what a records system keeps: the package's PDF/A (its XMP statement too), a PDF that
LibreOffice exported from a Word file, the same with one word changed, .odt and .doc copies (with
LibreOffice, and without it on PATH), files of other kinds; the PDF/A's table of contents with page
numbers, annexes included; a party's package without an annex of other parties; and one commit per
version in every answer."""

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

import docx
import pytest
from decided import edited, make_repo, replace_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.skipif(not SOFFICE or not shutil.which("pdftotext"),
                                reason="LibreOffice and poppler are missing: run make test"), pytest.mark.libreoffice]  # PDFs made by LibreOffice: left out of make test-fast

SPECIAL = """
## Om bilagan {#om-bilagan}

Bilagan gäller den gemensamma jourverksamheten i Falun.
"""


def _convert(files, fmt: str, out, profile) -> None:
    """LibreOffice converts the files (as a records system would), with a profile of its own."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL,
                   env={**os.environ, "HOME": str(profile)})


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from conftest import GitRepo, document

    root = tmp_path_factory.mktemp("pdf")
    repo = make_repo(GitRepo(root / "repo"))
    arrived = repo.git("rev-parse", "HEAD")
    repo.write("annexes/jour.md", document(SPECIAL, id="jour", title="Bilaga 2. Jour i Falun", type="bilaga",
                                           version='"0.1"', annex_number="2", annex_of="avtalet",
                                           parties="[Region Dalarna, Falu kommun]"))
    text = (repo.root / "agreement" / "avtalet.md").read_text(encoding="utf-8")
    repo.write("agreement/avtalet.md", text.replace("owner: Omställningsledare", "owner: Omställningsägare"))
    repo.commit("Bilaga 2 för två parter; ny ägare av överenskommelsen (samma text)")
    files = root / "filer"
    files.mkdir()
    assert repo.avtal("docx", "avtalet", "-o", str(files / "ny.docx")).code == 0
    data = (files / "ny.docx").read_bytes()
    (files / "andrad.docx").write_bytes(
        edited(data, "word/document.xml", lambda r: replace_text(r, "sjuksköterskenivå", "läkarnivå")))
    profile = root / "lo"
    _convert([files / "ny.docx", files / "andrad.docx"], "pdf", files, profile)
    _convert([files / "ny.docx"], "odt", files, profile)
    _convert([files / "ny.docx"], "doc", files, profile)
    result = repo.avtal("package", "avtalet", "--party", "Mora kommun", "--out", str(root / "paket"))
    assert result.code == 0, result.stdout + result.stderr
    return repo, files, root / "paket" / "avtalet_v0.2_mora-kommun", arrived


def test_the_pdfa_of_a_package_is_its_version_and_its_metadata_agrees(made):
    repo, _, package, arrived = made
    result = repo.avtal("verify", str(package / "avtalet_v0.2_mora-kommun.pdf"))
    assert result.code == 0, result.stdout + result.stderr
    assert "PDF-fil: beslutspaket: Överenskommelse om prov (avtalet), version 0.2" in result.stdout
    assert "PDF-filens metadata anger samma fingeravtryck" in result.stdout


def test_a_pdf_exported_by_libreoffice_is_its_version_and_one_changed_word_names_the_paragraph(made):
    repo, files, _, arrived = made
    same = repo.avtal("verify", str(files / "ny.pdf"))
    assert same.code == 0, same.stdout + same.stderr
    assert "PDF-fil: Överenskommelse om prov (avtalet), version 0.2" in same.stdout
    assert f"incheckning {arrived[:8]}" in same.stdout  # where the text came in, not the later commit
    changed = repo.avtal("verify", str(files / "andrad.pdf"))
    assert changed.code == 1, changed.stdout + changed.stderr
    assert "PDF-filens text är inte någon version i historiken" in changed.stdout
    assert f"Närmast är Överenskommelse om prov (avtalet), version 0.2, incheckning {arrived[:8]}" in changed.stdout
    assert "1 stycke skiljer sig" in changed.stdout
    assert "[-sjuksköterskenivå.-] {+läkarnivå.+}" in changed.stdout


def test_the_nearest_version_of_a_changed_word_file_cites_the_commit_its_text_came_in(made):
    repo, files, _, arrived = made
    result = repo.avtal("verify", str(files / "andrad.docx"))
    assert result.code == 1
    assert f"version 0.2, incheckning {arrived[:8]}" in result.stdout


def test_metadata_that_disagrees_with_the_text_is_reported(made, tmp_path):
    import pikepdf

    repo, _, package, _ = made
    with pikepdf.open(package / "avtalet_v0.2_mora-kommun.pdf") as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:identifier"] = "sha256:" + "0" * 64
        pdf.save(tmp_path / "omskriven.pdf")
    result = repo.avtal("verify", str(tmp_path / "omskriven.pdf"))
    assert result.code == 1
    assert "metadata anger fingeravtrycket sha256:0000000000000000" in result.stdout
    assert "beslutspaket" in result.stdout  # the text is still named for what it is


def test_odt_and_doc_are_read_through_libreoffice_and_without_it_the_debian_package_is_named(made, tmp_path):
    repo, files, _, _ = made
    result = repo.avtal("verify", str(files / "ny.odt"), str(files / "ny.doc"))
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout.count("Överenskommelse om prov (avtalet), version 0.2") == 2
    tools = tmp_path / "bin"  # git and poppler, but no LibreOffice
    tools.mkdir()
    for tool in ("git", "pdftotext"):
        (tools / tool).symlink_to(shutil.which(tool))
    env = {**os.environ, "PATH": str(tools), "PYTHONDONTWRITEBYTECODE": "1"}
    without = subprocess.run([sys.executable, "-m", "avtal", "verify", str(files / "ny.odt")], cwd=repo.root,
                             capture_output=True, text=True, env=env)
    assert without.returncode == 2, without.stdout + without.stderr
    assert "LibreOffice saknas" in without.stderr and "libreoffice-writer-nogui" in without.stderr
    assert "OpenDocument" in without.stderr and "Traceback" not in without.stderr


def test_other_files_are_named_for_what_they_are(made, tmp_path):
    repo, _, _, _ = made
    (tmp_path / "bild.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with zipfile.ZipFile(tmp_path / "arkiv.zip", "w") as archive:
        archive.writestr("läsmig.txt", "hej")
    for name, said in (("bild.docx", "är en PNG-bild"), ("arkiv.zip", "är ett zip-arkiv utan Word-dokument")):
        result = repo.avtal("verify", str(tmp_path / name))
        assert result.code == 2 and said in result.stderr, result.stderr
        assert result.stderr.startswith("avtal: fel: ")


def test_the_pdfas_table_of_contents_has_page_numbers_and_the_annexes(made):
    _, _, package, _ = made
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "2", str(package / "avtalet_v0.2_mora-kommun.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    entries = [line for line in text.splitlines() if "...." in line]
    assert any("Ansvar" in line and line.rstrip()[-1].isdigit() for line in entries), text
    assert any("Bilaga 1. Rutin" in line and line.rstrip()[-1].isdigit() for line in entries), text


def test_a_partys_package_leaves_out_an_annex_of_other_parties_and_says_so(made):
    repo, _, package, _ = made
    names = {p.name for p in package.iterdir()}
    assert not any(name.startswith("jour") for name in names)  # no comparison of it either
    word = docx.Document(str(package / "avtalet_v0.2_mora-kommun.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Bilaga 1. Rutin" in text and "Jour i Falun" not in text
    manifest = json.loads((package / "manifest_avtalet_v0.2_mora-kommun.json").read_text(encoding="utf-8"))
    left = manifest["not_included"]
    assert [entry["document"] for entry in left] == ["jour"]
    assert left[0]["parties"] == ["Region Dalarna", "Falu kommun"]
    proposal = docx.Document(io.BytesIO((package / "tjansteskrivelse_avtalet_v0.2_mora-kommun.docx").read_bytes()))
    said = "\n".join(p.text for p in proposal.paragraphs)
    assert "Bilaga 2. Jour i Falun (version 0.1) ingår inte i underlaget för Mora kommun" in said
    assert "gäller bara Region Dalarna och Falu kommun" in said
    assert "Bilaga 2" not in [p.text for p in word.paragraphs if p.style.name.startswith("TOC")]


def test_parties_with_different_annexes_decide_their_own_packages_alike(made, tmp_path):
    """Mora decides the agreement without the annex for Falun, Falu kommun with it: both are likalydande
    within their own package, and `avtal check` and `avtal decisions` say so."""
    from avtal.decisions.commands import _load

    repo, _, package, _ = made
    root = tmp_path / "kopia"
    shutil.copytree(repo.root, root, symlinks=True)
    mora = json.loads((package / "manifest_avtalet_v0.2_mora-kommun.json").read_text(encoding="utf-8"))["fingerprint"]
    corpus, index = _load(root)
    falu = index.decided_text(corpus.by_id["avtalet"], "Falu kommun").fingerprint
    assert index.decided_text(corpus.by_id["avtalet"], "Mora kommun").fingerprint == mora != falu
    decisions = "decisions:\n" + "".join(
        f"  {party}:\n    body: Kommunfullmäktige\n    meeting_date: 2027-06-10\n    paragraph: 45\n"
        f"    minutes_approved: 2027-06-14\n    version: \"0.2\"\n    fingerprint: {fp}\n"
        for party, fp in (("Mora kommun", mora), ("Falu kommun", falu)))
    path = root / "agreement" / "avtalet.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("parties: alla\n", "parties: alla\n" + decisions, 1), encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    checked = subprocess.run([sys.executable, "-m", "avtal", "check"], cwd=root, capture_output=True, text=True, env=env)
    assert "AV70" not in checked.stdout + checked.stderr, checked.stdout
    shown = subprocess.run([sys.executable, "-m", "avtal", "decisions", "avtalet"], cwd=root, capture_output=True,
                           text=True, env=env)
    lines = {line.split()[0] + " " + line.split()[1]: line for line in shown.stdout.splitlines() if "kommun" in line}
    assert "beslutad:" in lines["Mora kommun"] and "beslutad:" in lines["Falu kommun"], shown.stdout
    assert "2 av 16 parter har beslutat om den nuvarande texten" in shown.stdout


def test_an_annex_for_a_party_outside_the_agreement_is_a_finding(repo):
    from conftest import document

    repo.write("agreement/avtal.md", document("\nText.\n", id="avtal", title="Överenskommelse", type="överenskommelse",
                                               parties="[Region Dalarna, Mora kommun]"))
    repo.write("annexes/b.md", document("\nText.\n", id="b", title="Bilaga 1. B", type="bilaga", annex_number="1",
                                         annex_of="avtal", parties="[Region Dalarna, Falu kommun]"))
    found = [f for f in repo.check() if f.code == "AV709"]
    assert [(f.path, f.code) for f in found] == [("annexes/b.md", "AV709")]
    assert "Falu kommun" in found[0].message
