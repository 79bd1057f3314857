"""The GUI says when the vault folder is on a network / OneDrive drive (first run, lock screen,
设置 page) and when the copy to the second backup folder failed; the notification opt-in is a
check box in 设置."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QLineEdit

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import paths
from rm_desktop.ui.settings.settings_dialog import SettingsDialog
from rm_desktop.ui.vault.first_run import FirstRunDialog
from rm_desktop.ui.vault.unlock_page import UnlockPage
from rm_desktop.ui.vault.vault_page import VaultPage


@pytest.fixture
def share(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Everything under ``tmp_path / "share"`` is on a network drive."""
    share = tmp_path / "share"
    monkeypatch.setattr(
        paths,
        "network_location",
        lambda folder, mounts="/proc/mounts": paths.NETWORK if str(folder).startswith(str(share)) else None,
    )
    return share


def test_first_run_warns_while_the_folder_is_on_a_network_drive(qtbot: Any, share: Path, tmp_path: Path) -> None:
    dialog = FirstRunDialog(tmp_path / "local" / "vault")
    qtbot.addWidget(dialog)
    assert dialog.location_warning.isHidden()
    dialog.folder.setText(str(share / "vault"))
    assert not dialog.location_warning.isHidden() and "网络驱动器" in dialog.location_warning.text()
    dialog.folder.setText(str(tmp_path / "local" / "vault"))
    assert dialog.location_warning.isHidden()


def test_the_lock_screen_warns_about_a_vault_on_a_network_drive(qtbot: Any, share: Path, tmp_path: Path) -> None:
    page = UnlockPage()
    qtbot.addWidget(page)
    page.reset(str(share / "vault"))
    assert not page.location_warning.isHidden() and str(share / "vault") in page.location_warning.text()
    page.reset(str(tmp_path / "vault"))
    assert page.location_warning.isHidden()


def test_the_settings_page_shows_a_failed_second_copy(qtbot: Any, vault: vs.Vault, tmp_path: Path) -> None:
    page = VaultPage()
    qtbot.addWidget(page)
    page.attach(vault)
    assert page.warning.isHidden()
    blocked = tmp_path / "blocked"
    blocked.write_text("x", encoding="utf-8")
    vault.settings.set("backup_second_folder", str(blocked / "sub"))
    vs.backup_now(vault)
    page.refresh()  # as after the backup at unlock
    assert not page.warning.isHidden() and "第二备份文件夹" in page.warning.text()
    page.detach()


def test_settings_dialog_has_the_new_settings(qtbot: Any, vault: vs.Vault, tmp_path: Path) -> None:
    dialog = SettingsDialog(vault)
    qtbot.addWidget(dialog)
    names = dialog.editors["reminder_notify_names"]
    folder = dialog.editors["backup_second_folder"]
    assert isinstance(names, QCheckBox) and not names.isChecked()  # off by default
    assert isinstance(folder, QLineEdit)
    names.setChecked(True)
    folder.setText(str(tmp_path / "second"))
    dialog._save()
    assert vault.settings.get("reminder_notify_names") is True
    assert vault.settings.get("backup_second_folder") == str(tmp_path / "second")
