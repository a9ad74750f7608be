"""Reading a source file into text, and splitting a document into front matter and body.

Every way a file can be unreadable becomes a finding at the right place; nothing here
raises for bad input, and nothing here writes. Files are read only inside the repository
(see boundary.py); a NUL anywhere makes a file unreadable, and any other control character
is a finding at its line and column.
"""

from __future__ import annotations

from typing import NamedTuple

from ..codes import finding
from ..findings import Finding
from .boundary import OutsideRepository
from .characters import CONTROL_RE, control_message
from .yamlsafe import Parsed, parse_yaml

MAX_BYTES = 1024 * 1024
_BOM = b"\xef\xbb\xbf"


class SourceText(NamedTuple):  # named tuples: cheaper to define than dataclasses, on every check's path
    path: str  # relative to the repository root, with forward slashes
    text: str  # with LF line endings and without a BOM


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """The line and the column (in characters, as an editor counts them) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


MAX_CONTROL_FINDINGS = 20  # per file: a pasted page can hold hundreds; the first ones show the way


def _control_characters(text: str, rel: str) -> tuple[str, list[Finding]]:
    """Report each control character at its line and column, and put a space in its place.

    The space keeps every later position where it was, and keeps the invisible character
    out of every message that quotes the text (an ESC in a title could colour a terminal).
    """
    findings: list[Finding] = []
    # Every character CONTROL_RE matches is one str.isprintable() refuses; tabs and line breaks are the
    # others a text has. A text printable without them (nearly every file) needs no search: a fortieth
    # of a check of many documents.
    if text.replace("\n", " ").replace("\t", " ").isprintable():
        return text, findings
    matches = list(CONTROL_RE.finditer(text))
    for number, match in enumerate(matches):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        if number == MAX_CONTROL_FINDINGS:
            findings.append(finding("AV016", rel, line, column,
                                    f"Ytterligare {len(matches) - number} styrtecken i filen; ta bort dem på samma sätt"))
            break
        findings.append(finding("AV016", rel, line, column, control_message(match.group())))
    return (CONTROL_RE.sub(" ", text) if matches else text), findings


def read_source(files, rel: str) -> tuple[SourceText | None, list[Finding]]:
    """The file's text, or None when it cannot be read as text; with what was wrong.

    `files` is where it is read from: the working tree or a commit (boundary.py)."""
    try:
        data = files.read(rel, MAX_BYTES)
    except OutsideRepository as refused:
        return None, [finding("AV015", rel, 1, 1, str(refused))]
    except OSError:
        return None, [finding("AV102", rel, 1, 1, "Filen kan inte läsas")]
    if len(data) > MAX_BYTES:
        size = files.size(rel)
        return None, [finding("AV006", rel, 1, 1, f"Filen är {size / 1024 / 1024:.1f} MiB; gränsen är 1 MiB")]
    if not data.strip():
        return None, [finding("AV004", rel, 1, 1, "Filen är tom")]
    if b"\x00" in data:
        line, column = _line_and_column(data, data.index(b"\x00"))
        return None, [finding("AV005", rel, line, column,
                              "Filen innehåller NUL-tecknet (U+0000) och ser ut att vara binär, inte text; "
                              "ta bort tecknet, eller flytta filen om den inte är ett dokument")]
    findings = []
    if data.startswith(_BOM):
        findings.append(finding("AV002", rel, 1, 1, "Filen börjar med en BOM; spara den som UTF-8 utan BOM"))
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        byte = data[error.start: error.start + 1].hex()
        return None, findings + [
            finding("AV001", rel, line, column, f"Byten 0x{byte} är inte giltig UTF-8; spara filen som UTF-8")
        ]
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        findings.append(finding("AV003", rel, line, 1, "Filen har CRLF-radslut (Windows); spara den med LF-radslut"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, problems = _control_characters(text, rel)
    return SourceText(rel, text), findings + problems


class SplitDocument(NamedTuple):
    front_matter: str
    body: str
    body_line: int  # the file line on which the body starts


def split_front_matter(source: SourceText) -> tuple[SplitDocument | None, list[Finding]]:
    """Split `---` front matter from the Markdown body."""
    lines = source.text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            finding("AV007", source.path, 1, 1, "Dokumentet börjar inte med front matter; första raden ska vara ---")
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SplitDocument("\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2), []
    return None, [
        finding("AV008", source.path, 1, 1, "Front matter som börjar på rad 1 avslutas aldrig; lägg till en rad --- efter metadata")
    ]


def parse_yaml_file(files, rel: str, findings: list[Finding]) -> tuple[Parsed | None, str]:
    """A YAML file that must hold a mapping: the parsed value (None when it cannot be used) and the text."""
    source, problems = read_source(files, rel)
    findings.extend(problems)
    if source is None:
        return None, ""
    return parse_yaml_text(source.text, rel, 0, findings), source.text


def parse_yaml_text(text: str, rel: str, line_offset: int, findings: list[Finding]) -> Parsed | None:
    """Strict YAML of a mapping, each problem a finding; `line_offset` is the file line before the text."""
    parsed = parse_yaml(text)
    for problem in parsed.problems:
        findings.append(finding(problem.code, rel, problem.pos.line + line_offset, problem.pos.column, problem.message))
    if parsed.fatal:
        return None
    if parsed.value is not None and not isinstance(parsed.value, dict):
        message = "Innehållet ska vara en mappning (nyckel: värde), inte en lista eller ett enstaka värde"
        findings.append(finding("AV013", rel, line_offset + 1, 1, message))
        return None
    return parsed
