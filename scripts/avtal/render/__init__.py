"""Stage 4, the outputs: everything a reader gets, rendered from the Corpus and the history.

Imports every stage below it and the shared modules; only the command line imports it.

    markup      the documents' Markdown syntax, one Python-Markdown extension for every renderer
    headings    heading numbers (one function for site, Word and comparisons) and text as a browser reads it
    datatables  the structured data as tables, the risk matrix, the timeline and the glossary (markup puts them in)
    elements    the HTML elements the data tables are made of (datatables and choices share them)
    choices     the political choices and the questions handed to working groups, as tables
    site        the reviewers' website: a thin mkdocs plugin over the pages below
    site_pages  the pages the plugin generates, as Markdown: documents, start page, open questions,
                glossary, change log, and the menu
    word/       the formal Word files, from the same element tree as the site
    build       `avtal build`: check, render into a staging folder, manifest, swap
"""
