"""The worklist's tree: the day's plan first, then the rest grouped by kind → items.

Two levels (grouped_model.TwoLevelModel): group → items. Items are :class:`WorkItem` values
from services/worklist; in 客户在场 mode names show as initials and every amount in a reason as ``HIDDEN``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.worklist import WorkItem
from rm_desktop.services.worklist import summary
from rm_desktop.services.worklist.build import Worklist
from rm_desktop.ui.reminders.grouped_model import TwoLevelModel
from rm_desktop.ui.reminders.reminder_style import CLIENT_ID_ROLE, RED, kind_names, short_date, shown_name
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.theme import foreground

ITEM_ROLE = Qt.ItemDataRole.UserRole + 20  # the WorkItem of a row (None for a group row)
PLAN = summary.PLAN


class Col(IntEnum):
    CLIENT = 0
    WHY = 1
    SCORE = 2
    DUE = 3


def group_names() -> dict[str, str]:
    names = kind_names()
    names[PLAN] = QCoreApplication.translate("Worklist", "今日计划")
    names["churn"] = QCoreApplication.translate("Worklist", "流失预警")
    names["maturity_outcome"] = QCoreApplication.translate("Worklist", "到期承接")
    names["complaint"] = QCoreApplication.translate("Worklist", "投诉回访")
    names["opportunity"] = QCoreApplication.translate("Worklist", "商机跟进")
    names["playbook_step"] = QCoreApplication.translate("Worklist", "流程步骤")
    return names


class WorklistModel(TwoLevelModel[WorkItem]):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(privacy, parent)
        self._names = group_names()

    def set_worklist(self, worklist: Worklist | None) -> None:
        self.beginResetModel()
        groups: list[tuple[str, Sequence[WorkItem]]] = []
        if worklist is not None:
            if worklist.plan:
                groups.append((PLAN, worklist.plan))
            groups += worklist.rest_by_kind()
        self._groups = groups
        self.endResetModel()

    def clear(self) -> None:
        self.set_worklist(None)

    def group_codes(self) -> list[str]:
        return [code for code, _items in self._groups]

    # -- structure ---------------------------------------------------------------------------
    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(Col)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("客户"), self.tr("原因"), self.tr("优先级"), self.tr("到期"))

    def find(self, key: str, kind: str | None = None) -> QModelIndex | None:
        """The index of the item with this key, if listed; with its ``kind``, only the plan and
        that kind's group are searched (a folded group of a large book is sorted only when read)."""
        for group, (code, items) in enumerate(self._groups):
            if kind is not None and code not in (PLAN, kind):
                continue
            for row, item in enumerate(items):
                if item.key == key:
                    return self.createIndex(row, 0, 1 + group)
        return None

    # -- data --------------------------------------------------------------------------------
    def item(self, index: QModelIndex | QPersistentModelIndex) -> WorkItem | None:
        return self.leaf(index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        item = self._groups[index.internalId() - 1][1][index.row()]
        column = index.column()
        present = self.privacy.client_present
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == Col.CLIENT:
                return shown_name(item.client_name, present) or "—"
            if column == Col.WHY:
                return item.why(hidden=HIDDEN if present else None)
            if column == Col.SCORE:
                return f"{item.score:.1f}"
            return short_date(item.due)
        if role == Qt.ItemDataRole.ForegroundRole and item.hard:
            return foreground(RED)
        if role == ITEM_ROLE:
            return item
        if role == CLIENT_ID_ROLE:
            return item.client_id
        return None

    def _group_data(self, index: QModelIndex | QPersistentModelIndex, role: int):
        code, items = self._groups[index.row()]
        return self.group_cell(index, role, self._names.get(code, code), len(items))
