"""The political choices and the open questions handed to working groups, as tables.

Both link to the open questions they name (`dokument-id#frågans-id`, the id written after the
question's title), on the site as links and in Word as the same links. A table cell holds text or
paragraphs only, which is what the Word renderer reads from a cell (render/word/document.py).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree

from ..source.corpus import Corpus
from ..source.models.data import Handovers, Milestones, PoliticalChoices
from .elements import _add, _el, _table, _when

QUESTION_PREFIX = "Öppen fråga:"
HEADERS = ["Alternativ", "För patienterna", "För kommunerna", "För regionen"]


def choice_row_id(row_id: str) -> str:
    """The anchor of a political choice in its table, so that the text can link to it."""
    return "val-" + re.sub(r"[^a-z0-9]+", "-", row_id.casefold()).strip("-")


def option_letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


class QuestionLinks:
    """Links from a data table to open questions (`dokument-id#frågans-id`), relative to the page showing it."""

    def __init__(self, corpus: Corpus, doc_path: str):
        self.corpus, self.doc_path = corpus, doc_path

    def title(self, ref: str) -> str | None:
        """The question's title without "Öppen fråga:", or None when there is no such question."""
        doc_id, _, anchor = ref.partition("#")
        doc = self.corpus.by_id.get(doc_id)
        question = next((q for q in doc.body.questions if q.anchor == anchor), None) if doc else None
        if question is None:
            return None
        return question.value.removeprefix(QUESTION_PREFIX).strip() or anchor

    def element(self, ref: str) -> etree.Element:
        title = self.title(ref)
        if title is None:
            return _el("span", ref)  # the check reports it (AV531); the table still says which one was meant
        doc_id, _, anchor = ref.partition("#")
        doc = self.corpus.by_id[doc_id]
        href = posixpath.relpath(doc.path, posixpath.dirname(self.doc_path) or ".") + f"#{anchor}"
        return _el("a", title, href=href)

    def paragraphs(self, refs: list[str]) -> list[etree.Element]:
        result = []
        for ref in refs:
            paragraph = _el("p")
            paragraph.append(self.element(ref))
            result.append(paragraph)
        return result or [_el("p", "–")]


def _cell(row: etree.Element, paragraphs: list[etree.Element]) -> None:
    cell = _add(row, "td")
    for paragraph in paragraphs:
        cell.append(paragraph)


def render_choices(choices: PoliticalChoices, title: str, links: QuestionLinks) -> list[etree.Element]:
    """Each choice on its own: its question (the anchor the text links to), a note, a table of its options
    with what each means for the patients, the municipalities and the region, and the open questions it
    closes. Four columns fit a portrait page in Word and a phone, where one table of all the choices did not."""
    elements = []
    for choice in choices.items:
        question = _el("p", cls="avtal-choice-question", id=choice_row_id(choice.id))
        _add(question, "strong", f"{choice.id}. {choice.question}")
        elements.append(question)
        if choice.note:
            elements.append(_el("p", choice.note, cls="avtal-choice-note"))
        rows = [[f"{option_letter(index)}. {option.option}", option.patient, option.municipalities, option.region]
                for index, option in enumerate(choice.options)]
        elements.append(_table(f"{choice.id}: alternativen och vad de betyder", HEADERS, rows, "avtal-choices"))
        closes = _el("p", "Avgör de öppna frågorna: " if len(choice.closes) > 1 else "Avgör den öppna frågan: ",
                     cls="avtal-choice-closes")
        for index, ref in enumerate(choice.closes):
            link = links.element(ref)
            ends = (link.text or "").rstrip().endswith(("?", ".", "!"))
            link.tail = "; " if index < len(choice.closes) - 1 else ("" if ends else ".")
            closes.append(link)
        if choice.closes:
            elements.append(closes)
    return elements


def render_handovers(handovers: Handovers, title: str, links: QuestionLinks) -> list[etree.Element]:
    """The handed-over questions by working group: the group, a table of its questions with the milestone by
    which each must be answered, and what each of those milestones is, said once under the table."""
    if not handovers.items:
        return [_el("p", "Inga öppna frågor är överlämnade till arbetsgrupperna ännu.", cls="avtal-handovers-empty")]
    milestones = {m.id: m for ds in links.corpus.datasets if isinstance(ds.data, Milestones) for m in ds.data.items}
    groups: dict[str, list] = {}
    for item in handovers.items:
        groups.setdefault(item.group, []).append(item)
    elements = []
    for group, items in groups.items():
        heading = _el("p", cls="avtal-handover-group")
        _add(heading, "strong", f"{group} ({len(items)} {'fråga' if len(items) == 1 else 'frågor'})")
        elements.append(heading)
        rows = []
        for item in items:
            milestone = milestones.get(item.milestone)
            when = f"{item.milestone} ({_when(milestone.when)})" if milestone else item.milestone
            rows.append([item.id, links.element(item.question), when, item.note or ""])
        elements.append(_table(f"{group}: frågorna", ["Id", "Öppen fråga", "Besvaras senast", "Kommentar"], rows,
                               "avtal-handovers"))
        used = [milestones[m] for m in dict.fromkeys(i.milestone for i in items) if m in milestones]
        if used:
            said = "; ".join(f"{m.id}: {m.deliverable.rstrip('.')}" for m in used)
            elements.append(_el("p", f"Milstolparna: {said}.", cls="avtal-handover-milestones"))
    return elements


def settlements(corpus: Corpus) -> dict[str, tuple[str, str]]:
    """Each open question the data settles (`dokument-id#frågans-id`): how (Markdown text) and the path of
    the document that shows the choice or the handover, for the overview of open questions."""
    milestones = {m.id: m for ds in corpus.datasets if isinstance(ds.data, Milestones) for m in ds.data.items}
    result: dict[str, tuple[str, str]] = {}
    for dataset in corpus.datasets:
        data = dataset.data
        shown = corpus.by_id.get(data.document) if data is not None else None
        if shown is None:
            continue
        if isinstance(data, PoliticalChoices):
            for choice in data.items:
                for ref in choice.closes:
                    result.setdefault(ref, (f"avgörs av det politiska valet {choice.id}",
                                            f"{shown.path}#{choice_row_id(choice.id)}"))
        elif isinstance(data, Handovers):
            for item in data.items:
                milestone = milestones.get(item.milestone)
                when = f" ({_when(milestone.when)})" if milestone else ""
                result.setdefault(item.question, (f"lämnas till {item.group}, besvaras senast vid milstolpe "
                                                  f"{item.milestone}{when}", shown.path))
    return result
