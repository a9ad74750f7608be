"""The site outlives its engine: ProperDocs (the maintained fork of MkDocs 1.x, the fallback) builds
the same site with the same plugin, and its messages reach the user in Swedish as under MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BIN = Path(sys.executable).parent
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)

pytestmark = [pytest.mark.skipif(not (BIN / "properdocs").exists(),
                                reason="properdocs is missing: pip install -e '.[test]'"), pytest.mark.slow]  # two whole site builds: left out of make test-fast


def _build(engine: str, root: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / engine), "build", "-f", "mkdocs.yml", "--site-dir", str(site), *args],
                          cwd=root, capture_output=True, text=True, env=ENV)


@pytest.fixture(scope="module")
def both_engines(tmp_path_factory):
    """This repository's site, built by MkDocs and by ProperDocs."""
    out = tmp_path_factory.mktemp("engines")
    for engine in ("mkdocs", "properdocs"):
        done = _build(engine, REPO_ROOT, out / engine, "--strict")
        assert done.returncode == 0, f"{engine}: {done.stderr}"
    return out / "mkdocs", out / "properdocs"


def _inventory(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _main_content(page: Path) -> str:
    found = ARTICLE.search(page.read_text("utf-8"))
    assert found, page
    return found.group(1)


def test_properdocs_builds_the_same_pages(both_engines):
    mkdocs_site, properdocs_site = both_engines
    assert _inventory(mkdocs_site) == _inventory(properdocs_site)
    pages = [p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*.html")]
    assert len(pages) >= 30
    different = [str(p) for p in pages if _main_content(mkdocs_site / p) != _main_content(properdocs_site / p)]
    assert different == []
    # The menu too: the handbook and every document in it, under both engines.
    start = (properdocs_site / "index.html").read_text("utf-8")
    assert 'href="handbok/"' in start and "Om arkivet" in start
    assert "ProperDocs" in start and "ProperDocs" not in (mkdocs_site / "index.html").read_text("utf-8")


def test_properdocs_messages_are_in_swedish(repo, tmp_path):
    """ProperDocs logs under properdocs.*: the link warnings are still rewritten (site_messages.LINK_LOGGERS)."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    repo.doc("plan")
    repo.write("webbplats/handbok/trasig.md", "# Trasig\n\nSe [planen](saknas.md).\n")
    done = _build("properdocs", repo.root, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert 'webbplats/handbok/trasig.md: länken "saknas.md" går till en fil som inte finns på webbplatsen' in done.stderr
    assert "is not found among documentation files" not in done.stderr
    # and the new page is in the handbook's menu without anyone listing it
    assert 'href="trasig/"' in (tmp_path / "site" / "handbok" / "index.html").read_text("utf-8")
