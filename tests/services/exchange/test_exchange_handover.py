"""Encrypted handover files: export, wrong password, damaged file, merge keeping both histories;
a plain workbook refused, the receipt checked (inside the file and as the sender gave it)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import select

from rm_desktop.domain.errors import UserError
from rm_desktop.io.office_crypto import DamagedFile, WrongPassword, decrypt_xlsx, encrypt_xlsx
from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.exporting import export_archive
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.models import Client, Contact
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "handover-pass-1"
PREVIEW_KEYS = ("new", "matching", "conflicting", "rejected", "contacts", "holdings", "plans", "appointments")


def _book(vault):
    first = create_client(vault, {"name": "张三", "customer_no": "C1", "phone": ["13800138000"], "occupation": "教师"})
    second = create_client(vault, {"name": "李四", "customer_no": "C2"})
    contacts.add_contact(vault, first.id, {"at": "2024-03-01 10:00", "channel": "phone", "content": "回访"})
    return first, second


def test_file_is_encrypted_and_passwords_checked(vault, tmp_path):
    _book(vault)
    path = tmp_path / "handover.xlsx"
    receipt = export_handover(vault, path, SECRET)
    assert receipt["clients"] == 2 and len(receipt["sha256"]) == 64
    data = path.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0") and "张三".encode() not in data
    with pytest.raises(WrongPassword, match="handover.xlsx.*密码不正确"):
        preview_handover(vault, path, "wrong-password")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedFile, match="broken.xlsx.*损坏") as damaged:
        preview_handover(vault, broken, SECRET)
    assert "密码不正确" not in str(damaged.value)
    for weak in ("123", "123456", "12345678", "aaaaaaaa", "password", "qwertyui"):
        with pytest.raises(UserError, match="移交文件密码太弱"):
            export_handover(vault, tmp_path / "x.xlsx", weak)
    assert not (tmp_path / "x.xlsx").exists()


def _rewritten(src, dst, edit):
    """``src`` decrypted, changed by ``edit(workbook)`` in openpyxl, saved and encrypted again
    with the same password: what someone holding the password does in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(src.read_bytes(), SECRET)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    dst.write_bytes(encrypt_xlsx(out.getvalue(), SECRET))
    return dst


def test_a_plain_workbook_is_refused_as_a_handover(vault, tmp_path):
    _book(vault)
    plain = tmp_path / "plain.xlsx"
    export_archive(vault, plain)  # the archive's sheets, not encrypted
    with pytest.raises(UserError, match="plain.xlsx.*没有加密.*导入"):
        preview_handover(vault, plain, SECRET)


def test_the_receipt_is_checked_in_the_file_and_against_the_senders(vault, tmp_path):
    _book(vault)
    path = tmp_path / "h.xlsx"
    sha = export_handover(vault, path, SECRET)["sha256"]
    assert preview_handover(vault, path, SECRET).receipt_check == "file"
    spaced = " ".join(sha[i : i + 4] for i in range(0, 64, 4)).upper()  # as read out over the phone
    found = preview_handover(vault, path, SECRET, spaced)
    assert found.receipt_check == "given" and found.digest == sha and "回执已核对" in found.receipt_note()
    other = ("0" if sha[0] != "0" else "1") + sha[1:]
    with pytest.raises(UserError, match="h.xlsx.*与您输入的回执不符"):
        preview_handover(vault, path, SECRET, other)
    with pytest.raises(UserError, match="64"):
        preview_handover(vault, path, SECRET, sha[:40])

    resaved = _rewritten(path, tmp_path / "resaved.xlsx", lambda book: None)
    assert preview_handover(vault, resaved, SECRET, sha).receipt_check == "given"  # re-saved unchanged

    def edit(book):
        book["客户"]["C2"] = "王五"  # a client's name changed after the export

    edited = _rewritten(path, tmp_path / "edited.xlsx", edit)
    with pytest.raises(DamagedFile, match="edited.xlsx.*回执不符.*改动"):
        preview_handover(vault, edited, SECRET)


def test_a_handover_from_before_the_receipt_format_is_merged_unchecked(vault, tmp_path):
    _book(vault)
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)

    def older(book):
        summary = book["汇总"]
        last = [row[0].row for row in summary.iter_rows() if row[0].value == "回执格式"]
        summary.delete_rows(last[0])

    old = _rewritten(path, tmp_path / "old.xlsx", older)
    found = preview_handover(vault, old, SECRET)
    assert found.receipt_check == "unchecked" and "旧版本" in found.receipt_note()
    with pytest.raises(UserError, match="旧版本"):
        preview_handover(vault, old, SECRET, found.digest)


def test_merge_keeps_both_histories(vault, tmp_path):
    first, _ = _book(vault)
    path = tmp_path / "handover.xlsx"
    receipt = export_handover(vault, path, SECRET, client_ids=[first.id])
    assert receipt["clients"] == 1
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        mine = create_client(receiver, {"name": "张三", "customer_no": "C1", "occupation": "医生"})
        contacts.add_contact(receiver, mine.id, {"at": "2024-04-01 09:00", "channel": "visit", "content": "面谈"})
        handover = preview_handover(receiver, path, SECRET)
        counts = handover.counts()
        assert {key: counts[key] for key in ("clients", *PREVIEW_KEYS)} == {
            "clients": 1,
            "new": 0,
            "matching": 0,
            "conflicting": 1,
            "rejected": 0,
            "contacts": 1,
            "holdings": 0,
            "plans": 0,
            "appointments": 0,
        }
        assert handover.receipt["内容SHA-256"] == receipt["sha256"]
        assert handover.preview.conflicts()[0]["field"] == "occupation"
        summary = merge_handover(receiver, handover)
        assert summary.updated == 1 and summary.contacts == 1
        merge_handover(receiver, preview_handover(receiver, path, SECRET))  # twice: nothing doubled
        with receiver.sessions() as s:
            client = s.scalars(select(Client)).one()
            assert client.occupation == "医生" and [p.number for p in client.phones] == ["13800138000"]
            assert sorted(c.content for c in s.scalars(select(Contact))) == ["回访", "面谈"]
    finally:
        receiver.lock()


def test_plans_and_appointments_merge_without_losing_either_side(vault, tmp_path):
    import datetime as dt

    from rm_desktop.services.plans import store as plans
    from rm_desktop.services.reminders import appointments
    from rm_desktop.storage.models_reminders import Appointment

    first, _ = _book(vault)
    sent = plans.create_plan(vault, first.id)
    content = sent.content.copy()
    content.title = "养老规划（移交）"
    plans.save_revision(vault, sent.plan_id, content, status="draft")
    appointments.add_appointment(
        vault, dt.datetime(2030, 5, 1, 14, 30), "季度回访", client_id=first.id, duration_minutes=45, location="支行"
    )
    path = tmp_path / "handover.xlsx"
    export_handover(vault, path, SECRET, client_ids=[first.id])
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        mine = create_client(receiver, {"name": "张三", "customer_no": "C1"})
        own = plans.create_plan(receiver, mine.id)
        handover = preview_handover(receiver, path, SECRET)
        assert handover.counts()["plans"] == 1 and handover.counts()["appointments"] == 1
        summary = merge_handover(receiver, handover)
        assert (summary.plans, summary.appointments) == (1, 1)
        titles = sorted(p.title for p in plans.list_plans(receiver, mine.id))
        assert titles == sorted([own.content.title, "养老规划（移交）"])
        assert plans.get_plan(receiver, own.plan_id).version == 1  # the receiver's plan untouched
        again = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert (again.plans, again.appointments) == (0, 0)
        assert len(plans.list_plans(receiver, mine.id)) == 2
        with receiver.sessions() as s:
            stored = s.scalars(select(Appointment)).one()
            assert (stored.client_id, stored.start, stored.title, stored.duration_minutes, stored.location) == (
                mine.id,
                dt.datetime(2030, 5, 1, 14, 30),
                "季度回访",
                45,
                "支行",
            )
    finally:
        receiver.lock()
