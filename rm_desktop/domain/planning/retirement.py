"""Retirement projection (退休规划): what the client needs at retirement, what they will have, the gap.

Conventions, beyond those of :mod:`calc`:

- Before retirement, savings grow as in :func:`calc.future_value` (monthly compounding,
  end-of-month saving) for ``retirement_age - current_age`` years.
- Living costs are ``monthly_expense_today`` in today's money, raised by ``inflation`` once a year
  (annual compounding): the monthly expense in the first retirement year is
  ``monthly_expense_today * (1 + inflation) ** years_to_retirement`` and steps up every year after.
- In retirement each month's expense is taken at the *start* of the month (it must be on hand to
  live on); the rest earns ``post_retirement_return / 12`` a month until ``life_expectancy``.
- The need at retirement is the present value at retirement of those expenses, i.e. exactly the
  balance that the drawdown in the yearly rows spends down to zero.
- ``monthly_saving_to_close_gap`` is *extra* saving on top of ``monthly_saving``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from rm_desktop.i18n import t

from .calc import ONE, ZERO, fv_unrounded, required_monthly_unrounded
from .rules import Kind, Number, Problem, calc_context, check_fields, money_up, raise_first, to_money

_KINDS = {
    "current_age": Kind.AGE,
    "retirement_age": Kind.AGE,
    "life_expectancy": Kind.AGE,
    "current_savings": Kind.AMOUNT,
    "monthly_saving": Kind.AMOUNT,
    "annual_return": Kind.RATE,
    "monthly_expense_today": Kind.AMOUNT,
    "inflation": Kind.RATE,
    "post_retirement_return": Kind.RATE,
}


class Phase(StrEnum):
    ACCUMULATION = "accumulation"  # saving, before retirement
    RETIREMENT = "retirement"  # living on savings

    @property
    def label(self) -> str:
        return t("积累期", "Saving") if self is Phase.ACCUMULATION else t("退休期", "Retirement")


@dataclass(frozen=True)
class RetirementYear:
    """One year of the client's life, from birthday ``age`` to the next, for a chart or a table."""

    age: int
    phase: Phase
    saved: Decimal  # paid into savings this year
    spent: Decimal  # living costs paid from savings this year
    unfunded: Decimal  # living costs the savings could no longer pay
    balance_end: Decimal  # projected savings at the end of the year


@dataclass(frozen=True)
class RetirementResult:
    need_at_retirement: Decimal
    projected_savings: Decimal  # at retirement, from current savings and monthly saving
    gap: Decimal  # need − projected, never below 0
    monthly_saving_to_close_gap: Decimal  # extra per month, rounded up to the cent
    monthly_expense_at_retirement: Decimal  # today's monthly expense after inflation
    rows: tuple[RetirementYear, ...]

    @property
    def surplus(self) -> Decimal:
        """Projected savings beyond the need (0 when there is a gap)."""
        return max(ZERO, self.projected_savings - self.need_at_retirement)


def retirement_input_problems(
    current_age: object,
    retirement_age: object,
    life_expectancy: object,
    current_savings: object,
    monthly_saving: object,
    annual_return: object,
    monthly_expense_today: object,
    inflation: object,
    post_retirement_return: object,
    *,
    prefix: str = "",
) -> list[Problem]:
    """Every problem with these inputs, fields named ``prefix + parameter``."""
    values = {
        "current_age": current_age,
        "retirement_age": retirement_age,
        "life_expectancy": life_expectancy,
        "current_savings": current_savings,
        "monthly_saving": monthly_saving,
        "annual_return": annual_return,
        "monthly_expense_today": monthly_expense_today,
        "inflation": inflation,
        "post_retirement_return": post_retirement_return,
    }
    parsed, problems = check_fields(values, _KINDS, prefix)
    current, retire, life = (parsed.get(k) for k in ("current_age", "retirement_age", "life_expectancy"))
    if current is not None and retire is not None and retire <= current:
        problems.append(
            Problem(
                prefix + "retirement_age",
                t("退休年龄（{}）须大于当前年龄（{}）", "Retirement age ({}) must be above current age ({})").format(
                    retire, current
                ),
            )
        )
    if retire is not None and life is not None and life <= retire:
        problems.append(
            Problem(
                prefix + "life_expectancy",
                t(
                    "预期寿命（{}）须大于退休年龄（{}）", "Life expectancy ({}) must be above retirement age ({})"
                ).format(life, retire),
            )
        )
    return problems


def _expense_schedule(expense_today: Decimal, inflation: Decimal, first_year: int, years: int) -> list[Decimal]:
    """Monthly expense for each retirement year, inflated yearly from today."""
    return [expense_today * (ONE + inflation) ** (first_year + k) for k in range(years)]


def _need(monthly_expenses: list[Decimal], monthly_return: Decimal) -> Decimal:
    """Present value at retirement of the expenses, each paid at the start of its month."""
    discount = ONE / (ONE + monthly_return)
    one_year = sum((discount**m for m in range(12)), ZERO)  # a year of start-of-month payments
    return sum((e * one_year * discount ** (12 * k) for k, e in enumerate(monthly_expenses)), ZERO)


def _drawdown(
    start: Decimal, first_age: int, monthly_expenses: list[Decimal], monthly_return: Decimal
) -> list[RetirementYear]:
    rows = []
    balance = start
    for k, expense in enumerate(monthly_expenses):
        spent = unfunded = ZERO
        for _month in range(12):
            paid = min(balance, expense)
            spent += paid
            unfunded += expense - paid
            balance = (balance - paid) * (ONE + monthly_return)
        rows.append(RetirementYear(first_age + k, Phase.RETIREMENT, ZERO, spent, unfunded, balance))
    return rows


def retirement_projection(
    current_age: int,
    retirement_age: int,
    life_expectancy: int,
    current_savings: Number,
    monthly_saving: Number,
    annual_return: Number,
    monthly_expense_today: Number,
    inflation: Number,
    post_retirement_return: Number,
) -> RetirementResult:
    """Project retirement savings against the need; raises ValidationError on impossible input."""
    values = {
        "current_age": current_age,
        "retirement_age": retirement_age,
        "life_expectancy": life_expectancy,
        "current_savings": current_savings,
        "monthly_saving": monthly_saving,
        "annual_return": annual_return,
        "monthly_expense_today": monthly_expense_today,
        "inflation": inflation,
        "post_retirement_return": post_retirement_return,
    }
    with calc_context():
        raise_first(
            retirement_input_problems(
                current_age,
                retirement_age,
                life_expectancy,
                current_savings,
                monthly_saving,
                annual_return,
                monthly_expense_today,
                inflation,
                post_retirement_return,
            )
        )
        v, _ = check_fields(values, _KINDS)
        current, retire, life = int(v["current_age"]), int(v["retirement_age"]), int(v["life_expectancy"])
        saving, rate = v["monthly_saving"], v["annual_return"]
        years_to = retire - current
        expenses = _expense_schedule(v["monthly_expense_today"], v["inflation"], years_to, life - retire)
        post_monthly = v["post_retirement_return"] / 12
        need = _need(expenses, post_monthly)
        projected = fv_unrounded(v["current_savings"], saving, rate, Decimal(years_to))
        # The gap is shown beside the two rounded figures, so it is their difference to the cent.
        gap = max(ZERO, to_money(need) - to_money(projected))
        accumulation = [
            RetirementYear(
                current + k,
                Phase.ACCUMULATION,
                saving * 12,
                ZERO,
                ZERO,
                fv_unrounded(v["current_savings"], saving, rate, Decimal(k + 1)),
            )
            for k in range(years_to)
        ]
        rows = accumulation + _drawdown(projected, retire, expenses, post_monthly)
        return RetirementResult(
            need_at_retirement=to_money(need),
            projected_savings=to_money(projected),
            gap=gap,
            monthly_saving_to_close_gap=money_up(required_monthly_unrounded(gap, ZERO, rate, Decimal(years_to))),
            monthly_expense_at_retirement=to_money(expenses[0]),
            rows=tuple(_rounded(row) for row in rows),
        )


def _rounded(row: RetirementYear) -> RetirementYear:
    return RetirementYear(
        row.age, row.phase, to_money(row.saved), to_money(row.spent), to_money(row.unfunded), to_money(row.balance_end)
    )
