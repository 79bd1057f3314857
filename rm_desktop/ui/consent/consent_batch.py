"""记录同意 for a selection of the client list: the consent editor's fields once, written for
every selected client in one transaction (services/consent set_many: all or none)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout

from rm_desktop.domain.errors import UserError
from rm_desktop.services.consent import store
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.consent.consent_editor import ConsentEditor


class ConsentBatchDialog(QDialog):
    def __init__(self, vault: Vault, client_ids: list[int], parent=None):
        super().__init__(parent)
        self.vault, self.client_ids = vault, list(client_ids)
        self.setWindowTitle(self.tr("记录同意"))
        self.editor = ConsentEditor(self)
        for part in (self.editor.banner, self.editor.save_button, self.editor.status):
            part.hide()  # the dialog's own OK saves; no single client's state to show
        note = QLabel(self.tr("为所选 {} 位客户记录相同的同意（已有记录将被替换）。").format(len(self.client_ids)))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.saved = 0

    def save(self) -> None:
        try:
            self.saved = store.set_many(self.vault, self.client_ids, self.editor.values())
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.accept()
