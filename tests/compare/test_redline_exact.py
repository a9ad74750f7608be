"""Every redline of the build, read as ECMA-376 says (tests/compare/wordtext.py, written apart from the
renderer): accepting every change gives exactly the newer version's text, rejecting every change the
older one's: paragraphs (an empty paragraph counts, so a paragraph mark left untracked shows), tables,
footnotes and the table of contents. And the fingerprints the file states are the two versions'.

One difference is allowed, and only this: a table row may end in empty cells on one side (a column
added to a table, which Word cannot track); the fingerprint drops trailing empty cells too."""

from __future__ import annotations

import difflib

import pytest
from compare.redlines import build_redlines
from compare.wordtext import read_contents, read_text

pytestmark = [pytest.mark.slow]  # builds a whole site or every redline: left out of make test-fast


@pytest.fixture(scope="module")
def redlines(tmp_path_factory, repository_build):
    found = build_redlines(tmp_path_factory.mktemp("redlines"), repository_build)
    assert len(found) >= 10
    return found


def _trailing(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.rstrip()
        while line.endswith(" |"):
            line = line[:-2].rstrip()
        out.append(line)
    return out


def _equal(said: list[str], expected: list[str], what: str) -> None:
    if _trailing(said) != _trailing(expected):
        diff = "\n".join(list(difflib.unified_diff(expected, said, "version", "redline", lineterm="", n=1))[:30])
        pytest.fail(f"{what}:\n{diff}")


def test_accept_all_gives_the_newer_version_and_reject_all_the_older(redlines):
    for redline in redlines:
        _equal(read_text(redline.path, "ins", empty=True), read_text(redline.new, empty=True), f"{redline.doc_id} godkänd")
        _equal(read_text(redline.path, "del", empty=True), read_text(redline.old, empty=True), f"{redline.doc_id} avvisad")


def test_the_table_of_contents_is_right_after_accept_all_and_reject_all(redlines):
    for redline in redlines:
        assert read_contents(redline.new), redline.doc_id  # the reader finds the entries at all
        _equal(read_contents(redline.path, "ins"), read_contents(redline.new), f"{redline.doc_id} innehåll godkänd")
        _equal(read_contents(redline.path, "del"), read_contents(redline.old), f"{redline.doc_id} innehåll avvisad")


def test_the_stated_fingerprints_are_the_two_versions(redlines):
    from avtal.decisions.wordfile import read_word

    for redline in redlines:
        word, new, old = read_word(redline.path), read_word(redline.new), read_word(redline.old)
        assert word.properties["Avtal fingeravtryck"] == new.parts[0].fingerprint(), redline.doc_id
        assert word.properties["Avtal fingeravtryck avvisade ändringar"] == old.parts[0].fingerprint(), redline.doc_id
