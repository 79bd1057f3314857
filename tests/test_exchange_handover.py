"""Encrypted handover files: export, wrong password, damaged file, merge keeping both histories."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rm_desktop.domain.errors import UserError
from rm_desktop.services import contacts
from rm_desktop.services.clients import create_client
from rm_desktop.services.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.vault import create_vault
from rm_desktop.storage.models import Client, Contact
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "handover-pass-1"


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
    with pytest.raises(UserError, match="handover.xlsx"):
        preview_handover(vault, path, "wrong-password")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match="broken.xlsx"):
        preview_handover(vault, broken, SECRET)
    with pytest.raises(UserError):
        export_handover(vault, tmp_path / "x.xlsx", "123")


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
        assert counts == {"new": 0, "matching": 0, "conflicting": 1, "rejected": 0, "contacts": 1, "holdings": 0}
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
