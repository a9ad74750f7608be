"""The live preview's two helpers that keep work out of a rebuild (preview.py).

    BackgroundExtras   the later stages' pages and Word files (comparisons), made in a process of
                       their own after a rebuild has been shown
    TemplateCache      the theme's templates, compiled once for the whole preview
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jinja2

from .contributions import Extras


class TemplateCache(jinja2.BytecodeCache):
    """The theme's templates, compiled once for the whole preview, and its list of templates read once:
    mkdocs makes a new Jinja environment for every build (and the search plugin one more), and compiling
    Material's templates and listing its 7,000 icons took half of a rebuild. Jinja checks each template's
    source against what it compiled, so an edited template is compiled again; the folders inside the
    repository (mkdocs.yml's custom_dir) are listed every time."""

    def __init__(self, root: Path):
        self.root = root
        self.kept: dict[str, bytes] = {}
        self.listed: dict[str, list[str]] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()

    def environments(self, get_env):
        """mkdocs' Theme.get_env, with every environment it makes using this cache."""

        def get():
            env = get_env()
            env.bytecode_cache = self
            loader = env.loader
            if isinstance(loader, jinja2.FileSystemLoader):
                loader.list_templates = lambda: self._list(loader.searchpath)
            return env

        return get

    def _list(self, folders: list[str]) -> list[str]:
        found: set[str] = set()
        for folder in folders:
            own = Path(folder).resolve().is_relative_to(self.root.resolve())
            names = None if own else self.listed.get(folder)
            if names is None:
                # Without hidden folders (the icons): mkdocs leaves them out of the site anyway, and
                # includes read a template by its name, not from this list.
                names = [n for n in jinja2.FileSystemLoader(folder).list_templates()
                         if not any(part.startswith(".") for part in n.split("/"))]
                if not own:
                    self.listed[folder] = names
            found.update(names)
        return sorted(found)


# -- The later stages' pages, in the background -----------------------------------------------------


class BackgroundExtras:
    """The comparisons between versions (and whatever later stages add) take seconds and make Word
    files: they are made in a process of their own, at low priority, after a rebuild has been shown,
    and the site is rebuilt with them when they are ready (the server watches `ready`)."""

    def __init__(self, root: Path, ready: Path, receive: Callable[[Extras], None]):
        self.root, self.ready, self.receive = root, ready, receive
        self.process = None
        self.again = self.closed = False
        self.lock = threading.Lock()

    def refresh(self) -> None:
        with self.lock:
            if self.process is not None or self.closed:
                self.again = self.process is not None
                return
            import multiprocessing

            # spawn: the server has threads, and a fork of a process with threads can hang.
            context = multiprocessing.get_context("spawn")
            receive, send = context.Pipe(duplex=False)
            self.process = context.Process(target=gather_in_background, args=(str(self.root), send))
            self.process.start()
            send.close()
        threading.Thread(target=self._wait, args=(self.process, receive), daemon=True).start()

    def _wait(self, process, receive) -> None:
        try:
            ok, value = receive.recv()
        except EOFError:  # stopped (the preview is closing) or died
            ok, value = True, None
        process.join()
        with self.lock:
            self.process, again = None, self.again
            self.again = False
        if not ok:
            print(f"avtal: varning: jämförelserna mellan versioner kunde inte göras ({value}); förhandsvisningen "
                  "visar dokumenten utan dem.", file=sys.stderr, flush=True)
        elif value is not None:
            self.receive(value)
            self.ready.write_text(str(time.time()), encoding="utf-8")  # the server rebuilds
        if again:
            self.refresh()

    def close(self) -> None:
        with self.lock:
            self.closed, process = True, self.process
        if process is not None and process.pid:
            try:  # the process and the workers it forked: a comparison half made is not waited for
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:  # not yet in a group of its own
                process.terminate()
            process.join()


def gather_in_background(root: str, send) -> None:
    """In the background process: the later stages' contributions for the working tree, if it has no
    errors; sent back as (True, Extras or None) or (False, what went wrong)."""
    os.setpgrp()  # a group of its own, which close() stops with the workers it starts
    os.nice(10)
    try:
        send.send((True, _contributions(Path(root))))
    except Exception as error:  # noqa: BLE001 (a bug in a later stage must not stop the preview)
        send.send((False, f"{type(error).__name__}: {error}"))
    finally:
        send.close()


def _contributions(root: Path) -> Extras | None:
    from ..findings import has_errors
    from ..history.changelog import changelog_if_any
    from ..history.provenance import pin_source_date
    from ..rules.check import check_corpus
    from ..source.load import load_corpus
    from .contributions import gather

    corpus = load_corpus(root)
    if has_errors(check_corpus(corpus)):
        return None
    pin_source_date(root)
    return gather(root, corpus, changelog_if_any(root, quiet=True))
