"""A response form read by its layout: where each field is, and what was written outside the fields.

Word keeps the form's content controls and their tags; LibreOffice keeps the controls' text but drops
their tags when it saves (7.4), and a form may come back with no controls at all. What survives both is
the form's layout and its hidden text: every field's label paragraph ends with the field's tag as hidden
text (fields.marker), and the first cell of every section's row holds the row's tag. This module walks the
body in order, the way a reader's eye does:

    a paragraph with a field's marker   an inline field: its value is the text after the marker; or a block
                                        field's label: the paragraphs that follow, up to the next marker, table
                                        or text of the form itself, are its value
    a table row with a row marker       the section's comment (second cell) and new wording (third cell)
    any other paragraph or cell         the form's own text (as `avtal remiss form` writes it), or text
                                        outside the fields: reported, with the text before it, never dropped

With `controls=True` (Word kept the tagged controls) a field's value is the content of its control, read
by formread.py; the walk then only finds what was written outside every control.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import clean_line
from .fields import BLOCK, RECIPIENT_TAG, ROUND_TAG, TEXT, FormField, row_tag

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MARK = re.compile(r"\[(avtal:[^\]\s]{1,80})\]")
_OFF = {"0", "false", "off"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Slot:
    """A field as the layout holds it: its lines of text (a form field without a control)."""
    tag: str
    kind: str
    placeholder: str = ""
    lines: list[str] = field(default_factory=list)

    def plain(self) -> str:
        lines = "\n".join(self.lines).split("\n")
        return re.sub(r"\n{3,}", "\n\n", "\n".join(clean_line(line) for line in lines)).strip("\n ")

    def text(self) -> str:
        """The field's text without its placeholder (the grey text of an empty field), if it still shows it."""
        kept = [line for line in self.lines if " ".join(line.split()) != self.placeholder or not self.placeholder]
        return Slot(self.tag, self.kind, lines=kept).plain()

    def full_date(self) -> str | None:
        return None


@dataclass
class Loose:
    """Text written outside every field, and the form's text just before it (to find it by)."""
    text: str
    after: str


@dataclass
class Layout:
    slots: dict[str, list[Slot]] = field(default_factory=dict)
    loose: list[Loose] = field(default_factory=list)
    markers: int = 0


def _hidden(run) -> bool:
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return vanish is not None and vanish.get(_w("val"), "true").casefold() not in _OFF


def _segments(paragraph) -> list[tuple[bool, str, bool]]:
    """The paragraph's runs in order: (a field's hidden name, text, inside a tagged control). Other hidden text
    counts as text: LibreOffice may hide what a person types next to a hidden run."""
    found = []
    for run in paragraph.iter(_w("r")):
        parts = []
        for node in run.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
            parts.append(node.text or "" if node.tag == _w("t") else " " if node.tag == _w("tab") else "\n")
        text = "".join(parts)
        found.append((_hidden(run) and _MARK.fullmatch(text.strip()) is not None, text, _in_control(run)))
    return found


def _in_control(element) -> bool:
    return any(sdt.find(f"{_w('sdtPr')}/{_w('tag')}") is not None for sdt in element.iterancestors(_w("sdt")))


_HEADING_STYLE = re.compile(r"(heading|rubrik|title|subtitle)", re.IGNORECASE)


def _is_heading(paragraph) -> bool:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style is not None and _HEADING_STYLE.match(style.get(_w("val"), "")) is not None


def _blocks(container):
    """Paragraphs and tables in reading order; block-level controls are looked into."""
    for child in container:
        if child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag in (_w("p"), _w("tbl")):
            yield child


def _cells(row):
    """The row's own cells (also those a row-level control holds), not those of a table nested in one."""
    return [cell for cell in row.iter(_w("tc")) if next(cell.iterancestors(_w("tr"))) is row]


class _Walk:
    def __init__(self, fields: list[FormField], fixed: set[str], controls: bool):
        self.fields = {f.tag: f for f in fields}
        self.fields[ROUND_TAG] = FormField(ROUND_TAG, "Remissomgång", TEXT, ())
        self.fields[RECIPIENT_TAG] = FormField(RECIPIENT_TAG, "Remissinstans", TEXT, ())
        self.rows: dict[str, tuple[FormField, FormField]] = {}
        for f in fields:
            if f.target[:1] == ("section",) and f.target[2] == "comment":
                wording = next(w for w in fields if w.target == ("section", f.target[1], "wording"))
                self.rows[row_tag(f.target[1])] = (f, wording)
        self.fixed, self.controls = fixed, controls
        self.layout, self.block, self.after = Layout(), None, ""

    def slot(self, form_field: FormField) -> Slot:
        slot = Slot(form_field.tag, form_field.kind, form_field.placeholder)
        self.layout.slots.setdefault(form_field.tag, []).append(slot)
        return slot

    def loose(self, text: str) -> None:
        text = " ".join(clean_line(text).split())
        if text and text not in self.fixed:
            self.layout.loose.append(Loose(text, self.after))
        elif text:
            self.after = text

    def paragraph(self, p) -> None:
        if _is_heading(p):
            self.block = None  # a field's text ends at a heading, even one the recipient has written in
        segments = _segments(p)
        marks = [(i, m.group(1)) for i, (hidden, text, _) in enumerate(segments) if hidden
                 for m in [_MARK.fullmatch(text.strip())] if m and m.group(1) in self.fields]
        if not marks:
            visible = "".join(text for hidden, text, inside in segments if not hidden and not inside)
            if self.controls and any(inside for _, _, inside in segments):
                self.loose(visible)  # text beside a block control's paragraphs
            elif visible.strip() and " ".join(visible.split()) in self.fixed:
                self.block = None
                self.after = " ".join(visible.split())
            elif self.block is not None:
                self.block.lines.append(visible)
            else:
                self.loose(visible)
            return
        self.layout.markers += 1
        index, tag = marks[0]
        self.loose("".join(text for hidden, text, _ in segments[:index] if not hidden))
        form_field = self.fields[tag]
        rest = segments[index + 1:]
        _, _, value = "".join(text for hidden, text, _ in rest if not hidden).partition(":")
        self.after = form_field.label
        if self.controls:  # the value is the control's; what is beside it in the paragraph is not
            self.block = None
            _, _, outside = "".join(text for hidden, text, inside in rest if not hidden and not inside).partition(":")
            self.loose(outside)
            return
        slot = self.slot(form_field)
        if form_field.kind == BLOCK:
            self.block = slot
            if value.strip():
                slot.lines.append(value.strip())
        else:
            self.block = None
            slot.lines.append(value.strip())

    def table(self, table) -> None:
        self.block = None
        for row in table.iter(_w("tr")):
            cells = _cells(row)
            first = cells[0] if cells else None
            mark = None
            if first is not None:
                for p in first.iter(_w("p")):
                    for hidden, text, _ in _segments(p):
                        m = _MARK.fullmatch(text.strip()) if hidden else None
                        if m and m.group(1) in self.rows:
                            mark = m.group(1)
            if mark is None:
                for cell in cells:
                    self.cell_text(cell)
                continue
            self.layout.markers += 1
            self.after = " ".join(self.visible(first).split())
            comment, wording = self.rows[mark]
            for cell, form_field in zip(cells[1:3], (comment, wording), strict=False):
                if self.controls:
                    self.cell_text(cell)
                else:
                    self.slot(form_field).lines += [self.visible(p) for p in cell.iter(_w("p"))]
            for cell in cells[3:]:
                self.cell_text(cell)

    def visible(self, element) -> str:
        return "".join(text for hidden, text, inside in _segments(element) if not hidden)

    def cell_text(self, cell) -> None:
        for p in cell.iter(_w("p")):
            self.loose("".join(text for hidden, text, inside in _segments(p) if not hidden and not inside))


def walk(root, fields: list[FormField], fixed: set[str], controls: bool) -> Layout:
    """Where the form's fields are and what is outside them; `fixed` is the form's own text."""
    body = root.find(_w("body"))
    state = _Walk(fields, fixed, controls)
    for block in _blocks(body if body is not None else root):
        if block.tag == _w("tbl"):
            state.table(block)
        else:
            state.paragraph(block)
    return state.layout


def form_text(root) -> set[str]:
    """The text of a form as written (outside its controls and hidden text): what is not the recipient's."""
    found = set()
    for p in root.iter(_w("p")):
        text = "".join(text for hidden, text, inside in _segments(p) if not hidden and not inside)
        if text.strip():
            found.add(" ".join(clean_line(text).split()))
    return found
