"""Exported workbooks read well when opened (issue 14.13): widths that fit, a bold frozen header,
money with a number format, dates as dates, and labels (基金, 微信, 草稿) instead of codes in the
archive's child sheets, which the importer still reads along with the codes of older archives."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.io.xlsx_look import MAX_WIDTH, MIN_WIDTH, column_widths
from rm_desktop.io.xlsx_safe import MONEY_FORMAT
from rm_desktop.services.clients.files import update_client
from rm_desktop.services.clients.relationships import add_relationship
from rm_desktop.services.exchange.exporting import export_archive, export_list
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.rejects import save_rejects
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.plans import store as plans
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.models import Client, Relationship
from rm_desktop.storage.models_plans import Plan
from tests.conftest import FAST_KDF, PASSWORD
from tests.libreoffice import as_csv
from tests.services.exchange.test_exchange_handover import SECRET
from tests.services.exchange.test_exchange_import import _branch_file, _fill_book, _snapshot

DEFAULT_WIDTH = 13  # openpyxl's column width when none is set (Excel's is 8.43)
CODES_TO_LABELS = {"fund": "基金", "holding": "持有中", "phone": "电话", "wechat": "微信"}


def _column(sheet, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header}")


def _looks_finished(sheet) -> None:
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1] if cell.value is not None)


@pytest.fixture
def archive(vault, tmp_path) -> Path:
    first, second = _fill_book(vault)
    update_client(vault, first.id, {"preferred_channel": "wechat"})
    add_relationship(vault, first.id, second.id, "spouse")
    plans.create_plan(vault, first.id)
    path = tmp_path / "archive.xlsx"
    export_archive(vault, path)
    return path


def test_archive_sheets_read_well(archive):
    book = load_workbook(archive)
    for sheet in book.worksheets:
        _looks_finished(sheet)
    clients = book["客户"]
    id_col, name_col = _column(clients, "证件号码"), _column(clients, "备注")
    assert clients.column_dimensions[id_col].width >= 18 > DEFAULT_WIDTH  # an 18-digit ID fits
    assert clients.column_dimensions[name_col].width >= MIN_WIDTH
    aum = clients[f"{_column(clients, '金融资产(元)')}2"]
    assert aum.value == pytest.approx(123456.78) and aum.number_format == MONEY_FORMAT
    birth = clients[f"{_column(clients, '出生日期')}2"]
    assert isinstance(birth.value, dt.datetime) and birth.is_date
    held = book["持仓"]
    amount = held[f"{_column(held, '金额(元)')}2"]
    assert amount.value == 50000 and amount.number_format == MONEY_FORMAT
    assert held[f"{_column(held, '到期日')}2"].is_date


def test_archive_shows_labels_not_codes(archive):
    book = load_workbook(archive)
    held, talks = book["持仓"], book["往来记录"]
    assert [c.value for c in held[2]][2] == "基金" and "持有中" in [c.value for c in held[2]]
    assert {row[3] for row in talks.iter_rows(min_row=2, values_only=True)} == {"电话", "微信"}
    assert book["理财规划"]["D2"].value == "草稿"
    assert book["客户关系"]["C2"].value == "配偶"
    clients = book["客户"]
    assert clients[f"{_column(clients, '偏好联系方式')}2"].value == "微信"


def _round_trip(vault, path: Path, tmp_path: Path) -> None:
    before = _snapshot(vault)
    other = create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF)
    try:
        summary = run_import(other, preview_import(other, path))
        assert summary.imported == 2 and summary.holdings == 1 and summary.contacts == 2
        assert _snapshot(other) == before
        with other.sessions() as s:
            assert [p.status for p in s.scalars(select(Plan))] == ["draft"]
            assert {r.kind for r in s.scalars(select(Relationship))} == {"spouse"}
            assert {c.preferred_channel for c in s.scalars(select(Client))} == {"wechat", None}
    finally:
        other.lock()


def test_labels_import_back_as_codes(vault, archive, tmp_path):
    _round_trip(vault, archive, tmp_path)


def test_an_older_archive_with_codes_still_imports(vault, archive, tmp_path):
    book = load_workbook(archive)
    labels_to_codes = {label: code for code, label in CODES_TO_LABELS.items()} | {"草稿": "draft", "配偶": "spouse"}
    for title in ("客户", "持仓", "往来记录", "理财规划", "客户关系"):
        for row in book[title].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value in labels_to_codes:
                    cell.value = labels_to_codes[cell.value]
    old = tmp_path / "old.xlsx"
    book.save(old)
    assert load_workbook(old)["持仓"]["C2"].value == "fund"
    _round_trip(vault, old, tmp_path)


def test_the_encrypted_handover_reads_well(vault, tmp_path):
    _fill_book(vault)
    path = tmp_path / "handover.xlsx"
    export_handover(vault, path, SECRET)
    book = load_workbook(io.BytesIO(decrypt_xlsx(path.read_bytes(), SECRET)))
    for sheet in book.worksheets:  # the summary sheet too
        _looks_finished(sheet)
    held = book["持仓"]
    assert held[f"{_column(held, '金额(元)')}2"].number_format == MONEY_FORMAT
    assert held[f"{_column(held, '产品类型')}2"].value == "基金"


def test_client_list_and_rejects_read_well(vault, tmp_path):
    _fill_book(vault)
    out = tmp_path / "list.xlsx"
    export_list(vault, ClientQuery(), out)
    sheet = load_workbook(out).worksheets[0]
    _looks_finished(sheet)
    assert sheet[f"{_column(sheet, '金融资产(元)')}2"].number_format == MONEY_FORMAT
    assert sheet.column_dimensions[_column(sheet, "证件号码")].width > DEFAULT_WIDTH
    rejects = tmp_path / "rejects.xlsx"
    save_rejects(preview_import(vault, _branch_file(tmp_path)), rejects)
    sheet = load_workbook(rejects).worksheets[0]
    _looks_finished(sheet)
    assert sheet.column_dimensions[_column(sheet, "错误原因")].width > DEFAULT_WIDTH


def test_widths_count_cjk_double_and_are_bounded():
    widths = column_widths(["姓名", "note", "金额"], [["王小明", "x" * 500, 1234567.5], ["李四", None, None]], {2})
    assert widths[0] == MIN_WIDTH  # 王小明 is 6 wide, under the minimum
    assert widths[1] == MAX_WIDTH
    assert len("1,234,567.50") + 2 <= widths[2] < MAX_WIDTH
    assert column_widths(["客户经理的备注说明"], [])[0] == 18 + 2  # nine CJK characters, two columns each


def test_libreoffice_opens_the_archive_with_dates_and_money(archive, tmp_path):
    text = as_csv(archive, tmp_path)
    assert "123,456.78" in text and "1949-12-31" in text
