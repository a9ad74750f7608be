"""Every Word style the renderer uses, by name. The look of each lives in the reference template
(templates/referens.docx): an organisation can change fonts, colours and margins there, or
replace the file, without touching code. A test checks that the template defines them all."""

PARAGRAPH = {
    "normal": "Normal",
    "title": "Title",
    "subtitle": "Subtitle",
    "heading": ["Heading 1", "Heading 2", "Heading 3", "Heading 4"],
    "bullet": ["List Bullet", "List Bullet 2", "List Bullet 3"],
    "number": ["List Number", "List Number 2", "List Number 3"],
    # A list item's further paragraphs (and a definition's text), at the indent of the item's text.
    "continue": ["List Continue", "List Continue 2", "List Continue 3"],
    "quote": "Quote",
    "caption": "Caption",
    "toc_heading": "TOC Heading",
    "toc": ["TOC 1", "TOC 2", "TOC 3"],
    "box": "Ruta",
    "box_title": "Rutrubrik",
    "question": "Öppen fråga",
    "question_title": "Öppen fråga rubrik",
    "code": "Kod",
    "marking": "Märkning",
    "table_text": "Tabelltext",
    "header": "Header",
    "footer": "Footer",
    "logo": "Logotyp",
    "footnote": "Footnote Text",
    "annex_title": "Bilagerubrik",
}

CHARACTER = {
    "hyperlink": "Hyperlink",
    "term": "Begrepp",
    "code": "Kod tecken",
    "footnote_reference": "Footnote Reference",
}

TABLE = {"grid": "Table Grid"}


def all_names() -> list[str]:
    names = []
    for group in (PARAGRAPH, CHARACTER, TABLE):
        for value in group.values():
            names.extend(value if isinstance(value, list) else [value])
    return names
