"""The 工作报告 page asks each export's purpose (issue 18.3) after the file is chosen and registers
the file with it; cancelling the purpose writes nothing."""

from __future__ import annotations

from rm_desktop.services.export_controls import register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.reports import report_actions
from tests.ui.reports.test_ui_reports_page import book, page  # noqa: F401  # the page on its book


def test_the_xlsx_export_asks_and_registers_the_purpose(qtbot, page, vault, tmp_path, monkeypatch):  # noqa: F811
    target = tmp_path / "own.xlsx"
    monkeypatch.setattr(report_actions.file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    asked: list[str] = []

    def answer(_parent, kind, _fields=(), *, what=""):
        asked.append(what)
        return ExportControl("regulatory")

    monkeypatch.setattr(purpose_dialog, "ask_purpose", answer)
    page.outputs.buttons["xlsx"].click()
    qtbot.waitUntil(lambda: target.exists() and bool(register.entries(vault)), timeout=20000)
    [entry] = register.entries(vault)
    assert asked == ["导出 Excel"] and entry.kind == "report" and entry.purpose == "regulatory"
    assert entry.file_name == "own.xlsx" and entry.client_count == 1  # the RM's own copy names the client


def test_cancelling_the_purpose_writes_nothing(qtbot, page, vault, tmp_path, monkeypatch):  # noqa: F811
    target = tmp_path / "own.pdf"
    monkeypatch.setattr(report_actions.file_dialogs, "get_save_path", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda *_a, **_k: None)
    page.outputs.buttons["pdf"].click()
    qtbot.wait(200)
    assert not target.exists() and register.entries(vault) == []
