"""The numbers of a financial plan (理财规划) as plain values: goals, chapters, inputs, products.

Fields may be ``None`` while a plan is a draft, and numbers are held as entered (``Entry``: the
text of the plan editor, or a Decimal); :func:`validate.validate_plan_numbers` lists what
is missing or impossible, and the ``project()`` methods raise ``ValidationError`` until it is
fixed. Storage and the plan document build on these; they hold no client identity of their own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rm_desktop.i18n import t

from .calc import goal_funded_share, years_until
from .education import EducationResult, education_fund
from .retirement import RetirementResult, retirement_projection
from .rules import Entry

SHORT_TERM_MAX_YEARS = Decimal(1)  # 短期: within a year
MID_TERM_MAX_YEARS = Decimal(5)  # 中期: one to five years; 长期: beyond


class Chapter(StrEnum):
    """The plan's chapters, following the CFP syllabus (education where the family needs it)."""

    GENERAL = "general"
    RISK_PROTECTION = "risk_protection"
    INVESTMENT = "investment"
    TAX = "tax"
    RETIREMENT = "retirement"
    ESTATE = "estate"
    EDUCATION = "education"

    @property
    def label(self) -> str:
        return t(*_CHAPTER_LABELS[self])


_CHAPTER_LABELS = {
    Chapter.GENERAL: ("综合理财规划", "General financial planning"),
    Chapter.RISK_PROTECTION: ("风险管理与保险规划", "Risk management and insurance"),
    Chapter.INVESTMENT: ("投资规划", "Investment planning"),
    Chapter.TAX: ("税务规划", "Tax planning"),
    Chapter.RETIREMENT: ("退休规划", "Retirement planning"),
    Chapter.ESTATE: ("财富传承规划", "Estate planning"),
    Chapter.EDUCATION: ("子女教育规划", "Education planning"),
}


class GoalTerm(StrEnum):
    SHORT = "short"
    MID = "mid"
    LONG = "long"

    @property
    def label(self) -> str:
        return {
            GoalTerm.SHORT: t("短期", "Short term"),
            GoalTerm.MID: t("中期", "Mid term"),
            GoalTerm.LONG: t("长期", "Long term"),
        }[self]

    @classmethod
    def for_years(cls, years: Decimal) -> GoalTerm:
        if years <= SHORT_TERM_MAX_YEARS:
            return cls.SHORT
        return cls.MID if years <= MID_TERM_MAX_YEARS else cls.LONG


@dataclass(frozen=True)
class Goal:
    """A client goal (buy a home, a car, travel…). Priority 1 is the most important.

    The term is not stored: it follows from the target date, so it cannot contradict it.
    """

    name: str
    amount: Entry | None
    target_date: date | None
    priority: Entry | None = 1
    earmarked: Entry | None = Decimal(0)  # assets already set aside for this goal
    chapter: Chapter = Chapter.GENERAL

    def term(self, today: date) -> GoalTerm | None:
        return GoalTerm.for_years(years_until(today, self.target_date)) if self.target_date else None

    def funded_share(self) -> Decimal:
        return goal_funded_share(self.amount, self.earmarked or 0)


@dataclass(frozen=True)
class RetirementInputs:
    """The retirement chapter's inputs; field names are :func:`retirement_projection`'s parameters."""

    current_age: Entry | None = None
    retirement_age: Entry | None = None
    life_expectancy: Entry | None = None
    current_savings: Entry | None = None
    monthly_saving: Entry | None = None
    annual_return: Entry | None = None
    monthly_expense_today: Entry | None = None
    inflation: Entry | None = None
    post_retirement_return: Entry | None = None

    def project(self) -> RetirementResult:
        return retirement_projection(**asdict(self))


@dataclass(frozen=True)
class EducationInputs:
    """One child's education goal; field names other than ``child_name`` are :func:`education_fund`'s."""

    child_name: str = ""
    child_age: Entry | None = None
    start_age: Entry | None = None
    years_of_study: Entry | None = None
    annual_cost_today: Entry | None = None
    education_inflation: Entry | None = None
    present_savings: Entry | None = None
    annual_return: Entry | None = None

    def numbers(self) -> dict[str, Any]:
        values = asdict(self)
        del values["child_name"]
        return values

    def project(self) -> EducationResult:
        return education_fund(**self.numbers())


@dataclass(frozen=True)
class RecommendedProduct:
    """A product the plan recommends; ``risk_level`` n means the product is rated Rn."""

    name: str
    product_type: str  # a code from allocation.PRODUCT_TYPES
    amount: Entry | None
    risk_level: int | None = None
    chapter: Chapter = Chapter.INVESTMENT
    reason: str = ""
