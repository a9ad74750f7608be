"""`avtal docx DOC`: one document's Word file, checked first, as an editor waits for it.

    make_one(root, doc, output, party)          this process             a forked process (aside)
      ├─ the source stage's modules imported    ─── fork ──────────────► load_for_document (source/single.py)
      ├─ git asked in a thread; python-docx       ◄── the corpus ─────── (pickled: a few ms each way)
      │  and Markdown imported meanwhile                                  check_document
      ├─ the file's bytes (DocxRenderer)          ◄── the findings ───── exit
      └─ the verdict: errors are reported and nothing is written (whatever the rendering did);
         none, and the file is written

Loading, checking and rendering used to run one after the other; here the loading runs beside the
imports of the Word machinery, and the check beside the rendering, on the machine's second core. The
file is written only after the check has passed, exactly as before. A renderer may fail on what the
check reports (`check` passing means the file can be made, not the reverse), so an exception from
the rendering counts only when the check found no error. Where a process cannot be forked, the
loading and the check run here, one after the other.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ...exits import EXIT_FINDINGS, EXIT_OK, UsageError


def make_one(root: Path, wanted: str, output: str | None, party: str | None) -> int:
    from ...source.single import load_for_document  # before the fork: the child loads, and this process reads the models it sends

    relative = _relative(root, wanted)

    def pick(corpus):  # by id, by path, or by a file named after the id whose front matter is broken
        return (corpus.by_id.get(wanted) or corpus.by_path.get(relative)
                or next((d for d in corpus.documents if Path(d.path).stem == wanted), None))

    # Only what this document needs is loaded and checked (source/single.py): one file takes a
    # fraction of a second, and errors elsewhere in the repository do not stop it.
    with aside(_load_and_check, load_for_document, root, pick) as answers:
        return _make(answers, root, wanted, output, party)


def _make(answers: aside, root: Path, wanted: str, output: str | None, party: str | None) -> int:
    from ...findings import has_errors
    from ...hints import suggestion
    from ...rules.formats import report_stop
    from ...source.layout import CONTENT_FOLDERS, DOCX_FOLDER, shown_path

    git = _Git(root)
    from .document import DocxRenderer, docx_name  # python-docx and Markdown, while the child loads

    corpus, doc = answers()
    problem: UsageError | None = None
    rendering: tuple[str, object] | None = None  # ("ok", bytes) or ("raise", the exception)
    if doc is None:
        problem = UsageError(f'dokumentet "{wanted}" finns inte{suggestion(wanted, corpus.by_id)}')
    elif party and party not in corpus.vocabulary.party_names:
        problem = UsageError(f'okänd part "{party}"{suggestion(party, corpus.vocabulary.party_names)}')
    else:
        try:
            renderer = DocxRenderer(root, corpus, git.changelog(), party)
            renderer.source = git.source()  # git asked once: the commit that pinned the dates is the one the file names
            rendering = ("ok", renderer.document(doc))
        except Exception as error:  # it counts only if the check passed: see the module's note
            rendering = ("raise", error)
    findings = answers()
    if has_errors(findings):
        report_stop(findings, "Ingen Word-fil skrevs.")
        return EXIT_FINDINGS
    if problem is not None:
        raise problem
    target = Path(output).resolve() if output else root / DOCX_FOLDER / docx_name(doc)
    if target.suffix != ".docx" or any(target.is_relative_to(root / f) for f in CONTENT_FOLDERS):
        raise UsageError(f"{target} är ingen .docx-fil utanför dokumentens mappar; välj ett annat namn med -o")
    data = _unpack(rendering)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"Skrev {shown_path(target)} ({doc.meta.title}, version {doc.meta.version}).")
    return EXIT_OK


def _load_and_check(load: Callable, root: Path, pick: Callable) -> Iterator:
    """The corpus and the document, then the findings that decide whether the file is written."""
    corpus, doc = load(root, pick)
    yield corpus, doc
    if doc is None:
        yield list(corpus.load_findings)
        return
    from ...rules.check import check_document  # the rules are imported where they run

    yield check_document(corpus, doc)


class _Git:
    """The commit the sources come from (which pins the dates inside the file) and the change log,
    asked in a thread: the waits for git overlap the imports and the rendering's start."""

    def __init__(self, root: Path):
        self._answers: dict = {}
        self._thread = threading.Thread(target=self._ask, args=(root,), daemon=True)
        self._thread.start()

    def _ask(self, root: Path) -> None:
        try:
            from ...history.changelog import changelog_if_any
            from ...history.provenance import pin_source_date

            self._answers["source"] = pin_source_date(root)
            self._answers["changelog"] = changelog_if_any(root, quiet=True)
        except BaseException as error:  # handed to the main thread, which raises it
            self._answers["error"] = error

    def _get(self, key: str):
        self._thread.join()
        if "error" in self._answers:
            raise self._answers["error"]
        return self._answers[key]

    def source(self) -> dict:
        return self._get("source")

    def changelog(self):
        return self._get("changelog")


def _relative(root: Path, path: str) -> str:
    resolved = Path(path).resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else path


class aside:  # noqa: N801 (used as a function that returns a waiting handle)
    """Runs the generator produce(*args) in a forked copy of this process; each call waits for its next
    value (or raises what it raised), and close() (or leaving a `with` block) waits for the process to
    end. Without fork, the generator runs here, a value at a time."""

    def __init__(self, produce: Callable[..., Iterator], *args):
        self._pid = None
        if not hasattr(os, "fork"):
            self._values = produce(*args)
            return
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
            os.close(reading)
            try:
                with os.fdopen(writing, "wb") as out:
                    _send_all(produce(*args), out)
            finally:
                os._exit(0)
        os.close(writing)
        self._pid, self._channel = pid, os.fdopen(reading, "rb")

    def __call__(self) -> object:
        if self._pid is None:
            return next(self._values)
        try:
            result = pickle.load(self._channel)
        except EOFError:
            raise RuntimeError("den andra processen avslutades utan svar") from None
        return _unpack(result)

    def close(self) -> None:
        """The child's end: a child still sending meets a closed pipe and leaves."""
        if self._pid is not None:
            self._channel.close()
            os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> aside:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _send_all(values: Iterator, out) -> None:
    try:
        for value in values:
            pickle.dump(("ok", value), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
        pickle.dump(("end", None), out)
    except BaseException as error:  # noqa: BLE001 (any failure goes to the parent)
        try:
            answer = pickle.dumps(("raise", error))
        except Exception:
            answer = pickle.dumps(("raise", RuntimeError(f"{type(error).__name__}: {error}")))
        out.write(answer)


def _unpack(result: tuple) -> object:
    kind, value = result
    if kind == "raise":
        raise value
    if kind == "end":
        raise RuntimeError("inga fler svar")
    return value
