"""The scripts library list: one row per template (name, category, channel, state).

The library is small (tens to a few hundred templates), so the model holds all records the
service returned; filtering happens in the service. ``TEMPLATE_ID`` gives a row's template id,
``Qt.ItemDataRole.UserRole`` the raw value of a cell.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rm_desktop.services.scripts.library import TemplateRecord
from rm_desktop.ui.widgets.theme import foreground

RAW = Qt.ItemDataRole.UserRole
TEMPLATE_ID = Qt.ItemDataRole.UserRole + 1
DRAFT_COLOUR = QColor("#b9770e")


class ListCol(IntEnum):
    NAME = 0
    CATEGORY = 1
    CHANNEL = 2
    STATE = 3


class ScriptListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[TemplateRecord] = []

    def headers(self) -> list[str]:
        return [self.tr("名称"), self.tr("分类"), self.tr("渠道"), self.tr("状态")]

    def set_records(self, records: list[TemplateRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record_at(self, row: int) -> TemplateRecord:
        return self._records[row]

    def row_of(self, template_id: int) -> int | None:
        return next((i for i, r in enumerate(self._records) if r.id == template_id), None)

    def state_text(self, record: TemplateRecord) -> str:
        if record.is_draft:
            return self.tr("草稿")
        if record.edited:
            return self.tr("已修改")
        return ""  # shipped and unchanged, or the RM's own: nothing to point out

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ListCol)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ListCol)
        ):
            return self.headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record, col = self._records[index.row()], ListCol(index.column())
        if role == TEMPLATE_ID:
            return record.id
        if role == RAW:
            return {
                ListCol.NAME: record.name,
                ListCol.CATEGORY: record.category,
                ListCol.CHANNEL: record.channel,
                ListCol.STATE: "draft" if record.is_draft else ("edited" if record.edited else ""),
            }[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ListCol.NAME: record.name,
                ListCol.CATEGORY: record.category_label,
                ListCol.CHANNEL: record.channel_label,
                ListCol.STATE: self.state_text(record),
            }[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            body = record.body if len(record.body) <= 300 else record.body[:300] + "…"
            origin = self.tr("内置话术") if record.is_builtin else self.tr("自建话术")
            return f"{origin}\n\n{body}"
        if role == Qt.ItemDataRole.ForegroundRole and record.is_draft:
            return QBrush(foreground(DRAFT_COLOUR))
        return None
