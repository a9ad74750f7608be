"""The structured data, as HTML elements: the tables, the risk matrix, the timeline and the glossary
that a paragraph linking to a data file becomes (markup.py's extension puts them in its place). Every
value is text (AtomicString), never Markdown; each row gets its anchor, so that prose can link to it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree

from ..source.corpus import DataSet
from ..source.models.common import quarter_bounds
from ..source.models.data import (
    ChangeSet,
    Checklist,
    CommunicationPlan,
    Glossary,
    Handovers,
    Milestones,
    PoliticalChoices,
    ResponsibilityMatrix,
    RiskRegister,
)
from ..source.rows import row_anchor
from .choices import render_choices, render_handovers
from .elements import _add, _el, _table, _when, _wrapped

RESPONSIBLE = {"kommun": "Kommunen", "region": "Regionen", "gemensamt": "Gemensamt"}
# The bands of the risk and consequence analysis (plans/risk-och-konsekvensanalys.md, Metod).
RISK_LEVELS = [(15, "mycket hög", "very-high"), (10, "hög", "high"), (5, "måttlig", "medium"), (1, "låg", "low")]


def risk_level(score: int) -> tuple[str, str]:
    """(Swedish name, css suffix) of a probability × consequence score."""
    return next((name, css) for floor, name, css in RISK_LEVELS if score >= floor)


def change_row_id(row_id: str) -> str:
    """The anchor of a row in a comparison with today, so that lists can link to it."""
    return "andring-" + re.sub(r"[^a-z0-9]+", "-", row_id.casefold()).strip("-")


def _anchor_rows(table: etree.Element, data, items) -> etree.Element:
    """Each row of a data table gets its row's anchor, so that a reference in the prose links to it."""
    for tr, item in zip(table.find("table/tbody"), items, strict=True):
        tr.set("id", row_anchor(data, item.id))
    return table


def _quarter(value) -> str:
    start, _ = quarter_bounds(value)
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def _quarters(first: dt.date, last: dt.date) -> list[str]:
    quarters, year, quarter = [], first.year, (first.month - 1) // 3 + 1
    while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
        quarters.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


# -- The data, as elements ------------------------------------------------------------


def render_glossary(glossary: Glossary, title: str) -> list[etree.Element]:
    elements = []
    for term in sorted(glossary.terms, key=lambda t: t.term.casefold()):
        elements.append(_el("h3", term.term, id=term.id))
        elements.append(_el("p", term.definition))
        if len(term.all_forms) > 1:
            elements.append(_el("p", "Former: " + ", ".join(term.all_forms[1:]), cls="avtal-term-forms"))
        if term.source:
            elements.append(_el("p", f"Källa: {term.source}", cls="avtal-term-source"))
        if term.note:
            elements.append(_el("p", f"Kommentar: {term.note}", cls="avtal-term-note"))
    return elements


def render_responsibilities(matrix: ResponsibilityMatrix, title: str) -> list[etree.Element]:
    rows = [[item.id, item.area or "", item.activity, RESPONSIBLE[item.responsible], item.basis or ""]
            for item in matrix.items]
    table = _table(title, ["Id", "Område", "Aktivitet", "Ansvarig", "Grund"], rows, "avtal-responsibilities")
    _anchor_rows(table, matrix, matrix.items)
    for tr, item in zip(table.find("table/tbody"), matrix.items, strict=True):
        tr.set("data-responsible", item.responsible)  # the site's filter reads these
        tr.set("data-area", item.area or "")
    return [table]


def render_risks(register: RiskRegister, title: str) -> list[etree.Element]:
    wrapper, matrix = _wrapped("avtal-risk-matrix")
    _add(matrix, "caption", f"{title}: riskmatris, sannolikhet (rader) mot konsekvens (kolumner)")
    head = _add(_add(matrix, "thead"), "tr")
    _add(head, "th", "Sannolikhet", scope="col")
    for consequence in range(1, 6):
        th = _add(head, "th", scope="col")
        # The word is hidden on a narrow screen (the caption says what the columns are), not read less.
        _add(th, "span", "Konsekvens ", cls="avtal-axis-label").tail = str(consequence)
    body = _add(matrix, "tbody")
    for probability in range(5, 0, -1):
        tr = _add(body, "tr")
        _add(tr, "th", str(probability), scope="row")
        for consequence in range(1, 6):
            level, css = risk_level(probability * consequence)
            ids = [r.id for r in register.items if (r.probability, r.consequence) == (probability, consequence)]
            text = f"{', '.join(ids)} ({level})" if ids else f"– ({level})"
            _add(tr, "td", text, cls=f"avtal-risk-{css}")
    rows = []
    for risk in sorted(register.items, key=lambda r: (-r.score, r.id)):
        level, _ = risk_level(risk.score)
        rows.append([risk.id, risk.risk, str(risk.probability), str(risk.consequence), f"{risk.score} ({level})",
                     risk.owner, risk.status, "; ".join(risk.measures)])
    table = _table(title, ["Id", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", "Ägare", "Status", "Åtgärder"],
                   rows, "avtal-risks")
    _anchor_rows(table, register, sorted(register.items, key=lambda r: (-r.score, r.id)))
    for tr, risk in zip(table.find("table/tbody"), sorted(register.items, key=lambda r: (-r.score, r.id)), strict=True):
        tr[4].set("class", f"avtal-risk-{risk_level(risk.score)[1]}")
    return [wrapper, table]


# A passed milestone that nobody has reported on is "ej rapporterad": only `done: false` with
# evidence says that it was missed.
MILESTONE_STATES = {"done": "Uppnådd", "missed": "Passerad, ej uppnådd", "unreported": "Passerad, ej rapporterad",
                    "coming": "Kommande"}


def _milestone_state(milestone, as_of: dt.date) -> str:
    return MILESTONE_STATES[milestone.state(as_of)]


def render_milestones(milestones: Milestones, title: str, as_of: dt.date) -> list[etree.Element]:
    quarters = _quarters(milestones.period.start, milestones.period.end)
    wrapper, timeline = _wrapped("avtal-timeline")
    _add(timeline, "caption", f"{title}: tidslinje per kvartal (läget {as_of.isoformat()})")
    head = _add(_add(timeline, "thead"), "tr")
    for quarter in quarters:
        _add(head, "th", quarter, scope="col", cls="avtal-past" if quarter_bounds(quarter)[1] < as_of else None)
    row = _add(_add(timeline, "tbody"), "tr")
    for quarter in quarters:
        cell = _add(row, "td")
        for milestone in (m for m in milestones.items if _quarter(m.when) == quarter):
            state = milestone.state(as_of)
            css = {"missed": "late"}.get(state, state)
            # Id, time, whether the time is only proposed (as the table's "Grund för tidpunkten"), and the state.
            when = _when(milestone.when) + ("" if milestone.basis else ", Förslag")
            _add(cell, "p", f"{milestone.id} ({when}): {MILESTONE_STATES[state].lower()}", cls=f"avtal-milestone-{css}")
    # A date without a basis is the drafters' proposal, and the table says so.
    ordered = sorted(milestones.items, key=lambda m: quarter_bounds(m.when))
    rows = [[m.id, _when(m.when), m.deliverable, m.responsible, m.basis or "Förslag", _milestone_state(m, as_of)]
            for m in ordered]
    headers = ["Id", "När", "Leverans", "Ansvarig", "Grund för tidpunkten", "Läge"]
    return [wrapper, _anchor_rows(_table(title, headers, rows, "avtal-milestones"), milestones, ordered)]


def render_communication(plan: CommunicationPlan, title: str) -> list[etree.Element]:
    quarters = sorted({_quarter(a.when) for a in plan.items})
    wrapper, grid = _wrapped("avtal-communication-grid")
    _add(grid, "caption", f"{title}: aktiviteter per målgrupp och kvartal")
    head = _add(_add(grid, "thead"), "tr")
    _add(head, "th", "Målgrupp", scope="col")
    for quarter in quarters:
        _add(head, "th", quarter, scope="col")
    body = _add(grid, "tbody")
    for group in plan.target_groups:
        tr = _add(body, "tr")
        _add(tr, "th", group, scope="row")
        for quarter in quarters:
            ids = [a.id for a in plan.items if a.target_group == group and _quarter(a.when) == quarter]
            _add(tr, "td", ", ".join(ids) or "–")
    ordered = sorted(plan.items, key=lambda a: (quarter_bounds(a.when), a.id))
    rows = [[a.id, a.target_group, a.message, a.channel, _when(a.when), a.responsible] for a in ordered]
    table = _table(title, ["Id", "Målgrupp", "Budskap", "Kanal", "När", "Ansvarig"], rows, "avtal-communication")
    return [wrapper, _anchor_rows(table, plan, ordered)]


def render_checklist(checklist: Checklist, title: str) -> list[etree.Element]:
    rows = [[item.id, item.item, item.answer or "Ej besvarad", item.basis or "", item.handling or ""]
            for item in checklist.items]
    table = _table(checklist.title, ["Id", "Punkt", "Svar", "Grund", "Hantering vid nej"], rows, "avtal-checklist")
    return [_anchor_rows(table, checklist, checklist.items)]


def _today_source(change) -> str:
    verify = f"Att verifiera: {change.verify}" if change.verify else ""
    return " ".join(part for part in (change.source or "", verify) if part)


def render_changes(changes: ChangeSet, title: str) -> list[etree.Element]:
    """Two tables, so that each fits a page: what changes, and what it means for whom."""
    baseline = _el("p", f"Jämförelsen gäller {changes.baseline}.", cls="avtal-changes-baseline")
    rows = [[c.id, c.area, c.today, c.proposed, _today_source(c)] for c in changes.items]
    summary = _table(f"{title}: i dag och enligt förslaget", ["Id", "Område", "I dag", "Förslag", "Källa för i dag"],
                     rows, "avtal-changes")
    for tr, change in zip(_anchor_rows(summary, changes, changes.items).find("table/tbody"), changes.items,
                          strict=True):
        if change.verify:
            tr[4].set("class", "avtal-verify")
    rows = [[c.id, c.area, c.patient, c.municipalities, c.region] for c in changes.items]
    consequences = _table(f"{title}: konsekvenser", ["Id", "Område", "För patienten", "För kommunerna",
                                                     "För regionen"], rows, "avtal-change-consequences")
    return [baseline, summary, consequences]


def render_data(dataset: DataSet, title: str, as_of: dt.date, links=None) -> list[etree.Element]:
    data = dataset.data
    if isinstance(data, Milestones):
        return render_milestones(data, title, as_of)
    if isinstance(data, PoliticalChoices | Handovers):
        render = render_choices if isinstance(data, PoliticalChoices) else render_handovers
        return render(data, title, links)
    renderers = {Glossary: render_glossary, ResponsibilityMatrix: render_responsibilities, RiskRegister: render_risks,
                 CommunicationPlan: render_communication, Checklist: render_checklist, ChangeSet: render_changes}
    return renderers[type(data)](data, title)
