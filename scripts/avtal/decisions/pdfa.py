"""PDF/A-2b for the archive: LibreOffice (Debian's, headless) converts the Word files, pikepdf makes
the result reproducible and checks it.

    to_pdfa({name: docx bytes}, epoch, ids, identities) -> {name: pdf bytes}
      ├─ libreoffice.export_pdf   every file in one LibreOffice run: the table of contents updated from
      │                           the real layout (page numbers), then PDF/A-2b, tagged, no comments
      └─ reproducible(pdf, epoch, id, (fingerprint, commit))
             the dates in Info and XMP, the ICC profile's date and the file /ID from the commit;
             LibreOffice 7.4's /DocChecksum and /OpenAction (which pikepdf's PDF/A-2b check does not
             approve) removed, and /Tabs written as the name the standard asks for, not a string;
             the text's fingerprint (dc:identifier) and the commit (dc:source) in XMP
      pdfa_findings(pdf)  pikepdf.pdfa's check of PDF/A-2b

pikepdf's check is an allow-list validator of PDF/A-1b, 2b and 3b (pikepdf 10.18): it approves a
file only if every construct in it is known to conform, so an approval should never be wrong and a
refusal may be a false alarm. It checks the file structure, metadata (XMP and Info agree), fonts
embedded, colour (the output intent), annotations and actions; it does not check the tags' meaning
(not a PDF/UA check). The language (sv-SE) comes from the reference template's.

The comments of a draft (statements to verify) are not exported: they are not agreed text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import struct
import tempfile
from pathlib import Path

from ..exits import UsageError
from .libreoffice import DEBIAN_PACKAGE, export_pdf, soffice  # noqa: F401  (soffice: the commands' check)

# The PDF's own statement of what it is, in XMP's Dublin Core (a schema PDF/A predefines, so no
# extension schema is needed): dc:identifier the fingerprint of the text, dc:source the commit.
XMP_FINGERPRINT, XMP_COMMIT = "dc:identifier", "dc:source"


def to_pdfa(files: dict[str, bytes], epoch: int, ids: dict[str, str],
            identities: dict[str, tuple[str, str]] | None = None) -> dict[str, bytes]:
    """PDF/A-2b of each Word file, by the same name with .pdf; `ids` gives each file's document id,
    `identities` its (fingerprint, commit) for the XMP metadata."""
    with tempfile.TemporaryDirectory(prefix="avtal-pdfa-") as temporary:
        paths, run = export_pdf(files, Path(temporary))
        made = {}
        for name, pdf in paths.items():
            if not pdf.is_file():
                detail = (run.stderr or run.stdout).strip().splitlines()
                raise UsageError(f"LibreOffice gjorde ingen PDF-fil av {name} (slutkod {run.returncode}"
                                 + (f": {detail[-1]}" if detail else "") + ")")
            made[pdf.name] = reproducible(pdf.read_bytes(), epoch, ids.get(name, name),
                                          (identities or {}).get(name))
    return made


def reproducible(data: bytes, epoch: int, identity: str, stated: tuple[str, str] | None = None) -> bytes:
    """The PDF with every date the commit's, a deterministic /ID, LibreOffice's stray keys gone, and
    the fingerprint and commit (`stated`) in the XMP metadata."""
    import pikepdf

    moment = dt.datetime.fromtimestamp(max(epoch, 0), dt.UTC)
    xmp_date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    pdf_date = moment.strftime("D:%Y%m%d%H%M%SZ")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for intent in pdf.Root.get("/OutputIntents", []):
            profile = intent.get("/DestOutputProfile")
            if profile is not None:
                icc = bytearray(profile.read_bytes())
                if len(icc) >= 36:  # the ICC header's creation date (bytes 24–35)
                    icc[24:36] = struct.pack(">6H", moment.year, moment.month, moment.day, moment.hour,
                                             moment.minute, moment.second)
                    profile.write(bytes(icc))
        for key in ("/DocChecksum",):
            if key in pdf.trailer:
                del pdf.trailer[key]
        if "/OpenAction" in pdf.Root:
            del pdf.Root["/OpenAction"]
        for page in pdf.pages:
            tabs = page.obj.get("/Tabs")
            if isinstance(tabs, pikepdf.String):
                page.obj.Tabs = pikepdf.Name("/" + str(tabs))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                meta[key] = xmp_date
            if stated:
                meta[XMP_FINGERPRINT], meta[XMP_COMMIT] = stated
        pdf.docinfo["/CreationDate"] = pdf_date
        pdf.docinfo["/ModDate"] = pdf_date
        first = hashlib.sha256(f"{identity}\0{epoch}".encode()).digest()[:16]
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(first), pikepdf.String(first)])
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, preserve_pdfa=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def pdfa_findings(data: bytes) -> list[str]:
    """What pikepdf's PDF/A-2b check finds in the file; empty when it approves it."""
    import pikepdf.pdfa

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # low timestamps in LibreOffice's font subsets
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    return [] if report.passed else [str(finding) for finding in report.findings] or [report.verdict]
