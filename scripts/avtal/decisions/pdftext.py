"""A PDF as `avtal verify` reads it: its words in reading order, without what a page adds, and what
its XMP metadata states.

    read_pdf(path) -> PdfText
      ├─ pdftotext -raw       poppler's (Debian's poppler-utils, already used for pdftoppm): the text in
      │                       the order it was written, which for files from Word and LibreOffice is the
      │                       reading order, table cells row by row
      ├─ page furniture       the lines at a page's top or bottom that recur on most pages (the header,
      │                       "id, version · Sida 3 av 12") are left out
      ├─ numbering            a heading's or list item's number or bullet at the start of a line is
      │                       marked: it is not in the canonical text, and the matcher may skip it
      └─ stated               the fingerprint (dc:identifier) and commit (dc:source) in the XMP of our
                              own PDF/A (pdfa.py), read with pikepdf

Why pdftotext: of the three well-kept choices it is the one in C (pypdf and pdfminer.six parse in
pure Python), 0.15 s for the 52 pages of a decision package once the output intent is set aside; it
reads the Swedish letters of embedded subset fonts through their ToUnicode maps; its -raw mode keeps
the order the text was written in; and it is already a dependency (poppler-utils, for pdftoppm). Hyphenation at
line ends needs no special case: words are compared without spaces or hyphens (pdfmatch.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .wordfile import UnreadableFile

POPPLER_PACKAGE = "poppler-utils"
TIMEOUT = 60
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[a-zA-Z]\)|\d+\)|[•◦▪–\-·*]|[\uf000-\uf0ff])$")
_GLUED = re.compile(r"^(\d+(?:\.\d+)*[.)]|[a-z]\)|[•◦▪\uf000-\uf0ff])(?=[^\W\d_])(.+)$")
_DIGITS = re.compile(r"\d+")
_FOOTER = re.compile(r"·\s*Sida\s+\d+\s+av\s+\d+\s*$")
_HINT = re.compile(r"^(\S+), version (\d+(?:\.\d+)*) · Sida")


@dataclass
class Token:
    word: str  # as the PDF shows it
    numbering: bool  # a number or bullet at the start of a line


@dataclass
class PdfText:
    tokens: list[Token]
    stated_fingerprint: str | None = None
    stated_commit: str | None = None
    hints: set[tuple[str, str]] = field(default_factory=set)  # (document id, version) from the page footers


def read_pdf(path: Path) -> PdfText:
    with tempfile.TemporaryDirectory(prefix="avtal-pdf-") as temporary:
        stated, plain = _opened(path, Path(temporary) / "utan-utdataprofil.pdf")
        text = _pdftotext(plain, path)
    pages = [page.splitlines() for page in text.split("\f")]
    pages = [lines for lines in pages if any(line.strip() for line in lines)]
    furniture = _furniture(pages)
    tokens, hints = [], set()
    for lines in pages:
        for line in lines:
            found = _HINT.match(line.strip())
            if found:
                hints.add((found.group(1).rstrip(","), found.group(2)))
            if _shape(line) in furniture or _FOOTER.search(line):
                continue
            words = line.split()
            glued = _GLUED.match(words[0]) if words else None
            if glued:  # "10.önskat": a list number the PDF set without a space before the text
                words[:1] = [glued.group(1), glued.group(2)]
            tokens += [Token(word, index == 0 and bool(_NUMBERING.match(word))) for index, word in enumerate(words)]
    return PdfText(tokens, stated[0], stated[1], hints)


def _pdftotext(plain: Path, path: Path) -> str:
    command = shutil.which("pdftotext")
    if not command:
        raise UnreadableFile(f"{path} är en PDF-fil, men pdftotext saknas för att läsa texten. Installera Debians "
                             f"paket {POPPLER_PACKAGE} (sudo apt-get install {POPPLER_PACKAGE})")
    try:
        run = subprocess.run([command, "-raw", "-enc", "UTF-8", str(plain), "-"], capture_output=True,
                             timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise UnreadableFile(f"{path} är en PDF-fil som inte gick att läsa på {TIMEOUT} sekunder") from None
    if run.returncode != 0:
        detail = run.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = "den är krypterad eller lösenordsskyddad" if run.returncode == 3 else \
            "den är avklippt eller skadad" + (f" ({detail[-1]})" if detail else "")
        raise UnreadableFile(f"{path} är en PDF-fil som inte går att läsa: {reason}")
    text = run.stdout.decode("utf-8", "replace")
    if not text.strip():
        raise UnreadableFile(f"{path} är en PDF-fil utan text (till exempel en inskannad bild); texten går inte "
                             "att jämföra")
    return text


def _shape(line: str) -> str:
    """A line with its numbers as #: "Sida 3 av 12" and "Sida 4 av 12" have one shape."""
    return _DIGITS.sub("#", " ".join(line.split()))


def _furniture(pages: list[list[str]]) -> set[str]:
    """The shapes of the lines among each page's first and last two that recur on most pages."""
    if len(pages) < 2:
        return set()
    counts = Counter()
    for lines in pages:
        edge = [line for line in lines if line.strip()]
        counts.update({_shape(line) for line in edge[:2] + edge[-2:]})
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) * 0.6)}


def _opened(path: Path, copy: Path) -> tuple[tuple[str | None, str | None], Path]:
    """What the XMP states, and the file for pdftotext: a PDF/A's copy without its output intent, since
    poppler 22 builds a colour transform from the ICC profile for every page (2 s for 25 pages, 0.1 s
    without; the text is the same)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            stated = _stated(pdf)
            if "/OutputIntents" not in pdf.Root:
                return stated, path
            del pdf.Root["/OutputIntents"]
            pdf.save(copy)
            return stated, copy
    except Exception:  # noqa: BLE001  (pikepdf cannot open it: pdftotext says why, in its words)
        return (None, None), path


def _stated(pdf) -> tuple[str | None, str | None]:
    """What our own PDF/A says about itself in XMP: (fingerprint, commit); (None, None) otherwise."""
    from ..render.word.canonical import FINGERPRINT_RE
    from .pdfa import XMP_COMMIT, XMP_FINGERPRINT

    try:
        with pdf.open_metadata() as meta:
            fingerprint, commit = meta.get(XMP_FINGERPRINT), meta.get(XMP_COMMIT)
    except Exception:  # noqa: BLE001  (a damaged or foreign XMP packet: the text is still compared)
        return None, None
    fingerprint = str(fingerprint).strip() if fingerprint else None
    commit = str(commit).strip() if commit else None
    valid = fingerprint if fingerprint and FINGERPRINT_RE.match(fingerprint) else None
    return valid, commit if valid and commit and re.fullmatch(r"[0-9a-f]{7,40}", commit) else None
