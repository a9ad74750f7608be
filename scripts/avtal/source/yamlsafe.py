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

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

try:  # libyaml's parser is about ten times faster than the pure-Python one
    from yaml._yaml import CParser as _EventSource
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource

MAX_DEPTH = 32

Path = tuple  # keys and list indices from the root down to a value


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Problem:
    code: str
    pos: Pos
    message: str


@dataclass
class Parsed:
    value: object
    positions: dict = field(default_factory=dict)  # Path -> Pos of the key (or list item)
    problems: list = field(default_factory=list)

    def pos(self, path: Path) -> Pos:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Pos(1, 1))


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

# libyaml's messages, in the words an editor needs.
_SWEDISH_PROBLEMS = [
    ("mapping values are not allowed", "ett kolon står på fel ställe; ett värde som innehåller \": \" ska stå inom citattecken"),
    ("found character '\\t'", "tabbtecken får inte användas för indrag; använd mellanslag"),
    ("cannot start any token", "ett tecken som inte får inleda ett värde; sätt värdet inom citattecken"),
    ("could not find expected ':'", "ett kolon saknas efter nyckeln"),
    ("did not find expected key", "indraget stämmer inte; nycklar på samma nivå ska stå rakt under varandra"),
    ("did not find expected '-' indicator", "indraget stämmer inte i listan; varje punkt börjar med \"- \" på samma nivå"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde; ett citattecken eller en parentes avslutas aldrig"),
    ("found unknown escape character", "okänd escape-sekvens inom dubbla citattecken; använd enkla citattecken"),
    ("expected <block end>", "indraget stämmer inte"),
    ("found undefined alias", "alias är inte tillåtna"),
    ("expected a single document", "bara ett YAML-dokument är tillåtet (ta bort raden ---)"),
    ("found duplicate anchor", "ankare är inte tillåtna"),
]


def _swedish(problem: str) -> str:
    for english, swedish in _SWEDISH_PROBLEMS:
        if english in problem:
            return f"{swedish} (YAML: {problem})"
    return f"YAML kan inte läsas: {problem}"


_TAB_MESSAGE = "tabbtecken får inte användas i YAML; använd mellanslag för indrag"


def _tab_before(text: str, mark) -> bool:
    """libyaml reports a tab only as "a character that cannot start any token"."""
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class _Builder:
    """Builds Python values from the event stream, refusing what strict YAML excludes."""

    def __init__(self, source):
        self.source = source
        self.parsed = Parsed(value=None)

    def problem(self, code: str, mark, message: str) -> None:
        self.parsed.problems.append(Problem(code, _pos(mark), message))

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
                         "bara ett YAML-dokument är tillåtet; ta bort raden --- mitt i texten")
        return self.parsed

    def node(self, path: Path, depth: int):
        event = self.next_event()
        if isinstance(event, events.AliasEvent):
            self.problem("AV011", event.start_mark, f"aliaset *{event.anchor} är inte tillåtet; skriv ut värdet")
            return None
        if event.anchor is not None:
            self.problem("AV011", event.start_mark, f"ankaret &{event.anchor} är inte tillåtet; ta bort det")
        if event.tag not in (None, "!"):
            self.problem("AV010", event.start_mark, f"taggen {event.tag} är inte tillåten; skriv värdet utan tagg")
        if depth > MAX_DEPTH:
            self.problem("AV013", event.start_mark, f"YAML-strukturen är djupare än {MAX_DEPTH} nivåer")
            self.skip(event)
            return None
        if isinstance(event, events.ScalarEvent):
            return self.scalar(event)
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

    def scalar(self, event):
        if event.tag not in (None, "!"):
            return event.value
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
        if tag == "tag:yaml.org,2002:str":
            return event.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return event.value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return int(event.value)
        try:
            return _CONSTRUCTOR.construct_yaml_timestamp(ScalarNode(tag, event.value))
        except ValueError:
            return event.value  # a date that does not exist: the model says so, at its field

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
            key = self.node(path, depth + 1)
            if isinstance(key_event, events.ScalarEvent):
                key = key_event.value  # keys are names: "2026" and "true" stay text
            else:
                self.problem("AV013", key_event.start_mark, "nycklar ska vara text")
                self.node(path, depth + 1)
                continue
            if key in result:
                self.problem("AV012", key_event.start_mark, f"nyckeln \"{key}\" förekommer mer än en gång")
                self.node(path, depth + 1)
                continue
            self.parsed.positions[path + (key,)] = _pos(key_event.start_mark)
            result[key] = self.node(path + (key,), depth + 1)
        self.next_event()
        return result


def parse_yaml(text: str) -> Parsed:
    """Parse one YAML document strictly. Never raises for bad input: problems are returned."""
    source = _EventSource(text)
    try:
        return _Builder(source).build()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        pos = _pos(mark) if mark else Pos(1, 1)
        message = _TAB_MESSAGE if _tab_before(text, mark) else _swedish(error.problem or str(error))
        return Parsed(value=None, problems=[Problem("AV009", pos, message)])
    except yaml.YAMLError as error:  # a reader error: control characters and the like
        return Parsed(value=None, problems=[Problem("AV009", Pos(1, 1), _swedish(str(error)))])
    finally:
        dispose = getattr(source, "dispose", None)
        if dispose:
            dispose()
