"""The full archive export with a password (issue 13.9): encrypted as the handover is, read back by
the importer with that password, weak or empty passwords refused before anything is written, and
a plaintext archive only for ``password=None`` (the clients ask the user first)."""

from __future__ import annotations

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.io.office_crypto import WrongPassword
from rm_desktop.io.readers import read_workbook
from rm_desktop.io.sheet_digest import sheets_digest
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.exporting import export_archive
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD

STRONG = "Archive pass 2026"


@pytest.fixture
def book(vault):
    create_client(vault, {"name": "张三", "customer_no": "C1", "phone": ["13800138000"], "occupation": "教师"})
    return vault


def test_an_archive_with_a_password_is_encrypted_and_imports_with_it(book, tmp_path):
    path = tmp_path / "archive.xlsx"
    counts = export_archive(book, path, password=STRONG)
    data = path.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert "张三".encode() not in data and b"13800138000" not in data
    read = read_workbook(path, STRONG)
    assert read.encrypted and [s.name for s in read.sheets][:3] == [lay.CLIENTS_SHEET, "持仓", "往来记录"]
    assert sheets_digest((s.name, s.rows) for s in read.sheets) == counts["sha256"]
    with pytest.raises(WrongPassword):
        read_workbook(path, "Not the pass 2026")
    other = create_vault(tmp_path / "other", PASSWORD, kdf=FAST_KDF)
    try:
        preview = preview_import(other, path, sheet=lay.CLIENTS_SHEET, password=STRONG)
        assert [row.result.values["name"] for row in preview.rows] == ["张三"]
    finally:
        other.lock()


@pytest.mark.parametrize("weak", ["", "123456", "12345678", "aaaaaaaa", "password", "qwertyui"])
def test_a_weak_or_empty_password_writes_nothing(book, tmp_path, weak):
    path = tmp_path / "archive.xlsx"
    with pytest.raises(UserError, match="太弱"):
        export_archive(book, path, password=weak)
    assert list(tmp_path.iterdir()) == [tmp_path / "vault"]


def test_no_password_is_a_plaintext_workbook(book, tmp_path):
    path = tmp_path / "archive.xlsx"
    export_archive(book, path, password=None)
    assert path.read_bytes()[:2] == b"PK" and not read_workbook(path).encrypted
