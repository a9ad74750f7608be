"""LibreOffice (Debian's, headless) as the decisions stage uses it: Word files to PDF with every index
(the table of contents) updated from the real page layout first, and .odt/.doc copies to .docx.

    soffice()                        the command, or a usage error naming Debian's package
    export_pdf({name: docx}, work)   one LibreOffice run for all files: a Basic macro in a private
                                     profile opens each file, updates its indexes twice (the second
                                     pass after the first has grown the contents and moved the
                                     pages), and exports PDF/A-2b, tagged, without comments
    to_docx(path, work)              --convert-to docx, for `avtal verify` on .odt and .doc

Why a macro: `soffice --convert-to pdf` lays the file out but never updates an index, so a table of
contents keeps the entries the Word file had, without page numbers (unoconv and jodconverter update
indexes the same way, over UNO, before they export). Basic needs no Python bridge. The profile is
private to each run (runs in parallel, no user settings); it is made first with
--terminate_after_init, because LibreOffice replaces a profile's Basic folder when it creates the
profile. The documents are opened without "Hidden": LibreOffice 7.4's no-GUI build aborts when an
index is updated in a hidden frame (its progress bar wants a window).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from ..exits import UsageError

DEBIAN_PACKAGE = "libreoffice-writer-nogui"
TIMEOUT = 300

_MACRO = """Sub ExportAll(sList As String)
  Dim iFile As Integer, sLine As String, parts
  iFile = FreeFile
  Open sList For Input As #iFile
  Do While Not EOF(iFile)
    Line Input #iFile, sLine
    If Len(sLine) > 0 Then
      parts = Split(sLine, Chr(9))
      ExportOne(parts(0), parts(1))
    End If
  Loop
  Close #iFile
End Sub

Sub ExportOne(sIn As String, sOut As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "ReadOnly" : load(0).Value = False
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), "_blank", 0, load())
  For pass = 1 To 2
    indexes = doc.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
      indexes.getByIndex(i).update()
    Next
    doc.refresh()
  Next
  Dim data(3) As New com.sun.star.beans.PropertyValue
  data(0).Name = "SelectPdfVersion" : data(0).Value = CLng(2)
  data(1).Name = "UseTaggedPDF" : data(1).Value = True
  data(2).Name = "ExportNotes" : data(2).Value = False
  data(3).Name = "ExportBookmarks" : data(3).Value = True
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName" : store(0).Value = "writer_pdf_Export"
  store(1).Name = "FilterData" : store(1).Value = data()
  doc.storeToURL(ConvertToURL(sOut), store())
  doc.close(True)
End Sub
"""

_MODULE = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD '
           'OfficeDocument 1.0//EN" "module.dtd">\n<script:module xmlns:script="http://openoffice.org/2000/script" '
           'script:name="Module1" script:language="StarBasic">{}</script:module>\n')


def soffice(purpose: str = "för PDF/A-filen") -> str:
    """LibreOffice's command, or a usage error that says how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise UsageError(f"LibreOffice saknas, och det behövs {purpose}. Installera Debians paket "
                         f"{DEBIAN_PACKAGE} (sudo apt-get install {DEBIAN_PACKAGE}), eller kör make build, "
                         "som installerar det när ett dokument behöver beslutsunderlag")
    return found


def _run(command: list[str], work: Path) -> subprocess.CompletedProcess:
    profile = (work / "profile").as_uri()
    return subprocess.run([command[0], f"-env:UserInstallation={profile}", "--headless", "--norestore", *command[1:]],
                          capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                          env={**os.environ, "HOME": str(work)})


def export_pdf(files: dict[str, bytes], work: Path) -> tuple[dict[str, Path], subprocess.CompletedProcess]:
    """Each Word file as PDF/A-2b with its indexes updated; {name: the PDF made (it may be missing)}."""
    command = soffice()
    (work / "in").mkdir()
    (work / "out").mkdir()
    made, lines = {}, []
    for name in sorted(files):
        source = work / "in" / name
        source.write_bytes(files[name])
        made[name] = work / "out" / (Path(name).stem + ".pdf")
        lines.append(f"{source}\t{made[name]}\n")
    (work / "list.txt").write_text("".join(lines), encoding="utf-8")
    _run([command, "--terminate_after_init"], work)
    module = work / "profile" / "user" / "basic" / "Standard" / "Module1.xba"
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text(_MODULE.format(escape(_MACRO)), encoding="utf-8")
    run = _run([command, f'macro:///Standard.Module1.ExportAll("{work / "list.txt"}")'], work)
    return made, run


def to_docx(path: Path, work: Path) -> Path | None:
    """An .odt or .doc file converted to .docx by LibreOffice; None when it could not be."""
    command = soffice(f"för att läsa {path.suffix or 'filen'}")
    (work / "out").mkdir(exist_ok=True)
    _run([command, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(path)], work)
    made = work / "out" / (path.stem + ".docx")
    return made if made.is_file() else None
