"""The remiss rounds (AV803–AV819): the round's documents at their remiss versions, and the answers.

    remiss_rounds (the rule)        nothing to do, and nothing read, without a round
      ├─ RemissVersions             the round's documents at their remiss versions, from the history
      │                             (history/versions.py), each repository state loaded once
      ├─ _check_round               dates, duplicates, documents sent, questions
      └─ _check_answer              recipient, file name, questions, sections of the remiss version,
                                    the deadline, assessments and where they were handled

The remiss version is what was sent: a comment names a section of that version (its stable id),
even when the section has since been renamed, moved or removed. Only when a round exists is git
read, so `avtal check` stays as fast as before for a repository without one. The remiss stage
(scripts/avtal/remiss/) uses RemissVersions too, for the forms, the letters and the compilation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..findings import Finding
from ..hints import suggestion
from ..source.corpus import Corpus, Document
from .registry import at_key, rule

if TYPE_CHECKING:
    from ..history.versions import VersionRef, Versions
    from ..source.models.remiss import Answer, Round, SentDocument
    from ..source.rounds import AnswerFile, RoundFile

# The history (git) and the rounds' models are imported where a round needs them, not with the rules:
# `avtal check` of a repository without a round never loads them.


@dataclass(frozen=True)
class SentVersion:
    """One document of a round as it was sent: its version in the history and the repository then."""

    ref: VersionRef
    document: Document
    corpus: Corpus

    @property
    def doc_id(self) -> str:
        return self.ref.doc_id

    @property
    def version(self) -> str:
        return self.ref.version


class RemissVersions:
    """The documents of the rounds at their remiss versions; git is read on the first question only."""

    def __init__(self, corpus: Corpus, versions: Versions | None = None):
        self.corpus = corpus
        self._versions = versions  # given by a caller that has one already (the compilation's comparer)
        self._sent: dict[tuple[str, str], SentVersion | str] = {}

    @property
    def versions(self) -> Versions:
        if self._versions is None:
            from ..history.changelog import changelog_if_any
            from ..history.versions import Versions

            self._versions = Versions(self.corpus.root, self.corpus, changelog_if_any(self.corpus.root, quiet=True))
        return self._versions

    def sent(self, item: SentDocument) -> SentVersion | str:
        """The document at its remiss version, or a Swedish message that says why it cannot be found."""
        key = (item.id, item.version)
        if key not in self._sent:
            self._sent[key] = self._find(item)
        return self._sent[key]

    def _find(self, item: SentDocument) -> SentVersion | str:
        from ..history.versions import VersionError

        versions = self.versions
        working = self.corpus.by_id.get(item.id)
        try:
            ref = versions.resolve(item.id, item.version)
        except VersionError as error:
            if working is None or working.meta.version != item.version:
                known = suggestion(item.id, self.corpus.by_id) if working is None and not versions.log(item.id) else ""
                return f"{error}{known}"
            ref = versions.current(working)  # the version is not committed yet: the working tree has it
        if self._unchanged_since(ref, working):  # the common case while a round is open: no second loading
            return SentVersion(ref, working, self.corpus)
        try:
            document = versions.document(ref)
        except VersionError as error:
            return str(error)
        return SentVersion(ref, document, versions.corpus(ref))

    def _unchanged_since(self, ref: VersionRef, working: Document | None) -> bool:
        """Whether the working tree's document is the remiss version: that version is HEAD's, and neither
        the document nor its data has changed since."""
        changelog = self.versions.changelog
        if working is None or changelog is None or ref.commit != changelog.head:
            return False
        log = self.versions.log(ref.doc_id)
        return working.meta.version == ref.version and log is not None and log.uncommitted is None

    def later_versions(self, doc_id: str, version: str) -> list[str]:
        """The versions of a document after `version`: in the history, and the working tree's."""
        from ..history.changelog import version_key
        from ..history.versions import VERSION_RE

        log = self.versions.log(doc_id)
        found = {entry.version for entry in log.versions} if log else set()
        working = self.corpus.by_id.get(doc_id)
        if working is not None:
            found.add(working.meta.version)
        # A commit whose front matter could not be read has no version to offer (the change log's "?").
        return sorted((v for v in found if VERSION_RE.match(v) and version_key(v) > version_key(version)),
                      key=version_key)

    def failed(self, doc_id: str | None) -> str | None:
        """The path of the document `doc_id` when its file fails to load now: what is said about its
        versions and sections then follows from that file's own error, and is folded under it."""
        return self.corpus.failed.document(doc_id) if doc_id else None

    def is_commit(self, sha: str) -> bool:
        from ..history.gitpipe import HistoryError
        from ..history.log import resolve_revision

        try:
            resolve_revision(self.corpus.root, sha)
        except HistoryError:
            return False
        return True


@rule
def remiss_rounds(corpus: Corpus) -> Iterator[Finding]:
    """AV803–AV819: each round's documents were sent at versions with status remiss, and each answer
    refers to the round's recipients, questions and the remiss version's sections."""
    if not corpus.rounds:
        return
    sent = RemissVersions(corpus)
    for source in corpus.rounds:
        if source.round is not None:
            yield from _check_round(corpus, source, source.round, sent)


def _duplicates(values: list[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def _check_round(corpus: Corpus, source: RoundFile, round_: Round, sent: RemissVersions) -> Iterator[Finding]:
    from ..history.versions import REMISS

    if round_.deadline < round_.sent:
        yield at_key("AV806", source, ("deadline",),
                     f"Sista dag för svar ({round_.deadline}) ligger före utskicket ({round_.sent})")
    yield from _check_duplicates(source, round_)
    documents: dict[str, SentVersion] = {}
    for index, item in enumerate(round_.documents):
        found = sent.sent(item)
        if isinstance(found, str):
            yield at_key("AV803", source, ("documents", index, "version"), _capital(found),
                         follows_from=sent.failed(item.id))
        elif found.document.meta.status != REMISS:
            where = "arbetskopian" if found.ref.commit is None else f"incheckning {found.ref.commit[:8]}"
            yield at_key("AV804", source, ("documents", index, "version"),
                         f"Version {item.version} av {item.id} har status {found.document.meta.status} ({where}), "
                         "inte remiss; skicka en version som har status remiss")
            documents[item.id] = found
        else:
            documents[item.id] = found
    sent_ids = {item.id for item in round_.documents}
    for index, question in enumerate(round_.questions):
        if question.document is not None and question.document not in sent_ids:
            yield at_key("AV803", source, ("questions", index, "document"),
                         f'Frågan {question.id} gäller "{question.document}", som inte skickas i omgången'
                         f"{suggestion(question.document, sent_ids)}")
    recipients: dict[str, list[AnswerFile]] = {}
    for answer_file in source.answers:
        if answer_file.answer is not None:
            key = round_.recipient_key(answer_file.answer.recipient)
            recipients.setdefault(key or "", []).append(answer_file)
            yield from _check_answer(corpus, source, round_, answer_file, key, documents, sent)
    for key, files in recipients.items():
        for answer_file in files[1:] if key else ():
            yield at_key("AV811", answer_file, ("recipient",),
                         f"{round_.recipient_names()[key]} har redan ett svar i {files[0].path}; "
                         "varje remissinstans har ett svar")


def _check_duplicates(source: RoundFile, round_: Round) -> Iterator[Finding]:
    from ..source.models.remiss import recipient_id

    parties = [recipient_id(name) for name in round_.recipients]
    for index, name in enumerate(round_.recipients):
        if recipient_id(name) in _duplicates(parties) and parties.index(recipient_id(name)) != index:
            yield at_key("AV805", source, ("recipients", index), f'"{name}" står två gånger bland remissinstanserna')
    others = [other.id for other in round_.other_recipients]
    for index, other in enumerate(round_.other_recipients):
        if other.id in parties:
            yield at_key("AV805", source, ("other_recipients", index, "id"),
                         f'Id "{other.id}" är redan en parts id; ge remissinstansen ett annat id')
        elif other.id in _duplicates(others) and others.index(other.id) != index:
            yield at_key("AV805", source, ("other_recipients", index, "id"), f'Id "{other.id}" står två gånger')
    for field, values in (("questions", [q.id for q in round_.questions]),
                          ("documents", [d.id for d in round_.documents])):
        for index, value in enumerate(values):
            if value in _duplicates(values) and values.index(value) != index:
                what = "Frågan" if field == "questions" else "Dokumentet"
                yield at_key("AV805", source, (field, index, "id"), f'{what} "{value}" står två gånger')


def _check_answer(corpus: Corpus, source: RoundFile, round_: Round, answer_file: AnswerFile, key: str | None,
                  documents: dict[str, SentVersion], sent: RemissVersions) -> Iterator[Finding]:
    answer: Answer = answer_file.answer
    names = round_.recipient_names()
    if key is None:
        yield at_key("AV810", answer_file, ("recipient",),
                     f'"{answer.recipient}" är ingen remissinstans i omgången {source.id}'
                     f"{suggestion(answer.recipient, list(names.values()))}; remissinstanserna står i {source.path}")
    elif answer_file.stem != key:
        yield at_key("AV811", answer_file, ("recipient",),
                     f"Svaret från {names[key]} ska heta svar/{key}.yaml, inte svar/{answer_file.stem}.yaml")
    if answer.date > round_.deadline:
        yield at_key("AV816", answer_file, ("date",),
                     f"Svaret är daterat {answer.date}, efter sista dag för svar ({round_.deadline})")
    if key is not None and answer.decision is not None and names[key] in corpus.vocabulary.party_names:
        kind = corpus.vocabulary.party_kind[names[key]]
        bodies = corpus.vocabulary.bodies.get(kind, [])
        if answer.decision.body not in bodies:
            yield at_key("AV819", answer_file, ("decision", "body"),
                         f'"{answer.decision.body}" är inget beslutsorgan för {names[key]} i schema/organ.yaml'
                         f"{suggestion(answer.decision.body, bodies)}")
    questions = {q.id: q for q in round_.questions}
    seen: set[str] = set()
    for index, item in enumerate(answer.questions):
        if item.question not in questions:
            yield at_key("AV812", answer_file, ("questions", index, "question"),
                         f'Omgången har ingen fråga "{item.question}"{suggestion(item.question, questions)}; '
                         f"frågorna är {', '.join(questions)}")
        elif item.question in seen:
            yield at_key("AV812", answer_file, ("questions", index, "question"),
                         f"Frågan {item.question} besvaras två gånger; slå ihop svaren")
        seen.add(item.question)
        question = questions.get(item.question)
        yield from _check_assessment(answer_file, round_, ("questions", index), item, documents, sent,
                                     question.document if question else None)
    for index, item in enumerate(answer.sections):
        doc_id, _, section_id = item.section.partition("#")
        yield from _check_section(corpus, answer_file, ("sections", index, "section"), doc_id, section_id, documents,
                                  round_, sent)
        yield from _check_assessment(answer_file, round_, ("sections", index), item, documents, sent, doc_id)


def _check_section(corpus: Corpus, answer_file: AnswerFile, key: tuple, doc_id: str, section_id: str,
                   documents: dict[str, SentVersion], round_: Round, sent: RemissVersions) -> Iterator[Finding]:
    sent_ids = [item.id for item in round_.documents]
    if doc_id not in sent_ids:
        yield at_key("AV813", answer_file, key, f'Dokumentet "{doc_id}" skickades inte på remiss i omgången'
                                                f"{suggestion(doc_id, sent_ids)}; dokumenten är {', '.join(sent_ids)}")
        return
    found = documents.get(doc_id)
    if found is None:
        return  # the round's own finding says why the remiss version cannot be read
    anchors = found.document.body.anchors
    if section_id in anchors:
        return
    now = corpus.by_id.get(doc_id)
    if now is not None and section_id in now.body.anchors:
        message = (f'Avsnittet "{section_id}" finns i den nuvarande texten av {doc_id} men inte i remissversionen '
                   f"{found.version}; synpunkterna gäller texten som skickades på remiss")
    else:
        message = f'Remissversionen {found.version} av {doc_id} har inget avsnitt "{section_id}"'
    yield at_key("AV813", answer_file, key, message + suggestion(section_id, anchors), follows_from=sent.failed(doc_id))


def _check_assessment(answer_file: AnswerFile, round_: Round, key: tuple, item, documents: dict[str, SentVersion],
                      sent: RemissVersions, doc_id: str | None) -> Iterator[Finding]:
    from ..history.versions import VERSION_RE

    needs = bool(getattr(item, "comment", None) or getattr(item, "wording", None))
    if item.assessment is None:
        if needs and round_.compiled is not None:
            yield at_key("AV817", answer_file, key,
                         f"Omgången är sammanställd ({round_.compiled}) men synpunkten saknar bedömning (assessment)")
        return
    handled = item.assessment.handled_in
    if handled is None:
        return
    where = (*key, "assessment", "handled_in")
    if VERSION_RE.match(handled):
        found = documents.get(doc_id or "")
        if found is None:
            if doc_id is None:
                yield at_key("AV818", answer_file, where,
                             f'Frågan gäller inte ett enda dokument, så "{handled}" säger inte vilket dokuments version; '
                             "ange en incheckning, eller dokumentet i frågans document i remiss.yaml")
            return
        later = sent.later_versions(doc_id, found.version)
        if handled not in later:
            shown = ", ".join(later) if later else "inga ännu"
            yield at_key("AV818", answer_file, where,
                         f"{doc_id} har ingen version {handled} efter remissversionen {found.version} "
                         f"(senare versioner: {shown})", follows_from=sent.failed(doc_id))
    elif sent.versions.changelog is not None and not sent.is_commit(handled):
        yield at_key("AV818", answer_file, where, f"Incheckningen {handled} finns inte i arkivet")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
