"""The 理财规划 page's autosaved drafts: unsaved edits kept in the vault's drafts a few seconds
after typing stops and when the vault locks; opening the plan again offers them back.

Mixed into plans_page.PlansPage (one draft row per open plan).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QMessageBox

from rm_desktop.services.clients import drafts
from rm_desktop.services.plans.content import PlanContent
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.plans.plan_editor import PlanEditor

if TYPE_CHECKING:  # what the page provides, for the type checker only
    from rm_desktop.ui.widgets.pages import Page as _Base
else:
    _Base = object

DRAFT_KIND = "plan"
AUTOSAVE_MS = 4000


class PlanDrafts(_Base):
    vault: Vault | None
    editor: PlanEditor
    plan_box: QComboBox
    client_id: int | None
    _draft_id: int | None

    if TYPE_CHECKING:

        def plan_id(self) -> int | None: ...
        def version(self) -> int | None: ...
        def editing(self) -> bool: ...
        def open_client(self, client_id: int | None) -> None: ...

    def offer_drafts(self) -> bool:
        """After an unlock: the plan a lock or crash left unsaved opens, and its draft is offered
        (_offer_draft); True when the editor shows it restored."""
        found = next(iter(drafts.load_drafts(self.vault, DRAFT_KIND)), None) if self.vault is not None else None
        if found is None or found.client_id is None:
            return False
        self.open_client(found.client_id)
        index = self.plan_box.findData(found.payload.get("plan_id"))
        if index >= 0 and index != self.plan_box.currentIndex():
            self.plan_box.setCurrentIndex(index)
        return self.editing() and self.editor.is_dirty()

    def autosave(self) -> None:
        """Keep unsaved edits in the vault's drafts (one row per open plan)."""
        if self.vault is None or self.plan_id() is None or not self.editing() or not self.editor.is_dirty():
            return
        payload = {
            "plan_id": self.plan_id(),
            "version": self.version(),
            "content": self.editor.content().to_dict(),
        }
        self._draft_id = drafts.save_draft(self.vault, DRAFT_KIND, self.client_id, payload, draft_id=self._draft_id)

    def _drop_draft(self) -> None:
        if self._draft_id is not None and self.vault is not None:
            drafts.discard_draft(self.vault, self._draft_id)
        self._draft_id = None

    def _offer_draft(self, vault: Vault, plan_id: int) -> None:
        found = next((d for d in drafts.load_drafts(vault, DRAFT_KIND) if d.payload.get("plan_id") == plan_id), None)
        if found is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("恢复未保存的修改"),
            self.tr("这份规划有 {} 自动保存的未保存修改（基于第 {} 版）。恢复这些修改吗？").format(
                f"{found.updated_at:%Y-%m-%d %H:%M}", found.payload.get("version")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        self._draft_id = found.id
        if answer == QMessageBox.StandardButton.Yes:
            self.editor.restore(PlanContent.from_dict(found.payload.get("content") or {}))
        else:
            self._drop_draft()
