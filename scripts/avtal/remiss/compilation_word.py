"""The remissammanställning as a Word file, rendered from the model (model.py) with word.py's WordFile;
and the round's status and a decision in words, which the site's page (site.py) says the same way."""

from __future__ import annotations

from ..dates import swedish_date
from ..render.word.styles import PARAGRAPH
from ..source.models.remiss import OUTCOMES, STANCES
from .fields import question_label
from .model import NO_ANSWER, NOT_ASSESSED, Comment, Compilation
from .word import STANCE_HEADINGS, WordFile


def status_text(compilation: Compilation) -> str:
    round_ = compilation.view.round
    answered, total = len(compilation.answered), len(compilation.respondents)
    deadline = swedish_date(round_.deadline.isoformat())
    if round_.compiled is not None:
        return f"Sammanställd den {swedish_date(round_.compiled.isoformat())}. {answered} av {total} remissinstanser svarade."
    if compilation.as_of < round_.sent:
        return (f"Förberedd: remissen skickas den {swedish_date(round_.sent.isoformat())} och är öppen till och med den "
                f"{deadline}.")
    if compilation.as_of <= round_.deadline:
        return (f"Preliminär: remissen är öppen till och med den {deadline}, och {answered} av {total} remissinstanser "
                "har svarat hittills.")
    return (f"Preliminär: svarstiden gick ut den {deadline}. {answered} av {total} remissinstanser svarade, och "
            "sammanställningen pågår.")


def decision_text(answer) -> str:
    decision = answer.decision
    if decision is None:
        return "–"
    paragraph = f", § {decision.paragraph}" if decision.paragraph else ""
    return f"{decision.body}, {swedish_date(decision.date.isoformat())}{paragraph}"


def assessment_cells(comment: Comment) -> list[str]:
    assessment = comment.assessment
    if assessment is None:
        return [NOT_ASSESSED, "", ""]
    return [assessment.outcome, assessment.reason, comment.handled.text if comment.handled else ""]


def compilation_docx(compilation: Compilation) -> bytes:
    view, round_ = compilation.view, compilation.view.round
    word = WordFile(view.word_template, title=f"Remissammanställning: {round_.title}", subject="Remissammanställning",
                    author=round_.contact, keywords=["Remiss", "Remissammanställning", view.id], day=compilation.as_of)
    word.para("Remissammanställning", PARAGRAPH["title"])
    word.para(round_.title, PARAGRAPH["subtitle"])
    word.para(status_text(compilation))
    word.heading("Om remissen")
    word.table(["Remissomgång", "Diarienummer", "Skickad", "Sista dag för svar", "Kontakt"],
               [[view.id, round_.diarienummer or "–", swedish_date(round_.sent.isoformat()),
                 swedish_date(round_.deadline.isoformat()), round_.contact]])
    word.para("Dokumenten som skickades på remiss:")
    for sent in view.documents:
        word.bullet(f"{sent.title}, version {sent.sent.version}")
    word.heading("Remissinstanser och svar")
    rows = []
    for r in compilation.respondents:
        if r.answer is None:
            rows.append([r.name, "Inget svar", "–", "–", "–"])
        else:
            state = "Svarade efter svarstiden" if r.late else "Svarade"
            rows.append([r.name, state, swedish_date(r.answer.date.isoformat()), r.answer.diarienummer or "–",
                         decision_text(r.answer)])
    word.table(["Remissinstans", "Svar", "Datum", "Diarienummer", "Beslut"], rows, widths=[4, 3, 3, 3, 4])
    missing = ", ".join(r.name for r in compilation.missing)
    word.para(f"{len(compilation.answered)} av {len(compilation.respondents)} remissinstanser har svarat."
              + (f" Inget svar har kommit från: {missing}." if missing else ""))
    word.heading("Ställningstaganden per fråga")
    for summary in compilation.questions:
        word.heading(f"{question_label(summary.number)}: {summary.question.question}", 1)
        header = ["Remissinstans", *STANCE_HEADINGS, "Inget svar"]
        rows = [[r.name, *["X" if (item.stance if item else NO_ANSWER) == s else "" for s in (*STANCES, NO_ANSWER)]]
                for r, item in summary.stances]
        rows.append(["Antal", *[str(summary.counts[s]) for s in (*STANCES, NO_ANSWER)]])
        word.table(header, rows)
        if summary.comments:
            word.para(None, bold="Kommentarer och bedömningar")
            word.table(["Remissinstans", "Kommentar", "Bedömning", "Skäl", "Hanterad i"],
                       [[c.respondent.name, c.comment or "", *assessment_cells(c)] for c in summary.comments],
                       widths=[3, 6, 2.5, 4, 2])
    word.heading("Synpunkter per avsnitt")
    sections = [s for d in compilation.documents for s in d.sections]
    if not sections:
        word.para("Ingen remissinstans har lämnat synpunkter på enskilda avsnitt.")
    else:
        header = ["Avsnitt", "Synpunkter", *[o[0].upper() + o[1:] for o in (*OUTCOMES, NOT_ASSESSED)]]
        word.table(header, [[f"{s.section.label} ({s.section.doc_id})", str(len(s.comments)),
                             *[str(n) for n in s.outcomes.values()]] for s in sections])
    for document in compilation.documents:
        if not document.sections:
            continue
        word.heading(f"{document.sent.title}, version {document.sent.sent.version}", 1)
        for summary in document.sections:
            word.heading(summary.section.label, 2)
            now = f"I den nuvarande texten: {summary.now}"
            if summary.current_title:
                now += f"; rubriken är nu ”{summary.current_title}”"
            word.para(now + ".")
            word.table(["Remissinstans", "Synpunkt", "Förslag till ny lydelse", "Bedömning", "Skäl", "Hanterad i"],
                       [[c.respondent.name, c.comment or "", c.wording or "", *assessment_cells(c)]
                        for c in summary.comments], widths=[2.5, 4, 3.5, 2, 3, 2])
    summaries = [r for r in compilation.answered if r.answer.summary]
    if summaries:
        word.heading("Remissinstansernas sammanfattningar")
        for respondent in summaries:
            word.heading(respondent.name, 1)
            word.lines(respondent.answer.summary)
    word.footer(f"Remissammanställning, remiss {view.id}")
    return word.bytes()

