"""Reproducible bytes: the same commit gives byte-identical Word files and zips.

python-docx stamps every zip entry with the clock; here every entry gets the commit's time
(SOURCE_DATE_EPOCH), in a fixed order, with fixed compression.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

# The package writer's steps, without its zip (python-docx has no public API for the parts' bytes).
from docx.opc.pkgwriter import PackageWriter

from ...history.provenance import source_epoch


def _zip_time(epoch: int) -> tuple:
    moment = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC)  # zip cannot go before 1980
    return moment.timetuple()[:6]


def normalised_zip(entries: list[tuple[str, bytes]], epoch: int, level: int = 9) -> bytes:
    out = io.BytesIO()
    stamp = _zip_time(epoch)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=level)
    return out.getvalue()


class _Entries:
    """Collects what python-docx's package writer would put into its zip, in its order."""

    def __init__(self):
        self.entries: list[tuple[str, bytes]] = []

    def write(self, uri, blob: bytes) -> None:
        self.entries.append((uri.membername, blob))


def reproducible_docx(document, epoch: int | None = None) -> bytes:
    """The document's bytes in a reproducible zip: the parts python-docx's save() writes, in its order,
    zipped once (its own zip, with the clock's time, would otherwise be unzipped and zipped again)."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    entries = _Entries()
    PackageWriter._write_content_types_stream(entries, package.parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, package.parts)
    # zlib's default level, as Word and python-docx use: level 9 took twice as long for 4 % less.
    return normalised_zip(entries.entries, source_epoch() if epoch is None else epoch, level=6)
