"""Choosing the clients of a handover by name: a checklist with the client list's search
(services/search, the same name / pinyin / phone look-up), tier and tag filters and "the clients
selected in the client list"; select all / none of what the filters show, a count, and the
names that will be exported, before any file is written.

The ticks are kept across filters (a client ticked under one search stays ticked under the
next), so the list of names on the right is always the whole handover.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.services.clients.tags import list_tags
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.search.query import ClientQuery, ClientRow, count_clients, search_clients
from rm_desktop.ui.widgets.screen_fit import fit_to_screen
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

ALL, SELECTED = "all", "selected"
_SETTINGS_KEY = "handover/picker_source"


class ClientCheckModel(QAbstractListModel):
    """The clients the filters show, each with a check box; the ticks live in :attr:`chosen`
    (id → row), which outlasts the rows shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ClientRow] = []
        self.chosen: dict[int, ClientRow] = {}

    def set_rows(self, rows: list[ClientRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_all(self, checked: bool) -> None:
        """Tick or untick every client shown (the filtered ones), the rest stay as they are."""
        for row in self.rows:
            if checked:
                self.chosen[row.id] = row
            else:
                self.chosen.pop(row.id, None)
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else super().flags(index)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            details = [part for part in (row.customer_no, row.tier_name, row.phone_masked) if part]
            return f"{row.name}    " + "  ·  ".join(details) if details else row.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.id in self.chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.chosen[row.id] = row
        else:
            self.chosen.pop(row.id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class HandoverPickerDialog(QDialog):
    """After exec(): :meth:`client_ids` are the ticked clients (none when cancelled)."""

    def __init__(self, vault, selected_ids: Sequence[int] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.selected_ids = set(selected_ids)
        self.setWindowTitle(self.tr("选择要移交的客户"))
        fit_to_screen(self, 980, 620)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索姓名、拼音、首字母、手机号或客户号（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.tier, self.tag, self.source = QComboBox(), QComboBox(), QComboBox()
        self.tier.addItem(self.tr("全部层级"), None)
        for tier in reversed(current_tiers(vault.settings)):
            self.tier.addItem(tier.name(), tier.code)
        self.tag.addItem(self.tr("全部标签"), None)
        for tag in list_tags(vault):
            self.tag.addItem(tag, tag)
        self.source.addItem(self.tr("全部客户"), ALL)
        self.source.addItem(self.tr("客户列表中选中的（{}）").format(len(self.selected_ids)), SELECTED)
        self.source.model().item(1).setEnabled(bool(self.selected_ids))  # type: ignore[attr-defined]
        if self.selected_ids and QSettings().value(_SETTINGS_KEY, SELECTED) == SELECTED:
            self.source.setCurrentIndex(1)

        self.model = ClientCheckModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)  # 10k rows lay out at once
        self.empty = QLabel(self.list.viewport())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted;")
        self.all_button = QPushButton(self.tr("全选筛选结果"))
        self.none_button = QPushButton(self.tr("全不选筛选结果"))
        self.all_button.clicked.connect(lambda: self._set_all(True))
        self.none_button.clicked.connect(lambda: self._set_all(False))
        self.shown = QLabel()
        self.chosen_title = QLabel()
        self.chosen_list = QListWidget()
        self.chosen_list.setToolTip(self.tr("移交文件将包含这些客户及其全部往来记录、持仓、理财规划和约见"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(self.tr("下一步：设置密码…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        for widget in (self.tier, self.tag, self.source):
            filters.addWidget(widget)
        filters.addStretch(1)
        picks = QHBoxLayout()
        picks.addWidget(self.all_button)
        picks.addWidget(self.none_button)
        picks.addStretch(1)
        picks.addWidget(self.shown)
        grid = QGridLayout()
        grid.addWidget(self.search, 0, 0)
        grid.addLayout(filters, 1, 0)
        grid.addWidget(self.list, 2, 0)
        grid.addLayout(picks, 3, 0)
        grid.addWidget(self.chosen_title, 1, 1)
        grid.addWidget(self.chosen_list, 2, 1, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.tier, self.tag, self.source):
            box.currentIndexChanged.connect(self.refresh)
        self.model.dataChanged.connect(lambda *_: self._show_chosen())
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.setFocus)
        self._generation = 0  # the latest look-up; an older one that ends later is dropped
        # Coming from a selection in the client list: those are the handover, ticked once shown.
        self._tick_when_shown = self.source.currentData() == SELECTED
        self.refresh()
        self.search.setFocus()

    def query(self) -> ClientQuery:
        def chosen(box):
            return (box.currentData(),) if box.currentData() else ()

        return ClientQuery(text=self.search.text(), tiers=chosen(self.tier), tags=chosen(self.tag))

    def refresh(self) -> None:
        """Look up the clients the search and filters match (the client list's own search) off
        the UI thread: a 100k-client book takes seconds to list in full."""
        query, vault = self.query(), self.vault
        only = set(self.selected_ids) if self.source.currentData() == SELECTED else None
        self._generation += 1
        generation = self._generation
        self.shown.setText(self.tr("正在查找…"))

        def fetch(_progress) -> list[ClientRow]:
            rows = search_clients(vault, query, limit=max(count_clients(vault, query), 1))
            return rows if only is None else [row for row in rows if row.id in only]

        run_task(
            self,
            self.tr("正在查找客户"),
            fetch,
            lambda rows: self._show_rows(rows, query) if generation == self._generation else None,
            on_error=lambda exc: self.shown.setText(self.tr("查找失败：{}").format(type(exc).__name__)),
            modal=False,
            vault=vault,
        )

    def _show_rows(self, rows: list[ClientRow], query: ClientQuery) -> None:
        self.model.set_rows(rows)
        if self._tick_when_shown:
            self._tick_when_shown = False
            self.model.set_all(True)
        self.shown.setText(self.tr("筛选出 {} 位").format(f"{len(rows):,}"))
        filtered = query != ClientQuery() or self.source.currentData() == SELECTED
        self.empty.setText(
            self.tr("没有符合筛选条件的客户。试试姓名的拼音首字母、手机号后四位，或清除筛选条件。")
            if filtered
            else self.tr("还没有客户可以移交。")
        )
        self.empty.resize(self.list.viewport().size())
        self.empty.setVisible(not rows)
        for button in (self.all_button, self.none_button):
            button.setEnabled(bool(rows))
        self._show_chosen()

    def _set_all(self, checked: bool) -> None:
        self.model.set_all(checked)  # (its dataChanged updates the names on the right)

    def _show_chosen(self) -> None:
        # In the client list's order (pinyin), with the customer number: two 张伟 stay two people.
        rows = sorted(self.model.chosen.values(), key=lambda row: (row.name_pinyin or row.name, row.id))
        names = [self.tr("{}（{}）").format(row.name, row.customer_no) if row.customer_no else row.name for row in rows]
        self.chosen_title.setText(self.tr("将移交 {} 位客户：").format(f"{len(names):,}"))
        self.chosen_list.clear()
        self.chosen_list.addItems(names)
        if not names:
            self.chosen_list.addItem(self.tr("（尚未选择：在左侧勾选客户）"))
        self.ok_button.setEnabled(bool(names))

    def client_ids(self) -> list[int]:
        return sorted(self.model.chosen)

    def done(self, result: int) -> None:
        self._generation += 1  # a look-up still running is not shown any more
        QSettings().setValue(_SETTINGS_KEY, self.source.currentData())
        super().done(result)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.empty.resize(self.list.viewport().size())
