"""The plan editor: the sections as tabs, live figures and problems, 保存 and 定稿.

It edits one PlanContent; saving is the page's job (``save_requested``, ``finalise_requested``,
``stage_requested``). After every edit a short timer collects the content and runs
services.plans.checks (problems and figures: pure and fast); each section shows the red problem
lines of the fields the RM has touched (plan_touched.py), all of them after 保存 / 定稿, and a
tab's title counts them. The badge says 草稿 or 定稿; a final plan offers its 进展 (stage) instead
of 定稿, changed at once and only while nothing is unsaved (a stage is recorded as a version).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from rm_desktop.services.plans.checks import plan_figures, plan_problems, problems_by_field
from rm_desktop.services.plans.content import FINAL_STAGES, PlanContent, PlanStatus, field_label
from rm_desktop.ui.plans.plan_advice_sections import ChaptersSection, ProductsSection
from rm_desktop.ui.plans.plan_calc_sections import AllocationSection, CalculatorsSection
from rm_desktop.ui.plans.plan_form_parts import PROBLEM_STYLE, EditorContext, Section
from rm_desktop.ui.plans.plan_sections import BalanceSection, GoalsSection, ProfileSection
from rm_desktop.ui.plans.plan_touched import TouchedFields
from rm_desktop.ui.widgets.theme import themed

RECALC_MS = 150
BADGE_STYLE = "color: $TONE; border: 1px solid $TONE; border-radius: 3px; padding: 1px 8px; font-weight: bold;"
MISSING_SHOWN = 6  # fields named in the "what is missing" line; the rest are counted


class PlanEditor(QWidget):
    save_requested = Signal()
    finalise_requested = Signal()
    stage_requested = Signal(str)  # a final plan's next stage (PlanStatus value)
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context = EditorContext()
        self._saved_json = ""
        self._loading = False
        self.status = PlanStatus.DRAFT
        self.latest = True
        self.touched = TouchedFields()
        self.problems: dict[str, list[str]] = {}  # every problem, shown or not yet
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

        self.badge = QLabel()
        self.state_note = QLabel()
        self.state_note.setWordWrap(True)
        themed(self.state_note, "color: $muted;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.stage_label = QLabel(self.tr("进展"))
        self.stage = QComboBox()
        for stage in FINAL_STAGES:
            self.stage.addItem(stage.label, stage.value)
        self.stage.activated.connect(lambda _i: self.stage_requested.emit(self.stage.currentData()))
        self.finalise_button = QPushButton(self.tr("定稿"))
        self.finalise_button.setToolTip(self.tr("检查通过后把这一版定为给客户的正式规划"))
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）：内容有改动时生成新版本"))
        self.save_button.setDefault(True)
        self.finalise_button.clicked.connect(self.finalise_requested)
        self.save_button.clicked.connect(self.save_requested)
        save_key = QShortcut(QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save_requested)
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addWidget(self.state_note, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.stage_label)
        bottom.addWidget(self.stage)
        bottom.addWidget(self.finalise_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._timer = QTimer(self, singleShot=True, interval=RECALC_MS)
        self._timer.timeout.connect(self.recalculate)
        self._show_status()

    # -- loading and collecting ---------------------------------------------------------------
    def load(self, content: PlanContent, status: str, context: EditorContext, latest: bool = True) -> None:
        """Show a stored version; ``latest`` False for an earlier one (its stage cannot change)."""
        self._loading = True
        self.latest = latest
        self.context = context
        for section, _ in self.sections:
            section.load(content, context)
        self._loading = False
        self._saved_json = self.content().to_json()
        self.touched.start(self.content())
        self.set_status(status)
        self.recalculate()

    def restore(self, content: PlanContent) -> None:
        """Show unsaved content (an autosaved draft) over the loaded version: it stays dirty, and
        the fields it changed count as touched."""
        self._loading = True
        for section, _ in self.sections:
            section.load(content, self.context)
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

    def is_dirty(self) -> bool:
        return self.content().to_json() != self._saved_json

    def mark_saved(self) -> None:
        self._saved_json = self.content().to_json()

    def set_status(self, status: str) -> None:
        self.status = PlanStatus(status)
        self._show_status()

    def _show_status(self) -> None:
        final = self.status.is_final
        self.badge.setText(self.status.badge)
        themed(self.badge, BADGE_STYLE.replace("TONE", "success" if final else "warning"))
        self.state_note.setText(
            self.tr("修改内容后保存会生成新的草稿版本，定稿的这一版保留在历史中。")
            if final
            else self.tr("草稿可随时保存；检查全部通过后点“定稿”。")
        )
        self.finalise_button.setVisible(not final)
        self.stage_label.setVisible(final)
        self.stage.setVisible(final)
        self.stage.setCurrentIndex(max(self.stage.findData(self.status.value), 0))

    # -- what is missing ------------------------------------------------------------------------
    def reveal_problems(self) -> None:
        """保存 or 定稿 was pressed: every problem shows beside its field from now on."""
        self.touched.reveal = True
        self.recalculate()

    def problem_count(self) -> int:
        return sum(len(messages) for messages in self.problems.values())

    def missing_text(self) -> str:
        """The fields with problems in one line: "月收入、目标 1 · 金额 等 8 项"."""
        names = list(dict.fromkeys(field_label(path) for path in self.problems))
        text = self.tr("、").join(names[:MISSING_SHOWN])
        if len(names) > MISSING_SHOWN:
            text += self.tr(" 等 {} 项").format(len(names))
        return text

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
        self.touched.update(content)
        self.allocation.stage_and_grade = (content.life_stage, content.risk_grade)
        self.problems = problems_by_field(plan_problems(content, self.context.today))
        shown = self.touched.shown(self.problems)
        figures = plan_figures(content, self.context.current_amounts)
        for k, (section, title) in enumerate(self.sections):
            section.show_problems(shown)
            section.show_figures(figures, self.context)
            count = section.problem_count(shown)
            self.tabs.setTabText(k, f"{title} ({count})" if count else title)
        # A stage is recorded on the latest stored content: not while edits are pending.
        self.stage.setEnabled(self.latest and not self.is_dirty())
        self.stage.setToolTip(
            ""
            if self.stage.isEnabled()
            else self.tr("请先保存修改")
            if self.latest
            else self.tr("只有最新版本可以更改进展")
        )
        total, hidden = sum(len(m) for m in shown.values()), self.problem_count()
        if total:
            self.summary.setText(
                self.tr("有 {} 处需要修正（已标红）；草稿可以先保存，定稿前须全部修正。").format(total)
            )
            themed(self.summary, PROBLEM_STYLE)
        elif hidden:
            self.summary.setText(self.tr("填写时逐项检查；点“保存”或“定稿”会列出所有待补项。"))
            themed(self.summary, "color: $muted;")
        else:
            self.summary.setText(
                self.tr("检查通过。") if self.status.is_final else self.tr("检查通过，可以定稿并向客户展示。")
            )
            themed(self.summary, "color: $success;")
