"""Makes the reference template, templates/referens.docx, from python-docx's own default.

Run once when the template's design changes (`python -m avtal.render.word.template`); the file is
checked in, and an organisation may edit or replace it in Word: the renderer takes every
style by name from it. What this adds to the default: A4 with Swedish margins, Swedish as
the language, numbered headings (1, 1.1, 1.1.1) tied to the heading styles, the avtal
styles (boxes, open questions, code, marking, table text, terms, footnotes, the table of
contents) and an empty paragraph in the header where a logo goes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_UNDERLINE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from .package import reproducible_docx
from .styles import all_names

HEADING_LEVELS = 3


def _paragraph_style(document, name: str, base: str = "Normal"):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    return style


def _character_style(document, name: str):
    return document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)


def _shade(style, fill: str, border: str) -> None:
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="24" w:space="8" w:color="{border}"/>'
                         "</w:pBdr>"))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _numbered_headings(document) -> None:
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="Heading{level + 1}"/>'
        f'<w:lvlText w:val="{".".join(f"%{n + 1}" for n in range(level + 1))}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{567 + 284 * level}" w:hanging="{567 + 284 * level}"/></w:pPr></w:lvl>'
        for level in range(HEADING_LEVELS))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    num_id = numbering.add_num(abstract_id).numId
    for level in range(HEADING_LEVELS):
        _set_numbering(document.styles[f"Heading {level + 1}"], num_id, level)
    _set_numbering(document.styles["TOC Heading"], 0, 0)  # based on Heading 1, but not a chapter


def _set_numbering(style, num_id: int, level: int) -> None:
    numpr = style.element.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def _swedish(document) -> None:
    rpr_default = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for lang in rpr_default.findall(qn("w:lang")):
        rpr_default.remove(lang)
    rpr_default.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/>'))


def make_template() -> docx.Document:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    _swedish(document)
    document.styles["Normal"].font.size = Pt(11)
    _numbered_headings(document)

    box = _paragraph_style(document, "Ruta")
    _shade(box, "F2F2F2", "7F7F7F")
    box_title = _paragraph_style(document, "Rutrubrik", "Ruta")
    box_title.font.bold = True
    question = _paragraph_style(document, "Öppen fråga")
    _shade(question, "FFF4D6", "B7791F")
    question_title = _paragraph_style(document, "Öppen fråga rubrik", "Öppen fråga")
    question_title.font.bold = True
    code = _paragraph_style(document, "Kod")
    code.font.name, code.font.size = "Courier New", Pt(9)
    code.paragraph_format.space_after = Pt(0)
    marking = _paragraph_style(document, "Märkning")
    marking.font.bold, marking.font.size, marking.font.color.rgb = True, Pt(14), RGBColor(0xB0, 0x1E, 0x1E)
    table_text = _paragraph_style(document, "Tabelltext")
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_after = Pt(0)
    _paragraph_style(document, "Logotyp", "Header")
    annex_title = _paragraph_style(document, "Bilagerubrik", "Title")
    annex_title.paragraph_format.page_break_before = True
    footnote = _paragraph_style(document, "Footnote Text")
    footnote.font.size = Pt(9)
    for level in (1, 2, 3):
        toc = _paragraph_style(document, f"TOC {level}")
        toc.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)

    hyperlink = _character_style(document, "Hyperlink")
    hyperlink.font.underline, hyperlink.font.color.rgb = True, RGBColor(0x05, 0x63, 0xC1)
    term = _character_style(document, "Begrepp")
    term.font.underline = WD_UNDERLINE.DOTTED
    code_chars = _character_style(document, "Kod tecken")
    code_chars.font.name = "Courier New"
    reference = _character_style(document, "Footnote Reference")
    reference.font.superscript = True

    logo = section.header.paragraphs[0]
    logo.style = document.styles["Logotyp"]
    return document


def main(target: str = "templates/referens.docx") -> None:
    document = make_template()
    missing = [name for name in all_names() if name not in [s.name for s in document.styles]]
    if missing:
        raise SystemExit(f"mallen saknar stilar: {missing}")
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(reproducible_docx(document, epoch=0))
    print(f"Skrev {path}")


if __name__ == "__main__":
    main(*sys.argv[1:])
