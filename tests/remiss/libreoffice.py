"""Filling a response form the way a recipient does in LibreOffice: a Basic macro in a fresh profile opens the
form, types into the fields (replacing their grey placeholder text, or a table cell's whole text) and saves it
as .docx, which drops the Word content controls' tags; the reader must find the fields by the form's structure."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SOFFICE = shutil.which("soffice")


@dataclass(frozen=True)
class Typed:
    """Replace the n-th occurrence (from 0) of `search` in the text with `lines` (a paragraph each)."""
    search: str
    n: int
    lines: list[str]


@dataclass(frozen=True)
class Cell:
    """Set the text of cell `name` (for example "B3") of the document's `table`-th table."""
    table: int
    name: str
    lines: list[str]


def _basic_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _lines(lines: list[str]) -> str:
    return "Array(" + ", ".join(_basic_string(line) for line in lines) + ")"


MODULE = """REM Fills a response form and saves it as Word 2007-365 (.docx)
Sub WriteLines(oText As Object, oRange As Object, aLines)
    Dim oCursor As Object, i As Integer
    oCursor = oText.createTextCursorByRange(oRange)
    oCursor.setString(aLines(0))
    For i = 1 To UBound(aLines)
        oCursor.collapseToEnd()
        oText.insertControlCharacter(oCursor, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
        oText.insertString(oCursor, aLines(i), False)
    Next i
End Sub

Sub Typed(oDoc As Object, sSearch As String, n As Integer, aLines)
    Dim oDesc As Object, oFound As Object
    oDesc = oDoc.createSearchDescriptor()
    oDesc.SearchString = sSearch
    oFound = oDoc.findAll(oDesc).getByIndex(n)
    WriteLines(oFound.getText(), oFound, aLines)
End Sub

Sub InCell(oDoc As Object, nTable As Integer, sName As String, aLines)
    Dim oCell As Object
    oCell = oDoc.getTextTables().getByIndex(nTable).getCellByName(sName)
    oCell.setString("")
    WriteLines(oCell, oCell.getStart(), aLines)
End Sub

Sub Fill
    Dim oDoc As Object, aArgs(0) As New com.sun.star.beans.PropertyValue, aSave(0) As New com.sun.star.beans.PropertyValue
    aArgs(0).Name = "Hidden" : aArgs(0).Value = True
    oDoc = StarDesktop.loadComponentFromURL(%(source)s, "_blank", 0, aArgs())
%(steps)s
    aSave(0).Name = "FilterName" : aSave(0).Value = "MS Word 2007 XML"
    oDoc.storeToURL(%(target)s, aSave())
    oDoc.close(True)
End Sub
"""


def _module_xml(code: str) -> str:
    escaped = code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
            '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
            f'script:language="StarBasic">{escaped}</script:module>')


def _profile(folder: Path) -> str:
    """A fresh LibreOffice profile with the Standard Basic library (made by a first, empty start)."""
    url = folder.resolve().as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={url}", "--headless", "--terminate_after_init"],
                   check=True, capture_output=True, timeout=120)
    return url


def fill_in_libreoffice(form: Path, target: Path, steps: list[Typed | Cell], work: Path) -> bytes:
    """The form filled by LibreOffice's own editing and saved by LibreOffice as .docx."""
    profile = _profile(work / "profil")
    lines = []
    for step in steps:
        if isinstance(step, Typed):
            lines.append(f"    Typed(oDoc, {_basic_string(step.search)}, {step.n}, {_lines(step.lines)})")
        else:
            lines.append(f"    InCell(oDoc, {step.table}, {_basic_string(step.name)}, {_lines(step.lines)})")
    code = MODULE % {"source": _basic_string(form.resolve().as_uri()), "target": _basic_string(target.resolve().as_uri()),
                     "steps": "\n".join(lines)}
    module = work / "profil" / "user" / "basic" / "Standard" / "Module1.xba"
    module.write_text(_module_xml(code), encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                    "macro:///Standard.Module1.Fill"], check=True, capture_output=True, timeout=180)
    return target.read_bytes()
