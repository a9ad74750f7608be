"""The commands of the decisions stage: `avtal verify`, `avtal decisions` and `avtal package`.

Each loads the repository once, reads the history once (its cache makes the second run cheap) and
prints in Swedish; every failure a user can cause is a message and an exit code, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from ..hints import suggestion
from ..render.word.canonical import short
from ..text import count


def _load(root: Path):
    from ..history.changelog import changelog_if_any
    from ..source.load import load_corpus
    from .index import FingerprintIndex

    corpus = load_corpus(root)
    if corpus.vocabulary is None:
        raise UsageError("vokabulärerna i schema/ går inte att läsa; kör avtal check")
    changelog = changelog_if_any(root, quiet=True)
    return corpus, FingerprintIndex(root, corpus, changelog)


def document_of(root: Path, corpus, name: str):
    doc = corpus.by_id.get(name)
    if doc is None:
        resolved = Path(name).resolve()
        rel = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else name
        doc = corpus.by_path.get(rel)
    if doc is None or doc.meta is None:
        raise UsageError(f'dokumentet "{name}" finns inte{suggestion(name, corpus.by_id)}')
    return doc


# -- avtal verify ---------------------------------------------------------------------------


def run_verify(root: Path, files: list[str], record: str | None = None) -> int:
    from .verify import Verifier

    corpus, index = _load(root)
    verifier = Verifier(index)
    worst, verdicts = EXIT_OK, []
    for name in files:
        verdict = verifier.verify(Path(name), name)
        stream = sys.stderr if verdict.code == 2 else sys.stdout
        for line in verdict.lines:
            print(line, file=stream)
        worst = max(worst, verdict.code)
        verdicts.append(verdict)
    if record is not None:
        from .record import record_decision

        if len(files) != 1:
            raise UsageError("--record skriver in ett beslut i taget: ange en enda fil")
        if verdicts[0].code != EXIT_OK or verdicts[0].match is None:
            print("avtal: inget skrevs in, eftersom filens text inte är en version i historiken.", file=sys.stderr)
            return worst
        return record_decision(root, corpus, verdicts[0].match, record)
    return worst


# -- avtal decisions ------------------------------------------------------------------------


def run_decisions(root: Path, doc_name: str | None) -> int:
    """The state of each party's decision, per document; exit 1 when decisions are on different texts."""
    from .register import state_of

    corpus, index = _load(root)
    docs = [document_of(root, corpus, doc_name)] if doc_name else \
        [d for d in sorted(corpus.documents, key=lambda d: d.path) if d.meta]
    if not doc_name:
        docs = [d for d in docs if d.meta.decisions or d.meta.status in ("remiss", "beslutad")] or docs[:0]
        if not docs:
            print("Inget dokument har några beslut ännu. Ange ett dokument för att se dess parter: avtal decisions DOKUMENT")
            return EXIT_OK
    worst = EXIT_OK
    width = max(len(p) for d in docs for p in d.meta.parties)
    for number, doc in enumerate(docs):
        current = index.decided_text(doc)
        state = state_of(doc, current.fingerprint, current.package, index.own_packages(doc))
        what = "beslutspaketet" if current.package else "texten"
        if number:
            print()
        print(f"{doc.meta.title} ({doc.meta.id}), version {doc.meta.version}, {doc.meta.status}; "
              f"fingeravtryck för {what}: {short(current.fingerprint)}")
        for party in state.parties:
            detail = party.describe()
            print(f"  {party.party:<{width}}  {party.state}" + (f": {detail}" if detail else ""))
        print(f"  {state.summary().capitalize()}.")
        if state.disagree:
            worst = EXIT_FINDINGS
    index.save()
    return worst


# -- avtal package --------------------------------------------------------------------------


def run_package(root: Path, doc_name: str, party: str, out: Path) -> int:
    """One party's package as a folder and a zip in `out`."""
    from ..findings import has_errors
    from ..history.changelog import changelog_if_any
    from ..history.provenance import pin_source_date, source_epoch
    from ..rules.check import check_corpus
    from ..rules.formats import report_stop
    from ..source.layout import CONTENT_FOLDERS, SCHEMA_FOLDER
    from ..source.load import load_corpus
    from .package import Packager
    from .pdfa import pdfa_findings, soffice

    corpus = load_corpus(root)
    findings = check_corpus(corpus)
    if has_errors(findings):
        report_stop(findings, "Inget beslutsunderlag skrevs.")
        return EXIT_FINDINGS
    doc = document_of(root, corpus, doc_name)
    if party not in doc.meta.parties:
        raise UsageError(f'"{party}" är inte en part i {doc.meta.id}{suggestion(party, doc.meta.parties)}')
    if any(out == root / f or out.is_relative_to(root / f) for f in (*CONTENT_FOLDERS, SCHEMA_FOLDER, ".git")):
        raise UsageError(f"{out} ligger bland arkivets källor; välj en annan mapp med --out")
    soffice()  # before any work: say at once that LibreOffice is missing
    pin_source_date(root)
    package = Packager(root, corpus, changelog_if_any(root, quiet=True)).package(doc, party)
    folder = out / package.base
    if folder.exists() and (not folder.is_dir() or any(p.name not in package.files for p in folder.iterdir())):
        raise UsageError(f"{folder} finns och innehåller andra filer än beslutsunderlagets; välj en annan mapp med --out")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in package.files.items():
        (folder / name).write_bytes(data)
    (out / f"{package.base}.zip").write_bytes(package.zip(source_epoch()))
    print(f"Skrev beslutsunderlaget för {party}: {folder} ({count(len(package.files), 'fil', 'filer')}) och {package.base}.zip.")
    problems = pdfa_findings(package.files[f"{package.base}.pdf"])
    if problems:
        print(f"avtal: PDF-filen klarar inte kontrollen av PDF/A-2b ({len(problems)} fynd): "
              + "; ".join(problems[:3]), file=sys.stderr)
        return EXIT_FINDINGS
    print("PDF-filen är PDF/A-2b (godkänd av pikepdf:s kontroll).")
    return EXIT_OK


# -- avtal gällande -------------------------------------------------------------------------


def run_in_force(root: Path, party: str, date: str | None) -> int:
    import datetime as dt

    from ..history.changelog import changelog_if_any
    from ..source.load import load_corpus
    from .inforce import describe, menu_order, versions_for

    corpus = load_corpus(root)
    if corpus.vocabulary is None:
        raise UsageError("vokabulärerna i schema/ går inte att läsa; kör avtal check")
    names = corpus.vocabulary.party_names
    if party not in names:
        raise UsageError(f'parten "{party}" finns inte{suggestion(party, names)}; parterna står i schema/parter.yaml')
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise UsageError(f"datumet {date} ska skrivas ÅÅÅÅ-MM-DD, till exempel 2028-01-01") from None
    documents = sorted((d for d in corpus.documents if d.meta), key=menu_order)
    in_force = versions_for(root, corpus, changelog_if_any(root, quiet=True))
    from ..dates import swedish_date

    print(f"Gällande versioner för {party} den {swedish_date(day.isoformat())}:")
    for answer in in_force.for_party(documents, party, day):
        print(f"  {describe(answer)}")
    return EXIT_OK
