"""Table model of an import preview: one row per sheet row with its status, decision and reasons.

The decision of a row matched to a client already in the vault can be changed (update, merge,
skip, new) through the edit role of the 处理 column; the changes are kept in :attr:`decisions`
(row number → decision) for ``run_import(decisions=...)``, the preview itself is not altered;
:class:`DecisionDelegate` is that column's combo box.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from rm_desktop.services.exchange.importing import DUPLICATE_POLICIES, ImportPreview, row_values_for_display
from rm_desktop.ui.widgets.theme import foreground

_C = "ImportPreviewModel"  # spelled out in each QT_TRANSLATE_NOOP too: lupdate reads literals only
_STATUS = {
    "ok": (QT_TRANSLATE_NOOP("ImportPreviewModel", "可导入"), "#1b7f3b"),
    "rejected": (QT_TRANSLATE_NOOP("ImportPreviewModel", "拒绝"), "#b3261e"),
    "skipped": (QT_TRANSLATE_NOOP("ImportPreviewModel", "跳过"), "#777777"),
}
_DECISION = {
    "new": QT_TRANSLATE_NOOP("ImportPreviewModel", "新增"),
    "update": QT_TRANSLATE_NOOP("ImportPreviewModel", "更新"),
    "merge": QT_TRANSLATE_NOOP("ImportPreviewModel", "合并"),
    "skip": QT_TRANSLATE_NOOP("ImportPreviewModel", "跳过（重复）"),
    "": "",
}


DECISION_COLUMN = 2


def _tr(text: object) -> str:
    """``text`` (a QT_TRANSLATE_NOOP string, typed as object) in the UI language."""
    return QCoreApplication.translate(_C, str(text)) if text else ""


def decision_label(code: str) -> str:
    return _tr(_DECISION.get(code, ""))


class ImportPreviewModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ImportPreviewModel", "行号"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "状态"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "处理"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "姓名"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "证件号码"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "手机号码"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "原因"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self.decisions: dict[int, str] = {}  # row number → the RM's choice, where it differs

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._rows = list(preview.rows) if preview is not None else []
        self.decisions = {}
        self.endResetModel()

    def decision(self, row) -> str:
        return self.decisions.get(row.result.row_number, row.decision)

    def choices(self, row_index: int) -> list[str]:
        """The decisions row ``row_index`` may take: only a row matched to a stored client has a
        choice, and "new" is not offered when the match is on the customer number (unique)."""
        if not 0 <= row_index < len(self._rows):
            return []
        row = self._rows[row_index]
        if row.status != "ok" or row.match_id is None:
            return []
        return [code for code in DUPLICATE_POLICIES if not (code == "new" and row.match_by == "customer_no")]

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == DECISION_COLUMN and self.choices(index.row()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != DECISION_COLUMN
            or value not in self.choices(index.row())
        ):
            return False
        row = self._rows[index.row()]
        if value == row.decision:
            self.decisions.pop(row.result.row_number, None)
        else:
            self.decisions[row.result.row_number] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return _tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = row_values_for_display(row)
            cells = (
                row.result.row_number,
                _tr(_STATUS[row.status][0]),
                decision_label(self.decision(row)),
                values.get("name", ""),
                values.get("id_number", ""),
                values.get("phone", ""),
                "；".join(row.result.reasons),
            )
            value = cells[column]
            return value if isinstance(value, int) else str(value)
        if role == Qt.ItemDataRole.EditRole and column == DECISION_COLUMN:
            return self.decision(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == DECISION_COLUMN and self.choices(index.row()):
            return _tr(QT_TRANSLATE_NOOP("ImportPreviewModel", "双击可更改这一行的处理方式"))
        if role == Qt.ItemDataRole.FontRole and column == DECISION_COLUMN and row.result.row_number in self.decisions:
            font = QFont()
            font.setBold(True)  # the RM's own choice stands out from the automatic ones
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return foreground(_STATUS[row.status][1])
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.result.reasons:
            return "\n".join(row.result.reasons)
        return None


class DecisionDelegate(QStyledItemDelegate):
    """A combo box of the decisions the model allows for the row (update / merge / skip / new)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for code in index.model().choices(index.row()):
            combo.addItem(decision_label(code), code)

        # Committed at once: the RM sees the new decision without leaving the cell.
        def commit(_index: int) -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo)

        combo.activated.connect(commit)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
