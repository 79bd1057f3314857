"""Maturity outcomes (到期承接): what happened to a matured product's money, and retention.

An outcome is one of: ``rolled_over`` (all of it into the same product again), ``moved`` (all
of it into another product), ``partly_kept`` (some of it stayed, maybe in a new product),
``withdrawn`` (none stayed; a reason is required). :func:`classify` derives it from the kept
amount, so the CLI's ``--kept`` and the GUI's dialog cannot disagree about the same facts.

Retention per month (by the month of the maturity date): ``matured`` is the money of every
holding that matured that month, ``recorded`` the part whose outcome is recorded, ``kept`` what
stayed; the rate is kept / recorded, so money whose outcome is not yet recorded is pending, not
lost. A rate may exceed 100% when the client added money on rolling over.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

ROLLED_OVER = "rolled_over"
MOVED = "moved"
PARTLY_KEPT = "partly_kept"
WITHDRAWN = "withdrawn"
OUTCOMES = (ROLLED_OVER, MOVED, PARTLY_KEPT, WITHDRAWN)
OUTCOME_NAMES = {
    ROLLED_OVER: ("续作", "rolled over"),
    MOVED: ("转投他品", "moved"),
    PARTLY_KEPT: ("部分留存", "partly kept"),
    WITHDRAWN: ("全部取出", "withdrawn"),
}
MAX_REASON = 200

DEFAULT_LOST_REASONS = "利率,服务,搬迁,他行营销,其他"


def outcome_name(code: str) -> str:
    zh, en = OUTCOME_NAMES.get(code, (code, code))
    return t(zh, en)


def classify(matured: Decimal | None, kept: Decimal, into: str | None, product: str) -> str:
    """The outcome that ``kept`` (元) of ``matured`` (None: the amount was never recorded) means."""
    if kept < 0:
        raise ValidationError("kept", t("留存金额不能为负数", "the kept amount cannot be negative"))
    if kept == 0:
        return WITHDRAWN
    if matured is not None and kept < matured:
        return PARTLY_KEPT
    return ROLLED_OVER if not into or into.strip() == product.strip() else MOVED


def check_reason(outcome: str, reason: str | None) -> str | None:
    text = " ".join((reason or "").split()) or None
    if outcome == WITHDRAWN and text is None:
        raise ValidationError("reason", t("全部取出时请填写原因", "please give the reason the money was withdrawn"))
    if text is not None and len(text) > MAX_REASON:
        raise ValidationError("reason", t("原因最多 {} 个字", "the reason is at most {} characters").format(MAX_REASON))
    return text


def parse_reasons(text: object) -> tuple[str, ...]:
    """The lost-reason setting "利率,服务,…" → its distinct entries, in order."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,，;；\n]+", str(text or "")):
        if part.strip():
            seen.setdefault(part.strip(), None)
    if not seen:
        raise ValidationError("churn_lost_reasons", t("至少需要一个流失原因", "at least one reason is needed"))
    return tuple(seen)


@dataclass(frozen=True)
class MaturedMoney:
    """One matured holding: its maturity date, amount (元, None if unknown) and what was kept
    (None while no outcome is recorded)."""

    maturity_date: dt.date
    amount: Decimal | None
    kept: Decimal | None


@dataclass(frozen=True)
class MonthRetention:
    month: str  # "2026-11"
    matured: Decimal
    recorded: Decimal
    kept: Decimal

    @property
    def pending(self) -> Decimal:
        return self.matured - self.recorded

    @property
    def rate(self) -> float | None:
        """kept / recorded; None while nothing of the month is recorded."""
        return float(self.kept / self.recorded) if self.recorded > 0 else None

    def as_dict(self) -> dict[str, object]:
        return {
            "month": self.month,
            "matured": str(self.matured),
            "recorded": str(self.recorded),
            "kept": str(self.kept),
            "pending": str(self.pending),
            "rate": None if self.rate is None else round(self.rate, 4),
        }


def month_of(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def last_months(today: dt.date, months: int) -> list[str]:
    """The ``months`` calendar months up to today's, oldest first."""
    year, month = today.year, today.month
    found = []
    for _ in range(max(0, months)):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def retention(rows: Iterable[MaturedMoney], months: list[str]) -> list[MonthRetention]:
    """Per month of ``months``: matured, recorded and kept amounts (every month listed, empty
    ones as zeros, so a chart has no gaps)."""
    zero = Decimal("0.00")
    sums = {m: [zero, zero, zero] for m in months}
    for row in rows:
        entry = sums.get(month_of(row.maturity_date))
        if entry is None:
            continue
        amount = row.amount if row.amount is not None else (row.kept or zero)
        entry[0] += amount
        if row.kept is not None:
            entry[1] += amount
            entry[2] += row.kept
    return [MonthRetention(m, *sums[m]) for m in months]
