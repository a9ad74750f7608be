"""What the integrity rules need from a document's Markdown, with line and column.

Python-Markdown, which renders the site and the Word files, keeps no source positions,
and a finding without a line is of little use to an editor. So the check reads the
source line by line for the few constructs it verifies: headings and their ids, links,
defined terms, open questions, references to annexes, raw HTML and attribute lists.
Fenced code blocks and inline code are skipped, as the renderer shows them as text.
Heading ids follow Python-Markdown's toc extension (its own `slugify` and `unique`), so an
anchor the check accepts is an anchor the site has.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from markdown.extensions.toc import slugify, unique

# The syntax of the documents, in one place: the renderers import these too.
TERM_RE = re.compile(r"\[\[([\w -]+)\]\]")
"""A defined term: [[vårdbegäran]] or an inflected form, [[vårdbegärans]]."""
QUESTION_RE = re.compile(r'^[ \t]*!!![ \t]+question\b[ \t]*(?:"([^"]*)")?')
"""An open question: an admonition of type question, `!!! question "Öppen fråga: ..."`."""
ANNEX_REF_RE = re.compile(r"\b[Bb]ilag(?:a|an|or|orna)[ \t]+(\d+(?:[ \t]*(?:[–-]|,|och)[ \t]*\d+)*)")
"""A reference in the text to annexes by number: "bilaga 2", "bilagorna 1–4", "bilaga 3 och 4"."""
_NUMBER_RE = re.compile(r"\d+|[–-]")

_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_HEADING_ATTR_RE = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_ID_IN_ATTR_RE = re.compile(r"(?:^|[ \t])#([A-Za-z][\w-]*)")
_BACKTICKS_RE = re.compile(r"`+")
_LINK_RE = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([ \t]*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"
)
_REF_DEF_RE = re.compile(r"^[ \t]{0,3}\[([^\]^][^\]]*)\]:[ \t]*<?([^\s>]+)>?")  # not [^1]: a footnote
_HTML_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/?[A-Za-z][A-Za-z0-9-]*$|!--|!\[CDATA\[|![A-Za-z]|\?)")
_BAD_ATTR_RE = re.compile(r"\{:?[ \t]*(?:[#.][\w-]+[ \t]+)*[^\s{}=#.][^\s{}=]*[ \t]*=")
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
    image: bool = False  # ![alt](target): an image

@dataclass(frozen=True)
class Mark:
    """Something found at a place: a term's form, a question's title, an annex number, HTML."""

    value: str
    line: int
    column: int


@dataclass
class Body:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    terms: list[Mark] = field(default_factory=list)
    questions: list[Mark] = field(default_factory=list)
    annex_refs: list[Mark] = field(default_factory=list)
    html: list[Mark] = field(default_factory=list)
    bad_attrs: list[Mark] = field(default_factory=list)
    duplicate_ids: list[Heading] = field(default_factory=list)

    @cached_property
    def anchors(self) -> dict[str, Heading]:
        """Headings by id; read only after scanning is done."""
        return {h.id: h for h in self.headings}


def _blank_code_spans(line: str) -> str:
    """Replace inline code by spaces, keeping every other column where it was.

    A code span runs from a run of backticks to the next run of the same length; a run
    without such a partner is literal (CommonMark). Looking the partner up by length keeps
    this near linear, where a regular expression with a backreference takes minutes on a
    line of a few thousand backticks.
    """
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (begin, end) in enumerate(runs):
        by_length.setdefault(end - begin, []).append(index)
    chars, index = None, 0
    while index < len(runs):
        begin, end = runs[index]
        same = by_length[end - begin]
        later = bisect_right(same, index)
        if later == len(same):
            index += 1  # no closing run: these backticks are literal
            continue
        close = runs[same[later]][1]
        chars = chars or list(line)
        chars[begin:close] = " " * (close - begin)
        index = same[later] + 1
    return "".join(chars) if chars else line


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

    def inline(self, text: str, line: int, paragraph_start: bool = False) -> None:
        if "](" in text:
            whole = _LINK_RE.fullmatch(text.strip()) if paragraph_start else None
            if whole and not whole.group(1):
                self.body.links.append(Link(whole.group(2), whole.group(3), line, text.index("[") + 1, True))
            else:
                for m in _LINK_RE.finditer(text):
                    self.body.links.append(Link(m.group(2), m.group(3), line, m.start() + 1, image=bool(m.group(1))))
        if "[[" in text:
            for m in TERM_RE.finditer(text):
                self.body.terms.append(Mark(m.group(1), line, m.start() + 1))
        if "<" in text:
            for m in _HTML_RE.finditer(text):
                self.body.html.append(Mark(text[m.start(): m.start() + 40].split(">")[0] + ">", line, m.start() + 1))
        if "{" in text:
            for m in _BAD_ATTR_RE.finditer(text):
                self.body.bad_attrs.append(Mark(text[m.start():].split("}")[0] + "}", line, m.start() + 1))
        if "ilag" in text:
            for m in ANNEX_REF_RE.finditer(text):
                for number in annex_numbers(m.group(1)):
                    self.body.annex_refs.append(Mark(str(number), line, m.start() + 1))

    def scan(self, text: str) -> Body:
        fence: str | None = None
        previous = ""  # the previous line, if it can be the text of a setext heading
        for offset, raw in enumerate(text.split("\n")):
            line = self.first_line + offset
            fence_match = _FENCE_RE.match(raw)
            if fence is not None:
                if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                    fence = None
                continue
            if fence_match:
                fence, previous = fence_match.group(1), ""
                continue
            code_free = _blank_code_spans(raw)
            self.line(code_free, previous, line)
            previous = code_free if code_free.strip() and not code_free.startswith(("    ", "\t")) else ""
        return self.body

    def line(self, text: str, previous: str, line: int) -> None:
        if text.startswith("#"):
            atx = _ATX_RE.match(text)
            if atx:
                self.heading(len(atx.group(1)), atx.group(2), line, 1)
                self.inline(text, line)
                return
        setext = _SETEXT_RE.match(text) if previous and text[:1] in "=-" else None
        if setext and not previous.lstrip().startswith(("- ", "* ", "+ ", ">", "|", "!!!")):
            self.heading(1 if setext.group(1)[0] == "=" else 2, previous.strip(), line - 1, 1)
            return
        if "!!!" in text:
            question = QUESTION_RE.match(text)
            if question:
                self.body.questions.append(Mark((question.group(1) or "").strip(), line, text.index("!!!") + 1))
        definition = _REF_DEF_RE.match(text) if "]:" in text else None
        if definition:
            self.body.links.append(Link(definition.group(1), definition.group(2), line, 1))
            return
        self.inline(text, line, paragraph_start=not previous)


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
