"""Word's content controls (w:sdt) in raw Open XML, which python-docx has no API for; in one place.

    text_control       a plain text field in a line (w:text), for a diarienummer or an organ
    block_control      a field of its own paragraphs (rich text), for a comment or a new wording
    dropdown_control   a drop-down list (w:dropDownList), for a stance
    date_control       a date picker (w:date, shown ÅÅÅÅ-MM-DD), for the date of an answer or decision
    fixed_control      text the recipient cannot change or delete: which round and recipient the form is for

Every control has a tag (w:tag, what the reader looks for), a title (w:alias, what Word shows on the
control) and a lock: sdtLocked, so that the recipient cannot delete a control by accident, and
sdtContentLocked as well for the fixed one. An empty control shows its placeholder (w:showingPlcHdr
with grey text); filling it in removes the flag, which is how the reader tells a filled field from
an untouched one. Tags and titles stay within Word's 64 characters.
"""

from __future__ import annotations

import re

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

PLACEHOLDER_STYLE = "PlaceholderText"  # the style id Word gives its "Placeholder Text" character style
MAX_TAG = 64


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(value: str) -> str:
    """Text for an attribute or an element: escaped, and without the characters XML cannot hold."""
    value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _properties(tag: str, title: str, control_id: int, *, content_locked: bool = False, placeholder: bool = True) -> str:
    lock = "sdtContentLocked" if content_locked else "sdtLocked"
    return (f'<w:alias w:val="{_escape(title[:MAX_TAG])}"/><w:tag w:val="{_escape(tag)}"/>'
            f'<w:id w:val="{control_id}"/><w:lock w:val="{lock}"/>' + ("<w:showingPlcHdr/>" if placeholder else ""))


def _placeholder_run(text: str) -> str:
    return (f'<w:r><w:rPr><w:rStyle w:val="{PLACEHOLDER_STYLE}"/></w:rPr>'
            f'<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>')


def _inline(properties: str, kind: str, placeholder: str):
    return parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr>{properties}{kind}</w:sdtPr>"
                     f"<w:sdtContent>{_placeholder_run(placeholder)}</w:sdtContent></w:sdt>")


def text_control(tag: str, title: str, placeholder: str, control_id: int):
    """A plain text field inside a paragraph."""
    return _inline(_properties(tag, title, control_id), "<w:text/>", placeholder)


def dropdown_control(tag: str, title: str, placeholder: str, items: list[tuple[str, str]], control_id: int):
    """A drop-down list inside a paragraph; items are (text shown, value)."""
    entries = "".join(f'<w:listItem w:displayText="{_escape(shown)}" w:value="{_escape(value)}"/>'
                      for shown, value in items)
    return _inline(_properties(tag, title, control_id), f"<w:dropDownList>{entries}</w:dropDownList>", placeholder)


def date_control(tag: str, title: str, placeholder: str, control_id: int):
    """A date picker inside a paragraph; Word writes the chosen date as ÅÅÅÅ-MM-DD and in w:fullDate."""
    kind = ('<w:date><w:dateFormat w:val="yyyy-MM-dd"/><w:lid w:val="sv-SE"/>'
            '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>')
    return _inline(_properties(tag, title, control_id), kind, placeholder)


def fixed_control(tag: str, title: str, text: str, control_id: int):
    """Text inside a paragraph that the recipient can neither change nor delete."""
    return parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr>"
                     f"{_properties(tag, title, control_id, content_locked=True, placeholder=False)}<w:text/></w:sdtPr>"
                     f'<w:sdtContent><w:r><w:t xml:space="preserve">{_escape(text)}</w:t></w:r></w:sdtContent></w:sdt>')


def block_control(tag: str, title: str, placeholder: str, control_id: int, paragraph_style: str | None = None):
    """A field of whole paragraphs (a rich text control): the recipient may write several paragraphs."""
    style = f'<w:pPr><w:pStyle w:val="{_escape(paragraph_style)}"/></w:pPr>' if paragraph_style else ""
    return parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr>{_properties(tag, title, control_id)}</w:sdtPr>"
                     f"<w:sdtContent><w:p>{style}{_placeholder_run(placeholder)}</w:p></w:sdtContent></w:sdt>")


def hidden_run(text: str):
    """A run of hidden text (w:vanish): not shown or printed, kept by Word and LibreOffice when they save.
    It goes first in its paragraph, because LibreOffice gives text typed right after it the same hidden mark."""
    return parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">{_escape(text)}</w:t></w:r>')


def prepend_inline(paragraph, run) -> None:
    """A run at the very start of a paragraph (after its properties): text typed later never follows it."""
    p = paragraph._p
    p.insert(1 if len(p) and p[0].tag == qn("w:pPr") else 0, run)


def append_inline(paragraph, control) -> None:
    paragraph._p.append(control)


def append_block(body, control) -> None:
    """A block-level control at the end of a body (w:body), before its section properties."""
    last = body[-1] if len(body) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(control)
    else:
        body.append(control)


def replace_cell_content(cell, control) -> None:
    """A table cell whose only content is the control (a cell must end with a paragraph: one is kept after it)."""
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    tc.append(control)
    tc.append(OxmlElement("w:p"))
