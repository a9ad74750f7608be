"""Benchmark another region's agreement with 49 parties (issue 26, point 4), run by hand; not a test.

Makes the repository of tests/newrepo.py (`avtal init`, a region and 48 municipalities), then times:
`avtal check` and `avtal build` on the first draft; `avtal build` with the agreement decided by all 49
parties (the build then makes every party's decision package, the PDF/A files in one LibreOffice run);
and `avtal package` for every party, one command each, printing the time per party.

Usage: python tests/bench/bench_parties.py [--parties 49] [--packages N (default: all)]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import newrepo  # noqa: E402


def _timed(repo: newrepo.NewRepo, *args: str) -> float:
    start = time.perf_counter()
    repo.avtal(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=49, help="the region and this many minus one municipalities")
    parser.add_argument("--packages", type=int, default=None, help="package only the first N parties")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="avtal-bench-parter-") as folder:
        repo = newrepo.init(Path(folder), args.parties - 1)
        print(f"{args.parties} parter: avtal check (utkast) {_timed(repo, 'check'):.1f} s")
        print(f"{args.parties} parter: avtal build (utkast) {_timed(repo, 'build'):.1f} s")
        newrepo.remiss_round(repo)
        repo.commit("Remissvar")
        print(f"{args.parties} parter: avtal check (remiss, {args.parties - 1} svar) {_timed(repo, 'check'):.1f} s")
        newrepo.decide(repo)
        repo.commit("Beslutad")
        built = _timed(repo, "build")
        print(f"{args.parties} parter: avtal build (beslutad, med alla parters beslutspaket) {built:.1f} s, "
              f"{built / args.parties:.2f} s per part")
        parties = newrepo.parties(repo)[: args.packages]
        times = [_timed(repo, "package", "overenskommelse", "--party", party, "--out", str(Path(folder) / "paket"))
                 for party in parties]
        print(f"avtal package, en part i taget: {len(times)} parter på {sum(times):.1f} s; per part median "
              f"{statistics.median(times):.1f} s, längst {max(times):.1f} s")


if __name__ == "__main__":
    main()
