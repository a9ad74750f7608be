"""Strict YAML: plain values, positions of keys, refusals."""

import datetime as dt

from avtal.source.yamlsafe import Pos, parse_yaml


def test_versions_and_numbers_keep_their_text():
    parsed = parse_yaml('version: 1.10\nother: 1.1\nint: 45\n')
    assert parsed.value == {"version": "1.10", "other": "1.1", "int": 45}


def test_dates_booleans_and_nulls_are_typed_but_yes_and_no_are_text():
    parsed = parse_yaml("d: 2026-11-22\nt: true\nn: null\nja: ja\nno: no\non: on\n")
    assert parsed.value == {"d": dt.date(2026, 11, 22), "t": True, "n": None, "ja": "ja", "no": "no", "on": "on"}


def test_leading_zero_numbers_stay_text():
    assert parse_yaml("dnr: 0123\n").value == {"dnr": "0123"}


def test_positions_of_nested_keys_and_list_items():
    parsed = parse_yaml("a:\n  b:\n    - x\n    - y\n")
    assert parsed.pos(("a", "b")) == Pos(2, 3)
    assert parsed.pos(("a", "b", 1)) == Pos(4, 7)
    assert parsed.pos(("a", "b", 1, "missing")) == Pos(4, 7)


def test_duplicate_keys_are_reported_not_overwritten():
    parsed = parse_yaml("a: 1\na: 2\n")
    assert parsed.value == {"a": 1}
    assert [(p.code, p.pos.line) for p in parsed.problems] == [("AV012", 2)]


def test_anchors_aliases_and_tags_are_refused():
    parsed = parse_yaml("a: &x 1\nb: *x\nc: !!python/name:os.system x\n")
    assert [(p.code, p.pos.line) for p in parsed.problems] == [("AV011", 1), ("AV011", 2), ("AV010", 3)]


def test_deep_nesting_is_refused_without_recursion_error():
    parsed = parse_yaml("a: " + "[" * 200 + "]" * 200 + "\n")
    assert any(p.code == "AV013" for p in parsed.problems)


def test_keys_are_text_even_when_they_look_like_numbers():
    assert parse_yaml("2026: x\ntrue: y\n").value == {"2026": "x", "true": "y"}


def test_more_than_one_document_is_refused():
    parsed = parse_yaml("a: 1\n---\nb: 2\n")
    assert [p.code for p in parsed.problems] == ["AV009"]


def test_a_date_that_does_not_exist_stays_text_for_the_model_to_report():
    parsed = parse_yaml("x: 1\ndate: 2026-02-30\n")
    assert parsed.value == {"x": 1, "date": "2026-02-30"} and parsed.problems == []
