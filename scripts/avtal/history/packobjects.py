"""An object's bytes in a git pack, made only as far as they are asked for (gitformat-pack(5)).

    inflate          the first bytes of a zlib stream in the pack
    FullObject       an object stored whole, inflated as far as asked
    InflatedObject   a loose object's first bytes, already inflated
    DeltaObject      an object stored as a delta: its instructions parsed as far as the bytes asked
                     for, its base read through the store (packs.py PackStore.read)
    first_copy       how many first bytes a delta copies from its base's start

packs.py finds the objects and decides their front matter from these first bytes.
"""

from __future__ import annotations

import mmap
import zlib
from typing import Protocol


class BaseReader(Protocol):
    """Where a delta's base is read (packs.py PackStore): bytes `start:end` of the object at `key`."""

    def read(self, key: tuple[int, int], start: int, end: int) -> bytes: ...

FIRST_READ = 512  # bytes of a blob read first: a front matter is a few hundred


def inflate(pack: mmap.mmap, at: int, size: int, limit: int | None = None) -> bytes:
    """`size` bytes (or `limit`) of the zlib stream at `at`."""
    want = size if limit is None else min(size, limit)
    inflater = zlib.decompressobj()
    end = at + want + 256  # usually enough input: the stream is no larger than its output, plus its header
    out = inflater.decompress(pack[at:end], want)
    if len(out) >= want or inflater.eof:
        return out
    parts, got = [out], len(out)
    while got < want and not inflater.eof:  # more input (a deflate block's tables can be long), or the rest
        tail = inflater.unconsumed_tail
        if not tail:
            tail, end = pack[end:end + want + 1024], end + want + 1024
            if not tail:
                raise ValueError("cut short")
        part = inflater.decompress(tail, want - got)
        parts.append(part)
        got += len(part)
    return b"".join(parts)


class FullObject:
    """An object stored whole: inflated only as far as asked."""

    __slots__ = ("pack", "at", "size", "head")

    def __init__(self, pack: mmap.mmap, at: int, size: int):
        self.pack, self.at, self.size, self.head = pack, at, size, b""

    def read(self, start: int, end: int) -> bytes:
        if end > len(self.head) and len(self.head) < self.size:
            self.head = inflate(self.pack, self.at, self.size, max(end, 2 * len(self.head)))
        return self.head[start:end]


class InflatedObject:
    """A loose object's first bytes, already inflated (`size`: the whole object's)."""

    __slots__ = ("head", "size")

    def __init__(self, head: bytes, size: int):
        self.head, self.size = head, size

    def read(self, start: int, end: int) -> bytes:
        return self.head[start:end]


class DeltaObject:
    """An object stored as a delta: its instructions parsed only as far as the bytes asked for."""

    __slots__ = ("store", "base", "pack", "start", "length", "delta", "at", "made", "size", "copies", "head")

    def __init__(self, store: BaseReader, base: tuple[int, int], pack: mmap.mmap, start: int, length: int,
                 first: bytes | None = None):
        self.store, self.base, self.pack, self.start, self.length = store, base, pack, start, length
        # Its first bytes only (two sizes and an instruction, at most 28 bytes): often they are all that is read.
        self.delta = first if first is not None else inflate(pack, start, length, 32)
        at = _varint_end(self.delta, 0)  # the base's size, not needed
        self.size, self.at = _varint(self.delta, at)
        self.made = 0  # the target's bytes the parsed instructions make
        self.copies: list[tuple[int, int, int, bytes | None]] = []  # (start, end, base offset, or the bytes)
        self.head = b""  # the target's first bytes, once made

    def read(self, start: int, end: int) -> bytes:
        if end <= len(self.head):
            return self.head[start:end]
        if start == 0:  # the usual question: made once, then sliced
            self.head = self._make(0, max(end, FIRST_READ))
            return self.head[:end]
        return self._make(start, end)

    def _make(self, start: int, end: int) -> bytes:
        if self.made < end:
            self._parse(end)
        parts = []
        for first, last, offset, data in self.copies:
            if last <= start:
                continue
            if first >= end:
                break
            low, high = max(first, start), min(last, end)
            if data is None:
                parts.append(self.store.read(self.base, offset + low - first, offset + high - first))
            else:
                parts.append(data[low - first:high - first])
        return b"".join(parts)

    def _parse(self, end: int) -> None:
        if len(self.delta) < self.length:
            self.delta = inflate(self.pack, self.start, self.length)
        delta, at, made, copies = self.delta, self.at, self.made, []  # kept only when all parsed well
        while made < end and at < len(delta):
            op = delta[at]
            at += 1
            if op & 0x80:  # copy from the base: which bytes say which of offset and size follow
                offset = size = 0
                for bit, shift in ((1, 0), (2, 8), (4, 16), (8, 24)):
                    if op & bit:
                        offset |= delta[at] << shift
                        at += 1
                for bit, shift in ((16, 0), (32, 8), (64, 16)):
                    if op & bit:
                        size |= delta[at] << shift
                        at += 1
                size = size or 0x10000
                copies.append((made, made + size, offset, None))
            elif op:  # insert the next `op` bytes
                copies.append((made, made + op, 0, delta[at:at + op]))
                size = op
                at += op
                if at > len(delta):
                    raise ValueError("cut short")
            else:
                raise ValueError("reserved delta instruction")
            made += size
        self.copies.extend(copies)
        self.at, self.made = at, made


def first_copy(delta: bytes) -> int:
    """How many first bytes a delta's first instruction copies from the start of its base (or 0)."""
    at = 0
    while delta[at] & 0x80:  # the base's size
        at += 1
    at += 1
    while delta[at] & 0x80:  # the target's
        at += 1
    op = delta[at + 1] if at + 1 < len(delta) else 0
    if not op & 0x80 or op & 0x0F:  # not a copy, or not from the base's start
        return 0
    at, size = at + 2, 0
    if op & 16:
        size = delta[at]
        at += 1
    if op & 32:
        size |= delta[at] << 8
        at += 1
    if op & 64:
        size |= delta[at] << 16
    return size or 0x10000


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _varint_end(data: bytes, at: int) -> int:
    return _varint(data, at)[1]
