"""Education fund (子女教育金): the cost of a child's studies, the savings gap, the monthly saving.

Conventions, beyond those of :mod:`calc`: a year of study costs ``annual_cost_today`` in today's
money, raised by ``education_inflation`` once a year, and is paid at the start of that study year.
The fund must hold the whole nominal cost when study starts (no return is counted during the
study years: the conservative reading textbooks use, and the total the client sees is the sum of
the yearly costs). Saving runs monthly from now until study starts, so ``start_age`` must be above
``child_age``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rm_desktop.i18n import t

from .calc import ONE, ZERO, fv_unrounded, required_monthly_unrounded
from .rules import Kind, Number, Problem, calc_context, check_fields, money_up, raise_first, to_money

_KINDS = {
    "child_age": Kind.AGE,
    "start_age": Kind.AGE,
    "years_of_study": Kind.COUNT,
    "annual_cost_today": Kind.AMOUNT,
    "education_inflation": Kind.RATE,
    "present_savings": Kind.AMOUNT,
    "annual_return": Kind.RATE,
}


@dataclass(frozen=True)
class EducationYear:
    age: int  # the child's age in this study year
    cost: Decimal  # paid at the start of the year, after inflation


@dataclass(frozen=True)
class EducationResult:
    total_needed: Decimal  # sum of the yearly costs, needed when study starts
    projected_savings: Decimal  # present savings grown to the start of study
    gap: Decimal  # total − projected, never below 0
    required_monthly: Decimal  # monthly saving from now to close the gap, rounded up to the cent
    years_to_start: int
    yearly_costs: tuple[EducationYear, ...]


def education_input_problems(
    child_age: object,
    start_age: object,
    years_of_study: object,
    annual_cost_today: object,
    education_inflation: object,
    present_savings: object,
    annual_return: object,
    *,
    prefix: str = "",
) -> list[Problem]:
    """Every problem with these inputs, fields named ``prefix + parameter``."""
    values = {
        "child_age": child_age,
        "start_age": start_age,
        "years_of_study": years_of_study,
        "annual_cost_today": annual_cost_today,
        "education_inflation": education_inflation,
        "present_savings": present_savings,
        "annual_return": annual_return,
    }
    parsed, problems = check_fields(values, _KINDS, prefix)
    child, start = parsed.get("child_age"), parsed.get("start_age")
    if child is not None and start is not None and start <= child:
        problems.append(
            Problem(
                prefix + "start_age",
                t(
                    "入学年龄（{}）须大于孩子当前年龄（{}）", "Study start age ({}) must be above the child's age ({})"
                ).format(start, child),
            )
        )
    return problems


def education_fund(
    child_age: int,
    start_age: int,
    years_of_study: int,
    annual_cost_today: Number,
    education_inflation: Number,
    present_savings: Number,
    annual_return: Number,
) -> EducationResult:
    """Cost, gap and monthly saving of an education goal; raises ValidationError on impossible input."""
    values = {
        "child_age": child_age,
        "start_age": start_age,
        "years_of_study": years_of_study,
        "annual_cost_today": annual_cost_today,
        "education_inflation": education_inflation,
        "present_savings": present_savings,
        "annual_return": annual_return,
    }
    with calc_context():
        raise_first(
            education_input_problems(
                child_age,
                start_age,
                years_of_study,
                annual_cost_today,
                education_inflation,
                present_savings,
                annual_return,
            )
        )
        v, _ = check_fields(values, _KINDS)
        child, start = int(v["child_age"]), int(v["start_age"])
        years_to = Decimal(start - child)
        # Each year's cost is a bill the family pays, so it is rounded to the cent on its own and
        # the total is their sum: the table in the plan document adds up.
        cost_today, growth = v["annual_cost_today"], ONE + v["education_inflation"]
        costs = [
            EducationYear(age, to_money(cost_today * growth ** (age - child)))
            for age in range(start, start + int(v["years_of_study"]))
        ]
        total = sum((year.cost for year in costs), ZERO)
        projected = fv_unrounded(v["present_savings"], ZERO, v["annual_return"], years_to)
        monthly = required_monthly_unrounded(total, v["present_savings"], v["annual_return"], years_to)
        return EducationResult(
            total_needed=total,
            projected_savings=to_money(projected),
            gap=max(ZERO, total - to_money(projected)),  # difference of the shown figures
            required_monthly=money_up(monthly),
            years_to_start=start - child,
            yearly_costs=tuple(costs),
        )
