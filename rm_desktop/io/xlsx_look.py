"""Exported sheets that read well when opened: each column as wide as its content, the header
bold and frozen (it stays in view while scrolling), money formatted (io/xlsx_safe writes the
cells, formula-safe), dates as dates.

Widths, the frozen header and the header's font are part of the sheet's top (<sheetViews>,
<cols>), which a write-only sheet writes at its first row: write_table sets them first. Dates
need nothing here: openpyxl gives every date cell a date format (yyyy-mm-dd, and yyyy-mm-dd
h:mm:ss for a time), so they open as dates, not numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import Decimal
from functools import partial
from itertools import zip_longest
from typing import Any

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from rm_desktop.io.xlsx_safe import text_cell, write_rows

MIN_WIDTH, MAX_WIDTH = 8, 60  # Excel's width unit is about one Latin character
_BOLD = Font(bold=True)
# GB18030 spends two bytes on a CJK character or full-width mark and one on ASCII: its length is
# the text's display width, counted in C (a Python loop per character would cost more than the
# write itself at 100k rows).
_gb_bytes = partial(str.encode, encoding="gb18030", errors="replace")


def _widest(values: Sequence[Any], money: bool) -> int:
    """Display width of the widest value. A column of one kind (the usual case) is measured
    with C-level map/max; only a mixed column is sorted out value by value."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds <= {str}:
        return max(map(len, map(_gb_bytes, filter(None, values))), default=0)
    if kinds <= {int, float, Decimal}:
        biggest = max(map(abs, filter(None, values)), default=0)
        return len(f"{biggest:,.2f}") + 1 if money else len(str(biggest)) + 1  # room for a minus
    if kinds <= {dt.date}:
        return 10  # yyyy-mm-dd
    if kinds <= {dt.datetime, dt.date}:
        return 19  # yyyy-mm-dd h:mm:ss
    if len(kinds) > 1:
        return max(_widest([v for v in values if type(v) is kind], money) for kind in kinds)
    return max((len(str(v)) for v in values if v is not None), default=0)  # a bool, a time


def column_widths(
    header: Sequence[object], rows: Sequence[Sequence[object]], money_columns: Collection[int] = ()
) -> list[float]:
    """Per column, the width of its widest cell as written (CJK counts double), bounded to
    MIN_WIDTH..MAX_WIDTH so one long note does not push the other columns off screen."""
    columns = zip_longest(header, *rows)
    return [
        float(min(MAX_WIDTH, max(MIN_WIDTH, _widest(values, col in money_columns) + 2)))
        for col, values in enumerate(columns)
    ]


def write_table(
    ws: WriteOnlyWorksheet,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    text_columns: Collection[int] = (),
    money_columns: Collection[int] = (),
    written: list[list[object]] | None = None,
) -> None:
    """Write a header and ``rows`` to a new write-only sheet that reads well when opened: each
    column as wide as its content, the header bold and frozen (it stays in view while
    scrolling), money with thousands separators and two decimals, dates as dates.
    ``written``: the rows' values as written are appended to it (xlsx_safe.write_rows)."""
    if ws._writer is not None:  # type: ignore[attr-defined]
        raise ValueError("write_table needs a sheet with no rows yet")
    for col, width in enumerate(column_widths(header, rows, money_columns), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width  # type: ignore[attr-defined]  # stubs omit it
    ws.freeze_panes = "A2"
    header_cells: list[object] = []
    for value in header:
        if value is None:
            header_cells.append(None)
            continue
        cell = text_cell(ws, str(value))
        cell.font = _BOLD
        header_cells.append(cell)
    ws.append(header_cells)
    write_rows(ws, rows, text_columns, money_columns, written)
