"""Benchmark another region's agreement with 49 parties (issue 26, point 4), run by hand; not a test.

Makes the repository of tests/newrepo.py (`avtal init`, a region and 48 municipalities), then times:
`avtal check` and `avtal build` on the first draft; `avtal build` with the agreement decided by all 49
parties and each municipality's local agreement (avtal init's example, source/local.py) decided by the
region and that municipality (the build then makes every party's decision packages: 49 of the agreement
and 2 of each local agreement, the PDF/A files in one LibreOffice run); and `avtal package` for every
party, one command per package (the agreement's, and its own local agreements'), printing the time per
party. CPU time (user+sys of the children) beside wall time, and the load average.

Usage: python tests/bench/bench_parties.py [--parties 49] [--packages N (default: all)]
"""

from __future__ import annotations

import argparse
import os
import resource
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


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


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
        newrepo.decide_local(repo)
        repo.commit("Lokala avtal beslutade")
        local = newrepo.local_ids(repo)
        print(f"lastmedelvärde före bygget: {_load()}")
        cpu = _cpu()
        built = _timed(repo, "build")
        cpu = _cpu() - cpu
        count = args.parties + 2 * len(local)
        print(f"{args.parties} parter: avtal build (beslutad, med alla parters beslutspaket: {count} paket, "
              f"varav {2 * len(local)} för {len(local)} lokala avtal) {built:.1f} s (CPU {cpu:.1f} s), "
              f"{built / args.parties:.2f} s per part (CPU {cpu / args.parties:.2f} s)")
        parties = newrepo.parties(repo)[: args.packages]
        out = str(Path(folder) / "paket")
        times, cpus = {}, {}
        for party in parties:
            own = list(local.values()) if party == parties[0] else [local[party]]
            cpu = _cpu()
            times[party] = sum(_timed(repo, "package", doc_id, "--party", party, "--out", out)
                               for doc_id in ["overenskommelse", *own])
            cpus[party] = _cpu() - cpu
        municipalities = [p for p in parties if p != parties[0]]
        print(f"avtal package, en part i taget (överenskommelsen och partens lokala avtal): {len(times)} parter på "
              f"{sum(times.values()):.1f} s (CPU {sum(cpus.values()):.1f} s)")
        print(f"  {parties[0]} ({1 + len(local)} paket): {times[parties[0]]:.1f} s (CPU {cpus[parties[0]]:.1f} s)")
        if municipalities:
            print(f"  per kommun (2 paket): median {statistics.median(times[p] for p in municipalities):.1f} s "
                  f"(CPU {statistics.median(cpus[p] for p in municipalities):.1f} s), längst "
                  f"{max(times[p] for p in municipalities):.1f} s")
        print(f"lastmedelvärde efter: {_load()}")


if __name__ == "__main__":
    main()
