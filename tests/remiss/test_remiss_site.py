"""The round's page is safe by construction: an answer is written outside the project, and whatever it
holds is shown as text; the page's own HTML survives the site's sanitizer unchanged."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO_ROOT, GitRepo
from remiss.fixture import ROUND, make_round
from render.test_injection import _Page

HOSTILE = [
    "<script>alert('svar')</script>",
    "<img src=x onerror=alert(1)>",
    "[klicka](javascript:alert(1))",
    "**fet** _kursiv_ `kod` {: onclick=alert(1) }",
    '"><svg onload=alert(1)>',
    "&lt;b&gt; &amp; \u202eomvänd",
]
ANSWER = """\
recipient: Falu kommun
date: 2027-05-20
diarienummer: {one}
decision:
  body: {one}
  date: 2027-05-18
summary: |
{block}
questions:
  - question: f1
    stance: avstyrker
    comment: |
{block2}
    assessment:
      outcome: beaktas inte
      reason: {one}
sections:
  - section: overenskommelse#lakarmedverkan
    comment: {one}
    wording: |
{block2}
"""


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("fientligt")
    repo = make_round(GitRepo(base / "repo"), answers=False)
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    one = _yaml_text(" ".join(HOSTILE))
    repo.write(f"remiss/{ROUND}/svar/falu-kommun.yaml", ANSWER.format(
        one=one, block="\n".join(f"  {line}" for line in HOSTILE), block2="\n".join(f"      {line}" for line in HOSTILE)))
    repo.write(f"remiss/{ROUND}/remiss.yaml", (repo.root / f"remiss/{ROUND}/remiss.yaml").read_text("utf-8")
               .replace("name: Anhörigföreningen i länet", "name: " + _yaml_text("<b onmouseover=alert(1)>Förening</b>")))
    repo.commit("Ett fientligt svar")
    assert repo.avtal("check").code == 0
    out = base / "bygge"
    result = repo.avtal("build", "--out", str(out))
    assert result.code == 0, result.stdout + result.stderr
    return repo, out


def test_nothing_active_from_an_answer_reaches_the_page(built):
    _, out = built
    html = (out / "site" / "remiss" / ROUND / "index.html").read_text("utf-8")
    page = _Page()
    page.feed(html)
    assert page.problems == []  # no event handler, no javascript: address, anywhere on the page
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    inside = _Page()
    inside.feed("<article" + article)
    assert inside.active == []  # no script, style, svg or the like in the content
    assert "<img" not in article
    assert "&lt;script&gt;alert('svar')&lt;/script&gt;" in article or "&lt;script&gt;alert(&#x27;svar&#x27;)" in article
    assert "[klicka](javascript:alert(1))" in article  # the text as written, no link
    assert "**fet** _kursiv_ `kod`" in article  # Markdown in an answer stays text
    assert "&amp;lt;b&amp;gt;" in article  # a character reference stays what was typed
    assert "\u202e" not in article  # a bidirectional override is taken out
    assert "&lt;b onmouseover=alert(1)&gt;Förening&lt;/b&gt;" in article  # a recipient's name from the round too


def test_the_word_compilation_holds_the_text_as_written(built):
    import docx

    _, out = built
    document = docx.Document(str(out / "docx" / f"remissammanstallning_{ROUND}.docx"))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("<script>alert('svar')</script>" in cell for cell in cells)
    assert any("[klicka](javascript:alert(1))" in cell for cell in cells)


def test_the_pages_own_html_survives_the_sanitizer_unchanged(built):
    from avtal.history.changelog import changelog_if_any
    from avtal.remiss.outputs import Rounds
    from avtal.remiss.site import round_page
    from avtal.render.sanitize import clean_html
    from avtal.source.load import load_corpus

    repo, _ = built
    corpus = load_corpus(repo.root)
    rounds = Rounds(repo.root, corpus, changelog_if_any(repo.root, quiet=True))
    view = rounds.views()[0]
    markdown = round_page(rounds.compilation(view), "sammanstallning.docx")
    raw = [line for line in markdown.splitlines() if line.startswith("<")]
    assert any(line.startswith("<table><caption>") for line in raw)
    assert any("<details" in line for line in raw)
    for line in raw:
        assert clean_html(line) == line


def test_with_an_answer_in_the_round_is_not_prepared_and_each_recipient_shows_sent_answered_imported(built):
    """The commits of the fixture are from October 2026, before the round is sent (1 April 2027); an answer
    dated 20 May 2027 is in, so the round has been sent and is open (never "förberedd")."""
    import re

    _, out = built
    page = (out / "site" / "remiss" / ROUND / "index.html").read_text("utf-8")
    assert "Remissen är förberedd" not in page and "Förberedd" not in page
    assert "Remissen är öppen" in page and "1 av 5 remissinstanser har svarat hittills" in page
    table = page[page.index("<caption>Svar per remissinstans</caption>"):]
    table = table[:table.index("</table>")]
    rows = [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table)]
    assert rows[0] == ["Remissinstans", "Skickad", "Svarade", "Inläst", "Diarienummer", "Beslut"]
    falu = next(row for row in rows if row[0] == "Falu kommun")
    assert falu[1:3] == ["1 april 2027", "20 maj 2027"] and re.fullmatch(r"\d+ \w+ 2026", falu[3]), falu
    mora = next(row for row in rows if row[0] == "Mora kommun")
    assert mora[1:] == ["1 april 2027", "Inget svar ännu", "–", "–", "–"]
    start = (out / "site" / "index.html").read_text("utf-8")
    assert "Remiss pågår" in start
