"""A plan's problems and figures: the planning rules applied to a :class:`PlanContent`.

``plan_problems`` lists every impossible or missing value with its field path; the numbers go
through domain.planning.validate_plan_numbers (goals, retirement, education, target allocation,
products against the risk grade), and this module adds the checks of the parts the domain does
not model (names, cash flow, balance sheet, review schedule). ``plan_figures`` computes what the
editor and the plan document show; a calculation whose inputs have a problem gives None instead
of a number, so a draft with problems still shows everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.planning import (
    PRODUCT_TYPES,
    AssetClass,
    Chapter,
    DriftRow,
    EducationInputs,
    EducationResult,
    Goal,
    LifeStage,
    Problem,
    RecommendedProduct,
    RetirementInputs,
    RetirementResult,
    allocation_drift,
    goal_funded_share,
    validate_plan_numbers,
)
from rm_desktop.domain.planning.allocation import apportion
from rm_desktop.domain.planning.rules import Kind, as_number, check_value, required
from rm_desktop.i18n import t
from rm_desktop.services.plans.content import NON_FINANCIAL_KINDS, PlanContent

ZERO = Decimal(0)
DEPENDANTS_MAX = 20


def _chapter(code: str, default: Chapter) -> Chapter:
    return Chapter(code) if code in Chapter.__members__.values() else default


def _raw(value: str | None) -> str | None:
    """An empty text counts as missing."""
    return value if value is not None and value.strip() else None


def domain_goals(content: PlanContent) -> list[Goal]:
    # Raw texts go in as they are: the domain rules parse them and name what is wrong.
    return [
        Goal(
            g.name,
            _raw(g.amount),
            g.target_date,
            _raw(g.priority),
            _raw(g.earmarked) or "0",
            _chapter(g.chapter, Chapter.GENERAL),
        )
        for g in content.goals
    ]


def domain_retirement(content: PlanContent) -> RetirementInputs | None:
    if content.retirement is None:
        return None
    return RetirementInputs(**{k: _raw(v) for k, v in asdict(content.retirement).items()})


def domain_education(content: PlanContent) -> list[EducationInputs]:
    return [
        EducationInputs(child_name=e.child_name, **{k: _raw(v) for k, v in asdict(e).items() if k != "child_name"})
        for e in content.education
    ]


def domain_products(content: PlanContent) -> list[RecommendedProduct]:
    return [
        RecommendedProduct(
            p.name, p.product_type, _raw(p.amount), p.risk_level, _chapter(p.chapter, Chapter.INVESTMENT), p.reason
        )
        for p in content.products
    ]


def target_allocation(content: PlanContent) -> dict[str, str]:
    """The target shares that were filled in; a class left empty counts as 0 %."""
    return {k: v for k, v in content.target_allocation.items() if _raw(v)}


def _optional_amount(path: str, value: str | None) -> list[Problem]:
    if _raw(value) is None:
        return []
    _, problem = check_value(path, value, Kind.AMOUNT)
    return [problem] if problem else []


def _required_amount(path: str, value: str | None) -> list[Problem]:
    _, problem = check_value(path, value, Kind.AMOUNT)
    return [problem] if problem else []


def _named(path: str, name: str) -> list[Problem]:
    return [] if name.strip() else [required(path)]


def _profile_problems(content: PlanContent) -> list[Problem]:
    problems = []
    if content.life_stage is not None and content.life_stage not in LifeStage.__members__.values():
        problems.append(
            Problem("life_stage", t("未知的生命周期阶段：{}", "Unknown life stage: {}").format(content.life_stage))
        )
    if _raw(content.dependants) is not None:
        number = as_number(content.dependants)
        if number is None or number != number.to_integral_value() or not 0 <= number <= DEPENDANTS_MAX:
            problems.append(
                Problem(
                    "dependants",
                    t("人数须为 0 到 {} 之间的整数：{}", "Must be a whole number from 0 to {}: {}").format(
                        DEPENDANTS_MAX, content.dependants
                    ),
                )
            )
    for name, value in asdict(content.cash_flow).items():
        problems += _optional_amount(f"cash_flow.{name}", value)
    return problems


def _balance_sheet_problems(content: PlanContent) -> list[Problem]:
    problems = []
    kinds = (*PRODUCT_TYPES, *NON_FINANCIAL_KINDS)
    for k, item in enumerate(content.assets):
        prefix = f"assets[{k}]."
        problems += _named(prefix + "name", item.name) + _required_amount(prefix + "amount", item.amount)
        if item.kind not in kinds:
            problems.append(
                Problem(prefix + "kind", t("未知的资产类别：{}", "Unknown asset kind: {}").format(item.kind))
            )
    for k, debt in enumerate(content.liabilities):
        prefix = f"liabilities[{k}]."
        problems += (
            _named(prefix + "name", debt.name)
            + _required_amount(prefix + "amount", debt.amount)
            + _optional_amount(prefix + "monthly_payment", debt.monthly_payment)
        )
    return problems


def _review_problems(content: PlanContent) -> list[Problem]:
    problems = []
    if content.review.next_review is None:
        problems.append(required("review.next_review"))
    _, problem = check_value("review.interval_months", content.review.interval_months, Kind.COUNT)
    return problems + ([problem] if problem else [])


def plan_problems(content: PlanContent, today: dt.date) -> list[Problem]:
    """Every problem in the plan, in the order of the editor's sections."""
    problems = _profile_problems(content) + _balance_sheet_problems(content)
    problems += [p for k, g in enumerate(content.goals) for p in _named(f"goals[{k}].name", g.name)]
    problems += validate_plan_numbers(
        today=today,
        goals=domain_goals(content),
        retirement=domain_retirement(content),
        education=domain_education(content),
        target_allocation=target_allocation(content),
        products=domain_products(content),
        risk_grade=content.risk_grade,
    )
    problems += [p for k, item in enumerate(content.products) for p in _named(f"products[{k}].name", item.name)]
    return problems + _review_problems(content)


def problems_by_field(problems: list[Problem]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(problem.field, []).append(problem.message)
    return grouped


# -- figures -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFigures:
    total_assets: Decimal
    total_liabilities: Decimal
    annual_income: Decimal
    annual_expenses: Decimal
    goal_shares: tuple[Decimal | None, ...]  # funded share 0..1 per goal
    retirement: RetirementResult | None
    education: tuple[EducationResult | None, ...]
    drift: tuple[DriftRow, ...] | None  # None while the target allocation has a problem
    current_shares: dict[AssetClass, Decimal] | None  # today's holdings in percent points; None without any

    @property
    def net_worth(self) -> Decimal:
        return self.total_assets - self.total_liabilities

    @property
    def annual_surplus(self) -> Decimal:
        return self.annual_income - self.annual_expenses

    @property
    def savings_rate(self) -> Decimal | None:
        """Share of income left after expenses (结余比例), None without income."""
        if self.annual_income <= 0:
            return None
        return (self.annual_surplus / self.annual_income).quantize(Decimal("0.0001"))


def _amount(value: str | None) -> Decimal:
    """A valid amount's value, 0 for an empty or impossible one (that one is a listed problem)."""
    number = as_number(value) if _raw(value) else None
    return number if number is not None and number >= 0 else ZERO


def _attempt(calculation):
    try:
        return calculation()
    except ValidationError:
        return None


def current_shares(current_amounts: Mapping[AssetClass, Decimal] | None) -> dict[AssetClass, Decimal] | None:
    """Each asset class's share of the holdings, to 0.01 points and totalling exactly 100."""
    if not current_amounts or not any(current_amounts.values()):
        return None
    classes = list(AssetClass)
    shares = apportion(Decimal(100), [Decimal(current_amounts.get(cls, 0)) for cls in classes], Decimal("0.01"))
    return dict(zip(classes, shares, strict=True))


def plan_figures(content: PlanContent, current_amounts: Mapping[AssetClass, Decimal] | None = None) -> PlanFigures:
    """The plan's numbers; ``current_amounts`` (by asset class, from the holdings) gives the drift."""
    flow = content.cash_flow
    goals = domain_goals(content)
    retirement = domain_retirement(content)
    return PlanFigures(
        total_assets=sum((_amount(a.amount) for a in content.assets), ZERO),
        total_liabilities=sum((_amount(d.amount) for d in content.liabilities), ZERO),
        annual_income=_amount(flow.monthly_income) * 12 + _amount(flow.other_annual_income),
        annual_expenses=(
            _amount(flow.monthly_expenses) * 12
            + _amount(flow.other_annual_expenses)
            + sum((_amount(d.monthly_payment) for d in content.liabilities), ZERO) * 12
        ),
        goal_shares=tuple(_attempt(lambda g=g: goal_funded_share(g.amount, g.earmarked)) for g in goals),
        retirement=_attempt(retirement.project) if retirement is not None else None,
        education=tuple(_attempt(child.project) for child in domain_education(content)),
        drift=(
            _attempt(lambda: tuple(allocation_drift(target_allocation(content), current_amounts)))
            if current_amounts is not None
            else None
        ),
        current_shares=current_shares(current_amounts),
    )
