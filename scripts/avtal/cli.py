"""The command line: `avtal check | build | docx | compare | verify | decisions | package | remiss |
changelog | new | init | schema`, in Swedish: what each command does. What the command line accepts
(commands, arguments, flags and their help) is in arguments.py.

Exit codes are a contract: 0 no errors, 1 errors in the documents, 2 a usage error.
Commands import what they need when they run, so that `avtal check` stays fast and never
loads python-docx, Jinja2 or mkdocs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import arguments
from .exits import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError


def _root(args: argparse.Namespace) -> Path:
    from .source.layout import RootNotFound, find_root

    start = Path(args.root).resolve() if args.root else Path.cwd()
    try:
        return find_root(start)
    except RootNotFound:
        raise UsageError(
            f"hittar inget arkiv för överenskommelsen i {start} eller ovanför "
            "(det känns igen på schema/dokumenttyper.yaml); kör kommandot i arkivet eller ange --root"
        ) from None


def cmd_check(args: argparse.Namespace) -> int:
    import gc

    # A short run that makes no cyclic garbage: collecting would only cost time (a tenth), most of it
    # while Pydantic and the models are imported, so the collector stops before the imports.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if args.explain:
            from .rules.commands import explain

            return explain(args.explain)
        from .rules.early import start

        root = _root(args)
        reads = start(root)  # first of all: from here on a second process reads documents (source/forked.py)
        from .rules.commands import run_check

        try:
            return run_check(root, args.base, args.format, args.show_info, reads)
        except _history_errors() as error:
            raise UsageError(_history_message(error, args.base)) from None
    finally:
        if collecting:
            gc.enable()


def _history_errors() -> tuple[type[Exception], ...]:
    from .history.gitpipe import HistoryError

    return (HistoryError,)


def _history_message(error: Exception, rev: str | None) -> str:
    if rev is not None and str(error) == rev:
        return (f"revisionen {rev} finns inte i arkivet; hämta den (i CI: hela historiken, fetch-depth: 0) "
                "eller ange en annan med --base")
    return str(error)


def cmd_changelog(args: argparse.Namespace) -> int:
    import gc

    from .history.early import start_early

    gc.disable()  # a short run that makes no cyclic garbage: collecting would only cost time
    root = _root(args)
    start_early(root)  # git reads the history while the rest of the history stage is imported
    from .history.commands import run_changelog

    try:
        return run_changelog(root, args.doc, args.format)
    except _history_errors() as error:
        raise UsageError(_history_message(error, None)) from None


def cmd_build(args: argparse.Namespace) -> int:
    from .render.build import build

    return build(_root(args), Path(args.out).resolve() if args.out else None)


def cmd_docx(args: argparse.Namespace) -> int:
    if args.version is not None:  # an earlier version, from the history
        from .compare.commands import run_docx_version

        return run_docx_version(_root(args), args.doc, args.version, args.output, args.party)
    import gc

    gc.disable()  # one document in a short run: collecting cyclic garbage would only cost time (a tenth)
    from .render.word.single import make_one

    return make_one(_root(args), args.doc, args.output, args.party)


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare.commands import CompareRequest, run_compare

    request = CompareRequest(args.doc, args.from_, args.to, args.base, args.format, args.output, args.author)
    return run_compare(_root(args), request)


# -- Decisions: verify, decisions, package (decisions/commands.py) ---------------------------


def cmd_verify(args: argparse.Namespace) -> int:
    from .decisions.commands import run_verify

    return run_verify(_root(args), args.files, args.record)


def cmd_decisions(args: argparse.Namespace) -> int:
    from .decisions.commands import run_decisions

    return run_decisions(_root(args), args.doc)


def cmd_package(args: argparse.Namespace) -> int:
    from .decisions.commands import run_package

    return run_package(_root(args), args.doc, args.party, Path(args.out).resolve() if args.out else Path.cwd())


def cmd_in_force(args: argparse.Namespace) -> int:
    from .decisions.commands import run_in_force

    return run_in_force(_root(args), args.party, args.date)


def cmd_serve(args: argparse.Namespace) -> int:
    from .render.ports import port_problem

    if not 0 < args.port < 65536:
        raise UsageError(f"porten {args.port} finns inte; ange ett tal från 1 till 65535")
    problem = port_problem(args.adress, args.port)  # before the site's machinery is even loaded
    if problem:
        print(problem, file=sys.stderr, flush=True)
        return 2
    from .render.preview import serve

    return serve(_root(args), args.adress, args.port)


def cmd_new(args: argparse.Namespace) -> int:
    from .source.models.data import DATA_MODELS
    from .source.new import new_data, new_document

    if args.type in DATA_MODELS:
        return new_data(_root(args), args.type, args.id, document=args.document)
    if args.document is not None:
        raise UsageError(f"--document gäller bara datafiler ({', '.join(DATA_MODELS)})")
    return new_document(_root(args), args.type, args.id, title=args.title, annex_of=args.annex_of)


def cmd_init(args: argparse.Namespace) -> int:
    from .source.init import init_repository, read_names

    municipalities = [*(args.kommun or []), *(read_names(Path(args.kommuner)) if args.kommuner else [])]
    return init_repository(Path(args.folder).resolve(), args.region, municipalities, title=args.title)


def cmd_remiss(args: argparse.Namespace) -> int:
    from .remiss import commands

    root = _root(args)
    if args.action == "new":
        return commands.run_new(root, args.round, args.deadline, args.documents, args.sent, args.title)
    if args.action == "form":
        return commands.run_form(root, args.round, args.recipient, args.output)
    if args.action == "import":
        from .remiss.importing import run_import

        return run_import(root, args.round, args.file, args.replace)
    if args.action == "package":
        return commands.run_package(root, args.round, args.out)
    return commands.run_compile(root, args.round, args.output)


def cmd_schema(args: argparse.Namespace) -> int:
    from .source.schema_export import write_schemas

    return write_schemas(_root(args), check_only=args.check)


# Each command's function by its name in the parser (arguments.py sets it as args.run).
COMMANDS = {
    "build": cmd_build,
    "changelog": cmd_changelog,
    "check": cmd_check,
    "compare": cmd_compare,
    "decisions": cmd_decisions,
    "docx": cmd_docx,
    "in_force": cmd_in_force,
    "init": cmd_init,
    "new": cmd_new,
    "package": cmd_package,
    "remiss": cmd_remiss,
    "schema": cmd_schema,
    "serve": cmd_serve,
    "verify": cmd_verify,
}


def parser() -> argparse.ArgumentParser:
    return arguments.parser(COMMANDS)


def _exit_at_once(code: int) -> None:
    """End the process without freeing its objects one by one: the change log's history is hundreds
    of thousands of them, and tearing them down is a twentieth of the command. Only when avtal is the
    program (main() without arguments, as `avtal` and `python -m avtal` call it), once the output is
    written; a broken pipe on the last flush goes to main's handler."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code = args.run(args)
        if argv is None and getattr(args, "exit_at_once", False) and not (sys.gettrace() or sys.getprofile()):
            _exit_at_once(code)  # not under a profiler or a coverage tracer, which write their results at exit
        return code
    except UsageError as error:
        print(f"avtal: fel: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a program that stopped reading (`avtal … | head`): no error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so that Python's flush at exit is quiet
        return EXIT_OK
    except Exception as error:  # a bug in avtal, not in the documents
        if os.environ.get("AVTAL_DEBUG"):
            raise
        print(
            f"avtal: internt fel ({type(error).__name__}: {error}). Det är ett fel i verktyget, inte i dokumenten; "
            "kör igen med AVTAL_DEBUG=1 för detaljer och rapportera det.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
