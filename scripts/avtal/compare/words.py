"""The words of a block, and their diff: the finest level of the comparison model (model.py).

    atoms(block)           the block's own text as tokens (words, runs of white space, single signs,
                           and objects: a footnote reference, a line break, an image), each with the
                           inline elements around it
    Signatures             each element's tokens, text and counted words, made once per element
    diff_inline(old, new)  difflib over the words, the white space before each word travelling with it
    word_likeness(a, b)    words in common against all the words of both
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tfoot",
                        "tr", "td", "th", "caption", "div", "section", "pre", "dl", "dt", "dd", "blockquote", "hr",
                        "details", "summary", "figure", "figcaption"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


def _classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


def is_block(element: etree.Element) -> bool:
    return element.tag in BLOCK_TAGS


def _skipped(element: etree.Element) -> bool:
    """Links the renderers add to every page, which are no part of the text."""
    return element.tag == "a" and bool({"headerlink", "footnote-backref"} & set(_classes(element)))


def _footnote_ref(element: etree.Element) -> str | None:
    link = element.find("a") if element.tag == "sup" else None
    if link is not None and "footnote-ref" in _classes(link):
        return (link.get("href") or "").lstrip("#")
    return None


# -- Words --------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Atom:
    """One token of a block's text, with the inline elements around it (a link, emphasis)."""

    key: str  # what the diff compares: the word, " " for any white space, or an object's name
    text: str  # as written (empty for an object)
    path: tuple[etree.Element, ...] = ()  # the inline elements around it, outermost first
    obj: etree.Element | None = None  # a footnote reference, a line break, an image


def _tokens(text: str | None, path: tuple, out: list[Atom]) -> None:
    if text:
        for token in TOKEN_RE.findall(text):
            out.append(Atom(" " if token.isspace() else token, token, path))


def atoms(element: etree.Element) -> list[Atom]:
    """The block's own text as tokens: its inline content, without its block children."""
    out: list[Atom] = []

    def walk(node: etree.Element, path: tuple) -> None:
        for child in node:
            if is_block(child) or _skipped(child):
                pass
            elif (ref := _footnote_ref(child)) is not None:
                out.append(Atom(f"\x00{ref}", "", path, child))
            elif child.tag in ("br", "img"):
                out.append(Atom(f"\x00{child.tag}:{child.get('src') or ''}:{child.get('alt') or ''}", "", path, child))
            else:
                _tokens(child.text, (*path, child), out)
                walk(child, (*path, child))
            _tokens(child.tail, path, out)

    _tokens(element.text, (), out)
    walk(element, ())
    while out and out[0].key == " ":
        out.pop(0)
    while out and out[-1].key == " ":
        out.pop()
    return out


def block_children(element: etree.Element) -> list[etree.Element]:
    return [child for child in element if is_block(child)]


class Signatures:
    """Each element's tokens, text (for alignment) and words (for likeness), computed once per element."""

    def __init__(self):
        self.known: dict[int, tuple[str, etree.Element]] = {}  # the element kept, so that its id stays its own
        self.known_atoms: dict[int, list[Atom]] = {}
        self.known_words: dict[int, Counter] = {}

    def atoms(self, element: etree.Element) -> list[Atom]:
        found = self.known_atoms.get(id(element))
        if found is None:
            found = self.known_atoms[id(element)] = atoms(element)
        return found

    def __call__(self, element: etree.Element) -> str:
        found = self.known.get(id(element))
        if found is None:
            own = "".join(atom.key for atom in self.atoms(element))
            inner = "\n".join(self(child) for child in block_children(element))
            found = self.known[id(element)] = (f"{element.tag}\x01{own}\x01{inner}", element)
        return found[0]

    def words(self, element: etree.Element) -> Counter:
        """The words (and signs) of the element and every block inside it, counted, for likeness."""
        found = self.known_words.get(id(element))
        if found is None:
            found = Counter(atom.key for atom in self.atoms(element) if atom.key != " ")
            for child in block_children(element):
                found.update(self.words(child))
            self.known_words[id(element)] = found
        return found


KEEP, INSERT, DELETE = "equal", "insert", "delete"


# -- Words within a block -------------------------------------------------------------------


def _merge_signs(opcodes: list, old: list[str]) -> list:
    """Join changes that only one sign (a full stop, a comma) separates, so that they read as one."""
    merged = list(opcodes)
    for index in range(1, len(merged) - 1):
        tag, i1, i2, j1, j2 = merged[index]
        if tag == "equal" and i2 - i1 == 1 and len(old[i1]) == 1 and not old[i1].isalnum() \
                and merged[index - 1][0] != "equal" and merged[index + 1][0] != "equal":
            merged[index] = ("replace", i1, i2, j1, j2)
    return merged


def _words(atoms_: list[Atom]) -> list[tuple[list[Atom], Atom]]:
    """Each word (or sign, or object) with the white space before it."""
    units, lead = [], []
    for atom in atoms_:
        if atom.key == " ":
            lead.append(atom)
        else:
            units.append((lead, atom))
            lead = []
    return units


def diff_inline(old: list[Atom], new: list[Atom]) -> list[tuple[str, Atom]]:
    """The two token lists as one: kept tokens (the newer's), and for each change its deleted
    tokens before its inserted ones.

    Words are compared, the white space before each word travels with it: so changes that only
    white space separates are one change, and difflib has no run of spaces to search."""
    if [atom.key for atom in old] == [atom.key for atom in new]:
        return [(KEEP, atom) for atom in new]
    old_words, new_words = _words(old), _words(new)
    a = [word.key for _, word in old_words]
    b = [word.key for _, word in new_words]
    result: list[tuple[str, Atom]] = []
    deleted: list[Atom] = []
    inserted: list[Atom] = []

    def flush() -> None:
        nonlocal deleted, inserted
        if deleted and inserted and deleted[0].key == " " and inserted[0].key == " ":
            result.append((KEEP, inserted[0]))  # the space before a replaced run stays outside it
            deleted, inserted = deleted[1:], inserted[1:]
        result.extend([(DELETE, x) for x in deleted] + [(INSERT, x) for x in inserted])
        deleted, inserted = [], []

    for tag, i1, i2, j1, j2 in _merge_signs(SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), a):
        if tag != "equal":
            deleted += [x for lead, word in old_words[i1:i2] for x in (*lead, word)]
            inserted += [x for lead, word in new_words[j1:j2] for x in (*lead, word)]
            continue
        flush()
        for (old_lead, _), (new_lead, word) in zip(old_words[i1:i2], new_words[j1:j2], strict=True):
            if bool(old_lead) == bool(new_lead):
                result += [(KEEP, x) for x in new_lead]
            else:  # a space that came or went
                result += [(DELETE, x) for x in old_lead] + [(INSERT, x) for x in new_lead]
            result.append((KEEP, word))
    flush()
    return result


def word_likeness(a: Counter, b: Counter) -> float:
    """Words in common (as many times as both have them), against all the words of both."""
    total = a.total() + b.total()
    if not total:
        return 1.0
    return 2 * sum((a & b).values()) / total
