"""`avtal check`: load the corpus, run every rule, return the findings in file order.

With a base revision (`--base REV`, as CI passes the target branch) the version discipline
is checked as well; only then is git read.

One mistake gives one finding. A file that fails to load (or whose metadata is invalid) is
missing to the rules, so links to it, "bilaga N" for its number, data that names it and the
terms it defines would each be reported as well. The rules mark such findings with the file
they follow from (`Finding.follows_from`, found through `Corpus.failed`), and this module folds
them under that file's first error, which says how many it holds back. A new rule gets this by
passing `follows_from=corpus.failed.document(id)` (or `.path`, `.annex`) when its target is missing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from ..findings import Finding, Severity, unique_in_file_order
from ..source.corpus import Corpus, Document
from ..source.forked import TextReads
from ..source.load import load_corpus

# Importing the families registers their rules, in this order.
from . import choices, content, data, documents, klarsprak, links, milestones, remiss, terms, verification  # noqa: F401
from .early import read_along
from .registry import RULES, run_rules

# Rules that read each document on its own and report only in that document: for one document's
# output (`avtal docx`) they read that document alone. Klarspråk reads every sentence of every
# document, nine tenths of the check's time; the other documents' findings would be dropped anyway.
PER_DOCUMENT = (klarsprak.plain_language,)


def check_corpus(corpus: Corpus, base: str | None = None, only: Document | None = None) -> list[Finding]:
    """Every rule's findings; with `only`, the rules of PER_DOCUMENT read that document alone (the
    findings of the others are then incomplete: check_document keeps only `only`'s)."""
    findings = list(corpus.load_findings)
    if corpus.vocabulary is not None:
        if only is not None:
            findings.extend(_rules_for(corpus, only))
        else:
            findings.extend(run_rules(corpus))
        if any(doc.meta is not None and (doc.meta.decisions or doc.meta.change_kind) for doc in corpus.documents):
            findings.extend(later_rules(corpus))
        if base is not None:
            from .versions import load_baseline, version_findings

            findings.extend(version_findings(corpus, load_baseline(corpus.root, base)))
            if corpus.virtual_paths:  # the local agreements have no files of their own at base
                from .local_versions import local_version_findings

                findings.extend(local_version_findings(corpus, base))
    return fold_consequences(unique_in_file_order(at_sources(corpus, findings)))


def at_sources(corpus: Corpus, findings: list[Finding]) -> list[Finding]:
    """Findings in a local agreement's text at its template's file: the text is the template's, line for
    line (source/local.py), so the same mistake in each municipality's agreement is one finding; a finding
    in a value is at the value, on the municipality's row."""
    if not corpus.virtual_paths:
        return findings
    placed = []
    for f in findings:
        doc = corpus.by_path.get(f.path) if f.path in corpus.virtual_paths else None
        if doc is not None and doc.origin is not None:
            path, line, column = doc.origin.place(f.line, f.column)  # in a value: at its row in the data file
            f = replace(f, path=path, line=line, column=column)
        placed.append(f)
    return placed


def fold_consequences(findings: list[Finding]) -> list[Finding]:
    """Findings that follow from a file that failed, folded into a count on that file's first error.

    A finding whose cause has no error of its own (it cannot happen today) stays as it is."""
    causes: dict[str, Finding] = {}
    for f in findings:
        if f.severity is Severity.ERROR and f.follows_from is None:
            causes.setdefault(f.path, f)
    held: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.follows_from is not None and f.follows_from in causes and f.follows_from != f.path:
            held[f.follows_from].append(f)
    if not held:
        return findings
    notes = {causes[path]: _note(consequences) for path, consequences in held.items()}
    folded = {id(f) for consequences in held.values() for f in consequences}
    return [replace(f, message=f.message + notes[f]) if f in notes else f for f in findings if id(f) not in folded]


def _rules_for(corpus: Corpus, doc: Document) -> list[Finding]:
    alone = replace(corpus, documents=[doc])  # the same files and data; its cached lookups made anew
    return [f for check in RULES for f in check(alone if check in PER_DOCUMENT else corpus)]


def _note(consequences: list[Finding]) -> str:
    count, files = len(consequences), len({f.path for f in consequences})
    what = "1 hänvisning" if count == 1 else f"{count} hänvisningar"
    where = "1 annan fil" if files == 1 else f"{files} andra filer"
    return f" – {what} hit från {where} kontrolleras när detta är rättat"


def later_rules(corpus: Corpus) -> list[Finding]:
    """Rules of later stages, found through the entry-point group `avtal.rules` (as render/contributions.py
    finds outputs), since this stage cannot import them: the decision register's fingerprints
    (decisions/rules.py) need the renderer's element tree and the history. They are about recorded
    decisions or a version's kind of change (editorial or material), so a repository without any pays
    nothing for them."""
    from importlib.metadata import entry_points

    findings: list[Finding] = []
    for entry in sorted(entry_points(group="avtal.rules"), key=lambda e: e.name):
        findings.extend(entry.load()(corpus))
    return findings


def check_document(corpus: Corpus, doc: Document) -> list[Finding]:
    """The findings that concern one document's output (`avtal docx`): every rule over the corpus loaded
    for it (source/single.py), keeping those in its own file and in the data files it needs."""
    from ..source.single import needed_paths  # `avtal docx`'s own loading; `avtal check` never needs it

    paths = needed_paths(corpus, doc)
    return [f for f in check_corpus(corpus, only=doc) if f.path in paths]


def check(root: Path, base: str | None = None, parallel: bool = False,
          reads: TextReads | None = None) -> tuple[Corpus, list[Finding]]:
    """`parallel`: part of the documents are read, klarspråk included, in a second process
    (source/forked.py), the one started early as `reads` if given (cli.py); only for a process that runs
    nothing else at the same time, as `avtal check` (never the preview's server)."""
    corpus = load_corpus(root, parallel=parallel, per_document=read_along, reads=reads)
    return corpus, check_corpus(corpus, base)
