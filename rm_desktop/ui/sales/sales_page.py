"""商机: the pipeline board and the referrals, for the whole book.

The board reloads at each showing and after every change (a board of 5,000 open opportunities
loads in well under the 0.5 s goal: benchmarks/bench_pipeline.py). A move into 成交 runs the
suitability check first: a case the client may acknowledge in writing asks for it (kept in the
history), any other refusal says the rule that stopped it; a move to 未成交 asks for the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.domain.sales import SOURCES, STAGE_LOST, STAGE_WON
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales import referrals
from rm_desktop.services.sales.pipeline import Board, BoardFilter, empty_board, load_board
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.sales.note_dialog import NoteDialog
from rm_desktop.ui.sales.opportunity_dialog import OpportunityDialog
from rm_desktop.ui.sales.pipeline_board import PipelineBoard
from rm_desktop.ui.sales.referrals_view import ReferralsView
from rm_desktop.ui.sales.walk_in_dialog import WalkInDialog
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.theme import themed

MONTHS_EACH_WAY = 6
NEW_KEYS = "Ctrl+Shift+N"  # Ctrl+N is the window's 记录往来: two owners of one key and neither fires


class SalesPage(Page):
    loaded = Signal()  # after each reload; tests listen
    load_on_show = "each"

    def __init__(self, privacy: Privacy, clock: Callable[[], dt.date] = dt.date.today):
        super().__init__()
        self.privacy, self.clock = privacy, clock
        self.new_button = QPushButton(self.tr("新建商机"))
        QShortcut(QKeySequence(NEW_KEYS), self, lambda: self.add_opportunity())  # a button's own key misses
        self.new_button.setToolTip(self.tr("新建商机（Ctrl+Shift+N）"))
        icons.bind(self.new_button, "new")
        self.new_button.clicked.connect(lambda: self.add_opportunity())
        self.product = QComboBox()
        self.product.addItem(self.tr("全部产品"), None)
        for choice in PRODUCT_TYPES.choices:
            self.product.addItem(choice.label(), choice.code)
        self.source = QComboBox()
        self.source.addItem(self.tr("全部来源"), None)
        for choice in SOURCES.choices:
            self.source.addItem(choice.label(), choice.code)
        self.month = QComboBox()
        for combo in (self.product, self.source, self.month):
            combo.currentIndexChanged.connect(lambda _i: self.load())
        self.summary = QLabel()
        self.hint = QLabel(
            self.tr("还没有商机：点“新建商机”（Ctrl+Shift+N）登记客户的意向；拖动卡片或按 Ctrl+←/→ 移动阶段。")
        )
        themed(self.hint, "color: $muted;")
        self.hint.setWordWrap(True)
        self.board = PipelineBoard(privacy)
        self.board.move_requested.connect(self.move_card)
        self.board.edit_requested.connect(self.edit)
        self.referrals = ReferralsView(privacy)
        self.referrals.walk_in.connect(self.walk_in)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.board, self.tr("商机看板"))
        self.tabs.addTab(self.referrals, self.tr("推荐"))
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        for label, combo in (
            (self.tr("产品"), self.product),
            (self.tr("来源"), self.source),
            (self.tr("月份"), self.month),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)
        privacy.changed.connect(lambda _on: self._show_summary())
        self._total: Board | None = None

    def attach(self, vault: Vault) -> None:
        self._fill_months()
        super().attach(vault)

    def _fill_months(self) -> None:
        today = self.clock()
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItem(self.tr("全部月份"), None)
        for step in range(-MONTHS_EACH_WAY, MONTHS_EACH_WAY + 1):
            index = today.year * 12 + today.month - 1 + step
            self.month.addItem(f"{index // 12}-{index % 12 + 1:02d}", f"{index // 12}-{index % 12 + 1:02d}")
        self.month.blockSignals(False)

    def filters(self) -> BoardFilter:
        return BoardFilter(self.product.currentData(), self.source.currentData(), self.month.currentData())

    def load(self) -> None:
        if self.vault is None:
            return
        try:
            board = load_board(self.vault, self.clock(), self.filters())
            summaries = referrals.referrer_summaries(self.vault)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("商机"), str(exc))
            return
        self.board.set_board(board)
        self.referrals.set_summaries(summaries)
        self._total = board
        self.hint.setVisible(not any(c.count for c in board.columns))
        self._show_summary()
        self.loaded.emit()

    def _show_summary(self) -> None:
        board = self._total
        if board is None:
            self.summary.setText("")
            return
        count = sum(c.count for c in board.columns[:3])
        weighted = HIDDEN if self.privacy.client_present else format_amount(board.open_weighted, WAN)
        self.summary.setText(self.tr("进行中 {} 个 · 加权 {} 万元").format(count, weighted))

    def detach(self) -> None:
        super().detach()
        self.board.set_board(empty_board())  # nothing of the locked vault stays on screen
        self.referrals.set_summaries([])
        self._total = None
        self.summary.setText("")

    # -- actions ----------------------------------------------------------------------------

    def add_opportunity(self, client_id: int | None = None, name: str = "") -> None:
        if self.vault is None:
            return
        dialog = OpportunityDialog(self.vault, self.clock(), parent=self)
        if client_id is not None:
            dialog.set_client(client_id, name)
        if dialog.exec() and dialog.saved is not None:
            self.load()
            self.board.select(dialog.saved.id)

    def edit(self, opportunity_id: int) -> None:
        if self.vault is None:
            return
        try:
            record = opp.get_opportunity(self.vault, opportunity_id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("商机"), str(exc))
            return
        dialog = OpportunityDialog(self.vault, self.clock(), record, parent=self)
        if dialog.exec():
            self.load()
            self.board.select(opportunity_id)

    def move_card(self, opportunity_id: int, stage: str) -> bool:
        """Move one card (drag, keys or menu); True when stored."""
        if self.vault is None:
            return False
        today = self.clock()
        reason = ack = None
        try:
            if stage == STAGE_WON:
                refusal = opp.close_refusal(self.vault, opportunity_id, today)
                if refusal is not None and not refusal.waivable:
                    QMessageBox.warning(self, self.tr("不能成交"), refusal.message)
                    return False
                if refusal is not None:
                    ack = self._ask(
                        self.tr("客户书面确认"), refusal.message, self.tr("如 客户已签署风险揭示书，自愿购买")
                    )
                    if ack is None:
                        return False
            elif stage == STAGE_LOST:
                reason = self._ask(self.tr("未成交原因"), self.tr("写明未成交的原因："), self.tr("如 利率不如他行"))
                if reason is None:
                    return False
            moved = opp.move_opportunity(
                self.vault, opportunity_id, stage, today=today, reason=reason, acknowledgement=ack
            )
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未移动"), str(exc))
            return False
        self.load()
        self.board.select(opportunity_id)
        if moved.holding_id is not None:
            self.summary.setText(self.tr("已成交：已为{}建立持仓“{}”。").format(moved.client_name, moved.product_name))
        return True

    def _ask(self, title: str, explanation: str, placeholder: str) -> str | None:
        dialog = NoteDialog(title, explanation, placeholder, self)
        return dialog.text() if dialog.exec() else None

    def walk_in(self) -> None:
        if self.vault is None:
            return
        dialog = WalkInDialog(self.vault, self.clock(), self)
        if dialog.exec():
            self.load()
            self.tabs.setCurrentWidget(self.referrals)
