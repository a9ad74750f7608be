"""`avtal build`: check, render every output into a staging folder, then swap it in.

    build
      ├─ check_corpus                 stop here, with the findings, on any error
      ├─ load_changelog               one pass over the git history (none outside git)
      ├─ gather                       what later stages add (the comparisons), contributions.py
      ├─ each RENDERER(corpus, changelog, dir)   into a staging folder beside the output
      ├─ write_word                   the Word files the comparisons made while the site was built
      ├─ write_files                  what later stages add besides Word files (the parties' packages)
      ├─ publish_manifest             the formal files' SHA-256 on the site ("Kontrollera en fil")
      ├─ write_manifest               every file with its SHA-256 and the commit
      └─ swap                         the previous output is replaced only by a complete one

Nothing is written into the source folders, and a failed build leaves the previous
output as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from ..findings import has_errors
from ..history.changelog import Changelog, changelog_if_any
from ..history.changelog_files import write_changelogs
from ..history.provenance import pin_source_date, source_epoch
from ..rules.check import check_corpus
from ..rules.formats import render_text, summary, without_info
from ..source.corpus import Corpus
from ..source.layout import CONTENT_FOLDERS, REMISS_FOLDER, SCHEMA_FOLDER
from ..source.load import load_corpus
from .contributions import Extras, gather

MANIFEST = "manifest.json"

@dataclass
class BuildInputs:
    """What every renderer may use: the corpus, the change logs, and the Word files (made once)."""

    corpus: Corpus
    changelog: Changelog | None
    word: dict[str, bytes]
    extras: Extras | None = None  # what later stages add: comparison Word files and pages


Renderer = Callable[[BuildInputs, Path], None]


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_metadata(inputs: BuildInputs, out: Path) -> None:
    """metadata.json: every document's metadata and every data set, as the model holds them."""
    corpus = inputs.corpus
    documents = [
        {"path": doc.path, **doc.meta.model_dump(mode="json")} for doc in corpus.documents if doc.meta is not None
    ]
    datasets = [{"path": ds.path, **ds.data.model_dump(mode="json")} for ds in corpus.datasets if ds.data is not None]
    (out / "metadata.json").write_text(_json({"documents": documents, "data": datasets}), encoding="utf-8")


def render_changelog(inputs: BuildInputs, out: Path) -> None:
    """changelog/: per document (.md, .json) and for the whole repository (index.md, index.json)."""
    if inputs.changelog is not None:
        write_changelogs(inputs.changelog, out)


def render_word(inputs: BuildInputs, out: Path) -> None:
    """docx/: a Word file per document, named id_vVERSION.docx, and each agreement's decision package."""
    folder = out / "docx"
    folder.mkdir()
    for name, data in inputs.word.items():
        (folder / name).write_bytes(data)


def render_site(inputs: BuildInputs, out: Path) -> None:
    """site/: the reviewers' website (mkdocs with the avtal plugin), with the Word files to download."""
    if not (inputs.corpus.root / "mkdocs.yml").is_file():
        print("avtal: mkdocs.yml saknas; webbplatsen byggs inte.", file=sys.stderr)
        return
    from .site import build_site

    build_site(inputs.corpus.root, inputs.corpus, inputs.changelog, out / "site", inputs.word, inputs.extras)


# The outputs, in order.
RENDERERS: list[Renderer] = [render_metadata, render_changelog, render_word, render_site]
BUNDLE = "avtal-bygge.zip"


def write_bundle(out: Path, epoch: int) -> None:
    """All formal files of the build (Word, change logs, metadata) and the manifest, in one zip."""
    from .word.package import normalised_zip

    names = ["manifest.json", "metadata.json",
             *sorted(p.relative_to(out).as_posix() for folder in ("docx", "changelog") for p in (out / folder).glob("*"))]
    entries = [(name, (out / name).read_bytes()) for name in names if (out / name).is_file()]
    (out / BUNDLE).write_bytes(normalised_zip(entries, epoch))


def write_word(out: Path, files: dict[str, bytes]) -> None:
    """Word files that were still being made when the site was built: into docx/, and into the site
    beside the others, where their pages link to them."""
    from .site import WORD_FOLDER

    for folder in (out / "docx", out / "site" / WORD_FOLDER):
        if folder.parent.is_dir():
            folder.mkdir(exist_ok=True)
            for name, data in sorted(files.items()):
                (folder / name).write_bytes(data)


def write_files(out: Path, files: dict[str, bytes]) -> None:
    """The files later stages add to the build (Extras.files), each at its path inside the build."""
    for rel, data in sorted(files.items()):
        target = (out / rel).resolve()
        if not target.is_relative_to(out.resolve()) or rel.startswith("site/"):
            raise ValueError(f"{rel} ligger utanför bygget")  # a bug in a stage, never the documents
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def publish_manifest(out: Path, source: dict) -> None:
    """site/manifest.json: the SHA-256 of every formal file (all but the site's pages), so that the
    site's page "Kontrollera en fil" can recognise a file in the browser."""
    site = out / "site"
    if not site.is_dir():
        return
    artifacts = []
    for file in sorted(p for p in out.rglob("*") if p.is_file() and not p.is_relative_to(site)):
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        artifacts.append({"path": file.relative_to(out).as_posix(), "sha256": digest, "bytes": file.stat().st_size})
    (site / MANIFEST).write_text(_json({"source": source, "artifacts": artifacts}), encoding="utf-8")


def write_manifest(out: Path, source: dict) -> None:
    artifacts = []
    for file in sorted(p for p in out.rglob("*") if p.is_file()):
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        artifacts.append({"path": file.relative_to(out).as_posix(), "sha256": digest, "bytes": file.stat().st_size})
    (out / MANIFEST).write_text(_json({"source": source, "artifacts": artifacts}), encoding="utf-8")


def _guard_output(root: Path, out: Path) -> None:
    """Refuse an output folder whose replacement would lose somebody's files."""
    protected = [root / name for name in (*CONTENT_FOLDERS, SCHEMA_FOLDER, REMISS_FOLDER, "scripts", "tests", ".git")]
    if out == root or out in root.parents or any(out == p or p in out.parents or out in p.parents for p in protected):
        raise UsageError(f"{out} är inte en byggmapp: den innehåller eller ligger i arkivets källor")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).is_file())):
        raise UsageError(f"{out} finns och är inte ett tidigare bygge (saknar {MANIFEST}); välj en annan mapp eller töm den")


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        out.rename(old / out.name)
        staging.rename(out)
        shutil.rmtree(old)
    else:
        staging.rename(out)


def build(root: Path, out: Path | None = None) -> int:
    out = out or root / "build"
    _guard_output(root, out)
    corpus = load_corpus(root)
    findings = check_corpus(corpus)
    if has_errors(findings):
        sys.stdout.write(render_text(without_info(findings)))  # what stopped the build, and the warnings
        print(f"{summary(findings)}. Bygget avbröts; {out} är orört.", file=sys.stderr)
        return EXIT_FINDINGS
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the output is for publishing
    changelog = changelog_if_any(root)
    source = pin_source_date(root)
    from .word.document import word_files

    word = word_files(root, corpus, changelog)
    extras = gather(root, corpus, changelog, wait=False)
    inputs = BuildInputs(corpus, changelog, {**word, **extras.word}, extras)
    try:
        for render in RENDERERS:
            render(inputs, staging)
        write_word(staging, extras.finish())  # made while the site was built
        write_files(staging, extras.files)
        publish_manifest(staging, source)
        write_manifest(staging, source)
        write_bundle(staging, source_epoch())
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    print(f"Byggt till {out} ({len(corpus.documents)} dokument; {summary(findings)}).")
    return EXIT_OK
