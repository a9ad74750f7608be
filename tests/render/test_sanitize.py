"""The sanitizer alone: it removes what can run, and keeps what the avtal syntax makes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtal.render.markup import document_markdown
from avtal.render.sanitize import ATTRIBUTES, ELEMENTS, URL_SCHEMES, clean_html, inline_text, text_html
from avtal.source.load import load_corpus
from conftest import REPO_ROOT


@pytest.mark.parametrize(("dirty", "clean"), [
    ('<p onclick="alert(1)">a</p>', "<p>a</p>"),
    ("<p>a<script>alert(1)</script><style>p { color: red }</style></p>", "<p>a</p>"),
    ('<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
    ('<a href=" JaVaScRiPt:alert(1)">a</a>', "<a>a</a>"),
    ('<a href="java&#x09;script:alert(1)">a</a>', "<a>a</a>"),
    ('<a href="data:text/html,x">a</a>', "<a>a</a>"),
    ('<a href="vbscript:msgbox(1)">a</a>', "<a>a</a>"),
    ('<img src="data:image/png;base64,AA" onerror="alert(1)">', "<img>"),
    ("<x:y onclick=alert(1)>z</x:y>", "z"),
    ("<svg onload=alert(1)><script>alert(1)</script></svg>", ""),
    ('<iframe src="javascript:alert(1)">x</iframe><object data="x">y</object>', ""),
    ('<form action="x"><input name="a"><button formaction="javascript:alert(1)">b</button></form>', "b"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="//x"><link rel="stylesheet" href="x">', ""),
    ('<p style="position:fixed" title="t" data-md-component="search" tabindex="1">a</p>', "<p>a</p>"),
    ('<table><tbody><tr data-responsible="alla" data-area="A"><th scope="evil" style="text-align: center; '
     'background: url(x)">a</th></tr></tbody></table>',
     '<table><tbody><tr data-area="A"><th style="text-align:center">a</th></tr></tbody></table>'),
    ('<h2 id="__config" class="md-header viktig">{"base": "x"}</h2>', '<h2 class="viktig">{"base": "x"}</h2>'),
    ('<ol start="2; x"><li>a</li></ol>', "<ol><li>a</li></ol>"),
    ('<a href="https://x.se" target="_blank" rel="opener">a</a>', '<a href="https://x.se">a</a>'),
    ("<!-- en kommentar -->a", "a"),
])
def test_what_can_run_or_impersonate_is_removed(dirty, clean):
    assert clean_html(dirty) == clean


@pytest.mark.parametrize("kept", [
    '<h2 id="lakarmedverkan">Läkarmedverkan<a class="headerlink" href="#lakarmedverkan" title="Länk till avsnittet">¶</a></h2>',
    '<div class="admonition question" id="oppen-fraga-1"><p class="admonition-title">Öppen fråga: x</p><p>y</p></div>',
    '<p>a<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p><div class="footnote"><hr><ol>'
    '<li id="fn:1"><p>Not.&nbsp;<a class="footnote-backref" href="#fnref:1" title="Tillbaka">↩</a></p></li></ol></div>',
    '<div class="avtal-table avtal-responsibilities"><table><caption>Ansvar</caption><thead><tr><th scope="col">Id</th>'
    '</tr></thead><tbody><tr data-responsible="kommun" data-area="Läkarmedverkan"><th scope="row">A01</th>'
    '<td style="text-align:left">x</td></tr></tbody></table></div>',
    '<p>Om <a class="avtal-term" href="../../annexes/begrepp/#vardbegaran" title="En begäran om insatser.">vårdbegäran</a>.</p>',
    '<p><a class="avtal-download" download="overenskommelse_v0.1.docx" href="../../word/overenskommelse_v0.1.docx">Ladda ned</a></p>',
    '<table class="avtal-meta"><caption>Om dokumentet</caption><tbody><tr><th scope="row">Status</th><td>'
    '<span class="avtal-status avtal-status-utkast">Utkast</span></td></tr></tbody></table>',
    '<div class="highlight"><pre><span></span><code><span class="nt">&lt;script&gt;</span>\n</code></pre></div>',
    '<dl><dt>Term</dt><dd>Definition</dd></dl><blockquote><p><em>a</em> <strong>b</strong> <code>c</code><br>d</p></blockquote>',
    '<ol start="3"><li>tre</li></ol><ul><li><a href="mailto:a@b.se">a</a> <a href="tel:+4623">t</a></li></ul>',
    '<p><img alt="Karta" src="karta.png" title="Dalarna"> <a href="https://www.regiondalarna.se/">Region</a> '
    '<a href="../plan/#syfte">Syfte</a> <a href="//example.org/">x</a></p>',
])
def test_what_the_syntax_makes_is_kept(kept):
    assert clean_html(kept) == kept


def test_titles_and_headings_become_text():
    assert text_html('</title><script>alert("x")</script> & mer') == \
        "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mer"
    assert inline_text('Rubrik <img src=x onerror=alert(1)> &amp; <script>alert(2)</script>mer') == "Rubrik  &amp; mer"


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.found.add((tag, ""))
        self.found.update((tag, name) for name, _ in attrs)


def test_the_allow_list_holds_what_this_repository_makes_and_nothing_is_lost():
    """Every document of this repository, rendered with the site's syntax: the sanitizer changes nothing."""
    corpus = load_corpus(REPO_ROOT)
    seen = _Inventory()
    for doc in corpus.documents:
        html = document_markdown(REPO_ROOT, corpus, doc.path).convert(doc.body_text)
        seen.feed(html)
        assert _normalised(clean_html(html)) == _normalised(html), doc.path
    allowed = {(tag, "") for tag in ELEMENTS} | {(tag, name) for tag in ELEMENTS for name in ATTRIBUTES["*"]}
    allowed |= {(tag, name) for tag, names in ATTRIBUTES.items() for name in names} | {("th", "scope"), ("tr", "data-responsible")}
    assert seen.found <= allowed
    assert {"table", "caption", "a", "div", "h3"} <= {tag for tag, _ in seen.found}
    assert URL_SCHEMES == {"http", "https", "mailto", "tel"}


class _Tokens(HTMLParser):
    """Elements with sorted attributes and text with entities decoded: what a browser builds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append((tag, sorted((name, value or "") for name, value in attrs)))

    def handle_endtag(self, tag):
        if tag not in ("br", "hr", "img"):
            self.tokens.append("/" + tag)

    def handle_data(self, data):
        if data.strip():
            self.tokens.append(" ".join(data.split()))


def _normalised(html: str) -> list:
    """Serialisation aside (entities, attribute order, void elements), the same document."""
    tokens = _Tokens()
    tokens.feed(html)
    return tokens.tokens


def test_what_the_daily_pages_add_survives_unchanged():
    """The heading numbers (markup.py), the change log's folded commits (changelog_page.py) and the
    preview's banner of findings (preview.py) are made of allowed elements and classes."""
    numbered = ('<h2 id="ansvar"><span class="avtal-heading-number">7.2</span> Ansvar'
                '<a class="headerlink" href="#ansvar" title="Länk till avsnittet">¶</a></h2>')
    folded = ('<details class="avtal-commits"><summary>2 incheckningar</summary><ul><li>2026-11-30: Text '
              "– Anna, <code>4526a844</code></li></ul></details>")
    banner = ('<div class="admonition failure avtal-preview-errors"><p class="admonition-title">avtal check hittade '
              'ett fel</p><ul><li><code>plans/plan.md:9:8</code> AV105 Okänd roll</li></ul></div>')
    for fragment in (numbered, folded, banner):
        assert clean_html(fragment) == fragment


_ATTRIBUTE_VALUES = st.text(alphabet=st.sampled_from(list('ab_-md 5"\'&#;x\t\n<>')), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "ol", "a", "span", "h2", "td", "x-y"]),
                          st.sampled_from(["id", "class", "start", "title", "href", "onclick"]),
                          _ATTRIBUTE_VALUES, st.sampled_from(['"', "'", ""])), max_size=4))
def test_the_fast_path_cleans_as_the_filtered_cleaner(elements):
    """clean_html skips the Python filter of ids, classes and list starts where it would change nothing:
    on any attributes, its result is the filtering cleaner's."""
    from avtal.render.sanitize import _CLEANER

    html = "".join(f"<{tag} {name}={quote}{value}{quote}>z</{tag}>" for tag, name, value, quote in elements)
    assert clean_html(html) == _CLEANER.clean(html)
