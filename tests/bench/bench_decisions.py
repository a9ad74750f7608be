"""Benchmark the decisions' commands on this repository, run by hand (`make bench`); not a test.

Prints, in one run (medians, wall clock and processor time of the child): `avtal verify` on the
agreement's Word file with a warm cache (target: under 1 s), the same with a cold cache (target: under
2 s: the file names its document, whose history is fingerprinted first, on every core), and
`avtal package overenskommelse --party "Mora kommun"`, LibreOffice and the PDF/A check included (target: under 10 s), and `avtal verify` on that package's
PDF/A (52 pages: the agreement and its annexes) with a warm cache (target: under 2 s).

Usage: python tests/bench/bench_decisions.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
from report import record  # noqa: E402
CACHE = "avtal-fingeravtryck-v2.json"


def _run(*args: str, cwd: Path = ROOT) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "avtal", *args], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"avtal {' '.join(args)} avslutades med {done.returncode}: {done.stdout}{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _git_dir() -> Path:
    said = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True, check=True)
    return (ROOT / said.stdout.strip()).resolve()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cache = _git_dir() / CACHE
    with tempfile.TemporaryDirectory() as temporary:
        word = Path(temporary) / "overenskommelse.docx"
        _run("docx", "overenskommelse", "-o", str(word))
        cold, warm = [], []
        for _ in range(args.runs):
            cache.unlink(missing_ok=True)
            cold.append(_run("verify", str(word)))
            warm.append(_run("verify", str(word)))
        package = [_run("package", "overenskommelse", "--party", "Mora kommun", "--out", str(Path(temporary) / f"p{i}"))
                   for i in range(max(1, args.runs // 2))]
        pdf = Path(temporary) / "p0" / "overenskommelse_v0.2_mora-kommun" / "overenskommelse_v0.2_mora-kommun.pdf"
        pdf = next((Path(temporary) / "p0").glob("*/*.pdf"), pdf)
        _run("verify", str(pdf))  # the texts of the history kept once (.git/avtal-texter-v1.json)
        pdf_warm = [_run("verify", str(pdf)) for _ in range(args.runs)]

    def show(label: str, runs: list[tuple[float, float]], target: float | None) -> None:
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"{label:<44} {wall:6.2f} s  (processortid {cpu:5.2f} s)")
        record(label, f"{wall:.2f} s", f"< {target:g} s" if target else "", wall < target if target else None)

    print(f"{os.cpu_count()} processorkärnor; medianer av {args.runs} körningar")
    show("avtal verify, varm cache", warm, 1)
    show("avtal verify, kall cache", cold, 2)
    show("avtal package, en part (med LibreOffice)", package, 10)
    show("avtal verify på beslutsunderlagets PDF/A, varm", pdf_warm, 2)
    print(f"kall / varm: {statistics.median(r[0] for r in cold) / statistics.median(r[0] for r in warm):.1f} gånger")


if __name__ == "__main__":
    main()
