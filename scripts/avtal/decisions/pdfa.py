"""PDF/A-2b for the archive: LibreOffice (Debian's, headless) converts the Word files, pikepdf makes
the result reproducible and checks it.

    to_pdfa({name: docx bytes}, epoch, ids) -> {name: pdf bytes}
      ├─ soffice --convert-to pdf:writer_pdf_Export:{SelectPdfVersion 2, UseTaggedPDF, no comments}
      │        every file in one run, with a private profile (runs in parallel, no user settings)
      └─ reproducible(pdf, epoch, id)
             the dates in Info and XMP, the ICC profile's date and the file /ID from the commit;
             LibreOffice 7.4's /DocChecksum and /OpenAction (which pikepdf's PDF/A-2b check does not
             approve) removed, and /Tabs written as the name the standard asks for, not a string
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
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from ..exits import UsageError

DEBIAN_PACKAGE = "libreoffice-writer-nogui"
EXPORT = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
          '"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportNotes":{"type":"boolean","value":"false"},'
          '"ExportBookmarks":{"type":"boolean","value":"true"}}')
TIMEOUT = 300


def soffice() -> str:
    """LibreOffice's command, or a usage error that says how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise UsageError(f"LibreOffice saknas, och det behövs för PDF/A-filen. Installera Debians paket "
                         f"{DEBIAN_PACKAGE} (sudo apt-get install {DEBIAN_PACKAGE}), eller kör make build, "
                         "som installerar det när ett dokument behöver beslutsunderlag")
    return found


def to_pdfa(files: dict[str, bytes], epoch: int, ids: dict[str, str]) -> dict[str, bytes]:
    """PDF/A-2b of each Word file, by the same name with .pdf; `ids` gives each file's document id."""
    command = soffice()
    with tempfile.TemporaryDirectory(prefix="avtal-pdfa-") as temporary:
        work = Path(temporary)
        (work / "in").mkdir()
        for name, data in files.items():
            (work / "in" / name).write_bytes(data)
        profile = (work / "profile").as_uri()
        run = subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                              "--convert-to", EXPORT, "--outdir", str(work / "out"),
                              *(str(work / "in" / name) for name in sorted(files))],
                             capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                             env={**os.environ, "HOME": str(work)})
        made = {}
        for name in files:
            pdf = work / "out" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                detail = (run.stderr or run.stdout).strip().splitlines()
                raise UsageError(f"LibreOffice gjorde ingen PDF-fil av {name} (slutkod {run.returncode}"
                                 + (f": {detail[-1]}" if detail else "") + ")")
            made[Path(name).stem + ".pdf"] = reproducible(pdf.read_bytes(), epoch, ids.get(name, name))
    return made


def reproducible(data: bytes, epoch: int, identity: str) -> bytes:
    """The PDF with every date the commit's, a deterministic /ID, and LibreOffice's stray keys gone."""
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
