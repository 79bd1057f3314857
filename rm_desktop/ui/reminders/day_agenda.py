"""The calendar's day list: the selected day's reminders grouped by kind (约见, 到期, 生日 …),
each group a bold header with its count and the kind's colour mark, in the engine's kind order.

Two levels (grouped_model.TwoLevelModel): kind → reminders.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.reminders import Reminder
from rm_desktop.services.reminders.today import group_by_kind
from rm_desktop.ui.reminders.grouped_model import TwoLevelModel
from rm_desktop.ui.reminders.reminder_style import (
    CLIENT_ID_ROLE,
    REMINDER_ROLE,
    SEVERITY_TEXT,
    kind_icons,
    kind_names,
    severity_icons,
    shown_detail,
    shown_title,
)
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import foreground


class DayAgendaModel(TwoLevelModel[Reminder]):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(privacy, parent)
        self._icons: dict | None = None
        self._marks: dict | None = None

    def set_rows(self, reminders: list[Reminder]) -> None:
        self.beginResetModel()
        self._groups = group_by_kind(sorted(reminders, key=Reminder.sort_key))
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def kinds(self) -> list[tuple[str, int]]:
        """(kind, count) per group, top down."""
        return [(kind, len(items)) for kind, items in self._groups]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def headers(self) -> tuple[str, ...]:
        return (self.tr("事项"),)

    # -- data --------------------------------------------------------------------------------
    def reminder(self, index: QModelIndex | QPersistentModelIndex) -> Reminder | None:
        return self.leaf(index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        reminder = self.reminder(index)
        if reminder is None:
            kind, items = self._groups[index.row()]
            if role == Qt.ItemDataRole.DecorationRole:
                if self._marks is None:
                    self._marks = kind_icons()
                return self._marks.get(kind)
            return self.group_cell(index, role, kind_names().get(kind, kind), len(items))
        present = self.privacy.client_present
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_title(reminder, present)
        if role == Qt.ItemDataRole.ToolTipRole:
            detail = shown_detail(reminder, present)
            return shown_title(reminder, present) + ("\n" + detail if detail else "")
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(SEVERITY_TEXT.get(reminder.severity))
        if role == Qt.ItemDataRole.DecorationRole:
            if self._icons is None:
                self._icons = severity_icons()
            return self._icons.get(reminder.severity)
        if role == REMINDER_ROLE:
            return reminder
        if role == CLIENT_ID_ROLE:
            return reminder.client_id
        return None
