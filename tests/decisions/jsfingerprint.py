"""The fingerprint as the page's script computes it (render/site_files/pages/javascripts/fingeravtryck.js) in real
headless Chromium, beside canonical.py's, for the tests that hold the two equal."""

from __future__ import annotations

import base64
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path

from avtal.render import theme
from render.test_site_browser import chromium_page, served

SCRIPT = theme.PAGES / "javascripts" / "fingeravtryck.js"

_READ = """async data => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  try {
    const word = await avtalFingerprint.readDocx(bytes.buffer);
    const side = parts => parts && parts.map(p => ({text: p.text, fingerprint: p.fingerprint}));
    return {parts: side(word.parts), rejected: side(word.rejected)};
  } catch (error) {
    return {error: String(error.message || error)};
  }
}"""


@contextmanager
def fingerprint_page(tmp: Path):
    """A Chromium page on localhost (crypto.subtle needs a secure context) with the script loaded."""
    (tmp / "site").mkdir()
    (tmp / "site" / "index.html").write_text('<!doctype html><html lang="sv"><title>t</title></html>', encoding="utf-8")
    with served(tmp / "site") as base, chromium_page(tmp / "profile") as page:
        page.goto(base)
        page.add_script_tag(path=str(SCRIPT))
        yield page


def js_read(page, data: bytes) -> dict:
    return page.evaluate(_READ, base64.b64encode(data).decode("ascii"))


def py_read(data: bytes, tmp: Path) -> dict:
    from avtal.decisions.wordfile import UnreadableFile, read_word

    path = tmp / "file.docx"
    path.write_bytes(data)
    try:
        word = read_word(path)
    except UnreadableFile as error:
        return {"error": str(error)}

    def side(parts):
        return parts and [{"text": p.text(), "fingerprint": p.fingerprint()} for p in parts]

    return {"parts": side(word.parts), "rejected": side(word.rejected) if word.rejected is not None else None}


def docx_of(document_xml: str, footnotes_xml: str | None = None) -> bytes:
    """A minimal Word file: the parts the fingerprint reads."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        archive.writestr("word/document.xml", document_xml)
        if footnotes_xml is not None:
            archive.writestr("word/footnotes.xml", footnotes_xml)
    return buffer.getvalue()
