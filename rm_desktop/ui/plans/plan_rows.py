"""Editable table models for the lists inside a plan: goals, assets, liabilities, children,
recommended products. One generic model over a list of plan_content dataclasses, told its
columns; derived columns (a goal's funded share, a child's education gap) are set from outside
after each recalculation, and problems (by field path) colour their cells and give a tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from rm_desktop.ui.widgets.theme import fill

RAW = Qt.ItemDataRole.UserRole  # the stored value of a cell (a code for a choice column)
PROBLEM_BRUSH = QBrush(QColor("#fde2e1"))


@dataclass(frozen=True)
class Column:
    key: str  # dataclass field, or a derived value's name when ``derived``
    header: str
    kind: str = "text"  # text | number | date | choice | derived
    choices: tuple[tuple[Any, str], ...] = ()  # (stored value, label) for a choice column
    derived: bool = False
    align_right: bool = False

    def label_of(self, value: Any) -> str:
        return next((label for code, label in self.choices if code == value), "" if value is None else str(value))


class PlanRowsModel(QAbstractTableModel):
    """Rows are dataclass instances of ``row_type``; the list is the model's own copy.

    ``edited`` fires for changes to the rows themselves (not for derived values or problems,
    which the editor sets after recalculating: listening to dataChanged would loop).
    """

    edited = Signal()

    def __init__(
        self,
        columns: list[Column],
        row_type: type,
        section: str,
        parent=None,
        formatter: Callable[[str, Any], str] | None = None,
        editable: bool = True,
    ):
        super().__init__(parent)
        self.editable = editable
        self.columns = columns
        self.row_type = row_type
        self.section = section  # the field path prefix: goals, assets, …
        self.formatter = formatter or (lambda _key, value: "" if value is None else str(value))
        self._rows: list[Any] = []
        self._derived: dict[str, list[Any]] = {}
        self._problems: dict[str, list[str]] = {}

    # -- data in and out ---------------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = [replace(row) for row in rows]
        self._derived = {}
        self.endResetModel()

    def rows(self) -> list[Any]:
        return [replace(row) for row in self._rows]

    def add_row(self, row: Any | None = None) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row if row is not None else self.row_type())
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove_row(self, position: int) -> None:
        if 0 <= position < len(self._rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            for values in self._derived.values():
                if position < len(values):
                    del values[position]
            self.endRemoveRows()
            self.edited.emit()

    def set_derived(self, key: str, values: list[Any]) -> None:
        self._derived[key] = list(values)
        column = next((c for c, col in enumerate(self.columns) if col.key == key), None)
        if column is not None and self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def derived(self, key: str, row: int) -> Any:
        values = self._derived.get(key, [])
        return values[row] if row < len(values) else None

    def set_problems(self, problems: dict[str, list[str]]) -> None:
        self._problems = {path: messages for path, messages in problems.items() if path.startswith(self.section + "[")}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self.columns) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )

    def cell_problems(self, row: int, key: str) -> list[str]:
        return self._problems.get(f"{self.section}[{row}].{key}", [])

    # -- Qt interface ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._rows)
        ):
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.columns[index.column()].derived or not self.editable else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        column = self.columns[index.column()]
        value = (
            self.derived(column.key, index.row()) if column.derived else getattr(self._rows[index.row()], column.key)
        )
        if role == RAW:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "choice":
                return column.label_of(value)
            if column.kind == "date":
                return value.isoformat() if value else ""
            return self.formatter(column.key, value)
        if role == Qt.ItemDataRole.EditRole:
            if column.kind == "date":
                return QDate(value) if value else QDate.currentDate()
            return value if column.kind == "choice" else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        problems = self.cell_problems(index.row(), column.key)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(fill(PROBLEM_BRUSH.color()))  # (dark in dark mode)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problems)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable)
        ):
            return False
        column = self.columns[index.column()]
        if column.kind == "date":
            value = value.toPython() if isinstance(value, QDate) else value
            value = value if isinstance(value, dt.date) else None
        elif column.kind in ("text", "number"):
            text = "" if value is None else str(value).strip()
            value = text if column.kind == "text" else (text or None)
        row = self._rows[index.row()]
        if getattr(row, column.key) == value:
            return False
        self._rows[index.row()] = replace(row, **{column.key: value})
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, RAW])
        self.edited.emit()
        return True
