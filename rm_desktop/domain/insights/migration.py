"""Tier migration (层级迁移): did a client move up or down the tier table since a past date."""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from decimal import Decimal

from rm_desktop.domain.tiers import Tier, tier_for

HORIZONS = (3, 6, 12)  # months looked back
UP, SAME, DOWN = 1, 0, -1


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier, clamped to the month's end (31 May − 3 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def tier_ranker(tiers: tuple[Tier, ...], unit: int = 1) -> Callable[[Decimal | int | None], int]:
    """AUM (元, or fen with ``unit`` 100) → the rank (index) of its tier in ``tiers``:
    domain.tiers.tier_for's answer, found by bisection when the thresholds ascend (as the tier
    setting keeps them), else by tier_for."""
    floors = [tier.min_aum * unit for tier in tiers]
    if floors != sorted(floors):
        codes = [tier.code for tier in tiers]
        return lambda aum: codes.index(tier_for(None if aum is None else Decimal(aum) / unit, tiers).code)
    return lambda aum: 0 if aum is None else max(bisect_right(floors, aum) - 1, 0)


def move(before: int, after: int) -> int:
    """UP, SAME or DOWN from two tier ranks."""
    return UP if after > before else DOWN if after < before else SAME


def tier_move(then: Decimal | None, now: Decimal | None, tiers: tuple[Tier, ...]) -> int:
    """UP, SAME or DOWN: the tier of ``now`` against the tier of ``then`` (by their rank in ``tiers``)."""
    rank = tier_ranker(tiers)
    return move(rank(then), rank(now))
