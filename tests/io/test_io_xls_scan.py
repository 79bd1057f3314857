"""Legacy .xls files are measured record by record before calamine opens them (it reads every
sheet at once): far-apart cells and a shared string cloned into many cells are refused."""

from __future__ import annotations

import io
import struct
import sys

import olefile
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import UserError
from rm_desktop.io import limits, xls_scan
from rm_desktop.io.readers import read_workbook_bytes
from tests.memory_cap import read_within_one_gigabyte

RK = 0x027E


def make_xls(cells: list[tuple[int, int, object]]) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户")
    for row, col, value in cells:
        sheet.write(row, col, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _records(data: bytes):
    book = olefile.OleFileIO(data).openstream("Workbook").read()
    pos = 0
    while pos + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, pos)
        yield kind, book[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _move_cell(data: bytes, row: int, col: int, to: tuple[int, int]) -> bytes:
    """``data`` with the number cell at (row, col) moved to ``to`` (the record patched in place)."""
    record = next(body for kind, body in _records(data) if kind == RK and struct.unpack_from("<HH", body) == (row, col))
    at = data.find(struct.pack("<HH", RK, len(record)) + record)
    patched = bytearray(data)
    struct.pack_into("<HH", patched, at + 4, *to)
    return bytes(patched)


def test_a_normal_xls_passes_and_reads():
    data = make_xls([(0, 0, "姓名"), (0, 1, "资产"), (1, 0, "张三"), (1, 1, 12.5)])
    xls_scan.check_xls(data, "ok.xls")
    assert read_workbook_bytes(data, "ok.xls").sheets[0].rows == [["姓名", "资产"], ["张三", 12.5]]


def test_far_apart_cells_are_refused_before_calamine():
    data = _move_cell(make_xls([(0, 0, 1.5), (3, 2, 2.5)]), 3, 2, (60000, 60000))
    with pytest.raises(UserError, match="far.xls.*表格过大"):
        read_workbook_bytes(data, "far.xls")


def test_one_long_shared_string_in_many_cells(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 4 * limits.MiB)
    long = "长" * 20_000
    xls_scan.check_xls(make_xls([(r, 0, long) for r in range(50)]), "fine.xls")
    with pytest.raises(UserError, match="sst.xls.*文字总量过大"):
        xls_scan.check_xls(make_xls([(r, 0, long) for r in range(100)]), "sst.xls")


def test_a_truncated_workbook_stream_is_damaged():
    data = make_xls([(0, 0, "x" * 100)])
    book = olefile.OleFileIO(data).openstream("Workbook").read()
    with pytest.raises(UserError, match="cut.xls.*损坏"):
        xls_scan._walk(book[:-3] + b"\x00\x02\xff\xff", "cut.xls")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("ab1 张伟長é")), min_size=1, max_size=9000),
        min_size=1,
        max_size=6,
        unique=True,
    )
)
def test_shared_string_lengths_survive_continue_records(texts):
    """Long strings are split over CONTINUE records (with a fresh flags byte inside the
    characters); every length still comes out exactly."""
    data = make_xls([(i, 0, text) for i, text in enumerate(texts)])
    parts, collecting = [], False
    for kind, body in _records(data):
        if kind == 0x00FC:
            parts, collecting = [body], True
        elif collecting and kind == 0x003C:
            parts.append(body)
        elif collecting:
            break
    assert sorted(xls_scan._sst_lengths(parts, "t.xls")) == sorted(3 * len(t) for t in texts)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is the Linux way to cap memory")
def test_far_cells_xls_is_refused_within_one_gigabyte(tmp_path):
    """Unchecked, calamine aborts the whole process on this file (SIGABRT under 1 GB)."""
    (tmp_path / "far.xls").write_bytes(_move_cell(make_xls([(0, 0, 1.5), (3, 2, 2.5)]), 3, 2, (60000, 60000)))
    assert read_within_one_gigabyte(tmp_path / "far.xls") == ["refused"]


def test_continue_may_switch_the_character_width_and_split_runs():
    """As Excel writes it: a UTF-16 string whose rest continues as one-byte characters, then a
    rich string (2 runs) whose run list is cut by the next CONTINUE, then a plain one."""
    header = struct.pack("<II", 3, 3)
    first = struct.pack("<HB", 5, 0x01) + "张三李".encode("utf-16-le")  # 3 of 5 characters
    rest = b"\x00" + b"ab"  # fresh flags byte: the last 2 characters are one byte each
    rich = struct.pack("<HBH", 2, 0x08, 2) + b"xy" + b"\x00" * 5  # 5 of the 8 run bytes
    tail = b"\x00" * 3 + struct.pack("<HB", 1, 0x00) + b"z"
    parts = [header + first, rest + rich, tail]
    assert xls_scan._sst_lengths(parts, "t.xls") == [15, 6, 3]
