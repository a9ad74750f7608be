"""`avtal check`'s output: the findings printed (text, JSON, annotations) and `--explain CODE`.

cli.py keeps the usage errors and what comes first of all: the process that reads the
documents beside this one (rules/early.py), started before anything here is imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..codes import CODES
from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from ..findings import has_errors
from ..source.forked import TextReads
from .check import check
from .formats import RENDERERS, summary, without_info


def explain(name: str) -> int:
    code = CODES.get(name.upper())
    if code is None:
        raise UsageError(f"okänd kod {name}; koderna är AV001–{max(CODES)}")
    print(code.explain())
    return EXIT_OK


def run_check(root: Path, base: str | None, output_format: str, show_info: bool, reads: TextReads | None) -> int:
    _, findings = check(root, base=base, parallel=True, reads=reads)
    # People (text, annotations in a pull request) get the information as a count unless they ask;
    # the machine formats always carry every finding.
    hide_info = output_format in ("text", "github") and not show_info
    sys.stdout.write(RENDERERS[output_format](without_info(findings) if hide_info else findings))
    if output_format == "text":
        sys.stdout.flush()  # the summary comes last also where both streams go to one place (pre-commit, CI logs)
        print(summary(findings, info_hidden=hide_info), file=sys.stderr)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK
