"""A small read-only table model over a list of frozen records (holdings, contacts, trash …).

Each column is (header, function record → raw value, function raw → text). ``Qt.ItemDataRole.UserRole``
returns the raw value, so sorting through a QSortFilterProxyModel compares amounts and dates,
not their text. Row colouring comes from an optional ``foreground(record)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rm_desktop.ui.widgets.theme import foreground

RAW = Qt.ItemDataRole.UserRole
RECORD = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    align_right: bool = False


class RecordsModel(QAbstractTableModel):
    def __init__(
        self, columns: Sequence[Column], parent=None, foreground: Callable[[Any], QColor | None] | None = None
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Any] = []
        self.foreground = foreground

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.endResetModel()

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def texts_changed(self) -> None:
        """The same records read differently (amounts masked or shown): every cell repaints,
        the selection and the current row stay (a reset would drop them)."""
        if self.records and self.columns:
            last = self.index(len(self.records) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.records)):
            return None
        record, column = self.records[index.row()], self.columns[index.column()]
        if role == RECORD:
            return record
        if role == RAW:
            return column.value(record)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(column.value(record))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.foreground is not None:
            color = self.foreground(record)
            return QBrush(foreground(color)) if color is not None else None
        return None
