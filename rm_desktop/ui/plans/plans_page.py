"""理财规划: choose a client, one of their plans and a version; edit, save, compare, export, print.

A thin client of services.plans / plan_document: the page keeps ids and the editor's form, never
a database session. Saving always adds a version; an earlier version can be opened, and saving
it makes its content the newest version (the banner says so). Unsaved edits are autosaved into
the vault's drafts a few seconds after typing stops and when the vault locks; opening the plan
again offers them back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.planning import amounts_by_class
from rm_desktop.services.clients import drafts
from rm_desktop.services.clients.files import get_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.content import PlanContent, PlanStatus
from rm_desktop.services.plans.document import build_document
from rm_desktop.services.plans.pdf_export import export_pdf
from rm_desktop.services.plans.sources import held
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.plans.plan_compare_dialog import PlanCompareDialog
from rm_desktop.ui.plans.plan_editor import PlanEditor
from rm_desktop.ui.plans.plan_form_parts import EditorContext
from rm_desktop.ui.plans.plan_print import print_document, print_preview
from rm_desktop.ui.widgets import file_dialogs
from rm_desktop.ui.widgets.client_line_picker import ClientPicker
from rm_desktop.ui.widgets.conflict_dialog import DISCARD, save_with_choice
from rm_desktop.ui.widgets.pages import EmptyStatePage, Page
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed
from rm_desktop.ui.widgets.unsaved import may_leave

NO_CLIENT, NO_PLAN, EDITOR = range(3)
DRAFT_KIND = "plan"
AUTOSAVE_MS = 4000


class PlansPage(Page):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.vault = None
        self.client_id: int | None = None
        self.client_name = ""
        self.versions: list[plans.RevisionInfo] = []
        self._shown: tuple[int | None, int | None] = (None, None)  # (plan, version) in the editor
        self._latest: int | None = None  # the plan's latest version when the editor loaded it
        self.picker = ClientPicker()
        self.picker.setMinimumWidth(280)
        self.picker.client_changed.connect(self._client_changed)
        self.plan_box = QComboBox()
        self.plan_box.setMinimumWidth(220)
        self.plan_box.currentIndexChanged.connect(lambda _i: self._chosen(self.plan_box, self._plan_changed))
        self.version_box = QComboBox()
        self.version_box.setMinimumWidth(230)
        self.version_box.currentIndexChanged.connect(lambda _i: self._chosen(self.version_box, self._version_changed))
        self.new_button = QPushButton(self.tr("新建规划"))
        self.compare_button = QPushButton(self.tr("对比版本…"))
        self.export_button = QPushButton(self.tr("导出 PDF…"))
        self.preview_button = QPushButton(self.tr("打印预览…"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.new_button.clicked.connect(self.new_plan)
        self.compare_button.clicked.connect(self.compare)
        self.export_button.clicked.connect(self.export)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_plan)
        self.message = QLabel()
        themed(self.message, "color: $muted;")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4d6; color: #7a5b00; padding: 6px; border-radius: 3px;")
        self.banner.hide()
        self.editor = PlanEditor()
        self.editor.save_requested.connect(self.save)
        self._draft_id: int | None = None
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self.editor.edited.connect(self._autosave_timer.start)
        self.empty_new = QPushButton(self.tr("为该客户新建理财规划"))
        self.empty_new.clicked.connect(self.new_plan)
        self.no_plan_hint = EmptyStatePage(
            self.tr("还没有理财规划"),
            self.tr(
                "理财规划按客户的生命周期与家庭财务制定：收支、资产负债、短中长期目标、资产配置、退休与教育测算和产品建议。"
                "新建后会自动带入客户的风险等级和当前持仓。"
            ),
            self.empty_new,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(
            EmptyStatePage(
                self.tr("理财规划"),
                self.tr(
                    "在上方输入客户姓名、拼音首字母或手机号，选择客户后即可查看、新建或修订其理财规划，并导出给客户的理财规划书（PDF）。"
                ),
            )
        )
        self.stack.addWidget(self.no_plan_hint)
        self.stack.addWidget(self.editor)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("客户")))
        top.addWidget(self.picker, 2)
        top.addWidget(QLabel(self.tr("规划")))
        top.addWidget(self.plan_box, 1)
        top.addWidget(QLabel(self.tr("版本")))
        top.addWidget(self.version_box, 1)
        actions = QHBoxLayout()
        for button in (
            self.new_button,
            self.compare_button,
            self.export_button,
            self.preview_button,
            self.print_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self._update_actions()

    # -- life cycle ---------------------------------------------------------------------------
    def attach(self, vault: Vault) -> None:
        self.vault = vault
        self.picker.attach(vault)

    def detach(self) -> None:
        self.autosave()  # a lock must not lose what was typed
        self._autosave_timer.stop()
        self.vault = None
        self.client_id = None
        self.versions = []
        self._draft_id = None
        self.picker.blockSignals(True)  # no "discard changes?" question while locking
        self.picker.detach()
        self.picker.blockSignals(False)
        self._fill_plans([])
        self.editor.load_empty()
        self.stack.setCurrentIndex(NO_CLIENT)
        self._update_actions()

    # -- choosing ---------------------------------------------------------------------------------
    def plan_id(self) -> int | None:
        return self.plan_box.currentData()

    def version(self) -> int | None:
        return self.version_box.currentData()

    def may_leave(self) -> bool:
        """Another area or quitting: 保存 / 放弃 / 取消 for unsaved edits (ui/widgets/unsaved.py)."""
        return self._may_leave(revert=True)

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
        return self.stack.currentIndex() == EDITOR and self.editor.is_dirty()

    def _may_leave(self, revert: bool = False) -> bool:
        """Ask before unsaved edits are dropped; ``revert``: a discard puts the saved version back
        (another plan being opened next need not)."""
        dirty = self.stack.currentIndex() == EDITOR and self.editor.is_dirty()

        def discard() -> None:
            self._drop_draft()
            if revert:
                self._version_changed()

        return may_leave(self, dirty, lambda: self.save(False), discard)

    def open_client(self, client_id: int | None) -> None:
        """Show a client's plans (also for other pages: "open this client's plan")."""
        if self.vault is None:
            return
        self.client_id = client_id
        self.message.setText("")
        if client_id is None:
            self._fill_plans([])
            self.stack.setCurrentIndex(NO_CLIENT)
        else:
            record = get_client(self.vault, client_id)
            self.client_name = record.name
            if self.picker.client_id != client_id:
                self.picker.set_client(client_id, record.name)
            self._fill_plans(plans.list_plans(self.vault, client_id))
        self._update_actions()

    def _chosen(self, box: QComboBox, then) -> None:
        """The RM picked another plan or version: ask about unsaved edits, else put the choice back."""
        if self._may_leave():
            then()
            return
        plan_id, version = self._shown
        box.blockSignals(True)
        box.setCurrentIndex(max(box.findData(plan_id if box is self.plan_box else version), 0))
        box.blockSignals(False)

    def _client_changed(self, client_id) -> None:
        if client_id == self.client_id:
            return
        if not self._may_leave():
            self.picker.blockSignals(True)
            self.picker.set_client(self.client_id, self.client_name)
            self.picker.blockSignals(False)
            return
        self.open_client(client_id)

    def _fill_plans(self, summaries: list[plans.PlanSummary], select: int | None = None) -> None:
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for summary in summaries:
            self.plan_box.addItem(f"{summary.title or self.tr('（无标题）')} · {summary.status_label}", summary.id)
        self.plan_box.setCurrentIndex(max(self.plan_box.findData(select), 0) if summaries else -1)
        self.plan_box.blockSignals(False)
        self._plan_changed()

    def _plan_changed(self, *_args) -> None:
        plan_id = self.plan_id()
        self.versions = plans.list_versions(self.vault, plan_id) if plan_id is not None and self.vault else []
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for info in self.versions:
            label = f"V{info.version} · {PlanStatus(info.status).label} · {info.saved_at:%Y-%m-%d %H:%M}"
            self.version_box.addItem(label, info.version)
        self.version_box.setCurrentIndex(0 if self.versions else -1)
        self.version_box.blockSignals(False)
        self._version_changed()

    def _version_changed(self, *_args) -> None:
        opened = self._open_plan()
        if opened is None:
            self.stack.setCurrentIndex(NO_PLAN if self.client_id is not None else NO_CLIENT)
            self.banner.hide()
            self._update_actions()
            return
        vault, plan_id = opened
        version = plans.get_plan(vault, plan_id, self.version())
        self._autosave_timer.stop()
        self.editor.load(version.content, version.status, self._context(vault, version.client_id))
        self.stack.setCurrentIndex(EDITOR)
        self._shown = (version.plan_id, version.version)
        self._latest = version.latest_version
        self._draft_id = None
        self._offer_draft(vault, version.plan_id)
        self.banner.setVisible(not version.is_latest)
        self.banner.setText(
            self.tr("正在查看第 {} 版（最新为第 {} 版）。保存会以此内容生成第 {} 版。").format(
                version.version, version.latest_version, version.latest_version + 1
            )
        )
        self._update_actions()

    def _open_plan(self) -> tuple[Vault, int] | None:
        """The vault and the plan on show; None when there is none."""
        plan_id = self.plan_id()
        return None if self.vault is None or plan_id is None else (self.vault, plan_id)

    def _context(self, vault: Vault, client_id: int) -> EditorContext:
        record = get_client(vault, client_id)
        holdings = held(vault, client_id)
        return EditorContext(
            record.name,
            record.birth_date,
            record.gender,
            holdings,
            amounts_by_class((h.product_type, h.amount) for h in holdings),
            dt.date.today(),
        )

    def _update_actions(self) -> None:
        has_plan = self.plan_id() is not None
        self.new_button.setEnabled(self.client_id is not None)
        self.compare_button.setEnabled(has_plan and len(self.versions) > 1)
        for button in (self.export_button, self.preview_button, self.print_button):
            button.setEnabled(has_plan)

    # -- actions ----------------------------------------------------------------------------------
    def new_plan(self) -> None:
        if self.vault is None or self.client_id is None or not self._may_leave():
            return
        created = plans.create_plan(self.vault, self.client_id)
        self._fill_plans(plans.list_plans(self.vault, self.client_id), select=created.plan_id)

    def save(self, as_draft: bool) -> bool:
        opened = self._open_plan()
        if opened is None:
            return False
        vault, plan_id = opened
        status = PlanStatus.DRAFT.value if as_draft else self.editor.chosen_status()
        content = self.editor.content()

        def save(version: int | None, _theirs: set[str]) -> plans.PlanVersion:
            return plans.save_revision(vault, plan_id, content, status=status, expected_version=version)

        try:
            # Saved over a newer version only when the user says so; the newer one stays in the history.
            outcome = save_with_choice(self, save, self._latest, {}, per_field=False)
        except plans.PlanProblems as exc:
            QMessageBox.warning(
                self,
                self.tr("无法保存"),
                self.tr(
                    "规划中还有 {} 处问题（已在各栏标红），只能保存为草稿。请修正后再保存为“{}”，或点“保存为草稿”。"
                ).format(len(exc.problems), PlanStatus(status).label),
            )
            return False
        except UserError as exc:  # e.g. changed elsewhere once more while the user chose
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
        self._fill_plans(plans.list_plans(vault, outcome.client_id), select=outcome.plan_id)
        return True

    # -- autosaved drafts -------------------------------------------------------------------------
    def autosave(self) -> None:
        """Keep unsaved edits in the vault's drafts (one row per open plan)."""
        if self.vault is None or self.plan_id() is None or self.stack.currentIndex() != EDITOR:
            return
        if not self.editor.is_dirty():
            return
        payload = {
            "plan_id": self.plan_id(),
            "version": self.version(),
            "status": self.editor.chosen_status(),
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
            self.editor.restore(
                PlanContent.from_dict(found.payload.get("content") or {}),
                found.payload.get("status") or PlanStatus.DRAFT.value,
            )
        else:
            self._drop_draft()

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
        return answer == QMessageBox.StandardButton.Ignore or self.save(
            as_draft=self.editor.chosen_status() == PlanStatus.DRAFT
        )

    def export(self) -> None:
        if self.plan_id() is None or not self._saved_first():
            return
        suggested = f"{self.client_name}_{self.tr('理财规划书')}_V{self.version()}.pdf"
        # The suggested name carries the client's name: offered, never remembered (only the folder is).
        path, _ = file_dialogs.get_save_path(
            self, file_dialogs.PDF, self.tr("导出理财规划书"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path):
        """Write the PDF off the UI thread (embedding the font takes a second or two)."""
        opened = self._open_plan()
        if opened is None:
            return None
        (vault, plan_id), version = opened, self.version()
        self.message.setText(self.tr("正在生成规划书…"))
        return run_task(
            self,
            self.tr("正在生成规划书"),
            lambda _progress: export_pdf(vault, plan_id, path, version),
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
        if self.plan_id() is not None and self._saved_first() and (opened := self._open_plan()) is not None:
            print_document(self, build_document(*opened, self.version()))
