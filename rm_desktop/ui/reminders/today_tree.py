"""The Today page's tree: sections (overdue, today, next 7 days) → kinds → reminders.

Three fixed levels, so each index carries its parent in ``internalId``: 0 for a section,
1 + section for a kind group, and ``_ITEM_BASE + section * _GROUPS + group`` for a reminder.
Rows are plain :class:`Reminder` values from services.reminders; group rows show counts. A
group of today_view's sorts itself when first read, so a folded group's rows are never sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.reminders import Reminder
from rm_desktop.services.reminders.today import TodayView
from rm_desktop.ui.reminders.grouped_model import GroupedModel
from rm_desktop.ui.reminders.reminder_style import (
    CLIENT_ID_ROLE,
    REMINDER_ROLE,
    SEVERITY_TEXT,
    SORT_ROLE,
    kind_names,
    section_names,
    severity_icons,
    short_date,
    shown_detail,
    shown_title,
)
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import foreground

_GROUPS = 64  # more than the engine's kinds
_ITEM_BASE = 1 + 3 * _GROUPS


class Col(IntEnum):
    TITLE = 0
    DATE = 1
    DETAIL = 2


_COLUMNS = len(Col)


class TodayTreeModel(GroupedModel):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(privacy, parent)
        # [(section code, [(kind, [Reminder])])]; only non-empty sections are kept.
        self._sections: list[tuple[str, Sequence[tuple[str, Sequence[Reminder]]]]] = []
        self._icons: dict | None = None

    def set_view(self, view: TodayView | None) -> None:
        self.beginResetModel()
        self._sections = [] if view is None else view.groups()
        self.endResetModel()

    def clear(self) -> None:
        self.set_view(None)

    def total(self) -> int:
        return sum(len(items) for _code, groups in self._sections for _kind, items in groups)

    def section_codes(self) -> list[str]:
        return [code for code, _groups in self._sections]

    def group_kind(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """The kind of a kind group's row (its reminders are not read: not sorted for it)."""
        iid = index.internalId()
        if not index.isValid() or iid == 0 or iid >= _ITEM_BASE:
            return None
        return self._sections[iid - 1][1][index.row()][0]

    # -- structure ---------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        # Bounds checked here rather than with hasIndex(): the view calls this for every row
        # it lays out, and each call into Qt costs more than the arithmetic.
        if not 0 <= column < _COLUMNS or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._sections) else QModelIndex()
        pid = parent.internalId()
        if parent.column() != 0:
            return QModelIndex()
        if pid == 0:  # parent is a section: a kind group
            groups = self._sections[parent.row()][1]
            return self.createIndex(row, column, 1 + parent.row()) if row < len(groups) else QModelIndex()
        if pid < _ITEM_BASE:  # parent is a kind group: a reminder
            items = self._sections[pid - 1][1][parent.row()][1]
            if row < len(items):
                return self.createIndex(row, column, _ITEM_BASE + (pid - 1) * _GROUPS + parent.row())
        return QModelIndex()

    def parent_of(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        iid = index.internalId()
        if iid == 0:
            return QModelIndex()
        if iid < _ITEM_BASE:
            return self.createIndex(iid - 1, 0, 0)
        section, group = divmod(iid - _ITEM_BASE, _GROUPS)
        return self.createIndex(group, 0, 1 + section)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._sections)
        pid = parent.internalId()
        if pid == 0:
            return len(self._sections[parent.row()][1])
        if pid < _ITEM_BASE:
            return len(self._sections[pid - 1][1][parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return _COLUMNS

    def headers(self) -> tuple[str, ...]:
        return (self.tr("事项"), self.tr("日期"), self.tr("说明"))

    def is_item(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.internalId() >= _ITEM_BASE

    # -- data --------------------------------------------------------------------------------
    def reminder(self, index: QModelIndex | QPersistentModelIndex) -> Reminder | None:
        if not index.isValid() or index.internalId() < _ITEM_BASE:
            return None
        return self._reminder_at(index.internalId(), index.row())

    def _reminder_at(self, iid: int, row: int) -> Reminder:
        section, group = divmod(iid - _ITEM_BASE, _GROUPS)
        return self._sections[section][1][group][1][row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        iid = index.internalId()
        if iid < _ITEM_BASE:
            return self._group_data(index, role)
        reminder = self._reminder_at(iid, index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            present = self.privacy.client_present
            if column == Col.TITLE:
                return shown_title(reminder, present)
            if column == Col.DATE:
                return short_date(reminder.date)
            return shown_detail(reminder, present)
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(SEVERITY_TEXT.get(reminder.severity))
        if role == Qt.ItemDataRole.DecorationRole and column == Col.TITLE:
            return self._icon(reminder.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown_detail(reminder, self.privacy.client_present) or None
        if role == REMINDER_ROLE:
            return reminder
        if role == CLIENT_ID_ROLE:
            return reminder.client_id
        if role == SORT_ROLE:
            return reminder.date.isoformat() if column == Col.DATE else reminder.title
        return None

    def _icon(self, severity: str):
        if self._icons is None:
            self._icons = severity_icons()
        return self._icons.get(severity)

    def _group_data(self, index: QModelIndex | QPersistentModelIndex, role: int):
        iid = index.internalId()
        if iid == 0:
            code, groups = self._sections[index.row()]
            name, count = section_names()[code], sum(len(items) for _k, items in groups)
        else:
            kind, items = self._sections[iid - 1][1][index.row()]
            name, count = kind_names().get(kind, kind), len(items)
        return self.group_cell(index, role, name, count)
