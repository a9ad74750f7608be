"""The comparison as one element tree: the newer version's blocks, the older version's deleted
blocks where they stood, and within each block <ins> and <del> around the words that changed.

Both renderers start from it: the HTML renderer writes it out (with the cues a screen reader
needs), and the Word renderer renders it like any document and turns the marks into tracked
changes (word.py). The marks sit innermost, inside a link or an emphasis, as Word wants its
revisions inside a hyperlink; a whole inserted or deleted block has each of its paragraphs,
list items and cells marked.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree

from .model import (
    CHANGED,
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    KEEP,
    MOVED,
    MOVED_AWAY,
    UNCHANGED,
    Atom,
    Comparison,
    Diff,
    SectionDiff,
    is_block,
)

INS, DEL = "ins", "del"
MARK_OF = {INSERT: INS, DELETE: DEL}
FOOTNOTES_CLASS = "footnote"


def _bare(element: etree.Element, keep_id: bool = True) -> etree.Element:
    attrib = {k: v for k, v in element.attrib.items() if keep_id or k != "id"}
    return etree.Element(element.tag, attrib)


def _is_headerlink(element: etree.Element) -> bool:
    return element.tag == "a" and "headerlink" in (element.get("class") or "").split()


def _append_text(parent: etree.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def marked(element: etree.Element, mark: str, keep_id: bool | None = None) -> etree.Element:
    """A copy of a whole block, its own text and that of every block inside it within <ins> or <del>.

    A deleted block loses its ids (its heading's id lives on in the newer version, or nowhere)."""
    keep_id = mark == INS if keep_id is None else keep_id
    result = _bare(element, keep_id)
    inline = [child for child in element if not is_block(child) and not _is_headerlink(child)]
    if (element.text or "").strip() or inline:
        wrapper = etree.SubElement(result, mark)
        wrapper.text = element.text
        for child in inline:
            wrapper.append(_stripped_copy(child, keep_id))
        if wrapper[-1:] and wrapper[-1].tail:
            wrapper[-1].tail = wrapper[-1].tail.rstrip() or None
    for child in element:
        if is_block(child):
            result.append(marked(child, mark, keep_id))
    return result


def _stripped_copy(element: etree.Element, keep_id: bool) -> etree.Element:
    result = copy.deepcopy(element)
    if not keep_id:
        for node in result.iter():
            node.attrib.pop("id", None)
    return result


def _inline(parent: etree.Element, ops: list[tuple[str, Atom]]) -> None:
    """Rebuild a block's text from the word diff: the inline elements around each token, and a mark
    innermost around each run of inserted or deleted tokens."""
    open_: list[tuple[tuple, etree.Element]] = []  # (signature, element) below `parent`
    for op, atom in ops:
        want = [(node.tag, tuple(sorted((k, v) for k, v in node.attrib.items() if k != "id"))) for node in atom.path]
        if op != KEEP:
            want.append((MARK_OF[op], ()))
        depth = 0
        while depth < len(open_) and depth < len(want) and open_[depth][0] == want[depth]:
            depth += 1
        del open_[depth:]
        for signature in want[depth:]:
            holder = open_[-1][1] if open_ else parent
            open_.append((signature, etree.SubElement(holder, signature[0], dict(signature[1]))))
        holder = open_[-1][1] if open_ else parent
        if atom.obj is not None:
            item = copy.deepcopy(atom.obj)
            item.tail = None
            holder.append(item)
        else:
            _append_text(holder, atom.text)


def merged(diff: Diff) -> etree.Element:
    """One aligned block as it stands in the merged tree."""
    if diff.op == EQUAL:
        result = copy.deepcopy(diff.new)
        result.tail = None
        return result
    if diff.op == INSERTED:
        return marked(diff.new, INS)
    if diff.op == DELETED:
        return marked(diff.old, DEL)
    result = _bare(diff.new)
    _inline(result, diff.inline)
    for child in diff.children:
        result.append(merged(child))
    return result


def section_elements(section: SectionDiff, moves_as_changes: bool) -> list[etree.Element]:
    """A section's heading and blocks in the merged tree.

    For Word (`moves_as_changes` False) a moved section is deleted where it was and inserted where
    it is, so that rejecting every change gives back the older text; the HTML shows a moved
    section's own changes where it is now."""
    if section.status in (UNCHANGED, CHANGED) or (section.status == MOVED and moves_as_changes):
        diffs = ([section.heading] if section.heading is not None else []) + section.blocks
        return [merged(d) for d in diffs]
    source = section.new if section.status in (INSERTED, MOVED) else section.old
    mark = INS if section.status in (INSERTED, MOVED) else DEL
    elements = ([source.heading] if source.heading is not None else []) + source.blocks
    if section.status == MOVED_AWAY and moves_as_changes:
        return []
    return [marked(e, mark) for e in elements]


def footnotes(comparison: Comparison) -> etree.Element | None:
    """The footnote list with its changes; a deleted footnote keeps its label, which a deleted
    reference in the text still names."""
    if not comparison.footnotes:
        return None
    div = etree.Element("div", {"class": FOOTNOTES_CLASS})
    items = etree.SubElement(div, "ol")
    for diff in comparison.footnotes:
        items.append(marked(diff.old, DEL, keep_id=True) if diff.op == DELETED else merged(diff))
    return div


def word_tree(comparison: Comparison) -> etree.Element:
    """The whole merged tree, as the Word renderer takes a document's tree."""
    root = etree.Element("div")
    for section in comparison.sections:
        for element in section_elements(section, moves_as_changes=False):
            root.append(element)
    notes = footnotes(comparison)
    if notes is not None:
        root.append(notes)
    return root


def has_marks(element: etree.Element) -> bool:
    return any(node.tag in (INS, DEL) for node in element.iter())
