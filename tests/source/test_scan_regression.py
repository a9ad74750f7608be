"""The scanners read what they read before they were made fast (issue 25): markdown_scan's Body and
klarsprak's paragraphs, sentences and LIX, for texts made from a seed, against what the earlier
line-by-line implementation read from the same texts (golden/scan_before_rewrite.json.gz, written by
it). And klarsprak reading the lines markdown_scan read gives what it gives reading the text itself."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scan_views import PIECES, body_view, prose_view, texts

from avtal.source import klarsprak
from avtal.source.markdown_scan import scan_body

GOLDEN = Path(__file__).parent / "golden" / "scan_before_rewrite.json.gz"


def _golden() -> list[dict]:
    return json.loads(gzip.decompress(GOLDEN.read_bytes()))


def test_the_golden_texts_are_the_seeded_texts():
    assert [case["text"] for case in _golden()] == texts(20261207, 250)


@pytest.mark.parametrize("index", range(0, 250, 25))
def test_scan_and_prose_read_what_they_read_before(index):
    for case in _golden()[index:index + 25]:
        text = case["text"]
        body = scan_body(text, 5)
        assert json.loads(json.dumps(body_view(body), ensure_ascii=False)) == case["body"], text
        assert json.loads(json.dumps(prose_view(klarsprak, klarsprak.prose(text, 5)))) == case["prose"], text


markdownish = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(markdownish, st.text(max_size=200)), st.integers(1, 1000))
def test_prose_of_the_scanned_lines_is_prose_of_the_text(text, first_line):
    body = scan_body(text, first_line)
    shared = klarsprak.prose(text, first_line, body.code)
    alone = klarsprak.prose(text, first_line)
    assert prose_view(klarsprak, shared) == prose_view(klarsprak, alone)
    for paragraph in alone:
        spans = paragraph.spans
        assert [paragraph.span_words(first, last) for first, last in spans] == [
            klarsprak.word_count(sentence) for sentence in klarsprak.sentences(paragraph)]
