"""First run asks who the RM is: name, branch, phone and title go into the new vault's
settings; a refused field is said under it before anything is created."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rm_desktop.services.settings import profile
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.vault.first_run import FirstRunDialog
from tests.conftest import FAST_KDF, PASSWORD


def _dialog(qtbot, vault_dir) -> FirstRunDialog:
    dialog = FirstRunDialog(vault_dir, create=functools.partial(vs.create_vault, kdf=FAST_KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    return dialog


def _fill(dialog: FirstRunDialog, **values: str) -> None:
    for key, value in values.items():
        dialog.profile.edits[key].setText(value)


def test_first_run_stores_the_rm_profile_in_the_vault(qtbot, vault_dir):
    dialog = _dialog(qtbot, vault_dir)
    assert set(dialog.profile.edits) == {"rm_name", "branch_name", "rm_phone", "rm_title"}
    assert all(edit.isVisibleTo(dialog) for edit in dialog.profile.edits.values())
    _fill(dialog, rm_name="张 敏", branch_name="城西支行", rm_phone="138 0013 8000", rm_title="理财经理")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog.error.isVisible(), timeout=20_000)
    assert dialog.vault is not None, dialog.error.text()
    try:
        assert profile.load(dialog.vault.settings) == profile.RmProfile("张敏", "城西支行", "13800138000", "理财经理")
    finally:
        dialog.vault.lock()


def test_a_refused_phone_is_said_under_it_and_no_vault_is_made(qtbot, vault_dir):
    dialog = _dialog(qtbot, vault_dir)
    _fill(dialog, rm_name="张敏", rm_phone="400-820-8820")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.profile.errors["rm_phone"]
    assert error.isVisibleTo(dialog) and "服务号码" in error.text()
    assert not dialog.profile.errors["rm_name"].isVisibleTo(dialog)
    assert dialog.vault is None and not (vault_dir / "vault.header").exists()
    dialog.profile.edits["rm_phone"].clear()  # left empty: allowed, filled in later
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.vault is not None or dialog.error.isVisible(), timeout=20_000)
    assert dialog.vault is not None
    try:
        assert profile.load(dialog.vault.settings).missing == ["网点", "电话", "职务"]
    finally:
        dialog.vault.lock()
