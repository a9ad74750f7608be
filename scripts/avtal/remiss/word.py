"""The round's Word files: the remiss letter (missiv), the response form (svarsmall) and the compilation.

    WordFile          a document from the reference template, with the few things all three need:
                      unnumbered headings, paragraphs, tables with header rows, the page footer,
                      and reproducible bytes dated from the round's data (never the clock)
    letter_docx       what is sent, the questions, the deadline and how to answer
    form_docx         one field per question (stance as a drop-down, comment as text) and per section
                      of the remiss version (comment, proposed wording), as content controls
    compilation_docx  the remissammanställning, rendered from the model (compilation_word.py)

All python-docx calls of the remiss stage are here; the content controls' Open XML is in formxml.py.
Every value from the round, the answers and the documents is written as text (python-docx escapes
it); characters that XML cannot hold are left out.
"""

from __future__ import annotations

import datetime as dt
import re

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, RGBColor

from ..dates import swedish_date
from ..render.word import oxml
from ..render.word.package import reproducible_docx
from ..render.word.styles import PARAGRAPH, TABLE
from ..source.models.remiss import STANCES
from . import formxml
from .fields import DATE, DROPDOWN, RECIPIENT_TAG, ROUND_TAG, STANCE_ITEMS, FormField, marker, question_label, row_tag
from .rounds import RoundView

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
STANCE_HEADINGS = [stance[0].upper() + stance[1:] for stance in STANCES]


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# How wide a bold letter of the table text (9 pt) is, in em, in the widest font a reader may get in its place
# (DejaVu Serif Bold, LibreOffice's fallback for Cambria): narrow, wide and very wide letters; others 0.78.
_EM = {**dict.fromkeys("jilfIJ", 0.47), **dict.fromkeys("trszvyxc", 0.61), **dict.fromkeys("wDKOQUÖÜNHRBG", 0.94),
       **dict.fromkeys("mMW", 1.12)}
EM_CM = 9 / 72 * 2.54  # an em of 9 pt, in cm
CELL_MARGIN_CM = 0.5  # the cell's margins (2 × 0.19 cm) and a little room


def word_cm(word: str) -> float:
    return sum(_EM.get(char, 0.78) for char in word) * EM_CM


def column_widths(header: list[str], rows: list[list[str]], wanted: list[float] | None, text_width: float) -> list[float]:
    """Column widths (cm) in which every word of the header fits on its line: Word breaks a word that does not
    fit in the middle ("Remissins tans"). The rest of the page's width goes to the columns with more text."""
    least = [max((word_cm(word) for word in title.split()), default=0) + CELL_MARGIN_CM for title in header]
    if wanted is None:
        text = [max([len(title)] + [len(row[i]) for row in rows]) for i, title in enumerate(header)]
        spare = max(text_width - sum(least), 0)
        wanted = [low + spare * length / sum(text) for low, length in zip(least, text, strict=True)]
    widths = [max(w, low) for w, low in zip(wanted, least, strict=True)]
    over = sum(widths) - max(text_width, sum(least))
    if over > 0:  # too wide: take it from what the columns have beyond their least width
        slack = [w - low for w, low in zip(widths, least, strict=True)]
        widths = [w - over * s / sum(slack) for w, s in zip(widths, slack, strict=True)] if sum(slack) else least
    return [round(w, 2) for w in widths]


class WordFile:
    """A Word document made from the repository's reference template."""

    def __init__(self, template, *, title: str, subject: str, author: str, keywords: list[str], day: dt.date):
        if template is not None:
            self.doc = docx.Document(str(template))
        else:
            from ..render.word.template import make_template

            self.doc = make_template()
        self.day, self.controls = day, 0
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}
        props = self.doc.core_properties
        oxml.set_core_texts(props, title=xml_text(title), subject=subject, author=author, last_modified_by="avtal",
                            keywords="; ".join(xml_text(k) for k in keywords), language="sv-SE")
        props.revision = 1
        props.created = props.modified = moment(day).replace(tzinfo=None)
        for paragraph in list(self.doc.paragraphs):  # the template may start with an empty paragraph
            if not paragraph.text:
                paragraph._p.getparent().remove(paragraph._p)

    # -- Blocks ------------------------------------------------------------------------

    def para(self, text: str | None = None, style: str | None = None, *, bold: str | None = None):
        paragraph = self.doc.add_paragraph()
        if style:
            paragraph._p.style = self.style_ids[style]
        if bold:
            paragraph.add_run(xml_text(bold)).bold = True
        if text:
            paragraph.add_run(xml_text(text))
        return paragraph

    def heading(self, text: str, level: int = 0):
        paragraph = self.para(text, PARAGRAPH["heading"][level])
        oxml.set_numbering(paragraph, 0, 0)  # the letter, the form and the compilation number nothing
        return paragraph

    def lines(self, text: str | None, style: str | None = None) -> None:
        """A text the way it was written: each of its lines a paragraph."""
        for line in (text or "").split("\n"):
            self.para(line, style)

    def bullet(self, text: str) -> None:
        self.para(text, PARAGRAPH["bullet"][0])

    def text_width(self) -> float:
        section = self.doc.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000  # EMU -> cm

    def table(self, header: list[str], rows: list[list[str]], widths: list[float] | None = None):
        widths = column_widths(header, rows, widths, self.text_width())
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header), style=TABLE["grid"])
        if widths:  # the grid's widths (which LibreOffice reads) and each cell's (which Word reads)
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Cm(width)
        for index, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                self.cell(cell, value, bold=index == 0)
                if widths:
                    cell.width = Cm(widths[column])
        oxml.repeat_header_row(table.rows[0])
        return table

    def cell(self, cell, text: str | None, bold: bool = False) -> None:
        lines = (text or "").split("\n")
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines):
            if index:
                paragraph = cell.add_paragraph()
            paragraph._p.style = self.style_ids[PARAGRAPH["table_text"]]
            if line:
                run = paragraph.add_run(xml_text(line))
                run.bold = bold or None

    def footer(self, text: str) -> None:
        section = self.doc.sections[0]
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        footer._p.style = self.style_ids[PARAGRAPH["footer"]]
        footer.add_run(xml_text(text) + " · Sida ")
        oxml.add_simple_field(footer, "PAGE", "1")
        footer.add_run(" av ")
        oxml.add_simple_field(footer, "NUMPAGES", "1")

    # -- Content controls --------------------------------------------------------------

    def next_id(self) -> int:
        self.controls += 1
        return self.controls

    def placeholder_style(self) -> None:
        """Word's grey "Placeholder Text" style, which the template may not have."""
        if formxml.PLACEHOLDER_STYLE not in {s.style_id for s in self.doc.styles}:
            style = self.doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
            style.font.color.rgb = RGBColor(0x59, 0x59, 0x59)  # grey, with enough contrast to read

    def hidden(self, paragraph, tag: str) -> None:
        """The field's name as hidden text, which a reader finds when a program has dropped the controls."""
        formxml.prepend_inline(paragraph, formxml.hidden_run(marker(tag)))

    def inline_field(self, label: str, field: FormField):
        paragraph = self.para(None, bold=f"{label}: ")
        self.hidden(paragraph, field.tag)
        if field.kind == DROPDOWN:
            control = formxml.dropdown_control(field.tag, field.label, field.placeholder, STANCE_ITEMS, self.next_id())
        elif field.kind == DATE:
            control = formxml.date_control(field.tag, field.label, field.placeholder, self.next_id())
        else:
            control = formxml.text_control(field.tag, field.label, field.placeholder, self.next_id())
        formxml.append_inline(paragraph, control)

    def block_field(self, field: FormField, label: str | None = None, cell=None) -> None:
        """A field of its own paragraphs: after a label paragraph (which names it), or alone in a table cell."""
        if label is not None:
            self.hidden(self.para(None, bold=label), field.tag)
        control = formxml.block_control(field.tag, field.label, field.placeholder, self.next_id(),
                                        self.style_ids[PARAGRAPH["table_text"]] if cell is not None else None)
        if cell is None:
            formxml.append_block(self.doc.element.body, control)
        else:
            formxml.replace_cell_content(cell, control)

    def fixed(self, label: str, tag: str, title: str, text: str) -> None:
        paragraph = self.para(None, bold=f"{label}: ")
        self.hidden(paragraph, tag)
        formxml.append_inline(paragraph, formxml.fixed_control(tag, title, xml_text(text), self.next_id()))

    def bytes(self) -> bytes:
        return reproducible_docx(self.doc, int(moment(self.day).timestamp()))


# -- The letter ---------------------------------------------------------------------------------


def _reply(view: RoundView) -> str:
    round_ = view.round
    where = round_.reply_to or round_.contact
    subject = f". Skriv remissens diarienummer, {round_.diarienummer}, i ämnesraden" if round_.diarienummer else ""
    return (f"Skicka den ifyllda svarsmallen som Word-fil (.docx) till {where} senast den "
            f"{swedish_date(round_.deadline.isoformat())}{subject}.")


def letter_docx(view: RoundView, key: str, form_name: str, document_names: dict[str, str]) -> bytes:
    """The remiss letter to one recipient: what is sent, the questions, the deadline and how to answer."""
    round_, name = view.round, view.recipients[key]
    deadline = swedish_date(round_.deadline.isoformat())
    word = WordFile(view.word_template, title=round_.title, subject="Missiv", author=round_.contact,
                    keywords=["Remiss", view.id, name], day=round_.sent)
    word.para(round_.title, PARAGRAPH["title"])
    word.para(f"Missiv till {name}", PARAGRAPH["subtitle"])
    word.table(["Datum", "Diarienummer", "Svara senast", "Kontakt"],
               [[swedish_date(round_.sent.isoformat()), round_.diarienummer or "–", deadline, round_.contact]])
    word.para(None)
    word.para(name, bold="Till: ")
    count = len(view.documents)
    what = "ett dokument" if count == 1 else f"{count} dokument"
    word.para(f"{round_.sender} skickar {what} på remiss till {name} och vill ha era synpunkter senast den {deadline}.")
    word.heading("Det här skickas på remiss")
    for sent in view.documents:
        word.bullet(f"{sent.title}, version {sent.sent.version} (filen {document_names[sent.doc_id]})")
    word.bullet(f"Svarsmallen (filen {form_name})")
    word.heading("Remissfrågorna")
    for number, question in enumerate(round_.questions, 1):
        word.para(question.question, bold=f"{question_label(number)}. ")
    word.heading("Så svarar ni")
    word.para(f"Svara i svarsmallen, filen {form_name}. Den har ett fält för varje uppgift, fråga och avsnitt, så att "
              "svaren kan läsas in och sammanställas utan att något skrivs av.")
    word.para("Välj ett ställningstagande till varje fråga: tillstyrker, tillstyrker med ändringar, avstyrker, ingen "
              "erinran eller avstår. Skriv gärna en kommentar, och säg tydligt vad ni anser.")
    word.para("Har ni synpunkter på ett avsnitt, skriv dem vid avsnittet. Föreslår ni en ny lydelse, skriv den i fältet "
              "för ny lydelse. Avsnitten har samma nummer och rubriker som i remissversionen.")
    word.para("Skriv bara i fälten. Ändra inte rubrikerna och ta inte bort något fält.")
    word.para("Har en nämnd eller styrelse beslutat om svaret, ange organet, datumet och paragrafen i protokollet.")
    word.para(_reply(view))
    word.para(f"Frågor om remissen besvaras av {round_.contact}.")
    word.footer(f"Missiv, remiss {view.id}, {name}")
    return word.bytes()


# -- The response form --------------------------------------------------------------------------


def form_docx(view: RoundView, key: str) -> bytes:
    """The response form for one recipient: the recipient only fills fields."""
    round_, name = view.round, view.recipients[key]
    deadline = swedish_date(round_.deadline.isoformat())
    fields = {field.target: field for field in view.fields}
    word = WordFile(view.word_template, title=f"Svarsmall: {round_.title}", subject="Svarsmall", author=round_.contact,
                    keywords=["Remiss", "Svarsmall", view.id, name], day=round_.sent)
    word.placeholder_style()
    word.para("Svarsmall", PARAGRAPH["title"])
    word.para(round_.title, PARAGRAPH["subtitle"])
    word.fixed("Remissomgång", ROUND_TAG, "Remissomgång", view.id)
    word.fixed("Remissinstans", RECIPIENT_TAG, "Remissinstans", name)
    word.para(f"Svara senast den {deadline}.", bold="Svarstid: ")
    word.heading("Så svarar ni")
    word.para("Fyll i fälten: klicka i ett fält och skriv. Ställningstagandet till varje fråga väljer ni i en lista, "
              "och datum i en kalender eller skrivna ÅÅÅÅ-MM-DD. Lämna ett fält tomt när ni inte har något att säga.")
    word.para("Skriv bara i fälten. Ändra inte rubrikerna och ta inte bort något fält: svaret läses in automatiskt.")
    word.para(_reply(view))
    word.heading("Om svaret")
    word.inline_field("Diarienummer", fields[("diarienummer",)])
    word.inline_field("Svarets datum", fields[("date",)])
    word.para("Har en nämnd eller styrelse beslutat om svaret, fyll i organet, sammanträdesdatumet och paragrafen.")
    word.inline_field("Beslutande organ", fields[("decision", "body")])
    word.inline_field("Beslutsdatum", fields[("decision", "date")])
    word.inline_field("Paragraf i protokollet", fields[("decision", "paragraph")])
    word.block_field(fields[("summary",)], "Sammanfattning och övergripande synpunkter:")
    word.heading("Remissfrågorna")
    for number, question in enumerate(round_.questions, 1):
        word.heading(question_label(number), 1)
        word.para(question.question)
        word.inline_field("Ställningstagande", fields[("question", question.id, "stance")])
        word.block_field(fields[("question", question.id, "comment")], "Kommentar:")
    word.heading("Synpunkter per avsnitt")
    word.para("Skriv en synpunkt vid det avsnitt den gäller, och ett förslag till ny lydelse om ni har ett. Avsnitten har "
              "samma nummer och rubriker som i remissversionen. Lämna raden tom när ni inte har någon synpunkt.")
    for sent in view.documents:
        word.heading(f"{sent.title}, version {sent.sent.version}", 1)
        table = word.table(["Avsnitt", "Synpunkt", "Förslag till ny lydelse"],
                           [[section.label, "", ""] for section in sent.sections], widths=[4.5, 6.0, 6.0])
        for row, section in zip(table.rows[1:], sent.sections, strict=True):
            word.hidden(row.cells[0].paragraphs[-1], row_tag(section.ref))  # the row's section, for a reader without controls
            word.block_field(fields[("section", section.ref, "comment")], cell=row.cells[1])
            word.block_field(fields[("section", section.ref, "wording")], cell=row.cells[2])
    word.footer(f"Svarsmall, remiss {view.id}, {name}")
    return word.bytes()
