"""The GUI shell driven through real widgets offscreen: first run, unlock, lock, idle lock."""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.vault.first_run import FirstRunDialog
from tests.conftest import FAST_KDF, PASSWORD


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.IniFormat)


@pytest.fixture
def window(qtbot, vault_dir):
    session = VaultSession(vault_dir)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    yield w
    session.lock()


def test_first_run_creates_vault_and_checks_passwords(qtbot, vault_dir):
    dialog = FirstRunDialog(vault_dir, create=functools.partial(vs.create_vault, kdf=FAST_KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.error.isVisible() and "至少" in dialog.error.text()
    assert not vault_dir.exists()
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "不一致" in dialog.error.text()
    dialog.confirm.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted and dialog.vault is not None
    assert (vault_dir / "vault.header").exists()
    dialog.vault.lock()


def test_keyring_unlock_at_start(window, vault):
    vault.lock()
    window.start()
    assert window.stack.currentIndex() == 1 and window.session.vault is not None


def test_unlock_page_wrong_then_right_password(qtbot, window, vault, memory_keyring):
    vault.lock()
    memory_keyring.store.clear()
    window.start()
    page = window.unlock_page
    assert window.stack.currentIndex() == 0
    qtbot.keyClicks(page.password, "wrong password")
    qtbot.keyClick(page.password, Qt.Key_Return)
    assert page.error.isVisible() and "主密码不正确" in page.error.text()
    assert window.session.vault is None
    page.password.clear()
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    assert window.stack.currentIndex() == 1
    assert window.session.vault is not None


def test_ctrl_l_locks_and_drops_key(qtbot, window, vault):
    vault.lock()
    window.start()
    opened = window.session.vault
    window.lock_action.trigger()
    assert window.stack.currentIndex() == 0
    assert window.session.vault is None and opened.locked and bytes(opened._key) == b"\0" * 32
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert not window.backup_action.isEnabled()


def test_idle_lock(qtbot, window, vault):
    vault.lock()
    window.start()
    window.idle.set_minutes(0.002)  # ~120 ms
    window.idle.start()
    qtbot.waitUntil(lambda: window.session.vault is None, timeout=3000)
    assert window.stack.currentIndex() == 0


def test_activity_postpones_idle_lock(qtbot, window, vault):
    vault.lock()
    window.start()
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.start()
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(window.nav, Qt.Key_Shift)
    assert window.session.vault is not None  # 600 ms of activity, still open
    qtbot.waitUntil(lambda: window.session.vault is None, timeout=3000)


def test_damaged_database_offers_latest_backup(qtbot, window, vault, vault_dir):
    vs.backup_now(vault)
    vault.lock()
    for sidecar in ("vault.db-wal", "vault.db-shm"):
        (vault_dir / sidecar).unlink(missing_ok=True)
    (vault_dir / "vault.db").write_bytes(b"garbage" * 1000)
    window.start()
    page = window.unlock_page
    # The keyring key no longer opens the file: stale key or damage, the password tells which.
    assert window.stack.currentIndex() == 0 and not page.restore_button.isVisible()
    page.password.setText(PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    assert page.restore_button.isVisible() and "vault.db" in page.error.text()
    qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    assert window.session.vault is not None  # restored and reopened from the keyring


def test_settings_dialog_saves_vault_settings(qtbot, window, vault):
    from rm_desktop.ui.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(vault, window)
    qtbot.addWidget(dialog)
    dialog.editors["idle_lock_minutes"].setValue(25)
    dialog.editors["backups_kept"].setValue(4)
    dialog._save()
    assert vault.settings.get("idle_lock_minutes") == 25 and vault.settings.get("backups_kept") == 4
