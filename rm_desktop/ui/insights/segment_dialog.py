"""The clients behind one bar or segment of the insights page, with what to do about them:
render a script for all of them (the scripts' bulk dialog), export them (the client list
export), turn them into worklist items (:class:`CampaignDialog`), open one (double-click).
客户在场 masks names to initials and hides amounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.money import WAN, amount_with_unit, format_amount
from rm_desktop.domain.pinyin import client_initials
from rm_desktop.services.exchange import exporting
from rm_desktop.services.insights.figures import Bar
from rm_desktop.services.insights.segments import ClientLine, client_lines
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.insights.campaign_dialog import CampaignDialog
from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.screen_fit import fit_to_screen
from rm_desktop.ui.widgets.tasks import run_task

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, TIER, AUM = range(3)


class SegmentModel(QAbstractTableModel):
    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self.lines: list[ClientLine] = []
        self._initials: dict[int, str] = {}  # pinyin is ~0.3 ms a name: only for rows shown
        privacy.changed.connect(self._privacy_changed)

    def set_lines(self, lines: list[ClientLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def _privacy_changed(self, _present: bool) -> None:
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, AUM))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("客户"), self.tr("层级"), self.tr("金融资产（万元）"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == CLIENT_ID_ROLE:
            return line.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AUM:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        present = self.privacy.client_present
        if index.column() == NAME:
            if not present:
                return line.name
            if line.id not in self._initials:
                self._initials[line.id] = client_initials(line.name)
            return self._initials[line.id]
        if index.column() == TIER:
            return line.tier_name
        return HIDDEN if present else format_amount(line.aum, WAN)


class SegmentDialog(QDialog):
    open_client = Signal(int)
    loaded = Signal()  # the list has arrived (tests wait for it)

    def __init__(
        self,
        vault: Vault,
        bar: Bar,
        privacy: Privacy,
        guard: ClipboardGuard,
        parent: QWidget | None = None,
        clock: Callable[[], dt.date] = dt.date.today,
    ):
        super().__init__(parent)
        self.vault, self.bar, self.privacy, self.guard, self.clock = vault, bar, privacy, guard, clock
        self.setWindowTitle(bar.label)
        fit_to_screen(self, 640, 560)
        self.summary = QLabel()
        self.note = QLabel()  # what the last action did
        self.model = SegmentModel(privacy, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (TIER, AUM):  # as wide as their text: "Assets (10k CNY)" was cut at the default width
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._open)
        self.script_button = QPushButton(self.tr("批量生成话术…"))
        self.script_button.clicked.connect(self.render_scripts)
        self.export_button = QPushButton(self.tr("导出名单…"))
        self.export_button.clicked.connect(self.choose_export)
        self.worklist_button = QPushButton(self.tr("加入工作清单…"))
        self.worklist_button.clicked.connect(self.add_to_worklist)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.script_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.worklist_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        privacy.changed.connect(lambda _on: self._summarise())
        for button in (self.script_button, self.export_button, self.worklist_button):
            button.setEnabled(bool(bar.client_ids))
        self._summarise()
        ids = bar.client_ids
        run_task(
            self,
            self.tr("正在读取客户"),
            lambda _progress: client_lines(vault, ids),
            self._show,
            modal=False,
            vault=vault,
        )

    def _summarise(self) -> None:
        amount = HIDDEN if self.privacy.client_present else amount_with_unit(self.bar.aum, WAN)
        self.summary.setText(self.tr("{} 位客户 · 金融资产 {}").format(self.bar.count, amount))

    def _show(self, lines: list[ClientLine]) -> None:
        self.model.set_lines(lines)
        self.loaded.emit()

    def client_ids(self) -> list[int]:
        return [line.id for line in self.model.lines]

    def _open(self, index: QModelIndex) -> None:
        client_id = index.data(CLIENT_ID_ROLE)
        if client_id is not None:
            self.open_client.emit(client_id)

    def render_scripts(self) -> ScriptBulkDialog:
        """The scripts' bulk dialog for exactly these clients."""
        dialog = ScriptBulkDialog(
            self.vault, self.guard, client_ids=self.client_ids(), list_title=self.bar.label, parent=self
        )
        dialog.open()
        return dialog

    def choose_export(self) -> None:
        path, _ = file_dialogs.get_save_path(
            self,
            file_dialogs.EXPORT,
            self.tr("导出客户名单"),
            f"{self.bar.label}_{exporting.today_stamp()}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        vault, ids = self.vault, self.client_ids()
        run_task(
            self,
            self.tr("正在导出名单"),
            lambda progress: exporting.export_list(vault, ClientQuery(), path, progress, only_ids=ids),
            lambda count: self.note.setText(self.tr("已导出 {} 位客户到 {}").format(count, path)),
            vault=vault,
        )

    def add_to_worklist(self) -> CampaignDialog:
        """One worklist item for each client of the bar (the service skips any since trashed)."""
        dialog = CampaignDialog(self.vault, self.bar.client_ids, self.bar.label, self.clock(), self)
        dialog.added.connect(lambda result: self.note.setText(result.message()))
        dialog.undone.connect(
            lambda removed: self.note.setText(self.tr("已撤销：从工作清单移除 {} 项").format(removed))
        )
        dialog.open()
        return dialog
