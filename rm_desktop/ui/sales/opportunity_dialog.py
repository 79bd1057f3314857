"""Add or edit an opportunity: the client (when new), the product, amount, expected close,
stage (when new: an open one), source, next step with its date, notes, and who referred it.
Each refused field shows its message under it; nothing is stored until every field passes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.grades import PRODUCT_RISKS
from rm_desktop.domain.sales import OPEN_STAGES, REFERRER_ROLES, SOURCES, STAGES
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales.records import OpportunityRecord
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.client_picker import ClientPicker
from rm_desktop.ui.widgets.fields_form import FieldsForm, FieldUI
from rm_desktop.ui.widgets.theme import themed

REFERRER_FIELDS = ("referrer_role", "referrer_name")


class OpportunityDialog(QDialog):
    def __init__(self, vault: Vault, today: dt.date, opportunity: OpportunityRecord | None = None, parent=None):
        super().__init__(parent)
        self.vault, self.today, self.opportunity = vault, today, opportunity
        self.saved: OpportunityRecord | None = None
        self.setWindowTitle(self.tr("修改商机") if opportunity else self.tr("新建商机"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.client = ClientPicker(vault)
        self.client_error = QLabel()
        themed(self.client_error, "color: $error; font-size: 12px;")
        self.client_error.hide()
        if opportunity is None:
            layout.addWidget(QLabel(self.tr("客户")))
            layout.addWidget(self.client)
            layout.addWidget(self.client_error)
        else:
            layout.addWidget(QLabel(self.tr("客户：{}").format(opportunity.client_name)))
        specs = [
            FieldUI(
                "product_type", self.tr("产品类型"), "choice", tuple((c.code, c.label()) for c in PRODUCT_TYPES.choices)
            ),
            FieldUI("product_name", self.tr("产品名称")),
            FieldUI("product_code", self.tr("产品代码")),
            FieldUI("product_risk", self.tr("产品风险等级"), "choice", tuple((r, r) for r in PRODUCT_RISKS)),
            FieldUI("amount", self.tr("金额（元）"), placeholder=self.tr("如 200000 或 20万")),
            FieldUI("expected_close", self.tr("预计成交日"), "date"),
        ]
        if opportunity is None:
            stages = tuple((c.code, c.label()) for c in STAGES.choices if c.code in OPEN_STAGES)
            specs.append(FieldUI("stage", self.tr("阶段"), "choice", stages))
        specs += [
            FieldUI("source", self.tr("来源"), "choice", tuple((c.code, c.label()) for c in SOURCES.choices)),
            FieldUI("next_step", self.tr("下一步"), placeholder=self.tr("如 电话确认方案")),
            FieldUI("next_step_on", self.tr("下一步日期"), "date"),
            FieldUI("notes", self.tr("备注"), "long"),
        ]
        if opportunity is None:
            roles = tuple((c.code, c.label()) for c in REFERRER_ROLES.choices)
            specs += [
                FieldUI("referrer_role", self.tr("推荐同事岗位"), "choice", roles),
                FieldUI("referrer_name", self.tr("推荐同事姓名"), placeholder=self.tr("没有推荐人可留空")),
            ]
        self.form = FieldsForm(specs)
        if opportunity is not None:
            for key in self.form.editors:
                self.form.set_value(key, getattr(opportunity, key))
        else:
            self.form.set_value("product_type", "wealth")
            self.form.set_value("stage", OPEN_STAGES[0])
        layout.addWidget(self.form)
        self.referrer_client = ClientPicker(vault)
        if opportunity is None:  # or a client referred it (推荐客户), instead of a colleague
            layout.addWidget(QLabel(self.tr("或由客户推荐")))
            layout.addWidget(self.referrer_client)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_client(self, client_id: int, name: str) -> None:
        self.client.set_client(client_id, name)

    def _save(self) -> None:
        values = {k: v for k, v in self.form.values().items() if k not in REFERRER_FIELDS}
        referral = {k: v for k, v in self.form.values().items() if k in REFERRER_FIELDS and v not in (None, "")}
        if self.referrer_client.currentData():
            referral["referrer_client_id"] = self.referrer_client.currentData()
        try:
            if self.opportunity is not None:
                self.saved = opp.update_opportunity(
                    self.vault, self.opportunity.id, values, expected_version=self.opportunity.row_version
                )
            else:
                client_id = self.client.currentData()
                if not client_id:
                    self.client_error.setText(self.tr("请先选择客户"))
                    self.client_error.show()
                    return
                self.saved = opp.add_opportunity(
                    self.vault, client_id, values, today=self.today, referral=referral or None
                )
        except ClientValidationError as exc:
            shown = {
                ("referrer_name" if k in ("referrer", "referrer_client_id") else k): m for k, m in exc.errors.items()
            }
            self.form.show_errors(shown)
            return
        except ValidationError as exc:
            if exc.field in self.form.editors:
                self.form.show_errors({exc.field: exc.message})
            else:
                QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        self.accept()
