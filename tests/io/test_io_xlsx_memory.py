"""Workbooks from xlsx_safe.new_book() write their sheets in memory (deflated), never to a temp
file, and save as the same xlsx openpyxl would write."""

from __future__ import annotations

import io
import os
import tempfile

from openpyxl import load_workbook

from rm_desktop.io import xlsx_safe
from rm_desktop.io.xlsx_safe import book_bytes, new_book, write_rows


def test_sheets_round_trip_and_no_temp_file_is_made(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    book = new_book()
    first = book.create_sheet("客户")
    rows = [[f"客户{n}", f"1380013{n:04d}", n, os.urandom(24).hex()] for n in range(3000)]
    write_rows(first, [["姓名", "手机", "序号", "备注"]])
    write_rows(first, rows, text_columns=(1,))
    assert list(tmp_path.iterdir()) == []  # openpyxl would have an openpyxl.* file here by now
    book.create_sheet("空")  # a sheet with no rows
    data = book_bytes(book)
    assert list(tmp_path.iterdir()) == []
    saved = load_workbook(io.BytesIO(data))
    assert saved.sheetnames == ["客户", "空"]
    values = list(saved["客户"].values)
    assert values[0] == ("姓名", "手机", "序号", "备注")
    assert [list(v) for v in values[1:]] == rows
    assert list(saved["空"].values) == []


def test_deflated_xml_gives_back_what_was_written_whatever_the_chunk():
    xml = xlsx_safe._DeflatedXml()
    parts = [os.urandom(n) for n in (0, 1, 1000, 70_000)] + ["文字".encode() * 5000]
    for part in parts:
        assert xml.write(part) == len(part)
    assert xml.size == sum(map(len, parts))
    for chunk in (7, 4096, 1 << 20):
        out = io.BytesIO()
        xml.copy_into(out, chunk=chunk)
        assert out.getvalue() == b"".join(parts)
