"""A sheet row rendered straight to its XML: the bytes openpyxl writes, without its per-cell objects.

openpyxl's write-only sheets build a cell object and an ElementTree element for every cell and
serialise each in Python (et_xmlfile): profiled, ~75 % of an archive export of 30k clients. The
cells an export writes are few kinds (text, numbers, booleans, dates, datetimes, empty), each a
short fixed piece of XML, so :class:`RowRenderer` renders a whole row as one string in exactly the
form openpyxl 3.1 gives it: attributes in its order, inline strings, ``xml:space="preserve"``
where openpyxl puts it, text cut at 32,767 characters as it cuts it, numbers through its own
``safe_string`` and dates through its ``to_excel``, and style ids (money, date, datetime formats)
registered in the workbook when first met, so in the same order and with the same ids.
Any other value (a subclass, a timezone, NaN, a rich text) makes the row None: the caller hands
that row to openpyxl. tests/io/test_xlsx_rows.py holds the two paths byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from math import isfinite
from typing import Any, cast

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_TEXT = 32767  # openpyxl's Cell.check_string cuts longer text to this


def _escape(text: str) -> str:
    """As ElementTree's _escape_cdata, which et_xmlfile uses for element text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class RowRenderer:
    """Renders rows of one write-only sheet; ``money`` maps a column (0-based) to the formatted
    cell whose style its numbers carry (io/xlsx_safe.write_rows)."""

    def __init__(self, ws: WriteOnlyWorksheet, money: Mapping[int, Cell]):
        self._ws = ws
        self._money = money
        self._letters: list[str] = []
        self._styles: dict[object, str] = {}  # a money column or a date type -> its s="..." id
        book = ws.parent
        assert book is not None  # a sheet of a workbook
        self._epoch = book.epoch
        self._dates = not book.iso_dates  # ISO dates are text cells: openpyxl's own path

    def _style(self, key: object) -> str:
        found = self._styles.get(key)
        if found is None:
            if isinstance(key, int):
                cell = self._money[key]
            else:  # a date type: a cell given a value of it gets openpyxl's format for the type
                sample: Any = dt.date(2000, 1, 1) if key is dt.date else dt.datetime(2000, 1, 1)  # stubs: no date
                cell = WriteOnlyCell(self._ws, value=sample)
            found = self._styles[key] = str(cell.style_id)  # registers the style, as writing the cell does
        return found

    def render(self, row_number: int, values: Sequence[object]) -> str | None:
        """Row ``row_number`` (1-based) holding ``values`` as written (escaped, cleaned), or None
        when a value is not one of the kinds rendered here."""
        letters = self._letters
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        number = str(row_number)
        parts = [f'<row r="{number}">']
        append = parts.append
        for col, value in enumerate(values):
            if value is None:
                continue
            ref = letters[col] + number
            kind = value.__class__
            if kind is str:
                text = cast(str, value)[:MAX_TEXT]
                if not text:
                    append(f'<c r="{ref}" t="inlineStr" />')
                    continue
                stripped = text.strip()
                space = ' xml:space="preserve"' if stripped and stripped != text else ""
                append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>')
            elif kind is int or kind is float or kind is Decimal:
                if not isfinite(value):  # type: ignore[arg-type]  # int, float or Decimal here
                    return None
                style = f' s="{self._style(col)}"' if col in self._money else ""
                append(f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>')
            elif kind is bool:
                append(f'<c r="{ref}" t="b"><v>{safe_string(value)}</v></c>')
            elif self._dates and (kind is dt.date or (kind is dt.datetime and value.tzinfo is None)):  # type: ignore[attr-defined]
                serial = safe_string(to_excel(value, self._epoch))
                append(f'<c r="{ref}" s="{self._style(kind)}" t="n"><v>{serial}</v></c>')
            else:
                return None
        append("</row>")
        return "".join(parts)
