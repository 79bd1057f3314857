"""Report periods: a day, an ISO week (Monday to Sunday) or a calendar month, spelt as the CLI
and the stored keys spell them ("2026-12-01", "2026-W49", "2026-12"), and shifted by whole
periods for the previous figure and the 12-period trend."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.reports.model import DAY, KINDS, MONTH, WEEK, Period
from rm_desktop.i18n import t

_FORMS = {DAY: "2026-12-01", WEEK: "2026-W49", MONTH: "2026-12"}
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day_period(day: dt.date) -> Period:
    return Period(DAY, day, day, day.isoformat())


def week_period(day: dt.date) -> Period:
    """The ISO week containing ``day`` (a week spanning two months or two years is one week)."""
    start = day - dt.timedelta(days=day.weekday())
    year, week, _ = start.isocalendar()
    return Period(WEEK, start, start + dt.timedelta(days=6), f"{year:04d}-W{week:02d}")


def month_period(day: dt.date) -> Period:
    start = day.replace(day=1)
    end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return Period(MONTH, start, end, f"{start:%Y-%m}")


_CONTAINING = {DAY: day_period, WEEK: week_period, MONTH: month_period}


def containing(kind: str, day: dt.date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind not in KINDS:
        raise ValidationError(
            "kind", t("报告类型只能是 day / week / month：{}", "kind must be day / week / month: {}").format(kind)
        )
    return _CONTAINING[kind](day)


def _bad(kind: str, text: str) -> ValidationError:
    return ValidationError(
        kind,
        t("无法识别的{}“{}”，应写成 {}", 'cannot read the {} "{}"; expected the form {}').format(
            t({DAY: "日期", WEEK: "周", MONTH: "月份"}[kind], kind), text, _FORMS[kind]
        ),
    )


def parse_period(kind: str, text: str) -> Period:
    """The period a key names; ValidationError naming the field and the expected form."""
    if kind not in KINDS:
        containing(kind, dt.date.today())  # raises the kind's message
    raw = text.strip()
    try:
        if kind == DAY:
            if not _DAY.match(raw):
                raise ValueError(raw)
            return day_period(dt.date.fromisoformat(raw))
        if kind == WEEK:
            found = _WEEK.match(raw)
            if not found:
                raise ValueError(raw)
            # fromisocalendar refuses week 53 of a 52-week year: that is bad input too
            return week_period(dt.date.fromisocalendar(int(found[1]), int(found[2]), 1))
        found = _MONTH.match(raw)
        if not found:
            raise ValueError(raw)
        return month_period(dt.date(int(found[1]), int(found[2]), 1))
    except ValueError:
        raise _bad(kind, text) from None


def period_for(kind: str, text: str | None, today: dt.date) -> Period:
    """The period ``text`` names, or (None / empty) the one containing ``today``."""
    if text is None or not text.strip():
        return containing(kind, today)
    return parse_period(kind, text)


def shift(period: Period, n: int) -> Period:
    """The period ``n`` periods later (negative: earlier) of the same kind."""
    if period.kind == DAY:
        return day_period(period.start + dt.timedelta(days=n))
    if period.kind == WEEK:
        return week_period(period.start + dt.timedelta(weeks=n))
    months = period.start.year * 12 + period.start.month - 1 + n
    return month_period(dt.date(months // 12, months % 12 + 1, 1))


def last_periods(period: Period, count: int) -> list[Period]:
    """``count`` periods ending with ``period``, oldest first (a KPI's trend)."""
    return [shift(period, n) for n in range(1 - count, 1)]


SHANGHAI = "Asia/Shanghai"


def local_day(now: dt.datetime) -> dt.date:
    """The Asia/Shanghai calendar day of ``now``. Times in the vault are naive local times (the
    contacts' ``at``, appointments), so a naive ``now`` is taken as local already; an aware one
    (a clock in UTC) is converted first. tzdata is a runtime dependency for Windows."""
    if now.tzinfo is None:
        return now.date()
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(SHANGHAI)).date()


def local_naive(now: dt.datetime) -> dt.datetime:
    """``now`` as a naive Asia/Shanghai time, the form the vault stores."""
    if now.tzinfo is None:
        return now
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(SHANGHAI)).replace(tzinfo=None)
