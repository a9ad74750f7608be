"""Reproducible bytes: the same commit gives byte-identical Word files and zips.

python-docx stamps every zip entry with the clock; here every entry gets the commit's time
(SOURCE_DATE_EPOCH), in a fixed order, with fixed compression.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from ...history.provenance import source_epoch


def _zip_time(epoch: int) -> tuple:
    moment = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC)  # zip cannot go before 1980
    return moment.timetuple()[:6]


def normalised_zip(entries: list[tuple[str, bytes]], epoch: int) -> bytes:
    out = io.BytesIO()
    stamp = _zip_time(epoch)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def reproducible_docx(document, epoch: int | None = None) -> bytes:
    """The document's bytes, with python-docx's zip rewritten to be reproducible."""
    raw = io.BytesIO()
    document.save(raw)
    with zipfile.ZipFile(raw) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    return normalised_zip(entries, source_epoch() if epoch is None else epoch)
