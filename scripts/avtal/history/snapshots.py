"""What a file says about itself at one commit: a document's front matter (its id, version,
status and change note), or the document a data file belongs to.

The history has tens of thousands of blobs, so this is written for speed: a blob is read in
place in the buffer it arrived in, and each front matter, and each of its entries, is parsed
once however often it recurs. The values are always those a whole parse would give.
"""

from __future__ import annotations

import re
import zlib
from typing import NamedTuple

from ..source.layout import DATA_SUFFIXES
from ..text import clean_line

DECIDED = "beslutad"
FRONT_MATTER_KEYS = ("id", "title", "version", "status", "change_note", "date", "owner", "local")
_DATA_DOCUMENT_RE = re.compile(rb"^document:[ \t]*[\"']?([a-z][a-z0-9-]*)", re.M)
_BOM = b"\xef\xbb\xbf"
_LOCAL_KIND_RE = re.compile(rb"^kind:[ \t]*[\"']?local\b", re.M)


class Snapshot(NamedTuple):
    """What a blob says about itself: a document's front matter, or a data file's document."""

    id: str | None = None
    title: str | None = None
    version: str | None = None
    status: str | None = None
    change_note: str | None = None
    date: str | None = None
    owner: str | None = None
    body_digest: str | None = None  # only for a decided version: its text must never change
    document: str | None = None  # for data files
    content: str | None = None  # for data files: a digest of what is not a comment (a comment changes nothing)
    local: str | None = None  # a local agreements' template: its data file (source/local.py)
    rows: str | None = None  # local agreements' data: each row's party and front matter, as JSON (history/local.py)


def snapshot_of(path: str, data: bytes | bytearray, cache: FrontMatterCache, start: int = 0, end: int | None = None) -> Snapshot:
    """What the file `data[start:end]` says about itself; the offsets spare a copy of each blob."""
    if end is None:
        end = len(data)
    if path.endswith(DATA_SUFFIXES):
        found = _DATA_DOCUMENT_RE.search(data, start, end)
        rows = local_rows(bytes(data[start:end])) if _LOCAL_KIND_RE.search(data, start, end) else None
        return Snapshot(document=found.group(1).decode() if found else None, content=data_digest(bytes(data[start:end])),
                        rows=rows)
    front, data, body, end = front_matter(data, start, end)
    if front is None:
        return Snapshot()
    snapshot = cache.parsed.get(front) or cache.snapshot(front)
    if snapshot.status == DECIDED:
        snapshot = snapshot._replace(body_digest=text_digest(bytes(data[body:end])))
    return snapshot


def front_matter(data: bytes | bytearray, start: int, end: int) -> tuple[bytes | None, bytes | bytearray, int, int]:
    """A document's front matter as snapshot_of parses it (None: it has none), and where its text is:
    (front matter, data, start of the text, end); data is a new copy when a BOM or CRLF was undone."""
    # The common case inline (this runs once per blob of the whole history): `---`, LF line ends.
    close = data.find(b"\n---\n", start + 3, end) if data.startswith(b"---\n", start) else -1
    if close < 0 or data.find(b"\r\n", start, close + 2) >= 0:
        data = bytes(data[start:end]).removeprefix(_BOM).replace(b"\r\n", b"\n")  # rare: a BOM or CRLF
        start, end = 0, len(data)
        close = _closing_line(data, start, end)
        if close < 0:
            return None, data, end, end
    return bytes(data[start + 4:close + 1]), data, close + 5, end  # bytes: data may be a reused bytearray


_LOCAL_ROW_KEYS = ("version", "status", "change_note", "date")


def local_rows(data: bytes) -> str | None:
    """Each row of a local data file as [party, version, status, change_note, date, digest of the row],
    in JSON (a snapshot's values are text); None when the file cannot be read as local data. Read by
    history/local.py, which gives each municipality's local agreement its own change log."""
    import hashlib
    import json

    from ..source.yamlsafe import parse_yaml  # here: only local data needs these

    value = parse_yaml(data.decode("utf-8", "replace")).value
    items = value.get("items") if isinstance(value, dict) else None
    if not isinstance(items, list):
        return None
    rows = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("party"), str):
            continue
        fields = [None if item.get(key) is None else clean_line(str(item[key])) for key in _LOCAL_ROW_KEYS]
        digest = hashlib.sha256(json.dumps(item, sort_keys=True, default=str).encode()).hexdigest()[:16]
        rows.append([clean_line(item["party"]), *fields, digest])
    return json.dumps(rows, ensure_ascii=False)


def _closing_line(data: bytes | bytearray, start: int, end: int) -> int:
    """Where the `---` that closes the front matter starts (at its newline), or -1."""
    return data.find(b"\n---\n", start + 3, end) if data.startswith(b"---\n", start) else -1


_COMMENT_OR_BLANK_LINE_RE = re.compile(rb"^[ \t]*(?:#[^\n]*)?\r?\n", re.M)


def data_digest(data: bytes) -> str:
    """What a data file says, without its whole-line comments and blank lines (an editor's schema line, a
    note to the next editor): two versions with the same digest show the reader the same data."""
    return format(zlib.crc32(_COMMENT_OR_BLANK_LINE_RE.sub(b"", data + b"\n")), "08x")


def body_of(data: bytes) -> bytes:
    """A document's text: what follows the front matter."""
    data = data.replace(b"\r\n", b"\n").removeprefix(_BOM)
    close = _closing_line(data, 0, len(data))
    return data[close + 5:] if close >= 0 else data


def text_digest(body: bytes | str) -> str:
    """The fingerprint of a document's text (the Markdown after the front matter)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    body = body.removeprefix(_BOM).replace(b"\r\n", b"\n")
    import hashlib  # here: most runs digest no text, and loading OpenSSL is a hundredth of a change log's run

    return hashlib.sha256(body.rstrip() + b"\n").hexdigest()


class FrontMatterCache:
    """Front matters repeat across blobs (most commits change the body only), and their entries
    repeat across documents (`status: utkast`): each is parsed once.

    A front matter is cut into its top-level entries (a `key:` line and the lines under it), and
    only the entries of FRONT_MATTER_KEYS are parsed, each on its own. When the cut is not clean
    (a line it does not understand, a key twice, an entry YAML finds fault with), the whole front
    matter is parsed instead."""

    def __init__(self):
        self.parsed: dict[bytes, Snapshot] = {}
        self.entries: dict[bytes, object] = {}  # entry text -> its value, or _UNCLEAN

    def snapshot(self, text: bytes) -> Snapshot:
        found = self.parsed.get(text)
        if found is None:
            fields = self._by_entry(text)
            if fields is None:
                fields = _whole(text)
            found = Snapshot(**{k: _text(v) for k, v in fields.items() if k in FRONT_MATTER_KEYS})
            self.parsed[text] = found
        return found

    def _by_entry(self, text: bytes) -> dict | None:
        fields, seen = {}, set()
        for entry in _ENTRY_START_RE.split(text):  # comment lines stay with the entry above
            key = _ENTRY_RE.match(entry)
            if key is None:
                if _BLANK_OR_COMMENTS_RE.fullmatch(entry):
                    continue  # before the first entry
                return None
            name = key.group(1)
            if name in seen:
                return None
            seen.add(name)
            if name in _WANTED:
                value = self._entry(entry, name)
                if value is _UNCLEAN:
                    return None
                fields[_WANTED[name]] = value
        return fields

    def _entry(self, text: bytes, key: bytes):
        if text not in self.entries:
            parsed, name = _parse(text), _WANTED[key]
            clean = not parsed.problems and isinstance(parsed.value, dict) and list(parsed.value) == [name]
            self.entries[text] = parsed.value[name] if clean else _UNCLEAN
        return self.entries[text]


_ENTRY_START_RE = re.compile(rb"^(?=[^ \t\r\n#-])", re.M)  # a line that starts a top-level entry
_ENTRY_RE = re.compile(rb"([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]|\r?\n|$)")
_BLANK_OR_COMMENTS_RE = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\n)*")
_WANTED = {key.encode(): key for key in FRONT_MATTER_KEYS}
_UNCLEAN = object()


def _parse(text: bytes):
    from ..source.yamlsafe import parse_yaml  # here: a run that finds every blob in the cache needs no YAML

    return parse_yaml(text.decode("utf-8", "replace"))


def _whole(text: bytes) -> dict:
    value = _parse(text).value
    return value if isinstance(value, dict) else {}


def _text(value) -> str | None:
    # What old front matter says was never checked: one line without control characters, for
    # the change logs, the site and the Word files' version history alike.
    return None if value is None else clean_line(value)
