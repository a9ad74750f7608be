"""What the page "Kontrollera en fil" needs to name a Word file's text in the browser:
site/fingeravtryck.json, made by the build from the fingerprint index (index.py).

    {"format": 1,
     "versions": [{"doc", "title", "versions": ["0.1", …], "status", "commit", "date", "fingerprint",
                   "lines", "members": [[id, version, fingerprint], …]}, …],
     "decisions": {doc id: {"total": n, "decided": [{"party", "fingerprint", "body", "date", "paragraph"}]}}}

One entry per text (a document's fingerprint, or a decision package's), at the commit where that text
came in (the earliest), with every version number that had it. "lines" is the short hash of each
canonical line (index.line_hashes: 10 hex digits each, run together), so that the page can find the
nearest version and show which of the file's paragraphs differ without the site carrying every
version's text: the agreement's 300 lines are 3 kB. Packages have no lines: the page compares their
documents one by one.
"""

from __future__ import annotations

import json

from ..render.word.canonical import same
from ..source.corpus import Document
from .index import Entry, FingerprintIndex

DATA_FILE = "fingeravtryck.json"
_FORMAT = 1


def fingerprint_data(index: FingerprintIndex, documents: list[Document]) -> bytes:
    entries = index.history()
    for doc in documents:  # the text the site is built from, when no commit has it (yet)
        for current in (index.current(doc), index.current_package(doc) if doc.meta.type == "överenskommelse" else None):
            if current is not None and not any(same(e.fingerprint, current.fingerprint) and e.doc_id == current.doc_id
                                               for e in entries):
                entries.append(current)
    versions = [_version(group) for group in _by_text(index, entries)]
    decisions = {doc.meta.id: _decisions(doc) for doc in documents}
    data = {"format": _FORMAT, "versions": versions, "decisions": decisions}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _by_text(index: FingerprintIndex, entries: list[Entry]) -> list[list[Entry]]:
    """The entries grouped by (document or package, fingerprint), each group earliest first."""
    groups: dict[tuple, list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.doc_id, entry.package, entry.fingerprint), []).append(entry)

    def order(entry: Entry) -> tuple:
        commits = index.commits(entry.doc_id)
        return (entry.commit is None, entry.date or "", commits.index(entry.commit) if entry.commit in commits else 0)

    return [sorted(group, key=order) for _, group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))]


def _version(group: list[Entry]) -> dict:
    first = group[0]
    numbers = sorted({e.version for e in group}, key=lambda v: tuple(int(x) if x.isdigit() else 0 for x in v.split(".")))
    return {"doc": first.doc_id, "title": first.title, "versions": numbers, "status": first.status,
            "commit": first.commit, "date": first.date, "fingerprint": first.fingerprint,
            "lines": "" if first.package else "".join(first.line_hashes),
            "members": [list(m) for m in first.members]}


def _decisions(doc: Document) -> dict:
    decided = []
    for party in doc.meta.parties:
        d = doc.meta.decisions.get(party)
        if d is not None and d.fingerprint:
            decided.append({"party": party, "fingerprint": d.fingerprint, "body": d.body,
                            "date": d.meeting_date.isoformat(), "paragraph": str(d.paragraph)})
    return {"total": len(doc.meta.parties), "decided": decided}
