"""Benchmark another region's agreement with 49 parties (issue 26, point 4), run by hand; not a test.

Makes the repository of tests/newrepo.py (`avtal init`, a region and 48 municipalities), then times:
`avtal check` and `avtal build` on the first draft; `avtal build` with the agreement decided by all 49
parties and each municipality's local agreement (avtal init's example, source/local.py) decided by the
region and that municipality (the build then makes every party's decision packages: 49 of the agreement
and 2 of each local agreement, the PDF/A files in one LibreOffice run), with the time per party; and
`avtal package` one command per package for the region and a few municipalities (the agreement's and the
municipality's local agreement), the median per municipality. CPU time (user+sys of the children, not
LibreOffice's own) beside wall time, and the load average. Every figure goes to `make bench`'s table.

Usage: python tests/bench/bench_parties.py [--parties 49] [--packages 3]
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

sys.path.insert(0, str(Path(__file__).parent))
from report import record  # noqa: E402


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
    parser.add_argument("--packages", type=int, default=3,
                        help="`avtal package` one command at a time for the region and this many municipalities "
                             "(the build has already made every party's packages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="avtal-bench-parter-") as folder:
        repo = newrepo.init(Path(folder), args.parties - 1)
        checked, draft = _timed(repo, "check"), _timed(repo, "build")
        record(f"{args.parties} parter med lokala avtal: avtal check (utkast)", f"{checked:.1f} s")
        record(f"{args.parties} parter med lokala avtal: avtal build (utkast)",
               f"{draft:.1f} s, {draft / args.parties:.2f} s per part")
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
        record(f"{args.parties} parter: avtal build, beslutad, alla parters beslutspaket ({count} paket, varav "
               f"{2 * len(local)} för {len(local)} lokala avtal)",
               f"{built:.1f} s, {built / args.parties:.2f} s per part (CPU utom LibreOffice {cpu / args.parties:.2f} s)")
        everyone = newrepo.parties(repo)
        parties = everyone[: 1 + args.packages]
        out = str(Path(folder) / "paket")
        times, cpus = {}, {}
        for party in parties:
            own = [local[everyone[1]]] if party == parties[0] else [local[party]]  # the region: one of its 48
            cpu = _cpu()
            times[party] = sum(_timed(repo, "package", doc_id, "--party", party, "--out", out)
                               for doc_id in ["overenskommelse", *own])
            cpus[party] = _cpu() - cpu
        municipalities = [p for p in parties if p != parties[0]]
        if municipalities:
            record(f"avtal package per kommun, ett kommando per paket (överenskommelsen och kommunens lokala avtal), "
                   f"median av {len(municipalities)}",
                   f"{statistics.median(times[p] for p in municipalities):.1f} s "
                   f"(CPU utom LibreOffice {statistics.median(cpus[p] for p in municipalities):.1f} s)")
        print(f"lastmedelvärde efter: {_load()}")


if __name__ == "__main__":
    main()
