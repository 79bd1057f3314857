"""The actions of the 今日工作清单 page on its current item, kept apart from the page's layout.

:class:`WorklistActions` is mixed into :class:`~rm_desktop.ui.reminders.worklist_page.WorklistPage`,
which provides ``vault``, ``privacy``, ``clock``, ``today()``, ``current_item()``,
``selected_items()``, ``status``, ``open_client``, ``undo_changed`` and ``reload()``. Snooze,
dismiss and log contact act on the whole selection through services/worklist/bulk (one
transaction, an undo record kept for Ctrl+Z and the status bar's 撤销); the rest on the current
item. The page reloads in the background after each.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.worklist import KIND_OUTCOME, WorkItem
from rm_desktop.services.scripts import library, render
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.services.worklist import actions, bulk, outcomes
from rm_desktop.services.worklist.build import script_category
from rm_desktop.services.worklist.settings import lost_reasons
from rm_desktop.ui.reminders.list_actions import EntryActions
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog
from rm_desktop.ui.reminders.reminder_style import shown_name
from rm_desktop.ui.reminders.worklist_dialogs import LostDialog, OutcomeDialog
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy


class WorklistActions(EntryActions):
    privacy: Privacy

    undo_changed: Any  # Signal(str): the last action's description, "" when nothing can be undone
    _undo: bulk.Undo | None = None

    if TYPE_CHECKING:

        def current_item(self) -> WorkItem | None: ...

        def selected_items(self) -> list[WorkItem]: ...

    def current_entry(self) -> WorkItem | None:
        return self.current_item()

    def snooze_entry(self, vault: Vault, key: str, until: dt.date) -> None:
        actions.snooze(vault, key, until, today=self.today())

    def _can_record_outcome(self, item: WorkItem) -> bool:
        return item.kind == KIND_OUTCOME or (item.kind == "maturity" and item.due <= self.today())

    def _name(self, item: WorkItem) -> str:
        return shown_name(item.client_name, self.privacy.client_present)

    def _title(self, item: WorkItem) -> str:
        return f"{self._name(item)}：{item.why(hidden=HIDDEN if self.privacy.client_present else None)}"

    def suggested_script(self, item: WorkItem) -> str:
        """The suggested 话术 filled in for the item's client ('' without one, and in 客户在场
        mode: the text names the client and amounts)."""
        category = script_category(item)
        if self.vault is None or item.client_id is None or category is None or self.privacy.client_present:
            return ""
        try:
            template = library.suggest_template(self.vault, category)
            if template is None:
                return ""
            holding = item.candidate.ref_id if item.kind in ("maturity", KIND_OUTCOME) else None
            rendered = render.render_for(
                self.vault, template.id, item.client_id, product_holding_id=holding, today=self.today()
            )
        except UserError:
            return ""
        return rendered.text

    # -- on the selection (one transaction each, undone by Ctrl+Z / the status bar's 撤销) -----
    def _snooze(self, until: dt.date) -> None:
        items = self.selected_items()  # the service skips (and counts) the appointments
        if self.vault is None or all(item.kind == "appointment" for item in items):
            return
        try:
            record = bulk.snooze(self.vault, [item.key for item in items], until, today=self.today())
        except UserError as exc:  # e.g. the client was trashed meanwhile: say it, keep the page
            self.status.setText(str(exc))
            return
        self._did(record, self.tr("已推迟到 {}。").format(until.isoformat()))

    def log_contact(self) -> None:
        items = [item for item in self.selected_items() if item.client_id is not None]
        if self.vault is None or not items:
            return
        vault, now, keys = self.vault, self.clock().replace(microsecond=0), [item.key for item in items]
        clients = {item.client_id for item in items}
        label = (
            self._name(items[0])
            if len(clients) == 1
            else self.tr("{} 位客户（{} 项），每位客户各记一条").format(len(clients), len(items))
        )
        dialog = LogContactDialog(label, lambda values: bulk.log_contact(vault, keys, values, now=now), now, self)
        if len(items) == 1:
            dialog.content.setPlainText(self.suggested_script(items[0]))
        if dialog.exec() == LogContactDialog.DialogCode.Accepted:
            self._did(dialog.result_value, self.tr("已记录联系。"))

    def dismiss(self) -> None:
        items = self.selected_items()
        if self.vault is None or not items:
            return
        vault, keys, now = self.vault, [item.key for item in items], self.clock()
        title = self._title(items[0]) if len(items) == 1 else self.tr("忽略所选的 {} 项（同一原因）").format(len(items))
        dialog = DismissDialog(title, lambda reason: bulk.dismiss(vault, keys, reason, now=now), self)
        if dialog.exec() == DismissDialog.DialogCode.Accepted:
            self._did(dialog.result_value, self.tr("已忽略。"))

    def _did(self, record: bulk.Undo, single: str) -> None:
        """Keep the action's undo record (the last one only) and say what was done."""
        self._undo = record
        self.undo_changed.emit(record.message())
        self._done(single if len(record.keys) == 1 and not record.skipped else record.message())

    def undo_last(self) -> None:
        """Ctrl+Z: put back what the last snooze / dismiss / contact did."""
        record, self._undo = self._undo, None
        if self.vault is None or record is None:
            self.status.setText(self.tr("没有可撤销的操作。"))
            return
        self.undo_changed.emit("")
        try:
            result = bulk.undo(self.vault, record)
        except UserError as exc:
            self.status.setText(str(exc))
            return
        self._done(result.message())

    def drop_undo(self) -> None:
        self._undo = None
        self.undo_changed.emit("")

    def record_outcome(self) -> None:
        item = self.current_item()
        if self.vault is None or item is None or not self._can_record_outcome(item) or item.candidate.ref_id is None:
            return
        vault, key, holding, now = self.vault, item.key, item.candidate.ref_id, self.clock()
        amount = item.candidate.stake
        shown = "" if amount is None or self.privacy.client_present else f"{amount:f}"

        def submit(values: dict[str, str]):
            record = outcomes.record_outcome(
                vault, holding, values["kept"], into=values["into"], reason=values["reason"], now=now
            )
            actions.note_done(vault, key, now.date())
            return record

        dialog = OutcomeDialog(self._title(item), shown, lost_reasons(vault), submit, self)
        if dialog.exec() == OutcomeDialog.DialogCode.Accepted:
            self._done(dialog.result_value.message())

    def mark_lost(self) -> None:
        item = self.current_item()
        if self.vault is None or item is None or item.client_id is None:
            return
        vault, key, client, now = self.vault, item.key, item.client_id, self.clock()

        def submit(values: dict[str, str]):
            reason = outcomes.mark_lost(vault, client, values["reason"], note=values["note"], now=now)
            actions.note_done(vault, key, now.date())
            return reason

        dialog = LostDialog(self._name(item), lost_reasons(vault), submit, self)
        if dialog.exec() == LostDialog.DialogCode.Accepted:
            self._done(self.tr("已标记流失：{}。").format(dialog.result_value))
