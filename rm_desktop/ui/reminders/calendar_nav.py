"""The calendar's ‹ 今天 › bar: previous / next (a week in the week view, a month in the month
view), back to today, the period shown; with its keys (Alt+←/→, PgUp/PgDown, Alt+Home), which
the tooltips name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from rm_desktop.ui.reminders.reminder_style import short_date
from rm_desktop.ui.widgets.style import set_role

KEYS = {-1: ("Alt+Left", "PgUp"), 1: ("Alt+Right", "PgDown")}


class PeriodBar(QWidget):
    stepped = Signal(int)  # -1 back, +1 on
    today = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.previous_button, self.next_button = QToolButton(), QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.previous_button.clicked.connect(lambda: self.stepped.emit(-1))
        self.next_button.clicked.connect(lambda: self.stepped.emit(1))
        self.today_button = QPushButton(self.tr("今天"))
        self.today_button.setToolTip(self.tr("回到今天（Alt+Home）"))
        self.today_button.clicked.connect(self.today)
        self.period = QLabel()
        set_role(self.period, "section")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.today_button, self.next_button, self.period):
            layout.addWidget(widget)

    def install_keys(self, owner: QWidget) -> None:
        """The keys, anywhere in ``owner`` (the page) while it has the focus."""
        for keys, slot in (
            (KEYS[-1], lambda: self.stepped.emit(-1)),
            (KEYS[1], lambda: self.stepped.emit(1)),
            (("Alt+Home",), self.today.emit),
        ):
            action = QAction(owner)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            owner.addAction(action)

    def show_week(self, monday: dt.date) -> None:
        sunday = monday + dt.timedelta(days=6)
        self.period.setText(
            self.tr("{year}年 {first} – {last}").format(
                year=monday.year, first=short_date(monday), last=short_date(sunday)
            )
        )
        self.previous_button.setToolTip(self.tr("上一周（Alt+←，PgUp）"))
        self.next_button.setToolTip(self.tr("下一周（Alt+→，PgDown）"))

    def show_month(self, year: int, month: int) -> None:
        # named fields: English puts the month's name first ("December 2026")
        name = QLocale().standaloneMonthName(month)
        self.period.setText(self.tr("{year}年{month}月").format(year=year, month=month, month_name=name))
        self.previous_button.setToolTip(self.tr("上个月（Alt+←，PgUp）"))
        self.next_button.setToolTip(self.tr("下个月（Alt+→，PgDown）"))
