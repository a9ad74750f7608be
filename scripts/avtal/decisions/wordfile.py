"""A Word file as `avtal verify` reads it: its text (canonical.py), what it says about itself, and
whether it is a Word file at all.

Anything can be handed to verify: a file that is not a zip, a zip cut short, a zip without a Word
document, XML that does not parse, a zip bomb. Each is an UnreadableFile with a Swedish message;
nothing here raises anything else. The XML is parsed without entities, DTDs or network.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..render.word.canonical import Part, has_revisions, read_parts
from ..xmlerrors import xml_problem

MAX_PART = 64 * 1024 * 1024  # a part larger than this when unpacked is not a document of ours
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


class UnreadableFile(Exception):
    """The file cannot be read as a Word file; the message is Swedish and names the file."""


@dataclass
class WordText:
    path: Path
    parts: list[Part]  # every change accepted
    rejected: list[Part] | None  # every change rejected, when the file has tracked changes
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def revisions(self) -> bool:
        return self.rejected is not None


def read_word(path: Path) -> WordText:
    if not path.is_file():
        raise UnreadableFile(f"{path} finns inte eller är ingen fil")
    try:
        with zipfile.ZipFile(path) as archive:
            document = _part(archive, "word/document.xml", path)
            names = set(archive.namelist())
            footnotes = _part(archive, "word/footnotes.xml", path) if "word/footnotes.xml" in names else None
            custom = _part(archive, "docProps/custom.xml", path) if "docProps/custom.xml" in names else None
    except zipfile.BadZipFile:
        raise UnreadableFile(f"{path} är ingen Word-fil (.docx): filen är inte en zip-fil, eller den är avklippt "
                             "eller skadad") from None
    except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        # zipfile's and zlib's own words ("Bad CRC-32", "Error -3 while decompressing") say nothing to a clerk
        raise UnreadableFile(f"{path} går inte att läsa som Word-fil (.docx): zip-arkivet är skadat och går "
                             "inte att packa upp") from None
    parts = read_parts(document, footnotes)
    rejected = read_parts(document, footnotes, keep="del") if has_revisions(document) else None
    return WordText(path, parts, rejected, _properties(custom))


def _part(archive: zipfile.ZipFile, name: str, path: Path):
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise UnreadableFile(f"{path} är ingen Word-fil (.docx): {name} saknas i filen") from None
    if info.file_size > MAX_PART:
        raise UnreadableFile(f"{path}: {name} är större än {MAX_PART // 2**20} MiB och läses inte")
    with archive.open(info) as stream:
        data = stream.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise UnreadableFile(f"{path}: {name} är större än {MAX_PART // 2**20} MiB och läses inte")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(f"{path} är skadad: {name} är inte giltig XML: {xml_problem(error)}") from None


def _properties(custom) -> dict[str, str]:
    if custom is None:
        return {}
    found = {}
    for prop in custom.iter(_CUSTOM):
        name = prop.get("name")
        if name:
            found[name] = "".join(prop.itertext()).strip()
    return found
