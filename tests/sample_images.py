"""Small real images, made byte by byte, for the tests of images in the check, the site and Word."""

from __future__ import annotations

import base64
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">L", len(data)) + kind + data + struct.pack(">L", zlib.crc32(kind + data))


def png(width: int = 2, height: int = 1, dpi: float | None = None, colour: bytes = b"\x1e\x5a\x8c") -> bytes:
    """An RGB PNG of one colour, optionally with its resolution (pHYs) in dots per inch."""
    rows = b"".join(b"\x00" + colour * width for _ in range(height))
    chunks = [_chunk(b"IHDR", struct.pack(">LLBBBBB", width, height, 8, 2, 0, 0, 0))]
    if dpi is not None:
        per_metre = round(dpi / 0.0254)
        chunks.append(_chunk(b"pHYs", struct.pack(">LLB", per_metre, per_metre, 1)))
    chunks += [_chunk(b"IDAT", zlib.compress(rows)), _chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def gif() -> bytes:
    """A 1 × 1 GIF89a."""
    return base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


# A 1 × 1 baseline JPEG with a JFIF header (72 dpi); every browser and Word show it.
JFIF_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////"
    "////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA="
)


def jpeg() -> bytes:
    return JFIF_JPEG


def exif_jpeg(x_resolution: tuple[int, int] = (300, 1)) -> bytes:
    """The same JPEG with an Exif header (APP1) in place of JFIF, giving its resolution as a TIFF directory."""
    entries = [(0x011A, 5, 1, 50), (0x011B, 5, 1, 58), (0x0128, 3, 1, 2 << 16)]  # values after the directory
    tiff = b"MM\x00*" + struct.pack(">L", 8) + struct.pack(">H", len(entries))
    tiff += b"".join(struct.pack(">HHLL", *entry) for entry in entries) + struct.pack(">L", 0)
    tiff += struct.pack(">LL", *x_resolution) * 2
    segment = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(segment) + 2) + segment
    app0_length = struct.unpack(">H", JFIF_JPEG[4:6])[0]
    return b"\xff\xd8" + app1 + JFIF_JPEG[4 + app0_length:]
