"""mkdocs' warnings about links reach the user in Swedish, with the path of the file to open."""

from __future__ import annotations

import logging

import pytest

from avtal.render.site_messages import LINK_LOGGERS, install, swedish


def _path(uri: str) -> str:
    return uri if uri.startswith("plans/") else f"webbplats/{uri}"


@pytest.mark.parametrize(("english", "expected"), [
    ("Doc file 'plans/plan.md' contains a link '../schema/parter.yaml', but the target 'schema/parter.yaml' is not "
     "found among documentation files.",
     'plans/plan.md: länken "../schema/parter.yaml" går till en fil som inte finns på webbplatsen'),
    ("Doc file 'word-filer.md' contains a link 'plan.md', but the target is not found among documentation files. "
     "Did you mean 'plans/plan.md'?",
     'webbplats/word-filer.md: länken "plan.md" går till en fil som inte finns på webbplatsen; menade du "plans/plan.md"?'),
    ("Doc file 'word-filer.md' contains an unrecognized relative link 'mapp/', it was left as is.",
     'webbplats/word-filer.md: länken "mapp/" går inte till någon fil på webbplatsen'),
    ("Doc file 'word-filer.md' contains an absolute link '/plans/plan.md', it was left as is. Did you mean "
     "'plans/plan.md'?",
     'webbplats/word-filer.md: länken "/plans/plan.md" är absolut; skriv sökvägen relativt till sidan; '
     'menade du "plans/plan.md"?'),
    ("Doc file 'plans/plan.md' contains a link '#saknas', but there is no such anchor on this page.",
     'plans/plan.md: ankaret i länken "#saknas" finns inte på sidan'),
    ("Doc file 'plans/plan.md' contains a link '../agreement/x.md#a', but the doc 'agreement/x.md' does not contain "
     "an anchor '#a'.",
     'plans/plan.md: ankaret "#a" i länken "../agreement/x.md#a" finns inte i agreement/x.md'),
    ("Doc file 'plans/plan.md' contains a link to 'utkast.md' which is excluded from the built site.",
     "plans/plan.md: länken går till utkast.md, som inte tas med på webbplatsen"),
])
def test_each_link_warning_in_swedish(english, expected):
    assert swedish(english, _path) == expected


def test_the_loggers_of_both_engines_are_caught():
    """ProperDocs (the fallback engine) logs under properdocs.*, MkDocs under mkdocs.*."""
    assert {"mkdocs.structure.pages", "properdocs.structure.pages", "mkdocs.commands.build",
            "properdocs.commands.build"} <= set(LINK_LOGGERS)


@pytest.mark.parametrize("logger_name", LINK_LOGGERS)
def test_other_messages_pass_unchanged_and_records_are_rewritten_in_place(caplog, logger_name):
    assert swedish("Cleaning site directory") is None
    install(_path)
    install(_path)  # mkdocs serve builds again: one filter, not two
    logger = logging.getLogger(logger_name)
    assert len([f for f in logger.filters if type(f).__name__ == "SwedishLinkWarnings"]) == 1
    try:
        with caplog.at_level(logging.WARNING, logger=logger_name):
            logger.warning("Doc file 'plans/plan.md' contains a link 'x.yaml', but the target 'plans/x.yaml' is not "
                           "found among documentation files.")
    finally:
        for name in LINK_LOGGERS:
            for installed in [f for f in logging.getLogger(name).filters if type(f).__name__ == "SwedishLinkWarnings"]:
                logging.getLogger(name).removeFilter(installed)
    assert caplog.messages == ['plans/plan.md: länken "x.yaml" går till en fil som inte finns på webbplatsen']
