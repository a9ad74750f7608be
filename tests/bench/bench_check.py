"""Benchmark `avtal check`, run by hand (`make bench`); not a test.

Prints, measured side by side in interleaved rounds, the median wall time of the whole command
(interpreter start included) for:
  - a bare interpreter (`python -c pass`);
  - the import floor: importing pydantic, PyYAML and Markdown, what the rules cannot do without;
  - the real repository (target: at most 2.5 times the floor);
  - a synthetic repository of 500 documents of about 2,000 words each (1 M words), with links,
    anchors, defined terms, open questions and data files (target: at most 1 s).

Usage: python tests/bench/bench_check.py [--documents 500] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
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

VOCABULARY = ["parter.yaml", "organ.yaml", "roller.yaml", "statusar.yaml", "dokumenttyper.yaml"]
WORDS = (
    "kommunen regionen ansvarar för att patienten får en sammanhållen vård och omsorg i hemmet enligt "
    "överenskommelsen samt de rutiner som parterna gemensamt beslutar om efter samråd med verksamheterna "
    "uppföljning sker årligen och avvikelser rapporteras till den part som ansvarar för insatsen"
).split()
TERMS = [f"begrepp{n}" for n in range(50)]


def _paragraph(rng: random.Random, words: int, doc_index: int, documents: int, prefix: str = "") -> str:
    text = [rng.choice(WORDS) for _ in range(words)]
    text[3] = f"[[{rng.choice(TERMS)}]]"
    target = rng.randrange(documents)
    text[10] = f"[se avsnitt]({prefix}dok-{target:04d}.md#avsnitt-{rng.randrange(8)})"
    if doc_index % 7 == 0 and words > 20:
        text[20] = "enligt bilaga 1"
    return " ".join(text) + "."


PLAN_SECTIONS = [("syfte", "Syfte"), ("organisation", "Organisation och ansvar"), ("aktiviteter", "Aktiviteter"),
                 ("tidplan", "Tidplan och milstolpar"), ("uppfoljning", "Uppföljning")]


def _document(rng: random.Random, index: int, documents: int, required=PLAN_SECTIONS, prefix: str = "") -> str:
    lines = [
        "---",
        f"id: dok-{index:04d}",
        f"title: Syntetiskt dokument {index}",
        "type: implementeringsplan",
        'version: "0.1"',
        "status: utkast",
        "date: 2026-11-22",
        "applies_to: Hälsa och välfärd",
        "owner: Omställningsledare",
        "parties: alla",
        "---",
        "",
    ]
    for section_id, heading in required:
        lines += [f"## {heading} {{#{section_id}}}", "", _paragraph(rng, 60, index, documents, prefix), ""]
    for section in range(8):
        lines += [f"## Avsnitt {section} {{#avsnitt-{section}}}", ""]
        for sub in range(2):
            lines += [f"### Underavsnitt {section}.{sub}", ""]
            lines += [_paragraph(rng, 70, index, documents, prefix), "", f"- {_paragraph(rng, 20, index, documents, prefix)}", ""]
        lines += ["| Vem | Vad |", "| --- | --- |", "| Kommunen | Hemsjukvård |", ""]
    lines += ['!!! question "Öppen fråga: Vem ansvarar?"', "    Förslag: parterna gemensamt.", ""]
    lines += ["```yaml", "exempel: <inte html>", "```", ""]
    return "\n".join(lines)


def make_synthetic(root: Path, documents: int, with_site: bool = False) -> None:
    """`documents` plans, an agreement and an annex, a glossary and a risk register; with_site adds
    the site's configuration and pages and the Word template, for the site and Word benchmarks."""
    rng = random.Random(20261122)
    (root / "schema").mkdir(parents=True)
    for name in VOCABULARY:
        shutil.copy(ROOT / "schema" / name, root / "schema" / name)
    (root / "plans").mkdir()
    (root / "agreement").mkdir()
    (root / "annexes").mkdir()
    for index in range(documents):
        (root / "plans" / f"dok-{index:04d}.md").write_text(_document(rng, index, documents), encoding="utf-8")
    import yaml

    types = yaml.safe_load((ROOT / "schema" / "dokumenttyper.yaml").read_text("utf-8"))["types"]
    agreement_sections = [(s["id"], s["heading"]) for s in types[0]["required_sections"]]
    agreement = _document(rng, 0, documents, agreement_sections, "../plans/").replace("id: dok-0000", "id: overenskommelse").replace(
        "type: implementeringsplan", "type: överenskommelse")
    (root / "agreement" / "overenskommelse.md").write_text(agreement, encoding="utf-8")
    annex = _document(rng, 1, documents, [], "../plans/").replace("id: dok-0001", "id: bilaga-1").replace(
        "type: implementeringsplan", "type: bilaga\nannex_number: 1\nannex_of: overenskommelse")
    (root / "annexes" / "bilaga-1.md").write_text(annex, encoding="utf-8")
    glossary = ["kind: glossary", "document: dok-0000", "terms:"]
    for term in TERMS:
        glossary += [f"  - id: {term}", f"    term: {term}", f"    forms: [{term}s, {term}en]",
                     "    definition: En definition."]
    (root / "plans" / "begrepp.yaml").write_text("\n".join(glossary) + "\n", encoding="utf-8")
    risks = ["kind: risks", "document: dok-0001", "items:"]
    for n in range(200):
        risks += [f"  - id: R{n:03d}", "    risk: En risk.", f"    probability: {n % 5 + 1}",
                  f"    consequence: {n % 3 + 1}", "    measures: [En åtgärd]", "    owner: Styrgruppen",
                  "    status: öppen", f"    sections: [dok-{n % documents:04d}#avsnitt-1]"]
    (root / "plans" / "risker.yaml").write_text("\n".join(risks) + "\n", encoding="utf-8")
    for doc_id, placement in (("dok-0000", "[Begreppen](begrepp.yaml)"), ("dok-0001", "[Riskregistret](risker.yaml)")):
        with open(root / "plans" / f"{doc_id}.md", "a", encoding="utf-8") as handle:
            handle.write(f"\n{placement}\n")
    if with_site:
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "webbplats", root / "webbplats")
        shutil.copytree(ROOT / "templates", root / "templates")


FLOOR = "import pydantic, yaml, markdown"  # the libraries the rules need: what no check can avoid
# Python's bytecode cache on, as where avtal is installed (the warm-up run writes it for an editable install).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _once(command: list[str], cwd: Path) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - started, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    check = [sys.executable, "-m", "avtal", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "syntetiskt"
        make_synthetic(synthetic, args.documents)
        words = sum(len(p.read_text("utf-8").split()) for p in synthetic.rglob("*.md"))
        commands = {"python -c pass": ([sys.executable, "-c", "pass"], ROOT),
                    "golvet": ([sys.executable, "-c", FLOOR], ROOT),
                    "arkivet": (check, ROOT), "syntetiskt": (check, synthetic)}
        for command, cwd in commands.values():
            _once(command, cwd)  # bytecode and page cache warm, as after installing
        times: dict[str, list[float]] = {name: [] for name in commands}
        codes: dict[str, int] = {}
        for _ in range(args.runs):  # interleaved rounds: the machine's drift hits every command alike
            for name, (command, cwd) in commands.items():
                elapsed, codes[name] = _once(command, cwd)
                times[name].append(elapsed)
    median = {name: statistics.median(values) for name, values in times.items()}
    real_docs = sum(1 for folder in ("agreement", "annexes", "plans") for _ in (ROOT / folder).glob("*.md"))
    print(f"python {sys.version.split()[0]}, {args.runs} omgångar, median (min)")
    labels = {"python -c pass": "python -c pass", "golvet": f"golvet: python -c '{FLOOR}'",
              "arkivet": f"avtal check, arkivet ({real_docs} dokument)",
              "syntetiskt": f"avtal check, syntetiskt ({args.documents + 2} dok, {words // 1000}k ord)"}
    for name, values in times.items():
        print(f"{labels[name]:<52} {median[name]:>7.3f} s {min(values):>7.3f} s  (exit {codes[name]})")
    floor, real, large = median["golvet"], median["arkivet"], median["syntetiskt"]
    record("avtal check, arkivet / importgolvet", f"{real / floor:.2f} × ({real:.3f} s / {floor:.3f} s)", "≤ 2,5 ×",
           real / floor <= 2.5)
    record(f"avtal check, {args.documents + 2} dokument, {words // 1000}k ord", f"{large:.2f} s", "≤ 1 s", large <= 1)


if __name__ == "__main__":
    main()
