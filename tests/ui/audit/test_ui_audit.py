"""审计日志 dialog: the table (qtmodeltester), filters by action and client, the empty state, 校验
naming a tampered entry, 导出… writing an encrypted file; reached by Ctrl+Shift+U and from the
设置 page; a search and a clipboard copy in the GUI write their entries (counts only)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from rm_desktop.services.audit import log, reading
from rm_desktop.services.clients.files import create_client
from rm_desktop.storage.keyed import raw_connect
from rm_desktop.ui.audit import audit_dialog
from rm_desktop.ui.audit.audit_dialog import AuditDialog
from rm_desktop.ui.clients.clients_page import ClientsPage
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

SECRET = "audit-ui-pass-7"


@pytest.fixture
def dialog(qtbot, vault):
    def make():
        d = AuditDialog(vault, today=dt.date(2026, 3, 2))
        qtbot.addWidget(d)
        return d

    return make


def test_empty_state_then_rows_and_the_model(dialog, vault, qtmodeltester):
    d = dialog()
    assert d.model.rowCount() == 0 and not d.empty.isHidden() and "还没有审计记录" in d.empty.text()
    client = create_client(vault, {"name": "张三"})
    log.record_now(vault, "copy", object=log.client_object(client.id, "张三"), counts={"fields": ["phone"]})
    log.record_now(vault, "search", counts={"rows": 4})
    d.reload()
    qtmodeltester.check(d.model)
    assert d.model.rowCount() == 2 and d.empty.isHidden()
    assert d.model.index(0, 2).data() == "搜索" and d.model.index(0, 5).data() == "行 4"
    assert d.model.index(1, 3).data() == f"client:{client.id} 张*"


def test_filters_by_action_and_client(dialog, vault):
    first = create_client(vault, {"name": "张三"})
    second = create_client(vault, {"name": "李四"})
    for c in (first, second):
        log.record_now(vault, "copy", object=log.client_object(c.id, c.name), counts={"fields": ["phone"]})
    log.record_now(vault, "search", counts={"rows": 1})
    d = dialog()
    d.action.setCurrentIndex(d.action.findData("copy"))
    assert d.model.rowCount() == 2
    d.client.set_client(second.id, "李四")
    assert d.model.rowCount() == 1 and d.model.entries[0].client_id == second.id
    d.action.setCurrentIndex(d.action.findData("search"))
    assert d.model.rowCount() == 0 and "筛选" in d.empty.text()


def test_verify_names_the_tampered_entry(dialog, vault, qtbot, monkeypatch):
    for i in range(4):
        log.record_now(vault, "search", counts={"rows": i})
    d = dialog()
    d.verify()
    qtbot.waitUntil(lambda: d.verdict.text().startswith("完整"))
    conn = raw_connect(str(vault.paths.db), vault.key)
    conn.execute("UPDATE audit_log SET counts = '{}' WHERE seq = 3")
    conn.commit()
    conn.close()
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    d.verify()
    qtbot.waitUntil(lambda: bool(warned))
    assert "第 3 条" in warned[0] and "第 3 条" in d.verdict.text()


def test_export_writes_an_encrypted_file(dialog, vault, qtbot, tmp_path, monkeypatch, purposes_asked):
    log.record_now(vault, "search", counts={"rows": 1})
    target = tmp_path / "audit.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    class Answered:
        def __init__(self, *args, **kwargs):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

        def password(self):
            return SECRET

    monkeypatch.setattr(audit_dialog, "NewFilePasswordDialog", Answered)
    d = dialog()
    d.export()
    qtbot.waitUntil(lambda: "已导出" in d.verdict.text())
    assert target.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    assert reading.entries(vault, action="export_audit")[0].counts["file"] == "audit.xlsx"
    assert d.model.entries[0].action == "export_audit"  # the list shows its own export


def test_a_clipboard_copy_is_recorded_without_its_text(qtbot, vault):
    guard = ClipboardGuard()
    guard.audit_vault = vault
    guard.copy("13800138000", kind="phone", client_id=5, client_name="王五")
    (entry,) = reading.entries(vault, action="copy")
    assert entry.object == "client:5 王*" and entry.counts == {"fields": ["phone"]}
    assert "13800138000" not in repr(entry)
    guard.clear_if_ours()


def test_ctrl_shift_u_opens_the_audit_log_and_a_search_is_recorded(qtbot, vault_dir, vault, monkeypatch):
    opened = []
    monkeypatch.setattr(MainWindow, "open_audit_log", lambda self: opened.append(True))
    session = VaultSession(vault_dir)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    session.adopt(vault)
    w.activateWindow()
    qtbot.waitActive(w)
    qtbot.keyClick(
        w.windowHandle(), Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert opened == [True]
    assert w.clipboard.audit_vault is vault
    session.lock()
    assert w.clipboard.audit_vault is None


def test_a_search_in_the_client_list_is_recorded_as_a_count(attached, vault):
    create_client(vault, {"name": "张三", "phone": ["13800138000"]})
    page = attached(ClientsPage(Privacy(), ClipboardGuard()))
    page.list.search.setText("13800138000")
    page.list.apply_filters()
    (entry,) = reading.entries(vault, action="search")
    assert entry.counts == {"rows": 1} and "13800138000" not in repr(entry)
