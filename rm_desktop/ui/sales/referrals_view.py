"""推荐: each referrer (a client, or a colleague by role and name) with the clients they
referred and their conversion: opportunities opened for those clients, won, amount won.
Selecting a referrer lists the referred clients; 输送新客户 records a colleague's walk-in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.services.sales.records import ReferrerSummary
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.theme import themed


class ReferralsView(QWidget):
    walk_in = Signal()

    def __init__(self, privacy: Privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self.summaries: list[ReferrerSummary] = []
        self.new_button = QPushButton(self.tr("输送新客户…"))
        icons.bind(self.new_button, "new_client")
        self.new_button.clicked.connect(self.walk_in)
        self.hint = QLabel(
            self.tr("还没有推荐记录：新建商机时填写推荐人，或用“输送新客户”登记大堂经理、柜员转来的客户。")
        )
        self.hint.setWordWrap(True)
        themed(self.hint, "color: $muted;")
        headers = [self.tr("推荐人"), self.tr("推荐客户数"), self.tr("商机数"), self.tr("成交数"),
                   self.tr("成交金额（万元）"), self.tr("转化率")]  # fmt: skip
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_clients)
        self.clients = QLabel()
        self.clients.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.clients)
        privacy.changed.connect(lambda _on: self.set_summaries(self.summaries))

    def set_summaries(self, summaries: list[ReferrerSummary]) -> None:
        self.summaries = summaries
        self.hint.setVisible(not summaries)
        hidden = self.privacy.client_present
        self.table.setRowCount(len(summaries))
        for row, s in enumerate(summaries):
            cells: list[str] = [
                s.label,
                str(s.referred),
                str(s.opportunities),
                str(s.won),
                HIDDEN if hidden else format_amount(s.won_amount, WAN),
                f"{s.conversion:.0%}",
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._show_clients()

    def _show_clients(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.summaries):
            self.clients.setText(self.tr("选择一位推荐人，查看其推荐的客户。") if self.summaries else "")
            return
        chosen = self.summaries[rows[0].row()]
        names = "、".join(name for _cid, name in chosen.clients)
        self.clients.setText(self.tr("{} 推荐的客户：{}").format(chosen.label, names))

    def select(self, matches: Callable[[ReferrerSummary], bool]) -> None:
        for row, summary in enumerate(self.summaries):
            if matches(summary):
                self.table.selectRow(row)
                return
