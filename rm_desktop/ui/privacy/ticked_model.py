"""The 到期保留 tables' shape: one row per client, a tick in the first column (every row ticked
when the list is loaded: the RM unticks what to keep), the ticked rows for the action. Each
table says its headers and its cells; the ticking lives here once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class _HasClient(Protocol):
    @property
    def client_id(self) -> int: ...


Row = TypeVar("Row", bound=_HasClient)


class TickedClientsModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.ticked: set[int] = set()

    # What a table says of itself
    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cell(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def alignment(self, column: int) -> Any:
        return None  # the style's own

    # The tick and the Qt plumbing
    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows, self.ticked = rows, {r.client_id for r in rows}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        names = self.headers()
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(names)
        ):
            return names[section]
        return None

    def flags(self, index: Index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() and index.column() == 0 else base

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if row.client_id in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        return self.cell(row, column) if role == Qt.ItemDataRole.DisplayRole else None

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        cid = self.rows[index.row()].client_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(cid)
        else:
            self.ticked.discard(cid)
        self.dataChanged.emit(index, index, [role])
        return True

    def ticked_rows(self) -> list[Row]:
        return [r for r in self.rows if r.client_id in self.ticked]
