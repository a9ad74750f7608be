"""What the integrity rules need from a document's Markdown, with line and column.

Python-Markdown, which renders the site and the Word files, keeps no source positions,
and a finding without a line is of little use to an editor. So the check reads the
source line by line for the few constructs it verifies: headings and their ids, links,
defined terms, open questions, statements to verify, references to annexes, raw HTML and attribute lists.
Fenced code blocks and inline code are skipped, as the renderer shows them as text.
What counts as either is the renderer's own decision: fenced blocks are found by
pymdownx.superfences' own preprocessor, and code spans by Python-Markdown's rules (an
escaped backtick opens none; a span may run over several lines of a paragraph), so text
the check skips is text the site shows as code. Heading ids follow Python-Markdown's toc
extension (its own `slugify` and `unique`), so an anchor the check accepts is an anchor
the site has.

The raw HTML, attribute lists and link addresses that this scan reports are feedback for
editors; the site does not depend on it, as every page also passes an allow-list sanitizer
(render/sanitize.py).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from markdown import Markdown
from markdown.extensions.toc import slugify, unique
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

from .markdown_attrs import attribute_lists, only_ids_and_classes
from .markdown_lists import ListGap, ListReader

# The syntax of the documents, in one place: the renderers import these too.
TERM_RE = re.compile(r"\[\[([\w -]+)\]\]")
"""A defined term: [[vårdbegäran]] or an inflected form, [[vårdbegärans]]."""
QUESTION_RE = re.compile(r'^[ \t]*!!![ \t]+question\b[ \t]*(?:"([^"]*)")?')
"""An open question: an admonition of type question, `!!! question "Öppen fråga: ..."`."""
QUESTION_ID_RE = re.compile(r"[ \t]*\{[ \t]*#([^{}\s]*)[ \t]*\}[ \t]*$")
"""A question's stable id, after its title as after a heading: `!!! question "Öppen fråga: ..." {#id}`.
Links (`overenskommelse.md#id`) and the data (`closes: [overenskommelse#id]`) name the question by it."""
QUESTION_ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
_QUESTION_ID_VALID_RE = re.compile(QUESTION_ID_PATTERN)
VERIFY_RE = re.compile(r'^[ \t]*!!![ \t]+verify\b[ \t]*(?:"([^"]*)")?')
"""A statement to check before a decision: an admonition of type verify, `!!! verify "Att verifiera: ..."`."""
ANNEX_REF_RE = re.compile(r"\b[Bb]ilag(?:a|an|or|orna)[ \t]+(\d+(?:[ \t]*(?:[–-]|,|och)[ \t]*\d+)*)")
"""A reference in the text to annexes by number: "bilaga 2", "bilagorna 1–4", "bilaga 3 och 4"."""
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

_ATX_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_HEADING_ATTR_RE = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_ID_IN_ATTR_RE = re.compile(r"(?:^|[ \t])#([A-Za-z][\w-]*)")
_BACKTICKS_RE = re.compile(r"`+")
# A reference definition, as Python-Markdown's ReferenceProcessor reads it: the whole line, or
# the label alone with the address on the next line. Not [^1]: a footnote, whose text is Markdown.
_REF_TITLE = r"""(?:(["'])(?:.*)\{quote}[ ]*|\((?:.*)\)[ ]*)?$"""
_REF_DEF_RE = re.compile(r"^[ ]{0,3}\[((?!\^)[^\[\]]*)\]:[ ]*(\S+)[ ]*" + _REF_TITLE.format(quote=3))
_REF_LABEL_RE = re.compile(r"^[ ]{0,3}\[((?!\^)[^\[\]]*)\]:[ ]*$")
_REF_ADDRESS_RE = re.compile(r"^[ ]*(\S+)[ ]*" + _REF_TITLE.format(quote=2))
# Where a browser (and Python-Markdown's inline HTML, whose tag names may hold `:` or `,`) sees
# a tag, a comment, a processing instruction or a declaration.
_HTML_RE = re.compile(r"<(?:/?[A-Za-z][^\s\"'<>@/]*(?=[\s/>]|$)|!--|!\[CDATA\[|![A-Za-z]|\?)")
_AUTOLINK_RE = re.compile(AUTOLINK_RE)
_AUTOMAIL_RE = re.compile(AUTOMAIL_RE)
_INLINE_MARKUP_RE = re.compile(r"\[\[|\]\]|[*_`]")
_INLINE_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    explicit: bool  # written as {#id}: stable, unlike an id made from the text
    line: int
    column: int


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    line: int
    column: int
    standalone: bool = False  # a paragraph of its own: a link to a data file there shows the data
    image: bool = False  # ![alt](target)

@dataclass(frozen=True)
class Mark:
    """Something found at a place: a term's form, a question's title, an annex number, HTML."""

    value: str
    line: int
    column: int


@dataclass(frozen=True)
class Question(Mark):
    """An open question: its title (value), where it stands, and the id written after the title, if any
    (as written: a rule checks that it is a valid id)."""

    id: str | None = None

    @property
    def anchor(self) -> str | None:
        """The written id if it is a valid one: the question's anchor on the page (else its number's)."""
        return self.id if self.id is not None and _QUESTION_ID_VALID_RE.match(self.id) else None


@dataclass
class Body:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    terms: list[Mark] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    verifications: list[Mark] = field(default_factory=list)
    annex_refs: list[Mark] = field(default_factory=list)
    html: list[Mark] = field(default_factory=list)
    bad_attrs: list[Mark] = field(default_factory=list)
    duplicate_ids: list[Heading] = field(default_factory=list)
    list_gaps: list[ListGap] = field(default_factory=list)  # lists the forge shows and the site does not
    # The lines as read (read_lines), for klarsprak.prose: a document is read once.
    lines_read: tuple | None = field(default=None, repr=False, compare=False)

    @cached_property
    def anchors(self) -> dict[str, Heading]:
        """Headings by id; read only after scanning is done."""
        return {h.id: h for h in self.headings}


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where Python-Markdown's BacktickInlineProcessor finds code spans in a block's text.

    A run of backticks after an odd number of backslashes is literal (`\\``), and so is its
    first backtick only. Any other run opens a span that closes at the next run of the same
    length, or else at the longest shorter run after it; with neither, the run is literal
    and the search goes on after twice its length, as Python-Markdown's does. Runs are looked
    up by length, so this stays near linear where a regular expression with a backreference
    takes minutes on a line of a few thousand backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    if not runs:
        return []
    starts = [begin for begin, _ in runs]
    by_length: dict[int, list[int]] = {}
    for index, (begin, end) in enumerate(runs):
        by_length.setdefault(end - begin, []).append(index)
    # From each run on: the longest run, and the first run of that length (the fallback partner).
    longest, longest_at = [0] * (len(runs) + 1), [0] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        if length >= longest[index + 1]:
            longest[index], longest_at[index] = length, index
        else:
            longest[index], longest_at[index] = longest[index + 1], longest_at[index + 1]
    spans, position = [], 0
    while (begin := text.find("`", position)) != -1:
        slashes = 0
        while begin > slashes and text[begin - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:
            position = begin + 1
            continue
        run = bisect_right(starts, begin) - 1  # the run that holds this backtick
        ticks = runs[run][1] - begin
        same = by_length.get(ticks, [])
        later = bisect_right(same, run)
        if later < len(same):
            end = runs[same[later]][1]
        elif 0 < longest[run + 1] < ticks:
            end = runs[longest_at[run + 1]][1]
        else:
            position = begin + 2 * ticks
            continue
        spans.append((begin, end))
        position = end
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for begin, end in spans:
        for index in range(begin, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


_SINGLE_LINE_BLOCK_RE = re.compile(r"^[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|!!!|\|)")
_ITEM_START_RE = re.compile(r"^[ \t]*(?:[-+*]|\d+\.)[ \t]")


def _paragraphs(lines: list[str], fenced: set[int], by_block: bool) -> list[tuple[int, int]]:
    """Runs of lines that Python-Markdown may read as one text: between blank lines, or
    (`by_block`) also split where a heading, a list item, an admonition or a table row begins."""
    runs: list[tuple[int, int]] = []
    first = None
    for index, line in enumerate(lines):
        single = by_block and _SINGLE_LINE_BLOCK_RE.match(line) is not None
        item = by_block and _ITEM_START_RE.match(line) is not None
        if first is not None and (index in fenced or not line.strip() or single or item):
            runs.append((first, index))
            first = None
        if index in fenced or not line.strip():
            continue
        if single:
            runs.append((index, index + 1))
        elif first is None:
            first = index
    if first is not None:
        runs.append((first, len(lines)))
    return runs


def _code_in_runs(lines: list[str], runs: list[tuple[int, int]]) -> dict[int, str]:
    blanked = {}
    for first, last in runs:
        if any("`" in lines[index] for index in range(first, last)):
            joined = "\n".join(lines[first:last])
            for index, text in enumerate(_blank(joined, _code_spans(joined)).split("\n"), first):
                blanked[index] = text
    return blanked


def _without_code(lines: list[str], fenced: set[int]) -> list[str]:
    """Each line with its code spans blanked out, every column where it was.

    A code span may run over several lines of a paragraph, and where a paragraph ends the
    line scan can only guess (Python-Markdown decides after its block parsers). So only what
    is code in every reading is blanked: in the line alone, between blank lines, and in the
    runs split where a new block may begin. The scan then reads too much rather than too little.
    """
    result = list(lines)
    if not any("`" in line for index, line in enumerate(lines) if index not in fenced):
        return result
    readings = [_code_in_runs(lines, _paragraphs(lines, fenced, by_block)) for by_block in (False, True)]
    for index, line in enumerate(lines):
        if "`" not in line or index in fenced:
            continue
        views = [_blank(line, _code_spans(line)), *(reading[index] for reading in readings)]
        result[index] = "".join(" " if all(view[column] == " " for view in views) else char
                                for column, char in enumerate(line))
    return result


def read_lines(text: str) -> tuple[list[str], set[int], list[str]]:
    """The text's lines, the indexes of those in fenced code, and each line with its code spans blanked."""
    lines = text.split("\n")
    fenced = {index for first, last in _fenced_blocks(lines) for index in range(first, last)}
    return lines, fenced, _without_code(lines, fenced)


_SUPERFENCES = threading.local()


def _fenced_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The fenced code blocks, (first line, line after the last), as pymdownx.superfences finds them.

    Its own preprocessor decides, so that a "fence" the site does not treat as one (on one
    line, not indented like its content, never closed, with options it refuses) is read as
    the text it is."""
    if not any("```" in line or "~~~" in line for line in lines):
        return []
    if not hasattr(_SUPERFENCES, "preprocessor"):
        preprocessor = Markdown(extensions=["pymdownx.superfences"]).preprocessors["fenced_code_block"]
        for fence in preprocessor.extension.superfences:  # which lines, not how they look: no highlighting
            fence["formatter"] = lambda **_: ""
        _SUPERFENCES.preprocessor = preprocessor
    preprocessor, found = _SUPERFENCES.preprocessor, []
    # Where it would keep the block for the page, note the lines instead.
    preprocessor._store = lambda source, code, start, end: found.append((start, end))
    preprocessor.run([line.replace("\x02", "").replace("\x03", "").expandtabs(4) for line in lines])  # normalize_whitespace
    return found


_LINK_CLOSE_RE = re.compile(r"\]\(")
_ADDRESS_LIMIT = 2000  # characters of an address read; the scheme is at its start


# An address in angle brackets, as Python-Markdown's RE_LINK reads it (inlinepatterns.py).
_ANGLE_ADDRESS_RE = re.compile(r"""<([^<>]*)>\s*(?:('[^']*'|"[^"]*")\s*)?\)""", re.DOTALL)


def _destination(text: str, start: int) -> tuple[str, int, int] | None:
    """The address of an inline link whose `(` ends before `start`, read as Python-Markdown's
    getLink reads it: (address, where it starts, where the link ends); None when the address
    stands on the next line.

    A code span in the address becomes its text on the page, so backticks are left out."""
    begin = start
    while begin < len(text) and text[begin] in " \t":
        begin += 1
    if begin == len(text):
        return None
    address = text[begin:begin + _ADDRESS_LIMIT]
    angle = _ANGLE_ADDRESS_RE.match(address)
    if angle:
        return angle.group(1).replace("`", ""), begin, begin + angle.end()
    depth, length = 0, len(address)
    for paren in _PAREN_RE.finditer(address):  # the parentheses alone, nested ones counted
        if paren.group() == "(":
            depth += 1
        elif depth == 0:
            index = paren.start()
            address, length = address[:index], index + 1
            break
        else:
            depth -= 1
    return _without_title(address).strip().replace("`", ""), begin, begin + length


def _without_title(address: str) -> str:
    """`url "title"` or `url 'title'`: the url."""
    stripped = address.rstrip()
    if stripped[-1:] in ("'", '"'):
        opening = stripped.rfind(stripped[-1], 0, len(stripped) - 1)
        if opening > 0 and stripped[opening - 1] in " \t\n":
            return stripped[:opening]
    return address


_BRACKET_RE = re.compile(r"[\[\]]")
_PAREN_RE = re.compile(r"[()]")


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each `]` on the line and the `[` it closes, nested brackets counted, in one pass over the
    brackets alone (a regular expression finds them: a loop over every character of a long line
    was a fifth of `avtal check` on a large repository)."""
    pairs, open_at = {}, []
    for found in _BRACKET_RE.finditer(text):
        index = found.start()
        if text[index] == "[":
            open_at.append(index)
        elif open_at:
            pairs[index] = open_at.pop()
    return pairs


def heading_slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading without an explicit id."""
    plain = _INLINE_LINK_RE.sub(r"\1", text)
    plain = _INLINE_MARKUP_RE.sub("", plain)
    return slugify(plain, "-")


class _Scanner:
    def __init__(self, first_line: int):
        self.first_line = first_line
        self.body = Body()
        self.ids: set[str] = set()
        self.explicit_ids: dict[str, Heading] = {}
        self.lists = ListReader(self.body.list_gaps)

    def heading(self, level: int, raw_text: str, line: int, column: int) -> None:
        text, explicit_id = raw_text, None
        attr = _HEADING_ATTR_RE.search(raw_text)
        if attr:
            text = raw_text[: attr.start()]
            found = _ID_IN_ATTR_RE.search(attr.group(1))
            explicit_id = found.group(1) if found else None
        if explicit_id:
            heading = Heading(level, text.strip(), explicit_id, True, line, column)
            if explicit_id in self.explicit_ids:
                self.body.duplicate_ids.append(heading)
            self.explicit_ids[explicit_id] = heading
            self.ids.add(explicit_id)
        else:
            heading = Heading(level, text.strip(), unique(heading_slug(text), self.ids), False, line, column)
        self.body.headings.append(heading)

    def links(self, text: str, raw: str, line: int, paragraph_start: bool) -> str:
        """Inline links and images; the text with their addresses blanked, for the HTML scan.

        Every `](` outside code starts an address, wherever its `[` is (on an earlier line,
        around nested brackets). The address is read from the raw line: a code span in it
        becomes text in the link."""
        indent = len(text) - len(text.lstrip())
        pairs, read_until, blanks = _bracket_pairs(text), 0, []
        for close in _LINK_CLOSE_RE.finditer(text):
            if close.start() < read_until:
                continue  # inside the address just read: links do not overlap
            found = _destination(raw, close.end())
            if found is None:
                self.pending = ("link", "")  # the address is on the next line
                continue
            target, begin, read_until = found
            opening = pairs.get(close.start())
            image = opening is not None and text[opening - 1:opening] == "!"
            label = text[opening + 1:close.start()][:_ADDRESS_LIMIT] if opening is not None else ""
            column = (opening + (0 if image else 1)) if opening is not None else begin + 1
            # A paragraph that is only a link: to a data file, that paragraph shows the data.
            standalone = paragraph_start and opening == indent and not text[read_until:].strip()
            self.body.links.append(Link(label, target, line, column, standalone, image))
            # [text](<address>): a link, not HTML. Only as Python-Markdown reads it: `<…>`, perhaps a
            # title, then `)`; otherwise `<…>` is read as HTML.
            if opening is not None and _ANGLE_ADDRESS_RE.match(raw, begin, min(len(raw), begin + _ADDRESS_LIMIT)):
                blanks.append((begin, read_until))
        if blanks:
            chars = list(text)
            for begin, end in blanks:
                chars[begin:end] = " " * (end - begin)
            text = "".join(chars)
        return text

    def inline(self, text: str, line: int, paragraph_start: bool = False, raw: str | None = None) -> None:
        raw = text if raw is None else raw
        if "](" in text:
            text = self.links(text, raw, line, paragraph_start)
        if "[[" in text:
            for m in TERM_RE.finditer(text):
                self.body.terms.append(Mark(m.group(1), line, m.start() + 1))
        if "<" in text:
            for m in _HTML_RE.finditer(text):
                autolink = _AUTOLINK_RE.match(text, m.start())
                if autolink:  # <https://…>: a link, whose scheme AV204 checks
                    self.body.links.append(Link(autolink.group(1), autolink.group(1), line, m.start() + 1))
                elif not _AUTOMAIL_RE.match(text, m.start()):
                    self.body.html.append(Mark(text[m.start(): m.start() + 40].split(">")[0] + ">", line, m.start() + 1))
        if "{" in text:
            for column, attribute_list in attribute_lists(text, raw):
                if not only_ids_and_classes(attribute_list):
                    self.body.bad_attrs.append(Mark(attribute_list[:60], line, column + 1))
        if "ilag" in text:
            for m in ANNEX_REF_RE.finditer(text):
                for number in annex_numbers(m.group(1)):
                    self.body.annex_refs.append(Mark(str(number), line, m.start() + 1))

    def scan(self, text: str) -> Body:
        lines, fenced, code_free_lines = self.body.lines_read = read_lines(text)
        previous = ""  # the previous line, if it can be the text of a setext heading
        self.pending: tuple[str, str] | None = None  # a link whose address is on the next line
        for offset, raw in enumerate(lines):
            line = self.first_line + offset
            if offset in fenced:
                previous, self.pending = "", None
                self.lists.fence()
                continue
            self.lists.line(raw, line)
            if self.pending is not None and self.address_on_next_line(raw, line):
                continue
            code_free = code_free_lines[offset]
            self.line(code_free, previous, line, raw)
            previous = code_free if code_free.strip() and not code_free.startswith(("    ", "\t")) else ""
        return self.body

    def address_on_next_line(self, raw: str, line: int) -> bool:
        """Take the address that a reference definition or an inline link left for this line;
        True when the line is a definition's and holds nothing else to scan."""
        kind, label = self.pending
        self.pending = None
        if kind == "reference":
            address = _REF_ADDRESS_RE.match(raw)
            if address:
                self.body.links.append(Link(label, address.group(1).strip("<>"), line, address.start(1) + 1))
            return address is not None
        found = _destination(raw, 0)
        if found is not None:
            self.body.links.append(Link(label, found[0], line, found[1] + 1))
        return False

    def line(self, text: str, previous: str, line: int, raw: str | None = None) -> None:
        raw = text if raw is None else raw
        if text.startswith("#"):
            atx = _ATX_RE.match(text)
            if atx:
                self.heading(len(atx.group(1)), atx.group(2), line, 1)
                self.inline(text, line, raw=raw)
                return
        setext = _SETEXT_RE.match(text) if previous and text[:1] in "=-" else None
        if setext and not previous.lstrip().startswith(("- ", "* ", "+ ", ">", "|", "!!!")):
            self.heading(1 if setext.group(1)[0] == "=" else 2, previous.strip(), line - 1, 1)
            return
        if "!!!" in text:
            question = QUESTION_RE.match(text)
            if question:
                written = QUESTION_ID_RE.search(text, question.end())
                self.body.questions.append(Question((question.group(1) or "").strip(), line, text.index("!!!") + 1,
                                                    written.group(1) if written else None))
            verify = VERIFY_RE.match(text)
            if verify:
                self.body.verifications.append(Mark((verify.group(1) or "").strip(), line, text.index("!!!") + 1))
        # A definition is a block of its own, read before any code span: the raw line decides.
        if "]:" in raw:
            definition, label = _REF_DEF_RE.match(raw), _REF_LABEL_RE.match(raw)
            if definition:
                self.body.links.append(Link(definition.group(1), definition.group(2).strip("<>"), line, 1))
                return
            if label:
                self.pending = ("reference", label.group(1))
                return
        self.inline(text, line, paragraph_start=not previous, raw=raw)


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


def scan_body(text: str, first_line: int) -> Body:
    """Scan a document's Markdown; `first_line` is the file line where `text` starts."""
    return _Scanner(first_line).scan(text)
