"""Editorial or material: what a new version of a document changes, tested against the text.

A version says what kind of change it is (`change_kind` in its front matter). An editorial version
(`redaktionell`) keeps the parties' decisions; so every such claim is tested against the previous
version's text, decided document or not. The test reads the canonical text (the lines the
fingerprint is made of, render/word/modeltext.py), word by word, and allows only:

- white space and punctuation, added, removed or changed;
- a misspelling corrected: a word of six letters or more (before and after) that differs in at most
  two letters (insertions, deletions or substitutions), or a word that differs only in upper and
  lower case, so that "kan" never becomes "ska" and "2027" never "2028";
- a link's target (not part of the text, so never a difference here);
- a body's new name, as `schema/organ.yaml` lists it under `renamed` (old → new).

Anything else is a material change, and the first one is named in the finding (AV902).

    AV901  a decided document without change_kind
    AV902  a version called editorial whose changes are not
    AV903  an editorial version without a version before it
    AV904  an editorial version of a decided document without the mandated body's decision
    AV905  a material version between the decided version and the editorial one
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..findings import Finding
from ..history.changelog import version_key
from ..render.word.canonical import same, short
from ..rules.registry import at_key
from ..source.corpus import Document

EDITORIAL, MATERIAL = "redaktionell", "materiell"
DECIDED = "beslutad"
MIN_LETTERS = 6  # a corrected word has at least this many letters, before and after
MAX_EDITS = 2  # and differs in at most this many letters
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class MaterialChange:
    before: str
    after: str
    line: str  # the line of the new text (or the old, for a deletion) where it stands


def edits(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """The Levenshtein distance between two words, or limit + 1 as soon as it is more than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum() or t[0] == "_"]


def _corrected(before: str, after: str) -> bool:
    if before.casefold() == after.casefold():
        return True
    long_enough = len(before) >= MIN_LETTERS and len(after) >= MIN_LETTERS
    return long_enough and not before.isdigit() and not after.isdigit() and edits(before, after) <= MAX_EDITS


def is_editorial(before: list[str], after: list[str]) -> bool:
    """Whether replacing the tokens `before` by `after` is an editorial change."""
    old, new = _words(before), _words(after)
    return len(old) == len(new) and all(_corrected(a, b) for a, b in zip(old, new, strict=True))


def _renamed(text: str, renames: list[tuple[str, str]]) -> str:
    for old, new in renames:
        text = text.replace(old, new)
    return text


def material_changes(old_lines: list[str], new_lines: list[str], renames: list[tuple[str, str]]) -> list[MaterialChange]:
    """The changes from the old text to the new that are not editorial, in the new text's order."""
    # A body's old and new name are one name here, whichever of them each version uses.
    old_text, new_text = _renamed("\n".join(old_lines), renames), _renamed("\n".join(new_lines), renames)
    old, new = _TOKEN_RE.findall(old_text), _TOKEN_RE.findall(new_text)
    found = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" or is_editorial(old[i1:i2], new[j1:j2]):
            continue
        where, at = (new, j1) if j2 > j1 else (old, i1)
        found.append(MaterialChange("".join(old[i1:i2]).strip(), "".join(new[j1:j2]).strip(), _line_at(where, at)))
    return found


def word_changes(old_lines: list[str], new_lines: list[str]) -> list[str]:
    """Every change from the old text to the new, as "old → new" (for what an editorial version changed)."""
    old, new = _TOKEN_RE.findall("\n".join(old_lines)), _TOKEN_RE.findall("\n".join(new_lines))
    changes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            before, after = "".join(old[i1:i2]).strip() or "–", "".join(new[j1:j2]).strip() or "–"
            changes.append(f"{before} → {after}")
    return changes


def _line_at(tokens: list[str], index: int) -> str:
    start = index
    while start > 0 and "\n" not in tokens[start - 1]:
        start -= 1
    end = index
    while end < len(tokens) and "\n" not in tokens[end]:
        end += 1
    line = "".join(tokens[start:end]).strip()
    return line if len(line) <= 80 else line[:77] + "…"


def describe(change: MaterialChange) -> str:
    if change.before and change.after:
        what = f'"{change.before}" har blivit "{change.after}"'
    elif change.after:
        what = f'"{change.after}" har lagts till'
    else:
        what = f'"{change.before}" har tagits bort'
    return f'{what} (i "{change.line}")'


# -- The rules ----------------------------------------------------------------------------


def change_kind_findings(texts, doc: Document) -> Iterator[Finding]:
    """AV901 and AV903/AV902 for one document: a decided document says its kind; an editorial claim holds."""
    meta = doc.meta
    if meta.status == DECIDED and meta.change_kind is None:
        yield at_key("AV901", doc, ("status",),
                     f"Dokumentet är beslutat men anger inte om version {meta.version} är redaktionell eller "
                     "materiell; skriv change_kind: redaktionell eller change_kind: materiell")
    if meta.change_kind != EDITORIAL:
        return
    previous = previous_entry(texts, doc)
    if previous is None:
        if texts.complete:
            yield at_key("AV903", doc, ("change_kind",),
                         f"Version {meta.version} kallas redaktionell, men dokumentet har ingen tidigare version att "
                         "jämföra med; ange change_kind: materiell eller ta bort raden")
        return
    renames = [(r.old, r.new) for r in texts.corpus.vocabulary.renamed]
    changes = material_changes(texts.history().lines(previous), texts.now.lines(texts.now.current(doc)), renames)
    if changes:
        more = f", och {len(changes) - 1} ändringar till" if len(changes) > 1 else ""
        yield at_key("AV902", doc, ("change_kind",),
                     f"Version {meta.version} kallas redaktionell, men jämfört med version {previous.version} "
                     f"ändrar den innehållet: {describe(changes[0])}{more}. Rätta texten, eller ange "
                     "change_kind: materiell så att parterna beslutar på nytt")


def previous_entry(texts, doc: Document):
    """The text of the version before the current one: its last commit's entry (None when there is none)."""
    current = version_key(doc.meta.version)
    earlier = [e for e in texts.entries(doc.meta.id) if not e.package and version_key(e.version) < current]
    if not earlier:
        return None
    highest = max(version_key(e.version) for e in earlier)
    return [e for e in earlier if version_key(e.version) == highest][-1]


def kinds_since(texts, doc: Document, decided_version: str) -> dict[str, str | None]:
    """The change_kind of every committed version after the decided one, up to the current (by version)."""
    versions = texts.history().versions
    kinds: dict[str, str | None] = {}
    low, high = version_key(decided_version), version_key(doc.meta.version)
    for ref in versions.history(doc.meta.id) if versions is not None else []:
        if low < ref.key < high:
            kinds[ref.version] = versions.document(ref).meta.change_kind
    kinds[doc.meta.version] = doc.meta.change_kind
    return kinds


def editorial_decision_findings(texts, doc: Document, decided_version: str) -> Iterator[Finding]:
    """AV905 and AV904: the decisions stand through editorial versions, with the mandated body's decision."""
    material = [v for v, kind in kinds_since(texts, doc, decided_version).items() if kind != EDITORIAL]
    if material:
        yield at_key("AV905", doc, ("change_kind",),
                     f"Parterna beslutade om version {decided_version}, och version {material[0]} däremellan är inte "
                     "redaktionell; alla parter behöver besluta om den nuvarande texten innan den är beslutad")
        return
    decision = doc.meta.editorial_decision
    if decision is not None and decision.version == doc.meta.version and decision.fingerprint:
        current = texts.now.decided_text(doc).fingerprint
        if not same(decision.fingerprint, current):
            yield at_key("AV904", doc, ("editorial_decision", "fingerprint"),
                         f"Fingeravtrycket {short(decision.fingerprint)} i beslutet om den redaktionella versionen är "
                         f"inte den nuvarande textens ({short(current)}); kontrollera den diarieförda filen med "
                         "avtal verify")
        return
    if decision is None or decision.version != doc.meta.version:
        yield at_key("AV904", doc, ("change_kind",),
                     f"Version {doc.meta.version} är en redaktionell ändring av den beslutade version {decided_version}; "
                     "skriv in beslutet av det organ som har mandatet att besluta om redaktionella ändringar under "
                     f'editorial_decision (med version: "{doc.meta.version}" och fingeravtrycket)')
