"""Add or edit a holding (持仓): product type, name, code, amount, risk, dates, status.

Closing it with changes asks 保存 / 放弃 / 取消; while open they are autosaved, and a lock keeps
them, as a draft (kind "holding") that the client file offers back after the next unlock.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.grades import PRODUCT_RISKS
from rm_desktop.services.clients import holdings
from rm_desktop.services.clients.choices import HOLDING_STATUSES, PRODUCT_TYPES
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.conflict_dialog import DISCARD, save_with_choice
from rm_desktop.ui.widgets.fields_form import FieldsForm, FieldUI
from rm_desktop.ui.widgets.unsaved import DraftKeeper, Snapshot, reject_asking

DRAFT_KIND = "holding"


class HoldingDialog(QDialog):
    def __init__(self, vault: Vault, client_id: int, parent=None, holding=None, draft=None):
        super().__init__(parent)
        self.vault, self.client_id, self.holding = vault, client_id, holding
        self.setWindowTitle(self.tr("修改持仓") if holding else self.tr("添加持仓"))
        self.setMinimumWidth(460)
        specs = [
            FieldUI(
                "product_type",
                self.tr("产品类型"),
                "choice",
                tuple((c.code, c.label()) for c in PRODUCT_TYPES.choices),
            ),
            FieldUI("name", self.tr("产品名称")),
            FieldUI("code", self.tr("产品代码")),
            FieldUI("amount", self.tr("金额（元）"), placeholder=self.tr("如 500,000")),
            FieldUI("risk", self.tr("产品风险等级"), "choice", tuple((r, r) for r in PRODUCT_RISKS)),
            FieldUI("start_date", self.tr("起始日"), "date"),
            FieldUI("maturity_date", self.tr("到期日"), "date"),
            FieldUI("status", self.tr("状态"), "choice", tuple((c.code, c.label()) for c in HOLDING_STATUSES.choices)),
            FieldUI("notes", self.tr("备注"), "long"),
        ]
        self.labels = {spec.key: spec.label for spec in specs}
        self.form = FieldsForm(specs)
        if holding is not None:
            for key in self.form.editors:
                self.form.set_value(key, getattr(holding, key))
        else:
            self.form.set_value("status", "holding")
        self.changes = Snapshot(self.form.values)
        self.changes.reset()
        self.keeper = DraftKeeper(
            self, DRAFT_KIND, lambda: self.vault, self.changes.dirty, self._draft, lambda: client_id
        )
        self.keeper.start(draft.id if draft is not None else None)
        if draft is not None:  # a lock's draft over the loaded values: it stays unsaved
            for key, value in draft.payload.get("values", {}).items():
                if key in self.form.editors:
                    self.form.set_value(key, value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def _save(self) -> None:
        values = self.form.values()
        try:
            if self.holding is None:
                holdings.add_holding(self.vault, self.client_id, values)
            elif not self._update(self.holding, values):
                return
        except ClientValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self._drop_draft()
        self.accept()

    def reject(self) -> None:
        reject_asking(self, self.changes.dirty(), self._save, self._discard)

    def _discard(self) -> None:
        self._drop_draft()
        super().reject()

    def close_for_lock(self) -> None:
        """The vault is locking: keep the changes as a draft without asking, then close."""
        self.keeper.save()
        self.keeper.stop()
        super().reject()

    def done(self, result: int) -> None:
        self.keeper.timer.stop()  # closed: nothing more to autosave
        super().done(result)

    def _draft(self) -> dict:
        return {"values": self.form.values(), "holding_id": self.holding.id if self.holding else None}

    def _drop_draft(self) -> None:
        self.keeper.drop()

    def _update(self, holding: holdings.HoldingRecord, values: dict) -> bool:
        """Save against the version the dialog was opened with; if the holding changed since, the
        user picks per field. False: cancelled (the dialog stays open) or discarded (it closes
        as accepted, so that the list reloads the stored holding)."""

        def save(version: int | None, theirs: set[str]) -> holdings.HoldingRecord:
            mine = {key: value for key, value in values.items() if key not in theirs}
            return holdings.update_holding(self.vault, holding.id, mine, expected_version=version)

        base = {key: getattr(holding, key) for key in holdings.HOLDING_FIELDS}
        outcome = save_with_choice(self, save, holding.row_version, self.labels, base)
        if outcome == DISCARD:
            self._drop_draft()
            self.accept()
        return outcome not in (None, DISCARD)
