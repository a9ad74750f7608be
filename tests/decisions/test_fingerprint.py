"""The fingerprint of a text: the same from the model and from the Word file, through a LibreOffice
re-save, another party's header and other document properties; another for one changed word, one
deleted paragraph or one changed table cell."""

import shutil
import subprocess
from pathlib import Path

import pytest
from decided import body_paragraph, edited, parts_of, replace_text, w

from conftest import REPO_ROOT, Repo, document
from render.test_word_fidelity import BODY as HARD_CASES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _renderer(root: Path):
    from avtal.render.word.document import DocxRenderer
    from avtal.source.load import load_corpus

    corpus = load_corpus(root)
    return corpus, DocxRenderer(root, corpus, None)


def _model(renderer, doc) -> str:
    from avtal.render.word.modeltext import model_fingerprint

    return model_fingerprint(renderer, doc)[0]


@pytest.fixture(scope="module")
def real():
    """This repository's documents and the agreement's decision package, rendered once."""
    corpus, renderer = _renderer(REPO_ROOT)
    files = {doc.meta.id: renderer.document(doc) for doc in corpus.documents if doc.meta}
    agreement = corpus.by_id["overenskommelse"]
    annexes = sorted((d for d in corpus.documents if d.meta.annex_of == "overenskommelse"),
                     key=lambda d: d.meta.annex_number)
    return corpus, renderer, files, renderer.decision_package(agreement, annexes), annexes


def test_every_document_of_the_repository_gives_the_same_fingerprint_from_the_model_and_the_word_file(real):
    corpus, renderer, files, _, _ = real
    for doc_id, data in files.items():
        parts = parts_of(data)
        assert len(parts) == 1, doc_id
        assert parts[0].fingerprint() == _model(renderer, corpus.by_id[doc_id]), doc_id


def test_the_decision_package_holds_each_documents_fingerprint_in_annex_order(real):
    from avtal.render.word.canonical import package_fingerprint

    corpus, renderer, _, package, annexes = real
    parts = parts_of(package)
    expected = [_model(renderer, doc) for doc in [corpus.by_id["overenskommelse"], *annexes]]
    assert [p.fingerprint() for p in parts] == expected
    assert package_fingerprint(expected) != expected[0]


def test_the_hard_cases_of_the_word_renderer_give_the_same_fingerprint_from_both_sides(tmp_path):
    repo = Repo(tmp_path / "repo")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    repo.write("plans/plan.md", document(HARD_CASES + "\n!!! verify \"Att verifiera: lagrummet\"\n    Kontrollera.\n"))
    corpus, renderer = _renderer(repo.root)
    doc = corpus.by_id["plan"]
    data = renderer.document(doc)
    part = parts_of(data)[0]
    assert part.fingerprint() == _model(renderer, doc)
    text = part.text()
    assert "Första stycket i noten § 1. Andra stycket i noten." in text.split("\n\n", 1)[1]  # the footnotes last
    assert "Kontrollera." not in text and "lagrummet" not in text  # a statement to verify is a comment
    assert "\t" in text  # a table row keeps its cells apart


def test_the_identity_on_the_last_page_and_in_the_properties_is_the_texts(real):
    import io

    import docx

    corpus, renderer, files, package, _ = real
    word = docx.Document(io.BytesIO(files["overenskommelse"]))
    fingerprint = parts_of(files["overenskommelse"])[0].fingerprint()
    identity = word.tables[-1]
    rows = {row.cells[0].text: row.cells[1].text for row in identity.rows}
    assert rows["Version"].startswith(corpus.by_id["overenskommelse"].meta.version)
    assert fingerprint[:23] in rows["Textens fingeravtryck"]
    assert fingerprint in rows["Textens fingeravtryck"]
    import zipfile

    custom = zipfile.ZipFile(io.BytesIO(files["overenskommelse"])).read("docProps/custom.xml").decode()
    assert fingerprint in custom and "Avtal incheckning" in custom
    assert "beslutspaket" in zipfile.ZipFile(io.BytesIO(package)).read("docProps/custom.xml").decode()


def test_another_partys_header_and_other_properties_do_not_change_it(real):
    corpus, renderer, files, _, _ = real
    from avtal.render.word.document import DocxRenderer

    mora = DocxRenderer(REPO_ROOT, corpus, None, "Mora kommun").document(corpus.by_id["overenskommelse"])
    assert mora != files["overenskommelse"]
    assert parts_of(mora)[0].fingerprint() == parts_of(files["overenskommelse"])[0].fingerprint()
    stamped = edited(files["overenskommelse"], "word/document.xml",
                     lambda root: replace_text(root, "Ej registrerat", "KS 2027/1234"))
    props = edited(stamped, "docProps/core.xml", lambda root: root.append(root[0].__copy__()))
    assert parts_of(props)[0].fingerprint() == parts_of(files["overenskommelse"])[0].fingerprint()


def test_one_word_one_paragraph_or_one_cell_changes_it(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("plans/plan.md", document("""
Kommunen ansvarar för hemsjukvård.

Regionen ansvarar för läkarinsatser.

| Insats | Ansvarig |
| --- | --- |
| Hemsjukvård | Kommunen |
"""))
    corpus, renderer = _renderer(repo.root)
    data = renderer.document(corpus.by_id["plan"])
    original = parts_of(data)[0].fingerprint()
    word = edited(data, "word/document.xml", lambda root: replace_text(root, "hemsjukvård.", "hemvård."))

    def drop(root):
        p = body_paragraph(root, "Regionen ansvarar")
        p.getparent().remove(p)

    def cell(root):
        cells = [tc for tc in root.iter(w("tc")) if "".join(t.text or "" for t in tc.iter(w("t"))) == "Kommunen"]
        replace_text(cells[-1], "Kommunen", "Regionen")

    changed = [parts_of(edited(data, "word/document.xml", change))[0].fingerprint() for change in (drop, cell)]
    assert len({original, parts_of(word)[0].fingerprint(), *changed}) == 4


def test_a_file_whose_bookmarks_were_dropped_is_read_between_the_contents_and_the_history(real):
    corpus, renderer, files, _, _ = real

    def unmark(root):
        for mark in list(root.iter(w("bookmarkStart"))):
            if mark.get(w("name")).startswith("avtal_body"):
                mark.getparent().remove(mark)

    bare = edited(files["overenskommelse"], "word/document.xml", unmark)
    assert parts_of(bare)[0].fingerprint() == parts_of(files["overenskommelse"])[0].fingerprint()


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is missing: run make test")
def test_a_libreoffice_resave_keeps_it(real, tmp_path):
    corpus, renderer, files, package, _ = real
    (tmp_path / "a.docx").write_bytes(files["overenskommelse"])
    (tmp_path / "p.docx").write_bytes(package)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "docx", "--outdir", str(tmp_path / "out"), str(tmp_path / "a.docx"), str(tmp_path / "p.docx")],
                   check=True, capture_output=True, timeout=300)
    for name, data in (("a.docx", files["overenskommelse"]), ("p.docx", package)):
        resaved = (tmp_path / "out" / name).read_bytes()
        assert resaved != data
        assert [p.fingerprint() for p in parts_of(resaved)] == [p.fingerprint() for p in parts_of(data)]
