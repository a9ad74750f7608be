"""The draft tjänsteskrivelse: the formal decision proposal a party's officials put before its decision
body, in the form of a decision basis ("… beslutar att anta … att beslutet gäller under förutsättning att
samtliga … fattar likalydande beslut").

Everything the repository knows is filled in (the party, its diarienummer when registered, the document,
version, annexes, fingerprint and the files of the package); what only the party knows (the date, the
official, the decision body, the meeting, the party's own assessment) is a placeholder in brackets,
highlighted, so that nothing is invented and nothing is left unnoticed. The look comes from the reference
template (templates/referens.docx), like every Word file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..render.word.canonical import short
from ..render.word.styles import PARAGRAPH, TABLE

STATUS_WORD = {"utkast": "utkast", "remiss": "remissversion", "beslutad": "beslutad", "upphävd": "upphävd"}


def proposal_docx(root: Path, corpus, doc, annexes: list, party: str, fingerprint: str, files: list[str],
                  epoch: int, left_out: list | None = None) -> bytes:
    """`left_out`: the agreement's annexes that apply to other parties only (not in this package)."""
    import docx

    from ..render.word.decision_basis import add_pieces
    from ..render.word.oxml import set_numbering
    from ..render.word.package import reproducible_docx

    template = root / "templates" / "referens.docx"
    if template.is_file():
        word = docx.Document(str(template))
    else:
        from ..render.word.template import make_template

        word = make_template()
    body = word.element.body
    for paragraph in list(word.paragraphs):  # the template's own (empty) paragraphs
        body.remove(paragraph._p)
    meta = doc.meta
    registration = meta.registrations.get(party)
    vocabulary = corpus.vocabulary
    bodies = list(vocabulary.bodies.get(vocabulary.party_kind.get(party, ""), []))

    def para(style: str | None = None, *pieces):
        """A paragraph of text pieces; a piece in a tuple ("…",) is a placeholder, highlighted."""
        paragraph = word.add_paragraph(style=style)
        if style == PARAGRAPH["heading"][0]:
            set_numbering(paragraph, 0, 0)  # a tjänsteskrivelse's headings are not numbered
        add_pieces(paragraph, *pieces)
        return paragraph

    para(PARAGRAPH["marking"], "UTKAST TILL TJÄNSTESKRIVELSE")
    para(PARAGRAPH["title"], f"Förslag till beslut: {meta.title}, version {meta.version}")
    para(PARAGRAPH["subtitle"], f"Tjänsteskrivelse för {party}")
    para(None, "Det som står inom hakparentes och är markerat fylls i av ", party, " innan tjänsteskrivelsen "
         "registreras. Allt annat kommer från arkivet för överenskommelsen.")
    rows = [("Part", party), ("Diarienummer", registration or ("partens diarienummer för ärendet",)),
            ("Datum", ("datum för tjänsteskrivelsen",)), ("Handläggare", ("namn och befattning",)),
            ("Beslutande organ", (_bodies_hint(bodies),)), ("Sammanträde", ("sammanträdesdatum",))]
    table = word.add_table(rows=len(rows), cols=2, style=TABLE["grid"])
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        add_pieces(row.cells[1].paragraphs[0], value)

    para(PARAGRAPH["heading"][0], "Förslag till beslut")
    para(None, ("beslutande organ",), " beslutar")
    with_annexes = ""
    if annexes:
        with_annexes = " med " + ", ".join(f"{a.meta.title.rstrip('.')} (version {a.meta.version})" for a in annexes)
    para(None, f"att anta {meta.title}, version {meta.version}{with_annexes}, med fingeravtrycket "
               f"{short(fingerprint)} (fullständigt {fingerprint}),")
    parties = len(meta.parties)
    para(None, f"att beslutet gäller under förutsättning att samtliga {parties} parter fattar likalydande beslut.")

    para(PARAGRAPH["heading"][0], "Sammanfattning")
    para(None, f"Ärendet gäller {meta.title}, version {meta.version} ({STATUS_WORD.get(meta.status, meta.status)}, "
               f"daterad {meta.date.isoformat()}). Beslutet gäller först när alla {parties} parter har fattat "
               "likalydande beslut, det vill säga beslutat om samma text.")
    if meta.change_note:
        para(None, f"Ändringen i versionen: {meta.change_note}")
    para(None, ("partens sammanfattning av ärendet och bedömning av vad beslutet innebär för parten",))

    para(PARAGRAPH["heading"][0], "Samma text hos alla parter")
    what = "överenskommelsen och bilagorna tillsammans" if annexes else "texten"
    same = ("Det är detsamma i alla filer av samma underlag" if left_out else "Det är detsamma i alla parters filer")
    para(None, f"Fingeravtrycket {short(fingerprint)} räknas ur {what} och står sist i Word-filen, under "
               f"Dokumentidentitet. {same}, också när filen har sparats om eller har "
               "en annan parts diarienummer. När beslutet är fattat förs det in i beslutsregistret för "
               "överenskommelsen med organ, sammanträdesdatum, paragraf, justeringsdag, diarienummer och "
               "fingeravtryck, så att det går att visa att alla parter har beslutat om samma text.")

    para(PARAGRAPH["heading"][0], "Beslutsunderlag")
    for name in files:
        para(PARAGRAPH["bullet"][0], name)
    for annex in left_out or []:
        para(None, left_out_sentence(annex, party))

    para(PARAGRAPH["heading"][0], "Beslutet skickas till")
    para(None, ("mottagare av beslutet",))

    moment = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    props = word.core_properties
    props.title = f"Förslag till beslut: {meta.title}, version {meta.version}"
    props.subject, props.author, props.last_modified_by = "Tjänsteskrivelse", party, "avtal"
    props.language, props.keywords = "sv-SE", f"{meta.id}; {meta.version}; {short(fingerprint)}"
    props.created = props.modified = moment
    props.revision = 1
    return reproducible_docx(word, epoch)


def left_out_sentence(annex, party: str) -> str:
    """Why an annex is not in a party's package, in one sentence."""
    return (f"{annex.meta.title.rstrip('.')} (version {annex.meta.version}) ingår inte i underlaget för {party}: "
            f"bilagan gäller bara {_names(annex.meta.parties)}.")


def _names(parties: list[str]) -> str:
    return parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " och " + parties[-1]


def _bodies_hint(bodies: list[str]) -> str:
    return f"beslutande organ, till exempel {' eller '.join(bodies[:2])}" if bodies else "beslutande organ"
