"""The plan editor's sections of the client's situation: profile and cash flow, balance sheet,
goals (the advice, chapters and products, is in plan_advice_sections.py). Each loads from and collects into a
PlanContent; problems appear in red under the field (or under the table) they belong to.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.planning import (
    PRODUCT_TYPES,
    Chapter,
    GoalTerm,
    LifeStage,
    RiskGrade,
    product_type_label,
    years_until,
)
from rm_desktop.services.plans.content import (
    NON_FINANCIAL_KINDS,
    AssetItem,
    GoalItem,
    LiabilityItem,
    PlanContent,
    kind_label,
)
from rm_desktop.services.plans.sources import refresh_from_holdings
from rm_desktop.ui.plans.plan_form_parts import EditorContext, ProblemLabel, Section, money_text
from rm_desktop.ui.plans.plan_rows import Column, PlanRowsModel
from rm_desktop.ui.widgets.theme import themed


def _combo(items: list[tuple[object, str]]) -> QComboBox:
    box = QComboBox()
    for code, label in items:
        box.addItem(label, code)
    return box


def _select(box: QComboBox, code) -> None:
    box.setCurrentIndex(max(box.findData(code), 0))


def _with_problem(widget: QWidget, problem: ProblemLabel) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    layout.addWidget(problem)
    return holder


class ProfileSection(Section):
    """概况: title, life stage, family, risk grade, summary, cash flow, review schedule."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLineEdit()
        self.life_stage = _combo([(None, self.tr("（未填写）"))] + [(s.value, s.label) for s in LifeStage])
        self.risk_grade = _combo([(None, self.tr("（未测评）"))] + [(g.value, g.label) for g in RiskGrade])
        self.family = QPlainTextEdit()
        self.family.setFixedHeight(54)
        self.dependants = self.number("dependants", self.tr("子女、老人等"))
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(self.tr("规划书开头给客户看的一段话：现状、主要目标与总体建议"))
        self.summary.setFixedHeight(72)
        self.flow = {
            key: self.number(f"cash_flow.{key}", self.tr("元"))
            for key in ("monthly_income", "other_annual_income", "monthly_expenses", "other_annual_expenses")
        }
        self.flow_result = QLabel()
        self.next_review = QDateEdit()
        self.next_review.setCalendarPopup(True)
        self.next_review.setDisplayFormat("yyyy-MM-dd")
        self.interval = self.number("review.interval_months", self.tr("月"))
        for box in (self.life_stage, self.risk_grade):
            box.currentIndexChanged.connect(self.edited)
        self.title.textEdited.connect(self.edited)
        self.family.textChanged.connect(self.edited)
        self.summary.textChanged.connect(self.edited)
        self.next_review.dateChanged.connect(self.edited)

        profile = QFormLayout()
        profile.addRow(self.tr("规划标题"), self.title)
        profile.addRow(self.tr("生命周期阶段"), _with_problem(self.life_stage, self.problem_line("life_stage")))
        profile.addRow(self.tr("风险承受能力"), _with_problem(self.risk_grade, self.problem_line("risk_grade")))
        profile.addRow(self.tr("家庭情况"), self.family)
        profile.addRow(self.tr("需抚养/赡养人数"), self.dependants)
        profile.addRow(self.tr("规划摘要"), self.summary)
        flow = QFormLayout()
        flow.addRow(self.tr("月收入（元）"), self.flow["monthly_income"])
        flow.addRow(self.tr("其他年收入（奖金等，元）"), self.flow["other_annual_income"])
        flow.addRow(self.tr("月生活支出（不含月供，元）"), self.flow["monthly_expenses"])
        flow.addRow(self.tr("其他年支出（学费、旅行等，元）"), self.flow["other_annual_expenses"])
        flow.addRow(self.flow_result)
        flow_box = QGroupBox(self.tr("收入与支出"))
        flow_box.setLayout(flow)
        review = QFormLayout()
        review.addRow(self.tr("下次回顾日期"), _with_problem(self.next_review, self.problem_line("review.next_review")))
        review.addRow(self.tr("回顾间隔（月）"), self.interval)
        review_box = QGroupBox(self.tr("回顾安排"))
        review_box.setLayout(review)
        right = QVBoxLayout()
        right.addWidget(flow_box)
        right.addWidget(review_box)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(profile)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def load(self, content: PlanContent, context: EditorContext) -> None:
        self.title.setText(content.title)
        _select(self.life_stage, content.life_stage)
        _select(self.risk_grade, content.risk_grade)
        self.family.setPlainText(content.family)
        self.dependants.set_value(content.dependants)
        self.summary.setPlainText(content.summary)
        for key, widget in self.flow.items():
            widget.set_value(getattr(content.cash_flow, key))
        self.next_review.setDate(
            _qdate(content.review.next_review) if content.review.next_review else _qdate(context.today).addMonths(12)
        )
        self.interval.set_value(content.review.interval_months)

    def collect(self, content: PlanContent) -> None:
        content.title = self.title.text().strip()
        content.life_stage = self.life_stage.currentData()
        content.risk_grade = self.risk_grade.currentData()
        content.family = self.family.toPlainText().strip()
        content.dependants = self.dependants.value()
        content.summary = self.summary.toPlainText().strip()
        for key, widget in self.flow.items():
            setattr(content.cash_flow, key, widget.value())
        picked = self.next_review.date()
        content.review.next_review = dt.date(picked.year(), picked.month(), picked.day())
        content.review.interval_months = self.interval.value()

    def show_figures(self, figures, context: EditorContext) -> None:
        rate = figures.savings_rate
        self.flow_result.setText(
            self.tr("年收入 {}；年支出（含月供）{}；年结余 {}；结余比例 {}").format(
                money_text(figures.annual_income),
                money_text(figures.annual_expenses),
                money_text(figures.annual_surplus),
                "—" if rate is None else f"{rate * 100:.1f}%",
            )
        )


class BalanceSection(Section):
    """资产负债: assets (holdings pulled in, plus property and the like) and liabilities."""

    def __init__(self, parent=None):
        super().__init__(parent)
        kinds = tuple((code, product_type_label(code)) for code in PRODUCT_TYPES) + tuple(
            (code, kind_label(code)) for code in NON_FINANCIAL_KINDS
        )
        self.assets = PlanRowsModel(
            [
                Column("name", self.tr("名称")),
                Column("kind", self.tr("类别"), "choice", kinds),
                Column("amount", self.tr("金额（元）"), "number", align_right=True),
                Column("holding_id", self.tr("来源"), "derived", derived=True),
            ],
            AssetItem,
            "assets",
            self,
        )
        self.liabilities = PlanRowsModel(
            [
                Column("name", self.tr("名称")),
                Column("amount", self.tr("余额（元）"), "number", align_right=True),
                Column("monthly_payment", self.tr("月供（元）"), "number", align_right=True),
            ],
            LiabilityItem,
            "liabilities",
            self,
        )
        self.refresh_button = QPushButton(self.tr("从当前持仓刷新"))
        self.refresh_button.setToolTip(self.tr("用客户当前持有的产品替换来自持仓的资产行；手工添加的行保留"))
        self.refresh_button.clicked.connect(self._refresh)
        self.totals = QLabel()
        self.context = EditorContext()
        self.refreshed = None  # set by the editor: called with the refreshed content
        assets = QGroupBox(self.tr("资产"))
        QVBoxLayout(assets).addWidget(self.table(self.assets, self.tr("添加资产"), (self.refresh_button,)))
        debts = QGroupBox(self.tr("负债"))
        QVBoxLayout(debts).addWidget(self.table(self.liabilities, self.tr("添加负债")))
        layout = QVBoxLayout(self)
        layout.addWidget(assets, 3)
        layout.addWidget(debts, 2)
        layout.addWidget(self.totals)

    def load(self, content: PlanContent, context: EditorContext) -> None:
        self.context = context
        self.assets.set_rows(content.assets)
        self.liabilities.set_rows(content.liabilities)
        self._sources()

    def _sources(self) -> None:
        self.assets.set_derived(
            "holding_id", [self.tr("持仓") if a.holding_id else self.tr("手工") for a in self.assets.rows()]
        )

    def collect(self, content: PlanContent) -> None:
        content.assets = self.assets.rows()
        content.liabilities = self.liabilities.rows()

    def _refresh(self) -> None:
        if self.refreshed is not None:
            self.refreshed()

    def apply_refresh(self, content: PlanContent) -> PlanContent:
        fresh = refresh_from_holdings(content, self.context.holdings)
        self.assets.set_rows(fresh.assets)
        self._sources()
        return fresh

    def show_figures(self, figures, context: EditorContext) -> None:
        self._sources()
        self.totals.setText(
            self.tr("总资产 {}    总负债 {}    净资产 {}").format(
                money_text(figures.total_assets), money_text(figures.total_liabilities), money_text(figures.net_worth)
            )
        )


class GoalsSection(Section):
    """目标: amount, target date, priority, money set aside and the funded share as a bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        chapters = tuple((c.value, c.label) for c in Chapter)
        self.goals = PlanRowsModel(
            [
                Column("name", self.tr("目标名称")),
                Column("amount", self.tr("目标金额（元）"), "number", align_right=True),
                Column("target_date", self.tr("目标日期"), "date"),
                Column("priority", self.tr("优先级"), "number"),
                Column("earmarked", self.tr("已准备（元）"), "number", align_right=True),
                Column("chapter", self.tr("所属章节"), "choice", chapters),
                Column("term", self.tr("期限"), "derived", derived=True),
                Column("share", self.tr("完成度"), "progress", derived=True),
            ],
            GoalItem,
            "goals",
            self,
        )
        hint = QLabel(self.tr("优先级 1 最重要；期限由目标日期推算（1 年内为短期，1–5 年为中期，5 年以上为长期）。"))
        themed(hint, "color: $muted;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        box = self.table(self.goals, self.tr("添加目标"))
        box.view.setColumnWidth(7, 170)
        layout.addWidget(box)

    def load(self, content: PlanContent, context: EditorContext) -> None:
        self.goals.set_rows(content.goals)

    def collect(self, content: PlanContent) -> None:
        content.goals = self.goals.rows()

    def show_figures(self, figures, context: EditorContext) -> None:
        rows = self.goals.rows()
        self.goals.set_derived(
            "term",
            [
                GoalTerm.for_years(years_until(context.today, g.target_date)).label if g.target_date else ""
                for g in rows
            ],
        )
        self.goals.set_derived("share", list(figures.goal_shares))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
