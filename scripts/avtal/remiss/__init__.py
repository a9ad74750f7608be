"""Stage 6, the remiss round: what is sent, the answers in Word or YAML, and the compilation.

Imports every stage before it (source, history, rules, render, compare) and the shared modules; only
the command line imports it, and the build and the site find it through the entry-point group
`avtal.outputs` (render/contributions.py). The round's data is read by the source stage
(source/rounds.py, source/models/remiss.py) and checked by the rules stage (rules/remiss.py, which
also finds the documents at their remiss versions in the history); this stage renders.

    rounds      a round as this stage works with it: its documents at their remiss versions, their
                sections, the recipients, the answers and the form's fields, each loaded once
    sections    the sections of a remiss version: stable id, level, number and heading as sent
    fields      the response form's fields and their tags, shared by the writer and the reader
    formxml     Word's content controls in raw Open XML (text, drop-down, date, locked), walled off
    word        the Word files: the letter (missiv), the response form (svarsmall), the compilation
    formread    a filled form read back (lxml over word/document.xml), every problem at its field
    answers     an answer as YAML, written deterministically and read back before it is written
    model       the compilation (remissammanställning) as a model: respondents, stances, comments
    site        the round's page and the start page's notice
    outputs     what `avtal build` and the site get; the rounds shared by the commands
    commands    `avtal remiss new | form | import | package | compile`
"""
