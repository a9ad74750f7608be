"""What a file handed to `avtal verify` is, from its first bytes (and, for a zip or an old Office file,
the names inside), so that a file verify cannot read is named in Swedish: "är en PNG-bild".

    kind_of(path) -> "docx" | "pdf" | "odt" | "doc" | a Swedish description of what else it is

Only the distinctions verify needs are made: the signatures of the formats people mix up with a Word
file (a PDF, an OpenDocument text, Word 97–2003, other Office files, images, RTF, HTML, plain text).
Reading the zip's list of names is what zipfile does; nothing is unpacked here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, Excel 97–2003 … (Compound File Binary)
_IMAGES = [(b"\x89PNG\r\n\x1a\n", "en PNG-bild"), (b"\xff\xd8\xff", "en JPEG-bild"), (b"GIF8", "en GIF-bild"),
           (b"II*\x00", "en TIFF-bild"), (b"MM\x00*", "en TIFF-bild")]
_ZIPPED = [("word/document.xml", "docx"), ("xl/workbook.xml", "ett Excel-ark (.xlsx), inget Word-dokument"),
           ("ppt/presentation.xml", "en PowerPoint-presentation (.pptx), inget Word-dokument")]
_ODF = {"application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ett OpenDocument-kalkylark (.ods), inget textdokument",
        "application/vnd.oasis.opendocument.presentation": "en OpenDocument-presentation (.odp), inget textdokument"}


def kind_of(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(4096)
    if not head:
        return "tom (0 byte)"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zipped(path)
    if head.startswith(OLE):
        return "doc" if "WordDocument".encode("utf-16-le") in path.read_bytes()[:1 << 20] else \
            "ett äldre Office-dokument (till exempel ett Excel-ark), inget Word-dokument"
    for signature, name in _IMAGES:
        if head.startswith(signature):
            return name
    if head.lstrip().startswith(b"{\\rtf"):
        return "ett RTF-dokument"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "en webbsida (HTML)"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "en fil av okänt slag"
    return "en textfil"


def _zipped(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return "docx"  # a zip cut short or damaged: read_word says so, as for any Word file
    for name, kind in _ZIPPED:
        if name in names:
            return kind
    if mimetype in _ODF:
        return _ODF[mimetype]
    return "ett zip-arkiv utan Word-dokument"
