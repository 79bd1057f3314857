"""The 同意 sheet in the archive and the handover (issue 18.4 travelling with 18.3): round trip,
the merge rule (the later given date wins, a tie keeps the receiver's), a file without the sheet
(clients arrive as 未记录), hostile cells refused naming sheet, row and field; and the handover's
export register entry (purpose, id in the 汇总 sheet, the hidden mark and the audit entry)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy import select

from rm_desktop.domain.consent import Consent
from rm_desktop.io.office_crypto import decrypt_xlsx, encrypt_xlsx
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.consent.store import get_consent, set_consent
from rm_desktop.services.exchange.consent_sheets import CONSENTS_SHEET, incoming_wins
from rm_desktop.services.exchange.exporting import export_archive
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.exchange.importing import MERGE, preview_import
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.export_controls import marks, register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.models_audit import AuditRow
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "handover-pass-1"
NOW = dt.datetime(2026, 3, 1, 10, 0)


def _sender(vault):
    first = create_client(vault, {"name": "张三", "customer_no": "C1"})
    second = create_client(vault, {"name": "李四", "customer_no": "C2"})
    third = create_client(vault, {"name": "王五", "customer_no": "C3"})
    set_consent(
        vault,
        first.id,
        {"marketing": "是", "given_on": "2026-02-01", "given_by": "书面", "channels": "短信,电话",
         "sensitive": "是", "sensitive_on": "2026-02-02"},
        now=NOW,
    )  # fmt: skip
    set_consent(vault, second.id, {"marketing": "否", "given_on": "2025-06-01"}, now=NOW)
    return first, second, third


@pytest.fixture
def receiver(tmp_path):
    other = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    yield other
    other.lock()


def _id(vault, customer_no):
    from rm_desktop.storage.models import Client

    with vault.sessions() as s:
        return s.scalars(select(Client.id).where(Client.customer_no == customer_no)).one()


def test_consents_travel_with_a_handover_and_are_counted(vault, receiver, tmp_path):
    _sender(vault)
    path = tmp_path / "h.xlsx"
    receipt = export_handover(vault, path, SECRET)
    assert receipt["consents"] == 2
    found = preview_handover(receiver, path, SECRET)
    assert found.receipt["同意记录数"] == "2" and found.receipt_check == "file"  # in the digest: checked
    assert len(found.preview.children.consents) == 2
    summary = merge_handover(receiver, found)
    assert summary.consents == 2
    assert get_consent(receiver, _id(receiver, "C1")) == Consent(
        True, dt.date(2026, 2, 1), "written", ("phone", "sms"), True, dt.date(2026, 2, 2)
    )
    assert get_consent(receiver, _id(receiver, "C2")) == Consent(False, dt.date(2025, 6, 1))
    assert get_consent(receiver, _id(receiver, "C3")) is None  # 未记录 stays 未记录
    assert merge_handover(receiver, preview_handover(receiver, path, SECRET)).consents == 0  # nothing twice


def test_the_later_given_date_wins(vault, receiver, tmp_path):
    _sender(vault)
    mine1 = create_client(receiver, {"name": "张三", "customer_no": "C1"})
    mine2 = create_client(receiver, {"name": "李四", "customer_no": "C2"})
    set_consent(receiver, mine1.id, {"marketing": "否", "given_on": "2026-01-15"}, now=NOW)  # older: replaced
    set_consent(receiver, mine2.id, {"marketing": "是", "given_on": "2025-06-01", "channels": "电话"}, now=NOW)  # tie
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)
    summary = merge_handover(receiver, preview_handover(receiver, path, SECRET))
    assert summary.consents == 1
    assert get_consent(receiver, mine1.id).marketing is True  # type: ignore[union-attr]
    assert get_consent(receiver, mine2.id) == Consent(True, dt.date(2025, 6, 1), channels=("phone",))


def test_merge_rule():
    old, new = Consent(True, dt.date(2025, 1, 1)), Consent(False, dt.date(2025, 1, 2))
    assert incoming_wins(new, old) and not incoming_wins(old, new) and not incoming_wins(old, old)
    assert incoming_wins(old, Consent(True)) and not incoming_wins(Consent(True), old)


def _rewritten(src, dst, edit):
    book = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(src.read_bytes(), SECRET)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    dst.write_bytes(encrypt_xlsx(out.getvalue(), SECRET))
    return dst


def test_a_handover_from_a_version_without_the_sheet_still_imports(vault, receiver, tmp_path):
    _sender(vault)
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)

    def older(book):  # an older version wrote neither the sheet nor the receipt format
        del book[CONSENTS_SHEET]
        summary = book["汇总"]
        for label in ("回执格式", "同意记录数"):
            summary.delete_rows(next(r[0].row for r in summary.iter_rows() if r[0].value == label))

    old = _rewritten(path, tmp_path / "old.xlsx", older)
    found = preview_handover(receiver, old, SECRET)
    summary = merge_handover(receiver, found)
    assert summary.imported == 3 and summary.consents == 0 and not found.preview.rejects()
    assert get_consent(receiver, _id(receiver, "C1")) is None


def test_hostile_cells_are_refused_naming_sheet_row_and_field(vault, receiver, tmp_path):
    _sender(vault)
    plain = tmp_path / "archive.xlsx"
    export_archive(vault, plain)
    book = openpyxl.load_workbook(plain)
    sheet = book[CONSENTS_SHEET]
    header = [c.value for c in sheet[1]]
    bad = {"营销同意": "也许", "同意日期": "2025-13-45", "允许渠道": "飞鸽传书", "同意方式": "传真"}
    for row, (column, value) in enumerate(bad.items(), start=2):
        if row > sheet.max_row:
            sheet.append([None, "C1", "是"])
        sheet.cell(row, header.index(column) + 1, value)
    sheet.append([None, None, "是"])  # no client key
    sheet.append([None, "C3", None, "2025-01-01"])  # no yes/no to marketing
    book.save(plain)
    preview = preview_import(receiver, plain, sheet="客户", header_row=0, on_duplicate=MERGE)
    found = {(r["row"], r["reason"].split("：")[0]) for r in preview.rejects() if r["sheet"] == CONSENTS_SHEET}
    assert found == {
        (2, "营销同意"), (3, "同意日期"), (4, "允许渠道"), (5, "同意方式"), (6, "档案号"), (7, "营销同意")
    }  # fmt: skip
    assert any("也许" in r["reason"] for r in preview.rejects())  # the value as found, in one line
    assert preview.file_name == "archive.xlsx"
    summary = run_import(receiver, preview)
    assert summary.imported == 3 and summary.consents == 0  # the clients arrive, no half record


def test_the_handover_registers_its_export(vault, tmp_path):
    _sender(vault)
    path = tmp_path / "h.xlsx"
    receipt = export_handover(vault, path, SECRET, control=ExportControl("client_request"))
    [entry] = register.entries(vault)
    assert entry.kind == "handover" and entry.purpose == "client_request" and entry.client_count == 3
    assert receipt["register"] == entry.id
    book = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(path.read_bytes(), SECRET)))
    assert marks.register_id_of(book.properties.identifier) == entry.id
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(values_only=True)}
    assert summary["导出登记号"] == str(entry.id)
    with vault.sessions() as s:
        audit = s.scalars(select(AuditRow).where(AuditRow.action == "handover_out")).one()
    assert f'"register":{entry.id}' in audit.counts.replace(" ", "")
    export_handover(vault, tmp_path / "h2.xlsx", SECRET)
    assert register.entries(vault)[0].purpose == "handover"  # the default: 客户交接
    assert preview_handover(vault, path, SECRET).receipt_check == "file"  # the mark keeps the digest true
