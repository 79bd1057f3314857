"""The 理财规划 page's 保存, 定稿 and 进展 (issue 14.10).

Mixed into plans_page.PlansPage. 保存 stores a new version only when the content changed (the
store compares it with the latest version; 未更改 otherwise) and reveals every problem beside its
field; 未更改 with problems left names them in one message. 定稿 is refused, naming what to fix,
until the checks pass. A final plan's stage (已向客户展示, 客户已接受 …) is changed at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox

from rm_desktop.domain.errors import UserError
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.content import PlanStatus
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.plans.plan_editor import PlanEditor
from rm_desktop.ui.widgets.conflict_dialog import DISCARD, save_with_choice

if TYPE_CHECKING:  # what the page provides, for the type checker only
    from rm_desktop.ui.widgets.pages import Page as _Base
else:
    _Base = object


class PlanSaving(_Base):
    editor: PlanEditor
    message: QLabel
    plan_box: QComboBox
    _shown: tuple[int | None, int | None]
    _latest: int | None

    if TYPE_CHECKING:

        def _open_plan(self) -> tuple[Vault, int] | None: ...
        def _drop_draft(self) -> None: ...
        def _fill_plans(self, summaries: list[plans.PlanSummary], select: int | None = None) -> None: ...

    def save(self) -> bool:
        """保存: a new version when the content changed, 未更改 when not; either way every problem
        now shows beside its field, and what is still missing is said in one line."""
        if self._open_plan() is None:
            return False
        self.editor.reveal_problems()
        if not self.editor.is_dirty() and self._shown[1] == self._latest:
            self._report(None)  # nothing to send: the editor holds the latest version as stored
            return True
        return self._store(None)

    def finalise(self) -> bool:
        """定稿: only a plan whose checks all pass; pending edits are saved in the same version."""
        if self._open_plan() is None:
            return False
        self.editor.reveal_problems()
        if self.editor.problem_count():
            QMessageBox.warning(
                self,
                self.tr("还不能定稿"),
                self.tr("还有 {} 处需要修正（已在各栏标红）：{}。修正后再定稿；草稿可以先保存。").format(
                    self.editor.problem_count(), self.editor.missing_text()
                ),
            )
            return False
        return self._store(PlanStatus.FINAL.value)

    def change_stage(self, stage: str) -> None:
        """A final plan's 进展 (已向客户展示, 客户已接受 …), recorded as a version of the stored content."""
        opened = self._open_plan()
        if opened is None or stage == self.editor.status.value:
            return
        try:
            changed = plans.set_status(opened[0], opened[1], stage)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法更改进展"), str(exc))
            self.editor.set_status(self.editor.status.value)  # the combo shows the stored stage again
            return
        self._fill_plans(plans.list_plans(opened[0], changed.client_id), select=changed.plan_id)
        self.message.setText(self.tr("进展已更新：第 {} 版 · {}").format(changed.version, PlanStatus(stage).badge))

    def _store(self, status: str | None) -> bool:
        opened = self._open_plan()
        if opened is None:
            return False
        vault, plan_id = opened
        content = self.editor.content()

        def save(version: int | None, _theirs: set[str]) -> plans.PlanVersion:
            return plans.save_revision(vault, plan_id, content, status=status, expected_version=version)

        try:
            # Saved over a newer version only when the user says so; the newer one stays in the history.
            outcome = save_with_choice(self, save, self._latest, {}, per_field=False)
        except UserError as exc:  # problems found at the save, or changed elsewhere once more
            QMessageBox.warning(self, self.tr("无法保存"), str(exc))
            return False
        if outcome is None:
            return False
        if outcome == DISCARD:
            self.editor.mark_saved()  # nothing of the editor's is kept: the stored latest version shows
            self._drop_draft()
            client_id = plans.get_summary(vault, plan_id).client_id
            self._fill_plans(plans.list_plans(vault, client_id), select=plan_id)
            return False
        assert isinstance(outcome, plans.PlanVersion)
        self.editor.mark_saved()
        self._drop_draft()
        if outcome.changed:
            was_final = self.editor.status.is_final
            self._fill_plans(plans.list_plans(vault, outcome.client_id), select=outcome.plan_id)
            self.editor.reveal_problems()  # the reload started afresh: what 保存 showed stays shown
            self._report(outcome, was_final)
        else:
            self._report(None)
        return True

    def _report(self, saved: plans.PlanVersion | None, was_final: bool = False) -> None:
        """What a save did, in the message line; 未更改 with problems left says what is missing in
        one message (the plan just created and never filled in, say)."""
        missing = self.editor.problem_count()
        if saved is None:
            if missing:
                QMessageBox.information(
                    self,
                    self.tr("未更改"),
                    self.tr("没有需要保存的修改（仍为第 {} 版）。这份规划还有 {} 处待补（已在各栏标红）：{}。").format(
                        self._latest, missing, self.editor.missing_text()
                    ),
                )
            self.message.setText(self.tr("未更改（仍为第 {} 版）").format(self._latest))
            return
        if saved.status == PlanStatus.FINAL.value:
            text = self.tr("已定稿：第 {} 版").format(saved.version)
        elif was_final:
            text = self.tr("已保存第 {} 版：内容有改动，成为新的草稿（定稿的版本保留在历史中）").format(saved.version)
        else:
            text = self.tr("已保存第 {} 版（{}）").format(saved.version, PlanStatus(saved.status).badge)
        if missing:
            text += self.tr("；还有 {} 处待补，定稿前须修正").format(missing)
        self.message.setText(text)
