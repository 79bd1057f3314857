"""Flat reminder lists: today's appointments (Today page). (The calendar's day list is day_agenda.)"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.services.reminders.compute import TodayAppointment
from rm_desktop.ui.reminders.reminder_style import (
    CLIENT_ID_ROLE,
    SORT_ROLE,
    shown_name,
    shown_text,
)
from rm_desktop.ui.widgets.privacy import Privacy


class _PrivateList(QAbstractListModel):
    """A list whose text depends on 客户在场 mode."""

    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self._rows: list = []
        privacy.changed.connect(self._privacy_changed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _privacy_changed(self, _on: bool) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))


class AppointmentListModel(_PrivateList):
    """Today's appointments: "09:30–10:30  王小明：资产配置  @ 网点二楼"."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item: TodayAppointment = self._rows[index.row()]
        present = self.privacy.client_present
        if role == Qt.ItemDataRole.DisplayRole:
            title = shown_text(item.title, item.client_name, present)
            if item.client_name:
                title = self.tr("{}：{}").format(shown_name(item.client_name, present), title)
            text = f"{item.start:%H:%M}–{item.end:%H:%M}  {title}"
            if item.location and not present:
                text += "  @ " + item.location
            return text
        if role == CLIENT_ID_ROLE:
            return item.client_id
        if role == SORT_ROLE:
            return item.start.isoformat()
        return None
