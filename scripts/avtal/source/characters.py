"""Characters that do not belong where they stand, named in Swedish with their code point.

Two kinds, both common in text pasted from Word:

  - control characters (C0 other than tab and line feed, DEL, C1, the line and paragraph
    separators, and the non-characters U+FFFE and U+FFFF): invisible, and a Word file cannot hold most of them at all. They are
    errors anywhere, in a document's text and in every YAML value.
  - lookalikes: a non-breaking or zero-width space, a soft hyphen, a typographic quote or
    dash, that looks like (or like nothing but) a character the reader expects. In free
    text they are fine; in a key, a name or an id they make a value that looks right and is
    not (`Okänd part "Falu kommun"; menade du "Falu kommun"?`).
"""

from __future__ import annotations

import re

CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""A control character; carriage returns are line endings and are reported as such (AV003).
The line and paragraph separators count too: YAML counts them as line breaks and Markdown
does not, so nothing after them would be reported at its real line."""

_CONTROL_NAMES = {
    "\x00": ("NUL-tecknet", "ta bort det"),
    "\x08": ("backsteg", "ta bort det"),
    "\x0b": ("vertikal tabb, den manuella radbrytningen i Word",
             "ersätt det med en radbrytning eller ett mellanslag"),
    "\x0c": ("sidbrytning", "ta bort det eller ersätt det med en tom rad"),
    "\x1b": ("escape-tecknet, ESC", "ta bort det"),
    "\x7f": ("DEL-tecknet", "ta bort det"),
    "\u2028": ("radavgränsare", "ersätt det med en vanlig radbrytning"),
    "\u2029": ("styckeavgränsare", "ersätt det med en tom rad"),
    "\ufffe": ("icke-tecken", "ta bort det"),
    "\uffff": ("icke-tecken", "ta bort det"),
}


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def control_name(char: str) -> tuple[str, str]:
    """(Swedish name, how to get rid of it) for a control character."""
    if char in _CONTROL_NAMES:
        return _CONTROL_NAMES[char]
    if "\x80" <= char <= "\x9f":
        try:  # text decoded as Latin-1 that was Windows-1252: U+0094 was a quote
            meant = bytes([ord(char)]).decode("cp1252")
        except UnicodeDecodeError:
            return "C1-styrtecken", "ta bort det"
        return "C1-styrtecken", f"det var troligen {meant} i Windows-1252; skriv {meant} i stället"
    return "styrtecken", "ta bort det"


def control_message(char: str) -> str:
    """The finding for a control character written in the text."""
    name, fix = control_name(char)
    kind = "Styrtecknet" if char < "\u00a0" else "Tecknet"
    return (f"{kind} {code_point(char)} ({name}) får inte stå i texten; {fix}. "
            "Det syns inte i de flesta redigerare: sök efter det med sök och ersätt")


# Each lookalike: its Swedish name with article, and what to type instead (None: nothing, remove it).
_SPACE, _HYPHEN, _APOSTROPHE, _QUOTE = "ett vanligt mellanslag", "ett vanligt bindestreck (-)", "en rak apostrof (')", \
    'ett rakt citattecken (")'
LOOKALIKES: dict[str, tuple[str, str | None]] = {
    "\u00a0": ("ett hårt mellanslag", _SPACE),
    "\u2007": ("ett siffermellanslag", _SPACE),
    "\u202f": ("ett smalt hårt mellanslag", _SPACE),
    **{c: ("ett typografiskt mellanslag", _SPACE) for c in "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u200a"},
    "\u2009": ("ett smalt mellanslag", _SPACE),
    "\u3000": ("ett ideografiskt mellanslag", _SPACE),
    "\u200b": ("ett nollbreddsmellanslag", None),
    "\u200c": ("en nollbreddsseparator", None),
    "\u200d": ("en nollbreddsbindare", None),
    "\u2060": ("en ordbindare", None),
    "\ufeff": ("ett nollbredds hårt mellanslag (BOM)", None),
    "\u00ad": ("ett mjukt bindestreck", None),
    "\u2010": ("ett typografiskt bindestreck", _HYPHEN),
    "\u2011": ("ett hårt bindestreck", _HYPHEN),
    "\u2012": ("ett siffertankstreck", _HYPHEN),
    "\u2013": ("ett tankstreck", _HYPHEN),
    "\u2014": ("ett långt tankstreck", _HYPHEN),
    "\u2212": ("ett minustecken", _HYPHEN),
    "\u2018": ("ett typografiskt enkelt citattecken", _APOSTROPHE),
    "\u2019": ("en typografisk apostrof", _APOSTROPHE),
    "\u201a": ("ett typografiskt enkelt citattecken", _APOSTROPHE),
    "\u201b": ("ett typografiskt enkelt citattecken", _APOSTROPHE),
    "\u2032": ("ett primtecken", _APOSTROPHE),
    "\u2039": ("ett enkelt vinkelcitattecken", _APOSTROPHE),
    "\u203a": ("ett enkelt vinkelcitattecken", _APOSTROPHE),
    "\u201c": ("ett typografiskt citattecken", _QUOTE),
    "\u201d": ("ett typografiskt citattecken", _QUOTE),
    "\u201e": ("ett typografiskt citattecken", _QUOTE),
    "\u201f": ("ett typografiskt citattecken", _QUOTE),
    "\u2033": ("ett dubbelprimtecken", _QUOTE),
    "\u00ab": ("ett vinkelcitattecken", _QUOTE),
    "\u00bb": ("ett vinkelcitattecken", _QUOTE),
    "\uff1a": ("ett helbreddskolon", "ett vanligt kolon (:)"),
}
LOOKALIKE_RE = re.compile("[" + "".join(LOOKALIKES) + "]")
SPACE_LOOKALIKES = frozenset(c for c, (_, instead) in LOOKALIKES.items() if instead == _SPACE)
QUOTE_LOOKALIKES = frozenset(c for c, (_, instead) in LOOKALIKES.items() if instead in (_QUOTE, _APOSTROPHE))


def lookalike_name(char: str) -> str:
    """"ett hårt mellanslag (U+00A0)"."""
    return f"{LOOKALIKES[char][0]} ({code_point(char)})"


def lookalike_fix(char: str) -> str:
    instead = LOOKALIKES[char][1]
    return f"skriv {instead} i stället" if instead else "ta bort det"


def where_in(value: str, index: int) -> str:
    """"först", or "efter "Falu"": where in a value a character stands, for a reader who cannot see it."""
    if index == 0:
        return "först"
    before = value[max(0, index - 20):index].split("\n")[-1]
    return f'efter "{before}"' if before.strip() else f"på plats {index + 1}"


def lookalike_message(value: str, index: int, what: str = "Värdet") -> str:
    """The finding for a lookalike in a name, an id or a key: which character, where, what instead."""
    char = value[index]
    return (f'{what} "{value}" innehåller {lookalike_name(char)} {where_in(value, index)}; {lookalike_fix(char)}. '
            "Sådana tecken kommer ofta med text som klistras in från Word")
