"""Benchmark what a remiss round costs `avtal check`, run by hand (`make bench`); not a test.

Prints, measured side by side in one run, the median wall time (interpreter start included) of:
  - `avtal check` on a copy of this repository with its agreement and annexes on remiss, no round;
  - the same with a round of the agreement and its annexes, 16 parties, and 16 answers of 20 section
    comments each, while the remiss versions are the current text (nothing more is loaded);
  - the same after the agreement is revised to a new version, so that its remiss version is loaded from
    git (the repository as it stood in that commit);
  - `avtal remiss form` (one response form) and `avtal remiss compile` (the compilation in Word).

Usage: python tests/bench/bench_remiss.py [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import re
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
STANCES = ["tillstyrker", "tillstyrker med ändringar", "avstyrker", "ingen erinran", "avstår"]


def _git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "Bänk", "GIT_AUTHOR_EMAIL": "bank@example.org", "GIT_COMMITTER_NAME": "Bänk",
           "GIT_COMMITTER_EMAIL": "bank@example.org", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def _copy(target: Path) -> None:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for rel in listed:
        if rel.split("/")[0] in ("agreement", "annexes", "plans", "schema", "templates") or rel == "mkdocs.yml":
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / rel, target / rel)
    _git(target, "init", "-q", "-b", "main")
    for path in [*(target / "agreement").glob("*.md"), *(target / "annexes").glob("*.md")]:
        path.write_text(path.read_text("utf-8").replace("status: utkast", "status: remiss", 1), encoding="utf-8")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "På remiss")


def _answers(target: Path, rng: random.Random) -> None:
    agreement = (target / "agreement" / "overenskommelse.md").read_text("utf-8")
    sections = re.findall(r"^#{2,4} .*\{#([a-z0-9-]+)\}", agreement, re.M)
    round_file = (target / "remiss" / "2027-1" / "remiss.yaml").read_text("utf-8")
    questions = re.findall(r"^  - id: (f\d+)$", round_file, re.M)
    parties = re.findall(r'^  - "(.+)"$', round_file, re.M)
    folder = target / "remiss" / "2027-1" / "svar"
    folder.mkdir()
    for party in parties:
        key = re.sub(r"[^a-z0-9]+", "-", party.lower().replace("ä", "a").replace("å", "a").replace("ö", "o")).strip("-")
        lines = [f"recipient: {party}", "date: 2027-05-20", "questions:"]
        for question in questions:
            lines += [f"  - question: {question}", f"    stance: {rng.choice(STANCES)}",
                      "    comment: Texten behöver förtydligas i flera avsnitt."]
        lines.append("sections:")
        for section in rng.sample(sections, min(20, len(sections))):
            lines += [f"  - section: overenskommelse#{section}", "    comment: Avsnittet bör förtydligas.",
                      "    wording: Parterna ansvarar gemensamt för att patienten får en sammanhållen vård."]
        (folder / f"{key}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _median(root: Path, args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "avtal", *args], cwd=root, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        root.mkdir()
        _copy(root)
        without = _median(root, ["check"], args.runs)
        made = subprocess.run([sys.executable, "-m", "avtal", "remiss", "new", "2027-1", "--deadline", "2027-05-31",
                               "--sent", "2027-04-01"], cwd=root, capture_output=True, text=True)
        if made.returncode:
            raise SystemExit(made.stderr)
        _answers(root, random.Random(2027))
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "Remiss och svar")
        _median(root, ["check"], 1)  # the history's cache, as after any earlier run
        with_round = _median(root, ["check"], args.runs)
        agreement = root / "agreement" / "overenskommelse.md"
        text = agreement.read_text("utf-8")
        version = re.search(r'^version: "(\d+)\.(\d+)"', text, re.M)
        agreement.write_text(text.replace(version.group(0), f'version: "{version.group(1)}.{int(version.group(2)) + 1}"')
                             .replace("status: remiss", "status: utkast", 1), encoding="utf-8")
        _git(root, "commit", "-q", "-am", "Reviderad efter remissen")
        _median(root, ["check"], 1)
        revised = _median(root, ["check"], args.runs)
        form = _median(root, ["remiss", "form", "2027-1", "--recipient", "Falu kommun", "-o",
                              str(Path(folder) / "svarsmall.docx")], args.runs)
        compiled = _median(root, ["remiss", "compile", "2027-1", "-o", str(Path(folder) / "sammanstallning.docx")],
                           args.runs)
    print(f"avtal check utan remissomgång:            {without:.2f} s")
    print(f"avtal check med omgång och 16 svar:       {with_round:.2f} s ({with_round / without:.2f} gånger)")
    print(f"… när överenskommelsen har reviderats:    {revised:.2f} s ({revised / without:.2f} gånger)")
    print(f"avtal remiss form (en svarsmall):         {form:.2f} s")
    print(f"avtal remiss compile (sammanställningen): {compiled:.2f} s")
    record("avtal check med remissomgång och 16 svar / utan omgång", f"{with_round / without:.2f} ×")
    record("avtal remiss compile (sammanställningen)", f"{compiled:.2f} s")


if __name__ == "__main__":
    main()
