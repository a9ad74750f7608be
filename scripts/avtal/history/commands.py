"""`avtal changelog [DOC] [--format json]`: the change log of the repository or of one document, printed.

The command line (cli.py) starts git's reading of the history first (early.start_early) and turns
a history error into a usage error; this prints what load_changelog found.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..exits import EXIT_OK, UsageError
from .changelog import load_changelog
from .changelog_files import as_json, document_markdown, index_markdown


def run_changelog(root: Path, doc: str | None, fmt: str) -> int:
    changelog = load_changelog(root)
    if not changelog.complete:
        print("avtal: varning: arkivet är en grund klon (shallow clone); de äldsta incheckningarna saknas. "
              "Hämta hela historiken med git fetch --unshallow.", file=sys.stderr)
    if doc is None:
        sys.stdout.write(as_json(changelog) if fmt == "json" else index_markdown(changelog))
        return EXIT_OK
    doc_id = _document_id(root, doc, changelog)
    if doc_id not in changelog.documents:
        from ..hints import suggestion  # only here: difflib is a tenth of the command's imports

        raise UsageError(f'dokumentet "{doc}" har ingen historik{suggestion(doc, changelog.documents)}')
    log = changelog.documents[doc_id]
    sys.stdout.write(as_json(log) if fmt == "json" else document_markdown(log, changelog))
    return EXIT_OK


def _document_id(root: Path, doc: str, changelog) -> str:
    """A document named by id or by path."""
    if doc in changelog.documents:
        return doc
    path = Path(doc).resolve()
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else doc
    return next((d for d, log in changelog.documents.items() if log.path == rel), doc)
