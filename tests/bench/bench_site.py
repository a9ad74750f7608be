"""Benchmark the website, run by hand (`make bench`); not a test.

Prints, in one run, interleaved rounds of:
  - a plain `mkdocs build` of the same Markdown with the same theme, theme folder, extensions and
    menu, but without the avtal plugin: the site's folder and every page the plugin adds (the
    documents' pages, the start page, the change log, the comparisons…) written into a docs folder
    as the Markdown the plugin hands mkdocs, beside the files it adds (the tool's handbook, style
    sheet, scripts and theme override, the Word files, the images), and the comparisons' finished
    HTML put into their pages by a small hook, so that both builds make the same site;
  - the site part of `avtal build`: mkdocs with the avtal plugin, from a corpus that is
    already loaded and checked, Word files already made and the later stages' pages gathered (the
    comparisons, the decisions: as `avtal build` hands them over);
  - `mkdocs build` with the plugin on its own, which also loads, checks and reads the history.
Target: the plugin adds at most 15 % to the plain build (the site part of `avtal build` against the
plain build, both in-process): the median of the rounds' ratios, each round building both, the one
or the other first in turn.

Usage: python tests/bench/bench_site.py [--documents 100] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
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

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PLAIN = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
started, cpu = time.perf_counter(), time.process_time()  # configuration included, as in build_site
config = load_config(sys.argv[1] + "/mkdocs.yml", site_dir=sys.argv[2])
build(config)
print(time.perf_counter() - started, time.process_time() - cpu)
"""
SITE_PART = """
import sys, time
from pathlib import Path
from avtal.source.load import load_corpus
from avtal.history.changelog import load_changelog
from avtal.render.contributions import gather
from avtal.render.site import build_site
from avtal.rules.check import check_corpus
from avtal.render.word.document import word_files
root, out = Path(sys.argv[1]), Path(sys.argv[2])
corpus = load_corpus(root)
try:
    changelog = load_changelog(root)
except Exception:
    changelog = None
check_corpus(corpus)  # checked before the site, as avtal build does (its rules read what the site shows too)
word = word_files(root, corpus, changelog)  # made before the site, as avtal build does
extras = gather(root, corpus, changelog)  # the later stages' pages and files, as avtal build hands them over
started, cpu = time.perf_counter(), time.process_time()
build_site(root, corpus, changelog, out, {**word, **extras.word}, extras)
print(time.perf_counter() - started, time.process_time() - cpu)
"""


def generated_pages(source: Path) -> tuple[dict[str, str], list, dict[str, str], dict[str, bytes]]:
    """What the plugin adds to the site's own pages, as `avtal build` makes it: the pages (src_uri ->
    Markdown: every document's page, the start page, the open questions, the glossary, the change log,
    the comparisons…), the menu, the finished HTML that later stages put into a page's slot after
    Markdown (src_uri -> HTML: the comparisons' text with its changes), and the other files of the site
    (path on the site -> bytes: the Word files, the data a page's script reads, the documents' images)."""
    from avtal.history.changelog import changelog_if_any
    from avtal.render.contributions import gather
    from avtal.render.site import WORD_FOLDER, SitePages, handbook_nav
    from avtal.render.word.document import word_files
    from avtal.source.load import load_corpus

    corpus = load_corpus(source)
    changelog = changelog_if_any(source)
    extras = gather(source, corpus, changelog)
    word = {**word_files(source, corpus, changelog), **extras.word}
    pages = SitePages(corpus, changelog, set(word), extras)
    generated = pages.generated()
    files = {**{f"{WORD_FOLDER}/{name}": data for name, data in word.items()}, **extras.site_files,
             **{image.path: image.data for image in corpus.images.values()}}
    return generated, pages.nav(handbook_nav(_handbook(source, generated))), dict(extras.html), files


# The one thing of the plugin's the plain build keeps, as an mkdocs hook: a later stage's finished HTML
# put into its page's slot after Markdown (render/site.py, on_page_content), so that the plain build
# writes the same pages; a string replacement, without the plugin's sanitizing.
SLOT_HOOK = """
import json
from pathlib import Path

SLOT = {slot!r}
HTML = json.loads((Path(__file__).parent / "slots.json").read_text("utf-8"))


def on_page_content(html, page, config, files):
    made = HTML.get(page.file.src_uri)
    return html if made is None else html.replace(SLOT, made, 1)
"""


def _site_folder(source: Path) -> Path:
    import yaml

    config = yaml.safe_load((source / "mkdocs.yml").read_text("utf-8"))
    return source / config.get("docs_dir", "docs")


def _bundled(source: Path) -> dict[str, Path]:
    """The files every site gets from the tool (render/theme.py: the handbook, the style sheet, the
    scripts), src_uri -> file, where the site's folder has no file of its own at that path."""
    from avtal.render import theme

    folder = _site_folder(source)
    return {uri: theme.PAGES / uri for uri in theme.bundled_uris() if not (folder / uri).is_file()}


def _handbook(source: Path, generated: dict[str, str]) -> dict[str, str]:
    """The handbook's pages as the plugin finds them among the site's pages: the bundled ones
    (theme.py), the site folder's own and the generated ones."""
    folder = _site_folder(source)
    found = {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in (folder / "handbok").rglob("*.md")} \
        if (folder / "handbok").is_dir() else {}
    bundled = {uri: path.read_text("utf-8") for uri, path in _bundled(source).items()
               if uri.startswith("handbok/") and uri.endswith(".md")}
    return {**bundled, **found, **{uri: text for uri, text in generated.items() if uri.startswith("handbok/")}}


def plain_project(source: Path, target: Path) -> None:
    """The same Markdown, menu and configuration, without the plugin: the site's folder (its pages, style
    sheets and theme templates) copied into one docs folder, and beside them the pages the plugin adds,
    written out as the Markdown it hands mkdocs with the HTML later stages put into their slots (a hook),
    the files it adds (the Word files, the images, a page's data) and the files it adds from the tool
    (the handbook, the style sheet, the scripts and the theme's override: render/theme.py), so that both
    builds make the same site with the same theme; every path of the configuration that pointed into the site's folder
    pointed into the copy."""
    import yaml

    from avtal.render import theme as bundled_theme

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    site_folder = config.get("docs_dir", "docs")
    docs = target / "docs"
    shutil.copytree(source / site_folder, docs)
    for src_uri, path in _bundled(source).items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / src_uri)
    generated, nav, html, files = generated_pages(source)
    for src_uri, markdown in generated.items():
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_text(markdown, encoding="utf-8")
    for path, data in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    from avtal.render.contributions import HTML_SLOT

    (target / "hooks").mkdir()
    (target / "hooks" / "slots.py").write_text(SLOT_HOOK.format(slot=HTML_SLOT), encoding="utf-8")
    (target / "hooks" / "slots.json").write_text(json.dumps(html, ensure_ascii=False), encoding="utf-8")
    config["hooks"] = ["hooks/slots.py"]
    config["docs_dir"] = "docs"
    config["nav"] = nav
    config["extra_css"] = [*config.get("extra_css", []), *bundled_theme.STYLESHEETS]
    config["extra_javascript"] = [*config.get("extra_javascript", []), *bundled_theme.SCRIPTS]
    theme = config["theme"] = config["theme"] if isinstance(config.get("theme"), dict) else {"name": config.get("theme")}
    # One theme folder: the tool's override (theme.install puts it under the site's custom_dir), and
    # the site's own templates over it.
    shutil.copytree(bundled_theme.OVERRIDES, target / "overrides")
    if theme.get("custom_dir"):
        shutil.copytree(source / theme["custom_dir"], target / "overrides", dirs_exist_ok=True)
    theme["custom_dir"] = "overrides"
    config["plugins"] = [p for p in config.get("plugins", []) if p != "avtal" and not (isinstance(p, dict) and "avtal" in p)]
    config.pop("site_dir", None)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _time(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    return time.perf_counter() - started


def _in_process(script: str, root: Path, out: Path) -> tuple[float, float]:
    """The build's own time, wall clock and processor, measured inside its process (start-up and
    loading excluded)."""
    done = subprocess.run([sys.executable, "-c", script, str(root), str(out)], capture_output=True, text=True,
                          check=True, env=ENV)
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def measure(name: str, root: Path, runs: int) -> None:
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain"
        plain_project(root, plain)
        times: dict[str, list[float]] = {"plain": [], "site part": [], "plain process": [], "with plugin": []}
        cpu: dict[str, list[float]] = {"plain": [], "site part": []}
        for index in range(runs):  # interleaved, so that the machine's drift hits each alike
            pair = (("plain", PLAIN, plain, "a"), ("site part", SITE_PART, root, "b"))
            for key, script, source, out in pair if index % 2 == 0 else pair[::-1]:  # either first in turn
                wall, used = _in_process(script, source, Path(tmp) / out)
                times[key].append(wall)
                cpu[key].append(used)
            times["plain process"].append(_time([mkdocs, "build", "-q", "--site-dir", str(Path(tmp) / "c")], plain))
            times["with plugin"].append(_time([mkdocs, "build", "-q", "--site-dir", str(Path(tmp) / "d")], root))
    median = {k: statistics.median(v) for k, v in times.items()}
    # The rounds' own ratios, each of two builds made back to back: the machine's speed varies more
    # between rounds than between the two builds of one.
    ratios = [site / plain for site, plain in zip(times["site part"], times["plain"], strict=True)]
    extra = statistics.median(ratios) - 1
    whole = median["with plugin"] / median["plain process"] - 1
    print(f"{name}: {runs} omgångar, median")
    cpu_plain, cpu_site = statistics.median(cpu["plain"]), statistics.median(cpu["site part"])
    print(f"  bygget i processen, utan tillägget       {median['plain']:6.2f} s  (processortid {cpu_plain:.2f} s)")
    print(f"  avtal build, webbplatsdelen              {median['site part']:6.2f} s  ({extra:+.0%} per omgång; "
          f"processortid {cpu_site:.2f} s, {cpu_site / cpu_plain - 1:+.0%}; omgångarna: "
          f"{', '.join(f'{r - 1:+.0%}' for r in ratios)})")
    print(f"  mkdocs build utan tillägget, hela        {median['plain process']:6.2f} s")
    print(f"  mkdocs build med tillägget, hela         {median['with plugin']:6.2f} s  ({whole:+.0%}; "
          "inklusive inläsning, kontroll och historik)")
    record(f"webbplatsen, {name}: avtal build (webbplatsdelen) över vanlig mkdocs build",
           f"{extra:+.0%} ({median['site part']:.2f} s / {median['plain']:.2f} s)", "≤ +15 %", extra <= 0.15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    measure("arkivet", ROOT, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "syntetiskt"
        make_synthetic(synthetic, args.documents, with_site=True)
        measure(f"syntetiskt ({args.documents + 2} dokument)", synthetic, args.runs)


if __name__ == "__main__":
    main()
