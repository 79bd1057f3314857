"""The actions of the 今日工作清单 page on its current item, kept apart from the page's layout.

:class:`WorklistActions` is mixed into :class:`~rm_desktop.ui.reminders.worklist_page.WorklistPage`,
which provides ``vault``, ``privacy``, ``clock``, ``today()``, ``current_item()``, ``status``,
``open_client`` and ``reload()``. Each action goes through services/worklist (reminders
through services/reminders), and the page reloads in the background after it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.worklist import KIND_OUTCOME, WorkItem
from rm_desktop.services.scripts import library, render
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.services.worklist import actions, outcomes
from rm_desktop.services.worklist.build import script_category
from rm_desktop.services.worklist.settings import lost_reasons
from rm_desktop.ui.reminders.list_actions import EntryActions
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog
from rm_desktop.ui.reminders.reminder_style import shown_name
from rm_desktop.ui.reminders.worklist_dialogs import LostDialog, OutcomeDialog
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy


class WorklistActions(EntryActions):
    privacy: Privacy

    if TYPE_CHECKING:

        def current_item(self) -> WorkItem | None: ...

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

    def log_contact(self) -> None:
        item = self.current_item()
        if self.vault is None or item is None or item.client_id is None:
            return
        vault, now, key = self.vault, self.clock().replace(microsecond=0), item.key
        dialog = LogContactDialog(
            self._name(item), lambda values: actions.log_contact(vault, key, values, now=now), now, self
        )
        dialog.content.setPlainText(self.suggested_script(item))
        if dialog.exec() == LogContactDialog.DialogCode.Accepted:
            self._done(self.tr("已记录联系。"))

    def dismiss(self) -> None:
        item = self.current_item()
        if self.vault is None or item is None:
            return
        vault, key, now = self.vault, item.key, self.clock()
        dialog = DismissDialog(self._title(item), lambda reason: actions.dismiss(vault, key, reason, now=now), self)
        if dialog.exec() == DismissDialog.DialogCode.Accepted:
            self._done(self.tr("已忽略。"))

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
