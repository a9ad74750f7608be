"""`avtal docx DOC`: one document's Word file, checked first, as an editor waits for it.

    make_one(root, doc, output, party)       this process            forked processes (aside)
      ├─ fork ──────────────────────────────► git: the commit and
      ├─ the source stage's modules imported    the change log
      ├─ fork ──────────────────────────────────┼──────────────────► load_for_document (source/single.py)
      ├─ python-docx and Markdown imported,     │                    │
      │  the Word template opened               │                    │
      │       ◄── (source, changelog) ─────────┘                     │
      │       ◄── the corpus as the renderer reads it (pickled) ─────┤
      ├─ the file's bytes (DocxRenderer)                              check_document
      │       ◄── the findings ──────────────────────────────────────┘
      └─ the verdict: errors are reported and nothing is written (whatever the rendering did);
         none, and the file is written

Loading, asking git, checking and rendering used to run one after the other; here the loading and
git run beside the imports of the Word machinery, and the check beside the rendering, on the
machine's second core. The file is written only after the check has passed, exactly as before. A
renderer may fail on what the check reports (`check` passing means the file can be made, not the
reverse), so an exception from the rendering counts only when the check found no error. Where a
process cannot be forked, each part runs here, one after the other.

The waiting path (processor time, issue 25): this process's start and the models' import; then the
longer of the loading process (its imports, the validators, loading, sending) and this process's own
imports (python-docx, Markdown's extensions, the template); then the rendering (the Markdown tree,
a third; the Word XML and its zip, the rest). The command ends at once when the file is written
(cli's exit_at_once): freeing the objects one by one was a sixth of it. Sending plain data instead of
the corpus would move the Markdown tree into the loading process, onto the longer branch.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

from ...exits import EXIT_FINDINGS, EXIT_OK, UsageError


def make_one(root: Path, wanted: str, output: str | None, party: str | None) -> int:
    # git first, before anything heavy is imported: its process needs none of it, and it is mostly done
    # asking before the loading process starts, so the three seldom share the machine's two cores.
    with aside(_ask_git, root) as git:
        # The corpus and its models before the loading fork: this process reads them as the child sends
        # them, and the child needs not import them again; the loader's own modules only the child imports.
        from ...source import corpus as _models  # noqa: F401 (imported for its classes)

        relative = _relative(root, wanted)

        def pick(corpus):  # by id, by path, or by a file named after the id whose front matter is broken
            return (corpus.by_id.get(wanted) or corpus.by_path.get(relative)
                    or next((d for d in corpus.documents if Path(d.path).stem == wanted), None))

        # Only what this document needs is loaded and checked (source/single.py): one file takes a
        # fraction of a second, and errors elsewhere in the repository do not stop it.
        with aside(_load_and_check, root, pick) as answers:
            return _make(answers, git, root, wanted, output, party)


def _make(answers: aside, git: aside, root: Path, wanted: str, output: str | None, party: str | None) -> int:
    from ...findings import has_errors
    from ...history.provenance import pin
    from ...source.layout import CONTENT_FOLDERS, DOCX_FOLDER, shown_path
    from . import urlstandin

    urlstandin.install()  # urllib.request only if used: pymdownx imports it for what is never called here
    from .document import DocxRenderer, docx_name  # python-docx and Markdown, while the others load and ask

    extensions = _warm_markdown(root)
    prepared = _blank_ahead(root)
    asked = _answer(git)  # a failure here counts, as the rendering's, only if the check passed

    corpus, doc = answers()
    problem: UsageError | None = None
    rendering: tuple[str, object] | None = None  # ("ok", bytes) or ("raise", the exception)
    if doc is None:
        problem = _not_found(root, corpus, wanted)
    elif party and party not in corpus.vocabulary.party_names:
        from ...hints import suggestion

        problem = UsageError(f'okänd part "{party}"{suggestion(party, corpus.vocabulary.party_names)}')
    else:
        try:
            source, changelog = _unpack(asked)
            pin(source)  # the commit's time in the file, as pin_source_date would have set it here
            renderer = DocxRenderer(root, corpus, changelog, party, extensions)
            renderer.source = source  # git asked once: the commit that pinned the dates is the one the file names
            renderer.prepared = prepared
            rendering = ("ok", renderer.document(doc))
        except Exception as error:  # it counts only if the check passed: see the module's note
            rendering = ("raise", error)
    findings = answers()
    if has_errors(findings):
        from ...rules.formats import report_stop

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


def _not_found(root: Path, corpus, wanted: str) -> UsageError:
    relative = _relative(root, wanted)
    if relative in corpus.local_sources:  # a template: each municipality's agreement is the document
        some = next((d.meta.id for d in corpus.documents if d.origin and d.origin.template == relative), None)
        example = f", till exempel {some}" if some else ""
        return UsageError(f"{relative} är en mall för lokala avtal; ange en kommuns avtal{example}")
    from ...hints import suggestion  # difflib, only when a name is wrong

    return UsageError(f'dokumentet "{wanted}" finns inte{suggestion(wanted, corpus.by_id)}')


def _load_and_check(root: Path, pick: Callable) -> Iterator:
    """The corpus and the document, then the findings that decide whether the file is written."""
    from ...source.single import load_for_document

    corpus, doc = load_for_document(root, pick)
    yield (corpus, doc) if doc is None else (_for_rendering(corpus, doc), doc)
    if doc is None:
        yield list(corpus.load_findings)
        return
    from ...rules.check import check_document  # the rules are imported where they run

    yield check_document(corpus, doc)


def _for_rendering(corpus, doc):
    """The corpus as the renderer reads it, to be sent: without the positions of the YAML keys and the data
    files' text, which only the check reads (here, in this process). Half the bytes, and the transfer is
    on the waiting path."""
    from dataclasses import replace

    from ...source.yamlsafe import Parsed

    return replace(
        corpus,
        datasets=[replace(dataset, parsed=Parsed(value=None), text="") for dataset in corpus.datasets],
        documents=[d if d is doc else replace(d, front_matter=Parsed(value=d.front_matter.value))
                   for d in corpus.documents])


def _warm_markdown(root: Path):
    """mkdocs.yml's Markdown extensions made once on nothing, while the corpus is on its way: their
    modules imported and their patterns compiled (Python keeps compiled patterns), so that the
    document's own converter is made in a moment once it arrives. Returns the extensions read."""
    from ...source.corpus import Corpus
    from ..markup import configured_extensions, document_markdown

    try:
        configured = configured_extensions(root)
        document_markdown(root, Corpus(root=root, vocabulary=None), "", configured).convert("")
    except Exception:  # an unreadable mkdocs.yml: the check says so, and the renderer reads it again
        return None
    return configured


def _blank_ahead(root: Path) -> tuple[Path | None, object] | None:
    """The Word template opened while the corpus is on its way (this process waits for it anyway): found
    as loading finds it (site_sources), so nothing is read that loading refuses; the renderer takes it
    only if loading names the same template. Any failure is left for the rendering to meet again."""
    from ...source.boundary import site_sources
    from . import identity  # noqa: F401 (the renderer imports it last; here it costs no waiting)
    from .document import blank_document

    try:
        template = site_sources(root)[0].word_template
        return template, blank_document(template)
    except Exception:
        return None


def _ask_git(root: Path) -> Iterator:
    """The commit the sources come from and the change log: mostly waiting for git, in a process of its own."""
    from ...history.changelog import changelog_if_any
    from ...history.provenance import source_commit

    yield source_commit(root), _versions_only(changelog_if_any(root, quiet=True))


def _versions_only(changelog):
    """What a Word file's version history reads of the change log (DocxRenderer._history: each document's
    uncommitted version and its versions), as plain objects: this process reads them without importing
    the history stage, a twentieth of the command's time."""
    if changelog is None:
        return None
    return SimpleNamespace(documents={
        doc_id: SimpleNamespace(
            uncommitted=SimpleNamespace(version=log.uncommitted.version) if log.uncommitted else None,
            versions=[SimpleNamespace(version=e.version, last_date=e.last_date, change_note=e.change_note, owner=e.owner)
                      for e in log.versions])
        for doc_id, log in changelog.documents.items()})


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


def _answer(values: aside) -> tuple[str, object]:
    try:
        return ("ok", values())
    except Exception as error:
        return ("raise", error)


def _unpack(result: tuple) -> object:
    kind, value = result
    if kind == "raise":
        raise value
    if kind == "end":
        raise RuntimeError("inga fler svar")
    return value
