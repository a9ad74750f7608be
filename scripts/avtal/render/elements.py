"""The elements the data tables are made of, shared by markup.py and choices.py: ordinary HTML
elements whose text is data (an AtomicString, never read as Markdown)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

from markdown.util import AtomicString


def _el(tag: str, text: str | None = None, cls: str | None = None, **attrs) -> etree.Element:
    element = etree.Element(tag)
    if text is not None:
        element.text = AtomicString(text)  # data is text, never Markdown
    if cls:
        element.set("class", cls)
    for key, value in attrs.items():
        element.set(key.rstrip("_").replace("_", "-"), value)
    return element


def _add(parent: etree.Element, tag: str, text: str | None = None, cls: str | None = None, **attrs) -> etree.Element:
    child = _el(tag, text, cls, **attrs)
    parent.append(child)
    return child


def _wrapped(cls: str) -> tuple[etree.Element, etree.Element]:
    """A table inside a div that carries its kind: the theme styles and scrolls plain tables."""
    wrapper = _el("div", cls=f"avtal-table {cls}")
    return wrapper, _add(wrapper, "table")


def _table(caption: str, headers: list[str], rows: list[list[str | etree.Element]], cls: str) -> etree.Element:
    wrapper, table = _wrapped(cls)
    _add(table, "caption", caption)
    head = _add(_add(table, "thead"), "tr")
    for header in headers:
        _add(head, "th", header, scope="col")
    body = _add(table, "tbody")
    for row in rows:
        tr = _add(body, "tr")
        for index, cell in enumerate(row):
            tag = "th" if index == 0 else "td"
            td = _add(tr, tag, scope="row") if tag == "th" else _add(tr, tag)
            if isinstance(cell, etree.Element):
                td.append(cell)
            else:
                td.text = AtomicString(cell)
    return wrapper


def _when(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
