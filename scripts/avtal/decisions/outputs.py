"""What the decisions stage adds to `avtal build` and the site (entry point avtal.outputs).

    contribute(root, corpus, changelog) -> Extras
      ├─ "Beslutsläge"          the parties' decisions per document, against the current text
      ├─ "Gällande versioner"   which version is in force for each party (inforce.py, inforce_page.py)
      ├─ "Kontrollera en fil"   a file's SHA-256 in the browser against the build's manifest, and
      │                         its text's fingerprint against every version's (published.py)
      ├─ a link on each document's page: how many parties have decided its current text
      └─ for each document on remiss or decided: every party's package (package.py) in
         build/beslutsunderlag/, as a folder and a zip
"""

from __future__ import annotations

from pathlib import Path

from ..render.contributions import Extras
from ..source.corpus import menu_order
from .index import FingerprintIndex
from .inforce_page import IN_FORCE_PAGE, IN_FORCE_TITLE
from .pages import (
    CHECK_PAGE,
    CHECK_TITLE,
    DECISIONS_PAGE,
    DECISIONS_TITLE,
    anchor,
    check_page,
    decisions_page,
    link_label,
)
from .published import DATA_FILE, fingerprint_data
from .register import state_of

PACKAGED = ("remiss", "beslutad")


def contribute(root: Path, corpus, changelog) -> Extras:
    extras = Extras()
    if corpus.vocabulary is None:
        return extras
    index = FingerprintIndex(root, corpus, changelog)
    documents = sorted((d for d in corpus.documents if d.meta), key=menu_order)  # as the menu lists them
    states = []
    for doc in documents:
        current = index.decided_text(doc)
        states.append(state_of(doc, current.fingerprint, current.package, index.own_packages(doc)))
    for state in states:
        extras.document_links.setdefault(state.doc.meta.id, []).append(
            (link_label(state), f"{DECISIONS_PAGE}#{anchor(state.doc)}"))
    extras.pages[DECISIONS_PAGE] = decisions_page(states, {d.meta.id: d.path for d in documents})
    published = _published(corpus, documents)
    packaged = [d for d in documents if d.meta.status in PACKAGED]
    if packaged:
        from .package import build_packages

        files, described = build_packages(root, corpus, changelog, packaged)
        extras.files.update(files)
        published += described
    extras.pages[CHECK_PAGE] = check_page(published)
    extras.site_files[DATA_FILE] = fingerprint_data(index, documents)
    _in_force(root, corpus, index, documents, extras)
    extras.nav += [{DECISIONS_TITLE: DECISIONS_PAGE}, {IN_FORCE_TITLE: IN_FORCE_PAGE}, {CHECK_TITLE: CHECK_PAGE}]
    return extras


def _in_force(root: Path, corpus, index: FingerprintIndex, documents, extras: Extras) -> None:
    """The page "Gällande versioner" on the day of the built commit, and a line on each document's page."""
    import datetime as dt

    from ..history.provenance import source_commit
    from .inforce import InForce
    from .inforce_page import anchor as in_force_anchor
    from .inforce_page import document_line, in_force_page

    when = (source_commit(root).get("date") or "")[:10]
    day = dt.date.fromisoformat(when) if when else dt.date(2000, 1, 1)
    in_force = InForce(index.versions)
    parties = corpus.vocabulary.party_names
    for doc in documents:
        answers = [in_force.on(doc, party, day) for party in doc.meta.parties]
        extras.document_links.setdefault(doc.meta.id, []).append(
            (document_line(answers), f"{IN_FORCE_PAGE}#{in_force_anchor(doc)}"))
    extras.pages[IN_FORCE_PAGE] = in_force_page(in_force, documents, parties, day,
                                                {d.meta.id: d.path for d in documents})


def _published(corpus, documents) -> list[tuple[str, str, str, str, str]]:
    """The Word files every build makes (render/word/document.py: word_files), as the check page lists them."""
    from ..render.word.document import docx_name

    party = corpus.vocabulary.coordinating_party
    rows = []
    for doc in documents:
        meta = doc.meta
        if meta.type == "överenskommelse":
            rows.append((f"beslutspaket_{meta.id}_v{meta.version}.docx", meta.title, meta.version, party,
                         "Beslutspaket i Word: överenskommelsen med bilagorna"))
        rows.append((docx_name(doc), meta.title, meta.version, party, "Word-fil"))
    return rows
