"""输送: a colleague's walk-in note (name, phone, what the client asked about) becomes a new
client file with the referrer set; the referral is recorded with it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.sales import REFERRER_ROLES
from rm_desktop.services.clients.records import ClientRecord
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.sales import referrals
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.fields_form import FieldsForm, FieldUI

CLIENT_FIELDS = ("name", "phone", "notes")


class WalkInDialog(QDialog):
    def __init__(self, vault: Vault, today: dt.date, parent=None):
        super().__init__(parent)
        self.vault, self.today = vault, today
        self.created: ClientRecord | None = None
        self.setWindowTitle(self.tr("输送新客户"))
        self.setMinimumWidth(460)
        roles = tuple((c.code, c.label()) for c in REFERRER_ROLES.choices)
        self.form = FieldsForm(
            [
                FieldUI("name", self.tr("客户姓名")),
                FieldUI("phone", self.tr("手机号码")),
                FieldUI("notes", self.tr("需求记录"), "long", placeholder=self.tr("如 咨询大额存单，下午再来")),
                FieldUI("referrer_role", self.tr("推荐同事岗位"), "choice", roles),
                FieldUI("referrer_name", self.tr("推荐同事姓名")),
            ]
        )
        self.form.set_value("referrer_role", "lobby_manager")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def _save(self) -> None:
        values = self.form.values()
        client = {k: v for k, v in values.items() if k in CLIENT_FIELDS and v not in (None, "")}
        referrer = {k: v for k, v in values.items() if k not in CLIENT_FIELDS and v not in (None, "")}
        try:
            self.created, _referral = referrals.walk_in(self.vault, client, referrer, today=self.today)
        except ClientValidationError as exc:
            shown = {("referrer_name" if k == "referrer" else k): m for k, m in exc.errors.items()}
            self.form.show_errors(shown)
            return
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        self.accept()
