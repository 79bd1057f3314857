"""Value formatting for script placeholders: Chinese dates, amounts in 元 or 万元, age.

These produce the text a client reads, so they follow Chinese writing habits: dates without
zero padding (2026年1月5日), amounts with thousands separators and no needless decimals.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from rm_desktop.domain import money
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.money import MAX_AMOUNT
from rm_desktop.i18n import t

UNIT_YUAN = money.YUAN
UNIT_WAN = money.WAN
AMOUNT_UNITS = (UNIT_WAN, UNIT_YUAN)

_WEEKDAYS = "一二三四五六日"


def format_date_zh(day: date) -> str:
    """2026年11月22日."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_month_day_zh(day: date) -> str:
    """11月22日 (a birthday without the year, which would reveal the age)."""
    return f"{day.month}月{day.day}日"


def format_datetime_zh(moment: datetime) -> str:
    """2026年6月13日（星期六）14:30, the way an invitation names a time."""
    return f"{format_date_zh(moment.date())}（星期{_WEEKDAYS[moment.weekday()]}）{moment:%H:%M}"


def age_on(birth_date: date, today: date) -> int:
    """Full years of age on ``today``. Someone born on 29 February turns a year older on
    1 March in common years (the birthday has not been reached on 28 February)."""
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - int(before_birthday)


def _as_decimal(amount: Decimal | int | str) -> Decimal:
    if isinstance(amount, (bool, float)):
        # Floats carry binary noise (0.1+0.2); bools are ints by accident. Money is Decimal.
        raise ValidationError("amount", t("金额须为精确数值（Decimal）", "The amount must be an exact Decimal"))
    try:
        value = Decimal(amount)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(
            "amount", t("金额不是数字：{}", "The amount is not a number: {}").format(amount)
        ) from None
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise ValidationError("amount", t("金额超出可处理的范围", "The amount is out of range"))
    return value


def format_amount(amount: Decimal | int | str, unit: str = UNIT_WAN) -> str:
    """An amount given in 元, written for a client in ``unit``: 500000 -> "50万元" / "500,000元".

    The number is the app's usual display (``money.format_amount``: half-up to 2 decimals,
    thousands separators); a message drops decimals that say nothing: 万元 amounts lose trailing
    zeros (12.5万元), 元 amounts lose ".00" but keep real cents (1,234.50元).
    """
    value = _as_decimal(amount)
    if unit not in AMOUNT_UNITS:
        raise ValidationError(
            "amount_unit",
            t("金额单位须为“万元”或“元”，而不是“{}”", "The amount unit must be 万元 or 元, not “{}”").format(unit),
        )
    text = money.format_amount(value, unit)
    if unit == UNIT_WAN:
        text = text.rstrip("0").rstrip(".")
    else:
        text = text.removesuffix(".00")
    return f"{text}{unit}"
