"""Helpers for the decision tests: a repository with an agreement and an annex in versions 0.1 and 0.2,
Word files read back and edited at the XML level, and the fingerprints the model gives."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from conftest import GitRepo, document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTIES = ["Region Dalarna", "Avesta kommun", "Borlänge kommun", "Falu kommun", "Gagnefs kommun", "Hedemora kommun",
           "Leksands kommun", "Ludvika kommun", "Malung-Sälens kommun", "Mora kommun", "Orsa kommun",
           "Rättviks kommun", "Smedjebackens kommun", "Säters kommun", "Vansbro kommun", "Älvdalens kommun"]

AGREEMENT = """
## Ansvar {#ansvar}

Kommunen ansvarar för hälso- och sjukvård i hemmet upp till sjuksköterskenivå.[^hsl]

Regionen ansvarar för läkarinsatser.

| Insats | Ansvarig |
| --- | --- |
| Hemsjukvård | Kommunen |
| Läkarinsatser | Regionen |

[^hsl]: Hälso- och sjukvårdslagen (2017:30).
"""
ANNEX = """
## Om bilagan {#om-bilagan}

Bilagan beskriver rutinen för vårdbegäran.

- Kommunen tar emot vårdbegäran.
- Regionen svarar inom en vecka.
"""


def agreement(version: str = "0.1", body: str = AGREEMENT, **fields) -> str:
    fields.setdefault("status", "utkast")
    return document(body, id="avtalet", title="Överenskommelse om prov", type="överenskommelse",
                    version=f'"{version}"', **fields)


def annex(version: str = "0.1", body: str = ANNEX) -> str:
    return document(body, id="rutin", title="Bilaga 1. Rutin", type="bilaga", version=f'"{version}"',
                    annex_number="1", annex_of="avtalet")


def make_repo(repo: GitRepo) -> GitRepo:
    """Version 0.1 of the agreement and its annex, then 0.2 with one sentence changed."""
    repo.write("agreement/avtalet.md", agreement("0.1"))
    repo.write("annexes/rutin.md", annex("0.1"))
    repo.commit("Version 0.1")
    repo.write("agreement/avtalet.md", agreement("0.2", AGREEMENT.replace("läkarinsatser.", "läkarinsatser dygnet runt.")))
    repo.write("annexes/rutin.md", annex("0.2"))
    repo.commit("Version 0.2")
    return repo


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parts_of(data: bytes):
    from avtal.render.word.canonical import read_parts

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document_xml = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        notes = etree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
    return read_parts(document_xml, notes)


def edited(data: bytes, part: str, change) -> bytes:
    """The Word file with one part's XML changed by `change(root)`; every other entry as it was."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, content)
    return out.getvalue()


def body_paragraph(root, text: str):
    """The w:p whose text contains `text`."""
    for p in root.iter(w("p")):
        if text in "".join(t.text or "" for t in p.iter(w("t"))):
            return p
    raise AssertionError(f"no paragraph with {text!r}")


def replace_text(root, old: str, new: str) -> None:
    for t in root.iter(w("t")):
        if t.text and old in t.text:
            t.text = t.text.replace(old, new)
            return
    raise AssertionError(f"no text {old!r}")


def fingerprint_line(output: str) -> str:
    found = re.search(r"sha256:[0-9a-f]{16}", output)
    assert found, output
    return found.group(0)


def read_file(path: Path) -> bytes:
    return path.read_bytes()
