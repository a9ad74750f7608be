"""The rounds as outputs: what `avtal build` and the site get (entry point avtal.outputs), and the
pieces the commands share.

    Rounds(root, corpus, changelog)      every round's view, sharing one history and one parse per version
      ├─ compilation(view)              the model, with each commented section's comparison
      └─ comparison_pages(view)         the site's pages comparing each remiss version with today's text
    contribute(root, corpus, changelog) -> Extras
      for each round: build/docx/remissammanstallning_<round>.docx, the page remiss/<round>.md, an
      entry in the navigation, and the start page's notice while the round is open
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..history.provenance import source_epoch
from ..render.contributions import Extras
from ..rules.remiss import RemissVersions
from .model import Compilation, compile_round
from .rounds import RoundView


def compilation_name(round_id: str) -> str:
    return f"remissammanstallning_{round_id}.docx"


def build_day() -> dt.date | None:
    """The day of the commit being built (SOURCE_DATE_EPOCH), never the clock's."""
    epoch = source_epoch()
    return dt.datetime.fromtimestamp(epoch, dt.UTC).date() if epoch else None


class Rounds:
    def __init__(self, root: Path, corpus, changelog):
        from ..compare.outputs import Comparer
        from ..compare.tree import Trees

        self.root, self.corpus = root, corpus
        self.comparer = Comparer(root, corpus, changelog) if changelog is not None else None
        self.remiss_versions = RemissVersions(corpus, self.comparer.versions if self.comparer else None)
        self.trees = self.comparer.trees if self.comparer else Trees(root)

    def views(self) -> list[RoundView]:
        return [self.view(source) for source in self.corpus.rounds if source.round is not None]

    def view(self, source) -> RoundView:
        return RoundView(self.corpus, source, self.remiss_versions, self.trees)

    def comparison_pages(self, view: RoundView) -> dict[str, str]:
        """doc id -> the site page that compares its remiss version with the current text, when there is one."""
        if self.comparer is None:
            return {}
        from ..compare.outputs import plan
        from ..history.versions import VersionError

        pages = {}
        for sent in view.documents:
            doc = self.corpus.by_id.get(sent.doc_id)
            if doc is None:
                continue
            try:
                planned = plan(self.comparer.versions, doc)
            except VersionError:
                continue
            found = next((p for p in planned if p.new.commit is None and p.old.version == sent.sent.version), None)
            if found is not None:
                pages[sent.doc_id] = found.page
        return pages

    def compilation(self, view: RoundView, as_of: dt.date | None = None) -> Compilation:
        return compile_round(view, self.comparer, as_of or build_day(), self.comparison_pages(view))


def imported_days(root: Path, round_id: str) -> dict[str, str]:
    """Each answer file of a round -> the day (ÅÅÅÅ-MM-DD) of the commit that added it; one git call."""
    from ..history.gitpipe import HistoryError, answer, spawn
    from ..source.layout import REMISS_FOLDER
    from ..source.rounds import ANSWERS_FOLDER

    folder = f"{REMISS_FOLDER}/{round_id}/{ANSWERS_FOLDER}"
    try:
        out = answer(spawn(root, "log", "--diff-filter=A", "--format=%x00%cs", "--name-only", "--", folder))
    except HistoryError:
        return {}
    days: dict[str, str] = {}
    for entry in (out or "").split("\0")[1:]:  # newest first: the oldest addition wins
        day, *paths = entry.strip().split("\n")
        for path in paths:
            if path.strip():
                days[path.strip()] = day.strip()
    return days


def contribute(root: Path, corpus, changelog) -> Extras:
    """The rounds for `avtal build` and the site (entry point avtal.outputs)."""
    extras = Extras()
    if corpus.vocabulary is None or not any(source.round is not None for source in corpus.rounds):
        return extras  # the common case: no round, nothing loaded or asked of git
    from .compilation_word import compilation_docx
    from .site import page_uri, round_page, start_notice

    rounds = Rounds(root, corpus, changelog)
    for view in rounds.views():
        try:
            compilation = rounds.compilation(view)
        except ValueError as error:  # only when the check was turned off: it reports why (AV803)
            print(f"avtal: varning: remissomgången {view.id} sammanställs inte: {error}", file=sys.stderr)
            continue
        name = compilation_name(view.id)
        extras.word[name] = compilation_docx(compilation)
        extras.pages[page_uri(view.id)] = round_page(compilation, name, imported_days(root, view.id))
        extras.nav.append({f"Remiss {view.id}": page_uri(view.id)})
        notice = start_notice(compilation)
        if notice:
            extras.notices.append(notice)
    return extras
