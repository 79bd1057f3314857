"""Repeat rules for custom reminders and appointments: a checked subset of RFC 5545 RRULE.

The user's rule text (``FREQ=MONTHLY;BYMONTHDAY=-1``, with or without ``RRULE:``) is parsed
here, not by ``dateutil.rrule.rrulestr``, because dateutil accepts rules that never occur or
that hang (``INTERVAL=0`` loops forever, ``BYMONTHDAY=32`` scans to the year 9999). Each part
is checked and a refused rule raises :class:`ValidationError` on field ``rrule`` with a
bilingual reason; only then is a dateutil ``rrule`` built.

Supported: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT or UNTIL, BYMONTH,
BYMONTHDAY, BYDAY (with an ordinal such as ``-1FR`` for monthly/yearly rules), BYSETPOS, WKST.

Month ends: RFC 5545 skips dates that do not exist, so "monthly on the 31st" silently drops
February, April, …, and "yearly on 29 February" fires every four years. An RM who sets such a
rule means "the 31st, or the month's last day". With ``clamp_month_end=True`` (the default) a
monthly or single-month yearly rule on day 29–31 (given in BYMONTHDAY or taken from the start
date) is rewritten to the standard form ``BYMONTHDAY=28,…,d;BYSETPOS=-1`` (``-1`` for day 31),
which means exactly that. ``False`` keeps the RFC behaviour. :func:`normalize_rrule` returns the
rewritten text, to store. Not every calendar program reads BYSETPOS (Thunderbird's ical.js
ignores it), so the .ics export writes such rules in other forms (io/ics.portable_rule).

Times are naive local times in China (UTC+8, no daylight saving since 1991); ``UNTIL`` may be a
date (inclusive of that whole day), a local date-time, or a UTC date-time ending in ``Z``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Literal

from dateutil import rrule as du

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

MAX_OCCURRENCES = 1000  # cap on one expansion; a list longer than this is a misuse of the window
_PROBE_YEARS = 30  # a valid rule must occur within this many years of its start
CHINA_OFFSET = timedelta(hours=8)
FREQS: dict[str, Literal[0, 1, 2, 3]] = {
    "DAILY": du.DAILY,
    "WEEKLY": du.WEEKLY,
    "MONTHLY": du.MONTHLY,
    "YEARLY": du.YEARLY,
}
WEEKDAYS = {"MO": du.MO, "TU": du.TU, "WE": du.WE, "TH": du.TH, "FR": du.FR, "SA": du.SA, "SU": du.SU}
_MAX_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Ready-made rules for a picker: code -> (rule text, Chinese label, English label).
PRESETS: dict[str, tuple[str, str, str]] = {
    "daily": ("FREQ=DAILY", "每天", "Daily"),
    "weekly": ("FREQ=WEEKLY", "每周", "Weekly"),
    "monthly": ("FREQ=MONTHLY", "每月（同一天，短月取最后一天）", "Monthly (same day, or month end)"),
    "month_end": ("FREQ=MONTHLY;BYMONTHDAY=-1", "每月最后一天", "Last day of every month"),
    "yearly": ("FREQ=YEARLY", "每年", "Yearly"),
}


@dataclass(frozen=True, slots=True)
class RepeatRule:
    """A checked rule, independent of its start; ``until`` is a naive local datetime."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: datetime | None = None
    bymonth: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byday: tuple[tuple[int | None, str], ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: str | None = None

    def text(self) -> str:
        """Canonical RRULE text; UNTIL in UTC as RFC 5545 wants next to a DTSTART with TZID."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until - CHINA_OFFSET:%Y%m%dT%H%M%SZ}")
        for name, values in (("BYMONTH", self.bymonth), ("BYMONTHDAY", self.bymonthday)):
            if values:
                parts.append(f"{name}={','.join(map(str, values))}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(f"{n if n else ''}{wd}" for n, wd in self.byday))
        if self.bysetpos:
            parts.append(f"BYSETPOS={','.join(map(str, self.bysetpos))}")
        if self.wkst:
            parts.append(f"WKST={self.wkst}")
        return ";".join(parts)

    def to_rrule(self, dtstart: datetime, count: int | None, until: datetime | None) -> du.rrule:
        byday = [WEEKDAYS[wd](n) if n else WEEKDAYS[wd] for n, wd in self.byday]
        return du.rrule(
            FREQS[self.freq],
            dtstart=dtstart,
            interval=self.interval,
            wkst=WEEKDAYS[self.wkst] if self.wkst else None,
            count=count,
            until=until,
            bymonth=self.bymonth or None,
            bymonthday=self.bymonthday or None,
            byweekday=byday or None,
            bysetpos=self.bysetpos or None,
        )


def _error(zh: str, en: str, *args: object) -> ValidationError:
    return ValidationError("rrule", t(zh, en).format(*args))


def _ints(key: str, value: str, low: int, high: int) -> tuple[int, ...]:
    """Comma-separated integers in ±[low, high] (negative allowed when low < 0), never 0."""
    try:
        numbers = tuple(int(v) for v in value.split(","))
    except ValueError:
        raise _error("{} 应为整数：{}", "{} must be whole numbers: {}", key, value) from None
    for n in numbers:
        if n == 0 or not low <= n <= high:
            raise _error("{} 的取值 {} 超出范围 {}…{}", "{} value {} is outside {}…{}", key, n, low, high)
    return numbers


def _parse_until(value: str) -> datetime:
    try:
        if len(value) == 8:  # a date: the whole day counts
            return datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time.max)
        if value.endswith("Z"):
            return datetime.strptime(value, "%Y%m%dT%H%M%SZ") + CHINA_OFFSET
        return datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        raise _error(
            "UNTIL 日期无效：{}（应为 20261231 或 20261231T180000）",
            "UNTIL is not a valid date: {} (use 20261231 or 20261231T180000)",
            value,
        ) from None


def _parse_byday(value: str, freq: str) -> tuple[tuple[int | None, str], ...]:
    days: list[tuple[int | None, str]] = []
    for item in value.split(","):
        code, prefix = item[-2:], item[:-2]
        if code not in WEEKDAYS:
            raise _error("BYDAY 中的星期无效：{}", "BYDAY has an unknown weekday: {}", item)
        ordinal = None
        if prefix:
            if freq not in ("MONTHLY", "YEARLY"):
                raise _error(
                    "只有按月或按年的规则才能写“第几个星期几”：{}",
                    "only monthly or yearly rules take an ordinal weekday: {}",
                    item,
                )
            ordinal = _ints(
                "BYDAY", prefix.lstrip("+"), -53 if freq == "YEARLY" else -5, 53 if freq == "YEARLY" else 5
            )[0]
        days.append((ordinal, code))
    return tuple(days)


def _split(text: str) -> dict[str, str]:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body:
        raise _error("重复规则为空", "the repeat rule is empty")
    if "\n" in body or "\r" in body:
        raise _error("重复规则只能有一行", "the repeat rule must be a single line")
    parts: dict[str, str] = {}
    for item in body.strip(";").split(";"):
        key, sep, value = item.partition("=")
        key, value = key.strip().upper(), value.strip().upper()
        if not sep or not value:
            raise _error("规则项格式应为 名称=值：{}", "rule parts must be NAME=value: {}", item)
        if key in parts:
            raise _error("规则项重复：{}", "rule part given twice: {}", key)
        parts[key] = value
    return parts


def _parse(text: str) -> RepeatRule:
    parts = _split(text)
    unknown = set(parts) - {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"}
    if unknown:
        raise _error("不支持的规则项：{}", "unsupported rule part: {}", ", ".join(sorted(unknown)))
    freq = parts.get("FREQ")
    if freq not in FREQS:
        raise _error(
            "FREQ 应为 DAILY、WEEKLY、MONTHLY 或 YEARLY，而不是 {}",
            "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not {}",
            freq or t("空", "empty"),
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise _error("COUNT 和 UNTIL 只能选一个", "use COUNT or UNTIL, not both")
    wkst = parts.get("WKST")
    if wkst is not None and wkst not in WEEKDAYS:
        raise _error("WKST 中的星期无效：{}", "WKST has an unknown weekday: {}", wkst)
    rule = RepeatRule(
        freq=freq,
        interval=_ints("INTERVAL", parts["INTERVAL"], 1, 999)[0] if "INTERVAL" in parts else 1,
        count=_ints("COUNT", parts["COUNT"], 1, 10000)[0] if "COUNT" in parts else None,
        until=_parse_until(parts["UNTIL"]) if "UNTIL" in parts else None,
        bymonth=_ints("BYMONTH", parts["BYMONTH"], 1, 12) if "BYMONTH" in parts else (),
        bymonthday=_ints("BYMONTHDAY", parts["BYMONTHDAY"], -31, 31) if "BYMONTHDAY" in parts else (),
        byday=_parse_byday(parts["BYDAY"], freq) if "BYDAY" in parts else (),
        bysetpos=_ints("BYSETPOS", parts["BYSETPOS"], -366, 366) if "BYSETPOS" in parts else (),
        wkst=wkst,
    )
    if rule.bysetpos and not (rule.bymonthday or rule.byday or rule.bymonth):
        raise _error("BYSETPOS 需要与 BYDAY 或 BYMONTHDAY 一起使用", "BYSETPOS needs BYDAY or BYMONTHDAY beside it")
    largest = _max_set_size(rule)
    for position in rule.bysetpos:
        # Checked here because dateutil would scan decades looking for a set that large.
        if abs(position) > largest:
            raise _error(
                "BYSETPOS={} 超出每个周期最多 {} 个日期",
                "BYSETPOS={} exceeds the at most {} dates of each period",
                position,
                largest,
            )
    return rule


def _max_set_size(rule: RepeatRule) -> int:
    """An upper bound on the dates one period (day, week, month, year) of the rule can hold."""
    if rule.freq == "DAILY":
        return 1
    months = len(rule.bymonth) or 12
    per_weekday = {"WEEKLY": 1, "MONTHLY": 5, "YEARLY": 5 * months if rule.bymonth else 53}[rule.freq]
    bounds = []
    if rule.byday:
        bounds.append(sum(1 if n else per_weekday for n, _ in rule.byday))
    if rule.bymonthday:
        bounds.append(len(rule.bymonthday) * (months if rule.freq == "YEARLY" else 1))
    if not bounds:
        bounds.append(months if rule.freq == "YEARLY" and rule.bymonth else 1)
    return min(bounds)


def _clamp_month_end(rule: RepeatRule, start: datetime) -> RepeatRule:
    """Rewrite "day 29–31" rules to "that day or the month's last day" (see module notes)."""
    if rule.byday or rule.bysetpos or len(rule.bymonthday) > 1:
        return rule
    day = rule.bymonthday[0] if rule.bymonthday else start.day
    if day < 29:
        return rule
    # "-1" alone already means the last day; 29 and 30 need "the last of 28..d".
    days, setpos = ((-1,), ()) if day == 31 else (tuple(range(28, day + 1)), (-1,))
    if rule.freq == "MONTHLY":
        return replace(rule, bymonthday=days, bysetpos=setpos)
    if rule.freq == "YEARLY":
        # BYSETPOS picks one date per year, so only a rule on one month can be clamped.
        months = rule.bymonth or ((start.month,) if not rule.bymonthday else ())
        if len(months) == 1:
            return replace(rule, bymonth=months, bymonthday=days, bysetpos=setpos)
    return rule


def _check_occurs(rule: RepeatRule, start: datetime) -> None:
    if rule.until is not None and rule.until < start:
        raise _error(
            "结束日期 {} 早于开始日期 {}",
            "the end date {} is before the start {}",
            rule.until.date().isoformat(),
            start.date().isoformat(),
        )
    if rule.bymonthday:
        months = rule.bymonth or tuple(range(1, 13))
        if not any(abs(d) <= _MAX_MONTH_DAYS[m - 1] for m in months for d in rule.bymonthday):
            raise _error(
                "规则中的日期在所选月份中不存在（如2月30日）",
                "the rule's day does not exist in its months (such as 30 February)",
            )
    horizon = start.replace(year=start.year + _PROBE_YEARS, day=min(start.day, 28))
    bound = horizon if rule.until is None else min(rule.until, horizon)
    if rule.to_rrule(start, None, bound).after(start, inc=True) is None:
        raise _error("该规则在开始后没有任何日期", "the rule has no date after its start")


def _as_datetime(value: date | datetime) -> datetime:
    """Dates start at midnight; microseconds go, as dateutil drops them from occurrences."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return datetime.combine(value, time.min)


def parse_repeat_rule(text: str, dtstart: date | datetime, *, clamp_month_end: bool = True) -> RepeatRule:
    """Check a rule text against its start; raises ValidationError for a rule that cannot work."""
    start = _as_datetime(dtstart)
    rule = _parse(text)
    if clamp_month_end:
        rule = _clamp_month_end(rule, start)
    _check_occurs(rule, start)
    return rule


def parse_rrule(text: str, dtstart: date | datetime, *, clamp_month_end: bool = True) -> du.rrule:
    """The dateutil rule for a checked text (may be unbounded: expand it with :func:`occurrences`)."""
    rule = parse_repeat_rule(text, dtstart, clamp_month_end=clamp_month_end)
    return rule.to_rrule(_as_datetime(dtstart), rule.count, rule.until)


def normalize_rrule(text: str, dtstart: date | datetime, *, clamp_month_end: bool = True) -> str:
    """The canonical text of a checked rule, month-end rewrite applied: store and export this."""
    return parse_repeat_rule(text, dtstart, clamp_month_end=clamp_month_end).text()


def occurrences(
    rule_text: str | None,
    dtstart: date | datetime,
    start: date | datetime,
    end: date | datetime,
    *,
    cap: int = MAX_OCCURRENCES,
    clamp_month_end: bool = True,
) -> list[datetime]:
    """Occurrences within [start, end] (a date ``end`` includes its whole day), at most ``cap``.

    No rule text means a single occurrence at ``dtstart``.
    """
    first, low = _as_datetime(dtstart), _as_datetime(start)
    high = end if isinstance(end, datetime) else datetime.combine(end, time.max)
    if rule_text is None or not rule_text.strip():
        return [first] if low <= first <= high else []
    rule = parse_repeat_rule(rule_text, first, clamp_month_end=clamp_month_end)
    if rule.count is not None:
        expanded = rule.to_rrule(first, rule.count, None)  # finite: at most COUNT dates
    else:
        # Bounding UNTIL by the window keeps dateutil's iteration finite.
        expanded = rule.to_rrule(first, None, high if rule.until is None else min(rule.until, high))
    found: list[datetime] = []
    for when in expanded:
        if when > high or len(found) >= cap:
            break
        if when >= low:
            found.append(when)
    return found
