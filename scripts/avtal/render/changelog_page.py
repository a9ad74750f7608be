"""The site's change-log page: every document in the site's order, version by version.

    changelog_page(documents, changelog, link)
      ├─ per document (agreement, annexes by number, plans)   a section with the document's id as anchor
      │    ├─ work not yet committed
      │    └─ per version, newest first   status, dates, the version's own change_note, and its
      │                                   commits (who, when, why) folded away in <details>
      ├─ documents that no longer exist   their history, so nothing said before is lost
      └─ releases                         the repository's tags (v1.0) and what each brought

A reviewer reads what changed in a document in the words of its change_note; the commits are
the developers' record and stay folded. Every value from git or old front matter is shown as
text: `markdown_text` where it goes into Markdown, `html.escape` inside the <details> block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from ..dates import swedish_date
from ..history.changelog import Changelog, CommitEntry, DocumentLog, VersionEntry
from ..source.corpus import Document
from ..text import clean_line
from ..text import markdown_code as code
from ..text import markdown_text as md

STATUS_LABEL = {"utkast": "Utkast", "remiss": "Remissversion", "beslutad": "Beslutad", "upphävd": "Upphävd"}
PAGE = "andringslogg.md"
TITLE = "Ändringslogg"


Comparison = Callable[[str, str, str], str | None]  # (doc id, older version, newer) -> the comparison page, if any


def changelog_page(documents: list[Document], changelog: Changelog | None, link: Callable[[Document], str],
                   comparison: Comparison | None = None) -> str:
    """The page's Markdown; `documents` in the site's order, `link` a document's address from the page,
    `comparison` the page comparing two versions of a document (from the comparisons' stage)."""
    lines = [f"# {TITLE}", ""]
    if changelog is None:
        return "\n".join(lines + ["Ingen git-historik gick att läsa (arkivet är inte ett git-arkiv, eller git "
                                  "saknas).", ""])
    lines += ["Varje dokument version för version, den senaste först: status, datum, vad som ändrades i versionen "
              "och en länk till jämförelsen med versionen före. Den som vill se de enskilda incheckningarna i git "
              "(när, av vem och med vilket meddelande) kan fälla ut dem under versionen.", ""]
    if not changelog.complete:
        lines += ['!!! warning "Ofullständig historik"',
                  "    Arkivet är en grund klon: de äldsta incheckningarna saknas, och loggen börjar där historiken "
                  "börjar.", ""]
    shown = set()
    for doc in documents:
        shown.add(doc.meta.id)
        lines += _document(doc.meta.id, doc.meta.title, f"[Till dokumentet]({link(doc)})",
                           changelog.documents.get(doc.meta.id), comparison=comparison)
    gone = [log for doc_id, log in changelog.documents.items() if doc_id not in shown]
    if gone:
        lines += ["## Dokument som inte längre finns {#borttagna-dokument}", ""]
        for log in gone:
            lines += _document(None, log.title or log.id, f"Id {code(log.id)}, senast i {code(log.path or '?')}.", log,
                               level="###")
    return "\n".join(lines + _releases(changelog)) + "\n"


def _document(anchor: str | None, title: str, intro: str, log: DocumentLog | None, level: str = "##",
              comparison: Comparison | None = None) -> list[str]:
    lines = [f"{level} {md(title)}" + (f" {{#{anchor}}}" if anchor else ""), "", intro, ""]
    if log is None or (not log.versions and not log.uncommitted):
        return lines + ["Dokumentet har ingen incheckad historik ännu.", ""]
    sub = level + "#"
    if log.uncommitted:
        u = log.uncommitted
        lines += [f"{sub} Ej incheckade ändringar", "",
                  f"Version {md(u.version or '?')} ({md(_status(u.status))}) har ändringar som inte är incheckade: "
                  + ", ".join(code(p) for p in u.paths) + ".", ""]
    for index, entry in enumerate(log.versions):
        previous = log.versions[index + 1] if index + 1 < len(log.versions) else None
        page = comparison(log.id, previous.version, entry.version) if comparison and previous and anchor else None
        lines += _version(entry, sub, anchor, previous.version if previous else None, page)
    return lines


def version_anchor(doc_id: str, version: str) -> str | None:
    """The anchor of a version on the page ("overenskommelse-0-2"), for a version written MAJOR.MINOR."""
    return f"{doc_id}-{version.replace('.', '-')}" if _VERSION_RE.fullmatch(version) else None


_VERSION_RE = re.compile(r"[0-9]{1,6}\.[0-9]{1,6}")


def _version(entry: VersionEntry, level: str, doc_id: str | None, previous: str | None = None,
             page: str | None = None) -> list[str]:
    span = swedish_date(entry.first_date)
    if entry.last_date != entry.first_date:
        span += f" – {swedish_date(entry.last_date)}"
    released = f" Släppt som {code(entry.tag)}." if entry.tag else ""
    anchor = version_anchor(doc_id, entry.version) if doc_id else None
    heading = f"{level} Version {md(entry.version)}" + (f" {{#{anchor}}}" if anchor else "")
    lines = [heading, "", f"**{md(_status(entry.status))}**, {span}.{released}", ""]
    lines += [md(entry.change_note, line_start=True) if entry.change_note else "*Ingen ändringsnotering.*", ""]
    if page:
        lines += [f"[Jämför med version {md(previous)}]({page})", ""]
    elif previous is None:
        lines += ["Den första versionen.", ""]
    return lines + _commits(entry.commits)


def _commits(commits: list[CommitEntry]) -> list[str]:
    """The commits as a raw HTML block (the details element has no Markdown syntax), every value escaped."""
    if not commits:
        return []
    summary = f"Visa incheckningarna som ändrade dokumentet ({len(commits)})"
    items = "".join(f"<li>{_commit(c)}</li>" for c in commits)
    return [f'<details class="avtal-commits"><summary>{summary}</summary>'
            '<p>Incheckningarna i git, med det meddelande som den som checkade in skrev (ofta på engelska).</p>'
            f"<ul>{items}</ul></details>", ""]


def _commit(c: CommitEntry) -> str:
    """One commit with Swedish labels; the message is the committer's own, as text."""
    pull_request = f", ändringsförslag {escape(clean_line(c.pull_request))}" \
        if c.pull_request and c.pull_request not in c.subject else ""
    return (f"{escape(swedish_date(c.date))}: ”{escape(clean_line(c.subject))}” "
            f"(av {escape(clean_line(c.author))}, incheckning <code>{escape(clean_line(c.sha[:8]))}</code>"
            f"{pull_request})")


def _status(status: str | None) -> str:
    return STATUS_LABEL.get(status or "", status or "okänd status")


def _releases(changelog: Changelog) -> list[str]:
    released = [r for r in changelog.releases if r.tag]
    if not released:
        return []
    lines = ["## Releaser {#releaser}", "", "Taggar i arkivet som markerar en release av alla dokument.", ""]
    for release in released:
        versions = "; ".join(f"{md(d.title or d.id)} {md(' → '.join(d.versions))}" for d in release.documents)
        lines.append(f"- {code(release.tag)}, {swedish_date(release.date)}: {versions or 'inga ändrade dokument'}")
    return lines + [""]
