"""The client file's header card: name, tier badge, AUM, risk grade, contacts; the phone, the ID
and the client's balances masked until 显示 (the profile form and the 持仓 tab follow the same
toggles; which balances are masked is services/reveals/balances' rule)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from rm_desktop.domain.money import UNITS, YUAN, amount_with_unit
from rm_desktop.services.reveals.balances import balance_text
from rm_desktop.ui.reveals.reveal_button import RevealButton
from rm_desktop.ui.widgets.privacy import HIDDEN
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

TIER_COLOURS = {"private": "#7d3c98", "wealth": "#b9770e", "priority": "#1f618d", "potential": "#117a65"}


class HeaderCard(QFrame):
    """Name, tier badge, AUM, risk grade, contacts; phone, ID and balances masked with a 显示
    toggle each (``show_balance`` also shows the 持仓 tab's amounts)."""

    copy_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("headerCard")
        themed(self, "#headerCard { background: $panel; border: 1px solid $border; border-radius: 6px; }")
        self.record = None
        self.present = False
        self.name = QLabel()
        set_role(self.name, "title")
        self.badge = QLabel()
        self.facts = {key: QLabel() for key in ("aum", "risk", "last", "next", "phone", "id")}
        # 显示 asks the reason first when the file sets an asker (ui/reveals, issue 18.2).
        self.show_phone = RevealButton(self.tr("显示"))
        self.show_id = RevealButton(self.tr("显示"))
        self.show_balance = RevealButton(self.tr("显示"))
        self.show_balance.setToolTip(self.tr("显示该客户的资产和持仓金额"))
        self.copy_phone = QPushButton(self.tr("复制"))
        self.toggles = (self.show_phone, self.show_id, self.show_balance)
        for button in (*self.toggles, self.copy_phone):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for button in self.toggles:
            button.toggled.connect(self._refresh)
        self.copy_phone.clicked.connect(
            lambda: self.record and self.record.phone and self.copy_requested.emit(self.record.phone)
        )
        title = QHBoxLayout()
        title.addWidget(self.name)
        title.addWidget(self.badge)
        title.addStretch(1)
        grid = QGridLayout()
        labels = [
            (self.tr("金融资产"), "aum"),
            (self.tr("风险等级"), "risk"),
            (self.tr("最近联系"), "last"),
            (self.tr("下次跟进"), "next"),
            (self.tr("手机"), "phone"),
            (self.tr("证件"), "id"),
        ]
        for i, (text, key) in enumerate(labels):
            caption = QLabel(text)
            themed(caption, "color: $muted;")
            grid.addWidget(caption, i % 2, (i // 2) * 3)
            grid.addWidget(self.facts[key], i % 2, (i // 2) * 3 + 1)
        phone_buttons = QHBoxLayout()
        phone_buttons.addWidget(self.show_phone)
        phone_buttons.addWidget(self.copy_phone)
        grid.addLayout(phone_buttons, 0, 8)
        grid.addWidget(self.show_id, 1, 8)
        grid.addWidget(self.show_balance, 0, 2)
        grid.setColumnStretch(9, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(title)
        layout.addLayout(grid)

    def set_record(self, record, unit: str) -> None:
        """Show ``record``; another client (or none) masks everything again, the same client
        reloaded (after a save or a logged contact) keeps what was revealed."""
        same = record is not None and self.record is not None and record.id == self.record.id
        self.record, self.unit = record, unit
        # Wide enough for a large amount: revealing it does not push the columns beside it.
        widest = amount_with_unit(Decimal("99999999.99"), unit if unit in UNITS else YUAN)
        self.facts["aum"].setMinimumWidth(self.facts["aum"].fontMetrics().horizontalAdvance(widest))
        if not same:
            self._mask_all()
        self._refresh()

    def forget_reveals(self) -> None:
        """The file is opened (again): nothing stays revealed from before."""
        self._mask_all()

    def set_client_present(self, present: bool) -> None:
        self.present = present
        if present:
            self._mask_all()
        self._refresh()

    def reveal_balances(self) -> bool:
        """The 持仓 tab's way to ask for the amounts (editing a holding shows its amount): the
        same as pressing 显示 beside the AUM. True when they are shown; under 客户在场 it says why not."""
        if self.present:
            QMessageBox.information(
                self, self.tr("修改持仓"), self.tr("客户在场时不显示金额：关闭“客户在场”后再修改持仓。")
            )
            return False
        if not self.show_balance.isChecked():
            self.show_balance.click()  # disabled (客户在场, no client): does nothing
        return self.show_balance.isChecked()

    def _mask_all(self) -> None:
        """A new record or 客户在场: every toggle off (setChecked from code never asks)."""
        for button in self.toggles:
            button.setChecked(False)

    def _refresh(self) -> None:
        r = self.record
        self.show_phone.setEnabled(not self.present and bool(r and r.phone))
        self.show_id.setEnabled(not self.present and bool(r and r.id_number))
        # Enabled with any client, AUM or not: the 持仓 tab's amounts are behind the same toggle.
        self.show_balance.setEnabled(not self.present and r is not None)
        if r is None:
            self.name.setText(self.tr("新客户"))
            self.badge.clear()
            for label in self.facts.values():
                label.setText("—")
            return
        self.name.setText(r.name)
        colour = TIER_COLOURS.get(r.tier, "#5d6d7e")
        self.badge.setText(r.tier_name)
        self.badge.setStyleSheet(f"background: {colour}; color: white; border-radius: 9px; padding: 2px 10px;")
        today = dt.date.today()
        self.facts["aum"].setText(
            HIDDEN if self.present else balance_text(r.aum, self.unit, shown=self.show_balance.isChecked(), empty="—")
        )
        risk = r.risk_grade or "—"
        if r.risk_expired(today):
            risk += self.tr("（测评已过期）")
        self.facts["risk"].setText(risk)
        overdue = r.contact_overdue(today)
        self.facts["last"].setText(
            (f"{r.last_contact_at:%Y-%m-%d}" if r.last_contact_at else self.tr("从未联系"))
            + (self.tr("（已逾期）") if overdue else "")
        )
        themed(self.facts["last"], "color: $error;" if overdue else "")
        self.facts["next"].setText(r.next_follow_up.isoformat() if r.next_follow_up else "—")
        self.facts["phone"].setText((r.phone if self.show_phone.isChecked() else r.phone_masked) or "—")
        self.facts["id"].setText((r.id_number if self.show_id.isChecked() else r.id_number_masked) or "—")
