"""Issue 24, defect 5: English inside Swedish messages. A Word file nested 5,000 levels deep, or with
an entity expansion bomb, gave "… inte giltig XML (Excessive depth in document: 256, use
XML_PARSE_HUGE option …)". Now `avtal verify` and `avtal remiss import` say in Swedish what is wrong."""

from __future__ import annotations

import re
import zipfile

import pytest
from decided import make_repo
from lxml import etree

from avtal.xmlerrors import xml_problem

DEEP = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>" \
       + b"<w:body>" * 5000 + b"</w:body>" * 5000 + b"</w:document>"
BOMB = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">'.encode() for p, n in zip("abcdefgh", "bcdefghi", strict=True))
        + b"]><l>&i;</l>")
# libxml2's words, and zipfile's, that must not reach a user
ENGLISH = re.compile(r"\b(Excessive|XML_PARSE_HUGE|amplification|depth|Entity|tag|Premature|Bad|Error|mismatch|"
                     r"expected|line|column)\b", re.I)


def _word_file(path, document: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)


@pytest.mark.parametrize("name, document, reason", [
    ("djup", DEEP, "nästlade djupare"),
    ("bomb", BOMB, "entitetsbomb"),
    ("trasig", b"<a><b></a>", "hör inte ihop"),
])
def test_verify_of_deep_or_bomb_word_file_speaks_swedish(git_repo, tmp_path, name, document, reason):
    repo = make_repo(git_repo)
    _word_file(tmp_path / f"{name}.docx", document)
    result = repo.avtal("verify", str(tmp_path / f"{name}.docx"))
    assert result.code == 2, result.stdout + result.stderr
    assert "inte giltig XML" in result.stderr and reason in result.stderr, result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


def test_every_xml_error_is_told_in_swedish():
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    for data in (DEEP, BOMB, b"", b"<a>", b"<a></b>", b"<a>&x;</a>", b"<a/><b/>", b"\x89PNG", b"<a b='1' b='2'/>",
                 b"<?xml version='9'?><a/>", b"<a>\x01</a>", b"<!DOCTYPE a [<!ENTITY x '&x;'>]><a>&x;</a>"):
        with pytest.raises(etree.XMLSyntaxError) as raised:
            etree.fromstring(data, parser)
        told = xml_problem(raised.value)
        assert (told[:1].islower() or told.startswith("XML-koden")) and "rad " in told, told
        assert not ENGLISH.search(told), told
