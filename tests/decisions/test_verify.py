"""`avtal verify`: a current file, an older version's file, a decision package, a tampered file, a file
that is no Word file and a truncated one; and `--record`, which writes the fingerprint into a decision."""

import zipfile

import pytest
from decided import PARTIES, body_paragraph, edited, fingerprint_line, make_repo, replace_text


@pytest.fixture
def repo(git_repo):
    return make_repo(git_repo)


def test_a_current_and_an_older_versions_file_are_named(repo, tmp_path):
    assert repo.avtal("docx", "avtalet", "-o", str(tmp_path / "ny.docx")).code == 0
    assert repo.avtal("docx", "avtalet", "--version", "0.1", "-o", str(tmp_path / "gammal.docx")).code == 0
    result = repo.avtal("verify", str(tmp_path / "ny.docx"), str(tmp_path / "gammal.docx"))
    assert result.code == 0, result.stdout + result.stderr
    new, old = result.stdout.splitlines()
    assert "Överenskommelse om prov (avtalet), version 0.2" in new and "incheckning" in new
    assert "version 0.1" in old and "inga beslut om texten" in old


def test_the_decision_package_and_a_party_copy_are_recognised(repo, tmp_path):
    assert repo.avtal("build", "--out", str(tmp_path / "bygge")).code == 0
    package = tmp_path / "bygge" / "docx" / "beslutspaket_avtalet_v0.2.docx"
    assert repo.avtal("docx", "avtalet", "--party", "Mora kommun", "-o", str(tmp_path / "mora.docx")).code == 0
    result = repo.avtal("verify", str(package), str(tmp_path / "mora.docx"))
    assert result.code == 0, result.stdout
    assert result.stdout.startswith(f"{package}: beslutspaket: Överenskommelse om prov (avtalet), version 0.2")
    assert "rutin 0.2" in result.stdout


def test_a_tampered_file_is_not_a_version_and_the_paragraph_is_named(repo, tmp_path):
    assert repo.avtal("docx", "avtalet", "-o", str(tmp_path / "ny.docx")).code == 0
    data = (tmp_path / "ny.docx").read_bytes()
    tampered = edited(data, "word/document.xml", lambda root: replace_text(root, "sjuksköterskenivå", "läkarnivå"))
    (tmp_path / "ändrad.docx").write_bytes(tampered)
    result = repo.avtal("verify", str(tmp_path / "ändrad.docx"))
    assert result.code == 1
    assert "är inte någon version i historiken" in result.stdout
    assert "Närmast är Överenskommelse om prov (avtalet), version 0.2" in result.stdout
    assert "1 stycke skiljer sig" in result.stdout
    assert "[-sjuksköterskenivå.-] {+läkarnivå.+}" in result.stdout


def test_a_deleted_paragraph_is_named_as_deleted(repo, tmp_path):
    assert repo.avtal("docx", "avtalet", "-o", str(tmp_path / "ny.docx")).code == 0

    def drop(root):
        p = body_paragraph(root, "Regionen ansvarar")
        p.getparent().remove(p)

    (tmp_path / "kortare.docx").write_bytes(edited((tmp_path / "ny.docx").read_bytes(), "word/document.xml", drop))
    result = repo.avtal("verify", str(tmp_path / "kortare.docx"))
    assert result.code == 1 and "borttaget stycke" in result.stdout and "Regionen ansvarar" in result.stdout


def test_a_file_that_is_no_word_file_or_is_cut_short_is_a_usage_error(repo, tmp_path):
    (tmp_path / "text.docx").write_text("inte en Word-fil", encoding="utf-8")
    assert repo.avtal("docx", "avtalet", "-o", str(tmp_path / "ny.docx")).code == 0
    (tmp_path / "avklippt.docx").write_bytes((tmp_path / "ny.docx").read_bytes()[:3000])
    with zipfile.ZipFile(tmp_path / "tom.docx", "w") as archive:
        archive.writestr("word/annat.xml", "<x/>")
    with zipfile.ZipFile(tmp_path / "ny.docx") as source, zipfile.ZipFile(tmp_path / "trasig.docx", "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    for name in ("text.docx", "avklippt.docx", "tom.docx", "trasig.docx", "saknas.docx"):
        result = repo.avtal("verify", str(tmp_path / name))
        assert result.code == 2, name
        assert result.stderr.startswith("avtal: fel: ") and "Traceback" not in result.stderr, result.stderr
    assert "ingen Word-fil" in repo.avtal("verify", str(tmp_path / "text.docx")).stderr
    both = repo.avtal("verify", str(tmp_path / "ny.docx"), str(tmp_path / "text.docx"))
    assert both.code == 2 and "version 0.2" in both.stdout  # the readable file is still verified


def test_record_writes_the_version_and_fingerprint_into_the_partys_decision(repo, tmp_path):
    text = (repo.root / "agreement" / "avtalet.md").read_text(encoding="utf-8")
    decision = ("decisions:\n  Mora kommun:\n    body: Kommunfullmäktige\n    meeting_date: 2027-06-10\n"
                "    paragraph: 45\n    minutes_approved: 2027-06-14\n")
    repo.write("agreement/avtalet.md", text.replace("parties: alla\n", "parties: alla\n" + decision))
    assert repo.avtal("build", "--out", str(tmp_path / "bygge")).code == 0
    package = tmp_path / "bygge" / "docx" / "beslutspaket_avtalet_v0.2.docx"
    result = repo.avtal("verify", str(package), "--record", "Mora kommun")
    assert result.code == 0, result.stdout + result.stderr
    written = (repo.root / "agreement" / "avtalet.md").read_text(encoding="utf-8")
    assert written.startswith(text.split("parties: alla\n")[0])  # nothing else moved
    assert '    version: "0.2"\n    fingerprint: sha256:' in written
    assert fingerprint_line(result.stdout) in written
    check = repo.avtal("check", "--format", "json")
    assert [f for f in check.findings if f["code"].startswith("AV70") and f["code"] != "AV707"] == []
    again = repo.avtal("verify", str(package))
    assert "beslutad av 1 av 16 parter (Mora kommun)" in again.stdout
    assert repo.avtal("verify", str(package), "--record", "Falu kommun").code == 2  # no decision to fill in
    assert PARTIES[9] == "Mora kommun"


def test_a_file_that_names_its_document_is_looked_up_in_its_history_first(repo, tmp_path):
    """With no fingerprint cache (a fresh clone), only the history of the document the file names is
    fingerprinted; a file whose properties name another document is still found, in every document's."""
    import json

    assert repo.avtal("docx", "avtalet", "-o", str(tmp_path / "ny.docx")).code == 0
    cache = repo.root / ".git" / "avtal-fingeravtryck-v2.json"
    cache.unlink(missing_ok=True)
    result = repo.avtal("verify", str(tmp_path / "ny.docx"))
    assert result.code == 0 and "(avtalet), version 0.2" in result.stdout, result.stdout + result.stderr
    kept = {doc for rows in json.loads(cache.read_text(encoding="utf-8"))["commits"].values() for doc in rows}
    assert kept == {"avtalet"}

    def rename(root):
        for element in root.iter():
            if element.text == "avtalet":
                element.text = "rutin"

    (tmp_path / "fel-namn.docx").write_bytes(edited((tmp_path / "ny.docx").read_bytes(), "docProps/custom.xml", rename))
    cache.unlink()
    result = repo.avtal("verify", str(tmp_path / "fel-namn.docx"))
    assert result.code == 0 and "(avtalet), version 0.2" in result.stdout, result.stdout + result.stderr
    kept = {doc for rows in json.loads(cache.read_text(encoding="utf-8"))["commits"].values() for doc in rows}
    assert {"avtalet", "rutin", "avtalet#beslutspaket"} <= kept
