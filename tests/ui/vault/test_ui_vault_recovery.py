"""The lock screen when the database is missing or damaged (issue 13.6, 13.12): it says which,
offers the latest backup, and the restore (confirmed with its plan, the backup's password asked
for when the current key does not open it) brings the clients back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import func, select

from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage.models import Client
from tests.conftest import PASSWORD
from tests.damage import damage_pages


@pytest.fixture
def confirmed(monkeypatch):
    """Yes to the restore's confirmation; the texts it showed."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_k: asked.append(args[2]) or QMessageBox.Yes)
    return asked


def _names(vault):
    return sorted(row.name for row in search_clients(vault, ClientQuery()))


def test_a_missing_database_offers_the_latest_backup(qtbot, window, vault, vault_dir, confirmed, monkeypatch):
    clients.create_client(vault, {"name": "张三"})
    latest = vs.backup_now(vault)
    vault.lock()
    (vault_dir / "vault.db").unlink()
    window.start()  # the keyring copy: the vault would open at once, were the database there
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.restore_button.isVisible(), timeout=5000)
    assert "vault.db 不见了" in page.error.text() and latest.name in page.error.text()
    assert not (vault_dir / "vault.db").exists()
    asked_password = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **_k: asked_password.append(args[2]) or (PASSWORD, True))
    qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=5000)
    assert len(asked_password) == 1  # no database: the key must come from the backup's header
    assert len(confirmed) == 1 and "1 位客户" in confirmed[0] and "当前没有数据库文件" in confirmed[0]
    assert _names(window.session.vault) == ["张三"]


def test_damage_found_by_the_backup_at_unlock_locks_and_offers_the_latest(qtbot, window, vault, vault_dir, confirmed):
    for i in range(400):
        clients.create_client(vault, {"name": f"客户{i:03d}"})
    latest = vs.backup_now(vault)
    vault.lock()
    damage_pages(vault_dir / "vault.db", 0.85, 0.95)  # client rows: it opens, the check fails
    before = sorted(p.name for p in (vault_dir / "backups").iterdir())
    window.start()
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.restore_button.isVisible(), timeout=10000)
    assert window.session.vault is None and window.stack.currentIndex() == 0  # locked again
    assert "档案库数据库已损坏" in page.error.text() and latest.name in page.error.text()
    assert sorted(p.name for p in (vault_dir / "backups").iterdir()) == before  # no damaged backup
    qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=10000)
    assert len(confirmed) == 1 and "400 位客户" in confirmed[0]
    with window.session.vault.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == 400
    assert len(list((vault_dir / "backups").glob("before-restore-*.rmbak"))) == 1  # the damaged state, kept aside


def test_the_settings_page_confirms_with_the_plan_and_the_backups_password(
    qtbot, vault, vault_dir, confirmed, monkeypatch
):
    from rm_desktop.services.vault import rekeying
    from rm_desktop.ui.vault.vault_page import VaultPage

    clients.create_client(vault, {"name": "张三"})
    vs.backup_now(vault)
    clients.create_client(vault, {"name": "李四"})
    rekeying.change_password(vault, PASSWORD, "a later long password 5")  # the backup keeps the old key
    page = VaultPage()
    qtbot.addWidget(page)
    page.attach(vault)
    page.backup_list.setCurrentRow(page.backup_list.count() - 1)  # the oldest: before the change
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **_k: asked.append(args[2]) or (PASSWORD, True))
    with qtbot.waitSignal(page.restore_requested, timeout=5000) as emitted:
        page.restore_button.click()
    assert len(asked) == 1 and "该备份制作时的主密码" in asked[0]
    assert "1 位客户" in confirmed[0] and "将替换当前数据：2 位客户" in confirmed[0]
    assert "恢复后需使用该备份制作时" in confirmed[0]
    assert emitted.args[1] == PASSWORD  # the window restores with the password that opened it


def test_the_integrity_check_sums_up_damaged_pages(qtbot, vault, vault_dir, monkeypatch):
    from rm_desktop.ui.vault.vault_page import VaultPage

    for i in range(400):
        clients.create_client(vault, {"name": f"客户{i:03d}"})
    vault.lock()
    damage_pages(vault_dir / "vault.db", 0.85, 0.95)
    damaged = vs.unlock(vault_dir, PASSWORD, backup=False)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **_k: warned.append(args[2]))
    page = VaultPage()
    qtbot.addWidget(page)
    page.attach(damaged)
    try:
        page.check()
        qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    finally:
        page.detach()
        damaged.lock()
    assert "HMAC" in warned[0] and "另有" in warned[0] and "\n" not in warned[0]
