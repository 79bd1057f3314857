"""导出本人数据 asks the purpose (issue 18.3) before writing: the copy is registered with it, and
cancelling the purpose leaves the dialog open with nothing written."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.export_controls import register
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.privacy.export_dialog import PersonExportDialog

SECRET = "copy-pass-73qz"


def _dialog(qtbot, vault, tmp_path):
    client = create_client(vault, {"name": "欧阳明月"}, today=dt.date(2026, 3, 2))
    dialog = PersonExportDialog(vault, client.id, client.name)
    qtbot.addWidget(dialog)
    dialog.xlsx.setText(str(tmp_path / "me.xlsx"))
    dialog.use_pdf.setChecked(False)
    dialog.first.setText(SECRET)
    dialog.again.setText(SECRET)
    return dialog


def test_the_copy_is_registered_with_the_purpose_asked(qtbot, vault, tmp_path, monkeypatch, purposes_asked):
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    dialog = _dialog(qtbot, vault, tmp_path)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.result_rows is not None, timeout=20000)
    [entry] = register.entries(vault)
    assert purposes_asked == ["person"] and entry.kind == "person" and entry.purpose == "client_request"


def test_cancelling_the_purpose_writes_nothing(qtbot, vault, tmp_path, monkeypatch):
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda *_a, **_k: None)
    dialog = _dialog(qtbot, vault, tmp_path)
    dialog.ok_button.click()
    qtbot.wait(200)
    assert not (tmp_path / "me.xlsx").exists() and register.entries(vault) == [] and dialog.result_rows is None
