"""The handover and the archive carry every complaint with its steps, outcome and satisfaction
(sheet 投诉): written, read back into another vault, merged twice without doubling; a bad row
is a reject naming its field."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from rm_desktop.io.xlsx_safe import book_bytes
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.complaints import store
from rm_desktop.services.exchange.complaint_sheets import COMPLAINTS_SHEET
from rm_desktop.services.exchange.exporting import archive_book, export_archive
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD

T0 = dt.datetime(2026, 3, 1, 9, 0)
SECRET = "handover-pass-1"


def _book(vault):
    a = create_client(vault, {"name": "张三", "customer_no": "C1"}, today=T0.date()).id
    b = create_client(vault, {"name": "李四", "customer_no": "C2"}, today=T0.date()).id
    first = store.add_complaint(
        vault, a, {"channel": "phone", "category": "fees", "severity": "high", "description": "年费多扣 = 200"}, now=T0
    ).id
    store.mark_step(vault, first, "calm", now=T0 + dt.timedelta(minutes=5), note="先道歉")
    store.mark_step(vault, first, "follow_up", now=T0 + dt.timedelta(hours=30))
    store.close_complaint(vault, first, "退还年费", 4, now=T0 + dt.timedelta(hours=31))
    store.add_complaint(
        vault,
        a,
        {"channel": "wechat", "category": "system", "description": "手机银行登录失败", "type": "request"},
        now=T0,
    )
    store.add_complaint(vault, b, {"channel": "counter", "category": "waiting", "description": "排队"}, now=T0)


def _shape(vault):
    return sorted(
        (c.client_name, c.type, c.channel, c.category, c.severity, c.description, c.received_at, c.deadline_at,
         c.closed_at, c.outcome, c.satisfaction, tuple((s.step, s.done_at, s.note) for s in c.steps))
        for c in store.list_complaints(vault)
    )  # fmt: skip


def test_handover_round_trip_keeps_every_complaint(vault, tmp_path):
    _book(vault)
    path = tmp_path / "handover.xlsx"
    export_handover(vault, path, SECRET)
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        summary = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert summary.complaints == 3
        assert _shape(receiver) == _shape(vault)
        again = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert again.complaints == 0 and len(store.list_complaints(receiver)) == 3
    finally:
        receiver.lock()


def test_the_archive_sheet_shows_labels_and_imports_into_an_empty_vault(vault, tmp_path):
    _book(vault)
    book, counts = archive_book(vault)
    assert counts[COMPLAINTS_SHEET] == 3
    sheet = openpyxl.load_workbook(io.BytesIO(book_bytes(book)))[COMPLAINTS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("档案号", "客户编号", "类型", "受理渠道")
    assert {r[3] for r in rows[1:]} == {"电话", "微信", "网点柜面"}
    path = tmp_path / "archive.xlsx"
    export_archive(vault, path)
    other = create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF)
    try:
        summary = run_import(other, preview_import(other, path))
        assert summary.complaints == 3 and _shape(other) == _shape(vault)
    finally:
        other.lock()


def test_a_bad_complaint_row_is_a_reject_naming_the_field(vault, tmp_path):
    _book(vault)
    path = tmp_path / "archive.xlsx"
    export_archive(vault, path)
    wb = openpyxl.load_workbook(path)
    sheet = wb[COMPLAINTS_SHEET]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("结案时间")].value:
            row[header.index("满意度")].value = 6
    wb.save(path)
    other = create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF)
    try:
        preview = preview_import(other, path)
        rejected = [(s, reasons) for s, _n, reasons in preview.children.rejected if s == COMPLAINTS_SHEET]
        assert len(rejected) == 1 and rejected[0][1][0].startswith("satisfaction:")
        assert run_import(other, preview).complaints == 2
    finally:
        other.lock()
