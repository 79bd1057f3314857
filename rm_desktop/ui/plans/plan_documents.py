"""The 理财规划 page's documents: compare versions, export the PDF, print preview and print.

Mixed into plans_page.PlansPage. A document is made from a stored version, so pending edits are
offered to be saved first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox

from rm_desktop.domain.errors import UserError
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.document import build_document
from rm_desktop.services.plans.pdf_export import export_pdf
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.export_controls import purpose_dialog
from rm_desktop.ui.plans.plan_compare_dialog import PlanCompareDialog
from rm_desktop.ui.plans.plan_editor import PlanEditor
from rm_desktop.ui.plans.plan_print import print_document, print_preview
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.tasks import run_task

if TYPE_CHECKING:  # what the page provides, for the type checker only
    from rm_desktop.ui.widgets.pages import Page as _Base
else:
    _Base = object


class PlanDocuments(_Base):
    editor: PlanEditor
    message: QLabel
    versions: list[plans.RevisionInfo]
    client_name: str

    if TYPE_CHECKING:

        def plan_id(self) -> int | None: ...
        def version(self) -> int | None: ...
        def save(self) -> bool: ...
        def _open_plan(self) -> tuple[Vault, int] | None: ...

    def compare(self) -> None:
        opened = self._open_plan()
        if opened is not None and len(self.versions) > 1:
            PlanCompareDialog(*opened, self.versions, self).exec()

    def _saved_first(self) -> bool:
        """Documents are made from a stored version: offer to save pending edits first."""
        if not self.editor.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("未保存的修改"),
            self.tr("规划书按已保存的版本生成。先把当前修改保存为新版本吗？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Ignore | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        return answer == QMessageBox.StandardButton.Ignore or self.save()

    def export(self) -> None:
        if self.plan_id() is None or not self._saved_first():
            return
        suggested = f"{self.client_name}_{self.tr('理财规划书')}_V{self.version()}.pdf"
        # The suggested name carries the client's name: offered, never remembered (only the folder is).
        path, _ = file_dialogs.get_save_path(
            self, file_dialogs.PDF, self.tr("导出理财规划书"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        # The purpose (issue 18.3; 客户本人申请 preselected), registered with the file.
        if path and (control := purpose_dialog.ask_purpose(self, "plan_pdf", what=self.tr("导出理财规划书"))):
            self.export_to(Path(path), control)

    def export_to(self, path: Path, control: ExportControl | None = None):
        """Write the PDF off the UI thread (embedding the font takes a second or two); without a
        control the kind's default purpose is registered."""
        opened = self._open_plan()
        if opened is None:
            return None
        (vault, plan_id), version = opened, self.version()
        self.message.setText(self.tr("正在生成规划书…"))
        return run_task(
            self,
            self.tr("正在生成规划书"),
            lambda _progress: export_pdf(vault, plan_id, path, version, control=control),
            lambda done: self.message.setText(
                self.tr("已导出：{}（字体：{}）").format(done.path, "; ".join(done.fonts))
            ),
            on_error=self._export_failed,
            cancellable=False,
            vault=vault,
        )

    def _export_failed(self, exc: Exception) -> None:
        self.message.setText("")
        QMessageBox.warning(
            self,
            self.tr("导出失败"),
            str(exc) if isinstance(exc, UserError) else self.tr("出现意外错误：{}").format(type(exc).__name__),
        )

    def preview(self):
        if self.plan_id() is None or not self._saved_first():
            return None
        opened = self._open_plan()
        return print_preview(self, build_document(*opened, self.version())) if opened is not None else None

    def print_plan(self) -> None:
        if self.plan_id() is None or not self._saved_first() or (opened := self._open_plan()) is None:
            return
        if print_document(self, build_document(*opened, self.version())):  # printed, not cancelled
            vault, plan_id = opened
            audit_log.record_now(vault, "print", object=f"plan:{plan_id}", counts={"kind": "plan", "clients": 1})
