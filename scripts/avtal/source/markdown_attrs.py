"""Attribute lists (`{: #id .klass}`) read as the renderer reads them.

Python-Markdown's attr_list turns a `{…}` into attributes of an element in three places: at the
end of a heading, a table cell or a definition term (after a space), as the last line of a
block, and right after an inline element (`*text*{…}`). What it finds there it reads with its
own scanner: `.klass` is a class, `#id` the id, `namn=värde` an attribute, and a bare word an
attribute without a value. The check reads the same places with the same scanner, so that an
attribute the site and the Word file would get is one the check has seen: a bare word in
`{{}` or `{.a onclick}` is an attribute, not text, even though it has no `=`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder

# attr_list's own pattern: from `{` to the last `}` on the line.
_ATTR_LIST_RE = re.compile(AttrListTreeprocessor.BASE_RE)
# What ends an inline element whose tail attr_list reads: emphasis, code, a link or an image.
_INLINE_ENDS = "*_`)]>"
_ENDS_CELL_OR_LINE = re.compile(r"[ \t]*(?:\||$)")


def attribute_lists(text: str, raw: str | None = None) -> Iterator[tuple[int, str]]:
    """Each `{…}` of a line that attr_list would read as attributes: (column from 0, the list).

    `text` is the line with its code spans blanked, `raw` the line as written (the same columns): a
    list right after a code span follows the span's closing backtick, which only `raw` still shows.
    A table row is read cell by cell, as the renderer gives attr_list each cell on its own.
    """
    raw = text if raw is None or len(raw) != len(text) else raw
    offset = 0
    for segment in text.split("|"):
        before = raw[offset: offset + len(segment)]
        yield from ((offset + start, found) for start, found in _in_segment(segment, before))
        offset += len(segment) + 1


def _in_segment(segment: str, raw: str) -> Iterator[tuple[int, str]]:
    # Linear in the segment: every list attr_list can see ends at the segment's last "}", so a "{"
    # either starts one there (and the first that does is the one) or starts none.
    last = segment.rfind("}")
    if last == -1:
        return
    ends_line = _ENDS_CELL_OR_LINE.match(segment, last + 1) is not None
    start = segment.find("{")
    while start != -1 and start < last:
        if ends_line or (start > 0 and raw[start - 1] in _INLINE_ENDS):
            match = _ATTR_LIST_RE.match(segment, start)  # fails at once unless it reaches the last "}"
            if match:
                yield start, match.group(0)
                return
        start = segment.find("{", start + 1)


@lru_cache(maxsize=4096)  # the same lists recur ({#id} after headings); attr_list's scanner is slow
def only_ids_and_classes(attribute_list: str) -> bool:
    """True when the list gives nothing but `#id` and `.klass`, read by attr_list's scanner."""
    inner = _ATTR_LIST_RE.fullmatch(attribute_list).group(1)
    if "=" in inner:
        return False
    attributes, _ = get_attrs_and_remainder(inner)
    return all(key in (".", "id") for key, _ in attributes)
