"""Attribute lists are read by the check as the renderer reads them (issue 24, defect 1): whatever
attribute attr_list puts on an element, other than an id or a class, the check has reported (AV307)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from avtal.source.markdown_scan import scan_body

_BRACES = st.builds(lambda before, inner, after: f"{before}{{{inner}}}{after}", st.text("{ ", max_size=2),
                    st.text(alphabet="#.=:'\" abxÅ{}", max_size=10), st.text("} ", max_size=2))
_WORDS = st.text(alphabet="abc åäö", min_size=1, max_size=10).filter(str.strip)
_PLACES = ["{t}\n{b}", "> {t}\n> {b}", "- {t}\n  {b}", "## {t} {b}", "| k |\n|---|\n| {t} {b} |", "*{t}*{b}",
           "`{t}`{b}", "{t} {b}", "{b}", "Term\n:   {t} {b}", "{t}\n{b}\n{t}"]


def _rendered_attributes(text: str) -> set[str]:
    md = Markdown(extensions=["attr_list", "tables", "def_list", "sane_lists"])
    found: set[str] = set()

    class Collect:
        def run(self, root):
            for element in root.iter():
                found.update(key for key in element.keys() if key not in ("id", "class", "align"))

    from markdown.treeprocessors import Treeprocessor

    collector = type("C", (Treeprocessor,), {"run": Collect.run})(md)
    md.treeprocessors.register(collector, "collect", 0)
    md.convert(text)
    return found


@settings(max_examples=400, deadline=None)
@given(place=st.sampled_from(_PLACES), words=_WORDS, braces=_BRACES)
def test_every_attribute_the_renderer_sets_is_one_the_check_reported(place, words, braces):
    text = place.format(t=words, b=braces)
    attributes = _rendered_attributes(text)
    reported = scan_body(text, 1).bad_attrs
    if attributes:
        assert reported, (text, attributes)


def test_ids_and_classes_and_braces_inside_text_are_not_reported():
    for text in ("Text\n{: .klass #id}", "## Rubrik {#rubrik}", "*a*{.b}", "Ett {ord} mitt i texten.", "{{"):
        assert scan_body(text, 1).bad_attrs == [], text
