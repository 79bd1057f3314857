"""Tier migration (层级迁移): did a client move up or down the tier table since a past date."""

from __future__ import annotations

import calendar
import datetime as dt
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


def tier_move(then: Decimal | None, now: Decimal | None, tiers: tuple[Tier, ...]) -> int:
    """UP, SAME or DOWN: the tier of ``now`` against the tier of ``then`` (by their rank in ``tiers``)."""
    codes = [tier.code for tier in tiers]
    before = codes.index(tier_for(then, tiers).code)
    after = codes.index(tier_for(now, tiers).code)
    return UP if after > before else DOWN if after < before else SAME
