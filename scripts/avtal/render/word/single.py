"""`avtal docx DOC`: one document's Word file, checked first, as an editor waits for it.

    make_one(root, doc, output, party)
      ├─ load_for_document     the document and what it needs (source/single.py)
      ├─ the check             check_document, in a forked process (aside) ──────────────┐
      ├─ git                   the commit and the change log, in a thread while python-docx│
      │                        and Markdown are imported (the waits for git overlap them)  │
      ├─ the file's bytes      DocxRenderer.document, in memory                            │
      └─ the verdict  ◄───────────────────────────────────────────────────────────────────┘
                               errors: they are reported, nothing is written (whatever the
                               rendering did); none: the file is written

The check and the rendering are independent once the document is loaded, so they run at the same
time on two cores; the file is written only after the check has passed, exactly as when they ran one
after the other. A renderer may fail on what the check reports (`check` passing means the file can be
made, not the reverse), so an exception from the rendering counts only when the check found no error.
Where a process cannot be forked, the check runs first, in this process.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path

from ...exits import EXIT_FINDINGS, EXIT_OK, UsageError


def make_one(root: Path, wanted: str, output: str | None, party: str | None) -> int:
    from ...findings import has_errors
    from ...hints import suggestion
    from ...rules.formats import report_stop
    from ...source.layout import CONTENT_FOLDERS, DOCX_FOLDER, shown_path
    from ...source.single import load_for_document

    relative = _relative(root, wanted)

    def pick(corpus):  # by id, by path, or by a file named after the id whose front matter is broken
        return (corpus.by_id.get(wanted) or corpus.by_path.get(relative)
                or next((d for d in corpus.documents if Path(d.path).stem == wanted), None))

    # Only what this document needs is loaded and checked (source/single.py): one file takes a
    # fraction of a second, and errors elsewhere in the repository do not stop it.
    corpus, doc = load_for_document(root, pick)
    if doc is None:
        findings = list(corpus.load_findings)
        if has_errors(findings):
            report_stop(findings, "Ingen Word-fil skrevs.")
            return EXIT_FINDINGS
        raise UsageError(f'dokumentet "{wanted}" finns inte{suggestion(wanted, corpus.by_id)}')
    verdict = aside(_check, corpus, doc)
    problem: UsageError | None = None
    rendering: tuple[str, object] | None = None  # ("ok", bytes) or ("raise", the exception)
    if party and party not in corpus.vocabulary.party_names:
        problem = UsageError(f'okänd part "{party}"{suggestion(party, corpus.vocabulary.party_names)}')
    else:
        try:
            rendering = ("ok", _render(root, corpus, doc, party))
        except Exception as error:  # it counts only if the check passed: see the module's note
            rendering = ("raise", error)
    findings = verdict()
    if has_errors(findings):
        report_stop(findings, "Ingen Word-fil skrevs.")
        return EXIT_FINDINGS
    if problem is not None:
        raise problem
    from .document import docx_name

    target = Path(output).resolve() if output else root / DOCX_FOLDER / docx_name(doc)
    if target.suffix != ".docx" or any(target.is_relative_to(root / f) for f in CONTENT_FOLDERS):
        raise UsageError(f"{target} är ingen .docx-fil utanför dokumentens mappar; välj ett annat namn med -o")
    data = _unpack(rendering)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"Skrev {shown_path(target)} ({doc.meta.title}, version {doc.meta.version}).")
    return EXIT_OK


def _check(corpus, doc) -> list:
    from ...rules.check import check_document  # the rules are imported where they run

    return check_document(corpus, doc)


def _render(root: Path, corpus, doc, party: str | None) -> bytes:
    git: dict = {}
    asked = threading.Thread(target=_ask_git, args=(root, git), daemon=True)
    asked.start()
    from .document import DocxRenderer  # python-docx and Markdown imported while git answers

    asked.join()
    if "error" in git:
        raise git["error"]
    renderer = DocxRenderer(root, corpus, git["changelog"], party)
    renderer.source = git["source"]  # git asked once: the commit that pinned the dates is the one the file names
    return renderer.document(doc)


def _ask_git(root: Path, into: dict) -> None:
    try:
        from ...history.changelog import changelog_if_any
        from ...history.provenance import pin_source_date

        into["source"] = pin_source_date(root)
        into["changelog"] = changelog_if_any(root, quiet=True)
    except BaseException as error:  # handed to the main thread, which raises it
        into["error"] = error


def _relative(root: Path, path: str) -> str:
    resolved = Path(path).resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else path


def aside(function: Callable, *args) -> Callable[[], object]:
    """Runs function(*args) in a forked copy of this process and returns a function that waits for its
    result (or raises what it raised). Without fork, it runs here and now."""
    if not hasattr(os, "fork"):
        try:
            result = ("ok", function(*args))
        except Exception as error:
            result = ("raise", error)
        return lambda: _unpack(result)
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
        os.close(reading)
        try:
            try:
                answer = pickle.dumps(("ok", function(*args)))
            except BaseException as error:  # noqa: BLE001 (any failure goes to the parent)
                try:
                    answer = pickle.dumps(("raise", error))
                except Exception:
                    answer = pickle.dumps(("raise", RuntimeError(f"{type(error).__name__}: {error}")))
            with os.fdopen(writing, "wb") as out:
                out.write(answer)
        finally:
            os._exit(0)
    os.close(writing)

    def wait() -> object:
        with os.fdopen(reading, "rb") as answer:
            data = answer.read()
        os.waitpid(pid, 0)
        if not data:
            raise RuntimeError("kontrollen avbröts utan svar")
        return _unpack(pickle.loads(data))

    return wait


def _unpack(result: tuple) -> object:
    kind, value = result
    if kind == "raise":
        raise value
    return value
