"""The scripts library panel of the 话术 page: category/channel filters, search, the trash
toggle, the template list with its empty-state hint, and the library's buttons.

The panel only shows and reports; the page reads the filters, loads records and decides what
a selection means (it may refuse to leave unsaved edits).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.scripts.model import CATEGORIES, CHANNELS, category_label, channel_label
from rm_desktop.services.scripts.library import TemplateRecord
from rm_desktop.ui.scripts.script_list import ListCol, ScriptListModel
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.theme import themed


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Grey centred text for an empty state."""
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    themed(label, "color: $muted; font-size: 14px;")
    return label


class ScriptLibrary(QWidget):
    filters_changed = Signal()
    row_chosen = Signal(int)  # the user moved to this row

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("全部分类"), None)
        for code in CATEGORIES:
            self.category_filter.addItem(category_label(code), code)
        self.channel_filter = QComboBox()
        self.channel_filter.addItem(self.tr("全部渠道"), None)
        for code in CHANNELS:
            self.channel_filter.addItem(channel_label(code), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索名称或正文"))
        self.search.setClearButtonEnabled(True)
        self.trash_button = QToolButton()
        self.trash_button.setText(self.tr("回收站"))
        self.trash_button.setCheckable(True)
        self._typing = QTimer(self, singleShot=True, interval=150)
        self._typing.timeout.connect(self.filters_changed)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        for combo in (self.category_filter, self.channel_filter):
            combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.trash_button.toggled.connect(lambda _on: self.filters_changed.emit())

        self.model = ScriptListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ListCol.NAME, QHeaderView.ResizeMode.Stretch)
        for col in (ListCol.CATEGORY, ListCol.CHANNEL, ListCol.STATE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.row_chosen.emit(current.row())
        )
        self.empty = hint_label("", self.table.viewport())

        self.new_button = QPushButton(self.tr("新建话术"))
        icons.bind(self.new_button, "new")
        self.new_button.setToolTip(self.tr("新建话术（Ctrl+Shift+N）"))
        self.bulk_button = QPushButton(self.tr("批量发送…"))
        self.import_button = QPushButton(self.tr("导入…"))
        icons.bind(self.import_button, "import")
        self.import_button.setToolTip(self.tr("从 JSON 或 Excel 文件导入话术"))
        self.export_button = QPushButton(self.tr("导出…"))
        icons.bind(self.export_button, "export")
        self.export_button.setToolTip(self.tr("把话术库导出为 JSON 或 Excel，分享给同事"))

        self.setMinimumWidth(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for row in ((self.category_filter, self.channel_filter), (self.search, self.trash_button)):
            line = QHBoxLayout()
            for widget in row:
                line.addWidget(widget, 0 if widget is self.trash_button else 1)
            layout.addLayout(line)
        layout.addWidget(self.table, 1)
        for pair in ((self.new_button, self.bulk_button), (self.import_button, self.export_button)):
            line = QHBoxLayout()
            for button in pair:
                line.addWidget(button)
            layout.addLayout(line)

    # -- filters -------------------------------------------------------------------------------
    def filters(self) -> dict:
        """Keyword arguments for services.scripts.list_templates."""
        return {
            "category": self.category_filter.currentData(),
            "channel": self.channel_filter.currentData(),
            "text": self.search.text(),
            "trashed": self.trash_button.isChecked(),
        }

    def clear_filters(self) -> None:
        """Back to every template not in the trash, without announcing each step."""
        widgets = (self.category_filter, self.channel_filter, self.search, self.trash_button)
        for widget in widgets:
            widget.blockSignals(True)
        self.category_filter.setCurrentIndex(0)
        self.channel_filter.setCurrentIndex(0)
        self.search.clear()
        self.trash_button.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)

    # -- rows ----------------------------------------------------------------------------------
    def set_records(self, records: list[TemplateRecord]) -> None:
        self.table.selectionModel().blockSignals(True)
        self.model.set_records(records)
        self.table.selectionModel().blockSignals(False)
        self._update_empty()

    def select_row(self, row: int) -> None:
        """Highlight a row without reporting it as the user's choice."""
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(False)

    def _update_empty(self) -> None:
        filters = self.filters()
        if filters["trashed"]:
            text = self.tr("回收站是空的。")
        elif filters["text"] or filters["category"] or filters["channel"]:
            text = self.tr("没有符合条件的话术。\n清除筛选，或点“新建话术”。")
        else:
            text = self.tr("话术库是空的。\n点“新建话术”或“导入…”。")
        self.empty.setText(text)
        self.empty.setVisible(self.model.rowCount() == 0)
        self.empty.resize(self.table.viewport().size())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty.resize(self.table.viewport().size())
