"""日历: a month grid or a week view (remembered between runs), the selected day's list grouped by
kind, a kind filter, ‹ 今天 › to move by month or week, new appointments from a day or a slot, and
导出日历… (Ctrl+E: an .ics file, ui/reminders/ics_export).

The visible month (plus the spill-over weeks) is loaded in the background through
services.reminders.calendar_view; coming days show what the Today page would, past days the
appointments that took place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import KIND_APPOINTMENT, KINDS, Reminder
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders.compute import CalendarView, calendar_view
from rm_desktop.ui.reminders.appointment_dialog import AppointmentDialog
from rm_desktop.ui.reminders.calendar_nav import PeriodBar
from rm_desktop.ui.reminders.day_agenda import DayAgendaModel
from rm_desktop.ui.reminders.ics_export import CalendarExporter
from rm_desktop.ui.reminders.month_view import Legend, ReminderCalendar, day_marks
from rm_desktop.ui.reminders.reminder_dialogs import pydate, qdate
from rm_desktop.ui.reminders.reminder_style import (
    CLIENT_ID_ROLE,
    REMINDER_ROLE,
    kind_names,
    overlay,
    short_date,
    weekday_name,
)
from rm_desktop.ui.reminders.week_table import WeekView, week_of
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

MONTH, WEEK = 0, 1
VIEW_KEY = "calendar/view"  # "month" or "week": the view the page opens on


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
        self.data = CalendarView()
        self._message = ""  # said once the reload after an action is shown

        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部类型"), None)
        for kind in KINDS:
            self.kind.addItem(kind_names()[kind], kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._refresh_views())
        self.nav = PeriodBar()
        self.nav.stepped.connect(self.step)
        self.nav.today.connect(self.go_today)
        self.nav.install_keys(self)
        self.previous_button, self.next_button = self.nav.previous_button, self.nav.next_button
        self.today_button = self.nav.today_button
        self.new_button = QPushButton(self.tr("新建约见…"))
        self.new_button.setToolTip(self.tr("在所选日期新建约见或提醒（也可双击日期或周视图中的时段）"))
        self.new_button.clicked.connect(lambda: self.new_appointment())
        self.exporter = CalendarExporter(self, lambda: self.vault, lambda text: self.status.setText(text))
        self.export_button = self.exporter.button(self.export_calendar)  # and its key on the page

        self.calendar = ReminderCalendar()
        self.calendar.selectionChanged.connect(self._day_changed)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.reload())
        self.calendar.activated.connect(lambda _d: self.new_appointment())
        self.week = WeekView(privacy)
        self.week.day_clicked.connect(self.select_day)
        self.week.opened.connect(self._open_reminder)
        self.week.new_at.connect(self.new_appointment)
        self.week.menu_requested.connect(self.reminder_menu)
        self.views = QTabWidget()
        self.views.addTab(self.calendar, self.tr("月视图"))
        self.views.addTab(self.week, self.tr("周视图"))
        self.views.setCurrentIndex(WEEK if QSettings().value(VIEW_KEY, "month") == "week" else MONTH)
        self.views.currentChanged.connect(self._view_changed)
        self.legend = Legend()

        self.day_label = QLabel()
        set_role(self.day_label, "section")
        self.agenda = DayAgendaModel(privacy, self)
        self.agenda_view = QTreeView()
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.setHeaderHidden(True)
        self.agenda_view.setRootIsDecorated(False)
        self.agenda_view.setWordWrap(True)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.activated.connect(self._open_index)
        self.agenda_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agenda_view.customContextMenuRequested.connect(self._agenda_menu)
        self.empty_day = overlay(self.agenda_view)
        self.empty_day.setText(self.tr("这一天没有提醒或约见。\n点“新建约见…”或双击日历中的日期来添加。"))
        self.status = QLabel()
        themed(self.status, "color: $muted;")
        self._layout()
        self._view_changed(self.views.currentIndex(), remember=False)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.nav)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("类型")))
        top.addWidget(self.kind)
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.views, 1)
        left_layout.addWidget(self.legend)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.day_label)
        right_layout.addWidget(self.agenda_view, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([840, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    # -- vault life cycle --------------------------------------------------------------------
    def load(self) -> None:
        self.go_today()

    def detach(self) -> None:
        super().detach()
        self.data = CalendarView()
        self.calendar.set_marks({}, self.today())
        self.agenda.clear()
        self.week.clear()
        self.day_label.clear()
        self.status.clear()

    @property
    def items(self) -> list[Reminder]:
        return self.data.items

    def today(self) -> dt.date:
        return self.clock().date()

    def selected_day(self) -> dt.date:
        return pydate(self.calendar.selectedDate())

    def select_day(self, day: dt.date) -> None:
        """Select ``day``; a day of another month turns the month grid's page (and reloads)."""
        self.calendar.setSelectedDate(qdate(day))
        if (day.year, day.month) != (self.calendar.yearShown(), self.calendar.monthShown()):
            self.calendar.setCurrentPage(day.year, day.month)

    def go_today(self) -> None:
        self.select_day(self.today())
        self.reload()

    def step(self, direction: int) -> None:
        """A week (week view) or a month (month view) back or on, keeping the weekday or day."""
        if self.views.currentIndex() == WEEK:
            self.select_day(self.selected_day() + dt.timedelta(days=7 * direction))
        else:
            self.select_day(pydate(self.calendar.selectedDate().addMonths(direction)))

    def _view_changed(self, index: int, remember: bool = True) -> None:
        if remember:
            QSettings().setValue(VIEW_KEY, "week" if index == WEEK else "month")
        self._show_period()

    def _show_period(self) -> None:
        if self.views.currentIndex() == WEEK:
            self.nav.show_week(week_of(self.selected_day()))
        else:
            self.nav.show_month(self.calendar.yearShown(), self.calendar.monthShown())

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
        self.run_load(self.tr("日历"), lambda vault: calendar_view(vault, start, end, today), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("日历加载失败：{}").format(str(exc) or type(exc).__name__))

    def _show(self, data: CalendarView) -> None:
        self.data = data
        self.status.setText(self._message)
        self._message = ""
        self._refresh_views()
        self.loaded.emit()

    # -- views -------------------------------------------------------------------------------
    def filtered(self) -> list[Reminder]:
        kind = self.kind.currentData()
        return [r for r in self.data.items if kind is None or r.kind == kind]

    def _refresh_views(self) -> None:
        self.calendar.set_marks(day_marks(self.filtered()), self.today())
        self._day_changed()

    def _day_changed(self) -> None:
        day, shown = self.selected_day(), self.filtered()
        todays = [r for r in shown if r.date == day]
        self.agenda.set_rows(todays)
        self.agenda_view.expandAll()
        self.week.set_week(day, shown, self.data.spans, self.today(), self.clock())
        self.day_label.setText(self.tr("{} {} · {} 项").format(short_date(day), weekday_name(day), len(todays)))
        self.empty_day.setVisible(not todays and self.vault is not None)
        self._show_period()

    def _open_reminder(self, reminder: Reminder) -> None:
        self.select_day(reminder.date)
        if reminder.client_id is not None:
            self.open_client.emit(reminder.client_id)

    def _open_index(self, index) -> None:
        client_id = index.data(CLIENT_ID_ROLE)
        if client_id is not None:
            self.open_client.emit(client_id)

    def _agenda_menu(self, pos) -> None:
        index = self.agenda_view.indexAt(pos)
        reminder = index.data(REMINDER_ROLE) if index.isValid() else None
        if reminder is not None:
            self.reminder_menu(reminder, self.agenda_view.viewport().mapToGlobal(pos))

    def reminder_menu(self, reminder: Reminder, where: QPoint) -> QMenu:
        """The day list's and the week view's menu on one item."""
        menu = QMenu(self)
        client_id = reminder.client_id
        opened = menu.addAction(self.tr("打开客户"), lambda: self.open_client.emit(client_id))
        opened.setEnabled(client_id is not None)
        if reminder.kind == KIND_APPOINTMENT and reminder.ref_id is not None:
            ref_id = reminder.ref_id
            menu.addAction(self.tr("删除约见（含全部重复）…"), lambda: self.delete_appointment(ref_id))
        menu.popup(where)
        return menu

    # -- actions -----------------------------------------------------------------------------
    def export_calendar(self) -> None:
        """导出日历… (ui/reminders/ics_export): from today, names only when ticked."""
        self.exporter.run(self.today(), client_present=self.privacy.client_present)

    def new_appointment(self, at: dt.datetime | None = None) -> None:
        if self.vault is None:
            return
        day, time = (at.date(), at.time()) if at else (self.selected_day(), None)
        dialog = AppointmentDialog(self.vault, day, self, start_time=time)
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
