"""Numbers written in the text: a number before a heading's text, and the numbers of "bilaga 2" or "bilagorna 1–4"."""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER_RE = re.compile(r"\d+|[–-]")
# A number written before a heading's text, in every form writers use: digits ("3", "3.1",
# "3)"), a paragraph sign ("§ 3", "3 §"), a letter or a Roman numeral ("A.", "b)", "IV."), and a
# word with a number ("Kapitel 2", "Kap. 2", "Avsnitt 3", "Del II").
_ROMAN = r"(?=[IVXLCM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_HAND_NUMBER_RE = re.compile(
    r"[ \t]*(?P<number>"
    r"§[ \t]*\d{1,3}[a-z]?"
    r"|\d{1,3}(?:\.\d{1,3})*(?:[.)]|[ \t]*§)?"
    r"|(?:[Kk]apitel|[Kk]ap\.|[Aa]vsnitt|[Dd]el)[ \t]+(?:\d{1,3}|" + _ROMAN + r")[.:)]?"
    r"|(?P<letter>[A-Za-zÅÄÖåäö]|" + _ROMAN + r"|" + _ROMAN.lower() + r")"
    r"(?P<mark>[.)])?"
    r")(?:[ \t]+(?P<next>\S)|[ \t]*$)")
# Without a mark, only the Roman numerals of chapters (II to XXXIX), so that "MC" or "LIX" is a word.
_SMALL_ROMAN_RE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


@lru_cache(maxsize=4096)  # headings repeat across documents ("Syfte", "Avsnitt 2"); the pattern is long
def hand_number(heading: str) -> str | None:
    """The number an author wrote before a heading's text ("3.", "3.1", "§ 4", "4 §", "A.", "IV.",
    "Kapitel 2"), if any.

    Word numbers the headings itself, so a written number would be a second one. A bare
    number counts only before a capital ("3 Ansvar"), so that "15 kommuner samverkar" or
    "1 januari 2027" is text, not a number.
    """
    match = _HAND_NUMBER_RE.match(heading)
    if match is None or not match.group("number").strip():
        return None
    number, following = match.group("number"), match.group("next")
    if match.group("letter") is not None:
        # A letter or Roman numeral counts with its mark ("A.", "b)", "IV."), or a Roman numeral of two
        # or more letters before a capital ("IV Ansvar"); "I Dalarna" and "A och B" are text.
        if match.group("mark"):
            return number if following is not None else None
        bare_roman = len(number) > 1 and following is not None and following.isupper()
        return number if bare_roman and _SMALL_ROMAN_RE.fullmatch(number) else None
    if following is None:  # the whole heading is a number: "Kapitel 2", "3."
        return number if not number.isdigit() else None
    return number if not number.isdigit() or following.isupper() else None


def annex_numbers(text: str) -> list[int]:
    """The numbers in "2", "1–4" or "2, 3 och 5"; a range stands for every number in it."""
    numbers: list[int] = []
    tokens = _NUMBER_RE.findall(text)
    for index, token in enumerate(tokens):
        if token in "–-":
            continue
        number = int(token)
        if index >= 2 and tokens[index - 1] in "–-" and numbers and number > numbers[-1]:
            numbers.extend(range(numbers[-1] + 1, min(number, numbers[-1] + 100) + 1))
        else:
            numbers.append(number)
    return numbers
