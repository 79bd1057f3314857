"""The client's plan document (理财规划书): its content as plain blocks, and the PDF export.

``build_document`` gathers one plan version, the client, the RM's profile (name and title,
branch, phone: 设置 › 个人信息), the figures and today's holdings into a :class:`PlanDocument`: a
list of headings, paragraphs, tables, an allocation chart and the risk disclaimer. Two renderers
draw the same blocks: services/plans/pdf.py writes the PDF (fpdf2, no Qt, so the CLI can export)
and ui/plans/plan_print.py lays them out for print preview and printing. Text is in the current
language (``t``); amounts in the ``amount_unit`` setting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rm_desktop.domain.money import format_amount, unit_label
from rm_desktop.domain.planning import (
    AssetClass,
    Chapter,
    LifeStage,
    RiskGrade,
    default_allocation_note,
    product_type_label,
)
from rm_desktop.domain.planning.rules import as_number
from rm_desktop.i18n import t
from rm_desktop.services.clients.files import get_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.checks import PlanFigures, plan_figures, target_allocation
from rm_desktop.services.plans.content import PlanContent, PlanStatus, kind_label
from rm_desktop.services.plans.sources import current_allocation
from rm_desktop.services.settings import profile as rm_profile
from rm_desktop.storage.handle import VaultHandle

SHORT_DISCLAIMER = (
    "理财非存款，产品有风险，投资须谨慎。",
    "Wealth products are not deposits; products carry risk; invest with care.",
)
DISCLAIMER = (
    "本规划书依据您提供的家庭及财务信息和编制时的市场环境制作，仅供参考，不构成对任何收益或本金安全的承诺。"
    "书中的收益率、通胀率、学费增长率等均为测算假设，实际结果可能与测算存在较大差异。所列产品的过往业绩不代表其"
    "未来表现；购买前请认真阅读产品说明书、风险揭示书等销售文件，了解产品的风险等级、期限和费用，并根据自身的"
    "风险承受能力审慎决策。银行不会向您推荐风险等级高于您风险承受能力的产品。您的家庭或财务状况发生重大变化时，"
    "请及时告知客户经理，以便回顾和调整本规划。",
    "This plan is based on the family and financial information you provided and on market conditions when it "
    "was written. It is for reference only and promises neither returns nor the safety of principal. Returns, "
    "inflation and cost growth used in the projections are assumptions; actual results may differ considerably. "
    "Past performance of the products listed does not indicate their future performance: before buying, read "
    "the product prospectus and risk disclosure, understand the product's risk level, term and fees, and decide "
    "according to your own risk tolerance. The bank will not recommend products rated above your risk grade. "
    "Please tell your relationship manager of any major change in your family or finances so that the plan can "
    "be reviewed and adjusted.",
)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    right: frozenset[int] = frozenset()  # right-aligned (number) columns
    progress: dict[int, Decimal] = field(default_factory=dict)  # row → share 0..1, drawn as a bar in the last column
    note: str = ""  # a line above the table, e.g. the amount unit


@dataclass(frozen=True)
class AllocationChart:
    rows: tuple[tuple[str, Decimal, Decimal | None], ...]  # (asset class label, target %, current %)
    target_label: str
    current_label: str


@dataclass(frozen=True)
class Disclaimer:
    title: str
    headline: str
    text: str


Block = Heading | Paragraph | Table | AllocationChart | Disclaimer


@dataclass(frozen=True)
class PlanDocument:
    title: str
    plan_title: str
    client_name: str
    rm_name: str
    branch_name: str
    date: dt.date
    version: int
    status: str
    blocks: tuple[Block, ...]
    rm_phone: str = ""

    def header_lines(self) -> list[tuple[str, str]]:
        return [
            (t("客户", "Client"), self.client_name),
            (t("客户经理", "Relationship manager"), self.rm_name or "—"),
            (t("网点", "Branch"), self.branch_name or "—"),
            *([(t("联系电话", "Phone"), self.rm_phone)] if self.rm_phone else []),
            (t("日期", "Date"), self.date.isoformat()),
            (t("版本", "Version"), f"V{self.version} · {self.status}"),
        ]

    def text(self) -> str:
        """Every word of the document, for tests and search."""
        parts = [self.title, self.plan_title, *(f"{k}: {v}" for k, v in self.header_lines())]
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts += [" ".join(block.headers), *(" ".join(row) for row in block.rows)]
            elif isinstance(block, AllocationChart):
                parts += [label for label, _, _ in block.rows]
            else:
                parts += [block.title, block.headline, block.text]
        return "\n".join(parts)


class _Money:
    def __init__(self, unit: str):
        self.unit = unit

    def __call__(self, value: Decimal | None) -> str:
        return format_amount(value, self.unit) if value is not None else "—"

    def header(self, text: str) -> str:
        return f"{text}（{unit_label(self.unit)}）"

    def note(self) -> str:
        return t("金额单位：{}", "Amounts in {}").format(unit_label(self.unit))


def _pct(share: Decimal | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def percent_text(points: Decimal | None, *, signed: bool = False) -> str:
    """Percent points without trailing zeros: 20 → 20%, 12.50 → 12.5%, signed: +3.5% / -2% / 0%."""
    if points is None:
        return "—"
    text = format(points.normalize(), "f") if points else "0"
    return f"{'+' if signed and points > 0 else ''}{text}%"


def _number(text: str | None) -> Decimal | None:
    return as_number(text) if text else None


def _summary(content: PlanContent, figures: PlanFigures, money: _Money) -> list[Block]:
    life_stage, risk_grade = content.life_stage or "", content.risk_grade or ""
    stage = LifeStage(life_stage).label if life_stage in LifeStage.__members__.values() else "—"
    grade = RiskGrade(risk_grade).label if risk_grade in RiskGrade.__members__ else "—"
    rows = (
        (t("生命周期阶段", "Life stage"), stage),
        (t("风险承受能力", "Risk grade"), grade),
        (t("家庭情况", "Family"), content.family or "—"),
        (money.header(t("总资产", "Total assets")), money(figures.total_assets)),
        (money.header(t("总负债", "Total liabilities")), money(figures.total_liabilities)),
        (money.header(t("净资产", "Net worth")), money(figures.net_worth)),
        (money.header(t("年收入", "Annual income")), money(figures.annual_income)),
        (money.header(t("年支出（含月供）", "Annual spending (incl. loan payments)")), money(figures.annual_expenses)),
        (money.header(t("年结余", "Annual surplus")), money(figures.annual_surplus)),
        (t("结余比例", "Savings rate"), _pct(figures.savings_rate)),
    )
    blocks: list[Block] = [Heading(t("规划摘要", "Summary"))]
    if content.summary.strip():
        blocks.append(Paragraph(content.summary.strip()))
    blocks.append(Table((t("项目", "Item"), t("内容", "Value")), rows, (1, 2), frozenset({1})))
    return blocks


def _balance_sheet(content: PlanContent, money: _Money) -> list[Block]:
    rows = [(t("资产", "Asset"), a.name, kind_label(a.kind), money(_number(a.amount))) for a in content.assets]
    rows += [
        (
            t("负债", "Liability"),
            d.name,
            t("月供 {}", "monthly {}").format(money(_number(d.monthly_payment))),
            money(_number(d.amount)),
        )
        for d in content.liabilities
    ]
    if not rows:
        return []
    headers = (t("类别", "Side"), t("名称", "Name"), t("类型", "Type"), t("金额", "Amount"))
    return [
        Heading(t("家庭资产负债", "Balance sheet")),
        Table(headers, tuple(rows), (1, 3, 2, 2), frozenset({3}), note=money.note()),
    ]


def _goals(content: PlanContent, figures: PlanFigures, money: _Money) -> list[Block]:
    if not content.goals:
        return []
    rows, progress = [], {}
    for k, (goal, share) in enumerate(zip(content.goals, figures.goal_shares, strict=False)):
        rows.append(
            (
                goal.name,
                goal.target_date.isoformat() if goal.target_date else "—",
                goal.priority or "—",
                money(_number(goal.amount)),
                money(_number(goal.earmarked)),
                _pct(share),
            )
        )
        if share is not None:
            progress[k] = share
    headers = (
        t("目标", "Goal"),
        t("目标日期", "Target date"),
        t("优先级", "Priority"),
        t("目标金额", "Amount"),
        t("已准备", "Set aside"),
        t("完成度", "Funded"),
    )
    return [
        Heading(t("理财目标", "Goals")),
        Table(headers, tuple(rows), (3, 2, 1.3, 2, 2, 3), frozenset({2, 3, 4}), progress, money.note()),
    ]


def _allocation(content: PlanContent, figures: PlanFigures, money: _Money) -> list[Block]:
    blocks: list[Block] = [Heading(t("资产配置建议", "Asset allocation"))]
    targets = {k: _number(v) or Decimal(0) for k, v in target_allocation(content).items()}
    current = figures.current_shares or {}
    chart = tuple((cls.label, targets.get(cls.value, Decimal(0)), current.get(cls)) for cls in AssetClass)
    blocks.append(AllocationChart(chart, t("目标配置", "Target"), t("当前持仓", "Current holdings")))
    if figures.drift:
        rows = tuple(
            (
                row.asset_class.label,
                percent_text(row.target_pct),
                percent_text(row.current_pct),
                percent_text(row.drift_pct, signed=True),
                money(row.amount_to_rebalance),
            )
            for row in figures.drift
        )
        headers = (
            t("资产类别", "Asset class"),
            t("目标", "Target"),
            t("当前", "Current"),
            t("偏离", "Drift"),
            t("建议调整（正数为增配）", "To rebalance (+ buy)"),
        )
        blocks.append(Table(headers, rows, (3, 1, 1, 1, 2.5), frozenset({1, 2, 3, 4}), note=money.note()))
    else:
        blocks.append(
            Paragraph(
                t(
                    "目标配置尚未完成（合计须为 100%），暂不计算偏离。",
                    "The target allocation is not complete (it must total 100%); no drift computed.",
                )
            )
        )
    blocks.append(Paragraph(default_allocation_note()))
    return blocks


def _retirement(figures: PlanFigures, money: _Money) -> list[Block]:
    r = figures.retirement
    if r is None:
        return []
    rows = (
        (money.header(t("退休时所需资金", "Needed at retirement")), money(r.need_at_retirement)),
        (money.header(t("预计届时储备", "Projected savings")), money(r.projected_savings)),
        (money.header(t("资金缺口", "Gap")), money(r.gap)),
        (
            money.header(t("补足缺口每月需另储蓄", "Extra monthly saving to close the gap")),
            money(r.monthly_saving_to_close_gap),
        ),
        (
            money.header(t("退休首年月支出", "Monthly expense in the first retirement year")),
            money(r.monthly_expense_at_retirement),
        ),
    )
    return [Table((t("退休测算", "Retirement projection"), ""), rows, (3, 2), frozenset({1}))]


def _education(content: PlanContent, figures: PlanFigures, money: _Money) -> list[Block]:
    rows = tuple(
        (
            child.child_name or "—",
            money(result.total_needed),
            money(result.projected_savings),
            money(result.gap),
            money(result.required_monthly),
        )
        for child, result in zip(content.education, figures.education, strict=False)
        if result is not None
    )
    if not rows:
        return []
    headers = (
        t("子女", "Child"),
        t("所需总额", "Total needed"),
        t("预计储备", "Projected"),
        t("缺口", "Gap"),
        t("每月需储蓄", "Monthly saving"),
    )
    return [Table(headers, rows, (2, 2, 2, 2, 2), frozenset({1, 2, 3, 4}), note=money.note())]


def _chapters(content: PlanContent, figures: PlanFigures, money: _Money) -> list[Block]:
    blocks: list[Block] = [Heading(t("专项规划", "Planning by topic"))]
    for chapter in Chapter:
        extra = (
            _retirement(figures, money)
            if chapter is Chapter.RETIREMENT
            else _education(content, figures, money)
            if chapter is Chapter.EDUCATION
            else []
        )
        text = content.chapters.get(chapter.value, "").strip()
        if text or extra:
            blocks.append(Heading(chapter.label, 2))
            blocks += [Paragraph(text)] if text else []
            blocks += extra
    return blocks if len(blocks) > 1 else []


def _products(content: PlanContent, money: _Money) -> list[Block]:
    if not content.products:
        return []
    rows = tuple(
        (
            p.name,
            product_type_label(p.product_type) if p.product_type else "—",
            f"R{p.risk_level}" if p.risk_level else "—",
            money(_number(p.amount)),
            p.reason or "—",
            t("已购买", "Bought") if p.holding_id else t("待办理", "To do"),
        )
        for p in content.products
    )
    headers = (
        t("产品", "Product"),
        t("类型", "Type"),
        t("风险", "Risk"),
        t("建议金额", "Amount"),
        t("推荐理由", "Reason"),
        t("状态", "Status"),
    )
    return [
        Heading(t("产品建议", "Recommended products")),
        Table(headers, rows, (3, 1.4, 1, 2, 3.2, 1.4), frozenset({3}), note=money.note()),
    ]


def _review(content: PlanContent) -> list[Block]:
    when = content.review.next_review.isoformat() if content.review.next_review else "—"
    return [
        Heading(t("执行与回顾", "Carrying out and review")),
        Paragraph(
            t("下次回顾日期：{}；此后每 {} 个月回顾一次。", "Next review: {}; then every {} months.").format(
                when, content.review.interval_months or "—"
            )
        ),
    ]


_CHINESE_NUMERALS = "一二三四五六七八九十"


def _numbered(blocks: list[Block]) -> list[Block]:
    """Number the main headings in order (一、二、… or 1. 2. …): sections without content are left out."""
    out: list[Block] = []
    number = 0
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            number += 1
            block = Heading(t("{}、{}", "{}. {}").format(t(_CHINESE_NUMERALS[number - 1], str(number)), block.text))
        out.append(block)
    return out


def build_document(
    vault: VaultHandle, plan_id: int, version: int | None = None, *, today: dt.date | None = None
) -> PlanDocument:
    """The document for a plan version (the latest by default), dated ``today``."""
    today = today or dt.date.today()
    plan = plans.get_plan(vault, plan_id, version)
    client = get_client(vault, plan.client_id)
    content = plan.content
    figures = plan_figures(content, current_allocation(vault, plan.client_id))
    money = _Money(vault.settings.get("amount_unit"))
    blocks = _numbered(
        [
            *_summary(content, figures, money),
            *_balance_sheet(content, money),
            *_goals(content, figures, money),
            *_allocation(content, figures, money),
            *_chapters(content, figures, money),
            *_products(content, money),
            *_review(content),
            Disclaimer(t("风险提示", "Risk disclosure"), t(*SHORT_DISCLAIMER), t(*DISCLAIMER)),
            Paragraph(
                t(
                    "客户签字：____________    客户经理签字：____________    日期：____________",
                    "Client: ____________    Relationship manager: ____________    Date: ____________",
                )
            ),
        ]
    )
    rm = rm_profile.load(vault.settings)  # 设置 › 个人信息
    return PlanDocument(
        t("理财规划书", "Financial Plan"),
        content.title,
        client.name,
        rm.signature(),
        rm.branch,
        today,
        plan.version,
        PlanStatus(plan.status).label,
        tuple(blocks),
        rm.phone,
    )
