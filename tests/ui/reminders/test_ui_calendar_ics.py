"""日历 › 导出日历… (Ctrl+E) end to end offscreen: the real range dialog (today → +90 days, 含客户姓名
off), the save dialog, the purpose asked only with names, the file read back by two parsers
(icalendar and vobject) with its X-RM-EXPORT-ID the register row's; no name, note or place
without 含客户姓名; Esc in either dialog writes nothing; a policy forbidding ICS refuses first."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import vobject
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.export_controls import register
from rm_desktop.services.export_controls.marks import register_id_of
from rm_desktop.services.reminders import appointments
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.reminders.calendar_page import CalendarPage
from rm_desktop.ui.reminders.ics_export import IcsExportDialog
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.privacy import Privacy
from tests.policy_env import install

NOW = dt.datetime(2026, 3, 4, 9, 0)
NAME, PLACE, NOTE = "王小明", "网点二楼贵宾室", "带上基金对账单"


@pytest.fixture
def page(qtbot, vault, tmp_path, monkeypatch):
    wang = create_client(vault, {"name": NAME, "birth_date": "1980-03-20"}, today=NOW.date()).id
    at = dt.datetime(2026, 3, 10, 14, 0)
    appointments.add_appointment(vault, at, f"{NAME}资产配置面谈", client_id=wang, location=PLACE, notes=NOTE)
    saved: list[str] = []

    def save_path(_parent, kind, _title, name, _filters):
        saved.append(f"{kind}:{name}")
        return str(tmp_path / "calendar.ics"), ""

    monkeypatch.setattr(file_dialogs, "get_save_path", save_path)
    p = CalendarPage(Privacy(), clock=lambda: NOW)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=10_000):
        p.attach(vault)
    p.saved = saved
    yield p
    p.detach()


def _on_next(qtbot, kind, act) -> list:
    """``act(dialog)`` once a modal ``kind`` is the active modal widget (the real dialog's exec)."""
    seen: list = []

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, look)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, look)
    return seen


def _accept(dialog: IcsExportDialog, names: bool = False) -> None:
    assert (dialog.choice().start, dialog.choice().end) == (NOW.date(), NOW.date() + dt.timedelta(days=90))
    assert not dialog.names.isChecked()  # the minimum by default
    dialog.names.setChecked(names)
    dialog.ok_button.click()


def _exported(qtbot, page, tmp_path) -> str:
    qtbot.waitUntil(lambda: "已导出" in page.status.text(), timeout=10_000)
    return (tmp_path / "calendar.ics").read_text(encoding="utf-8")


def _events(text: str) -> list:
    """The file's events through icalendar, checked against vobject's reading of it."""
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    other = vobject.readOne(text)
    assert len(other.vevent_list) == len(events) > 0
    assert {str(e["summary"]) for e in events} == {e.summary.value for e in other.vevent_list}
    return events


def test_without_names_no_purpose_is_asked_and_no_name_is_written(qtbot, vault, page, tmp_path, purposes_asked):
    seen = _on_next(qtbot, IcsExportDialog, _accept)
    page.export_button.click()
    text = _exported(qtbot, page, tmp_path)
    assert seen and purposes_asked == [] and page.saved == ["ics:日历_20260304-20260602.ics"]
    events = _events(text)
    (entry,) = register.entries(vault, kind="ics")
    assert {register_id_of(str(e["x-rm-export-id"])) for e in events} == {entry.id}
    assert entry.client_count == 0 and "name" not in entry.fields and entry.purpose == "other"
    for secret in (NAME, PLACE, NOTE, "小明"):
        assert secret not in text, secret
    assert "仅姓名首字母" in page.status.text()


def test_with_names_the_purpose_is_asked_and_registered(qtbot, vault, page, tmp_path, purposes_asked):
    _on_next(qtbot, IcsExportDialog, lambda d: _accept(d, names=True))
    page.export_button.click()
    text = _exported(qtbot, page, tmp_path)
    assert purposes_asked == ["ics"]
    summaries = {str(e["summary"]) for e in _events(text)}
    assert any(NAME in s for s in summaries) and PLACE in text
    (entry,) = register.entries(vault, kind="ics")
    assert entry.client_count == 1 and "name" in entry.fields
    assert f"rm-desktop-export:{entry.id}" in text.replace("\r\n ", "")


def test_escape_in_the_purpose_dialog_writes_nothing(qtbot, vault, page, tmp_path):
    _on_next(qtbot, IcsExportDialog, lambda d: _accept(d, names=True))
    seen = _on_next(qtbot, purpose_dialog.PurposeDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    page.export_button.click()
    assert len(seen) == 1 and seen[0].code() == "other"  # the calendar's natural purpose preselected
    assert not (tmp_path / "calendar.ics").exists() and register.entries(vault) == []


def test_escape_in_the_range_dialog_and_a_bad_range(qtbot, vault, page, tmp_path):
    def check_and_escape(dialog):
        dialog.end.setDate(dialog.start.date().addDays(-1))
        assert not dialog.ok_button.isEnabled() and dialog.reason.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    seen = _on_next(qtbot, IcsExportDialog, check_and_escape)
    page.export_button.click()
    assert seen and page.saved == [] and register.entries(vault) == []


def test_ctrl_e_on_the_page_opens_the_export(qtbot, vault, page):
    seen = _on_next(qtbot, IcsExportDialog, lambda d: d.reject())
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    page.agenda_view.setFocus()
    qtbot.keyClick(page.agenda_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert "Ctrl+E" in page.export_button.toolTip()


def test_client_present_keeps_names_out(qtbot, vault, page):
    page.privacy.set_client_present(True)
    seen = _on_next(qtbot, IcsExportDialog, lambda d: d.reject())
    page.export_calendar()
    assert not seen[0].names.isEnabled() and not seen[0].names.isChecked()


def test_a_policy_forbidding_ics_refuses_before_the_dialog(qtbot, vault, page, tmp_path, monkeypatch):
    install(monkeypatch, tmp_path, {"exports": {"ics": "forbidden"}})
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    monkeypatch.setattr(IcsExportDialog, "exec", lambda _self: pytest.fail("no dialog under the policy"))
    page.export_calendar()
    assert len(warned) == 1 and register.entries(vault) == []
