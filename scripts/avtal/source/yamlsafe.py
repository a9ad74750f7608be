"""Strict YAML: plain data only, with the line and column of every key kept.

PyYAML's parser produces the events; this module builds the values itself so that it can
refuse what the documents never need and an attacker might use (tags, anchors and aliases,
deep nesting), report duplicate keys instead of silently keeping the last, and remember
where each key stood. Scalars follow YAML 1.2's core schema without floats, so that a
version `1.10` stays the text "1.10" and is not read as the number 1.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError

from .characters import (
    CONTROL_RE,
    LOOKALIKE_RE,
    QUOTE_LOOKALIKES,
    SPACE_LOOKALIKES,
    code_point,
    control_message,
    control_name,
    lookalike_fix,
    lookalike_name,
)

try:  # libyaml's parser is about ten times faster than the pure-Python one
    from yaml._yaml import CParser as _EventSource
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource

MAX_DEPTH = 32

Path = tuple  # keys and list indices from the root down to a value


class Pos(NamedTuple):  # a tuple: a position for every key of every file, made and compared cheaply
    line: int  # 1-based
    column: int  # 1-based


class Problem(NamedTuple):
    code: str
    pos: Pos
    message: str
    fatal: bool = True  # False: the value was still read (with the fault taken out), and can be checked further


@dataclass
class Parsed:
    value: object
    positions: dict = field(default_factory=dict)  # Path -> Pos of the key (or list item)
    problems: list = field(default_factory=list)
    lookalikes: dict = field(default_factory=dict)  # (Path, is_key) -> Pos of the first lookalike in it

    @property
    def fatal(self) -> bool:
        return any(problem.fatal for problem in self.problems)

    def pos(self, path: Path) -> Pos:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Pos(1, 1))

    def lookalike_pos(self, loc: tuple) -> Pos:
        """Where the first lookalike character of the value (or key) at `loc` stands.

        `loc` is a Pydantic location; a dictionary key's ends with "[key]".
        """
        loc = tuple(loc)
        if loc and loc[-1] == "[key]":
            return self.lookalikes.get((loc[:-1], True)) or self.pos(loc[:-1])
        return self.lookalikes.get((loc, False)) or self.lookalikes.get((loc, True)) or self.pos(loc)


class _Resolver(yaml.resolver.BaseResolver):
    pass


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X,
    ),
    list("0123456789"),
)

_RESOLVER = _Resolver()
_CONSTRUCTOR = SafeConstructor()

# libyaml's messages (every one its scanner and parser has), in the words an editor needs.
_QUOTE_IT = 'sätt värdet inom raka citattecken ("…")'
_SWEDISH_PROBLEMS = [
    ("mapping values are not allowed",
     'Ett kolon följt av mellanslag står mitt i ett värde; ett värde som innehåller ": " ska stå inom raka citattecken ("…")'),
    ("found a tab character", "Tabbtecken får inte användas för indrag; använd mellanslag"),
    ("cannot start any token", f"Värdet börjar med ett tecken som inte får inleda ett värde i YAML (som @ eller `); {_QUOTE_IT}"),
    ("could not find expected ':'",
     'Ett kolon saknas efter nyckeln, eller så fortsätter ett värde utan citattecken på nästa rad; skriv "nyckel: värde" på en rad'),
    ("did not find expected key", "Indraget stämmer inte; nycklar på samma nivå ska stå rakt under varandra"),
    ("did not find expected '-' indicator", 'Indraget stämmer inte i listan; varje punkt börjar med "- " på samma nivå'),
    ("did not find expected ',' or ']'", "En lista inom hakparenteser avslutas inte; kontrollera kommatecknen och ]"),
    ("did not find expected ',' or '}'", "En mappning inom klammerparenteser avslutas inte; kontrollera kommatecknen och }"),
    ("did not find expected node content", "Ett värde saknas här; kontrollera indrag, kommatecken och parenteser"),
    ("block sequence entries are not allowed", 'En listpunkt ("- ") står där ett värde väntas; skriv den på en egen rad under nyckeln'),
    ("mapping keys are not allowed", "En nyckel står på fel ställe; kontrollera indraget"),
    ("found unexpected ':'", f"Ett kolon står på fel ställe; {_QUOTE_IT}"),
    ("found unexpected end of stream", "Texten tar slut mitt i ett värde; ett citattecken eller en parentes avslutas aldrig"),
    ("found unexpected document indicator", "En rad med --- står mitt i ett värde inom citattecken; avsluta citattecknet före raden"),
    ("found unknown escape character",
     "Okänd escape-sekvens (\\) inom dubbla citattecken; skriv \\\\ för ett omvänt snedstreck, eller använd enkla citattecken"),
    ("found invalid Unicode character escape code", "Felaktig escape-sekvens (\\x, \\u eller \\U) inom dubbla citattecken; använd enkla citattecken"),
    ("did not find expected hexdecimal number", "Felaktig escape-sekvens (\\x, \\u eller \\U) inom dubbla citattecken; använd enkla citattecken"),
    ("found an indentation indicator equal to 0", "Blocktexten (| eller >) har indragssiffran 0; ta bort siffran"),
    ("did not find expected comment or line break", "Efter | eller > får bara en kommentar stå på raden; skriv texten på raderna under"),
    ("did not find expected alphabetic or numeric character",
     f"Ett värde som börjar med & eller * läses som ankare eller alias, som inte är tillåtna; {_QUOTE_IT}"),
    ("found undefined alias", "Alias är inte tillåtna; skriv ut värdet"),
    ("found duplicate anchor", "Ankare är inte tillåtna; ta bort dem"),
    ("tag", f"Ett värde som börjar med ! läses som en tagg, som inte är tillåten; {_QUOTE_IT}"),
    ("URI", f"Ett värde som börjar med ! läses som en tagg, som inte är tillåten; {_QUOTE_IT}"),
    ("'!'", f"Ett värde som börjar med ! läses som en tagg, som inte är tillåten; {_QUOTE_IT}"),
    ("'>'", f"Ett värde som börjar med ! läses som en tagg, som inte är tillåten; {_QUOTE_IT}"),
    ("directive", "Rader som börjar med % (direktiv) är inte tillåtna; ta bort raden eller sätt värdet inom citattecken"),
    ("version number", "Rader som börjar med % (direktiv) är inte tillåtna; ta bort raden eller sätt värdet inom citattecken"),
    ("digit or '.'", "Rader som börjar med % (direktiv) är inte tillåtna; ta bort raden eller sätt värdet inom citattecken"),
    ("incompatible YAML document", "Rader som börjar med % (direktiv) är inte tillåtna; ta bort raden"),
    ("whitespace", "Rader som börjar med % (direktiv) är inte tillåtna; ta bort raden eller sätt värdet inom citattecken"),
    ("non-alphabetical character", "Rader som börjar med % (direktiv) är inte tillåtna; ta bort raden eller sätt värdet inom citattecken"),
    ("<document start>", "Bara ett YAML-dokument är tillåtet; ta bort raden --- eller ... mitt i texten"),
    ("expected a single document", "Bara ett YAML-dokument är tillåtet; ta bort raden --- mitt i texten"),
    ("expected <block end>", "Indraget stämmer inte; nycklar på samma nivå ska stå rakt under varandra"),
]
NESTING_MESSAGE = f"Strukturen är för djupt nästlad; front matter och datafiler får vara högst {MAX_DEPTH} nivåer djupa"
_TAB_MESSAGE = "Tabbtecken får inte användas i YAML; använd mellanslag för indrag"


def _swedish(problem: str) -> str:
    for english, swedish in _SWEDISH_PROBLEMS:
        if english in problem:
            return swedish
    return f"YAML-texten kan inte läsas här; kontrollera indrag, kolon och citattecken (YAML: {problem})"


def _tab_before(text: str, mark) -> bool:
    """libyaml reports a tab only as "a character that cannot start any token"."""
    if mark is None:
        return False
    lines = text.split("\n")
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


_SPACES = "".join(sorted(SPACE_LOOKALIKES))
_QUOTES = "".join(sorted(QUOTE_LOOKALIKES))
# Where YAML needs a plain space or a plain quote: in the indentation, after "key:" or "- ",
# and at the start of a value. The same character anywhere else is text.
_SYNTAX_SPACE_RE = re.compile(rf"^[ \t]*(?:-[ \t]+)*(?:[^\s:#\"'][^:#]*:)?([{_SPACES}])|^[ \t]*(-)([{_SPACES}])")
_VALUE_QUOTE_RE = re.compile(rf"^[ \t]*(?:-[ \t]+)*(?:[^\s:#\"'][^:#]*:[ \t]+)?([{_QUOTES}])")


def _lookalike_in_syntax(text: str, error) -> Problem | None:
    """A lookalike where YAML needs its own character, near a syntax error: most likely its cause.

    `status:\u00a0utkast` is a key without a colon to YAML, and `title: ”Plan: del 1”`
    a value with a colon in it, so libyaml's own message points at the wrong thing.
    """
    marks = [m for m in (error.context_mark, error.problem_mark) if m is not None]
    if not marks:
        return None
    lines = text.split("\n")
    first, last = min(m.line for m in marks), max(m.line for m in marks)
    for number in range(max(0, min(first, last - 1)), min(last, len(lines) - 1) + 1):
        line = lines[number]
        space = _SYNTAX_SPACE_RE.match(line)
        if space:
            index = space.start(1) if space.group(1) else space.start(3)
            where = f'efter "{line[:index].strip()}"' if line[:index].strip() else "i indraget"
            return Problem("AV113", Pos(number + 1, index + 1),
                           f"{where[0].upper()}{where[1:]} står {lookalike_name(line[index])}, som YAML inte räknar "
                           f"som mellanslag; {lookalike_fix(line[index])}")
        quote = _VALUE_QUOTE_RE.match(line)
        if quote:
            index = quote.start(1)
            return Problem("AV113", Pos(number + 1, index + 1),
                           f"Värdet börjar med {lookalike_name(line[index])}, som YAML inte räknar som citattecken; "
                           f'ett värde som innehåller ": " ska stå inom raka citattecken ("…")')
    return None


def reader_problem(text: str, error) -> Problem:
    """libyaml refuses a control character without saying where; the error has its offset."""
    position = getattr(error, "position", None)
    if not isinstance(position, int) or not 0 <= position < len(text):
        return Problem("AV016", Pos(1, 1), "Filen innehåller ett styrtecken som YAML inte tillåter; ta bort det")
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem("AV016", Pos(line, column), control_message(text[position]))


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class _Builder:
    """Builds Python values from the event stream, refusing what strict YAML excludes."""

    def __init__(self, source, text: str | None = None):
        self.source, self.text = source, text
        self.parsed = Parsed(value=None)

    def problem(self, code: str, mark, message: str, fatal: bool = True) -> None:
        self.parsed.problems.append(Problem(code, _pos(mark), message, fatal))

    def text_of(self, event, key: bool) -> str:
        """A scalar's text, with a control character (written as an escape such as "\\v") reported
        and replaced by a space: the value is still checked, and no message quotes the character."""
        value = event.value
        found = CONTROL_RE.search(value) if not value.isprintable() else None  # isprintable: the fast way out
        if found:
            name, fix = control_name(found.group())
            self.problem("AV016", event.start_mark,
                         f"{'Nyckeln' if key else 'Värdet'} innehåller styrtecknet {code_point(found.group())} ({name}), "
                         f"skrivet som escape-sekvens; {fix}", fatal=False)
            value = CONTROL_RE.sub(" ", value)
        return value

    def note_lookalike(self, event, value: str, path: Path, key: bool) -> None:
        """Where the first lookalike of a value stands, for the models' findings: its own place when
        the scalar is written as read (on one line, without escapes), otherwise the scalar's start."""
        found = LOOKALIKE_RE.search(value) if not value.isascii() else None
        if found is None:
            return
        start, end, style = event.start_mark, event.end_mark, event.style or ""
        raw = self.text[start.index:end.index] if self.text is not None else None
        if start.line == end.line and raw in (value, f"{style}{value}{style}"):
            pos = Pos(start.line + 1, start.column + 1 + len(style) + found.start())
        else:
            pos = _pos(start)
        self.parsed.lookalikes[(path, key)] = pos

    def next_event(self):
        return self.source.get_event()

    def build(self) -> Parsed:
        self.next_event()  # stream start
        if self.source.check_event(events.StreamEndEvent):
            return self.parsed
        self.next_event()  # document start
        self.parsed.value = self.node((), 0)
        self.next_event()  # document end
        if not self.source.check_event(events.StreamEndEvent):
            self.problem("AV009", self.source.peek_event().start_mark,
                         "Bara ett YAML-dokument är tillåtet; ta bort raden --- mitt i texten")
        return self.parsed

    def refuse_anchor_and_tag(self, event) -> None:
        if event.anchor is not None:
            self.problem("AV011", event.start_mark, f"Ankaret &{event.anchor} är inte tillåtet; ta bort det")
        if event.tag not in (None, "!"):
            self.problem("AV010", event.start_mark, f"Taggen {event.tag} är inte tillåten; skriv värdet utan tagg")

    def node(self, path: Path, depth: int):
        event = self.next_event()
        if isinstance(event, events.AliasEvent):
            self.problem("AV011", event.start_mark, f"Aliaset *{event.anchor} är inte tillåtet; skriv ut värdet")
            return None
        self.refuse_anchor_and_tag(event)
        if depth > MAX_DEPTH:
            self.problem("AV013", event.start_mark, NESTING_MESSAGE)
            self.skip(event)
            return None
        if isinstance(event, events.ScalarEvent):
            return self.scalar(event, path)
        if isinstance(event, events.SequenceStartEvent):
            return self.sequence(path, depth)
        return self.mapping(event, path, depth)

    def skip(self, event) -> None:
        level = 0 if isinstance(event, (events.ScalarEvent, events.AliasEvent)) else 1
        while level:
            event = self.next_event()
            if isinstance(event, (events.SequenceStartEvent, events.MappingStartEvent)):
                level += 1
            elif isinstance(event, (events.SequenceEndEvent, events.MappingEndEvent)):
                level -= 1

    def scalar(self, event, path: Path):
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit) if event.tag in (None, "!") else None
        if tag in (None, "tag:yaml.org,2002:str"):  # a tagged value is refused, and read as text
            value = self.text_of(event, False)
            self.note_lookalike(event, value, path, False)
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return event.value.lower() == "true"
        try:
            if tag == "tag:yaml.org,2002:int":
                return int(event.value)
            return _CONSTRUCTOR.construct_yaml_timestamp(ScalarNode(tag, event.value))
        except (ValueError, OverflowError):
            # A date that does not exist, or a number of thousands of digits: the model says so, at its field.
            return event.value

    def sequence(self, path: Path, depth: int) -> list:
        items = []
        while not self.source.check_event(events.SequenceEndEvent):
            index = len(items)
            self.parsed.positions[path + (index,)] = _pos(self.source.peek_event().start_mark)
            items.append(self.node(path + (index,), depth + 1))
        self.next_event()
        return items

    def mapping(self, start, path: Path, depth: int) -> dict:
        result: dict = {}
        while not self.source.check_event(events.MappingEndEvent):
            key_event = self.source.peek_event()
            if not isinstance(key_event, events.ScalarEvent):
                self.node(path, depth + 1)
                self.problem("AV013", key_event.start_mark, "Nycklar ska vara text")
                self.node(path, depth + 1)
                continue
            self.next_event()
            self.refuse_anchor_and_tag(key_event)
            key = self.text_of(key_event, True)  # keys are names: "2026" and "true" stay text
            if key in result:
                self.problem("AV012", key_event.start_mark, f'Nyckeln "{key}" förekommer mer än en gång')
                self.node(path, depth + 1)
                continue
            self.note_lookalike(key_event, key, path + (key,), True)
            self.parsed.positions[path + (key,)] = _pos(key_event.start_mark)
            result[key] = self.node(path + (key,), depth + 1)
        self.next_event()
        return result


def parse_yaml(text: str) -> Parsed:
    """Parse one YAML document strictly. Never raises for bad input: problems are returned."""
    source = _EventSource(text)
    try:
        return _Builder(source, text).build()
    except yaml.MarkedYAMLError as error:
        return Parsed(value=None, problems=[syntax_problem(text, error)])
    except ReaderError as error:  # a control character in the text itself
        return Parsed(value=None, problems=[reader_problem(text, error)])
    except yaml.YAMLError as error:
        return Parsed(value=None, problems=[Problem("AV009", Pos(1, 1), _swedish(str(error)))])
    finally:
        dispose = getattr(source, "dispose", None)
        if dispose:
            dispose()


def syntax_problem(text: str, error) -> Problem:
    mark = error.problem_mark or error.context_mark
    pos = _pos(mark) if mark else Pos(1, 1)
    problem = error.problem or str(error)
    if "nesting depth" in problem:
        return Problem("AV013", pos, NESTING_MESSAGE)
    lookalike = _lookalike_in_syntax(text, error)
    if lookalike:
        return lookalike
    return Problem("AV009", pos, _TAB_MESSAGE if _tab_before(text, mark) else _swedish(problem))
