"""The decision pages of the site: "Beslutsläge" (the parties' decisions per document) and
"Kontrollera en fil" (a file's SHA-256 in the browser against the build's manifest, and a Word
file's text fingerprint against every version's: published.py, render/site_files/pages/javascripts/kontrollera.js).

Every value from metadata goes in as text (text.markdown_text, or html.escape in the HTML parts);
the pages pass the site's sanitizer like any other (render/sanitize.py).
"""

from __future__ import annotations

import posixpath
from html import escape

from ..dates import swedish_date
from ..render.word.canonical import short
from ..source.corpus import Document
from ..text import markdown_text as md
from .register import DocumentState

DECISIONS_PAGE, CHECK_PAGE = "beslutslage.md", "kontrollera-en-fil.md"
DECISIONS_TITLE, CHECK_TITLE = "Beslutsläge", "Kontrollera en fil"
STATUS_LABEL = {"utkast": "Utkast", "remiss": "Remissversion", "beslutad": "Beslutad", "upphävd": "Upphävd"}


def anchor(doc: Document) -> str:
    return f"beslut-{doc.meta.id}"


def link_label(state: DocumentState) -> str:
    return f"Beslutsläge: {state.summary()}"


def decisions_page(states: list[DocumentState], doc_paths: dict[str, str]) -> str:
    lines = [f"# {DECISIONS_TITLE}", "",
             "Överenskommelsen gäller först när alla parter har fattat likalydande beslut: beslut om samma text. "
             "Varje parts beslut anger fingeravtrycket för texten som beslutades, så som det står i den diarieförda "
             "Word-filen under Dokumentidentitet. Ett beslut gäller den nuvarande texten när fingeravtrycken är "
             "desamma; för överenskommelsen är det beslutspaketets, eftersom överenskommelsen och bilagorna beslutas "
             "tillsammans. En fil kan kontrolleras på sidan "
             f"[{CHECK_TITLE}]({CHECK_PAGE}) eller med kommandot `avtal verify`.", "",
             "## Översikt {#oversikt}", "",
             "| Dokument | Version | Status | Fingeravtryck | Beslutsläge |", "| --- | --- | --- | --- | --- |"]
    for state in states:
        meta = state.doc.meta
        lines.append(f"| [{md(meta.title)}](#{anchor(state.doc)}) | {md(meta.version)} "
                     f"| {md(STATUS_LABEL.get(meta.status, meta.status))} | {md(short(state.current))} "
                     f"| {md(state.summary())} |")
    lines.append("")
    for state in states:
        lines += _document_section(state, doc_paths[state.doc.meta.id])
    return "\n".join(lines) + "\n"


def _document_section(state: DocumentState, doc_link: str) -> list[str]:
    meta = state.doc.meta
    what = "beslutspaketets" if state.package else "textens"
    lines = [f"## {md(meta.title)} {{#{anchor(state.doc)}}}", "",
             f"[Version {md(meta.version)}]({doc_link}), {md(STATUS_LABEL.get(meta.status, meta.status).lower())}; "
             f"{what} fingeravtryck {md(short(state.current))} (fullständigt {md(state.current)}). "
             f"{md(state.summary().capitalize())}.", "",
             "| Part | Läge | Organ | Sammanträde | § | Justerat | Diarienummer | Version | Fingeravtryck |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for party in state.parties:
        d = party.decision
        if d is None:
            lines.append(f"| {md(party.party)} | {md(party.state)} | – | – | – | – | – | – | – |")
            continue
        lines.append(
            f"| {md(party.party)} | {md(party.state)} | {md(d.body)} | {swedish_date(d.meeting_date.isoformat())} "
            f"| {d.paragraph} | {swedish_date(d.minutes_approved.isoformat())} "
            f"| {md(d.diarienummer or meta.registrations.get(party.party, '–'))} | {md(d.version or '–')} "
            f"| {md(short(d.fingerprint) if d.fingerprint else '–')} |")
    return lines + [""]


def check_page(published: list[tuple[str, str, str, str, str]]) -> str:
    """The page; `published` lists (file name, document, version, party, kind) of the files the build makes."""
    rows = "".join(f"<tr><td><code>{_wrappable(name)}</code></td><td>{escape(title)}</td><td>{escape(version)}</td>"
                   f"<td>{escape(party)}</td><td>{escape(kind)}</td></tr>" for name, title, version, party, kind in published)
    return "\n".join([
        f"# {CHECK_TITLE}", "",
        "Här kan du kontrollera en fil som du har fått eller hämtat: en Word-fil, ett beslutsunderlag med PDF/A-fil "
        "och tjänsteskrivelse, eller en ändringslogg. Välj filen, så säger sidan om den är en av filerna som är "
        "publicerade här. För en Word-fil säger sidan också vilket dokument och vilken version texten är, och vilka "
        "parter som har beslutat om den, även när filen har sparats om eller har fått en annan parts diarienummer. "
        "Filen läses bara i din webbläsare; ingenting av den skickas någonstans.", "",
        '<div class="avtal-check-file"><p class="avtal-check-file-help">Kontrollen behöver JavaScript. Utan det '
        "kan du räkna filens SHA-256 själv (i PowerShell <code>Get-FileHash FIL</code>, i Linux och macOS "
        '<code>sha256sum FIL</code>) och söka efter den i <a class="avtal-manifest" href="../manifest.json" '
        'download="manifest.json">förteckningen över filerna (manifest.json)</a>. Fingeravtrycken för varje '
        'versions text finns i <a class="avtal-fingerprints" href="../fingeravtryck.json" '
        'download="fingeravtryck.json">fingeravtryck.json</a>.</p></div>', "",
        "## Så kontrolleras filen {#sa-kontrolleras-filen}", "",
        "Först jämförs filens kontrollsumma (SHA-256) med förteckningen över bygget. Den ändras så fort en enda byte "
        "i filen ändras, till exempel när filen sparas om i Word eller i ett diariesystem, eller när den får en "
        "annan parts diarienummer. Därför räknar sidan också fingeravtrycket för texten i en Word-fil och jämför "
        "det med fingeravtrycket för varje version i historiken. Hur fingeravtrycket räknas står i handboken, "
        "på sidan [Fingeravtryck](handbok/fingeravtryck.md). Stämmer texten inte med någon version, visar sidan den närmaste versionen och de "
        "stycken i filen som skiljer sig från den.", "",
        "En PDF-fil känns bara igen här om den är byte för byte en publicerad fil: för att läsa texten i en PDF-fil "
        "behövs ett program för PDF, och sidan laddar inga program utifrån. Texten i en PDF-fil kontrolleras med "
        "kommandot `avtal verify FIL` i arkivet för överenskommelsen. Fingeravtrycket står också sist i varje "
        "Word-fil, under Dokumentidentitet.", "",
        "## Publicerade filer {#publicerade-filer}", "",
        '<div class="avtal-table avtal-published-files"><table class="avtal-published"><caption>Filerna som bygget '
        'gör, med dokument, version och part</caption><thead><tr><th scope="col">Fil</th><th scope="col">Dokument</th>'
        '<th scope="col">Version</th><th scope="col">Part</th><th scope="col">Innehåll</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>", ""])


def _wrappable(name: str) -> str:
    """A file name that wraps after its underscores and dots, not one character at a time."""
    return escape(name).replace("_", "_<wbr>").replace(".docx", "<wbr>.docx")


def relative(from_page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
