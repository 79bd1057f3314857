"""Working days on the Chinese calendar (法定节假日 off, 调休 weekends worked), from the
``holidays`` package's ``China`` calendar: a report's contacts per working day divide by these.
A year the package has no official data for falls back to Monday to Friday (its own rule)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any


@functools.lru_cache(maxsize=8)
def _calendar(years: tuple[int, ...]) -> Any:
    # Imported here: only the reports need it, and the package loads a calendar per country.
    from holidays.countries.china import China

    return China(years=years)


def working_days(start: dt.date, end: dt.date) -> int:
    """The working days from ``start`` to ``end``, both included (0 when end < start)."""
    if end < start:
        return 0
    calendar = _calendar(tuple(range(start.year, end.year + 1)))
    return sum(calendar.is_working_day(start + dt.timedelta(days=n)) for n in range((end - start).days + 1))
