"""`avtal verify` on a redline (ändringsmarkerad Word file) recomputes both sides: every change
accepted must be the newer version's text, every change rejected the older one's, and the identity
the file states (fingerprints and versions) must be what its text has; otherwise exit 1."""

import pytest
from decided import body_paragraph, edited, make_repo, w

CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


@pytest.fixture
def redline(git_repo, tmp_path):
    repo = make_repo(git_repo)
    path = tmp_path / "andringar.docx"
    done = repo.avtal("compare", "avtalet", "--from", "0.1", "--format", "docx", "-o", str(path))
    assert done.code == 0, done.stdout + done.stderr
    return repo, path


def _property(name: str, value: str):
    def change(root):
        for prop in root.iter(CUSTOM):
            if prop.get("name") == name:
                prop[0].text = value
                return
        raise AssertionError(f"no property {name}")
    return change


def test_a_redline_as_built_names_both_versions(redline):
    repo, path = redline
    result = repo.avtal("verify", str(path))
    assert result.code == 0, result.stdout + result.stderr
    assert "Godkänns alla ändringar: Överenskommelse om prov (avtalet), version 0.2" in result.stdout
    assert "Avvisas alla ändringar: Överenskommelse om prov (avtalet), version 0.1" in result.stdout
    assert "Fel:" not in result.stdout


def test_a_redline_that_does_not_reject_to_the_older_text_is_an_error(redline, tmp_path):
    repo, path = redline

    def add_deletion(root):  # a word that rejecting brings back, which version 0.1 never had
        from lxml import etree

        paragraph = body_paragraph(root, "Regionen ansvarar")
        mark = etree.SubElement(paragraph, w("del"), {w("id"): "9999", w("author"): "x", w("date"): "2026-01-01T00:00:00Z"})
        etree.SubElement(etree.SubElement(mark, w("r")), w("delText")).text = " Dessutom."

    broken = tmp_path / "med-borttaget.docx"
    broken.write_bytes(edited(path.read_bytes(), "word/document.xml", add_deletion))
    result = repo.avtal("verify", str(broken))
    assert result.code == 1, result.stdout
    assert "Godkänns alla ändringar: Överenskommelse om prov (avtalet), version 0.2" in result.stdout
    assert "Fel: avvisas alla ändringar är texten inte någon version i historiken" in result.stdout
    assert "Närmast är Överenskommelse om prov (avtalet), version 0.1" in result.stdout


def test_an_identity_that_states_another_fingerprint_or_version_is_an_error(redline, tmp_path):
    repo, path = redline
    wrong = tmp_path / "fel-fingeravtryck.docx"
    wrong.write_bytes(edited(path.read_bytes(), "docProps/custom.xml",
                             _property("Avtal fingeravtryck avvisade ändringar", "sha256:" + "0" * 64)))
    result = repo.avtal("verify", str(wrong))
    assert result.code == 1, result.stdout
    assert "Fel: dokumentidentiteten anger fingeravtrycket sha256:0000000000000000 för texten när alla ändringar " \
           "avvisas, men texten har sha256:" in result.stdout

    other = tmp_path / "fel-version.docx"
    other.write_bytes(edited(path.read_bytes(), "docProps/custom.xml", _property("Avtal ändringar från version", "0.2")))
    result = repo.avtal("verify", str(other))
    assert result.code == 1, result.stdout
    assert "Fel: dokumentidentiteten anger version 0.2 för texten när alla ändringar avvisas, men texten är " \
           "version 0.1." in result.stdout
