"""One fingerprint, two implementations: canonical.py and the page's script (fingeravtryck.js) in real
headless Chromium give the same canonical text and fingerprint for every Word file of the build (the
repository's), for Markdown documents rendered by the project's renderer, and for hand-made
document.xml with what other programs write: runs split anywhere, tracked insertions and deletions,
deleted paragraph marks, tabs, breaks, symbols, non-breaking spaces, tables with empty trailing cells,
content controls, alternate content, footnotes, and files without the body bookmarks."""

from __future__ import annotations

import os
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsfingerprint import docx_of, fingerprint_page, js_read, py_read
from render.test_site_browser import AXE, CHROMIUM

from conftest import Repo, document

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) or not AXE.exists(),
                                reason="chromium or axe-core is missing: run make test, which installs them")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    with fingerprint_page(tmp_path_factory.mktemp("js")) as page:
        yield page


@pytest.fixture(scope="module")
def built(repository_build):
    return repository_build  # this repository's build, made once per run (tests/conftest.py); read only


def _same(page, data: bytes, tmp) -> dict:
    python, script = py_read(data, tmp), js_read(page, data)
    if "error" in python:
        assert "error" in script, (python, script)
        return python
    assert script == python
    return python


def test_every_word_file_of_the_build(page, built, tmp_path):
    files = sorted((built / "docx").glob("*.docx"))
    assert len(files) >= 10
    redlines = 0
    for path in files:
        said = _same(page, path.read_bytes(), tmp_path)
        assert said["parts"], path.name
        redlines += said["rejected"] is not None
    assert redlines >= 5  # the comparisons' tracked changes are read on both sides


# -- Markdown documents through the project's renderer ---------------------------------------

PIECE = st.sampled_from(list("abcåäöÅÄÖ§–—019") + ["\u00a0", "e\u0301", "\u2009", "&amp;", "**fet**", "*kursiv*",
                                                     "`kod`", "\u202f"])
WORD = st.lists(PIECE, min_size=1, max_size=6).map("".join)
LINE = st.lists(WORD, min_size=1, max_size=10).map(" ".join)
CELL = st.one_of(st.just(""), WORD)


@st.composite
def markdown_body(draw) -> str:
    blocks = []
    for kind in draw(st.lists(st.sampled_from(["p", "h", "ul", "ol", "table", "note", "question", "verify"]),
                              min_size=1, max_size=6)):
        if kind == "p":
            blocks.append(draw(LINE))
        elif kind == "h":
            blocks.append(f"## {draw(LINE)}")
        elif kind in ("ul", "ol"):
            items = draw(st.lists(LINE, min_size=1, max_size=3))
            blocks.append("\n".join(f"{'-' if kind == 'ul' else '1.'} {item}" for item in items))
        elif kind == "table":
            width = draw(st.integers(2, 4))
            rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=3))
            head = "| " + " | ".join(f"Kolumn {n}" for n in range(width)) + " |"
            lines = [head, "|" + " --- |" * width] + ["| " + " | ".join(row) + " |" for row in rows]
            blocks.append("\n".join(lines))
        elif kind == "note":
            blocks.append(f"{draw(LINE)}[^n{len(blocks)}]\n\n[^n{len(blocks)}]: {draw(LINE)}")
        else:
            blocks.append(f'!!! {kind} "{draw(WORD)}"\n    {draw(LINE)}')
    return "\n\n".join(blocks)


@SETTINGS
@given(body=markdown_body())
def test_markdown_documents_rendered_to_word(page, tmp_path_factory, body):
    from avtal.render.word.document import DocxRenderer
    from avtal.source.load import load_corpus

    repo = Repo(tmp_path_factory.mktemp("md") / "repo")
    repo.write("plans/plan.md", document("\n" + body + "\n"))
    corpus = load_corpus(repo.root)
    if "plan" not in corpus.by_id:
        return  # not a document the loader takes (the checks say why); nothing to render
    data = DocxRenderer(repo.root, corpus, None).document(corpus.by_id["plan"])
    assert _same(page, data, tmp_path_factory.mktemp("py"))["parts"]


# -- Hand-made document.xml ---------------------------------------------------------------------

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
TRACK = 'w:id="9" w:author="a" w:date="2026-01-01T00:00:00Z"'
TEXT = st.lists(st.sampled_from(list("aåÖ §–.\t") + ["\u00a0", "\u2009", "\u3000", "\u0085", "\ufeff", "\u200b",
                                                     "e\u0301", "\ufb01", "Å"]), max_size=8).map("".join)


def _t(text: str, tag: str = "t") -> str:
    return f'<w:r><w:{tag} xml:space="preserve">{escape(text, quote=False)}</w:{tag}></w:r>'


RUN = st.one_of(
    TEXT.map(_t),
    st.sampled_from(["<w:r><w:tab/></w:r>", "<w:r><w:br/></w:r>", "<w:r><w:cr/></w:r>", "<w:r><w:noBreakHyphen/></w:r>",
                     "<w:r><w:softHyphen/></w:r>", "<w:r><w:ptab/></w:r>", "<w:r><w:instrText>TOC</w:instrText></w:r>",
                     '<w:r><w:sym w:char="F0A7"/></w:r>', '<w:r><w:sym w:char="00e5"/></w:r>', '<w:r><w:sym w:char="D800"/></w:r>',
                     '<w:r><w:sym w:char="0x41"/></w:r>', '<w:r><w:sym w:char="1_0"/></w:r>', '<w:r><w:sym/></w:r>',
                     '<w:r><w:footnoteReference w:id="1"/></w:r>', '<w:r><w:footnoteReference w:id="2"/></w:r>',
                     '<w:r><w:footnoteReference w:id="7"/></w:r>']),
    TEXT.map(lambda t: f"<w:ins {TRACK}>{_t(t)}</w:ins>"),
    TEXT.map(lambda t: f"<w:del {TRACK}>{_t(t, 'delText')}</w:del>"),
    TEXT.map(lambda t: f"<w:moveTo {TRACK}>{_t(t)}</w:moveTo>"),
    TEXT.map(lambda t: f"<w:moveFrom {TRACK}>{_t(t, 'delText')}</w:moveFrom>"),
    TEXT.map(lambda t: f"<w:smartTag>{_t(t)}</w:smartTag>"),
    TEXT.map(lambda t: f"<mc:AlternateContent><mc:Choice>{_t(t)}</mc:Choice><mc:Fallback>{_t('x' + t)}</mc:Fallback>"
                       "</mc:AlternateContent>"),
)
MARK = st.sampled_from(["", f"<w:pPr><w:rPr><w:del {TRACK}/></w:rPr></w:pPr>", f"<w:pPr><w:rPr><w:ins {TRACK}/></w:rPr></w:pPr>"])


@st.composite
def paragraph(draw) -> str:
    return f"<w:p>{draw(MARK)}{''.join(draw(st.lists(RUN, max_size=5)))}</w:p>"


@st.composite
def table(draw) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        mark = draw(st.sampled_from(["", f"<w:trPr><w:ins {TRACK}/></w:trPr>", f"<w:trPr><w:del {TRACK}/></w:trPr>"]))
        cells = "".join(f"<w:tc>{''.join(draw(st.lists(paragraph(), min_size=1, max_size=2)))}</w:tc>"
                        for _ in range(draw(st.integers(1, 4))))
        trailing = "<w:tc><w:p/></w:tc>" * draw(st.integers(0, 2))  # empty trailing cells
        rows.append(f"<w:tr>{mark}{cells}{trailing}</w:tr>")
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


BLOCK = st.one_of(paragraph(), paragraph(), table(), paragraph().map(lambda p: f"<w:sdt><w:sdtContent>{p}</w:sdtContent></w:sdt>"))


def _bookmark(name: str) -> str:
    return f'<w:p><w:bookmarkStart w:id="0" w:name="{name}"/><w:bookmarkEnd w:id="0"/></w:p>'


@st.composite
def document_xml(draw) -> str:
    layout = draw(st.sampled_from(["one", "package", "fallback"]))
    blocks = lambda: "".join(draw(st.lists(BLOCK, min_size=1, max_size=5)))  # noqa: E731
    if layout == "one":
        body = _bookmark("avtal_body_start") + blocks() + _bookmark("avtal_body_end")
    elif layout == "package":
        body = "".join(_bookmark(f"avtal_body_start{suffix}") + blocks() + _bookmark(f"avtal_body_end{suffix}")
                       for suffix in ("", "_1", "_2"))
    else:  # a records system dropped the bookmarks: after the contents field, before "Versionshistorik"
        toc = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Innehåll</w:t></w:r>'
               '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        body = toc + blocks() + "<w:p><w:r><w:t>Versionshistorik</w:t></w:r></w:p>" + blocks()
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'


NOTES = ('<?xml version="1.0" encoding="UTF-8"?><w:footnotes ' + W_NS + '>'
         '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
         '<w:footnote w:id="1"><w:p><w:r><w:t>Första  noten</w:t></w:r></w:p><w:p><w:r><w:t>andra\u00a0stycket</w:t></w:r>'
         '</w:p></w:footnote><w:footnote w:id="2"><w:p><w:ins ' + TRACK + '><w:r><w:t>Ny not</w:t></w:r></w:ins></w:p>'
         '</w:footnote></w:footnotes>')


@SETTINGS
@given(xml=document_xml(), notes=st.booleans())
def test_hand_made_document_xml(page, tmp_path_factory, xml, notes):
    _same(page, docx_of(xml, NOTES if notes else None), tmp_path_factory.mktemp("xml"))


def test_the_hard_cases_by_name(page, tmp_path):
    """A few cases spelled out, so that a failure names the rule: split runs, NBSP, a trailing empty
    cell, a deleted paragraph mark joining two paragraphs, a rejected insertion."""
    nbsp = _t("mun\u00a0 en")
    body = (_bookmark("avtal_body_start")
            + f"<w:p>{_t('Kom')}{nbsp}<w:r><w:tab/></w:r>{_t('ansvarar')}</w:p>"
            + f"<w:p><w:pPr><w:rPr><w:del {TRACK}/></w:rPr></w:pPr>{_t('Ett')}</w:p><w:p>{_t('stycke')}</w:p>"
            + f"<w:tbl><w:tr><w:tc><w:p>{_t('a')}</w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p>{_t('c')}</w:p></w:tc>"
            + "<w:tc><w:p/></w:tc></w:tr></w:tbl>"
            + f"<w:p><w:ins {TRACK}>{_t('nytt')}</w:ins><w:del {TRACK}>{_t('gammalt', 'delText')}</w:del></w:p>"
            + _bookmark("avtal_body_end"))
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'
    said = _same(page, docx_of(xml), tmp_path)
    assert said["parts"][0]["text"] == "Kommun en ansvarar\nEttstycke\na\t\tc\nnytt\n"
    assert said["rejected"][0]["text"] == "Kommun en ansvarar\nEtt\nstycke\na\t\tc\ngammalt\n"


def test_what_is_no_word_file_is_refused_on_both_sides(page, tmp_path):
    for data in (b"", b"%PDF-1.7\n", b"PK\x05\x06" + b"\0" * 18, docx_of("<w:document")):
        assert "error" in js_read(page, data) and "error" in py_read(data, tmp_path)
