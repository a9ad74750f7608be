"""The change logs as files: Markdown (Swedish, for people) and JSON (for the site and the Word files).

Every value from git, including old front matter that was never checked, is shown in the
Markdown as text (`markdown_text`), never as Markdown.

    document_markdown / index_markdown    one document's log, the whole repository's by release
    as_json                               either as JSON
    write_changelogs                      build/changelog/<id>.md and .json, index.md and .json
"""

from __future__ import annotations

import json
from pathlib import Path

from ..dates import swedish_date
from ..text import markdown_code, markdown_text
from .changelog import Changelog, CommitEntry, DocumentLog

UNCOMMITTED = "Ej incheckade ändringar"

def _pr(commit: CommitEntry) -> str:
    return markdown_text(commit.pull_request or "")


def _pr_not_in_subject(commit: CommitEntry) -> bool:
    return bool(commit.pull_request) and commit.pull_request not in commit.subject


def _commit_table(commits: list[CommitEntry]) -> list[str]:
    lines = ["| Datum | Ändring | Av | Pull request | Incheckning |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {markdown_text(c.date)} | {markdown_text(c.subject)} | {markdown_text(c.author)} | {_pr(c)} "
              f"| {markdown_code(c.sha[:8])} |" for c in commits]
    return lines


def _shallow_note(changelog: Changelog) -> list[str]:
    if changelog.complete:
        return []
    return ["!!! warning \"Ofullständig historik\"",
            "    Arkivet är en grund klon: de äldsta incheckningarna saknas, och loggen börjar där historiken börjar.",
            ""]


def document_markdown(log: DocumentLog, changelog: Changelog) -> str:
    lines = [f"# Ändringslogg: {markdown_text(log.title or log.id)}", "", *_shallow_note(changelog)]
    if log.uncommitted:
        u = log.uncommitted
        lines += [f"## {UNCOMMITTED}", "",
                  f"Version {markdown_text(u.version or '?')} ({markdown_text(u.status or 'okänd status')}) har ändringar "
                  "som inte är incheckade: " + ", ".join(markdown_code(p) for p in u.paths) + ".", ""]
    for entry in log.versions:
        span = swedish_date(entry.first_date)
        if entry.last_date != entry.first_date:
            span += f" – {swedish_date(entry.last_date)}"
        tag = f", släppt som {markdown_code(entry.tag)}" if entry.tag else ""
        lines += [f"## Version {markdown_text(entry.version)}", "",
                  f"Status {markdown_text(entry.status or 'okänd')}, {span}{tag}.", ""]
        if entry.change_note:
            lines += [markdown_text(entry.change_note), ""]
        lines += [*_commit_table(entry.commits), ""]
    if not log.versions and not log.uncommitted:
        lines += ["Dokumentet har ingen historik ännu.", ""]
    return "\n".join(lines)


def index_markdown(changelog: Changelog) -> str:
    lines = ["# Ändringslogg för hela arkivet", "", *_shallow_note(changelog)]
    pending = [log for log in changelog.documents.values() if log.uncommitted]
    if pending:
        lines += [f"## {UNCOMMITTED}", ""]
        lines += [f"- {markdown_text(log.title or log.id, line_start=True)} ({markdown_code(log.id)}): "
                  + ", ".join(markdown_code(p) for p in log.uncommitted.paths) for log in pending]
        lines.append("")
    entries = {c.sha: c for log in changelog.documents.values() for v in log.versions for c in v.commits}
    for release in changelog.releases:
        heading = f"## {markdown_text(release.tag)} – {swedish_date(release.date)}" if release.tag else "## Ännu inte släppt"
        lines += [heading, ""]
        for doc in release.documents:
            versions = " → ".join(doc.versions)
            lines += [f"### {markdown_text(doc.title or doc.id)} ({markdown_code(doc.id)}), version "
                      f"{markdown_text(versions)}", ""]
            for c in (entries[sha] for sha in doc.commits):
                pr = f" ({_pr(c)})" if _pr_not_in_subject(c) else ""
                lines.append(f"- {markdown_text(c.date)} {markdown_text(c.subject)}{pr}")
            lines.append("")
    if len(lines) <= 3:
        lines += ["Inga incheckade ändringar ännu.", ""]
    return "\n".join(lines)


def as_json(value: Changelog | DocumentLog) -> str:
    """The change log, or one document's, as JSON: each object's fields in declaration order."""
    plain = _plain_changelog(value) if isinstance(value, Changelog) else _plain_log(value)
    # No indent, and the fields as the objects' own dicts rather than dataclasses.asdict's copies:
    # json's C encoder writes it all. default=vars is there for an object the lines below do not name.
    return json.dumps(plain, default=vars, ensure_ascii=False, check_circular=False) + "\n"


# The commit entries (one per commit and document: tens of thousands in a long history) are handed
# to the encoder as their dicts: through default=vars, each would cost a call back into Python, and
# the JSON twice the time.
def _plain_log(log: DocumentLog) -> dict:
    return {**vars(log), "versions": [{**vars(v), "commits": [vars(c) for c in v.commits]} for v in log.versions]}


def _plain_changelog(changelog: Changelog) -> dict:
    return {**vars(changelog), "documents": {doc_id: _plain_log(log) for doc_id, log in changelog.documents.items()},
            "releases": [{**vars(r), "documents": list(map(vars, r.documents))} for r in changelog.releases]}


def write_changelogs(changelog: Changelog, out: Path) -> None:
    """build/changelog/<id>.md and .json per document, and index.md and index.json for the repository."""
    folder = out / "changelog"
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, log in changelog.documents.items():
        (folder / f"{doc_id}.md").write_text(document_markdown(log, changelog), encoding="utf-8")
        (folder / f"{doc_id}.json").write_text(as_json(log), encoding="utf-8")
    (folder / "index.md").write_text(index_markdown(changelog), encoding="utf-8")
    (folder / "index.json").write_text(as_json(changelog), encoding="utf-8")
