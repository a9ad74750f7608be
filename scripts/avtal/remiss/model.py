"""The remissammanställning as a model: made once from the answers, rendered to a site page and to Word.

    compile_round(view, comparer, as_of) -> Compilation
      ├─ respondents     every recipient in the round's order: who answered (when, how late) and who did not
      ├─ questions       per remiss question: each respondent's stance and comment, and the count per stance
      └─ documents       per document of the round, per section of the remiss version that has comments:
                         every comment with its assessment and where it was handled, and what became of
                         the section in the current text (the section-level view of the comparison between
                         the remiss version and the current text, compare/model.py)

A section is shown by its heading in the remiss version, even when it has since been renamed. The
date the round's status is judged on comes from the commit (or the compilation's own date), never
from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..compare.model import CHANGED, DELETED, EQUAL, MOVED, MOVED_AWAY, UNCHANGED, Comparison, SectionDiff
from ..history.versions import VERSION_RE, VersionError
from ..source.corpus import Document
from ..source.models.remiss import OUTCOMES, STANCES, Assessment, Question, QuestionAnswer
from .rounds import RoundView, SentDocument
from .sections import RemissSection

NO_ANSWER = "inget svar"
NOT_ASSESSED = "ej bedömd"
PLANNED, OPEN, CLOSED, COMPILED = "förberedd", "öppen", "svarstiden har gått ut", "sammanställd"


@dataclass
class Respondent:
    key: str
    name: str
    party: bool
    answer_path: str | None = None
    answer: object | None = None  # the Answer, when one came
    late: bool = False


@dataclass
class Handled:
    text: str  # "version 0.3", "incheckning 1a2b3c4d"
    page: str | None = None  # the site page (src_uri) that shows the change, when there is one


@dataclass
class Comment:
    respondent: Respondent
    comment: str | None
    wording: str | None
    assessment: Assessment | None
    handled: Handled | None

    @property
    def outcome(self) -> str:
        return self.assessment.outcome if self.assessment else NOT_ASSESSED


@dataclass
class QuestionSummary:
    number: int
    question: Question
    stances: list[tuple[Respondent, QuestionAnswer | None]]  # every respondent that answered the round
    comments: list[Comment]
    counts: dict[str, int]  # every stance and NO_ANSWER, in the vocabulary's order


@dataclass
class SectionSummary:
    section: RemissSection
    comments: list[Comment]
    now: str  # what became of the section in the current text
    current_title: str | None = None  # its heading now, when it was renamed
    diff: SectionDiff | None = None
    comparison: Comparison | None = None

    @property
    def outcomes(self) -> dict[str, int]:
        counted = Counter(comment.outcome for comment in self.comments)
        return {outcome: counted.get(outcome, 0) for outcome in (*OUTCOMES, NOT_ASSESSED)}


@dataclass
class DocumentSummary:
    sent: SentDocument
    sections: list[SectionSummary]  # the sections with comments, in the order of the remiss version
    current: Document | None  # the document in the working tree (None when it is gone)
    comparison: Comparison | None = None
    comparison_page: str | None = None  # the site page comparing the remiss version with the current text


@dataclass
class Compilation:
    view: RoundView
    as_of: dt.date
    respondents: list[Respondent]
    questions: list[QuestionSummary]
    documents: list[DocumentSummary]
    comments: list[Comment] = field(default_factory=list)  # every comment, for the totals

    @property
    def answered(self) -> list[Respondent]:
        return [r for r in self.respondents if r.answer is not None]

    @property
    def missing(self) -> list[Respondent]:
        return [r for r in self.respondents if r.answer is None]

    @property
    def status(self) -> str:
        round_ = self.view.round
        if round_.compiled is not None:
            return COMPILED
        if self.as_of < round_.sent:
            return PLANNED
        return OPEN if self.as_of <= round_.deadline else CLOSED

    @property
    def outcomes(self) -> dict[str, int]:
        counted = Counter(comment.outcome for comment in self.comments)
        return {outcome: counted.get(outcome, 0) for outcome in (*OUTCOMES, NOT_ASSESSED)}


# -- Making it ----------------------------------------------------------------------------------


def _respondents(view: RoundView) -> list[Respondent]:
    found = []
    for key, name in view.recipients.items():
        respondent = Respondent(key, name, view.is_party(key))
        answer_file = view.answers.get(key)
        if answer_file is not None:
            respondent.answer_path, respondent.answer = answer_file.path, answer_file.answer
            respondent.late = answer_file.answer.date > view.round.deadline
        found.append(respondent)
    return found


class _Handling:
    """Where a comment was handled: the version's comparison page on the site, when there is one."""

    def __init__(self, view: RoundView, comparer):
        self.view, self.comparer = view, comparer
        self._pages: dict[str, dict[str, str]] = {}

    def pages(self, doc_id: str) -> dict[str, str]:
        """version -> the site page with the changes that made it (from the version before)."""
        if doc_id not in self._pages:
            self._pages[doc_id] = {}
            doc = self.view.corpus.by_id.get(doc_id)
            if self.comparer is not None and doc is not None:
                from ..compare.outputs import PREVIOUS, plan

                try:
                    planned = plan(self.comparer.versions, doc)
                except VersionError:
                    planned = []
                self._pages[doc_id] = {item.new.version: item.page for item in planned if item.purpose == PREVIOUS}
        return self._pages[doc_id]

    def __call__(self, assessment: Assessment | None, doc_id: str | None) -> Handled | None:
        if assessment is None or assessment.handled_in is None:
            return None
        value = assessment.handled_in
        if VERSION_RE.match(value):
            return Handled(f"version {value}", self.pages(doc_id).get(value) if doc_id else None)
        return Handled(f"incheckning {value[:8]}")


def _questions(view: RoundView, respondents: list[Respondent], handling: _Handling) -> list[QuestionSummary]:
    summaries = []
    answered = [r for r in respondents if r.answer is not None]
    for number, question in enumerate(view.round.questions, 1):
        stances, comments = [], []
        for respondent in answered:
            item = next((q for q in respondent.answer.questions if q.question == question.id), None)
            stances.append((respondent, item))
            if item is not None and item.comment:
                comments.append(Comment(respondent, item.comment, None, item.assessment,
                                        handling(item.assessment, question.document)))
        counted = Counter(item.stance if item else NO_ANSWER for _, item in stances)
        counts = {stance: counted.get(stance, 0) for stance in (*STANCES, NO_ANSWER)}
        summaries.append(QuestionSummary(number, question, stances, comments, counts))
    return summaries


def _now(diff: SectionDiff | None, section: RemissSection, current: Document | None,
         comparison: Comparison | None, same_version: bool) -> tuple[str, str | None]:
    """What became of a section in the current text, and its heading now when that changed."""
    if current is None:
        return "dokumentet finns inte längre i arkivet", None
    if comparison is None:
        return ("oförändrat: den nuvarande versionen är remissversionen" if same_version
                else "okänt: jämförelsen med den nuvarande texten kunde inte göras"), None
    if diff is None:
        return "okänt", None
    title = diff.new.title if diff.new is not None and diff.new.title != section.title else None
    heading_changed = diff.heading is not None and diff.heading.op != EQUAL
    if diff.status == DELETED:
        return "borttaget ur den nuvarande texten", None
    if diff.status == MOVED:
        return ("flyttat och ändrat" if diff.changed else "flyttat"), title
    if diff.status == UNCHANGED:
        return "oförändrat", None
    if diff.status == CHANGED and heading_changed and not any(b.op != EQUAL for b in diff.blocks):
        return "rubriken ändrad", title
    return "ändrat", title


def _documents(view: RoundView, respondents: list[Respondent], handling: _Handling, comparer,
               comparison_pages: dict[str, str]) -> tuple[list[DocumentSummary], list[Comment]]:
    by_section: dict[str, list[Comment]] = {}
    for respondent in respondents:
        for item in respondent.answer.sections if respondent.answer else []:
            doc_id = item.section.partition("#")[0]
            by_section.setdefault(item.section, []).append(
                Comment(respondent, item.comment, item.wording, item.assessment, handling(item.assessment, doc_id)))
    summaries, everything = [], []
    for sent_doc in view.documents:
        current = view.corpus.by_id.get(sent_doc.doc_id)
        comparison = _comparison(comparer, sent_doc, current)
        same_version = current is not None and current.meta.version == sent_doc.sent.version
        sections = []
        for section in sent_doc.sections:
            comments = by_section.get(section.ref, [])
            if not comments:
                continue
            diff = _section_diff(comparison, section.id) if comparison is not None else None
            now, title = _now(diff, section, current, comparison, same_version)
            sections.append(SectionSummary(section, comments, now, title, diff, comparison))
            everything += comments
        summaries.append(DocumentSummary(sent_doc, sections, current, comparison, comparison_pages.get(sent_doc.doc_id)))
    return summaries, everything


def _comparison(comparer, sent_doc: SentDocument, current: Document | None) -> Comparison | None:
    if comparer is None or current is None or sent_doc.sent.ref.commit is None:
        return None
    now = comparer.versions.current(current)
    if now.version == sent_doc.sent.version and not _text_changed(sent_doc, current):
        return None
    try:
        comparison, _ = comparer.compare(sent_doc.sent.ref, now)
    except VersionError:
        return None
    return comparison


def _text_changed(sent_doc: SentDocument, current: Document) -> bool:
    return sent_doc.sent.document.body_text != current.body_text


def _section_diff(comparison: Comparison, section_id: str) -> SectionDiff | None:
    """The section of the remiss version in the comparison: where it is now (moved or not), or deleted."""
    candidates = [s for s in comparison.sections if s.old is not None and s.old.id == section_id]
    return next((s for s in candidates if s.status != MOVED_AWAY), candidates[0] if candidates else None)


def compile_round(view: RoundView, comparer=None, as_of: dt.date | None = None,
                  comparison_pages: dict[str, str] | None = None) -> Compilation:
    """The compilation of a round. `comparer` (compare/outputs.Comparer) adds what became of each
    commented section in the current text; `as_of` is the day the status is judged on."""
    respondents = _respondents(view)
    handling = _Handling(view, comparer)
    questions = _questions(view, respondents, handling)
    documents, section_comments = _documents(view, respondents, handling, comparer, comparison_pages or {})
    comments = [c for q in questions for c in q.comments] + section_comments
    day = view.round.compiled or as_of or view.round.sent
    if any(r.answer is not None for r in respondents):  # an answer came: the remiss was sent, never "förberedd"
        day = max(day, view.round.sent)
    return Compilation(view, day, respondents, questions, documents, comments)

