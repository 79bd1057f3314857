"""理财规划: choose a client, one of their plans and a version; edit, save, finalise, compare,
export, print.

A thin client of services.plans: the page keeps ids and the editor's form, never a database
session. 保存 keeps a new version only when the content changed (未更改 otherwise); 定稿 makes the
plan final once its checks pass, and a final plan's changed content is saved as a new draft
(services/plans/store.py says why). An earlier version can be opened, and saving it makes its
content the newest version (the banner says so). 保存 / 定稿 / 进展: plan_saving.py; drafts of
unsaved edits: plan_drafts.py; documents: plan_documents.py. Opening the area while a client file is open shows that client
(``open_file_client``, ``follow_client``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from rm_desktop.domain.planning import amounts_by_class
from rm_desktop.services.clients.files import get_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.content import PlanStatus
from rm_desktop.services.plans.sources import held
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.plans.plan_documents import PlanDocuments
from rm_desktop.ui.plans.plan_drafts import AUTOSAVE_MS, PlanDrafts
from rm_desktop.ui.plans.plan_editor import PlanEditor
from rm_desktop.ui.plans.plan_form_parts import EditorContext
from rm_desktop.ui.plans.plan_saving import PlanSaving
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.client_line_picker import ClientPicker
from rm_desktop.ui.widgets.pages import EmptyStatePage, Page
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed
from rm_desktop.ui.widgets.unsaved import may_leave

NO_CLIENT, NO_PLAN, EDITOR = range(3)


class PlansPage(PlanSaving, PlanDrafts, PlanDocuments, Page):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.vault = None
        self.client_id: int | None = None
        self.client_name = ""
        self.versions: list[plans.RevisionInfo] = []
        self._shown: tuple[int | None, int | None] = (None, None)  # (plan, version) in the editor
        self._latest: int | None = None  # the plan's latest version when the editor loaded it
        # The client whose file is open in 客户 (app.py wires it): opening this area shows them.
        self.open_file_client: Callable[[], Any] | None = None
        self._followed: int | None = None  # the file's client last followed
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
        icons.bind(self.new_button, "new")
        self.compare_button = QPushButton(self.tr("对比版本…"))
        self.export_button = QPushButton(self.tr("导出 PDF…"))
        icons.bind(self.export_button, "export")
        self.preview_button = QPushButton(self.tr("打印预览…"))
        self.print_button = QPushButton(self.tr("打印…"))
        icons.bind(self.print_button, "print")
        self.new_button.clicked.connect(self.new_plan)
        self.compare_button.clicked.connect(self.compare)
        self.export_button.clicked.connect(self.export)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_plan)
        self.message = QLabel()
        themed(self.message, "color: $muted;")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        set_role(self.banner, "banner")  # app.qss: light and dark alike
        self.banner.hide()
        self.editor = PlanEditor()
        self.editor.save_requested.connect(self.save)
        self.editor.finalise_requested.connect(self.finalise)
        self.editor.stage_requested.connect(self.change_stage)
        self._draft_id: int | None = None
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self.editor.edited.connect(self._autosave_timer.start)
        self.empty_new = QPushButton(self.tr("为该客户新建理财规划"))
        icons.bind(self.empty_new, "new")
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
        self._followed = None
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

    def editing(self) -> bool:
        return self.stack.currentIndex() == EDITOR

    def may_leave(self) -> bool:
        """Another area or quitting: 保存 / 放弃 / 取消 for unsaved edits (ui/widgets/unsaved.py)."""
        return self._may_leave(revert=True)

    def _may_leave(self, revert: bool = False) -> bool:
        """Ask before unsaved edits are dropped; ``revert``: a discard puts the saved version back
        (another plan being opened next need not)."""
        dirty = self.editing() and self.editor.is_dirty()

        def discard() -> None:
            self._drop_draft()
            if revert:
                self._version_changed()

        return may_leave(self, dirty, self.save, discard)

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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # The area was switched to (not the window coming back from minimised): follow the file.
        # Once per file opened: a client chosen here afterwards stays until another file is opened.
        record = self.open_file_client() if self.open_file_client is not None and not event.spontaneous() else None
        if record is not None and record.id != self._followed:
            self._followed = record.id
            self.follow_client(record.id)

    def follow_client(self, client_id: int) -> None:
        """The area was opened while a client's file is open (the main window says whose): show
        that client's plans. Unsaved edits here keep their plan on show instead."""
        if self.vault is not None and client_id != self.client_id and not (self.editing() and self.editor.is_dirty()):
            self.open_client(client_id)

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
            title = summary.title or self.tr("（无标题）")
            self.plan_box.addItem(self.tr("【{}】{}").format(summary.status_label, title), summary.id)
        self.plan_box.setCurrentIndex(max(self.plan_box.findData(select), 0) if summaries else -1)
        self.plan_box.blockSignals(False)
        self._plan_changed()

    def _plan_changed(self, *_args) -> None:
        plan_id = self.plan_id()
        self.versions = plans.list_versions(self.vault, plan_id) if plan_id is not None and self.vault else []
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for info in self.versions:
            label = f"V{info.version} · {PlanStatus(info.status).badge} · {info.saved_at:%Y-%m-%d %H:%M}"
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
        self.editor.load(version.content, version.status, self._context(vault, version.client_id), version.is_latest)
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
