"""Reading a filled response form back: the fields' values, by their tags, into an answer.

    read_form(data, path, view) -> FormReading
      ├─ _controls      every content control of word/document.xml, by tag (lxml, safely: no entities,
      │                 no network, a size limit), whether it still shows its placeholder
      ├─ identity       the round and the recipient the form was written for (fixed controls)
      ├─ each field     the round's fields (fields.py): missing, changed or duplicated controls, values
      │                 that cannot be read, are findings at the field's name
      └─ the answer     as the YAML file will hold it (a plain dict), only when nothing was wrong

The form comes from outside the project: its text is kept as the recipient wrote it, line by
line, without control characters; nothing in it is interpreted.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from ..codes import finding
from ..dates import MONTHS
from ..findings import Finding
from ..text import clean_line
from ..xmlerrors import xml_problem
from . import formlayout
from .fields import BLOCK, DATE, DROPDOWN, PREFIX, RECIPIENT_TAG, ROUND_TAG, STANCE_ITEMS, TEXT, FormField
from .rounds import RoundView

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_XML = 50 * 1024 * 1024  # a form of a few hundred fields is well under a megabyte
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_SWEDISH_DATE = re.compile(r"^(\d{1,2})\s+(\w+)\s+(\d{4})$")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Control:
    tag: str
    element: etree._Element
    placeholder: bool  # still showing its placeholder: not filled in

    @property
    def properties(self) -> etree._Element:
        return self.element.find(_w("sdtPr"))

    @property
    def kind(self) -> str:
        props = self.properties
        if props.find(_w("dropDownList")) is not None or props.find(_w("comboBox")) is not None:
            return DROPDOWN
        if props.find(_w("date")) is not None:
            return DATE
        parent = self.element.getparent()
        if parent is not None and parent.tag in (_w("body"), _w("tc")):
            return BLOCK
        return TEXT

    def plain(self) -> str:
        return clean_line("".join(t.text or "" for t in self.element.iter(_w("t"))))

    def full_date(self) -> str | None:
        date = self.properties.find(_w("date"))
        return date.get(_w("fullDate")) if date is not None and not self.placeholder else None

    def text(self) -> str:
        """The control's text, a line per paragraph, without control characters or trailing blank lines."""
        content = self.element.find(_w("sdtContent"))
        if content is None or self.placeholder:
            return ""
        paragraphs = content.findall(f".//{_w('p')}") or [content]
        lines = []
        for paragraph in paragraphs:
            parts = []
            for node in paragraph.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
                if node.tag == _w("t"):
                    parts.append(node.text or "")
                elif node.tag == _w("tab"):
                    parts.append(" ")
                else:
                    parts.append("\n")
            lines += [clean_line(line) for line in "".join(parts).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n ")


@dataclass
class FormReading:
    recipient: str | None = None  # the recipient's id
    answer: dict | None = None  # as the YAML file holds it; None when anything was wrong
    findings: list[Finding] = field(default_factory=list)
    unplaced: list[Finding] = field(default_factory=list)  # text outside the fields: warnings, never dropped
    by_layout: bool = False  # read from the form's layout (the controls' tags were gone)


def _controls(data: bytes, path: str, reading: FormReading) -> tuple[dict[str, list[Control]], bool, object] | None:
    def fail(message: str) -> None:
        reading.findings.append(finding("AV830", path, 1, 1, message))

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML:
                fail("Filens text är större än en svarsmall kan vara; den läses inte")
                return None
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        fail("Filen är ingen Word-fil (.docx); spara svaret som Word-dokument och läs in det igen")
        return None
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as error:
        fail(f"Word-filens innehåll (word/document.xml) går inte att läsa: {xml_problem(error)}")
        return None
    found: dict[str, list[Control]] = {}
    for sdt in root.iter(_w("sdt")):
        props = sdt.find(_w("sdtPr"))
        tag = props.find(_w("tag")) if props is not None else None
        value = tag.get(_w("val")) if tag is not None else None
        if value:
            found.setdefault(value, []).append(Control(value, sdt, props.find(_w("showingPlcHdr")) is not None))
    text = "".join(t.text or "" for t in root.iter(_w("t")))
    return found, "Remissomgång:" in text and "Remissinstans:" in text, root


def _date(control: Control) -> dt.date | None | str:
    """The date a date control holds (None when empty), or the text when it is not a date."""
    full = control.full_date()
    if full:
        try:
            return dt.date.fromisoformat(full[:10])
        except ValueError:
            pass
    text = control.text()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _SWEDISH_DATE.match(text.casefold())
    if match and match.group(2) in MONTHS:
        try:
            return dt.date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1)))
        except ValueError:
            pass
    return text


def _stance(text: str) -> str | None:
    folded = text.casefold().strip().rstrip(".")
    return next((value for shown, value in STANCE_ITEMS if folded in (shown.casefold(), value)), None)


class _Reader:
    def __init__(self, view: RoundView, path: str, controls: dict[str, list[Control]], reading: FormReading,
                 looks_like_a_form: bool = False):
        self.view, self.path, self.controls, self.reading = view, path, controls, reading
        self.looks_like_a_form = looks_like_a_form  # the form's text is there, its controls are not
        self.values: dict[tuple, object] = {}

    def error(self, code: str, message: str) -> None:
        self.reading.findings.append(finding(code, self.path, 1, 1, message))

    def identity(self) -> bool:
        round_control, recipient_control = self.controls.get(ROUND_TAG), self.controls.get(RECIPIENT_TAG)
        if not round_control or not recipient_control:
            if self.looks_like_a_form:
                self.error("AV830", "Svarsmallens fält finns inte kvar: filen har sparats i ett program som tar bort "
                                    "Words innehållskontroller, och mallen är äldre än de dolda fältnamnen som gör att "
                                    "den ändå går att läsa. Be remissinstansen fylla i en ny svarsmall (avtal remiss "
                                    "form), eller skriv in svaret i YAML-filen för hand")
            else:
                self.error("AV830", "Filen är ingen svarsmall från avtal remiss form: fälten Remissomgång och "
                                    "Remissinstans saknas")
            return False
        round_id = round_control[0].plain()
        if round_id != self.view.id:
            self.error("AV831", f"Svarsmallen hör till remissomgången {round_id or '(okänd)'}, inte {self.view.id}; "
                                f"läs in den med avtal remiss import {round_id or 'OMGÅNG'} …")
            return False
        name = recipient_control[0].plain()
        key = self.view.round.recipient_key(name)
        if key is None:
            self.error("AV831", f"Svarsmallen skrevs för \"{name}\", som inte är remissinstans i "
                                f"omgången {self.view.id}")
            return False
        self.reading.recipient = key
        return True

    def fields(self) -> None:
        known = {f.tag for f in self.view.fields} | {ROUND_TAG, RECIPIENT_TAG}
        for tag, controls in sorted(self.controls.items()):
            if tag.startswith(PREFIX) and tag not in known:
                self.error("AV835", f"Fältet med taggen \"{clean_line(tag)}\" hör inte till remissomgången "
                                    f"{self.view.id}; svarsmallen är skriven för en tidigare lydelse av remissen")
            elif len(controls) > 1:
                self.error("AV835", f"Fältet \"{self._label(tag)}\" finns {len(controls)} gånger; behåll ett")
        for form_field in self.view.fields:
            self.field(form_field)

    def _label(self, tag: str) -> str:
        return next((f.label for f in self.view.fields if f.tag == tag), clean_line(tag))

    def field(self, form_field: FormField) -> None:
        controls = self.controls.get(form_field.tag)
        if not controls:
            self.error("AV832", f"Fältet \"{form_field.label}\" saknas: kontrollen har tagits bort eller dess tagg "
                                "har ändrats")
            return
        control = controls[0]
        if control.kind != form_field.kind:
            self.error("AV832", f"Fältet \"{form_field.label}\" har ändrats och går inte att läsa "
                                f"(det ska vara {_KIND_WORD[form_field.kind]}, men är {_KIND_WORD[control.kind]})")
            return
        if form_field.kind == DATE:
            value = _date(control)
            if isinstance(value, str):
                self.error("AV833", f"Fältet \"{form_field.label}\" har \"{value}\", som inte är ett datum; "
                                    "skriv det ÅÅÅÅ-MM-DD")
                return
        elif form_field.kind == DROPDOWN:
            text = control.text()
            value = _stance(text) if text else None
            if text and value is None:
                allowed = ", ".join(v for _, v in STANCE_ITEMS)
                self.error("AV833", f"Fältet \"{form_field.label}\" har \"{text}\", som inte är ett "
                                    f"ställningstagande; välj ett av: {allowed}")
                return
        else:
            value = control.text() or None
        if value is not None:
            self.values[form_field.target] = value

    def answer(self) -> dict | None:
        values = self.values
        answer: dict = {"recipient": self.view.recipients[self.reading.recipient]}
        date = values.get(("date",))
        if date is None:
            self.error("AV833", "Fältet \"Svarets datum\" är tomt; fyll i det i Word-filen och läs in den igen")
        answer["date"] = date
        if ("diarienummer",) in values:
            answer["diarienummer"] = " ".join(str(values[("diarienummer",)]).split())
        answer.update(self.decision())
        if ("summary",) in values:
            answer["summary"] = values[("summary",)]
        answer["questions"] = self.questions()
        answer["sections"] = self.sections()
        for key in ("questions", "sections"):
            if not answer[key]:
                del answer[key]
        return None if self.reading.findings else answer

    def decision(self) -> dict:
        body, date, paragraph = (self.values.get(("decision", k)) for k in ("body", "date", "paragraph"))
        if body is None and date is None and paragraph is None:
            return {}
        if body is None or date is None:
            missing = "Beslutande organ" if body is None else "Beslutsdatum"
            self.error("AV833", f"Fältet \"{missing}\" är tomt men beslutet har andra uppgifter; fyll i organ och "
                                "datum, eller inget av dem")
            return {}
        decision: dict = {"body": " ".join(str(body).split()), "date": date}
        if paragraph is not None:
            number = str(paragraph).strip().lstrip("§").strip()
            if not number.isdigit() or int(number) < 1:
                self.error("AV833", f"Fältet \"Paragraf i protokollet\" har \"{paragraph}\", som inte är ett "
                                    "paragrafnummer; skriv bara talet, till exempel 45")
            else:
                decision["paragraph"] = int(number)
        return {"decision": decision}

    def questions(self) -> list[dict]:
        found = []
        for number, question in enumerate(self.view.round.questions, 1):
            stance = self.values.get(("question", question.id, "stance"))
            comment = self.values.get(("question", question.id, "comment"))
            if stance is None and comment is None:
                continue
            if stance is None:
                self.error("AV833", f"Fråga {number} har en kommentar men inget ställningstagande; välj ett i "
                                    "listan")
                continue
            item = {"question": question.id, "stance": stance}
            if comment is not None:
                item["comment"] = comment
            found.append(item)
        return found

    def sections(self) -> list[dict]:
        found = []
        for document in self.view.documents:
            for section in document.sections:
                comment = self.values.get(("section", section.ref, "comment"))
                wording = self.values.get(("section", section.ref, "wording"))
                if comment is None and wording is None:
                    continue
                item = {"section": section.ref}
                if comment is not None:
                    item["comment"] = comment
                if wording is not None:
                    item["wording"] = wording
                found.append(item)
        return found


_KIND_WORD = {TEXT: "ett textfält", BLOCK: "ett textområde", DROPDOWN: "en rullista", DATE: "ett datumfält"}


def read_form(data: bytes, path: str, view: RoundView) -> FormReading:
    """What a filled form says, or the findings that stop it from being read (never a partial answer)."""
    reading = FormReading()
    found = _controls(data, path, reading)
    if found is None:
        return reading
    controls, looks_like_a_form, root = found
    tagged = bool(controls.get(ROUND_TAG)) and bool(controls.get(RECIPIENT_TAG))
    fixed = _form_text(view)
    layout = formlayout.walk(root, view.fields, fixed, controls=tagged)
    if not tagged and layout.markers:  # the tags are gone, the layout is there: read the fields from it
        controls, reading.by_layout = layout.slots, True
    reader = _Reader(view, path, controls, reading, looks_like_a_form=looks_like_a_form)
    if not reader.identity():
        return reading
    reader.fields()
    reading.answer = reader.answer()
    reading.unplaced = [finding("AV836", path, 1, 1, f"Text utanför svarsmallens fält{_where(loose.after)}: "
                                                     f"\"{loose.text}\". Den läses inte in; för in den i svaret "
                                                     "för hand om den hör dit") for loose in layout.loose]
    return reading


def _where(after: str) -> str:
    return f" (efter \"{after}\")" if after else " (i början)"


def _form_text(view: RoundView) -> set[str]:
    """The text of the round's form as `avtal remiss form` writes it (the same for every recipient)."""
    from .word import form_docx

    data = form_docx(view, next(iter(view.recipients)))
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return formlayout.form_text(etree.fromstring(archive.read("word/document.xml"), _PARSER))
