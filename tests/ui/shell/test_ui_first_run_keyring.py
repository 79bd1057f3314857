"""First run when the keyring fails (Credential Manager in a remote session raises a plain
Exception): the vault is still created, the dialog closes, and the notice says why the next start
asks for the password."""

from __future__ import annotations

import functools

import keyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.vault.first_run import FirstRunDialog
from tests.conftest import FAST_KDF, PASSWORD
from tests.keyrings import FailingKeyring


def test_first_run_with_a_failing_keyring_creates_the_vault(qtbot, vault_dir):
    keyring.set_keyring(FailingKeyring())
    dialog = FirstRunDialog(vault_dir, create=functools.partial(vs.create_vault, kdf=FAST_KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    assert dialog.remember.isChecked()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog.error.isVisible(), timeout=20_000)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.vault is not None
    assert dialog.vault.notice and "钥匙串不可用" in dialog.vault.notice
    assert (vault_dir / "vault.header").exists()
    dialog.vault.lock()
    vs.unlock(vault_dir, PASSWORD).lock()  # the password opens it
