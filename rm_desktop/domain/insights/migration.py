"""Tier migration (层级迁移): did a client move up or down the tier table since a past date."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
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


def ranks_above(tiers: tuple[Tier, ...], unit: int = 1) -> Callable[[Decimal | int], int]:
    """AUM (元, or fen with ``unit`` 100; never None) → the rank (index) of its tier in
    ``tiers``: domain.tiers.tier_for's answer. When the floors ascend (as the tier setting keeps
    them) the lowest tier takes everything below the second floor, so the rank is the count of
    the other floors reached: one C call per value (a 100k book's snapshots are 300k values)."""
    floors = [tier.min_aum * unit for tier in tiers]
    if floors != sorted(floors):
        codes = [tier.code for tier in tiers]
        return lambda aum: codes.index(tier_for(Decimal(aum) / unit, tiers).code)
    return functools.partial(bisect_right, floors[1:])


def tier_ranker(tiers: tuple[Tier, ...], unit: int = 1) -> Callable[[Decimal | int | None], int]:
    """:func:`ranks_above` where no assets (None) is the lowest tier, as in tier_for."""
    rank = ranks_above(tiers, unit)
    return lambda aum: 0 if aum is None else rank(aum)


def move(before: int, after: int) -> int:
    """UP, SAME or DOWN from two tier ranks."""
    return UP if after > before else DOWN if after < before else SAME


def tier_move(then: Decimal | None, now: Decimal | None, tiers: tuple[Tier, ...]) -> int:
    """UP, SAME or DOWN: the tier of ``now`` against the tier of ``then`` (by their rank in ``tiers``)."""
    rank = tier_ranker(tiers)
    return move(rank(then), rank(now))
