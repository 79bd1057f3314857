"""What a financial plan (理财规划) holds, as plain dataclasses with a JSON form.

One :class:`PlanContent` is one revision's content. Numbers are kept as the text the RM typed
(``str``, or None when empty) so that a draft can hold an impossible value (a negative age, an
allocation summing to 90 %) with its problem marked, exactly as entered; plan_checks.py parses
them with the planning rules. Money is in 元, rates are annual fractions ("0.035"), allocations
percent points ("30"). Dates are ``date`` (ISO text in JSON).

Field paths name a value inside the content the way the planning validator does
(``goals[2].target_date``, ``retirement.life_expectancy``, ``target_allocation.equity``); the
editor puts a problem next to the field with that path and compare() reports differences by it.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any

from rm_desktop.domain.planning import AssetClass, Chapter, LifeStage
from rm_desktop.i18n import t

SCHEMA = 1
NON_FINANCIAL_KINDS = ("real_estate", "vehicle", "other_asset")  # asset kinds besides PRODUCT_TYPES


class PlanStatus(StrEnum):
    """草稿 (draft) or 定稿 (final); a final plan then moves through the stages after FINAL as
    the client sees, accepts and carries it out. Only a draft may hold problems."""

    DRAFT = "draft"
    FINAL = "final"
    PRESENTED = "presented"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    REVIEW_DUE = "review_due"

    @property
    def label(self) -> str:
        return t(*_STATUS_LABELS[self])

    @property
    def is_final(self) -> bool:
        return self is not PlanStatus.DRAFT

    @property
    def badge(self) -> str:
        """草稿 / 定稿, with the stage a final plan has reached: "定稿 · 客户已接受"."""
        if self in (PlanStatus.DRAFT, PlanStatus.FINAL):
            return self.label
        return f"{PlanStatus.FINAL.label} · {self.label}"

    @property
    def zh(self) -> str:
        """The Chinese label, what the archive workbook shows whatever the UI language."""
        return _STATUS_LABELS[self][0]

    @classmethod
    def parse(cls, raw: object) -> PlanStatus:
        """The status for its code or either label (the archive shows 草稿; older files say draft);
        ValueError for anything else."""
        text = str(raw).strip()
        for status in cls:
            if text.casefold() in (status.value, *(label.casefold() for label in _STATUS_LABELS[status])):
                return status
        raise ValueError(text)


FINAL_STAGES = tuple(s for s in PlanStatus if s.is_final)  # what a final plan's 进展 offers


_STATUS_LABELS = {
    PlanStatus.DRAFT: ("草稿", "Draft"),
    PlanStatus.FINAL: ("定稿", "Final"),
    PlanStatus.PRESENTED: ("已向客户展示", "Presented"),
    PlanStatus.ACCEPTED: ("客户已接受", "Accepted"),
    PlanStatus.IN_PROGRESS: ("执行中", "In progress"),
    PlanStatus.REVIEW_DUE: ("待回顾", "Review due"),
}


@dataclass
class CashFlow:
    """收支: regular monthly figures and the irregular yearly rest (bonus, tuition, travel)."""

    monthly_income: str | None = None
    other_annual_income: str | None = None
    monthly_expenses: str | None = None  # living costs; loan payments are the liabilities' own
    other_annual_expenses: str | None = None


@dataclass
class AssetItem:
    """A balance-sheet asset; ``kind`` is a product type code or one of NON_FINANCIAL_KINDS."""

    name: str = ""
    kind: str = "deposit"
    amount: str | None = None
    holding_id: int | None = None  # set when the line was pulled in from the holdings table


@dataclass
class LiabilityItem:
    name: str = ""
    amount: str | None = None  # outstanding balance
    monthly_payment: str | None = None


@dataclass
class GoalItem:
    name: str = ""
    amount: str | None = None
    target_date: dt.date | None = None
    priority: str | None = "1"
    earmarked: str | None = "0"  # assets already set aside for the goal
    chapter: str = Chapter.GENERAL.value


@dataclass
class RetirementItem:
    """Field names are domain.planning.RetirementInputs'."""

    current_age: str | None = None
    retirement_age: str | None = None
    life_expectancy: str | None = None
    current_savings: str | None = None
    monthly_saving: str | None = None
    annual_return: str | None = None
    monthly_expense_today: str | None = None
    inflation: str | None = None
    post_retirement_return: str | None = None


@dataclass
class EducationItem:
    """One child; field names other than child_name are domain.planning.EducationInputs'."""

    child_name: str = ""
    child_age: str | None = None
    start_age: str | None = None
    years_of_study: str | None = None
    annual_cost_today: str | None = None
    education_inflation: str | None = None
    present_savings: str | None = None
    annual_return: str | None = None


@dataclass
class ProductItem:
    """A recommended product; linked to the client's holding once bought."""

    name: str = ""
    product_type: str = "wealth"
    amount: str | None = None
    risk_level: int | None = None  # n = product rated Rn
    chapter: str = Chapter.INVESTMENT.value
    reason: str = ""
    holding_id: int | None = None


@dataclass
class ReviewSchedule:
    next_review: dt.date | None = None
    interval_months: str | None = "12"


def _empty_chapters() -> dict[str, str]:
    return {chapter.value: "" for chapter in Chapter}


@dataclass
class PlanContent:
    title: str = ""
    summary: str = ""
    life_stage: str | None = None  # a LifeStage code
    family: str = ""
    dependants: str | None = None
    risk_grade: str | None = None  # C1..C5
    cash_flow: CashFlow = field(default_factory=CashFlow)
    assets: list[AssetItem] = field(default_factory=list)
    liabilities: list[LiabilityItem] = field(default_factory=list)
    goals: list[GoalItem] = field(default_factory=list)
    chapters: dict[str, str] = field(default_factory=_empty_chapters)
    target_allocation: dict[str, str] = field(default_factory=dict)  # AssetClass code → percent text
    retirement: RetirementItem | None = None
    education: list[EducationItem] = field(default_factory=list)
    products: list[ProductItem] = field(default_factory=list)
    review: ReviewSchedule = field(default_factory=ReviewSchedule)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **_dump(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanContent:
        """Read a stored content; unknown keys (from a newer build) are ignored, missing ones default."""
        return _load(cls, {k: v for k, v in data.items() if k != "schema"})

    @classmethod
    def from_json(cls, text: str) -> PlanContent:
        return cls.from_dict(json.loads(text))

    def copy(self) -> PlanContent:
        return copy.deepcopy(self)


def _dump(value: Any) -> Any:
    if value is None or type(value) in (str, int):  # the common leaves first: the demo dumps 20k plans
        return value
    dataclass_fields = getattr(type(value), "__dataclass_fields__", None)
    if dataclass_fields is not None:
        return {name: _dump(getattr(value, name)) for name in dataclass_fields}
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)  # slow (evaluates the annotations): once per class


def _load(cls: type, data: Any) -> Any:
    if not isinstance(data, dict):
        return cls()
    hints = _type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name in data:
            values[f.name] = _coerce(hints[f.name], data[f.name])
        elif f.default is MISSING and f.default_factory is MISSING:  # pragma: no cover - every field has one
            raise ValueError(f.name)
    return cls(**values)


def _coerce(hint: Any, value: Any) -> Any:
    """Turn a JSON value into the field's declared type (dataclass, list, date, str, int)."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        if value is None:
            return None
        return _coerce(next(a for a in args if a is not type(None)), value)
    origin = typing.get_origin(hint)
    if origin is list:
        return [_coerce(args[0], item) for item in value] if isinstance(value, list) else []
    if origin is dict:
        return {str(k): ("" if v is None else str(v)) for k, v in value.items()} if isinstance(value, dict) else {}
    if isinstance(hint, type) and is_dataclass(hint):
        return _load(hint, value)
    if hint is dt.date:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return None
    if hint is int:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    if hint is str:
        return str(value)
    return value


# -- labels for field paths (compare, CLI, document) ----------------------------------------------

_SECTION_LABELS = {
    "title": ("标题", "Title"),
    "summary": ("摘要", "Summary"),
    "life_stage": ("生命周期阶段", "Life stage"),
    "family": ("家庭情况", "Family"),
    "dependants": ("需抚养/赡养人数", "Dependants"),
    "risk_grade": ("风险等级", "Risk grade"),
    "cash_flow": ("收支", "Income and expenses"),
    "assets": ("资产", "Asset"),
    "liabilities": ("负债", "Liability"),
    "goals": ("目标", "Goal"),
    "chapters": ("章节", "Chapter"),
    "target_allocation": ("目标配置", "Target allocation"),
    "retirement": ("退休规划", "Retirement"),
    "education": ("子女教育", "Education"),
    "products": ("推荐产品", "Recommended product"),
    "review": ("回顾安排", "Review schedule"),
    "status": ("状态", "Status"),
}
_FIELD_LABELS = {
    "monthly_income": ("月收入", "Monthly income"),
    "other_annual_income": ("其他年收入", "Other annual income"),
    "monthly_expenses": ("月生活支出", "Monthly living expenses"),
    "other_annual_expenses": ("其他年支出", "Other annual expenses"),
    "name": ("名称", "Name"),
    "kind": ("类别", "Kind"),
    "amount": ("金额", "Amount"),
    "holding_id": ("关联持仓", "Linked holding"),
    "monthly_payment": ("月供", "Monthly payment"),
    "target_date": ("目标日期", "Target date"),
    "priority": ("优先级", "Priority"),
    "earmarked": ("已准备资金", "Set aside"),
    "chapter": ("章节", "Chapter"),
    "current_age": ("当前年龄", "Current age"),
    "retirement_age": ("退休年龄", "Retirement age"),
    "life_expectancy": ("预期寿命", "Life expectancy"),
    "current_savings": ("现有养老储备", "Current savings"),
    "monthly_saving": ("每月储蓄", "Monthly saving"),
    "annual_return": ("年化收益率", "Annual return"),
    "monthly_expense_today": ("退休月支出（现值）", "Monthly expense (today's money)"),
    "inflation": ("通胀率", "Inflation"),
    "post_retirement_return": ("退休后收益率", "Return after retirement"),
    "child_name": ("子女姓名", "Child"),
    "child_age": ("子女年龄", "Child's age"),
    "start_age": ("入学年龄", "Study start age"),
    "years_of_study": ("学习年限", "Years of study"),
    "annual_cost_today": ("每年费用（现值）", "Annual cost (today's money)"),
    "education_inflation": ("学费增长率", "Education inflation"),
    "present_savings": ("已准备金额", "Present savings"),
    "product_type": ("产品类型", "Product type"),
    "risk_level": ("风险等级", "Risk level"),
    "reason": ("推荐理由", "Reason"),
    "next_review": ("下次回顾日期", "Next review"),
    "interval_months": ("回顾间隔（月）", "Interval (months)"),
}


def field_label(path: str) -> str:
    """A readable name for a field path: ``goals[1].amount`` → 目标 2 · 金额."""
    parts = path.replace("]", "").split(".")
    section, _, index = parts[0].partition("[")
    text = t(*_SECTION_LABELS[section]) if section in _SECTION_LABELS else section
    if index:
        text += f" {int(index) + 1}"
    for part in parts[1:]:
        if section == "chapters" and part in Chapter.__members__.values():
            text += " · " + Chapter(part).label
        elif section == "target_allocation" and part in AssetClass.__members__.values():
            text += " · " + AssetClass(part).label
        else:
            text += " · " + (t(*_FIELD_LABELS[part]) if part in _FIELD_LABELS else part)
    return text


def kind_label(kind: str) -> str:
    """The label of an asset kind: a product type or a non-financial asset."""
    from rm_desktop.domain.planning import PRODUCT_TYPES, product_type_label

    if kind in PRODUCT_TYPES:
        return product_type_label(kind)
    return {
        "real_estate": t("房产", "Real estate"),
        "vehicle": t("汽车", "Vehicle"),
        "other_asset": t("其他资产", "Other asset"),
    }.get(kind, kind)


def life_stage_for(text: str | None) -> str | None:
    """A LifeStage code from what a client file says (code or label in either language), else None."""
    if not text:
        return None
    folded = text.strip().lower()
    for stage in LifeStage:
        zh, en = _stage_words(stage)
        if folded in (stage.value, zh, en.lower()) or folded == zh.removesuffix("期"):
            return stage.value
    return None


def _stage_words(stage: LifeStage) -> tuple[str, str]:
    # Both languages' labels, whatever the current language: a client file may hold either.
    from rm_desktop.domain.planning.lifecycle import _STAGE_TEXT

    zh, en, _, _ = _STAGE_TEXT[stage]
    return zh, en
