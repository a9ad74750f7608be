"""Benchmark the comparisons, run by hand (`make bench`); not a test.

Prints medians of interleaved rounds:
  1. the agreement's first and last versions compared (both trees, the model, the Word file with
     tracked changes and the HTML page); from the repository's history when the agreement has two
     versions, else from a copy whose agreement gets a second version with 5 % of its words changed;
     target under 1 s;
  2. a synthetic document of 20,000 words with 5 % of its words changed, the same work; target under 3 s;
  3. `avtal build` with the comparisons and without them (only the comparisons left out; the other
     contributions stay), on the repository itself with its history (every document with a
     predecessor is compared), on a copy in which every document has a second version, and on a copy
     without history; target: at most 30 % slower. The machine is shared and its speed varies by a
     factor two from minute to minute, so each round builds both ways back to back, the one or the
     other first in turn, and the ratio is the median of the rounds' ratios (nine rounds: with five,
     one slow round in either build moved the verdict by ten points).

Usage: python tests/bench/bench_compare.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
from report import record  # noqa: E402
COPIED = ["agreement", "annexes", "plans", "schema", "templates", "webbplats", "mkdocs.yml"]
WORD_RE = re.compile(r"\b[a-zåäö]{5,}\b")
GIT = ["git", "-c", "user.name=Bänk", "-c", "user.email=bank@example.org"]


def _git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def _changed(text: str, share: float, rng: random.Random) -> str:
    """The body with about `share` of its words replaced, only on plain lines (no links, terms or tables)."""
    head, _, body = text.partition("\n---\n")
    lines = body.split("\n")
    words = [m.group(0) for m in WORD_RE.finditer(body)]
    for index, line in enumerate(lines):
        if not line.strip() or any(mark in line for mark in "[]{}|#!`:") or line.startswith(" " * 4):
            continue
        lines[index] = WORD_RE.sub(lambda m: rng.choice(words) if rng.random() < share * 1.6 else m.group(0), line)
    return head + "\n---\n" + "\n".join(lines)


def _bump(text: str) -> str:
    return re.sub(r'^version: "0\.(\d+)"', lambda m: f'version: "0.{int(m.group(1)) + 1}"', text, count=1, flags=re.M)


def history_copy(target: Path, documents: list[str], seed: int = 7) -> Path:
    """A copy of the repository under git: as it is, then a second version of `documents`."""
    target.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)
    _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A")
    _git(target, "commit", "-qm", "Första versionerna")
    if not documents:
        return target
    rng = random.Random(seed)
    for path in documents:
        file = target / path
        file.write_text(_bump(_changed(file.read_text("utf-8"), 0.05, rng)), encoding="utf-8")
    _git(target, "add", "-A")
    _git(target, "commit", "-qm", "Andra versionerna")
    return target


def synthetic(target: Path, words: int = 20_000, seed: int = 11) -> Path:
    """One document of `words` words in sections, paragraphs, lists and a table, at 0.1 and 0.2."""
    rng = random.Random(seed)
    vocabulary = [w for w in WORD_RE.findall((ROOT / "agreement" / "overenskommelse.md").read_text("utf-8"))]
    target.mkdir(parents=True)
    shutil.copytree(ROOT / "schema", target / "schema")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", target / "templates")
    parts, count, section = [], 0, 0
    for name in ("syfte", "organisation", "aktiviteter", "tidplan", "uppfoljning"):
        parts.append(f"## {name.capitalize()} {{#{name}}}\n\nText.\n")
    while count < words:
        section += 1
        parts.append(f"## Avsnitt {section} {{#avsnitt-{section}}}\n")
        for _ in range(6):
            sentence = " ".join(rng.choice(vocabulary) for _ in range(40))
            parts.append(sentence.capitalize() + ".\n")
            count += 40
        parts.append("\n".join(f"- {' '.join(rng.choice(vocabulary) for _ in range(8))}" for _ in range(4)) + "\n")
        count += 32
    body = "\n".join(parts)
    head = ("---\nid: syntetisk\ntitle: Syntetiskt dokument\ntype: implementeringsplan\nversion: \"0.1\"\n"
            "status: utkast\ndate: 2026-11-22\napplies_to: Hälsa och välfärd\nowner: Omställningsledare\n"
            "parties: alla\n---\n")
    (target / "plans").mkdir()
    file = target / "plans" / "syntetisk.md"
    file.write_text(head + body, encoding="utf-8")
    _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A")
    _git(target, "commit", "-qm", "0.1")
    file.write_text(_bump(_changed(file.read_text("utf-8"), 0.05, rng)), encoding="utf-8")
    _git(target, "add", "-A")
    _git(target, "commit", "-qm", "0.2")
    return target


COMPARE = """
import sys, time
from pathlib import Path
from avtal.source.load import load_corpus
from avtal.history.changelog import load_changelog
from avtal.compare.outputs import Comparer
root, doc_id = Path(sys.argv[1]), sys.argv[2]
comparer = Comparer(root, load_corpus(root), load_changelog(root))
versions = comparer.versions
history = versions.history(doc_id)
old, new = versions.dated(history[0]), versions.dated(history[-1])
started, cpu = time.perf_counter(), time.process_time()
comparison, md = comparer.compare(old, new)
model = time.perf_counter()
comparer.docx(old, new, comparison, md)
word = time.perf_counter()
comparer.html(old, new, comparison)
done = time.perf_counter()
print(done - started, model - started, word - model, done - word, time.process_time() - cpu)
"""

BUILD = """
import sys
from pathlib import Path
if sys.argv[3] == "without":  # only the comparisons left out: the other outputs (decisions, remiss) stay
    import avtal.compare.outputs
    from avtal.render.contributions import Extras
    avtal.compare.outputs.contribute = lambda *args: Extras()
from avtal.render.build import build
sys.exit(build(Path(sys.argv[1]), Path(sys.argv[2])))
"""


def _compare(root: Path, doc_id: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", COMPARE, str(root), doc_id], check=True, capture_output=True, text=True)
    return [float(x) for x in out.stdout.split()]


def _build(root: Path, out: Path, mode: str) -> tuple[float, float]:
    """Wall time, and processor time (user and system, the build and its workers): the machine may be shared."""
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-c", BUILD, str(root), str(out), mode], check=True, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _report(name: str, rounds: list[list[float]], target: float) -> None:
    total, model, word, html, cpu = (statistics.median(r[i] for r in rounds) for i in range(5))
    print(f"{name}: {total:.2f} s (träden och modellen {model:.2f} s, Word {word:.2f} s, HTML {html:.2f} s; "
          f"processortid {cpu:.2f} s)")
    record(f"jämförelse, {name}", f"{total:.2f} s", f"< {target:g} s", total < target)


def _build_ratio(name: str, rounds: list[tuple[tuple[float, float], tuple[float, float]]]) -> None:
    ratios = [w / wo for (w, _), (wo, _) in rounds]
    cpu = [cw / cwo for (_, cw), (_, cwo) in rounds]
    ratio = statistics.median(ratios)
    a, b = statistics.median(w for (w, _), _ in rounds), statistics.median(wo for _, (wo, _) in rounds)
    print(f"avtal build, {name}: med jämförelser {a:.2f} s, utan {b:.2f} s; kvot per omgång, median {ratio - 1:+.0%}; "
          f"processortid {statistics.median(cpu) - 1:+.0%}; omgångarna: {', '.join(f'{r - 1:+.0%}' for r in ratios)}")
    record(f"avtal build med jämförelser, {name}", f"{ratio - 1:+.0%} ({a:.2f} s / {b:.2f} s)", "≤ +30 %", ratio <= 1.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        documents = sorted(p.relative_to(ROOT).as_posix() for f in ("agreement", "annexes", "plans")
                           for p in (ROOT / f).glob("*.md"))
        repo = history_copy(tmp / "arkivet", documents)
        as_is = history_copy(tmp / "som-det-ar", [])
        big = synthetic(tmp / "syntetiskt")
        agreement, large = [], []
        builds = {"arkivet med sin historia": (ROOT, []), f"alla {len(documents)} dokument i en ny version": (repo, []),
                  "en kopia utan historia": (as_is, [])}
        for index in range(args.runs):
            agreement.append(_compare(repo, "overenskommelse"))
            large.append(_compare(big, "syntetisk"))
            for key, (root, rounds) in builds.items():
                out = tmp / f"{len(rounds)}-{index}-{abs(hash(key))}"
                # Which build goes first alternates (with, without; then without, with): a build run
                # right after another finds the files it reads in the cache, and neither way gets it always.
                order = ("with", "without") if index % 2 == 0 else ("without", "with")
                made = {mode: _build(root, out / mode, mode) for mode in order}
                rounds.append((made["with"], made["without"]))
        print(f"{args.runs} omgångar, median:")
        _report("överenskommelsen, första mot sista versionen", agreement, 1)
        _report("syntetiskt dokument, 20 000 ord, 5 % ändrade", large, 3)
        for key, (_, rounds) in builds.items():
            _build_ratio(key, rounds)
        print(f"belastning under mätningen (load average): {os.getloadavg()[0]:.1f} på {os.cpu_count()} kärnor")


if __name__ == "__main__":
    main()
