"""One allow-list sanitizer for all HTML that reaches the site, with nh3 (ammonia).

The site is public, and anyone who can open a pull request writes its input. `avtal check`
refuses raw HTML and unsafe links (AV204, AV306, AV307), but that line scanner is feedback
for editors, not the guard: every page's HTML passes `clean_html` after rendering, and
every title that the theme puts into navigation, headers and the table of contents passes
`text_html` or `inline_text`. What the avtal syntax does not need is removed: script and
style elements with their content, event handlers and any other attribute not listed,
and URLs whose scheme is not http, https, mailto or tel (so no javascript:, data: or
vbscript:). Relative links (to pages, anchors and the Word files) stay.

Nothing here knows mkdocs: the next site engine calls the same functions.

The allow-list is what the configured Markdown extensions (mkdocs.yml: toc, attr_list,
admonition, tables, footnotes, def_list, sane_lists, pymdownx.superfences) and the avtal
syntax (render/markup.py, the generated pages in render/site.py) and the comparisons of
versions (compare/html.py) make, and nothing more.
"""

from __future__ import annotations

import html
import re

import nh3

from ..rules.links import ALLOWED_SCHEMES

ELEMENTS = frozenset({
    # Python-Markdown's own blocks and inline elements
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br",
    "a", "img", "em", "strong",
    # tables (the extension and the avtal data), definition lists, footnotes
    "table", "caption", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "sup",
    # admonitions, open questions, the data's wrappers, code highlighting, the status label
    "div", "span",
    # the comparison of versions (compare/html.py): added and removed words, sections, collapsed ones
    "ins", "del", "section", "details", "summary",
    # a place where a long file name may wrap (decisions/pages.py), which copied text does not contain
    "wbr",
})
ATTRIBUTES = {
    "*": {"id", "class"},  # attribute lists may set ids and classes (AV307), toc gives headings ids
    "a": {"href", "title", "download"},  # title: a term's definition, the permalinks; download: the Word file
    "img": {"src", "alt", "title"},
    "ol": {"start"},  # a list that starts at another number than 1
    "th": {"style", "data-label"},  # style: the tables extension's text-align, and only that is kept
    "td": {"style", "data-label"},  # data-label: the column's name, for a row shown as a card (render/markup.py)
    "tr": {"data-area"},  # read by the responsibility matrix's filter (render/site_files/pages/javascripts/avtal.js)
}
ATTRIBUTE_VALUES = {
    "th": {"scope": {"row", "col", "rowgroup", "colgroup"}},
    "tr": {"data-responsible": {"kommun", "region", "gemensamt"}},
}
STYLE_PROPERTIES = frozenset({"text-align"})
URL_SCHEMES = frozenset(ALLOWED_SCHEMES)  # the schemes AV204 allows in links
# Removed with everything inside them, not only as tags.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"})

# The theme's own elements have ids that start with two underscores (`__config`, `__search`,
# `__drawer`) and classes that start with md-: content must not impersonate them, or the
# theme's scripts would read a page's text as their configuration.
_THEME_ID = re.compile(r"^__")
_THEME_CLASS = re.compile(r"^md-")
_DIGITS = re.compile(r"^[0-9]{1,9}$")


def _attribute(element: str, name: str, value: str) -> str | None:
    if name == "id":
        return None if _THEME_ID.match(value) else value
    if name == "class":
        kept = [c for c in value.split() if not _THEME_CLASS.match(c)]
        return " ".join(kept) or None
    if name == "start":
        return value if _DIGITS.match(value) else None
    return value


def _cleaner(attribute_filter=None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ELEMENTS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values={tag: {name: set(values) for name, values in attrs.items()}
                              for tag, attrs in ATTRIBUTE_VALUES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
        link_rel=None,  # the links go to the site's own pages or are the editors' own; no rel is added
    )


_CLEANER = _cleaner(_attribute)
# The same allow-list without the filter of ids, classes and list starts, which nh3 calls back into Python
# for every attribute kept (a fifth of the sanitizer's time). Its output is the full cleaner's whenever it
# holds nothing that _attribute would change: the serializer writes every kept attribute as ` name="value"`
# with the value decoded, so an id starting with "__", a class starting with "md-", a class not written
# as single-spaced names (which _attribute rewrites) or a list start other than digits shows in it as one
# of the texts or patterns below; where one does (on none of this project's pages), the full cleaner runs
# instead. (Each looked for on its own: a pattern that starts with fixed text is searched for by that text,
# where one alternation of them all was tried at every character of the page.)
_UNFILTERED = _cleaner()
_FILTERED_TEXT = (' id="__', "md-")
_FILTERED_START = re.compile(r' start="(?![0-9]{1,9}")')
_FILTERED_CLASS = re.compile(r' class="(?![^"\s]+(?: [^"\s]+)*")')
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={}, strip_comments=True)


def clean_html(fragment: str) -> str:
    """The HTML with only the allowed elements, attributes and URL schemes left."""
    cleaned = _UNFILTERED.clean(fragment)
    return _CLEANER.clean(fragment) if _filtered(cleaned) else cleaned


def _filtered(cleaned: str) -> bool:
    """Whether the unfiltered output holds something _attribute would change (see _FILTERED_TEXT)."""
    return (any(text in cleaned for text in _FILTERED_TEXT) or _FILTERED_START.search(cleaned) is not None
            or _FILTERED_CLASS.search(cleaned) is not None)


def inline_text(fragment: str) -> str:
    """An HTML fragment reduced to its text (still HTML, escaped), for titles made from headings."""
    return _TEXT_ONLY.clean(fragment)


def text_html(text: str) -> str:
    """Plain text as HTML: every character shown as itself."""
    return html.escape(text, quote=True)
