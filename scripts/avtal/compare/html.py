"""The comparison as accessible HTML: for the site's pages and for `avtal compare --format html`.

Inserted and deleted words are <ins> and <del>, each beginning with visually hidden text that a
screen reader announces ("Tillagd text:", "Borttagen text:"), written in the HTML rather than by
CSS; underline and strike-through (not colour alone) show them, and a legend says so. A list of
the changed sections links to each; unchanged sections are collapsed to their headings.

Every value is escaped where it is written. The elements and attributes used are few and plain,
so that the site's allow-list sanitizer keeps them (see ALLOWED).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html import escape

from .merge import DEL, INS, marked, merged, section_elements
from .model import CHANGED, DELETED, INSERTED, MOVED, MOVED_AWAY, UNCHANGED, Comparison, SectionDiff

CUE = {INS: "Tillagd text: ", DEL: "Borttagen text: "}
HIDDEN = "avtal-visually-hidden"
BADGE = {CHANGED: "ändrat", INSERTED: "nytt avsnitt", DELETED: "borttaget avsnitt", MOVED: "flyttat avsnitt"}
ID_PREFIX = "andring-"
PREAMBLE = "Inledning (text före första rubriken)"
# What these pages need from the site's sanitizer: elements, and the attributes on them.
ALLOWED = {
    "div": {"class"}, "section": {"class"}, "p": {"class"}, "h3": {"id", "class"}, "h4": {"id", "class"},
    "h5": {"id", "class"}, "h6": {"id", "class"}, "ul": {"class"}, "ol": {"class", "start"}, "li": {"class"},
    "a": {"href", "class", "title"}, "strong": set(), "em": set(), "code": set(), "pre": set(), "sup": set(),
    "br": set(), "table": set(), "caption": set(), "thead": set(), "tbody": set(), "tr": set(), "th": {"scope"},
    "td": {"class"}, "dl": set(), "dt": set(), "dd": set(), "blockquote": set(), "ins": set(), "del": set(),
    "span": {"class"}, "details": {"class"}, "summary": set(),
}
_PLAIN = {"strong", "em", "code", "pre", "sup", "br", "table", "caption", "thead", "tbody", "tr", "dl", "dt", "dd",
          "blockquote", "ul", "ol", "li", "p", "div", "td", "th", "span"}
_VOID = {"br"}
_SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:")

Linker = Callable[[str], str | None]


def external_only(href: str) -> str | None:
    """Links for a page that stands alone: only those that lead out of the repository."""
    return href if href.startswith(_SAFE_SCHEMES) else None


def site_linker(doc_path: str, page_uri: str) -> Linker:
    """Links of a document, rewritten for a comparison page of the site (mkdocs' directory URLs)."""
    page_dir = posixpath.dirname(page_uri) + "/" + posixpath.splitext(posixpath.basename(page_uri))[0]

    def url_of(path: str) -> str:
        return posixpath.splitext(path)[0] + "/"

    def link(href: str) -> str | None:
        if href.startswith(_SAFE_SCHEMES):
            return href
        if ":" in href.split("/", 1)[0]:
            return None
        target, _, anchor = href.partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), target)) if target else doc_path
        if not path.endswith(".md"):
            return None
        relative = posixpath.relpath(url_of(path), page_dir)
        return relative + "/" + (f"#{anchor}" if anchor else "") if relative != "." else (f"./#{anchor}" if anchor else "./")

    return link


class HtmlWriter:
    def __init__(self, link: Linker = external_only, shift: int = 1):
        self.link, self.shift = link, shift

    # -- Elements ------------------------------------------------------------------------

    def element(self, element: etree.Element) -> str:
        tag, classes = element.tag, (element.get("class") or "").split()
        if tag == "a" and ({"headerlink", "footnote-backref"} & set(classes)):
            return self._tail(element)
        if tag in (INS, DEL):
            inner = f'<span class="{HIDDEN}">{CUE[tag]}</span>' + self._inside(element)
            return f"<{tag}>{inner}</{tag}>" + self._tail(element)
        if tag == "a":
            return self._link(element) + self._tail(element)
        if tag == "img":
            return escape(f"[Bild: {element.get('alt') or ''}]") + self._tail(element)
        if tag == "sup" and element.find("a") is not None:
            return f"<sup>{escape(''.join(element.itertext()))}</sup>" + self._tail(element)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(int(tag[1]) + self.shift, 6)
            attrs = f' id="{escape(ID_PREFIX + element.get("id"))}"' if element.get("id") else ""
            return f"<h{level}{attrs}>{self._inside(element)}</h{level}>" + self._tail(element)
        if tag == "div" and "footnote" in classes:
            return ""
        if tag not in _PLAIN:
            return self._inside(element) + self._tail(element)
        attrs = self._attributes(element)
        if tag in _VOID:
            return f"<{tag}{attrs}>" + self._tail(element)
        return f"<{tag}{attrs}>{self._inside(element)}</{tag}>" + self._tail(element)

    def _attributes(self, element: etree.Element) -> str:
        allowed = ALLOWED.get(element.tag, set())
        return "".join(f' {name}="{escape(value)}"' for name, value in sorted(element.attrib.items())
                       if name in allowed and name != "id")

    def _inside(self, element: etree.Element) -> str:
        return escape(element.text or "") + "".join(self.element(child) for child in element)

    @staticmethod
    def _tail(element: etree.Element) -> str:
        return escape(element.tail or "")

    def _link(self, element: etree.Element) -> str:
        href = self.link(element.get("href") or "")
        if href is None:
            return self._inside(element)
        extra = "".join(f' {name}="{escape(element.get(name))}"' for name in ("class", "title") if element.get(name))
        return f'<a href="{escape(href)}"{extra}>{self._inside(element)}</a>'

    # -- The comparison ------------------------------------------------------------------

    def legend(self) -> str:
        return (f'<div class="avtal-diff-legend"><p><strong>Så läser du jämförelsen.</strong> '
                f'<ins><span class="{HIDDEN}">{CUE[INS]}</span>Tillagd text</ins> är understruken, och '
                f'<del><span class="{HIDDEN}">{CUE[DEL]}</span>borttagen text</del> är överstruken. '
                "En skärmläsare läser upp ”Tillagd text” eller ”Borttagen text” före varje ändring. "
                "Avsnitt utan ändringar är hopfällda till sina rubriker.</p></div>")

    def changed_list(self, comparison: Comparison) -> str:
        items = []
        for section in comparison.sections:
            if section.status in (UNCHANGED, MOVED_AWAY):
                continue
            label = BADGE[section.status] if section.status != MOVED or not section.changed else "flyttat och ändrat"
            items.append(f'<li><a href="#{escape(_anchor(section))}">{escape(_title(section))}</a> ({label})</li>')
        if any(f.op != "equal" for f in comparison.footnotes):
            items.append(f'<li><a href="#{ID_PREFIX}fotnoter">Fotnoter</a> (ändrade)</li>')
        if not items:
            return '<p class="avtal-diff-none">Texten är densamma i båda versionerna.</p>'
        return '<ul class="avtal-diff-toc">' + "".join(items) + "</ul>"

    def text(self, comparison: Comparison) -> str:
        """The sections in order: changed ones with their changes, unchanged ones collapsed."""
        parts: list[str] = []
        unchanged: list[SectionDiff] = []
        for section in comparison.sections:
            if section.status == UNCHANGED:
                unchanged.append(section)
                continue
            parts.append(self._collapsed(unchanged))
            unchanged = []
            parts.append(self._section(section, comparison))
        parts.append(self._collapsed(unchanged))
        parts.append(self._footnotes(comparison))
        return '<div class="avtal-diff">' + "".join(parts) + "</div>"

    def _collapsed(self, sections: list[SectionDiff]) -> str:
        if not sections:
            return ""
        count = len(sections)
        summary = "1 oförändrat avsnitt" if count == 1 else f"{count} oförändrade avsnitt"
        titles = "".join(f"<li>{escape(_title(s))}</li>" for s in sections)
        return (f'<details class="avtal-diff-unchanged"><summary>{summary}</summary>'
                f"<ul>{titles}</ul></details>")

    def _section(self, section: SectionDiff, comparison: Comparison) -> str:
        if section.status == MOVED_AWAY:
            title = escape(_title(section))
            return (f'<p class="avtal-diff-note">Här stod tidigare avsnittet ”{title}”, som har flyttats: '
                    f'<a href="#{escape(_anchor(section))}">se var det står nu</a>.</p>')
        heading_level = min((section.section.level or 2) + self.shift, 6)
        elements = section_elements(section, moves_as_changes=True)
        body_elements = elements[1:] if section.section.heading is not None else elements
        heading = self._inside(elements[0]) if section.section.heading is not None else escape(PREAMBLE)
        badge = BADGE[section.status] if section.status != MOVED or not section.changed else "flyttat och ändrat"
        parts = [f'<section class="avtal-diff-section avtal-diff-{section.status}">',
                 f'<h{heading_level} id="{escape(_anchor(section))}">{heading} '
                 f'<span class="avtal-diff-badge">({badge})</span></h{heading_level}>']
        if section.status == MOVED:
            parts.append(f'<p class="avtal-diff-note">Avsnittet har flyttats hit. {escape(_came_after(section, comparison))}</p>')
        parts += [self.element(e) for e in body_elements]
        parts.append("</section>")
        return "".join(parts)

    def _footnotes(self, comparison: Comparison) -> str:
        if not any(f.op != "equal" for f in comparison.footnotes):
            return ""
        items = "".join(self.element(marked(d.old, DEL, keep_id=False) if d.op == DELETED else merged(d))
                        for d in comparison.footnotes)
        return (f'<section class="avtal-diff-section avtal-diff-changed"><h{min(2 + self.shift, 6)} '
                f'id="{ID_PREFIX}fotnoter">Fotnoter <span class="avtal-diff-badge">(ändrade)</span>'
                f"</h{min(2 + self.shift, 6)}><ol>{items}</ol></section>")


def _title(section: SectionDiff) -> str:
    return section.section.title or PREAMBLE


def _anchor(section: SectionDiff) -> str:
    return ID_PREFIX + (section.section.id or "inledning")


def _came_after(section: SectionDiff, comparison: Comparison) -> str:
    """Where a moved section stood before: after which section of the older version."""
    index = next((i for i, s in enumerate(comparison.old_sections) if s is section.old), 0)
    if index == 0:
        return "Det stod tidigare först i texten."
    return f"Det stod tidigare efter avsnittet ”{comparison.old_sections[index - 1].title or PREAMBLE}”."


STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
ins { text-decoration: underline; text-decoration-thickness: 0.12em; background: #dcf3e1; color: #0b3d17; }
del { text-decoration: line-through; text-decoration-thickness: 0.12em; background: #fbe1e3; color: #5c0f18; }
.avtal-visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.avtal-diff-legend { border: 1px solid #888; padding: 0 1rem; }
.avtal-diff-badge { font-size: 0.8em; font-weight: normal; }
.avtal-diff-note { font-style: italic; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 0.2rem 0.5rem; }
"""


def standalone_page(comparison: Comparison, title: str, intro: str) -> str:
    """A whole HTML page: `avtal compare --format html`."""
    writer = HtmlWriter(external_only)
    return ("<!DOCTYPE html>\n"
            f'<html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><main>"
            f"<h1>{escape(title)}</h1><p>{escape(intro)}</p>{writer.legend()}"
            f"<h2>Ändrade avsnitt</h2>{writer.changed_list(comparison)}"
            f"<h2>Texten med ändringar</h2>{writer.text(comparison)}</main></body></html>\n")
