"""Take the handbook's screenshots again, from the built site, in headless Chromium.

    .venv/bin/python tests/render/handbook_screenshots.py [BUILT_SITE]

Without BUILT_SITE, `avtal build` builds the repository into a temporary folder first. The pictures
go to render/site_files/pages/handbok/bilder/ as small palette PNGs; commit them when they show what the handbook
says. Run by hand (a picture changes with every word of the text it shows, so the tests do not take
them; test_handbook.py checks that every picture the handbook shows exists and is small).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from render.test_site_browser import CHROMIUM, FLAGS, served  # noqa: E402

PICTURES = ROOT / "scripts" / "avtal" / "render" / "site_files" / "pages" / "handbok" / "bilder"
# name -> (page, element to show or None for the top of the page, viewport width, height)
SHOTS = {
    "startsida.png": ("", None, 1280, 800),
    "dokumentsida.png": ("agreement/overenskommelse/", None, 1100, 900),
    "riskmatris.png": ("plans/risk-och-konsekvensanalys/", ".avtal-risk-matrix table", 1100, 800),
}


def small_png(data: bytes) -> bytes:
    """A screenshot as a 64-colour palette PNG: a fraction of the size, still sharp text."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    PICTURES.mkdir(parents=True, exist_ok=True)
    with served(site) as base, tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=FLAGS,
                                                                headless=True)
        page = context.new_page()
        for name, (path, selector, width, height) in SHOTS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(base + path)
            shot = page.locator(selector).screenshot() if selector else page.screenshot()
            (PICTURES / name).write_bytes(small_png(shot))
            print(f"{name}: {(PICTURES / name).stat().st_size // 1024} KiB")
        context.close()


def main(argv: list[str]) -> int:
    if argv:
        take(Path(argv[0]))
        return 0
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "avtal", "build", "--out", out], cwd=ROOT, check=True)
        take(Path(out) / "site")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
