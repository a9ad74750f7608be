"""Active content never reaches the site, whatever the input.

An injection corpus in a real temporary git repository: a payload in every free-text
metadata field, every free-text field of every kind of data, the glossary's terms and
definitions, a role in the vocabulary, front matter that only old commits hold, commit
subjects, author names and pull-request references. `avtal build` (the real command line)
builds it; then an HTML parser reads every page under build/site/ and the test fails if one
`on*` attribute, one javascript:, data: or vbscript: URL, or one script, style, frame or
object element that a build without the payloads does not have, occurs anywhere.

Then the same repository gets a document with raw HTML, attribute lists and link addresses
in the text, each one a case that the line scanner of `avtal check` used to miss. The check
must report every one at its line; and built with the check switched off (`strict_check:
false`, the way a scanner miss would let it through), the site must still be clean: it is
safe by construction (render/sanitize.py), not by scanning.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO_ROOT, GitRepo

# -- The payloads -----------------------------------------------------------------------

# Each case puts one of these into one field, with the case's own name as the marker, so that a
# payload that gets through says where it came from.
ATTACKS = [
    '<script>alert("{t}")</script>',
    '<img src=x onerror=alert("{t}")>',
    '[klicka här](javascript:alert("{t}"))',
    '<svg onload=alert("{t}")>',
    '"><iframe src="javascript:alert(\'{t}\')"></iframe>',
    '</title><script>alert("{t}")</script>',
    '<a href="data:text/html,<script>alert(\'{t}\')</script>">data</a>',
    '{{: onclick="alert(\'{t}\')"}}',
    '**fet**{{onmouseover=alert("{t}")}}',
    '<x:y onclick=alert("{t}")>namnrymd</x:y>',
    '<javascript://%0Aalert("{t}")>',
    '[vb](vbscript:msgbox("{t}"))',
    '![bild](javascript:alert("{t}"))',
    '<style>body{{background:red}} /* {t} */</style>',
    '[[begrepp]]{{onclick=alert("{t}")}}',
    '<a href="jav&#x09;ascript:alert(\'{t}\')">tab</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'{t}\')">',
    '`</code><b onclick=alert("{t}")>`',
]


@dataclass(frozen=True)
class Case:
    name: str
    field: str  # where the value goes
    shown: bool = True  # the site shows the value, so it must be there as text
    attack: int | None = None  # which of ATTACKS; by default the next in turn


VALUE_CASES = [
    # metadata, every free-text field
    Case("titel-overenskommelse", "agreement.title"),
    Case("titel-bilaga", "annex.title"),
    Case("titel-plan", "plan.title", attack=5),  # </title><script>…
    Case("verksamhet", "plan.applies_to"),
    Case("andringsnotering", "plan.change_note"),
    Case("diarienummer", "plan.registrations"),
    Case("roll", "vocabulary.role"),  # a role in schema/roller.yaml, the owner of the plan
    # the glossary
    Case("begrepp-definition", "glossary.definition"),  # also the title of every term link
    Case("begrepp-term", "glossary.term"),
    Case("begrepp-form", "glossary.form"),
    Case("begrepp-kalla", "glossary.source"),
    Case("begrepp-kommentar", "glossary.note"),
    # every kind of data
    Case("ansvar-aktivitet", "responsibilities.activity"),
    Case("ansvar-omrade", "responsibilities.area"),  # also the data-area attribute
    Case("ansvar-grund", "responsibilities.basis"),
    Case("risk-text", "risks.risk"),
    Case("risk-atgard", "risks.measure"),
    Case("milstolpe-leverans", "milestones.deliverable"),
    Case("milstolpe-belagg", "milestones.evidence", shown=False),
    Case("kommunikation-malgrupp", "communication.target_group"),
    Case("kommunikation-budskap", "communication.message"),
    Case("kommunikation-kanal", "communication.channel"),
    Case("checklista-titel", "checklist.title"),
    Case("checklista-punkt", "checklist.item"),
    Case("checklista-grund", "checklist.basis"),
    Case("checklista-hantering", "checklist.handling"),
    # git: commit subjects and author names (git drops < and > from names), pull requests,
    # front matter that only an old commit has, and work not yet committed
    Case("git-amne-1", "git.subject"),
    Case("git-amne-2", "git.subject"),
    Case("git-amne-3", "git.subject"),
    Case("git-forfattare-1", "git.author", shown=False),  # the site's change log lists subjects
    Case("git-forfattare-2", "git.author", shown=False),
    Case("git-pull-request", "git.merge", shown=False),  # only the number is kept
    Case("git-merge-request", "git.gitlab", shown=False),
    Case("gammal-titel", "history.title", shown=False),  # replaced by the current title
    Case("gammal-status", "history.status"),
    Case("gammal-notering", "history.change_note"),
    Case("ej-incheckad-titel", "uncommitted.title"),  # a new document, not yet committed
]


def _attack(index: int, marker: str) -> str:
    return ATTACKS[index % len(ATTACKS)].format(t=marker)


# -- The text cases: what the scanner used to miss, and what it always caught ---------------

# (name, Markdown with the marker {t}, the code that avtal check reports, the line of the snippet it is on)
TEXT_CASES = [
    ("escaped-backticks", 'Text \\`<img src=x onerror=alert("{t}")>\\` mer.', "AV306", 0),
    ("one-line-fence", '```js x```\n<script>alert("{t}")</script>', "AV306", 1),
    ("indented-fence", '    ```\n<img src=x onerror=alert("{t}")>\n    ```', "AV306", 1),
    ("unclosed-fence", '~~~\n<svg onload=alert("{t}")>', "AV306", 1),
    ("fence-refused-option", '```python foo="x"\n<script>alert("{t}")</script>\n```', "AV306", 1),
    ("namespaced-tag", 'Text <x:y onclick=alert("{t}")>z</x:y>.', "AV306", 0),
    ("tag-name-with-comma", 'Text <b,c onmouseover=alert("{t}")>z</b,c>.', "AV306", 0),
    ("attribute-list-id-class", '**Viktigt**{{#id.klass onclick=alert("{t}")}}', "AV307", 0),
    ("attribute-list-quoted-brace", '[länk](#syfte){{: .a"}}" onclick=alert("{t}")}}', "AV307", 0),
    ("attribute-list-own-line", 'Ett stycke.\n{{: onclick="alert(\'{t}\')"}}', "AV307", 1),
    ("attribute-list-on-term", 'Om [[begrepp]]{{onmouseover=alert("{t}")}} här.', "AV307", 0),
    ("reference-address-next-line", 'Se [länken][ref-{t}].\n\n[ref-{t}]:\n    javascript:alert("{t}")', "AV204", 3),
    ("link-text-two-lines", 'Se [första raden\nandra raden](javascript:alert("{t}")) här.', "AV204", 1),
    ("link-nested-brackets", 'Se [a [b [c]] d](javascript:alert("{t}")).', "AV204", 0),
    ("link-address-next-line", 'Se [länken](\njavascript:alert("{t}")).', "AV204", 1),
    ("link-address-in-code", 'Se [länken](`javascript:alert("{t}")`).', "AV204", 0),
    ("link-address-tab", 'Se [länken](<java\tscript:alert("{t}")>).', "AV204", 0),
    ("autolink-javascript", 'Se <javascript://%0Aalert("{t}")>.', "AV204", 0),
    ("question-title-link", '!!! question "Öppen fråga: a](javascript:alert(\'{t}\'))[b"\n    Förslag.', "AV204", 0),
    ("image-javascript", '![bild](javascript:alert("{t}"))', "AV204", 0),
    ("link-data", '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== "{t}")', "AV204", 0),
    ("link-vbscript", '[vb](vbscript:msgbox("{t}"))', "AV204", 0),
    ("raw-script", '<script>alert("{t}")</script>', "AV306", 0),
    ("raw-style", '<style>body {{ display: none }} /* {t} */</style>', "AV306", 0),
    ("raw-iframe", '<iframe srcdoc="<script>alert(\'{t}\')</script>"></iframe>', "AV306", 0),
    ("raw-javascript-href", '<a href="javascript:alert(\'{t}\')">x</a>', "AV306", 0),
    ("raw-form", '<form><button formaction="javascript:alert(\'{t}\')">x</button></form>', "AV306", 0),
    ("raw-meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(\'{t}\')">', "AV306", 0),
    ("raw-object", '<object data="javascript:alert(\'{t}\')"></object>', "AV306", 0),
    ("heading-with-html", '## Rubrik <img src=x onerror=alert("{t}")>', "AV306", 0),
    ("theme-config-id", '## {{"base": "https://example.org/{t}"}} {{#__config}}', None, 0),
]


def _text_body(benign: bool) -> str:
    """The text cases, each a block of its own (no case leaves a fence open for the next)."""
    blocks = []
    for name, markdown, _, _ in TEXT_CASES:
        blocks.append(f"Ofarligt stycke {name}." if benign else markdown.format(t=name))
    return "\n\n".join(blocks) + "\n"


# -- The repository ---------------------------------------------------------------------


def _yaml(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON is YAML, and quotes every payload


class Corpus:
    """The values of one build: the payloads, or harmless text in the same places."""

    def __init__(self, benign: bool):
        self.benign = benign
        self.values = {c.name: (f"Ofarlig text {c.name}" if benign else _attack(i if c.attack is None else c.attack, c.name))
                       for i, c in enumerate(VALUE_CASES)}

    def __getitem__(self, name: str) -> str:
        return self.values[name]


def _write_documents(repo: GitRepo, v: Corpus, title_key: str = "titel-plan") -> None:
    q = _yaml
    repo.doc("overenskommelse", "Om [[begrepp]].\n", type="överenskommelse", title=q(v["titel-overenskommelse"]))
    repo.doc("begrepp", "Begreppen:\n\n[Begreppen](begrepp.yaml)\n", type="bilaga", title=q(v["titel-bilaga"]),
             annex_number=1, annex_of="overenskommelse")
    repo.doc("plan", "Se [[begrepp]].\n\n[Ansvar](ansvar.yaml)\n\n[Risker](risker.yaml)\n\n[Milstolpar](milstolpar.yaml)\n\n"
             "[Aktiviteter](aktiviteter.yaml)\n\n[Checklistan](checklista.yaml)\n\n"
             "Se också [parterna](../schema/parter.yaml).\n",  # a link the site cannot follow
             title=q(v[title_key]), applies_to=q(v["verksamhet"]), change_note=q(v["andringsnotering"]),
             owner=q(v["roll"]), parties="[Region Dalarna, Falu kommun]",
             registrations="{" + f'"Region Dalarna": {q(v["diarienummer"])}' + "}")


def _write_data(repo: GitRepo, v: Corpus) -> None:
    q = _yaml
    repo.write("annexes/begrepp.yaml", f"""\
kind: glossary
document: begrepp
terms:
  - id: begrepp
    term: begrepp
    definition: {q(v["begrepp-definition"])}
  - id: farligt
    term: {q(v["begrepp-term"])}
    forms: [{q(v["begrepp-form"])}]
    definition: En definition.
    source: {q(v["begrepp-kalla"])}
    note: {q(v["begrepp-kommentar"])}
""")
    repo.write("plans/ansvar.yaml", f"""\
kind: responsibilities
document: plan
items:
  - {{id: A01, activity: {q(v["ansvar-aktivitet"])}, responsible: kommun, area: {q(v["ansvar-omrade"])},
      basis: {q(v["ansvar-grund"])}}}
  - {{id: A02, activity: Ofarlig, responsible: region, area: Annat}}
""")
    repo.write("plans/risker.yaml", f"""\
kind: risks
document: plan
items:
  - {{id: R01, risk: {q(v["risk-text"])}, probability: 5, consequence: 5, measures: [{q(v["risk-atgard"])}],
      owner: {q(v["roll"])}, status: öppen}}
""")
    repo.write("plans/milstolpar.yaml", f"""\
kind: milestones
document: plan
period: {{start: 2026-01-01, end: 2027-12-31}}
items:
  - {{id: M01, when: 2027-Q1, deliverable: {q(v["milstolpe-leverans"])}, responsible: {q(v["roll"])},
      evidence: {q(v["milstolpe-belagg"])}}}
""")
    repo.write("plans/aktiviteter.yaml", f"""\
kind: communication
document: plan
target_groups: [{q(v["kommunikation-malgrupp"])}]
items:
  - {{id: K01, target_group: {q(v["kommunikation-malgrupp"])}, message: {q(v["kommunikation-budskap"])},
      channel: {q(v["kommunikation-kanal"])}, when: 2027-Q1, responsible: {q(v["roll"])}}}
""")
    repo.write("plans/checklista.yaml", f"""\
kind: checklist
document: plan
title: {q(v["checklista-titel"])}
items:
  - {{id: C01, item: {q(v["checklista-punkt"])}, answer: nej, basis: {q(v["checklista-grund"])},
      handling: {q(v["checklista-hantering"])}}}
""")


def _add_role(repo: GitRepo, role: str) -> None:
    path = repo.root / "schema" / "roller.yaml"
    path.write_text(path.read_text("utf-8") + f"  - name: {_yaml(role)}\n    description: En roll.\n", "utf-8")


def _commit_as(repo: GitRepo, author: str, message: str) -> None:
    """A commit by another author (git drops < and > from names given this way)."""
    repo.git("add", "-A")
    repo.day += 1
    stamp = f"2026-10-{repo.day:02d}T12:00:00+02:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "eve@example.org", "GIT_AUTHOR_DATE": stamp,
           "GIT_COMMITTER_NAME": "Anna Redaktör", "GIT_COMMITTER_EMAIL": "anna@example.org", "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo.root, env=env, check=True, capture_output=True)


def make_repository(root: Path, benign: bool) -> tuple[GitRepo, Corpus]:
    """A repository with every value case; its HEAD passes avtal check, with payloads or without."""
    repo, v = GitRepo(root), Corpus(benign)
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", root / "webbplats")
    _add_role(repo, v["roll"])
    _write_data(repo, v)
    # An old commit whose front matter was never checked: its title, status and note stay in the history.
    _write_documents(repo, v, title_key="gammal-titel")
    old = (root / "plans" / "plan.md").read_text("utf-8")
    old = old.replace("status: utkast", f"status: {_yaml(v['gammal-status'])}")
    old = re.sub(r"change_note: .*", lambda _: f"change_note: {_yaml(v['gammal-notering'])}", old)
    repo.write("plans/plan.md", old)
    repo.commit(v["git-amne-1"])
    # The documents as they are now, at version 0.2, by two authors; a branch merged by a crafted pull request.
    _write_documents(repo, v)
    plan = root / "plans" / "plan.md"
    plan.write_text(plan.read_text("utf-8").replace('version: "0.1"', 'version: "0.2"'), "utf-8")
    _commit_as(repo, v["git-forfattare-1"] + " \x1b[31m", v["git-amne-2"] + " \x1b[2J\x07")
    repo.git("checkout", "-q", "-b", "eve/gren")
    plan.write_text(plan.read_text("utf-8") + "\nEn rad till.\n", "utf-8")
    _commit_as(repo, v["git-forfattare-2"], v["git-amne-3"])
    repo.git("checkout", "-q", "main")
    pr = "Ofarlig sammanslagning" if benign else f"Merge pull request #7{v['git-pull-request']} from eve/gren"
    mr = "" if benign else f"See merge request eve/gren!9{v['git-merge-request']}"
    repo.git("merge", "-q", "--no-ff", "eve/gren", "-m", pr, "-m", mr or "Brödtext.")
    # Work not yet committed: the change log lists it with the document's title.
    repo.doc("utkast", title=_yaml(v["ej-incheckad-titel"]))
    return repo, v


# -- Reading the built pages ------------------------------------------------------------

URL_SCHEME_RE = re.compile(r"(?i)^\s*(javascript|data|vbscript)\s*:")
ACTIVE = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link",
          "meta", "svg", "math", "template", "noscript"}


class _Page(HTMLParser):
    """Every element that can run, style or load something, and every attribute, of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.active: list[tuple] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = re.sub(r"[\t\n\r]", "", value or "")
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if URL_SCHEME_RE.match(value) or (name.lower() == "content" and URL_SCHEME_RE.search(value.split("url=")[-1])):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ACTIVE and not (tag == "link" and dict(attrs).get("rel") in ("prev", "next")):  # the page order
            entry = (tag, tuple(sorted((k, v or "") for k, v in attrs)))
            self.active.append(entry)
            if tag in ("script", "style"):
                self._in.append(entry)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._in and self._in[-1][0] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in:  # the content of a script or a style is part of what it is
            tag, attrs = self._in[-1]
            self.active.append((tag, attrs, data.strip()))
        else:
            self.text.append(data)


def read_site(site: Path) -> dict[str, _Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text("utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return pages


def _assert_clean(pages: dict[str, _Page], baseline: dict[str, _Page]) -> None:
    problems = {path: page.problems for path, page in pages.items() if page.problems}
    assert problems == {}
    assert len(pages) >= 10
    for path, page in pages.items():
        assert Counter(page.active) == Counter(baseline[path].active), path


def _all_text(pages: dict[str, _Page]) -> str:
    return " ".join(" ".join("".join(page.text).split()) for page in pages.values())


# -- The builds -------------------------------------------------------------------------


def _avtal(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "avtal", *args], cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(payload repository, its values, its site, the site of the same repository without payloads)."""
    base = tmp_path_factory.mktemp("injection")
    benign_repo, _ = make_repository(base / "ofarlig", benign=True)
    benign_repo.doc("granskning", _text_body(benign=True))
    benign_repo.commit("Granskning")
    done = _avtal(benign_repo.root, "build", "--out", str(base / "ofarlig-bygge"))
    assert done.returncode == 0, done.stdout + done.stderr

    repo, values = make_repository(base / "attack", benign=False)
    checked = _avtal(repo.root, "check", "--format", "json")
    assert checked.returncode == 0, checked.stdout  # every payload here is a value: the check has nothing to refuse
    built = _avtal(repo.root, "build", "--out", str(base / "attack-bygge"))
    assert built.returncode == 0, built.stdout + built.stderr
    return repo, values, built, base / "attack-bygge", read_site(base / "ofarlig-bygge" / "site")


def test_no_payload_in_a_value_reaches_a_page_as_html(builds):
    _, _, _, out, baseline = builds
    _assert_clean(read_site(out / "site"), baseline)


def test_the_search_index_holds_no_markup_but_the_theme_s_own(builds):
    """The theme's search inserts titles and texts from the index as HTML."""
    _, _, _, out, _ = builds
    index = json.loads((out / "site" / "search" / "search_index.json").read_text("utf-8"))
    tags = set()
    for entry in index["docs"]:
        for field in ("title", "text"):
            page = _Page()
            page.feed(entry[field])
            assert page.problems == [] and page.active == [], entry["location"]
            tags.update(re.findall(r"<(\w+)", entry[field]))
    assert tags <= {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # what the search plugin keeps


def test_every_value_is_shown_as_the_text_it_is(builds):
    from avtal.text import clean_line

    _, values, _, out, _ = builds
    text = _all_text(read_site(out / "site"))
    missing = [c.name for c in VALUE_CASES if c.shown and clean_line(values[c.name]) not in text]
    assert missing == []


def test_titles_are_text_in_navigation_header_and_window_title(builds):
    _, values, _, out, _ = builds
    page = _Page()
    page.feed((out / "site" / "plans" / "plan" / "index.html").read_text("utf-8"))
    title = values["titel-plan"]
    assert title.startswith("</title><script>")
    assert f"{title} - Överenskommelse om hälso- och sjukvård i hemmet" in page.text  # the window's title
    assert sum(text.strip() == title for text in page.text) >= 3  # the header, the navigation, the heading


def test_git_values_are_cleaned_and_pull_requests_are_numbers(builds):
    repo, _, _, out, _ = builds
    log = json.loads((out / "changelog" / "index.json").read_text("utf-8"))
    commits = [c for d in log["documents"].values() for v in d["versions"] for c in v["commits"]]
    authors, subjects = [c["author"] for c in commits], [c["subject"] for c in commits]
    assert any("git-forfattare-1" in a for a in authors) and any("git-amne-2" in s for s in subjects)
    assert [text for text in authors + subjects if re.search(r"[\x00-\x1f\x7f]", text)] == []
    assert {c["pull_request"] for c in commits} == {None, "#7"}
    terminal = _avtal(repo.root, "changelog", "plan").stdout + _avtal(repo.root, "changelog").stdout
    assert "git-amne-2" in terminal and re.search(r"[\x00-\x09\x0b-\x1f\x7f]", terminal) is None


def test_the_build_speaks_swedish_about_links_it_cannot_follow(builds):
    _, _, built, _, _ = builds
    assert "Doc file" not in built.stderr and "not found" not in built.stderr
    assert 'plans/plan.md: länken "../schema/parter.yaml" går till en fil som inte finns på webbplatsen' in built.stderr


def _text_case_lines(text: str) -> dict[str, int]:
    """The file line of each text case's finding: its snippet's first line, plus the offset."""
    lines = text.split("\n")
    first = {name: lines.index(markdown.format(t=name).split("\n")[0]) + 1 for name, markdown, _, _ in TEXT_CASES}
    return {name: first[name] + offset for name, _, _, offset in TEXT_CASES}


def _copy(repo: GitRepo, to: Path) -> GitRepo:
    shutil.copytree(repo.root, to, symlinks=True)
    copy = GitRepo.__new__(GitRepo)
    copy.root, copy.day = to, repo.day
    return copy


def test_the_check_reports_every_text_case_at_its_line(builds, tmp_path):
    repo = _copy(builds[0], tmp_path / "repo")
    path = repo.doc("granskning", _text_body(benign=False))
    lines = _text_case_lines(path.read_text("utf-8"))
    found = {(f["line"], f["code"]) for f in json.loads(_avtal(repo.root, "check", "--format", "json").stdout)
             if f["path"] == "plans/granskning.md"}
    missed = [(name, lines[name], code) for name, _, code, _ in TEXT_CASES if code and (lines[name], code) not in found]
    assert missed == []


def test_the_site_is_clean_where_the_check_is_not_asked(builds, tmp_path):
    """Built with the check switched off, as if the scanner had missed every case: still clean."""
    repo, _, _, _, baseline = builds
    repo = _copy(repo, tmp_path / "repo")
    repo.doc("granskning", _text_body(benign=False))
    config = (repo.root / "mkdocs.yml").read_text("utf-8")
    assert "  - avtal\n" in config
    (repo.root / "mkdocs.yml").write_text(config.replace("  - avtal\n", "  - avtal:\n      strict_check: false\n"), "utf-8")
    assert _avtal(repo.root, "check").returncode == 1  # the check would have refused
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "--site-dir", str(tmp_path / "site")], cwd=repo.root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    _assert_clean(read_site(tmp_path / "site"), baseline)
    page = (tmp_path / "site" / "plans" / "granskning" / "index.html").read_text("utf-8")
    content = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert 'id="__config"' not in content  # content cannot pose as the theme's configuration


def test_the_corpus_is_large_enough():
    assert len(VALUE_CASES) + len(TEXT_CASES) >= 40
