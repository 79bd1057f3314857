"""Report periods: keys round-trip, ISO weeks (53-week years, weeks across months and years),
shifts, the Asia/Shanghai day of a clock, and bad input refused naming the field and the form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports.periods import last_periods, local_day, parse_period, period_for, shift

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
kinds = st.sampled_from(("day", "week", "month"))


@given(kinds, days)
def test_the_key_of_a_period_names_it_again(kind, day):
    period = period_for(kind, None, day)
    assert period.start <= day <= period.end
    assert parse_period(kind, period.key) == period


@given(kinds, days, st.integers(-30, 30))
def test_shift_moves_by_whole_periods_and_back(kind, day, n):
    period = period_for(kind, None, day)
    moved = shift(period, n)
    assert moved.kind == kind and shift(moved, -n) == period
    if n > 0:
        assert moved.start > period.end
    if n == 1:
        assert moved.start == period.end + dt.timedelta(days=1)


@given(days)
def test_a_week_is_monday_to_sunday(day):
    week = period_for("week", None, day)
    assert week.start.weekday() == 0 and (week.end - week.start).days == 6


def test_iso_week_53_and_weeks_across_months_and_years():
    assert parse_period("week", "2026-W53").start == dt.date(2026, 12, 28)  # 2026 has 53 ISO weeks
    assert parse_period("week", "2026-W53").end == dt.date(2027, 1, 3)
    assert period_for("week", None, dt.date(2027, 1, 1)).key == "2026-W53"
    assert parse_period("week", "2026-W49") == period_for("week", None, dt.date(2026, 12, 2))
    assert parse_period("week", "2026-W49").start == dt.date(2026, 11, 30)  # spans November and December
    with pytest.raises(UserError, match="2026-W49"):
        parse_period("week", "2025-W53")  # 2025 has 52


def test_months_and_their_lengths():
    assert parse_period("month", "2028-02").end == dt.date(2028, 2, 29)
    assert shift(parse_period("month", "2026-12"), 1).key == "2027-01"
    assert [p.key for p in last_periods(parse_period("month", "2026-02"), 3)] == ["2025-12", "2026-01", "2026-02"]


@pytest.mark.parametrize(
    ("kind", "text", "form"),
    [
        ("day", "2026-13-01", "2026-12-01"),
        ("day", "12/01/2026", "2026-12-01"),
        ("week", "2026-49", "2026-W49"),
        ("week", "2026-W00", "2026-W49"),
        ("month", "2026-13", "2026-12"),
        ("month", "十二月", "2026-12"),
    ],
)
def test_bad_input_names_the_field_and_the_expected_form(kind, text, form):
    with pytest.raises(UserError) as caught:
        period_for(kind, text, dt.date(2026, 12, 2))
    assert str(caught.value).startswith(f"{kind}: ") and form in str(caught.value) and "\n" not in str(caught.value)


@given(st.text(max_size=12))
def test_any_text_is_a_period_or_a_user_error(text):
    for kind in ("day", "week", "month"):
        try:
            period = period_for(kind, text, dt.date(2026, 12, 2))
        except UserError:
            continue
        assert period.kind == kind


def test_the_day_of_a_clock_is_the_shanghai_day():
    utc = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)  # 01:30 on the 2nd in Shanghai
    assert local_day(utc) == dt.date(2026, 12, 2)
    assert local_day(dt.datetime(2026, 12, 1, 23, 59)) == dt.date(2026, 12, 1)  # naive: local already
