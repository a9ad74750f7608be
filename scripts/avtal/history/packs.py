"""The front matter of a whole history's blobs, read from git's pack files by a second process.

A first run reads the front matter of every version of every document: tens of thousands of
blobs, of which `git cat-file --batch` would inflate and pipe every byte (hundreds of megabytes)
although only the first few hundred are read. In a pack, most versions of a file are stored as a
delta against another version, and the first instruction of such a delta nearly always copies the
beginning of its base: so the first bytes of a blob are found by following those instructions
without making the rest of it, and a delta that copies its base's whole front matter has that
front matter without making any of it. That is what this module does, in a process of its own
(packserver.py: the change log's Python is busy parsing the log meanwhile, and a machine has
more than one core):

    PackStore           the packs' indexes; an object's front matter from its first bytes, found
                        down its delta chain (the same as its base's where the delta copies it),
                        or from a loose object's file
    snapshot_from_pack  a blob's snapshot from it, or None when only the whole blob says it

How an object's bytes are made from a pack (inflating, applying a delta) is packobjects.py.
What cannot be read this way (a data file, a document that may be decided, whose whole text is
fingerprinted, an object in an alternate store, an unusual pack) is read whole through `git cat-file`.

The snapshots are exactly those a whole blob gives: first bytes are used only when they hold
the whole front matter, which is all that snapshot_of reads of a document that is not decided
(tested against cat-file over whole histories, with hypothesis for the first bytes). Pack
format: gitformat-pack(5); version 2 indexes, SHA-1 object names only (others: cat-file).
"""

from __future__ import annotations

import mmap
import sys
import zlib
from array import array
from binascii import unhexlify
from pathlib import Path

from ..source.layout import DATA_SUFFIXES
from .packobjects import FIRST_READ, DeltaObject, FullObject, InflatedObject, first_copy, inflate
from .snapshots import _BOM, DECIDED, FrontMatterCache, Snapshot, _closing_line, front_matter

_IDX_V2 = b"\xfftOc\x00\x00\x00\x02"
_OFS_DELTA, _REF_DELTA, _BLOB = 6, 7, 3
_MOST = 1 << 16  # a front matter not closed within this is read whole


# -- The packs (in the serving process) ------------------------------------------------


class PackStore:
    """The objects of a repository's packs, by name, and the front matter of each (see `front`)."""

    def __init__(self, objects: Path):
        self.loose = objects  # where loose objects are: objects/<2 hex>/<38 hex>
        self.where: dict[bytes, tuple[int, int]] = {}  # object name -> (pack number, offset)
        self.packs: list[mmap.mmap] = []
        self.objects: dict[tuple[int, int], FullObject | DeltaObject] = {}  # (pack, offset) -> the object's reader
        self.said: dict[tuple[int, int], tuple[bytes | bool | None, int]] = {}  # (pack, offset) -> _document's answer
        self.same: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}  # (pack, offset) -> (its base, how many
        #   first bytes it copies from it): read from the base, an object whose snapshot was its base's is never made
        for idx in sorted((objects / "pack").glob("*.idx")):
            try:
                self._add(idx)
            except (OSError, ValueError):
                continue  # unreadable: its objects are read through cat-file

    def _add(self, idx: Path) -> None:
        data = idx.read_bytes()
        if data[:8] != _IDX_V2:
            raise ValueError("not a version 2 index")
        count = int.from_bytes(data[8 + 255 * 4:8 + 256 * 4], "big")
        names, small = 8 + 256 * 4, 8 + 256 * 4 + 24 * count  # after the names, their CRCs, then offsets
        large = small + 4 * count
        if len(data) < large + 40:
            raise ValueError("cut short")
        with (idx.with_suffix(".pack")).open("rb") as stream:
            pack = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        number = len(self.packs)
        self.packs.append(pack)
        offsets = array("I", data[small:large])
        if sys.byteorder == "little":
            offsets.byteswap()  # stored big-endian
        offsets = offsets.tolist()
        for index, offset in enumerate(offsets):
            if offset & 0x80000000:  # an offset beyond 2 GiB, in the table of 8-byte offsets
                at = large + 8 * (offset & 0x7FFFFFFF)
                offsets[index] = int.from_bytes(data[at:at + 8], "big")
        keys = [data[at:at + 20] for at in range(names, names + 20 * count, 20)]
        more = dict(zip(keys, [(number, offset) for offset in offsets], strict=True))
        self.where = {**more, **self.where}  # an object in two packs: the first pack's

    def front(self, name: bytes) -> bytes | bool | None:
        """Object `name`'s (in hexadecimal) front matter as snapshot_of parses it, from its first bytes: the bytes, False
        when it has none, or None when it must be read whole (it is in no pack or cannot be read from
        one, or it may be a decided document, whose whole text is fingerprinted)."""
        try:
            found = self.where.get(unhexlify(name)) if len(name) == 40 else None  # SHA-1 names only
            if found is None:
                return self._loose_document(name) if len(name) == 40 else None
            return self._document(found)[0]
        except (ValueError, IndexError, zlib.error, RecursionError):  # binascii's error is a ValueError
            return None  # a damaged or unusual pack: cat-file says what it holds

    def _loose_document(self, name: bytes) -> bytes | bool | None:
        """A loose object's front matter (the commits made since the last pack, in a clone one works in),
        read from its file as cat-file would, instead of starting cat-file for a few blobs at the end."""
        try:
            data = (self.loose / name[:2].decode("ascii") / name[2:].decode("ascii")).read_bytes()
        except OSError:
            return None  # not here (an alternate object store, a shallow clone's edge): cat-file says
        # The header ("blob <size>" and NUL), and no more of the contents than a front matter is read from.
        made = zlib.decompressobj().decompress(data, 32 + _MOST)
        header, found, contents = made.partition(b"\0")
        kind, _, size = header.partition(b" ")
        if not found or kind != b"blob":
            return None
        return _from_first_bytes(InflatedObject(contents, int(size)))[0]

    def _document(self, key: tuple[int, int]) -> tuple[bytes | bool | None, int]:
        """(front matter as `front` gives it, how many first bytes decide it: 0 when not only they).

        Written for speed, as it runs once per blob of a whole history: a delta whose first instruction
        copies at least the bytes that decide its base's front matter has that front matter, found from
        the delta's first bytes alone, without making any of the object."""
        known = self.said.get(key)
        if known is not None:
            return known
        number, offset = key
        pack = self.packs[number]
        head = pack[offset:offset + 320]  # the header and the start of the zlib stream, in one slice
        byte = head[0]
        kind, size, shift, at = (byte >> 4) & 7, byte & 15, 4, 1
        while byte & 0x80:
            byte = head[at]
            at += 1
            size |= (byte & 0x7F) << shift
            shift += 7
        if kind != _OFS_DELTA:  # rare in a pack (a chain's end, or a reference delta): the general way
            pack, kind, size, at, base = self._header(number, offset)
        else:
            byte = head[at]
            at += 1
            back = byte & 0x7F
            while byte & 0x80:
                byte = head[at]
                at += 1
                back = ((back + 1) << 7) | (byte & 0x7F)
            base, at = (number, offset - back), offset + at
        if base is None:
            reader = FullObject(pack, at, size)
        else:
            # Its two sizes and first instruction (at most 28 bytes), usually from the slice already read.
            first = zlib.decompressobj().decompress(head[at - offset:], 32) if kind == _OFS_DELTA else b""
            if len(first) < min(size, 32):
                first = inflate(pack, at, size, 32)
            copied = first_copy(first)
            if copied:
                said = self._document(base)
                if 0 < said[1] <= copied:
                    self.said[key] = said
                    self.same[key] = base, copied
                    return said
            reader = DeltaObject(self, base, pack, at, size, first)
        reader = self.objects.setdefault(key, reader)
        known = self.said[key] = _from_first_bytes(reader)
        return known

    def read(self, key: tuple[int, int], start: int, end: int) -> bytes:
        """Bytes `start:end` of an object, from the first base down its chain that has to be made for them."""
        same = self.same.get(key)
        while same is not None and end <= same[1]:
            key = same[0]
            same = self.same.get(key)
        return self._reader(key).read(start, end)

    def _reader(self, key: tuple[int, int]) -> FullObject | DeltaObject:
        reader = self.objects.get(key)
        if reader is None:
            pack, _, size, at, base = self._header(*key)
            reader = FullObject(pack, at, size) if base is None else DeltaObject(self, base, pack, at, size)
            self.objects[key] = reader
        return reader

    def _header(self, number: int, offset: int) -> tuple[mmap.mmap, int, int, int, tuple[int, int] | None]:
        """(its pack, type, size, where its zlib stream starts, its base for a delta) of an object."""
        pack = self.packs[number]
        byte = pack[offset]
        kind, size, shift, at = (byte >> 4) & 7, byte & 15, 4, offset + 1
        while byte & 0x80:
            byte = pack[at]
            at += 1
            size |= (byte & 0x7F) << shift
            shift += 7
        if kind == _OFS_DELTA:
            byte = pack[at]
            at += 1
            back = byte & 0x7F
            while byte & 0x80:
                byte = pack[at]
                at += 1
                back = ((back + 1) << 7) | (byte & 0x7F)
            return pack, kind, size, at, (number, offset - back)
        if kind == _REF_DELTA:
            base = self.where.get(bytes(pack[at:at + 20]))
            if base is None:
                raise ValueError("base outside the packs")
            return pack, kind, size, at + 20, base
        if kind != _BLOB:
            raise ValueError("not a blob")
        return pack, kind, size, at, None


def _enough(prefix: bytes) -> bool:
    """Whether a blob's first bytes say all that snapshot_of reads of a document: the front matter
    is closed within them (after a byte order mark and CRLF line ends are undone, as it does), or
    enough of them are there to see that the document has none."""
    # A last CR may be half of a CRLF: only what comes before it is certain.
    text = prefix[:-1] if prefix.endswith(b"\r") else prefix
    text = text.removeprefix(_BOM).replace(b"\r\n", b"\n")
    if not text.startswith(b"---\n"):
        return len(text) >= 4
    return _closing_line(text, 0, len(text)) >= 0


def _from_first_bytes(reader: FullObject | DeltaObject) -> tuple[bytes | bool | None, int]:
    """An object's front matter (see PackStore.front) from as few first bytes as hold it, and how many
    first bytes decide it (see PackStore._document)."""
    size = FIRST_READ
    while size <= _MOST:
        data = reader.read(0, size)
        if len(data) >= reader.size or _enough(data):
            front = front_matter(data, 0, len(data))[0]
            if front is None:
                return False, 0
            if may_be_decided(front):
                return None, 0
            # The usual front matter (`---`, LF line ends) is decided by its bytes up to its closing line.
            close = _closing_line(data, 0, len(data))
            plain = close >= 0 and data.find(b"\r\n", 0, close + 2) < 0
            return front, close + 5 if plain else 0
        size *= 2
    return None, 0


def may_be_decided(front: bytes) -> bool:
    """Whether a front matter may say `status: beslutad` (snapshots.DECIDED), told without parsing it:
    the word is in it, or an escape that could spell it. Such a document's whole text is fingerprinted."""
    return b"beslutad" in front or b"\\" in front


def snapshot_from_pack(store: PackStore, blob: str, path: str, cache: FrontMatterCache) -> Snapshot | None:
    """The blob's snapshot from its first bytes in the packs; None when it must be read whole."""
    if path.endswith(DATA_SUFFIXES):
        return None  # a data file's snapshot is a digest of all of it
    return snapshot_from_front(store.front(blob.encode()), cache)


def snapshot_from_front(front: bytes | bool | None, cache: FrontMatterCache) -> Snapshot | None:
    """The snapshot of a front matter from PackStore.front, as snapshot_of makes it; None when only the
    whole blob says it (a decided document that may_be_decided missed is one)."""
    if front is None:
        return None
    if front is False:
        return Snapshot()
    snapshot = cache.parsed.get(front) or cache.snapshot(front)
    return None if snapshot.status == DECIDED else snapshot
