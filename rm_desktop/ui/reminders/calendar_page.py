"""日历: the month with per-day counts, the selected day's agenda, a week view, a kind filter,
and new appointments from a day (button, or double-click on the day).

The visible month (plus the spill-over weeks) is loaded in the background through
services.reminders.calendar_items; coming days show what the Today page would, past days the
appointments that took place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import QDate, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import KIND_APPOINTMENT, KINDS, Reminder
from rm_desktop.domain.reminders.model import SEVERITY_RANK
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders.compute import calendar_items
from rm_desktop.ui.reminders.appointment_dialog import AppointmentDialog
from rm_desktop.ui.reminders.reminder_dialogs import pydate, qdate
from rm_desktop.ui.reminders.reminder_lists import ReminderListModel
from rm_desktop.ui.reminders.reminder_style import (
    CLIENT_ID_ROLE,
    REMINDER_ROLE,
    SEVERITY_TEXT,
    kind_names,
    overlay,
    short_date,
    weekday_name,
)
from rm_desktop.ui.reminders.week_table import WeekTableModel
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import foreground, themed

BADGE = QColor("#5b6b82")


class ReminderCalendar(QCalendarWidget):
    """A month grid with the number of reminders painted in each day's corner (red when one is
    overdue, amber when one is due now)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: dict[dt.date, tuple[int, str]] = {}
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(True)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._font = QFont()
        self._font.setPointSizeF(max(self._font.pointSizeF() * 0.8, 7))
        self._font.setBold(True)

    def set_counts(self, counts: dict[dt.date, tuple[int, str]]) -> None:
        self.counts = counts
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        super().paintCell(painter, rect, date)
        found = self.counts.get(pydate(date))
        if not found:
            return
        count, severity = found
        painter.save()
        painter.setFont(self._font)
        painter.setPen(foreground(SEVERITY_TEXT.get(severity, BADGE)))
        painter.drawText(
            rect.adjusted(2, 1, -3, -1), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, str(count)
        )
        painter.restore()


class CalendarPage(Page):
    open_client = Signal(int)
    loaded = Signal()
    # Page: loaded at its first showing, then on changing month and after each action; a late
    # result of an older load is ignored.
    load_on_show = "first"

    def __init__(
        self, privacy: Privacy, parent: QWidget | None = None, *, clock: Callable[[], dt.datetime] = dt.datetime.now
    ):
        super().__init__(parent)
        self.vault = None
        self.privacy = privacy
        self.clock = clock
        self.items: list[Reminder] = []
        self._message = ""  # said once the reload after an action is shown

        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), None)
        for kind in KINDS:
            self.kind.addItem(kind_names()[kind], kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._refresh_views())
        self.today_button = QPushButton(self.tr("回到今天"))
        self.today_button.clicked.connect(self.go_today)
        self.new_button = QPushButton(self.tr("新建约见…"))
        self.new_button.setToolTip(self.tr("在所选日期新建约见或提醒（也可双击日期）"))
        self.new_button.clicked.connect(self.new_appointment)

        self.calendar = ReminderCalendar()
        self.calendar.selectionChanged.connect(self._day_changed)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.reload())
        self.calendar.activated.connect(lambda _d: self.new_appointment())
        self.week = WeekTableModel(privacy, self)
        self.week_view = QTableView()
        self.week_view.setModel(self.week)
        self.week_view.setWordWrap(True)
        self.week_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.week_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.week_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week_view.verticalHeader().setDefaultSectionSize(44)
        self.week_view.verticalHeader().setVisible(False)
        self.week_view.doubleClicked.connect(self._open_index)
        self.views = QTabWidget()
        self.views.addTab(self.calendar, self.tr("月视图"))
        self.views.addTab(self.week_view, self.tr("周视图"))

        self.day_label = QLabel()
        self.day_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.agenda = ReminderListModel(privacy, self)
        self.agenda_view = QListView()
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.setWordWrap(True)
        self.agenda_view.activated.connect(self._open_index)
        self.agenda_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agenda_view.customContextMenuRequested.connect(self._agenda_menu)
        self.empty_day = overlay(self.agenda_view)
        self.empty_day.setText(self.tr("这一天没有提醒或约见。\n点“新建约见…”或双击日历中的日期来添加。"))
        self.status = QLabel()
        themed(self.status, "color: $muted;")
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("类型")))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.today_button)
        top.addWidget(self.new_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.day_label)
        right_layout.addWidget(self.agenda_view, 1)
        splitter = QSplitter()
        splitter.addWidget(self.views)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    # -- vault life cycle --------------------------------------------------------------------
    def load(self) -> None:
        self.go_today()

    def detach(self) -> None:
        super().detach()
        self.items = []
        self.calendar.set_counts({})
        self.agenda.clear()
        self.week.clear()
        self.day_label.clear()
        self.status.clear()

    def today(self) -> dt.date:
        return self.clock().date()

    def selected_day(self) -> dt.date:
        return pydate(self.calendar.selectedDate())

    def go_today(self) -> None:
        today = qdate(self.today())
        self.calendar.setSelectedDate(today)
        self.calendar.setCurrentPage(today.year(), today.month())
        self.reload()

    def shown_range(self) -> tuple[dt.date, dt.date]:
        """The days the month grid shows: the month with a week either side (6 rows at most)."""
        first = dt.date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        start = first - dt.timedelta(days=first.weekday() + 7)
        return start, start + dt.timedelta(days=7 * 8 - 1)

    def reload(self) -> None:
        if self.vault is None:
            return
        (start, end), today = self.shown_range(), self.today()
        self.status.setText(self.tr("正在加载日历…"))
        self.run_load(self.tr("日历"), lambda vault: calendar_items(vault, start, end, today), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("日历加载失败：{}").format(str(exc) or type(exc).__name__))

    def _show(self, items: list[Reminder]) -> None:
        self.items = items
        self.status.setText(self._message)
        self._message = ""
        self._refresh_views()
        self.loaded.emit()

    # -- views -------------------------------------------------------------------------------
    def filtered(self) -> list[Reminder]:
        kind = self.kind.currentData()
        return [r for r in self.items if kind is None or r.kind == kind]

    def _refresh_views(self) -> None:
        shown = self.filtered()
        counts: dict[dt.date, list] = defaultdict(lambda: [0, "normal"])
        for reminder in shown:
            entry = counts[reminder.date]
            entry[0] += 1
            if SEVERITY_RANK.get(reminder.severity, 0) > SEVERITY_RANK.get(entry[1], 0):
                entry[1] = reminder.severity
        self.calendar.set_counts({day: (n, severity) for day, (n, severity) in counts.items()})
        self._day_changed()

    def _day_changed(self) -> None:
        day = self.selected_day()
        shown = self.filtered()
        todays = [r for r in shown if r.date == day]
        self.agenda.set_rows(todays)
        self.week.set_week(day, shown)
        self.day_label.setText(self.tr("{} {} · {} 项").format(short_date(day), weekday_name(day), len(todays)))
        self.empty_day.setVisible(not todays and self.vault is not None)

    def _open_index(self, index) -> None:
        client_id = index.data(CLIENT_ID_ROLE)
        if client_id is not None:
            self.open_client.emit(client_id)

    def _agenda_menu(self, pos) -> None:
        index = self.agenda_view.indexAt(pos)
        reminder = index.data(REMINDER_ROLE) if index.isValid() else None
        if reminder is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("打开客户"), lambda: self._open_index(index)).setEnabled(reminder.client_id is not None)
        if reminder.kind == KIND_APPOINTMENT and reminder.ref_id is not None:
            menu.addAction(self.tr("删除约见（含全部重复）…"), lambda: self.delete_appointment(reminder.ref_id))
        menu.popup(self.agenda_view.viewport().mapToGlobal(pos))

    # -- actions -----------------------------------------------------------------------------
    def new_appointment(self) -> None:
        if self.vault is None:
            return
        dialog = AppointmentDialog(self.vault, self.selected_day(), self)
        if dialog.exec() == AppointmentDialog.DialogCode.Accepted:
            self._message = self.tr("已保存：{}").format(dialog.result_value.title)
            self.reload()

    def delete_appointment(self, appointment_id: int) -> None:
        if self.vault is None:
            return
        answer = QMessageBox.question(self, self.tr("删除约见"), self.tr("删除这个约见及其全部重复？"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            appointments.delete_appointment(self.vault, appointment_id)
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self.reload()
