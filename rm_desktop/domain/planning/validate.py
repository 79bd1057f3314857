"""One list of everything impossible or missing in a plan's numbers, field by field; never raises.

A plan with problems may still be saved as a draft: the caller decides. Field names are paths
into the plan, e.g. ``goals[2].target_date``, ``retirement.life_expectancy``,
``education[0].start_age``, ``target_allocation.equity``, ``products[1].risk_level``. The rules
are the ones the calculations enforce (see :mod:`rules`), so a plan without problems computes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from rm_desktop.i18n import t

from .allocation import product_type_problem, target_allocation_problems
from .education import education_input_problems
from .lifecycle import RiskGrade
from .model import EducationInputs, Goal, RecommendedProduct, RetirementInputs
from .retirement import retirement_input_problems
from .rules import Kind, Problem, calc_context, check_fields, required

_RISK_LEVELS = range(1, 6)  # R1..R5


def _goal_problems(goal: Goal, today: date, prefix: str) -> list[Problem]:
    values = {
        "amount": goal.amount,
        "earmarked": 0 if goal.earmarked is None else goal.earmarked,
        "priority": goal.priority,
    }
    _, problems = check_fields(
        values, {"amount": Kind.AMOUNT, "earmarked": Kind.AMOUNT, "priority": Kind.COUNT}, prefix
    )
    field = prefix + "target_date"
    target = goal.target_date.date() if isinstance(goal.target_date, datetime) else goal.target_date
    if target is None:
        problems.append(required(field))
    elif not isinstance(target, date):
        problems.append(Problem(field, t("不是有效的日期：{}", "Not a valid date: {}").format(target)))
    elif target < today:
        problems.append(
            Problem(
                field,
                t("目标日期 {} 已过（今天是 {}）", "Target date {} is in the past (today is {})").format(
                    target.isoformat(), today.isoformat()
                ),
            )
        )
    return problems


def _product_problems(product: RecommendedProduct, risk_grade: RiskGrade | str | None, prefix: str) -> list[Problem]:
    _, problems = check_fields({"amount": product.amount}, {"amount": Kind.AMOUNT}, prefix)
    type_problem = product_type_problem(prefix + "product_type", product.product_type)
    if type_problem:
        problems.append(type_problem)
    level = product.risk_level
    if level is None:
        return problems
    if isinstance(level, bool) or level not in _RISK_LEVELS:
        problems.append(
            Problem(
                prefix + "risk_level", t("产品风险等级须为 R1–R5：{}", "Product risk must be R1–R5: {}").format(level)
            )
        )
    elif risk_grade is not None and not RiskGrade(risk_grade).allows(level):
        problems.append(
            Problem(
                prefix + "risk_level",
                t(
                    "产品风险等级 R{} 高于客户风险承受能力 {}（不符合适当性要求）",
                    "Product risk R{} is above the client's risk grade {} (not suitable)",
                ).format(level, risk_grade),
            )
        )
    return problems


def validate_plan_numbers(
    *,
    today: date,
    goals: Sequence[Goal] = (),
    retirement: RetirementInputs | None = None,
    education: Sequence[EducationInputs] = (),
    target_allocation: Mapping[Any, object] | None = None,
    products: Sequence[RecommendedProduct] = (),
    risk_grade: RiskGrade | str | None = None,
) -> list[Problem]:
    """Every problem in the given parts of a plan, in that order; sections left out are not checked."""
    problems: list[Problem] = []
    with calc_context():
        for k, goal in enumerate(goals):
            problems += _goal_problems(goal, today, f"goals[{k}].")
        if retirement is not None:
            problems += retirement_input_problems(**asdict(retirement), prefix="retirement.")
        for k, child in enumerate(education):
            problems += education_input_problems(**child.numbers(), prefix=f"education[{k}].")
        if target_allocation is not None:
            problems += target_allocation_problems(target_allocation)
        if risk_grade is not None and risk_grade not in RiskGrade.__members__:
            problems.append(Problem("risk_grade", t("未知的风险等级：{}", "Unknown risk grade: {}").format(risk_grade)))
            risk_grade = None
        for k, product in enumerate(products):
            problems += _product_problems(product, risk_grade, f"products[{k}].")
    return problems
