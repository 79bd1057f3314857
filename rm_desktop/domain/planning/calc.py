"""Time-value-of-money core: future value, required monthly saving, goal funding, years to a date.

Conventions (see also :mod:`rules`): the annual rate is nominal and compounds monthly at
``annual_rate / 12``, the way a bank's savings calculator quotes it; monthly savings are paid at the
*end* of each month (ordinary annuity); a duration of ``years`` is ``12 * years`` months, and a
fractional month count extends the formulas continuously. Public functions take money in 元,
validate their inputs with the shared rules (raising ``ValidationError`` naming the parameter) and
return money rounded to the cent. The ``*_unrounded`` helpers skip validation and rounding so that
the retirement and education projections can compose them without rounding twice.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

from .rules import Entry, Kind, Number, calc_context, check_fields, money_up, raise_first, to_money

ZERO = Decimal(0)
ONE = Decimal(1)
SHARE_QUANTUM = Decimal("0.0001")  # a funded share to 0.01 %


def _growth(annual_rate: Decimal, years: Decimal) -> tuple[Decimal, Decimal]:
    """(monthly rate, growth factor (1 + i)^n) over ``years``."""
    monthly = annual_rate / 12
    return monthly, (ONE + monthly) ** (years * 12)


def fv_unrounded(present: Decimal, monthly_saving: Decimal, annual_rate: Decimal, years: Decimal) -> Decimal:
    """FV = P(1+i)^n + M((1+i)^n − 1)/i, or P + M·n when the rate is zero. Inputs already valid."""
    monthly, growth = _growth(annual_rate, years)
    if monthly == 0:
        return present + monthly_saving * years * 12
    return present * growth + monthly_saving * (growth - ONE) / monthly


def required_monthly_unrounded(target: Decimal, present: Decimal, annual_rate: Decimal, years: Decimal) -> Decimal:
    """The end-of-month saving M with fv(present, M) == target; 0 when present alone gets there.

    Requires ``years > 0`` unless the present amount already covers the target.
    """
    monthly, growth = _growth(annual_rate, years)
    shortfall = target - present * growth
    if shortfall <= 0:
        return ZERO
    if years <= 0:
        raise ValidationError(
            "years", t("已无储蓄时间，无法通过每月储蓄达成目标", "No time left to reach the target by saving monthly")
        )
    if monthly == 0:
        return shortfall / (years * 12)
    return shortfall * monthly / (growth - ONE)


_TVM = {"present": Kind.AMOUNT, "monthly_saving": Kind.AMOUNT, "annual_rate": Kind.RATE, "years": Kind.YEARS}


def future_value(present: Number, monthly_saving: Number, annual_rate: Number, years: Number) -> Decimal:
    """Value after ``years`` of ``present`` plus ``monthly_saving`` at month ends, to the cent."""
    with calc_context():
        values = {"present": present, "monthly_saving": monthly_saving, "annual_rate": annual_rate, "years": years}
        v, problems = check_fields(values, _TVM)
        raise_first(problems)
        return to_money(fv_unrounded(v["present"], v["monthly_saving"], v["annual_rate"], v["years"]))


def required_monthly_saving(target: Number, present: Number, annual_rate: Number, years: Number) -> Decimal:
    """Monthly saving that grows ``present`` to ``target`` in ``years``, rounded *up* to the cent.

    Rounding up means saving the returned amount always reaches the target (overshooting by at
    most one cent per month plus its interest). 0 when the present amount already suffices.
    """
    kinds = {"target": Kind.AMOUNT, **{k: _TVM[k] for k in ("present", "annual_rate", "years")}}
    with calc_context():
        values = {"target": target, "present": present, "annual_rate": annual_rate, "years": years}
        v, problems = check_fields(values, kinds)
        raise_first(problems)
        return money_up(required_monthly_unrounded(v["target"], v["present"], v["annual_rate"], v["years"]))


def goal_funded_share(goal_amount: Entry | None, earmarked_assets: Entry | None) -> Decimal:
    """Share of a goal covered by assets set aside for it, 0..1 to 0.0001 (rounded down).

    Rounded down so that a goal shows as fully funded (1) only when it really is; a zero goal is
    fully funded; assets above the goal still give 1. Numbers are checked as entered: a
    missing (None) or unreadable one is a ValidationError.
    """
    kinds = {"goal_amount": Kind.AMOUNT, "earmarked_assets": Kind.AMOUNT}
    with calc_context():
        v, problems = check_fields({"goal_amount": goal_amount, "earmarked_assets": earmarked_assets}, kinds)
        raise_first(problems)
        goal, assets = v["goal_amount"], v["earmarked_assets"]
        if goal == 0 or assets >= goal:
            return ONE.quantize(SHARE_QUANTUM)
        return (assets / goal).quantize(SHARE_QUANTUM, rounding=ROUND_DOWN)


def years_until(today: date, target_date: date) -> Decimal:
    """Whole months from ``today`` to ``target_date`` as years (e.g. 30 months → 2.5); 0 if past.

    Counting whole months only (a partial month is dropped) keeps the saving period on the
    monthly grid of the formulas and errs on the side of saving a little more.
    """
    if target_date <= today:
        return ZERO
    delta = relativedelta(target_date, today)  # Jan 31 → Feb 28 counts as a whole month
    with calc_context():
        return Decimal(delta.years * 12 + delta.months) / 12
