"""The byte scan's column bound on sheets up to column Z (found by a substring search per
letter, not a list of every cell's letters) is the sheet's last column exactly, wherever the
chunks are cut, whatever the cells' order and quotes; wider sheets keep the general path."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.io import byte_scan

_cells = st.lists(
    st.tuples(st.integers(1, 26), st.integers(1, 5000), st.sampled_from(['"', "'"])), min_size=1, max_size=60
)


def _sheet(cells: list[tuple[int, int, str]]) -> bytes:
    body = "".join(f"<c r={q}{chr(64 + col)}{row}{q}><v>1</v></c>" for col, row, q in cells)
    return f"<worksheet><sheetData><row>{body}</row></sheetData></worksheet>".encode()


def _cut(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts})
    return [data[a:b] for a, b in zip([0] + points, points + [len(data)], strict=False) if b > a]


@settings(max_examples=300, deadline=None)
@given(_cells, st.lists(st.integers(0, 3000), max_size=8))
def test_single_letter_sheets_bound_to_their_last_column(cells, cuts):
    data = _sheet(cells)
    bound = byte_scan.sheet_bound(_cut(data, cuts), array("I"))
    assert bound.cols == max(col for col, _, _ in cells)
    assert bound.rows == max(row for _, row, _ in cells)


@settings(max_examples=100, deadline=None)
@given(_cells, st.integers(27, 16384), st.lists(st.integers(0, 3000), max_size=8))
def test_a_wider_column_anywhere_is_still_found(cells, wide, cuts):
    letters = ""
    number = wide
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    data = _sheet(cells).replace(b"<row>", f'<row><c r="{letters}7"><v>1</v></c>'.encode(), 1)
    assert byte_scan.sheet_bound(_cut(data, cuts), array("I")).cols == wide
