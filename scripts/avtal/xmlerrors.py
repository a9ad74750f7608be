"""XML that does not parse, said in Swedish.

lxml raises libxml2's own English sentence ("Excessive depth in document: 256, use XML_PARSE_HUGE
option"), which must never reach a clerk or an editor. This turns the parser's error into a Swedish
description of what is wrong, with the line and column, by the error's code; an error without a
description of its own gets a general one, so no library text is ever shown.
"""

from __future__ import annotations

from lxml import etree

# libxml2's error codes (xmlerror.h) for what a damaged or hostile file most often holds.
_BY_CODE = {
    4: "dokumentet är tomt eller börjar inte med ett element",
    5: "det finns innehåll efter dokumentets slut",
    26: "en entitet som inte är definierad används",
    73: "ett element saknar sin sluttagg",
    76: "en starttagg och en sluttagg hör inte ihop",
    77: "filen tar slut mitt i ett element",
    89: "en entitet hänvisar till sig själv",
}
# A resource limit (code 114 in newer libxml2, 1 in older): too deep, or entities that grow.
_LIMITS = (("depth", "elementen är nästlade djupare än i någon Word-fil (mer än 256 nivåer)"),
           ("amplification", "entiteter som växer till orimligt mycket text (en så kallad entitetsbomb)"),
           ("entity", "entiteter som växer till orimligt mycket text (en så kallad entitetsbomb)"),
           ("huge", "delen är större än en Word-fil kan vara"))
_GENERAL = "XML-koden är felaktig"


def xml_problem(error: etree.XMLSyntaxError) -> str:
    """What is wrong with the XML, in Swedish, and where ("… (rad 1, kolumn 771)")."""
    reason = _BY_CODE.get(error.code)
    if reason is None:
        english = (error.msg or "").lower()
        reason = next((swedish for word, swedish in _LIMITS if word in english), _GENERAL)
    line, column = error.position if error.position else (error.lineno or 0, 0)
    return f"{reason} (rad {line}, kolumn {column})" if line else reason
