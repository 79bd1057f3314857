"""The bulk table: one template rendered for many clients, with each row's progress
(copied, logged as a contact). Phones are masked here; the SMS-platform export has them whole."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rm_desktop.domain.phones import mask_phone
from rm_desktop.services.scripts.render import RenderedScript
from rm_desktop.ui.widgets.theme import fill, foreground

RAW = Qt.ItemDataRole.UserRole
ROW_STATE = Qt.ItemDataRole.UserRole + 1

PENDING, COPIED, LOGGED = 0, 1, 2
_BACKGROUND = {COPIED: QColor("#fff6d6"), LOGGED: QColor("#e3f4e1")}
MISSING_COLOUR = QColor("#c0392b")


class BulkCol(IntEnum):
    STATE = 0
    NAME = 1
    CUSTOMER_NO = 2
    PHONE = 3
    TEXT = 4
    SEGMENTS = 5
    MISSING = 6


class BulkRowsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RenderedScript] = []
        self._states: list[int] = []

    def headers(self) -> list[str]:
        return [
            self.tr("状态"),
            self.tr("客户"),
            self.tr("客户号"),
            self.tr("手机"),
            self.tr("内容"),
            self.tr("条数"),
            self.tr("缺少字段"),
        ]

    def set_rows(self, rows: list[RenderedScript]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._states = [PENDING] * len(self._rows)
        self.endResetModel()

    def rows(self) -> list[RenderedScript]:
        return list(self._rows)

    def row_at(self, row: int) -> RenderedScript:
        return self._rows[row]

    def state(self, row: int) -> int:
        return self._states[row]

    def count(self, state: int) -> int:
        return sum(1 for s in self._states if s == state)

    def next_pending(self, start: int = 0) -> int | None:
        """The first row not copied yet from ``start`` on (wrapping round), or None."""
        start = max(0, start)
        order = list(range(start, len(self._rows))) + list(range(start))
        return next((i for i in order if self._states[i] == PENDING), None)

    def set_state(self, row: int, state: int) -> None:
        # A logged row stays logged: copying it again must not make it look unsent.
        if self._states[row] == LOGGED and state != LOGGED:
            return
        self._states[row] = state
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(BulkCol) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(BulkCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(BulkCol)
        ):
            return self.headers()[section]
        return None

    def _raw(self, row: RenderedScript, state: int, col: BulkCol):
        return {
            BulkCol.STATE: state,
            BulkCol.NAME: row.client_name,
            BulkCol.CUSTOMER_NO: row.customer_no,
            BulkCol.PHONE: row.phone,
            BulkCol.TEXT: row.text,
            BulkCol.SEGMENTS: row.segments,
            BulkCol.MISSING: row.missing,
        }[col]

    def _display(self, row: RenderedScript, state: int, col: BulkCol) -> str:
        if col == BulkCol.STATE:
            return {PENDING: "", COPIED: self.tr("已复制"), LOGGED: self.tr("已记录")}[state]
        if col == BulkCol.PHONE:
            return mask_phone(row.phone) if row.phone else ""
        if col == BulkCol.TEXT:
            return " ".join(row.text.split("\n"))
        if col == BulkCol.MISSING:
            return "、".join(row.missing)
        value = self._raw(row, state, col)
        return "" if value is None else str(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, state, col = self._rows[index.row()], self._states[index.row()], BulkCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, state, col)
        if role == RAW:
            return self._raw(row, state, col)
        if role == ROW_STATE:
            return state
        if role == Qt.ItemDataRole.ToolTipRole and col == BulkCol.TEXT:
            return row.text
        if role == Qt.ItemDataRole.BackgroundRole and state in _BACKGROUND:
            return QBrush(fill(_BACKGROUND[state]))
        if role == Qt.ItemDataRole.ForegroundRole and col == BulkCol.MISSING and row.missing:
            return QBrush(foreground(MISSING_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == BulkCol.SEGMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
