"""The handbook's specification of the fingerprint (render/site_files/pages/handbok/fingeravtryck.md) says what the
code does: its example is the canonical text canonical.py makes of the same blocks, and the white
space it lists is exactly what Python's split() (and so normal()) treats as white space."""

import re

from avtal.render import theme

SPEC = theme.PAGES / "handbok" / "fingeravtryck.md"


def test_the_example_is_what_the_code_makes():
    from avtal.render.word.canonical import Blocks, canonical_text

    text = SPEC.read_text("utf-8")
    example = re.search(r"```text\n(.*?)```", text, re.S).group(1)
    expected = example.replace("⏎\n", "\n").replace("⇥", "\t")
    blocks = Blocks(body=["Kommunen ansvarar för hälso- och sjukvård i hemmet.", ["Hemsjukvård", " Kommunen", ""]],
                    notes=[["Hälso- och sjukvårdslagen (2017:30)."]])
    assert canonical_text(blocks) == expected


def test_the_white_space_listed_is_pythons():
    text = SPEC.read_text("utf-8")
    assert "tecknen 1C–1F" in text and "U+2000–U+200A" in text and "U+3000" in text
    spaces = {c for c in range(0x110000) if chr(c).isspace()}
    listed = {0x9, 0xA, 0xB, 0xC, 0xD, *range(0x1C, 0x20), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028,
              0x2029, 0x202F, 0x205F, 0x3000}
    assert spaces == listed
