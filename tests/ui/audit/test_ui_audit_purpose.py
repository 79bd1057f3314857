"""审计日志 › 导出… asks the purpose (issue 18.3, 监管报送 preselected) after the file is chosen:
the register row and the entry carry the purpose answered; Esc in the real dialog writes no
file, no register row and asks no password."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from rm_desktop.services.audit import reading
from rm_desktop.services.export_controls import register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.ui.audit import audit_dialog
from rm_desktop.ui.audit.audit_dialog import AuditDialog
from rm_desktop.ui.export_controls import purpose_dialog

SECRET = "audit-ui-pass-7"


class Answered:
    def __init__(self, *_args, **_kwargs):
        pass

    def exec(self):
        return QDialog.DialogCode.Accepted

    def password(self):
        return SECRET


@pytest.fixture
def dialog(qtbot, vault, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "audit.xlsx"), ""))
    d = AuditDialog(vault, today=dt.date(2026, 3, 2))
    qtbot.addWidget(d)
    return d


def test_the_purpose_answered_is_registered(qtbot, vault, dialog, tmp_path, monkeypatch):
    asked: list[str] = []
    note = ExportControl("other", "内部审计抽查")
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda _p, kind, *_a, **_k: asked.append(kind) or note)
    monkeypatch.setattr(audit_dialog, "NewFilePasswordDialog", Answered)
    dialog.export()
    qtbot.waitUntil(lambda: "已导出" in dialog.verdict.text(), timeout=5000)
    assert asked == ["audit"]
    (entry,) = register.entries(vault, kind="audit")
    assert (entry.purpose, entry.note, entry.file_name) == ("other", "内部审计抽查", "audit.xlsx")
    assert reading.entries(vault, action="export_audit")[0].counts["register"] == entry.id
    assert f"导出登记号 {entry.id}" in dialog.verdict.text()


def test_escape_writes_nothing_and_asks_no_password(qtbot, vault, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(audit_dialog, "NewFilePasswordDialog", lambda *_a, **_k: pytest.fail("no password"))
    seen: list[str] = []

    def press():
        shown = QApplication.activeModalWidget()
        if not isinstance(shown, purpose_dialog.PurposeDialog):
            QTimer.singleShot(10, press)
            return
        seen.append(shown.code())
        qtbot.keyClick(shown, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press)
    dialog.export()
    assert seen == ["regulatory"]  # 监管报送, the audit log's natural purpose
    assert not (tmp_path / "audit.xlsx").exists() and register.entries(vault) == []
    assert reading.entries(vault, action="export_audit") == []
