"""The comparison model on element trees: words, blocks, sections; and, for any two documents, that
the merged tree with every change accepted says the newer text and with every change rejected the
older one (hypothesis)."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from avtal.compare.merge import DEL, INS, word_tree
from avtal.compare.model import (
    CHANGED,
    DELETE,
    DELETED,
    INSERT,
    INSERTED,
    KEEP,
    MOVED,
    MOVED_AWAY,
    UNCHANGED,
    Atom,
    compare_trees,
    diff_inline,
    is_block,
)
from avtal.compare.words import atoms, own_key, own_words

EXTENSIONS = ["toc", "attr_list", "tables", "footnotes", "sane_lists"]


def tree(markdown: str) -> etree.Element:
    md = Markdown(extensions=EXTENSIONS)
    root = etree.Element("div")
    for child in etree.fromstring(f"<div>{md.convert(markdown)}</div>"):
        root.append(child)
    return root


def _atoms(text: str) -> list[Atom]:
    from avtal.compare.model import atoms

    paragraph = etree.Element("p")
    paragraph.text = text
    return atoms(paragraph)


def test_changes_separated_only_by_spaces_read_as_one():
    ops = diff_inline(_atoms("vård i ordinärt boende upp till"), _atoms("vård i hemmet, oavsett boendeform, upp till"))
    deleted = "".join(a.text for op, a in ops if op == DELETE)
    inserted = "".join(a.text for op, a in ops if op == INSERT)
    assert (deleted, inserted) == ("ordinärt boende", "hemmet, oavsett boendeform,")
    kinds = [op for op, _ in ops]
    assert kinds.count(KEEP) and "".join(kinds).count("delete" + "insert") <= 1  # one change


WORDS = st.sampled_from(["kommunen", "regionen", "ansvarar", "för", "vård", "i", "hemmet", ",", ".", "läkare"])


@given(st.lists(WORDS, max_size=25), st.lists(WORDS, max_size=25))
def test_a_word_diff_keeps_both_texts(old, new):
    ops = diff_inline(_atoms(" ".join(old)), _atoms(" ".join(new)))
    assert [a.key for op, a in ops if op != INSERT] == [a.key for a in _atoms(" ".join(old))]
    assert [a.key for op, a in ops if op != DELETE] == [a.key for a in _atoms(" ".join(new))]


def test_sections_moved_renamed_inserted_and_deleted():
    old = tree("## A {#a}\n\nEtt.\n\n## B {#b}\n\nTvå.\n\n## Rubrik utan id\n\nTre fyra fem sex.\n\n## C {#c}\n\nSju.\n\n"
               "## D {#d}\n\nÅtta.\n")
    new = tree("## A {#a}\n\nEtt.\n\n## Ny rubrik utan id\n\nTre fyra fem sex.\n\n## C2 {#c}\n\nSju.\n\n"
               "## B {#b}\n\nTvå.\n\n## E {#e}\n\nNio.\n")
    comparison = compare_trees(old, new)
    statuses = [(s.status, s.section.id) for s in comparison.sections]
    assert statuses == [(UNCHANGED, "a"), (MOVED_AWAY, "b"), (CHANGED, "ny-rubrik-utan-id"), (CHANGED, "c"),
                        (DELETED, "d"), (MOVED, "b"), (INSERTED, "e")]
    assert [s.new.title for s in comparison.moved] == ["B"]
    assert comparison.moved[0].changed is False


def test_table_rows_and_list_items_are_aligned():
    old = tree("- ett\n- två\n- tre\n\n| A | B |\n| --- | --- |\n| R1 | x |\n| R2 | y |\n| R3 | z |\n")
    new = tree("- ett\n- tre\n- fyra\n\n| A | B |\n| --- | --- |\n| R1 | x |\n| R2 | y ändrad |\n| R4 | w |\n")
    section = compare_trees(old, new).sections[0]
    items = section.blocks[0].children
    assert [d.op for d in items] == ["equal", DELETED, "equal", INSERTED]
    rows = section.blocks[1].children[1].children
    assert [d.op for d in rows] == ["equal", CHANGED, DELETED, INSERTED]


def _accepted(root: etree.Element, keep: str) -> etree.Element:
    """The merged tree with every change accepted (keep=ins) or rejected (keep=del)."""
    root = copy.deepcopy(root)
    drop = DEL if keep == INS else INS
    for parent in list(root.iter()):
        for index in range(len(parent) - 1, -1, -1):
            child = parent[index]
            if child.tag == drop:
                _remove_keep_tail(parent, index)
            elif child.tag == keep:
                _unwrap(parent, index)
    return root


def _remove_keep_tail(parent: etree.Element, index: int) -> None:
    tail = parent[index].tail or ""
    if index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    del parent[index]


def _unwrap(parent: etree.Element, index: int) -> None:
    child = parent[index]
    text, tail = child.text or "", child.tail or ""
    inner = list(child)
    if index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    del parent[index]
    for offset, node in enumerate(inner):
        parent.insert(index + offset, node)
    if inner:
        inner[-1].tail = (inner[-1].tail or "") + tail
    elif index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _lines(root: etree.Element) -> list[str]:
    """Each block's own words, in order; empty blocks left out."""
    lines = []
    for element in root.iter():
        if not is_block(element) or (element.tag == "div" and "footnote" in (element.get("class") or "")):
            continue
        own = (element.text or "") + "".join(
            "".join(child.itertext()) + (child.tail or "") if not is_block(child) and not (
                child.tag == "a" and "headerlink" in (child.get("class") or "")) else (child.tail or "")
            for child in element)
        words = " ".join(own.split())
        if words:
            lines.append(words)
    return lines


SECTION_IDS = st.sampled_from(["a", "b", "c", "d", "e"])
BLOCK = st.one_of(
    st.lists(WORDS, min_size=1, max_size=8).map(lambda w: " ".join(w).capitalize() + "."),
    st.lists(st.lists(WORDS, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4)
      .map(lambda items: "\n".join(f"- {i}" for i in items)),
)
DOCUMENT = st.lists(st.tuples(SECTION_IDS, st.lists(WORDS, min_size=1, max_size=3).map(" ".join),
                              st.lists(BLOCK, max_size=4)), max_size=5, unique_by=lambda s: s[0])


def _markdown(sections) -> str:
    parts = []
    for section_id, title, blocks in sections:
        parts.append(f"## {title.capitalize()} {{#{section_id}}}")
        parts += blocks
    return "\n\n".join(parts) + "\n"


@settings(max_examples=150, deadline=None)
@given(DOCUMENT, DOCUMENT)
def test_accepting_gives_the_newer_text_and_rejecting_the_older(old, new):
    old_tree, new_tree = tree(_markdown(old)), tree(_markdown(new))
    merged = word_tree(compare_trees(old_tree, new_tree))
    assert _lines(_accepted(merged, INS)) == _lines(new_tree)
    assert _lines(_accepted(merged, DEL)) == _lines(old_tree)


# An inline tree: texts with white space of every kind at the ends, inline elements inside each other,
# images (whose alternative text may end in a space), line breaks, footnote references and blocks.
_TEXT = st.one_of(st.none(), st.text(st.sampled_from([" ", "\n", "\t", "\xa0", "a", "ö", "1", ",", "_"]), max_size=6))


@st.composite
def _inline_tree(draw, depth: int = 0) -> etree.Element:
    element = etree.Element(draw(st.sampled_from(["p", "em", "a", "strong"] if depth else ["p", "li", "td"])))
    element.text = draw(_TEXT)
    for _ in range(draw(st.integers(0, 3 if depth < 2 else 0))):
        kind = draw(st.sampled_from(["inline", "img", "br", "note", "block", "headerlink"]))
        if kind == "inline":
            child = draw(_inline_tree(depth + 1))
        elif kind == "img":
            child = etree.Element("img", src=draw(st.sampled_from(["a.png", ""])), alt=draw(_TEXT) or "")
        elif kind == "note":
            child = etree.Element("sup")
            etree.SubElement(child, "a", {"class": "footnote-ref", "href": "#fn:1"}).text = "1"
        else:
            child = etree.Element({"br": "br", "block": "ul", "headerlink": "a"}[kind],
                                  {"class": "headerlink"} if kind == "headerlink" else {})
            child.text = draw(_TEXT) if kind != "br" else None
        child.tail = draw(_TEXT)
        element.append(child)
    return element


@settings(max_examples=300, deadline=None)
@given(_inline_tree())
def test_a_blocks_key_is_its_atoms_keys_without_making_them(element):
    assert own_key(element) == "".join(atom.key for atom in atoms(element))


@settings(max_examples=300, deadline=None)
@given(_inline_tree())
def test_a_blocks_words_are_its_atoms_keys_without_making_them(element):
    assert own_words(element) == Counter(atom.key for atom in atoms(element) if atom.key != " ")
