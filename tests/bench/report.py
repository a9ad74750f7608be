"""The benchmarks' one table: each bench records its figures here, and `make bench` ends with the summary.

A bench calls `record(figure, measured, target, ok)` for every figure that has a target (or `ok=None` for a
figure shown for reference). Records are JSON lines in .cache/bench/results.jsonl (AVTAL_BENCH_RESULTS
overrides), so that separate processes add to one table; not under build/, which `avtal build` keeps for its
own output and refuses to write into when something else is there.

    python tests/bench/report.py --reset   # before the first bench (make bench does this)
    python tests/bench/report.py           # the table: figure, measured, target, ok or MISSAT

The summary exits 0 even when a target is missed: the table says so, and a benchmark on a shared machine is a
measurement, not a test. It exits 1 only when no bench recorded anything.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _results() -> Path:
    return Path(os.environ.get("AVTAL_BENCH_RESULTS") or ROOT / ".cache" / "bench" / "results.jsonl")


def record(figure: str, measured: str, target: str = "", ok: bool | None = None) -> None:
    """One row of the final table; also printed at once, so that a bench's own output shows it."""
    path = _results()
    path.parent.mkdir(parents=True, exist_ok=True)
    row = {"bench": Path(sys.argv[0]).stem, "figure": figure, "measured": measured, "target": target, "ok": ok}
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"  → {figure}: {measured}" + (f" (mål {target}: {_verdict(ok)})" if target else ""))


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f} ×"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("ok" if ok else "MISSAT")


def summary() -> int:
    path = _results()
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()] if path.is_file() else []
    if not rows:
        print(f"inga mätningar i {path}", file=sys.stderr)
        return 1
    print("\n| mätning | uppmätt | mål | utfall |\n| --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['figure']} | {row['measured']} | {row['target'] or '–'} | {_verdict(row['ok'])} |")
    judged = [row for row in rows if row["ok"] is not None]
    missed = [row for row in judged if not row["ok"]]
    print(f"\n{len(judged) - len(missed)} av {len(judged)} mål nådda; belastning {os.getloadavg()[0]:.1f} "
          f"på {os.cpu_count()} kärnor (en delad maskin: läs kvoterna, inte tiderna)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--reset"]:
        _results().unlink(missing_ok=True)
    else:
        raise SystemExit(summary())
