"""The table models of the 活动 page: the events list and one event's invitees."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from rm_desktop.domain.events.model import status_label
from rm_desktop.services.events.store import EventRecord, InvitationRecord

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class _RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows of one record type, one column per header; :meth:`cell` gives a row's texts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(self.rows[index.row()], index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None


class EventsModel(_RowsModel[EventRecord]):
    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("Events", "时间"),
            QCoreApplication.translate("Events", "活动"),
            QCoreApplication.translate("Events", "地点"),
            QCoreApplication.translate("Events", "邀请 / 名额"),
        ]

    def cell(self, row: EventRecord, column: int) -> str:
        return (
            row.starts_at.strftime("%Y-%m-%d %H:%M"),
            row.name,
            row.place,
            f"{row.invited} / {row.capacity}",
        )[column]


class InviteesModel(_RowsModel[InvitationRecord]):
    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("Events", "客户"),
            QCoreApplication.translate("Events", "状态"),
            QCoreApplication.translate("Events", "邀请时间"),
        ]

    def cell(self, row: InvitationRecord, column: int) -> str:
        status = status_label(row.status)
        if row.waitlisted:
            status += QCoreApplication.translate("Events", "（候补）")
        return (row.client_name, status, row.invited_at.strftime("%Y-%m-%d %H:%M"))[column]
