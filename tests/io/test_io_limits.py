"""Hostile and oversized files are refused before calamine allocates anything.

Each attack is built from a small openpyxl workbook whose zip members are rewritten by hand.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile

import openpyxl
import pytest
import python_calamine

from rm_desktop.domain.errors import UserError
from rm_desktop.io import limits, zip_scan
from rm_desktop.io.readers import read_workbook, read_workbook_bytes
from tests.memory_cap import read_within_one_gigabyte

SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def small_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "手机"])
    wb.active.append(["张三", 13800138000])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rebuild(replace: dict[str, bytes | str], add: dict[str, bytes | str] | None = None) -> bytes:
    """small_xlsx() with members replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(small_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            zf.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, data in (add or {}).items():
            zf.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows: str, dimension: str = "A1:B2", prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return f'{prolog}<worksheet {NS}><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'


def test_a_normal_workbook_passes():
    book = read_workbook_bytes(small_xlsx(), "ok.xlsx")
    assert book.sheets[0].rows == [["姓名", "手机"], ["张三", 13800138000.0]]


def test_file_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(small_xlsx())
    with pytest.raises(UserError, match="big.xlsx.*文件过大"):
        read_workbook(path)


def test_member_count_and_unpacked_size_caps(monkeypatch):
    data = small_xlsx()
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBERS", 3)
    with pytest.raises(UserError, match="条目过多"):
        read_workbook_bytes(data, "many.xlsx")
    monkeypatch.undo()
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 2000)
    with pytest.raises(UserError, match="many.xlsx.*解压后过大"):
        read_workbook_bytes(data, "many.xlsx")


def test_compression_ratio_bomb():
    data = rebuild({}, add={"xl/media/image1.bin": b"\0" * (4 * limits.RATIO_MIN_BYTES)})
    with pytest.raises(UserError, match="bomb.xlsx.*压缩炸弹"):
        read_workbook_bytes(data, "bomb.xlsx")


def _patch_declared_size(data: bytes, member: str, size: int) -> bytes:
    """Make the zip directory under-declare ``member``'s unpacked size (local and central)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    buf = bytearray(data)
    struct.pack_into("<I", buf, info.header_offset + 22, size)
    encoded = member.encode()
    central = buf.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", buf, central + 28)[0]
        if bytes(buf[central + 46 : central + 46 + name_len]) == encoded:
            struct.pack_into("<I", buf, central + 24, size)
            break
        central = buf.find(b"PK\x01\x02", central + 4)
    return bytes(buf)


def test_member_inflating_past_its_declared_size_is_refused():
    padded = sheet_xml("<row r='1'><c r='A1'><v>1</v></c></row>" + " " * 50_000)
    data = _patch_declared_size(rebuild({SHEET: padded}), SHEET, 2000)
    with pytest.raises(UserError, match="liar.xlsx.*压缩炸弹"):
        read_workbook_bytes(data, "liar.xlsx")


def _four_by_three(prolog: str = "") -> str:
    rows = "".join(
        f"<row r='{r}'>" + "".join(f"<c r='{col}{r}'><v>{r}</v></c>" for col in "ABC") + "</row>" for r in range(1, 5)
    )
    return sheet_xml(prolog + rows, "A1:AMJ1048576")  # as LibreOffice 6.4 declares a 4×3 sheet


@pytest.mark.parametrize("prolog", ["", "<!-- an unusual form: measured exactly by expat -->"])
def test_a_huge_declared_dimension_over_few_cells_is_read(prolog, tmp_path):
    # The declaration says 1 073 741 824 cells; the limit is on the cells present, and calamine
    # reads the file in a process capped at 1 GB.
    path = tmp_path / "lo64.xlsx"
    path.write_bytes(rebuild({SHEET: _four_by_three(prolog)}))
    assert read_within_one_gigabyte(path) == ["read"]
    rows = [list(row) for row in read_workbook(path).sheets[0].rows]
    assert rows == [[float(r)] * 3 for r in range(1, 5)]


def test_far_apart_cells_behind_a_lying_dimension():
    # calamine would allocate A1..XFD1048576 densely (~550 GB) and abort the process.
    rows = "<row r='1'><c r='A1'><v>1</v></c></row><row r='1048576'><c r='XFD1048576'><v>2</v></c></row>"
    data = rebuild({SHEET: sheet_xml(rows, "A1")})
    with pytest.raises(UserError, match="far.xlsx.*表格过大"):
        read_workbook_bytes(data, "far.xlsx")


def test_cells_without_references_are_counted_in_sequence():
    rows = "<row r='1000000'>" + "<c><v>1</v></c>" * 4 + "</row>"  # D1000000: 4 M cells from A1
    with pytest.raises(UserError, match="表格过大"):
        read_workbook_bytes(rebuild({SHEET: sheet_xml(rows, "A1")}), "seq.xlsx")


def test_style_only_cells_do_not_count():
    rows = "<row r='1'><c r='A1'><v>1</v></c></row><row r='1048576'><c r='XFD1048576' s='1'/></row>"
    book = read_workbook_bytes(rebuild({SHEET: sheet_xml(rows, "A1")}), "styled.xlsx")
    assert book.sheets[0].rows == [[1.0]]


def _shared_string_workbook(cells: int, text_len: int) -> bytes:
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>{"长" * text_len}</t></si></sst>'
    rows = "".join(f"<row r='{r}'><c r='A{r}' t='s'><v>0</v></c></row>" for r in range(1, cells + 1))
    return rebuild({SHEET: sheet_xml(rows, "A1")}, add={"xl/sharedStrings.xml": sst})


def test_one_long_shared_string_referenced_by_many_cells(monkeypatch):
    # calamine copies the shared string into every cell: 10 KB x 400 cells = 12 MB of text.
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 4 * limits.MiB)
    zip_scan.check_zip(io.BytesIO(_shared_string_workbook(100, 10_000)), "fine.xlsx", "xlsx")
    with pytest.raises(UserError, match="sst.xlsx.*文字总量过大"):
        zip_scan.check_zip(io.BytesIO(_shared_string_workbook(400, 10_000)), "sst.xlsx", "xlsx")


def test_quick_text_bound_falls_back_to_the_exact_count(monkeypatch):
    # One long and one short shared string, the short one referenced by 400 cells: the quick
    # bound (400 x the longest) passes the limit, the exact count (400 x short + 1 x long) does not.
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 4 * limits.MiB)
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>{"长" * 100_000}</t></si><si><t>短</t></si></sst>'
    rows = "<row r='1'><c r='A1' t='s'><v>0</v></c></row>" + "".join(
        f"<row r='{r}'><c r='A{r}' t='s'><v>1</v></c></row>" for r in range(2, 402)
    )
    zip_scan.check_zip(
        io.BytesIO(rebuild({SHEET: sheet_xml(rows, "A1")}, add={"xl/sharedStrings.xml": sst})), "mixed.xlsx", "xlsx"
    )
    rows = "".join(f"<row r='{r}'><c r='A{r}' t='s'><v>0</v></c></row>" for r in range(1, 60))
    with pytest.raises(UserError, match="long.xlsx.*文字总量过大"):
        zip_scan.check_zip(
            io.BytesIO(rebuild({SHEET: sheet_xml(rows, "A1")}, add={"xl/sharedStrings.xml": sst})), "long.xlsx", "xlsx"
        )


def _laugh(i: int) -> str:
    inner = f"&lol{i - 1};" if i > 1 else "&lol;"
    return f'<!ENTITY lol{i} "{inner * 10}">'


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(_laugh(i) for i in range(1, 10)) + "]>"
)
LAUGHING_SHEET = BILLION_LAUGHS + sheet_xml(
    "<row r='1'><c r='A1' t='inlineStr'><is><t>&lol9;</t></is></c></row>", prolog=""
)


def test_entity_declarations_are_refused_in_sheets_and_other_parts():
    with pytest.raises(UserError, match="lol.xlsx.*DOCTYPE"):
        read_workbook_bytes(rebuild({SHEET: LAUGHING_SHEET}), "lol.xlsx")
    props = BILLION_LAUGHS + "<cp:coreProperties/>"
    with pytest.raises(UserError, match="DOCTYPE"):
        read_workbook_bytes(rebuild({"docProps/core.xml": props}), "props.xlsx")


def test_calamine_itself_does_not_expand_entities():
    """Checked behaviour behind the refusal above: were a DTD to slip through, calamine stops
    at the unknown entity instead of expanding it (so no billion-laughs blow-up either)."""
    data = rebuild({SHEET: LAUGHING_SHEET})
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    with pytest.raises(python_calamine.CalamineError, match="entity"):
        workbook.get_sheet_by_index(0)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is the Linux way to cap memory")
def test_hostile_files_are_refused_within_one_gigabyte(tmp_path):
    """In a child process limited to 1 GB of address space, the attacks above end in a clean
    refusal (without the checks the far-cells file aborts the process)."""
    rows = "<row r='1'><c r='A1'><v>1</v></c></row><row r='1048576'><c r='XFD1048576'><v>2</v></c></row>"
    (tmp_path / "far.xlsx").write_bytes(rebuild({SHEET: sheet_xml(rows, "A1")}))
    (tmp_path / "sst.xlsx").write_bytes(_shared_string_workbook(30_000, 32_000))
    assert read_within_one_gigabyte(tmp_path / "far.xlsx", tmp_path / "sst.xlsx") == ["refused", "refused"]
