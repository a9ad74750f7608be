"""The comparison model: two versions' element trees, aligned section by section, block by block, word by word.

    compare_trees(old, new) -> Comparison
      ├─ sections      a heading and the blocks up to the next heading; aligned by their stable ids,
      │                so a section whose id moved is a moved section, not a deletion and an insertion;
      │                sections without a match in the same place are paired by their likeness
      ├─ diff_blocks   paragraphs, list items, table rows, boxes within a section: difflib over their
      │                text, and in what differs, the most alike blocks of one kind paired
      ├─ diff_element  an aligned pair: its words diffed (diff_inline), its block children aligned
      └─ footnotes     aligned by their labels

The words of a block and their diff are in words.py. A word diff is difflib over tokens (words, runs
of white space, single signs); changes separated only by white space are merged, so "ordinärt boende"
→ "hemmet, oavsett boendeform" is one change. Formatting is not compared: an equal word takes the
newer version's formatting.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .words import (  # noqa: F401 (the words' names are the model's too: renderers and tests import them here)
    DELETE,
    HEADINGS,
    INSERT,
    KEEP,
    Atom,
    Signatures,
    _classes,
    _footnote_ref,
    atoms,
    block_children,
    diff_inline,
    is_block,
    word_likeness,
)

LIKE_ENOUGH = 0.5  # two blocks this alike (or more) are one block changed, not one deleted and one inserted
FULL_SEARCH = 2500  # pairs tried in full within a changed span; beyond it, only near the diagonal
BAND = 25


# -- The model ----------------------------------------------------------------------------

EQUAL, CHANGED, INSERTED, DELETED = "equal", "changed", "inserted", "deleted"


@dataclass
class Diff:
    """One aligned block of the two versions: equal, changed, inserted (new only) or deleted (old only)."""

    op: str
    old: etree.Element | None
    new: etree.Element | None
    inline: list[tuple[str, Atom]] = field(default_factory=list)  # when changed: (KEEP|INSERT|DELETE, atom)
    children: list[Diff] = field(default_factory=list)  # when changed: its block children, aligned

    @property
    def element(self) -> etree.Element:
        return self.new if self.new is not None else self.old


@dataclass
class Section:
    """A heading and the blocks up to the next heading (the text before the first heading has none)."""

    id: str
    level: int
    heading: etree.Element | None
    blocks: list[etree.Element]
    title: str


UNCHANGED, MOVED, MOVED_AWAY = "unchanged", "moved", "moved-away"


@dataclass
class SectionDiff:
    """A section of the comparison: unchanged, changed, inserted, deleted, moved (where it is now,
    with its own changes) or moved-away (where it was)."""

    status: str
    old: Section | None
    new: Section | None
    heading: Diff | None = None
    blocks: list[Diff] = field(default_factory=list)

    @property
    def section(self) -> Section:
        return self.new if self.new is not None else self.old

    @property
    def changed(self) -> bool:
        """Whether its text differs (a moved section may be moved only)."""
        if self.status in (INSERTED, DELETED):
            return True
        return self.status in (CHANGED, MOVED) and (
            (self.heading is not None and self.heading.op != EQUAL) or any(b.op != EQUAL for b in self.blocks))


@dataclass
class Comparison:
    sections: list[SectionDiff]  # in the order of the merged text
    footnotes: list[Diff]  # the footnotes' list items, aligned by their labels
    old_sections: list[Section] = field(default_factory=list)  # in the older version's order

    @property
    def changed(self) -> bool:
        return any(s.status != UNCHANGED for s in self.sections) or any(f.op != EQUAL for f in self.footnotes)

    @property
    def moved(self) -> list[SectionDiff]:
        return [s for s in self.sections if s.status == MOVED]


# -- Blocks ---------------------------------------------------------------------------------


class Differ:
    def __init__(self):
        self.signature = Signatures()

    def diff_element(self, old: etree.Element, new: etree.Element) -> Diff:
        if self.signature(old) == self.signature(new):
            return Diff(EQUAL, old, new)
        if new.tag == "tr":
            cells = [self.diff_element(o, n) for o, n in zip(_cells(old), _cells(new), strict=True)]
            return Diff(CHANGED, old, new, [(KEEP, a) for a in self.signature.atoms(new)], cells)
        inline = diff_inline(self.signature.atoms(old), self.signature.atoms(new))
        return Diff(CHANGED, old, new, inline, self.diff_blocks(block_children(old), block_children(new)))

    def diff_blocks(self, old: list[etree.Element], new: list[etree.Element]) -> list[Diff]:
        result: list[Diff] = []
        a, b = [self.signature(e) for e in old], [self.signature(e) for e in new]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                result += [Diff(EQUAL, o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
            else:
                result += self._span(old[i1:i2], new[j1:j2])
        return result

    def _span(self, old: list[etree.Element], new: list[etree.Element]) -> list[Diff]:
        """A span of blocks that differ: the most alike pairs (in order) changed, the rest deleted or inserted."""
        pairs = monotone_pairs(len(old), len(new), lambda i, j: self.likeness(old[i], new[j]))
        result: list[Diff] = []
        i = j = 0
        for pi, pj in [*pairs, (len(old), len(new))]:
            result += [Diff(DELETED, o, None) for o in old[i:pi]]
            result += [Diff(INSERTED, None, n) for n in new[j:pj]]
            if pi < len(old):
                result.append(self.diff_element(old[pi], new[pj]))
            i, j = pi + 1, pj + 1
        return result

    def likeness(self, old: etree.Element, new: etree.Element) -> float:
        """0 to 1: how alike two blocks are; 0 when they cannot be one block changed."""
        if old.tag != new.tag or _kind(old) != _kind(new):
            return 0.0
        if old.tag == "tr":
            if len(_cells(old)) != len(_cells(new)):
                return 0.0  # a row of another shape is another row
            first_old, first_new = _cells(old)[:1], _cells(new)[:1]
            if first_old and self.signature(first_old[0]) == self.signature(first_new[0]):
                return 1.0  # the same key in the first column: the same row
        ids = _stable_id(old), _stable_id(new)
        if ids[0] and ids[1]:
            return 1.0 if ids[0] == ids[1] else 0.0
        return word_likeness(self.signature.words(old), self.signature.words(new))


def _cells(row: etree.Element) -> list[etree.Element]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _kind(element: etree.Element) -> str:
    """Blocks of one kind may be one block changed. A statement to verify is a kind of its own: in Word
    it is a comment, not text, so an open question that became one is a box deleted and a comment
    added, never one block whose old text would vanish into the comment."""
    classes = _classes(element)
    if element.tag == "div" and "verify" in classes:
        return "verify"
    return classes[0] if element.tag in ("div", "p") and classes else ""


def _stable_id(element: etree.Element) -> str | None:
    """An id the author gave (a glossary term, a footnote label), not one counted by position."""
    value = element.get("id")
    return None if value is None or value.startswith("oppen-fraga-") else value


def monotone_pairs(n: int, m: int, likeness) -> list[tuple[int, int]]:
    """The pairs (i, j), increasing in both, alike enough, whose likeness adds up to the most."""
    if not n or not m:
        return []
    band = None if n * m <= FULL_SEARCH else BAND
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    took = [[0] * (m + 1) for _ in range(n + 1)]  # 0 skip old, 1 skip new, 2 pair
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best, how = score[i + 1][j], 0
            if score[i][j + 1] > best:
                best, how = score[i][j + 1], 1
            if band is None or abs(i * m / n - j) <= band:
                like = likeness(i, j)
                if like >= LIKE_ENOUGH and like + score[i + 1][j + 1] > best:
                    best, how = like + score[i + 1][j + 1], 2
            score[i][j], took[i][j] = best, how
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        how = took[i][j]
        if how == 2:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif how == 1:
            j += 1
        else:
            i += 1
    return pairs


# -- Sections -------------------------------------------------------------------------------


def _title(heading: etree.Element) -> str:
    return "".join(atom.text for atom in atoms(heading)).strip()


def split_sections(tree: etree.Element) -> tuple[list[Section], list[etree.Element]]:
    """The tree's sections, and the footnotes' list items (the footnote list is no section)."""
    sections = [Section("", 0, None, [], "")]
    footnotes: list[etree.Element] = []
    for child in tree:
        if child.tag == "div" and "footnote" in _classes(child):
            footnotes = [li for ol in child.iter("ol") for li in ol if li.tag == "li"]
        elif child.tag in HEADINGS:
            sections.append(Section(child.get("id") or "", int(child.tag[1]), child, [], _title(child)))
        else:
            sections[-1].blocks.append(child)
    if not sections[0].blocks:
        sections.pop(0)
    return sections, footnotes


def _in_place(matches: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest set of matches in the same order in both versions (the rest have moved)."""
    tails: list[int] = []  # the smallest end of an increasing run of each length
    tail_at: list[int] = []
    before: list[int] = [-1] * len(matches)
    for index, (_, j) in enumerate(matches):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[length], tail_at[length] = j, index
        before[index] = tail_at[length - 1] if length else -1
    kept, index = set(), tail_at[-1] if tail_at else -1
    while index >= 0:
        kept.add(matches[index])
        index = before[index]
    return kept


class SectionAligner:
    def __init__(self, differ: Differ, old: list[Section], new: list[Section]):
        self.differ, self.old, self.new = differ, old, new

    def pairs(self) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
        """Matched (old, new) section indexes, and which of them are moved."""
        where = {}
        for j, section in enumerate(self.new):
            where.setdefault(section.id, j)
        used: set[int] = set()
        matches = []
        for i, section in enumerate(self.old):
            j = where.get(section.id)
            if j is not None and j not in used:
                used.add(j)
                matches.append((i, j))
        in_place = _in_place(matches)
        moved = {m for m in matches if m not in in_place}
        anchors = sorted(in_place) + self._by_likeness(sorted(in_place), {i for i, _ in matches}, used)
        return sorted(anchors + sorted(moved)), moved

    def _by_likeness(self, anchors: list[tuple[int, int]], old_used: set[int], new_used: set[int]) -> list:
        """Sections left over between the same two in-place sections, paired when they are alike
        (a heading without an explicit id whose text, and so its id, changed)."""
        found = []
        bounds = [(-1, -1), *anchors, (len(self.old), len(self.new))]
        for (i1, j1), (i2, j2) in zip(bounds, bounds[1:], strict=False):
            olds = [i for i in range(i1 + 1, i2) if i not in old_used]
            news = [j for j in range(j1 + 1, j2) if j not in new_used]
            pairs = monotone_pairs(len(olds), len(news), lambda a, b, olds=olds, news=news:
                                   self._likeness(olds[a], news[b]))
            found += [(olds[a], news[b]) for a, b in pairs]
        return found

    def _likeness(self, i: int, j: int) -> float:
        old, new = self.old[i], self.new[j]
        if old.level != new.level:
            return 0.0
        words = self.differ.signature.words
        return word_likeness(sum((words(e) for e in _section_elements(old)), Counter()),
                             sum((words(e) for e in _section_elements(new)), Counter()))


def _section_elements(section: Section) -> list[etree.Element]:
    return ([section.heading] if section.heading is not None else []) + section.blocks


def compare_trees(old_tree: etree.Element, new_tree: etree.Element) -> Comparison:
    differ = Differ()
    old, old_notes = split_sections(old_tree)
    new, new_notes = split_sections(new_tree)
    pairs, moved = SectionAligner(differ, old, new).pairs()
    old_of = {j: i for i, j in pairs}
    anchored_old = sorted(i for i, j in pairs if (i, j) not in moved)
    anchor_new = {i: j for i, j in pairs}
    slots: dict[int, list[SectionDiff]] = {}
    moved_old = {i for i, _ in moved}
    for i, section in enumerate(old):
        if i in anchor_new and i not in moved_old:
            continue
        k = bisect_left(anchored_old, i) - 1  # the nearest section before it that stayed in place
        slot = anchor_new[anchored_old[k]] if k >= 0 else -1
        status = MOVED_AWAY if i in moved_old else DELETED
        slots.setdefault(slot, []).append(SectionDiff(status, section, None))
    sections = list(slots.get(-1, []))
    for j, section in enumerate(new):
        i = old_of.get(j)
        if i is None:
            sections.append(SectionDiff(INSERTED, None, section))
        else:
            sections.append(_section_diff(differ, old[i], section, moved=(i, j) in moved))
        sections += slots.get(j, [])
    return Comparison(sections, _footnotes(differ, old_notes, new_notes), old)


def _section_diff(differ: Differ, old: Section, new: Section, moved: bool) -> SectionDiff:
    heading = differ.diff_element(old.heading, new.heading) if old.heading is not None and new.heading is not None \
        else None
    blocks = differ.diff_blocks(old.blocks, new.blocks)
    same = (heading is None or heading.op == EQUAL) and all(b.op == EQUAL for b in blocks)
    status = MOVED if moved else UNCHANGED if same else CHANGED
    return SectionDiff(status, old, new, heading, blocks)


def _footnotes(differ: Differ, old: list[etree.Element], new: list[etree.Element]) -> list[Diff]:
    """Footnotes by their labels (fn:1, fn:lag): the same label is the same footnote."""
    a, b = [li.get("id") or "" for li in old], [li.get("id") or "" for li in new]
    result: list[Diff] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            result += [differ.diff_element(o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            result += [Diff(DELETED, o, None) for o in old[i1:i2]] + [Diff(INSERTED, None, n) for n in new[j1:j2]]
    return result
