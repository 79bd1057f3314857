"""The calendar's week view: seven day columns (Monday first), one reminder per cell, top down."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.reminders import Reminder
from rm_desktop.ui.reminders.reminder_style import (
    CLIENT_ID_ROLE,
    REMINDER_ROLE,
    SEVERITY_FILL,
    SEVERITY_TEXT,
    kind_names,
    short_date,
    shown_detail,
    shown_title,
    weekday_name,
)
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import fill, foreground


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (Chinese calendars start the week on Monday)."""
    return day - dt.timedelta(days=day.weekday())


class WeekTableModel(QAbstractTableModel):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self.monday = week_of(dt.date.today())
        self._days: list[list[Reminder]] = [[] for _ in range(7)]
        privacy.changed.connect(self._privacy_changed)

    def set_week(self, day: dt.date, reminders: list[Reminder]) -> None:
        """Show the week of ``day`` from ``reminders`` (any dates; the week's are picked)."""
        self.beginResetModel()
        self.monday = week_of(day)
        self._days = [[] for _ in range(7)]
        for reminder in sorted(reminders, key=Reminder.sort_key):
            offset = (reminder.date - self.monday).days
            if 0 <= offset < 7:
                self._days[offset].append(reminder)
        self.endResetModel()

    def clear(self) -> None:
        self.set_week(self.monday, [])

    def day(self, column: int) -> dt.date:
        return self.monday + dt.timedelta(days=column)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else max(len(items) for items in self._days)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            day = self.day(section)
            return f"{weekday_name(day)}\n{short_date(day)}"
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def reminder(self, index: QModelIndex | QPersistentModelIndex) -> Reminder | None:
        if not index.isValid() or not 0 <= index.column() < 7:
            return None
        items = self._days[index.column()]
        return items[index.row()] if 0 <= index.row() < len(items) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        if self.reminder(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        reminder = self.reminder(index)
        if reminder is None:
            return None
        present = self.privacy.client_present
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{kind_names().get(reminder.kind, reminder.kind)}\n{shown_title(reminder, present)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown_detail(reminder, present) or shown_title(reminder, present)
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(SEVERITY_TEXT.get(reminder.severity))
        if role == Qt.ItemDataRole.BackgroundRole:
            return fill(SEVERITY_FILL.get(reminder.severity))
        if role == REMINDER_ROLE:
            return reminder
        if role == CLIENT_ID_ROLE:
            return reminder.client_id
        return None

    def _privacy_changed(self, _on: bool) -> None:
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, 6))
