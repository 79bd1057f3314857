"""Writing client data to xlsx without creating formulas, and undoing the escape on import.

openpyxl turns any string starting with "=" into a formula and "#N/A"-like strings into error
cells, so every string is written as an explicit text cell (``data_type = "s"``). That alone
keeps our own file inert, but a user may re-save it as CSV in Excel/WPS, where a leading
``= + - @`` (or tab/CR, or their full-width forms, which Chinese Excel accepts in formulas)
becomes live again (CSV injection). Following OWASP, such strings get a leading apostrophe.

The escape is reversible: :func:`unescape_text` (used by the importer) removes exactly that one
apostrophe, so export → import returns every string unchanged. Strings that already start with
apostrophes before a trigger get one more, and plain signed numbers ("-5", "+85291234567")
are left alone because they cannot hold a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ESCAPE = "'"
_PLAIN_NUMBER = re.compile(r"[+\-]?\d[\d ]*(\.\d+)?")


def _needs_escape(text: str) -> bool:
    core = text.lstrip(ESCAPE)
    return core.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(core)


def escape_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet could read it as a formula."""
    return ESCAPE + text if _needs_escape(text) else text


def unescape_text(text: str) -> str:
    """Inverse of :func:`escape_text` (for any string: ``unescape_text(escape_text(s)) == s``)."""
    if text.startswith(ESCAPE) and _needs_escape(text[1:]):
        return text[1:]
    return text


def safe_cell_value(value: object) -> object:
    """The value to write: strings escaped and stripped of the control characters XML 1.0
    cannot hold (openpyxl would refuse the whole file); other values unchanged."""
    if isinstance(value, str):
        return _safe_text(value)
    return value


def _safe_text(value: str) -> str:
    return escape_text(ILLEGAL_CHARACTERS_RE.sub("", value))


def _text_cell(ws: WriteOnlyWorksheet, safe: str) -> Cell:
    cell = WriteOnlyCell(ws, value=safe)
    cell.data_type = "s"  # after assignment: openpyxl guessed 'f' or 'e' from the text
    return cell


def write_rows(
    ws: WriteOnlyWorksheet,
    rows: Iterable[Sequence[object]],
    text_columns: Collection[int] = (),
) -> None:
    """Append ``rows`` to a write-only sheet. Strings become text cells; values in
    ``text_columns`` (0-based: IDs, phones, customer numbers) are written as text even when
    given as numbers, so Excel never shows 1.1E+17 or drops a leading zero.

    An escaped string is appended as it is: openpyxl types a plain string as text unless it
    starts with "=" (never, once escaped) or is an error code like "#N/A", and only those get
    a cell object (one per string costs about half the export's time)."""
    for row in rows:
        cells: list[object] = []
        for col, value in enumerate(row):
            if value is not None and (isinstance(value, str) or col in text_columns):
                safe = _safe_text(_as_text(value))
                cells.append(_text_cell(ws, safe) if safe in ERROR_CODES else safe)
            else:
                cells.append(safe_cell_value(value))
        ws.append(cells)


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13800138000.0 → "13800138000"
    return str(value)


def new_book() -> Workbook:
    """A write-only workbook (rows stream out; nothing is read back)."""
    return Workbook(write_only=True)


def book_bytes(book: Workbook) -> bytes:
    """The finished workbook as bytes, built in memory (so it can be encrypted before any disk write)."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
