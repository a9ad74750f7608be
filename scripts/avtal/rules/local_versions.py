"""Version discipline for local agreements (source/local.py), against a base revision: `avtal check --base REV`.

A municipality's local agreement has no file of its own, so rules/versions.py, which reads the base
revision's files, does not see it. Here the base revision's sources are loaded as the working tree's
are (load_corpus over that commit's files, which expands its templates too), and each municipality's
agreement is held against its own earlier self with the same rules: a changed text needs a higher
version unless both are drafts (AV601), a version never goes down (AV602), and the text of a decided
version never changes (AV603). Findings point at `version:` on the municipality's row.
"""

from __future__ import annotations

from ..findings import Finding
from ..history.changelog import version_key
from ..history.log import resolve_revision
from ..history.versions import committed_files
from ..source.corpus import Corpus
from ..source.load import load_corpus
from .registry import at_key

DRAFT, DECIDED = "utkast", "beslutad"


def local_version_findings(corpus: Corpus, rev: str) -> list[Finding]:
    local = [doc for doc in corpus.documents if doc.origin is not None and doc.meta is not None]
    if not local:
        return []
    then = load_corpus(corpus.root, files=committed_files(corpus.root, resolve_revision(corpus.root, rev)))
    found = []
    for doc in local:
        before = then.by_id.get(doc.meta.id)
        if before is None or before.meta is None:
            continue  # new since rev
        found.extend(_held_against(doc, before, rev))
    return found


def _held_against(doc, before, rev: str) -> list[Finding]:
    meta, old = doc.meta, before.meta
    now, then = version_key(meta.version), version_key(old.version)
    changed = doc.body_text != before.body_text
    name = f"Det lokala avtalet för {doc.origin.party}"
    if now < then:
        return [at_key("AV602", doc, ("version",), f"{name} har version {meta.version}, lägre än {old.version} i "
                                                     f"{rev}; en version går aldrig bakåt")]
    if changed and now == then and old.status == DECIDED:
        return [at_key("AV603", doc, ("version",), f"{name}: version {meta.version} är beslutad och dess text får "
                                                     "inte ändras; ge ändringen en ny version på kommunens rad")]
    if changed and now == then and not (old.status == DRAFT and meta.status == DRAFT):
        return [at_key("AV601", doc, ("version",), f"{name}: texten har ändrats sedan {rev} men versionen är "
                                                     f"fortfarande {meta.version}; höj versionen på kommunens rad och "
                                                     "beskriv ändringen i change_note")]
    return []
