"""The short cuts `avtal check` takes on the common case (issue 25) give what the long way gives."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from avtal.source.characters import CONTROL_RE
from avtal.source.files import _control_characters

# Text with now and then a control character, a line or paragraph separator, a tab, a hard space.
_SPECIAL = "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\u2028\u2029\ufffe\uffff\t\n\xa0\u200b"
TEXT = st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from(_SPECIAL)), max_size=80)


def test_every_control_character_is_one_isprintable_refuses():
    """The fast path of _control_characters relies on it: a printable text holds no control character."""
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if CONTROL_RE.match(c) and c.isprintable()]


@settings(max_examples=300)
@given(TEXT)
def test_control_characters_are_found_as_the_search_finds_them(text: str):
    cleaned, findings = _control_characters(text, "plans/plan.md")
    matches = list(CONTROL_RE.finditer(text))
    assert cleaned == CONTROL_RE.sub(" ", text)
    assert len(findings) == min(len(matches), 21)
    for found, match in zip(findings, matches, strict=False):
        assert found.column == match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
