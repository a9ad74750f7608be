"""Benchmark the page's fingerprint (render/site_files/pages/javascripts/fingeravtryck.js) in headless Chromium, run by
hand (`make bench`); not a test.

Prints the median time, measured inside the page, to read the agreement's Word file (unzip, parse,
canonical text, SHA-256) and to hash its lines for the nearest version (target: under 1 s together).

Usage: python tests/bench/bench_fingerprint_browser.py [--runs 9]
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "avtal" / "render" / "site_files" / "pages" / "javascripts" / "fingeravtryck.js"
CHROMIUM = os.environ.get("AVTAL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
TIMED = """async ([data, runs]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const read = [], hashed = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const word = await avtalFingerprint.readDocx(bytes.slice().buffer);
    const middle = performance.now();
    for (const part of word.parts) { await avtalFingerprint.lineHashes(part.lines); }
    read.push(middle - start); hashed.push(performance.now() - start);
  }
  return [read, hashed];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        files = {"överenskommelsen": tmp / "overenskommelse.docx"}
        subprocess.run([sys.executable, "-m", "avtal", "docx", "overenskommelse", "-o", str(files["överenskommelsen"])],
                       cwd=ROOT, check=True, capture_output=True)
        (tmp / "site").mkdir()
        (tmp / "site" / "index.html").write_text("<!doctype html><title>b</title>", encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=CHROMIUM,
                                                                    args=FLAGS, headless=True)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.add_script_tag(path=str(SCRIPT))
            print(f"{os.cpu_count()} processorkärnor; medianer av {args.runs} körningar i Chromium")
            for label, path in files.items():
                data = base64.b64encode(path.read_bytes()).decode("ascii")
                read, hashed = page.evaluate(TIMED, [data, args.runs])
                total = statistics.median(hashed) / 1000
                print(f"{label}: fingeravtryck {statistics.median(read) / 1000:.3f} s, med radernas kontrollsummor "
                      f"{total:.3f} s (mål: under 1 s: {'uppnått' if total < 1 else 'inte uppnått'})")
            context.close()
        server.shutdown()


if __name__ == "__main__":
    main()
