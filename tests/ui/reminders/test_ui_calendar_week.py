"""The calendar's week view, month marks and day list, driven through real widgets offscreen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.reminders import appointments
from rm_desktop.ui.reminders import calendar_page as calendar_module
from rm_desktop.ui.reminders.appointment_dialog import AppointmentDialog
from rm_desktop.ui.reminders.calendar_page import MONTH, WEEK, CalendarPage
from rm_desktop.ui.reminders.month_view import today_outline
from rm_desktop.ui.reminders.reminder_style import GRAPHIC_CONTRAST
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import contrast

NOW = dt.datetime(2026, 3, 4, 9, 0)  # a Wednesday
MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def week(vault):
    """Tuesday: three overlapping meetings from 14:00 and five all-day reminders; Thursday: a
    client's birthday."""
    wang = create_client(vault, {"name": "王小明", "birth_date": "1980-03-05"}, today=MONDAY).id
    tuesday = MONDAY + dt.timedelta(days=1)
    add = appointments.add_appointment
    add(vault, dt.datetime.combine(tuesday, dt.time(14, 0)), "资产配置面谈", client_id=wang, location="网点二楼")
    add(vault, dt.datetime.combine(tuesday, dt.time(14, 30)), "电话回访", duration_minutes=30)
    add(vault, dt.datetime.combine(tuesday, dt.time(16, 0)), "晨会复盘", duration_minutes=30)
    for i in range(5):
        appointments.add_custom_reminder(vault, tuesday, f"准备材料{i + 1}")
    return wang


def _page(qtbot, vault, view=WEEK):
    page = CalendarPage(Privacy(), clock=lambda: NOW)
    qtbot.addWidget(page)
    page.views.setCurrentIndex(view)
    page.resize(1280, 760)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.attach(vault)
    return page


def _keys(qtbot, page, key, modifier=Qt.KeyboardModifier.NoModifier):
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(page.week.grid, key, modifier)


def test_next_and_previous_move_a_week_and_today_comes_back(qtbot, vault, week):
    page = _page(qtbot, vault)
    assert page.selected_day() == NOW.date() and page.week.monday == MONDAY
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.selected_day() == NOW.date() + dt.timedelta(days=7)
    assert page.week.monday == MONDAY + dt.timedelta(days=7) and page.week.bar.day(0) == page.week.monday
    _keys(qtbot, page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.week.monday == MONDAY + dt.timedelta(days=14)
    _keys(qtbot, page, Qt.Key.Key_PageUp)
    assert page.week.monday == MONDAY + dt.timedelta(days=7)
    assert "PgUp" in page.previous_button.toolTip() and "Alt" in page.next_button.toolTip()
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.selected_day() == NOW.date() and page.week.monday == MONDAY


def test_the_month_view_steps_a_month(qtbot, vault):
    page = _page(qtbot, vault, MONTH)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.selected_day() == dt.date(2026, 4, 4) and page.calendar.monthShown() == 4
    assert "月" in page.previous_button.toolTip()


def test_an_appointment_at_14_is_in_the_14_row_of_its_day(qtbot, vault, week):
    page = _page(qtbot, vault)
    grid = page.week.grid
    blocks = {item.span.title: (rect, item) for rect, item in grid.blocks()}
    rect, item = blocks["资产配置面谈"]
    geometry = grid.grid()
    assert item.day == 1 and geometry.day_at(rect.center().x()) == 1  # Tuesday's column
    assert geometry.y_of(14 * 60) <= rect.top() < geometry.y_of(14 * 60 + 5)
    assert abs(rect.bottom() - geometry.y_of(15 * 60)) <= 2
    # 14:00–15:00 and 14:30–15:00 overlap: side by side, half a column each; 16:00 has it all.
    other, _ = blocks["电话回访"]
    alone, _ = blocks["晨会复盘"]
    assert rect.right() <= other.left() and rect.width() < geometry.day_width / 2
    assert alone.width() > geometry.day_width - 4
    tip = grid.tooltip_at(rect.center())
    assert "14:00–15:00" in tip and "资产配置面谈" in tip and "王小明" in tip and "网点二楼" in tip
    page.privacy.set_client_present(True)
    tip = grid.tooltip_at(rect.center())
    assert "王小明" not in tip and "W.X.M." in tip and "网点二楼" not in tip


def test_double_click_opens_the_client_or_starts_an_appointment_at_the_slot(qtbot, vault, week, monkeypatch):
    page = _page(qtbot, vault)
    grid = page.week.grid
    rect = next(rect for rect, item in grid.blocks() if item.span.title == "资产配置面谈")
    page.week.area.ensureVisible(0, int(rect.center().y()))
    with qtbot.waitSignal(page.open_client) as opened:
        qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert opened.args == [week]
    seen = []

    def fake_exec(dialog):
        seen.append((dialog.date.date().toPython(), dialog.time.time().toString("HH:mm"), dialog.changes.dirty()))
        return AppointmentDialog.DialogCode.Rejected

    monkeypatch.setattr(AppointmentDialog, "exec", fake_exec)
    geometry = grid.grid()
    free = QPoint(int(geometry.day_x(4) + 10), int(geometry.y_of(10 * 60 + 40)))  # Friday 10:40
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=free)
    assert seen == [(MONDAY + dt.timedelta(days=4), "10:30", False)]  # a fresh form: nothing to discard


def test_a_full_day_shows_a_more_lane_that_lists_the_rest(qtbot, vault, week):
    page = _page(qtbot, vault)
    bar = page.week.bar
    assert bar.lanes.rows == 3 and bar.lanes.shown[1] == 2 and bar.lanes.more[1] == 3
    more = next(rect for rect, day, reminder, hidden in bar.chips() if reminder is None)
    tip = bar.tooltip_at(more.center())
    assert tip.count("准备材料") == 3
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=more.center().toPoint())
    assert page.selected_day() == MONDAY + dt.timedelta(days=1)  # the day list shows all five
    assert ("custom", 5) in page.agenda.kinds()
    # the birthday (Thursday) is in Thursday's lane, not in the hour grid
    assert [r.kind for r in bar.days[3]] == ["birthday"]
    assert all(item.reminder.kind == "appointment" for item in page.week.grid.timed)


def test_the_day_list_groups_by_kind_with_counts(qtbot, vault, week):
    page = _page(qtbot, vault)
    page.select_day(MONDAY + dt.timedelta(days=1))
    assert page.agenda.kinds() == [("appointment", 3), ("custom", 5)]
    header = page.agenda.index(0, 0)
    assert page.agenda.data(header) == "约见（3）" and page.agenda.rowCount(header) == 3
    first = page.agenda.reminder(page.agenda.index(0, 0, header))
    assert first is not None and first.title.startswith("14:00")
    assert page.agenda_view.isExpanded(header)
    page.kind.setCurrentIndex(page.kind.findData("custom"))
    assert page.agenda.kinds() == [("custom", 5)] and page.week.grid.timed == []


def test_the_chosen_view_is_remembered(qtbot, vault):
    page = _page(qtbot, vault, MONTH)
    page.views.setCurrentIndex(WEEK)
    again = CalendarPage(Privacy(), clock=lambda: NOW)
    qtbot.addWidget(again)
    assert again.views.currentIndex() == WEEK
    page.views.setCurrentIndex(MONTH)
    assert CalendarPage(Privacy(), clock=lambda: NOW).views.currentIndex() == MONTH
    assert QSettings().value(calendar_module.VIEW_KEY) == "month"


def _palette(window: str, base: str, text: str, highlight: str) -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize(
    "palette",
    [
        pytest.param(("#efefef", "#ffffff", "#000000", "#a8d4ff"), id="light-pale-highlight"),
        pytest.param(("#2b2b2b", "#1e1e1e", "#e0e0e0", "#0b3d6b"), id="dark-deep-highlight"),
    ],
)
def test_todays_frame_stands_out_in_light_and_dark(qapp, palette):
    colours = _palette(*palette)
    frame = today_outline(False, colours)
    assert contrast(frame, colours.color(QPalette.ColorRole.Base)) >= GRAPHIC_CONTRAST
    selected = today_outline(True, colours)
    assert contrast(selected, colours.color(QPalette.ColorRole.Highlight)) >= GRAPHIC_CONTRAST


def test_month_marks_name_each_kind_of_the_day(qtbot, vault, week):
    page = _page(qtbot, vault, MONTH)
    tuesday = page.calendar.marks[MONDAY + dt.timedelta(days=1)]
    assert tuesday.count == 8 and tuesday.kinds == ("appointment", "custom")
    assert "约见" in page.legend.text() and "生日" in page.legend.text()


def test_a_blocks_menu_deletes_its_appointment(qtbot, vault, week, monkeypatch):
    page = _page(qtbot, vault)
    grid = page.week.grid
    rect = next(rect for rect, item in grid.blocks() if item.span.title == "晨会复盘")
    at = rect.center().toPoint()
    QApplication.sendEvent(grid, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, grid.mapToGlobal(at)))
    [menu] = [menu for menu in page.findChildren(QMenu) if menu.isVisible()]
    opened, delete = menu.actions()
    assert not opened.isEnabled()  # no client on this one
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    menu.close()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        delete.trigger()
    assert "晨会复盘" not in [block.span.title for _rect, block in grid.blocks()]


def test_arrow_keys_in_the_week_move_the_selected_day(qtbot, vault):
    page = _page(qtbot, vault)
    qtbot.keyClick(page.week.grid, Qt.Key.Key_Left)
    assert page.selected_day() == NOW.date() - dt.timedelta(days=1)
    qtbot.keyClick(page.week.bar, Qt.Key.Key_Right)
    qtbot.keyClick(page.week.bar, Qt.Key.Key_Right)
    assert page.selected_day() == NOW.date() + dt.timedelta(days=1) and page.week.grid.selected == page.selected_day()
    # Sunday → Monday: the next week comes in (7 days on from this Monday)
    for _ in range(5):
        qtbot.keyClick(page.week.grid, Qt.Key.Key_Right)
    assert page.week.monday == MONDAY + dt.timedelta(days=7)
