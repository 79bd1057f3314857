"""Recording a contact (往来记录): the quick entry (Ctrl+N) used during or right after a visit.

What is typed is saved into the vault as a draft every few seconds, so a crash, a lock or a
closed laptop loses nothing; the draft comes back at the next unlock. A visit or branch meeting
proposes a follow-up date 48 hours later (the follow-up rule), which the RM can change.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders.followups import default_follow_up
from rm_desktop.services.clients import contacts, drafts
from rm_desktop.services.clients.choices import CHANNELS
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.client_picker import ClientPicker
from rm_desktop.ui.widgets.fields_form import FieldsForm, FieldUI
from rm_desktop.ui.widgets.theme import themed

AUTOSAVE_MS = 3000
DRAFT_KIND = "contact"


class ContactDialog(QDialog):
    def __init__(
        self,
        vault: Vault,
        parent=None,
        *,
        client_id: int | None = None,
        client_label: str = "",
        contact=None,
        draft=None,
    ):
        super().__init__(parent)
        self.vault = vault
        self.contact = contact
        self.draft_id = draft.id if draft else None
        self.saved: contacts.ContactRecord | None = None
        self.setWindowTitle(self.tr("修改往来记录") if contact else self.tr("记录往来"))
        self.setMinimumWidth(560)

        self.picker = ClientPicker(vault)
        if client_id:
            self.picker.set_client(client_id, client_label)
        self.picker.setEnabled(contact is None)
        self.client_error = QLabel()
        themed(self.client_error, "color: $error;")
        self.client_error.hide()
        channels = tuple((c.code, c.label()) for c in CHANNELS.choices)
        self.form = FieldsForm(
            [
                FieldUI("at", self.tr("时间"), placeholder="YYYY-MM-DD HH:MM"),
                FieldUI("channel", self.tr("方式"), "choice", channels),
                FieldUI("purpose", self.tr("目的"), placeholder=self.tr("日常维护 / 产品到期 / 生日问候 / 节日问候 …")),
                FieldUI("content", self.tr("内容"), "long", height=110),
                FieldUI("outcome", self.tr("结果"), "long", height=52),
                FieldUI("next_step", self.tr("下一步")),
                FieldUI("follow_up_date", self.tr("跟进日期"), "date"),
            ]
        )
        self.form.combo("channel").currentIndexChanged.connect(self._suggest_follow_up)
        self.status = QLabel()
        themed(self.status, "color: $muted; font-size: 11px;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("客户")))
        layout.addWidget(self.picker)
        layout.addWidget(self.client_error)
        layout.addWidget(self.form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._fill(contact, draft)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._dirty = False
        self.form.edited.connect(self._mark_dirty)
        self._autosave.start()
        self.form.editors["content"].setFocus()

    def _fill(self, contact, draft) -> None:
        if contact is not None:
            for key in self.form.editors:
                value = getattr(contact, key)
                self.form.set_value(key, f"{value:%Y-%m-%d %H:%M}" if key == "at" else value)
            return
        values = dict(draft.payload) if draft else {}
        if draft and draft.client_id:
            self.picker.set_client(draft.client_id, values.pop("_client_label", ""))
        values.setdefault("at", f"{dt.datetime.now():%Y-%m-%d %H:%M}")
        values.setdefault("channel", "phone")
        for key, value in values.items():
            if key in self.form.editors:
                self.form.set_value(key, value)

    def _suggest_follow_up(self) -> None:
        values = self.form.values()
        if values["follow_up_date"] or not values["channel"]:
            return
        try:
            at = dt.datetime.fromisoformat(values["at"]) if values["at"] else dt.datetime.now()
        except ValueError:
            return
        proposed = default_follow_up(at, values["channel"])
        if proposed:
            self.form.set_value("follow_up_date", proposed)

    def _mark_dirty(self) -> None:
        self._dirty = True

    def save_draft(self) -> None:
        """Autosave (new records only: an edit of an existing record keeps its revisions instead)."""
        if self.contact is not None or not self._dirty:
            return
        payload = self.form.values()
        payload["_client_label"] = self.picker.currentText()
        self.draft_id = drafts.save_draft(
            self.vault, DRAFT_KIND, self.picker.client_id(), payload, draft_id=self.draft_id
        )
        self._dirty = False
        self.status.setText(self.tr("草稿已自动保存 {}").format(f"{dt.datetime.now():%H:%M:%S}"))

    def _save(self) -> None:
        client_id = self.picker.client_id()
        self.client_error.setVisible(client_id is None)
        self.client_error.setText(self.tr("请选择客户。"))
        if client_id is None:
            self.picker.setFocus()
            return
        values = self.form.values()
        try:
            if self.contact is not None:
                self.saved = contacts.edit_contact(self.vault, self.contact.id, values)
            else:
                self.saved = contacts.add_contact(self.vault, client_id, values)
        except ClientValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self._autosave.stop()
        if self.draft_id is not None:
            drafts.discard_draft(self.vault, self.draft_id)
        self.accept()

    def reject(self) -> None:
        """Cancel: keep what was typed as a draft for next time, or drop it."""
        self._autosave.stop()
        if self.contact is None and (self._dirty or self.draft_id):
            self.save_draft()
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("保留这条草稿，下次继续填写？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.No and self.draft_id is not None:
                drafts.discard_draft(self.vault, self.draft_id)
        super().reject()

    def close_for_lock(self) -> None:
        """The vault is locking: save the draft without asking, then close."""
        self._autosave.stop()
        self.save_draft()
        super().reject()
