"""The round's page on the site, and the start page's notice of an open round.

    round_page(compilation, ...)   status (open until the deadline, then compiled), the round's facts,
                                   the documents sent, the questions, the answers received per recipient,
                                   and the compilation: per question a table of recipients × stance
                                   with counts, per section of the remiss version every comment with its
                                   assessment, a link to the change that handled it, and the section's
                                   comparison between the remiss version and the current text
    start_notice(compilation, ...) the notice the start page shows while a round is open

Everything in an answer is written by someone outside the project: it is shown as text, escaped
where it is inserted (Markdown: text.markdown_text; HTML: html.escape, a line per paragraph), and
the page passes the site's sanitizer like every other.
"""

from __future__ import annotations

import posixpath
from html import escape

from ..compare.html import HtmlWriter, site_linker
from ..compare.model import Comparison
from ..dates import swedish_date
from ..source.models.remiss import OUTCOMES, STANCES
from ..text import clean_line
from ..text import markdown_text as md
from .compilation_word import decision_text, status_text
from .fields import question_label
from .model import CLOSED, COMPILED, NO_ANSWER, NOT_ASSESSED, OPEN, PLANNED, Comment, Compilation, SectionSummary
from .word import STANCE_HEADINGS

FOLDER = "remiss"
WORD_FOLDER = "word"  # where the site keeps the Word files (render/site.py)
BOX = {PLANNED: ("note", "Remissen är förberedd"), OPEN: ("info", "Remissen är öppen"),
       CLOSED: ("warning", "Svarstiden har gått ut"), COMPILED: ("success", "Remissen är sammanställd")}


def page_uri(round_id: str) -> str:
    return f"{FOLDER}/{round_id}.md"


def _date(day) -> str:
    return swedish_date(day.isoformat())


def _text(value: object) -> str:
    """A value as HTML text: control characters out, on one line, `<` and `&` escaped (quotes need not be
    in text, and the sanitizer would write them back as they are)."""
    return escape(clean_line(value), quote=False)


def _html(value: str | None) -> str:
    """A value from outside the project as HTML text: each of its lines on a line of its own."""
    return "<br>".join(_text(line) for line in (value or "").split("\n") if clean_line(line))


def _url(page: str, target_src: str, anchor: str = "") -> str:
    """A link in raw HTML from a page to another page, as mkdocs' directory URLs have them."""
    here = posixpath.splitext(page)[0] + "/"
    there = posixpath.splitext(target_src)[0] + "/"
    return posixpath.relpath(there, here) + "/" + (f"#{anchor}" if anchor else "")


def _table(caption: str, header: list[str], rows: list[list[str]], row_headers: bool = True) -> str:
    """An HTML table on one line (Python-Markdown keeps a raw HTML block whole until a blank line)."""
    head = "".join(f'<th scope="col">{cell}</th>' for cell in header)
    body = "".join("<tr>" + "".join((f'<th scope="row">{cell}</th>' if index == 0 and row_headers else f"<td>{cell}</td>")
                                    for index, cell in enumerate(row)) + "</tr>" for row in rows)
    # Without a class, so that the theme styles it as it styles the tables of Markdown.
    return (f"<table><caption>{_text(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


class RoundPage:
    def __init__(self, compilation: Compilation, word_name: str | None, imported: dict[str, str] | None = None):
        self.compilation, self.view = compilation, compilation.view
        self.round, self.page = compilation.view.round, page_uri(compilation.view.id)
        self.word_name = word_name
        self.imported = imported or {}  # answer file -> the day it was committed (ÅÅÅÅ-MM-DD)

    def link(self, target_src: str) -> str:
        """A Markdown link target from this page to another source (mkdocs resolves it)."""
        return posixpath.relpath(target_src, posixpath.dirname(self.page))

    def markdown(self) -> str:
        parts = [f"# {md(self.round.title)}", "", *self._status(), self._facts(), "", *self._download(),
                 *self._documents(), *self._questions(), *self._answers(), *self._compilation()]
        return "\n".join(parts) + "\n"

    def _status(self) -> list[str]:
        kind, title = BOX[self.compilation.status]
        return [f'!!! {kind} "{title}"', f"    {md(status_text(self.compilation))}", ""]

    def _facts(self) -> str:
        r = self.round
        rows = [("Remissomgång", _text(self.view.id)), ("Diarienummer", _text(r.diarienummer or "–")),
                ("Avsändare", _text(r.sender)), ("Skickad", _text(_date(r.sent))),
                ("Sista dag för svar", _text(_date(r.deadline))), ("Kontakt", _text(r.contact))]
        if r.compiled:
            rows.append(("Sammanställd", _text(_date(r.compiled))))
        cells = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
        return f'<table class="avtal-meta"><caption>Om remissen</caption><tbody>{cells}</tbody></table>'

    def _download(self) -> list[str]:
        if not self.word_name:
            return []
        href = f"../{WORD_FOLDER}/{self.word_name}"
        return [f"[Ladda ned remissammanställningen som Word-fil ({md(self.word_name)})]({href})"
                f'{{ download="{self.word_name}" .avtal-download }}', ""]

    def _documents(self) -> list[str]:
        lines = ["## Dokumenten som skickades {#dokumenten}", ""]
        for document in self.compilation.documents:
            sent, current = document.sent, document.current
            name = md(sent.title)
            item = f"[{name}]({self.link(current.path)})" if current else name
            item += f", version {md(sent.sent.version)}"
            if sent.sent.ref.date:
                item += f" (incheckad {_date_text(sent.sent.ref.date)})"
            if document.comparison_page:
                item += f": [ändringar sedan remissversionen]({self.link(document.comparison_page)})"
            lines.append(f"- {item}")
        return lines + [""]

    def _questions(self) -> list[str]:
        lines = ["## Remissfrågorna {#remissfragorna}", ""]
        for number, question in enumerate(self.round.questions, 1):
            lines += [f"**{question_label(number)}.** {md(question.question)}", ""]
        return lines

    def _answers(self) -> list[str]:
        """Per recipient: when the remiss was sent, when they answered, when the answer came into the archive."""
        sent = self.compilation.as_of >= self.round.sent
        rows = []
        for r in self.compilation.respondents:
            row = [_text(r.name), _text(_date(self.round.sent)) if sent else f"Skickas {_text(_date(self.round.sent))}"]
            if r.answer is None:
                waiting = self.compilation.status in (PLANNED, OPEN)
                rows.append([*row, "Inget svar ännu" if waiting else "Inget svar", "–", "–", "–"])
                continue
            answered = _text(_date(r.answer.date)) + (" (efter svarstiden)" if r.late else "")
            rows.append([*row, answered, self._imported(r.answer_path), _text(r.answer.diarienummer or "–"),
                         _text(decision_text(r.answer))])
        answered, total = len(self.compilation.answered), len(self.compilation.respondents)
        header = ["Remissinstans", "Skickad", "Svarade", "Inläst", "Diarienummer", "Beslut"]
        return ["## Remissinstanserna och svaren {#svaren}", "",
                f"{answered} av {total} remissinstanser har svarat. Inläst är dagen då svaret blev en del av "
                "arkivet (incheckat).", "",
                _table("Svar per remissinstans", header, rows), ""]

    def _imported(self, path: str | None) -> str:
        day = self.imported.get(path or "")
        return _text(swedish_date(day)) if day else "Ja, ej incheckat"

    # -- The compilation ---------------------------------------------------------------

    def _compilation(self) -> list[str]:
        lines = ["## Ställningstaganden per fråga {#stallningstaganden}", ""]
        for summary in self.compilation.questions:
            label = question_label(summary.number)
            lines += [f"### {label}: {md(summary.question.question)} {{#fraga-{summary.question.id}}}", ""]
            rows = [[_text(r.name), *[("X" if (item.stance if item else NO_ANSWER) == s else "")
                                       for s in (*STANCES, NO_ANSWER)]] for r, item in summary.stances]
            rows.append(["Antal", *[str(summary.counts[s]) for s in (*STANCES, NO_ANSWER)]])
            lines += [_table(f"{label}: ställningstagande per remissinstans",
                             ["Remissinstans", *STANCE_HEADINGS, "Inget svar"], rows), ""]
            if summary.comments:
                lines += [_table(f"{label}: kommentarer och bedömningar",
                                 ["Remissinstans", "Kommentar", "Bedömning", "Skäl", "Hanterad i"],
                                 [[_text(c.respondent.name), _html(c.comment), *self._assessment(c)]
                                  for c in summary.comments]), ""]
        return lines + self._sections() + self._summaries()

    def _assessment(self, comment: Comment) -> list[str]:
        a = comment.assessment
        if a is None:
            return [NOT_ASSESSED, "", ""]
        handled = ""
        if comment.handled:
            text = _text(comment.handled.text)
            handled = f'<a href="{escape(_url(self.page, comment.handled.page))}">{text}</a>' if comment.handled.page \
                else text
        return [_text(a.outcome), _html(a.reason), handled]

    def _sections(self) -> list[str]:
        lines = ["## Synpunkter per avsnitt {#synpunkter-per-avsnitt}", ""]
        sections = [(d, s) for d in self.compilation.documents for s in d.sections]
        if not sections:
            return lines + ["Ingen remissinstans har lämnat synpunkter på enskilda avsnitt.", ""]
        header = ["Avsnitt", "Synpunkter", *[o[0].upper() + o[1:] for o in (*OUTCOMES, NOT_ASSESSED)]]
        rows = [[_text(f"{s.section.label} ({d.sent.title})"), str(len(s.comments)), *map(str, s.outcomes.values())]
                for d, s in sections]
        lines += [_table("Synpunkter och bedömningar per avsnitt", header, rows), ""]
        if any(s.diff is not None for _, s in sections):
            lines += [HtmlWriter().legend(), ""]
        for document in self.compilation.documents:
            if not document.sections:
                continue
            lines += [f"### {md(document.sent.title)}, version {md(document.sent.sent.version)}", ""]
            for summary in document.sections:
                lines += self._section(document, summary)
        return lines

    def _section(self, document, summary: SectionSummary) -> list[str]:
        section = summary.section
        anchor = f"avsnitt-{section.doc_id}-{section.id}"
        lines = [f"#### {md(section.label)} {{#{anchor}}}", ""]
        now = f"I den nuvarande texten: {md(summary.now)}"
        if summary.current_title:
            now += f"; rubriken är nu ”{md(summary.current_title)}”"
        current = document.current
        if current is not None and section.id in current.body.anchors:
            now += f" ([avsnittet i dag]({self.link(current.path)}#{section.id}))"
        lines += [now + ".", ""]
        rows = [[_text(c.respondent.name), _html(c.comment), _html(c.wording), *self._assessment(c)]
                for c in summary.comments]
        lines += [_table(f"Synpunkter på {section.label}",
                         ["Remissinstans", "Synpunkt", "Förslag till ny lydelse", "Bedömning", "Skäl", "Hanterad i"],
                         rows), ""]
        if summary.diff is not None and summary.comparison is not None and summary.diff.changed:
            lines += [self._comparison(document, summary), ""]
        return lines

    def _comparison(self, document, summary: SectionSummary) -> str:
        """The section's own part of the comparison between the remiss version and the current text."""
        doc_path = document.current.path if document.current else document.sent.sent.document.path
        writer = HtmlWriter(site_linker(doc_path, self.page), shift=3)  # the section's heading under h4
        alone = Comparison([summary.diff], [], summary.comparison.old_sections)
        html = writer.text(alone).replace(' id="andring-', f' id="{escape(summary.section.doc_id)}-andring-')
        return ('<details class="avtal-remiss-diff"><summary>Avsnittet i remissversionen jämfört med den nuvarande '
                f"texten</summary>{html}</details>")

    def _summaries(self) -> list[str]:
        answered = [r for r in self.compilation.answered if r.answer.summary]
        if not answered:
            return []
        lines = ["## Remissinstansernas sammanfattningar {#sammanfattningar}", ""]
        for respondent in answered:
            lines += [f"### {md(respondent.name)}", "", f"<p>{_html(respondent.answer.summary)}</p>", ""]
        return lines


def _date_text(iso: str) -> str:
    return swedish_date(iso[:10])


def round_page(compilation: Compilation, word_name: str | None, imported: dict[str, str] | None = None) -> str:
    return RoundPage(compilation, word_name, imported).markdown()


def start_notice(compilation: Compilation) -> str | None:
    """The start page's notice while a round is open or being compiled (Markdown, from index.md)."""
    status = compilation.status
    if status == COMPILED:
        return None
    round_ = compilation.view.round
    link = f"[Om remissen och svaren]({page_uri(compilation.view.id)})"
    if status == PLANNED:
        text = (f"{md(round_.title)}: remissen skickas den {_date(round_.sent)}, och sista dag för svar är den "
                f"{_date(round_.deadline)}. {link}.")
        return f'!!! info "Remiss förbereds"\n    {text}\n'
    if status == OPEN:
        text = (f"{md(round_.title)}: remissen är öppen till och med den {_date(round_.deadline)}. "
                f"{len(compilation.answered)} av {len(compilation.respondents)} remissinstanser har svarat. {link}.")
        return f'!!! info "Remiss pågår"\n    {text}\n'
    text = (f"{md(round_.title)}: svarstiden gick ut den {_date(round_.deadline)}, och svaren sammanställs. {link}.")
    return f'!!! info "Remissen sammanställs"\n    {text}\n'
