"""Benchmark the change logs, run by hand (`make bench`); not a test.

Builds a synthetic repository (500 documents of about 1,500 words, 10,000 commits that each
change one to three documents and now and then bump a version), written with git fast-import
and repacked like a fresh clone. Then prints, measured in one run, whole processes:
  - raw `git log --name-status` over the whole history, the floor;
  - `avtal changelog --format json` for all documents:
      first run: a fresh clone, nothing kept (every changed blob's front matter is read),
      after a new commit: the everyday case, the history kept by the last run plus one commit,
      nothing new: HEAD as at the last run;
  - the per-file approach of mkdocs' git plugins: GitPython `iter_commits(paths=…)` once per
    document, in one process, timed on a tenth of the documents and scaled (it is linear in them).
Targets: the first run within 2x the raw git log, after one new commit within 1.1x, and the first
run at least 20x faster than the per-file approach. Each is recorded for make bench's table.

Wall time is what the targets are about; each process's CPU time (its own and its git's) is printed
beside it, for a shared machine where wall time is noise.

Usage: python tests/bench/bench_changelog.py [--documents 500] [--commits 10000] [--runs 5] [--skip-per-file]
                                             [--keep FOLDER] [--compare-with CHECKOUT]
  --documents 50 --commits 1000 --runs 3 --skip-per-file: a quick round while working on the history reading;
  --keep FOLDER: build the synthetic repository there once and use it again in later runs (it is not
  removed; the runs add a commit each to it);
  --compare-with CHECKOUT: also time the first run of another checkout's avtal (its scripts/ first on
  PYTHONPATH), interleaved in the same rounds: before and after a change, side by side. Not recorded.
"""

from __future__ import annotations

import argparse
import os
import random
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

VOCABULARY = ["parter.yaml", "organ.yaml", "roller.yaml", "statusar.yaml", "dokumenttyper.yaml"]
WORDS = ("kommunen regionen ansvarar för att patienten får en sammanhållen vård och omsorg i hemmet "
         "enligt överenskommelsen och de rutiner som parterna beslutar").split()
SECTIONS = "\n".join(f"## {h} {{#{i}}}\n" for i, h in [("syfte", "Syfte"), ("organisation", "Organisation och ansvar"),
                                                       ("aktiviteter", "Aktiviteter"), ("tidplan", "Tidplan och milstolpar"),
                                                       ("uppfoljning", "Uppföljning")])


def _line(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(15))


def _render(index: int, doc: dict) -> bytes:
    front = (f'---\nid: dok-{index:04d}\ntitle: Dokument {index}\ntype: implementeringsplan\n'
             f'version: "0.{doc["minor"]}"\nstatus: utkast\ndate: 2026-11-22\napplies_to: Hälsa och välfärd\n'
             f'owner: Omställningsledare\nparties: alla\nchange_note: Version 0.{doc["minor"]}.\n---\n\n')
    return (front + SECTIONS + "\n" + "\n\n".join(doc["body"]) + "\n").encode()


def _fast_import_stream(documents: int, commits: int, schema: dict[str, bytes] | None = None) -> bytes:
    """The synthetic history; `schema` the vocabularies' contents (default: this repository's)."""
    rng = random.Random(20261122)
    docs = {i: {"minor": 1, "body": [_line(rng) for _ in range(100)]} for i in range(documents)}
    out, stamp = [], 1_750_000_000

    def commit(files: list[tuple[str, bytes]], message: str) -> None:
        nonlocal stamp
        stamp += 600
        text = message.encode()
        out.append(f"commit refs/heads/main\ncommitter Redaktör <r@example.org> {stamp} +0100\n"
                   f"data {len(text)}\n".encode() + text + b"\n")
        for path, data in files:
            out.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    setup = [(f"schema/{name}", schema[name] if schema else (ROOT / "schema" / name).read_bytes()) for name in VOCABULARY]
    commit(setup + [(f"plans/dok-{i:04d}.md", _render(i, d)) for i, d in docs.items()], "Första versionerna")
    for number in range(1, commits):
        touched = rng.sample(range(documents), rng.randint(1, 3))
        for i in touched:
            docs[i]["body"][rng.randrange(100)] = _line(rng)
            if rng.random() < 1 / 12:
                docs[i]["minor"] += 1
        commit([(f"plans/dok-{i:04d}.md", _render(i, docs[i])) for i in touched], f"Ändring {number} (#{number})")
    return b"".join(out)


def make_repository(path: Path, documents: int, commits: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=path, input=_fast_import_stream(documents, commits), check=True)
    subprocess.run(["git", "repack", "-adfq"], cwd=path, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=path, check=True)


def _run(command: list[str], cwd: Path, before=None, env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of the command, CPU being its own and its children's (git's)."""
    if before:
        before()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - started
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime


PER_FILE = """
import sys, git
repo = git.Repo(".")
for path in sys.argv[1:]:
    for commit in repo.iter_commits(paths=path):
        commit.committed_date
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-per-file", action="store_true", help="leave out the slow per-file approach")
    parser.add_argument("--keep", metavar="FOLDER", type=Path, help="build the repository there once, and use it again")
    parser.add_argument("--compare-with", metavar="CHECKOUT", type=Path, help="also time another checkout's first run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = args.keep.resolve() if args.keep else Path(tmp) / "syntetiskt"
        started = time.perf_counter()
        if not (repo / ".git").is_dir():
            make_repository(repo, args.documents, args.commits)
        print(f"syntetiskt arkiv: {args.documents} dokument, {args.commits} incheckningar "
              f"(klart på {time.perf_counter() - started:.0f} s)")
        from avtal.history.cache import CACHE_FILE

        cache = repo / ".git" / CACHE_FILE
        changelog = [sys.executable, "-m", "avtal", "changelog", "--format", "json"]
        commands = {
            "git log --name-status": (["git", "log", "--name-status", "--format=%H"], None, None),
            "avtal changelog, första körningen": (changelog, lambda: cache.unlink(missing_ok=True), None),
            "avtal changelog, efter en ny incheckning": (changelog, lambda: _new_commit(repo), None),
            "avtal changelog, inget nytt": (changelog, None, None),
        }
        if args.compare_with:
            other = {**os.environ, "PYTHONPATH": str(args.compare_with.resolve() / "scripts")}
            commands[f"  (jämförelse: {args.compare_with.name}, första körningen)"] = (
                changelog, lambda: cache.unlink(missing_ok=True), other)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        loads = []
        for _ in range(args.runs):  # interleaved rounds: the machine's drift hits every command alike
            for name, (command, before, env) in commands.items():
                wall, used = _run(command, repo, before, env)
                times[name].append(wall)
                cpu[name].append(used)
            loads.append(os.getloadavg()[0])
        # The per-file approach is linear in the documents (one history walk each): timed on a tenth of
        # them and scaled, it costs seconds instead of minutes.
        sample = max(1, args.documents // 10)
        paths = [f"plans/dok-{i:04d}.md" for i in range(sample)]
        per_file = (float("nan") if args.skip_per_file
                    else _run([sys.executable, "-c", PER_FILE, *paths], repo)[0] * args.documents / sample)
    median = {name: statistics.median(values) for name, values in times.items()}
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    raw, raw_cpu = median["git log --name-status"], median_cpu["git log --name-status"]
    print(f"{args.runs} omgångar, median (min); per fil: en körning; "
          f"belastning (1 min) {min(loads):.1f}–{max(loads):.1f} på {os.cpu_count()} kärnor")
    for name, values in times.items():
        print(f"  {name:<42} {median[name]:7.3f} s ({min(values):.3f})  {median[name] / raw:4.2f}x git log"
              f"   CPU {median_cpu[name]:.3f} s  {median_cpu[name] / raw_cpu:4.2f}x")
    print(f"  {'per fil: iter_commits(paths=…), uppräknat':<42} {per_file:7.3f} s")
    size = f"{args.documents} dok × {args.commits} incheckningar"
    targets = {"avtal changelog, första körningen": 2.0, "avtal changelog, efter en ny incheckning": 1.1}
    for name in list(times)[1:4]:  # the comparison, if any, is printed only
        ratio = median[name] / raw
        limit = targets.get(name)
        record(f"{name} ({size}) / git log", f"{ratio:.2f} × ({median[name]:.2f} s / {raw:.2f} s)",
               f"≤ {limit:g} ×".replace(".", ",") if limit else "", ratio <= limit if limit else None)
    if not args.skip_per_file:
        speedup = per_file / median["avtal changelog, första körningen"]
        record("avtal changelog, första körningen, snabbare än per fil (GitPython)", f"{speedup:.0f} ×", "≥ 20 ×",
               speedup >= 20)


def _new_commit(repo: Path) -> None:
    """One more commit, as an editor makes: a changed sentence in one document."""
    path = repo / "plans" / "dok-0000.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nTillägg {time.time_ns()}.\n", encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=Redaktör", "-c", "user.email=r@example.org", "commit", "-qam",
                    "Ett tillägg (#1)"], cwd=repo, check=True)


if __name__ == "__main__":
    main()
