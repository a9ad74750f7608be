"""mkdocs' warnings about links, in Swedish.

`avtal check` reports links in the documents that go nowhere (AV201, AV202, AV210), with
line and column. mkdocs warns about the same links again, in English, while it builds, and
about links in the site's own pages (webbplats/), which the check does not read. This filter
rewrites those warnings into Swedish with the path an editor can open; any other message of
mkdocs passes unchanged. The texts are those of mkdocs 1.6 (pinned below 2 in pyproject.toml).

The same build runs under ProperDocs, the maintained fork of MkDocs 1.x (the fallback: see
scripts/avtal/README.md, "Webbplatsens motor"). ProperDocs answers imports of `mkdocs.*` with its own
modules, whose loggers are named `properdocs.*`, with the same messages: the filter and the handler go
on both engines' loggers, so that the messages are caught whichever engine builds.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# The engines' top loggers: MkDocs, and ProperDocs (its modules log under their own names).
ENGINE_LOGGERS = ("mkdocs", "properdocs")
# The loggers that validate links (structure/pages.py, commands/build.py), under either engine.
LINK_LOGGERS = tuple(f"{engine}.{module}" for engine in ENGINE_LOGGERS
                     for module in ("structure.pages", "commands.build"))
_DOC = r"^Doc file '(?P<page>.*?)' contains "
_MESSAGES = [
    (re.compile(_DOC + r"a link '(?P<url>.*?)', but the target(?: '(?P<target>.*?)')? is not found among "
                r"documentation files\.(?: Did you mean '(?P<hint>.*?)'\?)?$"),
     'länken "{url}" går till en fil som inte finns på webbplatsen{hint}'),
    (re.compile(_DOC + r"an unrecognized relative link '(?P<url>.*?)', it was left as is\.(?: Did you mean '(?P<hint>.*?)'\?)?$"),
     'länken "{url}" går inte till någon fil på webbplatsen{hint}'),
    (re.compile(_DOC + r"an absolute link '(?P<url>.*?)', it was left as is\.(?: Did you mean '(?P<hint>.*?)'\?)?$"),
     'länken "{url}" är absolut; skriv sökvägen relativt till sidan{hint}'),
    (re.compile(_DOC + r"a link '(?P<url>.*?)', but there is no such anchor on this page\..*$"),
     'ankaret i länken "{url}" finns inte på sidan'),
    (re.compile(_DOC + r"a link '(?P<url>.*?)', but the doc '(?P<target>.*?)' does not contain an anchor '#(?P<anchor>.*?)'\.$"),
     'ankaret "#{anchor}" i länken "{url}" finns inte i {target}'),
    (re.compile(_DOC + r"a link to '(?P<target>.*?)' which is excluded from the built site\.$"),
     'länken går till {target}, som inte tas med på webbplatsen'),
]


def swedish(message: str, source_path: Callable[[str], str] = str) -> str | None:
    """The Swedish text of one of mkdocs' link warnings, or None for any other message.

    `source_path` turns mkdocs' name of a page into the path of its file in the repository."""
    for pattern, text in _MESSAGES:
        match = pattern.match(message)
        if match:
            values = {k: v or "" for k, v in match.groupdict().items()}
            values["hint"] = f'; menade du "{values["hint"]}"?' if values.get("hint") else ""
            return f"{source_path(values['page'])}: " + text.format(**values)
    return None


class SwedishLinkWarnings(logging.Filter):
    """Rewrites mkdocs' link warnings in place; lets every record through."""

    def __init__(self, source_path: Callable[[str], str] = str):
        super().__init__()
        self.source_path = source_path

    def filter(self, record: logging.LogRecord) -> bool:
        text = swedish(record.getMessage(), self.source_path)
        if text is not None:
            record.msg, record.args = text, ()
        return True


def install(source_path: Callable[[str], str]) -> None:
    """Put the filter on the loggers that validate links, replacing an earlier one (mkdocs serve rebuilds)."""
    for name in LINK_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, SwedishLinkWarnings)]:
            logger.removeFilter(old)
        logger.addFilter(SwedishLinkWarnings(source_path))


_LEVELS = {logging.WARNING: "varning", logging.ERROR: "fel", logging.CRITICAL: "fel"}


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"avtal: {_LEVELS.get(record.levelno, 'varning')}: {record.getMessage()}"


@contextmanager
def printed_as_avtal(only: logging.Filter | None = None) -> Iterator[None]:
    """While `avtal build` runs mkdocs: its warnings and errors printed the way avtal prints its own.

    `only`: a filter that leaves out (or rewrites) some of them (the live preview's, preview.py)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_Formatter())
    if only is not None:
        handler.addFilter(only)
    loggers = [logging.getLogger(name) for name in ENGINE_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
