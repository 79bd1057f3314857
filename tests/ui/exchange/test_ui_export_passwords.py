"""The 导入导出 page's passwords, offscreen: the archive export is encrypted unless the user
unticks it and confirms a plaintext file (once per export), the strength rule's reason is shown
while typing, a handover is checked against the receipt typed in, a plain workbook is refused as a
handover, and an encrypted file chosen for import is asked its password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from rm_desktop.io.readers import read_workbook
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange import exporting
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.exchange.password_dialogs import HandoverImportDialog, NewFilePasswordDialog
from rm_desktop.ui.widgets import file_dialogs

STRONG = "Archive pass 2026"


def _page(qtbot, vault):
    create_client(vault, {"name": "王五", "customer_no": "C9", "phone": ["13800138000"]})
    page = ExchangePage()
    qtbot.addWidget(page)
    page.attach(vault)
    return page


def _answering(dialog):
    """exec() as a user pressing OK: accept() (which may refuse), then the result."""
    dialog.exec = lambda: (dialog.accept(), dialog.result())[1]
    return dialog


def _warnings(monkeypatch, answer):
    asked = []

    def warning(_parent, title, text, *_args):
        asked.append(title + text)
        return answer

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return asked


def test_the_archive_dialog_encrypts_by_default_and_shows_why_a_password_is_refused(qtbot, vault):
    page = _page(qtbot, vault)
    dialog = page.archive_password_dialog()
    qtbot.addWidget(dialog)
    assert dialog.encrypt.isChecked() and not dialog.encrypt.isHidden() and not dialog.ok_button.isEnabled()
    for weak in ("123456", "12345678", "aaaaaaaa", "password", "qwertyui"):
        dialog.first.setText(weak)
        dialog.again.setText(weak)
        assert "太弱" in dialog.reason.text() and not dialog.ok_button.isEnabled(), weak
    dialog.first.setText(STRONG)
    assert "不一致" in dialog.reason.text() and not dialog.ok_button.isEnabled()
    dialog.again.setText(STRONG)
    assert dialog.reason.text() == "" and dialog.ok_button.isEnabled() and dialog.password() == STRONG
    page.detach()


def test_an_archive_exported_from_the_page_is_encrypted(qtbot, vault, tmp_path, monkeypatch):
    page = _page(qtbot, vault)
    target = tmp_path / "档案.xlsx"
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    asked = _warnings(monkeypatch, QMessageBox.StandardButton.Yes)
    made = page.archive_password_dialog()
    made.first.setText(STRONG)
    made.again.setText(STRONG)
    monkeypatch.setattr(page, "archive_password_dialog", lambda: _answering(made))
    page.choose_archive()
    qtbot.waitUntil(lambda: "档案.xlsx" in page.last_result, timeout=5000)
    assert "已加密" in page.last_result and asked == []  # no plaintext question for an encrypted file
    data = target.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0") and "王五".encode() not in data
    assert read_workbook(target, STRONG).encrypted
    page.detach()


def test_a_plain_archive_is_confirmed_once_per_export_and_says_plaintext(qtbot, vault, tmp_path, monkeypatch):
    page = _page(qtbot, vault)
    target = tmp_path / "明文.xlsx"
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    asked = _warnings(monkeypatch, QMessageBox.StandardButton.No)
    dialog = _answering(page.archive_password_dialog())
    qtbot.addWidget(dialog)
    dialog.encrypt.setChecked(False)
    assert "明文" in dialog.reason.text() and dialog.ok_button.isEnabled()
    assert dialog.exec() != QDialog.DialogCode.Accepted and len(asked) == 1  # "No" keeps the dialog open
    assert "明文" in asked[0]

    asked = _warnings(monkeypatch, QMessageBox.StandardButton.Yes)
    made = []

    def plain_dialog():
        made.append(_answering(NewFilePasswordDialog("t", "i", allow_plain=True, parent=page)))
        made[-1].encrypt.setChecked(False)
        return made[-1]

    monkeypatch.setattr(page, "archive_password_dialog", plain_dialog)
    for export in (1, 2):
        page.last_result = ""
        page.choose_archive()
        qtbot.waitUntil(lambda: "明文.xlsx" in page.last_result, timeout=5000)
        assert len(asked) == export  # asked once for each export, never more
    assert "明文" in page.last_result and target.read_bytes()[:2] == b"PK"
    page.detach()


def test_the_handover_dialogs_check_password_and_receipt(qtbot, vault, tmp_path, monkeypatch):
    page = _page(qtbot, vault)
    chosen = NewFilePasswordDialog("t", "i", parent=page)
    assert chosen.encrypt.isHidden() and chosen.encrypt.isChecked()  # a handover is never plain
    chosen.first.setText("abcd1234")
    chosen.again.setText("abcd1234")
    assert "太弱" in chosen.reason.text() and not chosen.ok_button.isEnabled()

    path = tmp_path / "h.xlsx"
    sha = export_handover(vault, path, STRONG)["sha256"]
    dialog = HandoverImportDialog(page)
    qtbot.addWidget(dialog)
    dialog.secret.setText(STRONG)
    dialog.receipt_field.setText("12ab")
    assert "64" in dialog.reason.text() and not dialog.ok_button.isEnabled()
    dialog.receipt_field.setText(" ".join(sha[i : i + 8] for i in range(0, 64, 8)).upper())  # as read out
    assert dialog.ok_button.isEnabled() and dialog.receipt() == sha

    seen = []
    wrong = ("0" if sha[0] != "0" else "1") + sha[1:]
    page.handover_preview(str(path), STRONG, confirm=lambda found, _plan: seen.append(found) or False, receipt=wrong)
    qtbot.waitUntil(lambda: "回执不符" in page.last_result, timeout=5000)
    page.handover_preview(
        str(path), STRONG, confirm=lambda found, _plan: seen.append(page.describe(found)), receipt=sha
    )
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert "回执已核对" in seen[0]

    plain = tmp_path / "plain.xlsx"
    exporting.export_archive(vault, plain)  # a plaintext workbook with the archive's sheets
    page.handover_preview(str(plain), STRONG, confirm=lambda found, _plan: seen.append(found))
    qtbot.waitUntil(lambda: "没有加密" in page.last_result, timeout=5000)
    assert "导入" in page.last_result and len(seen) == 1
    page.detach()


def test_an_encrypted_file_chosen_for_import_is_asked_its_password(qtbot, vault, tmp_path, monkeypatch):
    page = _page(qtbot, vault)
    locked, plain = tmp_path / "locked.xlsx", tmp_path / "plain.xlsx"
    exporting.export_archive(vault, locked, password=STRONG)
    exporting.export_archive(vault, plain)
    opened, prompts = [], []
    monkeypatch.setattr(page, "open_import", lambda path, password=None: opened.append((path, password)) or page)
    monkeypatch.setattr(page, "exec", lambda: 0, raising=False)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: prompts.append(a) or (STRONG, True))
    for path in (locked, plain):
        monkeypatch.setattr(file_dialogs, "get_open_path", lambda *_a, _p=path, **_k: str(_p))
        page.choose_import()
    assert opened == [(str(locked), STRONG), (str(plain), None)] and len(prompts) == 1
    page.detach()
