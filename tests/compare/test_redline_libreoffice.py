"""Every redline of the build as LibreOffice reads it (UNO, one soffice process for all files):
accepting every change gives the newer version's text and rejecting every change the older one's,
as LibreOffice reads those versions' own Word files: paragraphs (empty ones too), tables, footnotes
and the table of contents.

LibreOffice 7.4 aborts opening a .docx with comments, so the comments (the statements to verify,
which are no part of the text) are taken out of every file before it is read, the same way on both
sides. A table row may end in empty cells on one side (a column added, which Word cannot track).

Two things LibreOffice 7.4 does that Word and ECMA-376 do not, allowed here and only these (the
ECMA-376 reading, test_redline_exact.py, allows neither):
- a paragraph whose mark is tracked and that stands right before a tracked table is left as an
  empty paragraph (LibreOffice cannot join a paragraph to a table);
- rejecting an inserted paragraph (its mark inserted) between two unchanged ones joins those two
  (the bug the study of 2026-12-06 reduced to a minimal file).
Each is checked to be exactly that: empty lines, or two neighbouring lines of the version run together."""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from compare.redlines import build_redlines
from compare.wordtext import w

SYSTEM_PYTHON = "/usr/bin/python3"
ORACLE = Path(__file__).with_name("lo_oracle.py")


def _has_uno() -> bool:
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


pytestmark = [pytest.mark.skipif(not _has_uno(), reason="LibreOffice with python3-uno is missing (make debian-packages)"), pytest.mark.libreoffice]  # LibreOffice over UNO: left out of make test-fast


def without_comments(data: bytes) -> bytes:
    """The Word file without its comments: the ranges and references in the text, the part and its relation."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            raw = source.read(item)
            if item.filename in ("word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml"):
                continue
            if item.filename == "word/document.xml":
                root = etree.fromstring(raw)
                for node in list(root.iter(w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))):
                    holder = node.getparent()
                    if node.tag == w("commentReference") and holder.tag == w("r"):
                        node, holder = holder, holder.getparent()
                    holder.remove(node)
                raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "word/_rels/document.xml.rels":
                raw = re.sub(rb"<Relationship [^>]*Target=\"comments[A-Za-z]*\.xml\"[^>]*/>", b"", raw)
            elif item.filename == "[Content_Types].xml":
                raw = re.sub(rb"<Override [^>]*PartName=\"/word/comments[A-Za-z]*\.xml\"[^>]*/>", b"", raw)
            target.writestr(item, raw)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def read(tmp_path_factory, repository_build):
    """What LibreOffice reads from every redline (accepted and rejected) and both versions' files."""
    tmp = tmp_path_factory.mktemp("lo")
    redlines = build_redlines(tmp, repository_build)
    assert len(redlines) >= 10
    jobs = []
    for number, redline in enumerate(redlines):
        for kind, path in (("redline", redline.path), ("new", redline.new), ("old", redline.old)):
            target = tmp / "stripped" / f"{number}-{kind}.docx"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(without_comments(path.read_bytes()))
            jobs += [f"accept:{target}", f"reject:{target}"] if kind == "redline" else [f"plain:{target}"]
    out = tmp / "read.json"
    done = subprocess.run([SYSTEM_PYTHON, str(ORACLE), str(tmp / "profile"), str(out), *jobs],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    said = json.loads(out.read_text("utf-8"))
    return [(redline, {kind: said[f"{mode}:{tmp / 'stripped' / f'{number}-{name}.docx'}"]
                       for kind, mode, name in (("accepted", "accept", "redline"), ("rejected", "reject", "redline"),
                                                ("new", "plain", "new"), ("old", "plain", "old"))})
            for number, redline in enumerate(redlines)]


def _trailing(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.rstrip()
        while line.endswith(" |"):
            line = line[:-2].rstrip()
        out.append(line)
    return out


def _joined_neighbours(said: list[str], expected: list[str]) -> bool:
    """Whether `said` is `expected` with some neighbouring lines run together (LibreOffice's join)."""
    i = j = 0
    while i < len(said) and j < len(expected):
        if said[i] == expected[j]:
            i, j = i + 1, j + 1
            continue
        run, k = expected[j], j + 1
        while k < len(expected) and len(run) < len(said[i]) and said[i].startswith(run):
            run, k = run + expected[k], k + 1
        if run != said[i] or k == j + 1:
            return False
        i, j = i + 1, k
    return i == len(said) and j == len(expected)


def _differences(said: list[str], expected: list[str]) -> str:
    if _trailing(said) == _trailing(expected):
        return ""
    said_full, expected_full = ([line for line in _trailing(lines) if line] for lines in (said, expected))
    if said_full == expected_full or _joined_neighbours(said_full, expected_full):
        return ""  # LibreOffice's own ways, described above
    return "\n".join(list(difflib.unified_diff(expected, said, "version", "redline", lineterm="", n=1))[:30])


@pytest.mark.parametrize("part", ["body", "contents"])
def test_libreoffice_accepts_to_the_newer_and_rejects_to_the_older(read, part):
    failures = []
    for redline, texts in read:
        assert texts["new"][part], (redline.doc_id, part)  # LibreOffice found the text at all
        for side, version in (("accepted", "new"), ("rejected", "old")):
            diff = _differences(texts[side][part], texts[version][part])
            if diff:
                failures.append(f"{redline.doc_id} {side} {part}:\n{diff}")
    assert not failures, "\n\n".join(failures)
