"""What `make build` asks before it builds: does a document need a decision package, and is LibreOffice
missing? `python -m avtal.decisions.tools needs-libreoffice` exits 0 when it must be installed."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from ..source.layout import CONTENT_FOLDERS

_PACKAGED_RE = re.compile(r"^status:\s*[\"']?(remiss|beslutad)[\"']?\s*$", re.M)


def needs_packages(root: Path) -> bool:
    """A document on remiss or decided: the build writes every party's package, with PDF/A."""
    for folder in CONTENT_FOLDERS:
        for path in sorted((root / folder).glob("*.md")):
            head = path.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
            if _PACKAGED_RE.search(head):
                return True
    return False


def main(argv: list[str]) -> int:
    if argv[1:] == ["needs-libreoffice"]:
        missing = not (shutil.which("soffice") or shutil.which("libreoffice"))
        return 0 if missing and needs_packages(Path.cwd()) else 1
    print("användning: python -m avtal.decisions.tools needs-libreoffice", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
