"""What the integrity rules need from a document's Markdown, with line and column.

Python-Markdown, which renders the site and the Word files, keeps no source positions,
and a finding without a line is of little use to an editor. So the check reads the
source line by line for the few constructs it verifies: headings and their ids, links,
defined terms, open questions, statements to verify, references to annexes, raw HTML and attribute lists.
Fenced code blocks and inline code are skipped, as the renderer shows them as text; what
counts as either is the renderer's own decision (markdown_code.py). Heading ids follow
Python-Markdown's toc extension (its own `slugify` and `unique`), so an anchor the check
accepts is an anchor the site has.

    markdown_code     fenced blocks and code spans: a document's lines read once (read_lines)
    markdown_links    where an inline link's address is, as Python-Markdown reads it
    markdown_attrs    attribute lists, read by attr_list's own scanner
    markdown_lists    lists the forge shows and the site does not
    markdown_numbers  numbers written before headings, and "bilaga 2"

The raw HTML, attribute lists and link addresses that this scan reports are feedback for
editors; the site does not depend on it, as every page also passes an allow-list sanitizer
(render/sanitize.py).
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass, field
from functools import cached_property, lru_cache, partial
from typing import NamedTuple

from markdown.extensions.toc import slugify, unique
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE

from .markdown_attrs import attribute_lists, only_ids_and_classes
from .markdown_code import read_lines
from .markdown_links import ADDRESS_LIMIT, ANGLE_ADDRESS_RE, LINK_CLOSE_RE, bracket_pairs, destination
from .markdown_lists import ListGap, ListReader
from .markdown_numbers import annex_numbers, hand_number  # noqa: F401  (hand_number: the renderers' import)

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
_ATX_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_HEADING_ATTR_RE = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_ID_IN_ATTR_RE = re.compile(r"(?:^|[ \t])#([A-Za-z][\w-]*)")
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


# The things found are named tuples: a document has hundreds, and defining them is cheaper than dataclasses.
class Heading(NamedTuple):
    level: int
    text: str
    id: str
    explicit: bool  # written as {#id}: stable, unlike an id made from the text
    line: int
    column: int


class Link(NamedTuple):
    text: str
    target: str
    line: int
    column: int
    standalone: bool = False  # a paragraph of its own: a link to a data file there shows the data
    image: bool = False  # ![alt](target)

class Mark(NamedTuple):
    """Something found at a place: a term's form, a question's title, an annex number, HTML."""

    value: str
    line: int
    column: int


class Question(NamedTuple):
    """An open question: its title (value), where it stands (as a Mark), and the id written after the
    title, if any (as written: a rule checks that it is a valid id)."""

    value: str
    line: int
    column: int
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
    # What is code, as read (read_lines), for klarsprak.prose, so that a document is read once: the fenced
    # lines, and the lines that hold code spans with the spans blanked (the text itself stays in Document).
    code: tuple[set[int], dict[int, str]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def anchors(self) -> dict[str, Heading]:
        """Headings by id; read only after scanning is done."""
        return {h.id: h for h in self.headings}

    def plain(self) -> dict:
        """The body as plain values, which marshal takes (source/forked.py sends part of a repository's
        documents that way); Body.from_plain makes it again. The found things become plain tuples: a named
        tuple pickles and unpickles through a Python call each, hundreds a document."""
        state = dict(self.__dict__)
        state.pop("anchors", None)  # a cache, made again where it is read
        for name in _FOUND:
            state[name] = list(map(tuple, state[name]))
        state["list_gaps"] = [astuple(gap) for gap in state["list_gaps"]]  # a few, in a list written unlike CommonMark
        return state

    @staticmethod
    def from_plain(state: dict) -> Body:
        for name, kind in _FOUND.items():  # tuple.__new__(kind, row), as the named tuple's own __new__ makes it
            state[name] = list(map(partial(tuple.__new__, kind), state[name]))
        state["list_gaps"] = [ListGap(*gap) for gap in state["list_gaps"]]
        body = object.__new__(Body)
        body.__dict__.update(state)
        return body

    def __reduce__(self):
        return Body.from_plain, (self.plain(),)


# The fields of Body that hold named tuples, and their kinds.
_FOUND = {"headings": Heading, "links": Link, "terms": Mark, "questions": Question, "verifications": Mark,
          "annex_refs": Mark, "html": Mark, "bad_attrs": Mark, "duplicate_ids": Heading}


@lru_cache(maxsize=4096)  # headings repeat across documents ("Syfte", "Bakgrund"); slugify normalizes Unicode
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
        pairs, read_until, blanks = None, 0, []
        for close in LINK_CLOSE_RE.finditer(text):
            if close.start() < read_until:
                continue  # inside the address just read: links do not overlap
            found = destination(raw, close.end())
            if found is None:
                self.pending = ("link", "")  # the address is on the next line
                continue
            target, begin, read_until = found
            # The nearest "[" before, when no "]" stands between them, is the one this "]" closes (as
            # bracket_pairs finds it); only a label with brackets of its own needs the count (a rare line).
            opening = text.rfind("[", 0, close.start())
            if opening == -1:
                opening = None
            elif "]" in text[opening + 1:close.start()]:
                pairs = bracket_pairs(text) if pairs is None else pairs
                opening = pairs.get(close.start())
            image = opening is not None and text[opening - 1:opening] == "!"
            label = text[opening + 1:close.start()][:ADDRESS_LIMIT] if opening is not None else ""
            column = (opening + (0 if image else 1)) if opening is not None else begin + 1
            # A paragraph that is only a link: to a data file, that paragraph shows the data.
            standalone = (paragraph_start and opening is not None and not text[:opening].strip()
                          and not text[read_until:].strip())
            self.body.links.append(Link(label, target, line, column, standalone, image))
            # [text](<address>): a link, not HTML. Only as Python-Markdown reads it: `<…>`, perhaps a
            # title, then `)`; otherwise `<…>` is read as HTML.
            if opening is not None and ANGLE_ADDRESS_RE.match(raw, begin, min(len(raw), begin + ADDRESS_LIMIT)):
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
        lines, fenced, code_free_lines = read_lines(text)
        self.body.code = (fenced, {} if code_free_lines is lines else
                          {index: line for index, line in enumerate(code_free_lines) if line is not lines[index]})
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
            if not code_free.strip():  # blank, or code alone (no definition: that starts with "[")
                previous = ""
                continue
            self.line(code_free, previous, line, raw)
            previous = code_free if not code_free.startswith(("    ", "\t")) else ""
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
        found = destination(raw, 0)
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


def scan_body(text: str, first_line: int) -> Body:
    """Scan a document's Markdown; `first_line` is the file line where `text` starts."""
    return _Scanner(first_line).scan(text)
