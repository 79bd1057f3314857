"""A SHA-256 over a workbook's sheets that comes out the same for the values we write and for the
values :mod:`readers` reads back from that file, so a receiver can recompute a sender's digest.

Writing and reading change values in known ways, and :func:`canonical` maps both sides to one
text: openpyxl writes numbers (and date serials) with ``%.16g`` and calamine returns floats;
XML turns CR LF and CR into LF; an empty or blank string is read as an empty cell; a datetime
at midnight is read as a date and others to the second; empty cells at a row's end are not read.
Strings are compared as written (:func:`xlsx_safe.written_value`, escaped and cleaned).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

FORMAT = "sheets-v2"  # named in the handover's summary sheet: files without it predate this digest


def canonical(value: object) -> str:
    """One text for a cell value, equal for the value written and the value read back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return repr(float("%.16g" % value))  # noqa: UP031 - exactly openpyxl's number format
    if isinstance(value, dt.datetime):
        whole = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        return whole.date().isoformat() if whole.time() == dt.time() else whole.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "" if not text.strip() else text


def canonical_row(row: Sequence[object]) -> list[str]:
    cells = [canonical(value) for value in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def sheets_digest(sheets: Iterable[tuple[str, Iterable[Sequence[object]]]]) -> str:
    """The hex SHA-256 of ``(title, rows)`` pairs in order; trailing empty rows do not count."""
    digest = hashlib.sha256()
    for title, rows in sheets:
        kept = [canonical_row(row) for row in rows]
        while kept and not kept[-1]:
            kept.pop()
        digest.update(json.dumps([title, kept], ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()
