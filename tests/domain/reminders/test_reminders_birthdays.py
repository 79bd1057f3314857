"""Birthday reminders: solar leap days, milestones, and lunar birthdays checked against lunar_python."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunar_python import Lunar, LunarMonth, Solar

from rm_desktop.domain.reminders import ClientFacts, ReminderSettings
from rm_desktop.domain.reminders.birthdays import BirthdayIndex, birthday_occurrences, birthday_reminders
from rm_desktop.domain.reminders.lunar import lunar_to_solar, month_length, solar_to_lunar
from rm_desktop.i18n import set_language

SETTINGS = ReminderSettings()


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def remind(who: ClientFacts, start: date, end: date):
    return birthday_reminders(who, BirthdayIndex(start, end), SETTINGS)


def client(birth: date, lunar: bool = False, name: str = "王小明") -> ClientFacts:
    return ClientFacts(client_id=42, name=name, tier_code="A", birth_date=birth, lunar_birthday=lunar)


# --- solar -----------------------------------------------------------------------------------


def test_feb_29_birth_is_celebrated_on_feb_28_in_common_years():
    born = date(2000, 2, 29)
    found = birthday_occurrences(born, False, date(2027, 1, 1), date(2028, 12, 31))
    assert found == [(date(2027, 2, 28), 27), (date(2028, 2, 29), 28)]


def test_feb_29_detail_explains_the_move():
    [reminder] = remind(client(date(1968, 2, 29)), date(2027, 2, 1), date(2027, 3, 31))
    assert reminder.date == date(2027, 2, 28)
    assert "2月28日" in reminder.detail
    [leap] = remind(client(date(1968, 2, 29)), date(2028, 2, 1), date(2028, 3, 31))
    assert leap.date == date(2028, 2, 29)
    assert leap.title == "王小明 生日（60岁整寿）"
    assert "2月28日" not in leap.detail


def test_milestone_and_plain_titles_and_key():
    [sixty] = remind(client(date(1966, 5, 20)), date(2026, 5, 1), date(2026, 5, 31))
    assert sixty.title == "王小明 生日（60岁整寿）"
    assert sixty.key == "birthday:42:2026-05-20"
    assert (sixty.date, sixty.due, sixty.client_id) == (date(2026, 5, 20), date(2026, 5, 20), 42)
    [plain] = remind(client(date(1981, 5, 20)), date(2026, 5, 1), date(2026, 5, 31))
    assert plain.title == "王小明 生日（45岁）"
    set_language("en")
    [english] = remind(client(date(1966, 5, 20)), date(2026, 5, 1), date(2026, 5, 31))
    assert english.title == "王小明: birthday (60, milestone)"


def test_window_across_year_end_and_month_ends():
    window = (date(2026, 12, 20), date(2027, 1, 10))
    assert birthday_occurrences(date(1980, 12, 31), False, *window) == [(date(2026, 12, 31), 46)]
    assert birthday_occurrences(date(1980, 1, 2), False, *window) == [(date(2027, 1, 2), 47)]
    assert birthday_occurrences(date(1980, 6, 30), False, *window) == []


def test_no_birth_date_or_future_birth_gives_nothing():
    no_date = ClientFacts(1, "李华", "A")
    assert remind(no_date, date(2026, 1, 1), date(2026, 12, 31)) == []
    # the birth day itself is not a birthday
    assert birthday_occurrences(date(2026, 3, 1), False, date(2026, 1, 1), date(2026, 12, 31)) == []


# --- lunar conversions against lunar_python ----------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1901, 3, 1), max_value=date(2099, 12, 31)))
def test_solar_to_lunar_matches_lunar_python(day):
    ours = solar_to_lunar(day)
    theirs = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    assert (ours.year, -ours.month if ours.leap else ours.month, ours.day) == (
        theirs.getYear(),
        theirs.getMonth(),
        theirs.getDay(),
    )


@settings(max_examples=80, deadline=None)
@given(st.integers(1901, 2099), st.integers(1, 12), st.integers(1, 30))
def test_lunar_to_solar_matches_lunar_python(year, month, day):
    length = LunarMonth.fromYm(year, month).getDayCount()
    assert month_length(year, month) == length
    if day > length:
        with pytest.raises(ValueError):
            lunar_to_solar(year, month, day)
        return
    solar = Lunar.fromYmd(year, month, day).getSolar()
    assert lunar_to_solar(year, month, day) == date(solar.getYear(), solar.getMonth(), solar.getDay())


def test_missing_leap_month_is_none():
    assert lunar_to_solar(2026, 6, 1, leap=True) is None
    assert lunar_to_solar(2025, 6, 1, leap=True) == date(2025, 7, 25)
    assert month_length(2026, 6, leap=True) is None


# --- lunar birthdays ---------------------------------------------------------------------------


def _oracle(birth: date, start: date, end: date) -> list[date]:
    """Lunar birthdays by lunar_python's own API: regular month, day capped at month length."""
    lunar = Solar.fromYmd(birth.year, birth.month, birth.day).getLunar()
    month, day = abs(lunar.getMonth()), lunar.getDay()
    found = []
    for year in range(start.year - 1, end.year + 1):
        capped = min(day, LunarMonth.fromYm(year, month).getDayCount())
        solar = Lunar.fromYmd(year, month, capped).getSolar()
        when = date(solar.getYear(), solar.getMonth(), solar.getDay())
        if start <= when <= end and when > birth:
            found.append(when)
    return found


@settings(max_examples=25, deadline=None)
@given(
    st.dates(min_value=date(1930, 1, 1), max_value=date(2010, 12, 31)),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 400),
)
def test_lunar_birthdays_match_lunar_python(birth, start, length):
    end = start + timedelta(days=length)
    assert [d for d, _ in birthday_occurrences(birth, True, start, end)] == _oracle(birth, start, end)


def test_lunar_30th_in_a_29_day_month_falls_on_the_29th():
    born = date(1952, 3, 25)
    assert solar_to_lunar(born).month == 2 and solar_to_lunar(born).day == 30
    assert LunarMonth.fromYm(2026, 2).getDayCount() == 29
    expected = Lunar.fromYmd(2026, 2, 29).getSolar()
    [reminder] = remind(client(born, lunar=True), date(2026, 1, 1), date(2026, 12, 31))
    assert reminder.date == date(expected.getYear(), expected.getMonth(), expected.getDay())
    assert reminder.date == date(2026, 4, 16)
    assert reminder.title == "王小明 农历生日（二月三十，74岁）"
    assert "廿九" in reminder.detail
    # In 2027 month 2 has 30 days: the real day 30.
    [exact] = remind(client(born, lunar=True), date(2027, 1, 1), date(2027, 12, 31))
    solar30 = Lunar.fromYmd(2027, 2, 30).getSolar()
    assert exact.date == date(solar30.getYear(), solar30.getMonth(), solar30.getDay())
    assert "廿九" not in exact.detail


def test_leap_month_birth_is_celebrated_once_in_the_regular_month():
    born = date(1990, 7, 2)  # 1990 闰五月初十
    lunar = Solar.fromYmd(1990, 7, 2).getLunar()
    assert (lunar.getMonth(), lunar.getDay()) == (-5, 10)
    # 2009 has both 五月 and 闰五月: only the regular one counts.
    found = birthday_occurrences(born, True, date(2009, 1, 1), date(2009, 12, 31))
    regular = Lunar.fromYmd(2009, 5, 10).getSolar()
    assert found == [(date(regular.getYear(), regular.getMonth(), regular.getDay()), 19)]
    assert found[0][0] == date(2009, 6, 2)
    # 2026 has no leap month.
    [reminder] = remind(client(born, lunar=True), date(2026, 1, 1), date(2026, 12, 31))
    solar = Lunar.fromYmd(2026, 5, 10).getSolar()
    assert reminder.date == date(solar.getYear(), solar.getMonth(), solar.getDay())
    assert reminder.title == "王小明 农历生日（闰五月初十，36岁）"
    assert "闰月" in reminder.detail


def test_lunar_twelfth_month_birthday_lands_in_next_solar_year():
    born = date(1970, 1, 26)  # lunar 1969 腊月十九
    lunar = solar_to_lunar(born)
    assert (lunar.year, lunar.month, lunar.day) == (1969, 12, 19)
    found = birthday_occurrences(born, True, date(2027, 1, 1), date(2027, 2, 28))
    expected = Lunar.fromYmd(2026, 12, 19).getSolar()
    assert found == [(date(expected.getYear(), expected.getMonth(), expected.getDay()), 57)]
