"""The plan editor: the sections as tabs, live figures and problems, and the save buttons.

It edits one PlanContent; saving is the page's job (``save_requested``). After every edit a short
timer collects the content and runs services.plan_checks (problems and figures: pure and fast),
then each section shows its red problem lines and results. A tab's title counts its problems.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from rm_desktop.services.plans.checks import plan_figures, plan_problems, problems_by_field
from rm_desktop.services.plans.content import PlanContent, PlanStatus
from rm_desktop.ui.plans.plan_calc_sections import AllocationSection, CalculatorsSection
from rm_desktop.ui.plans.plan_form_parts import PROBLEM_STYLE, EditorContext, Section
from rm_desktop.ui.plans.plan_sections import (
    BalanceSection,
    ChaptersSection,
    GoalsSection,
    ProductsSection,
    ProfileSection,
)
from rm_desktop.ui.widgets.theme import themed

RECALC_MS = 150


class PlanEditor(QWidget):
    save_requested = Signal(bool)  # True: save as draft; False: save with the chosen status
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context = EditorContext()
        self._saved_json = ""
        self._loading = False
        self.problems: dict[str, list[str]] = {}
        self.profile = ProfileSection()
        self.balance = BalanceSection()
        self.goals = GoalsSection()
        self.allocation = AllocationSection()
        self.calculators = CalculatorsSection()
        self.chapters = ChaptersSection()
        self.products = ProductsSection()
        self.sections: list[tuple[Section, str]] = [
            (self.profile, self.tr("概况与收支")),
            (self.balance, self.tr("资产负债")),
            (self.goals, self.tr("理财目标")),
            (self.allocation, self.tr("资产配置")),
            (self.calculators, self.tr("退休与教育")),
            (self.chapters, self.tr("规划章节")),
            (self.products, self.tr("推荐产品")),
        ]
        self.tabs = QTabWidget()
        for section, title in self.sections:
            self.tabs.addTab(section, title)
            section.edited.connect(self._edited)
        self.balance.refreshed = self._refresh_holdings

        self.status = QComboBox()
        for status in PlanStatus:
            self.status.addItem(status.label, status.value)
        self.status.currentIndexChanged.connect(self._edited)
        self.summary = QLabel()
        self.draft_button = QPushButton(self.tr("保存为草稿"))
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.draft_button.clicked.connect(lambda: self.save_requested.emit(True))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(False))
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(QLabel(self.tr("状态")))
        bottom.addWidget(self.status)
        bottom.addWidget(self.draft_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._timer = QTimer(self, singleShot=True, interval=RECALC_MS)
        self._timer.timeout.connect(self.recalculate)

    # -- loading and collecting ---------------------------------------------------------------
    def load(self, content: PlanContent, status: str, context: EditorContext) -> None:
        self._loading = True
        self.context = context
        for section, _ in self.sections:
            section.load(content, context)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self._loading = False
        self._saved_json = self.content().to_json()
        self._saved_status = status
        self.recalculate()

    def restore(self, content: PlanContent, status: str) -> None:
        """Show unsaved content (an autosaved draft) over the loaded version: it stays dirty."""
        self._loading = True
        for section, _ in self.sections:
            section.load(content, self.context)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self._loading = False
        self.recalculate()

    def load_empty(self) -> None:
        """Forget the plan and the client (the vault was locked)."""
        self.load(PlanContent(), PlanStatus.DRAFT.value, EditorContext())

    def content(self) -> PlanContent:
        content = PlanContent()
        for section, _ in self.sections:
            section.collect(content)
        return content

    def chosen_status(self) -> str:
        return self.status.currentData()

    def is_dirty(self) -> bool:
        return self.content().to_json() != self._saved_json or self.chosen_status() != self._saved_status

    def mark_saved(self) -> None:
        self._saved_json = self.content().to_json()
        self._saved_status = self.chosen_status()

    # -- recalculation --------------------------------------------------------------------------
    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._timer.start()
        self.edited.emit()

    def _refresh_holdings(self) -> None:
        fresh = self.balance.apply_refresh(self.content())
        if self.products.products is not None:  # built when a plan is loaded
            self.products.products.set_rows(fresh.products)
        self._edited()

    def recalculate(self) -> None:
        """Problems and figures for what the form holds now."""
        self._timer.stop()
        content = self.content()
        self.allocation.stage_and_grade = (content.life_stage, content.risk_grade)
        self.problems = problems_by_field(plan_problems(content, self.context.today))
        figures = plan_figures(content, self.context.current_amounts)
        for k, (section, title) in enumerate(self.sections):
            section.show_problems(self.problems)
            section.show_figures(figures, self.context)
            count = section.problem_count(self.problems)
            self.tabs.setTabText(k, f"{title} ({count})" if count else title)
        total = sum(len(messages) for messages in self.problems.values())
        if total:
            self.summary.setText(self.tr("有 {} 处需要修正（已标红）；可先保存为草稿。").format(total))
            themed(self.summary, PROBLEM_STYLE)
        else:
            self.summary.setText(self.tr("检查通过，可以保存并向客户展示。"))
            themed(self.summary, "color: $success;")
