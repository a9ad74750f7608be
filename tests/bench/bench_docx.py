"""Benchmark the Word files, run by hand (`make bench`); not a test.

Prints, in one run (interleaved rounds, medians):
  - one document: `avtal docx overenskommelse` (the whole command, as an editor runs it) beside
    pandoc (Debian's package) converting the same Markdown file to .docx. Target: avtal ≤ 1.5 × pandoc;
  - every document: avtal (one command, corpus loading included, the files made in parallel as
    `avtal build` does) beside pandoc converting the same files, one process per file as users
    script it. Target: avtal ≤ 0.75 × pandoc on the repository, less than pandoc on the synthetic one.
Python's bytecode cache is on, as where avtal is installed (a first run writes it).

With --before DIR (a copy of an earlier commit's scripts/, e.g. `git archive REV scripts | tar -x -C DIR`),
the one-document figure also runs that version's `avtal docx` in the same rounds, for a before/after
side by side; it is printed, not recorded.

Usage: python tests/bench/bench_docx.py [--documents 100] [--runs 3] [--before DIR] [--one]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
from bench_check import make_synthetic  # noqa: E402
from report import record  # noqa: E402

AVTAL = """
import sys
from pathlib import Path
from avtal.source.load import load_corpus
from avtal.render.word.document import word_files
root, out = Path(sys.argv[1]), Path(sys.argv[2])
corpus = load_corpus(root)
for name, data in word_files(root, corpus, None).items():
    (out / name).write_bytes(data)
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
AGREEMENT = "agreement/overenskommelse.md"


def _timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, env=env or ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure_one(root: Path, runs: int, before: Path | None = None) -> None:
    """The agreement alone: `avtal docx` beside pandoc on the same file (and an earlier version's, if given)."""
    avtal = [sys.executable, "-m", "avtal", "docx", "overenskommelse"]
    earlier = dict(ENV, PYTHONPATH=str(before.resolve())) if before else None
    times: dict[str, list[float]] = {"avtal": [], "pandoc": [], "före": []}
    with tempfile.TemporaryDirectory() as tmp:
        _timed([*avtal, "-o", f"{tmp}/a.docx"], root)  # the bytecode cache written, as after installing
        if earlier:
            _timed([*avtal, "-o", f"{tmp}/b.docx"], root, earlier)
        for _ in range(runs):
            times["avtal"].append(_timed([*avtal, "-o", f"{tmp}/a.docx"], root))
            times["pandoc"].append(_timed(["pandoc", "-f", "markdown", "-t", "docx", "-o", f"{tmp}/p.docx", AGREEMENT],
                                          root))
            if earlier:
                times["före"].append(_timed([*avtal, "-o", f"{tmp}/b.docx"], root, earlier))
    one, other = statistics.median(times["avtal"]), statistics.median(times["pandoc"])
    print(f"ett dokument ({AGREEMENT}, {len((root / AGREEMENT).read_text('utf-8').split())} ord), {runs} omgångar, median:")
    print(f"  avtal docx              {one:6.2f} s")
    if earlier:
        was = statistics.median(times["före"])
        print(f"  avtal docx, före ({before})  {was:6.2f} s  (kvot före/pandoc {was / other:.2f})")
    print(f"  pandoc                  {other:6.2f} s")
    print(f"  kvot avtal/pandoc {one / other:.2f}")
    record("ett Word-dokument (avtal docx overenskommelse) / pandoc", f"{one / other:.2f} × ({one:.2f} s / {other:.2f} s)",
           "≤ 1,5 ×", one / other <= 1.5)


def _sources(root: Path) -> list[Path]:
    return sorted(p for folder in ("agreement", "annexes", "plans") for p in (root / folder).glob("*.md"))


def _avtal(root: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", AVTAL, str(root), str(out)], check=True)
    return time.perf_counter() - started


def _pandoc(root: Path, out: Path) -> float:
    started = time.perf_counter()
    for source in _sources(root):
        subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(out / f"{source.stem}.docx"), str(source)],
                       check=True)
    return time.perf_counter() - started


def measure(name: str, root: Path, runs: int, target: float) -> None:
    times: dict[str, list[float]] = {"avtal": [], "pandoc": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            times["avtal"].append(_avtal(root, Path(tmp)))
            times["pandoc"].append(_pandoc(root, Path(tmp)))
    avtal, pandoc = statistics.median(times["avtal"]), statistics.median(times["pandoc"])
    count = len(_sources(root))
    print(f"{name} ({count} dokument), {runs} omgångar, median:")
    print(f"  avtal, ett kommando     {avtal:6.2f} s  ({avtal / count * 1000:.0f} ms per dokument)")
    print(f"  pandoc, en per fil      {pandoc:6.2f} s  ({pandoc / count * 1000:.0f} ms per dokument)")
    print(f"  kvot avtal/pandoc {avtal / pandoc:.2f}")
    record(f"alla Word-filer, {name} ({count} dokument) / pandoc en per fil",
           f"{avtal / pandoc:.2f} × ({avtal:.2f} s / {pandoc:.2f} s)", f"≤ {target:g} ×".replace(".", ","),
           avtal / pandoc <= target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="scripts/ of an earlier version, measured beside (one document)")
    parser.add_argument("--one", action="store_true", help="only the one-document figure")
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc saknas: make bench installerar Debians paket")
    measure_one(ROOT, max(args.runs, 10), args.before)
    if args.one:
        return
    measure("arkivet", ROOT, args.runs, 0.75)
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "syntetiskt"
        make_synthetic(synthetic, args.documents, with_site=True)
        measure("syntetiskt", synthetic, args.runs, 1)


if __name__ == "__main__":
    main()
