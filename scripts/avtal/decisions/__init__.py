"""Stage 6, the decisions: proof of which text was registered and decided, by all the parties.

Imports every stage before it (source, history, rules, render, compare) and the shared modules; the
command line imports it, the build and the site find its outputs through the entry-point group
`avtal.outputs`, and `avtal check` its rules through `avtal.rules` (rules/check.py), so that no
earlier stage imports a later one.

    (render/word/canonical.py   the canonical text of a document and its fingerprint, from Word's XML;
     render/word/modeltext.py   the same from the model; render/word/identity.py   the identity in
     every Word file: custom properties and "Dokumentidentitet" on the last page)
    wordfile    a .docx as verify reads it, safely: its text, tracked changes, custom properties
    index       every version's fingerprint in the history, kept in the git directory (and the texts,
                by fingerprint, that a PDF is compared with)
    fill        what that cache lacks, made on every core (a cold cache: a fresh clone)
    verify      `avtal verify`: which document, version, commit and decisions a file's text is,
                or the nearest version and the paragraphs that differ; the commit cited is always
                the one where the version's text came in
    filekind    what a file is (.docx, PDF, .odt, .doc, or named in Swedish: "en PNG-bild")
    pdftext     a PDF's words (poppler's pdftotext) without page furniture; its XMP statement
    pdfmatch    a PDF's words against a version's canonical text (no spaces, hyphens or numbering)
    pdfverify   `avtal verify` on a PDF: the match, or the nearest version and its paragraphs
    libreoffice LibreOffice headless: PDF/A with the table of contents updated (a Basic macro in a
                private profile), .odt/.doc to .docx
    record      `avtal verify FILE --record PARTY`: the version and fingerprint into the decision
    register    each party's state: ej beslutad, beslutad, beslutad om annan text
    rules       AV701–AV708 for `avtal check`
    pdfa        PDF/A-2b with LibreOffice, made reproducible and checked with pikepdf; the text's
                fingerprint and the commit in its XMP
    proposal    the draft tjänsteskrivelse (förslag till beslut) in Word
    package     `avtal package`: one party's folder and zip for its clerk, with the annexes that
                apply to that party (the others named in the manifest and the tjänsteskrivelse)
    pages       the site's "Beslutsläge" and "Kontrollera en fil"
    published   site/fingeravtryck.json: every version's fingerprint and line hashes, which the
                check page's script (render/site_files/pages/javascripts/kontrollera.js) reads
    outputs     what `avtal build` and the site get (entry point avtal.outputs)
    commands    `avtal verify`, `avtal decisions`, `avtal package`
    tools       what `make build` needs to install (LibreOffice, when a document is packaged)
"""
