"""The plan editor's calculator sections: target allocation against today's holdings (with the
chart and the drift table), and the retirement and education calculators, whose results follow
every keystroke (the editor recalculates after a short pause).
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from rm_desktop.domain.planning import (
    AssetClass,
    DriftRow,
    LifeStage,
    RiskGrade,
    default_allocation_note,
    default_target_allocation,
)
from rm_desktop.domain.planning.rules import as_number
from rm_desktop.services.plans.content import EducationItem, PlanContent, RetirementItem
from rm_desktop.services.plans.document import percent_text
from rm_desktop.services.plans.sources import retirement_defaults
from rm_desktop.ui.plans.plan_chart import AllocationChart
from rm_desktop.ui.plans.plan_form_parts import EditorContext, Section, money_text
from rm_desktop.ui.plans.plan_rows import Column, PlanRowsModel
from rm_desktop.ui.widgets.theme import themed


class AllocationSection(Section):
    """资产配置: target percent per asset class, the sum, a default suggestion, chart and drift."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields = {cls.value: self.number(f"target_allocation.{cls.value}", "%") for cls in AssetClass}
        self.total = QLabel()
        self.total_problem = self.problem_line("target_allocation")
        self.default_button = QPushButton(self.tr("按生命周期与风险等级填入建议配置"))
        self.default_button.clicked.connect(self._fill_default)
        # set by the editor from the profile section: (life stage, risk grade) codes
        self.stage_and_grade: tuple[str | None, str | None] = (None, None)
        self.chart = AllocationChart()
        self.drift = PlanRowsModel(
            [
                Column("asset_class", self.tr("资产类别")),
                Column("target_pct", self.tr("目标"), align_right=True),
                Column("current_pct", self.tr("当前"), align_right=True),
                Column("drift_pct", self.tr("偏离"), align_right=True),
                Column("amount_to_rebalance", self.tr("建议调整（元，正数为增配）"), align_right=True),
            ],
            DriftRow,
            "drift",
            self,
            formatter=self._format_drift,
            editable=False,
        )
        note = QLabel(default_allocation_note())
        note.setWordWrap(True)
        themed(note, "color: $muted;")
        form = QGridLayout()
        for row, cls in enumerate(AssetClass):
            form.addWidget(QLabel(cls.label), row, 0)
            form.addWidget(self.fields[cls.value], row, 1)
        form.addWidget(self.total, len(AssetClass), 0, 1, 2)
        form.addWidget(self.total_problem, len(AssetClass) + 1, 0, 1, 2)
        form.addWidget(self.default_button, len(AssetClass) + 2, 0, 1, 2)
        form.addWidget(note, len(AssetClass) + 3, 0, 1, 2)
        form.setRowStretch(len(AssetClass) + 4, 1)
        target_box = QGroupBox(self.tr("目标配置（%）"))
        target_box.setLayout(form)
        drift_box = self.table(self.drift, "")
        drift_box.add_button.hide()
        drift_box.remove_button.hide()
        right = QVBoxLayout()
        right.addWidget(self.chart, 3)
        right.addWidget(drift_box, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(target_box, 2)
        layout.addLayout(right, 5)

    def _format_drift(self, key: str, value) -> str:
        if key == "asset_class":
            return AssetClass(value).label
        if key == "amount_to_rebalance":
            return money_text(value)
        return percent_text(value, signed=key == "drift_pct")

    def _fill_default(self) -> None:
        stage, grade = self.stage_and_grade
        if not stage or not grade:
            self.total_problem.set_messages([self.tr("请先在“概况”中选择生命周期阶段和风险承受能力")])
            return
        for cls, pct in default_target_allocation(LifeStage(stage), RiskGrade(grade)).items():
            self.fields[cls.value].set_value(str(pct))
        self.edited.emit()

    def load(self, content: PlanContent, context: EditorContext) -> None:
        for code, widget in self.fields.items():
            widget.set_value(content.target_allocation.get(code))

    def collect(self, content: PlanContent) -> None:
        content.target_allocation = {
            code: widget.value() or "" for code, widget in self.fields.items() if widget.value()
        }

    def show_figures(self, figures, context: EditorContext) -> None:
        numbers = [as_number(w.value()) for w in self.fields.values() if w.value()]
        total = sum((n for n in numbers if n is not None), Decimal(0))
        self.total.setText(self.tr("合计：{}").format(percent_text(total)))
        current = figures.current_shares or {}
        targets = {code: as_number(w.value()) for code, w in self.fields.items()}
        self.chart.set_rows([(cls.label, targets.get(cls.value), current.get(cls)) for cls in AssetClass])
        self.drift.set_rows(list(figures.drift or ()))


class CalculatorsSection(Section):
    """退休与教育: the retirement projection and one education fund per child, live."""

    def __init__(self, parent=None):
        super().__init__(parent)
        labels = {
            "current_age": self.tr("当前年龄"),
            "retirement_age": self.tr("退休年龄"),
            "life_expectancy": self.tr("预期寿命"),
            "current_savings": self.tr("现有养老储备（元）"),
            "monthly_saving": self.tr("每月储蓄（元）"),
            "annual_return": self.tr("年化收益率（如 0.04）"),
            "monthly_expense_today": self.tr("退休后月支出（按今天物价，元）"),
            "inflation": self.tr("通胀率（如 0.03）"),
            "post_retirement_return": self.tr("退休后收益率（如 0.03）"),
        }
        self.retirement_box = QGroupBox(self.tr("退休测算（勾选后纳入规划）"))
        self.retirement_box.setCheckable(True)
        self.retirement_box.toggled.connect(self._toggled)
        self.retirement = {key: self.number(f"retirement.{key}") for key in labels}
        grid = QGridLayout(self.retirement_box)
        for k, (key, label) in enumerate(labels.items()):
            grid.addWidget(QLabel(label), k // 3 * 2, k % 3)
            grid.addWidget(self.retirement[key], k // 3 * 2 + 1, k % 3, Qt.AlignmentFlag.AlignTop)
        self.retirement_result = QLabel()
        self.retirement_result.setWordWrap(True)
        themed(self.retirement_result, "font-weight: 600; color: $accent;")
        grid.addWidget(self.retirement_result, 6, 0, 1, 3)
        self.context = EditorContext()
        self.education = PlanRowsModel(
            [
                Column("child_name", self.tr("子女")),
                Column("child_age", self.tr("当前年龄"), "number"),
                Column("start_age", self.tr("入学年龄"), "number"),
                Column("years_of_study", self.tr("学习年限"), "number"),
                Column("annual_cost_today", self.tr("每年费用（现值，元）"), "number", align_right=True),
                Column("education_inflation", self.tr("学费增长率"), "number"),
                Column("present_savings", self.tr("已准备（元）"), "number", align_right=True),
                Column("annual_return", self.tr("年化收益率"), "number"),
                Column("total_needed", self.tr("所需总额"), "derived", derived=True, align_right=True),
                Column("gap", self.tr("缺口"), "derived", derived=True, align_right=True),
                Column("required_monthly", self.tr("每月需储蓄"), "derived", derived=True, align_right=True),
            ],
            EducationItem,
            "education",
            self,
            formatter=self._format_education,
        )
        education_box = QGroupBox(self.tr("子女教育金"))
        QVBoxLayout(education_box).addWidget(self.table(self.education, self.tr("添加子女")))
        layout = QVBoxLayout(self)
        layout.addWidget(self.retirement_box)
        layout.addWidget(education_box, 1)

    def _format_education(self, key: str, value) -> str:
        if key in ("total_needed", "gap", "required_monthly"):
            return money_text(value) if value is not None else ""
        return "" if value is None else str(value)

    def _toggled(self, on: bool) -> None:
        if on and not any(w.value() for w in self.retirement.values()):
            # First use: start from the client's age and moderate assumptions.
            for key, value in retirement_defaults(
                self.context.birth_date, self.context.gender, self.context.today
            ).items():
                self.retirement[key].set_value(value)
        self.edited.emit()

    def load(self, content: PlanContent, context: EditorContext) -> None:
        self.context = context
        self.retirement_box.blockSignals(True)
        self.retirement_box.setChecked(content.retirement is not None)
        self.retirement_box.blockSignals(False)
        values = asdict(content.retirement) if content.retirement else {}
        for key, widget in self.retirement.items():
            widget.set_value(values.get(key))
        self.education.set_rows(content.education)

    def collect(self, content: PlanContent) -> None:
        content.retirement = (
            RetirementItem(**{k: w.value() for k, w in self.retirement.items()})
            if self.retirement_box.isChecked()
            else None
        )
        content.education = self.education.rows()

    def show_figures(self, figures, context: EditorContext) -> None:
        result = figures.retirement
        if not self.retirement_box.isChecked():
            self.retirement_result.setText("")
        elif result is None:
            self.retirement_result.setText(self.tr("请先修正上面标红的输入，再计算退休缺口。"))
        else:
            self.retirement_result.setText(
                self.tr("退休时所需资金 {}；预计届时储备 {}；缺口 {}；补足缺口每月需另储蓄 {}。").format(
                    money_text(result.need_at_retirement),
                    money_text(result.projected_savings),
                    money_text(result.gap),
                    money_text(result.monthly_saving_to_close_gap),
                )
            )
        for key in ("total_needed", "gap", "required_monthly"):
            self.education.set_derived(key, [getattr(r, key) if r is not None else None for r in figures.education])
