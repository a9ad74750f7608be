"""Images in the documents: a file in the repository that both the site and Word can show.

`![Tidplanen](bilder/tidplan.png)` names a PNG, JPEG or GIF file by a path relative to the
document. Loading reads each image once, here, and only through the repository's boundary;
the renderers take the bytes from the Corpus and never open a path themselves. An image
from another site (`https://…`, `//…`) is refused: the Word file could not hold it, and a
public page should not fetch what nobody reviewed.

The header is read the way python-docx reads it (which it must, to place the picture), so
that every image the check lets through is one the Word renderer can embed: the type is
told from the bytes, never from the name, and the name's suffix must agree with it (a file
served as `.png` is shown as an image by every browser, and nothing else).
"""

from __future__ import annotations

import posixpath
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from .layout import IMAGE_SUFFIXES

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 20_000  # per side
MAX_DPI = 100_000  # above it, a picture of one pixel has no size at all in a Word file


def _sane_dpi(dpi: float, what: str) -> None:
    if not 1 <= dpi <= MAX_DPI:
        raise NotAnImage(f"{what} upplösning ({dpi:g} punkter per tum) är orimlig; spara om bilden")
TYPE_NAMES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF"}

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Image:
    path: str  # relative to the repository root
    kind: str  # png, jpeg or gif
    data: bytes
    width: int  # pixels
    height: int


class NotAnImage(Exception):
    """The bytes are not an image both renderers can show; the message says why, in Swedish."""


@lru_cache(maxsize=8192)  # asked for every link twice (loading, the links rule); documents repeat their addresses
def is_image_path(path: str) -> bool:
    return posixpath.splitext(path.lower())[1] in IMAGE_SUFFIXES


def is_remote(target: str) -> bool:
    return bool(_SCHEME_RE.match(target)) or target.startswith("//")


def image_path(doc_path: str, target: str) -> str:
    """The repository path an image reference in `doc_path` names (may lead outside: `..`)."""
    path = unquote(target.strip().partition("#")[0])
    if path.startswith("/"):
        return path
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), path))


# -- The headers, read as python-docx reads them --------------------------------------


def _u16(data: bytes, offset: int, order: str = ">") -> int:
    if offset < 0 or offset + 2 > len(data):
        raise NotAnImage("Filen tar slut mitt i bildhuvudet")
    return struct.unpack_from(order + "H", data, offset)[0]


def _u32(data: bytes, offset: int, order: str = ">") -> int:
    if offset < 0 or offset + 4 > len(data):
        raise NotAnImage("Filen tar slut mitt i bildhuvudet")
    return struct.unpack_from(order + "L", data, offset)[0]


def _png(data: bytes) -> tuple[int, int]:
    """Walk every chunk up to IEND, as python-docx does; the first IHDR gives the size, the
    first pHYs the resolution, and every IHDR and pHYs is read whole."""
    offset, size, resolution = 8, None, None
    while True:
        length, kind = _u32(data, offset), data[offset + 4: offset + 8]
        if len(kind) < 4 or not kind.isalpha():
            raise NotAnImage("PNG-filens delar (chunks) är trasiga")
        body = offset + 8
        if kind == b"IHDR":
            found = (_u32(data, body), _u32(data, body + 4))
            size = size or found
        elif kind == b"pHYs":
            found = (_u32(data, body), _u32(data, body + 4), _byte(data, body + 8))
            resolution = resolution or found
        if kind == b"IEND":
            break
        offset = body + length + 4
    if size is None:
        raise NotAnImage("PNG-filen saknar sitt huvud (IHDR)")
    if resolution and resolution[2] == 1:
        for per_metre in resolution[:2]:
            if per_metre:  # python-docx takes 0 for "not given", as 72
                _sane_dpi(round(per_metre * 0.0254), "PNG-filens")
    return size


def _byte(data: bytes, offset: int) -> int:
    if offset >= len(data):
        raise NotAnImage("Filen tar slut mitt i bildhuvudet")
    return data[offset]


def _gif(data: bytes) -> tuple[int, int]:
    return _u16(data, 6, "<"), _u16(data, 8, "<")


_SOF = frozenset(b"\xc0\xc1\xc2\xc3\xc5\xc6\xc7\xc9\xca\xcb\xcd\xce\xcf")
_STANDALONE = frozenset(b"\x01\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9")
_APP0, _APP1, _SOS, _EOI = 0xE0, 0xE1, 0xDA, 0xD9


def _jpeg_markers(data: bytes) -> list[tuple[int, int, int]]:
    """(code, segment offset, segment length) of each marker up to SOS, found as python-docx finds them."""
    markers, start = [], 0
    while True:
        position = data.find(b"\xff", start)
        while True:
            if position < 0:
                raise NotAnImage("JPEG-filen tar slut innan bilden börjar")
            position += 1
            while position < len(data) and data[position] == 0xFF:
                position += 1
            if position >= len(data):
                raise NotAnImage("JPEG-filen tar slut innan bilden börjar")
            if data[position] != 0:
                break
            position = data.find(b"\xff", position)
        code, segment = data[position], position + 1
        length = 0 if code in _STANDALONE else _u16(data, segment)
        markers.append((code, segment, length))
        if code in (_SOS, _EOI):
            return markers
        start = segment + length


def _jpeg(data: bytes) -> tuple[int, int]:
    """Every marker up to SOS is read as python-docx reads it; the first SOF gives the size,
    the first APP0 (JFIF) or APP1 (Exif) the resolution."""
    markers = _jpeg_markers(data)
    for code, segment, length in markers:
        if code == _APP0:
            _jfif_resolution(data, segment)
        elif code == _APP1 and data[segment + 2: segment + 8] == b"Exif\x00\x00":
            # python-docx reads length - 8 bytes, which for a length below 8 is the rest of the file
            _exif_resolution(data[segment + 8:] if length < 8 else data[segment + 8: segment + length])
        elif code in _SOF:
            _u16(data, segment + 3), _u16(data, segment + 5)
    sof = next((m for m in markers if m[0] in _SOF), None)
    if sof is None:
        raise NotAnImage("JPEG-filen saknar bildens storlek (SOF)")
    needed = _APP0 if data[6:10] == b"JFIF" else _APP1
    if not any(m[0] == needed for m in markers):
        raise NotAnImage(f"JPEG-filens {'JFIF' if needed == _APP0 else 'Exif'}-huvud är trasigt")
    return _u16(data, sof[1] + 5), _u16(data, sof[1] + 3)


def _jfif_resolution(data: bytes, segment: int) -> None:
    units = _byte(data, segment + 9)
    for density in (_u16(data, segment + 10), _u16(data, segment + 12)):
        _sane_dpi(density if units == 1 else round(density * 2.54) if units == 2 else 72, "JPEG-filens")


_TIFF_ASCII, _TIFF_SHORT, _TIFF_LONG, _TIFF_RATIONAL = 2, 3, 4, 5
_X_RESOLUTION, _Y_RESOLUTION, _RESOLUTION_UNIT = 0x011A, 0x011B, 0x0128


def _exif_resolution(tiff: bytes) -> None:
    """Read the first directory of the Exif data, every entry of it, as python-docx does."""
    order = "<" if tiff[:2] != b"MM" else ">"
    directory = _u32(tiff, 4, order)
    entries = {}
    for index in range(_u16(tiff, directory, order)):
        entry = directory + 2 + index * 12
        tag, kind, count, value_at = (_u16(tiff, entry, order), _u16(tiff, entry + 2, order),
                                      _u32(tiff, entry + 4, order), _u32(tiff, entry + 8, order))
        if kind == _TIFF_ASCII:
            text = tiff[value_at: value_at + count - 1] if count >= 1 else None
            if text is None or len(text) < count - 1:
                raise NotAnImage("JPEG-filens Exif-data är trasiga")
            try:
                text.decode("utf-8")
            except UnicodeDecodeError:
                raise NotAnImage("JPEG-filens Exif-data är trasiga") from None
            entries[tag] = None  # text: harmful only as a resolution
        elif kind in (_TIFF_SHORT, _TIFF_LONG) and count == 1:
            entries[tag] = _u16(tiff, entry + 8, order) if kind == _TIFF_SHORT else value_at
        elif kind == _TIFF_RATIONAL and count == 1:
            numerator, denominator = _u32(tiff, value_at, order), _u32(tiff, value_at + 4, order)
            if denominator == 0:
                raise NotAnImage("JPEG-filens Exif-data är trasiga (division med noll)")
            entries[tag] = numerator / denominator
        else:
            entries[tag] = None  # a value python-docx does not read; harmful only as a resolution
    unit = entries.get(_RESOLUTION_UNIT, 2)
    for tag in (_X_RESOLUTION, _Y_RESOLUTION):
        if tag not in entries or unit == 1:
            continue
        dots = entries[tag]
        if not isinstance(dots, (int, float)):
            raise NotAnImage("JPEG-filens upplösning i Exif-data är oläslig")
        _sane_dpi(round(dots * (1 if unit == 2 else 2.54)), "JPEG-filens")


def sniff(data: bytes) -> str:
    """The image's type, told from its first bytes in python-docx's order (which looks for
    JFIF and Exif before GIF), and agreeing with what a browser sees."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[6:10] in (b"JFIF", b"Exif"):
        if not data.startswith(b"\xff\xd8"):
            raise NotAnImage("Filens huvud är trasigt: Word skulle läsa den som JPEG men den är ingen JPEG-bild")
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"\xff\xd8"):
        raise NotAnImage("JPEG-filen saknar JFIF- eller Exif-huvud, så Word kan inte läsa den; spara om den som JPEG eller PNG")
    raise NotAnImage("Filen är ingen PNG-, JPEG- eller GIF-bild")


def read_image(path: str, data: bytes) -> Image:
    """The image in `data`, read from the repository path `path`; NotAnImage says why it is not one."""
    if len(data) > MAX_IMAGE_BYTES:
        raise NotAnImage(f"Bilden är större än {MAX_IMAGE_BYTES // 1024 // 1024} MiB; minska den")
    kind = sniff(data)
    suffix = posixpath.splitext(path.lower())[1]
    if IMAGE_SUFFIXES.get(suffix) != kind:
        raise NotAnImage(f"Filen är en {TYPE_NAMES[kind]}-bild men heter {posixpath.basename(path)}; "
                         f"ge den ändelsen .{'jpg' if kind == 'jpeg' else kind}")
    width, height = {"png": _png, "jpeg": _jpeg, "gif": _gif}[kind](data)
    if not (1 <= width <= MAX_PIXELS and 1 <= height <= MAX_PIXELS):
        raise NotAnImage(f"Bilden är {width} × {height} bildpunkter; varje sida ska vara 1–{MAX_PIXELS}")
    return Image(path, kind, data, width, height)
