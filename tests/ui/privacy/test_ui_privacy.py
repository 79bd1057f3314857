"""The privacy dialogs driven offscreen (issue 18.5, 18.6): the export's OK waits for a strong
password and writes both encrypted files; the 到期保留 list shows the clients past retention,
an empty state otherwise, and 匿名化 after the confirmation anonymises the ticked ones only."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients.files import create_client, get_client, trash_client
from rm_desktop.ui.privacy.export_dialog import PersonExportDialog
from rm_desktop.ui.privacy.retention_dialog import RetentionDialog

TODAY = dt.date(2026, 3, 2)


def test_export_dialog_needs_a_strong_password_then_writes_both(qtbot, vault, tmp_path, monkeypatch, pdf_font):
    client = create_client(vault, {"name": "欧阳明月", "phone": ["13912345678"]}, today=TODAY)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    dialog = PersonExportDialog(vault, client.id, client.name)
    qtbot.addWidget(dialog)
    dialog.xlsx.setText(str(tmp_path / "me.xlsx"))
    dialog.pdf.setText(str(tmp_path / "me.pdf"))
    assert not dialog.ok_button.isEnabled()
    dialog.first.setText("copy-pass-73qz")
    dialog.again.setText("copy-pass-73qz")
    assert dialog.ok_button.isEnabled()
    dialog.use_xlsx.setChecked(False)
    dialog.use_pdf.setChecked(False)
    assert not dialog.ok_button.isEnabled()
    dialog.use_xlsx.setChecked(True)
    dialog.use_pdf.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.result_rows is not None, timeout=20000)
    assert (tmp_path / "me.xlsx").exists() and (tmp_path / "me.pdf").exists() and shown


def test_retention_list_empty_then_anonymise_the_ticked(qtbot, vault, monkeypatch, qtmodeltester):
    dialog = RetentionDialog(vault, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.table.isVisibleTo(dialog)
    assert not dialog.anonymise_button.isEnabled()

    gone = create_client(vault, {"name": "王流失"}, today=TODAY).id
    also = create_client(vault, {"name": "赵回收"}, today=TODAY).id
    for cid in (gone, also):
        trash_client(vault, cid, now=dt.datetime(2020, 1, 1, 9))
    dialog.reload()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2 and dialog.table.isVisibleTo(dialog)
    dialog.model.setData(dialog.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    dialog.anonymise_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20000)
    assert asked and get_client(vault, gone).name == "W.L.S."
    assert get_client(vault, also).name == "赵回收"
    assert dialog.receipt_button.isEnabled()


def test_the_client_file_opens_the_export_for_its_client(qtbot, vault):
    from rm_desktop.ui.clients.client_file import ClientFileView
    from rm_desktop.ui.widgets.privacy import Privacy

    client = create_client(vault, {"name": "欧阳明月"}, today=TODAY)
    view = ClientFileView(Privacy())
    qtbot.addWidget(view)
    view.show_client(vault, client.id)
    dialog = view.export_person_data()
    assert isinstance(dialog, PersonExportDialog) and dialog.client_id == client.id
    assert "欧阳明月" in dialog.xlsx.text()
    dialog.reject()
