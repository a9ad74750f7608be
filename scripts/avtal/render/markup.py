"""The documents' own Markdown syntax, as a Python-Markdown extension shared by every renderer.

The site (through mkdocs) and the Word files parse a document with the extensions that
mkdocs.yml configures plus this one, so both get the same element tree and say the same
thing. This extension adds what plain Markdown lacks:

  - `[[vårdbegärans]]`, a defined term, becomes a link to its definition, with the
    definition as title (a tooltip on the site);
  - a paragraph that is only a link to a data file becomes the data: tables, the risk
    matrix, the timeline, the glossary's definitions; each row of a table gets an anchor;
  - a link to one row of a data file, `[M14](../plans/milstolpar.yaml#M14)`, becomes what
    the row says now, linked to its row (references.py);
  - each open question (`!!! question`) and each statement to verify (`!!! verify`) gets
    an id, so that lists can link to it;
  - an image is shown only if it is a file that loading let through (source/images.py).
  - the headings are numbered (1, 1.1, 1.1.1) by one function, `heading_numbers`, over the
    element tree: the Word file's numbered heading styles and table of contents and the site's
    headings and table of contents show the same numbers, so "se 7.2" is found in both.

Everything it makes is ordinary HTML elements (table, caption, th, td, h3, p, a), with
classes for the site's style sheet and the Word renderer's styles.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import yaml
from markdown import Extension, Markdown
from markdown import util as markdown_util
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..source.corpus import Corpus, DataSet, link_path
from ..source.markdown_scan import QUESTION_ID_PATTERN, QUESTION_ID_RE, QUESTION_RE, TERM_RE, hand_number
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
    forms_index,
)
from ..source.models.vocabulary import DECISION_BASIS
from ..source.rows import row_anchor
from .choices import QuestionLinks, render_choices, render_handovers
from .elements import _add, _el, _table, _when, _wrapped
from .references import RowReferences

DATA_LINK_RE = re.compile(r"^\[([^\]]*)\]\(([^()\s]+\.ya?ml)\)\s*$")
RESPONSIBLE = {"kommun": "Kommunen", "region": "Regionen", "gemensamt": "Gemensamt"}
# The bands of the risk and consequence analysis (plans/risk-och-konsekvensanalys.md, Metod).
RISK_LEVELS = [(15, "mycket hög", "very-high"), (10, "hög", "high"), (5, "måttlig", "medium"), (1, "låg", "low")]


def risk_level(score: int) -> tuple[str, str]:
    """(Swedish name, css suffix) of a probability × consequence score."""
    return next((name, css) for floor, name, css in RISK_LEVELS if score >= floor)


def question_id(number: int, written: str | None = None) -> str:
    """The anchor of the `number`th open question of a page: the id written after its title, if any."""
    return written or f"oppen-fraga-{number}"


QUESTION_CLASS = "avtal-question-id-"  # carries a written id from the preprocessor to _Questions
_QUESTION_ID_VALID = re.compile(QUESTION_ID_PATTERN)


def verification_id(number: int) -> str:
    return f"att-verifiera-{number}"


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


# -- The extension --------------------------------------------------------------------


class _Terms(InlineProcessor):
    def __init__(self, extension: AvtalExtension):
        super().__init__(TERM_RE.pattern)
        self.extension = extension

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        form = m.group(1)
        found = self.extension.term(form)
        if found is None:
            return AtomicString(form), m.start(0), m.end(0)
        href, definition = found
        link = _el("a", form, cls="avtal-term", href=href, title=definition)
        return link, m.start(0), m.end(0)


class _Data(BlockProcessor):
    def __init__(self, parser, extension: AvtalExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        match = DATA_LINK_RE.match(block.strip())
        return bool(match) and self.extension.dataset(match.group(2)) is not None

    def run(self, parent, blocks):
        match = DATA_LINK_RE.match(blocks.pop(0).strip())
        dataset = self.extension.dataset(match.group(2))
        container = _add(parent, "div", cls=f"avtal-data avtal-data-{dataset.data.kind}")
        links = QuestionLinks(self.extension.corpus, self.extension.doc_path)
        for element in render_data(dataset, match.group(1), self.extension.as_of, links):
            container.append(element)


class _QuestionIds(Preprocessor):
    """`!!! question "Öppen fråga: …" {#id}`: the id leaves the line (the admonition's syntax has no
    place for it) as a class of the admonition, which _Questions makes its id. Runs after the fenced
    code blocks are put aside, so a question shown as code stays as written."""

    def run(self, lines):
        return [self._line(line) for line in lines]

    @staticmethod
    def _line(line: str) -> str:
        question = QUESTION_RE.match(line) if "!!!" in line and "{" in line else None
        written = QUESTION_ID_RE.search(line, question.end()) if question else None
        if written is None or not _QUESTION_ID_VALID.match(written.group(1)):
            return line
        head = line[: line.index("question") + len("question")]
        title = line[len(head): written.start()].strip()
        return f"{head} {QUESTION_CLASS}{written.group(1)}" + (f" {title}" if title else "")


class _Questions(Treeprocessor):
    """Give each open question its anchor: the id written after its title, or else its number on the
    page, so that the page header, the list of questions and the data can link to it."""

    def run(self, root):
        number = 0
        for div in root.iter("div"):
            classes = (div.get("class") or "").split()
            if "question" in classes:
                number += 1
                written = next((c[len(QUESTION_CLASS):] for c in classes if c.startswith(QUESTION_CLASS)), None)
                div.set("class", " ".join(c for c in classes if not c.startswith(QUESTION_CLASS)))
                div.set("id", question_id(number, written))


class _Verifications(Treeprocessor):
    """Number the statements to verify, as the open questions are numbered."""

    def run(self, root):
        number = 0
        for div in root.iter("div"):
            if "verify" in (div.get("class") or "").split():
                number += 1
                div.set("id", verification_id(number))


class _Images(Treeprocessor):
    """Only an image that loading let through is shown, and by its path in the repository;
    any other `img` (from another site, missing, not an image) becomes its alternative text,
    on the site and in Word alike. Nothing is fetched, and no path is opened here."""

    def __init__(self, md, extension: AvtalExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        doc_path = self.extension.doc_path
        if doc_path not in self.extension.corpus.by_path:
            return  # a page of the site's own (webbplats/): mkdocs takes its images from docs_dir
        for parent in [p for p in root.iter() if any(child.tag == "img" for child in p)]:
            for child in [c for c in parent if c.tag == "img"]:
                image = self.extension.corpus.image(doc_path, child.get("src") or "")
                if image is None:
                    _replace_by_text(parent, child, child.get("alt") or "")
                else:
                    child.set("src", quote(posixpath.relpath(image.path, posixpath.dirname(doc_path) or ".")))


# Grids whose cells are read by their row and column, not as a row of a list: they stay tables on a phone.
GRIDS = ("avtal-risk-matrix", "avtal-timeline", "avtal-communication-grid")


class _CellLabels(Treeprocessor):
    """Each body cell of a table with a header row carries its column's name (data-label), so that on a
    phone the site's style sheet shows each row as a card of "name: value" lines (the site only)."""

    def run(self, root):
        grids = {id(t) for div in root.iter("div") if set((div.get("class") or "").split()) & set(GRIDS)
                 for t in div.iter("table")}
        for table in root.iter("table"):
            head = table.find("thead/tr")
            if id(table) in grids or head is None:
                continue
            names = ["".join(th.itertext()).strip() for th in head]
            for row in table.iterfind("tbody/tr"):
                for cell, name in zip(row, names, strict=False):
                    if name:
                        cell.set("data-label", name)


def _replace_by_text(parent: etree.Element, child: etree.Element, text: str) -> None:
    index = list(parent).index(child)
    text += child.tail or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(child)
# -- Heading numbers ------------------------------------------------------------------

# Word's numbered heading styles (word/styles.py): h1 and h2 are Heading 1, h3 Heading 2, h4
# Heading 3; h5 and h6 are Heading 4, which is not numbered.
HEADING_LEVELS = {"h1": 0, "h2": 0, "h3": 1, "h4": 2, "h5": 3, "h6": 3}
NUMBERED_LEVELS = 3
NUMBER_CLASS = "avtal-heading-number"
# The site's page of a document holds its text between these comments (render/site.py); only
# the headings between them are the document's own, and only they are numbered.
TEXT_START, TEXT_END = "<!-- avtal-text-start -->", "<!-- avtal-text-end -->"
STASH_RE = re.compile(markdown_util.HTML_PLACEHOLDER % r"(\d+)")
# One pass over a text of the tree, in the order a browser meets it: a placeholder of
# Python-Markdown's HTML stash (a character reference such as &sect;, kept aside as raw HTML),
# a character reference the serializer leaves as it is (its RE_AMP), or another placeholder
# (the footnotes' back-links), which shows nothing in the text.
_TEXT_TOKEN_RE = re.compile(markdown_util.HTML_PLACEHOLDER % r"(?P<stash>\d+)"
                            + r"|(?P<entity>&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)|\x02[^\x03]*\x03", re.I)
TAG_RE = re.compile(r"<[^>]+>")
_PLACEHOLDER_RE = re.compile("\x02[^\x03]*\x03")
_SPACE_RE = re.compile(r"[ \t\n\r\f]+")


def browser_text(md: Markdown, text: str) -> str:
    """A text of the tree as the page shows it: Python-Markdown turns it into HTML (placeholders
    restored, character references kept, `&` escaped elsewhere) and the browser reads that HTML.
    A placeholder of block-level HTML (a fenced code block) stays, for the paragraph that holds it."""
    if "&" not in text and "\x02" not in text:
        return text
    text = text.replace(markdown_util.AMP_SUBSTITUTE, "&")  # e-mail addresses, written as references
    raw_html = md.postprocessors["raw_html"]

    def token(match: re.Match) -> str:
        if match.group("entity"):  # &#12; is the one reference to a character XML cannot hold: a space
            return html.unescape(match.group("entity")).replace("\x0c", " ")
        if match.group("stash") is None:
            return ""
        stashed = str(md.htmlStash.rawHtmlBlocks[int(match.group("stash"))])
        if raw_html.isblocklevel(stashed):
            return match.group(0)
        return html.unescape(TAG_RE.sub("", stashed))

    return _TEXT_TOKEN_RE.sub(token, text)


def shown_text(text: str) -> str:
    """Text as a browser lays it out: a line break or tab in the source is a space (never a
    non-breaking one); what is left of a placeholder shows nothing."""
    return _SPACE_RE.sub(" ", _PLACEHOLDER_RE.sub("", text))


def element_text(element: etree.Element, skip=lambda child: False, md: Markdown | None = None) -> str:
    """An element's text on one line, as the page shows it, leaving out the children `skip` names.
    With `md`, placeholders and character references are read as the browser reads them."""
    text = "".join(_texts(element, skip))
    return shown_text(browser_text(md, text) if md is not None else text)


def _texts(element: etree.Element, skip) -> Iterable[str]:
    yield element.text or ""
    for child in element:
        if not skip(child):
            yield from _texts(child, skip)
        yield child.tail or ""


def _not_heading_text(child: etree.Element) -> bool:
    classes = (child.get("class") or "").split()
    return "headerlink" in classes or NUMBER_CLASS in classes


def heading_text(element: etree.Element, md: Markdown | None = None) -> str:
    """A heading's own text: without the permalink and without the number the site shows."""
    return element_text(element, _not_heading_text, md).strip(" ")


def heading_numbers(elements: Iterable[etree.Element], md: Markdown | None = None) -> dict[etree.Element, str]:
    """Every heading Word numbers (Heading 1–3) in `elements` and their descendants, in the order
    they are written, with its number as the numbered heading styles count it: 1, 1.1, 1.1.1.

    A heading numbered by hand ("3. Ansvar", warned as AV310) gets "": it keeps its own number
    alone, and the headings after it count without it. The glossary's terms, which the data
    make into headings, count like any other heading. The Word renderer and the site both
    call this, on the same element tree, so their numbers cannot drift apart.
    """
    counters, numbers = [0] * NUMBERED_LEVELS, {}
    for element in (e for top in elements for e in top.iter()):
        level = HEADING_LEVELS.get(element.tag) if isinstance(element.tag, str) else None
        if level is None or level >= NUMBERED_LEVELS:
            continue
        if hand_number(heading_text(element, md)):
            numbers[element] = ""
            continue
        counters[level] += 1
        counters[level + 1:] = [0] * (NUMBERED_LEVELS - level - 1)
        numbers[element] = ".".join(str(n) for n in counters[: level + 1])
    return numbers


def _marker(md: Markdown, element: etree.Element) -> str | None:
    """The raw HTML comment a paragraph stands for, when it is only a placeholder of one."""
    match = STASH_RE.fullmatch((element.text or "").strip()) if element.tag == "p" and len(element) == 0 else None
    return str(md.htmlStash.rawHtmlBlocks[int(match.group(1))]).strip() if match else None


def _document_text(md: Markdown, root: etree.Element) -> list[etree.Element]:
    """The top-level elements between the page's markers of the document's own text."""
    inside, elements = False, []
    for element in root:
        marker = _marker(md, element) if element.tag == "p" else None
        if marker in (TEXT_START, TEXT_END):
            inside = marker == TEXT_START
        elif inside:
            elements.append(element)
    return elements


class _HeadingNumbers(Treeprocessor):
    """On a site page: the document's headings numbered as its Word file numbers them, each number
    put into its heading and into the page's table of contents, as text that a reader can search
    for ("se 7.2"). It runs after toc has given the headings their ids, so numbers never enter an
    anchor. (The Word renderer calls heading_numbers on its own tree: its styles show the numbers.)"""

    def __init__(self, md, extension: AvtalExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        if not self.extension.numbered:
            return  # a beslutsunderlag: its Word file's headings have no numbers either
        by_id = {}
        for heading, number in heading_numbers(_document_text(self.md, root), self.md).items():
            if number:
                _prefix_number(heading, number)
                if heading.get("id"):
                    by_id[heading.get("id")] = number
        _number_toc(getattr(self.md, "toc_tokens", []), by_id)


def _prefix_number(heading: etree.Element, number: str) -> None:
    span = etree.Element("span", {"class": NUMBER_CLASS})
    span.text = AtomicString(number)
    span.tail = " " + (heading.text or "")
    heading.text = None
    heading.insert(0, span)


def _number_toc(tokens: list[dict], numbers: dict[str, str]) -> None:
    """The table of contents (Python-Markdown's toc tokens, which mkdocs reads) with the numbers."""
    for token in tokens:
        number = numbers.get(token.get("id"))
        if number:
            for key in ("name", "html"):
                if key in token:
                    token[key] = f"{number} {token[key]}"
        _number_toc(token.get("children", []), numbers)


class AvtalExtension(Extension):
    """The avtal syntax for one document of the corpus (its path decides relative links)."""

    def __init__(self, corpus: Corpus, doc_path: str, site: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.corpus = corpus
        self.site = site  # a site page: its document's text gets the Word file's heading numbers
        self.set_document(doc_path)
        glossaries = corpus.glossaries
        self.glossary = glossaries[0][1] if glossaries else None
        self.forms = forms_index(self.glossary) if self.glossary else {}
        self.terms = {t.id: t for t in self.glossary.terms} if self.glossary else {}

    def set_document(self, doc_path: str) -> None:
        """The document (by its path) whose text is converted next: links are relative to it."""
        self.doc_path = doc_path
        doc = self.corpus.by_path.get(doc_path)
        # "Passed" milestones are judged at the document's own date, never the clock's.
        self.as_of = doc.meta.date if doc is not None and doc.meta is not None else dt.date.min
        self.numbered = doc is None or doc.meta is None or doc.meta.type != DECISION_BASIS

    def term(self, form: str) -> tuple[str, str] | None:
        term_id = self.forms.get(form.casefold())
        presenting = self.corpus.by_id.get(self.glossary.document) if self.glossary else None
        if term_id is None or presenting is None:
            return None
        href = posixpath.relpath(presenting.path, posixpath.dirname(self.doc_path)) + f"#{term_id}"
        return href, self.terms[term_id].definition

    def dataset(self, target: str) -> DataSet | None:
        path = link_path(self.doc_path, target)
        return next((ds for ds in self.corpus.datasets if ds.path == path and ds.data is not None), None)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_QuestionIds(md), "avtal-question-ids", 19)  # after fenced code (25)
        md.inlinePatterns.register(_Terms(self), "avtal-term", 180)
        md.inlinePatterns.register(RowReferences(self), "avtal-row-reference", 165)  # before links (160)
        md.parser.blockprocessors.register(_Data(md.parser, self), "avtal-data", 95)
        md.treeprocessors.register(_Questions(md), "avtal-questions", 5)
        md.treeprocessors.register(_Verifications(md), "avtal-verifications", 4)
        md.treeprocessors.register(_Images(md, self), "avtal-images", 15)  # after the inline patterns (20)
        if self.site:
            md.treeprocessors.register(_HeadingNumbers(md, self), "avtal-heading-numbers", 3)  # after toc (5)
            md.treeprocessors.register(_CellLabels(md), "avtal-cell-labels", 2)


# -- The configured Markdown ----------------------------------------------------------


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's, when PyYAML has it
    """mkdocs.yml may name Python objects (!!python/name:…); here only the extension names matter."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


# Used only when a repository has no mkdocs.yml: the same list as this project's.
DEFAULT_EXTENSIONS = ["toc", "attr_list", "admonition", "tables", "footnotes", "def_list", "sane_lists",
                      "pymdownx.superfences"]


def configured_extensions(root: Path) -> tuple[list[str], dict]:
    """The Markdown extensions and their settings, as mkdocs.yml configures them for the site."""
    if not (root / "mkdocs.yml").is_file():
        return list(DEFAULT_EXTENSIONS), {}
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    names, settings = [], {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


def document_markdown(root: Path, corpus: Corpus, doc_path: str, configured=None) -> Markdown:
    """A Markdown converter for one document: mkdocs.yml's extensions plus the avtal syntax."""
    names, settings = configured or configured_extensions(root)
    extensions = [_extension(name, settings.get(name) or {}) for name in names]
    return Markdown(extensions=[*extensions, AvtalExtension(corpus, doc_path)])


def _extension(name: str, settings: dict) -> Extension | str:
    """An extension made from its module, as Python-Markdown makes it from a dotted name. Python-Markdown
    looks every name up among the installed packages' entry points first, which reads the metadata of
    every package and took a tenth of `avtal docx`; a name it alone knows is left to it."""
    module_name, _, class_name = name.partition(":")
    module_name = module_name if "." in module_name else f"markdown.extensions.{module_name}"
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return name
    make = getattr(module, class_name) if class_name else getattr(module, "makeExtension", None)
    return make(**settings) if make is not None else name
