"""The words of a block, and their diff: the finest level of the comparison model (model.py).

    atoms(block)           the block's own text as tokens (words, runs of white space, single signs,
                           and objects: a footnote reference, a line break, an image), each with the
                           inline elements around it
    own_key, own_words     the same tokens' keys joined, and counted, without making the atoms:
                           what the comparison asks of the many blocks that did not change
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
TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")  # every character falls in one of the three: the tokens are the text
_SPACES_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+|[^\w\s]")  # the tokens that are not white space


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


def _object_key(child: etree.Element) -> str | None:
    """The key of an inline object (a footnote reference, a line break, an image); None for other elements."""
    if (ref := _footnote_ref(child)) is not None:
        return f"\x00{ref}"
    if child.tag in ("br", "img"):
        return f"\x00{child.tag}:{child.get('src') or ''}:{child.get('alt') or ''}"
    return None


def _inline(element: etree.Element):
    """The block's own content in order, without its block children: (text, path, None) for each text
    and (key, path, object) for each inline object, `path` being the inline elements around it."""

    def walk(node: etree.Element, path: tuple):
        for child in node:
            if is_block(child) or _skipped(child):
                pass
            elif (key := _object_key(child)) is not None:
                yield key, path, child
            else:
                inside = (*path, child)
                if child.text:
                    yield child.text, inside, None
                yield from walk(child, inside)
            if child.tail:
                yield child.tail, path, None

    if element.text:
        yield element.text, (), None
    yield from walk(element, ())


def atoms(element: etree.Element) -> list[Atom]:
    """The block's own text as tokens: its inline content, without its block children."""
    out: list[Atom] = []
    for value, path, obj in _inline(element):
        if obj is not None:
            out.append(Atom(value, "", path, obj))
        else:
            out += [Atom(" " if token.isspace() else token, token, path) for token in TOKEN_RE.findall(value)]
    while out and out[0].key == " ":
        out.pop(0)
    while out and out[-1].key == " ":
        out.pop()
    return out


def own_key(element: etree.Element) -> str:
    """"".join(atom.key for atom in atoms(element)), without making the atoms: most blocks of two
    versions are equal, and their keys are all the comparison asks of them. Each text's runs of white
    space become one " ", as each is one atom; white space is trimmed at both ends as atoms() trims it,
    never inside an object's key (an image's alternative text may end in a space)."""
    pieces = [(value, True) if obj is None else (value, False) for value, _, obj in _inline(element)]
    keys = [_SPACES_RE.sub(" ", value) if is_text else value for value, is_text in pieces]
    while keys and pieces[0][1] and not keys[0].lstrip(" "):
        del keys[0], pieces[0]
    while keys and pieces[-1][1] and not keys[-1].rstrip(" "):
        del keys[-1], pieces[-1]
    if keys and pieces[0][1]:
        keys[0] = keys[0].lstrip(" ")
    if keys and pieces[-1][1]:
        keys[-1] = keys[-1].rstrip(" ")
    return "".join(keys)


def own_words(element: etree.Element) -> Counter:
    """Counter(atom.key for atom in atoms(element) if atom.key != " "), without making the atoms."""
    tokens: list[str] = []
    for value, _, obj in _inline(element):
        if obj is not None:
            tokens.append(value)
        else:
            tokens += _WORD_RE.findall(value)
    return Counter(tokens)


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
            own = own_key(element)
            inner = "\n".join(self(child) for child in block_children(element))
            found = self.known[id(element)] = (f"{element.tag}\x01{own}\x01{inner}", element)
        return found[0]

    def words(self, element: etree.Element) -> Counter:
        """The words (and signs) of the element and every block inside it, counted, for likeness."""
        found = self.known_words.get(id(element))
        if found is None:
            found = own_words(element)
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
