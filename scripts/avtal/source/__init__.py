"""Stage 1, the sources: read every document, data file and vocabulary once into the Corpus.

Imports only the shared modules beside it (codes, findings, hints, exits); every later stage
imports it, never the other way round.

    layout          where things live in the repository
    boundary        only regular files inside the repository are read; links and `..` are findings
    characters      control characters and lookalikes (hard spaces, curly quotes), named in Swedish
    files           a file's bytes to text, front matter split from the body
    yamlsafe        strict YAML with the position of every key
    validation      Pydantic's errors in Swedish, at their keys
    models/         the typed metadata, data and vocabularies
    markdown_scan   what the rules need from the Markdown, with lines and columns
                    (markdown_code: fences and code spans; markdown_links, markdown_attrs, markdown_lists,
                    markdown_numbers: link addresses, attribute lists, lists, written numbers)
    klarsprak       the running text as the site shows it, Swedish sentences and LIX (check and page header)
    images          the documents' images: PNG, JPEG, GIF, read as python-docx reads them
    corpus          the Corpus: documents and data sets, by id and path; the files that failed
    modeline        the schema line of a data file, for editors (`# yaml-language-server: …`)
    rounds          the remiss rounds and their answers under remiss/ (read by load_corpus)
    load            load_corpus(root), the only reader of the sources
    forked          a second process shares the reading of the documents with this one (`avtal check`)
    standin         a stand-in for a module a library imports for names a short command never uses
    local           local agreements: a template and a row per municipality (kind: local), expanded at
                    the end of load_corpus into a document each; value references [text](data.yaml#name)
    schema_export   JSON Schema from the models (`avtal schema`)
    new             a new document or data file from templates/ (`avtal new`)
"""
