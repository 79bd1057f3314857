"""io/sheet_digest: the digest of sheets as written equals the digest of what the reader gets back
from that file (the handover receipt a receiver recomputes), and any changed cell changes it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.io.readers import read_workbook_bytes
from rm_desktop.io.sheet_digest import canonical, sheets_digest
from rm_desktop.io.xlsx_safe import book_bytes, new_book, write_rows, written_value

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["=1+2", "-5", "+86 138", "'=x", "a\r\nb", "a\rb", "  ", " lead", "trail ", "#N/A", "0013800", "\x07bell"]
)
_VALUE = st.one_of(
    st.none(),
    _TEXT,
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**13), max_value=10**13),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 30)),
    st.booleans(),
)


def _round_trip(sheets):
    """Write ``(title, rows, text_columns)`` sheets; the written digest and the read-back one."""
    book = new_book()
    for title, rows, text in sheets:
        write_rows(book.create_sheet(title), rows, text)
    read = read_workbook_bytes(book_bytes(book), "t.xlsx")
    written = sheets_digest(
        (title, [[written_value(v, i in text) for i, v in enumerate(row)] for row in rows])
        for title, rows, text in sheets
    )
    return written, sheets_digest((s.name, s.rows) for s in read.sheets)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.lists(_VALUE, min_size=1, max_size=6), min_size=1, max_size=6),
            st.sets(st.integers(0, 5), max_size=3),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_the_digest_of_written_values_is_the_digest_read_back(sheets):
    titled = [(f"表{i}", rows, text) for i, (rows, text) in enumerate(sheets)]
    written, read = _round_trip(titled)
    assert written == read


def test_any_changed_cell_changes_the_digest():
    rows = [["客户编号", "姓名", "金融资产"], ["C1", "张三", Decimal("1200000.00")], ["C2", "李四", None]]
    base = sheets_digest([("客户", rows)])
    assert sheets_digest([("客户", [rows[0], ["C1", "张三", Decimal("1200000.01")], rows[2]])]) != base
    assert sheets_digest([("客户", [rows[0], rows[1]])]) != base  # a row dropped
    assert sheets_digest([("客户", rows), ("持仓", [])]) != base  # a sheet added
    assert sheets_digest([("客户", [*rows, [None, None]])]) == base  # an empty row at the end reads as none


def test_values_that_read_back_differently_share_one_text():
    assert canonical(5) == canonical(5.0) == canonical(Decimal("5.00"))
    assert canonical(dt.datetime(2024, 3, 1)) == canonical(dt.date(2024, 3, 1))
    assert canonical(dt.datetime(2024, 3, 1, 10, 0, 5, 999_999)) == canonical(dt.datetime(2024, 3, 1, 10, 0, 6))
    assert canonical("a\r\nb") == canonical("a\nb") and canonical("  ") == canonical(None) == ""
