"""Fast Chinese lunar calendar conversions built on lunar_python's month tables.

lunar_python's ``Solar(...).getLunar()`` computes far more than a date (gan-zhi, solar terms)
and costs about 1–7 ms a call, too slow for a book of 100,000 clients. Its
``LunarYear.getMonths()`` gives each lunar month's first Julian day and length, which is all a
date conversion needs; we load that table once per lunar year and answer by bisection. The
tests compare every answer with lunar_python's own conversions.

Month numbers follow lunar_python: 1..12, negative for a leap month (-6 = 闰六月).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from lunar_python import LunarYear
from lunar_python.util import LunarUtil

# lunar_python counts days as Julian day numbers; date.toordinal() differs by this constant.
_JULIAN_TO_ORDINAL = 1721425


@dataclass(frozen=True, slots=True)
class LunarDate:
    year: int
    month: int  # 1..12, always positive; see ``leap``
    day: int
    leap: bool = False

    def label_zh(self) -> str:
        """e.g. 闰四月廿六 (the Chinese way of writing the month and day)."""
        prefix = "闰" if self.leap else ""
        return f"{prefix}{LunarUtil.MONTH[self.month]}月{LunarUtil.DAY[self.day]}"


@dataclass(frozen=True, slots=True)
class _Month:
    start: int  # proleptic Gregorian ordinal of day 1
    year: int
    month: int  # negative for a leap month, as lunar_python has it
    days: int


@lru_cache(maxsize=512)
def _months_of_year(lunar_year: int) -> tuple[_Month, ...]:
    months = [
        _Month(m.getFirstJulianDay() - _JULIAN_TO_ORDINAL, m.getYear(), m.getMonth(), m.getDayCount())
        for m in LunarYear.fromYear(lunar_year).getMonths()
    ]
    # getMonths() also lists the last two months of the previous year: keep this year's only.
    return tuple(m for m in months if m.year == lunar_year)


@cache
def solar_to_lunar(day: date) -> LunarDate:
    """The lunar date of a solar (Gregorian) date."""
    months = _months_of_year(day.year - 1) + _months_of_year(day.year)
    starts = [m.start for m in months]
    index = bisect_right(starts, day.toordinal()) - 1
    if index < 0 or day.toordinal() - months[index].start >= months[index].days:
        raise ValueError(f"no lunar date for {day.isoformat()}")  # outside lunar_python's tables
    month = months[index]
    offset = day.toordinal() - month.start
    return LunarDate(month.year, abs(month.month), offset + 1, month.month < 0)


def month_length(lunar_year: int, month: int, leap: bool = False) -> int | None:
    """Days in that lunar month (29 or 30), None if the year has no such (leap) month."""
    wanted = -month if leap else month
    for entry in _months_of_year(lunar_year):
        if entry.month == wanted:
            return entry.days
    return None


@cache
def lunar_to_solar(lunar_year: int, month: int, day: int, leap: bool = False) -> date | None:
    """Solar date of a lunar date; None if the month (or leap month) does not exist that year.

    A day past the month's end (day 30 of a 29-day month) is an error here: callers decide the
    fallback (birthdays move to the month's last day, see :mod:`.birthdays`).
    """
    wanted = -month if leap else month
    for entry in _months_of_year(lunar_year):
        if entry.month == wanted:
            if not 1 <= day <= entry.days:
                raise ValueError(f"lunar {lunar_year}/{wanted} has {entry.days} days, not {day}")
            return date.fromordinal(entry.start + day - 1)
    return None
