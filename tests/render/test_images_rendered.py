"""Images: the same file on the site and in the Word file, read once by the check; nothing else is shown."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import posixpath
import re
import shutil
import threading
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from test_site_browser import CHROMIUM, FLAGS

from conftest import REPO_ROOT, Repo
from sample_images import exif_jpeg, gif, jpeg, png

BODY = """
Tidplanen i en bild:

![Tidplanen för 2027](bilder/tidplan%20ny.png)

En liten symbol ![Symbol](bilder/symbol.gif) mitt i texten, ett foto ![Fotot](../annexes/foto.jpg "Foto")
och en [länk till bilden](bilder/symbol.gif).
"""
IMAGES = {"plans/bilder/tidplan ny.png": png(3000, 1500, dpi=300), "plans/bilder/symbol.gif": gif(),
          "annexes/foto.jpg": exif_jpeg()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    repo = Repo(tmp_path_factory.mktemp("bilder") / "repo")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    repo.doc("plan", BODY)
    for path, data in IMAGES.items():
        repo.write(path, data)
    result = repo.avtal("build")
    assert result.code == 0, result.stdout + result.stderr
    return repo.root / "build"


def _img_tags(page: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img\b[^>]*>", page)]


def test_the_site_has_each_image_at_its_own_path_and_the_page_points_to_it(built):
    site = built / "site"
    for path, data in IMAGES.items():
        assert (site / path).read_bytes() == data
    page_dir = "plans/plan/"
    page = (site / page_dir / "index.html").read_text("utf-8")
    images = _img_tags(page)
    assert [i["alt"] for i in images] == ["Tidplanen för 2027", "Symbol", "Fotot"]
    for image in images:
        target = posixpath.normpath(posixpath.join(page_dir, image["src"].replace("%20", " ")))
        assert (site / target).is_file(), image["src"]
    assert 'href="../bilder/symbol.gif"' in page  # a link to an image file is published too


def test_the_word_file_holds_the_same_bytes_scaled_to_the_page(built):
    path = built / "docx" / "plan_v0.1.docx"
    with zipfile.ZipFile(path) as package:
        media = {hashlib.sha256(package.read(n)).hexdigest() for n in package.namelist() if n.startswith("word/media/")}
    assert media == {hashlib.sha256(data).hexdigest() for data in IMAGES.values()}
    word = docx.Document(str(path))
    shapes = {shape._inline.docPr.get("descr"): shape for shape in word.inline_shapes}
    assert set(shapes) == {"Tidplanen för 2027", "Symbol", "Fotot"}
    wide = shapes["Tidplanen för 2027"]
    assert abs(wide.width - Cm(15)) < Cm(0.01) and abs(wide.height - Cm(7.5)) < Cm(0.01)  # 10 × 5 inch, made to fit
    assert shapes["Symbol"].width == docx.shared.Inches(1 / 72)  # its own size


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is missing: run make test")
def test_chromium_shows_every_image_on_the_page(built, tmp_path):
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / "profile"), executable_path=CHROMIUM, args=FLAGS, headless=True)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/plans/plan/")
            sizes = page.evaluate("() => [...document.querySelectorAll('article img')]"
                                  ".map(i => [i.alt, i.complete, i.naturalWidth])")
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert sizes == [["Tidplanen för 2027", True, 3000], ["Symbol", True, 1], ["Fotot", True, 1]]


def test_an_image_the_check_did_not_let_through_is_its_text_on_the_site_and_in_word(repo):
    """Even when a renderer is reached without the check (mkdocs with strict_check off), it opens nothing."""
    from avtal.render.markup import document_markdown
    from avtal.render.word.document import DocxRenderer
    from avtal.source.load import load_corpus

    repo.doc("plan", "Se ![Extern](//host/etc/passwd) och ![Saknas](saknas.png) och ![Lösen](/etc/passwd).\n")
    corpus = load_corpus(repo.root)
    doc = corpus.by_id["plan"]
    html = document_markdown(repo.root, corpus, doc.path).convert(doc.body_text)
    assert "<img" not in html and "Se Extern och Saknas och Lösen." in html
    word = docx.Document(io.BytesIO(DocxRenderer(repo.root, corpus, None).document(doc)))
    assert not word.inline_shapes
    assert "Se Extern och Saknas och Lösen." in [p.text for p in word.paragraphs]


def test_jpeg_and_gif_and_png_are_the_types(repo):
    for name, data in {"a.png": png(), "b.jpg": jpeg(), "c.jpeg": exif_jpeg(), "d.gif": gif()}.items():
        repo.write(f"plans/{name}", data)
    repo.doc("plan", "![a](a.png) ![b](b.jpg) ![c](c.jpeg) ![d](d.gif)\n")
    assert repo.check() == []
