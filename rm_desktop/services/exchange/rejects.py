"""Saving an import's rejected rows as a workbook the RM can correct and import again.

The rows keep the file's own header and cells, so the corrected file maps like the original;
a last column 错误原因 (not a known header, so ignored on re-import) says what to fix.
"""

from __future__ import annotations

from pathlib import Path

from rm_desktop.io.rows import REJECTED
from rm_desktop.io.xlsx_look import write_table
from rm_desktop.io.xlsx_safe import book_bytes, new_book
from rm_desktop.storage.atomic import atomic_write_bytes

REASON_HEADER = "错误原因"
_TEXT_FIELDS = ("customer_no", "id_number", "phone")


def save_rejects(preview, path: str | Path) -> int:
    """Write the rejected rows of ``preview`` to ``path``; returns how many were written."""
    rejected = [row.result for row in preview.rows if row.status == REJECTED]
    width = max([len(preview.header)] + [len(r.raw) for r in rejected])
    header = list(preview.header) + [None] * (width - len(preview.header)) + [REASON_HEADER]
    book = new_book()
    sheet = book.create_sheet(preview.sheet[:31] or "Sheet1")
    # Text columns keep what the source held: an ID that arrived as a number is written as
    # that number's text only if it was text; numbers stay numbers so the reason still applies.
    mapped = preview.columns.columns
    text_columns = {mapped[f] for f in _TEXT_FIELDS if f in mapped}
    rows = [list(r.raw) + [None] * (width - len(r.raw)) + ["；".join(r.reasons)] for r in rejected]
    text_columns = {c for c in text_columns if all(not isinstance(row[c], float) for row in rows)}
    write_table(sheet, header, rows, text_columns, {mapped["aum"]} if "aum" in mapped else ())
    atomic_write_bytes(Path(path), book_bytes(book))
    return len(rejected)
