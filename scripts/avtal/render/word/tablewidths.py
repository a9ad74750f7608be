"""Column widths for the Word tables, from what the columns hold.

python-docx gives every column the same width, so a table of a short id, a long question and a date
breaks the question into a word a line and the id's column stays half empty ("kommune rna"). Here each
column gets a share of the page's width after what it holds: at least its longest word (so that no word
is broken), and beyond that after its average text, so that the long texts get the room. Word reads
the cells' widths (w:tcW), LibreOffice the table grid (w:gridCol): both are set.
"""

from __future__ import annotations

import re
import statistics

from docx.shared import Emu

_WORD_RE = re.compile(r"\S+")
CHAR_EMU = 75_000  # about one character of the table text (10 pt, bold in a header) in EMU
PADDING_EMU = 150_000  # a cell's left and right margins
LONG_TEXT = 60  # beyond this average length a column's share no longer grows
HEADER_WORD = 12  # a column name's word gets room up to this many characters; a longer one may break


def column_weights(texts: list[list[str]], columns: int, header: int = 0) -> tuple[list[float], list[float]]:
    """Per column: the width its longest word needs (in characters), and its share by its texts. The
    first `header` rows (the column names) get room for a word of up to HEADER_WORD characters."""
    needs, shares = [], []
    for c in range(columns):
        cells = [row[c] for row in texts[header:] if c < len(row)] or [row[c] for row in texts if c < len(row)]
        names = [row[c] for row in texts[:header] if c < len(row)]
        longest = max((len(w) for t in cells for w in _WORD_RE.findall(t)), default=1)
        longest = max(longest, min(HEADER_WORD, max((len(w) for t in names for w in _WORD_RE.findall(t)), default=1)))
        average = statistics.fmean(len(t) for t in cells) if cells else 1
        needs.append(float(min(longest, 20)))  # a word longer than 20 characters may break
        shares.append(max(float(min(longest, 20)), min(average, LONG_TEXT)))
    return needs, shares


def widths(texts: list[list[str]], columns: int, usable: int, header: int = 0) -> list[int] | None:
    """Column widths in EMU that add up to `usable`; None when equal columns are as good as any."""
    needs, shares = column_weights(texts, columns, header)
    need_emu = [n * CHAR_EMU + PADDING_EMU for n in needs]
    if sum(need_emu) >= usable:
        # Even the longest words do not fit (the risk register's eight columns on a portrait page): every
        # column breaks its words somewhere, and equal columns read no worse than any other split.
        return None
    rest, total_share = usable - sum(need_emu), sum(shares)
    return [int(n + rest * s / total_share) for n, s in zip(need_emu, shares, strict=True)]


def set_widths(table, word_rows: list, column_widths: list[int] | None) -> None:
    if column_widths is None:
        return
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, column_widths, strict=False):
        grid_col.w = Emu(width)
    for cells in word_rows:
        for cell, width in zip(cells, column_widths, strict=False):
            cell.width = Emu(width)
