"""Item delegates for the plan tables: a combo box for choice columns, a progress bar for shares."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from rm_desktop.ui.plans.plan_rows import RAW, Column
from rm_desktop.ui.widgets.theme import fill

BAR_FILL = QColor("#2e8b57")
BAR_BACK = QColor("#e4e4e4")


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a choice column with a combo of its labels; stores the code."""

    def __init__(self, column: Column, parent=None):
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for code, label in self.column.choices:
            box.addItem(label, code)
        return box

    def setEditorData(self, editor, index):
        position = editor.findData(index.data(RAW))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ProgressDelegate(QStyledItemDelegate):
    """Paints a share 0..1 (the cell's RAW value) as a bar with its percentage; empty for None."""

    def paint(self, painter: QPainter, option, index) -> None:
        share = index.data(RAW)
        if share is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background, selection and focus as usual; the bar and text below
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        rect = option.rect.adjusted(4, 6, -4, -6)
        bar = QRect(rect.left(), rect.top(), int(rect.width() * 0.6), rect.height())
        painter.fillRect(bar, fill(BAR_BACK))
        filled = QRect(bar.left(), bar.top(), int(bar.width() * min(float(share), 1.0)), bar.height())
        painter.fillRect(filled, BAR_FILL)
        painter.setPen(option.palette.text().color())
        text_rect = QRect(bar.right() + 6, option.rect.top(), rect.right() - bar.right() - 6, option.rect.height())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"{float(share) * 100:.1f}%"
        )
        painter.restore()
