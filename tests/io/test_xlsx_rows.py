"""Rows rendered straight to XML (io/xlsx_rows) give the very bytes openpyxl's own cells give:
every member of the package but its creation time, for any mix of the values exports hold, and
for a whole archive export; and the rendered path is the one taken."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rm_desktop.io import xlsx_rows
from rm_desktop.io.xlsx_look import write_table
from rm_desktop.io.xlsx_safe import book_bytes, new_book


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist() if name != "docProps/core.xml"}  # core: the save time


def _book(tables) -> bytes:
    book = new_book()
    for n, (header, rows, text, money) in enumerate(tables):
        write_table(book.create_sheet(f"s{n}"), header, rows, text, money)
    return book_bytes(book)


@pytest.fixture
def openpyxl_only(monkeypatch):
    """Every row through openpyxl's cells, as before io/xlsx_rows."""

    def use_openpyxl():
        monkeypatch.setattr(xlsx_rows.RowRenderer, "render", lambda self, number, values: None)

    return use_openpyxl


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", " ", " a", "a ", "#N/A", "=1+2", "-5", "a&b<c>d", "行\n二", "x" * 32800]
)
_VALUE = st.one_of(
    st.none(),
    _TEXT,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.dates(min_value=dt.date(1899, 12, 31)),
    st.datetimes(min_value=dt.datetime(1899, 12, 31)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_VALUE, min_size=0, max_size=8), min_size=1, max_size=6), st.data())
def test_rendered_rows_are_openpyxl_bytes(openpyxl_only, rows, data):
    width = max(map(len, rows))
    header = [f"列{i}" if i % 3 else None for i in range(width)]
    text = set(data.draw(st.sets(st.integers(0, max(width - 1, 0)), max_size=3)))
    money = set(data.draw(st.sets(st.integers(0, max(width - 1, 0)), max_size=3)))
    tables = [(header, rows, text, money), (header, list(reversed(rows)), (), money)]
    rendered = _book(tables)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx_rows.RowRenderer, "render", lambda self, number, values: None)
        assert _members(rendered) == _members(_book(tables))


def test_an_archive_export_is_the_same_file_and_rendered(vault, tmp_path, monkeypatch, openpyxl_only):
    from rm_desktop.services.clients import demo
    from rm_desktop.services.exchange.exporting import export_archive

    demo.fill(vault, 120, seed=4)
    rendered_rows = []
    render = xlsx_rows.RowRenderer.render

    def counting(self, number, values):
        xml = render(self, number, values)
        rendered_rows.append(xml is not None)
        return xml

    monkeypatch.setattr(xlsx_rows.RowRenderer, "render", counting)
    export_archive(vault, tmp_path / "rendered.xlsx")
    assert sum(rendered_rows) >= 120 and all(rendered_rows)  # every row of the book took the fast path
    openpyxl_only()
    export_archive(vault, tmp_path / "openpyxl.xlsx")
    fast, slow = (
        _members((tmp_path / "rendered.xlsx").read_bytes()),
        _members((tmp_path / "openpyxl.xlsx").read_bytes()),
    )
    assert fast.keys() == slow.keys()
    for name in fast:
        if name == "docProps/custom.xml":  # the watermark names each export's own register id
            continue
        assert fast[name] == slow[name], name


def test_rendered_money_and_dates_keep_their_styles():
    data = _book(
        [(["金额", "日期"], [[Decimal("1234.5"), dt.date(2026, 1, 2)], [7, dt.datetime(2026, 1, 2, 9)]], (), {0})]
    )
    sheet = _members(data)["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="A2" s="2" t="n"><v>1234.5</v></c><c r="B2" s="3" t="n"><v>46024</v></c>' in sheet
    assert '<c r="A3" s="2" t="n"><v>7</v></c>' in sheet
