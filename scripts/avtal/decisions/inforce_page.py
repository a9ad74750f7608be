"""The site's page "Gällande versioner" and the line on each document's page (decisions/inforce.py).

The day is the day of the commit the site is built from, not the clock, so that the same commit
gives the same page; the page says which day it is.
"""

from __future__ import annotations

import datetime as dt

from ..dates import swedish_date
from ..source.corpus import Document
from ..text import markdown_text as md
from .inforce import Answer, InForce, menu_order

IN_FORCE_PAGE, IN_FORCE_TITLE = "gallande.md", "Gällande versioner"


def anchor(doc: Document) -> str:
    return f"gallande-{doc.meta.id}"


def document_line(answers: list[Answer]) -> str:
    """What a document's page says: the version in force (for all its parties, or for some) and since when."""
    periods = {(a.period.version, a.period.start) for a in answers if a.period is not None}
    if not periods:
        return "Gäller: ingen version ännu"
    if len(periods) == 1 and all(a.period is not None for a in answers):
        version, start = periods.pop()
        return f"Gäller: version {version} sedan {swedish_date(start.isoformat())}"
    return "Gäller: olika versioner för olika parter"


def in_force_page(in_force: InForce, documents: list[Document], parties: list[str], day: dt.date,
                  doc_paths: dict[str, str]) -> str:
    lines = [f"# {IN_FORCE_TITLE}", "",
             f"Vilken version av varje dokument som gäller för varje part den {swedish_date(day.isoformat())}, den dag "
             "då webbplatsens text checkades in. En version gäller när alla parter har beslutat om den, från dagen i "
             "`valid_from` eller, utan den, från dagen då den sista partens protokoll justerades. En redaktionell "
             "version gäller med de beslut som den bygger på. Samma svar för en annan dag ger `avtal gällande "
             "--party PART --date ÅÅÅÅ-MM-DD`.", ""]
    for doc in sorted(documents, key=menu_order):
        answers = {party: in_force.on(doc, party, day) for party in parties if party in doc.meta.parties}
        lines += [f"## {md(doc.meta.title)} {{#{anchor(doc)}}}", "",
                  f"[Till dokumentet]({doc_paths[doc.meta.id]}). {document_line(list(answers.values()))}.", ""]
        if not any(a.period for a in answers.values()):
            continue
        lines += ["| Part | Version | Gäller från | Gäller till och med |", "| --- | --- | --- | --- |"]
        for party, answer in answers.items():
            period = answer.period
            if period is None:
                lines.append(f"| {md(party)} | – | {md(answer.reason)} | – |")
                continue
            end = swedish_date(period.end.isoformat()) if period.end else "tills vidare"
            editorial = f" (redaktionell ändring av {period.decided_version})" if period.editorial else ""
            lines.append(f"| {md(party)} | {period.version}{editorial} | {swedish_date(period.start.isoformat())} "
                         f"| {end} |")
        lines.append("")
    return "\n".join(lines)
