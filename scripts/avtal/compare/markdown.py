"""The comparison as Markdown, for a pull request's summary: the changed sections and, in each, the
changed paragraphs, list items and table rows with their words as <del> and <ins>, so that a
reviewer reads prose rather than a line diff of the source.

GitHub's job summary and GitLab's Markdown both show <ins> and <del> (underlined, struck through).
Every text from the documents is escaped, so that it shows as written and never as markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import escape

from .merge import DEL, INS, has_marks, marked, merged
from .model import DELETED, EQUAL, INSERTED, MOVED, MOVED_AWAY, UNCHANGED, Comparison, Diff, SectionDiff, is_block

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~!])")
STATUS = {"changed": "ändrat", INSERTED: "nytt avsnitt", DELETED: "borttaget avsnitt", MOVED: "flyttat"}
LEGEND = "<ins>Tillagd text</ins> är understruken och <del>borttagen text</del> överstruken."


def md_text(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, headings or HTML made of it."""
    words = " ".join(text.split())
    edges = (" " if text[:1].isspace() and words else "", " " if text[-1:].isspace() and words else "")
    return edges[0] + _MARKDOWN_SPECIAL.sub(r"\\\1", escape(words, quote=False)) + edges[1] if words else \
        (" " if text else "")


def _inline(element: etree.Element) -> str:
    """A block's own text with its marks, formatting left out (a review reads the words)."""
    parts = [md_text(element.text or "")] if element.text else []
    for child in element:
        if is_block(child):
            continue
        if child.tag == "a" and {"headerlink", "footnote-backref"} & set((child.get("class") or "").split()):
            pass
        elif child.tag in (INS, DEL):
            inner = _inline(child)
            if inner.strip():
                before, after = (" " if inner[:1] == " " else ""), (" " if inner[-1:] == " " else "")
                parts.append(f"{before}<{child.tag}>{inner.strip()}</{child.tag}>{after}")
        elif child.tag == "sup" and child.find("a") is not None:
            parts.append(f"<sup>{md_text(''.join(child.itertext()))}</sup>")
        else:
            parts.append(_inline(child))
        if child.tail:
            parts.append(md_text(child.tail))
    return re.sub(r" {2,}", " ", "".join(parts))


def _leaves(element: etree.Element, depth: int = 0) -> list[str]:
    """The changed lines of a merged block: paragraphs, list items (indented by depth), rows of cells."""
    if element.tag == "tr":
        if not has_marks(element):
            return []
        cells = [" ".join(_cell(cell)) for cell in element if cell.tag in ("td", "th")]
        return ["- Tabellrad: " + " · ".join(cells)]
    lines: list[str] = []
    own = _inline(element).strip()
    if own and any(child.tag in (INS, DEL) for child in _inline_nodes(element)):
        if element.tag == "li":
            own = "  " * max(depth - 1, 0) + "- " + own
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt"):
            own = f"**{own}**"
        lines.append(own)
    for child in element:
        if is_block(child):
            lines += _leaves(child, depth + (element.tag in ("ul", "ol")))
    return lines


def _inline_nodes(element: etree.Element):
    for child in element:
        if not is_block(child):
            yield child
            yield from _inline_nodes(child)


def _cell(cell: etree.Element) -> list[str]:
    own = _inline(cell).strip()
    return [own] + [_inline(p).strip() for p in cell if is_block(p)]


def _section(section: SectionDiff, comparison: Comparison) -> list[str]:
    title = md_text(section.section.title or "Inledning")
    if section.status == MOVED_AWAY:
        return []
    label = STATUS.get(section.status, "ändrat")
    if section.status == MOVED and section.changed:
        label = "flyttat och ändrat"
    lines = [f"### {title} ({label})", ""]
    if section.status == MOVED:
        before = _came_after(section, comparison)
        lines += [f"Avsnittet har flyttats; det stod tidigare {before}.", ""]
    if section.status in (INSERTED, DELETED):
        mark = INS if section.status == INSERTED else DEL
        source = section.section
        elements = [marked(e, mark) for e in source.blocks]
    else:
        if section.heading is not None and section.heading.op != EQUAL:
            lines += [_inline(merged(section.heading)).strip(), ""]
        elements = [merged(d) for d in section.blocks if d.op != EQUAL]
    for element in elements:
        for line in _leaves(element):
            lines += [line, ""]
    return lines


def _came_after(section: SectionDiff, comparison: Comparison) -> str:
    index = next((i for i, s in enumerate(comparison.old_sections) if s is section.old), 0)
    return "först i texten" if index == 0 else f"efter ”{md_text(comparison.old_sections[index - 1].title)}”"


def _footnotes(diffs: list[Diff]) -> list[str]:
    changed = [d for d in diffs if d.op != EQUAL]
    if not changed:
        return []
    lines = ["### Fotnoter (ändrade)", ""]
    for diff in changed:
        element = marked(diff.old, DEL) if diff.op == DELETED else merged(diff)
        for line in _leaves(element):
            lines += [line, ""]
    return lines


def comparison_markdown(comparison: Comparison, heading: str) -> str:
    """One document's comparison under a heading of its own (level two)."""
    lines = [f"## {heading}", ""]
    if not comparison.changed:
        return "\n".join(lines + ["Texten är densamma i båda versionerna.", ""])
    for section in comparison.sections:
        if section.status != UNCHANGED:
            lines += _section(section, comparison)
    lines += _footnotes(comparison.footnotes)
    return "\n".join(lines)
