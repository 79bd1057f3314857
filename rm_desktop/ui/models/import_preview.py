"""Table model of an import preview: one row per sheet row with its status, decision and reasons."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from rm_desktop.services.importing import ImportPreview, row_values_for_display

_C = "ImportPreviewModel"
_STATUS = {"ok": (QT_TRANSLATE_NOOP(_C, "可导入"), "#1b7f3b"), "rejected": (QT_TRANSLATE_NOOP(_C, "拒绝"), "#b3261e"),
           "skipped": (QT_TRANSLATE_NOOP(_C, "跳过"), "#777777")}
_DECISION = {"new": QT_TRANSLATE_NOOP(_C, "新增"), "update": QT_TRANSLATE_NOOP(_C, "更新"),
             "merge": QT_TRANSLATE_NOOP(_C, "合并"), "skip": QT_TRANSLATE_NOOP(_C, "跳过（重复）"), "": ""}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_C, text) if text else ""


class ImportPreviewModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP(_C, "行号"), QT_TRANSLATE_NOOP(_C, "状态"), QT_TRANSLATE_NOOP(_C, "处理"),
               QT_TRANSLATE_NOOP(_C, "姓名"), QT_TRANSLATE_NOOP(_C, "证件号码"), QT_TRANSLATE_NOOP(_C, "手机号码"),
               QT_TRANSLATE_NOOP(_C, "原因"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._rows = list(preview.rows) if preview is not None else []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.HEADERS):
            return _tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            values = row_values_for_display(row)
            cells = (row.result.row_number, _tr(_STATUS[row.status][0]), _tr(_DECISION.get(row.decision, "")),
                     values.get("name", ""), values.get("id_number", ""), values.get("phone", ""),
                     "；".join(row.result.reasons))
            value = cells[column]
            return value if isinstance(value, int) else str(value)
        if role == Qt.ForegroundRole and column == 1:
            return QColor(_STATUS[row.status][1])
        if role == Qt.ToolTipRole and column == 6 and row.result.reasons:
            return "\n".join(row.result.reasons)
        return None
