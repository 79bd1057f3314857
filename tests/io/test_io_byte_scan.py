"""The byte scan's bounds are never below what the exact expat scan measures, wherever the
chunks are cut, and anything outside the plain form it understands is handed to the exact scan."""

from __future__ import annotations

import io
import zipfile
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.io import byte_scan, xml_scan
from rm_desktop.io.limits import Totals, column_number

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _exact(part: bytes, lengths: array, scan=xml_scan.SheetScan) -> Totals | array:
    """Run an exact xml_scan class over ``part`` stored in a one-member zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("part.xml", part)
    info = zipfile.ZipFile(buf).getinfo("part.xml")
    if scan is xml_scan.SharedStringsScan:
        found = array("I")
        scan("t.xlsx", found).run(buf, info)
        return found
    totals = Totals()
    scan("t.xlsx", lengths, totals).run(buf, info)
    return totals


def _cut(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts})
    return [data[a:b] for a, b in zip([0] + points, points + [len(data)], strict=False) if b > a]


_text = st.text(alphabet=st.sampled_from(list("张伟长址ab1 <>&\"'.:")), max_size=30)
_cell = st.tuples(
    st.integers(1, 60),
    st.integers(1, 400),
    st.one_of(
        st.tuples(st.just("n"), st.integers(-(10**6), 10**9).map(str)),
        st.tuples(st.just("d"), st.floats(-1e6, 1e6, allow_nan=False).map(repr)),
        st.tuples(st.just("s"), st.integers(0, 12).map(str)),
        st.tuples(st.just("s"), st.integers(0, 12).map(lambda i: f" {i} ")),  # calamine may trim
        st.tuples(st.just("inlineStr"), _text),
        st.tuples(st.just("str"), _text),
        st.tuples(st.just("styled"), st.just("")),
    ),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _sheet(cells: list, quote: str) -> bytes:
    rows: dict[int, list[str]] = {}
    for col, row, (kind, value) in cells:
        ref = f"r={quote}{_column_letters(col)}{row}{quote}"
        if kind == "styled":
            xml = f'<c {ref} s="2"/>'
        elif kind == "inlineStr":
            xml = f'<c {ref} t="inlineStr"><is><t>{_escape(value)}</t></is></c>'
        elif kind == "str":
            xml = f'<c {ref} t="str"><f>A1</f><v>{_escape(value)}</v></c>'
        elif kind == "s":
            xml = f'<c {ref} t="s"><v>{value}</v></c>'
        else:
            xml = f"<c {ref}><v>{value}</v></c>"
        rows.setdefault(row, []).append(xml)
    body = "".join(f'<row r="{r}">{"".join(xml)}</row>' for r, xml in sorted(rows.items()))
    return (f'{DECLARATION}<worksheet {NS}><dimension ref="A1"/><sheetData>{body}</sheetData></worksheet>').encode()


def _shared_strings(texts: list[str]) -> bytes:
    items = "".join(f"<si><t>{_escape(text)}</t></si>" for text in texts)
    return f'{DECLARATION}<sst {NS} count="{len(texts)}">{items}</sst>'.encode()


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(_cell, max_size=300),
    texts=st.lists(_text, min_size=13, max_size=13),
    cuts=st.lists(st.integers(0, 4000), max_size=8),
    quote=st.sampled_from(['"', "'"]),
)
def test_bounds_are_never_below_the_exact_measure(cells, texts, cuts, quote):
    shared = _shared_strings(texts)
    lengths = array("I")
    byte_scan.shared_lengths(_cut(shared, cuts), lengths, "t.xlsx")
    exact_lengths = _exact(shared, array("I"), xml_scan.SharedStringsScan)
    assert len(lengths) == len(exact_lengths) == 13
    assert all(mine >= exact for mine, exact in zip(lengths, exact_lengths, strict=False))

    sheet = _sheet(cells, quote)
    bound = byte_scan.sheet_bound(_cut(sheet, cuts), lengths)
    exact = _exact(sheet, exact_lengths)
    assert bound.cells >= exact.cells
    assert bound.text >= exact.text


@pytest.mark.parametrize("kind", ["str", "inlineStr", "s"])
def test_text_bound_holds_for_many_small_cells(kind):
    """Where markup is tightest (one-character values), the bound still covers every cell."""
    lengths = array("I", [40] * 10)
    value = " 3 " if kind == "s" else "长"
    sheet = _sheet([(c, r, (kind, value)) for c in range(1, 21) for r in range(1, 51)], '"')
    assert byte_scan.sheet_bound([sheet], lengths).text >= _exact(sheet, lengths).text


def test_extent_counts_the_farthest_row_and_column():
    sheet = _sheet([(1, 1, ("n", "1")), (column_number("XFD"), 1048576, ("n", "2"))], '"')
    bound = byte_scan.sheet_bound([sheet], array("I"))
    assert (bound.rows, bound.cols) == (1048576, 16384)


def test_a_string_named_by_many_cells_counts_once_per_cell():
    lengths = array("I", [10_000, 5])
    sheet = _sheet([(1, r, ("s", "0")) for r in range(1, 101)], '"')
    assert byte_scan.sheet_bound([sheet], lengths).text >= 100 * 10_000


@pytest.mark.parametrize(
    "sheet",
    [
        '<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>',  # no reference
        '<worksheet><sheetData><row r="1"><c t="n" r="A1"><v>1</v></c></row></sheetData></worksheet>',
        '<worksheet><sheetData><row r="1"><x:c r="A1"><x:v>1</x:v></x:c></row></sheetData></worksheet>',
        '<worksheet><sheetData><row r="1"><c r="a1"><v>1</v></c></row></sheetData></worksheet>',
        '<worksheet><sheetData><row r="1"><c r="A12345678"><v>1</v></c></row></sheetData></worksheet>',
        '<worksheet><!-- <c r="A1"> --><sheetData/></worksheet>',
        '<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>',
        '<worksheet><sheetData><row r="1"><c r="A1" t="str"><v><![CDATA[<v>]]></v></c></row></sheetData></worksheet>',
        '<worksheet><?pi <c r="A1"> ?><sheetData/></worksheet>',
    ],
)
def test_unusual_forms_are_left_to_the_exact_scan(sheet):
    with pytest.raises(byte_scan.Unusual):
        byte_scan.sheet_bound([DECLARATION.encode() + sheet.encode()], array("I", [3]))


def test_shared_values_with_attributes_and_utf16_are_unusual():
    sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v a="1">0</v></c></row></sheetData></worksheet>'
    with pytest.raises(byte_scan.Unusual):
        byte_scan.sheet_bound([sheet.encode()], array("I", [3]))
    with pytest.raises(byte_scan.Unusual):
        byte_scan.sheet_bound([sheet.encode("utf-16")], array("I"))
    for odd in ('<sst><si a="1"><t>x</t></si></sst>', "<sst><si/></sst>", "<sst><x:si><t>x</t></x:si></sst>"):
        with pytest.raises(byte_scan.Unusual):
            byte_scan.shared_lengths([odd.encode()], array("I"), "t.xlsx")


def test_a_declared_dimension_is_not_the_bound():
    # LibreOffice 6.4 declares A1:AMJ1048576 for any sheet: only the cells present count.
    body = '<row r="2"><c r="C2"><v>1</v></c></row>'
    sheet = f'{DECLARATION}<worksheet><dimension ref="A1:AMJ1048576"/><sheetData>{body}</sheetData></worksheet>'
    assert byte_scan.sheet_bound([sheet.encode()], array("I")).cells == 2 * 3


# Row references of up to 7 digits, some with leading zeros.
_row_refs = st.one_of(
    st.integers(0, 9_999_999).map(str),
    st.builds(lambda row, pad: "0" * pad + str(row), st.integers(0, 99_999), st.integers(1, 2)),
)


@settings(max_examples=200, deadline=None)
@given(
    refs=st.lists(_row_refs, min_size=1, max_size=60),
    cuts=st.lists(st.integers(0, 3000), max_size=8),
    quote=st.sampled_from(['"', "'"]),
)
def test_the_row_bound_is_the_highest_row_in_any_order(refs, cuts, quote):
    # The scan looks for a row above the last cell's instead of listing every row: in any
    # order, with leading zeros (as int() reads them), cut anywhere, it finds the highest.
    cells = "".join(f"<c r={quote}B{ref}{quote}><v>1</v></c>" for ref in refs)
    sheet = f'{DECLARATION}<worksheet {NS}><sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()
    bound = byte_scan.sheet_bound(_cut(sheet, cuts), array("I"))
    assert bound.rows == max(int(ref) for ref in refs)
