"""Asset classes (资产类别), the product-type mapping, and target-versus-current allocation drift.

The current allocation is computed from the client's holdings: each holding's product type code
maps to one asset class. The mapping is by product *type*, so it is coarse (a money-market fund
counts as equity like any fund); an RM who needs finer classes records the product as another
type. Percentages are Decimal percent points; amounts are Decimal 元.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

from .rules import CENT, Entry, Kind, Number, Problem, calc_context, check_value, format_number, raise_first, to_money

HUNDRED = Decimal(100)


class AssetClass(StrEnum):
    CASH = "cash"
    FIXED_INCOME = "fixed_income"
    EQUITY = "equity"
    ALTERNATIVE = "alternative"
    INSURANCE = "insurance"

    @property
    def label(self) -> str:
        return t(*_CLASS_LABELS[self])


_CLASS_LABELS = {
    AssetClass.CASH: ("现金类", "Cash & deposits"),
    AssetClass.FIXED_INCOME: ("固定收益", "Fixed income"),
    AssetClass.EQUITY: ("权益类", "Equity"),
    AssetClass.ALTERNATIVE: ("另类/贵金属", "Alternatives & precious metals"),
    AssetClass.INSURANCE: ("保险保障", "Insurance"),
}

# product type code → (zh label, en label, asset class)
_PRODUCT_TYPES: dict[str, tuple[str, str, AssetClass]] = {
    "deposit": ("存款", "Deposit", AssetClass.CASH),
    "wealth": ("理财产品", "Wealth product", AssetClass.FIXED_INCOME),
    "fund": ("基金", "Fund", AssetClass.EQUITY),
    "insurance": ("保险", "Insurance", AssetClass.INSURANCE),
    "bond": ("债券", "Bond", AssetClass.FIXED_INCOME),
    "metal": ("贵金属", "Precious metal", AssetClass.ALTERNATIVE),
    "other": ("其他", "Other", AssetClass.ALTERNATIVE),
}
PRODUCT_TYPES: tuple[str, ...] = tuple(_PRODUCT_TYPES)


def product_type_label(code: str) -> str:
    zh, en, _ = _PRODUCT_TYPES[code]
    return t(zh, en)


def product_type_problem(field: str, product_type: object) -> Problem | None:
    """A problem when ``product_type`` is not one of :data:`PRODUCT_TYPES`."""
    if isinstance(product_type, str) and product_type in _PRODUCT_TYPES:
        return None
    message = t("未知的产品类型：{}（可选：{}）", "Unknown product type: {} (one of: {})")
    return Problem(field, message.format(product_type, ", ".join(PRODUCT_TYPES)))


def asset_class_for(product_type: str) -> AssetClass:
    """The asset class of a holding's product type code; ValidationError for an unknown code."""
    problem = product_type_problem("product_type", product_type)
    if problem:
        raise ValidationError(problem.field, problem.message)
    return _PRODUCT_TYPES[product_type][2]


def amounts_by_class(holdings: Iterable[tuple[str, Entry | None]]) -> dict[AssetClass, Decimal]:
    """Sum ``(product_type, amount)`` holdings per asset class; every class is present (0 if none)."""
    totals = {cls: Decimal(0) for cls in AssetClass}
    for product_type, amount in holdings:
        number, problem = check_value("amount", amount, Kind.AMOUNT)
        raise_first([problem] if problem else [])
        assert number is not None  # check_value gives a number whenever it finds no problem
        totals[asset_class_for(product_type)] += number
    return totals


@dataclass(frozen=True)
class DriftRow:
    """One asset class. ``drift_pct`` > 0 means overweight; ``amount_to_rebalance`` > 0 means buy."""

    asset_class: AssetClass
    target_pct: Decimal
    current_pct: Decimal
    drift_pct: Decimal  # current − target, percent points
    amount_to_rebalance: Decimal  # target amount − current amount, 元


def apportion(total: Decimal, weights: Sequence[Decimal], quantum: Decimal) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights`` into multiples of ``quantum`` that add up exactly.

    Largest-remainder method: floor every share, then hand the leftover quanta to the largest
    remainders (earlier entries first on ties). ``total`` must be a multiple of ``quantum`` and the
    weights non-negative with a positive sum.
    """
    weight_sum = sum(weights, Decimal(0))
    raw = [total * w / weight_sum for w in weights]
    shares = [r.quantize(quantum, rounding=ROUND_FLOOR) for r in raw]
    leftover = int((total - sum(shares, Decimal(0))) / quantum)
    by_remainder = sorted(range(len(raw)), key=lambda k: raw[k] - shares[k], reverse=True)
    for k in by_remainder[:leftover]:
        shares[k] += quantum
    return shares


def _unknown_class(field: str, key: object) -> Problem:
    return Problem(field, t("未知的资产类别：{}", "Unknown asset class: {}").format(key))


def _parse_by_class(
    values: Mapping[Any, object], kind: Kind, prefix: str
) -> tuple[dict[AssetClass, Decimal], list[Problem]]:
    """Parse a per-class mapping (keys: AssetClass or its code); missing classes count as 0."""
    # StrEnum members equal their codes, so "equity" and AssetClass.EQUITY are the same key.
    problems = [_unknown_class(prefix, key) for key in values if key not in _CLASS_LABELS]
    parsed: dict[AssetClass, Decimal] = {}
    for cls in AssetClass:
        number, problem = check_value(f"{prefix}.{cls.value}", values.get(cls, 0), kind)
        problems += [problem] if problem else []
        parsed[cls] = number if number is not None else Decimal(0)
    return parsed, problems


def target_allocation_problems(target: Mapping[Any, object], *, prefix: str = "target_allocation") -> list[Problem]:
    """Problems with a target allocation: unknown classes, percentages outside 0..100, sum ≠ 100."""
    parsed, problems = _parse_by_class(target, Kind.PERCENT, prefix)
    total = sum(parsed.values(), Decimal(0))
    if not problems and total != HUNDRED:
        message = t("目标配置合计须为 100%，现为 {}%", "Target allocation must total 100%, got {}%")
        problems.append(Problem(prefix, message.format(format_number(total))))
    return problems


def allocation_drift(target: Mapping[Any, object], current_amounts: Mapping[AssetClass, Number]) -> list[DriftRow]:
    """Compare a target allocation with current amounts: one row per asset class, in class order.

    Raises ValidationError unless the target totals exactly 100 and every amount is >= 0. Current
    amounts are rounded to the cent first (they are money). Current percentages are apportioned
    to 0.01 points so they total exactly 100, and the target amounts to the cent so they total
    exactly the current total: drifts add up to 0 and buys balance sells. With no holdings at
    all, current percentages and rebalancing amounts are 0.
    """
    with calc_context():
        raise_first(target_allocation_problems(target))
        targets, _ = _parse_by_class(target, Kind.PERCENT, "target_allocation")
        amounts, problems = _parse_by_class(current_amounts, Kind.AMOUNT, "current_amounts")
        raise_first(problems)
        classes = list(AssetClass)
        tgt = [targets[cls] for cls in classes]
        held = [to_money(amounts[cls]) for cls in classes]
        total = sum(held, Decimal(0))
        if total == 0:
            zero = Decimal("0.00")
            return [DriftRow(cls, pct, zero, -pct, zero) for cls, pct in zip(classes, tgt, strict=True)]
        current_pcts = apportion(HUNDRED, held, CENT)
        target_amounts = apportion(total, tgt, CENT)
        return [
            DriftRow(cls, target_pct, pct, pct - target_pct, goal - amount)
            for cls, target_pct, pct, goal, amount in zip(classes, tgt, current_pcts, target_amounts, held, strict=True)
        ]
