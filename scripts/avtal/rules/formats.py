"""The findings as people and tools read them: text, JSON, GitHub annotations, GitLab's report.

Every format lists errors first, then warnings, then information, each in file order: the cause
of a failed check is the first line a person reads, and the first annotation GitHub shows (it
shows only the first ten of each level in a step). Text says `fel`, `varning`, `upplysning`;
the machine formats keep their own stable values (`error`, `warning`, `info`).
"""

from __future__ import annotations

from collections import Counter
from operator import attrgetter

from ..findings import Finding, Severity, by_severity

_SEVERITY = attrgetter("severity")

SHOW_INFO_FLAG = "--visa-upplysningar"


def render_text(findings: list[Finding]) -> str:
    return "".join(f.as_text() + "\n" for f in by_severity(findings))


# json and hashlib are imported by the formats that use them: the text a person reads needs neither.


def render_json(findings: list[Finding]) -> str:
    import json

    return json.dumps([f.as_dict() for f in by_severity(findings)], ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_escape(value: str, *, property_value: bool = False) -> str:
    # The escaping GitHub's workflow commands require (actions/toolkit, command.ts).
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(findings: list[Finding]) -> str:
    lines = []
    for f in by_severity(findings):
        props = ",".join(
            f"{key}={_github_escape(str(value), property_value=True)}"
            for key, value in (("file", f.path), ("line", f.line), ("col", f.column), ("title", f.code))
        )
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_github_escape(f.message)}\n")
    return "".join(lines)


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render_gitlab(findings: list[Finding]) -> str:
    """GitLab's code quality report (a subset of Code Climate's format): merge requests show it inline."""
    import json

    report = [
        {
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": _fingerprint(f),
            "severity": _GITLAB_SEVERITY[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for f in by_severity(findings)
    ]
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _fingerprint(f: Finding) -> str:
    # GitLab compares fingerprints between the target branch's report and the merge request's:
    # they are built from the stable machine values, so that a change of wording in the text
    # output does not make every finding look new.
    import hashlib

    line = f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}"
    return hashlib.sha1(line.encode("utf-8")).hexdigest()


RENDERERS = {"text": render_text, "json": render_json, "github": render_github, "gitlab": render_gitlab}


def without_info(findings: list[Finding]) -> list[Finding]:
    """What a person sees by default: the open questions and statements to verify are counted, not listed."""
    return [f for f in findings if f.severity is not Severity.INFO]


def summary(findings: list[Finding], *, info_hidden: bool = False) -> str:
    """A one-line Swedish count, for the end of text output; says how to list hidden information."""
    counts = Counter(map(_SEVERITY, findings))  # one pass in C: a large repository has tens of thousands
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    parts = [
        f"{errors} fel",
        f"{warnings} {'varning' if warnings == 1 else 'varningar'}",
        f"{infos} {'upplysning' if infos == 1 else 'upplysningar'}",
    ]
    text = ", ".join(parts)
    if info_hidden and infos:
        text += f" (visa dem med {SHOW_INFO_FLAG})"
    return text


def report_stop(findings: list[Finding], what: str) -> None:
    """A command stopped by errors: the errors on standard output, then the summary and what was not
    done (`what`, for example "Ingen Word-fil skrevs.") on standard error."""
    import sys

    sys.stdout.write(render_text([f for f in findings if f.severity is Severity.ERROR]))
    print(f"{summary(findings)}. {what}", file=sys.stderr)
