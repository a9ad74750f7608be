"""`avtal compare` and `avtal docx --version`: everything is checked before anything is written.

    avtal compare DOC --from V [--to V2] --format docx|html|md [-o FILE] [--author NAME]
    avtal compare --base REV --format md          every document whose text changed since REV
    avtal docx DOC --version V [-o FILE] [--party P]

A version is a document's `version` in the history (the last commit that had it) or any git
revision. What cannot be found is a usage error (exit 2) that says what exists; a working tree
whose documents have errors gives them (exit 1), as `avtal docx` does.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from ..history.versions import VERSION_RE, VersionError, VersionRef
from ..source.layout import CONTENT_FOLDERS


@dataclass
class CompareRequest:
    doc: str | None
    from_: str | None
    to: str | None
    base: str | None
    format: str
    output: str | None
    author: str | None


def _checked(root: Path):
    """The working tree's corpus, or the findings that stop the command (exit 1)."""
    from ..findings import has_errors
    from ..rules.check import check_corpus
    from ..rules.formats import report_stop
    from ..source.load import load_corpus

    corpus = load_corpus(root)
    findings = check_corpus(corpus)
    if has_errors(findings):
        report_stop(findings, "Ingen jämförelse gjordes.")
        return None
    return corpus


def _comparer(root: Path, corpus):
    from ..history.changelog import load_changelog
    from ..history.gitpipe import HistoryError
    from ..history.provenance import pin_source_date
    from .outputs import Comparer

    try:
        changelog = load_changelog(root)
    except HistoryError as error:
        raise UsageError(f"{error}; en jämförelse av versioner behöver git-historiken") from None
    pin_source_date(root)
    return Comparer(root, corpus, changelog)


def _document_id(root: Path, corpus, changelog, name: str) -> str:
    """A document named by id or by path, in the working tree or in the history."""
    from ..hints import suggestion

    if name in corpus.by_id or name in changelog.documents:
        return name
    path = Path(name).resolve()
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else name
    if rel in corpus.by_path and corpus.by_path[rel].meta:
        return corpus.by_path[rel].meta.id
    found = next((d for d, log in changelog.documents.items() if log.path == rel), None)
    if found:
        return found
    known = sorted(set(corpus.by_id) | set(changelog.documents))
    raise UsageError(f'dokumentet "{name}" finns inte{suggestion(name, known)}')


def output_path(root: Path, given: str | None, default: str, suffix: str) -> Path:
    """Where to write: never into the documents' folders, always with the right suffix."""
    target = Path(given).resolve() if given else Path.cwd() / default
    if target.suffix != suffix or any(target.is_relative_to(root / folder) for folder in CONTENT_FOLDERS):
        raise UsageError(f"{target} är ingen {suffix}-fil utanför dokumentens mappar; välj ett annat namn med -o")
    return target


def run_compare(root: Path, request: CompareRequest) -> int:
    if request.base is None and (request.doc is None or request.from_ is None):
        raise UsageError("ange ett dokument och --from VERSION, eller --base REV för alla dokument som har ändrats")
    if request.base is not None and request.from_ is not None:
        raise UsageError("ange antingen --from (ett dokuments versioner) eller --base (allt sedan en revision), inte båda")
    corpus = _checked(root)
    if corpus is None:
        return EXIT_FINDINGS
    comparer = _comparer(root, corpus)
    try:
        if request.base is not None:
            return _since_base(root, comparer, request)
        return _one_document(root, comparer, request)
    except VersionError as error:
        raise UsageError(str(error)) from None


def _one_document(root: Path, comparer, request: CompareRequest) -> int:
    from .word import comparison_name

    versions = comparer.versions
    doc_id = _document_id(root, comparer.versions.working, versions.changelog, request.doc)
    old = versions.resolve(doc_id, request.from_)
    if request.to is not None:
        new = versions.resolve(doc_id, request.to)
    elif doc_id in versions.working.by_id:
        new = versions.current(versions.working.by_id[doc_id])
    else:
        raise UsageError(f"dokumentet {doc_id} finns inte längre i arkivet; ange vilken version med --to")
    named = VERSION_RE.match(request.from_) and (request.to is None or VERSION_RE.match(request.to))
    if old.commit == new.commit or (old.version == new.version and named):  # two revisions of one draft may differ
        raise UsageError(f"--from och --to anger samma version ({new.version}) av {doc_id}; "
                         "välj två olika versioner")
    suffix = {"docx": ".docx", "html": ".html", "md": ".md"}[request.format]
    name = comparison_name(doc_id, old, new).removesuffix(".docx") + suffix
    target = output_path(root, request.output, name, suffix) if request.output or request.format == "docx" else None
    comparison, md = comparer.compare(old, new)
    if request.format == "docx":
        data = comparer.docx(old, new, comparison, md, author=request.author)
        target.write_bytes(data)
        moved = ", ".join(s.new.title for s in comparison.moved)
        print(f"Skrev {target.name} (ändringar från version {old.version} till {new.version}"
              + (f"; flyttade avsnitt: {moved}" if moved else "") + ").")
        return EXIT_OK
    text = comparer.html(old, new, comparison) if request.format == "html" else comparer.markdown(old, new, comparison)
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
        print(f"Skrev {target.name} (ändringar från version {old.version} till {new.version}).")
    return EXIT_OK


def _since_base(root: Path, comparer, request: CompareRequest) -> int:
    from ..history.gitpipe import HistoryError
    from ..history.log import resolve_revision
    from ..history.versions import SHALLOW_HINT

    if request.format != "md":
        raise UsageError("--base skriver Markdown för en pull request; ange --format md")
    if request.doc is not None:
        raise UsageError("--base jämför alla dokument; ange inget dokument, eller använd --from för ett dokument")
    versions = comparer.versions
    try:
        sha = resolve_revision(root, request.base)
    except HistoryError:
        hint = SHALLOW_HINT if versions.changelog and not versions.changelog.complete else \
            "hämta den (i CI: hela historiken, fetch-depth: 0) eller ange en annan med --base"
        raise UsageError(f"revisionen {request.base} finns inte i arkivet; {hint}") from None
    text = comparer.since(request.base, sha)
    target = output_path(root, request.output, "andringar.md", ".md") if request.output else None
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
    return EXIT_OK


def run_docx_version(root: Path, doc: str, version: str, output: str | None, party: str | None) -> int:
    """One document as it was at an earlier version, from the history."""
    from ..source.load import load_corpus

    corpus = load_corpus(root)
    comparer = _comparer(root, corpus)
    versions = comparer.versions
    doc_id = _document_id(root, corpus, versions.changelog, doc)
    try:
        ref: VersionRef = versions.resolve(doc_id, version)
        document = versions.document(ref)
    except VersionError as error:
        raise UsageError(str(error)) from None
    old_corpus = versions.corpus(ref)
    if party and party not in old_corpus.vocabulary.party_names:
        from ..hints import suggestion

        raise UsageError(f'okänd part "{party}"{suggestion(party, old_corpus.vocabulary.party_names)}')
    from ..source.layout import DOCX_FOLDER, shown_path

    target = output_path(root, output or str(root / DOCX_FOLDER / f"{doc_id}_v{ref.version}.docx"), "", ".docx")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(comparer.document_docx(ref, party))
    print(f"Skrev {shown_path(target)} ({document.meta.title}, version {ref.version} ur incheckning {ref.commit[:8]}).")
    return EXIT_OK
