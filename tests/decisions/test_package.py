"""`avtal package`: every file for two parties, names that differ, the party's diarienummer in the header,
a PDF/A-2b file that passes pikepdf's check, a manifest whose SHA-256 match, the same bytes twice; and
a Swedish message naming Debian's package when LibreOffice is missing."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys

import docx
import pytest
from decided import make_repo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TWO = {"Mora kommun": "KS 2027/0045", "Falu kommun": "KS 2027/0123"}


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    from conftest import GitRepo

    if not SOFFICE:
        pytest.skip("LibreOffice is missing: run make test")
    repo = make_repo(GitRepo(tmp_path_factory.mktemp("paket") / "repo"))
    text = (repo.root / "agreement" / "avtalet.md").read_text(encoding="utf-8")
    registrations = "registrations:\n" + "".join(f"  {party}: {number}\n" for party, number in TWO.items())
    repo.write("agreement/avtalet.md", text.replace("parties: alla\n", "parties: alla\n" + registrations))
    repo.commit("Diarienummer")
    outs = {}
    for run in ("första", "andra"):
        for party in TWO:
            out = repo.root.parent / run
            result = repo.avtal("package", "avtalet", "--party", party, "--out", str(out))
            assert result.code == 0, result.stdout + result.stderr
            assert "PDF/A-2b" in result.stdout
        outs[run] = out
    return repo, outs


def _files(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_each_party_gets_every_file_under_names_of_its_own(packaged):
    _, outs = packaged
    files = _files(outs["första"])
    for slug in ("mora-kommun", "falu-kommun"):
        base = f"avtalet_v0.2_{slug}"
        names = {name.split("/", 1)[1] for name in files if name.startswith(f"{base}/")}
        assert names == {f"{base}.docx", f"{base}.pdf", f"avtalet_v0.2_andringar_fran_v0.1_{slug}.docx",
                         f"rutin_v0.2_andringar_fran_v0.1_{slug}.docx", f"tjansteskrivelse_{base}.docx",
                         f"manifest_{base}.json"}
        assert f"{base}.zip" in files
    mora = {n.split("/")[-1] for n in files if "mora-kommun" in n}
    falu = {n.split("/")[-1] for n in files if "falu-kommun" in n}
    assert mora and falu and not mora & falu


def test_the_word_file_has_the_partys_diarienummer_and_the_proposal_says_what_is_decided(packaged):
    _, outs = packaged
    for party, number in TWO.items():
        base = f"avtalet_v0.2_{'mora' if party.startswith('Mora') else 'falu'}-kommun"
        word = docx.Document(io.BytesIO((outs["första"] / base / f"{base}.docx").read_bytes()))
        header = [cell.text for cell in word.tables[0].rows[1].cells]
        assert header[1] == number and header[2] == "0.2"
        manifest = json.loads((outs["första"] / base / f"manifest_{base}.json").read_text(encoding="utf-8"))
        proposal = docx.Document(io.BytesIO((outs["första"] / base / f"tjansteskrivelse_{base}.docx").read_bytes()))
        text = "\n".join(p.text for p in proposal.paragraphs)
        assert f"att anta Överenskommelse om prov, version 0.2 med Bilaga 1. Rutin (version 0.2), med fingeravtrycket " \
               f"{manifest['fingerprint'][:23]}" in text
        assert "att beslutet gäller under förutsättning att samtliga 16 parter fattar likalydande beslut." in text
        assert "[datum för tjänsteskrivelsen]" in "\n".join(c.text for r in proposal.tables[0].rows for c in r.cells)


def test_the_pdf_is_pdfa_2b_in_swedish(packaged):
    import pikepdf
    import pikepdf.pdfa

    _, outs = packaged
    pdf = (outs["första"] / "avtalet_v0.2_mora-kommun" / "avtalet_v0.2_mora-kommun.pdf").read_bytes()
    report = pikepdf.pdfa.validate_written(io.BytesIO(pdf), "2b")
    assert report.passed, [str(f) for f in report.findings]
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == "sv-SE" and "/StructTreeRoot" in document.Root


def test_the_manifest_names_every_file_with_its_sha256_the_fingerprint_and_the_commit(packaged):
    repo, outs = packaged
    folder = outs["första"] / "avtalet_v0.2_falu-kommun"
    manifest = json.loads((folder / "manifest_avtalet_v0.2_falu-kommun.json").read_text(encoding="utf-8"))
    assert manifest["commit"] == repo.git("rev-parse", "HEAD") and manifest["party"] == "Falu kommun"
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert set(listed) | {"manifest_avtalet_v0.2_falu-kommun.json"} == {p.name for p in folder.iterdir()}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    verified = repo.avtal("verify", str(folder / "avtalet_v0.2_falu-kommun.docx"))
    assert verified.code == 0 and manifest["fingerprint"][:23] in verified.stdout


def test_two_runs_give_the_same_bytes(packaged):
    _, outs = packaged
    assert _files(outs["första"]) == _files(outs["andra"])


def test_without_libreoffice_the_command_names_debians_package(git_repo, tmp_path):
    repo = make_repo(git_repo)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("git"), bin_dir / "git")
    env = {**os.environ, "PATH": str(bin_dir)}
    done = subprocess.run([sys.executable, "-m", "avtal", "package", "avtalet", "--party", "Mora kommun", "--out",
                           str(tmp_path / "ut")], cwd=repo.root, capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert "LibreOffice saknas" in done.stderr and "libreoffice-writer-nogui" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "ut").exists()
