"""导出理财规划书 asks the purpose (issue 18.3) after the file is chosen and registers the PDF with
it; cancelling the purpose writes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rm_desktop.services.export_controls import register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.widgets import file_dialogs
from tests.ui.plans.test_ui_plans import client, page  # noqa: F401  # the page and its client


def _saved_plan(qtbot, page, client, tmp_path, monkeypatch):  # noqa: F811
    page.open_client(client)
    qtbot.mouseClick(page.empty_new, Qt.LeftButton)
    page.save()
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    return target


def test_the_export_registers_the_purpose_asked(qtbot, page, client, vault, tmp_path, monkeypatch, pdf_font):  # noqa: F811
    target = _saved_plan(qtbot, page, client, tmp_path, monkeypatch)
    asked = []
    monkeypatch.setattr(
        purpose_dialog, "ask_purpose", lambda _p, kind, *_a, **_k: asked.append(kind) or ExportControl("backup")
    )
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "已导出" in page.message.text(), timeout=15000)
    [entry] = register.entries(vault)
    assert asked == ["plan_pdf"] and entry.kind == "plan_pdf" and entry.purpose == "backup" and target.exists()


def test_cancelling_the_purpose_writes_nothing(qtbot, page, client, vault, tmp_path, monkeypatch):  # noqa: F811
    target = _saved_plan(qtbot, page, client, tmp_path, monkeypatch)
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda *_a, **_k: None)
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    qtbot.wait(200)
    assert not target.exists() and register.entries(vault) == []
