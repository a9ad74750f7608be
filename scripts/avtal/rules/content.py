"""Rules on what documents contain: required sections, open questions, decisions, safe Markdown, and
Markdown that the site and Word would read otherwise than the writer sees it (AV3xx, AV207)."""

from __future__ import annotations

from collections.abc import Iterator

from ..codes import finding
from ..findings import Finding
from ..source.corpus import Corpus
from ..source.markdown_lists import BLANK_LINE, INDENT, PAREN
from ..source.markdown_scan import hand_number
from ..source.models.vocabulary import AGREEMENT, ANNEX
from .registry import at_key, rule, valid_documents

DECIDED = "beslutad"
QUESTION_PREFIX = "Öppen fråga"


@rule
def required_sections(corpus: Corpus) -> Iterator[Finding]:
    """AV301: each document type has the sections listed in schema/dokumenttyper.yaml, known by their ids."""
    for doc in valid_documents(corpus):
        doc_type = corpus.vocabulary.doc_type(doc.meta.type)
        anchors = doc.body.anchors
        for section in doc_type.required_sections if doc_type else ():
            heading = anchors.get(section.id)
            if heading is None or not heading.explicit:
                yield at_key(
                    "AV301", doc, ("type",),
                    f'Avsnittet "{section.heading}" saknas, som varje {doc.meta.type} ska ha; '
                    f"lägg till rubriken `## {section.heading} {{#{section.id}}}`",
                )


@rule
def open_questions(corpus: Corpus) -> Iterator[Finding]:
    """AV302, AV304: open questions are listed; a decided document has none."""
    for doc in corpus.documents:
        decided = doc.meta is not None and doc.meta.status == DECIDED
        for question in doc.body.questions:
            title = question.value or "(utan rubrik)"
            if not title.startswith(QUESTION_PREFIX):
                title = f"{QUESTION_PREFIX}: {title}"
            if decided:
                yield finding("AV304", doc.path, question.line, question.column,
                              f"Dokumentet är beslutat men har en öppen fråga: {title}")
            else:
                yield finding("AV302", doc.path, question.line, question.column, title)


@rule
def decided_by_every_party(corpus: Corpus) -> Iterator[Finding]:
    """AV303: a decided document carries the decision of each of its parties (likalydande beslut)."""
    for doc in valid_documents(corpus):
        if doc.meta.status != DECIDED:
            continue
        missing = [party for party in doc.meta.parties if party not in doc.meta.decisions]
        if missing:
            shown = ", ".join(missing[:3]) + (f" och {len(missing) - 3} till" if len(missing) > 3 else "")
            yield at_key(
                "AV303", doc, ("status",),
                f"Status är beslutad men beslut saknas för {shown}; lägg till deras beslut under decisions "
                f"eller sätt status till remiss",
            )


@rule
def annex_not_ahead_of_agreement(corpus: Corpus) -> Iterator[Finding]:
    """AV305: an annex is not decided while its agreement is not."""
    for doc in valid_documents(corpus):
        meta = doc.meta
        if meta.type != ANNEX or meta.status != DECIDED or not meta.annex_of:
            continue
        agreement = corpus.by_id.get(meta.annex_of)
        if agreement and agreement.meta.type == AGREEMENT and agreement.meta.status != DECIDED:
            yield at_key("AV305", doc, ("status",),
                      f"Bilagan är beslutad men överenskommelsen {meta.annex_of} har status {agreement.meta.status}")


@rule
def safe_markdown(corpus: Corpus) -> Iterator[Finding]:
    """AV306, AV307: no raw HTML and no attribute lists beyond ids and classes."""
    for doc in corpus.documents:
        for html in doc.body.html:
            yield finding("AV306", doc.path, html.line, html.column,
                          f"Rå HTML ({html.value}) är inte tillåten; skriv Markdown, eller visa koden i ett kodblock")
        for attr in doc.body.bad_attrs:
            yield finding("AV307", doc.path, attr.line, attr.column,
                          f"Attributlistan {attr.value} får bara ange #id och .klass; ett ord utan # eller . och "
                          "ett attribut med = blir attribut på webbplatsen och i Word-filen, inte text. Ta bort "
                          "klamrarna, eller skriv dem i ett kodblock om de ska synas")


@rule
def section_ids_unique(corpus: Corpus) -> Iterator[Finding]:
    """AV207: a stable section id occurs once in its document."""
    for doc in corpus.documents:
        for heading in doc.body.duplicate_ids:
            yield finding("AV207", doc.path, heading.line, heading.column,
                          f'Avsnitts-id "{heading.id}" finns redan i dokumentet; välj ett annat id')


@rule
def hand_numbered_headings(corpus: Corpus) -> Iterator[Finding]:
    """AV310: headings are numbered by Word, not by hand ("## 3. Ansvar" would read "3 3. Ansvar")."""
    for doc in corpus.documents:
        for heading in doc.body.headings:
            number = hand_number(heading.text)
            if number:
                rest = heading.text[heading.text.index(number) + len(number):].strip()
                written = f"{'#' * heading.level} {rest}" + (f" {{#{heading.id}}}" if heading.explicit else "")
                yield finding("AV310", doc.path, heading.line, heading.column,
                              f'Rubriken "{heading.text}" har ett eget nummer ({number}); ta bort numret och skriv '
                              f'"{written}": Word-filen numrerar rubrikerna själv')


LIST_MESSAGES = {
    BLANK_LINE: "Listpunkten följer direkt på en textrad och blir löpande text på webbplatsen och i Word "
                "(GitHub och GitLab visar en lista); lägg en tom rad före den",
    PAREN: "Numreringen {marker} blir inte en lista på webbplatsen och i Word; skriv {number}. i stället",
}


@rule
def lists_read_alike(corpus: Corpus) -> Iterator[Finding]:
    """AV311–AV313: a list that the forge's preview shows is a list on the site and in Word too."""
    codes = {BLANK_LINE: "AV311", INDENT: "AV312", PAREN: "AV313"}
    for doc in corpus.documents:
        for gap in doc.body.list_gaps:
            if gap.kind == INDENT:
                what = "Stycket" if gap.continuation else "Punkten"
                message = (f"{what} är indraget {gap.indent} blanksteg från punkten ovanför; dra in det fyra blanksteg "
                           f"om det hör till punkten" if gap.continuation else
                           f"{what} är indragen {gap.indent} blanksteg från punkten ovanför; skriv den utan indrag "
                           f"om den hör till samma lista, eller med fyra blanksteg om den är en underpunkt")
            else:
                message = LIST_MESSAGES[gap.kind].format(marker=gap.marker, number=gap.marker[:-1])
            yield finding(codes[gap.kind], doc.path, gap.line, gap.column, message)
