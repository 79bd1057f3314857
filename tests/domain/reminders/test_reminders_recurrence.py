"""Repeat rules: month ends, leap days, bounded expansion and refused rules."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.reminders import PRESETS, normalize_rrule, occurrences, parse_rrule
from rm_desktop.i18n import set_language


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def days(found: list[datetime]) -> list[date]:
    return [d.date() for d in found]


JAN31 = datetime(2026, 1, 31, 9, 0)


def test_month_end_rule():
    found = occurrences("FREQ=MONTHLY;BYMONTHDAY=-1", JAN31, date(2026, 1, 1), date(2026, 5, 31))
    assert days(found) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]
    assert all(d.time() == JAN31.time() for d in found)


def test_monthly_on_the_31st_does_not_skip_short_months():
    found = occurrences("RRULE:FREQ=MONTHLY", JAN31, date(2026, 1, 1), date(2026, 4, 30))
    assert days(found) == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert normalize_rrule("FREQ=MONTHLY", JAN31) == "FREQ=MONTHLY;BYMONTHDAY=-1"
    assert normalize_rrule("FREQ=MONTHLY;BYMONTHDAY=31", JAN31) == "FREQ=MONTHLY;BYMONTHDAY=-1"
    strict = occurrences("FREQ=MONTHLY", JAN31, date(2026, 1, 1), date(2026, 5, 31), clamp_month_end=False)
    assert days(strict) == [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]


def test_monthly_on_the_30th_falls_back_in_february_only():
    start = datetime(2028, 1, 30)
    expected = "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"
    assert normalize_rrule("FREQ=MONTHLY;BYMONTHDAY=30", start) == expected
    found = occurrences("FREQ=MONTHLY;BYMONTHDAY=30", start, date(2028, 1, 1), date(2028, 3, 31))
    assert days(found) == [date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 30)]


def test_yearly_on_feb_29_every_year():
    start = date(2024, 2, 29)
    assert normalize_rrule("FREQ=YEARLY", start) == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
    found = occurrences("FREQ=YEARLY", start, date(2026, 1, 1), date(2028, 12, 31))
    assert days(found) == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]


def test_common_rules():
    mon = datetime(2026, 3, 2, 10, 0)  # a Monday
    weekly = occurrences("FREQ=WEEKLY;BYDAY=MO,FR", mon, date(2026, 3, 1), date(2026, 3, 14))
    assert days(weekly) == [date(2026, 3, 2), date(2026, 3, 6), date(2026, 3, 9), date(2026, 3, 13)]
    every_other = occurrences("FREQ=DAILY;INTERVAL=2", mon, date(2026, 3, 1), date(2026, 3, 8))
    assert days(every_other) == [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 8)]
    last_friday = occurrences("FREQ=MONTHLY;BYDAY=-1FR", mon, date(2026, 3, 1), date(2026, 5, 31))
    assert days(last_friday) == [date(2026, 3, 27), date(2026, 4, 24), date(2026, 5, 29)]
    assert days(occurrences(None, mon, date(2026, 3, 1), date(2026, 3, 2))) == [date(2026, 3, 2)]
    assert occurrences("", mon, date(2026, 3, 3), date(2026, 3, 9)) == []


def test_count_and_until():
    mon = datetime(2026, 3, 2, 9, 0)
    assert len(occurrences("FREQ=DAILY;COUNT=3", mon, date(2026, 1, 1), date(2026, 12, 31))) == 3
    assert occurrences("FREQ=DAILY;COUNT=3", mon, date(2026, 3, 5), date(2026, 12, 31)) == []
    until = occurrences("FREQ=DAILY;UNTIL=20260304", mon, date(2026, 1, 1), date(2026, 12, 31))
    assert days(until) == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)]  # whole last day
    # UNTIL in UTC: 2026-03-04T01:00Z is 09:00 in China, so the 09:00 occurrence that day counts
    utc = occurrences("FREQ=DAILY;UNTIL=20260304T010000Z", mon, date(2026, 1, 1), date(2026, 12, 31))
    assert len(utc) == 3
    assert normalize_rrule("FREQ=DAILY;UNTIL=20260304T090000", mon) == "FREQ=DAILY;UNTIL=20260304T010000Z"


def test_cap_limits_a_long_expansion():
    found = occurrences("FREQ=DAILY", date(2000, 1, 1), date(2000, 1, 1), date(2030, 1, 1), cap=50)
    assert len(found) == 50


def test_parse_rrule_gives_a_dateutil_rule():
    rule = parse_rrule("FREQ=MONTHLY", JAN31)
    assert rule.after(datetime(2026, 2, 1)) == datetime(2026, 2, 28, 9, 0)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=FOO", "FREQ"),
        ("FREQ=DAILY;UNTIL=20250101", "早于"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH"),
        ("FREQ=DAILY;FOO=1", "FOO"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "COUNT"),
        ("FREQ=WEEKLY;BYDAY=XX", "XX"),
        ("FREQ=WEEKLY;BYDAY=1MO", "1MO"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=10", "BYSETPOS"),
        ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31;BYDAY=MO", "不存在"),
        ("FREQ=DAILY;FREQ=WEEKLY", "重复"),
        ("FREQ=DAILY;UNTIL=2026-13-01", "UNTIL"),
        ("INTERVAL=2", "FREQ"),
        ("", "为空"),
        ("FREQ=DAILY\nFREQ=WEEKLY", "一行"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(text, fragment):
    with pytest.raises(ValidationError) as err:
        parse_rrule(text, JAN31)
    assert err.value.field == "rrule"
    assert fragment in err.value.message


def test_impossible_day_in_strict_mode_and_english_message():
    with pytest.raises(ValidationError, match="2月30日"):
        parse_rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", JAN31, clamp_month_end=False)
    # every fourth year from 2025 is never a leap year
    with pytest.raises(ValidationError, match="没有任何日期"):
        parse_rrule("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", date(2025, 1, 1), clamp_month_end=False)
    # with month-end semantics it means "the last day of February"
    found = occurrences("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", JAN31, date(2027, 1, 1), date(2028, 12, 31))
    assert days(found) == [date(2027, 2, 28), date(2028, 2, 29)]
    set_language("en")
    with pytest.raises(ValidationError, match="before the start"):
        parse_rrule("FREQ=DAILY;UNTIL=20250101", JAN31)


def test_presets_are_valid():
    for text, _zh, _en in PRESETS.values():
        assert occurrences(text, JAN31, date(2026, 1, 1), date(2026, 12, 31))


_part = st.sampled_from(
    [
        "INTERVAL=2",
        "INTERVAL=0",
        "COUNT=5",
        "UNTIL=20270630",
        "UNTIL=20200101",
        "BYMONTH=2",
        "BYMONTH=4,6",
        "BYMONTHDAY=31",
        "BYMONTHDAY=-1",
        "BYMONTHDAY=30",
        "BYMONTHDAY=29,15",
        "BYMONTHDAY=40",
        "BYDAY=MO,WE",
        "BYDAY=-1FR",
        "BYDAY=2TU",
        "BYSETPOS=-1",
        "BYSETPOS=3",
        "WKST=SU",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY"]),
    st.lists(_part, max_size=3, unique_by=lambda p: p.split("=")[0]),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
    st.booleans(),
)
def test_any_rule_either_expands_in_the_window_or_is_refused(freq, parts, start, clamp):
    text = ";".join([f"FREQ={freq}", *parts])
    low, high = date(2026, 1, 1), date(2027, 12, 31)
    try:
        found = occurrences(text, start, low, high, clamp_month_end=clamp)
    except ValidationError as err:
        assert err.field == "rrule" and err.message
        return
    assert found == sorted(set(found))
    assert all(datetime(2026, 1, 1) <= d <= datetime(2027, 12, 31, 23, 59, 59) for d in found)
    assert all(d >= start.replace(microsecond=0) for d in found)  # rules have second precision
    if clamp and freq == "MONTHLY" and not parts and start <= datetime(2026, 1, 1):
        assert len(found) == 24  # never skips a month
