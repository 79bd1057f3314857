"""Number conventions and per-field rules shared by every planning calculation.

Conventions for the whole ``planning`` package:

- Money is ``Decimal`` yuan (元). Results are quantised to 0.01 元 (ROUND_HALF_UP, the 四舍五入
  clients expect) only when they leave a public function; intermediate values stay unrounded.
- Rates (returns, inflation) are ``Decimal`` annual fractions: ``Decimal("0.035")`` is 3.5 %.
- Allocations are ``Decimal`` percent points: ``Decimal("30")`` is 30 %.
- Work runs in a local Decimal context of 34 significant digits, so the caller's context never
  changes a result.

A rule turns one raw field value into either a parsed ``Decimal`` or a :class:`Problem`. The
validator collects the problems; the calculations raise the first one as a ``ValidationError``.
Both use the same rules, so a number the validator accepts can always be computed and the other
way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from enum import Enum

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

PRECISION = 34
CENT = Decimal("0.01")
RATE_MIN = Decimal("-0.5")  # sane bounds for an annual return or inflation assumption
RATE_MAX = Decimal("0.5")
AGE_MAX = 120
YEARS_MAX = 100
COUNT_MAX = 100

Number = Decimal | int
# A number as it was entered or stored: the rules parse and check it (check_value) and name
# what is wrong, so a plan's inputs hold their raw text until then.
Entry = Decimal | int | str


@dataclass(frozen=True)
class Problem:
    """One impossible or missing number: ``field`` as the caller named it, ``message`` why."""

    field: str
    message: str


class Kind(Enum):
    """What a field holds, which decides its rule."""

    AMOUNT = "amount"  # money in 元, >= 0
    RATE = "rate"  # annual fraction within RATE_MIN..RATE_MAX
    AGE = "age"  # whole years 0..AGE_MAX
    YEARS = "years"  # duration in years 0..YEARS_MAX, fractions allowed
    COUNT = "count"  # whole number 1..COUNT_MAX (years of study, priority)
    PERCENT = "percent"  # allocation share 0..100


def calc_context() -> AbstractContextManager[Context]:
    """A private Decimal context for one calculation (fixed precision, default traps)."""
    return localcontext(prec=PRECISION)


def to_money(value: Decimal) -> Decimal:
    """Round a finished money amount to the cent, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_up(value: Decimal) -> Decimal:
    """Round a money amount up to the cent: a saving rounded up still reaches its target."""
    return value.quantize(CENT, rounding=ROUND_CEILING)


def as_number(value: object) -> Decimal | None:
    """A finite Decimal for an int, Decimal, float or numeric string; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)  # shortest form: 0.1 stays 0.1, not 0.1000000000000000055…
    if isinstance(value, str):
        value = value.strip().replace(",", "")
    if not isinstance(value, (int, Decimal, str)):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_number(value: Decimal) -> str:
    """Plain digits without exponent or trailing zeros, for messages."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def format_rate(rate: Decimal) -> str:
    return format_number(rate * 100) + "%"


def _range_problem(kind: Kind, value: Decimal) -> str | None:
    """The message when a parsed value breaks its kind's rule, else None."""
    whole = value == value.to_integral_value()
    if kind is Kind.AMOUNT and value < 0:
        return t("金额不能为负数：{}", "Amount cannot be negative: {}").format(format_number(value))
    if kind is Kind.RATE and not RATE_MIN <= value <= RATE_MAX:
        return t("比率须在 {} 到 {} 之间，现为 {}", "Rate must be between {} and {}, got {}").format(
            format_rate(RATE_MIN), format_rate(RATE_MAX), format_rate(value)
        )
    if kind is Kind.AGE and not (whole and 0 <= value <= AGE_MAX):
        return t("年龄须为 0 到 {} 之间的整数：{}", "Age must be a whole number from 0 to {}: {}").format(
            AGE_MAX, format_number(value)
        )
    if kind is Kind.YEARS and not 0 <= value <= YEARS_MAX:
        return t("年限须在 0 到 {} 年之间：{}", "Years must be between 0 and {}: {}").format(
            YEARS_MAX, format_number(value)
        )
    if kind is Kind.COUNT and not (whole and 1 <= value <= COUNT_MAX):
        return t("须为 1 到 {} 之间的整数：{}", "Must be a whole number from 1 to {}: {}").format(
            COUNT_MAX, format_number(value)
        )
    if kind is Kind.PERCENT and not 0 <= value <= 100:
        return t("百分比须在 0 到 100 之间：{}", "Percentage must be between 0 and 100: {}").format(
            format_number(value)
        )
    return None


def required(field: str) -> Problem:
    return Problem(field, t("请填写此项", "Required"))


def check_value(field: str, value: object, kind: Kind) -> tuple[Decimal | None, Problem | None]:
    """Parse one field: (value, None) when it passes its rule, (None, problem) when it does not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, required(field)
    number = as_number(value)
    if number is None:
        return None, Problem(field, t("不是有效的数字：{}", "Not a valid number: {}").format(value))
    message = _range_problem(kind, number)
    if message:
        return None, Problem(field, message)
    return number, None


def check_fields(
    values: Mapping[str, object], kinds: Mapping[str, Kind], prefix: str = ""
) -> tuple[dict[str, Decimal], list[Problem]]:
    """Check every named field; return the parsed good values and the problems (field = prefix+name)."""
    parsed: dict[str, Decimal] = {}
    problems: list[Problem] = []
    for name, kind in kinds.items():
        number, problem = check_value(prefix + name, values.get(name), kind)
        if problem is not None:
            problems.append(problem)
        elif number is not None:  # always, when there is no problem
            parsed[name] = number
    return parsed, problems


def raise_first(problems: list[Problem]) -> None:
    """Refuse a calculation's input: raise the first problem as a ValidationError."""
    if problems:
        raise ValidationError(problems[0].field, problems[0].message)
