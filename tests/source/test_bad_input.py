"""Bad input through the real command line: exit 1, a finding at the right file and line,
no traceback, and not one byte of the repository changed."""

from __future__ import annotations

import time

import pytest

from conftest import document, front_matter

GLOSSARY = """\
kind: glossary
document: plan
terms:
  - id: vardbegaran
    term: vårdbegäran
    forms: [vårdbegärans]
    definition: En begäran om insatser.
"""

BILLION_LAUGHS = "\n".join(
    ['lol0: &a0 ["lol"]'] + [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def _line_of(text: str, needle: str) -> int:
    return next(number for number, content in enumerate(text.split("\n"), 1) if needle in content)


def _doc_with_front_matter_lines(*lines: str) -> str:
    return front_matter().replace("\n---\n", "\n" + "\n".join(lines) + "\n---\n", 1) + "\n## Syfte {#syfte}\n"


CASES = {
    # name: (files, expected path, line or a text on that line, code)
    "malformed YAML": ({"plans/plan.md": front_matter(title="a: b")}, "plans/plan.md", 3, "AV009"),
    "wrong type": ({"plans/plan.md": document(title="[ett, två]")}, "plans/plan.md", 3, "AV103"),
    "unknown field": ({"plans/plan.md": document(titel="Plan")}, "plans/plan.md", 11, "AV101"),
    "missing required field": ({"plans/plan.md": document(owner=None)}, "plans/plan.md", 1, "AV102"),
    "duplicate id": (
        {"plans/plan.md": document(), "plans/plan-2.md": document()},
        "plans/plan-2.md", 2, "AV107",
    ),
    "broken link": (
        {"plans/plan.md": document("Se [bilagan](../annexes/finns-inte.md).\n")},
        "plans/plan.md", "finns-inte", "AV201",
    ),
    "broken anchor": (
        {"plans/plan.md": document("Se [syftet](#syftet).\n")},
        "plans/plan.md", "#syftet", "AV202",
    ),
    "undefined term": (
        {"plans/plan.md": document("Om [[vårdbegäran]] och [[vårdbegärn]].\n"), "plans/begrepp.yaml": GLOSSARY},
        "plans/plan.md", "vårdbegärn", "AV401",
    ),
    "YAML alias bomb": (
        {"plans/plan.md": _doc_with_front_matter_lines(*BILLION_LAUGHS.split("\n"))},
        "plans/plan.md", 11, "AV011",
    ),
    "python object tag": (
        {"plans/plan.md": document(title="!!python/object/apply:os.system ['echo pwned']")},
        "plans/plan.md", 3, "AV010",
    ),
    "binary file": ({"plans/plan.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "plans/plan.md", 3, "AV005"),
    "non-UTF-8 file": (
        {"plans/plan.md": document("Hälsa").encode("utf-8").replace("Hälsa".encode(), "H\xe4lsa".encode("latin-1"))},
        "plans/plan.md", 8, "AV001",
    ),
    "5 MB file": ({"plans/plan.md": document("x" * 5_000_000)}, "plans/plan.md", 1, "AV006"),
    "raw script": (
        {"plans/plan.md": document("Text.\n\n<script>alert('x')</script>\n")},
        "plans/plan.md", "<script>", "AV306",
    ),
    "BOM": ({"plans/plan.md": "\ufeff" + document()}, "plans/plan.md", 1, "AV002"),
    "CRLF": ({"plans/plan.md": document().replace("\n", "\r\n")}, "plans/plan.md", 1, "AV003"),
    "no front matter": ({"plans/plan.md": "## Syfte {#syfte}\n"}, "plans/plan.md", 1, "AV007"),
    "unterminated front matter": ({"plans/plan.md": front_matter()[:-4]}, "plans/plan.md", 1, "AV008"),
    "empty file": ({"plans/plan.md": ""}, "plans/plan.md", 1, "AV004"),
    "data file alias": (
        {"plans/plan.md": document(), "plans/risker.yaml": "kind: risks\ndocument: plan\nx: &a 1\ny: *a\n"},
        "plans/risker.yaml", 3, "AV011",
    ),
    "unknown data kind": ({"plans/plan.md": document(), "plans/data.yaml": "kind: riskz\n"}, "plans/data.yaml", 1, "AV014"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_a_finding_not_a_crash(repo, name):
    files, path, line, code = CASES[name]
    for rel, text in files.items():
        repo.write(rel, text)
    if isinstance(line, str):
        line = _line_of(files[path], line)
    before = repo.snapshot()

    started = time.perf_counter()
    result = repo.avtal("check", "--format", "json")
    elapsed = time.perf_counter() - started

    assert result.code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    found = [(f["path"], f["line"], f["code"]) for f in result.findings]
    assert (path, line, code) in found, found
    assert repo.snapshot() == before
    assert elapsed < 10  # an alias bomb or a huge file must not blow up time or memory


def test_non_utf8_reports_line_and_column_of_the_bad_byte(repo):
    text = document("Rad ett.\n\nDen här raden.\n")
    repo.write("plans/plan.md", text.encode("utf-8").replace("här".encode(), "h\xe4r".encode("latin-1")))
    (finding,) = [f for f in repo.check() if f.code == "AV001"]
    assert (finding.line, finding.column) == (_line_of(text, "Den här"), 6)
    assert "0xe4" in finding.message


def test_yaml_errors_are_in_swedish_and_point_at_the_key(repo):
    repo.write("plans/plan.md", _doc_with_front_matter_lines("extra:", "\t- tabb"))
    (finding,) = repo.check()
    assert finding.code == "AV009"
    assert finding.line == 12
    assert finding.message.startswith("Tabbtecken får inte användas")


def test_unknown_field_suggests_the_right_name(repo):
    repo.write("plans/plan.md", document(titel="Plan"))
    (finding,) = [f for f in repo.check() if f.code == "AV101"]
    assert 'Okänt fält "titel"; menade du "title"?' == finding.message
