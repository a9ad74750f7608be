"""Issue 24, defect 4: a comparison page's title was escaped twice. A document titled
"Slutrapport A & B" got the browser tab "Ändringar i Slutrapport A &amp;amp; B…" on its comparison
page; now the tab, the heading and the menu read the title as written."""

from __future__ import annotations

import html
import re
import shutil

from conftest import REPO_ROOT, GitRepo, document

TITLE = "Slutrapport A & B <x>"


def test_comparison_page_title_escaped_once(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    for version, text in (("0.1", "Den första texten."), ("0.2", "Den andra texten.")):
        repo.write("plans/rapport.md", document(text, id="rapport", title=f'"{TITLE}"', type="slutrapport",
                                                version=f'"{version}"', change_note=f"Version {version}."))
        repo.commit(f"Version {version}")
    out = tmp_path / "bygge"
    result = repo.avtal("build", "--out", str(out))
    assert result.code == 0, result.stdout + result.stderr
    page = (out / "site" / "andringar" / "rapport" / "v0.1-v0.2" / "index.html").read_text("utf-8")
    tab = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(tab).startswith(f"Ändringar i {TITLE}: version 0.1 till 0.2"), tab
    assert "&amp;amp;" not in page and "&amp;lt;" not in page
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert f"Ändringar i {html.escape(TITLE, quote=False)}" in heading
    document_page = (out / "site" / "plans" / "rapport" / "index.html").read_text("utf-8")
    assert "&amp;amp;" not in document_page
