"""read_workbook: real formats told by content, raw values, hidden sheets, clear refusals.

Every fixture is generated here: openpyxl for xlsx, a hand-written zip for ods, HTML and CSV
text encoded as branch systems do.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import set_language
from rm_desktop.io.office_crypto import encrypt_xlsx
from rm_desktop.io.readers import read_workbook, read_workbook_bytes

HEADER = ["客户姓名", "证件号码", "手机号码", "出生日期", "金融资产(万元)"]


def make_xlsx(path, *, hidden_sheet=True, date1904=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户清单"
    ws["A1"] = "XX支行客户清单"
    ws["A2"] = "导出日期：2026-11-01"
    ws.append(HEADER)
    ws.append(["张三", "110105198503071230", 13800138000, datetime.date(1985, 3, 7), 52.5])
    ws.append(["李四", 110105198503071230, "139 1234 5678", 31113, "1,234.5"])
    if hidden_sheet:
        other = wb.create_sheet("参数")
        other.sheet_state = "hidden"
        other["B2"] = "secret"
    if date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.save(path)
    return path


def xlsx_bytes(**kwargs) -> bytes:
    buf = io.BytesIO()
    make_xlsx(buf, **kwargs)
    return buf.getvalue()


ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def make_ods(path, tables: str):
    """A minimal but valid ODS package: mimetype first and stored, manifest, content."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        zf.writestr("content.xml", content)
    return path


def ods_cell(value: str, kind: str = "string") -> str:
    if kind == "string":
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def test_xlsx_rows_start_at_a1_with_raw_values(tmp_path):
    book = read_workbook(make_xlsx(tmp_path / "list.xlsx"))
    assert book.format == "xlsx" and not book.encrypted
    sheet = book.sheets[0]
    assert sheet.name == "客户清单" and sheet.hidden is False
    assert sheet.rows[0] == ["XX支行客户清单"]
    assert sheet.rows[2] == HEADER
    # Raw values: integers come back as floats, dates as date objects, text untouched.
    assert sheet.rows[3] == ["张三", "110105198503071230", 13800138000.0, datetime.date(1985, 3, 7), 52.5]
    # An 18-digit ID stored as a number is a float: its last digits are already gone.
    assert isinstance(sheet.rows[4][1], float) and sheet.rows[4][1] == pytest.approx(1.101051985e17)
    assert sheet.rows[4][2:] == ["139 1234 5678", 31113.0, "1,234.5"]
    assert sheet.date1904 is False


def test_hidden_sheet_is_reported_and_empty_cells_are_none(tmp_path):
    book = read_workbook(make_xlsx(tmp_path / "list.xlsx"))
    hidden = book.sheets[1]
    assert (hidden.name, hidden.hidden) == ("参数", True)
    assert hidden.rows == [[], [None, "secret"]]


def test_1904_workbooks_are_flagged(tmp_path):
    book = read_workbook(make_xlsx(tmp_path / "mac.xlsx", date1904=True))
    assert book.sheets[0].date1904 is True


def test_format_comes_from_content_not_extension(tmp_path):
    path = tmp_path / "really_xlsx.xls"
    path.write_bytes(xlsx_bytes())
    assert read_workbook(path).format == "xlsx"
    csv_as_xls = tmp_path / "export.xls"
    csv_as_xls.write_bytes("姓名,手机\n张三,13800138000\n".encode("gb18030"))
    book = read_workbook(csv_as_xls)
    assert book.format == "csv"
    assert book.sheets[0].rows == [["姓名", "手机"], ["张三", "13800138000"]]


def test_ods_written_by_hand(tmp_path):
    tables = (
        '<table:table table:name="客户">'
        f"<table:table-row>{ods_cell('姓名')}{ods_cell('手机')}</table:table-row>"
        f"<table:table-row>{ods_cell('王五')}{ods_cell('13800138000', 'float')}"
        '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>'
        # LibreOffice pads every sheet like this: empty repeats must cost nothing.
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table>"
    )
    book = read_workbook(make_ods(tmp_path / "list.ods", tables))
    assert book.format == "ods"
    assert book.sheets[0].name == "客户"
    assert book.sheets[0].rows == [["姓名", "手机"], ["王五", 13800138000.0]]


def test_encrypted_xlsx_needs_the_right_password(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(encrypt_xlsx(xlsx_bytes(), "正确密码1"))
    book = read_workbook(path, password="正确密码1")
    assert book.encrypted and book.format == "xlsx"
    assert book.sheets[0].rows[3][0] == "张三"
    with pytest.raises(UserError, match="locked.xlsx.*密码"):
        read_workbook(path)
    with pytest.raises(UserError, match="密码不正确"):
        read_workbook(path, password="wrong")


def test_html_table_saved_as_xls_with_gb2312_meta(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><table><tr><td colspan=2>XX支行客户清单</td></tr>"
        "<tr><th>姓名</th><th>手机</th></tr>"
        "<tr><td>张 三&nbsp;</td><td>13800138000</td></tr></table></body></html>"
    )
    path = tmp_path / "web.xls"
    path.write_bytes(page.encode("gb18030"))
    book = read_workbook(path)
    assert book.format == "html"
    assert book.sheets[0].rows == [["XX支行客户清单"], ["姓名", "手机"], ["张 三", "13800138000"]]


def test_html_utf8_with_rowspan_keeps_columns_aligned(tmp_path):
    page = (
        "<!DOCTYPE html><meta charset='utf-8'><table>"
        "<tr><th>网点</th><th>姓名</th><th>手机</th></tr>"
        "<tr><td rowspan=2>朝阳支行</td><td>甲</td><td>1</td></tr>"
        "<tr><td>乙</td><td>2</td></tr></table>"
    )
    book = read_workbook_bytes(page.encode("utf-8"), "web.xls")
    assert book.sheets[0].rows == [["网点", "姓名", "手机"], ["朝阳支行", "甲", "1"], [None, "乙", "2"]]


def test_utf16_tab_separated_unicode_text(tmp_path):
    text = "姓名\t手机\r\n赵六\t13800138000\r\n"
    book = read_workbook_bytes(text.encode("utf-16"), "unicode.txt")
    assert book.sheets[0].rows == [["姓名", "手机"], ["赵六", "13800138000"]]


@pytest.mark.parametrize("lang, expected", [("zh_CN", "已损坏"), ("en", "damaged")])
def test_truncated_xlsx_is_refused_by_name(tmp_path, lang, expected):
    set_language(lang)
    data = xlsx_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match=f"cut.xlsx.*{expected}"):
        read_workbook(path)


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "noise.xlsx"
    path.write_bytes(os.urandom(4096) + b"\x00")
    with pytest.raises(UserError, match="noise.xlsx"):
        read_workbook(path)


def test_damaged_sheet_xml_is_refused(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    path = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            out.writestr(info, data)
    with pytest.raises(UserError, match="bad.xlsx.*损坏"):
        read_workbook(path)


def test_other_zip_documents_and_empty_files_are_refused(tmp_path):
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UserError, match="letter.xlsx.*不是表格"):
        read_workbook(docx)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="empty.csv.*空"):
        read_workbook(empty)
    with pytest.raises(UserError, match="missing.xlsx"):
        read_workbook(tmp_path / "missing.xlsx")


def test_excel_2003_xml_gets_a_save_as_hint():
    data = b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'
    with pytest.raises(UserError, match="xlsx"):
        read_workbook_bytes(data, "old.xml")


def test_ods_repeated_value_cells_are_multiplied_out(tmp_path):
    """calamine expands repeated cells that hold a value: 100,000 rows x 1,000 columns here."""
    hostile = (
        '<table:table table:name="s"><table:table-row table:number-rows-repeated="100000">'
        '<table:table-cell office:value-type="float" office:value="1" '
        'table:number-columns-repeated="1000"><text:p>1</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )
    with pytest.raises(UserError, match="rep.ods.*表格过大"):
        read_workbook(make_ods(tmp_path / "rep.ods", hostile))


def test_xhtml_export_with_xml_prolog(tmp_path):
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- exported -->\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><table>'
        "<tr><td>姓名</td><td>手机</td></tr><tr><td>甲</td><td>1</td></tr></table></body></html>"
    )
    book = read_workbook_bytes(page.encode("utf-8"), "web.xls")
    assert book.format == "html" and book.sheets[0].rows == [["姓名", "手机"], ["甲", "1"]]


def test_gbk_csv_branch_export_end_to_end(tmp_path):
    from rm_desktop.io.header import find_header_row, map_columns
    from rm_desktop.io.rows import OK, REJECTED, SKIPPED, normalise_rows

    text = (
        "朝阳支行客户清单\r\n导出日期：2026-11-01\r\n"
        "客户号,客户姓名,证件号码,手机号码,资产余额(元),风险评级\r\n"
        'C001,张三,110105198503071230,138-0013-8000,"1,234,567.80",C4\r\n'
        "C002,李四,1.10105E+17,13912345678,100,C2\r\n"
        ",,,,,\r\n"
        '合计,,,,"1,234,667.80",\r\n'
    )
    path = tmp_path / "clients.xls"
    path.write_bytes(text.encode("gbk"))
    sheet = read_workbook(path).sheets[0]
    header = find_header_row(sheet.rows)
    results = normalise_rows(sheet, header, map_columns(sheet.rows[header]))
    assert [(r.row_number, r.status) for r in results] == [(4, OK), (5, REJECTED), (7, SKIPPED)]
    assert results[0].values["aum"] == Decimal("1234567.80")
    assert results[0].values["phone"] == "13800138000"
    assert results[0].values["risk_grade"] == "C4"


def test_html_with_huge_colspans_is_refused_while_parsing():
    page = "<table><tr>" + "<td colspan=16384>x</td>" * 400 + "</tr></table>"
    with pytest.raises(UserError, match="span.xls.*表格过大"):
        read_workbook_bytes(page.encode(), "span.xls")


def test_damaged_ole2_file_is_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000)
    with pytest.raises(UserError, match="old.xls.*无法识别"):
        read_workbook_bytes(data, "old.xls")


def test_chart_sheets_are_left_out_and_empty_sheets_kept(tmp_path):
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "资产"])
    ws.append(["甲", 1])
    wb.create_sheet("空")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=2))
    wb.create_chartsheet("图表").add_chart(chart)
    wb.save(tmp_path / "chart.xlsx")
    book = read_workbook(tmp_path / "chart.xlsx")
    assert [(s.name, s.rows) for s in book.sheets] == [("Sheet", [["姓名", "资产"], ["甲", 1.0]]), ("空", [])]
