"""The Word file says what the page says: one document with every hard case, built for real.

The page comes from `avtal build` (mkdocs with the avtal plugin), the Word file from the same
build; both are read back and compared word for word, with the characters that character
references stand for, line breaks, footnotes and the numbers of numbered lists.
"""

import html
import html.parser
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from conftest import REPO_ROOT, Repo, document

BODY = """
## Tecken och länkar {#tecken}

A &mdash; B &amp; C &sect; 7, sidorna 3&ndash;5, 12&nbsp;000&nbsp;kronor och &#167; 8 och &#x2013; samt `a & b <c> &amp;`.
Frågor till <registrator@example.se> eller på <https://www.regiondalarna.se>, och \\*inte kursiv\\*.
En rad som bryts i källan
fortsätter i samma stycke, och en hård radbrytning<två blanksteg>
börjar en ny rad.

## 3. Ansvar {#ansvar}

Text med **fet *och kursiv* text**, en [länk med **fet** text](https://www.regiondalarna.se) och en not.[^lang]

### Steg i en lös lista {#steg}

1. Första steget

2. Andra steget

    Ett andra stycke i steget.

    > Ett citat i steget.

    ```
    kod i steget
    ```

3. Tredje steget, som steg 1 och 2 hänvisar till

    - en underpunkt

    - en till

4. Fjärde steget

Punkter:

- Ett

- Två

    Mer om två.

- Tre

Mellan listorna.

5. Femte steget, i en lista som börjar på fem
6. Sjätte steget

## Begrepp och rutor {#begrepp}

Hemsjukvård
:   Hälso- och sjukvård i hemmet.

    Ett andra stycke i definitionen.

Part
:   Regionen eller en kommun.

!!! note "En ruta med en tabell"
    | Part | Ansvar |
    | --- | --- |
    | Kommunen | Hemsjukvård &ndash; dygnet runt |

[^lang]: Första stycket i noten &sect; 1.

    Andra stycket i noten.
""".replace("<två blanksteg>", "  ")  # a hard line break, spaces that an editor would trim
CHARACTERS = ["—", "&", "§", "–", "\u00a0", "registrator@example.se", "a & b <c> &amp;", "*inte kursiv*"]
BLOCK_TAGS = "p|h[1-6]|li|ul|ol|table|thead|tbody|tr|td|th|caption|div|pre|dl|dt|dd|blockquote|hr"
LINE_BREAK = "⏎"


def _words(text: str) -> str:
    """Spaces as the eye sees them: runs of ASCII whitespace are one, the non-breaking space stays."""
    return " ".join(re.split(r"[ \t\n\r\f]+", text)).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = Repo(tmp_path_factory.mktemp("fidelity") / "repo")
    shutil.copy(REPO_ROOT / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", repo.root / "webbplats")
    repo.write("plans/plan.md", document(BODY))
    out = repo.root.parent / "bygge"
    result = repo.avtal("build", "--out", str(out))
    assert result.code == 0, result.stdout + result.stderr
    check = repo.avtal("check")
    assert "AV310" in check.stdout  # the hand-numbered heading is a warning, not an error
    return out / "site" / "plans" / "plan" / "index.html", out / "docx" / "plan_v0.1.docx"


# -- The page, read as the reader sees it ---------------------------------------------


def _page_body(page) -> str:
    text = page.read_text("utf-8")
    return text.split("<!-- avtal-text-start -->", 1)[1].split("<!-- avtal-text-end -->", 1)[0]


def _site_text(page) -> str:
    body = _page_body(page)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body)
    body = re.sub(r'<span class="avtal-heading-number">[^<]*</span> ', "", body)  # Word's styles number headings
    body = re.sub(r'<div class="footnote">.*?</div>', "", body, flags=re.S)
    body = re.sub(r'<sup id="fnref:([^"]+)">.*?</sup>', r"[^\1]", body)
    body = re.sub(r"<br\s*/?>", f" {LINE_BREAK} ", body)
    body = re.sub(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", " ", body)  # blocks are apart; inline tags join
    return _words(html.unescape(re.sub(r"<[^>]+>", "", body)))


def _site_footnotes(page) -> dict[str, list[str]]:
    """The footnotes, which the page gathers at its very end, by key, without the links back."""
    notes = re.search(r'<div class="footnote">(.*?)</div>', page.read_text("utf-8"), flags=re.S).group(1)
    found = {}
    for key, item in re.findall(r'<li id="fn:([^"]+)">(.*?)</li>', notes, flags=re.S):
        item = re.sub(r'(?:&#160;)?<a class="footnote-backref".*?</a>', "", item, flags=re.S)
        found[key] = [_words(html.unescape(re.sub(r"<[^>]+>", "", p))) for p in re.findall(r"<p>(.*?)</p>", item, re.S)]
    return found


class _OrderedLists(html.parser.HTMLParser):
    """Each numbered list on the page: the number it starts at, and the text of its items up to
    their first block (a further paragraph, a quote, code or a nested list)."""

    def __init__(self):
        super().__init__()
        self.lists: list[tuple[int, list[str]]] = []
        self.open: list[int | None] = []  # the open lists, innermost last: an index in self.lists, None for ul
        self.text: list[str] | None = None  # the numbered item being read, until its first block

    def handle_starttag(self, tag, attrs):
        if self.text is not None and tag in ("p", "ul", "ol", "blockquote", "pre", "div", "table") \
                and "".join(self.text).strip():
            self._close()
        if tag == "ol":
            self.lists.append((int(dict(attrs).get("start") or 1), []))
            self.open.append(len(self.lists) - 1)
        elif tag == "ul":
            self.open.append(None)
        elif tag == "li" and self.open[-1] is not None:
            self.text = []

    def handle_endtag(self, tag):
        if tag == "li" and self.text is not None:
            self._close()
        if tag in ("ol", "ul"):
            self.open.pop()

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def _close(self):
        self.lists[self.open[-1]][1].append(_words("".join(self.text)))
        self.text = None


def _site_lists(page) -> list[tuple[int, list[str]]]:
    body = re.sub(r'<div class="footnote">.*?</div>', "", _page_body(page), flags=re.S)
    reader = _OrderedLists()
    reader.feed(body)
    return reader.lists


# -- The Word file, read back ---------------------------------------------------------


def _body_paragraphs(word) -> list:
    inside, paragraphs = False, []
    for child in word.element.body.iterchildren():
        names = [b.get(qn("w:name")) for b in child.iter(qn("w:bookmarkStart"))]
        if "avtal_body_start" in names:
            inside = True
            continue
        if "avtal_body_end" in names:
            break
        if inside:
            paragraphs.extend(child.iter(qn("w:p")))
    return paragraphs


def _paragraph_text(paragraph, notes: dict[str, str]) -> str:
    parts = []
    for element in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:footnoteReference")):
        if element.tag == qn("w:t"):
            parts.append(element.text or "")
        elif element.tag == qn("w:br"):
            parts.append(f" {LINE_BREAK} ")
        else:
            parts.append(f"[^{notes[element.get(qn('w:id'))]}]")
    return "".join(parts)


def _word_text(path, notes: dict[str, str]) -> str:
    word = docx.Document(str(path))
    return _words(" ".join(_paragraph_text(p, notes) for p in _body_paragraphs(word)))


def _word_footnotes(path) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        from lxml import etree

        root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = [n for n in root.iter(qn("w:footnote")) if n.get(qn("w:type")) is None]
    return [[_words("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in n.iter(qn("w:p"))] for n in notes]


class _Numbering:
    """What Word shows before each paragraph of a numbered list: its numPr (direct, or through
    its style), the numbering instance's start override and the abstract level's format."""

    def __init__(self, word):
        part = word.part.numbering_part.element
        self.styles = {s.style_id: s for s in word.styles}
        self.abstract = {a.get(qn("w:abstractNumId")): a for a in part.iter(qn("w:abstractNum"))}
        self.instances = {n.get(qn("w:numId")): n for n in part.iter(qn("w:num"))}
        self.counters: dict[str, int] = {}

    def _num_pr(self, paragraph):
        ppr = paragraph.find(qn("w:pPr"))
        direct = ppr.find(qn("w:numPr")) if ppr is not None else None
        if direct is not None:
            return direct
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if style is None:
            return None
        style_ppr = self.styles[style.get(qn("w:val"))].element.find(qn("w:pPr"))
        return style_ppr.find(qn("w:numPr")) if style_ppr is not None else None

    def label(self, paragraph) -> tuple[str, int] | None:
        """(numbering instance, number) of a decimal-numbered paragraph, else None."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.find(qn("w:numId")) is None:
            return None
        num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        level = num_pr.find(qn("w:ilvl")).get(qn("w:val")) if num_pr.find(qn("w:ilvl")) is not None else "0"
        if num_id == "0":
            return None
        instance = self.instances[num_id]
        abstract = self.abstract[instance.find(qn("w:abstractNumId")).get(qn("w:val"))]
        lvl = next(lv for lv in abstract.iter(qn("w:lvl")) if lv.get(qn("w:ilvl")) == level)
        if lvl.find(qn("w:numFmt")).get(qn("w:val")) != "decimal" or lvl.find(qn("w:pStyle")) is not None and \
                lvl.find(qn("w:pStyle")).get(qn("w:val")).startswith("Heading"):
            return None
        override = instance.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        start = int((override if override is not None else lvl.find(qn("w:start"))).get(qn("w:val")))
        self.counters[num_id] = self.counters.get(num_id, start - 1) + 1
        return num_id, self.counters[num_id]


def _word_lists(path) -> list[tuple[list[int], list[str]]]:
    word = docx.Document(str(path))
    numbering, lists, order = _Numbering(word), {}, []
    for paragraph in _body_paragraphs(word):
        label = numbering.label(paragraph)
        if label is None:
            continue
        num_id, number = label
        if num_id not in lists:
            lists[num_id] = ([], [])
            order.append(num_id)
        lists[num_id][0].append(number)
        lists[num_id][1].append(_words("".join(t.text or "" for t in paragraph.iter(qn("w:t")))))
    return [lists[n] for n in order]


# -- The tests ------------------------------------------------------------------------


def test_the_word_file_says_word_for_word_what_the_page_says(built):
    page, path = built
    notes = {str(index): key for index, key in enumerate(_site_footnotes(page), 1)}
    site, word = _site_text(page), _word_text(path, notes)
    assert word == site
    for character in CHARACTERS:
        assert character in site and character in word, repr(character)
    assert LINE_BREAK in word and "[^lang]" in word
    assert "Första steget Andra steget Ett andra stycke i steget. Ett citat i steget. kod i steget Tredje" in word


def test_footnotes_keep_their_paragraphs(built):
    page, path = built
    assert _word_footnotes(path) == list(_site_footnotes(page).values())
    assert _word_footnotes(path) == [["Första stycket i noten § 1.", "Andra stycket i noten."]]


def test_numbered_lists_count_as_the_page_does_without_gaps(built):
    page, path = built
    word_lists = _word_lists(path)
    assert [(numbers[0], texts) for numbers, texts in word_lists] == _site_lists(page)
    assert [numbers for numbers, _ in word_lists] == [[1, 2, 3, 4], [5, 6]]


def test_what_continues_a_list_item_stays_in_it_indented_and_unnumbered(built):
    _, path = built
    word = docx.Document(str(path))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    second = styles.index(("List Number", "Andra steget"))
    assert styles[second + 1:second + 5] == [("List Continue", "Ett andra stycke i steget."),
                                             ("Quote", "Ett citat i steget."), ("Kod", "kod i steget"),
                                             ("List Number", "Tredje steget, som steg 1 och 2 hänvisar till")]
    quote = word.paragraphs[[p.text for p in word.paragraphs].index("Ett citat i steget.")]
    assert quote.paragraph_format.left_indent == word.styles["List Continue"].paragraph_format.left_indent
    assert ("List Bullet 2", "en underpunkt") in styles and ("List Continue", "Mer om två.") in styles
    assert not [text for style, text in styles if style.startswith("List") and not text.strip()]  # no empty items


def test_a_heading_numbered_by_hand_is_not_numbered_twice(built):
    _, path = built
    word = docx.Document(str(path))
    heading = next(p for p in word.paragraphs if p.text == "3. Ansvar" and p.style.name.startswith("Heading"))
    assert heading.style.name == "Heading 1" and heading._p.pPr.numPr.numId.val == 0
    contents = [p.text for p in word.paragraphs if re.fullmatch(r"TOC \d", p.style.name)]
    # Syfte … Uppföljning are 1–5, Tecken 6; the hand-numbered heading has only its own number,
    # the next heading of its level goes on with 7 and the one under "3. Ansvar" is not counted under it.
    assert contents[5:9] == ["6 Tecken och länkar", "3. Ansvar", "6.1 Steg i en lös lista", "7 Begrepp och rutor"]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is missing: run make test")
def test_libreoffice_reads_the_same_numbers(built, tmp_path):
    """Another reader of the file: LibreOffice's text export writes each list number and heading number."""
    _, path = built
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [line.strip() for line in (tmp_path / "plan_v0.1.txt").read_text("utf-8-sig").splitlines()]
    body = lines[len(lines) - lines[::-1].index("1 Syfte") - 1:]  # after the table of contents
    numbered = [line for line in body if re.match(r"\d+\. [A-ZÅÄÖ]", line)]
    assert numbered == ["3. Ansvar", "1. Första steget", "2. Andra steget",
                        "3. Tredje steget, som steg 1 och 2 hänvisar till", "4. Fjärde steget",
                        "5. Femte steget, i en lista som börjar på fem", "6. Sjätte steget"]
    assert "3. Ansvar" in body and "6.1 Steg i en lös lista" in body and "7 Begrepp och rutor" in body


def test_the_page_numbers_headings_as_the_word_file_does(built):
    """The site's numbers come from the same function over the same tree: a hand-numbered heading
    keeps its own number alone, and the next one counts without it, on the page as in Word."""
    page, path = built
    headings = [" ".join(html.unescape(re.sub(r'<a class="headerlink"[^>]*>.*?</a>|<[^>]+>', "", inner)).split())
                for _, inner in re.findall(r"<h([1-4])\b[^>]*>(.*?)</h\1>", _page_body(page), flags=re.S)]
    word = docx.Document(str(path))
    contents = [p.text for p in word.paragraphs if re.fullmatch(r"TOC \d", p.style.name)]
    assert headings == contents
    assert headings[5:9] == ["6 Tecken och länkar", "3. Ansvar", "6.1 Steg i en lös lista", "7 Begrepp och rutor"]
