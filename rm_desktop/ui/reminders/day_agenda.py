"""The calendar's day list: the selected day's reminders grouped by kind (约见, 到期, 生日 …),
each group a bold header with its count and the kind's colour mark, in the engine's kind order.

Two levels: a group row has ``internalId`` 0, a reminder row 1 + its group's row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.reminders import Reminder
from rm_desktop.services.reminders.compute import group_by_kind
from rm_desktop.ui.reminders.grouped_model import GroupedModel
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


class DayAgendaModel(GroupedModel):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(privacy, parent)
        self._groups: list[tuple[str, list[Reminder]]] = []
        self._icons: dict | None = None
        self._marks: dict | None = None

    def set_rows(self, reminders: list[Reminder]) -> None:
        self.beginResetModel()
        self._groups = group_by_kind(sorted(reminders, key=Reminder.sort_key))
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def total(self) -> int:
        return sum(len(items) for _kind, items in self._groups)

    def kinds(self) -> list[tuple[str, int]]:
        """(kind, count) per group, top down."""
        return [(kind, len(items)) for kind, items in self._groups]

    # -- structure ---------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == 0 and parent.column() == 0 and row < len(self._groups[parent.row()][1]):
            return self.createIndex(row, 0, 1 + parent.row())
        return QModelIndex()

    def parent_of(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        iid = index.internalId()
        return QModelIndex() if iid == 0 else self.createIndex(iid - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() == 0 and parent.internalId() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 1

    def headers(self) -> tuple[str, ...]:
        return (self.tr("事项"),)

    def is_item(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.internalId() > 0

    # -- data --------------------------------------------------------------------------------
    def reminder(self, index: QModelIndex | QPersistentModelIndex) -> Reminder | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

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
