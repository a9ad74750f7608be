"""unique_in_file_order (issue 25) orders and removes duplicates exactly as in_file_order(set(…))."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from avtal.findings import Finding, Severity, in_file_order, unique_in_file_order

FINDINGS = st.builds(
    Finding,
    path=st.sampled_from(["a.md", "b.md", "plans/c.yaml"]),
    line=st.integers(1, 3),
    column=st.integers(1, 2),
    code=st.sampled_from(["AV201", "AV323", "AV009"]),
    severity=st.sampled_from(list(Severity)),
    message=st.sampled_from(["x", "y"]),
    follows_from=st.sampled_from([None, "a.md", "b.md"]),
)


@given(st.lists(FINDINGS, max_size=40))
def test_unique_in_file_order_is_in_file_order_of_the_set(findings: list[Finding]):
    expected = in_file_order(set(findings))
    got = unique_in_file_order(findings)
    assert got == expected
    # equal findings that differ in follows_from: the first one stays, as a set keeps it
    assert [f.follows_from for f in got] == [next(g for g in findings if g == f).follows_from for f in got]
