"""A round as the remiss stage works with it: the round's data, its documents at their remiss
versions with their sections, and the fields of its response form; each loaded once.

The round must have passed `avtal check` (no errors in its remiss.yaml): every command and the
build check first, so here a remiss version that cannot be read is a bug, not a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..compare.tree import Trees
from ..rules.remiss import RemissVersions, SentVersion
from ..source.corpus import Corpus
from ..source.rounds import AnswerFile, RoundFile
from .fields import FormField, form_fields
from .sections import RemissSection, remiss_sections


@dataclass(frozen=True)
class SentDocument:
    sent: SentVersion
    sections: list[RemissSection]

    @property
    def title(self) -> str:
        return self.sent.document.meta.title

    @property
    def doc_id(self) -> str:
        return self.sent.doc_id


class RoundView:
    def __init__(self, corpus: Corpus, source: RoundFile, remiss_versions: RemissVersions | None = None,
                 trees: Trees | None = None):
        if source.round is None:
            raise ValueError(f"remissomgången {source.id} kan inte läsas")
        self.corpus, self.source, self.round = corpus, source, source.round
        self.remiss_versions = remiss_versions or RemissVersions(corpus)
        self.trees = trees or Trees(corpus.root)

    @property
    def id(self) -> str:
        return self.source.id

    @cached_property
    def documents(self) -> list[SentDocument]:
        found = []
        for item in self.round.documents:
            sent = self.remiss_versions.sent(item)
            if isinstance(sent, str):
                raise ValueError(sent)
            found.append(SentDocument(sent, remiss_sections(self.trees, sent)))
        return found

    @cached_property
    def word_template(self):
        """The reference template that the documents' Word files are made from (None: avtal's own)."""
        from ..render.word.document import DocxRenderer

        return DocxRenderer(self.corpus.root, self.corpus, None).template

    @cached_property
    def fields(self) -> list[FormField]:
        return form_fields(self.round, [(d.title, d.sections) for d in self.documents])

    @cached_property
    def recipients(self) -> dict[str, str]:
        """id -> name, in the round's order."""
        return self.round.recipient_names()

    def is_party(self, key: str) -> bool:
        return self.recipients.get(key) in self.corpus.vocabulary.party_names

    @cached_property
    def answers(self) -> dict[str, AnswerFile]:
        """The valid answers, by recipient id."""
        found: dict[str, AnswerFile] = {}
        for answer_file in self.source.answers:
            if answer_file.answer is not None:
                key = self.round.recipient_key(answer_file.answer.recipient)
                if key is not None:
                    found.setdefault(key, answer_file)
        return found

    def recipient(self, value: str) -> str | None:
        """The id of a recipient given by name or id, also without regard to case."""
        key = self.round.recipient_key(value)
        if key is not None:
            return key
        folded = value.casefold().strip()
        return next((k for k, name in self.recipients.items() if folded in (k, name.casefold())), None)
