"""Money amounts: parse what people and spreadsheets write, format for display, store as cents.

Amounts are ``Decimal`` in 元 quantised to 0.01 everywhere in the program; the store keeps whole
cents (``to_cents``). The display unit (元 or 万元) is the user's choice. Spreadsheet floats are
read through ``repr`` (the shortest text that gives the same float), never through their binary
value, so 1234.56 stays 1234.56.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.textnorm import fold_text, remove_spaces
from rm_desktop.i18n import t

YUAN = "元"
WAN = "万元"
UNITS = (YUAN, WAN)
CENT = Decimal("0.01")
# Past this a value is a typo or a pasted account number, not anyone's assets; it also keeps
# quantize() inside Decimal's default 28-digit precision.
MAX_AMOUNT = Decimal(10) ** 15

# Unit words a text may end with, longest first so that 万元 is not read as 元.
_SUFFIX_FACTORS = (
    ("亿元", Decimal(10) ** 8),
    ("万元", Decimal(10) ** 4),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
    ("元", Decimal(1)),
)
_UNIT_FACTORS = {YUAN: Decimal(1), WAN: Decimal(10) ** 4}
_PREFIXES = ("¥", "RMB", "CNY")
# Either plain digits or correctly grouped thousands; "1,5" (a decimal comma) is refused.
_NUMBER = re.compile(r"[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?|[+-]?\.\d+")


def _unit_factor(unit: str) -> Decimal:
    try:
        return _UNIT_FACTORS[unit]
    except KeyError:
        raise ValueError(f"unknown money unit {unit!r}; expected one of {UNITS}") from None


def parse_amount(
    raw: str | int | float | Decimal,
    unit: str = YUAN,
    field: str = "aum",
    *,
    allow_negative: bool = False,
) -> Decimal:
    """The amount in 元, quantised to 0.01 (half up). ``unit`` is what a bare number means; a
    unit written in the text (元, 万, 万元, 亿) wins over it."""
    factor = _unit_factor(unit)
    if isinstance(raw, bool):
        raise ValidationError(field, _junk(raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValidationError(field, _junk(raw))
        value = Decimal(repr(raw))
    elif isinstance(raw, (int, Decimal)):
        value = Decimal(raw)
        if not value.is_finite():
            raise ValidationError(field, _junk(raw))
    else:
        value, factor = _parse_text(str(raw), factor, field)
    value *= factor
    if value < 0 and not allow_negative:
        raise ValidationError(field, t("金额不能为负数", "the amount cannot be negative"))
    if abs(value) >= MAX_AMOUNT:
        raise ValidationError(field, t("金额大得不合理：{}", "the amount is implausibly large: {}").format(raw))
    return value.quantize(CENT, rounding=ROUND_HALF_UP) + 0  # + 0 turns -0.00 into 0.00


def _parse_text(raw: str, factor: Decimal, field: str) -> tuple[Decimal, Decimal]:
    text = remove_spaces(fold_text(raw))
    for prefix in _PREFIXES:
        if text.upper().startswith(prefix):
            text = text[len(prefix) :]
            break
    for suffix, suffix_factor in _SUFFIX_FACTORS:
        if text.endswith(suffix):
            text, factor = text[: -len(suffix)], suffix_factor
            break
    if not text:
        raise ValidationError(field, t("金额为空", "the amount is empty"))
    if re.fullmatch(r"[+-]?[\d.,]+[eE][+-]?\d+", text):
        raise ValidationError(
            field,
            t(
                "金额是科学计数法（{}），可能已丢失数字，请把该列设为数值格式后重新导出",
                "the amount is in scientific notation ({}) and may have lost digits: "
                "format the column as a number and export again",
            ).format(raw),
        )
    if not _NUMBER.fullmatch(text):
        raise ValidationError(field, _junk(raw))
    try:
        return Decimal(text.replace(",", "")), factor
    except InvalidOperation:
        raise ValidationError(field, _junk(raw)) from None


def _junk(raw: object) -> str:
    return t("不是有效的金额：“{}”", 'not a valid amount: "{}"').format(raw)


def format_amount(value: Decimal | None, unit: str = YUAN) -> str:
    """'1,234,567.89' in 元, '123.46' in 万元 (two decimals, thousands separators); '' for None."""
    if value is None:
        return ""
    shown = (value / _unit_factor(unit)).quantize(CENT, rounding=ROUND_HALF_UP) + 0
    return f"{shown:,.2f}"


def unit_label(unit: str) -> str:
    _unit_factor(unit)
    return t("元", "CNY") if unit == YUAN else t("万元", "10k CNY")


def amount_with_unit(value: Decimal | None, unit: str = YUAN) -> str:
    """'12.39 万元' / '12.39 × 10k CNY' (an amount and its unit in one text: lists, cards,
    summaries, the CLI); '' for None."""
    if value is None:
        return ""
    shown = format_amount(value, unit)
    if unit == WAN:
        return t("{} 万元", "{} × 10k CNY").format(shown)
    return t("{} 元", "{} CNY").format(shown)


def to_cents(value: Decimal) -> int:
    """Whole cents; a value with a fraction of a cent is a bug upstream, not something to round."""
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{value} has a fraction of a cent")
    return int(cents)


_ONE_CENT = Decimal("0.01")


def from_cents(cents: int) -> Decimal:
    # × 0.01 is the same Decimal as scaleb(-2), exponent -2 included, at less than half the
    # cost (a 100k book's worklist converts tens of thousands of amounts; issue 19.4)
    return Decimal(cents) * _ONE_CENT
