"""The 服务 page's table: one row per complaint, newest received first; an open complaint past
its follow-up deadline is red, a closed one muted. In 客户在场 mode names show as initials."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.pinyin import client_initials
from rm_desktop.domain.service_requests import STEPS
from rm_desktop.services.complaints.records import ComplaintRecord
from rm_desktop.ui.widgets.theme import foreground

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
RED, MUTED = "#c0392b", "#7f8c8d"


class Col(IntEnum):
    RECEIVED = 0
    CLIENT = 1
    TYPE = 2
    CATEGORY = 3
    SEVERITY = 4
    PROGRESS = 5
    DEADLINE = 6
    STATUS = 7
    TEXT = 8


class ComplaintsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ComplaintRecord] = []
        self.now = dt.datetime.now()
        self.client_present = False  # 客户在场: names as initials

    def set_rows(self, rows: Sequence[ComplaintRecord], now: dt.datetime) -> None:
        self.beginResetModel()
        self.rows, self.now = list(rows), now
        self.endResetModel()

    def redraw(self) -> None:
        """Names again (客户在场 switched)."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Col) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            self.tr("受理时间"),
            self.tr("客户"),
            self.tr("类型"),
            self.tr("类别"),
            self.tr("严重程度"),
            self.tr("步骤"),
            self.tr("回访截止"),
            self.tr("状态"),
            self.tr("内容"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        c = self.rows[index.row()]
        if role == RECORD_ROLE:
            return c
        if role == Qt.ItemDataRole.ForegroundRole:
            if c.overdue(self.now):
                return foreground(RED)
            return foreground(MUTED) if not c.is_open else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == Col.RECEIVED:
            return f"{c.received_at:%Y-%m-%d %H:%M}"
        if column == Col.CLIENT:
            return client_initials(c.client_name) if self.client_present else c.client_name
        if column == Col.TYPE:
            return c.type_label
        if column == Col.CATEGORY:
            return c.category_label
        if column == Col.SEVERITY:
            return c.severity_label
        if column == Col.PROGRESS:
            return f"{len(c.steps)}/{len(STEPS.codes)}"
        if column == Col.DEADLINE:
            return f"{c.deadline_at:%m-%d %H:%M}" if c.is_open and not c.followed_up else "—"
        if column == Col.STATUS:
            return c.status_label(self.now) + (f" · {c.satisfaction}/5" if c.satisfaction else "")
        text = " ".join(c.description.split())
        return text if role == Qt.ItemDataRole.ToolTipRole else text[:60]
