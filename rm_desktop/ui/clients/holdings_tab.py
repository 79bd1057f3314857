"""The client file's 持仓 tab: the holdings (maturities highlighted) and the total still held.

Amounts are the client's balances (services/reveals/balances): masked until the header's 显示
beside the AUM, whose toggle drives :meth:`HoldingsTab.set_amounts_shown`. Editing a holding
shows its amount, so 修改 on a masked one asks for that reveal first (``reveal``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QMessageBox

from rm_desktop.services.clients import holdings
from rm_desktop.services.reveals.balances import balance_text
from rm_desktop.ui.clients.client_tabs import RecordsTab, date_text
from rm_desktop.ui.clients.records_table import RECORD, Column
from rm_desktop.ui.widgets.theme import themed

MATURING_DAYS = 30
LATE = QColor("#c0392b")
SOON = QColor("#b9770e")
YUAN = "元"  # the column's unit, named in its header


class HoldingsTab(RecordsTab):
    edit_requested = Signal(object)  # a HoldingRecord, or None to add one

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty.setText(self.tr("还没有持仓。点“添加持仓”登记客户的存款、理财、基金或保险。"))
        self.today = dt.date.today()
        self.shown = False  # the amounts in full (the header's 显示 beside the AUM)
        self.reveal: Callable[[], bool] | None = None  # asks that reveal; None: editing never asks
        self.model.foreground = self._colour
        self.model.set_columns(
            [
                Column(self.tr("类型"), lambda h: h.product_type_label),
                Column(self.tr("产品名称"), lambda h: h.name),
                Column(self.tr("代码"), lambda h: h.code),
                Column(
                    self.tr("金额（元）"),
                    lambda h: h.amount,
                    lambda v: balance_text(v, YUAN, shown=self.shown, with_unit=False),  # read when painted
                    True,
                ),
                Column(self.tr("风险"), lambda h: h.risk),
                Column(self.tr("起始日"), lambda h: h.start_date, date_text),
                Column(self.tr("到期日"), lambda h: h.maturity_date, date_text),
                Column(
                    self.tr("剩余天数"), lambda h: h.days_to_maturity(self.today) if h.status == "holding" else None
                ),
                Column(self.tr("状态"), lambda h: h.status_label),
            ]
        )
        self.add_button(self.tr("添加持仓"), lambda: self.edit_requested.emit(None))
        self.add_button(self.tr("修改"), lambda: self._edit(self.current()), needs_row=True)
        self.add_button(self.tr("删除"), self._remove, needs_row=True)
        self.buttons.addStretch(1)
        self.total = QLabel()
        themed(self.total, "color: $muted;")
        self.buttons.addWidget(self.total)
        self.table.doubleClicked.connect(lambda index: self._edit(index.data(RECORD)))
        self.model.modelReset.connect(self._show_total)

    def fetch(self) -> list:
        self.today = dt.date.today()
        return holdings.list_holdings(*self.loaded())

    def set_amounts_shown(self, shown: bool) -> None:
        """The header's balance toggle: every amount and the total, in full or masked."""
        self.shown = shown
        self.model.texts_changed()  # the selection stays: 修改 after a reveal acts on the same row
        self._show_total()

    def _show_total(self) -> None:
        held = [h.amount for h in self.model.records if h.status == "holding" and h.amount is not None]
        total = sum(held, Decimal(0)) if held else None
        self.total.setText(self.tr("持有中合计：{}").format(balance_text(total, YUAN, shown=self.shown, empty="—")))
        self.total.setVisible(bool(self.model.records))

    def _edit(self, holding) -> None:
        """修改 or a double-click: the dialog shows the amount, so a masked one is revealed first
        (the reason asked as for 显示); refused or 客户在场, nothing opens."""
        if holding is None:
            return
        if not self.shown and holding.amount is not None and self.reveal is not None and not self.reveal():
            return
        self.edit_requested.emit(holding)

    def _colour(self, holding):
        left = holding.days_to_maturity(self.today)
        if holding.status != "holding" or left is None:
            return None
        return LATE if left < 0 else (SOON if left <= MATURING_DAYS else None)

    def _remove(self) -> None:
        holding = self.current()
        if (
            holding
            and QMessageBox.question(self, self.tr("删除持仓"), self.tr("删除持仓“{}”？").format(holding.name))
            == QMessageBox.StandardButton.Yes
        ):
            holdings.remove_holding(self.loaded()[0], holding.id)
            self.reload()
