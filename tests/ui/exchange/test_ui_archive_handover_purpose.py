"""导出全部档案 and the handover export ask their purpose (issue 18.3) after the file is chosen
and before the password; the register row carries the purpose answered; Esc in the real
导出用途 dialog writes no file, no register row and no audit entry, and asks no password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from rm_desktop.services.audit import reading
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.export_controls import register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.ui.exchange import exchange_page
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from rm_desktop.ui.exchange.handover_picker import HandoverPickerDialog
from rm_desktop.ui.exchange.password_dialogs import NewFilePasswordDialog
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.widgets import file_dialogs

STRONG = "Archive pass 2026"


@pytest.fixture
def page(qtbot, vault, tmp_path, monkeypatch):
    client = create_client(vault, {"name": "王五", "customer_no": "C9", "phone": ["13800138000"]})
    p = ExchangePage()
    qtbot.addWidget(p)
    p.attach(vault)
    p.client_id = client.id
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *_a, **_k: (str(tmp_path / "out.xlsx"), ""))
    monkeypatch.setattr(NewFilePasswordDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(NewFilePasswordDialog, "password", lambda _self: STRONG)
    yield p
    p.detach()


def _pick(page, monkeypatch):
    monkeypatch.setattr(HandoverPickerDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(HandoverPickerDialog, "client_ids", lambda _self: [page.client_id])


def _escape_the_purpose_dialog(qtbot, seen: list[str]) -> None:
    """The real dialog opens modally: Esc pressed on it once it is the active modal widget."""

    def press():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, purpose_dialog.PurposeDialog):
            QTimer.singleShot(10, press)
            return
        seen.append(dialog.code())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press)


@pytest.mark.parametrize("kind", ["archive", "handover"])
def test_the_purpose_answered_is_registered(qtbot, vault, page, tmp_path, monkeypatch, kind):
    asked: list[str] = []
    monkeypatch.setattr(
        exchange_page, "ask_purpose", lambda _p, k, *_a, **_k: asked.append(k) or ExportControl("regulatory")
    )
    if kind == "archive":
        page.choose_archive()
    else:
        _pick(page, monkeypatch)
        page.choose_handover_export()
    qtbot.waitUntil(lambda: "out.xlsx" in page.last_result, timeout=5000)
    assert asked == [kind]
    (entry,) = register.entries(vault, kind=kind)
    assert entry.purpose == "regulatory" and entry.file_name == "out.xlsx"
    assert (tmp_path / "out.xlsx").read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # encrypted


@pytest.mark.parametrize("kind", ["archive", "handover"])
def test_escape_in_the_purpose_dialog_writes_nothing(qtbot, vault, page, tmp_path, monkeypatch, kind):
    monkeypatch.setattr(exchange_page, "ask_purpose", purpose_dialog.ask_purpose)  # the real dialog
    monkeypatch.setattr(NewFilePasswordDialog, "exec", lambda _self: pytest.fail("no password after Esc"))
    monkeypatch.setattr(ExchangePage, "archive_password_dialog", lambda _self: pytest.fail("no password after Esc"))
    seen: list[str] = []
    _escape_the_purpose_dialog(qtbot, seen)
    before = len(reading.entries(vault))
    if kind == "archive":
        page.choose_archive()
    else:
        _pick(page, monkeypatch)
        page.choose_handover_export()
    # The kind's natural purpose is preselected: 备份留存 for the archive, 客户交接 for a handover.
    assert seen == ["backup" if kind == "archive" else "handover"]
    assert not (tmp_path / "out.xlsx").exists()
    assert register.entries(vault) == [] and len(reading.entries(vault)) == before
