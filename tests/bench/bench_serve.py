"""Benchmark the live preview, run by hand (`make bench`); not a test.

Starts `avtal serve` on a clone of this repository, opens the agreement's page in headless Chromium
(Debian's), and saves an edit of the agreement several times. For each save it measures, from the
moment the file is written:
  - until the served page has the new text (HTTP, polled every 20 ms), and
  - until the page open in the browser shows it, after livereload has reloaded it: what the editor sees.
Between saves it waits for the comparisons made in the background and the rebuild they bring, as an
editor reading the page would. Prints the medians. Target: save to page in the browser ≤ 1 s.

Usage: python tests/bench/bench_serve.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
from report import record  # noqa: E402
CHROMIUM = os.environ.get("AVTAL_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
DOCUMENT, PAGE = "agreement/overenskommelse.md", "agreement/overenskommelse/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    def __init__(self, root: Path):
        self.process = subprocess.Popen([sys.executable, "-m", "avtal", "serve", "--port", str(_free_port())],
                                        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        with self.process.stdout as stream:
            for line in stream:
                self.lines.put(line.strip())

    def line(self, starting: str, timeout: float = 180) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line.startswith(starting):
                return line
        raise SystemExit(f"avtal serve sa inte {starting!r} inom {timeout} s")

    def quiet(self, seconds: float) -> None:
        """Wait until the preview has said nothing for `seconds` (the comparisons are made and shown)."""
        while True:
            try:
                self.lines.get(timeout=seconds)
            except queue.Empty:
                return

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def _served(url: str, marker: str, started: float) -> float:
    while marker not in urllib.request.urlopen(url, timeout=30).read().decode("utf-8"):
        time.sleep(0.02)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "arkiv"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        source = clone / DOCUMENT
        text = source.read_text(encoding="utf-8")
        preview = Preview(clone)
        url = preview.line("Förhandsvisningen finns på").split()[3] + PAGE
        preview.quiet(5)
        http, browser_times = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            page = browser.new_page()
            page.goto(url)
            for run in range(args.runs):
                marker = f"Ändrad i förhandsvisningen {run}"
                started = time.perf_counter()
                source.write_text(text.replace("## ", f"{marker}.\n\n## ", 1), encoding="utf-8")
                poller = threading.Thread(target=lambda m=marker, t=started: http.append(_served(url, m, t)))
                poller.start()
                page.wait_for_function("marker => document.body.innerText.includes(marker)", arg=marker,
                                       timeout=60_000, polling=20)
                browser_times.append(time.perf_counter() - started)
                poller.join()
                preview.quiet(5)
            browser.close()
        preview.stop()
    seen, served = statistics.median(browser_times), statistics.median(http)
    print(f"Förhandsvisningen (avtal serve), arkivet, {args.runs} sparningar av {DOCUMENT}, median:")
    print(f"  sparad till ny sida från servern     {served:5.2f} s")
    print(f"  sparad till ny sida i webbläsaren    {seen:5.2f} s  (livereload laddar om sidan)")
    print(f"  alla: {', '.join(f'{t:.2f}' for t in browser_times)}")
    record("förhandsvisningen: sparad till ny sida i webbläsaren", f"{seen:.2f} s", "≤ 1 s", seen <= 1)


if __name__ == "__main__":
    main()
