"""One client's file: a header card, then tabs for the profile, holdings, contacts and relationships.

The profile form tracks its changes (ui/widgets/unsaved.py): leaving the file asks 保存 / 放弃 /
取消, and unsaved values are autosaved as a draft in the vault (every few seconds and at a lock),
which the next unlock offers back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.services.clients import drafts
from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients import holdings as holdings_service
from rm_desktop.services.clients.fields import CLIENT_FIELDS
from rm_desktop.services.clients.records import ClientRecord
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.clients.client_form import ClientForm
from rm_desktop.ui.clients.client_tabs import ContactsTab, RelationsTab
from rm_desktop.ui.clients.contact_dialog import ContactDialog
from rm_desktop.ui.clients.header_card import HeaderCard
from rm_desktop.ui.clients.holding_dialog import DRAFT_KIND as HOLDING_DRAFT
from rm_desktop.ui.clients.holding_dialog import HoldingDialog
from rm_desktop.ui.clients.holdings_tab import HoldingsTab
from rm_desktop.ui.clients.timeline_view import TimelineTab
from rm_desktop.ui.consent.consent_editor import ConsentEditor
from rm_desktop.ui.reveals.reveal_gate import RevealGate
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.conflict_dialog import DISCARD, save_with_choice
from rm_desktop.ui.widgets.unsaved import DraftKeeper, Snapshot, may_leave, offer_latest_draft

DRAFT_KIND = "client"


class ClientFileView(QWidget):
    back = Signal()
    find_requested = Signal()
    changed = Signal()  # saved, deleted: the list reloads
    open_client = Signal(int)
    copy_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, privacy, parent=None):
        super().__init__(parent)
        self.privacy = privacy
        self.vault: Vault | None = None
        self.record: ClientRecord | None = None
        self.card = HeaderCard()
        self.card.copy_requested.connect(self.copy_requested)
        self.form = ClientForm()
        self.changes = Snapshot(self.form.values)
        self.card.show_phone.toggled.connect(lambda on: self.form.set_revealed("phone", on))
        self.card.show_id.toggled.connect(lambda on: self.form.set_revealed("id_number", on))
        self.reveals = RevealGate()  # the reason asked before 显示 (issue 18.2); forgotten at the lock
        self.card.show_phone.asker = lambda: self._may_reveal("phone")
        self.card.show_id.asker = lambda: self._may_reveal("id_number")
        self.card.show_balance.asker = lambda: self._may_reveal("balance")
        self.keeper = DraftKeeper(
            self,
            DRAFT_KIND,
            lambda: self.vault,
            self.is_dirty,
            self._draft,
            lambda: self.record.id if self.record is not None else None,
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.holdings, self.contacts, self.relations = HoldingsTab(), ContactsTab(), RelationsTab()
        self.holdings.edit_requested.connect(self._edit_holding)
        # The client's balances: the AUM field and the 持仓 amounts follow the header's toggle.
        self.card.show_balance.toggled.connect(self.holdings.set_amounts_shown)
        self.card.show_balance.toggled.connect(lambda on: self.form.set_revealed("aum", on))
        self.holdings.reveal = self.card.reveal_balances
        self.contacts.add_requested.connect(self.log_contact)
        self.contacts.edit_requested.connect(self._edit_contact)
        self.relations.open_client.connect(self.open_client)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("基本资料"))
        self.tabs.addTab(self.holdings, self.tr("持仓"))
        self.tabs.addTab(self.contacts, self.tr("往来记录"))
        self.tabs.addTab(self.relations, self.tr("关系"))
        self.timeline = TimelineTab()  # contacts, complaints and the other features' entries by time
        self.timeline.contact_requested.connect(
            lambda contact_id: self._edit_contact(
                next((c for c in self.contacts.model.records if c.id == contact_id), None)
            )
        )
        self.tabs.addTab(self.timeline, self.tr("时间线"))
        self.consent = ConsentEditor()  # marketing and sensitive-data consent (ui/consent)
        self.tabs.addTab(self.consent, self.tr("同意"))

        back = QPushButton(self.tr("← 返回列表"))
        back.setToolTip("Esc")
        back.clicked.connect(self.leave)
        self.save_button = QPushButton(self.tr("保存（Ctrl+S）"))
        icons.bind(self.save_button, "save")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("移到回收站"))
        icons.bind(self.delete_button, "delete")
        self.delete_button.clicked.connect(self.delete)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addStretch(1)
        self.export_button = QPushButton(self.tr("导出本人数据…"))  # issue 18.6 (ui/privacy)
        self.export_button.clicked.connect(self.export_person_data)
        bar.addWidget(self.export_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.card)
        layout.addWidget(self.tabs, 1)
        for shortcut, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence(Qt.Key.Key_Escape), self.leave),
            (QKeySequence.StandardKey.Find, self.find_requested),  # Ctrl+F: back to the list's search
        ):
            action = QAction(self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        privacy.changed.connect(self._privacy_changed)

    def show_client(self, vault: Vault, client_id: int | None) -> None:
        """Open a client's file (None: an empty form for a new client)."""
        self.card.forget_reveals()  # opening masks again; a save or a logged contact does not
        self.vault = vault
        self.record = clients.get_client(vault, client_id) if client_id else None
        self.form.set_record(self.record)
        self.changes.reset()
        self.keeper.drop()  # (a stale save's "discard mine" reloads: its draft goes too)
        self.keeper.start()
        self._after_load()
        self.tabs.setCurrentIndex(0)
        self.form.editors["name" if self.record is None else "customer_no"].setFocus()

    def _open_vault(self) -> Vault:
        """The vault of the file on show; the file's actions exist only while one is."""
        if self.vault is None:
            raise RuntimeError("no client file is open")
        return self.vault

    def _after_load(self) -> None:
        vault = self._open_vault()
        self.card.set_record(self.record, vault.settings.get("amount_unit"))
        exists = self.record is not None
        # The profile masks the phone and ID as the card does until 显示 (a new client: nothing to hide).
        self.form.set_revealed("phone", not exists or self.card.show_phone.isChecked())
        self.form.set_revealed("id_number", not exists or self.card.show_id.isChecked())
        self.form.set_revealed("aum", not exists or self.card.show_balance.isChecked())
        self._privacy_changed(self.privacy.client_present)
        for index in (1, 2, 3, 4, 5):
            self.tabs.setTabEnabled(index, exists)
        self.delete_button.setEnabled(exists)
        if self.record is not None:
            for tab in (self.holdings, self.contacts, self.relations):
                tab.load(vault, self.record.id)
            self.timeline.load(vault, self.record.id, self.record.name)
            self.consent.load(vault, self.record.id)

    def clear(self) -> None:
        self.keeper.stop()  # a draft the lock kept stays for the next unlock
        self.reveals.clear()
        self.vault, self.record = None, None
        self.form.set_record(None)
        self.changes.clear()
        self.card.set_record(None, "元")
        self.consent.clear()
        for tab in (self.holdings, self.contacts, self.relations, self.timeline):
            tab.vault = None
            tab.model.set_records([])

    def save(self) -> bool:
        if self.vault is None:
            return False
        values = self.form.values()
        try:
            if self.record is None:
                self.record = clients.create_client(self.vault, values)
            else:
                saved = self._update(self.vault, self.record, values)
                if saved is None:  # the conflict dialog was cancelled: the form keeps what was typed
                    return False
                if saved == DISCARD:
                    self.show_client(self.vault, self.record.id)
                    return False
                assert isinstance(saved, ClientRecord)
                self.record = saved
        except ClientValidationError as exc:
            self.form.show_errors(exc.errors)  # what was typed stays in the form
            return False
        except UserError as exc:
            QMessageBox.warning(self, self.tr("保存客户"), str(exc))
            return False
        self.form.set_record(self.record)
        self.changes.reset()
        self._drop_draft()
        self._after_load()
        self.status_message.emit(self.tr("已保存：{}").format(self.record.name))
        self.changed.emit()
        return True

    def _update(self, vault: Vault, record: ClientRecord, values: dict) -> ClientRecord | str | None:
        """Save against the version the form was filled from; if the client changed since, the
        user picks per field (ui/widgets/conflict_dialog.py)."""

        def save(version: int | None, theirs: set[str]) -> ClientRecord:
            mine = {key: value for key, value in values.items() if key not in theirs}
            return clients.update_client(vault, record.id, mine, expected_version=version)

        labels = {key: field.label() for key, field in CLIENT_FIELDS.items()}
        return save_with_choice(self, save, record.row_version, labels, clients.stale_base(record))

    # -- leaving with unsaved changes, drafts ----------------------------------------------------
    def is_dirty(self) -> bool:
        return self.changes.dirty()

    def leave(self) -> None:
        """← 返回列表 and Esc: back to the list once the changes are saved or discarded."""
        if self.may_leave():
            self.back.emit()

    def may_leave(self) -> bool:
        name = self.record.name if self.record is not None else ""
        return may_leave(self, self.is_dirty(), self.save, self.discard_changes, name)

    def discard_changes(self) -> None:
        self.form.set_record(self.record)
        self.changes.reset()
        self._drop_draft()

    def _draft(self) -> dict:
        values = self.form.values()
        return {"values": values, "label": values.get("name") or (self.record.name if self.record else "")}

    def keep_draft(self) -> None:
        """The vault is locking: keep unsaved values as a draft, without a question."""
        self.keeper.save()

    def _drop_draft(self) -> None:
        self.keeper.drop()

    def offer_draft(self, vault: Vault) -> bool:
        """After an unlock: the latest unsaved client form, then the latest holding dialog,
        each restored or discarded as the user says. True when one was restored (the file shows
        it, still unsaved)."""
        restored = self._offer_profile(vault)
        pending = drafts.load_drafts(vault, HOLDING_DRAFT)
        if pending and self.may_leave():
            return self._offer_holding(vault, pending[0]) or restored
        return restored

    def _offer_profile(self, vault: Vault) -> bool:
        draft = offer_latest_draft(
            self,
            vault,
            DRAFT_KIND,
            self.tr("未保存的客户资料"),
            lambda draft: self.tr("“{}”的资料有未保存的修改（{}），已保存为草稿。恢复这些修改吗？").format(
                draft.payload.get("label") or self.tr("新客户"), f"{draft.updated_at:%Y-%m-%d %H:%M}"
            ),
        )
        if draft is None:
            return False
        try:
            self.show_client(vault, draft.client_id)
        except UserError:  # the client was deleted meanwhile: the values go into a new client form
            self.show_client(vault, None)
        self.form.set_values(draft.payload.get("values", {}))
        self.keeper.start(draft.id)  # the restored values go on in the same row
        return True

    def _offer_holding(self, vault: Vault, draft: drafts.DraftRecord) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("未保存的持仓"),
            self.tr("一条持仓有未保存的修改（{}），已保存为草稿。恢复这些修改吗？").format(
                f"{draft.updated_at:%Y-%m-%d %H:%M}"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        client_id, holding_id = draft.client_id, draft.payload.get("holding_id")
        try:
            if answer != QMessageBox.StandardButton.Yes or client_id is None:
                raise LookupError
            self.show_client(vault, client_id)
            known = {h.id: h for h in holdings_service.list_holdings(vault, client_id)}
            if holding_id is not None and holding_id not in known:
                raise LookupError  # removed meanwhile: nothing left to edit
        except (LookupError, UserError):
            drafts.discard_draft(vault, draft.id)
            return False
        holding = known.get(holding_id) if holding_id is not None else None
        dialog = HoldingDialog(vault, client_id, self, holding, draft=draft)
        dialog.open()  # not exec(): the unlock goes on; the dialog asks again if closed unsaved
        dialog.accepted.connect(self.holdings.reload)
        dialog.accepted.connect(self.changed)
        return True

    def export_person_data(self):
        """导出本人数据: everything the vault holds about this client, encrypted (ui/privacy)."""
        if self.record is None or self.vault is None:
            return None
        from rm_desktop.ui.privacy.export_dialog import PersonExportDialog

        dialog = PersonExportDialog(self.vault, self.record.id, self.record.name, self)
        dialog.open()
        return dialog

    def delete(self) -> None:
        if self.record is None:
            return
        answer = QMessageBox.question(
            self, self.tr("移到回收站"), self.tr("把“{}”移到回收站？可在回收站中恢复。").format(self.record.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            clients.trash_client(self._open_vault(), self.record.id)
            self.changes.clear()  # the file is gone: nothing left to save or keep as a draft
            self._drop_draft()
            self.changed.emit()
            self.back.emit()

    def log_contact(self) -> None:
        if self.record is None:
            return
        dialog = ContactDialog(self._open_vault(), self, client_id=self.record.id, client_label=self.record.name)
        if dialog.exec():
            self._refresh_after_contact()

    def _edit_contact(self, contact) -> None:
        if (
            contact is not None
            and self.record is not None
            and ContactDialog(
                self._open_vault(), self, client_id=self.record.id, client_label=self.record.name, contact=contact
            ).exec()
        ):
            self._refresh_after_contact()

    def _refresh_after_contact(self) -> None:
        self.contacts.reload()
        self.timeline.reload()
        if self.record is not None:
            vault = self._open_vault()
            self.record = clients.get_client(vault, self.record.id)
            self.card.set_record(self.record, vault.settings.get("amount_unit"))
        self.changed.emit()

    def _edit_holding(self, holding) -> None:
        if self.record is not None and HoldingDialog(self._open_vault(), self.record.id, self, holding).exec():
            self.holdings.reload()
            self.changed.emit()

    def _may_reveal(self, kind: str) -> bool:
        record = self.record
        return (
            record is not None
            and self.vault is not None
            and self.reveals.ask(self, self.vault, record.id, record.name, kind)
        )

    def _privacy_changed(self, present: bool) -> None:
        self.card.set_client_present(present)
        self.form.set_client_present(present)
