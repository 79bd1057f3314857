"""The compare dialog's table: one row per changed field (field, before, after)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rm_desktop.services.plans.compare import FieldDiff
from rm_desktop.ui.widgets.theme import fill

REMOVED = QBrush(QColor("#fde2e1"))
ADDED = QBrush(QColor("#e3f4e1"))


class PlanDiffModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[FieldDiff] = []

    def set_diffs(self, diffs: list[FieldDiff]) -> None:
        self.beginResetModel()
        self._rows = list(diffs)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return (self.tr("项目"), self.tr("原版本"), self.tr("新版本"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        diff = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (diff.label, diff.old, diff.new)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return diff.path
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1 and diff.old and not diff.new:
            return QBrush(fill(REMOVED.color()))
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 2 and diff.new and not diff.old:
            return QBrush(fill(ADDED.color()))
        return None
