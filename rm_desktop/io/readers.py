"""Read any spreadsheet a bank RM receives into plain rows of raw cell values.

The format is told by the file's first bytes, never by its extension: web systems save HTML
tables as ".xls", CSVs arrive as ".xls", and a password-protected ".xlsx" is really an OLE2
container. Supported: xlsx, xlsb and ods (zip), legacy xls (OLE2), password-protected xlsx
(decrypted in memory), HTML tables, and CSV/TSV text. Every file passes the size checks first
(:mod:`limits`, :mod:`zip_scan`, :mod:`xls_scan`).

Values are kept raw (calamine returns floats for integers, datetimes for date-formatted cells);
:mod:`rows` interprets them. Empty cells are ``None`` whatever the format, and each sheet's rows
start at A1 so that a row's index + 1 is the row number the user sees in Excel.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io import csv_text, html_table, limits, office_crypto, xls_scan, zip_scan
from rm_desktop.io.limits import refuse, unknown_format
from rm_desktop.io.text_files import read_user_bytes

FORMATS = ("xlsx", "xlsb", "ods", "xls", "html", "csv")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_DATE1904 = re.compile(rb'date1904="(?:1|true)"')
_SPREADSHEETML_2003 = b"urn:schemas-microsoft-com:office:spreadsheet"
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


@dataclass
class Sheet:
    name: str
    hidden: bool
    rows: list[list[object]]
    # Workbook uses the 1904 date system (old Mac Excel): raw date serials count from 1904.
    date1904: bool = False


@dataclass
class Workbook:
    name: str  # the file's name, for messages
    format: str  # one of FORMATS
    sheets: list[Sheet] = field(default_factory=list)
    encrypted: bool = False


def read_workbook(path: str | Path, password: str | None = None) -> Workbook:
    """Read the file at ``path``; UserError naming the file for anything unreadable."""
    path = Path(path)
    return read_workbook_bytes(read_user_bytes(path), path.name, password)


def read_workbook_bytes(data: bytes, name: str, password: str | None = None) -> Workbook:
    """Like :func:`read_workbook` for a file already in memory; ``name`` is used in messages."""
    limits.check_file_size(len(data), name)
    if not data.strip():
        raise refuse(name, "文件是空的", "the file is empty")
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data, name)
    if data.startswith(office_crypto.OLE2_MAGIC):
        if office_crypto.is_encrypted_ooxml(data):
            plain = office_crypto.decrypt_xlsx(data, password, name)
            if not plain.startswith(_ZIP_MAGIC):
                raise refuse(name, "解密后的内容不是 xlsx 表格", "the decrypted content is not an xlsx workbook")
            book = _read_zip(plain, name)
            book.encrypted = True
            return book
        _refuse_encrypted_xls(data, name)
        xls_scan.check_xls(data, name)  # calamine reads every sheet of an xls when opening it
        return _read_calamine(data, name, "xls", date1904=False)
    head = data[:4096]
    if _SPREADSHEETML_2003 in head and head.lstrip().startswith(b"<?xml"):
        raise refuse(
            name,
            "这是 Excel 2003 XML 表格，暂不支持；请在 Excel/WPS 中另存为 .xlsx 后再导入",
            "this is an Excel 2003 XML spreadsheet, which is not supported: save it as "
            ".xlsx in Excel/WPS and import that",
        )
    if html_table.looks_like_html(head):
        return _read_html(data, name)
    if b"\x00" in head and not head.startswith(_UNICODE_BOMS):
        raise unknown_format(name)
    return Workbook(
        name=name, format="csv", sheets=[Sheet(Path(name).stem or name, False, csv_text.read_csv_rows(data, name))]
    )


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
                if zf.read("mimetype").strip() == _ODS_MIMETYPE:
                    return "ods"
            elif "xl/workbook.xml" in names:
                return "xlsx"
            elif "xl/workbook.bin" in names:
                return "xlsb"
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise refuse(name, "文件已损坏或不完整", "the file is damaged or incomplete") from None
    raise refuse(
        name,
        "这是一个压缩包或其他文档（如 Word），不是表格",
        "this is a zip archive or another kind of document (e.g. Word), not a spreadsheet",
    )


def _read_zip(data: bytes, name: str) -> Workbook:
    kind = _zip_kind(data, name)
    zip_scan.check_zip(io.BytesIO(data), name, kind)
    date1904 = False
    if kind == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # already size-checked by check_zip
            date1904 = bool(_DATE1904.search(zf.read("xl/workbook.xml")))
    return _read_calamine(data, name, kind, date1904)


def _refuse_encrypted_xls(data: bytes, name: str) -> None:
    """Legacy .xls with a password (RC4): calamine cannot read it and we cannot test a
    decryption path without a sample, so the user is asked to re-save it as .xlsx."""
    try:
        from msoffcrypto.format.xls97 import Xls97File

        encrypted = Xls97File(io.BytesIO(data)).is_encrypted()
    except Exception:  # noqa: BLE001 - not a workbook stream msoffcrypto understands: let calamine judge
        return
    if encrypted:
        raise refuse(
            name,
            "这是加密的旧版 .xls 文件，请在 Excel/WPS 中输入密码打开后另存为 .xlsx（可设密码）再导入",
            "this is a password-protected legacy .xls file: open it in Excel/WPS and save "
            "it as .xlsx (a password is fine) before importing",
        )


def _read_calamine(data: bytes, name: str, kind: str, date1904: bool) -> Workbook:
    book = Workbook(name=name, format=kind)
    cells = 0
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no client rows
            sheet = workbook.get_sheet_by_name(meta.name)
            end = sheet.end
            # The pre-scan bounds zip formats; this also bounds xls before Python objects exist.
            cells += (end[0] + 1) * (end[1] + 1) if end else 0
            limits.check_cell_count(cells, name)
            rows = sheet.to_python(skip_empty_area=False)
            del sheet
            book.sheets.append(Sheet(meta.name, meta.visible != SheetVisibleEnum.Visible, _clean(rows), date1904))
        workbook.close()
    except UserError:
        raise
    except python_calamine.PasswordError:
        raise refuse(name, "文件有密码保护，无法读取", "the file is password-protected") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - calamine's Rust panics surface as BaseException (PanicException)
        raise unknown_format(name) from None
    return book


def _clean(rows: list[list[Any]]) -> list[list[object]]:
    """Calamine's rows, in place: "" (calamine's empty cell) → None, trailing empty cells dropped."""
    for row in rows:
        if "" in row:  # a C-speed scan; only a row holding an empty cell is rebuilt
            row[:] = [None if value == "" and isinstance(value, str) else value for value in row]
        while row and row[-1] is None:
            row.pop()
    return rows


def _read_html(data: bytes, name: str) -> Workbook:
    tables = html_table.read_html_tables(data, name)
    if not tables:
        raise refuse(name, "网页中没有表格", "the web page holds no table")
    sheets = [Sheet(t("表格{}", "Table {}").format(i + 1), False, rows) for i, rows in enumerate(tables)]
    return Workbook(name=name, format="html", sheets=sheets)
