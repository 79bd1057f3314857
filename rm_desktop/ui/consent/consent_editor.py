"""同意: a client's marketing consent (date, how given, allowed channels) and sensitive-data
consent, edited and saved in one transaction through services/consent. A client without a
record says so at the top, in the error colour: bulk sends skip them until the RM records it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.consent import METHODS, Consent
from rm_desktop.domain.errors import UserError
from rm_desktop.services.consent import store
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.theme import themed


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate.currentDate())
    return edit


class ConsentEditor(QWidget):
    saved = Signal()

    def __init__(self, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today  # a fixed day for tests; None: the machine's
        self.vault: Vault | None = None
        self.client_id: int | None = None
        self.consent: Consent | None = None
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.marketing = QCheckBox(self.tr("同意接收营销信息（产品推介、活动邀请、节日问候等）"))
        self.given_on = _date_edit()
        self.given_by = QComboBox()
        for choice in METHODS.choices:
            self.given_by.addItem(choice.label(), choice.code)
        self.channels: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for index, choice in enumerate(CHANNELS.choices):
            box = QCheckBox(choice.label())
            self.channels[choice.code] = box
            grid.addWidget(box, index // 4, index % 4)
        self.sensitive = QCheckBox(self.tr("同意处理敏感个人信息（如金融账户、收入、健康）"))
        self.sensitive_on = _date_edit()
        self.marketing.toggled.connect(self._enable)
        self.sensitive.toggled.connect(self._enable)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # dates need no full width
        form.addRow(self.marketing)
        form.addRow(self.tr("同意日期"), self.given_on)
        form.addRow(self.tr("同意方式"), self.given_by)
        form.addRow(self.tr("允许的渠道"), grid)
        form.addRow(self.sensitive)
        form.addRow(self.tr("敏感信息同意日期"), self.sensitive_on)
        self.save_button = QPushButton(self.tr("保存同意(&A)"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        hint = QLabel(
            self.tr(
                "群发短信、微信和活动邀请只发给同意营销且允许该渠道的客户，免打扰时段也会跳过；"
                "一对一的服务联系不受影响。"
            )
        )
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addStretch(1)
        self._show(None)

    def load(self, vault: Vault, client_id: int) -> None:
        self.vault, self.client_id = vault, client_id
        self._show(store.get_consent(vault, client_id))
        self.status.clear()

    def clear(self) -> None:
        self.vault, self.client_id = None, None
        self._show(None)

    def _show(self, consent: Consent | None) -> None:
        self.consent = consent
        shown = consent or Consent(False, channels=())
        self.banner.setVisible(consent is None)
        self.banner.setText(self.tr("尚未记录同意：群发短信、微信和活动邀请会跳过该客户。请勾选后保存。"))
        themed(self.banner, "color: $error; font-weight: bold;")
        self.marketing.setChecked(shown.marketing)
        self.given_on.setDate(_qdate(shown.given_on) if shown.given_on else self._today())
        index = self.given_by.findData(shown.given_by or METHODS.codes[0])
        self.given_by.setCurrentIndex(max(index, 0))
        for code, box in self.channels.items():
            box.setChecked(code in shown.channels)
        self.sensitive.setChecked(shown.sensitive)
        self.sensitive_on.setDate(_qdate(shown.sensitive_on) if shown.sensitive_on else self._today())
        self._enable()

    def _today(self) -> QDate:
        return _qdate(self.today) if self.today else QDate.currentDate()

    def _enable(self) -> None:
        on = self.marketing.isChecked()
        for box in self.channels.values():
            box.setEnabled(on)
        self.sensitive_on.setEnabled(self.sensitive.isChecked())

    def values(self) -> dict[str, object]:
        """What 保存 sends: every field (the service parses them as the CLI's)."""
        return {
            "marketing": self.marketing.isChecked(),
            "given_on": self.given_on.date().toPython(),
            "given_by": self.given_by.currentData(),
            "channels": [code for code, box in self.channels.items() if box.isChecked()],
            "sensitive": self.sensitive.isChecked(),
            "sensitive_on": self.sensitive_on.date().toPython() if self.sensitive.isChecked() else "",
        }

    def save(self) -> None:
        if self.vault is None or self.client_id is None:
            return
        try:
            consent = store.set_consent(self.vault, self.client_id, self.values())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("同意"), str(exc))
            return
        self._show(consent)
        self.status.setText(self.tr("已保存。"))
        self.saved.emit()
