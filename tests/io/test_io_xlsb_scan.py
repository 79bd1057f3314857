"""xlsb sheets are walked record by record before calamine reads them. No Python library writes
xlsb, so the workbooks here are built from their records (calamine reads them back)."""

from __future__ import annotations

import io
import struct
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import UserError
from rm_desktop.io import limits, xlsb_scan
from rm_desktop.io.readers import read_workbook_bytes
from tests.memory_cap import read_within_one_gigabyte

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def record(kind: int, body: bytes = b"") -> bytes:
    head = bytearray([kind] if kind < 128 else [(kind & 0x7F) | 0x80, kind >> 7])
    size = len(body)
    while True:
        head.append((size & 0x7F) | (0x80 if size >> 7 else 0))
        size >>= 7
        if not size:
            return bytes(head) + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def make_xlsb(cells, strings=(), blanks=(), extra=None) -> bytes:
    """cells: (row, col, value) with float values or ("s", index) shared-string cells."""
    book = (
        record(131)
        + record(143)
        + record(156, struct.pack("<II", 0, 1) + _wide("rId1") + _wide("客户"))
        + record(144)
        + record(132)
    )
    sheet = bytearray(record(129) + record(148, struct.pack("<IIII", 0, 0, 0, 0)) + record(145))  # begin, dimension
    rows: dict[int, list] = {}
    for row, col, value in cells:
        rows.setdefault(row, []).append((col, value))
    for row, col in blanks:
        rows.setdefault(row, []).append((col, None))
    for row in sorted(rows):
        sheet += record(0, struct.pack("<IIHBBBI", row, 0, 0, 0, 0, 0, 0))
        for col, value in sorted(rows[row], key=lambda item: item[0]):
            if value is None:
                sheet += record(1, struct.pack("<II", col, 0))
            elif isinstance(value, tuple):
                sheet += record(7, struct.pack("<III", col, 0, value[1]))
            else:
                sheet += record(5, struct.pack("<IId", col, 0, value))
    sheet += record(146) + record(130)
    sst = (
        record(159, struct.pack("<II", len(strings), len(strings)))
        + b"".join(record(19, b"\x00" + _wide(text)) for text in strings)
        + record(160)
    )
    rels = (
        f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC}/worksheet" '
        f'Target="worksheets/sheet1.bin"/><Relationship Id="rId2" Type="{_DOC}/sharedStrings" '
        f'Target="sharedStrings.bin"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        )
        zf.writestr("xl/workbook.bin", book)
        zf.writestr("xl/_rels/workbook.bin.rels", rels)
        zf.writestr("xl/worksheets/sheet1.bin", bytes(sheet))
        zf.writestr("xl/sharedStrings.bin", sst)
        for part, data in (extra or {}).items():
            zf.writestr(part, data)
    return out.getvalue()


FAR = [(0, 0, 1.0), (1_000_000, 16_000, 2.0)]


def test_a_normal_xlsb_passes_and_reads():
    data = make_xlsb(
        [(0, 0, ("s", 0)), (0, 1, 2.5), (1, 0, ("s", 1)), (1, 1, 3.0)],
        ["姓名", "张三"],
        extra={"xl/printerSettings/printerSettings1.bin": bytes(range(256)) * 8},
    )
    book = read_workbook_bytes(data, "ok.xlsb")
    assert book.format == "xlsb" and book.sheets[0].rows == [["姓名", 2.5], ["张三", 3.0]]


def test_far_apart_cells_are_refused_but_far_blank_cells_do_not_count():
    with pytest.raises(UserError, match="far.xlsb.*表格过大"):
        read_workbook_bytes(make_xlsb(FAR), "far.xlsb")
    book = read_workbook_bytes(make_xlsb([(0, 0, 1.0)], blanks=[(1_000_000, 16_000)]), "blank.xlsb")
    assert book.sheets[0].rows == [[1.0]]


def test_one_long_shared_string_in_many_cells(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 4 * limits.MiB)
    read_workbook_bytes(make_xlsb([(r, 0, ("s", 0)) for r in range(50)], ["长" * 20_000]), "fine.xlsb")
    with pytest.raises(UserError, match="sst.xlsb.*文字总量过大"):
        read_workbook_bytes(make_xlsb([(r, 0, ("s", 0)) for r in range(100)], ["长" * 20_000]), "sst.xlsb")


def test_a_cut_record_is_refused():
    good = record(5, b"\x00" * 16)
    with pytest.raises(UserError, match="cut.xlsb.*无法识别"):
        list(xlsb_scan._records([good + good[:-3]], "cut.xlsb"))


_records = st.lists(st.tuples(st.integers(0, 16383), st.binary(max_size=300)), max_size=20)


@settings(max_examples=100, deadline=None)
@given(records=_records, cuts=st.lists(st.integers(0, 7000), max_size=6))
def test_records_come_back_whatever_the_chunk_cuts(records, cuts):
    data = b"".join(record(kind, body) for kind, body in records)
    points = sorted({min(c, len(data)) for c in cuts})
    chunks = [data[a:b] for a, b in zip([0] + points, points + [len(data)], strict=False)]
    assert [(kind, bytes(body)) for kind, body in xlsb_scan._records(chunks, "p.xlsb")] == records


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is the Linux way to cap memory")
def test_far_cells_xlsb_is_refused_within_one_gigabyte(tmp_path):
    """Unchecked, calamine aborts the whole process on this file (SIGABRT under 1 GB)."""
    (tmp_path / "far.xlsb").write_bytes(make_xlsb(FAR))
    assert read_within_one_gigabyte(tmp_path / "far.xlsb") == ["refused"]
